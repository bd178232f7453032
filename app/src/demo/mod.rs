//! Demo data for a first start: the ministry's departments and staff of every
//! role, so the portal has something real to show. Runs only on an empty
//! database.

pub mod media;
pub mod press;
pub mod surveys;

use crate::error::AppError;
use crate::on_read;
use crate::{accounts, departments, platform::db::Db};
use crate::{accounts::StaffInput, departments::DepartmentInput, platform::roles::Role};
use chrono::Utc;

/// The password of every demo staff account (printed at start-up).
pub const DEMO_PASSWORD: &str = "ashyq-demo-2026";

const DEPARTMENTS: [(&str, &str, &str, &str); 6] = [
    (
        "MEDIA",
        "БАҚ-пен байланыс басқармасы",
        "Управление по связям со СМИ",
        "Media Relations Department",
    ),
    (
        "INFO",
        "Ақпараттық саясат департаменті",
        "Департамент информационной политики",
        "Information Policy Department",
    ),
    (
        "CIVIL",
        "Азаматтық қоғаммен өзара іс-қимыл департаменті",
        "Департамент по взаимодействию с гражданским обществом",
        "Civil Society Department",
    ),
    (
        "RELIG",
        "Дін істері комитеті",
        "Комитет по делам религий",
        "Religious Affairs Committee",
    ),
    (
        "YOUTH",
        "Жастар және отбасы саясаты департаменті",
        "Департамент молодёжной и семейной политики",
        "Youth and Family Policy Department",
    ),
    (
        "ETHNIC",
        "Этносаралық қатынастарды дамыту департаменті",
        "Департамент развития межэтнических отношений",
        "Interethnic Relations Department",
    ),
];

/// (department code, head's name, officer's name)
const PEOPLE: [(&str, &str, &str); 6] = [
    ("MEDIA", "Айгерім Сейітқызы", "Ержан Нұрланұлы"),
    ("INFO", "Дана Омарова", "Бауыржан Төлеуов"),
    ("CIVIL", "Мақсат Жұмабеков", "Әсел Қасымова"),
    ("RELIG", "Нұрлан Әбдірахманов", "Гүлнар Серікова"),
    ("YOUTH", "Жанар Ермекова", "Данияр Сапаров"),
    ("ETHNIC", "Рустам Ибрагимов", "Ольга Ким"),
];

/// One demo login: username and role.
pub type DemoLogin = (String, Role);

/// Gives the demo accounts just seeded a second factor each (so a newcomer
/// signs in with `ashyq totp-code --username …`). Accounts an admin creates
/// later enrol as usual, with the QR code.
pub async fn enrol_factors(
    db: &Db,
    sealer: &crate::platform::sealing::Sealer,
    logins: &[DemoLogin],
) -> Result<(), AppError> {
    for (username, _) in logins {
        let id: i64 = on_read!(db, |c| sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
            .bind(username)
            .fetch_one(c)
            .await)?;
        accounts::second_factor::enrol_for_demo(db, sealer, id, Utc::now()).await?;
    }
    Ok(())
}

/// A code for `username` that was not used yet, waiting for the next
/// 30-second step first when the codes around now were all used.
pub async fn totp_code(db: &Db, sealer: &crate::platform::sealing::Sealer, username: &str) -> Result<String, AppError> {
    let username = accounts::normalise_username(username);
    let id: Option<i64> = on_read!(db, |c| sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
        .bind(&username)
        .fetch_optional(c)
        .await)?;
    let id = id.ok_or_else(AppError::not_found)?;
    let (code, wait) = accounts::second_factor::unused_code(db, sealer, id, &username, Utc::now()).await?;
    if let Ok(wait) = wait.to_std() {
        tokio::time::sleep(wait).await;
    }
    Ok(code)
}

