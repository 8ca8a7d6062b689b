//! Assigning reviewers: an optimal run over the whole programme (preview,
//! then commit), manual additions and removals, and the reviewer's answer.
//!
//! A run always keeps the assignments already made (repair): reviewers who
//! declined or were removed are excluded from their proposal, and only the
//! open slots are filled. The preview carries a fingerprint of everything it
//! was computed from; committing with a fingerprint that no longer matches
//! (assignments, profiles, bids, conflicts or proposals changed since) is
//! refused, so the chair commits exactly what they saw.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, Utc};
use grants_assignment::{self as solver, Forbidden, ForbiddenPair, Instance, ProposalNeed};
use grants_domain::review::BidLevel;
use grants_domain::{ProgrammeId, ProposalId, Role, UserId, ValidationErrors};
use grants_notify::{Letter, Notification};
use grants_store::ConnectionTrait;
use grants_store::audit::{self, AuditEntry};
use grants_store::programmes::ProgrammeRecord;
use grants_store::proposals::{self as proposal_store, ProposalRecord};
use grants_store::review::{
    self as store, AssignmentRecord, AssignmentScope, ReviewScope, assignment_state, review_state,
};
use grants_store::timers::{self, DueTimer};
use grants_store::users as user_store;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::jury::{JURY_RUNNERS, Jury, OPEN_FOR_REVIEW};
use crate::programmes::load_programme;
use crate::{Actor, App, AppError, AppResult};

/// The audit trail's and the timers' name for assignments.
pub(crate) const SUBJECT: &str = "review_assignment";
/// The proposal state while reviews are collected.
pub(crate) const IN_REVIEW: &str = crate::names::proposal::IN_REVIEW;
/// Timer kinds of an assignment, with the step each fires.
const REMINDER: (&str, &str) = ("review_reminder", "remind");
const OVERDUE: (&str, &str) = ("review_overdue", "mark_overdue");
/// Who runs assignment.
const ASSIGNERS: &[Role] = &[Role::JuryChair, Role::ProgrammeManager];

/// A proposal–reviewer pair named by hand.
#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PairInput {
    /// The proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: Uuid,
    /// The reviewer.
    #[schema(value_type = String, format = Uuid)]
    pub reviewer_id: Uuid,
}

/// Hand-made choices for an assignment run.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignmentRunInput {
    /// Pairs that must be in the result.
    #[serde(default)]
    pub pinned: Vec<PairInput>,
    /// Pairs that must not be.
    #[serde(default)]
    pub excluded: Vec<PairInput>,
    /// When committing: the fingerprint of the preview being committed.
    pub fingerprint: Option<String>,
}

/// A reviewer in a preview.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PreviewReviewer {
    /// The reviewer.
    #[schema(value_type = String, format = Uuid)]
    pub reviewer_id: UserId,
    /// Their name.
    pub name: String,
    /// How well they fit: bids plus shared expertise.
    pub affinity: i32,
    /// Pinned by hand in this run.
    pub pinned: bool,
    /// Already assigned before this run.
    pub existing: bool,
}

/// A proposal in a preview.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PreviewProposal {
    /// The proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// Its title.
    pub title: String,
    /// Its country.
    pub country: Option<String>,
    /// Its language.
    pub language: Option<String>,
    /// Reviewers it needs.
    pub needed: u16,
    /// Its reviewers after the run.
    pub reviewers: Vec<PreviewReviewer>,
    /// Slots left open.
    pub missing: u16,
    /// Why they are open, in English.
    pub unfilled_reason: Option<String>,
    /// Why they are open, as counts, to say it in another language.
    pub shortfall: Option<ShortfallView>,
}

/// Why a proposal could not get all its reviewers, as counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ShortfallView {
    /// Reviewers it needs in all.
    pub needed: u16,
    /// Its language, where it has one.
    pub language: Option<String>,
    /// Reviewers who read that language (the whole jury without one).
    pub readers: u32,
    /// Readers with a conflict of interest.
    pub conflicted: u32,
    /// Readers excluded by a programme manager.
    pub excluded: u32,
    /// Readers who may review it: neither conflicted nor excluded.
    pub eligible: u32,
    /// Reviewers assigned to it.
    pub assigned: u16,
    /// Eligible reviewers at their load cap.
    pub at_load_cap: u32,
}

impl From<&grants_assignment::Shortfall> for ShortfallView {
    fn from(s: &grants_assignment::Shortfall) -> Self {
        Self {
            needed: s.needed,
            language: s.language.map(|l| l.code().to_owned()),
            readers: s.readers,
            conflicted: s.conflicted,
            excluded: s.excluded,
            eligible: s.eligible(),
            assigned: s.assigned,
            at_load_cap: s.at_load_cap,
        }
    }
}

/// Why a reviewer stays under their minimum load, as counts.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnderMinView {
    /// Proposals they could review at all: readable and not forbidden.
    pub eligible_proposals: u32,
    /// Those proposals are fully staffed by others (rather than too few).
    pub others_fully_staffed: bool,
}

