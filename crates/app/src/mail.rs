//! Sending the outbox: claim due messages, render each in its recipient's
//! language, send, and record the outcome — with retries and backoff for
//! temporary failures, and dead letters for the rest.

use std::time::Duration;

use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use grants_domain::{Locale, Role, UserId};
use grants_notify::{Envelope, Letter, Mailer, Notification, OutgoingMail, Rendered, SendError};
use grants_store::ConnectionTrait;
use grants_store::outbox::{self, Due, NewMessage, Outcome, QueuedMessage};
use grants_store::preferences;
use grants_store::users::{self as user_store, UserRecord};
use lettre::message::Mailbox;
use rand::Rng;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::{Actor, App, AppError, AppResult, Page, PageRequest};

/// Queues `letter` for `recipient` inside the caller's transaction, about
/// the object (`subject_type`, `subject_id`). `dedupe_key` makes a second
/// queueing of the same email a no-op.
pub(crate) async fn enqueue(
    tx: &impl ConnectionTrait,
    app: &App,
    recipient: &UserRecord,
    subject: (&str, Uuid),
    letter: Letter,
    dedupe_key: String,
    now: DateTime<Utc>,
) -> AppResult<()> {
    enqueue_all(tx, app, subject, vec![(recipient, letter, dedupe_key)], now).await
}

