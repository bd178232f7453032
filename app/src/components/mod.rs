//! Reusable pieces of the interface.

pub mod charts;
pub mod forms;
pub mod layout;
