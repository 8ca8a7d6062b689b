//! Sending: SMTP through lettre in production, a folder of `.eml` files in development.

use std::path::PathBuf;
use std::time::Duration;

use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::Rendered;

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// Plain SMTP (a relay on the same machine or network, or tests).
    None,
    /// Upgrade with STARTTLS (usually port 587).
    Starttls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

/// Where and how to reach the SMTP server.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    /// Host name.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Transport security.
    pub tls: TlsMode,
    /// User name and password, if the server wants them.
    pub credentials: Option<(String, String)>,
    /// How long to wait for the server before giving up on a message.
    pub timeout: Duration,
}

/// Why a message was not sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth trying again later: the server is down, busy or said 4xx.
    #[error("temporary failure: {0}")]
    Transient(String),
    /// Trying again will not help: the server said 5xx, or the address is invalid.
    #[error("permanent failure: {0}")]
    Permanent(String),
}

/// One message to one person.
#[derive(Debug, Clone)]
pub struct OutgoingMail {
    /// The recipient's name.
    pub to_name: String,
    /// The recipient's address.
    pub to_email: String,
    /// The `Message-ID` to send it with (without angle brackets).
    pub message_id: String,
    /// Subject and bodies.
    pub rendered: Rendered,
}

/// Sends messages.
#[derive(Clone)]
pub enum Mailer {
    /// Through an SMTP server, with a connection pool.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Into a folder, one `.eml` file per message.
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Mailer::Smtp(_) => f.write_str("Mailer::Smtp"),
            Mailer::Files(_, dir) => write!(f, "Mailer::Files({})", dir.display()),
        }
    }
}

impl Mailer {
    /// An SMTP mailer. Nothing connects until the first message.
    pub fn smtp(settings: &SmtpSettings) -> Result<Mailer, SendError> {
        let builder = match settings.tls {
            TlsMode::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            }
            TlsMode::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
                    .map_err(|e| SendError::Permanent(format!("SMTP settings: {e}")))?
            }
            TlsMode::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)
                .map_err(|e| SendError::Permanent(format!("SMTP settings: {e}")))?,
        };
        let mut builder = builder.port(settings.port).timeout(Some(settings.timeout));
        if let Some((user, password)) = &settings.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer::Smtp(builder.build()))
    }

    /// A mailer that writes `.eml` files into `dir`, creating it.
    pub fn files(dir: PathBuf) -> std::io::Result<Mailer> {
        std::fs::create_dir_all(&dir)?;
        Ok(Mailer::Files(AsyncFileTransport::new(&dir), dir))
    }

    /// Sends one message from `from`.
    pub async fn send(&self, from: &Mailbox, mail: &OutgoingMail) -> Result<(), SendError> {
        let to = mail
            .to_email
            .parse()
            .map(|address| Mailbox::new(Some(mail.to_name.clone()), address))
            .map_err(|e| {
                SendError::Permanent(format!(
                    "invalid recipient address '{}': {e}",
                    mail.to_email
                ))
            })?;
        let message = Message::builder()
            .message_id(Some(format!("<{}>", mail.message_id)))
            .from(from.clone())
            .to(to)
            .subject(mail.rendered.subject.clone())
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("Content-Language"),
                mail.rendered.locale.code().to_owned(),
            ))
            .multipart(MultiPart::alternative_plain_html(
                mail.rendered.text.clone(),
                mail.rendered.html.clone(),
            ))
            .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))?;
        match self {
            Mailer::Smtp(transport) => transport.send(message).await.map(|_| ()).map_err(|e| {
                if e.is_permanent() {
                    SendError::Permanent(e.to_string())
                } else {
                    SendError::Transient(e.to_string())
                }
            }),
            Mailer::Files(transport, _) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| SendError::Transient(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Envelope, Notification, Templates};
    use grants_domain::Locale;

    fn mail(to: &str) -> OutgoingMail {
        let templates = Templates::built_in().expect("templates");
        let sample = Notification::samples()
            .into_iter()
            .find(|n| n.event() == "changes_requested")
            .expect("sample");
        OutgoingMail {
            to_name: "Ана Петровска".into(),
            to_email: to.into(),
            message_id: "test-1@innovation-awards.example".into(),
            rendered: templates
                .render(&sample, &Envelope::sample(), Locale::Mk)
                .expect("renders"),
        }
    }

    fn from() -> Mailbox {
        "Innovation Awards <noreply@innovation-awards.example>"
            .parse()
            .expect("mailbox")
    }

    #[tokio::test]
    async fn the_file_mailer_writes_a_complete_message() {
        let dir = tempfile::tempdir().expect("folder");
        let mailer = Mailer::files(dir.path().join("mail")).expect("mailer");
        mailer
            .send(&from(), &mail("ana@library.example"))
            .await
            .expect("sent");
        let files: Vec<_> = std::fs::read_dir(dir.path().join("mail"))
            .expect("folder")
            .filter_map(Result::ok)
            .collect();
        assert_eq!(files.len(), 1);
        let eml = std::fs::read_to_string(files[0].path()).expect("readable");
        assert!(
            eml.contains("Message-ID: <test-1@innovation-awards.example>"),
            "{eml}"
        );
        assert!(eml.contains("Content-Language: mk"));
        assert!(eml.contains("multipart/alternative"));
    }

    #[tokio::test]
    async fn an_invalid_address_is_a_permanent_failure() {
        let dir = tempfile::tempdir().expect("folder");
        let mailer = Mailer::files(dir.path().to_path_buf()).expect("mailer");
        let err = mailer
            .send(&from(), &mail("not an address"))
            .await
            .expect_err("refused");
        assert!(matches!(err, SendError::Permanent(_)), "{err}");
    }

    #[tokio::test]
    async fn an_unreachable_smtp_server_is_a_transient_failure() {
        let mailer = Mailer::smtp(&SmtpSettings {
            host: "127.0.0.1".into(),
            port: 1,
            tls: TlsMode::None,
            credentials: None,
            timeout: Duration::from_secs(2),
        })
        .expect("mailer");
        let err = mailer
            .send(&from(), &mail("ana@library.example"))
            .await
            .expect_err("nobody listens");
        assert!(matches!(err, SendError::Transient(_)), "{err}");
    }
}
