//! Benchmark: press monitoring on the database at a ministry's scale, 500
//! sources and a year of history (500,000 mentions in the register).
//!
//!     cargo bench -p server --features ssr --bench press_scale
//!
//! Builds the history in a temporary SQLite file (`BENCH_DATABASE_URL`
//! names another database, PostgreSQL included; it must be empty), then
//! takes in two days of 100,000 new items each through the pass's own
//! write path (`monitor::take_in_all`, 200 items per source, the reads
//! taken in 5,000 items at a time as a pass holds them: the item kept, its
//! story found through the LSH band index of the last 30 days, pickup of
//! releases, the saved queries, a mention with a suggested tone), the
//! second day against the first day's index. Then times the register's
//! list (a week, 500 rows as the page asks), a story page and the digest
//! of a day and of a week, 40 times each, p50 and p95; last, the purge of
//! both days once they are past `media.keep_items_days`. `ITEMS=10000` and
//! `MENTIONS=50000` make a smaller set. Figures go to the README by hand.

#[path = "common/press_text.rs"]
mod press_text;

use app::media::sources::feeds::FoundItem;
use app::media::sources::monitor::{take_in_all, SourceRead, Watch};
use app::media::sources::pass::TAKE_IN_BATCH;
use app::media::sources::{store, SourceKind, ValidSource};
use app::media::MediaType;
use app::platform::db::Db;
use chrono::{DateTime, Duration, Utc};
use std::time::Instant;

const SOURCES: usize = 500;
const ROUNDS: usize = 40;

fn env(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// 500 outlets of every media type, each with one feed.
async fn sources(db: &Db, now: DateTime<Utc>) {
    for n in 0..SOURCES {
        let t = MediaType::ALL[n % MediaType::ALL.len()];
        let outlet = app::media::add_outlet(db, &format!("Outlet {n:03}"), t.as_str(), now)
            .await
            .unwrap();
        let v = ValidSource {
            name: format!("Feed {n:03}"),
            kind: SourceKind::Rss,
            url: format!("https://outlet{n}.example.kz/rss.xml"),
            outlet_id: outlet,
            media_type: t,
            language: "ru".into(),
            every_minutes: 60,
        };
        store::create(db, &v, now).await.unwrap();
    }
}

/// `n` mentions over the 365 days before `now`, about five per story, a
/// third found by the monitor with a suggested tone; written 500 a statement.
async fn history(db: &Db, n: usize, now: DateTime<Utc>) {
    let outlets: Vec<(i64, String)> = app::media::outlets(db)
        .await
        .unwrap()
        .into_iter()
        .map(|o| (o.id, o.media_type))
        .collect();
    let mut dice = press_text::Dice(0x2026_1204);
    let tones = ["positive", "neutral", "negative", "neutral"];
    for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
        let rows: Vec<String> = chunk
            .iter()
            .map(|&i| {
                let (outlet, media_type) = &outlets[dice.below(outlets.len())];
                let story = 10_000_000_000i64 + (i / 5) as i64;
                let day = (now - Duration::days(1 + (i * 365 / n) as i64)).date_naive();
                let suggested = if i % 3 == 0 { "TRUE" } else { "FALSE" };
                format!(
                    "({outlet}, '{media_type}', '{}', 'https://h.example.kz/{i}', 'h.example.kz/{i}', '{day}', '{}', '', '', \
                     '{day}T09:00:00Z', 'ru', {story}, {suggested}, '')",
                    dice.sentence(8),
                    tones[dice.below(tones.len())]
                )
            })
            .collect();
        let sql = format!(
            "INSERT INTO mentions (outlet_id, media_type, headline, url, url_key, day, tone, topic_code, summary, \
             created_at, language, story_id, tone_suggested, tone_words) VALUES {}",
            rows.join(", ")
        );
        let mut tx = db.begin().await.unwrap();
        app::on_tx!(&mut tx, |c| sqlx::query(&sql).execute(c).await.map(|_| ())).unwrap();
        tx.commit().await.unwrap();
    }
}

/// A day of new items, 200 per source, dated over the day before `now`.
fn day_of_items(n: usize, seed: u64, day: usize, now: DateTime<Utc>) -> Vec<FoundItem> {
    let (texts, _) = press_text::items(n, seed);
    texts
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let (headline, text) = t.split_once(". ").unwrap_or((&t, ""));
            FoundItem {
                url: format!("https://outlet{}.example.kz/{day}/{i}", i % SOURCES),
                headline: headline.to_string(),
                text: text.to_string(),
                published: Some(now - Duration::seconds((i * 86_400 / n) as i64)),
            }
        })
        .collect()
}

