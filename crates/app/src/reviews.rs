//! Reviews: the reviewer's scores and comments on an assigned proposal,
//! and the ranking the chair builds from them.
//!
//! A review is saved as a draft as often as the reviewer likes, then
//! submitted once; only the jury chair can reopen it. Scores are checked
//! against the programme's rubric ([`grants_scoring::sheet`]). When every
//! active reviewer of a proposal has submitted and it has the reviews the
//! programme asks for, the proposal moves to `reviewed` by itself.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use grants_domain::review::Recommendation;
use grants_domain::{ProgrammeId, ProposalId, Role, UserId, ValidationErrors};
use grants_notify::{Letter, Notification};
use grants_scoring::ranking::{self, Normalisation, RankedProposal, RankingInput, RankingSettings};
use grants_scoring::sheet::{self, Completeness, CriterionScore, ScoreSheetInput};
use grants_store::ConnectionTrait;
use grants_store::audit::{self, AuditEntry};
use grants_store::programmes::ProgrammeRecord;
use grants_store::proposals::{self as proposal_store, ProposalRecord};
use grants_store::review::{
    self as store, AssignmentRecord, ReviewContent, ReviewRecord, ReviewScope, assignment_state,
    review_state,
};
use grants_store::users as user_store;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::assignments::{self, IN_REVIEW};
use crate::jury::{JURY_RUNNERS, Jury};
use crate::names::proposal;
use crate::programmes::load_programme;
use crate::{Actor, App, AppError, AppResult};

/// Proposal states that appear in the ranking.
const RANKED_STATES: &[&str] = &[
    IN_REVIEW,
    proposal::REVIEWED,
    proposal::WAITLISTED,
    proposal::FUNDED,
    proposal::DECLINED,
];
/// Proposal states in which the applicant reads the reviewers' comments to them.
const DECIDED_STATES: &[&str] = &[proposal::WAITLISTED, proposal::FUNDED, proposal::DECLINED];
/// The longest comment.
const MAX_COMMENT_CHARS: usize = 20_000;

/// What a reviewer writes; omitted fields keep their value.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewInput {
    /// Criterion key → whole-number score, or `"n/a"` where the criterion allows it.
    #[schema(value_type = Option<BTreeMap<String, serde_json::Value>>)]
    pub scores: Option<ScoreSheetInput>,
    /// Fund, fund with changes, or do not fund.
    pub recommendation: Option<Recommendation>,
    /// What the applicant will read.
    pub comment_for_applicant: Option<String>,
    /// What only the jury reads.
    pub comment_for_jury: Option<String>,
    /// The revision being edited (or send it in If-Match); leave out for a new review.
    pub revision: Option<i64>,
}

/// Submitting or reopening a review.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewStepInput {
    /// The revision the step is based on (or send it in If-Match).
    pub revision: Option<i64>,
    /// Why (reopening only; required there).
    pub reason: Option<String>,
}

/// A review as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewView {
    /// The assignment it belongs to.
    pub assignment_id: Uuid,
    /// The proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// The reviewer; hidden from the applicant.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub reviewer_id: Option<UserId>,
    /// The reviewer's name; hidden from the applicant.
    pub reviewer_name: Option<String>,
    /// `not_started`, `draft` or `submitted`.
    pub state: String,
    /// Criterion key → score or `"n/a"`.
    #[schema(value_type = BTreeMap<String, serde_json::Value>)]
    pub scores: BTreeMap<String, CriterionScore>,
    /// The weighted score in points of 100, once every criterion is answered.
    pub weighted_score: Option<f64>,
    /// The overall recommendation.
    pub recommendation: Option<Recommendation>,
    /// For the applicant.
    pub comment_for_applicant: Option<String>,
    /// For the jury only; hidden from the applicant.
    pub comment_for_jury: Option<String>,
    /// For optimistic concurrency (0 before the review is started).
    pub revision: i64,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it last changed.
    pub updated_at: Option<DateTime<Utc>>,
    /// What the reader may do with it now.
    pub may: ReviewPermissions,
}

/// What the reader of a review may do with it now, so that a page need not
/// know the rules.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct ReviewPermissions {
    /// Write and submit it: its reviewer, while the assignment is active
    /// and the review not yet submitted.
    pub write: bool,
    /// Accept or decline the assignment: its reviewer, while invited.
    pub answer: bool,
}

