//! Layered configuration: the built-in `config/default.toml`, then an
//! optional file, then `GRANTS_SECTION__KEY` environment variables.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use figment::Figment;
use figment::providers::{Env, Format, Toml};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// The defaults, compiled in so the binary runs from any directory.
const DEFAULTS: &str = include_str!("../../../config/default.toml");

/// The whole configuration.
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    /// Where the embedded SQLite database lives.
    pub data_dir: PathBuf,
    /// HTTP listener.
    pub server: ServerConfig,
    /// Database connection.
    pub database: DatabaseConfig,
    /// Log-in and tokens.
    pub auth: AuthConfig,
    /// Logging.
    pub log: LogConfig,
    /// Workflow definitions.
    pub workflows: WorkflowsConfig,
    /// Durable timers.
    pub timers: TimersConfig,
    /// Email.
    pub mail: MailConfig,
    /// Uploaded files.
    pub attachments: AttachmentsConfig,
    /// Personal data.
    pub privacy: PrivacyConfig,
}

/// How long personal data is kept.
#[derive(Debug, Clone, Deserialize)]
pub struct PrivacyConfig {
    /// Days after which an applicant never funded, with nothing of theirs
    /// changed or used since, is erased; 0 keeps them until asked.
    pub unfunded_applicant_retention_days: u32,
    /// How often each server looks for applicants due for erasure.
    pub sweep_interval_seconds: u64,
}

/// Where uploaded files are kept.
#[derive(Debug, Clone, Deserialize)]
pub struct AttachmentsConfig {
    /// The folder; empty for `data_dir/attachments`.
    pub dir: String,
}

/// Which transport to send mail with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    /// `.eml` files in a folder.
    Files,
    /// An SMTP server.
    Smtp,
}

/// Email settings.
#[derive(Debug, Clone, Deserialize)]
pub struct MailConfig {
    /// Files or SMTP.
    pub transport: MailTransport,
    /// Where the files transport writes; empty for `data_dir/mail`.
    pub files_dir: String,
    /// The sender.
    pub from: String,
    /// Templates to use instead of the built-in ones; empty for built-in.
    pub templates_dir: String,
    /// How often to look for mail to send.
    pub dispatch_interval_ms: u64,
    /// How many messages per look.
    pub batch: u64,
    /// How long a claim on a batch lasts: after a crash, the messages it
    /// held are sent again once it runs out (so it must outlast a batch).
    pub claim_seconds: u64,
    /// How many messages of a batch are sent at once (over as many pooled
    /// SMTP connections).
    pub concurrency: usize,
    /// Attempts before a temporarily failing message is dead.
    pub max_attempts: u32,
    /// First retry wait.
    pub retry_base_ms: u64,
    /// Longest retry wait.
    pub retry_cap_ms: u64,
    /// When daily summaries go out (hour, UTC).
    pub digest_hour_utc: u32,
    /// The SMTP server.
    pub smtp: SmtpConfig,
}

/// SMTP settings.
#[derive(Debug, Clone, Deserialize)]
pub struct SmtpConfig {
    /// Host.
    pub host: String,
    /// Port.
    pub port: u16,
    /// none, starttls or tls.
    pub tls: grants_notify::TlsMode,
    /// User name; empty for none.
    pub username: String,
    /// Password.
    pub password: SecretString,
    /// Per-message timeout.
    pub timeout_seconds: u64,
}

/// Where workflow definitions come from.
#[derive(Debug, Clone, Deserialize)]
pub struct WorkflowsConfig {
    /// A folder of definitions; empty for the built-in ones.
    pub dir: String,
}

/// How timers are fired.
#[derive(Debug, Clone, Deserialize)]
pub struct TimersConfig {
    /// How often to look for due timers.
    pub poll_interval_ms: u64,
    /// How many to fire per look.
    pub batch: u64,
    /// How long a claim on a timer lasts: after a crash, another look
    /// fires it once it runs out.
    pub claim_seconds: u64,
}

