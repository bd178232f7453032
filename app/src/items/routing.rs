//! Routing of questions and press queries to departments. Rules (kind,
//! topic, keywords → department) are tried in order and the first match
//! decides; press queries no rule claims go to media relations; anything
//! else unmatched waits in the triage queue. The decision names its rule,
//! so the item's history can say why it went where it did.

use crate::error::{AppError, FieldCode};
use crate::on_read;
use crate::platform::db::Db;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: i64,
    pub position: i64,
    /// Empty: any kind.
    pub item_kind: String,
    /// Empty: any topic.
    pub topic: String,
    /// Lower-case words or phrases; empty: no keyword needed. Any one matches.
    pub keywords: Vec<String>,
    pub department_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Sent by rule `rule_id`.
    Rule { rule_id: i64, department_id: i64 },
    /// A press query no rule claimed: the media-relations department.
    MediaRelations { department_id: i64 },
    /// Nobody's yet: a person decides.
    Triage,
}

impl Rule {
    fn matches(&self, kind: &str, topic: &str, text: &str) -> bool {
        (self.item_kind.is_empty() || self.item_kind == kind)
            && (self.topic.is_empty() || self.topic == topic)
            && (self.keywords.is_empty() || self.keywords.iter().any(|k| text.contains(k.as_str())))
    }
}

/// Decides where an item goes. `text` is the subject and the question.
pub fn route(rules: &[Rule], kind: &str, topic: &str, text: &str, media_relations: Option<i64>) -> Route {
    let text = text.to_lowercase();
    let mut ordered: Vec<&Rule> = rules.iter().collect();
    ordered.sort_by_key(|r| (r.position, r.id));
    if let Some(r) = ordered.into_iter().find(|r| r.matches(kind, topic, &text)) {
        return Route::Rule {
            rule_id: r.id,
            department_id: r.department_id,
        };
    }
    match (kind, media_relations) {
        ("press_query", Some(department_id)) => Route::MediaRelations { department_id },
        _ => Route::Triage,
    }
}

/// Splits an admin's keyword list (commas or new lines) into lower-case keywords.
pub fn parse_keywords(s: &str) -> Vec<String> {
    s.split([',', '\n'])
        .map(|k| k.trim().to_lowercase())
        .filter(|k| !k.is_empty())
        .collect()
}

/// The active rules, in order.
pub async fn load(db: &Db) -> Result<Vec<Rule>, AppError> {
    let rows: Vec<(i64, i64, String, String, String, i64)> = on_read!(db, |c| sqlx::query_as(
        "SELECT id, CAST(position AS BIGINT), item_kind, topic_code, keywords, department_id FROM routing_rules \
         WHERE active = TRUE ORDER BY position, id"
    )
    .fetch_all(c)
    .await)?;
    Ok(rows
        .into_iter()
        .map(|(id, position, item_kind, topic, keywords, department_id)| Rule {
            id,
            position,
            item_kind,
            topic,
            keywords: parse_keywords(&keywords),
            department_id,
        })
        .collect())
}

/// A rule as the admin page lists it.
pub async fn list_all(db: &Db) -> Result<Vec<crate::items::RoutingRule>, AppError> {
    let rows: Vec<(i64, i64, String, String, String, String, i64, bool)> = on_read!(db, |c| {
        sqlx::query_as(
        "SELECT id, CAST(position AS BIGINT), name, item_kind, topic_code, keywords, department_id, active FROM routing_rules ORDER BY position, id"
    )
    .fetch_all(c)
    .await
    })?;
    Ok(rows
        .into_iter()
        .map(
            |(id, position, name, item_kind, topic, keywords, department_id, active)| crate::items::RoutingRule {
                id,
                position,
                name,
                item_kind,
                topic,
                keywords,
                department_id,
                active,
            },
        )
        .collect())
}

