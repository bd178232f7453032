//! The official channels (the site, each social account) with their last
//! post and staleness threshold.

mod model;
pub use model::*;

pub mod pages;
pub mod server_fns;

#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub use store::*;
