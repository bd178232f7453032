//! The one error type of Ashyq. The client only ever sees a stable `code` (and,
//! for bad input, the fields with their own codes); the UI translates codes into
//! the visitor's language. Internal causes are logged on the server, never sent.

pub mod messages;
#[cfg(feature = "ssr")]
pub mod request_log;

use crate::closed_list;
use serde::{Deserialize, Serialize};
use std::fmt;

closed_list!(
    /// Stable, machine-readable error codes. They are part of the public API
    /// (`{"error":{"code":...}}`) and of the translation keys.
    ErrorCode {
        /// One or more fields are invalid; see `fields`.
        Validation = "validation",
        /// Sign-in is required.
        Unauthenticated = "unauthenticated",
        /// Signed in, but this role or department may not do this.
        Forbidden = "forbidden",
        NotFound = "not_found",
        /// The record collides with an existing one (duplicate code, username...).
        Conflict = "conflict",
        BadCredentials = "bad_credentials",
        /// A state-changing request did not come from this site.
        Csrf = "csrf",
        RateLimited = "rate_limited",
        PayloadTooLarge = "payload_too_large",
        /// The request could not be read: a body that is not JSON, a path id
        /// that is not a number, a query parameter the operation does not take.
        BadRequest = "bad_request",
        /// The address exists but not for this method.
        MethodNotAllowed = "method_not_allowed",
        /// A write whose body is not `application/json`.
        UnsupportedMediaType = "unsupported_media_type",
        /// Too much work at once (password hashing under a burst of
        /// sign-ins): try again in a moment (`Retry-After`).
        Unavailable = "unavailable",
        /// Something failed on our side; the cause is in the server log.
        Internal = "internal",
        /// The request could not reach the server or its answer was unreadable.
        Transport = "transport",
    }
);

closed_list!(
    /// What is wrong with one input field: the stable code beside the field's
    /// name in `{"error":{"fields":{…}}}`, translated by
    /// [`messages::field_message`].
    FieldCode {
        Required = "required",
        TooLong = "too_long",
        InvalidEmail = "invalid_email",
        Taken = "taken",
        CodeFormat = "code_format",
        Length340 = "length_3_40",
        UsernameChars = "username_chars",
        RequiredForRole = "required_for_role",
        TooShort12 = "too_short_12",
        CannotDeactivateSelf = "cannot_deactivate_self",
        StarsRange = "stars_range",
        InvalidChoice = "invalid_choice",
        TooLong2000 = "too_long_2000",
        InvalidDate = "invalid_date",
        InvalidUrl = "invalid_url",
        TitleRequired = "title_required",
        PerPageRange = "per_page_range",
        NotConfigured = "not_configured",
        UnreachableFeed = "unreachable_feed",
        UnreadableFeed = "unreadable_feed",
        WorkingDayWeekend = "working_day_weekend",
        IcsUnreadable = "ics_unreadable",
        AlreadyExtended = "already_extended",
        NoExtension = "no_extension",
        NotLater = "not_later",
        BeyondLimit = "beyond_limit",
        NotWorkingDay = "not_working_day",
        TooLong5000 = "too_long_5000",
        InThePast = "in_the_past",
        JsonRequired = "json_required",
        RuleMatchesEverything = "rule_matches_everything",
        WrongStatus = "wrong_status",
        NoConsent = "no_consent",
        NotAnswered = "not_answered",
        Locked = "locked",
        NotEarlier = "not_earlier",
        DaysRange = "days_range",
        PeriodTooLong = "period_too_long",
        NoQuestions = "no_questions",
        TwoOptions = "two_options",
        OptionCount = "option_count",
        SurveyClosed = "survey_closed",
        SurveyNotOpen = "survey_not_open",
        AlreadyAnswered = "already_answered",
        InvalidOption = "invalid_option",
        OutOfRange = "out_of_range",
        UnknownQuestion = "unknown_question",
        DuplicateAnswer = "duplicate_answer",
        UnknownOutlet = "unknown_outlet",
        DuplicateLink = "duplicate_link",
        InFuture = "in_future",
        NotANumber = "not_a_number",
        AlreadyAsked = "already_asked",
        OutletInUse = "outlet_in_use",
        AlreadyExists = "already_exists",
        FileTooLarge = "file_too_large",
        NotCsv = "not_csv",
        MissingColumn = "missing_column",
        NotUtf8 = "not_utf8",
        AlreadyImported = "already_imported",
        Invalid = "invalid",
        InvalidJson = "invalid_json",
        ReusedWithAnotherRequest = "reused_with_another_request",
        /// The first request with this Idempotency-Key has not finished yet.
        StillRunning = "still_running",
        /// The texts to publish changed after the moderator checked them.
        ChangedSinceChecked = "changed_since_checked",
        TooLong128 = "too_long_128",
        /// One of the 10,000 most common passwords, perhaps with digits around it.
        CommonPassword = "common_password",
        /// The username or the portal's name, perhaps with digits around it.
        LikeName = "like_name",
        /// The two copies of a new password differ.
        NotSame = "not_same",
        /// The current password is not right.
        WrongPassword = "wrong_password",
        /// A second-factor code that is wrong, too old, or was used already.
        WrongCode = "wrong_code",
        /// A saved press query that cannot be read (a bracket not closed, AND at the end).
        QuerySyntax = "query_syntax"
    }
);

