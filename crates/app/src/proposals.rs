//! Proposals: drafting, the workflow that moves them, and who sees what.
//!
//! Visibility: the owner sees their proposals in every state; once a
//! proposal leaves its draft, programme managers and administrators see it,
//! and so do the ambassadors whose area covers its country (or region).
//! Reviewers see what the jury rules allow ([`crate::jury`]): proposals open
//! for bids or assigned to them, never one they are conflicted on, and never
//! the applicant's list of conflicts; in a blind programme not the
//! applicant's identity or organisation either. The jury chair sees every
//! proposal past its draft. Everyone else gets a 404, as if it did not exist.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use grants_domain::programme::ProgrammeSpec;
use grants_domain::proposal::{self, ProposalContent, ProposalInput};
use grants_domain::{Money, ProgrammeId, ProposalId, Role, UserId, ValidationErrors};
use grants_notify::{Envelope, Letter, Notification};
use grants_store::ConnectionTrait;
use grants_store::audit::{self, AuditEntry};
use grants_store::programmes::{self as programme_store, ProgrammeRecord};
use grants_store::proposals::{
    self as store, NewProposal, ProposalFilter, ProposalRecord, Visibility,
};
use grants_store::timers::{self, DueTimer, PendingTimer};
use grants_store::users::{self as user_store, UserRecord};
use grants_workflow::{ActorFacts, Definition, Effect, GuardCheck, Plan, ReasonKind, Refusal};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::audit::AuditEventView;
use crate::programmes::load_programme;
use crate::{Actor, App, AppError, AppResult, Page, PageRequest};

/// The workflow proposals follow.
pub const WORKFLOW: &str = "proposal";
/// The audit trail's name for proposals.
const SUBJECT: &str = "proposal";

/// A new draft: the programme, and whatever the applicant has written so far.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateProposalInput {
    /// The programme (call) applied to.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: Uuid,
    /// The proposal's fields; all optional in a draft.
    #[serde(flatten)]
    pub content: ProposalInput,
}

/// Changes to a draft: any fields, plus the revision being edited.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateProposalInput {
    /// The revision being edited (or send it in If-Match).
    pub revision: Option<i64>,
    /// The fields to change; omitted ones stay.
    #[serde(flatten)]
    pub changes: ProposalInput,
}

/// Taking a transition.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionInput {
    /// Why: required by some transitions (requesting changes, ineligibility).
    pub comment: Option<String>,
    /// The revision the decision was based on (or send it in If-Match).
    pub revision: Option<i64>,
    /// For transitions that start a deadline (requesting changes): when it
    /// passes, instead of the workflow's default.
    pub deadline: Option<DateTime<Utc>>,
}

/// A running deadline.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DeadlineView {
    /// Its kind, e.g. `changes_due`.
    pub kind: String,
    /// What happens when it passes.
    pub transition: String,
    /// When.
    pub due_at: DateTime<Utc>,
}

/// A proposal as shown to those who may see it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProposalView {
    /// The proposal's id.
    #[schema(value_type = String, format = Uuid)]
    pub id: ProposalId,
    /// The programme applied to.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// The applicant; hidden from reviewers in a blind programme.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub owner_id: Option<UserId>,
    /// Its workflow state.
    pub state: String,
    /// The state's label.
    pub state_label: String,
    /// The workflow and the version it is pinned to.
    pub workflow: String,
    /// The pinned version.
    pub workflow_version: u32,
    /// For optimistic concurrency (also the ETag).
    pub revision: i64,
    /// What the applicant wrote.
    #[serde(flatten)]
    pub content: ProposalContent,
    /// Running deadlines.
    pub deadlines: Vec<DeadlineView>,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When it was last submitted.
    pub submitted_at: Option<DateTime<Utc>>,
}

/// Why a transition is blocked.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BlockedReasonView {
    /// `wrong_state`, `not_permitted`, `guard` or `unknown_transition`.
    pub kind: &'static str,
    /// The guard that failed.
    pub guard: Option<String>,
    /// What to tell the person, in English.
    pub message: String,
    /// The facts in the message, by name, to say it in another language:
    /// `workflow`, `transition`, and for a wrong state `step`, `state` and
    /// `state_label`, for a refused caller `step` and `allowed`; a guard its
    /// own, e.g. `case` (which refusal), `closes_at` (RFC 3339, local to the
    /// programme) and `time_zone`, `min` and `max`, `missing` (joined by ", ").
    pub args: BTreeMap<String, String>,
}

