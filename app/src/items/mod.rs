//! Items: citizens' questions and journalists' press queries — submission,
//! tracking by code and secret link, routing to a department, statutory
//! deadlines over the body's calendar of working days.

mod model;
pub use model::*;

pub mod labels;
pub mod pages;
pub mod server_fns;

#[cfg(feature = "ssr")]
pub mod calendar;
#[cfg(feature = "ssr")]
pub mod deadlines;
#[cfg(feature = "ssr")]
pub mod item_cube;
#[cfg(feature = "ssr")]
pub mod retention;
#[cfg(feature = "ssr")]
pub mod routing;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub use store::*;
#[cfg(feature = "ssr")]
pub mod workdays;
