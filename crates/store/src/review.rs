//! The jury's records: reviewer profiles, conflicts of interest, bids,
//! review assignments and reviews.
//!
//! Reviews keep their scores as JSON: the scoring crate owns their shape and
//! checks them against the rubric before they are stored.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use grants_domain::review::{BidLevel, ConflictKind, ReviewerProfile};
use grants_domain::{ProgrammeId, ProposalId, UserId};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

use crate::StoreResult;
use crate::entity::{bid, conflict, review, review_assignment, reviewer_profile};
use crate::error::corrupt;
use crate::query;

/// A reviewer's profile for one programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRecord {
    /// The programme.
    pub programme_id: ProgrammeId,
    /// The reviewer.
    pub user_id: UserId,
    /// What they told us.
    pub profile: ReviewerProfile,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

fn profile_record(row: reviewer_profile::Model) -> StoreResult<ProfileRecord> {
    Ok(ProfileRecord {
        programme_id: row.programme_id.into(),
        user_id: row.user_id.into(),
        profile: serde_json::from_value(row.profile).map_err(|e| corrupt("reviewer profile", e))?,
        updated_at: row.updated_at,
    })
}

/// Creates or replaces a reviewer's profile for a programme.
pub async fn save_profile(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
    user: UserId,
    profile: &ReviewerProfile,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let json = serde_json::to_value(profile).map_err(|e| corrupt("reviewer profile", e))?;
    let row = reviewer_profile::ActiveModel {
        programme_id: Set(programme.uuid()),
        user_id: Set(user.uuid()),
        profile: Set(json),
        available: Set(profile.available),
        updated_at: Set(now),
    };
    let key = [
        reviewer_profile::Column::ProgrammeId,
        reviewer_profile::Column::UserId,
    ];
    let changed = [
        reviewer_profile::Column::Profile,
        reviewer_profile::Column::Available,
        reviewer_profile::Column::UpdatedAt,
    ];
    query::upsert(c, row, key, changed).await
}

/// A reviewer's profile for a programme, if they gave one.
pub async fn find_profile(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
    user: UserId,
) -> StoreResult<Option<ProfileRecord>> {
    let select = reviewer_profile::Entity::find_by_id((programme.uuid(), user.uuid()));
    query::one(c, select, profile_record).await
}

async fn profiles_where(
    c: &impl ConnectionTrait,
    condition: impl sea_orm::sea_query::IntoCondition,
) -> StoreResult<Vec<ProfileRecord>> {
    let select = reviewer_profile::Entity::find()
        .filter(condition)
        .order_by_asc(reviewer_profile::Column::ProgrammeId)
        .order_by_asc(reviewer_profile::Column::UserId);
    query::all(c, select, profile_record).await
}

/// Every reviewer profile of a programme, in reviewer id order.
pub async fn profiles(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
) -> StoreResult<Vec<ProfileRecord>> {
    profiles_where(
        c,
        reviewer_profile::Column::ProgrammeId.eq(programme.uuid()),
    )
    .await
}

/// Every programme profile of one reviewer.
pub async fn profiles_of(
    c: &impl ConnectionTrait,
    user: UserId,
) -> StoreResult<Vec<ProfileRecord>> {
    profiles_where(c, reviewer_profile::Column::UserId.eq(user.uuid())).await
}

/// A conflict recorded by a person, or the lifting of one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictRecord {
    /// Its id.
    pub id: Uuid,
    /// The programme.
    pub programme_id: ProgrammeId,
    /// The proposal.
    pub proposal_id: ProposalId,
    /// The reviewer.
    pub reviewer_id: UserId,
    /// Its kind.
    pub kind: ConflictKind,
    /// True when a programme manager lifted it.
    pub lifted: bool,
    /// Why it was recorded or lifted.
    pub reason: Option<String>,
    /// Who recorded or lifted it last.
    pub recorded_by: Option<UserId>,
    /// When it was first recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

