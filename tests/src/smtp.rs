//! A real SMTP server (aiosmtpd, in the virtual environment `bash scripts/test`
//! makes) for the email tests, and what it received.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// One message the server accepted.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    /// The decoded subject.
    pub subject: String,
    /// The recipient address.
    pub to: String,
    /// The Message-ID, without angle brackets.
    pub message_id: String,
    /// The `Content-Language` header.
    pub language: String,
    /// The decoded plain-text body.
    pub text: String,
    /// The decoded HTML body.
    pub html: String,
}

/// The SMTP server process; stopped when dropped.
#[derive(Debug)]
pub struct SmtpServer {
    /// Its port on 127.0.0.1.
    pub port: u16,
    dir: TempDir,
    _child: Child,
}

/// The Python with aiosmtpd and openpyxl: `GRANTS_TEST_PYTHON`, else the repository's `.venv`.
pub(crate) fn python() -> PathBuf {
    if let Ok(python) = std::env::var("GRANTS_TEST_PYTHON") {
        return PathBuf::from(python);
    }
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.venv/bin/python");
    assert!(
        venv.exists(),
        "the email tests need aiosmtpd: run `bash scripts/test`, which installs it into .venv"
    );
    venv
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl SmtpServer {
    /// Starts a server on a free port.
    pub async fn start() -> SmtpServer {
        Self::start_on(free_port()).await
    }

    /// Starts a server on `port` and waits until it listens.
    pub async fn start_on(port: u16) -> SmtpServer {
        let dir = tempfile::tempdir().expect("mail folder");
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("smtp/server.py");
        let mut child = Command::new(python())
            .arg(script)
            .arg(port.to_string())
            .arg(dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("the SMTP server starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let ready = tokio::time::timeout(Duration::from_secs(20), lines.next_line()).await;
        assert!(
            matches!(ready, Ok(Ok(Some(ref line))) if line == "ready"),
            "the SMTP server did not start: {ready:?}"
        );
        SmtpServer {
            port,
            dir,
            _child: child,
        }
    }

    /// The server configuration that sends the service's mail here.
    pub fn config(&self) -> impl FnOnce(&mut grants_server::Config) + use<> {
        let port = self.port;
        move |config| {
            config.mail.transport = grants_server::config::MailTransport::Smtp;
            config.mail.smtp.host = "127.0.0.1".into();
            config.mail.smtp.port = port;
        }
    }

    /// Every message received so far.
    pub fn messages(&self) -> Vec<ReceivedMail> {
        let mut mails = Vec::new();
        let Ok(entries) = std::fs::read_dir(self.dir.path()) else {
            return mails;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "eml") {
                let bytes = std::fs::read(&path).expect("readable");
                let message = mail_parser::MessageParser::default()
                    .parse(&bytes)
                    .expect("a MIME message");
                let to = message
                    .to()
                    .and_then(|a| a.first())
                    .and_then(|a| a.address())
                    .unwrap_or_default()
                    .to_owned();
                mails.push(ReceivedMail {
                    subject: message.subject().unwrap_or_default().to_owned(),
                    to,
                    message_id: message.message_id().unwrap_or_default().to_owned(),
                    language: message
                        .header_raw("Content-Language")
                        .unwrap_or_default()
                        .trim()
                        .to_owned(),
                    text: message.body_text(0).unwrap_or_default().into_owned(),
                    html: message.body_html(0).unwrap_or_default().into_owned(),
                });
            }
        }
        mails
    }

    /// Waits until at least `count` messages arrived (or 30 seconds passed), then returns them all.
    pub async fn wait_for(&self, count: usize) -> Vec<ReceivedMail> {
        for _ in 0..300 {
            let mails = self.messages();
            if mails.len() >= count {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        self.messages()
    }
}
