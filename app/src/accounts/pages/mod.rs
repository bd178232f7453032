//! The sign-in pages (password, code, setting up a second factor, a new
//! password), a staff member's own account, the staff home, and the admin's
//! staff and audit log pages.

pub mod account;
pub mod admin_users;
pub mod audit_log;
pub mod login;
pub mod sign_in_steps;
pub mod staff_home;