impl TransitionView {
    /// The engine's options as the caller sees them.
    pub(crate) fn list(options: Vec<grants_workflow::TransitionOption>) -> Vec<TransitionView> {
        options
            .into_iter()
            .map(|o| TransitionView {
                name: o.name,
                label: o.label,
                to: o.to,
                allowed: o.allowed,
                blocked_by: o.blocked_by.iter().map(BlockedReasonView::from).collect(),
            })
            .collect()
    }
}

impl From<&grants_workflow::Reason> for BlockedReasonView {
    fn from(r: &grants_workflow::Reason) -> Self {
        Self {
            kind: match r.kind {
                ReasonKind::UnknownTransition => "unknown_transition",
                ReasonKind::WrongState => "wrong_state",
                ReasonKind::NotPermitted => "not_permitted",
                ReasonKind::Guard => "guard",
            },
            guard: r.guard.clone(),
            message: r.message.clone(),
            args: r.args.clone(),
        }
    }
}

/// A transition from the proposal's current state, as offered to the caller.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TransitionView {
    /// The transition's name, for `POST …/transitions/{name}`.
    pub name: String,
    /// What the button says.
    pub label: String,
    /// The state it leads to.
    pub to: String,
    /// Whether the caller may take it now.
    pub allowed: bool,
    /// Why not.
    pub blocked_by: Vec<BlockedReasonView>,
}

/// Filters for listing proposals.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProposalListFilter {
    /// Only this programme.
    pub programme_id: Option<Uuid>,
    /// Only this state.
    pub state: Option<String>,
    /// Only this country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
}

/// Roles that see every proposal once it leaves its draft.
const OVERSEERS: &[Role] = &[Role::ProgrammeManager, Role::JuryChair, Role::Admin];

fn covers(actor: &Actor, content: &ProposalContent) -> bool {
    actor.roles.iter().any(|g| {
        g.role() == Role::Ambassador
            && g.area()
                .is_some_and(|a| a.covers(content.country, content.region.as_ref()))
    })
}

fn can_see(actor: &Actor, p: &ProposalRecord) -> bool {
    actor.id == p.owner_id
        || (p.state != store::DRAFT && (actor.has_any(OVERSEERS) || covers(actor, &p.content)))
}

/// The roles and relations the actor holds for this proposal.
fn facts(actor: &Actor, p: &ProposalRecord) -> ActorFacts {
    let mut names: Vec<String> = actor
        .roles
        .iter()
        .map(|g| g.role().as_str().to_owned())
        .collect();
    if actor.id == p.owner_id {
        names.push("owner".into());
    }
    if covers(actor, &p.content) {
        names.push(COUNTRY_AMBASSADOR.into());
    }
    ActorFacts::new(names)
}

/// The proposal guards, over a snapshot of the proposal and its programme.
struct Guards<'a> {
    programme: &'a ProgrammeSpec,
    content: &'a ProposalContent,
    comment: Option<&'a str>,
    /// True only on the decision path, which records the letter and any grant.
    decision: bool,
    now: DateTime<Utc>,
}

impl GuardCheck for Guards<'_> {
    fn check(&self, guard: &str) -> Result<(), Refusal> {
        match guard {
            "call_open" => proposal::call_open(self.programme, self.now),
            "form_complete" => proposal::form_complete(self.content),
            "country_eligible" => proposal::country_eligible(self.content, self.programme),
            "amount_within_limits" => proposal::amount_within_limits(self.content, self.programme),
            "comment_given" => proposal::comment_given(self.comment),
            "decision_recorded" => {
                if self.decision {
                    Ok(())
                } else {
                    Err(
                        "a funding decision is recorded with its letter (and, to fund, the award) \
                         through the proposal's decision form"
                            .into(),
                    )
                }
            }
            other => Err(format!("the guard '{other}' is not implemented").into()),
        }
    }
}

/// The proposal, if the actor may see it; a 404 otherwise.
pub(crate) async fn load_visible(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: ProposalId,
) -> AppResult<ProposalRecord> {
    let record = store::find(c, id)
        .await?
        .ok_or(AppError::NotFound("proposal"))?;
    ensure_visible(c, actor, record).await
}

/// The proposal and its programme (read together, as every step needs
/// both), if the actor may see the proposal; a 404 otherwise.
async fn load_visible_with_programme(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: ProposalId,
) -> AppResult<(ProposalRecord, ProgrammeRecord)> {
    let (record, programme) = store::find_with_programme(c, id)
        .await?
        .ok_or(AppError::NotFound("proposal"))?;
    Ok((ensure_visible(c, actor, record).await?, programme))
}

