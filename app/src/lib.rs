//! Ashyq: the public feedback and survey portal. One folder per domain noun
//! (accounts, departments, publications, items, inbox, answers, surveys,
//! indicators, media, channels), each with its shared types, pages, server
//! functions and (behind the `ssr` feature) its store and rules; `platform`
//! holds what every domain stands on, `api` the public JSON API, `shell` the
//! document and the router. The `server` crate starts it.

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod accounts;
pub mod answers;
pub mod channels;
pub mod components;
pub mod departments;
pub mod error;
pub mod inbox;
pub mod indicators;
pub mod items;
pub mod mail;
pub mod media;
pub mod platform;
pub mod privacy;
pub mod publications;
pub mod shell;
pub mod surveys;

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod demo;

pub use shell::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Islands mode: every page works as the server rendered it (forms post and
    // redirect); only islands would come to life here.
    leptos::mount::hydrate_islands();
    // Lets browser tests (and curious people) see that hydration finished.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
