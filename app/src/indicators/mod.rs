//! Opinion indicators: a period beside the previous one — satisfaction,
//! tone, volume, timeliness, problem areas, channels, media — their maths,
//! CSV downloads, and the staff analytics drill-down.

mod model;
pub use model::*;

pub mod maths;
pub mod overview;
pub mod pages;
pub mod press_figures;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod analytics;
#[cfg(feature = "ssr")]
pub mod downloads;
#[cfg(feature = "ssr")]
pub mod figures;
#[cfg(feature = "ssr")]
pub mod public_cache;
