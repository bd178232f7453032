//! The shapes every API resource shares: a page of a list, the error body,
//! and the rule that writes take JSON only.

use crate::error::{AppError, FieldCode};
use serde::Serialize;

/// A page of a list: `{ "items": [...], "total": n, "page": p, "per_page": k }`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// The error body of every failed API call.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// A stable code such as `validation`, `not_found`, `rate_limited`.
    pub code: String,
    /// An English description of the code, for people reading raw responses.
    pub message: String,
    /// Field name → a stable code such as `required` or `too_long`.
    pub fields: std::collections::BTreeMap<String, String>,
}

/// API writes take only JSON: a cross-site HTML form can post JSON-looking
/// text/plain without a CORS preflight.
pub fn require_json(headers: &axum::http::HeaderMap) -> Result<(), AppError> {
    let is_json = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        Ok(())
    } else {
        Err(AppError::field("Content-Type", FieldCode::JsonRequired))
    }
}