/// Seeds departments and staff when there are no departments yet. Returns the
/// logins it created, or `None` when the database already had data.
pub async fn seed_demo(db: &Db) -> Result<Option<Vec<DemoLogin>>, AppError> {
    let n: i64 = on_read!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM departments")
        .fetch_one(c)
        .await)?;
    if n > 0 {
        return Ok(None);
    }
    let now = Utc::now();
    let mut logins = Vec::new();
    let mut ids = Vec::new();
    for (code, kk, ru, en) in DEPARTMENTS {
        let input = DepartmentInput {
            code: code.into(),
            name_kk: kk.into(),
            name_ru: ru.into(),
            name_en: en.into(),
            email: format!("{}@ministry.example.kz", code.to_lowercase()),
            head_user_id: None,
        };
        ids.push((
            code,
            departments::create(db, departments::validate(&input)?, now).await?,
        ));
    }
    let mut add = |username: String, name: &str, role: Role, dept: Option<i64>| {
        let input = StaffInput {
            username: username.clone(),
            display_name: name.into(),
            email: format!("{username}@ministry.example.kz"),
            role: role.as_str().into(),
            department_id: dept.map(|d| d.to_string()),
            password: DEMO_PASSWORD.into(),
        };
        logins.push((username, role));
        input
    };
    let mut inputs = vec![
        add("admin".into(), "Әлия Нұрмағанбетова", Role::Admin, None),
        add("analyst".into(), "Тимур Бекболатов", Role::Analyst, None),
    ];
    let dept_id = |code: &str| ids.iter().find(|(c, _)| *c == code).map(|(_, id)| *id);
    inputs.push(add(
        "moderator".into(),
        "Сәуле Әмірова",
        Role::Moderator,
        dept_id("MEDIA"),
    ));
    let mut heads = Vec::new();
    for (code, head, officer) in PEOPLE {
        let prefix = code.to_lowercase();
        heads.push((dept_id(code), inputs.len()));
        inputs.push(add(format!("{prefix}.head"), head, Role::DepartmentHead, dept_id(code)));
        inputs.push(add(format!("{prefix}.officer"), officer, Role::Officer, dept_id(code)));
    }
    let hash = crate::accounts::passwords::hash(DEMO_PASSWORD.to_string())
        .await
        .map_err(|_| AppError::new(crate::error::ErrorCode::Unavailable))?;
    let mut user_ids = Vec::new();
    for input in &inputs {
        let v = accounts::validate(db, input, true).await?;
        user_ids.push(accounts::create_hashed(db, None, v, &hash, now).await?);
    }
    // Name each department's head.
    for (dept, idx) in heads {
        if let Some(dept) = dept {
            let d = departments::get(db, dept).await?;
            let input = DepartmentInput {
                code: d.code,
                name_kk: d.name_kk,
                name_ru: d.name_ru,
                name_en: d.name_en,
                email: d.email,
                head_user_id: Some(user_ids[idx].to_string()),
            };
            departments::update(db, dept, departments::validate(&input)?, now).await?;
        }
    }
    // Routing rules by topic (press queries otherwise go to media relations).
    let rules = [
        ("Religious affairs", "religion", "RELIG"),
        ("Youth policy", "youth", "YOUTH"),
        ("Family", "family", "YOUTH"),
        ("Interethnic relations", "interethnic", "ETHNIC"),
        ("Language policy", "languages", "ETHNIC"),
        ("Civil society", "civil_society", "CIVIL"),
        ("NGO grants", "ngo_grants", "CIVIL"),
        ("Volunteering", "volunteering", "CIVIL"),
        ("Information policy", "media", "INFO"),
        ("Digital services", "digital", "INFO"),
    ];
    let mut tx = db.begin().await?;
    for (position, (name, topic, code)) in rules.iter().enumerate() {
        if let Some(dept) = dept_id(code) {
            crate::on_tx!(&mut tx, |c| {
                sqlx::query(
                "INSERT INTO routing_rules (position, name, item_kind, topic_code, keywords, department_id) VALUES ($1, $2, '', $3, '', $4)"
            )
            .bind((position as i64 + 1) * 10)
            .bind(*name)
            .bind(*topic)
            .bind(dept)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
        }
    }
    tx.commit().await?;
    Ok(Some(logins))
}

/// A small deterministic generator, so every demo looks the same.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 10_000) as f64 / 10_000.0 < p
    }
}