impl ErrorCode {
    /// The HTTP status this code maps to.
    pub fn http_status(self) -> u16 {
        match self {
            Self::Validation => 422,
            Self::Unauthenticated | Self::BadCredentials => 401,
            Self::Forbidden | Self::Csrf => 403,
            Self::NotFound => 404,
            Self::Conflict => 409,
            Self::RateLimited => 429,
            Self::PayloadTooLarge => 413,
            Self::BadRequest => 400,
            Self::MethodNotAllowed => 405,
            Self::UnsupportedMediaType => 415,
            Self::Unavailable => 503,
            Self::Internal | Self::Transport => 500,
        }
    }
}

/// A problem with one input field: the field's name and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: FieldCode,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppError {
    pub code: ErrorCode,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// What the person typed, sent back with a refused form so that, with
    /// JavaScript off too, the form comes back filled in. Never personal data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<std::collections::BTreeMap<String, String>>,
    /// The failed request's id, for an `internal` error: shown to the person
    /// so that a support desk finds the one log line with the cause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            fields: Vec::new(),
            input: None,
            request_id: None,
        }
    }

    /// A validation error for one field.
    pub fn field(field: &str, code: FieldCode) -> Self {
        Self {
            code: ErrorCode::Validation,
            fields: vec![FieldError {
                field: field.into(),
                code,
            }],
            input: None,
            request_id: None,
        }
    }

    /// A validation error carrying every field problem found at once.
    pub fn fields(fields: Vec<FieldError>) -> Self {
        Self {
            code: ErrorCode::Validation,
            fields,
            input: None,
            request_id: None,
        }
    }

    pub fn forbidden() -> Self {
        Self::new(ErrorCode::Forbidden)
    }
    pub fn unauthenticated() -> Self {
        Self::new(ErrorCode::Unauthenticated)
    }
    pub fn not_found() -> Self {
        Self::new(ErrorCode::NotFound)
    }

    /// A request that could not be read, naming the part (`body`, `id`, a
    /// query parameter) and what is wrong with it.
    pub fn bad_request(part: &str, code: FieldCode) -> Self {
        Self {
            code: ErrorCode::BadRequest,
            ..Self::field(part, code)
        }
    }

    /// Records `cause` for the server log (one line when the request ends,
    /// see `request_log`) and returns the opaque `internal` error
    /// with the request's id.
    #[track_caller]
    pub fn internal(cause: impl fmt::Display) -> Self {
        let at = std::panic::Location::caller();
        Self {
            request_id: failed(format!("{cause} (at {at})")),
            ..Self::new(ErrorCode::Internal)
        }
    }

    /// Carries the submitted values back with the error (see `input`).
    pub fn with_input(mut self, input: &impl serde::Serialize) -> Self {
        if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(input) {
            self.input = Some(
                map.into_iter()
                    .map(|(k, v)| (k, v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())))
                    .collect(),
            );
        }
        self
    }

    /// A conflict on one field (a duplicate code, a taken username…).
    pub fn conflict(field: &str, code: FieldCode) -> Self {
        Self {
            code: ErrorCode::Conflict,
            fields: vec![FieldError {
                field: field.into(),
                code,
            }],
            input: None,
            request_id: None,
        }
    }

    /// The code of the first problem with `field`, if any.
    pub fn field_code(&self, field: &str) -> Option<FieldCode> {
        self.fields.iter().find(|f| f.field == field).map(|f| f.code)
    }
}