/// A reviewer's load in a preview.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PreviewLoad {
    /// The reviewer.
    #[schema(value_type = String, format = Uuid)]
    pub reviewer_id: UserId,
    /// Their name.
    pub name: String,
    /// Their assignments in the programme after the run, reviews of
    /// proposals already past review included: the figure the jury page shows.
    pub load: u16,
    /// Their minimum, counted the same way.
    pub min_load: u16,
    /// Their maximum, counted the same way (an unavailable reviewer's is
    /// what they have).
    pub max_load: u16,
    /// Why they stay under their minimum, if they do, in English.
    pub under_min_reason: Option<String>,
    /// The same, as counts, to say it in another language.
    pub under_min: Option<UnderMinView>,
}

/// What an assignment run would do.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssignmentPreview {
    /// Identifies the inputs; send it back to commit exactly this.
    pub fingerprint: String,
    /// The total affinity of all pairs.
    pub objective: i64,
    /// Review slots needed in all.
    pub slots_needed: u64,
    /// Slots filled after the run, existing assignments included.
    pub slots_filled: u64,
    /// Pairs the run adds.
    pub new_pairs: u64,
    /// Every proposal taking part, with its reviewers.
    pub proposals: Vec<PreviewProposal>,
    /// Every reviewer's load.
    pub loads: Vec<PreviewLoad>,
}

/// What committing a run did.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssignmentCommitted {
    /// Assignments created.
    pub created: u64,
    /// Proposals moved into review.
    pub proposals_started: u64,
    /// The run that was committed.
    pub preview: AssignmentPreview,
}

/// One round of assignment: the solver's instance and what it was built from.
struct Round {
    instance: Instance,
    /// Each reviewer's active assignments in the programme outside the
    /// round (reviews of proposals past review): the solver's loads leave
    /// them out, the loads people read count them.
    elsewhere: HashMap<UserId, u16>,
    kept: Vec<(ProposalId, UserId)>,
    proposals: Vec<ProposalRecord>,
    names: HashMap<UserId, String>,
    fingerprint: String,
}

fn bid_level(level: BidLevel) -> solver::BidLevel {
    match level {
        BidLevel::Eager => solver::BidLevel::Eager,
        BidLevel::Willing => solver::BidLevel::Willing,
        BidLevel::NotPreferred => solver::BidLevel::NotPreferred,
    }
}