async fn ensure_visible(
    c: &impl ConnectionTrait,
    actor: &Actor,
    record: ProposalRecord,
) -> AppResult<ProposalRecord> {
    if can_see(actor, &record) || crate::jury::reviewer_may_see(c, actor, &record).await? {
        Ok(record)
    } else {
        Err(AppError::NotFound("proposal"))
    }
}

/// The definition the proposal is pinned to.
async fn definition(app: &App, p: &ProposalRecord) -> AppResult<std::sync::Arc<Definition>> {
    app.workflows
        .load(&app.store, &p.workflow, p.workflow_version)
        .await
}

/// What a reader who sees the proposal only as a reviewer may not read.
async fn redact_for_reviewer(
    c: &impl ConnectionTrait,
    actor: &Actor,
    view: &mut ProposalView,
    blind: &mut HashMap<ProgrammeId, bool>,
) -> AppResult<()> {
    let record_owner = view.owner_id;
    if record_owner == Some(actor.id) || actor.has_any(OVERSEERS) || covers(actor, &view.content) {
        return Ok(());
    }
    view.content.conflicts_of_interest.clear();
    // Whether the programme reviews blind, read once per programme on a page.
    let blind = match blind.entry(view.programme_id) {
        Entry::Occupied(known) => *known.get(),
        Entry::Vacant(slot) => *slot.insert(
            programme_store::find(c, view.programme_id)
                .await?
                .is_none_or(|p| p.spec.review.blind),
        ),
    };
    if blind {
        view.owner_id = None;
        view.content.organisation = None;
    }
    Ok(())
}

/// The proposal as `actor` may read it.
async fn view_for(
    c: &impl ConnectionTrait,
    app: &App,
    actor: &Actor,
    p: ProposalRecord,
) -> AppResult<ProposalView> {
    let mut shown = view(c, app, p).await?;
    redact_for_reviewer(c, actor, &mut shown, &mut HashMap::new()).await?;
    Ok(shown)
}

async fn view(c: &impl ConnectionTrait, app: &App, p: ProposalRecord) -> AppResult<ProposalView> {
    view_with(c, app, p, None).await
}

/// The view, with the running timers when the caller already has them.
async fn view_with(
    c: &impl ConnectionTrait,
    app: &App,
    p: ProposalRecord,
    running: Running,
) -> AppResult<ProposalView> {
    let def = definition(app, &p).await?;
    let state_label = def
        .state(&p.state)
        .map_or_else(|| p.state.clone(), |s| s.label.clone());
    let running = match running {
        Some(running) => running,
        None => timers::pending(c, SUBJECT, p.id.uuid()).await?,
    };
    let deadlines = running
        .into_iter()
        .map(|t| DeadlineView {
            kind: t.kind,
            transition: t.transition,
            due_at: t.fire_at,
        })
        .collect();
    Ok(ProposalView {
        id: p.id,
        programme_id: p.programme_id,
        owner_id: Some(p.owner_id),
        state: p.state,
        state_label,
        workflow: p.workflow,
        workflow_version: p.workflow_version,
        revision: p.revision,
        content: p.content,
        deadlines,
        created_at: p.created_at,
        updated_at: p.updated_at,
        submitted_at: p.submitted_at,
    })
}

