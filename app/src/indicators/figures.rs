//! The opinion indicators for a period beside the previous period of the same
//! length: ratings from the rating cube, items (questions, press queries,
//! timeliness) from the item cube, channels from the publications. The maths
//! lives in `crate::indicators`.

use crate::error::{AppError, FieldCode, FieldError};
use crate::on_read;
use crate::platform::db::Db;
use crate::{
    indicators::{
        maths::{compare, problem_areas},
        ChannelRow, IndicatorQuery, Indicators, Span, WeekPoint, Weeks,
    },
    platform::period::Period,
    publications::RatingTotals,
};

use crate::indicators::maths::histogram_median;
use crate::items::item_cube;
use crate::items::workdays;
use crate::platform::spans::day_start;
use crate::publications::rating_cube::{self, Filter};
use chrono::{DateTime, NaiveDate, Utc};

/// Days without a post after which a channel counts as stale (until the
/// channels admin page sets one per channel).
pub const STALE_AFTER_DAYS: i64 = 30;

fn parse_day(s: &str, field: &str, errs: &mut Vec<FieldError>) -> Option<NaiveDate> {
    if s.trim().is_empty() {
        return None;
    }
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| {
            errs.push(FieldError {
                field: field.into(),
                code: FieldCode::InvalidDate,
            })
        })
        .ok()
}

/// The period asked for (`to` defaults to today, `from` to 29 days before
/// it), once the filters from closed lists are known to hold known values.
pub fn period_of(q: &IndicatorQuery, today: NaiveDate) -> Result<Period, AppError> {
    let mut errs = Vec::new();
    let to = parse_day(&q.to, "to", &mut errs).unwrap_or(today);
    let from = parse_day(&q.from, "from", &mut errs).unwrap_or(to - chrono::Duration::days(29));
    // The closed lists among the filters: a value they do not hold is named,
    // never read as "everything".
    let closed: [(&str, &str, fn(&str) -> bool); 4] = [
        ("channel", &q.channel, |v| {
            crate::publications::Channel::parse(v).is_some()
        }),
        ("audience", &q.audience, |v| {
            crate::publications::Audience::parse(v).is_some()
        }),
        ("kind", &q.kind, |v| matches!(v, "question" | "press_query")),
        ("media_tone", &q.media_tone, |v| matches!(v, "all" | "confirmed")),
    ];
    for (field, value, known) in closed {
        if !value.trim().is_empty() && !known(value.trim()) {
            errs.push(FieldError {
                field: field.into(),
                code: FieldCode::InvalidChoice,
            });
        }
    }
    if errs.is_empty() && from > to {
        errs.push(FieldError {
            field: "from".into(),
            code: FieldCode::NotEarlier,
        });
    }
    if errs.is_empty() && (to - from).num_days() > 3 * 366 {
        errs.push(FieldError {
            field: "from".into(),
            code: FieldCode::PeriodTooLong,
        });
    }
    if errs.is_empty() {
        Ok(Period { from, to })
    } else {
        Err(AppError::fields(errs))
    }
}

fn share3(t: &RatingTotals) -> [f64; 3] {
    if t.count == 0 {
        return [0.0; 3];
    }
    let n = t.count as f64;
    [t.positive as f64 / n, t.neutral as f64 / n, t.negative as f64 / n]
}

