//! The public catalogue and publication page, the staff publication pages
//! and the moderation queue.

pub mod catalogue;
pub mod moderation;
pub mod staff;
