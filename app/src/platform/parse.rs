//! Small parsers that server functions share.

use crate::error::AppError;

/// An id typed into a form: empty means "a new one".
pub fn parse_id(id: &str) -> Result<Option<i64>, AppError> {
    let id = id.trim();
    if id.is_empty() {
        return Ok(None);
    }
    id.parse().map(Some).map_err(|_| AppError::not_found())
}
