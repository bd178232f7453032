//! The inbox, the item page and the canned answers admin page.

pub mod admin_canned;
pub mod inbox;
pub mod item;