fn conflict_record(row: conflict::Model) -> StoreResult<ConflictRecord> {
    Ok(ConflictRecord {
        id: row.id,
        programme_id: row.programme_id.into(),
        proposal_id: row.proposal_id.into(),
        reviewer_id: row.reviewer_id.into(),
        kind: ConflictKind::parse(&row.kind).map_err(|e| corrupt("conflict kind", e))?,
        lifted: row.status == "lifted",
        reason: row.reason,
        recorded_by: row.recorded_by.map(UserId::from),
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

/// A conflict to record (or lift) on a pair.
#[derive(Debug, Clone)]
pub struct ConflictNote {
    /// The programme.
    pub programme_id: ProgrammeId,
    /// The proposal.
    pub proposal_id: ProposalId,
    /// The reviewer.
    pub reviewer_id: UserId,
    /// Its kind.
    pub kind: ConflictKind,
    /// True to lift it, false to make it active.
    pub lifted: bool,
    /// Why.
    pub reason: Option<String>,
    /// Who.
    pub recorded_by: UserId,
}

/// Records a conflict on a pair, or lifts it; one row per pair and kind.
pub async fn note_conflict(
    c: &impl ConnectionTrait,
    note: ConflictNote,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let row = conflict::ActiveModel {
        id: Set(Uuid::now_v7()),
        programme_id: Set(note.programme_id.uuid()),
        proposal_id: Set(note.proposal_id.uuid()),
        reviewer_id: Set(note.reviewer_id.uuid()),
        kind: Set(note.kind.as_str().to_owned()),
        status: Set(if note.lifted { "lifted" } else { "active" }.to_owned()),
        reason: Set(note.reason),
        recorded_by: Set(Some(note.recorded_by.uuid())),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let key = [
        conflict::Column::ProposalId,
        conflict::Column::ReviewerId,
        conflict::Column::Kind,
    ];
    let changed = [
        conflict::Column::Status,
        conflict::Column::Reason,
        conflict::Column::RecordedBy,
        conflict::Column::UpdatedAt,
    ];
    query::upsert(c, row, key, changed).await
}

async fn conflicts_where(
    c: &impl ConnectionTrait,
    condition: impl sea_orm::sea_query::IntoCondition,
) -> StoreResult<Vec<ConflictRecord>> {
    let select = conflict::Entity::find()
        .filter(condition)
        .order_by_asc(conflict::Column::Id);
    query::all(c, select, conflict_record).await
}

/// The recorded conflicts of a programme (active and lifted).
pub async fn conflicts_in_programme(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
) -> StoreResult<Vec<ConflictRecord>> {
    conflicts_where(c, conflict::Column::ProgrammeId.eq(programme.uuid())).await
}

/// The recorded conflicts on one proposal (active and lifted).
pub async fn conflicts_on_proposal(
    c: &impl ConnectionTrait,
    proposal: ProposalId,
) -> StoreResult<Vec<ConflictRecord>> {
    conflicts_where(c, conflict::Column::ProposalId.eq(proposal.uuid())).await
}

/// A reviewer's bid on a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BidRecord {
    /// The proposal.
    pub proposal_id: ProposalId,
    /// The reviewer.
    pub reviewer_id: UserId,
    /// How keen.
    pub level: BidLevel,
    /// When it was given.
    pub updated_at: DateTime<Utc>,
}

fn bid_record(row: bid::Model) -> StoreResult<BidRecord> {
    Ok(BidRecord {
        proposal_id: row.proposal_id.into(),
        reviewer_id: row.reviewer_id.into(),
        level: BidLevel::parse(&row.level).map_err(|e| corrupt("bid", e))?,
        updated_at: row.updated_at,
    })
}

/// Sets a reviewer's bid on a proposal, replacing an earlier one; `None` withdraws it.
pub async fn set_bid(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
    proposal: ProposalId,
    reviewer: UserId,
    level: Option<BidLevel>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let Some(level) = level else {
        bid::Entity::delete_by_id((proposal.uuid(), reviewer.uuid()))
            .exec(c)
            .await?;
        return Ok(());
    };
    let row = bid::ActiveModel {
        proposal_id: Set(proposal.uuid()),
        reviewer_id: Set(reviewer.uuid()),
        programme_id: Set(programme.uuid()),
        level: Set(level.as_str().to_owned()),
        updated_at: Set(now),
    };
    let key = [bid::Column::ProposalId, bid::Column::ReviewerId];
    query::upsert(c, row, key, [bid::Column::Level, bid::Column::UpdatedAt]).await
}

/// Every bid in a programme.
pub async fn bids_in_programme(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
) -> StoreResult<Vec<BidRecord>> {
    let select = bid::Entity::find()
        .filter(bid::Column::ProgrammeId.eq(programme.uuid()))
        .order_by_asc(bid::Column::ProposalId)
        .order_by_asc(bid::Column::ReviewerId);
    query::all(c, select, bid_record).await
}

/// The states of a review assignment.
pub mod assignment_state {
    /// Assigned; the reviewer has not answered yet.
    pub const INVITED: &str = "invited";
    /// The reviewer took it on.
    pub const ACCEPTED: &str = "accepted";
    /// The reviewer declined it.
    pub const DECLINED: &str = "declined";
    /// The chair or a manager took it back.
    pub const REMOVED: &str = "removed";
    /// States in which the reviewer is expected to review.
    pub const ACTIVE: [&str; 2] = [INVITED, ACCEPTED];
}

/// A reviewer's assignment to a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentRecord {
    /// Its id.
    pub id: Uuid,
    /// The programme.
    pub programme_id: ProgrammeId,
    /// The proposal.
    pub proposal_id: ProposalId,
    /// The reviewer.
    pub reviewer_id: UserId,
    /// One of [`assignment_state`].
    pub state: String,
    /// When the review is due.
    pub due_at: DateTime<Utc>,
    /// Why it was declined or removed.
    pub reason: Option<String>,
    /// Who assigned it (`None`: the assignment run).
    pub assigned_by: Option<UserId>,
    /// For optimistic concurrency.
    pub revision: i64,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl AssignmentRecord {
    /// True while the reviewer is expected to review.
    pub fn is_active(&self) -> bool {
        assignment_state::ACTIVE.contains(&self.state.as_str())
    }
}

fn assignment_record(row: review_assignment::Model) -> AssignmentRecord {
    AssignmentRecord {
        id: row.id,
        programme_id: row.programme_id.into(),
        proposal_id: row.proposal_id.into(),
        reviewer_id: row.reviewer_id.into(),
        state: row.state,
        due_at: row.due_at,
        reason: row.reason,
        assigned_by: row.assigned_by.map(UserId::from),
        revision: row.revision,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// Creates an assignment, or brings back a removed one on the same pair.
pub async fn assign(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
    proposal: ProposalId,
    reviewer: UserId,
    due_at: DateTime<Utc>,
    assigned_by: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<AssignmentRecord> {
    if let Some(existing) = find_assignment_pair(c, proposal, reviewer).await? {
        let update = review_assignment::Entity::update_many()
            .col_expr(
                review_assignment::Column::State,
                Expr::value(assignment_state::INVITED),
            )
            .col_expr(review_assignment::Column::DueAt, Expr::value(due_at))
            .col_expr(
                review_assignment::Column::Reason,
                Expr::value(None::<String>),
            )
            .col_expr(
                review_assignment::Column::AssignedBy,
                Expr::value(assigned_by.map(UserId::uuid)),
            )
            .filter(review_assignment::Column::State.eq(assignment_state::REMOVED));
        // A pair that is not removed is already assigned.
        let result = query::at_revision(update, existing.id, existing.revision, now)
            .exec(c)
            .await?;
        if result.rows_affected != 1 {
            return Err(crate::StoreError::Duplicate {
                field: "reviewer_id",
            });
        }
        return find_assignment(c, existing.id)
            .await?
            .ok_or(crate::StoreError::NotFound);
    }
    let id = Uuid::now_v7();
    let row = review_assignment::ActiveModel {
        id: Set(id),
        programme_id: Set(programme.uuid()),
        proposal_id: Set(proposal.uuid()),
        reviewer_id: Set(reviewer.uuid()),
        state: Set(assignment_state::INVITED.to_owned()),
        due_at: Set(due_at),
        reason: Set(None),
        assigned_by: Set(assigned_by.map(UserId::uuid)),
        revision: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    };
    query::insert(c, row).await?;
    find_assignment(c, id)
        .await?
        .ok_or(crate::StoreError::NotFound)
}

/// The assignment with this id.
pub async fn find_assignment(
    c: &impl ConnectionTrait,
    id: Uuid,
) -> StoreResult<Option<AssignmentRecord>> {
    let select = review_assignment::Entity::find_by_id(id);
    query::one(c, select, |row| Ok(assignment_record(row))).await
}

/// The assignment of this reviewer to this proposal, in any state.
pub async fn find_assignment_pair(
    c: &impl ConnectionTrait,
    proposal: ProposalId,
    reviewer: UserId,
) -> StoreResult<Option<AssignmentRecord>> {
    let select = review_assignment::Entity::find()
        .filter(review_assignment::Column::ProposalId.eq(proposal.uuid()))
        .filter(review_assignment::Column::ReviewerId.eq(reviewer.uuid()));
    query::one(c, select, |row| Ok(assignment_record(row))).await
}

/// Which assignments to list.
#[derive(Debug, Clone, Copy)]
pub enum AssignmentScope {
    /// Of a programme.
    Programme(ProgrammeId),
    /// Of a proposal.
    Proposal(ProposalId),
    /// Of a reviewer, across programmes.
    Reviewer(UserId),
}

/// Assignments in `scope`, in every state, oldest first.
pub async fn assignments(
    c: &impl ConnectionTrait,
    scope: AssignmentScope,
) -> StoreResult<Vec<AssignmentRecord>> {
    let filter = match scope {
        AssignmentScope::Programme(id) => review_assignment::Column::ProgrammeId.eq(id.uuid()),
        AssignmentScope::Proposal(id) => review_assignment::Column::ProposalId.eq(id.uuid()),
        AssignmentScope::Reviewer(id) => review_assignment::Column::ReviewerId.eq(id.uuid()),
    };
    let select = review_assignment::Entity::find()
        .filter(filter)
        .order_by_asc(review_assignment::Column::Id);
    query::all(c, select, |row| Ok(assignment_record(row))).await
}

/// The programme's active assignments (the reviewer is expected to
/// review), each as its id and its proposal: what the ranking counts its
/// missing reviews from, without reading thousands of whole rows.
pub async fn active_assignments(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
) -> StoreResult<Vec<(Uuid, ProposalId)>> {
    let rows: Vec<(Uuid, Uuid)> = review_assignment::Entity::find()
        .select_only()
        .columns([
            review_assignment::Column::Id,
            review_assignment::Column::ProposalId,
        ])
        .filter(review_assignment::Column::ProgrammeId.eq(programme.uuid()))
        .filter(review_assignment::Column::State.is_in(assignment_state::ACTIVE.iter().copied()))
        .into_tuple()
        .all(c)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, proposal)| (id, ProposalId::from(proposal)))
        .collect())
}

/// Moves an assignment to `state` if it is still at `expected_revision`.
pub async fn set_assignment_state(
    c: &impl ConnectionTrait,
    id: Uuid,
    expected_revision: i64,
    state: &str,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let update = review_assignment::Entity::update_many()
        .col_expr(review_assignment::Column::State, Expr::value(state))
        .col_expr(
            review_assignment::Column::Reason,
            Expr::value(reason.map(str::to_owned)),
        );
    query::update_at_revision(c, update, id, expected_revision, now).await
}

/// The states of a review.
pub mod review_state {
    /// Saved, not yet submitted.
    pub const DRAFT: &str = "draft";
    /// Submitted: counts in the ranking.
    pub const SUBMITTED: &str = "submitted";
}

/// A review: a reviewer's scores and comments on one assigned proposal.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRecord {
    /// The assignment it belongs to (and its id).
    pub assignment_id: Uuid,
    /// The programme.
    pub programme_id: ProgrammeId,
    /// The proposal.
    pub proposal_id: ProposalId,
    /// The reviewer.
    pub reviewer_id: UserId,
    /// One of [`review_state`].
    pub state: String,
    /// Criterion key → score or "n/a", as the scoring crate writes it.
    pub scores: serde_json::Value,
    /// The overall recommendation, snake_case.
    pub recommendation: Option<String>,
    /// For the applicant.
    pub comment_for_applicant: Option<String>,
    /// For the jury only.
    pub comment_for_jury: Option<String>,
    /// For optimistic concurrency.
    pub revision: i64,
    /// When it was submitted.
    pub submitted_at: Option<DateTime<Utc>>,
    /// When it was started.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

fn review_record(row: review::Model) -> ReviewRecord {
    ReviewRecord {
        assignment_id: row.assignment_id,
        programme_id: row.programme_id.into(),
        proposal_id: row.proposal_id.into(),
        reviewer_id: row.reviewer_id.into(),
        state: row.state,
        scores: row.scores,
        recommendation: row.recommendation,
        comment_for_applicant: row.comment_for_applicant,
        comment_for_jury: row.comment_for_jury,
        revision: row.revision,
        submitted_at: row.submitted_at,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// What a reviewer writes.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewContent {
    /// Criterion key → score or "n/a".
    pub scores: serde_json::Value,
    /// The overall recommendation, snake_case.
    pub recommendation: Option<String>,
    /// For the applicant.
    pub comment_for_applicant: Option<String>,
    /// For the jury only.
    pub comment_for_jury: Option<String>,
}

/// The review of an assignment, if one was started.
pub async fn find_review(
    c: &impl ConnectionTrait,
    assignment: Uuid,
) -> StoreResult<Option<ReviewRecord>> {
    let select = review::Entity::find_by_id(assignment);
    query::one(c, select, |row| Ok(review_record(row))).await
}

/// The state of each of these assignments' reviews that has been started
/// (`draft` or `submitted`): one query per thousand assignments.
pub async fn review_states(
    c: &impl ConnectionTrait,
    assignments: &[Uuid],
) -> StoreResult<HashMap<Uuid, String>> {
    let states: Vec<(Uuid, String)> = crate::in_chunks(assignments, async |chunk| {
        Ok(review::Entity::find()
            .select_only()
            .column(review::Column::AssignmentId)
            .column(review::Column::State)
            .filter(review::Column::AssignmentId.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(c)
            .await?)
    })
    .await?;
    Ok(states.into_iter().collect())
}

/// Starts the review of an assignment as a draft.
pub async fn start_review(
    c: &impl ConnectionTrait,
    assignment: &AssignmentRecord,
    content: ReviewContent,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let row = review::ActiveModel {
        assignment_id: Set(assignment.id),
        programme_id: Set(assignment.programme_id.uuid()),
        proposal_id: Set(assignment.proposal_id.uuid()),
        reviewer_id: Set(assignment.reviewer_id.uuid()),
        state: Set(review_state::DRAFT.to_owned()),
        scores: Set(content.scores),
        recommendation: Set(content.recommendation),
        comment_for_applicant: Set(content.comment_for_applicant),
        comment_for_jury: Set(content.comment_for_jury),
        revision: Set(1),
        submitted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    query::insert(c, row).await
}

/// Replaces a draft review's content if it is still at `expected_revision` and a draft.
pub async fn update_review(
    c: &impl ConnectionTrait,
    assignment: Uuid,
    expected_revision: i64,
    content: ReviewContent,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let update = review::Entity::update_many()
        .col_expr(review::Column::Scores, Expr::value(content.scores))
        .col_expr(
            review::Column::Recommendation,
            Expr::value(content.recommendation),
        )
        .col_expr(
            review::Column::CommentForApplicant,
            Expr::value(content.comment_for_applicant),
        )
        .col_expr(
            review::Column::CommentForJury,
            Expr::value(content.comment_for_jury),
        )
        .filter(review::Column::State.eq(review_state::DRAFT));
    query::update_at_revision(c, update, assignment, expected_revision, now).await
}

/// Moves a review to `state` (submitting or reopening it) if it is still at `expected_revision`.
pub async fn set_review_state(
    c: &impl ConnectionTrait,
    assignment: Uuid,
    expected_revision: i64,
    state: &str,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    let submitted_at = (state == review_state::SUBMITTED).then_some(now);
    let update = review::Entity::update_many()
        .col_expr(review::Column::State, Expr::value(state))
        .col_expr(review::Column::SubmittedAt, Expr::value(submitted_at));
    query::update_at_revision(c, update, assignment, expected_revision, now).await
}

/// Which reviews to list.
#[derive(Debug, Clone, Copy)]
pub enum ReviewScope {
    /// Of a programme.
    Programme(ProgrammeId),
    /// Of a proposal.
    Proposal(ProposalId),
}

/// Reviews in `scope`, in every state, oldest first.
pub async fn reviews(
    c: &impl ConnectionTrait,
    scope: ReviewScope,
) -> StoreResult<Vec<ReviewRecord>> {
    let filter = match scope {
        ReviewScope::Programme(id) => review::Column::ProgrammeId.eq(id.uuid()),
        ReviewScope::Proposal(id) => review::Column::ProposalId.eq(id.uuid()),
    };
    let select = review::Entity::find()
        .filter(filter)
        .order_by_asc(review::Column::AssignmentId);
    query::all(c, select, |row| Ok(review_record(row))).await
}
