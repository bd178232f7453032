//! The public archive of answers published with the submitter's consent,
//! with personal data removed from the question and the answer.

mod model;
pub use model::*;

pub mod pages;
pub mod server_fns;

#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub use store::*;