const SUBJECTS: [(&str, &str, &str); 12] = [
    (
        "жаңа грант конкурсы",
        "новый грантовый конкурс",
        "a new grant competition",
    ),
    (
        "жастар ресурстық орталықтары",
        "молодёжные ресурсные центры",
        "youth resource centres",
    ),
    (
        "мемлекеттік тілді дамыту",
        "развитие государственного языка",
        "developing the state language",
    ),
    ("волонтерлер форумы", "форум волонтёров", "the volunteers' forum"),
    (
        "отбасы институтын қолдау",
        "поддержка института семьи",
        "support for families",
    ),
    (
        "БАҚ туралы заңға түзетулер",
        "поправки в закон о СМИ",
        "amendments to the media law",
    ),
    (
        "діни ахуал мониторингі",
        "мониторинг религиозной ситуации",
        "monitoring of the religious situation",
    ),
    ("этносаралық келісім", "межэтническое согласие", "interethnic accord"),
    ("цифрлық қызметтер", "цифровые услуги", "digital services"),
    ("әлеуметтік жобалар", "социальные проекты", "social projects"),
    ("азаматтық бастамалар", "гражданские инициативы", "civic initiatives"),
    (
        "ақпараттық қауіпсіздік",
        "информационная безопасность",
        "information security",
    ),
];

const TOPIC_OF: [&str; 12] = [
    "ngo_grants",
    "youth",
    "languages",
    "volunteering",
    "family",
    "media",
    "religion",
    "interethnic",
    "digital",
    "social_support",
    "civil_society",
    "media",
];

/// Demo publications (about 200 over the last six months, every channel and
/// department) and tens of thousands of ratings whose tone turns more
/// negative in the latest quarter for some topics. Only on an empty catalogue.
pub async fn seed_content(
    db: &Db,
    now: chrono::DateTime<Utc>,
    tz: chrono_tz::Tz,
) -> Result<Option<(usize, usize)>, AppError> {
    use crate::{
        platform::texts::Texts,
        publications::{Channel, Kind, PubStatus},
    };
    let n: i64 = on_read!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM publications")
        .fetch_one(c)
        .await)?;
    if n > 0 {
        return Ok(None);
    }
    let departments = departments::list(db, false).await?;
    if departments.is_empty() {
        return Ok(None);
    }
    let mut rng = Rng(0x5eed_a5b1_c0de_2026);
    let mut ids = Vec::new();
    for i in 0..200u64 {
        let kind = Kind::ALL[rng.below(Kind::ALL.len() as u64) as usize];
        let channel = Channel::ALL[(i % Channel::ALL.len() as u64) as usize];
        let dept = &departments[(i as usize * 7 + rng.below(3) as usize) % departments.len()];
        let s = rng.below(SUBJECTS.len() as u64) as usize;
        let (kk, ru, en) = SUBJECTS[s];
        let days_ago = rng.below(182) as i64;
        let at = now - chrono::Duration::days(days_ago) - chrono::Duration::minutes(rng.below(600) as i64);
        let v = crate::publications::ValidPublication {
            kind,
            channel,
            department_id: dept.id,
            topics: vec![TOPIC_OF[s].to_string()],
            published_at: at,
            url: Some(format!("https://ministry.example.kz/news/{}", 1000 + i)),
            titles: Texts {
                kk: format!(
                    "{}: {} (№{})",
                    crate::publications::labels::kind(crate::i18n::Locale::kk, kind),
                    kk,
                    1000 + i
                ),
                ru: format!(
                    "{}: {} (№{})",
                    crate::publications::labels::kind(crate::i18n::Locale::ru, kind),
                    ru,
                    1000 + i
                ),
                en: format!(
                    "{}: {} (No. {})",
                    crate::publications::labels::kind(crate::i18n::Locale::en, kind),
                    en,
                    1000 + i
                ),
            },
            summaries: Texts {
                kk: format!("Министрлік {} туралы хабарлайды.", kk),
                ru: format!("Министерство сообщает: {}.", ru),
                en: format!("The ministry reports on {}.", en),
            },
        };
        let id = crate::publications::create(db, &v, PubStatus::Published, "manual", now).await?;
        ids.push((id, at, s));
    }
    // Ratings, written in batches and summed into the aggregates at the end.
    let praise = [
        "Түсінікті және пайдалы ақпарат.",
        "Полезная информация, спасибо.",
        "Clear and useful, thank you.",
    ];
    let doubts = [
        "Хотелось бы больше конкретных цифр.",
        "Мерзімдері көрсетілмеген.",
        "Сроки подачи не указаны.",
    ];
    let complaints = [
        "The announcement came too late for us to apply.",
        "Ссылка на подачу заявки не работает.",
        "Өтінім беру сілтемесі жұмыс істемейді.",
    ];
    let quarter = now - chrono::Duration::days(91);
    let mut rows: Vec<crate::publications::ratings::BulkRating> = Vec::new();
    for (id, at, s) in &ids {
        let count = 60 + rng.below(280) as usize;
        for k in 0..count {
            let after = *at + chrono::Duration::hours(rng.below(24 * 20) as i64);
            let when = if after > now {
                now - chrono::Duration::minutes(k as i64)
            } else {
                after
            };
            let recent = when >= quarter;
            // Social support, religion and digital services sour in the latest quarter.
            let souring = recent && matches!(TOPIC_OF[*s], "social_support" | "religion" | "digital");
            let (p_pos, p_neg) = if souring {
                (0.25, 0.50)
            } else if recent {
                (0.50, 0.18)
            } else {
                (0.60, 0.12)
            };
            let roll = (rng.below(10_000) as f64) / 10_000.0;
            let tone = if roll < p_pos {
                "positive"
            } else if roll < p_pos + p_neg {
                "negative"
            } else {
                "neutral"
            };
            let stars = match tone {
                "positive" => 4 + rng.below(2) as i64,
                "negative" => 1 + rng.below(2) as i64,
                _ => 3,
            };
            let audience = [
                "citizen",
                "citizen",
                "citizen",
                "journalist",
                "ngo",
                "business",
                "other",
            ][rng.below(7) as usize];
            let (comment, status) = if rng.chance(0.03) {
                let pool = match tone {
                    "positive" => &praise,
                    "negative" => &complaints,
                    _ => &doubts,
                };
                let text = pool[rng.below(pool.len() as u64) as usize];
                (Some(text), Some(if rng.chance(0.98) { "approved" } else { "pending" }))
            } else {
                (None, None)
            };
            rows.push(crate::publications::ratings::BulkRating {
                publication_id: *id,
                visitor_hash: crate::platform::secrets::hash_secret(&format!("demo-{id}-{k}")),
                stars,
                tone,
                audience,
                comment,
                comment_status: status,
                at: when,
            });
        }
    }
    crate::publications::ratings::bulk_insert(db, &rows).await?;
    let total = rows.len();
    crate::publications::ratings::recompute_aggregates(db, tz).await?;
    Ok(Some((ids.len(), total)))
}