/// Every indicator for `q`, seen on `today` at `now`.
pub async fn compute(
    db: &Db,
    q: &IndicatorQuery,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Indicators, AppError> {
    let today = now.with_timezone(&tz).date_naive();
    let p = period_of(q, today)?;
    let prev = p.previous();
    let departments = crate::departments::list(db, true).await?;
    let dept = match q.department.trim() {
        "" => None,
        code => Some(
            departments
                .iter()
                .find(|d| d.code.eq_ignore_ascii_case(code))
                .map(|d| d.id)
                .ok_or_else(|| AppError::field("department", FieldCode::InvalidChoice))?,
        ),
    };
    let f = Filter {
        department_id: dept,
        topic: q.topic.trim().to_string(),
        channel: q.channel.trim().to_string(),
        audience: q.audience.trim().to_string(),
    };
    // Each period's ratings are read once; every breakdown is taken from them.
    let [cells_now, cells_before] = rating_cube::cells(db, [p, prev], &f).await?;
    let (now_t, before_t) = (rating_cube::sum(&cells_now, &f), rating_cube::sum(&cells_before, &f));
    let cal = workdays::load(db).await?;
    let kind = match q.kind.as_str() {
        k @ ("question" | "press_query") => k,
        _ => "",
    };
    let topic = q.topic.trim();
    let [items_now, items_before] = item_cube::figures(db, [p, prev], dept, topic, kind).await?;
    let share = |a: i64, n: i64| (n > 0).then(|| a as f64 / n as f64);
    // Problem areas: every topic, and every department unless one is chosen.
    let mut areas = Vec::new();
    let pair = |now: Vec<(String, RatingTotals)>, before: Vec<(String, RatingTotals)>| {
        now.into_iter()
            .map(|(key, t)| {
                let b = before
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, t)| *t)
                    .unwrap_or_default();
                (key, t, b)
            })
            .collect::<Vec<_>>()
    };
    for (key, t, b) in pair(
        rating_cube::group(&cells_now, &f, "topic"),
        rating_cube::group(&cells_before, &f, "topic"),
    ) {
        areas.push(("topic".to_string(), key, t, b));
    }
    if dept.is_none() {
        for (key, t, b) in pair(
            rating_cube::group(&cells_now, &f, "department"),
            rating_cube::group(&cells_before, &f, "department"),
        ) {
            let code = departments
                .iter()
                .find(|d| d.id.to_string() == key)
                .map(|d| d.code.clone())
                .unwrap_or(key);
            areas.push(("department".to_string(), code, t, b));
        }
    }
    let median_now = histogram_median(&items_now.histogram);
    let median_before = histogram_median(&items_before.histogram);
    let (overdue_now, due_soon_now) = open_now(db, dept, &cal, tz, now).await?;
    Ok(Indicators {
        period: Span { from: p.from, to: p.to },
        previous: Span {
            from: prev.from,
            to: prev.to,
        },
        satisfaction: compare(now_t.mean(), before_t.mean(), now_t.count, before_t.count),
        net_tone: compare(now_t.net_tone(), before_t.net_tone(), now_t.count, before_t.count),
        ratings: compare(
            Some(now_t.count as f64),
            Some(before_t.count as f64),
            now_t.count,
            before_t.count,
        ),
        comments: compare(
            Some(now_t.comments as f64),
            Some(before_t.comments as f64),
            now_t.count,
            before_t.count,
        ),
        questions: compare(
            Some(items_now.questions as f64),
            Some(items_before.questions as f64),
            items_now.questions,
            items_before.questions,
        ),
        press_queries: compare(
            Some(items_now.press as f64),
            Some(items_before.press as f64),
            items_now.press,
            items_before.press,
        ),
        answered_on_time: compare(
            share(items_now.on_time, items_now.answered),
            share(items_before.on_time, items_before.answered),
            items_now.answered,
            items_before.answered,
        ),
        median_working_days: compare(median_now, median_before, items_now.answered, items_before.answered),
        overdue_now,
        due_soon_now,
        distribution: now_t.distribution,
        distribution_previous: before_t.distribution,
        tone: share3(&now_t),
        tone_previous: share3(&before_t),
        problem_areas: problem_areas(&areas),
        channels: channels(db, p, dept, &cells_now, tz, now).await?,
        official: crate::channels::list(db, now).await?,
        media: crate::media::digest::figures(db, p, (dept, topic), q.media_tone.trim() == "confirmed", tz).await?,
    })
}