/// An applicant starts a draft for an open or upcoming programme.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn create(
    app: &App,
    actor: &Actor,
    input: CreateProposalInput,
) -> AppResult<ProposalView> {
    actor.require_any(&[Role::Applicant], "write proposals")?;
    let content = input.content.validate_draft()?;
    let tx = app.store.begin().await?;
    let programme = load_programme(&tx, input.programme_id.into())
        .await
        .map_err(|_| {
            AppError::Validation(ValidationErrors::single(
                "programme_id",
                "unknown_programme",
                "no such programme",
            ))
        })?;
    let now = app.now();
    if programme.archived_at.is_some() {
        return Err(AppError::Conflict(
            "the programme is archived and takes no proposals".into(),
        ));
    }
    if now >= programme.spec.closes_at {
        return Err(AppError::Conflict(format!(
            "the call closed on {}",
            proposal::local_time(&programme.spec, programme.spec.closes_at)
        )));
    }
    let def = app
        .workflows
        .current(WORKFLOW)
        .ok_or_else(|| AppError::internal("the proposal workflow is not loaded"))?;
    let record = store::insert(
        &tx,
        NewProposal {
            programme_id: programme.id,
            owner_id: actor.id,
            workflow: def.name.value.clone(),
            workflow_version: def.version.value,
            state: def.initial.value.clone(),
            content,
        },
        now,
    )
    .await?;
    audit::record(
        &tx,
        AuditEntry {
            actor: Some(actor.id),
            action: "proposal.created",
            subject_type: SUBJECT,
            subject_id: record.id.uuid(),
            details: serde_json::json!({ "state": record.state, "workflow": record.workflow, "version": record.workflow_version }),
        },
        now,
    )
    .await?;
    let shown = view(&tx, app, record).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

/// One proposal, if the actor may see it.
pub async fn get(app: &App, actor: &Actor, id: ProposalId) -> AppResult<ProposalView> {
    let conn = app.store.conn();
    let record = load_visible(conn, actor, id).await?;
    view_for(conn, app, actor, record).await
}

/// The proposals the actor may see, filtered and a page at a time.
pub async fn list(
    app: &App,
    actor: &Actor,
    filter: &ProposalListFilter,
    page: &PageRequest,
) -> AppResult<Page<ProposalView>> {
    let (after, fetch) = page.parse()?;
    let visibility = Visibility {
        owner: Some(actor.id),
        all_submitted: actor.has_any(OVERSEERS),
        areas: actor
            .roles
            .iter()
            .filter(|g| g.role() == Role::Ambassador)
            .filter_map(|g| g.area().cloned())
            .collect(),
        ids: crate::jury::reviewer_visible(app.store.conn(), actor).await?,
    };
    let filter = ProposalFilter {
        programme: filter.programme_id.map(ProgrammeId::from),
        state: filter.state.clone(),
        country: filter
            .country
            .as_ref()
            .map(|c| c.trim().to_ascii_uppercase()),
    };
    let conn = app.store.conn();
    let rows = store::list(conn, &visibility, &filter, after, fetch).await?;
    let mut views = Vec::with_capacity(rows.len());
    let page = Page::from_rows(rows, fetch, |p| p.id.uuid(), |p| p);
    // The page's running timers in one query, not one per proposal.
    let ids: Vec<Uuid> = page.items.iter().map(|p| p.id.uuid()).collect();
    let mut running = timers::pending_of(conn, SUBJECT, &ids).await?;
    let mut blind = HashMap::new();
    for record in page.items {
        let timers = running.remove(&record.id.uuid()).unwrap_or_default();
        let mut shown = view_with(conn, app, record, Some(timers)).await?;
        redact_for_reviewer(conn, actor, &mut shown, &mut blind).await?;
        views.push(shown);
    }
    Ok(Page {
        items: views,
        next_cursor: page.next_cursor,
    })
}

/// The states in which the owner may change a proposal: its content and its attachments.
const CHANGEABLE: [&str; 2] = ["draft", "changes_requested"];

/// Refuses a change (`to` do what, e.g. "edit it") to a proposal the actor
/// sees: by anyone but its owner (403), or in a state that allows no
/// changes (409).
pub(crate) fn require_changeable(actor: &Actor, p: &ProposalRecord, to: &str) -> AppResult<()> {
    if p.owner_id != actor.id {
        return Err(AppError::Forbidden(format!(
            "only the applicant who owns a proposal may {to}"
        )));
    }
    if !CHANGEABLE.contains(&p.state.as_str()) {
        return Err(AppError::Conflict(format!(
            "a proposal can be changed only as a draft or when changes were requested; it is {}",
            p.state
        )));
    }
    Ok(())
}

/// The owner edits a draft, or a proposal returned for changes.
#[tracing::instrument(skip_all, fields(actor = %actor.id, proposal.id = %id))]
pub async fn update(
    app: &App,
    actor: &Actor,
    id: ProposalId,
    input: UpdateProposalInput,
    if_match: Option<i64>,
) -> AppResult<ProposalView> {
    let tx = app.store.begin().await?;
    let current = load_visible(&tx, actor, id).await?;
    require_changeable(actor, &current, "edit it")?;
    let revision = if_match
        .or(input.revision)
        .ok_or(AppError::RevisionRequired)?;
    let changed: Vec<&str> = changed_fields(&input.changes);
    let content = current
        .content
        .to_input()
        .overlay(input.changes)
        .validate_draft()?;
    let now = app.now();
    store::update_content(&tx, id, revision, &content, now)
        .await
        .map_err(AppError::from_store("proposal"))?;
    audit::record(
        &tx,
        AuditEntry {
            actor: Some(actor.id),
            action: "proposal.edited",
            subject_type: SUBJECT,
            subject_id: id.uuid(),
            details: serde_json::json!({ "fields": changed }),
        },
        now,
    )
    .await?;
    let record = store::find(&tx, id)
        .await?
        .ok_or(AppError::NotFound("proposal"))?;
    let shown = view(&tx, app, record).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

fn changed_fields(input: &ProposalInput) -> Vec<&'static str> {
    [
        ("title", input.title.is_some()),
        ("summary", input.summary.is_some()),
        ("problem", input.problem.is_some()),
        ("proposed_service", input.proposed_service.is_some()),
        ("target_group", input.target_group.is_some()),
        ("planned_activities", input.planned_activities.is_some()),
        ("budget_lines", input.budget_lines.is_some()),
        ("requested_amount", input.requested_amount.is_some()),
        ("country", input.country.is_some()),
        ("region", input.region.is_some()),
        ("organisation", input.organisation.is_some()),
        ("tags", input.tags.is_some()),
        ("language", input.language.is_some()),
        (
            "conflicts_of_interest",
            input.conflicts_of_interest.is_some(),
        ),
    ]
    .into_iter()
    .filter_map(|(name, set)| set.then_some(name))
    .collect()
}

/// Every transition from the proposal's state, with whether the actor may take it and why not.
pub async fn transitions(
    app: &App,
    actor: &Actor,
    id: ProposalId,
) -> AppResult<Vec<TransitionView>> {
    let conn = app.store.conn();
    let (record, programme) = load_visible_with_programme(conn, actor, id).await?;
    let def = definition(app, &record).await?;
    let guards = Guards {
        programme: &programme.spec,
        content: &record.content,
        // The comment is not known before the request; do not block on it here.
        comment: Some("-"),
        decision: false,
        now: app.now(),
    };
    Ok(TransitionView::list(grants_workflow::options(
        &def,
        &record.state,
        &facts(actor, &record),
        &guards,
    )))
}

/// Takes a transition as the actor: checked, applied and recorded in one
/// database transaction, or not at all.
#[tracing::instrument(skip_all, fields(actor = %actor.id, proposal.id = %id, transition = name))]
pub async fn transition(
    app: &App,
    actor: &Actor,
    id: ProposalId,
    name: &str,
    input: TransitionInput,
    if_match: Option<i64>,
) -> AppResult<ProposalView> {
    let tx = app.store.begin().await?;
    let (record, programme) = load_visible_with_programme(&tx, actor, id).await?;
    crate::error::expect_revision(if_match, input.revision, "proposal", record.revision)?;
    let def = definition(app, &record).await?;
    let now = app.now();
    let comment = input
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let guards = Guards {
        programme: &programme.spec,
        content: &record.content,
        comment,
        decision: false,
        now,
    };
    let plan = grants_workflow::plan(&def, &record.state, name, &facts(actor, &record), &guards)
        .map_err(AppError::Blocked)?;
    if let Some(deadline) = input.deadline {
        if !plan
            .effects
            .iter()
            .any(|e| matches!(e, Effect::Timer { .. }))
        {
            return Err(ValidationErrors::single(
                "deadline",
                "no_deadline",
                format!("'{name}' sets no deadline"),
            )
            .into());
        }
        if deadline <= now {
            return Err(ValidationErrors::single(
                "deadline",
                "in_the_past",
                "the deadline must be in the future",
            )
            .into());
        }
    }
    let step = Step {
        actor: Some(actor.id),
        comment,
        deadline: input.deadline,
        award: None,
        now,
    };
    let running = apply(&tx, app, &record, &programme, &plan, step).await?;
    // What `apply` wrote, without reading it back.
    let submitted = plan.to == "submitted";
    let updated = ProposalRecord {
        state: plan.to.clone(),
        revision: record.revision + 1,
        updated_at: now,
        submitted_at: if submitted {
            Some(now)
        } else {
            record.submitted_at
        },
        ..record
    };
    let shown = view_with(&tx, app, updated, running).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    tracing::info!(from = %plan.from, to = %plan.to, "proposal moved");
    Ok(shown)
}

/// Takes `transition` on a proposal inside the caller's transaction, as the
/// actor or (with `None`) the system, when the workflow allows it now.
/// Returns whether the proposal moved; a blocked step is not an error here,
/// because the callers (assignment, reviews) act on many proposals at once.
pub(crate) async fn advance(
    tx: &impl ConnectionTrait,
    app: &App,
    id: ProposalId,
    transition: &str,
    actor: Option<&Actor>,
    comment: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let record = store::find(tx, id)
        .await?
        .ok_or(AppError::NotFound("proposal"))?;
    let programme = load_programme(tx, record.programme_id).await?;
    let taking = Taking {
        transition,
        actor,
        comment,
        decision: None,
    };
    Ok(take(tx, app, (&record, &programme), taking, now)
        .await?
        .is_ok())
}

/// Takes a decision transition (`fund`, `waitlist`, `decline`) as a
/// programme manager inside the caller's transaction; the decision path
/// records the letter and any grant around it. A blocked step is an error.
pub(crate) async fn take_decision(
    tx: &impl ConnectionTrait,
    app: &App,
    actor: &Actor,
    record: &ProposalRecord,
    programme: &ProgrammeRecord,
    (transition, comment, award): (&str, Option<&str>, Option<Money>),
    now: DateTime<Utc>,
) -> AppResult<Plan> {
    let taking = Taking {
        transition,
        actor: Some(actor),
        comment,
        decision: Some(award),
    };
    take(tx, app, (record, programme), taking, now)
        .await?
        .map_err(AppError::Blocked)
}

/// A transition taken from inside another use case.
struct Taking<'a> {
    transition: &'a str,
    /// The person; `None` for the system.
    actor: Option<&'a Actor>,
    comment: Option<&'a str>,
    /// On the decision path: the award, if the decision funds.
    decision: Option<Option<Money>>,
}

