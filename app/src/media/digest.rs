//! What the mentions add up to: the media figures of the indicators (a
//! period beside the previous one) and the daily digest (a day or a week
//! beside the day before and the same weekday of the four weeks before).

use crate::error::AppError;
use crate::media::period_counts::{self, Counts};
use crate::media::{CountChange, Digest, DigestLine, DigestPublication, MediaFigures};
use crate::on_read;
use crate::platform::db::Db;
use crate::platform::period::Period;
use crate::{
    media::MediaType,
    publications::{Tone, ToneCounts},
};
use chrono::{Duration, NaiveDate};

/// Media figures for the indicators, of one department and topic when
/// given; `confirmed_only` counts in `tone` only the tones a person set or
/// confirmed.
pub async fn figures(
    db: &Db,
    p: Period,
    (dept, topic): (Option<i64>, &str),
    confirmed_only: bool,
    tz: chrono_tz::Tz,
) -> Result<MediaFigures, AppError> {
    use crate::media::sources::pickup;
    let counts = period_counts::of_periods(db, &[p, p.previous()], (dept, topic), false).await?;
    let (now, before) = (&counts[0], &counts[1]);
    let (tone, tone_previous) = if confirmed_only {
        (now.confirmed_tone(), before.confirmed_tone())
    } else {
        (now.tone.clone(), before.tone.clone())
    };
    Ok(MediaFigures {
        mentions: CountChange::of(now.by_type.total(), before.by_type.total()),
        stories: CountChange::of(now.stories, before.stories),
        by_type: now.by_type.clone(),
        tone,
        tone_counts: if confirmed_only { "confirmed" } else { "all" }.to_string(),
        tone_suggested: now.suggested.clone(),
        by_type_previous: before.by_type.clone(),
        tone_previous,
        pickup: pickup::figures(db, p, tz).await?,
        pickup_previous: pickup::figures(db, p.previous(), tz).await?,
    })
}

fn span(day: NaiveDate, days: i64) -> Period {
    Period {
        from: day - Duration::days(days - 1),
        to: day,
    }
}

/// The digest of the `days` (1 or 7) ending on `day`; `user` to show
/// whether they get it by email.
pub async fn digest(
    db: &Db,
    day: NaiveDate,
    days: i64,
    user: Option<i64>,
    tz: chrono_tz::Tz,
) -> Result<Digest, AppError> {
    let days = if days == 7 { 7 } else { 1 };
    // This period, the one before and the same days of the four weeks
    // before (for a week, the one before is the first of those four).
    let mut periods = vec![span(day, days), span(day - Duration::days(days), days)];
    periods.extend((1..=4).map(|w| span(day - Duration::days(7 * w), days)));
    let p = span(day, days);
    // The digest's reads do not depend on each other: they run at once,
    // each on its own connection.
    let (counts, top_topics, top_outlets, negative, publications, subscribed, story_lines) = tokio::try_join!(
        period_counts::of_periods(db, &periods, (None, ""), true),
        top(db, p, TOP_TOPICS),
        top(db, p, TOP_OUTLETS),
        crate::media::list(db, p.from, p.to, "negative", 100),
        published(db, p, tz),
        is_subscribed(db, user),
        crate::media::sources::story_compare::of_period(db, p, 20),
    )?;
    let (now, before, weeks) = (&counts[0], &counts[1], &counts[2..]);
    let four = |f: &dyn Fn(&Counts) -> i64| [f(&weeks[0]), f(&weeks[1]), f(&weeks[2]), f(&weeks[3])];
    let total = DigestLine::new(
        "total",
        now.by_type.total(),
        before.by_type.total(),
        four(&|c| c.by_type.total()),
    );
    let stories = DigestLine::new("stories", now.stories, before.stories, four(&|c| c.stories));
    let by_type = MediaType::ALL
        .iter()
        .map(|t| {
            DigestLine::new(
                t.as_str(),
                now.by_type.get(*t),
                before.by_type.get(*t),
                four(&|c| c.by_type.get(*t)),
            )
        })
        .collect();
    let tone_of = |c: &ToneCounts, t: Tone| match t {
        Tone::Positive => c.positive,
        Tone::Neutral => c.neutral,
        Tone::Negative => c.negative,
    };
    let by_tone = Tone::ALL
        .iter()
        .map(|t| {
            DigestLine::new(
                t.as_str(),
                tone_of(&now.tone, *t),
                tone_of(&before.tone, *t),
                four(&|c| tone_of(&c.tone, *t)),
            )
        })
        .collect();
    Ok(Digest {
        day,
        days,
        total,
        stories,
        new_stories: now.stories - now.continuing,
        continuing_stories: now.continuing,
        story_lines,
        by_type,
        by_tone,
        top_topics,
        top_outlets,
        negative,
        publications,
        subscribed,
    })
}