/// Where an internal cause goes: the request's log line on the server; the
/// browser's console in the browser build.
#[cfg(feature = "ssr")]
fn failed(cause: String) -> Option<String> {
    request_log::failed(cause)
}

#[cfg(not(feature = "ssr"))]
fn failed(cause: String) -> Option<String> {
    tracing::error!("{cause}");
    None
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_str())?;
        for fe in &self.fields {
            write!(f, " {}:{}", fe.field, fe.code)?;
        }
        Ok(())
    }
}

impl std::error::Error for AppError {}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            E::Request(_) | E::Response(_) | E::Deserialization(_) | E::Serialization(_) => {
                Self::new(ErrorCode::Transport)
            }
            E::Args(_) | E::MissingArg(_) => Self::new(ErrorCode::Validation),
            other => Self {
                request_id: failed(format!("server function failure: {other}")),
                ..Self::new(ErrorCode::Internal)
            },
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr_impls {
    use super::*;
    use axum::response::{IntoResponse, Response};

    impl From<sqlx::Error> for AppError {
        #[track_caller]
        fn from(e: sqlx::Error) -> Self {
            AppError::internal(e)
        }
    }

    /// The JSON error shape of the public API:
    /// `{ "error": { "code", "message", "fields" } }`.
    impl IntoResponse for AppError {
        fn into_response(self) -> Response {
            let status =
                http::StatusCode::from_u16(self.code.http_status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
            let fields: serde_json::Map<String, serde_json::Value> = self
                .fields
                .iter()
                .map(|f| (f.field.clone(), serde_json::Value::String(f.code.as_str().into())))
                .collect();
            let mut body = serde_json::json!({
                "error": {
                    "code": self.code.as_str(),
                    "message": crate::error::messages::error_message_en(self.code),
                    "fields": fields,
                }
            });
            if let Some(id) = self.request_id {
                body["error"]["request_id"] = serde_json::Value::String(id);
            }
            let mut res = (status, axum::Json(body)).into_response();
            if self.code == ErrorCode::Unavailable {
                res.headers_mut()
                    .insert(http::header::RETRY_AFTER, http::HeaderValue::from_static("1"));
            }
            res
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_serialises_as_its_stable_name_and_has_an_error_status() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert!((400..600).contains(&code.http_status()), "{code:?}");
        }
    }

    #[test]
    fn every_field_code_serialises_as_its_stable_name() {
        for code in FieldCode::ALL {
            assert_eq!(serde_json::to_string(code).unwrap(), format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn field_code_finds_the_problem_with_a_field() {
        let e = AppError::fields(vec![
            FieldError {
                field: "code".into(),
                code: FieldCode::Required,
            },
            FieldError {
                field: "email".into(),
                code: FieldCode::InvalidEmail,
            },
        ]);
        assert_eq!(e.field_code("email"), Some(FieldCode::InvalidEmail));
        assert_eq!(e.field_code("name_en"), None);
    }
}