impl ReviewPermissions {
    fn of(actor: &Actor, assignment: &AssignmentRecord, record: Option<&ReviewRecord>) -> Self {
        let own = actor.id == assignment.reviewer_id;
        let submitted = record.is_some_and(|r| r.state == review_state::SUBMITTED);
        Self {
            write: own && assignment.is_active() && !submitted,
            answer: own && assignment.state == assignment_state::INVITED,
        }
    }
}

fn stored_scores(record: &ReviewRecord) -> AppResult<ScoreSheetInput> {
    serde_json::from_value(record.scores.clone())
        .map_err(|e| AppError::internal(format!("stored review scores do not parse: {e}")))
}

fn recommendation(record: &ReviewRecord) -> Option<Recommendation> {
    record
        .recommendation
        .as_deref()
        .and_then(|r| serde_json::from_value(serde_json::Value::String(r.to_owned())).ok())
}

fn recommendation_name(r: Recommendation) -> String {
    serde_json::to_value(r)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

async fn view(
    c: &impl ConnectionTrait,
    actor: &Actor,
    programme: &ProgrammeRecord,
    assignment: &AssignmentRecord,
    record: Option<ReviewRecord>,
) -> AppResult<ReviewView> {
    let may = ReviewPermissions::of(actor, assignment, record.as_ref());
    let name = user_store::find(c, assignment.reviewer_id)
        .await?
        .map(|u| u.name.to_string());
    let Some(record) = record else {
        return Ok(ReviewView {
            assignment_id: assignment.id,
            proposal_id: assignment.proposal_id,
            reviewer_id: Some(assignment.reviewer_id),
            reviewer_name: name,
            state: "not_started".into(),
            scores: BTreeMap::new(),
            weighted_score: None,
            recommendation: None,
            comment_for_applicant: None,
            comment_for_jury: None,
            revision: 0,
            submitted_at: None,
            updated_at: None,
            may,
        });
    };
    let scores = stored_scores(&record)?;
    let weighted_score =
        sheet::validate_sheet(&programme.spec.rubric, &scores, Completeness::Submission)
            .ok()
            .and_then(|s| sheet::weighted_score(&programme.spec.rubric, &s));
    Ok(ReviewView {
        assignment_id: assignment.id,
        proposal_id: assignment.proposal_id,
        reviewer_id: Some(assignment.reviewer_id),
        reviewer_name: name,
        state: record.state.clone(),
        scores,
        weighted_score,
        recommendation: recommendation(&record),
        comment_for_applicant: record.comment_for_applicant.clone(),
        comment_for_jury: record.comment_for_jury.clone(),
        revision: record.revision,
        submitted_at: record.submitted_at,
        updated_at: Some(record.updated_at),
        may,
    })
}

/// The review of an assignment: its reviewer, or those who run the jury.
pub async fn get(app: &App, actor: &Actor, assignment_id: Uuid) -> AppResult<ReviewView> {
    let c = app.store.conn();
    let assignment = assignments::load_visible(c, actor, assignment_id).await?;
    let programme = load_programme(c, assignment.programme_id).await?;
    let record = store::find_review(c, assignment.id).await?;
    view(c, actor, &programme, &assignment, record).await
}

/// Everything a reviewer's scoring page shows: the assignment, the review,
/// the programme's rubric, and the proposal to read beside the score sheet.
#[derive(Debug, Clone)]
pub struct ReviewPage {
    /// The assignment, with its state and due date.
    pub assignment: assignments::AssignmentView,
    /// The review as far as it is written.
    pub review: ReviewView,
    /// The programme, for its rubric.
    pub programme: crate::programmes::ProgrammeView,
    /// The proposal as the reviewer may read it; `None` once she no longer
    /// may (she declined, or was released from it).
    pub proposal: Option<crate::proposals::ProposalView>,
}

/// The scoring page of one of the actor's assignments.
pub async fn page(app: &App, actor: &Actor, assignment_id: Uuid) -> AppResult<ReviewPage> {
    let assignment = assignments::get(app, actor, assignment_id).await?;
    let review = get(app, actor, assignment_id).await?;
    let programme = crate::programmes::get(app, actor, assignment.programme_id).await?;
    let proposal = match crate::proposals::get(app, actor, assignment.proposal_id).await {
        Ok(proposal) => Some(proposal),
        Err(AppError::Forbidden(_) | AppError::NotFound(_)) => None,
        Err(other) => return Err(other),
    };
    Ok(ReviewPage {
        assignment,
        review,
        programme,
        proposal,
    })
}

fn comment(field: &str, raw: Option<String>) -> AppResult<Option<String>> {
    let Some(text) = raw else {
        return Ok(None);
    };
    let text = text.trim();
    if text.chars().count() > MAX_COMMENT_CHARS {
        return Err(ValidationErrors::single(
            field,
            "too_long",
            format!("at most {MAX_COMMENT_CHARS} characters"),
        )
        .into());
    }
    Ok(Some(text.to_owned()))
}

/// The actor's own assignment, while it is active, and its programme.
async fn own_active(
    c: &impl ConnectionTrait,
    actor: &Actor,
    assignment_id: Uuid,
) -> AppResult<(AssignmentRecord, ProgrammeRecord)> {
    let assignment = assignments::own(c, actor, assignment_id).await?;
    if !assignment.is_active() {
        return Err(AppError::conflict("assignment-is")
            .with("assignment_state", &assignment.state)
            .done());
    }
    let programme = load_programme(c, assignment.programme_id).await?;
    Ok((assignment, programme))
}

/// The reviewer saves their review as a draft (starting it on first save,
/// which also accepts the assignment).
#[tracing::instrument(skip_all, fields(actor = %actor.id, assignment.id = %assignment_id))]
pub async fn save(
    app: &App,
    actor: &Actor,
    assignment_id: Uuid,
    input: ReviewInput,
    if_match: Option<i64>,
) -> AppResult<ReviewView> {
    let tx = app.store.begin().await?;
    let (assignment, programme) = own_active(&tx, actor, assignment_id).await?;
    let existing = store::find_review(&tx, assignment.id).await?;
    if existing
        .as_ref()
        .is_some_and(|r| r.state == review_state::SUBMITTED)
    {
        return Err(AppError::conflict("review-submitted").done());
    }
    let base_scores = match &existing {
        Some(r) => stored_scores(r)?,
        None => ScoreSheetInput::new(),
    };
    let scores = input.scores.unwrap_or(base_scores);
    let sheet = sheet::validate_sheet(&programme.spec.rubric, &scores, Completeness::Draft)?;
    let content = ReviewContent {
        scores: serde_json::to_value(&sheet)
            .map_err(|e| AppError::internal(format!("cannot store the scores: {e}")))?,
        recommendation: input
            .recommendation
            .map(recommendation_name)
            .or_else(|| existing.as_ref().and_then(|r| r.recommendation.clone())),
        comment_for_applicant: comment("comment_for_applicant", input.comment_for_applicant)?
            .or_else(|| {
                existing
                    .as_ref()
                    .and_then(|r| r.comment_for_applicant.clone())
            }),
        comment_for_jury: comment("comment_for_jury", input.comment_for_jury)?
            .or_else(|| existing.as_ref().and_then(|r| r.comment_for_jury.clone())),
    };
    let now = app.now();
    match &existing {
        None => {
            if let Some(sent) = if_match.or(input.revision).filter(|r| *r != 0) {
                return Err(AppError::StaleRevision {
                    what: "review",
                    current: sent.min(0),
                });
            }
            store::start_review(&tx, &assignment, content, now)
                .await
                .map_err(AppError::from_store("review"))?;
            if assignment.state == store::assignment_state::INVITED {
                store::set_assignment_state(
                    &tx,
                    assignment.id,
                    assignment.revision,
                    store::assignment_state::ACCEPTED,
                    None,
                    now,
                )
                .await
                .map_err(AppError::from_store("assignment"))?;
            }
        }
        Some(record) => {
            let revision = if_match
                .or(input.revision)
                .ok_or(AppError::RevisionRequired)?;
            store::update_review(&tx, record.assignment_id, revision, content, now)
                .await
                .map_err(AppError::from_store("review"))?;
        }
    }
    let record = store::find_review(&tx, assignment.id).await?;
    let assignment = assignments::own(&tx, actor, assignment_id).await?;
    let shown = view(&tx, actor, &programme, &assignment, record).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

/// The reviewer submits their review: every criterion answered and a
/// recommendation given. Submitting twice is refused.
#[tracing::instrument(skip_all, fields(actor = %actor.id, assignment.id = %assignment_id))]
pub async fn submit(
    app: &App,
    actor: &Actor,
    assignment_id: Uuid,
    input: ReviewStepInput,
    if_match: Option<i64>,
) -> AppResult<ReviewView> {
    let tx = app.store.begin().await?;
    let (assignment, programme) = own_active(&tx, actor, assignment_id).await?;
    let record = store::find_review(&tx, assignment.id)
        .await?
        .ok_or_else(|| AppError::conflict("review-not-saved").done())?;
    if record.state == review_state::SUBMITTED {
        return Err(AppError::conflict("review-already-submitted").done());
    }
    crate::error::expect_revision(if_match, input.revision, "review", record.revision)?;
    let mut errors = match sheet::validate_sheet(
        &programme.spec.rubric,
        &stored_scores(&record)?,
        Completeness::Submission,
    ) {
        Ok(_) => ValidationErrors::default(),
        Err(errors) => errors,
    };
    if record.recommendation.is_none() {
        errors.push(
            "recommendation",
            "required",
            "give your recommendation before submitting",
        );
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let now = app.now();
    store::set_review_state(
        &tx,
        record.assignment_id,
        record.revision,
        review_state::SUBMITTED,
        now,
    )
    .await
    .map_err(AppError::from_store("review"))?;
    audit::record(
        &tx,
        AuditEntry {
            actor: Some(actor.id),
            action: "review.submitted",
            subject_type: assignments::SUBJECT,
            subject_id: assignment.id,
            details: serde_json::json!({ "proposal": assignment.proposal_id }),
        },
        now,
    )
    .await?;
    complete_if_done(&tx, app, &programme, assignment.proposal_id, now).await?;
    let record = store::find_review(&tx, assignment.id).await?;
    let shown = view(&tx, actor, &programme, &assignment, record).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

/// Moves the proposal to `reviewed` when its reviews are in, and tells the
/// chairs and managers once the whole programme is reviewed.
async fn complete_if_done(
    tx: &impl ConnectionTrait,
    app: &App,
    programme: &ProgrammeRecord,
    proposal: ProposalId,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if !assignments::review_complete(tx, programme, proposal).await? {
        return Ok(());
    }
    let moved = crate::proposals::advance(
        tx,
        app,
        proposal,
        proposal::COMPLETE_REVIEW,
        None,
        Some("every review is in"),
        now,
    )
    .await?;
    let still_in_review = proposal_store::in_programme(tx, programme.id, &[IN_REVIEW]).await?;
    if !moved || !still_in_review.is_empty() {
        return Ok(());
    }
    let reviewed = proposal_store::in_programme(tx, programme.id, RANKED_STATES).await?;
    let reviews = store::reviews(tx, ReviewScope::Programme(programme.id))
        .await?
        .iter()
        .filter(|r| r.state == review_state::SUBMITTED)
        .count();
    let mut people = user_store::with_role(tx, Role::JuryChair).await?;
    for manager in user_store::with_role(tx, Role::ProgrammeManager).await? {
        if !people.iter().any(|p| p.id == manager.id) {
            people.push(manager);
        }
    }
    for person in people {
        let letter = Letter {
            envelope: crate::proposals::envelope(&person, programme),
            notification: Notification::ReviewsComplete(grants_notify::ReviewsComplete {
                reviews_count: reviews as u64,
                proposals_count: reviewed.len() as u64,
                // The ranking page is not built yet; the home page leads on.
                ranking_url: app.link("/app"),
            }),
        };
        let dedupe_key = format!(
            "reviews_complete:{}:{}:{}",
            programme.id, reviews, person.id
        );
        crate::mail::enqueue(
            tx,
            app,
            &person,
            ("programme", programme.id.uuid()),
            letter,
            dedupe_key,
            now,
        )
        .await?;
    }
    Ok(())
}

/// The jury chair reopens a submitted review, with a reason, so its reviewer can change it.
#[tracing::instrument(skip_all, fields(actor = %actor.id, assignment.id = %assignment_id))]
pub async fn reopen(
    app: &App,
    actor: &Actor,
    assignment_id: Uuid,
    input: ReviewStepInput,
    if_match: Option<i64>,
) -> AppResult<ReviewView> {
    actor.require_any(&[Role::JuryChair], "reopen_a_review")?;
    let reason = input
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .ok_or_else(|| {
            ValidationErrors::single("reason", "required", "say why the review is reopened")
        })?
        .to_owned();
    let tx = app.store.begin().await?;
    let assignment = assignments::load_visible(&tx, actor, assignment_id).await?;
    let programme = load_programme(&tx, assignment.programme_id).await?;
    let record = store::find_review(&tx, assignment.id)
        .await?
        .filter(|r| r.state == review_state::SUBMITTED)
        .ok_or_else(|| AppError::conflict("review-not-submitted").done())?;
    let revision = if_match.or(input.revision).unwrap_or(record.revision);
    let now = app.now();
    store::set_review_state(
        &tx,
        record.assignment_id,
        revision,
        review_state::DRAFT,
        now,
    )
    .await
    .map_err(AppError::from_store("review"))?;
    audit::record(
        &tx,
        AuditEntry {
            actor: Some(actor.id),
            action: "review.reopened",
            subject_type: assignments::SUBJECT,
            subject_id: assignment.id,
            details: serde_json::json!({ "reason": reason }),
        },
        now,
    )
    .await?;
    let record = store::find_review(&tx, assignment.id).await?;
    let shown = view(&tx, actor, &programme, &assignment, record).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

/// The submitted reviews of a proposal, as far as the actor may read them:
/// the jury's runners read all; a reviewer reads the others' only after
/// submitting their own and when the programme shares reviews; the
/// applicant reads the comments meant for them once the decision is made.
pub async fn for_proposal(
    app: &App,
    actor: &Actor,
    proposal_id: ProposalId,
) -> AppResult<Vec<ReviewView>> {
    let c = app.store.conn();
    let proposal = crate::proposals::load_visible(c, actor, proposal_id).await?;
    let programme = load_programme(c, proposal.programme_id).await?;
    let reviews = readable(c, actor, &proposal, &programme).await?;
    record_read(app, actor, proposal_id, &reviews).await?;
    Ok(reviews)
}

/// Records that the actor read these reviews of a proposal, when there
/// were any to read (see [`crate::reads`]).
pub(crate) async fn record_read(
    app: &App,
    actor: &Actor,
    proposal_id: ProposalId,
    reviews: &[ReviewView],
) -> AppResult<()> {
    if reviews.is_empty() {
        return Ok(());
    }
    crate::reads::record(
        app,
        actor,
        crate::reads::ReadKind::ReviewsRead,
        proposal_id.uuid(),
    )
    .await
}

/// The submitted reviews of a proposal the actor sees, as far as they may
/// read them (see [`for_proposal`]).
pub(crate) async fn readable(
    c: &impl ConnectionTrait,
    actor: &Actor,
    proposal: &ProposalRecord,
    programme: &ProgrammeRecord,
) -> AppResult<Vec<ReviewView>> {
    let proposal_id = proposal.id;
    let submitted: Vec<ReviewRecord> = store::reviews(c, ReviewScope::Proposal(proposal_id))
        .await?
        .into_iter()
        .filter(|r| r.state == review_state::SUBMITTED)
        .collect();
    let audience = if actor.has_any(JURY_RUNNERS) {
        Audience::Jury
    } else if actor.has(Role::Reviewer)
        && let Some(mine) = store::find_assignment_pair(c, proposal_id, actor.id).await?
        && mine.is_active()
    {
        if !submitted.iter().any(|r| r.reviewer_id == actor.id) {
            return Err(AppError::forbidden("reviews-after-own").done());
        }
        if !programme.spec.review.share_reviews_after_submission {
            return Err(AppError::forbidden("reviews-not-shared").done());
        }
        Audience::Jury
    } else if crate::proposals::on_team(actor, proposal).is_some() {
        if !DECIDED_STATES.contains(&proposal.state.as_str())
            || !programme.spec.review.comments_to_applicant
        {
            return Ok(Vec::new());
        }
        Audience::Applicant
    } else {
        return Err(AppError::forbidden("reviews-readers").done());
    };
    let mut views = Vec::new();
    for record in submitted {
        let Some(assignment) = store::find_assignment(c, record.assignment_id).await? else {
            continue;
        };
        let mut shown = view(c, actor, programme, &assignment, Some(record)).await?;
        if audience == Audience::Applicant {
            shown.reviewer_id = None;
            shown.reviewer_name = None;
            shown.comment_for_jury = None;
        }
        views.push(shown);
    }
    Ok(views)
}

/// The reviewers' comments for the applicant on a proposal, in the order
/// the reviews were submitted, where its programme sends them to the
/// applicant with the decision; none otherwise.
pub(crate) async fn comments_for_applicant(
    c: &impl ConnectionTrait,
    proposal: &ProposalRecord,
    programme: &ProgrammeRecord,
) -> AppResult<Vec<String>> {
    if !programme.spec.review.comments_to_applicant {
        return Ok(Vec::new());
    }
    let mut submitted: Vec<ReviewRecord> = store::reviews(c, ReviewScope::Proposal(proposal.id))
        .await?
        .into_iter()
        .filter(|r| r.state == review_state::SUBMITTED)
        .collect();
    submitted.sort_by_key(|r| r.submitted_at);
    Ok(submitted
        .into_iter()
        .filter_map(|r| r.comment_for_applicant)
        .map(|c| c.trim().to_owned())
        .filter(|c| !c.is_empty())
        .collect())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Audience {
    Jury,
    Applicant,
}

/// One proposal in the ranking.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RankingEntry {
    /// Its title.
    pub title: String,
    /// Its country.
    pub country: Option<String>,
    /// Its workflow state.
    pub state: String,
    /// The workflow the state belongs to.
    pub workflow: String,
    /// Reviewers assigned and not yet submitted.
    pub missing_reviews: u32,
    /// The figures.
    #[serde(flatten)]
    pub figures: RankedProposal,
}

/// A reviewer in the ranking, with how they score.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RankingReviewer {
    /// Their name.
    pub name: String,
    /// Their figures.
    #[serde(flatten)]
    pub stats: ranking::ReviewerStats,
}

/// The ranking of a programme.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RankingView {
    /// The programme.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// The settings used.
    pub settings: RankingSettings,
    /// The number that ordered the proposals.
    pub basis: ranking::RankingBasis,
    /// Figures over all review scores.
    pub jury: Option<ranking::JuryStats>,
    /// The proposals, best first.
    pub entries: Vec<RankingEntry>,
    /// How each reviewer scores.
    pub reviewers: Vec<RankingReviewer>,
}

/// The programme's ranking, raw and normalised, with spread and
/// disagreement; for the chair and the managers. A proposal the actor is
/// conflicted on (as a reviewer) is left out.
pub async fn ranking(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
) -> AppResult<RankingView> {
    Ok(ranked(app, actor, programme_id).await?.view)
}

/// The ranking with what it was drawn from, for the funding plan that
/// draws its line on it without reading the programme and its proposals again.
pub(crate) struct Ranked {
    /// The ranking.
    pub view: RankingView,
    /// The programme.
    pub programme: ProgrammeRecord,
    /// The ranked proposals.
    pub proposals: Vec<ProposalRecord>,
}

/// [`ranking`], keeping what it read.
pub(crate) async fn ranked(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
) -> AppResult<Ranked> {
    actor.require_any(JURY_RUNNERS, "see_the_ranking")?;
    let c = app.store.conn();
    let programme = load_programme(c, programme_id).await?;
    let jury = Jury::load(c, &programme).await?;
    let me = jury.member(actor.id);
    let proposals: Vec<ProposalRecord> =
        proposal_store::in_programme(c, programme_id, RANKED_STATES)
            .await?
            .into_iter()
            .filter(|p| me.is_none_or(|m| jury.conflicts(p, m).is_empty()))
            .collect();
    // Looked up by id below: a programme has thousands of proposals and
    // reviews, and a scan per row made the ranking quadratic.
    let ranked: HashMap<ProposalId, &ProposalRecord> =
        proposals.iter().map(|p| (p.id, p)).collect();
    let reviews: Vec<ReviewRecord> = store::reviews(c, ReviewScope::Programme(programme_id))
        .await?
        .into_iter()
        .filter(|r| r.state == review_state::SUBMITTED)
        .filter(|r| ranked.contains_key(&r.proposal_id))
        .collect();
    let reviewed: HashSet<_> = reviews.iter().map(|r| r.assignment_id).collect();
    let mut missing: HashMap<ProposalId, usize> = HashMap::new();
    for (assignment, proposal) in store::active_assignments(c, programme_id).await? {
        if !reviewed.contains(&assignment) {
            *missing.entry(proposal).or_default() += 1;
        }
    }
    let mut records = Vec::with_capacity(reviews.len());
    for r in &reviews {
        let sheet = sheet::validate_sheet(
            &programme.spec.rubric,
            &stored_scores(r)?,
            Completeness::Submission,
        )
        .map_err(|_| AppError::conflict("review-off-rubric").done())?;
        records.push(ranking::ReviewRecord {
            proposal: r.proposal_id,
            reviewer: r.reviewer_id,
            sheet,
        });
    }
    let review = programme.spec.review;
    let settings = RankingSettings {
        normalise: review.normalise.then_some(Normalisation {
            min_reviews: review.normalise_min_reviews.into(),
        }),
        disagreement_threshold_points: review.disagreement_threshold.into(),
    };
    let result = ranking::rank(&RankingInput {
        rubric: programme.spec.rubric.clone(),
        reviews: records,
        proposals: proposals.iter().map(|p| p.id).collect(),
        settings,
    })
    .map_err(|e| AppError::internal(format!("the ranking failed: {e}")))?;
    let entries = result
        .entries
        .into_iter()
        .filter_map(|figures| {
            let p = ranked.get(&figures.proposal)?;
            let missing = missing.get(&p.id).copied().unwrap_or(0);
            Some(RankingEntry {
                title: p.content.title.clone().unwrap_or_default(),
                country: p.content.country.map(|c| c.to_string()),
                state: p.state.clone(),
                workflow: p.workflow.clone(),
                missing_reviews: u32::try_from(missing).unwrap_or(u32::MAX),
                figures,
            })
        })
        .collect();
    let mut reviewers = Vec::new();
    for stats in result.reviewer_stats {
        let name = match jury.member(stats.reviewer) {
            Some(m) => m.user.name.to_string(),
            None => user_store::find(c, stats.reviewer)
                .await?
                .map_or_else(String::new, |u| u.name.to_string()),
        };
        reviewers.push(RankingReviewer { name, stats });
    }
    let view = RankingView {
        programme_id,
        settings,
        basis: result.basis,
        jury: result.jury,
        entries,
        reviewers,
    };
    Ok(Ranked {
        view,
        programme,
        proposals,
    })
}

/// The ranking, one proposal per line, for a download.
pub async fn ranking_table(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
) -> AppResult<crate::export::Table> {
    use crate::export::{Cell, Table};
    let view = ranking(app, actor, programme_id).await?;
    crate::reads::record(
        app,
        actor,
        crate::reads::ReadKind::RankingExported,
        programme_id.uuid(),
    )
    .await?;
    let number = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Decimal);
    let mut table = Table::new(
        "ranking",
        &[
            "position",
            "proposal_id",
            "title",
            "country",
            "state",
            "reviews",
            "missing_reviews",
            "mean",
            "median",
            "normalised_mean",
            "spread",
            "std_dev",
            "disagreement",
            "tied_with_previous",
        ],
    );
    table.rows = view
        .entries
        .iter()
        .map(|e| {
            let f = &e.figures;
            vec![
                Cell::count(f.position),
                Cell::text(f.proposal.to_string()),
                Cell::text(&e.title),
                e.country.clone().map_or(Cell::Empty, Cell::Country),
                Cell::State {
                    workflow: e.workflow.clone(),
                    state: e.state.clone(),
                    label: e.state.clone(),
                },
                Cell::count(f.reviews),
                Cell::count(e.missing_reviews),
                number(f.mean),
                number(f.median),
                number(f.normalised_mean),
                number(f.spread),
                number(f.std_dev),
                Cell::Flag(f.disagreement),
                Cell::Flag(f.tied_with_previous),
            ]
        })
        .collect();
    Ok(table)
}
