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

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{DateTime, Utc};
use grants_domain::proposal::{self, ProposalContent, ProposalInput};
use grants_domain::team::Standing;
use grants_domain::{Money, ProgrammeId, ProposalId, Role, UserId, ValidationErrors};
use grants_notify::{Envelope, Letter, Notification};
use grants_store::ConnectionTrait;
use grants_store::audit::{self, AuditEntry};
use grants_store::programmes::{self as programme_store, ProgrammeRecord};
use grants_store::proposals::{
    self as store, NewProposal, ProposalFilter, ProposalRecord, Visibility,
};
use grants_store::timers;
use grants_store::users::{self as user_store, UserRecord};
use grants_workflow::{ActorFacts, Plan, Refusal};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::audit::AuditEventView;
use crate::programmes::load_programme;
use crate::steps::{self, Moved, Running, Step, StepInput, Subject};
use crate::{Actor, App, AppError, AppResult, Page, PageRequest};

/// The workflow proposals follow.
pub const WORKFLOW: &str = "proposal";

/// A proposal, as the workflow driver ([`crate::steps`]) takes it.
pub type Proposal = ProposalRecord;
/// The audit trail's name for proposals.
pub(crate) const SUBJECT: &str = "proposal";

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
    /// Let the applicant read the comment too, on a step whose comment is
    /// otherwise for the staff only (`comment_readers` is
    /// `staff_unless_shared`); ignored where the applicant reads it anyway.
    pub share_comment: Option<bool>,
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
    /// What the reader may do with it now.
    pub may: ProposalPermissions,
    /// Where a search (`q`) found it: its title when the title matches,
    /// else the first of its texts and keywords that does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<SearchMatch>,
}

/// Where a search found a proposal, with the words it found marked.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchMatch {
    /// The field: `title`, `summary`, `problem`, `proposed_service`,
    /// `target_group`, `planned_activities` or `tags`.
    pub field: &'static str,
    /// The field's text in pieces, the words found marked; a long text cut
    /// to an excerpt around its first match.
    pub pieces: Vec<grants_domain::text::Piece>,
}

impl SearchMatch {
    /// The first field of `content`, in the form's order, where one of
    /// `words` (in search form) is found.
    fn first(content: &ProposalContent, words: &[String]) -> Option<SearchMatch> {
        let tags = content.tags.join(", ");
        [
            ("title", content.title.as_deref()),
            ("summary", content.summary.as_deref()),
            ("problem", content.problem.as_deref()),
            ("proposed_service", content.proposed_service.as_deref()),
            ("target_group", content.target_group.as_deref()),
            ("planned_activities", content.planned_activities.as_deref()),
            ("tags", Some(tags.as_str())),
        ]
        .into_iter()
        .find_map(|(field, text)| {
            let pieces = grants_domain::text::mark_matches(text?, words)?;
            Some(SearchMatch { field, pieces })
        })
    }
}

/// What the reader of a proposal may do with it now, so that a page need
/// not know the rules. The use cases check the same again when asked.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct ProposalPermissions {
    /// Edit it and its attachments (its owner, as a draft or when changes were requested).
    pub edit: bool,
    /// Bid on reviewing it (a reviewer, while it waits for assignment).
    pub bid: bool,
    /// Declare a conflict of interest with it (a reviewer who does not own it).
    pub declare_conflict: bool,
    /// Read and keep its conflicts of interest (those who run the jury).
    pub see_conflicts: bool,
    /// The outcomes a funding decision may record now (a programme manager,
    /// on a reviewed or waitlisted proposal that requests an amount); empty
    /// when no decision may be recorded.
    pub decide: Vec<crate::decisions::Outcome>,
}

impl ProposalPermissions {
    fn of(actor: &Actor, p: &ProposalRecord) -> Self {
        let decides = actor.has(Role::ProgrammeManager) && p.content.requested_amount.is_some();
        Self {
            edit: require_changeable(actor, p, "edit_it").is_ok(),
            bid: actor.has(Role::Reviewer) && p.state == names::ELIGIBLE,
            declare_conflict: actor.has(Role::Reviewer) && on_team(actor, p).is_none(),
            see_conflicts: crate::jury::runs_jury(actor),
            decide: if decides {
                crate::decisions::outcomes(&p.state).to_vec()
            } else {
                Vec::new()
            },
        }
    }
}

