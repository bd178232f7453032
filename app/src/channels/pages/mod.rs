//! The admin's channels page.

pub mod admin_channels;
