//! What survey pages, server functions and the API exchange. The rules live
//! in `surveys::store` (building and publishing) and `surveys::responses`
//! (answering, results, CSV); the maths in `surveys::results`.

use crate::platform::texts::Texts;
use crate::surveys::results::{QuestionKind, QuestionResult};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A survey's state as visitors see it at a given moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurveyState {
    Draft,
    /// Published, before its opening time.
    Scheduled,
    Open,
    Closed,
}

impl SurveyState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Scheduled => "scheduled",
            Self::Open => "open",
            Self::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyOption {
    pub id: i64,
    pub text: Texts,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyQuestion {
    pub id: i64,
    pub position: i64,
    pub kind: QuestionKind,
    pub required: bool,
    pub text: Texts,
    pub options: Vec<SurveyOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Survey {
    pub id: i64,
    pub title: Texts,
    pub description: Texts,
    /// `draft`, `published` or `closed` as stored; see `state`.
    pub status: String,
    pub state: SurveyState,
    pub opens_at: Option<DateTime<Utc>>,
    pub closes_at: Option<DateTime<Utc>>,
    /// `live`, `after_close` or `staff`.
    pub visibility: String,
    pub responses: i64,
    /// The department whose staff build and export it (`None`: admins only).
    pub department_id: Option<i64>,
    pub questions: Vec<SurveyQuestion>,
}

/// The builder's survey form (times as `YYYY-MM-DDTHH:MM` in the body's zone).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SurveyInput {
    pub title_kk: String,
    pub title_ru: String,
    pub title_en: String,
    pub description_kk: String,
    pub description_ru: String,
    pub description_en: String,
    pub opens_at: String,
    pub closes_at: String,
    pub visibility: String,
}

/// The builder's question form: options one per line, line N of each
/// language being option N.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionInput {
    pub kind: String,
    pub required: bool,
    pub text_kk: String,
    pub text_ru: String,
    pub text_en: String,
    pub options_kk: String,
    pub options_ru: String,
    pub options_en: String,
}

/// One answer of a response write (the API's shapes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AnswerInput {
    #[serde(deserialize_with = "crate::platform::whole_number::one")]
    pub question: i64,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::platform::whole_number::optional"
    )]
    pub option: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::platform::whole_number::optional_list"
    )]
    pub options: Option<Vec<i64>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::platform::whole_number::optional"
    )]
    pub value: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyResults {
    pub survey_id: i64,
    pub responses: i64,
    /// Responses that answered every question (0–1).
    pub completion_rate: f64,
    pub questions: Vec<QuestionResult>,
    /// Free-text answers per question id: approved ones publicly, all for staff.
    pub texts: Vec<(i64, Vec<String>)>,
}

/// A free-text answer waiting for a moderator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingText {
    pub response_id: i64,
    pub question_id: i64,
    pub survey_id: i64,
    pub survey_title: Texts,
    pub question: Texts,
    pub text: String,
}
