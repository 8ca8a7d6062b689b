//! Log-in with email and password, opaque bearer tokens, log-out.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use std::net::IpAddr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use grants_domain::Email;
use grants_store::throttle::{self, Attempts};
use grants_store::{email_tokens, second_factors, tokens, users};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;

use crate::second_factor::{self, SecondFactorState};
use crate::sessions::{LAST_USED_GRAIN, SessionKind};
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
    /// For an account with two-step sign-in: the six-digit code from the
    /// authenticator app, or a recovery code.
    #[serde(default)]
    pub code: Option<String>,
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

/// Where a request came from: sign-in is throttled per client address as
/// well as per account, so one client cannot guess across many accounts,
/// and each session shows its holder where it was signed in from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    /// The client's address.
    pub address: ClientAddress,
    /// The program's name for itself (`User-Agent`), cleaned and cut short.
    agent: Option<String>,
}

/// The longest `User-Agent` kept.
const AGENT_CHARS: usize = 256;

impl Client {
    /// The client of a request: its address as [`ClientAddress::of_request`]
    /// finds it, and its `User-Agent`. `header` gives the last value of a
    /// header.
    pub fn of_request<'a>(
        app: &App,
        peer: Option<IpAddr>,
        header: impl Fn(&str) -> Option<&'a str>,
    ) -> Client {
        let agent = header("user-agent")
            .map(|raw| {
                raw.chars()
                    .filter(|c| !c.is_control())
                    .take(AGENT_CHARS)
                    .collect::<String>()
            })
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty());
        Client {
            address: ClientAddress::of_request(app, peer, header),
            agent,
        }
    }

    /// The client of an HTTP request, from the peer address the server
    /// recorded and the request's headers (the last value of each counts).
    pub fn of_http(app: &App, peer: Option<IpAddr>, headers: &http::HeaderMap) -> Client {
        Client::of_request(app, peer, |name| {
            headers
                .get_all(name)
                .iter()
                .next_back()
                .and_then(|v| v.to_str().ok())
        })
    }

    /// A client without a known address (commands run on the server).
    pub fn local() -> Client {
        Client {
            address: ClientAddress(None),
            agent: None,
        }
    }

    /// Where a session it signs in as `kind` comes from.
    fn origin(&self, kind: SessionKind) -> tokens::Origin {
        tokens::Origin {
            kind: kind.as_str(),
            client_address: self.address.0.map(|ip| ip.to_string()),
            user_agent: self.agent.clone(),
        }
    }
}

/// The address a request came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(Option<IpAddr>);

impl ClientAddress {
    /// The client's address: the last address in the header a trusted
    /// proxy in front of the service sets, when one is configured (the
    /// proxy appends the address it saw, so the last is its own), else the
    /// connection's `peer`.
    fn of_request<'a>(
        app: &App,
        peer: Option<IpAddr>,
        header: impl Fn(&str) -> Option<&'a str>,
    ) -> ClientAddress {
        let proxied = app
            .auth
            .client_address_header
            .as_deref()
            .and_then(header)
            .and_then(|value| value.rsplit(',').next())
            .and_then(|last| last.trim().parse::<IpAddr>().ok());
        ClientAddress(proxied.or(peer))
    }

    /// Its throttle key: an IPv4 address whole, an IPv6 address by its /64
    /// network, since one host commonly holds a whole /64.
    fn key(self) -> String {
        match self.0 {
            Some(IpAddr::V4(v4)) => format!("address:{v4}"),
            Some(IpAddr::V6(v6)) => {
                let s = v6.segments();
                format!("address:{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
            None => "address:local".to_owned(),
        }
    }
}

impl std::fmt::Display for ClientAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Some(ip) => write!(f, "{ip}"),
            None => f.write_str("local"),
        }
    }
}

