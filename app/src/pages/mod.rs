//! One module per page.

pub mod admin_calendar;
pub mod admin_departments;
pub mod admin_routing;
pub mod admin_users;
pub mod ask;
pub mod home;
pub mod login;
pub mod moderation;
pub mod not_found;
pub mod publications;
pub mod staff;
pub mod staff_publications;