const TOP_TOPICS: &str =
    "SELECT topic_code, COUNT(*) FROM mentions WHERE day >= $1 AND day <= $2 AND topic_code <> '' \
     GROUP BY topic_code ORDER BY COUNT(*) DESC, topic_code LIMIT 5";
const TOP_OUTLETS: &str = "SELECT o.name, COUNT(*) FROM mentions m JOIN outlets o ON o.id = m.outlet_id \
     WHERE m.day >= $1 AND m.day <= $2 GROUP BY o.name ORDER BY COUNT(*) DESC, o.name LIMIT 5";

/// The five most frequent keys of period `p` by `sql` (topics, outlets).
async fn top(db: &Db, p: Period, sql: &'static str) -> Result<Vec<(String, i64)>, AppError> {
    Ok(on_read!(db, |c| sqlx::query_as(sql)
        .bind(p.from)
        .bind(p.to)
        .fetch_all(c)
        .await)?)
}

/// Our publications of period `p` with their ratings, newest first.
async fn published(db: &Db, p: Period, tz: chrono_tz::Tz) -> Result<Vec<DigestPublication>, AppError> {
    type Pub = (i64, String, String, String, i64, f64);
    let rows: Vec<Pub> = on_read!(db, |c| sqlx::query_as(
        "SELECT id, title_kk, title_ru, title_en, rating_count, mean_stars FROM publications \
         WHERE status = 'published' AND published_at >= $1 AND published_at < $2 ORDER BY published_at DESC LIMIT 50"
    )
    .bind(crate::platform::spans::day_start(p.from, tz))
    .bind(crate::platform::spans::day_start(p.to + Duration::days(1), tz))
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, kk, ru, en, ratings, mean)| DigestPublication {
            id,
            titles: crate::platform::texts::Texts { kk, ru, en },
            ratings,
            mean,
        })
        .collect())
}

/// Whether `user` gets the digest by email.
async fn is_subscribed(db: &Db, user: Option<i64>) -> Result<bool, AppError> {
    let Some(u) = user else {
        return Ok(false);
    };
    let n: i64 = on_read!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM digest_subscribers WHERE user_id = $1"
    )
    .bind(u)
    .fetch_one(c)
    .await)?;
    Ok(n > 0)
}

/// Turns the morning email on or off for `user`.
pub async fn subscribe(db: &Db, user: i64, on: bool, now: chrono::DateTime<chrono::Utc>) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    crate::on_tx!(&mut tx, |c| if on {
        sqlx::query("INSERT INTO digest_subscribers (user_id, since) VALUES ($1, $2) ON CONFLICT (user_id) DO NOTHING")
            .bind(user)
            .bind(now)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
    } else {
        sqlx::query("DELETE FROM digest_subscribers WHERE user_id = $1")
            .bind(user)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
    })?;
    tx.commit().await?;
    Ok(())
}

/// The digest as plain text for the morning email.
pub fn as_text(d: &Digest, url: &str) -> String {
    let line = |l: &DigestLine| {
        format!(
            "{:<12} {:>4}  ({:+} vs day before; weekday average {:.1})",
            l.key,
            l.count,
            l.change_day(),
            l.weekday_average
        )
    };
    let mut out = format!("Media digest / Медиадайджест / Медиа дайджест — {}\n\n", d.day);
    out.push_str(&line(&d.total));
    out.push('\n');
    out.push_str(&line(&d.stories));
    out.push_str(&format!(
        "\n             new {}, continuing from before {}\n",
        d.new_stories, d.continuing_stories
    ));
    for l in d.by_type.iter().chain(d.by_tone.iter()) {
        out.push_str(&line(l));
        out.push('\n');
    }
    if !d.negative.is_empty() {
        out.push_str("\nNegative / Негатив / Теріс:\n");
        for m in d.negative.iter().take(20) {
            let status = match &m.task {
                Some((code, status)) => format!("{code} {status}"),
                None => m.response.clone(),
            };
            out.push_str(&format!("- {} — {} [{}] {}\n", m.outlet, m.headline, status, m.url));
        }
    }
    out.push_str(&format!("\n{url}\n"));
    out
}
