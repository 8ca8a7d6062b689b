//! Reading the audit trail (administrators only).

use chrono::{DateTime, Utc};
use grants_domain::{AuditEventId, Role, UserId};
use grants_store::audit;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::{Actor, App, AppResult, Page, PageRequest};

/// Records that `actor` did `action` to the subject (its kind and id),
/// inside the transaction of the change it describes.
pub(crate) async fn by_actor(
    c: &impl grants_store::ConnectionTrait,
    actor: &Actor,
    action: &'static str,
    (subject_type, subject_id): (&'static str, Uuid),
    details: serde_json::Value,
    now: DateTime<Utc>,
) -> AppResult<()> {
    audit::record(
        c,
        audit::AuditEntry {
            actor: Some(actor.id),
            action,
            subject_type,
            subject_id,
            details,
        },
        now,
    )
    .await?;
    Ok(())
}

/// One recorded event.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEventView {
    /// The event's id.
    #[schema(value_type = String, format = Uuid)]
    pub id: AuditEventId,
    /// When it happened.
    pub occurred_at: DateTime<Utc>,
    /// Who did it; absent for the system.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub actor_id: Option<UserId>,
    /// What was done, e.g. `programme.updated`.
    pub action: String,
    /// The kind of object.
    pub subject_type: String,
    /// The object's id.
    pub subject_id: Uuid,
    /// Position in the object's history, from 1.
    pub seq: i64,
    /// Details of the change.
    pub details: serde_json::Value,
}

/// Narrows the trail to one object.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditFilter {
    /// The kind of object, e.g. `programme`; give with `subject_id`.
    pub subject_type: Option<String>,
    /// The object's id; give with `subject_type`.
    pub subject_id: Option<Uuid>,
}

/// The audit trail, oldest first.
pub async fn list(
    app: &App,
    actor: &Actor,
    filter: &AuditFilter,
    page: &PageRequest,
) -> AppResult<Page<AuditEventView>> {
    actor.require_any(&[Role::Admin], "read_the_audit_trail")?;
    // One object is named by its kind and its id together: half of it
    // would otherwise be ignored and the whole trail answered.
    match (&filter.subject_type, &filter.subject_id) {
        (Some(_), None) => {
            return Err(grants_domain::ValidationErrors::single(
                "subject_id",
                "required_together",
                "give subject_id with subject_type",
            )
            .into());
        }
        (None, Some(_)) => {
            return Err(grants_domain::ValidationErrors::single(
                "subject_type",
                "required_together",
                "give subject_type with subject_id",
            )
            .into());
        }
        _ => {}
    }
    let (after, fetch) = page.parse()?;
    let subject = filter.subject_type.as_deref().zip(filter.subject_id);
    let rows = audit::list(app.store.conn(), subject, after, fetch).await?;
    Ok(Page::from_rows(
        rows,
        fetch,
        |e| e.id.uuid(),
        AuditEventView::from,
    ))
}

impl From<audit::AuditEvent> for AuditEventView {
    fn from(e: audit::AuditEvent) -> Self {
        Self {
            id: e.id,
            occurred_at: e.occurred_at,
            actor_id: e.actor,
            action: e.action,
            subject_type: e.subject_type,
            subject_id: e.subject_id,
            seq: e.seq,
            details: e.details,
        }
    }
}

/// The audit trail (the same filter as [`list`]), for a download
/// (administrators): each event with who acted, by name; recorded as a
/// read on the who-read-what page.
pub async fn table(
    app: &App,
    actor: &Actor,
    filter: &AuditFilter,
) -> AppResult<crate::export::Table> {
    use crate::export::{Cell, Table};
    let mut table = Table::new(
        "audit",
        &[
            "seq",
            "occurred_at",
            "actor",
            "actor_id",
            "action",
            "subject_type",
            "subject_id",
            "details",
        ],
    );
    let mut actors = Vec::new();
    table.rows = crate::export::every_page(
        |page| async move { list(app, actor, filter, &page).await },
        |e: AuditEventView| {
            actors.push(e.actor_id);
            vec![
                Cell::count(e.seq),
                Cell::Moment(e.occurred_at),
                Cell::Empty,
                Cell::maybe(e.actor_id.map(|a| a.to_string())),
                Cell::text(e.action),
                Cell::text(e.subject_type),
                Cell::text(e.subject_id.to_string()),
                Cell::text(e.details.to_string()),
            ]
        },
    )
    .await?;
    let names = crate::users::names(app.store.conn(), actors.iter().flatten().copied()).await?;
    for (row, id) in table.rows.iter_mut().zip(&actors) {
        if let Some(name) = id.and_then(|id| names.get(&id)) {
            row[2] = Cell::text(name.clone());
        }
    }
    crate::reads::record(
        app,
        actor,
        crate::reads::ReadKind::AuditExported,
        Uuid::nil(),
    )
    .await?;
    Ok(table)
}

/// Walks every subject's hash chain (the `grants audit verify` command).
pub async fn verify(app: &App) -> AppResult<audit::Verification> {
    Ok(audit::verify(app.store.conn()).await?)
}

/// The same walk, asked for by an administrator (the admin page).
pub async fn verify_as(app: &App, actor: &Actor) -> AppResult<audit::Verification> {
    actor.require_any(&[Role::Admin], "verify_the_audit_trail")?;
    verify(app).await
}
