//! `ashyq`: serve the portal, or run an administrative command.

use anyhow::Context;
use app::platform::db::Db;
use ashyq_server::{settings, startup::Application};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use tokio_util::sync::CancellationToken;

#[derive(Parser)]
#[command(name = "ashyq", about = "Ashyq public feedback and survey portal")]
struct Cli {
    /// Configuration file (default: ./ashyq.toml when present).
    #[arg(long, env = "ASHYQ_CONFIG", global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Create an administrator, or reset an existing one's password.
    /// The password is read from ASHYQ_ADMIN_PASSWORD or asked for.
    CreateAdmin {
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
    },
    /// Sign every staff member out everywhere (after a suspected breach).
    EndSessions,
    /// Press sources: read them now, or add them from a CSV file.
    Media {
        #[command(subcommand)]
        action: MediaCommand,
    },
    /// Demo mode only: print a second-factor code of a demo account that
    /// was not used yet (in place of the phone a real account has).
    TotpCode {
        #[arg(long)]
        username: String,
    },
}

#[derive(Subcommand)]
enum MediaCommand {
    /// Read every press source that is on now, and print what each gave.
    Fetch,
    /// Add press sources from a CSV file with the header
    /// name,kind,url,outlet,media_type,language (all lines or none).
    SourcesImport { file: PathBuf },
    /// Per language, how often staff kept the tone the portal suggested.
    ToneAccuracy,
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter =
        EnvFilter::try_from_env("ASHYQ_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .init();
}

/// Rendering a large page walks deep view trees; debug builds use big stack
/// frames, so worker threads get 8 MiB instead of tokio's 2 MiB.
const WORKER_STACK_BYTES: usize = 8 * 1024 * 1024;

fn main() {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(WORKER_STACK_BYTES)
        .build()
        .expect("the async runtime starts")
        .block_on(run_cli());
}

async fn run_cli() {
    init_tracing();
    let cli = Cli::parse();
    let config = match settings::load(cli.config.as_deref()).and_then(|mut c| {
        c.security.load_secret_key().map_err(|e| vec![e])?;
        Ok(c)
    }) {
        Ok(c) => c,
        Err(errs) => {
            eprintln!("ashyq: the configuration is not valid:");
            for e in errs {
                eprintln!("  - {e}");
            }
            std::process::exit(2);
        }
    };
    if let Err(e) = run(cli.command.unwrap_or(Command::Serve), config).await {
        eprintln!("ashyq: {e:#}");
        std::process::exit(1);
    }
}

async fn run(command: Command, config: app::platform::config::Config) -> anyhow::Result<()> {
    let db = Db::connect(&config.database_url).await.with_context(|| {
        format!(
            "cannot open the database {}",
            app::platform::config::redact_url(&config.database_url)
        )
    })?;
    match command {
        Command::Migrate => {
            println!("migrations applied");
            Ok(())
        }
        Command::CreateAdmin { username, email } => {
            let password = match std::env::var("ASHYQ_ADMIN_PASSWORD") {
                Ok(p) => p,
                Err(_) => rpassword::prompt_password("Password (12 characters or more): ")?,
            };
            match app::accounts::create_or_reset_admin(&db, &username, &email, &password).await {
                Ok(id) => {
                    println!("administrator `{username}` is ready (id {id})");
                    Ok(())
                }
                Err(e) => {
                    let why: Vec<String> = e
                        .fields
                        .iter()
                        .map(|f| {
                            format!(
                                "{}: {}",
                                f.field,
                                app::error::messages::field_message(app::i18n::Locale::en, f.code)
                            )
                        })
                        .collect();
                    let why = if why.is_empty() {
                        app::error::messages::error_message_en(e.code).to_string()
                    } else {
                        why.join("; ")
                    };
                    anyhow::bail!("could not create the administrator: {why}")
                }
            }
        }
        Command::EndSessions => {
            let n = app::platform::staff_sessions::end_all_by_admin(&db, 0, None, chrono::Utc::now())
                .await
                .map_err(|e| anyhow::anyhow!("ending the sessions failed: {}", e.code))?;
            println!("{n} staff sessions ended");
            Ok(())
        }
        Command::TotpCode { username } => {
            if !config.demo {
                anyhow::bail!(
                    "totp-code works only in demo mode (demo = true, or ASHYQ_DEMO=true): a real account's codes come from its owner's phone"
                );
            }
            let sealer = config.security.sealer().map_err(|e| anyhow::anyhow!("{e}"))?;
            let code = app::demo::totp_code(&db, &sealer, &username)
                .await
                .map_err(|e| anyhow::anyhow!("no demo account `{username}` with a second factor ({})", e.code))?;
            println!("{code}");
            Ok(())
        }
        Command::Media { action } => media(action, &config, &db).await,
        Command::Serve => serve(config, db).await,
    }
}

async fn media(action: MediaCommand, config: &app::platform::config::Config, db: &Db) -> anyhow::Result<()> {
    use app::media::sources::{import, pass};
    match action {
        MediaCommand::Fetch => {
            let reports = pass::run(db, config, chrono::Utc::now(), true)
                .await
                .map_err(|e| anyhow::anyhow!("reading the sources failed: {}", e.code))?;
            for r in &reports {
                match (&r.error, r.not_modified) {
                    (Some(e), _) => println!("{}: failed: {e}{}", r.name, if r.paused { " (now paused)" } else { "" }),
                    (None, true) => println!("{}: nothing new (not modified)", r.name),
                    (None, false) => println!("{}: {} items, {} new, {} mentions", r.name, r.found, r.new, r.mentions),
                }
            }
            println!("{} sources read", reports.len());
            Ok(())
        }
        MediaCommand::ToneAccuracy => {
            let rows = app::media::sources::tone_accuracy::per_language(db)
                .await
                .map_err(|e| anyhow::anyhow!("reading the confirmed tones failed: {}", e.code))?;
            if rows.is_empty() {
                println!("no suggested tone has been confirmed or corrected yet");
            }
            for r in &rows {
                println!(
                    "{}: {} confirmed, {} kept as suggested ({:.0} %)",
                    r.language,
                    r.confirmed,
                    r.agreed,
                    100.0 * r.accuracy().unwrap_or(0.0)
                );
            }
            let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
            for language in app::media::sources::tone_training::LANGUAGES {
                match app::media::sources::tone_training::held_out(db, language)
                    .await
                    .map_err(|e| anyhow::anyhow!("the held-out check failed: {}", e.code))?
                {
                    Some((n, model, lists)) => println!(
                        "{language}, held out {n}: classifier {model} right ({:.0} %), word lists {lists} ({:.0} %)",
                        pct(model, n),
                        pct(lists, n)
                    ),
                    None => println!(
                        "{language}: too few confirmed labels to train a classifier ({} needed)",
                        app::media::sources::tone_model::MIN_LABELS
                    ),
                }
            }
            Ok(())
        }
        MediaCommand::SourcesImport { file } => {
            let body = std::fs::read_to_string(&file).with_context(|| format!("cannot read {}", file.display()))?;
            match import::import_csv(db, &body, chrono::Utc::now())
                .await
                .map_err(|e| anyhow::anyhow!("the import failed: {}", e.code))?
            {
                import::SourcesImport::Added(n) => {
                    println!("{n} sources added");
                    Ok(())
                }
                import::SourcesImport::Refused(problems) => {
                    for p in &problems {
                        eprintln!(
                            "line {}: {}: {}",
                            p.line,
                            p.field,
                            app::error::messages::field_message(app::i18n::Locale::en, p.code)
                        );
                    }
                    anyhow::bail!("nothing added: {} problems", problems.len())
                }
            }
        }
    }
}

async fn serve(config: app::platform::config::Config, db: Db) -> anyhow::Result<()> {
    tracing::info!("starting: {}", config.summary());
    if config.demo {
        match app::demo::seed_demo(&db).await {
            Ok(Some(logins)) => {
                let sealer = config.security.sealer().map_err(|e| anyhow::anyhow!("{e}"))?;
                app::demo::enrol_factors(&db, &sealer, &logins)
                    .await
                    .map_err(|e| anyhow::anyhow!("enrolling the demo second factors failed: {e}"))?;
                println!(
                    "\nDemo data seeded. Staff sign-in at {}/login, password `{}` for every account:",
                    config.base_url,
                    app::demo::DEMO_PASSWORD
                );
                for (username, role) in &logins {
                    println!("  {username:<18} {}", role.as_str());
                }
                println!(
                    "Then the code in place of a phone: `ashyq totp-code --username admin`\n\
                     (with ./scripts/run: `./scripts/run totp-code --username admin`).\n"
                );
            }
            Ok(None) => tracing::info!("demo data already present"),
            Err(e) => anyhow::bail!("seeding demo data failed: {e}"),
        }
        match app::demo::seed_content(&db, config.demo_now(), config.tz()).await {
            Ok(Some((publications, ratings))) => {
                println!("Demo content: {publications} publications, {ratings} ratings.\n")
            }
            Ok(None) => {}
            Err(e) => anyhow::bail!("seeding demo content failed: {e}"),
        }
        match app::demo::seed_items(&db, &config, config.demo_now()).await {
            Ok(Some(n)) => println!("Demo items: {n} questions and press queries.\n"),
            Ok(None) => {}
            Err(e) => anyhow::bail!("seeding demo items failed: {e}"),
        }
        match app::demo::surveys::seed_surveys(&db, config.demo_now()).await {
            Ok(Some(n)) => println!("Demo surveys: {n} (two closed with thousands of responses, one open).\n"),
            Ok(None) => {}
            Err(e) => anyhow::bail!("seeding demo surveys failed: {e}"),
        }
        match app::demo::media::seed_media(&db, config.tz(), config.demo_now()).await {
            Ok(Some(n)) => println!("Demo media monitoring: {n} mentions over a year.\n"),
            Ok(None) => {}
            Err(e) => anyhow::bail!("seeding demo mentions failed: {e}"),
        }
        match app::demo::press::seed_sources(&db, &config.base_url, config.demo_now()).await {
            Ok(Some(n)) => println!(
                "Demo press: {n} sources served by this portal at /demo/press/, read within a minute \
                 (see /staff/media/sources).\n"
            ),
            Ok(None) => {}
            Err(e) => anyhow::bail!("seeding demo press sources failed: {e}"),
        }
    }
    // Items loaded before the item aggregates existed are counted once.
    app::items::item_cube::ensure(&db, config.tz())
        .await
        .map_err(|e| anyhow::anyhow!("counting items for the indicators failed: {e}"))?;
    let listener = tokio::net::TcpListener::bind(&config.bind)
        .await
        .with_context(|| format!("cannot listen on {}", config.bind))?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    let shutdown = CancellationToken::new();
    let stop = shutdown.clone();
    tokio::spawn(async move {
        let ctrl_c = tokio::signal::ctrl_c();
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("signal handler");
        tokio::select! {
            _ = ctrl_c => {}
            _ = term.recv() => {}
        }
        stop.cancel();
    });
    Application::build(config, db).await?.serve(listener, shutdown).await
}