/// Takes in one day's items, each source its own read, the reads taken in
/// together as a pass takes them (`pass::TAKE_IN_BATCH` items at a time);
/// prints the time.
async fn take_in_day(db: &Db, items: &[FoundItem], label: &str, now: DateTime<Utc>) {
    let watch = Watch::load(db, &app::platform::config::REFERENCE_OWN_NAMES.map(String::from), now)
        .await
        .unwrap();
    let all = store::list(db).await.unwrap();
    let per = items.len().div_ceil(SOURCES);
    let reads: Vec<SourceRead> = items
        .chunks(per)
        .enumerate()
        .map(|(n, chunk)| SourceRead {
            source: &all[n % all.len()],
            items: chunk,
        })
        .collect();
    let t = Instant::now();
    let (mut new, mut mentions) = (0, 0);
    for batch in reads.chunks(TAKE_IN_BATCH.div_ceil(per)) {
        for taken in take_in_all(db, batch, &watch, chrono_tz::Asia::Almaty, now)
            .await
            .unwrap()
        {
            new += taken.new_items;
            mentions += taken.mentions;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "{label}: {} items taken in in {secs:.1} s ({:.0} items/s): {new} new, {mentions} mentions",
        items.len(),
        items.len() as f64 / secs
    );
}

/// p50 and p95 of `ROUNDS` runs of `f`, in milliseconds.
async fn time<F, Fut>(label: &str, f: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = usize>,
{
    let mut ms = Vec::with_capacity(ROUNDS);
    let mut rows = 0;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        rows = f().await;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).saturating_sub(1)];
    println!(
        "{label:<36} p50 {:>7.1} ms   p95 {:>7.1} ms   ({rows} rows)",
        at(0.5),
        at(0.95)
    );
}

#[tokio::main]
async fn main() {
    let items = env("ITEMS", 100_000);
    let mentions = env("MENTIONS", 500_000);
    let dir = tempfile::tempdir().unwrap();
    let url = std::env::var("BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.path().join("press.db").display()));
    let db = Db::connect(&url).await.unwrap();
    let now = Utc::now();
    app::demo::seed_demo(&db).await.unwrap();
    let t = Instant::now();
    sources(&db, now).await;
    history(&db, mentions, now).await;
    println!(
        "{SOURCES} sources and {mentions} mentions written in {:.0} s",
        t.elapsed().as_secs_f64()
    );

    let yesterday = now - Duration::days(1);
    take_in_day(
        &db,
        &day_of_items(items, 0x5eed_2026, 1, yesterday),
        "day 1 (empty index)",
        yesterday,
    )
    .await;
    take_in_day(
        &db,
        &day_of_items(items, 0x5eed_2027, 2, now),
        "day 2 (a day in the index)",
        now,
    )
    .await;
    let mut tx = db.begin().await.unwrap();
    app::on_tx!(&mut tx, |c| sqlx::query("ANALYZE").execute(c).await.map(|_| ())).unwrap();
    tx.commit().await.unwrap();

    let tz = chrono_tz::Asia::Almaty;
    let today = now.with_timezone(&tz).date_naive();
    let biggest: i64 = app::on_read!(&db, |c| sqlx::query_scalar(
        "SELECT story_id FROM mentions WHERE story_id IS NOT NULL GROUP BY story_id ORDER BY COUNT(*) DESC LIMIT 1"
    )
    .fetch_one(c)
    .await)
    .unwrap();
    time("register: a week, 500 rows", || async {
        app::media::list(&db, today - Duration::days(6), today, "", 500)
            .await
            .unwrap()
            .len()
    })
    .await;
    time("register: a week's negative, 500", || async {
        app::media::list(&db, today - Duration::days(6), today, "negative", 500)
            .await
            .unwrap()
            .len()
    })
    .await;
    time("story page (the most carried story)", || async {
        app::media::story(&db, biggest).await.unwrap().len()
    })
    .await;
    time("digest of a day", || async {
        app::media::digest::digest(&db, today, 1, None, tz)
            .await
            .unwrap()
            .negative
            .len()
    })
    .await;
    time("digest of a week", || async {
        app::media::digest::digest(&db, today, 7, None, tz)
            .await
            .unwrap()
            .negative
            .len()
    })
    .await;
    // Sixty-one days on, both days are past `media.keep_items_days`: one
    // purge takes at most 100,000 items, so two purges empty them.
    let later = now + Duration::days(61);
    for round in 1..=2 {
        let t = Instant::now();
        let p = app::media::sources::retention::purge(&db, 60, later).await.unwrap();
        println!(
            "purge {round}: {} items deleted, {} trimmed in {:.1} s",
            p.deleted,
            p.trimmed,
            t.elapsed().as_secs_f64()
        );
    }
}
