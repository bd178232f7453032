//! Runtime configuration: what the server reads from `ashyq.toml` and
//! `ASHYQ_*` environment variables (the server crate does the reading; this
//! module owns the shape, the defaults and the validation).

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// `sqlite://data/ashyq.db` (default) or `postgres://…`.
    pub database_url: String,
    /// Address the HTTP server binds, e.g. `127.0.0.1:3000`.
    pub bind: String,
    /// The public base URL, e.g. `https://ashyq.gov.kz`. Used in emails, for
    /// the CSRF origin check and to decide whether cookies are `Secure`.
    pub base_url: String,
    /// The body's time zone for deadlines and working hours.
    pub time_zone: String,
    /// Days after which submitters' personal data is removed.
    pub retention_days: u32,
    /// Seed demo data into an empty database at start.
    pub demo: bool,
    /// The moment the demo data is seeded around (RFC 3339, such as
    /// `2026-06-30T12:00:00Z`); empty: the moment the server starts. A fixed
    /// moment gives the same pages every day (screenshots, visual tests).
    pub demo_as_of: String,
    /// Largest request body accepted, in bytes (413 beyond it).
    pub max_body_bytes: usize,
    /// How long graceful shutdown may take before the process exits anyway.
    pub shutdown_grace_secs: u64,
    pub mail: MailConfig,
    pub limits: LimitsConfig,
    pub security: SecurityConfig,
    pub feed: FeedConfig,
    pub workers: WorkersConfig,
    pub media: MediaConfig,
}

/// Reading the press: how sources are fetched and when one is paused.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MediaConfig {
    /// Let a source (or a redirect) reach a private or loopback address:
    /// off in production, on for the demo's own sample feeds and the tests.
    pub allow_private_addresses: bool,
    /// The longest a source may take to answer in full.
    pub fetch_timeout_secs: u64,
    /// The largest response read from a source.
    pub max_response_bytes: usize,
    /// Failures in a row after which a source is paused (and the media
    /// head told once).
    pub pause_after_failures: u32,
    /// The body's own names in kk, ru and en with abbreviations: a fresh
    /// installation's first saved press query finds any of them.
    pub own_names: Vec<String>,
    /// This process reads the due sources every minute. Off where another
    /// process does it (and in tests that run each pass themselves).
    pub read_in_background: bool,
    /// Days a press item is kept after it was read: then it goes, unless
    /// the register names it (a story's first item, a release's pickup),
    /// which keeps its headline and link. More than the 30 days in which a
    /// reprint finds its story.
    pub keep_items_days: u32,
}

/// The reference ministry's names in kk, ru and en, with its abbreviation:
/// the default of `media.own_names`.
pub const REFERENCE_OWN_NAMES: [&str; 4] = [
    "Министерство информации и общественного развития",
    "МИОР",
    "Ақпарат және қоғамдық даму министрлігі",
    "Ministry of Information and Social Development",
];

impl Default for MediaConfig {
    fn default() -> Self {
        Self {
            allow_private_addresses: false,
            fetch_timeout_secs: 20,
            max_response_bytes: 5 * 1024 * 1024,
            pause_after_failures: 5,
            own_names: REFERENCE_OWN_NAMES.map(String::from).to_vec(),
            read_in_background: true,
            keep_items_days: 60,
        }
    }
}

/// The inbox's background work: reminders, escalations, heads' summaries.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WorkersConfig {
    /// Seconds between passes over due items.
    pub every_secs: u64,
    /// Local hour from which heads' daily summaries go out.
    pub summary_hour: u32,
}

impl Default for WorkersConfig {
    fn default() -> Self {
        Self {
            every_secs: 60,
            summary_hour: 8,
        }
    }
}

/// The official site's RSS or Atom feed, imported on a schedule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedConfig {
    /// Empty: no scheduled import (staff can still import by hand once set).
    pub url: String,
    /// Department code new entries belong to.
    pub department: String,
    pub every_minutes: u64,
}