/// Demo answers by language (kk, ru, en), three of each.
const DEMO_ANSWERS: [&str; 9] = [
    "Сәлеметсіз бе! {code} өтінішіңізге жауап: гранттық конкурсқа өтінімдерді қабылдау 2027 жылғы 15 ақпанда басталады. Толық ережелер министрлік сайтында жарияланған.",
    "Здравствуйте! Отвечаем на обращение {code}: приём заявок на грантовый конкурс начнётся 15 февраля 2027 года. Полные правила опубликованы на сайте министерства.",
    "Hello. In answer to {code}: applications for the grant round open on 15 February 2027. The full rules are on the ministry's website.",
    "{code} өтінішіңізге рахмет. Сұраған статистика министрліктің ашық деректер порталында жарияланған; 2026 жылғы деректер тоқсан сайын жаңартылады.",
    "Благодарим за обращение {code}. Запрошенная статистика опубликована на портале открытых данных министерства; данные за 2026 год обновляются ежеквартально.",
    "Thank you for {code}. The statistics you asked for are on the ministry's open data portal; the 2026 figures are updated every quarter.",
    "{code}: жастар орталығы дүйсенбі–жұма 9:00–20:00, сенбі 10:00–16:00 жұмыс істейді. Тіркелу тегін.",
    "{code}: молодёжный центр работает с понедельника по пятницу с 9:00 до 20:00, в субботу с 10:00 до 16:00. Регистрация бесплатная.",
    "{code}: the youth centre is open Monday to Friday 9:00–20:00 and Saturday 10:00–16:00. Registration is free.",
];

