//! `spawn_app`: the application on a random port with a fresh database.

use app::platform::config::Config;
use app::platform::db::{Db, Engine};
use ashyq_server::startup::Application;
use sqlx::Connection;
use tokio_util::sync::CancellationToken;

/// Runs an async test body once per engine, as `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[test]
            fn sqlite() {
                $crate::helpers::runtime().block_on(super::$name(app::platform::db::Engine::Sqlite))
            }
            #[test]
            fn postgres() {
                $crate::helpers::runtime().block_on(super::$name(app::platform::db::Engine::Postgres))
            }
        }
    )*};
}

/// The runtime a test story runs on: two workers with the server's 8 MiB
/// stacks (rendering a large page walks a deep view tree in debug builds).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_stack_size(8 * 1024 * 1024)
        .enable_all()
        .build()
        .expect("a test runtime")
}

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub client: reqwest::Client,
    pub mail_dir: std::path::PathBuf,
    /// Opens the TOTP keys, so a test can stand in for a staff member's phone.
    pub sealer: app::platform::sealing::Sealer,
    /// What a command run beside the app needs to reach the same data.
    pub database_url: String,
    pub secret_key: String,
    shutdown: CancellationToken,
    _dir: tempfile::TempDir,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

/// A fresh, empty database for one test, on the given engine.
pub async fn fresh_database(engine: Engine, dir: &std::path::Path) -> String {
    match engine {
        Engine::Sqlite => format!("sqlite://{}", dir.join("ashyq.db").display()),
        Engine::Postgres => {
            let url = std::env::var("TEST_POSTGRES_URL").expect(
                "TEST_POSTGRES_URL is not set: PostgreSQL tests never skip. Run ./scripts/test, or set it to a server such as postgres://postgres@127.0.0.1:5432/postgres",
            );
            let mut conn = sqlx::PgConnection::connect(&url)
                .await
                .unwrap_or_else(|e| panic!("TEST_POSTGRES_URL is set but PostgreSQL does not answer: {e}"));
            let name = format!("ashyq_t_{}", uuid::Uuid::new_v4().simple());
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&mut conn)
                .await
                .expect("create test database");
            let (base, _) = url.rsplit_once('/').expect("TEST_POSTGRES_URL has a database name");
            format!("{base}/{name}")
        }
    }
}

pub fn test_config(dir: &std::path::Path, database_url: String) -> Config {
    let mut c = Config {
        database_url,
        bind: "127.0.0.1:0".into(),
        ..Config::default()
    };
    c.mail.transport = "file".into();
    c.mail.dir = dir.join("mail").display().to_string();
    c.mail.poll_secs = 1;
    c.limits.login_burst = 1000;
    c.security.secret_key = app::platform::sealing::new_key_hex();
    c.shutdown_grace_secs = 5;
    c
}

/// Server warnings and errors go to the test's own output, so a failing
/// test shows what the server logged (`ASHYQ_LOG` overrides the level).
fn init_logs() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let filter = tracing_subscriber::EnvFilter::try_from_env("ASHYQ_LOG")
            .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
        let _ = tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_test_writer()
            .try_init();
    });
}

pub async fn spawn_app(engine: Engine) -> TestApp {
    spawn_app_with(engine, |_| {}).await
}

