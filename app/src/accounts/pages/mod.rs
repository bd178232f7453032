//! The sign-in page, the staff home and the admin's staff pages.

pub mod admin_users;
pub mod login;
pub mod staff_home;