/// Adds a rule after checking every field.
pub async fn add(db: &Db, r: &crate::items::RoutingRuleInput) -> Result<i64, AppError> {
    use crate::error::FieldError;
    let mut errs = Vec::new();
    let position = r
        .position
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|p| (0..=100_000).contains(p));
    if position.is_none() {
        errs.push(FieldError {
            field: "position".into(),
            code: FieldCode::Invalid,
        });
    }
    if !["", "question", "press_query"].contains(&r.item_kind.as_str()) {
        errs.push(FieldError {
            field: "item_kind".into(),
            code: FieldCode::InvalidChoice,
        });
    }
    if !r.topic.is_empty() && !crate::publications::topics::codes(db).await?.contains(&r.topic) {
        errs.push(FieldError {
            field: "topic".into(),
            code: FieldCode::InvalidChoice,
        });
    }
    let department = r.department_id.trim().parse::<i64>().ok();
    let dept_ok = match department {
        Some(d) => crate::departments::exists(db, d).await?,
        None => false,
    };
    if !dept_ok {
        errs.push(FieldError {
            field: "department_id".into(),
            code: FieldCode::Required,
        });
    }
    if r.name.trim().chars().count() > 200 || r.keywords.chars().count() > 2000 {
        errs.push(FieldError {
            field: "keywords".into(),
            code: FieldCode::TooLong,
        });
    }
    if r.item_kind.is_empty() && r.topic.is_empty() && parse_keywords(&r.keywords).is_empty() {
        errs.push(FieldError {
            field: "topic".into(),
            code: FieldCode::RuleMatchesEverything,
        });
    }
    if !errs.is_empty() {
        return Err(AppError::fields(errs));
    }
    let mut tx = db.begin().await?;
    let id: i64 = crate::on_tx!(&mut tx, |c| {
        sqlx::query_scalar(
        "INSERT INTO routing_rules (position, name, item_kind, topic_code, keywords, department_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id"
    )
    .bind(position.expect("checked"))
    .bind(r.name.trim())
    .bind(&r.item_kind)
    .bind(&r.topic)
    .bind(parse_keywords(&r.keywords).join(", "))
    .bind(department.expect("checked"))
    .fetch_one(c)
    .await
    })?;
    tx.commit().await?;
    Ok(id)
}

pub async fn remove(db: &Db, id: i64) -> Result<(), AppError> {
    crate::platform::db::delete_by_id(db, "routing_rules", id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    const MEDIA: i64 = 1;
    const RELIG: i64 = 4;
    const YOUTH: i64 = 5;
    const CIVIL: i64 = 3;

    fn rule(id: i64, position: i64, kind: &str, topic: &str, keywords: &str, department_id: i64) -> Rule {
        Rule {
            id,
            position,
            item_kind: kind.into(),
            topic: topic.into(),
            keywords: parse_keywords(keywords),
            department_id,
        }
    }

    fn rules() -> Vec<Rule> {
        vec![
            rule(10, 30, "", "religion", "", RELIG),
            rule(11, 10, "question", "", "грант, grant", CIVIL),
            rule(12, 20, "", "youth", "", YOUTH),
            rule(13, 40, "press_query", "youth", "", YOUTH),
        ]
    }

    #[test]
    fn routing_follows_the_rules_in_order() {
        use Route::*;
        // (kind, topic, text, expected)
        let table: &[(&str, &str, &str, Route)] = &[
            (
                "question",
                "religion",
                "Как зарегистрировать общину?",
                Rule {
                    rule_id: 10,
                    department_id: RELIG,
                },
            ),
            (
                "question",
                "youth",
                "Где получить ГРАНТ для молодёжи?",
                Rule {
                    rule_id: 11,
                    department_id: CIVIL,
                },
            ),
            (
                "question",
                "youth",
                "Жастар орталығы қашан ашылады?",
                Rule {
                    rule_id: 12,
                    department_id: YOUTH,
                },
            ),
            (
                "press_query",
                "youth",
                "Сколько молодёжных центров?",
                Rule {
                    rule_id: 12,
                    department_id: YOUTH,
                },
            ),
            (
                "press_query",
                "grant",
                "Grant statistics please",
                MediaRelations { department_id: MEDIA },
            ),
            (
                "press_query",
                "media",
                "Комментарий по законопроекту",
                MediaRelations { department_id: MEDIA },
            ),
            ("question", "other", "Something else entirely", Triage),
            ("question", "", "", Triage),
        ];
        let rules = rules();
        for (kind, topic, text, expected) in table {
            assert_eq!(
                route(&rules, kind, topic, text, Some(MEDIA)),
                *expected,
                "{kind} / {topic} / {text}"
            );
        }
    }

    #[test]
    fn a_press_query_goes_to_triage_when_there_is_no_media_relations_department() {
        assert_eq!(route(&[], "press_query", "media", "x", None), Route::Triage);
    }

    #[test]
    fn keywords_are_split_and_lower_cased() {
        assert_eq!(
            parse_keywords(" Грант, GRANT\nstipend ,, "),
            vec!["грант", "grant", "stipend"]
        );
    }
}
