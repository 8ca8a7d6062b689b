//! Signing in with an organisation's account: OpenID Connect's
//! authorisation code flow with PKCE, against each provider the config
//! names. The provider's metadata and keys are read from its discovery
//! document at every sign-in (a rotated key is never stale); the ID token
//! is checked for signature, issuer, audience, expiry and nonce.
//!
//! The first sign-in of a provider's person links them to an account only
//! where the provider vouches for the address (`email_verified`): to the
//! account holding it, or to a new applicant's. Afterwards the link (the
//! issuer and subject) finds them, whatever their address becomes.

use grants_domain::identity::{AccountMatch, match_account};
use grants_domain::{Email, Locale, PersonName, Role, RoleGrant, UserId};
use grants_store::audit::{self, AuditEntry};
use grants_store::users::{self as user_store, NewUser, Profile, UserRecord};
use grants_store::{StoreError, identities};
use openidconnect::core::{CoreClient, CoreProviderMetadata, CoreResponseType};
use openidconnect::{
    AccessTokenHash, AuthenticationFlow, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::{Client, SignIn};
use crate::{App, AppError, AppResult};

/// One provider people may sign in with, as configured.
#[derive(Debug, Clone)]
pub struct Provider {
    /// Its name in addresses (`/app/login/oidc/{name}`).
    pub name: String,
    /// What its button says: the organisation's name for its accounts.
    pub label: String,
    /// Its issuer URL, where its discovery document is.
    pub issuer: String,
    /// This service's client id there.
    pub client_id: String,
    /// This service's client secret there.
    pub client_secret: SecretString,
}

/// The providers, and the HTTP client that talks to them.
#[derive(Debug, Clone, Default)]
pub struct Providers {
    list: Vec<Provider>,
    http: Http,
}

impl Providers {
    /// The configured providers. The client follows no redirects (a
    /// provider's answer is taken as it comes) and gives up after ten seconds.
    pub fn new(list: Vec<Provider>) -> Result<Providers, reqwest::Error> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(10))
            .build()?;
        Ok(Providers {
            list,
            http: Http(http),
        })
    }

    fn find(&self, name: &str) -> AppResult<&Provider> {
        self.list
            .iter()
            .find(|p| p.name == name)
            .ok_or(AppError::NotFound("provider"))
    }
}

/// Our HTTP client, as the OpenID library sends its requests.
#[derive(Debug, Clone, Default)]
struct Http(reqwest::Client);

impl<'c> openidconnect::AsyncHttpClient<'c> for Http {
    type Error = ProviderError;
    type Future = std::pin::Pin<
        Box<
            dyn std::future::Future<Output = Result<openidconnect::HttpResponse, ProviderError>>
                + Send
                + Sync
                + 'c,
        >,
    >;

    fn call(&'c self, request: openidconnect::HttpRequest) -> Self::Future {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let response = self
                .0
                .request(parts.method, parts.uri.to_string())
                .headers(parts.headers)
                .body(body)
                .send()
                .await?;
            let mut answer = http::Response::builder().status(response.status());
            if let Some(headers) = answer.headers_mut() {
                *headers = response.headers().clone();
            }
            let body = response.bytes().await?.to_vec();
            answer.body(body).map_err(ProviderError::Http)
        })
    }
}

/// Why talking to a provider failed.
#[derive(Debug, thiserror::Error)]
enum ProviderError {
    #[error(transparent)]
    Network(#[from] reqwest::Error),
    #[error(transparent)]
    Http(http::Error),
}

/// A provider as the sign-in page shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProviderView {
    /// Its name in addresses.
    pub name: String,
    /// What its button says.
    pub label: String,
}

/// The providers people may sign in with.
pub fn providers(app: &App) -> Vec<ProviderView> {
    app.sign_in_providers
        .list
        .iter()
        .map(|p| ProviderView {
            name: p.name.clone(),
            label: p.label.clone(),
        })
        .collect()
}

/// A sign-in sent to its provider: where to send the browser, and what
/// the browser keeps until it comes back (state, nonce and PKCE verifier,
/// for [`finish`]).
#[derive(Debug)]
pub struct Started {
    /// The provider's authorisation address, with this sign-in's request.
    pub authorize_url: String,
    /// Kept by the browser (an HTTP-only cookie) until it comes back.
    pub pending: String,
}

/// Where the provider sends the browser back to.
fn redirect_url(app: &App, provider: &Provider) -> AppResult<RedirectUrl> {
    let url = format!(
        "{}/app/login/oidc/{}/callback",
        app.public_url().trim_end_matches('/'),
        provider.name
    );
    RedirectUrl::new(url).map_err(|e| AppError::Internal(Box::new(e)))
}

