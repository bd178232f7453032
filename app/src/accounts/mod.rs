//! Staff accounts: sign-in (limited per username and address) and sign-out, the admin's staff list and form,
//! passwords (argon2id), and the staff home page.

mod model;
pub use model::*;

pub mod labels;
pub mod pages;
pub mod server_fns;
pub mod viewer;

#[cfg(feature = "ssr")]
pub mod passwords;
#[cfg(feature = "ssr")]
pub mod sign_in;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub use store::*;
