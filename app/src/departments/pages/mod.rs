//! The admin's department pages.

pub mod admin_departments;
