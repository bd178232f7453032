//! `/api/v1` routes for publications, ratings and topics.

use crate::api::json::{Answer, ErrorBody, JsonWrite, Page, StrictPath, StrictQuery};
use crate::error::{AppError, FieldCode};
use crate::platform::db::Tx;
use crate::platform::deferred;
use crate::platform::visitor::Visitor;
use crate::{
    platform::state::AppState,
    publications::{
        self,
        rating_totals::TotalChanges,
        rating_writes::{self, VisitorRating},
        ratings,
    },
};
use crate::{
    platform::texts::{Lang, Texts},
    publications::{CatalogueQuery, Publication, RateOutcome, RatingInput},
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A publication as the open-data API gives it.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct PublicationJson {
    pub id: i64,
    /// The title in `lang` (or the first language that has one).
    pub title: String,
    pub titles: Texts,
    pub kind: crate::publications::Kind,
    pub channel: crate::publications::Channel,
    /// Department code.
    pub department: String,
    pub topics: Vec<String>,
    pub published_at: DateTime<Utc>,
    pub url: Option<String>,
    pub ratings: RatingsJson,
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct RatingsJson {
    pub count: i64,
    pub mean: Option<f64>,
    /// Ratings with 1, 2, 3, 4 and 5 stars.
    pub distribution: [i64; 5],
    /// Ratings per tone (counts).
    pub tone: crate::publications::ToneCounts,
    /// The same as fractions 0–1 of all ratings.
    pub tone_shares: ToneShares,
    /// Counts, mean and tone per audience (one publication only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_audience: Vec<crate::publications::AudienceSplit>,
}

#[derive(Serialize, Deserialize, utoipa::ToSchema)]
pub struct ToneShares {
    pub positive: f64,
    pub neutral: f64,
    pub negative: f64,
}

impl PublicationJson {
    pub fn from(p: Publication, lang: &str) -> PublicationJson {
        let r = &p.ratings;
        let tone_shares = ToneShares {
            positive: r.share(r.tone.positive),
            neutral: r.share(r.tone.neutral),
            negative: r.share(r.tone.negative),
        };
        PublicationJson {
            id: p.id,
            title: p.titles.get(lang).to_string(),
            kind: p.kind,
            channel: p.channel,
            department: p.department_code,
            topics: p.topics,
            published_at: p.published_at,
            url: p.url,
            ratings: RatingsJson {
                count: r.count,
                mean: r.mean,
                distribution: r.distribution,
                tone: r.tone.clone(),
                tone_shares,
                by_audience: p.ratings.by_audience.clone(),
            },
            titles: p.titles,
        }
    }
}

/// The `lang` of a read: `kk`, `ru`, `en` or empty; another is a `422`.
fn lang_of(lang: &str) -> Result<&str, AppError> {
    match lang.trim() {
        "" => Ok(""),
        l => Lang::parse(l)
            .map(Lang::as_str)
            .ok_or_else(|| AppError::field("lang", FieldCode::InvalidChoice)),
    }
}

/// Published publications with their rating aggregates.
#[utoipa::path(get, path = "/api/v1/publications", params(CatalogueQuery), responses(
    (status = 200, description = "A page `{items,total,page,per_page}` of publications"),
    (status = 400, description = "A parameter the operation does not take, or one it cannot read", body = ErrorBody),
    (status = 422, description = "A filter is not valid", body = ErrorBody)
))]
pub async fn list(
    State(st): State<AppState>,
    StrictQuery(q): StrictQuery<CatalogueQuery>,
) -> Result<Json<Page<PublicationJson>>, AppError> {
    let lang = lang_of(&q.lang)?;
    let page = publications::public_catalogue::public_page(&st, &q).await?;
    Ok(Json(Page {
        items: page.items.into_iter().map(|x| PublicationJson::from(x, lang)).collect(),
        total: page.total,
        page: page.page,
        per_page: page.per_page,
    }))
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(default, deny_unknown_fields)]
pub struct LangParam {
    /// The language of `title`.
    #[param(schema_with = crate::platform::schema::code_or_empty::<Lang>)]
    pub lang: String,
}

/// One published publication with its rating aggregates split by audience.
#[utoipa::path(get, path = "/api/v1/publications/{id}", params(("id" = i64, Path, minimum = 1, description = "The id, a positive 64-bit number"), LangParam), responses(
    (status = 200, description = "The publication", body = PublicationJson),
    (status = 400, description = "An id that is not a 64-bit number, or a parameter the operation does not take", body = ErrorBody),
    (status = 404, description = "No such published publication", body = ErrorBody),
    (status = 422, description = "`lang` is not one of the portal's languages", body = ErrorBody)
))]
pub async fn one(
    State(st): State<AppState>,
    StrictPath(id): StrictPath<i64>,
    StrictQuery(l): StrictQuery<LangParam>,
) -> Result<Json<PublicationJson>, AppError> {
    let lang = lang_of(&l.lang)?;
    // The publication's page keeps it a moment; this shares what it keeps.
    let (publication, _) = publications::public_catalogue::public_publication(&st, id).await?;
    Ok(Json(PublicationJson::from(publication, lang)))
}

