//! Reads of what is sensitive, recorded and shown to administrators: the
//! files of attachments, the reviews of a proposal, the exports of a
//! programme's ledger, payments and ranking, and of the accounts and the
//! audit trail. The same person reading the
//! same thing again within minutes is one read.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use grants_domain::{Role, UserId};
use grants_store::reads::{self, SensitiveRead};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::{Actor, App, AppResult, Page, PageRequest};

/// What was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadKind {
    /// An attachment's file was downloaded.
    AttachmentDownloaded,
    /// The reviews of a proposal were read by someone else than their authors.
    ReviewsRead,
    /// A programme's ledger was exported.
    LedgerExported,
    /// A programme's payments were exported.
    PaymentsExported,
    /// A programme's ranking, with its scores, was exported.
    RankingExported,
    /// Every account, with addresses, was exported.
    UsersExported,
    /// The audit trail was exported.
    AuditExported,
}

impl ReadKind {
    fn action(self) -> &'static str {
        match self {
            ReadKind::AttachmentDownloaded => "attachment.downloaded",
            ReadKind::ReviewsRead => "reviews.read",
            ReadKind::LedgerExported => "ledger.exported",
            ReadKind::PaymentsExported => "payments.exported",
            ReadKind::RankingExported => "ranking.exported",
            ReadKind::UsersExported => "users.exported",
            ReadKind::AuditExported => "audit.exported",
        }
    }

    fn subject_type(self) -> &'static str {
        match self {
            ReadKind::AttachmentDownloaded => "attachment",
            ReadKind::ReviewsRead => "proposal",
            ReadKind::LedgerExported | ReadKind::PaymentsExported | ReadKind::RankingExported => {
                "programme"
            }
            // The whole service: its subject is the nil id.
            ReadKind::UsersExported | ReadKind::AuditExported => "service",
        }
    }
}

/// How long the same read by the same person counts as one.
const SAME_READ: chrono::Duration = chrono::Duration::minutes(10);

/// Records that `actor` read `subject` as `kind` says.
pub(crate) async fn record(
    app: &App,
    actor: &Actor,
    kind: ReadKind,
    subject: impl Into<Uuid>,
) -> AppResult<()> {
    // On the business clock, which tests move on.
    let now = app.now();
    reads::record(
        app.store.conn(),
        actor.id,
        kind.action(),
        (kind.subject_type(), subject.into()),
        now,
        now - SAME_READ,
    )
    .await?;
    Ok(())
}

/// One read of something sensitive.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SensitiveReadView {
    /// The read's id.
    pub id: Uuid,
    /// When.
    pub occurred_at: DateTime<Utc>,
    /// Who read.
    #[schema(value_type = String, format = Uuid)]
    pub actor_id: UserId,
    /// Their name.
    pub actor_name: String,
    /// Their address.
    pub actor_email: String,
    /// What kind of read: `attachment.downloaded`, `reviews.read`,
    /// `ledger.exported`, `payments.exported`, `ranking.exported`,
    /// `users.exported` or `audit.exported`.
    pub action: String,
    /// The kind of object read: `attachment`, `proposal`, `programme`, or
    /// `service` for the whole service's accounts or audit trail.
    pub subject_type: String,
    /// The object read.
    pub subject_id: Uuid,
    /// What the object is called: a file's name, a proposal's title, a
    /// programme's code; absent once it is gone.
    pub subject_name: Option<String>,
}

/// Narrows the reads to one person's.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReadFilter {
    /// Only this person's reads.
    pub actor_id: Option<Uuid>,
}

/// Who read what, oldest first (administrators).
pub async fn list(
    app: &App,
    actor: &Actor,
    filter: &ReadFilter,
    page: &PageRequest,
) -> AppResult<Page<SensitiveReadView>> {
    actor.require_any(&[Role::Admin], "read_the_audit_trail")?;
    let (after, fetch) = page.parse::<Uuid>()?;
    let c = app.store.conn();
    let rows = reads::list(c, filter.actor_id.map(UserId::from), after, fetch).await?;
    let known = Known::of(app, &rows).await?;
    Ok(Page::from_rows(rows, fetch, |r| r.id, |r| known.view(r)))
}

/// The latest `limit` reads, newest first (administrators).
pub async fn latest(app: &App, actor: &Actor, limit: u64) -> AppResult<Vec<SensitiveReadView>> {
    actor.require_any(&[Role::Admin], "read_the_audit_trail")?;
    let rows = reads::latest(app.store.conn(), limit).await?;
    let known = Known::of(app, &rows).await?;
    Ok(rows.into_iter().map(|r| known.view(r)).collect())
}

/// Who the readers of some reads are, and what they read is called.
struct Known {
    /// Each reader's name and address.
    readers: HashMap<UserId, (String, String)>,
    /// Each object's name.
    subjects: HashMap<Uuid, String>,
}

impl Known {
    async fn of(app: &App, rows: &[SensitiveRead]) -> AppResult<Known> {
        let c = app.store.conn();
        let ids: Vec<UserId> = rows.iter().map(|r| r.actor).collect();
        let readers = grants_store::users::find_people(c, &ids, &[])
            .await?
            .into_iter()
            .map(|u| (u.id, (u.name.to_string(), u.email.to_string())))
            .collect();
        let mut subjects = HashMap::new();
        for r in rows {
            if subjects.contains_key(&r.subject_id) {
                continue;
            }
            let id = r.subject_id;
            let name = match r.subject_type.as_str() {
                "attachment" => grants_store::attachments::find(c, id.into())
                    .await?
                    .map(|a| a.file_name.to_string()),
                "proposal" => grants_store::proposals::find(c, id.into())
                    .await?
                    .and_then(|p| p.content.title),
                "programme" => grants_store::programmes::find(c, id.into())
                    .await?
                    .map(|p| p.spec.code),
                _ => None,
            };
            if let Some(name) = name {
                subjects.insert(id, name);
            }
        }
        Ok(Known { readers, subjects })
    }

    fn view(&self, r: SensitiveRead) -> SensitiveReadView {
        let (actor_name, actor_email) = self.readers.get(&r.actor).cloned().unwrap_or_default();
        SensitiveReadView {
            id: r.id,
            occurred_at: r.occurred_at,
            actor_id: r.actor,
            actor_name,
            actor_email,
            action: r.action,
            subject_type: r.subject_type,
            subject_name: self.subjects.get(&r.subject_id).cloned(),
            subject_id: r.subject_id,
        }
    }
}