/// HTTP listener settings.
#[derive(Debug, Clone, Deserialize)]
pub struct ServerConfig {
    /// Address to bind.
    pub host: String,
    /// Port to bind; 0 picks a free one.
    pub port: u16,
    /// How long a shutdown waits for in-flight requests.
    pub shutdown_grace_seconds: u64,
    /// The address people reach the service at, for links in emails.
    pub public_url: String,
    /// How long an Idempotency-Key is remembered.
    pub idempotency_key_ttl_seconds: u64,
    /// Where `/metrics` listens (`127.0.0.1:9464`); empty: nowhere. Never
    /// on the public listener: it answers without sign-in.
    #[serde(default)]
    pub metrics_listen: String,
}

/// Database settings.
#[derive(Debug, Clone, Deserialize)]
pub struct DatabaseConfig {
    /// Connection URL; empty for SQLite in `data_dir`. May hold a password.
    pub url: SecretString,
    /// Pool size on PostgreSQL.
    pub max_connections: u32,
    /// Apply pending migrations when serving.
    pub migrate_on_start: bool,
    /// PostgreSQL schema; empty for the default.
    pub schema: String,
}

/// Authentication settings.
#[derive(Debug, Clone, Deserialize)]
pub struct AuthConfig {
    /// Token lifetime.
    pub token_ttl_seconds: u64,
    /// Sign-in attempts on one account before each next one waits.
    pub max_failed_logins: u32,
    /// The longest such wait for an account.
    pub longest_account_wait_seconds: u64,
    /// Sign-in attempts from one client address before each next one waits.
    pub max_failed_logins_per_address: u32,
    /// The longest such wait for a client address.
    pub lockout_seconds: u64,
    /// The header a trusted proxy puts the client's address in; empty when
    /// clients connect directly.
    pub client_address_header: String,
    /// Administrators, finance and programme managers must use two-step sign-in.
    pub second_factor_required: bool,
    /// How long a proved second factor counts as fresh for paying,
    /// approving and changing roles.
    pub step_up_seconds: u64,
    /// How long an address-verification link works.
    pub verify_token_ttl_seconds: u64,
    /// How long a password-reset link works.
    pub reset_token_ttl_seconds: u64,
    /// The key (base64 of 32 random bytes) that seals the second factors'
    /// secrets; empty: the one in `secrets.key` in the data directory,
    /// made at first start.
    #[serde(default)]
    pub secrets_key: Option<SecretString>,
    /// Organisations' accounts people may sign in with (OpenID Connect).
    #[serde(default)]
    pub oidc: Vec<OidcProviderConfig>,
}

/// One OpenID Connect provider: its button, where it is, and this
/// service's client there (whose redirect address is
/// `{public_url}/app/login/oidc/{name}/callback`).
#[derive(Debug, Clone, Deserialize)]
pub struct OidcProviderConfig {
    /// Its name in addresses: lower-case letters, digits and hyphens.
    pub name: String,
    /// What its button says (the organisation's name for its accounts).
    pub label: String,
    /// The issuer URL, where `/.well-known/openid-configuration` is.
    pub issuer: String,
    /// This service's client id there.
    pub client_id: String,
    /// This service's client secret there.
    pub client_secret: SecretString,
}

/// Log output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Readable lines for a terminal.
    Human,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Logging settings.
#[derive(Debug, Clone, Deserialize)]
pub struct LogConfig {
    /// Human or JSON.
    pub format: LogFormat,
    /// A tracing filter; `RUST_LOG` overrides it.
    pub filter: String,
}

