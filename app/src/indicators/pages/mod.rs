//! The public indicators page and the staff analytics page.

pub mod analytics;
pub mod indicators;
