//! Email transports behind the outbox: SMTP in production, `.eml` files in a
//! folder for development and the demo, or the log (subject only).

use crate::platform::config::MailConfig;
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone)]
pub enum Mailer {
    File {
        transport: AsyncFileTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Log,
}

impl Mailer {
    pub fn from_config(cfg: &MailConfig) -> Result<Mailer, String> {
        let from: Mailbox = cfg.from.parse().map_err(|e| format!("mail.from: {e}"))?;
        Ok(match cfg.transport.as_str() {
            "file" => {
                std::fs::create_dir_all(&cfg.dir).map_err(|e| format!("mail.dir {}: {e}", cfg.dir))?;
                Mailer::File {
                    transport: AsyncFileTransport::new(&cfg.dir),
                    from,
                }
            }
            "smtp" => {
                let builder = match cfg.smtp_security.as_str() {
                    "tls" => AsyncSmtpTransport::<Tokio1Executor>::relay(&cfg.smtp_host).map_err(|e| e.to_string())?,
                    "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&cfg.smtp_host)
                        .map_err(|e| e.to_string())?,
                    _ => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&cfg.smtp_host),
                };
                let mut builder = builder.port(cfg.smtp_port);
                if !cfg.smtp_user.is_empty() {
                    builder = builder.credentials(Credentials::new(cfg.smtp_user.clone(), cfg.smtp_password.clone()));
                }
                Mailer::Smtp {
                    transport: builder.build(),
                    from,
                }
            }
            _ => Mailer::Log,
        })
    }

    /// Sends one plain-text message; the file transport answers the name
    /// of the file it wrote (so the retention purge can remove it). The
    /// error text is for the outbox row, not for the log.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<Option<String>, String> {
        let build = |from: &Mailbox| -> Result<Message, String> {
            let to: Mailbox = to.parse().map_err(|e| format!("bad recipient: {e}"))?;
            Message::builder()
                .from(from.clone())
                .to(to)
                .subject(subject)
                .header(ContentType::TEXT_PLAIN)
                .body(body.to_string())
                .map_err(|e| e.to_string())
        };
        match self {
            Mailer::File { transport, from } => transport
                .send(build(from)?)
                .await
                .map(|id| Some(format!("{id}.eml")))
                .map_err(|e| e.to_string()),
            Mailer::Smtp { transport, from } => transport
                .send(build(from)?)
                .await
                .map(|_| None)
                .map_err(|e| e.to_string()),
            Mailer::Log => {
                tracing::info!(subject, "email (log transport): not sent");
                Ok(None)
            }
        }
    }
}
