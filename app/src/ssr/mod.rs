//! Server-only code: the data layer, domain modules and HTTP glue.

pub mod accounts;
pub mod api_publications;
pub mod api_v1;
pub mod audit;
pub mod authz;
pub mod calendar;
pub mod config;
pub mod db;
pub mod departments;
pub mod feeds;
pub mod guard;
pub mod idempotency;
pub mod lang;
pub mod mailer;
pub mod moderation;
pub mod outbox;
pub mod passwords;
pub mod publications;
pub mod ratings;
pub mod security;
pub mod seed;
pub mod sessions;
pub mod state;
pub mod topics;
pub mod visitor;
pub mod workdays;
