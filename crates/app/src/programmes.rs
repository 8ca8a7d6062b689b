//! Programmes (calls for proposals): create, edit, list, show, archive.

use chrono::{DateTime, Utc};
use grants_domain::programme::{CallStatus, ProgrammeInput, ProgrammeSpec};
use grants_domain::{ProgrammeId, Role, UserId};
use grants_store::programmes::{self as store, ProgrammeRecord};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::{Actor, App, AppError, AppResult, Page, PageRequest};

/// Who may set up programmes.
pub const MANAGERS: &[Role] = &[Role::ProgrammeManager, Role::Admin];

/// Where a programme stands for applicants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProgrammeStatus {
    /// Not yet open.
    Upcoming,
    /// Accepting proposals.
    Open,
    /// Past its deadline.
    Closed,
    /// Withdrawn from the lists by a manager.
    Archived,
}

/// A programme as shown to clients: its specification plus bookkeeping.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProgrammeView {
    /// The programme's id.
    #[schema(value_type = String, format = Uuid)]
    pub id: ProgrammeId,
    /// Where the call stands now.
    pub status: ProgrammeStatus,
    /// The specification.
    #[serde(flatten)]
    pub spec: ProgrammeSpec,
    /// When it was archived.
    pub archived_at: Option<DateTime<Utc>>,
    /// For optimistic concurrency (also the ETag).
    pub revision: i64,
    /// Who created it.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub created_by: Option<UserId>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl ProgrammeView {
    pub(crate) fn new(record: ProgrammeRecord, now: DateTime<Utc>) -> Self {
        let status = if record.archived_at.is_some() {
            ProgrammeStatus::Archived
        } else {
            match record.spec.call_status(now) {
                CallStatus::Upcoming => ProgrammeStatus::Upcoming,
                CallStatus::Open => ProgrammeStatus::Open,
                CallStatus::Closed => ProgrammeStatus::Closed,
            }
        };
        Self {
            id: record.id,
            status,
            spec: record.spec,
            archived_at: record.archived_at,
            revision: record.revision,
            created_by: record.created_by,
            created_at: record.created_at,
            updated_at: record.updated_at,
        }
    }
}

/// Changes to a programme: any fields of the specification, plus the revision being edited.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeUpdate {
    /// The revision being edited (or send it in If-Match).
    pub revision: Option<i64>,
    /// The fields to change; omitted ones stay.
    #[serde(flatten)]
    pub changes: ProgrammeInput,
}

/// Filters for listing programmes.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProgrammeFilter {
    /// Include archived programmes (default false).
    #[serde(default)]
    pub include_archived: bool,
}

/// A programme manager or administrator creates a programme.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
/// Opens the programmes' set-up pages (the list, a new programme's form)
/// to those who manage programmes; a 403 that says so otherwise.
pub fn may_set_up(actor: &Actor) -> AppResult<()> {
    actor.require_any(MANAGERS, "manage_programmes")
}

/// Opens a new programme's form to those who may create one.
pub fn may_create(actor: &Actor) -> AppResult<()> {
    actor.require_any(MANAGERS, "create_programmes")
}

/// A programme for its set-up form, to those who may edit programmes.
pub async fn for_setup(app: &App, actor: &Actor, id: ProgrammeId) -> AppResult<ProgrammeView> {
    actor.require_any(MANAGERS, "edit_programmes")?;
    get(app, actor, id).await
}

/// A programme manager or administrator creates a programme.
pub async fn create(app: &App, actor: &Actor, input: ProgrammeInput) -> AppResult<ProgrammeView> {
    actor.require_any(MANAGERS, "create_programmes")?;
    let spec = input.validate()?;
    let now = app.now();
    let tx = app.store.begin().await?;
    let record = store::insert(&tx, spec, Some(actor.id), now)
        .await
        .map_err(AppError::from_store("programme"))?;
    record_audit(
        &tx,
        actor,
        "programme.created",
        record.id,
        serde_json::json!({ "code": record.spec.code }),
        now,
    )
    .await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(programme.id = %record.id, "programme created");
    Ok(ProgrammeView::new(record, now))
}

