//! Emailed account links: confirming an address, and resetting a forgotten
//! password. The links carry single-use secrets stored only as hashes. And
//! what parts of the service a person may open ([`Reach`]).

use chrono::{DateTime, Utc};
use grants_domain::{Email, Role, UserId, ValidationErrors};
use grants_notify::{AccountRegistered, Letter, Notification, PasswordReset};
use grants_store::audit::{self, AuditEntry};
use grants_store::email_tokens::{self, RESET_PASSWORD, VERIFY_EMAIL};
use grants_store::users::{self as user_store, UserRecord};
use grants_store::{ConnectionTrait, throttle, tokens};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use utoipa::ToSchema;

use crate::auth::{hash_token, new_secret};
use crate::{Actor, App, AppError, AppResult, password};

/// A secret from an emailed link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenInput {
    /// The `token` of the link.
    #[schema(value_type = String)]
    pub token: SecretString,
}

/// Asking for a password-reset link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetRequestInput {
    /// The account's address.
    pub email: String,
}

/// Choosing a new password with a reset link.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetPasswordInput {
    /// The `token` of the link.
    #[schema(value_type = String)]
    pub token: SecretString,
    /// The new password, at least 10 characters.
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
}

/// Changing one's password while signed in.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordInput {
    /// The password now.
    #[schema(value_type = String, format = Password)]
    pub current_password: SecretString,
    /// The new password, at least 10 characters.
    #[schema(value_type = String, format = Password)]
    pub new_password: SecretString,
}

/// A reset link is mailed at most this often per account, so the form cannot flood a mailbox.
const RESET_EVERY: chrono::Duration = chrono::Duration::seconds(60);

fn invalid_link() -> AppError {
    ValidationErrors::single(
        "token",
        "invalid_token",
        "this link is not valid: it was used already, or it expired",
    )
    .into()
}

/// Makes a token for `user`, and queues the email that carries it.
async fn mail_link(
    tx: &impl ConnectionTrait,
    app: &App,
    user: &UserRecord,
    purpose: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let secret = new_secret();
    let ttl = if purpose == VERIFY_EMAIL {
        app.auth.verify_ttl
    } else {
        app.auth.reset_ttl
    };
    let expires_at = now + chrono::Duration::from_std(ttl).unwrap_or_default();
    let hash = hash_token(secret.expose_secret());
    email_tokens::insert(tx, user.id, purpose, hash.clone(), expires_at, now).await?;
    let notification = if purpose == VERIFY_EMAIL {
        Notification::AccountRegistered(AccountRegistered {
            verify_url: app.link(&format!(
                "/app/verify-email?token={}",
                secret.expose_secret()
            )),
            expires_at,
        })
    } else {
        Notification::PasswordReset(PasswordReset {
            reset_url: app.link(&format!(
                "/app/reset-password?token={}",
                secret.expose_secret()
            )),
            expires_at,
        })
    };
    let letter = Letter {
        envelope: crate::mail::service_envelope(user),
        notification,
    };
    crate::mail::enqueue(
        tx,
        app,
        user,
        ("user", user.id.uuid()),
        letter,
        format!("{purpose}:{hash}"),
        now,
    )
    .await
}

/// Uses up the link's token for `purpose`; the account it was sent to.
async fn redeem(
    tx: &impl ConnectionTrait,
    token: &SecretString,
    purpose: &str,
    now: DateTime<Utc>,
) -> AppResult<UserId> {
    email_tokens::redeem(tx, &hash_token(token.expose_secret()), purpose, now)
        .await?
        .ok_or_else(invalid_link)
}

/// Sends a new applicant the link that confirms their address (inside the registration's transaction).
pub(crate) async fn send_verification(
    tx: &impl ConnectionTrait,
    app: &App,
    user: &UserRecord,
    now: DateTime<Utc>,
) -> AppResult<()> {
    mail_link(tx, app, user, VERIFY_EMAIL, now).await
}

/// Confirms the address of the account the link was sent to.
#[tracing::instrument(skip_all)]
pub async fn verify_email(app: &App, input: TokenInput) -> AppResult<()> {
    let now = Utc::now();
    let tx = app.store.begin().await?;
    let user = redeem(&tx, &input.token, VERIFY_EMAIL, now).await?;
    user_store::mark_verified(&tx, user, now).await?;
    record(&tx, user, "user.email_verified", now).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(())
}

