//! Two-factor sign-in with TOTP (RFC 6238): enrolment confirmed by a first
//! code, ten single-use recovery codes kept only as hashes, codes accepted
//! once each (a replayed code is refused), attempts throttled like
//! passwords, and a fresh second factor for the steps that move money or
//! change roles.

use chrono::{DateTime, Utc};
use grants_domain::{Role, UserId, ValidationErrors};
use grants_store::{second_factors, tokens};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use totp_rs::{Algorithm, Builder, Secret, Totp};
use utoipa::ToSchema;

use crate::auth::hash_token;
use crate::{Actor, App, AppError, AppResult};

/// The name authenticator apps show beside the account.
const ISSUER: &str = "Innovation Awards";
/// Recovery codes made at enrolment.
const RECOVERY_CODES: usize = 10;
/// The roles that must use a second factor where the configuration says so.
pub const REQUIRED_FOR: &[Role] = &[Role::Admin, Role::Finance, Role::ProgrammeManager];
/// The workflow guard of steps that need a second factor proved within the
/// last few minutes (paying and approving a tranche).
pub const FRESH_GUARD: &str = "second_factor_fresh";

/// A person's second factor, as their profile shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SecondFactorView {
    /// Sign-in asks for a code from their authenticator app.
    pub enabled: bool,
    /// Their roles must use one (administrators, finance and programme
    /// managers, where the service is configured so).
    pub required: bool,
    /// Recovery codes not used yet.
    pub recovery_codes_left: u32,
    /// Until when this session counts as having just proved the second
    /// factor (for paying, approving and changing roles).
    pub fresh_until: Option<DateTime<Utc>>,
    /// Paying, approving and changing roles would ask this session for a
    /// fresh code now.
    pub needs_fresh_code: bool,
}

/// A started enrolment: what the authenticator app needs.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Enrolment {
    /// The secret in base32, to type in where a QR code cannot be scanned.
    pub secret: String,
    /// The `otpauth://` address the QR code holds.
    pub otpauth_url: String,
    /// The QR code as an SVG image.
    pub qr_svg: String,
}

/// Recovery codes, shown once: each signs in once in place of a code.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecoveryCodes {
    /// Ten codes.
    pub codes: Vec<String>,
}

/// A code from the authenticator app (six digits) or a recovery code.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeInput {
    /// The code.
    pub code: String,
}

/// What the service holds about a person's second factor, for [`Actor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SecondFactorState {
    /// They have one.
    pub enabled: bool,
    /// Their roles must have one.
    pub required: bool,
    /// Until when their session counts as freshly proved.
    pub fresh_until: Option<DateTime<Utc>>,
}

impl SecondFactorState {
    /// The state of a person with these roles, holding a token that last
    /// proved the second factor at `proved_at`.
    pub(crate) fn of(
        app: &App,
        roles: &[grants_domain::RoleGrant],
        enabled: bool,
        proved_at: Option<DateTime<Utc>>,
    ) -> SecondFactorState {
        let required = app.auth.second_factor_required
            && roles.iter().any(|g| REQUIRED_FOR.contains(&g.role()));
        let window = chrono::Duration::from_std(app.auth.step_up).unwrap_or_default();
        SecondFactorState {
            enabled,
            required,
            fresh_until: proved_at.map(|at| at + window),
        }
    }

    /// Whether they must enrol before doing anything else.
    pub fn must_enrol(self) -> bool {
        self.required && !self.enabled
    }

    /// Whether a step that needs a fresh second factor may go ahead at
    /// `now`: with a second factor proved within the last few minutes, or
    /// with a password alone for people who have none and need none (their
    /// role does not, nor does the step's programme, `required_here`).
    pub fn fresh_at(self, now: DateTime<Utc>, required_here: bool) -> Result<(), &'static str> {
        if !self.enabled && !self.required && !required_here {
            return Ok(());
        }
        if !self.enabled {
            return Err("enrol");
        }
        match self.fresh_until {
            Some(until) if until > now => Ok(()),
            _ => Err("step_up"),
        }
    }
}

fn totp(secret: Vec<u8>, account: &str) -> AppResult<Totp> {
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(Secret::new(secret.into_boxed_slice()))
        .with_issuer(Some(ISSUER))
        .with_account_name(account)
        .build()
        .map_err(|e| AppError::internal(format!("TOTP: {e}")))
}

fn totp_of(stored: &str, account: &str) -> AppResult<Totp> {
    let secret = Secret::try_from_base32(stored)
        .map_err(|e| AppError::internal(format!("a stored TOTP secret: {e:?}")))?;
    totp(secret.as_bytes().to_vec(), account)
}

