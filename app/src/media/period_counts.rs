//! What the mentions of several periods add up to, read together: mentions
//! by media type and tone (the tones the portal suggested and nobody has
//! confirmed counted apart too), and stories (reprints counted once; a
//! mention typed by hand is a story of its own). The digest compares six
//! periods and the indicators two; each figure is one query over all of
//! them instead of one query per period.

use crate::error::AppError;
use crate::media::{ByType, MediaType};
use crate::on_read;
use crate::platform::db::Db;
use crate::platform::period::Period;
use crate::platform::query::{Bind, Where};
use crate::publications::{Tone, ToneCounts};

/// What the mentions of a period add up to.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Counts {
    pub by_type: ByType,
    pub tone: ToneCounts,
    /// Tones the portal suggested and no person has confirmed yet.
    pub suggested: ToneCounts,
    /// Stories (reprints counted once; a mention typed by hand is a story).
    pub stories: i64,
    /// Stories that had mentions before the period too (counted only for
    /// the first period, when asked).
    pub continuing: i64,
}

impl Counts {
    /// The tones a person set or confirmed: all less the suggested ones.
    pub fn confirmed_tone(&self) -> ToneCounts {
        ToneCounts {
            positive: self.tone.positive - self.suggested.positive,
            neutral: self.tone.neutral - self.suggested.neutral,
            negative: self.tone.negative - self.suggested.negative,
        }
    }
}

/// The counts of each of `periods`, in their order, of one department and
/// topic when given (the same period asked twice is counted once).
/// `continuing` is counted for the first period when
/// `with_continuing`. The filters are written into the SQL only when set,
/// so that without them the counts read the `mentions_day_counts` index alone.
pub async fn of_periods(
    db: &Db,
    periods: &[Period],
    (dept, topic): (Option<i64>, &str),
    with_continuing: bool,
) -> Result<Vec<Counts>, AppError> {
    let mut distinct: Vec<Period> = Vec::new();
    for p in periods {
        if !distinct.contains(p) {
            distinct.push(*p);
        }
    }
    if distinct.is_empty() {
        return Ok(Vec::new());
    }
    // One arm per period, each reading its own range of the index (a
    // `UNION ALL` rather than an `OR`, which SQLite answers by looking up
    // every row in the table); the arms share the parameters.
    let mut binds: Vec<Bind> = distinct
        .iter()
        .flat_map(|p| [Bind::Day(p.from), Bind::Day(p.to)])
        .collect();
    let mut rest = String::new();
    if let Some(d) = dept {
        binds.push(Bind::Int(d));
        rest.push_str(&format!(" AND m.department_id = ${}", binds.len()));
    }
    if !topic.is_empty() {
        binds.push(Bind::Str(topic.to_string()));
        rest.push_str(&format!(" AND m.topic_code = ${}", binds.len()));
    }
    let arms = |select: &str, group: &str| -> String {
        (0..distinct.len())
            .map(|i| {
                format!(
                    "SELECT CAST({i} AS BIGINT), {select} FROM mentions m WHERE m.day >= ${} AND m.day <= ${}{rest}{group}",
                    2 * i + 1,
                    2 * i + 2
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ")
    };
    let counts_sql = arms(
        "m.media_type, m.tone, m.tone_suggested, COUNT(*)",
        " GROUP BY m.media_type, m.tone, m.tone_suggested",
    );
    // A mention typed by hand (no story) is a story of its own: its id made
    // negative never meets a story's id.
    let stories_sql = arms("COUNT(DISTINCT COALESCE(m.story_id, -m.id))", "");
    // The three reads run at once, each on its own connection.
    let (rows, stories, continuing_first) = tokio::try_join!(
        async {
            Ok::<_, AppError>(on_read!(db, |c| crate::bind_all!(sqlx::query_as(&counts_sql), &binds)
                .fetch_all(c)
                .await)?)
        },
        async {
            Ok::<_, AppError>(on_read!(db, |c| crate::bind_all!(
                sqlx::query_as(&stories_sql),
                &binds
            )
            .fetch_all(c)
            .await)?)
        },
        async {
            match with_continuing {
                true => continuing(db, distinct[0], (dept, topic)).await,
                false => Ok(0),
            }
        },
    )?;
    let rows: Vec<(i64, String, String, bool, i64)> = rows;
    let stories: Vec<(i64, i64)> = stories;
    let mut out = vec![Counts::default(); distinct.len()];
    for (i, t, tn, suggested, n) in rows {
        let c = &mut out[i as usize];
        if let Some(t) = MediaType::parse(&t) {
            c.by_type.add(t, n);
        }
        if let Some(tone) = Tone::parse(&tn) {
            add(&mut c.tone, tone, n);
            if suggested {
                add(&mut c.suggested, tone, n);
            }
        }
    }
    for (i, n) in stories {
        out[i as usize].stories = n;
    }
    out[0].continuing = continuing_first;
    Ok(periods
        .iter()
        .map(|p| out[distinct.iter().position(|d| d == p).expect("every period counted")].clone())
        .collect())
}

fn add(c: &mut ToneCounts, tone: Tone, n: i64) {
    match tone {
        Tone::Positive => c.positive += n,
        Tone::Neutral => c.neutral += n,
        Tone::Negative => c.negative += n,
    }
}

/// The stories of period `p` that had mentions before it: each of the
/// period's stories looked up once in the story index.
async fn continuing(db: &Db, p: Period, (dept, topic): (Option<i64>, &str)) -> Result<i64, AppError> {
    let mut w = Where::default();
    w.push("m.day >= ? AND m.day <= ?", [Bind::Day(p.from), Bind::Day(p.to)]);
    w.raw("m.story_id IS NOT NULL");
    if let Some(d) = dept {
        w.push("m.department_id = ?", [Bind::Int(d)]);
    }
    if !topic.is_empty() {
        w.push("m.topic_code = ?", [Bind::Str(topic.to_string())]);
    }
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT DISTINCT m.story_id FROM mentions m{}) s \
         WHERE EXISTS (SELECT 1 FROM mentions e WHERE e.story_id = s.story_id AND e.day < $1)",
        w.sql()
    );
    Ok(on_read!(db, |c| crate::bind_all!(sqlx::query_scalar(&sql), &w.binds)
        .fetch_one(c)
        .await)?)
}
