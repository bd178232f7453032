//! `/api/v1` routes for publications, ratings and topics.

use crate::api::json::Page;
use crate::error::{AppError, FieldCode};
use crate::platform::visitor::Visitor;
use crate::{
    platform::texts::Texts,
    publications::{CatalogueQuery, Publication, RateOutcome, RatingInput},
};
use crate::{
    platform::{idempotency, state::AppState},
    publications::{self, ratings},
};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
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

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(default)]
pub struct ListParams {
    /// Department code, e.g. `MEDIA`.
    pub department: String,
    pub kind: String,
    pub channel: String,
    pub topic: String,
    /// First day, `YYYY-MM-DD` (the body's time zone).
    pub from: String,
    /// Last day, `YYYY-MM-DD`.
    pub to: String,
    /// Words to find in titles and summaries.
    pub q: String,
    /// `newest` (default), `best` or `most`.
    pub sort: String,
    pub page: Option<i64>,
    pub per_page: Option<i64>,
    /// `kk`, `ru` or `en`: the language of `title`.
    pub lang: String,
}

/// Published publications with their rating aggregates.
#[utoipa::path(get, path = "/api/v1/publications", params(ListParams), responses(
    (status = 200, description = "A page `{items,total,page,per_page}` of publications"),
    (status = 422, description = "A filter is not valid", body = crate::api::json::ErrorBody)
))]
pub async fn list(
    State(st): State<AppState>,
    Query(p): Query<ListParams>,
) -> Result<Json<Page<PublicationJson>>, AppError> {
    let q = CatalogueQuery {
        department: p.department,
        kind: p.kind,
        channel: p.channel,
        topic: p.topic,
        from: p.from,
        to: p.to,
        q: p.q,
        sort: p.sort,
        page: p.page,
        per_page: p.per_page,
    };
    let page = publications::list(&st.db, &q, false, st.config.tz()).await?;
    Ok(Json(Page {
        items: page
            .items
            .into_iter()
            .map(|x| PublicationJson::from(x, &p.lang))
            .collect(),
        total: page.total,
        page: page.page,
        per_page: page.per_page,
    }))
}

#[derive(Deserialize, Default, utoipa::IntoParams)]
#[serde(default)]
pub struct LangParam {
    /// `kk`, `ru` or `en`: the language of `title`.
    pub lang: String,
}

/// One published publication with its rating aggregates split by audience.
#[utoipa::path(get, path = "/api/v1/publications/{id}", params(("id" = i64, Path), LangParam), responses(
    (status = 200, description = "The publication", body = PublicationJson),
    (status = 404, description = "No such published publication", body = crate::api::json::ErrorBody)
))]
pub async fn one(
    State(st): State<AppState>,
    Path(id): Path<i64>,
    Query(l): Query<LangParam>,
) -> Result<Json<PublicationJson>, AppError> {
    Ok(Json(PublicationJson::from(
        publications::get(&st.db, id, false).await?,
        &l.lang,
    )))
}

/// The rating write: `{stars, tone, audience, comment}`.
#[derive(Deserialize, utoipa::ToSchema)]
pub struct RatingWrite {
    /// 1 to 5.
    pub stars: i64,
    /// `positive`, `neutral` or `negative`.
    pub tone: String,
    /// `citizen`, `journalist`, `ngo`, `business` or `other`.
    pub audience: String,
    /// Up to 2,000 characters; shown only after moderation.
    pub comment: Option<String>,
}

fn input_from_json(v: &serde_json::Value) -> RatingInput {
    let text = |k: &str| match v.get(k) {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    };
    let stars = match v.get("stars") {
        Some(serde_json::Value::Number(n)) => n.as_i64().map(|i| i.to_string()).unwrap_or_else(|| "x".into()),
        Some(serde_json::Value::Null) | None => String::new(),
        Some(_) => "x".into(),
    };
    RatingInput {
        stars,
        tone: text("tone"),
        audience: text("audience"),
        comment: text("comment"),
    }
}

/// Rates a publication as the visitor of the `ashyq_visitor` cookie. A first
/// rating answers `201`, a replacement of the same visitor's rating `200`;
/// the body is the publication. `Idempotency-Key` makes retries safe.
#[utoipa::path(post, path = "/api/v1/publications/{id}/ratings", params(("id" = i64, Path),
    ("Idempotency-Key" = Option<String>, Header, description = "Repeating a write with the same key and body returns the first answer")),
    request_body = RatingWrite, responses(
    (status = 201, description = "Rated", body = PublicationJson),
    (status = 200, description = "The visitor's earlier rating was replaced", body = PublicationJson),
    (status = 404, description = "No such published publication", body = crate::api::json::ErrorBody),
    (status = 409, description = "The Idempotency-Key was used with another request", body = crate::api::json::ErrorBody),
    (status = 422, description = "A field is not valid", body = crate::api::json::ErrorBody),
    (status = 429, description = "Too many writes from this address", body = crate::api::json::ErrorBody)
))]
pub async fn rate(
    State(st): State<AppState>,
    Path(id): Path<i64>,
    Extension(visitor): Extension<Visitor>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, AppError> {
    crate::api::json::require_json(&headers)?;
    let json: serde_json::Value =
        serde_json::from_slice(&body).map_err(|_| AppError::field("body", FieldCode::InvalidJson))?;
    if !json.is_object() {
        return Err(AppError::field("body", FieldCode::InvalidJson));
    }
    let v = ratings::validate(&input_from_json(&json))?;
    let visitor = visitor.hash();
    let key = idempotency::key_from(&headers)?;
    let scope = format!("rating:{visitor}");
    let request = idempotency::fingerprint(&[&id.to_string(), &json.to_string()]);
    let now = Utc::now();
    let mut tx = st.db.begin().await?;
    if let Some(k) = &key {
        if let Some(stored) = idempotency::lookup(&mut tx, &scope, k, &request).await? {
            let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
            return Ok((
                status,
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                stored.body,
            )
                .into_response());
        }
    }
    let outcome = ratings::rate_in(&mut tx, id, &visitor, &v, now, st.config.tz()).await?;
    tx.commit().await?;
    let body = serde_json::to_string(&PublicationJson::from(publications::get(&st.db, id, false).await?, ""))
        .map_err(AppError::internal)?;
    let status = if outcome == RateOutcome::Created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    if let Some(k) = &key {
        let mut tx = st.db.begin().await?;
        if idempotency::lookup(&mut tx, &scope, k, &request).await?.is_none() {
            idempotency::store(&mut tx, &scope, k, &request, status.as_u16(), &body, now).await?;
        }
        tx.commit().await?;
    }
    Ok((status, [(axum::http::header::CONTENT_TYPE, "application/json")], body).into_response())
}
