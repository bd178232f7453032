//! Staff accounts: sign-in (a password limited per username and address,
//! then a TOTP second factor or a recovery code), sign-out, a staff member's
//! own account page (password, sessions), the admin's staff list and form,
//! passwords (argon2id, the password policy), and the staff home page.

mod audit_model;
mod model;
pub use audit_model::*;
pub use model::*;

pub mod account_fns;
pub mod audit_fns;
pub mod browser;
pub mod labels;
pub mod pages;
pub mod password_fields;
pub mod server_fns;
pub mod sign_in_fns;
pub mod viewer;

#[cfg(feature = "ssr")]
pub mod audit_log;
#[cfg(feature = "ssr")]
pub mod password_change;
#[cfg(feature = "ssr")]
pub mod password_policy;
#[cfg(feature = "ssr")]
pub mod passwords;
#[cfg(feature = "ssr")]
pub mod recovery_codes;
#[cfg(feature = "ssr")]
pub mod second_factor;
#[cfg(feature = "ssr")]
pub mod sign_in;
#[cfg(feature = "ssr")]
pub mod sign_in_steps;
#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub use store::*;
