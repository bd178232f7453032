//! Reads the configuration: defaults, then `ashyq.toml` (or the file named by
//! `--config` / `ASHYQ_CONFIG`), then `ASHYQ_*` environment variables
//! (`ASHYQ_MAIL__TRANSPORT=smtp` sets `mail.transport`), then `DATABASE_URL`.

use app::platform::config::Config;
use figment::providers::{Env, Format, Toml};
use figment::Figment;
use std::path::Path;

/// `ASHYQ_*` variables that are read elsewhere, not configuration keys.
const NOT_SETTINGS: [&str; 3] = ["config", "admin_password", "log"];

/// The configuration, or every problem with it, each naming its key.
pub fn load(file: Option<&Path>) -> Result<Config, Vec<String>> {
    let mut fig = Figment::new();
    match file {
        Some(path) if !path.exists() => return Err(vec![format!("config file {} does not exist", path.display())]),
        Some(path) => fig = fig.merge(Toml::file_exact(path)),
        None => fig = fig.merge(Toml::file("ashyq.toml")),
    }
    fig = fig
        .merge(
            Env::prefixed("ASHYQ_")
                .split("__")
                .filter(|k| !NOT_SETTINGS.iter().any(|n| k.as_str().eq_ignore_ascii_case(n))),
        )
        .merge(Env::raw().only(&["DATABASE_URL"]).map(|_| "database_url".into()));
    let config: Config = fig
        .extract()
        .map_err(|e| e.into_iter().map(|e| e.to_string()).collect::<Vec<_>>())?;
    config.validate()?;
    Ok(config)
}

#[cfg(test)]
// figment::Jail closures return figment's own error, which is large.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;

    #[test]
    fn a_file_and_the_environment_are_layered_and_validated() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("ashyq.toml", "bind = \"127.0.0.1:4000\"\n[mail]\ntransport = \"log\"\n")?;
            jail.set_env("ASHYQ_RETENTION_DAYS", "30");
            jail.set_env("ASHYQ_ADMIN_PASSWORD", "not a setting");
            jail.set_env("ASHYQ_LOG", "debug");
            jail.set_env("DATABASE_URL", "postgres://u:p@localhost/db");
            jail.set_env("ASHYQ_MEDIA__OWN_NAMES", r#"["Министерство культуры", "МК"]"#);
            let c = load(None).expect("valid");
            assert_eq!(c.media.own_names, vec!["Министерство культуры", "МК"]);
            assert_eq!(c.bind, "127.0.0.1:4000");
            assert_eq!(c.retention_days, 30);
            assert_eq!(c.mail.transport, "log");
            assert_eq!(c.database_url, "postgres://u:p@localhost/db");
            Ok(())
        });
    }

    #[test]
    fn an_unknown_key_or_bad_value_is_refused_with_its_name() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("ashyq.toml", "bnid = \"127.0.0.1:4000\"\n")?;
            let errs = load(None).unwrap_err();
            assert!(errs.iter().any(|e| e.contains("bnid")), "{errs:?}");
            jail.create_file("ashyq.toml", "time_zone = \"Nowhere/Atlantis\"\n")?;
            let errs = load(None).unwrap_err();
            assert!(errs.iter().any(|e| e.starts_with("time_zone")), "{errs:?}");
            Ok(())
        });
    }
}
