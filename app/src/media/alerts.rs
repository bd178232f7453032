//! The media worker jobs, run with the other notices: the negative spike
//! alert to the media-relations head (once per spike, for the ministry and
//! for each topic; the rule is `media::is_spike` over negative stories, so
//! one story reprinted thirty times is not a spike), and the morning digest to
//! subscribed staff. Both write their emails through the outbox in the
//! transaction that records them, so several processes never send twice.

use crate::error::AppError;
use crate::media::{is_spike, spike_step};
use crate::platform::config::Config;
use crate::platform::db::{Db, Tx};
use crate::platform::outbox::{self, NewMessage};
use crate::{on_read, on_tx};
use chrono::{DateTime, Duration, Timelike, Utc};

async fn mail(
    tx: &mut Tx,
    to: &str,
    subject: String,
    body_text: String,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    outbox::enqueue(
        tx,
        &NewMessage {
            to: to.into(),
            subject,
            body_text,
            kind: kind.into(),
        },
        now,
    )
    .await?;
    Ok(())
}

/// A mention's story in SQL: the story's id, or (typed by hand, no story)
/// the mention's own id made negative so it never meets a story's id.
pub(crate) const STORY: &str = "COALESCE(story_id, -id)";

/// The media-relations department's head's email, if there is one.
pub(crate) async fn media_head(db: &Db) -> Result<Option<String>, AppError> {
    Ok(on_read!(db, |c| {
        sqlx::query_scalar(
        "SELECT u.email FROM departments d JOIN users u ON u.id = d.head_user_id WHERE d.code = 'MEDIA' AND u.active = TRUE"
    )
    .fetch_optional(c)
    .await
    })?)
}

/// Checks every scope; returns how many alerts were written.
pub async fn check_spikes(db: &Db, config: &Config, now: DateTime<Utc>) -> Result<usize, AppError> {
    let day_ago = now - Duration::hours(24);
    let month_ago = day_ago - Duration::days(30);
    // Negative stories per topic in the last 24 hours and the 30 days before,
    // and the mentions of the last 24 hours ('' is every topic). A story
    // reprinted thirty times is one story; a mention typed by hand (no
    // story) is a story of its own.
    let counts = |grouped: bool| {
        let (select, group) = if grouped {
            ("topic_code", " GROUP BY topic_code")
        } else {
            ("''", "")
        };
        format!(
            "SELECT {select}, COUNT(DISTINCT CASE WHEN created_at >= $2 THEN {STORY} END), \
             COUNT(DISTINCT CASE WHEN created_at < $2 THEN {STORY} END), SUM(CASE WHEN created_at >= $2 THEN 1 ELSE 0 END) \
             FROM mentions WHERE tone = 'negative' AND created_at >= $1 AND created_at <= $3{group}"
        )
    };
    let mut scopes: Vec<(String, i64, i64, Option<i64>)> = Vec::new();
    for grouped in [false, true] {
        let sql = counts(grouped);
        let rows: Vec<(String, i64, i64, Option<i64>)> = on_read!(db, |c| sqlx::query_as(&sql)
            .bind(month_ago)
            .bind(day_ago)
            .bind(now)
            .fetch_all(c)
            .await)?;
        scopes.extend(rows.into_iter().filter(|r| !grouped || !r.0.is_empty()));
    }
    let head = media_head(db).await?;
    let mut sent = 0;
    for (scope, last, before, mentions) in scopes {
        let spiking = is_spike(last, before);
        let mentions = mentions.unwrap_or(0);
        let mut tx = db.begin().await?;
        let active: bool = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "SELECT active FROM media_spikes WHERE scope = $1"
        )
        .bind(&scope)
        .fetch_optional(c)
        .await)?
        .unwrap_or(false);
        let (now_active, alert) = spike_step(active, spiking);
        if alert {
            // Only the process that turns the flag on sends the alert.
            let won = on_tx!(&mut tx, |c| sqlx::query(
                "INSERT INTO media_spikes (scope, active, started_at) VALUES ($1, TRUE, $2) \
                 ON CONFLICT (scope) DO UPDATE SET active = TRUE, started_at = $2 WHERE media_spikes.active = FALSE"
            )
            .bind(&scope)
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
            if won == 1 {
                if let Some(to) = &head {
                    let list: Vec<(String, String, String)> = on_tx!(&mut tx, |c| {
                        sqlx::query_as(
                        "SELECT o.name, m.headline, m.url FROM mentions m JOIN outlets o ON o.id = m.outlet_id \
                         WHERE m.tone = 'negative' AND m.created_at >= $1 AND ($2 = '' OR m.topic_code = $2) ORDER BY m.created_at DESC LIMIT 30"
                    )
                    .bind(day_ago)
                    .bind(&scope)
                    .fetch_all(c)
                    .await
                    })?;
                    let what = if scope.is_empty() {
                        "ministry".to_string()
                    } else {
                        format!("topic {scope}")
                    };
                    let subject = format!("Теріс сюжеттер өсті / Всплеск негатива / Negative spike: {last} ({what})");
                    let mut body = format!(
                        "{last} negative stories ({mentions} mentions) in the last 24 hours ({what}); the 30 days before averaged {:.1} stories a day.\n\
                         За последние 24 часа {last} негативных сюжетов ({mentions} упоминаний); в среднем за 30 дней до этого {:.1} в день.\n\
                         Соңғы 24 сағатта {last} теріс сюжет ({mentions} жарияланым); алдыңғы 30 күнде күніне орта есеппен {:.1}.\n\n",
                        before as f64 / 30.0,
                        before as f64 / 30.0,
                        before as f64 / 30.0
                    );
                    for (outlet, headline, url) in list {
                        body.push_str(&format!("- {outlet}: {headline}\n  {url}\n"));
                    }
                    body.push_str(&format!("\n{}/staff/media\n", config.base_url.trim_end_matches('/')));
                    mail(&mut tx, to, subject, body, "media_spike", now).await?;
                    sent += 1;
                }
            }
        } else if active && !now_active {
            on_tx!(&mut tx, |c| sqlx::query(
                "UPDATE media_spikes SET active = FALSE WHERE scope = $1"
            )
            .bind(&scope)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))?;
        }
        tx.commit().await?;
    }
    Ok(sent)
}

/// From the summary hour, yesterday's digest to each subscriber, once a day.
pub async fn send_digests(db: &Db, config: &Config, now: DateTime<Utc>) -> Result<usize, AppError> {
    let tz = config.tz();
    let local = now.with_timezone(&tz);
    if local.hour() < config.workers.summary_hour {
        return Ok(0);
    }
    let day = local.date_naive() - Duration::days(1);
    let subscribers: Vec<(i64, String)> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT u.id, u.email FROM digest_subscribers s JOIN users u ON u.id = s.user_id WHERE u.active = TRUE ORDER BY u.id"
    )
    .fetch_all(c)
    .await
    })?;
    if subscribers.is_empty() {
        return Ok(0);
    }
    let d = crate::media::digest::digest(db, day, 1, None, tz).await?;
    let url = format!("{}/staff/media/digest?day={day}", config.base_url.trim_end_matches('/'));
    let text = crate::media::digest::as_text(&d, &url);
    let mut sent = 0;
    for (user, email) in subscribers {
        let mut tx = db.begin().await?;
        let claimed =
            crate::platform::outbox::claim_notice(&mut tx, "digest", &format!("user:{user}"), &day.to_string(), now)
                .await?;
        if claimed {
            let subject = format!("Медиадайджест / Media digest {day}");
            mail(&mut tx, &email, subject, text.clone(), "digest", now).await?;
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(sent)
}