/// Internal notes staff leave while working on demo items.
const DEMO_NOTES: [&str; 5] = [
    "Запросил данные у отдела статистики, ответ ожидается в среду.",
    "Уточнить у юристов формулировку про сроки.",
    "Похожий вопрос был в прошлом месяце, взять ответ за основу.",
    "Заявитель звонил, просил ответ на казахском — язык обращения уже казахский.",
    "Нужна виза руководителя перед отправкой.",
];

/// Canned answers in each language for a fresh portal.
async fn seed_canned(db: &Db, now: chrono::DateTime<Utc>) -> Result<(), AppError> {
    let n: i64 = on_read!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM canned_answers")
        .fetch_one(c)
        .await)?;
    if n > 0 {
        return Ok(());
    }
    let list = [
        ("kk", "", "Алғыс және жауап", "Құрметті {name}!\n\n{code} өтінішіңізге рахмет. \n\nҚұрметпен,\n{department}"),
        ("ru", "", "Благодарность и ответ", "Уважаемый(ая) {name}!\n\nБлагодарим вас за обращение {code} от {received}. \n\nС уважением,\n{department}"),
        ("en", "", "Thanks and answer", "Dear {name},\n\nThank you for your request {code} of {received}. \n\nKind regards,\n{department}"),
        ("ru", "", "Перенаправление", "Уважаемый(ая) {name}! Ваше обращение {code} по теме «{subject}» направлено по компетенции."),
        ("ru", "ngo_grants", "Гранты: сроки конкурса", "Уважаемый(ая) {name}! Приём заявок на грантовый конкурс объявляется на сайте министерства; ответ на обращение {code}: ближайший конкурс — в феврале."),
    ];
    for (language, topic, title, body) in list {
        let topic = if crate::publications::topics::codes(db).await?.iter().any(|t| t == topic) {
            topic
        } else {
            ""
        };
        crate::inbox::canned::add(
            db,
            &crate::inbox::CannedInput {
                language: language.into(),
                topic: topic.into(),
                title: title.into(),
                body: body.into(),
            },
            now,
        )
        .await?;
    }
    Ok(())
}