/// Plans `taking` and, if the workflow allows it now, applies it; the
/// blocked plan is returned for the caller to judge.
async fn take(
    tx: &impl ConnectionTrait,
    app: &App,
    (record, programme): (&ProposalRecord, &ProgrammeRecord),
    taking: Taking<'_>,
    now: DateTime<Utc>,
) -> AppResult<Result<Plan, grants_workflow::Blocked>> {
    let def = definition(app, record).await?;
    let guards = Guards {
        programme: &programme.spec,
        content: &record.content,
        comment: taking.comment,
        decision: taking.decision.is_some(),
        now,
    };
    let facts = taking
        .actor
        .map_or_else(ActorFacts::system, |a| facts(a, record));
    let plan = match grants_workflow::plan(&def, &record.state, taking.transition, &facts, &guards)
    {
        Ok(plan) => plan,
        Err(blocked) => return Ok(Err(blocked)),
    };
    let step = Step {
        actor: taking.actor.map(|a| a.id),
        comment: taking.comment,
        deadline: None,
        award: taking.decision.flatten(),
        now,
    };
    apply(tx, app, record, programme, &plan, step).await?;
    Ok(Ok(plan))
}

/// Who takes a transition and with what: the parts of a step that are not the plan.
struct Step<'a> {
    /// The person; `None` for the system.
    actor: Option<UserId>,
    /// Their reason, if given.
    comment: Option<&'a str>,
    /// A deadline replacing the workflow's default for timers this step starts.
    deadline: Option<DateTime<Utc>>,
    /// The award of a funding decision, for its letter.
    award: Option<Money>,
    /// When it happens.
    now: DateTime<Utc>,
}

