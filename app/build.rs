//! Generates the `i18n` module from `locales/{kk,ru,en}.json`; a key missing
//! from any language fails the build. Rebuilds the crate when a migration is
//! added.

use leptos_i18n_build::{Config, TranslationsInfos};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    // `sqlx::migrate!` embeds the migration files; a new one must rebuild the
    // crate, or a build would silently ship without it.
    println!("cargo::rerun-if-changed=../migrations");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join("i18n");
    // Kazakh, the state language, is the fallback when the browser names none of ours.
    let cfg = Config::new("kk")?.add_locale("ru")?.add_locale("en")?;
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(out)?;
    Ok(())
}
