//! Demo surveys: two closed surveys with a few thousand responses each and
//! one open survey, so the survey pages and results have something to show.
//! Only when there are no surveys yet.

use crate::error::AppError;
use crate::on_read;
use crate::platform::db::Db;
use crate::surveys;
use crate::surveys::results::QuestionKind;
use crate::surveys::{QuestionInput, SurveyInput};
use chrono::{DateTime, Duration, Utc};

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

type Q = (QuestionKind, bool, [&'static str; 3], &'static [[&'static str; 3]]);

const CHANNELS: &[[&str; 3]] = &[
    ["Министрлік сайты", "Сайт министерства", "The ministry's website"],
    ["Теледидар", "Телевидение", "Television"],
    ["Әлеуметтік желілер", "Социальные сети", "Social networks"],
    ["Газеттер", "Газеты", "Newspapers"],
];
const TOPICS: &[[&str; 3]] = &[
    ["Жастар саясаты", "Молодёжная политика", "Youth policy"],
    ["Дін істері", "Религия", "Religious affairs"],
    ["Гранттар", "Гранты", "Grants"],
    ["Тіл саясаты", "Языковая политика", "Language policy"],
    ["Волонтерлік", "Волонтёрство", "Volunteering"],
];

const SERVICE: [Q; 5] = [
    (
        QuestionKind::Single,
        true,
        [
            "Министрлік жаңалықтарын қайдан білесіз?",
            "Откуда вы обычно узнаёте новости министерства?",
            "Where do you usually get the ministry's news?",
        ],
        CHANNELS,
    ),
    (
        QuestionKind::Multiple,
        false,
        [
            "Қай тақырыптар қызықтырады?",
            "Какие темы вам интересны?",
            "Which topics interest you?",
        ],
        TOPICS,
    ),
    (
        QuestionKind::Scale,
        true,
        [
            "Жауап беру жылдамдығына қаншалықты ризасыз?",
            "Насколько вы довольны скоростью ответов?",
            "How satisfied are you with how quickly we answer?",
        ],
        &[],
    ),
    (
        QuestionKind::Nps,
        true,
        [
            "Порталды басқаларға ұсынар ма едіңіз?",
            "Порекомендуете ли вы портал другим?",
            "How likely are you to recommend the portal to others?",
        ],
        &[],
    ),
    (
        QuestionKind::Text,
        false,
        ["Нені жақсарту керек?", "Что нам улучшить?", "What should we improve?"],
        &[],
    ),
];

const YOUTH: [Q; 3] = [
    (
        QuestionKind::Single,
        true,
        [
            "Ең маңызды басымдық қандай?",
            "Какой приоритет для вас главный?",
            "Which priority matters most to you?",
        ],
        &[
            ["Жұмыспен қамту", "Занятость", "Jobs"],
            ["Баспана", "Жильё", "Housing"],
            ["Білім", "Образование", "Education"],
        ],
    ),
    (
        QuestionKind::Multiple,
        false,
        [
            "Қандай қызметтерді пайдаланасыз?",
            "Какими услугами вы пользуетесь?",
            "Which services do you use?",
        ],
        &[
            ["Жастар орталықтары", "Молодёжные центры", "Youth centres"],
            ["Гранттар", "Гранты", "Grants"],
            ["Кеңес беру", "Консультации", "Counselling"],
        ],
    ),
    (
        QuestionKind::Scale,
        true,
        [
            "Жастар саясатын қалай бағалайсыз?",
            "Как вы оцениваете молодёжную политику?",
            "How do you rate youth policy?",
        ],
        &[],
    ),
];

const PORTAL: [Q; 3] = [
    (
        QuestionKind::Scale,
        true,
        [
            "Жаңа порталды қалай бағалайсыз?",
            "Как вы оцениваете новый портал?",
            "How do you rate the new portal?",
        ],
        &[],
    ),
    (
        QuestionKind::Nps,
        false,
        [
            "Порталды ұсынар ма едіңіз?",
            "Порекомендуете ли вы портал?",
            "Would you recommend the portal?",
        ],
        &[],
    ),
    (
        QuestionKind::Text,
        false,
        ["Пікіріңіз", "Ваш отзыв", "Your comments"],
        &[],
    ),
];

const IMPROVE: [&str; 4] = [
    "Отвечайте быстрее на запросы журналистов.",
    "Сайтты мобильді құрылғыларға бейімдеу керек.",
    "Publish the statistics as open data every month.",
    "Больше видео с субтитрами на казахском языке.",
];

async fn build(
    db: &Db,
    department: &str,
    title: [&str; 3],
    questions: &[Q],
    (opens, closes): (DateTime<Utc>, DateTime<Utc>),
    visibility: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let tz = chrono_tz::Asia::Almaty;
    let fmt = |t: DateTime<Utc>| t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string();
    let owner = crate::departments::list(db, false)
        .await?
        .into_iter()
        .find(|d| d.code == department)
        .map(|d| d.id);
    let id = surveys::create(
        db,
        1,
        owner,
        &SurveyInput {
            title_kk: title[0].into(),
            title_ru: title[1].into(),
            title_en: title[2].into(),
            description_kk: "Пікіріңіз министрлікке жұмысын жақсартуға көмектеседі.".into(),
            description_ru: "Ваше мнение поможет министерству работать лучше.".into(),
            description_en: "Your opinion helps the ministry work better.".into(),
            opens_at: fmt(opens),
            closes_at: fmt(closes),
            visibility: visibility.into(),
        },
        tz,
        now,
    )
    .await?;
    for (kind, required, text, options) in questions {
        let lines = |i: usize| options.iter().map(|o| o[i]).collect::<Vec<_>>().join("\n");
        surveys::add_question(
            db,
            id,
            &QuestionInput {
                kind: kind.as_str().into(),
                required: *required,
                text_kk: text[0].into(),
                text_ru: text[1].into(),
                text_en: text[2].into(),
                options_kk: lines(0),
                options_ru: lines(1),
                options_en: lines(2),
            },
            now,
        )
        .await?;
    }
    surveys::publish(db, id, now).await?;
    Ok(id)
}

/// Writes `n` responses spread between `from` and `to`.
async fn respond(
    db: &Db,
    id: i64,
    n: usize,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    rng: &mut Lcg,
) -> Result<(), AppError> {
    let s = surveys::load(db, id, to).await?;
    let span = (to - from).num_minutes().max(1) as u64;
    let mut tx = db.begin().await?;
    for r in 0..n {
        let at = from + Duration::minutes(rng.below(span) as i64);
        let mut rows: Vec<(i64, Option<i64>, Option<i64>, Option<String>)> = Vec::new();
        for q in &s.questions {
            if !q.required && rng.below(10) < 3 {
                continue;
            }
            match q.kind {
                QuestionKind::Single => {
                    // Earlier options are chosen more often.
                    let i = (rng.below(q.options.len() as u64) * rng.below(q.options.len() as u64)) as usize
                        / q.options.len().max(1);
                    rows.push((q.id, Some(q.options[i].id), None, None));
                }
                QuestionKind::Multiple => {
                    for o in &q.options {
                        if rng.below(10) < 4 {
                            rows.push((q.id, Some(o.id), None, None));
                        }
                    }
                }
                QuestionKind::Scale => rows.push((
                    q.id,
                    None,
                    Some(2 + rng.below(4) as i64 - (rng.below(6) == 0) as i64),
                    None,
                )),
                QuestionKind::Nps => rows.push((q.id, None, Some((4 + rng.below(7)) as i64), None)),
                QuestionKind::Text => {
                    if rng.below(4) == 0 {
                        rows.push((
                            q.id,
                            None,
                            None,
                            Some(IMPROVE[rng.below(IMPROVE.len() as u64) as usize].to_string()),
                        ));
                    }
                }
            }
        }
        let answered = {
            let mut qs: Vec<i64> = rows.iter().map(|r| r.0).collect();
            qs.dedup();
            qs.len() as i64
        };
        let rid: i64 = crate::on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO survey_responses (survey_id, respondent_hash, submitted_at, answered) VALUES ($1, $2, $3, $4) RETURNING id"
        )
        .bind(id)
        .bind(format!("demo-{id}-{r}"))
        .bind(at)
        .bind(answered)
        .fetch_one(c)
        .await
        })?;
        for (q, option, value, text) in rows {
            let status = text
                .as_ref()
                .map(|_| if rng.below(3) == 0 { "pending" } else { "approved" });
            crate::on_tx!(&mut tx, |c| {
                sqlx::query(
                "INSERT INTO survey_answers (response_id, question_id, option_id, value, text, text_status) VALUES ($1, $2, $3, $4, $5, $6)"
            )
            .bind(rid)
            .bind(q)
            .bind(option)
            .bind(value)
            .bind(text.as_deref())
            .bind(status)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Seeds the demo surveys; `None` when there are surveys already.
pub async fn seed_surveys(db: &Db, now: DateTime<Utc>) -> Result<Option<usize>, AppError> {
    let n: i64 = on_read!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM surveys")
        .fetch_one(c)
        .await)?;
    if n > 0 {
        return Ok(None);
    }
    let mut rng = Lcg(0x5eed_2026);
    let day = Duration::days(1);
    let a = build(
        db,
        "INFO",
        [
            "Ақпараттық қызметтерге қанағаттану, 2026 ж. III тоқсан",
            "Удовлетворённость информационными услугами, III квартал 2026",
            "Satisfaction with information services, Q3 2026",
        ],
        &SERVICE,
        (now - day * 150, now - day * 60),
        "after_close",
        now - day * 151,
    )
    .await?;
    respond(db, a, 2400, now - day * 150, now - day * 61, &mut rng).await?;
    let b = build(
        db,
        "YOUTH",
        [
            "Жастар саясатының басымдықтары",
            "Приоритеты молодёжной политики",
            "Youth policy priorities",
        ],
        &YOUTH,
        (now - day * 100, now - day * 30),
        "live",
        now - day * 101,
    )
    .await?;
    respond(db, b, 1600, now - day * 100, now - day * 31, &mut rng).await?;
    let c = build(
        db,
        "MEDIA",
        [
            "Жаңа портал туралы пікір",
            "Отзыв о новом портале",
            "Feedback on the new portal",
        ],
        &PORTAL,
        (now - day * 7, now + day * 30),
        "live",
        now - day * 8,
    )
    .await?;
    respond(db, c, 140, now - day * 7, now - Duration::hours(1), &mut rng).await?;
    Ok(Some(3))
}