/// Everything a proposal's page shows, read after one visibility check.
#[derive(Debug)]
pub struct ProposalPage {
    /// The proposal, as the reader may read it, with what they may do.
    pub proposal: ProposalView,
    /// Its programme.
    pub programme: crate::programmes::ProgrammeView,
    /// Its steps from here, with whether the reader may take each.
    pub transitions: Vec<TransitionView>,
    /// Its history, oldest first.
    pub history: Vec<AuditEventView>,
    /// Its team, for the team and the programme's staff.
    pub team: Option<crate::teams::TeamView>,
    /// The names of those who took its steps, where the reader may know them.
    pub actors: HashMap<UserId, String>,
    /// The screening checklist, for those who screen it now.
    pub checks: Vec<ScreeningCheck>,
    /// The files attached.
    pub attachments: Vec<crate::attachments::AttachmentView>,
    /// The decisions taken, with their letters, where the reader may read them.
    pub decisions: Vec<crate::decisions::DecisionView>,
    /// The submitted reviews, as far as the reader may read them.
    pub reviews: Vec<crate::reviews::ReviewView>,
    /// Its grant, once funded, where the reader may see it.
    pub grant_id: Option<grants_domain::GrantId>,
    /// The workflow definition it is pinned to, which names its steps.
    pub definition: Option<std::sync::Arc<grants_workflow::Definition>>,
    /// The conversations on it that the reader is part of.
    pub conversations: crate::conversations::ThreadList,
}

/// A guard that reads only what the proposal says and the programme asks:
/// `None` for any other guard.
fn content_rule(
    content: &ProposalContent,
    spec: &grants_domain::programme::ProgrammeSpec,
    guard: &str,
) -> Option<Result<(), Refusal>> {
    match guard {
        "form_complete" => Some(proposal::form_complete(content)),
        "country_eligible" => Some(proposal::country_eligible(content, spec)),
        "amount_within_limits" => Some(proposal::amount_within_limits(content, spec)),
        _ => None,
    }
}

/// What a screener checks before marking a proposal eligible: the guards
/// of submission, read again as the proposal stands now.
pub const SCREENING_CHECKS: [&str; 3] =
    ["form_complete", "country_eligible", "amount_within_limits"];

/// One check of the screening checklist.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ScreeningCheck {
    /// The guard checked.
    pub guard: &'static str,
    /// Why it fails, where it does.
    pub failed: Option<BlockedReasonView>,
}

/// The screening checklist of `record`, for those who screen it while it
/// waits for or is in screening; empty for anyone else.
fn screening_checks(
    actor: &Actor,
    record: &ProposalRecord,
    programme: &ProgrammeRecord,
) -> Vec<ScreeningCheck> {
    let screens = actor.has_any(OVERSEERS) || covers(actor, &record.content);
    if !screens || ![names::SUBMITTED, names::SCREENING].contains(&record.state.as_str()) {
        return Vec::new();
    }
    SCREENING_CHECKS
        .into_iter()
        .map(|guard| ScreeningCheck {
            guard,
            failed: content_rule(&record.content, &programme.spec, guard)
                .and_then(Result::err)
                .map(|refusal| {
                    let mut args = refusal.args;
                    args.insert("workflow".into(), record.workflow.clone());
                    BlockedReasonView {
                        kind: "guard",
                        guard: Some(guard.to_owned()),
                        message: refusal.message,
                        args,
                    }
                }),
        })
        .collect()
}