/// The throttle key of an account: a digest of its address, so that the
/// table holds no address, not even one typed for an erased person.
pub(crate) fn account_key(email_normalized: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(email_normalized.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("account:{hex}")
}

/// The wait before attempt `n` of a key allowed `free` attempts without
/// waiting: none up to `free`, then one second, doubling with every
/// attempt, up to `longest`.
fn wait_before(n: u32, free: u32, longest: Duration) -> Option<Duration> {
    let beyond = n.checked_sub(free)?;
    let seconds = 1u64.checked_shl(beyond.min(40)).unwrap_or(u64::MAX);
    Some(Duration::from_secs(seconds).min(longest))
}

/// Claims an attempt for `key` before any password is checked: refused
/// (with the seconds to wait) while the key must wait, else counted, with
/// the wait the next attempt will have. Counts not touched for
/// `forget_after` start again from nothing.
pub(crate) async fn claim_attempt(
    app: &App,
    key: &str,
    free: u32,
    longest: Duration,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let forget_after = chrono::Duration::from_std(longest.max(Duration::from_secs(1800)) * 2)
        .unwrap_or(chrono::Duration::MAX);
    // A lost race is retried: it only means another attempt was counted first.
    for _ in 0..4 {
        let recorded = throttle::get(app.store.conn(), key).await?;
        let current = recorded.filter(|r| now - r.updated_at < forget_after);
        if let Some(until) = current
            .and_then(|r| r.next_attempt_at)
            .filter(|at| *at > now)
        {
            // Rounded up: a client waiting what it is told is never early.
            let millis = (until - now).num_milliseconds();
            let retry_after_secs = u64::try_from(millis)
                .map(|ms| ms.div_ceil(1000))
                .unwrap_or(0)
                .max(1);
            return Err(AppError::LockedOut { retry_after_secs });
        }
        let n = current.map_or(0, |r| r.failures).saturating_add(1);
        let next = Attempts {
            failures: n,
            next_attempt_at: wait_before(n, free, longest)
                .and_then(|wait| chrono::Duration::from_std(wait).ok())
                .map(|wait| now + wait),
            updated_at: now,
        };
        if throttle::claim(app.store.conn(), key, recorded.map(|r| r.failures), next).await? {
            return Ok(());
        }
    }
    Err(AppError::LockedOut {
        retry_after_secs: 1,
    })
}

/// Exchanges email and password (and, for a person with a second factor,
/// a code) for a bearer token.
///
/// Every failure of the password is the same [`AppError::InvalidCredentials`],
/// whether the address is unknown, the password wrong or the account
/// deactivated, and unknown addresses cost a hash verification too. Each
/// attempt is counted against the account and against the client's
/// address before the password is checked; past the free attempts each
/// next one waits twice as long as the one before, up to a short longest
/// wait for an account (so nobody can keep its owner out) and a long one
/// for an address. A person with a second factor who sent no code gets
/// [`AppError::SecondFactorNeeded`].
#[tracing::instrument(skip_all)]
pub async fn login(app: &App, input: LoginInput, client: Client) -> AppResult<IssuedToken> {
    let code = input.code.clone();
    let user = password_holder(app, input, &client).await?;
    let proved = if second_factors::is_on(app.store.conn(), user.id).await? {
        let code = code
            .filter(|c| !c.trim().is_empty())
            .ok_or(AppError::SecondFactorNeeded)?;
        second_factor::check(app, user.id, &code).await?;
        true
    } else {
        false
    };
    issue(app, &user, &client, SessionKind::Api, proved).await
}

/// The first step of signing in on a page: the password, then either the
/// session or, for a person with a second factor, a challenge to answer
/// with a code in [`finish_sign_in`].
#[derive(Debug)]
pub enum SignIn {
    /// Signed in.
    Done(IssuedToken),
    /// The password was right; a code must follow, with this challenge
    /// (single use, for ten minutes).
    NeedsCode(String),
}

/// How long a sign-in waits for its second factor.
const CHALLENGE_TTL: chrono::Duration = chrono::Duration::minutes(10);

/// Signs in with email and password, as [`login`] does, but answers a
/// person with a second factor with a challenge rather than a refusal.
pub async fn begin_sign_in(app: &App, input: LoginInput, client: Client) -> AppResult<SignIn> {
    let user = password_holder(app, input, &client).await?;
    sign_in_as(app, &user, &client).await
}

/// Signs a browser in as `user`, who proved who they are (by password, or
/// with their organisation's account): the session, or for a person with
/// a second factor the challenge their code must answer.
pub(crate) async fn sign_in_as(
    app: &App,
    user: &users::UserRecord,
    client: &Client,
) -> AppResult<SignIn> {
    if !second_factors::is_on(app.store.conn(), user.id).await? {
        let token = issue(app, user, client, SessionKind::Browser, false).await?;
        return Ok(SignIn::Done(token));
    }
    let challenge = new_secret();
    let now = Utc::now();
    email_tokens::insert(
        app.store.conn(),
        user.id,
        email_tokens::SIGN_IN_CHALLENGE,
        hash_token(challenge.expose_secret()),
        now + CHALLENGE_TTL,
        now,
    )
    .await?;
    Ok(SignIn::NeedsCode(challenge.expose_secret().to_owned()))
}

/// Answers a sign-in's challenge with a code: the session. A wrong code
/// leaves the challenge open for another try (attempts are throttled); an
/// expired or used challenge is [`AppError::Unauthenticated`].
pub async fn finish_sign_in(
    app: &App,
    challenge: &str,
    code: &str,
    client: Client,
) -> AppResult<IssuedToken> {
    let hash = hash_token(challenge);
    let c = app.store.conn();
    let user_id = email_tokens::holder(c, &hash, email_tokens::SIGN_IN_CHALLENGE, Utc::now())
        .await?
        .ok_or(AppError::Unauthenticated)?;
    second_factor::check(app, user_id, code).await?;
    if email_tokens::redeem(c, &hash, email_tokens::SIGN_IN_CHALLENGE, Utc::now())
        .await?
        .is_none()
    {
        return Err(AppError::Unauthenticated);
    }
    let user = users::find(c, user_id)
        .await?
        .filter(|u| u.active)
        .ok_or(AppError::Unauthenticated)?;
    issue(app, &user, &client, SessionKind::Browser, true).await
}

/// The active account whose password this is, after the attempt was
/// counted against the account and the client.
async fn password_holder(
    app: &App,
    input: LoginInput,
    client: &Client,
) -> AppResult<users::UserRecord> {
    let email = Email::parse(&input.email).map_err(|e| {
        AppError::Validation(grants_domain::ValidationErrors::single(
            "email", e.code, e.message,
        ))
    })?;
    let key = email.normalized();
    // Waits run on the business clock (tests let it pass); tokens on the real one.
    let now = app.now();
    let policy = &app.auth;
    let account = account_key(&key);
    let address = client.address.key();
    claim_attempt(
        app,
        &address,
        policy.max_failed_logins_per_address,
        policy.lockout,
        now,
    )
    .await?;
    if let Err(refused) = claim_attempt(
        app,
        &account,
        policy.max_failed_logins,
        policy.longest_account_wait,
        now,
    )
    .await
    {
        // No password was checked: the client's count takes the attempt back.
        throttle::succeeded(
            app.store.conn(),
            &address,
            policy.max_failed_logins_per_address,
        )
        .await?;
        return Err(refused);
    }

    let conn = app.store.conn();
    let found = users::find_with_password(conn, &key).await?;
    let (user, hash) = match found {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    let password_ok = password::verify(input.password, hash).await?;
    let user = user.filter(|u| password_ok && u.active);

    user.ok_or_else(|| {
        // Never the password: who was tried, and from where.
        tracing::warn!(account = %key, client = %client.address, "sign-in failed");
        AppError::InvalidCredentials
    })
}

/// A new token for `user`, whose password (and code, when `proved`) were
/// right: the account's count of attempts is forgotten, and the client's
/// takes this one back.
async fn issue(
    app: &App,
    user: &users::UserRecord,
    client: &Client,
    kind: SessionKind,
    proved: bool,
) -> AppResult<IssuedToken> {
    let policy = &app.auth;
    let secret = new_secret();
    let now = Utc::now();
    let expires_at = now + policy.token_ttl;
    let tx = app.store.begin().await?;
    throttle::clear(&tx, &account_key(&user.email.normalized())).await?;
    throttle::succeeded(
        &tx,
        &client.address.key(),
        policy.max_failed_logins_per_address,
    )
    .await?;
    tokens::insert(
        &tx,
        user.id,
        hash_token(secret.expose_secret()),
        now,
        expires_at,
        // The second factor is proved on the business clock, as it is checked.
        proved.then(|| app.now()),
        client.origin(kind),
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
    // On the business clock, which tests can move on.
    let now = app.now();
    if found
        .last_used_at
        .is_none_or(|last| now - last >= LAST_USED_GRAIN)
    {
        tokens::touch(conn, found.id, now).await?;
    }
    let second_factor = SecondFactorState::of(
        app,
        &user.roles,
        found.holder_has_second_factor,
        found.second_factor_at,
    );
    Ok(Actor {
        id: user.id,
        name: user.name.to_string(),
        locale: user.locale,
        roles: user.roles,
        token: Some(found.id),
        second_factor,
        teams: grants_store::teams::memberships(conn, user.id).await?,
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