fn wrong_code() -> AppError {
    AppError::Validation(ValidationErrors::single(
        "code",
        "wrong_code",
        "the code is not right, or was used already",
    ))
}

/// A recovery code as typed, without spaces or dashes, in lower case.
fn normalized(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A new recovery code: ten letters and digits, shown as `xxxxx-xxxxx`.
fn new_recovery_code() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 10];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let letters: String = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect();
    format!("{}-{}", &letters[..5], &letters[5..])
}

/// The person's second factor as their profile shows it.
pub async fn status(app: &App, actor: &Actor) -> AppResult<SecondFactorView> {
    let c = app.store.conn();
    // Read, not taken from the actor: it may have just been turned on.
    let enabled = second_factors::is_on(c, actor.id).await?;
    let left = if enabled {
        second_factors::recovery_codes_left(c, actor.id).await?
    } else {
        0
    };
    Ok(SecondFactorView {
        enabled,
        required: actor.second_factor.required,
        recovery_codes_left: u32::try_from(left).unwrap_or(u32::MAX),
        fresh_until: actor.second_factor.fresh_until.filter(|_| enabled),
        needs_fresh_code: enabled && actor.second_factor.fresh_at(app.now(), false).is_err(),
    })
}

/// Starts enrolment with a new secret (again, if one was pending): the
/// secret, its `otpauth://` address and QR code. A person who has a second
/// factor turns it off first.
pub async fn begin_enrolment(app: &App, actor: &Actor) -> AppResult<Enrolment> {
    let mut secret = vec![0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    let encoded = Secret::new(secret.into_boxed_slice()).to_base32();
    let sealed = app.secrets.seal(&encoded)?;
    if !second_factors::begin(app.store.conn(), actor.id, &sealed, Utc::now()).await? {
        return Err(AppError::conflict("second-factor-already-on").done());
    }
    enrolment(app, actor, &encoded).await
}

/// The enrolment under way, if one is: what [`begin_enrolment`] gave.
pub async fn pending(app: &App, actor: &Actor) -> AppResult<Option<Enrolment>> {
    match second_factors::find(app.store.conn(), actor.id).await? {
        Some(factor) if factor.confirmed_at.is_none() => Ok(Some(
            enrolment(app, actor, &app.secrets.open(&factor.secret)?).await?,
        )),
        _ => Ok(None),
    }
}

/// What an authenticator app needs of the secret `encoded`.
async fn enrolment(app: &App, actor: &Actor, encoded: &str) -> AppResult<Enrolment> {
    let account = grants_store::users::find(app.store.conn(), actor.id)
        .await?
        .map(|u| u.email.to_string())
        .ok_or(AppError::NotFound("user"))?;
    let otpauth_url = totp_of(encoded, &account)?
        .to_url()
        .map_err(|e| AppError::internal(format!("TOTP address: {e}")))?;
    let qr_svg = qrcode::QrCode::new(otpauth_url.as_bytes())
        .map_err(|e| AppError::internal(format!("QR code: {e}")))?
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Ok(Enrolment {
        secret: encoded.to_owned(),
        otpauth_url,
        qr_svg,
    })
}

/// Seals every second-factor secret stored before sealing, and checks that
/// the key opens those sealed already: a server with the wrong key refuses
/// to start rather than lock everyone with two-step sign-in out. How many
/// it sealed.
pub async fn seal_stored(app: &App) -> AppResult<usize> {
    let c = app.store.conn();
    let stored = second_factors::all_secrets(c).await?;
    if let Some((_, sealed)) = stored
        .iter()
        .find(|(_, s)| crate::secrets::SecretsKey::is_sealed(s))
    {
        app.secrets.open(sealed)?;
    }
    let mut count = 0;
    for (user, secret) in stored {
        if !crate::secrets::SecretsKey::is_sealed(&secret) {
            second_factors::set_secret(c, user, &app.secrets.seal(&secret)?).await?;
            count += 1;
        }
    }
    Ok(count)
}

/// Checks `code` for `user`: a TOTP code of their confirmed factor, each
/// time step accepted once, or one of their unused recovery codes, used
/// up. Attempts are throttled like passwords.
pub(crate) async fn check(app: &App, user: UserId, code: &str) -> AppResult<()> {
    let key = format!("second-factor:{user}");
    let now = app.now();
    crate::auth::claim_attempt(app, &key, 5, app.auth.lockout, now).await?;
    let c = app.store.conn();
    let Some(factor) = second_factors::find(c, user)
        .await?
        .filter(|f| f.confirmed_at.is_some())
    else {
        return Err(wrong_code());
    };
    let typed = code.trim();
    let accepted = if typed.len() == 6 && typed.bytes().all(|b| b.is_ascii_digit()) {
        let totp = totp_of(&app.secrets.open(&factor.secret)?, "")?;
        match step_of(&totp, typed, now) {
            Some(step) => second_factors::use_step(c, user, step).await?,
            None => false,
        }
    } else {
        second_factors::use_recovery_code(c, user, &hash_token(&normalized(typed)), Utc::now())
            .await?
    };
    if !accepted {
        tracing::warn!(user = %user, "a second-factor code was refused");
        return Err(wrong_code());
    }
    grants_store::throttle::clear(c, &key).await?;
    Ok(())
}

/// The time step `code` belongs to at `now` (one step of clock drift
/// either way), if it is right.
fn step_of(totp: &Totp, code: &str, now: DateTime<Utc>) -> Option<i64> {
    let seconds = u64::try_from(now.timestamp()).ok()?;
    totp.check(code, seconds)
        .and_then(|step| i64::try_from(step).ok())
}

/// Confirms a pending enrolment with a first code: the second factor is
/// on, this session counts as freshly proved, the person's other sessions
/// end, and ten recovery codes are made (shown this once).
pub async fn confirm_enrolment(
    app: &App,
    actor: &Actor,
    input: CodeInput,
) -> AppResult<RecoveryCodes> {
    let c = app.store.conn();
    let Some(pending) = second_factors::find(c, actor.id).await? else {
        return Err(AppError::conflict("second-factor-not-started").done());
    };
    if pending.confirmed_at.is_some() {
        return Err(AppError::conflict("second-factor-already-on").done());
    }
    let totp = totp_of(&app.secrets.open(&pending.secret)?, "")?;
    let Some(step) = step_of(&totp, input.code.trim(), app.now()) else {
        return Err(wrong_code());
    };
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    let now = Utc::now();
    let tx = app.store.begin().await?;
    if !second_factors::confirm(&tx, actor.id, step, now).await? {
        return Err(AppError::conflict("second-factor-already-on").done());
    }
    second_factors::replace_recovery_codes(
        &tx,
        actor.id,
        codes
            .iter()
            .map(|code| hash_token(&normalized(code)))
            .collect(),
        now,
    )
    .await?;
    end_other_sessions(&tx, actor, Some(app.now()), now).await?;
    crate::account::record(&tx, actor.id, "user.second_factor_enabled", now).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(RecoveryCodes { codes })
}

/// Turns the second factor off, with a current code (or a recovery code).
/// Refused where the person's roles must keep one. Other sessions end.
pub async fn disable(app: &App, actor: &Actor, input: CodeInput) -> AppResult<()> {
    if actor.second_factor.required {
        return Err(AppError::conflict("second-factor-required-for-role").done());
    }
    check(app, actor.id, &input.code).await?;
    let now = Utc::now();
    let tx = app.store.begin().await?;
    second_factors::remove(&tx, actor.id).await?;
    end_other_sessions(&tx, actor, None, now).await?;
    crate::account::record(&tx, actor.id, "user.second_factor_disabled", now).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(())
}

/// Proves the second factor again for this session (before paying,
/// approving or changing roles): the actor as they now are.
pub async fn step_up(app: &App, actor: &Actor, input: CodeInput) -> AppResult<Actor> {
    let token = actor.token.ok_or(AppError::Unauthenticated)?;
    check(app, actor.id, &input.code).await?;
    let now = app.now();
    tokens::mark_second_factor(app.store.conn(), token, now).await?;
    let mut fresh = actor.clone();
    fresh.second_factor = SecondFactorState::of(app, &actor.roles, true, Some(now));
    Ok(fresh)
}

/// Refuses a step that needs a fresh second factor when the actor has not
/// proved one within the last few minutes (see [`SecondFactorState::fresh_at`]).
pub(crate) fn require_fresh(app: &App, actor: &Actor) -> AppResult<()> {
    actor
        .second_factor
        .fresh_at(app.now(), false)
        .map_err(|case| {
            AppError::forbidden("second-factor-fresh")
                .with("case", case)
                .done()
        })
}

/// Ends the actor's other sessions; this one counts as freshly proved at
/// `proved_at` (on the business clock), when given.
async fn end_other_sessions(
    tx: &impl grants_store::ConnectionTrait,
    actor: &Actor,
    proved_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    crate::sessions::end_others_of(tx, actor, now).await?;
    if let (Some(token), Some(at)) = (actor.token, proved_at) {
        tokens::mark_second_factor(tx, token, at).await?;
    }
    Ok(())
}
