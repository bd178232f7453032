//! The one error type of Ashyq. The client only ever sees a stable `code` (and,
//! for bad input, the fields with their own codes); the UI translates codes into
//! the visitor's language. Internal causes are logged on the server, never sent.

pub mod messages;

use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable, machine-readable error codes. Their snake_case names are part of the
/// public API (`{"error":{"code":...}}`) and of the translation keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// One or more fields are invalid; see `fields`.
    Validation,
    /// Sign-in is required.
    Unauthenticated,
    /// Signed in, but this role or department may not do this.
    Forbidden,
    NotFound,
    /// The record collides with an existing one (duplicate code, username...).
    Conflict,
    BadCredentials,
    AccountLocked,
    /// A state-changing request did not come from this site.
    Csrf,
    RateLimited,
    PayloadTooLarge,
    /// Something failed on our side; the cause is in the server log.
    Internal,
    /// The request could not reach the server or its answer was unreadable.
    Transport,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "validation",
            Self::Unauthenticated => "unauthenticated",
            Self::Forbidden => "forbidden",
            Self::NotFound => "not_found",
            Self::Conflict => "conflict",
            Self::BadCredentials => "bad_credentials",
            Self::AccountLocked => "account_locked",
            Self::Csrf => "csrf",
            Self::RateLimited => "rate_limited",
            Self::PayloadTooLarge => "payload_too_large",
            Self::Internal => "internal",
            Self::Transport => "transport",
        }
    }

    /// The HTTP status this code maps to.
    pub fn http_status(self) -> u16 {
        match self {
            Self::Validation => 422,
            Self::Unauthenticated | Self::BadCredentials => 401,
            Self::Forbidden | Self::Csrf => 403,
            Self::NotFound => 404,
            Self::Conflict => 409,
            Self::AccountLocked => 423,
            Self::RateLimited => 429,
            Self::PayloadTooLarge => 413,
            Self::Internal | Self::Transport => 500,
        }
    }
}

/// A problem with one input field: the field's name and a stable code such as
/// `required`, `too_long`, `invalid_email`, `taken`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
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
}

impl AppError {
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            fields: Vec::new(),
            input: None,
        }
    }

    /// A validation error for one field.
    pub fn field(field: &str, code: &str) -> Self {
        Self {
            code: ErrorCode::Validation,
            fields: vec![FieldError {
                field: field.into(),
                code: code.into(),
            }],
            input: None,
        }
    }

    /// A validation error carrying every field problem found at once.
    pub fn fields(fields: Vec<FieldError>) -> Self {
        Self {
            code: ErrorCode::Validation,
            fields,
            input: None,
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

    /// Logs `cause` on the server and returns the opaque `internal` error.
    #[track_caller]
    pub fn internal(cause: impl fmt::Display) -> Self {
        let at = std::panic::Location::caller();
        tracing::error!(%at, "internal error: {cause}");
        Self::new(ErrorCode::Internal)
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
    pub fn conflict(field: &str, code: &str) -> Self {
        Self {
            code: ErrorCode::Conflict,
            fields: vec![FieldError {
                field: field.into(),
                code: code.into(),
            }],
            input: None,
        }
    }

    /// The code of the first problem with `field`, if any.
    pub fn field_code(&self, field: &str) -> Option<&str> {
        self.fields.iter().find(|f| f.field == field).map(|f| f.code.as_str())
    }
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
            other => {
                tracing::error!("server function failure: {other}");
                Self::new(ErrorCode::Internal)
            }
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
                .map(|f| (f.field.clone(), serde_json::Value::String(f.code.clone())))
                .collect();
            let body = serde_json::json!({
                "error": {
                    "code": self.code.as_str(),
                    "message": crate::error::messages::error_message_en(self.code),
                    "fields": fields,
                }
            });
            (status, axum::Json(body)).into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_serialise_as_their_stable_names() {
        for code in [
            ErrorCode::Validation,
            ErrorCode::AccountLocked,
            ErrorCode::PayloadTooLarge,
        ] {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }

    #[test]
    fn field_code_finds_the_problem_with_a_field() {
        let e = AppError::fields(vec![
            FieldError {
                field: "code".into(),
                code: "required".into(),
            },
            FieldError {
                field: "email".into(),
                code: "invalid_email".into(),
            },
        ]);
        assert_eq!(e.field_code("email"), Some("invalid_email"));
        assert_eq!(e.field_code("name_en"), None);
    }
}