/// Applies a plan inside the caller's transaction: the conditional state
/// change, one audit event, and the effects' rows (outbox, timers).
async fn apply(
    tx: &impl ConnectionTrait,
    app: &App,
    record: &ProposalRecord,
    programme: &ProgrammeRecord,
    plan: &Plan,
    step: Step<'_>,
) -> AppResult<Running> {
    let Step {
        actor,
        comment,
        deadline,
        award,
        now,
    } = step;
    store::set_state(
        tx,
        record.id,
        record.revision,
        &plan.from,
        &plan.to,
        plan.to == "submitted",
        now,
    )
    .await
    .map_err(AppError::from_store("proposal"))?;
    let event_id = audit::record(
        tx,
        AuditEntry {
            actor,
            action: "proposal.transition",
            subject_type: SUBJECT,
            subject_id: record.id.uuid(),
            details: serde_json::json!({
                "transition": plan.transition,
                "from": plan.from,
                "to": plan.to,
                "comment": comment,
                "workflow": record.workflow,
                "version": record.workflow_version,
            }),
        },
        now,
    )
    .await?;
    // A deadline this step starts, for the emails that announce it.
    let timer_due = plan.effects.iter().find_map(|e| match e {
        Effect::Timer { after, .. } => Some(
            deadline
                .unwrap_or_else(|| now + chrono::Duration::from_std(*after).unwrap_or_default()),
        ),
        _ => None,
    });
    let id = record.id.uuid();
    let mut running: Running = None;
    for effect in &plan.effects {
        match effect {
            Effect::Notify { event, to } => {
                let people = recipients(tx, to, record).await?;
                // The applicant's name, for the emails: read again only when
                // the applicant is not among those written to.
                let owner_name = match people.iter().find(|p| p.id == record.owner_id) {
                    Some(owner) => owner.name.to_string(),
                    None => user_store::find(tx, record.owner_id)
                        .await?
                        .map_or_else(String::new, |u| u.name.to_string()),
                };
                let mut letters = Vec::with_capacity(people.len());
                for recipient in &people {
                    let facts = Letterhead {
                        app,
                        record,
                        comment,
                        timer_due,
                        applicant_name: &owner_name,
                        is_owner: recipient.id == record.owner_id,
                        award,
                        now,
                    };
                    let letter = Letter {
                        envelope: envelope(recipient, programme),
                        notification: notification(event, &facts)?,
                    };
                    let dedupe_key = format!("{event}:{event_id}:{}", recipient.id);
                    letters.push((recipient, letter, dedupe_key));
                }
                crate::mail::enqueue_all(tx, app, (SUBJECT, record.id.uuid()), letters, now)
                    .await?;
            }
            Effect::Timer { kind, after, fire } => {
                let after = chrono::Duration::from_std(*after)
                    .map_err(|e| AppError::internal(format!("timer {kind} is too long: {e}")))?;
                let fire_at = deadline.unwrap_or(now + after);
                let running = running.get_or_insert(timers::pending(tx, SUBJECT, id).await?);
                stop_running(tx, running, id, kind, now).await?;
                timers::insert(tx, SUBJECT, id, kind, fire, fire_at, now).await?;
                running.push(PendingTimer {
                    kind: kind.clone(),
                    transition: fire.clone(),
                    fire_at,
                });
                running.sort_by_key(|t| t.fire_at);
            }
            Effect::CancelTimer { kind } => {
                let running = running.get_or_insert(timers::pending(tx, SUBJECT, id).await?);
                stop_running(tx, running, id, kind, now).await?;
            }
            Effect::Run { name } => {
                return Err(AppError::internal(format!(
                    "effect '{name}' is not implemented"
                )));
            }
        }
    }
    Ok(running)
}