/// Everything a proposal's page shows, if the actor may see it.
pub async fn page(app: &App, actor: &Actor, id: ProposalId) -> AppResult<ProposalPage> {
    let c = app.store.conn();
    let (record, programme) = steps::visible::<ProposalRecord>(c, actor, id).await?;
    let transitions = steps::options(app, actor, &record, &programme).await?;
    let mut history: Vec<AuditEventView> = audit::history(c, SUBJECT, id.uuid())
        .await?
        .into_iter()
        .map(AuditEventView::from)
        .collect();
    let staff = record.reads_staff_remarks(actor, &programme);
    if !staff {
        steps::keep_out_staff_remarks(&mut history);
    }
    // Who took each step, named for its owner and the programme's staff; a
    // reviewer reads the steps unnamed, as a blind review hides the applicant.
    let names_shown = on_team(actor, &record).is_some() || staff;
    let actors = if names_shown {
        let ids: Vec<UserId> = history.iter().filter_map(|e| e.actor_id).collect();
        grants_store::users::find_people(c, &ids, &[])
            .await?
            .into_iter()
            .map(|u| (u.id, u.name.to_string()))
            .collect()
    } else {
        HashMap::new()
    };
    let checks = screening_checks(actor, &record, &programme);
    let parent = crate::attachments::AttachmentParent::Proposal(id);
    let attachments = crate::attachments::of_visible(c, parent).await?;
    let decisions = if crate::decisions::may_read(actor, &record) {
        crate::decisions::of_visible(c, &record).await?
    } else {
        Vec::new()
    };
    // A reviewer before their own review is in, or where reviews are kept apart, reads none.
    let reviews = match crate::reviews::readable(c, actor, &record, &programme).await {
        Err(AppError::Forbidden(_)) => Vec::new(),
        found => found?,
    };
    crate::reviews::record_read(app, actor, id, &reviews).await?;
    let grant_id = crate::grants::id_of_proposal(c, actor, id).await?;
    let definition = app
        .workflows()
        .get(&record.workflow, record.workflow_version);
    let conversations = crate::conversations::on_proposal(c, actor, &record, &programme).await?;
    let team = crate::teams::on_page(c, app, actor, (&record, &programme)).await?;
    let proposal = view_for(c, app, actor, record).await?;
    Ok(ProposalPage {
        conversations,
        team,
        proposal,
        programme: crate::programmes::ProgrammeView::new(programme, app.now()),
        transitions,
        history,
        actors,
        checks,
        attachments,
        decisions,
        reviews,
        grant_id,
        definition,
    })
}

use crate::steps::{BlockedReasonView, TransitionView};

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
    /// Only those with every word of this in their title, texts or
    /// keywords, in any script and without regard to accents or case:
    /// `beograd` finds "Београд", `cesko` finds "Češko".
    pub q: Option<String>,
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
    on_team(actor, p).is_some()
        || (p.state != store::DRAFT
            && (actor.has_any(OVERSEERS)
                || covers(actor, &p.content)
                || covers_a_partner(actor, &p.content)))
}

/// Whether the actor reads who is on the proposal's team without being on
/// it: the programme's overseers and the ambassadors of its area.
pub(crate) fn reads_team(actor: &Actor, p: &ProposalRecord) -> bool {
    actor.has_any(OVERSEERS) || covers(actor, &p.content)
}

/// What the actor is on the proposal's team, if they are on it.
pub(crate) fn on_team(actor: &Actor, p: &ProposalRecord) -> Option<Standing> {
    if actor.id == p.owner_id {
        Some(Standing::Lead)
    } else {
        actor.member_of(p.id).map(Standing::Member)
    }
}

