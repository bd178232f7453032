//! Departments of the body: code, names in kk/ru/en, contact email, head.
//! Admins create, edit and deactivate them; every other domain routes to them.

mod model;
pub use model::*;

pub mod pages;
pub mod server_fns;

#[cfg(feature = "ssr")]
pub mod public_choices;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub use store::*;
