//! A person's sessions (signed-in browsers and API tokens): seeing them,
//! ending any or all but the current one, and an administrator ending all
//! of someone's.

use chrono::{DateTime, Utc};
use grants_domain::{Role, TokenId, UserId};
use grants_store::ConnectionTrait;
use grants_store::audit::{self, AuditEntry};
use grants_store::tokens::{self, SessionRecord};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::{Actor, App, AppError, AppResult};

/// What holds a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    /// A browser signed in on the sign-in page.
    Browser,
    /// A bearer token from `POST /auth/token`.
    Api,
}

impl SessionKind {
    /// Its stored name.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SessionKind::Browser => "browser",
            SessionKind::Api => "api",
        }
    }

    fn of_stored(kind: &str) -> SessionKind {
        if kind == "browser" {
            SessionKind::Browser
        } else {
            SessionKind::Api
        }
    }
}

/// One session that still works, as its holder sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SessionView {
    /// The session's id (end it with `DELETE /me/sessions/{id}`).
    pub id: Uuid,
    /// A browser or an API client.
    pub kind: SessionKind,
    /// True for the session this request came with.
    pub current: bool,
    /// When it was signed in.
    pub created_at: DateTime<Utc>,
    /// When it was last used (to the minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it stops working by itself.
    pub expires_at: DateTime<Utc>,
    /// The address it was signed in from.
    pub client_address: Option<String>,
    /// The browser and system it was signed in with, when they are known:
    /// `Chrome 131 · Linux`.
    pub device: Option<String>,
    /// The program's own name for itself, as it sent it.
    pub user_agent: Option<String>,
}

/// How many sessions were ended.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct EndedSessions {
    /// Sessions ended.
    pub ended: u64,
}

/// How long a use of a session goes unrecorded after the last recorded
/// one: the list shows minutes, and a write on every request would cost
/// every request.
pub(crate) const LAST_USED_GRAIN: chrono::Duration = chrono::Duration::minutes(1);

/// Your sessions that still work: the current one, then the most
/// recently used first.
pub async fn list(app: &App, actor: &Actor) -> AppResult<Vec<SessionView>> {
    let sessions = tokens::sessions_of(app.store.conn(), actor.id, Utc::now()).await?;
    let mut views: Vec<SessionView> = sessions.into_iter().map(|s| view(s, actor.token)).collect();
    // The one in hand first; the others as the store ordered them.
    views.sort_by_key(|v| !v.current);
    Ok(views)
}

/// Ends one of your sessions (the current one too: that is signing out).
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn end(app: &App, actor: &Actor, id: TokenId) -> AppResult<()> {
    if tokens::revoke_own(app.store.conn(), actor.id, id, Utc::now()).await? {
        Ok(())
    } else {
        Err(AppError::NotFound("session"))
    }
}

/// Ends every session of yours but the one this request came with.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn end_others(app: &App, actor: &Actor) -> AppResult<EndedSessions> {
    let ended = end_others_of(app.store.conn(), actor, Utc::now()).await?;
    Ok(EndedSessions { ended })
}

/// Ends every session of the actor's but the one they came with (all of
/// them for an actor without one), in `c`: how many. Ending a session
/// itself, changing the password and turning two-step sign-in on or off
/// all do it.
pub(crate) async fn end_others_of(
    c: &impl ConnectionTrait,
    actor: &Actor,
    now: DateTime<Utc>,
) -> AppResult<u64> {
    Ok(match actor.token {
        Some(current) => tokens::revoke_others(c, actor.id, current, now).await?,
        None => tokens::revoke_all_for_user(c, actor.id, now).await?,
    })
}

/// Ends every session of `user` (a lost laptop, a person leaving):
/// administrators only, recorded in the audit log.
#[tracing::instrument(skip_all, fields(actor = %actor.id, user.id = %user))]
pub async fn end_for_user(app: &App, actor: &Actor, user: UserId) -> AppResult<EndedSessions> {
    if !actor.has(Role::Admin) {
        return Err(AppError::forbidden("admin-only-sessions").done());
    }
    let now = Utc::now();
    let tx = app.store.begin().await?;
    grants_store::users::find(&tx, user)
        .await?
        .ok_or(AppError::NotFound("user"))?;
    let ended = tokens::revoke_all_for_user(&tx, user, now).await?;
    audit::record(
        &tx,
        AuditEntry {
            actor: Some(actor.id),
            action: "user.sessions_ended",
            subject_type: "user",
            subject_id: user.uuid(),
            details: serde_json::json!({ "ended": ended }),
        },
        now,
    )
    .await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(EndedSessions { ended })
}

fn view(s: SessionRecord, current: Option<TokenId>) -> SessionView {
    SessionView {
        id: s.id.uuid(),
        kind: SessionKind::of_stored(&s.kind),
        current: current == Some(s.id),
        created_at: s.created_at,
        last_used_at: s.last_used_at,
        expires_at: s.expires_at,
        client_address: s.client_address,
        device: s.user_agent.as_deref().and_then(device),
        user_agent: s.user_agent,
    }
}

/// `Firefox 133 · Linux` from a `User-Agent`, or nothing when neither the
/// browser nor the system is known.
fn device(agent: &str) -> Option<String> {
    const UNKNOWN: &str = "UNKNOWN";
    let parsed = woothee::parser::Parser::new().parse(agent)?;
    let browser = (parsed.name != UNKNOWN).then(|| {
        let major = parsed.version.split('.').next().unwrap_or_default();
        if major.is_empty() || major == UNKNOWN {
            parsed.name.to_owned()
        } else {
            format!("{} {major}", parsed.name)
        }
    });
    let system = (parsed.os != UNKNOWN).then(|| parsed.os.to_owned());
    match (browser, system) {
        (Some(b), Some(s)) => Some(format!("{b} · {s}")),
        (Some(one), None) | (None, Some(one)) => Some(one),
        (None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_is_its_browser_major_version_and_system() {
        let chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.85 Safari/537.36";
        assert_eq!(device(chrome).as_deref(), Some("Chrome 131 · Linux"));
        let firefox =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(device(firefox).as_deref(), Some("Firefox 133 · Windows 10"));
        assert_eq!(device("a program of its own"), None);
    }
}
