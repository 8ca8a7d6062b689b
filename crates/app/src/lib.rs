//! The use cases of Innovation Awards: one function per thing a person
//! does, each with its permission check. The HTTP API and the web pages
//! both call these, so every rule and permission exists exactly once.
//!
//! Permission policy: lacking the *role* for a kind of action is
//! [`AppError::Forbidden`] (403); asking for an object the actor has no
//! relation to is [`AppError::NotFound`] (404), so ids cannot be probed.

pub mod account;
mod actor;
pub mod assignments;
pub mod attachments;
pub mod audit;
pub mod auth;
pub mod bank;
pub mod conversations;
pub mod decisions;
pub mod erasure;
mod error;
pub mod export;
pub mod funding;
pub mod grants;
pub mod idempotency;
pub mod jury;
pub mod ledger;
pub mod mail;
pub mod metrics;
pub mod names;
pub mod oidc;
mod page;
mod password;
pub mod personal_data;
pub mod programmes;
pub mod proposals;
pub mod reads;
pub mod reports;
pub mod reviews;
pub mod search;
pub mod second_factor;
pub mod secrets;
pub mod sessions;
pub mod showcase;
pub mod steps;
pub mod teams;
pub mod timers;
pub mod todo;
pub mod tranches;
pub mod users;
pub mod workflows;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use actor::Actor;
pub use error::{AppError, Refused, Refusing};
/// Dates and amounts as readers of each language expect them, as the emails write them.
pub use grants_notify::Formatter;
pub use grants_store::{DatabaseSettings, Store};
pub use grants_workflow::Reason as BlockedReason;
pub use page::{Page, PageRequest};

/// Result of a use case.
pub type AppResult<T> = Result<T, AppError>;

/// How log-in and tokens behave.
#[derive(Debug, Clone)]
pub struct AuthPolicy {
    /// How long a bearer token works after log-in.
    pub token_ttl: Duration,
    /// Sign-in attempts on one account before each next one must wait.
    pub max_failed_logins: u32,
    /// The longest wait between attempts on one account: short, so that
    /// nobody can keep an account's owner out for long.
    pub longest_account_wait: Duration,
    /// Sign-in attempts from one client address before each next one must wait.
    pub max_failed_logins_per_address: u32,
    /// The longest wait between attempts from one client address.
    pub lockout: Duration,
    /// The header a trusted proxy in front of the service puts the client's
    /// address in (`x-forwarded-for`); `None` when clients connect directly.
    pub client_address_header: Option<String>,
    /// Administrators, finance and programme managers must use a second factor.
    pub second_factor_required: bool,
    /// How long a proved second factor counts as fresh, for paying,
    /// approving and changing roles.
    pub step_up: Duration,
    /// How long an emailed address-verification link works.
    pub verify_ttl: Duration,
    /// How long an emailed password-reset link works.
    pub reset_ttl: Duration,
}

impl Default for AuthPolicy {
    fn default() -> Self {
        Self {
            token_ttl: Duration::from_secs(12 * 3600),
            max_failed_logins: 5,
            longest_account_wait: Duration::from_secs(60),
            max_failed_logins_per_address: 20,
            lockout: Duration::from_secs(15 * 60),
            client_address_header: None,
            second_factor_required: false,
            step_up: Duration::from_secs(5 * 60),
            verify_ttl: Duration::from_secs(48 * 3600),
            reset_ttl: Duration::from_secs(3600),
        }
    }
}

/// Everything a use case needs: the store, the workflows, the email
/// templates and the policies. Cheap to clone.
#[derive(Debug, Clone)]
pub struct App {
    store: Store,
    auth: AuthPolicy,
    workflows: Arc<workflows::Workflows>,
    templates: Arc<grants_notify::Templates>,
    public_url: Arc<str>,
    digest_hour_utc: u32,
    idempotency_ttl: chrono::Duration,
    clock: Clock,
    attachments: Arc<attachments::Folder>,
    sign_in_providers: Arc<oidc::Providers>,
    secrets: Arc<secrets::SecretsKey>,
}