impl Config {
    /// Loads the defaults, then `file` if given, then the environment.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Config> {
        let mut figment = Figment::from(Toml::string(DEFAULTS));
        if let Some(file) = file {
            anyhow::ensure!(
                file.exists(),
                "the configuration file {} does not exist",
                file.display()
            );
            figment = figment.merge(Toml::file(file));
        }
        figment
            .merge(Env::prefixed("GRANTS_").split("__"))
            .extract()
            .context("invalid configuration")
    }

    /// The database settings, with the SQLite default filled in.
    pub fn database_settings(&self) -> anyhow::Result<grants_app::DatabaseSettings> {
        let configured = self.database.url.expose_secret().trim();
        let url = if configured.is_empty() {
            std::fs::create_dir_all(&self.data_dir).with_context(|| {
                format!(
                    "cannot create the data directory {}",
                    self.data_dir.display()
                )
            })?;
            format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("grants.sqlite").display()
            )
        } else {
            configured.to_owned()
        };
        let schema = self.database.schema.trim();
        Ok(grants_app::DatabaseSettings {
            url,
            max_connections: self.database.max_connections,
            schema: (!schema.is_empty()).then(|| schema.to_owned()),
        })
    }

    /// The workflow definitions to run: the configured folder's, or the built-in ones.
    pub fn workflow_sources(&self) -> anyhow::Result<Vec<grants_app::workflows::Source>> {
        let dir = self.workflows.dir.trim();
        if dir.is_empty() {
            return Ok(grants_app::workflows::built_in());
        }
        grants_app::workflows::from_dir(Path::new(dir))
            .with_context(|| format!("cannot read workflow definitions from {dir}"))
    }

    /// The email templates: the configured folder's, or the built-in ones; checked.
    pub fn templates(&self) -> anyhow::Result<grants_notify::Templates> {
        let dir = self.mail.templates_dir.trim();
        let loaded = if dir.is_empty() {
            grants_notify::Templates::built_in()
        } else {
            grants_notify::Templates::from_dir(Path::new(dir))
        };
        let templates = loaded.map_err(template_problems)?;
        let problems = templates.check();
        if !problems.is_empty() {
            return Err(template_problems(problems));
        }
        Ok(templates)
    }

    /// The mail dispatcher: transport, sender and retry policy.
    pub fn dispatcher(&self) -> anyhow::Result<grants_app::mail::Dispatcher> {
        let mail = &self.mail;
        let mailer = match mail.transport {
            MailTransport::Files => {
                let dir = if mail.files_dir.trim().is_empty() {
                    self.data_dir.join("mail")
                } else {
                    PathBuf::from(mail.files_dir.trim())
                };
                grants_notify::Mailer::files(dir.clone())
                    .with_context(|| format!("cannot create the mail folder {}", dir.display()))?
            }
            MailTransport::Smtp => {
                let smtp = &mail.smtp;
                let credentials = (!smtp.username.is_empty()).then(|| {
                    (
                        smtp.username.clone(),
                        smtp.password.expose_secret().to_owned(),
                    )
                });
                grants_notify::Mailer::smtp(&grants_notify::SmtpSettings {
                    host: smtp.host.clone(),
                    port: smtp.port,
                    tls: smtp.tls,
                    credentials,
                    timeout: Duration::from_secs(smtp.timeout_seconds.max(1)),
                })?
            }
        };
        let from: lettre::message::Mailbox = mail
            .from
            .parse()
            .with_context(|| format!("mail.from '{}' is not an address", mail.from))?;
        let message_id_domain = from.email.domain().to_owned();
        Ok(grants_app::mail::Dispatcher {
            mailer,
            from,
            message_id_domain,
            max_attempts: mail.max_attempts.max(1),
            retry_base: Duration::from_millis(mail.retry_base_ms.max(1)),
            retry_cap: Duration::from_millis(mail.retry_cap_ms.max(mail.retry_base_ms).max(1)),
            claim: Duration::from_secs(mail.claim_seconds.max(1)),
            concurrency: mail.concurrency.clamp(1, 32),
        })
    }

    /// The folder uploaded files are kept in: the configured one, or
    /// `attachments` in the data directory.
    pub fn attachment_dir(&self) -> PathBuf {
        let dir = self.attachments.dir.trim();
        if dir.is_empty() {
            self.data_dir.join("attachments")
        } else {
            PathBuf::from(dir)
        }
    }

    /// The key that seals the second factors' secrets: the configured one,
    /// else the data directory's `secrets.key` (made, readable by its owner
    /// only, at first start; several servers at first start agree on the
    /// one written first).
    pub fn secrets_key(&self) -> anyhow::Result<grants_app::secrets::SecretsKey> {
        use base64::Engine;
        use base64::engine::general_purpose::STANDARD;
        let configured = self
            .auth
            .secrets_key
            .as_ref()
            .map(|key| key.expose_secret().trim().to_owned())
            .unwrap_or_default();
        let encoded = if configured.is_empty() {
            let path = self.data_dir.join("secrets.key");
            std::fs::create_dir_all(&self.data_dir)
                .with_context(|| format!("cannot create {}", self.data_dir.display()))?;
            let mut bytes = [0u8; 32];
            rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
            let fresh = STANDARD.encode(bytes);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
            match options.open(&path) {
                Ok(mut file) => {
                    std::io::Write::write_all(&mut file, fresh.as_bytes())
                        .and_then(|()| file.sync_all())
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    fresh
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    std::fs::read_to_string(&path)
                        .with_context(|| format!("cannot read {}", path.display()))?
                        .trim()
                        .to_owned()
                }
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot create {}", path.display()));
                }
            }
        } else {
            configured
        };
        let bytes: [u8; 32] = STANDARD
            .decode(&encoded)
            .ok()
            .and_then(|b| b.try_into().ok())
            .context(
                "[auth] secrets_key must be the base64 of 32 bytes (openssl rand -base64 32)",
            )?;
        Ok(grants_app::secrets::SecretsKey::new(&bytes))
    }

    /// The organisations' accounts people may sign in with, checked.
    pub fn sign_in_providers(&self) -> anyhow::Result<grants_app::oidc::Providers> {
        let mut list: Vec<grants_app::oidc::Provider> = Vec::new();
        for p in &self.auth.oidc {
            let name = p.name.trim();
            anyhow::ensure!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "[[auth.oidc]] name '{name}': use lower-case letters, digits and hyphens"
            );
            anyhow::ensure!(
                list.iter().all(|q| q.name != name),
                "[[auth.oidc]] name '{name}' is given twice"
            );
            list.push(grants_app::oidc::Provider {
                name: name.to_owned(),
                label: p.label.trim().to_owned(),
                issuer: p.issuer.trim().to_owned(),
                client_id: p.client_id.clone(),
                client_secret: p.client_secret.clone(),
            });
        }
        grants_app::oidc::Providers::new(list)
            .context("cannot make the HTTP client for the sign-in providers")
    }

    /// The authentication policy.
    pub fn auth_policy(&self) -> grants_app::AuthPolicy {
        grants_app::AuthPolicy {
            token_ttl: Duration::from_secs(self.auth.token_ttl_seconds),
            max_failed_logins: self.auth.max_failed_logins.max(1),
            longest_account_wait: Duration::from_secs(self.auth.longest_account_wait_seconds),
            max_failed_logins_per_address: self.auth.max_failed_logins_per_address.max(1),
            lockout: Duration::from_secs(self.auth.lockout_seconds),
            client_address_header: Some(
                self.auth.client_address_header.trim().to_ascii_lowercase(),
            )
            .filter(|name| !name.is_empty()),
            second_factor_required: self.auth.second_factor_required,
            step_up: Duration::from_secs(self.auth.step_up_seconds.max(1)),
            verify_ttl: Duration::from_secs(self.auth.verify_token_ttl_seconds),
            reset_ttl: Duration::from_secs(self.auth.reset_token_ttl_seconds),
        }
    }
}

fn template_problems(problems: Vec<grants_notify::TemplateProblem>) -> anyhow::Error {
    let lines: Vec<_> = problems.iter().map(ToString::to_string).collect();
    anyhow::anyhow!("the email templates have problems:\n{}", lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_defaults_load_and_point_at_sqlite() {
        let config = Config::load(None).expect("defaults load");
        let settings = config.database_settings().expect("settings");
        assert!(settings.url.starts_with("sqlite://"));
        assert_eq!(config.log.format, LogFormat::Human);
        assert_eq!(config.attachment_dir(), config.data_dir.join("attachments"));
    }

    #[test]
    fn the_database_url_is_redacted_in_debug_output() {
        let config = Config::load(None).expect("defaults load");
        assert!(format!("{config:?}").contains("REDACTED"));
    }
}
