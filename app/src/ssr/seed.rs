//! Demo data for a first start: the ministry's departments and staff of every
//! role, so the portal has something real to show. Runs only on an empty
//! database.

use crate::error::AppError;
use crate::model::{DepartmentInput, Role, StaffInput};
use crate::on_read;
use crate::ssr::{accounts, db::Db, departments};
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
    let hash = crate::ssr::passwords::hash(DEMO_PASSWORD.to_string())
        .await
        .map_err(AppError::internal)?;
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
    Ok(Some(logins))
}