/// Refuses a sign-in that went wrong at or with the provider (logged with
/// the reason; the person is told to try again or use their password).
fn failed(provider: &Provider, why: impl std::fmt::Display) -> AppError {
    tracing::warn!(provider = %provider.name, reason = %why, "sign-in with a provider failed");
    AppError::forbidden("sign-in-provider-failed").done()
}

/// This service's client at `provider`, as its discovery document
/// describes the provider now.
type Discovered = CoreClient<
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Reads `provider`'s discovery document and keys (at every sign-in: a
/// rotated key is never stale): this service's client there.
async fn discovered(app: &App, provider: &Provider) -> AppResult<Discovered> {
    let issuer = IssuerUrl::new(provider.issuer.clone()).map_err(|e| failed(provider, e))?;
    let metadata = CoreProviderMetadata::discover_async(issuer, &app.sign_in_providers.http)
        .await
        .map_err(|e| failed(provider, e))?;
    Ok(CoreClient::from_provider_metadata(
        metadata,
        ClientId::new(provider.client_id.clone()),
        Some(ClientSecret::new(
            provider.client_secret.expose_secret().to_owned(),
        )),
    )
    .set_redirect_uri(redirect_url(app, provider)?))
}

/// Starts signing in with provider `name`.
#[tracing::instrument(skip_all, fields(provider = %name))]
pub async fn start(app: &App, name: &str) -> AppResult<Started> {
    let provider = app.sign_in_providers.find(name)?;
    let client = discovered(app, provider).await?;
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(
            AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
            CsrfToken::new_random,
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".to_owned()))
        .add_scope(Scope::new("profile".to_owned()))
        .set_pkce_challenge(challenge)
        .url();
    Ok(Started {
        authorize_url: url.to_string(),
        // All three are URL-safe base64: a dot never occurs in them.
        pending: format!(
            "{}.{}.{}",
            state.secret(),
            nonce.secret(),
            verifier.secret()
        ),
    })
}

/// What the provider sent the browser back with.
#[derive(Debug)]
pub struct Callback {
    /// The authorisation code.
    pub code: String,
    /// The state, to match the one the browser kept.
    pub state: String,
    /// What the browser kept from [`start`].
    pub pending: String,
    /// The page's language, for a new applicant's account.
    pub locale: Locale,
}

/// Finishes signing in with provider `name`: exchanges the code, checks
/// the ID token, finds or links (or creates) the account, and signs in as
/// a password would (a person with a second factor still gives a code).
#[tracing::instrument(skip_all, fields(provider = %name))]
pub async fn finish(app: &App, name: &str, back: Callback, client: Client) -> AppResult<SignIn> {
    let providers = &app.sign_in_providers;
    let provider = providers.find(name)?;
    let mut kept = back.pending.splitn(3, '.');
    let (Some(state), Some(nonce), Some(verifier)) = (kept.next(), kept.next(), kept.next()) else {
        return Err(failed(provider, "the browser kept no sign-in"));
    };
    // The state this browser was sent off with: no other site's code.
    if state.is_empty() || state != back.state {
        return Err(failed(provider, "the state does not match"));
    }
    let oidc = discovered(app, provider).await?;
    let tokens = oidc
        .exchange_code(AuthorizationCode::new(back.code))
        .map_err(|e| failed(provider, e))?
        .set_pkce_verifier(PkceCodeVerifier::new(verifier.to_owned()))
        .request_async(&providers.http)
        .await
        .map_err(|e| failed(provider, e))?;
    let id_token = tokens
        .id_token()
        .ok_or_else(|| failed(provider, "no ID token"))?;
    let verifier = oidc.id_token_verifier();
    let claims = id_token
        .claims(&verifier, &Nonce::new(nonce.to_owned()))
        .map_err(|e| failed(provider, e))?;
    if let Some(expected) = claims.access_token_hash() {
        let algorithm = id_token.signing_alg().map_err(|e| failed(provider, e))?;
        let key = id_token
            .signing_key(&verifier)
            .map_err(|e| failed(provider, e))?;
        let actual = AccessTokenHash::from_token(tokens.access_token(), algorithm, key)
            .map_err(|e| failed(provider, e))?;
        if actual != *expected {
            return Err(failed(provider, "the access token hash does not match"));
        }
    }
    let person = Person {
        issuer: claims.issuer().as_str().to_owned(),
        subject: claims.subject().as_str().to_owned(),
        email: claims.email().map(|e| e.as_str().to_owned()),
        email_verified: claims.email_verified().unwrap_or(false),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().to_owned()),
    };
    let user = account_of(app, provider, &person, back.locale).await?;
    crate::auth::sign_in_as(app, &user, &client).await
}