/// Queues each `(recipient, letter, dedupe_key)` as [`enqueue`] does, all
/// in one statement: a step that writes to several people pays one round trip.
pub(crate) async fn enqueue_all(
    tx: &impl ConnectionTrait,
    app: &App,
    (subject_type, subject_id): (&str, Uuid),
    letters: Vec<(&UserRecord, Letter, String)>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let messages = letters
        .into_iter()
        .map(|(recipient, letter, dedupe_key)| {
            let event = letter.notification.event();
            let payload = serde_json::to_value(&letter)
                .map_err(|e| AppError::internal(format!("cannot store the {event} email: {e}")))?;
            // Whether the recipient chose the summary for it is read by the insert.
            let summary_due =
                (!letter.notification.urgent()).then(|| next_digest(now, app.digest_hour_utc));
            Ok(NewMessage {
                event: event.to_owned(),
                subject_type: subject_type.to_owned(),
                subject_id,
                recipient: recipient.id,
                locale: recipient.locale,
                payload,
                dedupe_key,
                summary_due,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    outbox::enqueue_all(tx, messages, now).await?;
    Ok(())
}

/// Who a step's email goes to, in the order `to` names them, each person
/// once and only active accounts. The name `holder_word` ("owner",
/// "grantee") is `holder`; a name in `relations` stands for a role's
/// holders (`country_ambassador`), any other name is a role; `keep` says
/// whether a holder named so gets the email (a proposal's ambassadors must
/// cover its country). Everyone is read in one query.
pub(crate) async fn recipients(
    c: &impl ConnectionTrait,
    to: &[String],
    (holder_word, holder): (&str, UserId),
    relations: &[(&str, Role)],
    keep: impl Fn(&UserRecord, &str) -> bool,
) -> AppResult<Vec<UserRecord>> {
    let role_of = |name: &str| {
        relations
            .iter()
            .find(|(relation, _)| *relation == name)
            .map(|(_, role)| *role)
            .or_else(|| Role::parse(name).ok())
    };
    let holder_named = to.iter().any(|name| name == holder_word);
    let roles: Vec<Role> = to
        .iter()
        .filter(|name| *name != holder_word)
        .filter_map(|name| role_of(name))
        .collect();
    let ids: &[UserId] = if holder_named { &[holder] } else { &[] };
    let found = user_store::find_people(c, ids, &roles).await?;
    let mut people: Vec<UserRecord> = Vec::new();
    for name in to {
        let named = found.iter().filter(|person| {
            if name == holder_word {
                person.id == holder
            } else {
                role_of(name).is_some_and(|role| {
                    person.roles.iter().any(|g| g.role() == role) && keep(person, name)
                })
            }
        });
        for person in named {
            if person.active && !people.iter().any(|p| p.id == person.id) {
                people.push(person.clone());
            }
        }
    }
    Ok(people)
}

/// The next daily-summary time after `now`: `hour`:00 UTC today or tomorrow.
fn next_digest(now: DateTime<Utc>, hour: u32) -> DateTime<Utc> {
    let today = now
        .date_naive()
        .and_hms_opt(hour.min(23), 0, 0)
        .map(|t| t.and_utc())
        .unwrap_or(now);
    if today > now {
        today
    } else {
        today + chrono::Duration::days(1)
    }
}

/// The envelope of emails about a person's account rather than a programme.
pub(crate) fn service_envelope(recipient: &UserRecord) -> Envelope {
    Envelope {
        recipient_name: recipient.name.to_string(),
        programme_code: "innovation-awards".into(),
        programme_titles: std::collections::BTreeMap::from([(
            Locale::En,
            "Innovation Awards".to_owned(),
        )]),
        programme_locale: Locale::En,
        time_zone: chrono_tz::UTC,
    }
}

/// How the dispatcher sends and retries.
#[derive(Debug, Clone)]
pub struct Dispatcher {
    /// Where messages go.
    pub mailer: Mailer,
    /// The sender, e.g. `Innovation Awards <noreply@…>`.
    pub from: Mailbox,
    /// The domain of the Message-IDs we make.
    pub message_id_domain: String,
    /// Attempts before a temporarily failing message is given up on.
    pub max_attempts: u32,
    /// The wait after the first failure; it doubles with each further one.
    pub retry_base: Duration,
    /// The longest wait between attempts.
    pub retry_cap: Duration,
    /// How long a claim on a batch lasts: longer than sending it takes.
    pub claim: Duration,
    /// How many messages of a batch are sent at once.
    pub concurrency: usize,
}

/// What one round of dispatching did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Accepted by the mail server.
    pub sent: usize,
    /// Failed for now; will be tried again.
    pub retried: usize,
    /// Given up on.
    pub dead: usize,
}

impl Round {
    /// How many messages the round handled.
    pub fn handled(self) -> usize {
        self.sent + self.retried + self.dead
    }
}

impl Dispatcher {
    /// The wait before attempt `attempts + 1`: exponential with ±25% jitter,
    /// so that retries from many messages do not arrive together.
    fn backoff(&self, attempts: u32) -> Duration {
        let exponent = attempts.saturating_sub(1).min(20);
        let wait = self
            .retry_base
            .saturating_mul(1 << exponent)
            .min(self.retry_cap);
        let jitter = rand::thread_rng().gen_range(0.75..1.25);
        wait.mul_f64(jitter)
    }
}

/// One round of sending as `owner`: up to `batch` due messages, then up to
/// `batch` held messages whose daily summary is due, each claim committed
/// before anything is sent. What each half did, in that order.
pub async fn dispatch(
    app: &App,
    dispatcher: &Dispatcher,
    owner: &str,
    batch: u64,
) -> AppResult<(Round, Round)> {
    let due = claim_committed(app, dispatcher, owner, batch, Due::Now).await?;
    let sent = send_due(app, dispatcher, owner, due).await?;
    let held = claim_committed(app, dispatcher, owner, batch, Due::InSummary).await?;
    let summarised = send_digests(app, dispatcher, owner, held).await?;
    Ok((sent, summarised))
}

/// Claims up to `batch` messages that are `due` in a transaction of its
/// own, committed before any of them is sent.
async fn claim_committed(
    app: &App,
    dispatcher: &Dispatcher,
    owner: &str,
    batch: u64,
    due: Due,
) -> AppResult<Vec<QueuedMessage>> {
    let tx = app.store.begin().await?;
    let claimed = outbox::claim(&tx, owner, app.now(), dispatcher.claim, batch, due).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(claimed)
}

/// Sends the claimed due messages.
async fn send_due(
    app: &App,
    dispatcher: &Dispatcher,
    owner: &str,
    claimed: Vec<QueuedMessage>,
) -> AppResult<Round> {
    // Several at once over the SMTP connection pool: one message's wait for
    // the server (a round trip per command) does not hold up the rest. Each
    // records its own outcome, so none waits for the database while
    // another, paused mid-query, holds the only connection (SQLite).
    let sends = claimed
        .into_iter()
        .map(|message| send_and_record(app, dispatcher, owner, message));
    let mut sends =
        futures_util::stream::iter(sends).buffer_unordered(dispatcher.concurrency.max(1));
    let mut round = Round::default();
    while let Some(handled) = sends.next().await {
        match handled? {
            Handled::Sent => round.sent += 1,
            Handled::Retried => round.retried += 1,
            Handled::Dead => round.dead += 1,
        }
    }
    Ok(round)
}

/// What became of one message.
enum Handled {
    Sent,
    Retried,
    Dead,
}

/// Sends one claimed message and records the outcome on its row.
async fn send_and_record(
    app: &App,
    dispatcher: &Dispatcher,
    owner: &str,
    message: QueuedMessage,
) -> AppResult<Handled> {
    let outcome = send_one(app, dispatcher, &message).await;
    let now = app.now();
    let (handled, outcome) = match outcome {
        Ok(message_id) => (Handled::Sent, Outcome::Sent { message_id }),
        Err(SendError::Transient(error)) if message.attempts < dispatcher.max_attempts => {
            let at = now
                + chrono::Duration::from_std(dispatcher.backoff(message.attempts))
                    .unwrap_or_default();
            tracing::warn!(outbox.id = %message.id, attempts = message.attempts, %error, "email will be retried");
            (Handled::Retried, Outcome::Retry { error, at })
        }
        Err(SendError::Transient(error) | SendError::Permanent(error)) => {
            tracing::error!(outbox.id = %message.id, attempts = message.attempts, %error, "email given up");
            (Handled::Dead, Outcome::Dead { error })
        }
    };
    if !outbox::finish(app.store.conn(), message.id, owner, outcome, now).await? {
        tracing::warn!(outbox.id = %message.id, "the claim on an email expired while it was being sent");
    }
    Ok(handled)
}

/// Sends each recipient of the claimed held messages one summary of theirs.
async fn send_digests(
    app: &App,
    dispatcher: &Dispatcher,
    owner: &str,
    claimed: Vec<QueuedMessage>,
) -> AppResult<Round> {
    let mut by_recipient: std::collections::BTreeMap<grants_domain::UserId, Vec<QueuedMessage>> =
        Default::default();
    for message in claimed {
        by_recipient
            .entry(message.recipient)
            .or_default()
            .push(message);
    }
    let mut round = Round::default();
    for (recipient, messages) in by_recipient {
        let attempts = messages.iter().map(|m| m.attempts).max().unwrap_or(1);
        let now = app.now();
        let outcome = match send_digest(app, dispatcher, recipient, &messages).await {
            Ok(message_id) => {
                round.sent += messages.len();
                Outcome::Sent { message_id }
            }
            Err(SendError::Transient(error)) if attempts < dispatcher.max_attempts => {
                round.retried += messages.len();
                let at = now
                    + chrono::Duration::from_std(dispatcher.backoff(attempts)).unwrap_or_default();
                Outcome::HoldAgain { error, at }
            }
            Err(SendError::Transient(error) | SendError::Permanent(error)) => {
                round.dead += messages.len();
                Outcome::Dead { error }
            }
        };
        for message in &messages {
            outbox::finish(app.store.conn(), message.id, owner, outcome.clone(), now).await?;
        }
    }
    Ok(round)
}

/// One summary of `messages` for `recipient`: the subject of each, in their language.
async fn send_digest(
    app: &App,
    dispatcher: &Dispatcher,
    recipient: grants_domain::UserId,
    messages: &[QueuedMessage],
) -> Result<String, SendError> {
    let person = recipient_of(app, recipient).await?;
    let mut items = Vec::new();
    for message in messages {
        let letter: Letter = serde_json::from_value(message.payload.clone())
            .map_err(|e| SendError::Permanent(format!("a stored email cannot be read: {e}")))?;
        let rendered = app
            .templates
            .render(&letter.notification, &letter.envelope, person.locale)
            .map_err(|e| SendError::Permanent(format!("an email cannot be rendered: {e}")))?;
        items.push(rendered.subject);
    }
    let digest = Notification::DailyDigest(grants_notify::DailyDigest {
        count: items.len() as u64,
        items,
    });
    let rendered = app
        .templates
        .render(&digest, &service_envelope(&person), person.locale)
        .map_err(|e| SendError::Permanent(format!("the summary cannot be rendered: {e}")))?;
    let message_id = format!("digest-{}@{}", messages[0].id, dispatcher.message_id_domain);
    send_to(dispatcher, &person, message_id, rendered).await
}

/// Renders and sends one message; returns its Message-ID.
async fn send_one(
    app: &App,
    dispatcher: &Dispatcher,
    message: &QueuedMessage,
) -> Result<String, SendError> {
    let permanent = |why: String| SendError::Permanent(why);
    let recipient = recipient_of(app, message.recipient).await?;
    let letter: Letter = serde_json::from_value(message.payload.clone())
        .map_err(|e| permanent(format!("the stored email cannot be read: {e}")))?;
    let locale = Locale::parse(&message.locale).unwrap_or(recipient.locale);
    let rendered = app
        .templates
        .render(&letter.notification, &letter.envelope, locale)
        .map_err(|e| permanent(format!("the email cannot be rendered: {e}")))?;
    let message_id = format!("{}@{}", message.id, dispatcher.message_id_domain);
    match letter.notification.addressed_to() {
        Some(address) => {
            let to = (letter.envelope.recipient_name.as_str(), address);
            deliver(dispatcher, to, message_id, rendered).await
        }
        None => send_to(dispatcher, &recipient, message_id, rendered).await,
    }
}

/// The account a message is for; a lost account is a permanent failure, an
/// unreadable one a passing one.
async fn recipient_of(app: &App, id: UserId) -> Result<UserRecord, SendError> {
    user_store::find(app.store.conn(), id)
        .await
        .map_err(|e| SendError::Transient(format!("cannot read the recipient: {e}")))?
        .ok_or_else(|| SendError::Permanent("the recipient's account no longer exists".into()))
}

/// Sends `rendered` to `person` under `message_id`; returns the Message-ID.
async fn send_to(
    dispatcher: &Dispatcher,
    person: &UserRecord,
    message_id: String,
    rendered: Rendered,
) -> Result<String, SendError> {
    let to = (person.name.as_str(), person.email.as_str());
    deliver(dispatcher, to, message_id, rendered).await
}

/// Sends `rendered` to the address `to` (a name and an address).
async fn deliver(
    dispatcher: &Dispatcher,
    (to_name, to_email): (&str, &str),
    message_id: String,
    rendered: Rendered,
) -> Result<String, SendError> {
    let mail = OutgoingMail {
        to_name: to_name.to_owned(),
        to_email: to_email.to_owned(),
        message_id: message_id.clone(),
        rendered,
    };
    dispatcher.mailer.send(&dispatcher.from, &mail).await?;
    Ok(message_id)
}

/// An outbox message as administrators see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutboxMessageView {
    /// The message's id.
    pub id: Uuid,
    /// The event.
    pub event: String,
    /// What it is about.
    pub subject_type: String,
    /// Which object.
    pub subject_id: Uuid,
    /// The recipient's account.
    pub recipient_id: Uuid,
    /// The language it is sent in.
    pub locale: String,
    /// pending, sending, sent, dead or cancelled.
    pub state: String,
    /// Attempts so far.
    pub attempts: u32,
    /// When the next attempt is due.
    pub next_attempt_at: DateTime<Utc>,
    /// The Message-ID it was sent with.
    pub message_id: Option<String>,
    /// The last failure.
    pub last_error: Option<String>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// When it was sent.
    pub sent_at: Option<DateTime<Utc>>,
}

impl From<QueuedMessage> for OutboxMessageView {
    fn from(m: QueuedMessage) -> Self {
        Self {
            id: m.id,
            event: m.event,
            subject_type: m.subject_type,
            subject_id: m.subject_id,
            recipient_id: m.recipient.uuid(),
            locale: m.locale,
            state: m.state,
            attempts: m.attempts,
            next_attempt_at: m.next_attempt_at,
            message_id: m.message_id,
            last_error: m.last_error,
            created_at: m.created_at,
            sent_at: m.sent_at,
        }
    }
}

/// Narrows the outbox list.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OutboxFilter {
    /// Only messages in this state.
    pub state: Option<String>,
}

/// How many messages are in each state.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutboxCounts {
    /// State → count.
    pub counts: std::collections::BTreeMap<String, u64>,
}

