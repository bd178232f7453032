//! Reusable pieces of the interface.

pub mod forms;
pub mod layout;