impl Default for FeedConfig {
    fn default() -> Self {
        Self {
            url: String::new(),
            department: "MEDIA".into(),
            every_minutes: 60,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MailConfig {
    /// `file` (write .eml files into `dir`), `smtp`, or `log` (discard, log the subject only).
    pub transport: String,
    pub dir: String,
    pub from: String,
    pub smtp_host: String,
    pub smtp_port: u16,
    /// `none`, `starttls` or `tls`.
    pub smtp_security: String,
    pub smtp_user: String,
    pub smtp_password: String,
    /// Delivery attempts before a message is given up.
    pub max_attempts: u32,
    /// Seconds between outbox polls.
    pub poll_secs: u64,
}

/// Who is trusted to say where a request came from, and how much sign-in
/// work runs at once.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecurityConfig {
    /// Reverse proxies (addresses or CIDR ranges, e.g. `10.0.0.0/8`) whose
    /// `X-Forwarded-For` names the client. Empty: the TCP peer is the client.
    pub trusted_proxies: Vec<String>,
    /// Password hashes (argon2, 19 MiB each) computed at once; 0 means one
    /// per CPU core. A few more wait briefly; beyond that sign-in answers 503.
    pub max_concurrent_hashes: usize,
    /// A staff session ends after this many minutes without a request.
    pub session_idle_minutes: i64,
    /// ... and this many hours after sign-in, however busy.
    pub session_max_hours: i64,
    /// Staff without a second factor enrol one at their next sign-in,
    /// before anything else.
    pub require_mfa: bool,
    /// The key (64 hex digits) that seals the secrets the server must read
    /// back (TOTP keys). Empty: the key in `secret_key_file` is used, and
    /// that file is created at first start. Several servers need one key.
    pub secret_key: String,
    pub secret_key_file: String,
}

impl Default for SecurityConfig {
    fn default() -> Self {
        Self {
            trusted_proxies: Vec::new(),
            max_concurrent_hashes: 0,
            session_idle_minutes: 30,
            session_max_hours: 12,
            require_mfa: true,
            secret_key: String::new(),
            secret_key_file: "data/ashyq-secret.key".into(),
        }
    }
}

impl SecurityConfig {
    /// The limits every staff session lives under.
    pub fn session_lifetime(&self) -> crate::platform::staff_sessions::Lifetime {
        crate::platform::staff_sessions::Lifetime {
            idle: chrono::Duration::minutes(self.session_idle_minutes),
            max: chrono::Duration::hours(self.session_max_hours),
        }
    }

    /// The sealer of server-read secrets, from `secret_key` (filled from
    /// the key file at start, see [`SecurityConfig::load_secret_key`]).
    pub fn sealer(&self) -> Result<crate::platform::sealing::Sealer, crate::error::AppError> {
        crate::platform::sealing::Sealer::from_hex(&self.secret_key)
            .map_err(|e| crate::error::AppError::internal(format!("security.secret_key: {e}")))
    }

    /// Fills an empty `secret_key` from `secret_key_file` (creating it).
    pub fn load_secret_key(&mut self) -> Result<(), String> {
        if self.secret_key.trim().is_empty() {
            self.secret_key = crate::platform::sealing::key_from_file(std::path::Path::new(&self.secret_key_file))?;
        }
        crate::platform::sealing::Sealer::from_hex(&self.secret_key)
            .map(|_| ())
            .map_err(|e| format!("security.secret_key: {e}"))
    }

    /// The trusted proxies as networks (a bare address is a /32 or /128).
    pub fn proxies(&self) -> Vec<ipnet::IpNet> {
        self.trusted_proxies.iter().filter_map(|p| parse_net(p)).collect()
    }
}

fn parse_net(s: &str) -> Option<ipnet::IpNet> {
    let s = s.trim();
    s.parse::<ipnet::IpNet>()
        .ok()
        .or_else(|| s.parse::<std::net::IpAddr>().ok().map(ipnet::IpNet::from))
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    /// Sign-in attempts allowed per client address per minute (burst size).
    pub login_burst: u32,
    /// Wrong sign-ins for one username from one client address (an IPv4
    /// address or an IPv6 /64) before each further try waits: 1 s, then
    /// doubling. No account is ever locked for everyone.
    pub sign_in_free_failures: u32,
    /// The longest wait between two tries of one username from one address.
    pub sign_in_max_delay_secs: u64,
    /// Anonymous writes (ratings, questions, survey answers) per client
    /// address at once; one more is allowed every 2 seconds.
    pub anonymous_burst: u32,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: "sqlite://data/ashyq.db".into(),
            bind: "127.0.0.1:3000".into(),
            base_url: "http://127.0.0.1:3000".into(),
            time_zone: "Asia/Almaty".into(),
            retention_days: 365,
            demo: false,
            demo_as_of: String::new(),
            max_body_bytes: 1024 * 1024,
            shutdown_grace_secs: 20,
            mail: MailConfig::default(),
            limits: LimitsConfig::default(),
            security: SecurityConfig::default(),
            feed: FeedConfig::default(),
            workers: WorkersConfig::default(),
            media: MediaConfig::default(),
        }
    }
}