/// An ambassador of a partner library's country reads the proposal (and
/// only reads it: screening is for the ambassadors of its own area).
fn covers_a_partner(actor: &Actor, content: &ProposalContent) -> bool {
    content.partner_countries().into_iter().any(|country| {
        actor.roles.iter().any(|g| {
            g.role() == Role::Ambassador && g.area().is_some_and(|a| a.covers(Some(country), None))
        })
    })
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

async fn ensure_visible(
    c: &impl ConnectionTrait,
    actor: &Actor,
    record: ProposalRecord,
) -> AppResult<ProposalRecord> {
    if sees(c, actor, &record).await? {
        Ok(record)
    } else {
        Err(AppError::NotFound("proposal"))
    }
}

/// Whether the actor may see the proposal: by role or relation, or as a
/// reviewer the jury rules let read it.
async fn sees(c: &impl ConnectionTrait, actor: &Actor, record: &ProposalRecord) -> AppResult<bool> {
    Ok(can_see(actor, record) || crate::jury::reviewer_may_see(c, actor, record).await?)
}

/// What a reader who sees the proposal only as a reviewer may not read.
async fn redact_for_reviewer(
    c: &impl ConnectionTrait,
    actor: &Actor,
    view: &mut ProposalView,
    blind: &mut HashMap<ProgrammeId, bool>,
) -> AppResult<()> {
    let record_owner = view.owner_id;
    if record_owner == Some(actor.id)
        || actor.member_of(view.id).is_some()
        || actor.has_any(OVERSEERS)
        || covers(actor, &view.content)
        || covers_a_partner(actor, &view.content)
    {
        return Ok(());
    }
    view.content.conflicts_of_interest.clear();
    // The partners say who applied as surely as the organisation does.
    let partners = std::mem::take(&mut view.content.partners);
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
    } else {
        view.content.partners = partners;
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
    let mut shown = view(c, app, actor, p).await?;
    redact_for_reviewer(c, actor, &mut shown, &mut HashMap::new()).await?;
    Ok(shown)
}

async fn view(
    c: &impl ConnectionTrait,
    app: &App,
    actor: &Actor,
    p: ProposalRecord,
) -> AppResult<ProposalView> {
    view_with(c, app, actor, p, None).await
}

/// The view, with the running timers when the caller already has them.
async fn view_with(
    c: &impl ConnectionTrait,
    app: &App,
    actor: &Actor,
    p: ProposalRecord,
    running: Running,
) -> AppResult<ProposalView> {
    let def = steps::definition(app, &p).await?;
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
    let may = ProposalPermissions::of(actor, &p);
    Ok(ProposalView {
        may,
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
        found: None,
    })
}

/// An applicant starts a draft for an open or upcoming programme.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn create(
    app: &App,
    actor: &Actor,
    input: CreateProposalInput,
) -> AppResult<ProposalView> {
    actor.require_any(&[Role::Applicant], "write_proposals")?;
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
        return Err(AppError::conflict("programme-archived").done());
    }
    if now >= programme.spec.closes_at {
        return Err(AppError::conflict("call-closed")
            .with(
                "closes_at",
                programme
                    .spec
                    .closes_at
                    .with_timezone(&programme.spec.time_zone)
                    .to_rfc3339(),
            )
            .with("time_zone", programme.spec.time_zone.name())
            .done());
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
    let shown = view(&tx, app, actor, record).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

/// One proposal, if the actor may see it.
pub async fn get(app: &App, actor: &Actor, id: ProposalId) -> AppResult<ProposalView> {
    let conn = app.store.conn();
    let record = load_visible(conn, actor, id).await?;
    view_for(conn, app, actor, record).await
}

/// Which proposals `actor` may see in lists.
pub(crate) async fn visibility(app: &App, actor: &Actor) -> AppResult<Visibility> {
    Ok(Visibility {
        owner: Some(actor.id),
        all_submitted: actor.has_any(OVERSEERS),
        areas: actor
            .roles
            .iter()
            .filter(|g| g.role() == Role::Ambassador)
            .filter_map(|g| g.area().cloned())
            .collect(),
        ids: crate::jury::reviewer_visible(app.store.conn(), actor)
            .await?
            .into_iter()
            .chain(team_proposals(actor))
            .collect(),
    })
}

/// The proposals whose teams the actor is on, in any state: members write drafts.
fn team_proposals(actor: &Actor) -> impl Iterator<Item = ProposalId> + '_ {
    actor.teams.iter().map(|m| m.proposal_id)
}

/// The proposals the actor may see, filtered and a page at a time.
pub async fn list(
    app: &App,
    actor: &Actor,
    filter: &ProposalListFilter,
    page: &PageRequest,
) -> AppResult<Page<ProposalView>> {
    let words = crate::search::words(filter.q.as_deref())?;
    let visibility = visibility(app, actor).await?;
    let filter = ProposalFilter {
        programme: filter.programme_id.map(ProgrammeId::from),
        state: filter.state.clone(),
        country: filter
            .country
            .as_ref()
            .map(|c| c.trim().to_ascii_uppercase()),
        words,
    };
    page_of(app, actor, &visibility, &filter, page).await
}

