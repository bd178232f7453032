//! The staff inbox: the list of items a staff member may see, the item page
//! and every action on it, canned answers, and the notices (reminders,
//! escalations, heads' summaries) that keep deadlines.

mod model;
pub use model::*;

pub mod pages;
pub mod server_fns;
pub mod views;

#[cfg(feature = "ssr")]
pub mod canned;
#[cfg(feature = "ssr")]
pub mod item_actions;
#[cfg(feature = "ssr")]
pub mod item_view;
#[cfg(feature = "ssr")]
pub mod notice_text;
#[cfg(feature = "ssr")]
pub mod notices;
#[cfg(feature = "ssr")]
pub mod publishing;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub use store::*;
