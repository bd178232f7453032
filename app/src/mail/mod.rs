//! The email the portal sends, as admins see its delivery: how many messages
//! wait, went and failed, and the failed ones with their error (the outbox
//! itself is `platform::outbox`).

mod model;
pub use model::*;

pub mod pages;
pub mod server_fns;

#[cfg(feature = "ssr")]
mod store;
#[cfg(feature = "ssr")]
pub use store::*;
