//! The Ashyq server: configuration loading, start-up and background workers.
//! Pages, server functions and domain logic live in the `app` crate.

pub mod settings;
pub mod startup;
pub mod workers;
