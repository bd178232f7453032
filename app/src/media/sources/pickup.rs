//! Pickup of our releases: each new press item is compared with the
//! ministry's publications of the last 30 days (in every language they were
//! written in). An item carries a release when its text is similar enough
//! (MinHash) or holds all of the release headline's key words; each pickup
//! keeps its outlet, the delay since the release and whether the key words
//! survived in the item's headline. The indicators add it up per period.

use super::query::{words, Word};
use super::reprints::{signature, Signature};
use crate::error::AppError;
use crate::media::{PickupFigures, PickupRow};
use crate::platform::db::{Db, Tx};
use crate::platform::period::Period;
use crate::platform::query::{value_rows, PARAMS_PER_STATEMENT};
use crate::{on_read, on_tx};
use chrono::{DateTime, Duration, Utc};

/// How far back a release is looked for, and the similarity from which an
/// item carries it (a release is often shortened, so lower than a reprint's).
const LOOK_BACK_DAYS: i64 = 30;
const CARRIES: f64 = 0.3;
/// Key words of a headline: its longest words of at least this many letters.
const KEY_WORDS: usize = 3;
const KEY_WORD_LETTERS: usize = 5;

/// A published release ready to be compared.
#[derive(Debug, Clone)]
pub struct Release {
    pub id: i64,
    pub published_at: DateTime<Utc>,
    /// One signature and one set of key words per language written.
    versions: Vec<(Signature, Vec<Word>)>,
}

/// The key words of a headline: its longest words, at least
/// `KEY_WORD_LETTERS` letters long (none for a short headline).
fn key_words(title: &str) -> Vec<Word> {
    let mut ws: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= KEY_WORD_LETTERS)
        .collect();
    ws.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    ws.truncate(KEY_WORDS);
    if ws.len() < KEY_WORDS {
        return Vec::new();
    }
    ws.into_iter().map(Word::new).collect()
}

fn all_in(keys: &[Word], text: &[Word]) -> bool {
    !keys.is_empty() && keys.iter().all(|k| text.iter().any(|t| k.matches(t)))
}

impl Release {
    pub fn new(id: i64, published_at: DateTime<Utc>, texts: &[(String, String)]) -> Self {
        let versions = texts
            .iter()
            .filter(|(title, _)| !title.trim().is_empty())
            .map(|(title, summary)| (signature(&format!("{title}\n{summary}")), key_words(title)))
            .collect();
        Release {
            id,
            published_at,
            versions,
        }
    }

    /// Whether an item carries this release; `Some(kept)` says whether the
    /// key words survived in the item's headline.
    pub fn carried_by(&self, sig: &Signature, headline: &[Word], all_text: &[Word]) -> Option<bool> {
        self.versions
            .iter()
            .find(|(s, keys)| s.similarity(sig) >= CARRIES || all_in(keys, all_text))
            .map(|(_, keys)| all_in(keys, headline))
    }
}

/// The releases of the last 30 days before `now`.
pub async fn recent(db: &Db, now: DateTime<Utc>) -> Result<Vec<Release>, AppError> {
    type Row = (i64, DateTime<Utc>, String, String, String, String, String, String);
    let rows: Vec<Row> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT id, published_at, title_kk, summary_kk, title_ru, summary_ru, title_en, summary_en FROM publications \
         WHERE status = 'published' AND published_at >= $1 AND published_at <= $2"
    )
    .bind(now - Duration::days(LOOK_BACK_DAYS))
    .bind(now)
    .fetch_all(c)
    .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, at, tk, sk, tr, sr, te, se)| Release::new(id, at, &[(tk, sk), (tr, sr), (te, se)]))
        .collect())
}

/// That an item carries a release: the release, the delay since it was
/// published and whether its headline's key words survived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Carried {
    pub release: i64,
    pub delay_minutes: i64,
    pub key_words_kept: bool,
}

/// Which of `releases` an item published `at` carries, given its headline,
/// the words of its whole text and its signature.
pub fn carried(
    releases: &[Release],
    (headline, all, sig): (&str, &[Word], &Signature),
    at: DateTime<Utc>,
) -> Vec<Carried> {
    if releases.is_empty() {
        return Vec::new();
    }
    let head = words(headline);
    releases
        .iter()
        .filter(|r| r.published_at <= at)
        .filter_map(|r| {
            r.carried_by(sig, &head, all).map(|kept| Carried {
                release: r.id,
                delay_minutes: (at - r.published_at).num_minutes(),
                key_words_kept: kept,
            })
        })
        .collect()
}

