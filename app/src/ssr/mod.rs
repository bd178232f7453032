//! Server-only code: the data layer, domain modules and HTTP glue.

pub mod accounts;
pub mod api_v1;
pub mod audit;
pub mod authz;
pub mod config;
pub mod db;
pub mod departments;
pub mod guard;
pub mod lang;
pub mod mailer;
pub mod outbox;
pub mod passwords;
pub mod security;
pub mod seed;
pub mod sessions;
pub mod state;