impl Default for MailConfig {
    fn default() -> Self {
        Self {
            transport: "file".into(),
            dir: "data/mail".into(),
            from: "Ashyq <no-reply@ashyq.local>".into(),
            smtp_host: "localhost".into(),
            smtp_port: 25,
            smtp_security: "starttls".into(),
            smtp_user: String::new(),
            smtp_password: String::new(),
            max_attempts: 8,
            poll_secs: 2,
        }
    }
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            login_burst: 20,
            sign_in_free_failures: 5,
            sign_in_max_delay_secs: 15 * 60,
            anonymous_burst: 30,
        }
    }
}

impl Config {
    /// Checks every setting; returns all problems at once, each naming its key.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut errs = Vec::new();
        if self.database_url.trim().is_empty() {
            errs.push("database_url: must not be empty".to_string());
        }
        if self.bind.parse::<std::net::SocketAddr>().is_err() {
            errs.push(format!(
                "bind: `{}` is not an address such as 127.0.0.1:3000",
                self.bind
            ));
        }
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            errs.push("base_url: must start with http:// or https://".to_string());
        }
        if self.time_zone.parse::<chrono_tz::Tz>().is_err() {
            errs.push(format!(
                "time_zone: `{}` is not an IANA time zone such as Asia/Almaty",
                self.time_zone
            ));
        }
        if self.demo
            && self
                .bind
                .parse::<std::net::SocketAddr>()
                .is_ok_and(|a| !a.ip().is_loopback())
        {
            errs.push(format!(
                "demo: demo mode gives every staff account one public password, so it serves only on a \
                 loopback address; bind `{}` is not one (set bind = \"127.0.0.1:3000\" or demo = false)",
                self.bind
            ));
        }
        if !self.demo_as_of.is_empty() && chrono::DateTime::parse_from_rfc3339(&self.demo_as_of).is_err() {
            errs.push(format!(
                "demo_as_of: `{}` is not a moment such as 2026-06-30T12:00:00Z",
                self.demo_as_of
            ));
        }
        if self.security.session_idle_minutes < 1 || self.security.session_max_hours < 1 {
            errs.push("security: session_idle_minutes and session_max_hours must be at least 1".to_string());
        }
        for p in &self.security.trusted_proxies {
            if parse_net(p).is_none() {
                errs.push(format!(
                    "security.trusted_proxies: `{p}` is not an address or a CIDR range such as 10.0.0.0/8"
                ));
            }
        }
        if self.media.fetch_timeout_secs == 0
            || self.media.max_response_bytes < 1024
            || self.media.pause_after_failures == 0
        {
            errs.push(
                "media: fetch_timeout_secs and pause_after_failures must be at least 1, max_response_bytes at least 1024"
                    .to_string(),
            );
        }
        if self.media.keep_items_days <= 30 {
            errs.push(
                "media.keep_items_days must be more than 30 (the days in which a reprint finds its story)".to_string(),
            );
        }
        if self.retention_days == 0 {
            errs.push("retention_days: must be at least 1".to_string());
        }
        if self.max_body_bytes < 1024 {
            errs.push("max_body_bytes: must be at least 1024".to_string());
        }
        match self.mail.transport.as_str() {
            "file" | "log" => {}
            "smtp" => {
                if self.mail.smtp_host.is_empty() {
                    errs.push("mail.smtp_host: required when mail.transport = \"smtp\"".to_string());
                }
                if !matches!(self.mail.smtp_security.as_str(), "none" | "starttls" | "tls") {
                    errs.push("mail.smtp_security: one of none, starttls, tls".to_string());
                }
            }
            other => errs.push(format!("mail.transport: `{other}` is not one of file, smtp, log")),
        }
        if self.mail.from.parse::<lettre::message::Mailbox>().is_err() {
            errs.push("mail.from: not a valid mailbox such as `Ashyq <no-reply@example.kz>`".to_string());
        }
        if self.limits.sign_in_free_failures == 0 || self.limits.login_burst == 0 || self.limits.anonymous_burst == 0 {
            errs.push("limits: sign_in_free_failures, login_burst and anonymous_burst must be at least 1".to_string());
        }
        if !(self.feed.url.is_empty() || self.feed.url.starts_with("http://") || self.feed.url.starts_with("https://"))
        {
            errs.push("feed.url: must start with http:// or https://".to_string());
        }
        if self.feed.every_minutes == 0 {
            errs.push("feed.every_minutes: must be at least 1".to_string());
        }
        if self.workers.every_secs == 0 || self.workers.summary_hour > 23 {
            errs.push("workers: every_secs must be at least 1 and summary_hour 0-23".to_string());
        }
        if errs.is_empty() {
            Ok(())
        } else {
            Err(errs)
        }
    }

    pub fn tz(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::Asia::Almaty)
    }

    pub fn is_https(&self) -> bool {
        self.base_url.starts_with("https://")
    }

    /// `scheme://host[:port]` of `base_url`, as browsers send it in `Origin`.
    pub fn origin(&self) -> String {
        let rest = self.base_url.splitn(4, '/').take(3).collect::<Vec<_>>();
        rest.join("/")
    }

    /// The moment demo data is seeded around: `demo_as_of`, or now.
    pub fn demo_now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339(&self.demo_as_of)
            .map(|t| t.to_utc())
            .unwrap_or_else(|_| chrono::Utc::now())
    }

    /// One line for the start-up log: every setting that helps, no secret.
    pub fn summary(&self) -> String {
        format!(
            "database={} bind={} base_url={} time_zone={} retention_days={} demo={} mail={}{}",
            redact_url(&self.database_url),
            self.bind,
            self.base_url,
            self.time_zone,
            self.retention_days,
            self.demo,
            self.mail.transport,
            if self.mail.transport == "smtp" {
                format!(
                    " smtp={}:{} ({})",
                    self.mail.smtp_host, self.mail.smtp_port, self.mail.smtp_security
                )
            } else {
                String::new()
            }
        )
    }
}

