//! The admins' page of email delivery.

pub mod delivery;