/// Every proposal of the list (the same filter, search and visibility as
/// [`list`]), for a download.
pub async fn table(
    app: &App,
    actor: &Actor,
    filter: &ProposalListFilter,
) -> AppResult<crate::export::Table> {
    use crate::export::{Cell, Table};
    let mut table = Table::new(
        "proposals",
        &[
            "proposal_id",
            "title",
            "state",
            "country",
            "region",
            "organisation",
            "language",
            "requested_amount",
            "currency",
            "tags",
            "submitted_at",
            "updated_at",
        ],
    );
    table.rows = crate::export::every_page(
        |page| async move { list(app, actor, filter, &page).await },
        |p: ProposalView| {
            let c = p.content;
            vec![
                Cell::text(p.id.to_string()),
                Cell::maybe(c.title),
                Cell::State {
                    workflow: p.workflow,
                    state: p.state,
                    label: p.state_label,
                },
                c.country
                    .map_or(Cell::Empty, |c| Cell::Country(c.to_string())),
                Cell::maybe(c.region.map(|r| r.to_string())),
                Cell::maybe(c.organisation),
                Cell::maybe(c.language.map(|l| l.to_string())),
                c.requested_amount.map_or(Cell::Empty, Cell::Money),
                Cell::maybe(c.requested_amount.map(|m| m.currency.to_string())),
                Cell::text(c.tags.join(", ")),
                p.submitted_at.map_or(Cell::Empty, Cell::Moment),
                Cell::Moment(p.updated_at),
            ]
        },
    )
    .await?;
    Ok(table)
}

/// The actor's own proposals, whatever else they may see, a page at a
/// time (for their data export).
pub(crate) async fn own(
    app: &App,
    actor: &Actor,
    page: &PageRequest,
) -> AppResult<Page<ProposalView>> {
    let mine = Visibility {
        owner: Some(actor.id),
        ids: team_proposals(actor).collect(),
        ..Visibility::default()
    };
    page_of(app, actor, &mine, &ProposalFilter::default(), page).await
}

/// The proposals `visibility` lets the actor see and `filter` keeps, a page at a time.
async fn page_of(
    app: &App,
    actor: &Actor,
    visibility: &Visibility,
    filter: &ProposalFilter,
    page: &PageRequest,
) -> AppResult<Page<ProposalView>> {
    let (after, fetch) = page.parse()?;
    let conn = app.store.conn();
    let rows = store::list(conn, visibility, filter, after, fetch).await?;
    let mut views = Vec::with_capacity(rows.len());
    let page = Page::from_rows(rows, fetch, |p| p.id.uuid(), |p| p);
    // The page's running timers in one query, not one per proposal.
    let ids: Vec<Uuid> = page.items.iter().map(|p| p.id.uuid()).collect();
    let mut running = timers::pending_of(conn, SUBJECT, &ids).await?;
    let mut blind = HashMap::new();
    for record in page.items {
        let timers = running.remove(&record.id.uuid()).unwrap_or_default();
        let mut shown = view_with(conn, app, actor, record, Some(timers)).await?;
        redact_for_reviewer(conn, actor, &mut shown, &mut blind).await?;
        if !filter.words.is_empty() {
            shown.found = SearchMatch::first(&shown.content, &filter.words);
        }
        views.push(shown);
    }
    Ok(Page {
        items: views,
        next_cursor: page.next_cursor,
    })
}

/// The states in which the owner may change a proposal: its content and its attachments.
const CHANGEABLE: [&str; 2] = [names::DRAFT, names::CHANGES_REQUESTED];