/// The proposal's running timers as a step's effects left them, when the
/// step started or stopped one (it read them once, so the answer need not);
/// `None` when it touched none.
type Running = Option<Vec<PendingTimer>>;

/// Cancels the running timer of `kind`, if `running` holds one: a kind not
/// running costs no statement.
async fn stop_running(
    tx: &impl ConnectionTrait,
    running: &mut Vec<PendingTimer>,
    id: Uuid,
    kind: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if running.iter().any(|t| t.kind == kind) {
        timers::cancel(tx, SUBJECT, id, kind, now).await?;
        running.retain(|t| t.kind != kind);
    }
    Ok(())
}

/// What the proposal emails say, gathered once per step.
struct Letterhead<'a> {
    app: &'a App,
    record: &'a ProposalRecord,
    comment: Option<&'a str>,
    timer_due: Option<DateTime<Utc>>,
    applicant_name: &'a str,
    is_owner: bool,
    award: Option<Money>,
    now: DateTime<Utc>,
}

/// The recipient and the programme, as every email needs them.
pub(crate) fn envelope(recipient: &UserRecord, programme: &ProgrammeRecord) -> Envelope {
    Envelope {
        recipient_name: recipient.name.to_string(),
        programme_code: programme.spec.code.clone(),
        programme_titles: programme.spec.title.clone(),
        programme_locale: programme.spec.default_locale,
        time_zone: programme.spec.time_zone,
    }
}

