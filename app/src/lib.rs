//! Ashyq: the public feedback and survey portal. This crate holds the pages,
//! the server functions and (behind the `ssr` feature) the domain logic and
//! data layer; the `server` crate starts it.

#![recursion_limit = "256"]

include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));

pub mod api;
pub mod api_calendar;
pub mod api_catalogue;
pub mod api_inbox;
pub mod api_indicators;
pub mod api_items;
pub mod api_media;
pub mod api_routing;
pub mod api_staff_publications;
pub mod api_surveys;
pub mod app;
pub mod catalogue;
pub mod components;
pub mod error;
pub mod i18n_text;
pub mod inbox;
pub mod indicators;
pub mod labels;
pub mod media;
pub mod model;
pub mod pages;
pub mod survey_results;
pub mod surveys;

#[cfg(feature = "ssr")]
pub mod ssr;

pub use app::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // Lets browser tests (and curious people) see that hydration finished.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