/// Gathers the instance for `programme`: proposals open for review or in
/// review, available reviewers with a profile, conflicts, exclusions
/// (declined and removed pairs, and the caller's), bids, pins and the
/// assignments to keep.
async fn round(
    c: &impl ConnectionTrait,
    programme: &ProgrammeRecord,
    input: &AssignmentRunInput,
) -> AppResult<Round> {
    let jury = Jury::load(c, programme).await?;
    let proposals =
        proposal_store::in_programme(c, programme.id, &[OPEN_FOR_REVIEW, IN_REVIEW]).await?;
    let assignments = store::assignments(c, AssignmentScope::Programme(programme.id)).await?;
    let in_round = |p: ProposalId| proposals.iter().any(|x| x.id == p);
    let on_jury = |r: UserId| jury.member(r).is_some();
    let mut kept = Vec::new();
    let mut forbidden = Vec::new();
    // Active assignments in the round stay as they are; those on proposals
    // past review still take up the reviewer's load.
    let mut load_in_round: HashMap<UserId, u16> = HashMap::new();
    let mut load_elsewhere: HashMap<UserId, u16> = HashMap::new();
    for a in assignments.iter().filter(|a| on_jury(a.reviewer_id)) {
        match (a.is_active(), in_round(a.proposal_id)) {
            (true, true) => {
                kept.push((a.proposal_id, a.reviewer_id));
                *load_in_round.entry(a.reviewer_id).or_default() += 1;
            }
            (true, false) => *load_elsewhere.entry(a.reviewer_id).or_default() += 1,
            (false, true) => forbidden.push(ForbiddenPair {
                proposal: a.proposal_id,
                reviewer: a.reviewer_id,
                why: Forbidden::Excluded,
            }),
            (false, false) => {}
        }
    }
    let mut errors = ValidationErrors::default();
    let known_pair = |field: String, pair: &PairInput, errors: &mut ValidationErrors| {
        let proposal_known = proposals.iter().any(|p| p.id.uuid() == pair.proposal_id);
        let reviewer_known = jury
            .members
            .iter()
            .any(|m| m.user.id.uuid() == pair.reviewer_id);
        if !proposal_known {
            errors.push(
                format!("{field}.proposal_id"),
                "not_in_round",
                "the proposal is not open for review in this programme",
            );
        }
        if !reviewer_known {
            errors.push(
                format!("{field}.reviewer_id"),
                "not_on_the_jury",
                "the person has no reviewer profile for this programme",
            );
        }
        proposal_known && reviewer_known
    };
    for (i, pair) in input.excluded.iter().enumerate() {
        if known_pair(format!("excluded[{i}]"), pair, &mut errors) {
            forbidden.push(ForbiddenPair {
                proposal: pair.proposal_id.into(),
                reviewer: pair.reviewer_id.into(),
                why: Forbidden::Excluded,
            });
        }
    }
    let mut pinned = Vec::new();
    for (i, pair) in input.pinned.iter().enumerate() {
        if known_pair(format!("pinned[{i}]"), pair, &mut errors) {
            let pair = (
                ProposalId::from(pair.proposal_id),
                UserId::from(pair.reviewer_id),
            );
            if !kept.contains(&pair) && !pinned.contains(&pair) {
                pinned.push(pair);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    for proposal in &proposals {
        for member in &jury.members {
            if !jury.conflicts(proposal, member).is_empty() {
                let pair = (proposal.id, member.user.id);
                // A conflict that arose after assignment ends the assignment on commit.
                kept.retain(|k| *k != pair);
                forbidden.push(ForbiddenPair {
                    proposal: proposal.id,
                    reviewer: member.user.id,
                    why: Forbidden::Conflict,
                });
            }
        }
    }
    let needed = programme.spec.reviews_per_proposal;
    let instance = Instance {
        proposals: proposals
            .iter()
            .map(|p| ProposalNeed {
                id: p.id,
                needed,
                language: p.content.language,
                tags: p.content.tags.clone(),
            })
            .collect(),
        reviewers: jury
            .members
            .iter()
            .map(|m| {
                let current = load_in_round.get(&m.user.id).copied().unwrap_or(0);
                let elsewhere = load_elsewhere.get(&m.user.id).copied().unwrap_or(0);
                // An unavailable reviewer keeps what they have and takes nothing new.
                let max_load = if m.profile.available {
                    m.profile.max_load.saturating_sub(elsewhere).max(current)
                } else {
                    current
                };
                solver::ReviewerProfile {
                    id: m.user.id,
                    languages: m.profile.languages.clone(),
                    expertise: m.profile.expertise.clone(),
                    min_load: m.profile.min_load.saturating_sub(elsewhere).min(max_load),
                    max_load,
                }
            })
            .collect(),
        forbidden,
        pinned,
        bids: store::bids_in_programme(c, programme.id)
            .await?
            .into_iter()
            .filter(|b| in_round(b.proposal_id) && on_jury(b.reviewer_id))
            .map(|b| solver::Bid {
                proposal: b.proposal_id,
                reviewer: b.reviewer_id,
                level: bid_level(b.level),
            })
            .collect(),
        weights: solver::AffinityWeights::default(),
    };
    let fingerprint = {
        let json = serde_json::to_vec(&(&instance, &kept))
            .map_err(|e| AppError::internal(format!("cannot fingerprint the round: {e}")))?;
        let mut hasher = Sha256::new();
        hasher.update(&json);
        let digest = hasher.finalize();
        digest.iter().take(16).map(|b| format!("{b:02x}")).collect()
    };
    let names = jury
        .members
        .iter()
        .map(|m| (m.user.id, m.user.name.to_string()))
        .collect();
    Ok(Round {
        instance,
        elsewhere: load_elsewhere,
        kept,
        proposals,
        names,
        fingerprint,
    })
}

fn solve(round: &Round) -> AppResult<solver::Assignment> {
    solver::repair(&round.instance, &round.kept).map_err(|e| {
        AppError::Validation(ValidationErrors::single(
            "pinned",
            "not_assignable",
            e.to_string(),
        ))
    })
}

fn preview(round: &Round, result: &solver::Assignment) -> AssignmentPreview {
    let name = |id: &UserId| round.names.get(id).cloned().unwrap_or_default();
    let mut by_proposal: BTreeMap<ProposalId, Vec<PreviewReviewer>> = BTreeMap::new();
    for pair in &result.pairs {
        by_proposal
            .entry(pair.proposal)
            .or_default()
            .push(PreviewReviewer {
                reviewer_id: pair.reviewer,
                name: name(&pair.reviewer),
                affinity: pair.affinity,
                pinned: pair.pinned,
                existing: pair.kept,
            });
    }
    let needed = round.instance.proposals.first().map_or(0, |p| p.needed);
    let proposals: Vec<PreviewProposal> = round
        .proposals
        .iter()
        .map(|p| {
            let unfilled = result.unfilled.iter().find(|u| u.proposal == p.id);
            PreviewProposal {
                proposal_id: p.id,
                title: p.content.title.clone().unwrap_or_default(),
                country: p.content.country.map(|c| c.to_string()),
                language: p.content.language.map(|l| l.code().to_owned()),
                needed,
                reviewers: by_proposal.remove(&p.id).unwrap_or_default(),
                missing: unfilled.map_or(0, |u| u.missing),
                unfilled_reason: unfilled.map(|u| u.reason.to_string()),
                shortfall: unfilled.map(|u| ShortfallView::from(&u.reason)),
            }
        })
        .collect();
    let loads = result
        .loads
        .iter()
        .map(|l| {
            // As the jury page counts them: the whole programme, reviews of
            // proposals past review included, against the profile's limits.
            let done = round.elsewhere.get(&l.reviewer).copied().unwrap_or(0);
            let under = result
                .under_min_load
                .iter()
                .find(|u| u.reviewer == l.reviewer)
                .map(|u| grants_assignment::UnderMinLoad {
                    load: u.load.saturating_add(done),
                    min_load: u.min_load.saturating_add(done),
                    // The proposals of the programme they can review or did.
                    eligible_proposals: u.eligible_proposals.saturating_add(u32::from(done)),
                    reviewer: u.reviewer,
                });
            PreviewLoad {
                reviewer_id: l.reviewer,
                name: name(&l.reviewer),
                load: l.load.saturating_add(done),
                min_load: l.min_load.saturating_add(done),
                max_load: l.max_load.saturating_add(done),
                under_min: under.as_ref().map(|u| UnderMinView {
                    eligible_proposals: u.eligible_proposals,
                    others_fully_staffed: u.eligible_proposals >= u32::from(u.min_load),
                }),
                under_min_reason: under.map(|u| u.to_string()),
            }
        })
        .collect();
    AssignmentPreview {
        fingerprint: round.fingerprint.clone(),
        objective: result.objective,
        slots_needed: round
            .instance
            .proposals
            .iter()
            .map(|p| u64::from(p.needed))
            .sum(),
        slots_filled: result.filled() as u64,
        new_pairs: result.pairs.iter().filter(|p| !p.kept).count() as u64,
        proposals,
        loads,
    }
}

/// Runs an assignment without changing anything.
#[tracing::instrument(skip_all, fields(actor = %actor.id, programme.id = %programme_id))]
pub async fn preview_run(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
    input: AssignmentRunInput,
) -> AppResult<AssignmentPreview> {
    actor.require_any(ASSIGNERS, "run_reviewer_assignment")?;
    let c = app.store.conn();
    let programme = load_programme(c, programme_id).await?;
    let round = round(c, &programme, &input).await?;
    let result = solve(&round)?;
    Ok(preview(&round, &result))
}

/// Commits a previewed run: creates the new assignments with their due
/// dates and timers, emails the reviewers, and starts the review of the
/// proposals that got reviewers.
#[tracing::instrument(skip_all, fields(actor = %actor.id, programme.id = %programme_id))]
pub async fn commit_run(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
    input: AssignmentRunInput,
) -> AppResult<AssignmentCommitted> {
    actor.require_any(ASSIGNERS, "run_reviewer_assignment")?;
    let Some(expected) = input.fingerprint.clone() else {
        return Err(ValidationErrors::single(
            "fingerprint",
            "required",
            "send the fingerprint of the preview you are committing",
        )
        .into());
    };
    let tx = app.store.begin().await?;
    let programme = load_programme(&tx, programme_id).await?;
    let round = round(&tx, &programme, &input).await?;
    if round.fingerprint != expected {
        return Err(AppError::conflict("assignment-preview-stale").done());
    }
    let result = solve(&round)?;
    let now = app.now();
    // Assignments whose pair became conflicted since they were made end now.
    for a in store::assignments(&tx, AssignmentScope::Programme(programme_id)).await? {
        let conflicted = a.is_active() && !round.kept.contains(&(a.proposal_id, a.reviewer_id));
        if conflicted {
            withdraw(
                &tx,
                &a,
                assignment_state::REMOVED,
                "conflict of interest",
                now,
            )
            .await?;
        }
    }
    let mut created = 0;
    for pair in result.pairs.iter().filter(|p| !p.kept) {
        create(
            &tx,
            app,
            &programme,
            pair.proposal,
            pair.reviewer,
            actor,
            now,
        )
        .await?;
        created += 1;
    }
    let mut started = 0;
    for proposal in &round.proposals {
        let staffed = result.pairs.iter().any(|p| p.proposal == proposal.id);
        if proposal.state == OPEN_FOR_REVIEW
            && staffed
            && crate::proposals::advance(
                &tx,
                app,
                proposal.id,
                crate::names::proposal::START_REVIEW,
                Some(actor),
                None,
                now,
            )
            .await?
        {
            started += 1;
        }
    }
    audit::record(
        &tx,
        AuditEntry {
            actor: Some(actor.id),
            action: "assignment.committed",
            subject_type: crate::jury::JURY_SUBJECT,
            subject_id: programme_id.uuid(),
            details: serde_json::json!({
                "fingerprint": round.fingerprint,
                "objective": result.objective,
                "created": created,
                "unfilled": result.missing(),
            }),
        },
        now,
    )
    .await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(AssignmentCommitted {
        created,
        proposals_started: started,
        preview: preview(&round, &result),
    })
}

/// Creates one assignment with its due date, timers and email.
async fn create(
    tx: &impl ConnectionTrait,
    app: &App,
    programme: &ProgrammeRecord,
    proposal: ProposalId,
    reviewer: UserId,
    actor: &Actor,
    now: DateTime<Utc>,
) -> AppResult<AssignmentRecord> {
    let settings = programme.spec.review;
    let due_at = now + Duration::days(settings.review_days.into());
    let assignment = store::assign(
        tx,
        programme.id,
        proposal,
        reviewer,
        due_at,
        Some(actor.id),
        now,
    )
    .await
    .map_err(AppError::from_store("assignment"))?;
    if settings.reminder_days_before > 0 {
        let remind_at = due_at - Duration::days(settings.reminder_days_before.into());
        timers::start(
            tx,
            SUBJECT,
            assignment.id,
            REMINDER.0,
            REMINDER.1,
            remind_at,
            now,
        )
        .await?;
    }
    timers::start(
        tx,
        SUBJECT,
        assignment.id,
        OVERDUE.0,
        OVERDUE.1,
        due_at,
        now,
    )
    .await?;
    audit::record(
        tx,
        AuditEntry {
            actor: Some(actor.id),
            action: "assignment.created",
            subject_type: SUBJECT,
            subject_id: assignment.id,
            details: serde_json::json!({
                "proposal": proposal, "reviewer": reviewer, "due_at": due_at,
            }),
        },
        now,
    )
    .await?;
    notify(
        tx,
        app,
        programme,
        &assignment,
        AssignmentMail::Assigned,
        now,
    )
    .await?;
    Ok(assignment)
}

/// Ends an assignment (declined or removed) and its timers, inside the caller's transaction.
pub(crate) async fn withdraw(
    tx: &impl ConnectionTrait,
    assignment: &AssignmentRecord,
    state: &str,
    reason: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    store::set_assignment_state(
        tx,
        assignment.id,
        assignment.revision,
        state,
        Some(reason),
        now,
    )
    .await
    .map_err(AppError::from_store("assignment"))?;
    for (kind, _) in [REMINDER, OVERDUE] {
        timers::cancel(tx, SUBJECT, assignment.id, kind, now).await?;
    }
    audit::record(
        tx,
        AuditEntry {
            actor: None,
            action: "assignment.ended",
            subject_type: SUBJECT,
            subject_id: assignment.id,
            details: serde_json::json!({ "state": state, "reason": reason }),
        },
        now,
    )
    .await?;
    Ok(())
}

/// The emails about an assignment.
#[derive(Debug, Clone, Copy)]
enum AssignmentMail {
    Assigned,
    Reminder,
    Overdue,
}

async fn notify(
    tx: &impl ConnectionTrait,
    app: &App,
    programme: &ProgrammeRecord,
    assignment: &AssignmentRecord,
    mail: AssignmentMail,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let Some(reviewer) = user_store::find(tx, assignment.reviewer_id)
        .await?
        .filter(|u| u.active)
    else {
        return Ok(());
    };
    let title = proposal_store::find(tx, assignment.proposal_id)
        .await?
        .and_then(|p| p.content.title)
        .unwrap_or_default();
    let review_url = app.link("/app/assignments");
    let due_at = assignment.due_at;
    let (event, notification) = match mail {
        AssignmentMail::Assigned => (
            "review_assigned",
            Notification::ReviewAssigned(grants_notify::ReviewAssigned {
                proposal_title: title,
                review_url,
                due_at,
            }),
        ),
        AssignmentMail::Reminder => (
            "review_reminder",
            Notification::ReviewReminder(grants_notify::ReviewReminder {
                proposal_title: title,
                review_url,
                due_at,
            }),
        ),
        AssignmentMail::Overdue => (
            "review_overdue",
            Notification::ReviewOverdue(grants_notify::ReviewOverdue {
                proposal_title: title,
                review_url,
                due_at,
            }),
        ),
    };
    let letter = Letter {
        envelope: crate::proposals::envelope(&reviewer, programme),
        notification,
    };
    // One email per assignment, event and due date: a retried step or a
    // second instance firing the same timer does not send it twice.
    let dedupe_key = format!("{event}:{}:{}", assignment.id, due_at.timestamp());
    crate::mail::enqueue(
        tx,
        app,
        &reviewer,
        (SUBJECT, assignment.id),
        letter,
        dedupe_key,
        now,
    )
    .await
}

/// An assignment as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssignmentView {
    /// Its id.
    pub id: Uuid,
    /// The programme.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// The proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// The proposal's title.
    pub proposal_title: String,
    /// The reviewer.
    #[schema(value_type = String, format = Uuid)]
    pub reviewer_id: UserId,
    /// Their name.
    pub reviewer_name: String,
    /// `invited`, `accepted`, `declined` or `removed`.
    pub state: String,
    /// When the review is due.
    pub due_at: DateTime<Utc>,
    /// True when the review is late.
    pub overdue: bool,
    /// Why it was declined or removed.
    pub reason: Option<String>,
    /// The review's state: absent before it is started, then `draft` or `submitted`.
    pub review_state: Option<String>,
    /// For optimistic concurrency.
    pub revision: i64,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

/// One assignment's view.
async fn view(c: &impl ConnectionTrait, a: AssignmentRecord) -> AppResult<AssignmentView> {
    let shown = Shown::read(c, std::slice::from_ref(&a)).await?;
    Ok(view_with(a, &shown))
}

/// Every assignment's view, reading what they show in three queries
/// however many there are.
async fn views(
    c: &impl ConnectionTrait,
    assignments: Vec<AssignmentRecord>,
) -> AppResult<Vec<AssignmentView>> {
    let shown = Shown::read(c, &assignments).await?;
    Ok(assignments
        .into_iter()
        .map(|a| view_with(a, &shown))
        .collect())
}

/// What an assignment's view shows from elsewhere: its proposal's title,
/// its reviewer's name and how far the review has got.
struct Shown {
    titles: HashMap<ProposalId, String>,
    names: HashMap<UserId, String>,
    reviews: HashMap<Uuid, String>,
}

impl Shown {
    async fn read(c: &impl ConnectionTrait, assignments: &[AssignmentRecord]) -> AppResult<Shown> {
        let mut proposals: Vec<ProposalId> = assignments.iter().map(|a| a.proposal_id).collect();
        proposals.sort_unstable();
        proposals.dedup();
        let titles = proposal_store::titles(c, &proposals).await?;
        let names = crate::users::names(c, assignments.iter().map(|a| a.reviewer_id)).await?;
        let ids: Vec<Uuid> = assignments.iter().map(|a| a.id).collect();
        let reviews = store::review_states(c, &ids).await?;
        Ok(Shown {
            titles,
            names,
            reviews,
        })
    }
}

fn view_with(a: AssignmentRecord, shown: &Shown) -> AssignmentView {
    let title = shown
        .titles
        .get(&a.proposal_id)
        .cloned()
        .unwrap_or_default();
    let reviewer_name = shown.names.get(&a.reviewer_id).cloned().unwrap_or_default();
    let review_state = shown.reviews.get(&a.id).cloned();
    let overdue = a.is_active()
        && review_state.as_deref() != Some(review_state::SUBMITTED)
        && a.due_at <= Utc::now();
    AssignmentView {
        id: a.id,
        programme_id: a.programme_id,
        proposal_id: a.proposal_id,
        proposal_title: title,
        reviewer_id: a.reviewer_id,
        reviewer_name,
        state: a.state,
        due_at: a.due_at,
        overdue,
        reason: a.reason,
        review_state,
        revision: a.revision,
        created_at: a.created_at,
    }
}

/// The assignment, if the actor is its reviewer or runs the jury; a 404 otherwise.
pub(crate) async fn load_visible(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> AppResult<AssignmentRecord> {
    store::find_assignment(c, id)
        .await?
        .filter(|a| a.reviewer_id == actor.id || actor.has_any(JURY_RUNNERS))
        .ok_or(AppError::NotFound("assignment"))
}

/// One assignment.
pub async fn get(app: &App, actor: &Actor, id: Uuid) -> AppResult<AssignmentView> {
    let c = app.store.conn();
    let a = load_visible(c, actor, id).await?;
    view(c, a).await
}

/// The actor's own assignments, across programmes, newest first.
pub async fn mine(app: &App, actor: &Actor) -> AppResult<Vec<AssignmentView>> {
    let c = app.store.conn();
    let mut mine = store::assignments(c, AssignmentScope::Reviewer(actor.id)).await?;
    mine.reverse();
    views(c, mine).await
}

/// Every assignment of a programme, for those who run the jury.
pub async fn in_programme(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
) -> AppResult<Vec<AssignmentView>> {
    actor.require_any(JURY_RUNNERS, "see_the_assignments")?;
    let c = app.store.conn();
    load_programme(c, programme_id).await?;
    views(
        c,
        store::assignments(c, AssignmentScope::Programme(programme_id)).await?,
    )
    .await
}

/// Every assignment of a programme with its review's progress, for a
/// download (those who run the jury).
pub async fn table(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
) -> AppResult<crate::export::Table> {
    use crate::export::{Cell, Table};
    let mut table = Table::new(
        "assignments",
        &[
            "proposal_id",
            "proposal",
            "reviewer",
            "assignment",
            "due_at",
            "overdue",
            "review",
            "reason",
            "created_at",
        ],
    );
    table.rows = in_programme(app, actor, programme_id)
        .await?
        .into_iter()
        .map(|a| {
            vec![
                Cell::text(a.proposal_id.to_string()),
                Cell::text(a.proposal_title),
                Cell::text(a.reviewer_name),
                Cell::Term({
                    use assignment_state::{ACCEPTED, DECLINED, INVITED, REMOVED};
                    [INVITED, ACCEPTED, DECLINED]
                        .into_iter()
                        .find(|s| *s == a.state)
                        .unwrap_or(REMOVED)
                }),
                Cell::Moment(a.due_at),
                Cell::Flag(a.overdue),
                Cell::Term(match a.review_state.as_deref() {
                    Some(review_state::SUBMITTED) => "review_submitted",
                    Some(_) => "review_draft",
                    None => "review_not_started",
                }),
                Cell::maybe(a.reason),
                Cell::Moment(a.created_at),
            ]
        })
        .collect();
    Ok(table)
}

/// Assigns a reviewer by hand; the hard rules (conflicts, language, load
/// cap) hold as in a run.
#[tracing::instrument(skip_all, fields(actor = %actor.id, programme.id = %programme_id))]
pub async fn add(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
    pair: PairInput,
) -> AppResult<AssignmentView> {
    actor.require_any(ASSIGNERS, "assign_reviewers")?;
    let tx = app.store.begin().await?;
    let programme = load_programme(&tx, programme_id).await?;
    let proposal = proposal_store::find(&tx, pair.proposal_id.into())
        .await?
        .filter(|p| p.programme_id == programme_id && p.state != proposal_store::DRAFT)
        .ok_or_else(|| {
            AppError::Validation(ValidationErrors::single(
                "proposal_id",
                "unknown_proposal",
                "no such proposal in this programme",
            ))
        })?;
    if ![OPEN_FOR_REVIEW, IN_REVIEW].contains(&proposal.state.as_str()) {
        return Err(AppError::conflict("assignment-proposal-state")
            .with("proposal_state", &proposal.state)
            .done());
    }
    let jury = Jury::load(&tx, &programme).await?;
    let reviewer = UserId::from(pair.reviewer_id);
    let member = jury.member(reviewer).ok_or_else(|| {
        AppError::Validation(ValidationErrors::single(
            "reviewer_id",
            "not_on_the_jury",
            "the person has no reviewer profile for this programme",
        ))
    })?;
    let conflicts = jury.conflicts(&proposal, member);
    if !conflicts.is_empty() {
        let kinds: Vec<&str> = conflicts.iter().map(|k| k.as_str()).collect();
        return Err(AppError::conflict("reviewer-conflicted")
            .with("kinds", kinds.join(", "))
            .done());
    }
    if !member.profile.reads(proposal.content.language) {
        return Err(ValidationErrors::single(
            "reviewer_id",
            "language_not_read",
            format!(
                "the reviewer does not read {}",
                proposal
                    .content
                    .language
                    .map_or_else(String::new, solver::language_name)
            ),
        )
        .into());
    }
    let load = store::assignments(&tx, AssignmentScope::Reviewer(reviewer))
        .await?
        .iter()
        .filter(|a| a.programme_id == programme_id && a.is_active())
        .count();
    if load >= usize::from(member.profile.max_load) {
        return Err(AppError::conflict("reviewer-at-cap")
            .with("cap", member.profile.max_load)
            .done());
    }
    if let Some(existing) = store::find_assignment_pair(&tx, proposal.id, reviewer).await? {
        if existing.is_active() {
            return Err(AppError::Duplicate {
                field: "reviewer_id",
            });
        }
        if existing.state == assignment_state::DECLINED {
            return Err(AppError::conflict("reviewer-declined").done());
        }
    }
    let now = app.now();
    let created = create(&tx, app, &programme, proposal.id, reviewer, actor, now).await?;
    if proposal.state == OPEN_FOR_REVIEW {
        crate::proposals::advance(
            &tx,
            app,
            proposal.id,
            crate::names::proposal::START_REVIEW,
            Some(actor),
            None,
            now,
        )
        .await?;
    }
    let shown = view(&tx, created).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

/// Why an assignment ends.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndAssignmentInput {
    /// Why; required.
    pub reason: Option<String>,
    /// The revision being answered (or send it in If-Match).
    pub revision: Option<i64>,
}

/// Answering an assignment.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptAssignmentInput {
    /// The revision being answered (or send it in If-Match).
    pub revision: Option<i64>,
}

fn required_reason(raw: Option<&str>) -> AppResult<String> {
    let reason = raw
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .ok_or_else(|| {
            ValidationErrors::single("reason", "required", "say why, in a sentence or two")
        })?;
    if reason.chars().count() > 2_000 {
        return Err(
            ValidationErrors::single("reason", "too_long", "at most 2000 characters").into(),
        );
    }
    Ok(reason.to_owned())
}

fn check_revision(a: &AssignmentRecord, sent: Option<i64>) -> AppResult<()> {
    match sent {
        Some(r) if r != a.revision => Err(AppError::StaleRevision {
            what: "assignment",
            current: a.revision,
        }),
        _ => Ok(()),
    }
}

async fn has_submitted_review(c: &impl ConnectionTrait, a: &AssignmentRecord) -> AppResult<bool> {
    Ok(store::find_review(c, a.id)
        .await?
        .is_some_and(|r| r.state == review_state::SUBMITTED))
}

/// The chair or a manager takes an assignment back (not once its review is submitted).
#[tracing::instrument(skip_all, fields(actor = %actor.id, assignment.id = %id))]
pub async fn remove(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: EndAssignmentInput,
    if_match: Option<i64>,
) -> AppResult<AssignmentView> {
    actor.require_any(ASSIGNERS, "remove_reviewers")?;
    end(app, actor, id, (input, if_match), assignment_state::REMOVED).await
}

/// Ends an active assignment whose review is not submitted: removed by the
/// chair or a manager, or declined by its reviewer.
async fn end(
    app: &App,
    actor: &Actor,
    id: Uuid,
    (input, if_match): (EndAssignmentInput, Option<i64>),
    state: &str,
) -> AppResult<AssignmentView> {
    let reason = required_reason(input.reason.as_deref())?;
    let tx = app.store.begin().await?;
    let load = |c| async move {
        if state == assignment_state::DECLINED {
            own(c, actor, id).await
        } else {
            load_visible(c, actor, id).await
        }
    };
    let a = load(&tx).await?;
    check_revision(&a, if_match.or(input.revision))?;
    if !a.is_active() {
        return Err(AppError::conflict("assignment-already")
            .with("assignment_state", &a.state)
            .done());
    }
    if has_submitted_review(&tx, &a).await? {
        return Err(AppError::conflict("review-submitted-chair-reopens").done());
    }
    let now = app.now();
    withdraw(&tx, &a, state, &reason, now).await?;
    let updated = load(&tx).await?;
    let shown = view(&tx, updated).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

/// The reviewer takes an assignment on.
#[tracing::instrument(skip_all, fields(actor = %actor.id, assignment.id = %id))]
pub async fn accept(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: AcceptAssignmentInput,
    if_match: Option<i64>,
) -> AppResult<AssignmentView> {
    let tx = app.store.begin().await?;
    let a = own(&tx, actor, id).await?;
    check_revision(&a, if_match.or(input.revision))?;
    match a.state.as_str() {
        assignment_state::ACCEPTED => {}
        assignment_state::INVITED => {
            let now = app.now();
            store::set_assignment_state(
                &tx,
                a.id,
                a.revision,
                assignment_state::ACCEPTED,
                None,
                now,
            )
            .await
            .map_err(AppError::from_store("assignment"))?;
            audit::record(
                &tx,
                AuditEntry {
                    actor: Some(actor.id),
                    action: "assignment.accepted",
                    subject_type: SUBJECT,
                    subject_id: a.id,
                    details: serde_json::json!({}),
                },
                now,
            )
            .await?;
        }
        other => {
            return Err(AppError::conflict("assignment-is")
                .with("assignment_state", other)
                .done());
        }
    }
    let updated = own(&tx, actor, id).await?;
    let shown = view(&tx, updated).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

/// The reviewer declines an assignment, with a reason; the chair fills the
/// gap with the next run, which keeps everyone else where they are.
#[tracing::instrument(skip_all, fields(actor = %actor.id, assignment.id = %id))]
pub async fn decline(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: EndAssignmentInput,
    if_match: Option<i64>,
) -> AppResult<AssignmentView> {
    end(
        app,
        actor,
        id,
        (input, if_match),
        assignment_state::DECLINED,
    )
    .await
}

/// The actor's own assignment; a 404 for anyone else's.
pub(crate) async fn own(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> AppResult<AssignmentRecord> {
    store::find_assignment(c, id)
        .await?
        .filter(|a| a.reviewer_id == actor.id)
        .ok_or(AppError::NotFound("assignment"))
}

/// Fires a claimed assignment timer: a reminder or an overdue notice, only
/// while the assignment is active and its review not submitted.
pub(crate) async fn fire_timer(app: &App, owner: &str, timer: &DueTimer) -> AppResult<String> {
    let tx = app.store.begin().await?;
    let now = app.now();
    let outcome = match store::find_assignment(&tx, timer.subject_id).await? {
        None => "skipped: the assignment no longer exists".to_owned(),
        Some(a) if !a.is_active() => format!("skipped: the assignment is {}", a.state),
        Some(a) if has_submitted_review(&tx, &a).await? => {
            "skipped: the review is submitted".to_owned()
        }
        Some(a) => {
            let mail = if timer.kind == REMINDER.0 {
                AssignmentMail::Reminder
            } else {
                AssignmentMail::Overdue
            };
            let programme = load_programme(&tx, a.programme_id).await?;
            notify(&tx, app, &programme, &a, mail, now).await?;
            format!("sent: {}", timer.kind)
        }
    };
    if !timers::complete(&tx, timer.id, owner, &outcome, now).await? {
        return Ok("lease lost".into());
    }
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(outcome)
}

/// Reviews submitted so far on each of the programme's proposals, and the
/// assignments still waiting; for moving proposals to `reviewed`.
pub(crate) async fn review_complete(
    c: &impl ConnectionTrait,
    programme: &ProgrammeRecord,
    proposal: ProposalId,
) -> AppResult<bool> {
    let assignments = store::assignments(c, AssignmentScope::Proposal(proposal)).await?;
    let reviews = store::reviews(c, ReviewScope::Proposal(proposal)).await?;
    let submitted = |a: &AssignmentRecord| {
        reviews
            .iter()
            .any(|r| r.assignment_id == a.id && r.state == review_state::SUBMITTED)
    };
    let active: Vec<&AssignmentRecord> = assignments.iter().filter(|a| a.is_active()).collect();
    let done = active.iter().filter(|a| submitted(a)).count();
    Ok(done == active.len() && done >= usize::from(programme.spec.reviews_per_proposal))
}