/// The outbox, a page at a time (administrators).
pub async fn list(
    app: &App,
    actor: &Actor,
    filter: &OutboxFilter,
    page: &PageRequest,
) -> AppResult<Page<OutboxMessageView>> {
    let (rows, fetch) = listed(app, actor, filter, page).await?;
    Ok(Page::from_rows(
        rows,
        fetch,
        |m| m.id,
        OutboxMessageView::from,
    ))
}

/// The messages of one page of the outbox, with how many were asked for
/// (one more than the page, to tell whether another follows).
async fn listed(
    app: &App,
    actor: &Actor,
    filter: &OutboxFilter,
    page: &PageRequest,
) -> AppResult<(Vec<QueuedMessage>, u64)> {
    actor.require_any(&[Role::Admin], "read_the_outbox")?;
    if let Some(state) = &filter.state
        && !outbox::STATES.contains(&state.as_str())
    {
        return Err(grants_domain::ValidationErrors::single(
            "state",
            "unknown_state",
            format!("use one of {}", outbox::STATES.join(", ")),
        )
        .into());
    }
    let (after, fetch) = page.parse::<Uuid>()?;
    let rows = outbox::list(app.store.conn(), filter.state.as_deref(), after, fetch).await?;
    Ok((rows, fetch))
}

/// One message of the outbox as an administrator browses it: to whom, and
/// its subject line as the recipient reads it.
#[derive(Debug, Clone, Serialize)]
pub struct OutboxEntry {
    /// The message.
    pub message: OutboxMessageView,
    /// The recipient's name; empty for an account that is gone.
    pub recipient_name: String,
    /// The recipient's address.
    pub recipient_email: String,
    /// The subject line, in the recipient's language; the event's name
    /// where the message cannot be rendered.
    pub subject: String,
}

