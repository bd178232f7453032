//! The public survey pages and the staff survey builder.

pub mod builder;
pub mod public;