/// Removes the password from a database URL.
pub fn redact_url(url: &str) -> String {
    if let Some((scheme, rest)) = url.split_once("://") {
        if let Some((cred, host)) = rest.rsplit_once('@') {
            let user = cred.split(':').next().unwrap_or("");
            return format!("{scheme}://{user}:***@{host}");
        }
    }
    url.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert_eq!(Config::default().validate(), Ok(()));
    }

    #[test]
    fn every_bad_setting_is_named() {
        let mut c = Config {
            bind: "nowhere".into(),
            time_zone: "Mars/Olympus".into(),
            demo_as_of: "last Tuesday".into(),
            ..Config::default()
        };
        c.mail.transport = "pigeon".into();
        c.media.keep_items_days = 30;
        let errs = c.validate().unwrap_err();
        assert!(errs.iter().any(|e| e.starts_with("bind:")));
        assert!(errs.iter().any(|e| e.starts_with("time_zone:")));
        assert!(errs.iter().any(|e| e.starts_with("mail.transport:")));
        assert!(errs.iter().any(|e| e.starts_with("demo_as_of:")));
        assert!(errs.iter().any(|e| e.starts_with("media.keep_items_days")));
    }

    #[test]
    fn demo_data_is_seeded_around_a_fixed_moment_or_now() {
        let fixed = Config {
            demo_as_of: "2026-06-30T17:00:00+05:00".into(),
            ..Config::default()
        };
        assert_eq!(fixed.demo_now().to_rfc3339(), "2026-06-30T12:00:00+00:00");
        let before = chrono::Utc::now();
        assert!(Config::default().demo_now() >= before);
    }

    #[test]
    fn demo_mode_serves_only_on_a_loopback_address() {
        let demo_on = |bind: &str| Config {
            demo: true,
            bind: bind.into(),
            ..Config::default()
        };
        for bind in ["127.0.0.1:3000", "[::1]:3000"] {
            assert_eq!(demo_on(bind).validate(), Ok(()), "{bind}");
        }
        for bind in ["0.0.0.0:3000", "[::]:3000", "10.1.2.3:80"] {
            let errs = demo_on(bind).validate().unwrap_err();
            assert!(
                errs.iter().any(|e| e.starts_with("demo:") && e.contains(bind)),
                "{bind}: {errs:?}"
            );
        }
        assert_eq!(
            Config {
                bind: "0.0.0.0:3000".into(),
                ..Config::default()
            }
            .validate(),
            Ok(())
        );
    }

    #[test]
    fn summary_never_shows_a_password() {
        let mut c = Config {
            database_url: "postgres://ashyq:s3cret@db:5432/ashyq".into(),
            ..Config::default()
        };
        c.mail.smtp_password = "hunter2".into();
        let s = c.summary();
        assert!(!s.contains("s3cret") && !s.contains("hunter2"), "{s}");
        assert!(s.contains("postgres://ashyq:***@db:5432/ashyq"));
    }

    #[test]
    fn origin_drops_the_path() {
        let c = Config {
            base_url: "https://portal.gov.kz/ashyq".into(),
            ..Config::default()
        };
        assert_eq!(c.origin(), "https://portal.gov.kz");
    }
}