/// The outbox as an administrator browses it, a page at a time: as
/// [`list`], with each message's recipient and subject line.
pub async fn browse(
    app: &App,
    actor: &Actor,
    filter: &OutboxFilter,
    page: &PageRequest,
) -> AppResult<Page<OutboxEntry>> {
    let (rows, fetch) = listed(app, actor, filter, page).await?;
    let c = app.store.conn();
    let ids: Vec<UserId> = rows.iter().map(|m| m.recipient).collect();
    let people: std::collections::HashMap<UserId, grants_store::users::UserRecord> =
        grants_store::users::find_people(c, &ids, &[])
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
    Ok(Page::from_rows(
        rows,
        fetch,
        |m| m.id,
        |m| {
            let subject = serde_json::from_value::<Letter>(m.payload.clone())
                .ok()
                .and_then(|letter| {
                    let locale = Locale::parse(&m.locale).unwrap_or(Locale::En);
                    app.templates
                        .render(&letter.notification, &letter.envelope, locale)
                        .ok()
                })
                .map_or_else(|| m.event.clone(), |r| r.subject);
            let person = people.get(&m.recipient);
            OutboxEntry {
                recipient_name: person.map(|u| u.name.to_string()).unwrap_or_default(),
                recipient_email: person.map(|u| u.email.to_string()).unwrap_or_default(),
                subject,
                message: OutboxMessageView::from(m),
            }
        },
    ))
}