/// Demo items: a few hundred questions and press queries over the last six
/// months, routed and timed like real ones, in every status, some answered
/// late and some overdue now. Only when there are no items yet.
pub async fn seed_items(
    db: &Db,
    config: &crate::platform::config::Config,
    now: chrono::DateTime<Utc>,
) -> Result<Option<usize>, AppError> {
    use crate::items::{deadlines, routing, workdays};
    use chrono::Datelike;
    let n: i64 = on_read!(db, |c| sqlx::query_scalar("SELECT COUNT(*) FROM items")
        .fetch_one(c)
        .await)?;
    if n > 0 {
        return Ok(None);
    }
    let tz = config.tz();
    let (rules, policies, cal) = (
        routing::load(db).await?,
        deadlines::load(db).await?,
        workdays::load(db).await?,
    );
    let departments = departments::list(db, false).await?;
    let media = departments.iter().find(|d| d.code == "MEDIA").map(|d| d.id);
    let topics = crate::publications::topics::codes(db).await?;
    let subjects = [
        (
            "Когда начнётся приём заявок на гранты?",
            "When does the grant application round open?",
        ),
        (
            "Жастар орталығының жұмыс уақыты қандай?",
            "What are the youth centre's opening hours?",
        ),
        (
            "Как зарегистрировать религиозное объединение?",
            "How is a religious association registered?",
        ),
        (
            "Сколько получателей социальной поддержки в 2026 году?",
            "How many people received social support in 2026?",
        ),
        (
            "Мемлекеттік тіл курстары қайда өтеді?",
            "Where are the state-language courses held?",
        ),
        (
            "Прошу предоставить статистику по волонтёрам.",
            "Please provide statistics on volunteers.",
        ),
    ];
    // Each department's head and officer, who handle its demo items.
    let people: Vec<(i64, String, Option<i64>)> = on_read!(db, |c| sqlx::query_as(
        "SELECT id, role, department_id FROM users WHERE role IN ('officer', 'department_head') ORDER BY id"
    )
    .fetch_all(c)
    .await)?;
    let mut staff: std::collections::HashMap<i64, (Option<i64>, Option<i64>)> = std::collections::HashMap::new();
    for (id, role, dept) in people {
        if let Some(d) = dept {
            let e = staff.entry(d).or_default();
            if role == "department_head" {
                e.0.get_or_insert(id);
            } else {
                e.1.get_or_insert(id);
            }
        }
    }
    seed_canned(db, now).await?;
    crate::channels::seed_demo(db, now).await?;
    let mut rng = Rng(0x17e5_0000_2026_0001);
    let mut count = 0usize;
    for i in 0..320u64 {
        let press = rng.chance(0.22);
        let kind = if press { "press_query" } else { "question" };
        let topic = topics[rng.below(topics.len() as u64) as usize].clone();
        let (ru, en) = subjects[rng.below(subjects.len() as u64) as usize];
        let received = now - chrono::Duration::minutes(rng.below(180 * 24 * 60) as i64);
        let route = routing::route(&rules, kind, &topic, ru, media);
        let (department, rule, how) = match route {
            routing::Route::Rule { rule_id, department_id } => {
                (Some(department_id), Some(rule_id), format!("rule {rule_id}"))
            }
            routing::Route::MediaRelations { department_id } => {
                (Some(department_id), None, "media_relations_default".to_string())
            }
            routing::Route::Triage => (None, None, "triage".to_string()),
        };
        let Some(policy) = deadlines::pick(&policies, kind, &topic) else {
            continue;
        };
        let due = deadlines::first_due(policy, &cal, received, tz);
        let age_days = (now - received).num_days();
        // Older items are mostly answered; about one in eight answers is late.
        let (status, answered) = if department.is_none() && age_days < 3 {
            ("new", None)
        } else if due < now || age_days > 20 {
            let roll = rng.below(100);
            if roll < 70 {
                let late = rng.chance(0.12);
                let at = if late {
                    due + chrono::Duration::days(1 + rng.below(6) as i64)
                } else {
                    received + (due - received) / 2
                };
                (if rng.chance(0.5) { "closed" } else { "answered" }, Some(at.min(now)))
            } else if roll < 78 {
                ("redirected", None)
            } else if roll < 82 {
                ("rejected", None)
            } else {
                ("in_progress", None) // overdue now
            }
        } else {
            (["new", "assigned", "in_progress"][rng.below(3) as usize], None)
        };
        let department = department.or(if status != "new" {
            departments.first().map(|d| d.id)
        } else {
            None
        });
        let prefix = if press { "PQ" } else { "Q" };
        let year = received.with_timezone(&tz).year();
        let mut tx = db.begin().await?;
        let seq: i64 = crate::on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO item_counters (prefix, year, last) VALUES ($1, $2, 1) ON CONFLICT (prefix, year) DO UPDATE SET last = item_counters.last + 1 RETURNING last"
        )
        .bind(prefix)
        .bind(year)
        .fetch_one(c)
        .await
        })?;
        let code = format!("{prefix}-{year}-{seq:06}");
        let language = ["kk", "ru", "ru", "en"][rng.below(4) as usize];
        let text = if language == "en" { en } else { ru };
        let name = format!("Demo submitter {i}");
        let (head, officer) = department.and_then(|d| staff.get(&d).copied()).unwrap_or((None, None));
        let assignee = if status == "new" { None } else { officer };
        // About one question in ten had its deadline extended by the head.
        let extended = (status != "new" && !press && rng.chance(0.1)).then(|| {
            let day = received.with_timezone(&tz).date_naive() + chrono::Duration::days(30);
            crate::items::workdays::end_of(cal.this_or_next_working(day), tz)
        });
        let due = extended.unwrap_or(due);
        let reason = match status {
            "redirected" => Some("Вопрос относится к компетенции акимата города / The question is for the city akimat"),
            "rejected" => Some("Обращение не содержит вопроса по существу / The request contains no question"),
            _ => None,
        };
        let answer = answered.map(|_| {
            DEMO_ANSWERS
                [(rng.below(3) as usize) * 3 + ["kk", "ru", "en"].iter().position(|l| *l == language).unwrap_or(1)]
            .replace("{code}", &code)
        });
        let consent = rng.chance(0.6);
        let published = answered.filter(|_| consent && rng.chance(0.6));
        let email = format!("submitter{i}@example.kz");
        let clues = crate::privacy::Clues {
            name: &name,
            email: &email,
            accreditation: "",
        };
        let public =
            published.map(|_| crate::answers::public_texts(text, text, answer.as_deref().unwrap_or(""), &clues, &[]));
        let id: i64 = crate::on_tx!(&mut tx, |c| {
            sqlx::query_scalar(
            "INSERT INTO items (tracking_code, token_hash, kind, topic_code, department_id, routed_by_rule, status, language, subject, body, \
             consent_to_publish, submitter_name, submitter_email, outlet, received_at, due_at, answer_text, answered_at, updated_at, search_text, \
             assignee_id, extended, extension_reason, status_reason, redirected_to, answer_published, published_at, public_question, public_answer) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $15, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28) RETURNING id"
        )
        .bind(&code)
        .bind(crate::platform::secrets::hash_secret(&format!("demo-item-{i}")))
        .bind(kind)
        .bind(&topic)
        .bind(department)
        .bind(rule)
        .bind(status)
        .bind(language)
        .bind(text)
        .bind(text)
        .bind(consent)
        .bind(&name)
        .bind(&email)
        .bind(press.then_some("Kazinform"))
        .bind(received)
        .bind(due)
        .bind(answer.as_deref())
        .bind(answered)
        .bind(crate::items::search_text(&code, text, text, &clues))
        .bind(assignee)
        .bind(extended.is_some())
        .bind(extended.map(|_| "Запрошены сведения у подведомственных организаций / Data requested from subordinate bodies"))
        .bind(reason)
        .bind((status == "redirected").then_some("Акимат г. Астаны / Astana city akimat"))
        .bind(published.is_some())
        .bind(published)
        .bind(public.as_ref().map(|(q, _)| q.as_str()))
        .bind(public.as_ref().map(|(_, a)| a.as_str()))
        .fetch_one(c)
        .await
        })?;
        let minutes = |m: i64| received + chrono::Duration::minutes(m);
        let mut events: Vec<(&str, String, chrono::DateTime<Utc>, Option<i64>, bool)> = vec![
            ("received", String::new(), received, None, false),
            ("routed", how, received, None, false),
        ];
        if status != "new" {
            if rng.chance(0.12) {
                events.push((
                    "reassigned",
                    "triage → ".to_string() + "department: topic belongs here",
                    minutes(90),
                    head,
                    false,
                ));
            }
            if assignee.is_some() {
                events.push(("assigned", "officer".into(), minutes(120), head, false));
            }
            for n in 0..rng.below(3) {
                let note = DEMO_NOTES[rng.below(DEMO_NOTES.len() as u64) as usize];
                events.push(("note", note.into(), minutes(240 + 600 * n as i64), officer, true));
            }
            if let Some(new_due) = extended {
                let detail = format!(
                    "{}: Запрошены сведения у подведомственных организаций",
                    new_due.with_timezone(&tz).format("%Y-%m-%d %H:%M")
                );
                events.push(("extended", detail, minutes(2 * 24 * 60), head, false));
                events.push(("notified", "extension".into(), minutes(2 * 24 * 60), head, true));
            }
            if let Some(r) = reason {
                events.push((
                    if status == "redirected" {
                        "redirected"
                    } else {
                        "rejected"
                    },
                    r.into(),
                    minutes(24 * 60),
                    officer,
                    false,
                ));
            }
        }
        if let (Some(at), Some(a)) = (answered, answer.as_ref()) {
            events.push(("answered", a.clone(), at, officer, false));
            events.push(("notified", "answer".into(), at, officer, true));
            if let Some(p) = published {
                events.push(("published", String::new(), p, officer, false));
            }
            if status == "closed" {
                events.push(("closed", String::new(), at + chrono::Duration::days(1), officer, false));
            }
        }
        for (kind, detail, at, actor, internal) in events {
            crate::on_tx!(&mut tx, |c| {
                sqlx::query(
                "INSERT INTO item_events (item_id, at, actor_user_id, kind, detail, internal) VALUES ($1, $2, $3, $4, $5, $6)"
            )
            .bind(id)
            .bind(at.min(now))
            .bind(actor)
            .bind(kind)
            .bind(&detail)
            .bind(internal)
            .execute(c)
            .await
            .map(|r| r.rows_affected())
            })?;
        }
        tx.commit().await?;
        count += 1;
    }
    crate::items::item_cube::rebuild(db, config.tz()).await?;
    Ok(Some(count))
}