/// Any signed-in person sees a programme: calls are public to the network.
pub async fn get(app: &App, _actor: &Actor, id: ProgrammeId) -> AppResult<ProgrammeView> {
    let record = load_programme(app.store.conn(), id).await?;
    Ok(ProgrammeView::new(record, app.now()))
}

/// Programmes, a page at a time, oldest first.
pub async fn list(
    app: &App,
    _actor: &Actor,
    filter: &ProgrammeFilter,
    page: &PageRequest,
) -> AppResult<Page<ProgrammeView>> {
    let (after, fetch) = page.parse()?;
    let rows = store::list(app.store.conn(), filter.include_archived, after, fetch).await?;
    let now = app.now();
    Ok(Page::from_rows(
        rows,
        fetch,
        |p| p.id.uuid(),
        |p| ProgrammeView::new(p, now),
    ))
}

/// Changes a programme; the whole result is validated again.
#[tracing::instrument(skip_all, fields(actor = %actor.id, programme.id = %id))]
pub async fn update(
    app: &App,
    actor: &Actor,
    id: ProgrammeId,
    update: ProgrammeUpdate,
    if_match: Option<i64>,
) -> AppResult<ProgrammeView> {
    actor.require_any(MANAGERS, "edit_programmes")?;
    let tx = app.store.begin().await?;
    let current = load_programme(&tx, id).await?;
    let revision = if_match
        .or(update.revision)
        .ok_or(AppError::RevisionRequired)?;
    if current.archived_at.is_some() {
        return Err(AppError::conflict("programme-archived-edit").done());
    }
    let changed = changed_fields(&update.changes);
    let spec = current.spec.to_input().overlay(update.changes).validate()?;
    let now = app.now();
    store::update_spec(&tx, id, revision, &spec, now)
        .await
        .map_err(AppError::from_store("programme"))?;
    record_audit(
        &tx,
        actor,
        "programme.updated",
        id,
        serde_json::json!({ "fields": changed }),
        now,
    )
    .await?;
    let record = load_programme(&tx, id).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(ProgrammeView::new(record, now))
}

/// Archives a programme (hides it from default lists) or restores it.
#[tracing::instrument(skip_all, fields(actor = %actor.id, programme.id = %id))]
pub async fn set_archived(
    app: &App,
    actor: &Actor,
    id: ProgrammeId,
    archived: bool,
    if_match: Option<i64>,
) -> AppResult<ProgrammeView> {
    actor.require_any(MANAGERS, "archive_programmes")?;
    let tx = app.store.begin().await?;
    let current = load_programme(&tx, id).await?;
    if current.archived_at.is_some() == archived {
        // Already as asked: repeating the request changes nothing.
        return Ok(ProgrammeView::new(current, app.now()));
    }
    let revision = if_match.unwrap_or(current.revision);
    let now = app.now();
    store::set_archived(&tx, id, revision, archived.then_some(now), now)
        .await
        .map_err(AppError::from_store("programme"))?;
    let action = if archived {
        "programme.archived"
    } else {
        "programme.restored"
    };
    record_audit(&tx, actor, action, id, serde_json::Value::Null, now).await?;
    let record = load_programme(&tx, id).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(ProgrammeView::new(record, now))
}

async fn record_audit(
    c: &impl grants_store::ConnectionTrait,
    actor: &Actor,
    action: &'static str,
    id: ProgrammeId,
    details: serde_json::Value,
    now: DateTime<Utc>,
) -> AppResult<()> {
    crate::audit::by_actor(c, actor, action, ("programme", id.uuid()), details, now).await
}

/// The names of the fields an update sets, for the audit trail.
fn changed_fields(input: &ProgrammeInput) -> Vec<String> {
    match serde_json::to_value(input) {
        Ok(serde_json::Value::Object(map)) => map
            .into_iter()
            .filter(|(_, v)| !v.is_null())
            .map(|(k, _)| k)
            .collect(),
        _ => Vec::new(),
    }
}

/// The programme, or a 404.
pub(crate) async fn load_programme(
    c: &impl grants_store::ConnectionTrait,
    id: ProgrammeId,
) -> AppResult<grants_store::programmes::ProgrammeRecord> {
    grants_store::programmes::find(c, id)
        .await?
        .ok_or(AppError::NotFound("programme"))
}