/// The typed email for a proposal event. The workflow validator already
/// checked that the event has templates; this maps it to its context.
fn notification(event: &str, f: &Letterhead<'_>) -> AppResult<Notification> {
    let proposal_title = f.record.content.title.clone().unwrap_or_default();
    let proposal_url = f.app.link(&format!("/app/proposals/{}", f.record.id));
    let comment = f.comment.map(str::to_owned);
    Ok(match event {
        "proposal_submitted" => Notification::ProposalSubmitted(grants_notify::ProposalSubmitted {
            proposal_title,
            proposal_url,
            applicant_name: f.applicant_name.to_owned(),
            submitted_at: f.now,
            is_owner: f.is_owner,
        }),
        "proposal_resubmitted" => {
            Notification::ProposalResubmitted(grants_notify::ProposalResubmitted {
                proposal_title,
                proposal_url,
                applicant_name: f.applicant_name.to_owned(),
                submitted_at: f.now,
                is_owner: f.is_owner,
            })
        }
        "changes_requested" => Notification::ChangesRequested(grants_notify::ChangesRequested {
            proposal_title,
            proposal_url,
            comment: comment.unwrap_or_default(),
            deadline: f.timer_due.unwrap_or(f.now),
        }),
        "proposal_ineligible" => {
            Notification::ProposalIneligible(grants_notify::ProposalIneligible {
                proposal_title,
                proposal_url,
                comment,
            })
        }
        "proposal_withdrawn" => Notification::ProposalWithdrawn(grants_notify::ProposalWithdrawn {
            proposal_title,
            proposal_url,
            applicant_name: f.applicant_name.to_owned(),
            comment,
            is_owner: f.is_owner,
        }),
        "decision_funded" => Notification::DecisionFunded(grants_notify::DecisionFunded {
            proposal_title,
            proposal_url,
            award: f
                .award
                .ok_or_else(|| AppError::internal("a funding decision has no award"))?,
            comment,
        }),
        "decision_waitlisted" => {
            Notification::DecisionWaitlisted(grants_notify::DecisionWaitlisted {
                proposal_title,
                proposal_url,
                comment,
            })
        }
        "decision_declined" => Notification::DecisionDeclined(grants_notify::DecisionDeclined {
            proposal_title,
            proposal_url,
            comment,
        }),
        other => {
            return Err(AppError::internal(format!(
                "the email '{other}' cannot be sent about a proposal"
            )));
        }
    })
}

/// The relation naming the ambassadors of the proposal's country.
const COUNTRY_AMBASSADOR: &str = "country_ambassador";

/// The people a proposal email goes to: its owner, or the active holders
/// of a role (ambassadors only of the proposal's country). Each person once.
async fn recipients(
    c: &impl ConnectionTrait,
    to: &[String],
    record: &ProposalRecord,
) -> AppResult<Vec<UserRecord>> {
    let country = record.content.country;
    let region = record.content.region.as_ref();
    let covers = |person: &UserRecord, name: &str| {
        name != COUNTRY_AMBASSADOR
            || person.roles.iter().any(|g| {
                g.role() == Role::Ambassador && g.area().is_some_and(|a| a.covers(country, region))
            })
    };
    crate::mail::recipients(
        c,
        to,
        ("owner", record.owner_id),
        &[(COUNTRY_AMBASSADOR, Role::Ambassador)],
        covers,
    )
    .await
}

/// The proposal's history: every recorded event, oldest first.
pub async fn history(app: &App, actor: &Actor, id: ProposalId) -> AppResult<Vec<AuditEventView>> {
    let conn = app.store.conn();
    load_visible(conn, actor, id).await?;
    Ok(audit::history(conn, SUBJECT, id.uuid())
        .await?
        .into_iter()
        .map(AuditEventView::from)
        .collect())
}

/// Fires a claimed timer on a proposal: takes its transition as the system
/// if the workflow still allows it, and marks the timer done, in one
/// transaction. Returns what happened.
pub(crate) async fn fire_timer(app: &App, owner: &str, timer: &DueTimer) -> AppResult<String> {
    let tx = app.store.begin().await?;
    let now = app.now();
    let id = ProposalId::from(timer.subject_id);
    let Some(record) = store::find(&tx, id).await? else {
        timers::complete(
            &tx,
            timer.id,
            owner,
            "skipped: the proposal no longer exists",
            now,
        )
        .await?;
        tx.commit().await.map_err(grants_store::StoreError::from)?;
        return Ok("skipped".into());
    };
    let programme = load_programme(&tx, record.programme_id).await?;
    let def = definition(app, &record).await?;
    let guards = Guards {
        programme: &programme.spec,
        content: &record.content,
        comment: None,
        decision: false,
        now,
    };
    let outcome = match grants_workflow::plan(
        &def,
        &record.state,
        &timer.transition,
        &ActorFacts::system(),
        &guards,
    ) {
        Ok(plan) => {
            let comment = format!("the {} deadline passed", timer.kind.replace('_', " "));
            let step = Step {
                actor: None,
                comment: Some(&comment),
                deadline: None,
                award: None,
                now,
            };
            apply(&tx, app, &record, &programme, &plan, step).await?;
            format!("transitioned: {} → {}", plan.from, plan.to)
        }
        Err(blocked) => format!("skipped: {blocked}"),
    };
    if !timers::complete(&tx, timer.id, owner, &outcome, now).await? {
        // Our lease ran out and another instance has it: leave it to them.
        return Ok("lease lost".into());
    }
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(outcome)
}