/// Refuses a change (`to` do what, e.g. "edit it") to a proposal the actor
/// sees: by anyone but its owner (403), or in a state that allows no
/// changes (409).
pub(crate) fn require_changeable(actor: &Actor, p: &ProposalRecord, to: &str) -> AppResult<()> {
    match on_team(actor, p) {
        Some(standing) if standing.writes() => {}
        Some(_) => return Err(AppError::forbidden("team-viewer-reads").done()),
        None => return Err(AppError::forbidden("owner-only").with("action", to).done()),
    }
    if !CHANGEABLE.contains(&p.state.as_str()) {
        return Err(AppError::conflict("proposal-not-changeable")
            .with("proposal_state", &p.state)
            .done());
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
    require_changeable(actor, &current, "edit_it")?;
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
    let shown = view(&tx, app, actor, record).await?;
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

impl StepInput for TransitionInput {
    fn comment(&self) -> Option<&str> {
        self.comment.as_deref()
    }

    fn revision(&self) -> Option<i64> {
        self.revision
    }

    fn deadline(&self) -> Option<DateTime<Utc>> {
        self.deadline
    }

    fn share_comment(&self) -> bool {
        self.share_comment.unwrap_or(false)
    }
}

/// What the decision path brings to a proposal's step: that the decision
/// is recorded with its letter, and the award if it funds.
#[derive(Debug, Default)]
pub struct Decision {
    recorded: bool,
    award: Option<Money>,
}

impl Subject for ProposalRecord {
    const KIND: &'static str = SUBJECT;
    const TRANSITION: &'static str = "proposal.transition";
    const RELATIONS: &'static [&'static str] = &["owner", COUNTRY_AMBASSADOR];
    const GUARDS: &'static [&'static str] = &[
        "call_open",
        "form_complete",
        "country_eligible",
        "amount_within_limits",
        "comment_given",
        "decision_recorded",
    ];
    const APPLICANT_KEEPS_OUT_OF_REMARKS: Option<&'static str> = Some("owner");
    type Id = ProposalId;
    type Around = ProgrammeRecord;
    type Input = TransitionInput;
    type Extra = Decision;
    type View = ProposalView;

    steps::instance_fields!();

    async fn load(c: &impl ConnectionTrait, id: ProposalId) -> AppResult<Option<Self>> {
        Ok(store::find(c, id).await?)
    }

    async fn around(&self, c: &impl ConnectionTrait) -> AppResult<ProgrammeRecord> {
        load_programme(c, self.programme_id).await
    }

    /// The proposal and its programme in one query, as every step needs both.
    async fn find(
        c: &impl ConnectionTrait,
        id: ProposalId,
    ) -> AppResult<Option<(Self, ProgrammeRecord)>> {
        Ok(store::find_with_programme(c, id).await?)
    }

    async fn may_see(
        &self,
        c: &impl ConnectionTrait,
        actor: &Actor,
        _: &ProgrammeRecord,
    ) -> AppResult<bool> {
        sees(c, actor, self).await
    }

    /// The programme's staff: its overseers and the country's ambassadors;
    /// neither the applicant nor a reviewer.
    fn reads_staff_remarks(&self, actor: &Actor, _: &ProgrammeRecord) -> bool {
        actor.has_any(OVERSEERS) || covers(actor, &self.content)
    }

    fn facts(&self, actor: &Actor, _: &ProgrammeRecord) -> ActorFacts {
        facts(actor, self)
    }

    fn guard(
        &self,
        programme: &ProgrammeRecord,
        step: &Step<'_>,
        decision: Option<&Decision>,
        guard: &str,
    ) -> Result<(), Refusal> {
        if let Some(checked) = content_rule(&self.content, &programme.spec, guard) {
            return checked;
        }
        match guard {
            "call_open" => proposal::call_open(&programme.spec, step.now),
            "comment_given" => proposal::comment_given(step.comment),
            "decision_recorded" => {
                if decision.is_some_and(|d| d.recorded) {
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

    async fn write(
        tx: &impl ConnectionTrait,
        record: &Self,
        _: &ProgrammeRecord,
        plan: &Plan,
        step: &Step<'_>,
        _: &Decision,
    ) -> AppResult<()> {
        store::set_state(
            tx,
            record.id,
            record.revision,
            &plan.from,
            &plan.to,
            plan.to == SUBMITTED,
            step.now,
        )
        .await
        .map_err(AppError::from_store("proposal"))
    }

    async fn notify(
        tx: &impl ConnectionTrait,
        app: &App,
        record: &Self,
        programme: &ProgrammeRecord,
        (plan, step, decision): (&Plan, &Step<'_>, &Decision),
        event: &str,
        to: &[String],
        dedupe: &str,
    ) -> AppResult<()> {
        let people = recipients(tx, to, record).await?;
        // The applicant's name, for the emails: read again only when
        // the applicant is not among those written to.
        let owner_name = match people.iter().find(|p| p.id == record.owner_id) {
            Some(owner) => owner.name.to_string(),
            None => user_store::find(tx, record.owner_id)
                .await?
                .map_or_else(String::new, |u| u.name.to_string()),
        };
        let timer_due = crate::steps::timer_due(plan, step);
        let reviewer_comments = if event.starts_with("decision_") {
            crate::reviews::comments_for_applicant(tx, record, programme).await?
        } else {
            Vec::new()
        };
        let mut letters = Vec::with_capacity(people.len());
        for recipient in &people {
            let facts = Letterhead {
                app,
                record,
                comment: step.comment,
                timer_due,
                applicant_name: &owner_name,
                is_owner: recipient.id == record.owner_id,
                award: decision.award,
                reviewer_comments: &reviewer_comments,
                now: step.now,
            };
            let letter = Letter {
                envelope: envelope(recipient, programme),
                notification: notification(event, &facts)?,
            };
            let dedupe_key = format!("{event}:{dedupe}:{}", recipient.id);
            letters.push((recipient, letter, dedupe_key));
        }
        crate::mail::enqueue_all(tx, app, (SUBJECT, record.id.uuid()), letters, step.now).await
    }

    async fn view(
        c: &impl ConnectionTrait,
        app: &App,
        actor: &Actor,
        record: Self,
    ) -> AppResult<ProposalView> {
        view_for(c, app, actor, record).await
    }

    async fn view_after(
        c: &impl ConnectionTrait,
        app: &App,
        actor: &Actor,
        _: ProposalId,
        moved: Moved<'_, Self>,
    ) -> AppResult<ProposalView> {
        // What the step wrote, without reading it back.
        let Moved {
            before,
            plan,
            now,
            running,
        } = moved;
        let submitted = plan.to == SUBMITTED;
        let updated = ProposalRecord {
            state: plan.to.clone(),
            revision: before.revision + 1,
            updated_at: now,
            submitted_at: if submitted {
                Some(now)
            } else {
                before.submitted_at
            },
            ..before
        };
        view_with(c, app, actor, updated, running).await
    }
}

use crate::names::proposal::{self as names, SUBMITTED};

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
    let (record, programme) = store::find_with_programme(tx, id)
        .await?
        .ok_or(AppError::NotFound("proposal"))?;
    let step = Step {
        actor,
        comment,
        comment_shared: true,
        deadline: None,
        now,
    };
    let taken = steps::take_inside(
        tx,
        app,
        (&record, &programme),
        transition,
        &step,
        &Decision::default(),
    )
    .await?;
    Ok(taken.is_ok())
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
    let step = Step {
        actor: Some(actor),
        comment,
        comment_shared: true,
        deadline: None,
        now,
    };
    let decision = Decision {
        recorded: true,
        award,
    };
    let taken =
        steps::take_inside(tx, app, (record, programme), transition, &step, &decision).await?;
    taken.map(|(plan, _)| plan).map_err(AppError::Blocked)
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
    /// The reviewers' comments for the applicant, for a decision's letter.
    reviewer_comments: &'a [String],
    now: DateTime<Utc>,
}

/// The letter the decision `event` (`decision_funded`, …) would send the
/// applicant now, rendered as it would be sent (their language, the
/// reviewers' comments where the programme sends them): for the manager to
/// read before recording decisions together. `None` for a deactivated
/// account, to which no letter goes.
pub(crate) async fn decision_letter(
    c: &impl ConnectionTrait,
    app: &App,
    (record, programme): (&ProposalRecord, &ProgrammeRecord),
    event: &str,
    award: Option<Money>,
) -> AppResult<Option<grants_notify::Rendered>> {
    let Some(owner) = user_store::find(c, record.owner_id)
        .await?
        .filter(|u| u.active)
    else {
        return Ok(None);
    };
    let reviewer_comments = crate::reviews::comments_for_applicant(c, record, programme).await?;
    let name = owner.name.to_string();
    let facts = Letterhead {
        app,
        record,
        comment: None,
        timer_due: None,
        applicant_name: &name,
        is_owner: true,
        award,
        reviewer_comments: &reviewer_comments,
        now: app.now(),
    };
    let letter = notification(event, &facts)?;
    app.templates
        .render(&letter, &envelope(&owner, programme), owner.locale)
        .map(Some)
        .map_err(|e| AppError::internal(format!("the decision letter cannot be rendered: {e}")))
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
            reviewer_comments: f.reviewer_comments.to_vec(),
        }),
        "decision_waitlisted" => {
            Notification::DecisionWaitlisted(grants_notify::DecisionWaitlisted {
                proposal_title,
                proposal_url,
                comment,
                reviewer_comments: f.reviewer_comments.to_vec(),
            })
        }
        "decision_declined" => Notification::DecisionDeclined(grants_notify::DecisionDeclined {
            proposal_title,
            proposal_url,
            comment,
            reviewer_comments: f.reviewer_comments.to_vec(),
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