/// Message counts by state (administrators; also for metrics).
pub async fn counts(app: &App, actor: &Actor) -> AppResult<OutboxCounts> {
    actor.require_any(&[Role::Admin], "read_the_outbox")?;
    Ok(OutboxCounts {
        counts: state_counts(app).await?,
    })
}

/// How many messages are in each state, every state listed (0 included).
pub(crate) async fn state_counts(app: &App) -> AppResult<std::collections::BTreeMap<String, u64>> {
    let mut counts: std::collections::BTreeMap<String, u64> = outbox::STATES
        .iter()
        .map(|s| ((*s).to_owned(), 0))
        .collect();
    counts.extend(outbox::counts(app.store.conn()).await?);
    Ok(counts)
}

/// Sends a dead or cancelled message again (administrators).
pub async fn retry(app: &App, actor: &Actor, id: Uuid) -> AppResult<OutboxMessageView> {
    change_state(
        app,
        actor,
        id,
        &[outbox::DEAD, outbox::CANCELLED],
        outbox::PENDING,
        "retry",
    )
    .await
}

/// Withdraws a message that has not been sent (administrators).
pub async fn cancel(app: &App, actor: &Actor, id: Uuid) -> AppResult<OutboxMessageView> {
    change_state(
        app,
        actor,
        id,
        &[outbox::PENDING, outbox::HELD, outbox::DEAD],
        outbox::CANCELLED,
        "cancel",
    )
    .await
}