async fn open_now(
    db: &Db,
    dept: Option<i64>,
    cal: &workdays::WorkCalendar,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<(i64, i64), AppError> {
    let soon = crate::inbox::due_soon_limit(cal, tz, now);
    let dept_sql = if dept.is_some() { " AND department_id = $3" } else { "" };
    let sql = format!(
        "SELECT COALESCE(SUM(CASE WHEN due_at < $1 THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN due_at >= $1 AND due_at <= $2 THEN 1 ELSE 0 END), 0) \
         FROM items WHERE status IN ('new', 'assigned', 'in_progress'){dept_sql}"
    );
    Ok(on_read!(db, |c| {
        let q = sqlx::query_as::<_, (i64, i64)>(&sql).bind(now).bind(soon);
        match dept {
            Some(d) => q.bind(d).fetch_one(c).await,
            None => q.fetch_one(c).await,
        }
    })?)
}

async fn channels(
    db: &Db,
    p: Period,
    dept: Option<i64>,
    cells: &[rating_cube::Cell],
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Result<Vec<ChannelRow>, AppError> {
    let (from, to) = (day_start(p.from, tz), day_start(p.to.succ_opt().unwrap_or(p.to), tz));
    let dept_sql = if dept.is_some() { " AND department_id = $3" } else { "" };
    let sql = format!(
        "SELECT channel, COALESCE(SUM(CASE WHEN published_at >= $1 AND published_at < $2 THEN 1 ELSE 0 END), 0), MAX(published_at) \
         FROM publications WHERE status = 'published'{dept_sql} GROUP BY channel ORDER BY channel"
    );
    let rows: Vec<(String, i64, Option<DateTime<Utc>>)> = on_read!(db, |c| {
        let q = sqlx::query_as(&sql).bind(from).bind(to);
        match dept {
            Some(d) => q.bind(d).fetch_all(c).await,
            None => q.fetch_all(c).await,
        }
    })?;
    let mut out = Vec::new();
    for (channel, publications, last_post) in rows {
        let t = rating_cube::sum(
            cells,
            &Filter {
                department_id: dept,
                channel: channel.clone(),
                ..Default::default()
            },
        );
        let days = last_post.map(|l| (now - l).num_days());
        out.push(ChannelRow {
            ratings_per_publication: (publications > 0).then(|| t.count as f64 / publications as f64),
            satisfaction: t.mean(),
            ratings: t.count,
            publications,
            stale: days.is_none_or(|d| d > STALE_AFTER_DAYS),
            days_since_last_post: days,
            last_post,
            channel,
        });
    }
    Ok(out)
}

/// The weekly series of the period and of the previous one (weeks starting
/// on Monday), for charts: the n-th week of each side by side.
pub async fn weekly(db: &Db, q: &IndicatorQuery, tz: chrono_tz::Tz, now: DateTime<Utc>) -> Result<Weeks, AppError> {
    let p = period_of(q, now.with_timezone(&tz).date_naive())?;
    let dept = match q.department.trim() {
        "" => None,
        code => crate::departments::list(db, true)
            .await?
            .into_iter()
            .find(|d| d.code.eq_ignore_ascii_case(code))
            .map(|d| d.id),
    };
    let f = Filter {
        department_id: dept,
        topic: q.topic.trim().to_string(),
        channel: q.channel.trim().to_string(),
        audience: q.audience.trim().to_string(),
    };
    Ok(Weeks {
        current: weeks_of(db, p, &f).await?,
        previous: weeks_of(db, p.previous(), &f).await?,
    })
}

/// Every week touching `p`, with the ratings of its days inside `p`.
async fn weeks_of(db: &Db, p: Period, f: &Filter) -> Result<Vec<WeekPoint>, AppError> {
    use chrono::Datelike;
    let found = rating_cube::per_week(db, p, f).await?;
    let monday = |d: NaiveDate| d - chrono::Duration::days(d.weekday().num_days_from_monday() as i64);
    let mut weeks = Vec::new();
    let mut w = monday(p.from);
    while w <= p.to {
        let t = found.iter().find(|(k, _)| *k == w).map(|(_, t)| *t).unwrap_or_default();
        weeks.push(WeekPoint {
            week: w,
            ratings: t.count,
            satisfaction: t.mean(),
            negative_share: t.negative_share(),
        });
        w += chrono::Duration::days(7);
    }
    Ok(weeks)
}
