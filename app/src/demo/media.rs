//! Demo media monitoring: the outlets and a year of mentions whose mix
//! matches a real department's year (2,362 appearances: 642 radio, 444 TV,
//! 332 news agency, the rest print, online and social), with three negative
//! spikes, and response tasks asked for two negative stories.

use crate::error::AppError;
use crate::media::{insert, url_key, ValidMention};
use crate::platform::db::Db;
use crate::{media::MediaType, publications::Tone};
use crate::{on_read, on_tx};
use chrono::{DateTime, Duration, TimeZone, Utc};

/// Mentions per media type in the demo year.
pub const YEAR: [(MediaType, usize); 6] = [
    (MediaType::Radio, 642),
    (MediaType::Tv, 444),
    (MediaType::NewsAgency, 332),
    (MediaType::Print, 236),
    (MediaType::Online, 472),
    (MediaType::Social, 236),
];

const OUTLETS: [(&str, MediaType); 16] = [
    ("Qazaq Radiosy", MediaType::Radio),
    ("Shalqar", MediaType::Radio),
    ("Radio NS", MediaType::Radio),
    ("Khabar", MediaType::Tv),
    ("Qazaqstan TV", MediaType::Tv),
    ("Atameken Business", MediaType::Tv),
    ("Kazinform", MediaType::NewsAgency),
    ("KazTAG", MediaType::NewsAgency),
    ("Egemen Qazaqstan", MediaType::Print),
    ("Kazakhstanskaya Pravda", MediaType::Print),
    ("Tengrinews", MediaType::Online),
    ("Zakon.kz", MediaType::Online),
    ("Vlast.kz", MediaType::Online),
    ("Telegram: ministry watch", MediaType::Social),
    ("Instagram: qogam", MediaType::Social),
    ("Facebook: civil voices", MediaType::Social),
];

const HEADLINES: [&str; 8] = [
    "Министерство объявило новый грантовый конкурс",
    "Молодёжные центры открылись в регионах",
    "Жалобы на задержку выплат волонтёрам",
    "Министр ответил на вопросы журналистов",
    "Эксперты обсудили закон о языках",
    "Цифровые сервисы для НКО: что изменилось",
    "Родители критикуют программу летнего отдыха",
    "Итоги года: социальные проекты и медиа",
];

/// Seeds once (when there are no outlets); returns how many mentions.
pub async fn seed_media(db: &Db, tz: chrono_tz::Tz, now: DateTime<Utc>) -> Result<Option<usize>, AppError> {
    let n: i64 = on_read!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM outlets")
        .fetch_one(c)
        .await)?;
    if n > 0 {
        return Ok(None);
    }
    let topics = crate::publications::topics::codes(db).await?;
    let departments = crate::departments::list(db, false).await?;
    let today = now.with_timezone(&tz).date_naive();
    let mut tx = db.begin().await?;
    let mut outlet_ids = Vec::new();
    for (name, t) in OUTLETS {
        let id: i64 = on_tx!(&mut tx, |c| sqlx::query_scalar(
            "INSERT INTO outlets (name, media_type, created_at) VALUES ($1, $2, $3) RETURNING id"
        )
        .bind(name)
        .bind(t.as_str())
        .bind(now)
        .fetch_one(c)
        .await)?;
        outlet_ids.push((id, t, name));
    }
    // Every appearance's media type, interleaved deterministically.
    let mut types: Vec<MediaType> = YEAR.iter().flat_map(|(t, n)| std::iter::repeat_n(*t, *n)).collect();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    for i in (1..types.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        types.swap(i, j);
    }
    // Three negative spikes: ten negative stories on one topic in a day.
    let spikes = [(300i64, 0usize), (170, 2), (45, 4)];
    let total = types.len();
    for (i, t) in types.into_iter().enumerate() {
        let spike = (i % 79 == 0 && i / 79 < 30).then(|| spikes[(i / 79) % 3]);
        let days_ago = match spike {
            Some((d, _)) => d,
            None => 1 + (i as i64 * 364 / total as i64),
        };
        let day = today - Duration::days(days_ago);
        let r = next();
        let tone = match (spike, r % 100) {
            (Some(_), _) => Tone::Negative,
            (None, 0..=11) => Tone::Negative,
            (None, 12..=39) => Tone::Positive,
            _ => Tone::Neutral,
        };
        let outlets: Vec<_> = outlet_ids.iter().filter(|o| o.1 == t).collect();
        let (outlet_id, _, outlet_name) = outlets[(r / 100) as usize % outlets.len()];
        let topic = match spike {
            Some((_, k)) => topics.get(k % topics.len().max(1)).cloned().unwrap_or_default(),
            None => topics
                .get((r / 7) as usize % topics.len().max(1))
                .cloned()
                .unwrap_or_default(),
        };
        let slug: String = outlet_name
            .to_lowercase()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect();
        let url = format!("https://{slug}.example.kz/news/{}-{i}", day.format("%Y%m%d"));
        let at = tz
            .from_local_datetime(&day.and_hms_opt(10, 0, 0).expect("10:00"))
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(now);
        let v = ValidMention {
            outlet_id: *outlet_id,
            media_type: t,
            headline: HEADLINES[(r / 13) as usize % HEADLINES.len()].to_string(),
            url_key: url_key(&url),
            url,
            day,
            tone,
            reach: Some(((r / 17) % 400 + 5) as i64 * 1000),
            topic,
            department_id: departments
                .get((r / 19) as usize % departments.len().max(1))
                .map(|d| d.id),
            summary: String::new(),
        };
        insert(&mut tx, &v, None, at).await?;
    }
    tx.commit().await?;
    // Response tasks for the two latest negative stories of the last spike.
    let ids: Vec<i64> = on_read!(db, |c| {
        sqlx::query_scalar(
        "SELECT id FROM mentions WHERE tone = 'negative' AND department_id IS NOT NULL ORDER BY day DESC, id DESC LIMIT 2"
    )
    .fetch_all(c)
    .await
    })?;
    for (k, id) in ids.into_iter().enumerate() {
        let m = crate::media::find(db, id).await?;
        let dept = departments
            .iter()
            .find(|d| Some(&d.code) == m.department.as_ref())
            .map(|d| d.code.clone())
            .unwrap_or_default();
        let kind = if k == 0 { "refute" } else { "clarify" };
        crate::media::ask_response(db, id, kind, &dept, "", tz, now).await?;
    }
    Ok(Some(total))
}
