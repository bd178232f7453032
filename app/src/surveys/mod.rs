//! Public surveys: building them (texts, questions, schedule), answering
//! once per person, results and their maths, moderation of free texts, CSV.

mod model;
pub use model::*;

pub mod pages;
pub mod results;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod responses;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub use store::*;
