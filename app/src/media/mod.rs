//! Media monitoring: the register of mentions and outlets, CSV imports,
//! response tasks, the daily digest, the negative-spike alert, and the
//! press sources the portal reads by itself.

mod model;
pub use model::*;

pub mod charts;
pub mod labels;
pub mod pages;
pub mod server_fns;
pub mod sources;
pub mod views;

#[cfg(feature = "ssr")]
pub mod alerts;
#[cfg(feature = "ssr")]
pub mod daily;
#[cfg(feature = "ssr")]
pub mod digest;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod period_counts;
#[cfg(feature = "ssr")]
mod register;
#[cfg(feature = "ssr")]
pub use register::*;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub use store::*;
