//! The inbox, the item page, the moderator's check before publishing an
//! answer, and the canned answers admin page.

pub mod admin_canned;
pub mod inbox;
pub mod item;
pub mod publish;