/// Mails a reset link if the address has an active account. Answers the
/// same either way, so the form does not reveal who has an account.
#[tracing::instrument(skip_all)]
pub async fn request_password_reset(app: &App, input: ResetRequestInput) -> AppResult<()> {
    let email = Email::parse(&input.email)
        .map_err(|e| ValidationErrors::single("email", e.code, e.message))?;
    let now = Utc::now();
    let tx = app.store.begin().await?;
    let Some((user, _)) = user_store::find_with_password(&tx, &email.normalized()).await? else {
        return Ok(());
    };
    let recent = email_tokens::latest(&tx, user.id, RESET_PASSWORD)
        .await?
        .is_some_and(|at| now - at < RESET_EVERY);
    if !user.active || recent {
        return Ok(());
    }
    mail_link(&tx, app, &user, RESET_PASSWORD, now).await?;
    record(&tx, user.id, "user.password_reset_requested", now).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(())
}

/// Sets a new password with a reset link: every session of the account
/// ends, and failed log-ins are forgotten.
#[tracing::instrument(skip_all)]
pub async fn reset_password(app: &App, input: ResetPasswordInput) -> AppResult<()> {
    password::check_policy("password", &input.password)?;
    let hash = password::hash(input.password).await?;
    let now = Utc::now();
    let tx = app.store.begin().await?;
    let user_id = redeem(&tx, &input.token, RESET_PASSWORD, now).await?;
    let user = user_store::find(&tx, user_id)
        .await?
        .ok_or_else(invalid_link)?;
    user_store::set_password(&tx, user.id, hash, now).await?;
    tokens::revoke_all_for_user(&tx, user.id, now).await?;
    throttle::clear(&tx, &crate::auth::account_key(&user.email.normalized())).await?;
    // Following the link proves the address works, too.
    user_store::mark_verified(&tx, user.id, now).await?;
    record(&tx, user.id, "user.password_reset", now).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(())
}

/// Changes the actor's password, given the current one: every other
/// session of theirs ends (whoever knew the old password is out), this one
/// stays. Tries of the current password count against the account as
/// sign-in attempts do, so this form guesses no faster than the sign-in.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn change_password(
    app: &App,
    actor: &Actor,
    input: ChangePasswordInput,
) -> AppResult<crate::sessions::EndedSessions> {
    password::check_policy("new_password", &input.new_password)?;
    let c = app.store.conn();
    let user = user_store::find(c, actor.id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let key = crate::auth::account_key(&user.email.normalized());
    let policy = &app.auth;
    crate::auth::claim_attempt(
        app,
        &key,
        policy.max_failed_logins,
        policy.longest_account_wait,
        app.now(),
    )
    .await?;
    let stored = user_store::find_with_password(c, &user.email.normalized())
        .await?
        .map(|(_, hash)| hash);
    if !password::verify(input.current_password, stored).await? {
        return Err(ValidationErrors::single(
            "current_password",
            "wrong_password",
            "this is not your current password",
        )
        .into());
    }
    let hash = password::hash(input.new_password).await?;
    let now = Utc::now();
    let tx = app.store.begin().await?;
    user_store::set_password(&tx, user.id, hash, now).await?;
    let ended = crate::sessions::end_others_of(&tx, actor, now).await?;
    throttle::clear(&tx, &key).await?;
    record(&tx, user.id, "user.password_changed", now).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(crate::sessions::EndedSessions { ended })
}

pub(crate) async fn record(
    tx: &impl ConnectionTrait,
    user: UserId,
    action: &'static str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    audit::record(
        tx,
        AuditEntry {
            actor: Some(user),
            action,
            subject_type: "user",
            subject_id: user.uuid(),
            details: serde_json::Value::Null,
        },
        now,
    )
    .await?;
    Ok(())
}

/// The parts of the service a person may open, for the menu and the home
/// page: decided here from their roles, so that no page decides it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reach {
    /// Write proposals.
    pub proposals_of_own: bool,
    /// Their review assignments (reviewers).
    pub assignments: bool,
    /// Grants and reports (grantees, who are applicants; finance, managers, administrators).
    pub grants: bool,
    /// Screening proposals (managers and ambassadors).
    pub screening: bool,
    /// The programmes' set-up.
    pub programme_setup: bool,
    /// Each programme's jury: assignment, ranking, funding.
    pub juries: bool,
    /// Each programme's ledger.
    pub ledgers: bool,
    /// The administration pages.
    pub admin: bool,
    /// The workflow definitions.
    pub workflows: bool,
}

impl Reach {
    /// What `actor` may open.
    pub fn of(actor: &Actor) -> Reach {
        Reach {
            proposals_of_own: actor.has(Role::Applicant),
            assignments: actor.has(Role::Reviewer),
            grants: actor.has(Role::Applicant) || actor.has_any(crate::grants::GRANT_READERS),
            screening: actor.has_any(&[Role::ProgrammeManager, Role::Ambassador]),
            programme_setup: actor.has_any(crate::programmes::MANAGERS),
            juries: crate::jury::runs_jury(actor),
            ledgers: actor.has_any(crate::ledger::LEDGER_READERS),
            admin: actor.has(Role::Admin),
            workflows: actor.has_any(crate::workflows::DEFINITION_READERS),
        }
    }
}