/// Who the provider says signed in.
struct Person {
    issuer: String,
    subject: String,
    email: Option<String>,
    email_verified: bool,
    name: Option<String>,
}

/// The active account of the provider's person: linked before, or linked
/// (or created) now by the address the provider vouches for.
async fn account_of(
    app: &App,
    provider: &Provider,
    person: &Person,
    locale: Locale,
) -> AppResult<UserRecord> {
    let now = app.now();
    let tx = app.store.begin().await?;
    let linked = identities::find(&tx, &person.issuer, &person.subject, now).await?;
    let email = person.email.as_deref().and_then(|e| Email::parse(e).ok());
    let by_email = match &email {
        Some(email) => user_store::find_by_email(&tx, &email.normalized())
            .await?
            .map(|u| u.id),
        None => None,
    };
    let verified = person.email_verified && email.is_some();
    let user_id = match (match_account(linked, by_email, verified), email) {
        (AccountMatch::Linked(user), _) => user,
        (AccountMatch::LinkByEmail(user), _) => {
            link(&tx, provider, person, user, now).await?;
            user
        }
        (AccountMatch::CreateApplicant, Some(email)) => {
            let user = create_applicant(&tx, person, email, locale, now).await?;
            link(&tx, provider, person, user, now).await?;
            user
        }
        (AccountMatch::CreateApplicant | AccountMatch::EmailUnverified, _) => {
            tracing::warn!(provider = %provider.name, "a provider did not vouch for the address it gave");
            return Err(AppError::forbidden("sign-in-email-unverified").done());
        }
    };
    let user = user_store::find(&tx, user_id)
        .await?
        .filter(|u| u.active)
        .ok_or_else(|| AppError::forbidden("sign-in-account-inactive").done())?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(user)
}

/// A link or an account that another first sign-in of the same person
/// made at the same moment: this one fails, theirs stands.
fn taken_meanwhile(e: StoreError) -> AppError {
    match e {
        StoreError::Duplicate { .. } => AppError::forbidden("sign-in-provider-failed").done(),
        other => other.into(),
    }
}

/// Links the provider's person to `user`, on the audit trail (which names
/// the provider, never the person).
async fn link(
    c: &impl grants_store::ConnectionTrait,
    provider: &Provider,
    person: &Person,
    user: UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<()> {
    identities::link(c, &person.issuer, &person.subject, user, now)
        .await
        // Two first sign-ins at once: the other one linked it.
        .map_err(taken_meanwhile)?;
    audit::record(
        c,
        AuditEntry {
            actor: Some(user),
            action: "user.sign_in_provider_linked",
            subject_type: "user",
            subject_id: user.uuid(),
            details: serde_json::json!({ "provider": provider.name }),
        },
        now,
    )
    .await?;
    Ok(())
}

/// A new applicant's account for the provider's person: their name (or
/// their address's local part), the address the provider verified, no
/// password (they sign in with the provider, or set one by a reset link).
async fn create_applicant(
    c: &impl grants_store::ConnectionTrait,
    person: &Person,
    email: Email,
    locale: Locale,
    now: chrono::DateTime<chrono::Utc>,
) -> AppResult<UserId> {
    let fallback = email.as_str().split('@').next().unwrap_or("applicant");
    let name = person
        .name
        .as_deref()
        .and_then(|n| PersonName::parse(n).ok())
        .or_else(|| PersonName::parse(fallback).ok())
        .ok_or_else(|| AppError::forbidden("sign-in-provider-failed").done())?;
    let user = user_store::insert(
        c,
        NewUser {
            email,
            // Not a password hash: no password matches it.
            password_hash: "none".to_owned(),
            profile: Profile {
                name,
                locale,
                country: None,
                organisation: None,
                expertise_tags: Vec::new(),
            },
            roles: vec![
                RoleGrant::new(Role::Applicant, None)
                    .map_err(|e| AppError::Internal(Box::new(e)))?,
            ],
        },
        now,
    )
    .await
    .map_err(taken_meanwhile)?;
    user_store::mark_verified(c, user.id, now).await?;
    audit::record(
        c,
        AuditEntry {
            actor: Some(user.id),
            action: "user.created",
            subject_type: "user",
            subject_id: user.id.uuid(),
            details: serde_json::json!({ "roles": ["applicant"], "by": "sign_in_provider" }),
        },
        now,
    )
    .await?;
    Ok(user.id)
}
