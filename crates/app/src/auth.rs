//! Log-in with email and password, opaque bearer tokens, log-out.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use grants_domain::Email;
use grants_store::throttle::{self, Attempts};
use grants_store::{tokens, users};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::{Actor, App, AppError, AppResult, password};

/// Prefix of every token, so that leaked tokens are easy to recognise and scan for.
const TOKEN_PREFIX: &str = "iat_";

/// Credentials for `POST /auth/token`.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginInput {
    /// The account's address (any case).
    pub email: String,
    /// The password.
    #[schema(value_type = String, format = Password)]
    pub password: SecretString,
}

/// A freshly issued bearer token. The secret is shown once and stored only as a hash.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedToken {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// Always `Bearer`.
    pub token_type: &'static str,
    /// When the token stops working.
    pub expires_at: DateTime<Utc>,
}

/// Exchanges email and password for a bearer token.
///
/// Every failure is the same [`AppError::InvalidCredentials`], whether the
/// address is unknown, the password wrong or the account deactivated, and
/// unknown addresses cost a hash verification too. After
/// `max_failed_logins` failures the address is locked for `lockout`, for
/// unknown addresses exactly as for known ones.
#[tracing::instrument(skip_all)]
pub async fn login(app: &App, input: LoginInput) -> AppResult<IssuedToken> {
    let email = Email::parse(&input.email).map_err(|e| {
        AppError::Validation(grants_domain::ValidationErrors::single(
            "email", e.code, e.message,
        ))
    })?;
    let key = email.normalized();
    let now = Utc::now();
    let conn = app.store.conn();

    let attempts = throttle::get(conn, &key).await?;
    if let Some(until) = attempts.locked_until.filter(|until| *until > now) {
        let retry_after_secs = u64::try_from((until - now).num_seconds())
            .unwrap_or(0)
            .max(1);
        return Err(AppError::LockedOut { retry_after_secs });
    }

    let found = users::find_with_password(conn, &key).await?;
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let password_ok = password::verify(input.password, hash).await?;
    let user = user.filter(|u| password_ok && u.active);

    let Some(user) = user else {
        let failures = attempts.failures + 1;
        let next = if failures >= app.auth.max_failed_logins {
            tracing::warn!("log-in locked after repeated failures");
            Attempts {
                failures: 0,
                locked_until: Some(now + app.auth.lockout),
            }
        } else {
            Attempts {
                failures,
                locked_until: None,
            }
        };
        throttle::put(conn, &key, next, now).await?;
        return Err(AppError::InvalidCredentials);
    };

    let secret = new_secret();
    let expires_at = now + app.auth.token_ttl;
    let tx = app.store.begin().await?;
    throttle::clear(&tx, &key).await?;
    tokens::insert(
        &tx,
        user.id,
        hash_token(secret.expose_secret()),
        now,
        expires_at,
    )
    .await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(user.id = %user.id, "logged in");
    Ok(IssuedToken {
        token: secret.expose_secret().to_owned(),
        token_type: "Bearer",
        expires_at,
    })
}

/// Revokes the token the actor authenticated with.
pub async fn logout(app: &App, actor: &Actor) -> AppResult<()> {
    if let Some(token) = actor.token {
        tokens::revoke(app.store.conn(), token, Utc::now()).await?;
    }
    Ok(())
}

/// The actor behind a bearer token, if the token is known, unexpired,
/// unrevoked and its account active.
pub async fn authenticate(app: &App, token: &str) -> AppResult<Actor> {
    let conn = app.store.conn();
    let (found, user) = tokens::find_active(conn, &hash_token(token), Utc::now())
        .await?
        .filter(|(_, user)| user.active)
        .ok_or(AppError::Unauthenticated)?;
    Ok(Actor {
        id: user.id,
        name: user.name.to_string(),
        locale: user.locale,
        roles: user.roles,
        token: Some(found.id),
    })
}

/// A one-time value for a form that has no session behind it yet (the
/// sign-in form): 256 random bits, URL-safe.
pub fn form_nonce() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

pub(crate) fn new_secret() -> SecretString {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    SecretString::from(format!("{TOKEN_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes)))
}

/// Tokens carry 256 random bits, so a fast unsalted hash is enough to make
/// a leaked table useless.
pub(crate) fn hash_token(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_unique_prefixed_and_hash_stably() {
        let a = new_secret();
        let b = new_secret();
        assert_ne!(a.expose_secret(), b.expose_secret());
        assert!(a.expose_secret().starts_with(TOKEN_PREFIX));
        assert_eq!(hash_token("x"), hash_token("x"));
        assert_eq!(hash_token("x").len(), 64);
        assert_ne!(hash_token(a.expose_secret()), hash_token(b.expose_secret()));
    }
}
