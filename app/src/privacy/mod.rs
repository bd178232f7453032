//! Personal data in free text: finding it and putting a token in its place
//! (for the public archive, for staff who read items without handling them,
//! and when the retention period ends), and the tokens' shape for pages that
//! highlight each redaction.

mod model;
pub use model::*;

pub mod labels;
pub mod views;

#[cfg(feature = "ssr")]
mod addresses;
#[cfg(feature = "ssr")]
mod contacts;
#[cfg(all(feature = "ssr", test))]
mod corpus;
#[cfg(feature = "ssr")]
mod name_keys;
#[cfg(feature = "ssr")]
mod names;
#[cfg(feature = "ssr")]
mod numbers;
#[cfg(feature = "ssr")]
mod redaction;
#[cfg(feature = "ssr")]
pub use redaction::{apply, find, redact, redact_with, Clues, Finding};
