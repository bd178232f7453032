//! CSV exports of the tables on the indicators page: `figures`, `weeks`,
//! `tone`, `distribution`, `areas` and `channels`, for the same query.

use crate::error::AppError;
use crate::indicators::figures;
use crate::indicators::{maths::Comparison, IndicatorQuery};
use crate::platform::db::Db;
use chrono::{DateTime, Utc};

fn opt(v: Option<f64>) -> String {
    v.map(|v| format!("{v:.4}")).unwrap_or_default()
}

fn write(rows: Vec<Vec<String>>) -> Result<String, AppError> {
    let mut f = crate::platform::spreadsheet::CsvFile::new();
    for r in rows {
        f.row(r)?;
    }
    f.finish()
}

/// One table as CSV; an unknown table is `not_found`.
pub async fn export(
    db: &Db,
    table: &str,
    q: &IndicatorQuery,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let v = figures::compute(db, q, tz, now).await?;
    let s = |x: &str| x.to_string();
    let rows: Vec<Vec<String>> = match table {
        "figures" => {
            let mut rows = vec![vec![
                s("indicator"),
                s("current"),
                s("previous"),
                s("change"),
                s("n_current"),
                s("n_previous"),
            ]];
            let all: [(&str, Comparison); 8] = [
                ("satisfaction", v.satisfaction),
                ("net_tone", v.net_tone),
                ("ratings", v.ratings),
                ("comments", v.comments),
                ("questions", v.questions),
                ("press_queries", v.press_queries),
                ("answered_on_time", v.answered_on_time),
                ("median_working_days", v.median_working_days),
            ];
            for (name, c) in all {
                rows.push(vec![
                    s(name),
                    opt(c.current),
                    opt(c.previous),
                    opt(c.change),
                    c.n_current.to_string(),
                    c.n_previous.to_string(),
                ]);
            }
            rows
        }
        "weeks" => {
            let mut rows = vec![vec![
                s("week"),
                s("ratings"),
                s("satisfaction"),
                s("negative_share"),
                s("previous_week"),
                s("previous_ratings"),
                s("previous_satisfaction"),
            ]];
            let weeks = figures::weekly(db, q, tz, now).await?;
            for (i, w) in weeks.current.iter().enumerate() {
                let before = weeks.previous.get(i);
                rows.push(vec![
                    w.week.to_string(),
                    w.ratings.to_string(),
                    opt(w.satisfaction),
                    opt(w.negative_share),
                    before.map(|b| b.week.to_string()).unwrap_or_default(),
                    before.map(|b| b.ratings.to_string()).unwrap_or_default(),
                    opt(before.and_then(|b| b.satisfaction)),
                ]);
            }
            rows
        }
        "tone" => vec![
            vec![s("tone"), s("share_current"), s("share_previous")],
            vec![s("positive"), opt(Some(v.tone[0])), opt(Some(v.tone_previous[0]))],
            vec![s("neutral"), opt(Some(v.tone[1])), opt(Some(v.tone_previous[1]))],
            vec![s("negative"), opt(Some(v.tone[2])), opt(Some(v.tone_previous[2]))],
        ],
        "distribution" => {
            let mut rows = vec![vec![s("stars"), s("current"), s("previous")]];
            for i in 0..5 {
                rows.push(vec![
                    (i + 1).to_string(),
                    v.distribution[i].to_string(),
                    v.distribution_previous[i].to_string(),
                ]);
            }
            rows
        }
        "areas" => {
            let mut rows = vec![vec![
                s("kind"),
                s("key"),
                s("negative_share_current"),
                s("negative_share_previous"),
                s("change_points"),
                s("z"),
                s("n_current"),
                s("n_previous"),
                s("problem"),
                s("small_sample"),
            ]];
            for a in &v.problem_areas {
                rows.push(vec![
                    a.kind.clone(),
                    a.key.clone(),
                    opt(a.negative_current),
                    opt(a.negative_previous),
                    opt(a.change),
                    opt(a.z),
                    a.n_current.to_string(),
                    a.n_previous.to_string(),
                    a.problem.to_string(),
                    a.small_sample.to_string(),
                ]);
            }
            rows
        }
        "channels" => {
            let mut rows = vec![vec![
                s("channel"),
                s("publications"),
                s("ratings"),
                s("ratings_per_publication"),
                s("satisfaction"),
                s("days_since_last_post"),
                s("stale"),
            ]];
            for c in &v.channels {
                rows.push(vec![
                    c.channel.clone(),
                    c.publications.to_string(),
                    c.ratings.to_string(),
                    opt(c.ratings_per_publication),
                    opt(c.satisfaction),
                    c.days_since_last_post.map(|d| d.to_string()).unwrap_or_default(),
                    c.stale.to_string(),
                ]);
            }
            rows
        }
        _ => return Err(AppError::not_found()),
    };
    write(rows)
}

/// `GET /indicators/{table}.csv?from=…`: the table as a CSV download.
pub async fn handler(
    axum::extract::State(st): axum::extract::State<crate::platform::state::AppState>,
    axum::extract::Path(file): axum::extract::Path<String>,
    crate::platform::extract::StrictQuery(q): crate::platform::extract::StrictQuery<IndicatorQuery>,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let table = file.strip_suffix(".csv").unwrap_or("");
    match export(&st.db, table, &q, st.config.tz(), Utc::now()).await {
        Ok(text) => (
            [
                (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"indicators-{table}.csv\""),
                ),
            ],
            text,
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}
