//! The shapes every API resource shares: a page of a list and the error
//! body. The readers of requests are in `platform::extract`.

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
    #[schema(value_type = crate::error::ErrorCode)]
    pub code: String,
    /// An English description of the code, for people reading raw responses.
    pub message: String,
    /// Field name → a stable code such as `required` or `too_long`.
    pub fields: std::collections::BTreeMap<String, String>,
    /// For `internal` errors: the request's id (also the `x-request-id`
    /// response header), to quote to the support desk.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// The optional `Idempotency-Key` header of every JSON write.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
#[allow(dead_code)] // read by `JsonWrite`; this type only describes it
pub struct IdempotencyKey {
    /// 1 to 200 visible ASCII characters. The same key with the same body
    /// returns the first answer and never writes twice; with another body, `409`.
    #[param(
        rename = "Idempotency-Key",
        pattern = "^[!-~]{1,200}$",
        min_length = 1,
        max_length = 200
    )]
    pub key: Option<String>,
}

pub use crate::platform::extract::{Answer, JsonWrite, StrictPath, StrictQuery};