async fn change_state(
    app: &App,
    actor: &Actor,
    id: Uuid,
    from: &[&str],
    to: &str,
    verb: &str,
) -> AppResult<OutboxMessageView> {
    actor.require_any(&[Role::Admin], "manage_the_outbox")?;
    // One transaction, so the answer is the state this request set: a
    // dispatcher may claim a retried message the moment it is committed.
    let tx = app.store.begin().await?;
    let current = outbox::find(&tx, id)
        .await?
        .ok_or(AppError::NotFound("outbox message"))?;
    if !outbox::set_state(&tx, id, from, to, app.now()).await? {
        return Err(AppError::conflict("outbox-message-state")
            .with("message_state", &current.state)
            .with("action", verb)
            .done());
    }
    let changed = outbox::find(&tx, id)
        .await?
        .ok_or(AppError::NotFound("outbox message"))?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(changed.into())
}

/// An email rendered with sample data, as a recipient would get it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PreviewView {
    /// The event.
    pub event: String,
    /// The language it was rendered in (after fallback).
    pub locale: Locale,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
}

/// Which email to preview.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PreviewQuery {
    /// The event, e.g. `changes_requested`.
    pub event: String,
    /// The language (default `en`).
    pub locale: Option<String>,
}

/// Renders any event in any language with sample data (administrators).
pub async fn preview(app: &App, actor: &Actor, query: &PreviewQuery) -> AppResult<PreviewView> {
    actor.require_any(&[Role::Admin], "preview_emails")?;
    let locale = match query.locale.as_deref() {
        Some(raw) => Locale::parse(raw)
            .map_err(|e| grants_domain::ValidationErrors::single("locale", e.code, e.message))?,
        None => Locale::En,
    };
    let sample = Notification::samples()
        .into_iter()
        .find(|n| n.event() == query.event)
        .ok_or_else(|| {
            grants_domain::ValidationErrors::single(
                "event",
                "unknown_event",
                format!("there is no event '{}'", query.event),
            )
        })?;
    let rendered = app
        .templates
        .render(&sample, &grants_notify::Envelope::sample(), locale)
        .map_err(|e| AppError::internal(e.to_string()))?;
    Ok(PreviewView {
        event: query.event.clone(),
        locale: rendered.locale,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
    })
}

/// One kind of email and how the person gets it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PreferenceView {
    /// The event.
    pub event: &'static str,
    /// Urgent emails (decisions, payments, deadlines) always come at once.
    pub urgent: bool,
    /// `immediate` or `daily`.
    pub delivery: &'static str,
}

/// Which non-urgent emails come in a daily summary instead of one by one.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreferencesInput {
    /// The events to summarise daily; every other comes at once.
    pub daily: Vec<String>,
}

/// How the actor gets each kind of email.
pub async fn preferences(app: &App, actor: &Actor) -> AppResult<Vec<PreferenceView>> {
    let daily = preferences::daily_events(app.store.conn(), actor.id).await?;
    Ok(Notification::samples()
        .iter()
        .filter(|n| n.event() != "daily_digest")
        .map(|n| PreferenceView {
            event: n.event(),
            urgent: n.urgent(),
            delivery: if daily.iter().any(|e| e == n.event()) {
                "daily"
            } else {
                "immediate"
            },
        })
        .collect())
}

/// Chooses which non-urgent emails come in a daily summary.
pub async fn set_preferences(
    app: &App,
    actor: &Actor,
    input: PreferencesInput,
) -> AppResult<Vec<PreferenceView>> {
    let samples = Notification::samples();
    let mut errors = grants_domain::ValidationErrors::default();
    for (i, event) in input.daily.iter().enumerate() {
        match samples
            .iter()
            .find(|n| n.event() == event && n.event() != "daily_digest")
        {
            None => errors.push(
                format!("daily[{i}]"),
                "unknown_event",
                format!("there is no email '{event}'"),
            ),
            Some(n) if n.urgent() => errors.push(
                format!("daily[{i}]"),
                "urgent_event",
                format!("'{event}' is urgent and always sent at once"),
            ),
            Some(_) => {}
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let mut daily = input.daily;
    daily.sort();
    daily.dedup();
    preferences::set_daily_events(app.store.conn(), actor.id, &daily).await?;
    preferences(app, actor).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_summary_goes_at_the_next_summary_hour() {
        let at = |h, m| {
            Utc.with_ymd_and_hms(2027, 3, 12, h, m, 0)
                .single()
                .expect("valid")
        };
        assert_eq!(next_digest(at(6, 59), 7), at(7, 0));
        assert_eq!(
            next_digest(at(7, 0), 7),
            at(7, 0) + chrono::Duration::days(1)
        );
        assert_eq!(
            next_digest(at(23, 10), 7),
            at(7, 0) + chrono::Duration::days(1)
        );
    }
}
