//! Publications (the ministry's outputs), the public catalogue, ratings with
//! their running aggregates and the rating cube, comment moderation, topics,
//! and the import of the official site's feed.

mod model;
pub use model::*;

pub mod labels;
pub mod pages;
pub mod server_fns;

#[cfg(feature = "ssr")]
pub mod cube_changes;
#[cfg(feature = "ssr")]
pub mod feeds;
#[cfg(feature = "ssr")]
pub mod moderation;
#[cfg(feature = "ssr")]
pub mod public_catalogue;
#[cfg(feature = "ssr")]
pub mod rating_cube;
#[cfg(feature = "ssr")]
pub mod rating_moves;
#[cfg(feature = "ssr")]
pub mod rating_totals;
#[cfg(feature = "ssr")]
pub mod rating_writes;
#[cfg(feature = "ssr")]
pub mod ratings;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub use store::*;
#[cfg(feature = "ssr")]
pub mod topics;
