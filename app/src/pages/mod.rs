//! One module per page.

pub mod admin_calendar;
pub mod admin_canned;
pub mod admin_channels;
pub mod admin_departments;
pub mod admin_routing;
pub mod admin_users;
pub mod analytics;
pub mod answers;
pub mod ask;
pub mod home;
pub mod inbox;
pub mod indicators;
pub mod item;
pub mod login;
pub mod media;
pub mod media_digest;
pub mod moderation;
pub mod not_found;
pub mod publications;
pub mod staff;
pub mod staff_publications;
pub mod staff_surveys;
pub mod surveys;