/// Keeps the pickups of a read: `(item, its outlet, published at, carried)`,
/// forty a statement.
pub async fn keep_all(tx: &mut Tx, pickups: &[(i64, i64, DateTime<Utc>, Carried)]) -> Result<(), AppError> {
    for chunk in pickups.chunks(PARAMS_PER_STATEMENT / 6) {
        let sql = format!(
            "INSERT INTO release_pickups (publication_id, item_id, outlet_id, delay_minutes, key_words_kept, picked_at) \
             VALUES {} ON CONFLICT DO NOTHING",
            value_rows(chunk.len(), 6)
        );
        on_tx!(tx, |c| {
            let mut q = sqlx::query(&sql);
            for (item, outlet, at, p) in chunk {
                q = q
                    .bind(p.release)
                    .bind(*item)
                    .bind(*outlet)
                    .bind(p.delay_minutes)
                    .bind(p.key_words_kept)
                    .bind(*at);
            }
            q.execute(c).await.map(|_| ())
        })?;
    }
    Ok(())
}

/// The items that carried publication `id`, earliest first.
pub async fn of_publication(db: &Db, id: i64) -> Result<Vec<PickupRow>, AppError> {
    let rows: Vec<(String, String, String, i64, bool)> = on_read!(db, |c| sqlx::query_as(
        "SELECT o.name, i.headline, i.url, p.delay_minutes, p.key_words_kept FROM release_pickups p \
         JOIN outlets o ON o.id = p.outlet_id JOIN media_items i ON i.id = p.item_id \
         WHERE p.publication_id = $1 ORDER BY p.delay_minutes, i.id LIMIT 500"
    )
    .bind(id)
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(outlet, headline, url, minutes, kept)| PickupRow {
            outlet,
            headline,
            url,
            delay_hours: minutes as f64 / 60.0,
            key_words_kept: kept,
        })
        .collect())
}

/// Releases of the period, how many were picked up, outlets per picked-up
/// release and the median delay to the first pickup.
pub async fn figures(db: &Db, p: Period, tz: chrono_tz::Tz) -> Result<PickupFigures, AppError> {
    use crate::platform::spans::day_start;
    let (from, to) = (day_start(p.from, tz), day_start(p.to + Duration::days(1), tz));
    let releases: i64 = on_read!(db, |c| sqlx::query_scalar(
        "SELECT COUNT(*) FROM publications WHERE status = 'published' AND published_at >= $1 AND published_at < $2"
    )
    .bind(from)
    .bind(to)
    .fetch_one(c)
    .await)?;
    let picked: Vec<(i64, i64, i64)> = on_read!(db, |c| sqlx::query_as(
        "SELECT p.publication_id, MIN(p.delay_minutes), COUNT(DISTINCT p.outlet_id) FROM release_pickups p \
         JOIN publications r ON r.id = p.publication_id \
         WHERE r.status = 'published' AND r.published_at >= $1 AND r.published_at < $2 GROUP BY p.publication_id"
    )
    .bind(from)
    .bind(to)
    .fetch_all(c)
    .await)?;
    let mut delays: Vec<i64> = picked.iter().map(|r| r.1).collect();
    delays.sort_unstable();
    let median_minutes = match delays.len() {
        0 => None,
        n if n % 2 == 1 => Some(delays[n / 2] as f64),
        n => Some((delays[n / 2 - 1] + delays[n / 2]) as f64 / 2.0),
    };
    let outlets: i64 = picked.iter().map(|r| r.2).sum();
    Ok(PickupFigures {
        releases,
        picked_up: picked.len() as i64,
        outlets_per_release: if picked.is_empty() {
            0.0
        } else {
            outlets as f64 / picked.len() as f64
        },
        median_delay_hours: median_minutes.map(|m| (m / 60.0 * 10.0).round() / 10.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shortened_release_or_its_key_words_are_a_pickup() {
        let r = Release::new(
            1,
            Utc::now(),
            &[(
                "Министерство объявило грантовый конкурс для молодёжных организаций".into(),
                "Заявки принимаются до конца месяца на портале электронного правительства.".into(),
            )],
        );
        let copy = "Министерство объявило грантовый конкурс для молодёжных организаций. Заявки принимаются до конца месяца на портале электронного правительства.";
        let head = words("Министерство: грантовый конкурс для молодёжных организаций");
        assert_eq!(r.carried_by(&signature(copy), &head, &words(copy)), Some(true));
        let rewritten = "Молодёжные организации могут подать заявки: грантовый конкурс министерства продлится месяц.";
        let head = words("Гранты для НКО");
        assert_eq!(
            r.carried_by(&signature(rewritten), &head, &words(rewritten)),
            Some(false),
            "the key words in the text carry it; the headline lost them"
        );
        let other = "В Астане прошёл форум волонтёров и наградили лучших координаторов года.";
        assert_eq!(r.carried_by(&signature(other), &words(other), &words(other)), None);
    }
}