/// The service's business clock: what time it is for deadlines, reminders,
/// timers and the outbox. It is the system clock, shifted by an offset that
/// only tests and the demo move ([`Clock::advance`]): a test lets a month
/// pass without sleeping, the demo seeds grants that started months ago.
/// Log-in tokens and links keep to the system clock.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    offset_ms: Arc<std::sync::atomic::AtomicI64>,
}

impl Clock {
    /// The current time.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        use chrono::SubsecRound;
        let offset = self.offset_ms.load(std::sync::atomic::Ordering::SeqCst);
        // Microseconds, as PostgreSQL keeps them: a record built from `now`
        // equals the same record read back, on either database.
        (chrono::Utc::now() + chrono::Duration::milliseconds(offset)).trunc_subsecs(6)
    }

    /// Moves the clock by `by`: forward in tests, back and forth while the demo seeds.
    pub fn advance(&self, by: chrono::Duration) {
        self.offset_ms
            .fetch_add(by.num_milliseconds(), std::sync::atomic::Ordering::SeqCst);
    }
}

impl App {
    /// An app over a connected store, registered workflows and checked templates.
    pub fn new(
        store: Store,
        auth: AuthPolicy,
        workflows: workflows::Workflows,
        templates: Arc<grants_notify::Templates>,
    ) -> Self {
        Self {
            store,
            auth,
            workflows: Arc::new(workflows),
            templates,
            public_url: Arc::from("http://127.0.0.1:8080"),
            digest_hour_utc: 7,
            idempotency_ttl: chrono::Duration::hours(24),
            clock: Clock::default(),
            attachments: Arc::new(attachments::Folder::new(PathBuf::from("data/attachments"))),
            sign_in_providers: Arc::new(oidc::Providers::default()),
            secrets: Arc::new(secrets::SecretsKey::random()),
        }
    }

    /// The folder uploaded files are kept in (see [`attachments::prepare_folder`]).
    pub fn with_attachment_dir(mut self, dir: PathBuf) -> Self {
        self.attachments = Arc::new(attachments::Folder::new(dir));
        self
    }

    /// The business clock; tests hold a copy to let time pass.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    /// The current business time (see [`Clock`]).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// How long an Idempotency-Key is remembered.
    pub fn with_idempotency_ttl(mut self, ttl: Duration) -> Self {
        self.idempotency_ttl = chrono::Duration::from_std(ttl).unwrap_or(self.idempotency_ttl);
        self
    }

    /// The hour (UTC) at which daily summaries are sent.
    pub fn with_digest_hour(mut self, hour_utc: u32) -> Self {
        self.digest_hour_utc = hour_utc.min(23);
        self
    }

    /// The address people reach the service at, for links in emails.
    pub fn with_public_url(mut self, url: &str) -> Self {
        self.public_url = Arc::from(url.trim_end_matches('/'));
        self
    }

    /// The key the second factors' secrets are sealed with (see [`secrets`]).
    pub fn with_secrets_key(mut self, key: secrets::SecretsKey) -> Self {
        self.secrets = Arc::new(key);
        self
    }

    /// The organisations' accounts people may sign in with.
    pub fn with_sign_in_providers(mut self, providers: oidc::Providers) -> Self {
        self.sign_in_providers = Arc::new(providers);
        self
    }

    /// The address people reach the service at, without a trailing slash.
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// A link to a page of the service.
    pub(crate) fn link(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }

    /// The email templates.
    pub fn templates(&self) -> &grants_notify::Templates {
        &self.templates
    }

    /// The loaded workflow definitions.
    pub fn workflows(&self) -> &workflows::Workflows {
        &self.workflows
    }

    /// The store, for health checks and tooling.
    pub fn store(&self) -> &Store {
        &self.store
    }
}