/// The rating write: `{stars, tone, audience, comment}`.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct RatingWrite {
    /// 1 to 5.
    #[schema(minimum = 1, maximum = 5)]
    pub stars: i64,
    #[schema(value_type = crate::publications::Tone)]
    pub tone: String,
    #[schema(value_type = crate::publications::Audience)]
    pub audience: String,
    /// Up to 2,000 characters; shown only after moderation.
    #[schema(max_length = 2000, nullable)]
    pub comment: Option<String>,
}

/// The rating form's input from the JSON body. A value of the wrong type
/// becomes one the form's rules refuse beside its field (`"x"` is no star
/// count and no code); a comment that is not text is refused here.
fn input_from_json(v: &serde_json::Value) -> Result<RatingInput, AppError> {
    use serde_json::Value;
    let code = |k: &str| match v.get(k) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(_) => "x".into(),
    };
    let stars = match v.get("stars") {
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().and_then(crate::platform::whole_number::from_f64))
            .map_or_else(|| "x".into(), |i| i.to_string()),
        Some(Value::Null) | None => String::new(),
        Some(_) => "x".into(),
    };
    let comment = match v.get("comment") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(_) => return Err(AppError::field("comment", FieldCode::Invalid)),
    };
    Ok(RatingInput {
        stars,
        tone: code("tone"),
        audience: code("audience"),
        comment,
    })
}

/// Rates a publication as the visitor of the `ashyq_visitor` cookie. A first
/// rating answers `201`, a replacement of the same visitor's rating `200`;
/// the body is the publication. `Idempotency-Key` makes retries safe.
#[utoipa::path(post, path = "/api/v1/publications/{id}/ratings", params(("id" = i64, Path, minimum = 1, description = "The id, a positive 64-bit number"),
    crate::api::json::IdempotencyKey),
    request_body = RatingWrite, responses(
    (status = 201, description = "Rated", body = PublicationJson),
    (status = 200, description = "The visitor's earlier rating was replaced", body = PublicationJson),
    (status = 400, description = "The body is not a JSON object, the id is not a 64-bit number, or the Idempotency-Key is not valid", body = ErrorBody),
    (status = 404, description = "No such published publication", body = ErrorBody),
    (status = 409, description = "The Idempotency-Key was used with another request", body = ErrorBody),
    (status = 413, description = "The body is too large", body = ErrorBody),
    (status = 415, description = "The body is not `application/json`", body = ErrorBody),
    (status = 422, description = "A field is not valid", body = ErrorBody),
    (status = 429, description = "Too many writes from this address", body = ErrorBody)
))]
pub async fn rate(
    State(st): State<AppState>,
    StrictPath(id): StrictPath<i64>,
    Extension(visitor): Extension<Visitor>,
    write: JsonWrite,
) -> Result<Response, AppError> {
    let v = ratings::validate(&input_from_json(&write.json)?)?;
    let (visitor, tz) = (visitor.hash_for_write(), st.config.tz());
    let rating = move |rating| VisitorRating {
        publication_id: id,
        visitor,
        rating,
        at: Utc::now(),
        tz,
    };
    let status = |outcome| match outcome {
        RateOutcome::Created => StatusCode::CREATED,
        RateOutcome::Replaced => StatusCode::OK,
    };
    // Each is acknowledged once the commit it shares with concurrent ratings
    // is on disk (see `platform::group_commit`).
    if write.key.is_none() {
        // The shared writer only rates; the answer is read beside it, after
        // the commit, so the queue moves at the speed of the rating alone.
        let outcome = st.writes.write_together(rating(v)).await?;
        let publication = PublicationJson::from(publications::get(&st.db, id, false).await?, "");
        return Ok((status(outcome), Json(publication)).into_response());
    }
    // With an Idempotency-Key the answer is stored in the write's own
    // transaction, for a repeat to get.
    write
        .once_grouped(&st.writes, "ratings", &[&id.to_string()], move |tx: &mut Tx| {
            Box::pin(async move {
                let outcome = rating_writes::rate_in(tx, rating(v)).await?;
                // The stored answer shows this rating counted.
                deferred::finish_mine::<TotalChanges>(tx).await?;
                let publication = PublicationJson::from(publications::get_in(tx, id).await?, "");
                let body = serde_json::to_string(&publication).map_err(AppError::internal)?;
                Ok(Answer::same(status(outcome), body))
            })
        })
        .await
}