/// Starts the app with demo data; `adjust` may change the configuration first.
pub async fn spawn_app_with(engine: Engine, adjust: impl FnOnce(&mut Config)) -> TestApp {
    init_logs();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = fresh_database(engine, dir.path()).await;
    let mut config = test_config(dir.path(), url);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().unwrap().port();
    config.base_url = format!("http://127.0.0.1:{port}");
    config.bind = format!("127.0.0.1:{port}");
    // Press tests run each pass themselves: a background pass at the same
    // moment would read a source with what it loaded before the test's setup.
    config.media.read_in_background = false;
    adjust(&mut config);
    let mail_dir = std::path::PathBuf::from(&config.mail.dir);
    let db = Db::connect(&config.database_url).await.expect("connect and migrate");
    let sealer = config.security.sealer().expect("a test key");
    let (database_url, secret_key) = (config.database_url.clone(), config.security.secret_key.clone());
    if let Some(logins) = app::demo::seed_demo(&db).await.expect("seed demo data") {
        app::demo::enrol_factors(&db, &sealer, &logins)
            .await
            .expect("demo second factors");
    }
    let base = config.base_url.clone();
    let application = Application::build(config, db.clone()).await.expect("build app");
    let shutdown = CancellationToken::new();
    let stop = shutdown.clone();
    tokio::spawn(async move { application.serve(listener, stop).await });
    let client = http_client(true);
    TestApp {
        base,
        db,
        client,
        mail_dir,
        sealer,
        database_url,
        secret_key,
        shutdown,
        _dir: dir,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A browser-like form post from our own page (Origin set).
    pub async fn post_form(&self, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("origin", &self.base)
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// Another browser, signed in as a demo account.
    pub async fn signed_in_client(&self, username: &str) -> reqwest::Client {
        let client = http_client(true);
        let a = self.sign_in_with(&client, username, app::demo::DEMO_PASSWORD).await;
        assert_eq!(a.body, "done", "demo login {username}: {} {}", a.status, a.body);
        client
    }

    /// A code of `username`'s second factor not used yet, as their phone
    /// would show it. When the codes around now were all used (a test that
    /// signs one account in several times), a phone would show the next one
    /// 30 s later; a test does not wait: it forgets which steps were used.
    pub async fn totp_code(&self, username: &str) -> String {
        use app::accounts::second_factor::{step_of, unused_code};
        let now = chrono::Utc::now();
        let id = self
            .count(&format!("SELECT id FROM users WHERE username = '{username}'"))
            .await;
        let (code, wait) = unused_code(&self.db, &self.sealer, id, username, now)
            .await
            .expect("an account with a second factor");
        if wait.is_zero() {
            return code;
        }
        let mut tx = self.db.begin().await.unwrap();
        app::on_tx!(&mut tx, |c| sqlx::query(
            "UPDATE second_factors SET last_step = $2 WHERE user_id = $1"
        )
        .bind(id)
        .bind(step_of(now) - 2)
        .execute(c)
        .await
        .map(|r| r.rows_affected()))
        .unwrap();
        tx.commit().await.unwrap();
        unused_code(&self.db, &self.sealer, id, username, now).await.unwrap().0
    }

    /// Signs `client` in all the way: the password, then a fresh code (or,
    /// for an account with no second factor, its enrolment). The answer of
    /// the last step taken.
    pub async fn sign_in_with(&self, client: &reqwest::Client, username: &str, password: &str) -> Answer {
        let mut a = Answer::of(
            self.post_form_with(client, "/api/login", &[("username", username), ("password", password)])
                .await,
        )
        .await;
        loop {
            if a.status != 200 {
                return a;
            }
            let next = match a.body.as_str() {
                Some("code") => {
                    let code = self.totp_code(username).await;
                    self.post_form_with(client, "/api/login/code", &[("code", code.as_str())])
                        .await
                }
                Some("enrol") => {
                    let e = self
                        .post_form_with(client, "/api/login/enrolment", &[] as &[(&str, &str)])
                        .await;
                    assert!(e.status().is_success(), "enrolment: {}", e.status());
                    let code = self.totp_code(username).await;
                    self.post_form_with(client, "/api/login/confirm", &[("code", code.as_str())])
                        .await
                }
                _ => return a,
            };
            a = Answer::of(next).await;
        }
    }

    /// A form post from our own page by `client`, as a script would send it.
    pub async fn post_form_with<T: serde::Serialize + ?Sized>(
        &self,
        client: &reqwest::Client,
        path: &str,
        form: &T,
    ) -> reqwest::Response {
        client
            .post(self.url(path))
            .header("origin", &self.base)
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// A plain form post without JavaScript, sent from the page `referer`.
    pub async fn post_plain_form(&self, path: &str, referer: &str, form: &[(&str, String)]) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("origin", &self.base)
            .header("accept", "text/html")
            .header("referer", self.url(referer))
            .form(form)
            .send()
            .await
            .expect("request")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    pub async fn get_text(&self, path: &str) -> String {
        self.get(path).await.text().await.unwrap()
    }

    /// `path` as a visitor without cookies who chose the language `lang`.
    pub async fn page_in(&self, lang: &str, path: &str) -> String {
        http_client(false)
            .get(self.url(path))
            .header("cookie", format!("{}={lang}", app::platform::lang::COOKIE))
            .send()
            .await
            .expect("request")
            .text()
            .await
            .unwrap()
    }

    pub async fn login(&self, username: &str, password: &str) -> reqwest::Response {
        self.post_form("/api/login", &[("username", username), ("password", password)])
            .await
    }

    /// The whole sign-in (password, then code) on this app's own client.
    pub async fn login_demo(&self, username: &str) {
        let a = self
            .sign_in_with(&self.client, username, app::demo::DEMO_PASSWORD)
            .await;
        assert_eq!(a.body, "done", "demo login {username}: {} {}", a.status, a.body);
    }

    pub async fn count(&self, sql: &str) -> i64 {
        app::on_read!(&self.db, |c| sqlx::query_scalar::<_, i64>(sql).fetch_one(c).await).expect("count")
    }

    /// Runs one statement of test setup in its own committed transaction.
    pub async fn exec(&self, sql: &str) {
        let mut tx = self.db.begin().await.expect("begin");
        app::on_tx!(&mut tx, |c| sqlx::query(sql)
            .execute(c)
            .await
            .map(|r| r.rows_affected()))
        .expect(sql);
        tx.commit().await.expect("commit");
    }
}

/// A response read whole: status, headers and JSON body.
pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: serde_json::Value,
}

impl Answer {
    pub async fn of(r: reqwest::Response) -> Answer {
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let body = r.json().await.unwrap_or(serde_json::Value::Null);
        Answer { status, headers, body }
    }

    /// The session cookie this answer set, if any.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .find(|c| c.contains("ashyq_session="))
    }
}

/// Whether `page` is the "sign in first" answer, in any of the languages.
pub fn asks_to_sign_in(page: &str) -> bool {
    page.contains("Sign-in needed") || page.contains("Кіру қажет") || page.contains("Нужен вход")
}

/// The staff home page as `client` sees it.
pub async fn staff_page(app: &TestApp, client: &reqwest::Client) -> String {
    client
        .get(app.url("/staff"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// The `error.code` of a JSON error body.
pub async fn error_code(r: reqwest::Response) -> (u16, serde_json::Value) {
    let status = r.status().as_u16();
    let body: serde_json::Value = r.json().await.unwrap_or(serde_json::Value::Null);
    (status, body)
}

/// A client that does not follow redirects and gives up after 20 s, so a
/// stuck server fails a test instead of hanging it.
pub fn http_client(cookies: bool) -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(std::time::Duration::from_secs(20))
        .cookie_store(cookies)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// Publishes a press release of the MEDIA department written in Russian
/// only, published at `at`; its id.
pub async fn publish_release(app: &TestApp, title: &str, summary: &str, at: chrono::DateTime<chrono::Utc>) -> i64 {
    use app::platform::texts::Texts;
    use app::publications::{Channel, Kind, PubStatus};
    let media = app.count("SELECT id FROM departments WHERE code = 'MEDIA'").await;
    let v = app::publications::ValidPublication {
        kind: Kind::PressRelease,
        channel: Channel::Website,
        department_id: media,
        topics: vec!["media".into()],
        published_at: at,
        url: Some("https://ministry.example.kz/news/grants".into()),
        titles: Texts {
            kk: String::new(),
            ru: title.into(),
            en: String::new(),
        },
        summaries: Texts {
            kk: String::new(),
            ru: summary.into(),
            en: String::new(),
        },
    };
    app::publications::create(&app.db, &v, PubStatus::Published, "manual", at)
        .await
        .unwrap()
}
