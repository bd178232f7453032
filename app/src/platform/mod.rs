//! What every domain stands on: the database and the query builder,
//! configuration and the shared state, security (headers, CSRF, throttling),
//! who may do what, sessions, the anonymous visitor, mail and the outbox, the
//! audit log, idempotency records, the readers of API requests (whole
//! numbers as JSON Schema counts them), the language switch, public pages kept a moment and the built
//! site's files under addresses that carry their content hash. Nothing here imports a domain folder.

#[cfg(feature = "ssr")]
pub mod assets;
#[cfg(feature = "ssr")]
pub mod audit;
pub mod audit_event;
#[cfg(feature = "ssr")]
pub mod authz;
#[cfg(feature = "ssr")]
pub mod checkpoints;
#[cfg(feature = "ssr")]
pub mod client;
pub mod closed_list;
#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod deferred;
#[cfg(feature = "ssr")]
pub mod extract;
#[cfg(feature = "ssr")]
pub mod group_commit;
#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod idempotency;
#[cfg(feature = "ssr")]
pub mod lang;
#[cfg(feature = "ssr")]
pub mod mailer;
#[cfg(feature = "ssr")]
pub mod outbox;
#[cfg(feature = "ssr")]
pub mod page_cache;
#[cfg(feature = "ssr")]
pub mod parse;
pub mod period;
#[cfg(feature = "ssr")]
pub mod query;
#[cfg(feature = "ssr")]
pub mod read_cache;
pub mod roles;
#[cfg(feature = "ssr")]
pub mod schema;
#[cfg(feature = "ssr")]
pub mod sealing;
#[cfg(feature = "ssr")]
pub mod secrets;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod sessions;
#[cfg(feature = "ssr")]
pub mod spans;
#[cfg(feature = "ssr")]
pub mod spreadsheet;
#[cfg(feature = "ssr")]
pub mod staff_sessions;
#[cfg(feature = "ssr")]
pub mod state;
pub mod texts;
pub mod url;
#[cfg(feature = "ssr")]
pub mod visitor;
pub mod whole_number;
