//! The jury of a programme: reviewer profiles, conflicts of interest and bids.
//!
//! A reviewer sees a proposal only when the jury rules let them: they have a
//! profile for its programme, no conflict is in force on the pair, and the
//! proposal is either open for bids (eligible) or assigned to them. A
//! conflicted reviewer gets a 404, exactly as for a proposal that does not
//! exist. Conflict records are audited on the programme's jury trail, not on
//! the proposal, whose history the applicant reads.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use grants_domain::programme::ProgrammeSpec;
use grants_domain::review::{
    self, BidLevel, ConflictKind, RecordedConflict, ReviewerIdentity, ReviewerProfile,
    ReviewerProfileInput,
};
use grants_domain::{Email, ProgrammeId, ProposalId, Role, UserId, ValidationErrors};
use grants_store::ConnectionTrait;
use grants_store::audit::{self, AuditEntry};
use grants_store::programmes::ProgrammeRecord;
use grants_store::proposals::{self as proposal_store, ProposalRecord};
use grants_store::review::{
    self as store, AssignmentScope, BidRecord, ConflictNote, ConflictRecord, assignment_state,
};
use grants_store::users::{self as user_store, UserRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::programmes::load_programme;
use crate::{Actor, App, AppError, AppResult};

/// The audit trail's name for a programme's jury records.
pub(crate) const JURY_SUBJECT: &str = "programme_jury";
/// The proposal state in which reviewers bid and assignment takes proposals.
pub(crate) const OPEN_FOR_REVIEW: &str = crate::names::proposal::ELIGIBLE;
/// Those who run the jury: they see every profile, conflict and bid.
pub(crate) const JURY_RUNNERS: &[Role] = &[Role::JuryChair, Role::ProgrammeManager, Role::Admin];
/// Those who may add or lift conflicts for others.
const CONFLICT_KEEPERS: &[Role] = &[Role::ProgrammeManager, Role::Admin];

/// True when the actor runs juries: sees every profile, conflict and bid,
/// and edits reviewers' profiles (so pages offer the links).
pub fn runs_jury(actor: &Actor) -> bool {
    actor.has_any(JURY_RUNNERS)
}

/// True when the actor may add or lift conflicts for reviewers (so pages offer the forms).
pub fn keeps_conflicts(actor: &Actor) -> bool {
    actor.has_any(CONFLICT_KEEPERS)
}

/// A reviewer with a profile for the programme.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    /// Their account.
    pub user: UserRecord,
    /// Their profile for the programme.
    pub profile: ReviewerProfile,
}

impl Member {
    /// Who they are to a proposal whose team is its lead `team.0` and its members `team.1`.
    fn identity(&self, (lead, members): (UserId, &[UserId])) -> ReviewerIdentity<'_> {
        ReviewerIdentity {
            name: self.user.name.as_str(),
            email: self.user.email.as_str(),
            profile: &self.profile,
            on_the_team: self.user.id == lead || members.contains(&self.user.id),
        }
    }
}

/// A programme's jury, loaded once for decisions over many pairs.
#[derive(Debug)]
pub(crate) struct Jury {
    /// Active reviewers with a profile, in id order.
    pub members: Vec<Member>,
    recorded: HashMap<(ProposalId, UserId), Vec<RecordedConflict>>,
    policy: grants_domain::programme::ConflictPolicy,
    /// The members of each proposal's team (its lead is its owner).
    teams: HashMap<ProposalId, Team>,
}

/// The members of a proposal's team and what their accounts say of them.
#[derive(Debug, Default)]
struct Team {
    members: Vec<UserId>,
    facts: review::TeamFacts,
}

/// Each proposal's team from its members, their accounts read in one query.
async fn teams_of(
    c: &impl ConnectionTrait,
    teams: HashMap<ProposalId, Vec<UserId>>,
) -> AppResult<HashMap<ProposalId, Team>> {
    let mut ids: Vec<UserId> = teams.values().flatten().copied().collect();
    ids.sort_unstable();
    ids.dedup();
    let people: HashMap<UserId, UserRecord> = user_store::find_people(c, &ids, &[])
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect();
    Ok(teams
        .into_iter()
        .map(|(proposal, members)| {
            let facts = review::TeamFacts {
                organisations: members
                    .iter()
                    .filter_map(|m| people.get(m)?.organisation.clone())
                    .collect(),
                countries: members
                    .iter()
                    .filter_map(|m| people.get(m)?.country)
                    .collect(),
            };
            (proposal, Team { members, facts })
        })
        .collect())
}

impl Jury {
    /// The jury of `programme`: its active reviewers' profiles and recorded conflicts.
    pub(crate) async fn load(
        c: &impl ConnectionTrait,
        programme: &ProgrammeRecord,
    ) -> AppResult<Jury> {
        let profiles = store::profiles(c, programme.id).await?;
        // Only the accounts with a profile here: the network's other
        // reviewers (thousands, over the years) are no members.
        let ids: Vec<UserId> = profiles.iter().map(|p| p.user_id).collect();
        let reviewers: HashMap<UserId, UserRecord> = user_store::find_people(c, &ids, &[])
            .await?
            .into_iter()
            .filter(|u| u.active && u.roles.iter().any(|g| g.role() == Role::Reviewer))
            .map(|u| (u.id, u))
            .collect();
        let members = profiles
            .into_iter()
            .filter_map(|p| {
                reviewers.get(&p.user_id).map(|user| Member {
                    user: user.clone(),
                    profile: p.profile,
                })
            })
            .collect();
        let mut recorded: HashMap<(ProposalId, UserId), Vec<RecordedConflict>> = HashMap::new();
        for r in store::conflicts_in_programme(c, programme.id).await? {
            recorded
                .entry((r.proposal_id, r.reviewer_id))
                .or_default()
                .push(RecordedConflict {
                    kind: r.kind,
                    lifted: r.lifted,
                });
        }
        Ok(Jury {
            members,
            recorded,
            policy: programme.spec.conflict_policy,
            teams: teams_of(c, grants_store::teams::in_programme(c, programme.id).await?).await?,
        })
    }

    /// The member with this id.
    pub(crate) fn member(&self, id: UserId) -> Option<&Member> {
        self.members.iter().find(|m| m.user.id == id)
    }

    /// The conflicts the data alone sets between a proposal and a member.
    fn automatic(&self, proposal: &ProposalRecord, member: &Member) -> Vec<ConflictKind> {
        let none = Team::default();
        let team = self.teams.get(&proposal.id).unwrap_or(&none);
        review::automatic_conflicts(
            &self.policy,
            &proposal.content,
            &team.facts,
            member.identity((proposal.owner_id, &team.members)),
        )
    }

    /// The conflicts in force between a proposal and a member.
    pub(crate) fn conflicts(
        &self,
        proposal: &ProposalRecord,
        member: &Member,
    ) -> Vec<ConflictKind> {
        let automatic = self.automatic(proposal, member);
        let recorded = self
            .recorded
            .get(&(proposal.id, member.user.id))
            .cloned()
            .unwrap_or_default();
        review::conflicts_in_force(&automatic, recorded)
    }
}

/// The conflicts in force on one pair, or `None` when the person is no
/// active reviewer with a profile for the proposal's programme.
pub(crate) async fn conflicts_on_pair(
    c: &impl ConnectionTrait,
    programme: &ProgrammeSpec,
    proposal: &ProposalRecord,
    reviewer: UserId,
) -> AppResult<Option<Vec<ConflictKind>>> {
    let Some(profile) = store::find_profile(c, proposal.programme_id, reviewer).await? else {
        return Ok(None);
    };
    let Some(user) = user_store::find(c, reviewer)
        .await?
        .filter(|u| u.active && u.roles.iter().any(|g| g.role() == Role::Reviewer))
    else {
        return Ok(None);
    };
    let member = Member {
        user,
        profile: profile.profile,
    };
    let members: Vec<UserId> = grants_store::teams::members(c, proposal.id)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    let team = teams_of(c, HashMap::from([(proposal.id, members)]))
        .await?
        .remove(&proposal.id)
        .unwrap_or_default();
    let automatic = review::automatic_conflicts(
        &programme.conflict_policy,
        &proposal.content,
        &team.facts,
        member.identity((proposal.owner_id, &team.members)),
    );
    let recorded = store::conflicts_on_proposal(c, proposal.id)
        .await?
        .into_iter()
        .filter(|r| r.reviewer_id == reviewer)
        .map(|r| RecordedConflict {
            kind: r.kind,
            lifted: r.lifted,
        });
    Ok(Some(review::conflicts_in_force(&automatic, recorded)))
}

/// Like [`conflicts_on_pair`], with a person who is not on the jury as a 422 on `reviewer_id`.
async fn conflicts_of_juror(
    c: &impl ConnectionTrait,
    programme: &ProgrammeSpec,
    proposal: &ProposalRecord,
    reviewer: UserId,
) -> AppResult<Vec<ConflictKind>> {
    conflicts_on_pair(c, programme, proposal, reviewer)
        .await?
        .ok_or_else(|| {
            ValidationErrors::single(
                "reviewer_id",
                "not_on_the_jury",
                "the person has no reviewer profile for this programme",
            )
            .into()
        })
}

/// Records a conflict (or its lifting) on the pair, on the jury's audit trail.
async fn note(
    tx: &impl ConnectionTrait,
    actor: &Actor,
    proposal: &ProposalRecord,
    conflict: (UserId, ConflictKind, bool),
    reason: Option<String>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (reviewer, kind, lifted) = conflict;
    store::note_conflict(
        tx,
        ConflictNote {
            programme_id: proposal.programme_id,
            proposal_id: proposal.id,
            reviewer_id: reviewer,
            kind,
            lifted,
            reason: reason.clone(),
            recorded_by: actor.id,
        },
        now,
    )
    .await?;
    audit::record(
        tx,
        AuditEntry {
            actor: Some(actor.id),
            action: if lifted {
                "conflict.lifted"
            } else {
                "conflict.recorded"
            },
            subject_type: JURY_SUBJECT,
            subject_id: proposal.programme_id.uuid(),
            details: serde_json::json!({
                "proposal": proposal.id, "reviewer": reviewer, "kind": kind, "reason": reason,
            }),
        },
        now,
    )
    .await?;
    Ok(())
}

/// True when the jury rules let the actor, as a reviewer, see the proposal.
pub(crate) async fn reviewer_may_see(
    c: &impl ConnectionTrait,
    actor: &Actor,
    proposal: &ProposalRecord,
) -> AppResult<bool> {
    if !actor.has(Role::Reviewer) {
        return Ok(false);
    }
    let Some(programme) = grants_store::programmes::find(c, proposal.programme_id).await? else {
        return Ok(false);
    };
    match conflicts_on_pair(c, &programme.spec, proposal, actor.id).await? {
        Some(conflicts) if conflicts.is_empty() => {}
        _ => return Ok(false),
    }
    if proposal.state == OPEN_FOR_REVIEW {
        return Ok(true);
    }
    Ok(store::find_assignment_pair(c, proposal.id, actor.id)
        .await?
        .is_some_and(|a| a.is_active()))
}

/// The proposals the actor may see as a reviewer, across their programmes.
pub(crate) async fn reviewer_visible(
    c: &impl ConnectionTrait,
    actor: &Actor,
) -> AppResult<Vec<ProposalId>> {
    if !actor.has(Role::Reviewer) {
        return Ok(Vec::new());
    }
    let assigned: Vec<ProposalId> = store::assignments(c, AssignmentScope::Reviewer(actor.id))
        .await?
        .into_iter()
        .filter(|a| a.is_active())
        .map(|a| a.proposal_id)
        .collect();
    let mut visible = Vec::new();
    for profile in store::profiles_of(c, actor.id).await? {
        let Some(programme) = grants_store::programmes::find(c, profile.programme_id).await? else {
            continue;
        };
        let jury = Jury::load(c, &programme).await?;
        let Some(me) = jury.member(actor.id) else {
            continue;
        };
        let open = proposal_store::in_programme(c, programme.id, &[OPEN_FOR_REVIEW]).await?;
        let mine = proposal_store::find_many(c, &assigned).await?;
        for proposal in open
            .iter()
            .chain(mine.iter().filter(|p| p.programme_id == programme.id))
        {
            if jury.conflicts(proposal, me).is_empty() && !visible.contains(&proposal.id) {
                visible.push(proposal.id);
            }
        }
    }
    Ok(visible)
}

/// A reviewer's profile for a programme, as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewerProfileView {
    /// The programme.
    #[schema(value_type = String, format = Uuid)]
    pub programme_id: ProgrammeId,
    /// The reviewer.
    #[schema(value_type = String, format = Uuid)]
    pub reviewer_id: UserId,
    /// Their name.
    pub name: String,
    /// What they told us.
    #[serde(flatten)]
    pub profile: ReviewerProfile,
    /// Proposals currently assigned to them in the programme.
    pub assigned: u32,
    /// When the profile last changed.
    pub updated_at: DateTime<Utc>,
    /// Whether the caller may change the country and organisation, which
    /// decide conflicts of interest: those who run the jury, not the
    /// reviewer themself.
    pub may_change_conflict_fields: bool,
}

async fn profile_view(
    c: &impl ConnectionTrait,
    actor: &Actor,
    programme: ProgrammeId,
    user: &UserRecord,
    profile: ReviewerProfile,
    updated_at: DateTime<Utc>,
) -> AppResult<ReviewerProfileView> {
    let assigned = store::assignments(c, AssignmentScope::Reviewer(user.id))
        .await?
        .iter()
        .filter(|a| a.programme_id == programme && a.is_active())
        .count();
    Ok(ReviewerProfileView {
        programme_id: programme,
        reviewer_id: user.id,
        name: user.name.to_string(),
        profile,
        assigned: u32::try_from(assigned).unwrap_or(u32::MAX),
        updated_at,
        may_change_conflict_fields: actor.has_any(JURY_RUNNERS),
    })
}

fn may_manage_profile(actor: &Actor, reviewer: UserId) -> bool {
    (actor.id == reviewer && actor.has(Role::Reviewer)) || actor.has_any(JURY_RUNNERS)
}

/// A reviewer's profile for a programme: the reviewer themself, or those who run the jury.
pub async fn profile(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
    reviewer: UserId,
) -> AppResult<ReviewerProfileView> {
    if !may_manage_profile(actor, reviewer) {
        return Err(AppError::NotFound("reviewer profile"));
    }
    let c = app.store.conn();
    load_programme(c, programme_id).await?;
    let record = store::find_profile(c, programme_id, reviewer)
        .await?
        .ok_or(AppError::NotFound("reviewer profile"))?;
    let user = user_store::find(c, reviewer)
        .await?
        .ok_or(AppError::NotFound("reviewer profile"))?;
    profile_view(
        c,
        actor,
        programme_id,
        &user,
        record.profile,
        record.updated_at,
    )
    .await
}

/// Every reviewer profile of a programme, for those who run the jury.
pub async fn profiles(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
) -> AppResult<Vec<ReviewerProfileView>> {
    actor.require_any(JURY_RUNNERS, "see_the_jury")?;
    let c = app.store.conn();
    let programme = load_programme(c, programme_id).await?;
    let jury = Jury::load(c, &programme).await?;
    let assignments = store::assignments(c, AssignmentScope::Programme(programme_id)).await?;
    let records = store::profiles(c, programme_id).await?;
    Ok(jury
        .members
        .iter()
        .map(|m| ReviewerProfileView {
            programme_id,
            reviewer_id: m.user.id,
            name: m.user.name.to_string(),
            profile: m.profile.clone(),
            assigned: u32::try_from(
                assignments
                    .iter()
                    .filter(|a| a.reviewer_id == m.user.id && a.is_active())
                    .count(),
            )
            .unwrap_or(u32::MAX),
            updated_at: records
                .iter()
                .find(|r| r.user_id == m.user.id)
                .map_or_else(Utc::now, |r| r.updated_at),
            // Only those who run the jury read this list.
            may_change_conflict_fields: true,
        })
        .collect())
}

/// Creates or edits a reviewer's profile for a programme. Fields left out
/// keep their value, or start from the reviewer's account (country,
/// organisation, expertise, language).
#[tracing::instrument(skip_all, fields(actor = %actor.id, programme.id = %programme_id, reviewer = %reviewer))]
pub async fn save_profile(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
    reviewer: UserId,
    input: ReviewerProfileInput,
) -> AppResult<ReviewerProfileView> {
    if !may_manage_profile(actor, reviewer) {
        return Err(AppError::NotFound("reviewer profile"));
    }
    let tx = app.store.begin().await?;
    let programme = load_programme(&tx, programme_id).await?;
    let user = user_store::find(&tx, reviewer)
        .await?
        .filter(|u| u.roles.iter().any(|g| g.role() == Role::Reviewer))
        .ok_or_else(|| {
            AppError::Validation(ValidationErrors::single(
                "reviewer_id",
                "not_a_reviewer",
                "only a user with the reviewer role can have a reviewer profile",
            ))
        })?;
    let base = match store::find_profile(&tx, programme_id, reviewer).await? {
        Some(existing) => existing.profile.to_input(),
        None => ReviewerProfileInput {
            expertise: Some(user.expertise_tags.clone()),
            languages: Some(vec![user.locale.code().to_owned()]),
            country: user.country.map(|c| c.to_string()),
            organisation: user.organisation.clone(),
            ..Default::default()
        },
    };
    let before = base.clone();
    let profile = base.overlay(input).validate(&programme.spec)?;
    if !actor.has_any(JURY_RUNNERS) {
        let changed = review::conflict_fields_changed(&before, &profile);
        if !changed.is_empty() {
            let mut errors = ValidationErrors::default();
            for field in changed {
                errors.push(
                    field,
                    "set_by_jury_runners",
                    "a reviewer's country and organisation decide conflicts of interest: those who run the jury change them",
                );
            }
            return Err(errors.into());
        }
    }
    let now = app.now();
    store::save_profile(&tx, programme_id, reviewer, &profile, now).await?;
    audit::record(
        &tx,
        AuditEntry {
            actor: Some(actor.id),
            action: "reviewer_profile.saved",
            subject_type: JURY_SUBJECT,
            subject_id: programme_id.uuid(),
            // The country, and which conflict-deciding fields changed: not the
            // organisation or other values an erasure must be able to take back.
            details: serde_json::json!({
                "reviewer": reviewer,
                "country": profile.country,
                "changed": review::conflict_fields_changed(&before, &profile),
            }),
        },
        now,
    )
    .await?;
    let shown = profile_view(&tx, actor, programme_id, &user, profile, now).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(shown)
}

/// Adds a reviewer to the jury by their email address, for those who run
/// it: a profile that starts from the account, as [`save_profile`] makes
/// it. Only active accounts with the reviewer role are found; someone
/// already on the jury keeps their profile.
#[tracing::instrument(skip_all, fields(actor = %actor.id, programme.id = %programme_id))]
pub async fn add_reviewer(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
    email: &str,
) -> AppResult<ReviewerProfileView> {
    actor.require_any(JURY_RUNNERS, "add_reviewers_to_the_jury")?;
    let c = app.store.conn();
    load_programme(c, programme_id).await?;
    let wanted = Email::parse(email).map_err(|e| {
        let mut errors = ValidationErrors::default();
        errors.push_parse("email", e);
        errors
    })?;
    let reviewer = user_store::find_by_email(c, &wanted.normalized())
        .await?
        .filter(|u| u.active && u.roles.iter().any(|g| g.role() == Role::Reviewer))
        .ok_or_else(|| {
            ValidationErrors::single(
                "email",
                "not_a_reviewer",
                "no active account with the reviewer role has this address",
            )
        })?;
    if store::find_profile(c, programme_id, reviewer.id)
        .await?
        .is_some()
    {
        return profile(app, actor, programme_id, reviewer.id).await;
    }
    save_profile(
        app,
        actor,
        programme_id,
        reviewer.id,
        ReviewerProfileInput::default(),
    )
    .await
}

/// A recorded conflict (or its lifting), as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecordedConflictView {
    /// Its kind.
    pub kind: ConflictKind,
    /// True when a programme manager lifted it.
    pub lifted: bool,
    /// Why it was recorded or lifted.
    pub reason: Option<String>,
    /// Who recorded or lifted it last.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub recorded_by: Option<UserId>,
    /// Their name.
    pub recorded_by_name: Option<String>,
    /// When.
    pub updated_at: DateTime<Utc>,
}

impl From<ConflictRecord> for RecordedConflictView {
    fn from(r: ConflictRecord) -> Self {
        Self {
            kind: r.kind,
            lifted: r.lifted,
            reason: r.reason,
            recorded_by: r.recorded_by,
            recorded_by_name: None,
            updated_at: r.updated_at,
        }
    }
}

/// The conflicts between one proposal and one reviewer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConflictView {
    /// The reviewer.
    #[schema(value_type = String, format = Uuid)]
    pub reviewer_id: UserId,
    /// Their name.
    pub reviewer_name: String,
    /// The conflicts in force; empty when all were lifted.
    pub in_force: Vec<ConflictKind>,
    /// What people recorded on the pair, lifted ones included.
    pub recorded: Vec<RecordedConflictView>,
}

/// Every reviewer with a conflict on the proposal, in force or lifted; for those who run the jury.
pub async fn conflicts(
    app: &App,
    actor: &Actor,
    proposal_id: ProposalId,
) -> AppResult<Vec<ConflictView>> {
    actor.require_any(JURY_RUNNERS, "see_conflicts_of_interest")?;
    let c = app.store.conn();
    let proposal = crate::proposals::load_visible(c, actor, proposal_id).await?;
    let programme = load_programme(c, proposal.programme_id).await?;
    let jury = Jury::load(c, &programme).await?;
    let recorded = store::conflicts_on_proposal(c, proposal_id).await?;
    let names = crate::users::names(c, recorded.iter().filter_map(|r| r.recorded_by)).await?;
    Ok(jury
        .members
        .iter()
        .filter_map(|m| {
            let mine: Vec<RecordedConflictView> = recorded
                .iter()
                .filter(|r| r.reviewer_id == m.user.id)
                .cloned()
                .map(|r| {
                    let by = r.recorded_by.and_then(|id| names.get(&id).cloned());
                    RecordedConflictView {
                        recorded_by_name: by,
                        ..RecordedConflictView::from(r)
                    }
                })
                .collect();
            let in_force = jury.conflicts(&proposal, m);
            (!in_force.is_empty() || !mine.is_empty() || !jury.automatic(&proposal, m).is_empty())
                .then(|| ConflictView {
                    reviewer_id: m.user.id,
                    reviewer_name: m.user.name.to_string(),
                    in_force,
                    recorded: mine,
                })
        })
        .collect())
}

/// Declaring or adding a conflict.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclareConflictInput {
    /// The conflicted reviewer; leave out to declare your own conflict.
    #[schema(value_type = Option<String>, format = Uuid)]
    pub reviewer_id: Option<Uuid>,
    /// Why; required when a programme manager adds a conflict for someone else.
    pub reason: Option<String>,
}

/// Lifting a conflict.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LiftConflictInput {
    /// The reviewer.
    #[schema(value_type = String, format = Uuid)]
    pub reviewer_id: Uuid,
    /// The kind of conflict to lift.
    pub kind: ConflictKind,
    /// Why it does not apply.
    pub reason: String,
}

fn reason_text(raw: Option<&str>, required: bool) -> AppResult<Option<String>> {
    let reason = raw.map(str::trim).filter(|r| !r.is_empty());
    match reason {
        None if required => Err(ValidationErrors::single(
            "reason",
            "required",
            "give the reason; it is kept on the record",
        )
        .into()),
        Some(r) if r.chars().count() > 2_000 => {
            Err(ValidationErrors::single("reason", "too_long", "at most 2000 characters").into())
        }
        other => Ok(other.map(str::to_owned)),
    }
}

/// A reviewer declares a conflict on a proposal, or a programme manager adds
/// one for a reviewer. An assignment on the pair is withdrawn at once.
#[tracing::instrument(skip_all, fields(actor = %actor.id, proposal.id = %proposal_id))]
pub async fn declare_conflict(
    app: &App,
    actor: &Actor,
    proposal_id: ProposalId,
    input: DeclareConflictInput,
) -> AppResult<Vec<ConflictKind>> {
    let reviewer = input.reviewer_id.map_or(actor.id, UserId::from);
    let own = reviewer == actor.id;
    let tx = app.store.begin().await?;
    let proposal = if own {
        actor.require_any(&[Role::Reviewer], "declare_a_conflict_of_interest")?;
        crate::proposals::load_visible(&tx, actor, proposal_id).await?
    } else {
        actor.require_any(CONFLICT_KEEPERS, "record_a_conflict_for_another_reviewer")?;
        crate::proposals::load_visible(&tx, actor, proposal_id).await?
    };
    let reason = reason_text(input.reason.as_deref(), !own)?;
    let programme = load_programme(&tx, proposal.programme_id).await?;
    conflicts_of_juror(&tx, &programme.spec, &proposal, reviewer).await?;
    let kind = if own {
        ConflictKind::DeclaredByReviewer
    } else {
        ConflictKind::AddedByManager
    };
    let now = app.now();
    note(&tx, actor, &proposal, (reviewer, kind, false), reason, now).await?;
    if let Some(assignment) = store::find_assignment_pair(&tx, proposal_id, reviewer).await?
        && assignment.is_active()
    {
        crate::assignments::withdraw(
            &tx,
            &assignment,
            assignment_state::REMOVED,
            "conflict of interest",
            now,
        )
        .await?;
    }
    let in_force = conflicts_of_juror(&tx, &programme.spec, &proposal, reviewer).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(in_force)
}

/// A programme manager lifts a conflict (automatic or recorded), with a reason.
#[tracing::instrument(skip_all, fields(actor = %actor.id, proposal.id = %proposal_id))]
pub async fn lift_conflict(
    app: &App,
    actor: &Actor,
    proposal_id: ProposalId,
    input: LiftConflictInput,
) -> AppResult<Vec<ConflictKind>> {
    actor.require_any(CONFLICT_KEEPERS, "lift_a_conflict_of_interest")?;
    let reason = reason_text(Some(&input.reason), true)?;
    let reviewer = UserId::from(input.reviewer_id);
    let tx = app.store.begin().await?;
    let proposal = crate::proposals::load_visible(&tx, actor, proposal_id).await?;
    let programme = load_programme(&tx, proposal.programme_id).await?;
    let before = conflicts_of_juror(&tx, &programme.spec, &proposal, reviewer).await?;
    if !before.contains(&input.kind) {
        return Err(ValidationErrors::single(
            "kind",
            "not_in_force",
            format!(
                "no '{}' conflict is in force on this pair",
                input.kind.as_str()
            ),
        )
        .into());
    }
    let now = app.now();
    note(
        &tx,
        actor,
        &proposal,
        (reviewer, input.kind, true),
        reason,
        now,
    )
    .await?;
    let in_force = conflicts_of_juror(&tx, &programme.spec, &proposal, reviewer).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(in_force)
}

/// A bid as shown.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BidView {
    /// The proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// The reviewer.
    #[schema(value_type = String, format = Uuid)]
    pub reviewer_id: UserId,
    /// How keen.
    pub level: BidLevel,
    /// When it was given.
    pub updated_at: DateTime<Utc>,
}

impl From<BidRecord> for BidView {
    fn from(b: BidRecord) -> Self {
        Self {
            proposal_id: b.proposal_id,
            reviewer_id: b.reviewer_id,
            level: b.level,
            updated_at: b.updated_at,
        }
    }
}

/// The bids of a programme (the same as [`bids`]: a reviewer's own, or all
/// for those who run the jury) with the proposals' titles and the
/// reviewers' names, for a download.
pub async fn bids_table(
    app: &App,
    actor: &Actor,
    programme_id: ProgrammeId,
) -> AppResult<crate::export::Table> {
    use crate::export::{Cell, Table};
    let bids = bids(app, actor, programme_id).await?;
    let c = app.store.conn();
    let proposal_ids: Vec<ProposalId> = bids.iter().map(|b| b.proposal_id).collect();
    let titles: HashMap<ProposalId, String> = proposal_store::titles(c, &proposal_ids).await?;
    let names = crate::users::names(c, bids.iter().map(|b| b.reviewer_id)).await?;
    let mut table = Table::new(
        "bids",
        &["proposal_id", "proposal", "reviewer", "bid", "updated_at"],
    );
    table.rows = bids
        .into_iter()
        .map(|b| {
            vec![
                Cell::text(b.proposal_id.to_string()),
                Cell::maybe(titles.get(&b.proposal_id).cloned()),
                Cell::maybe(names.get(&b.reviewer_id).cloned()),
                Cell::Term(match b.level {
                    BidLevel::Eager => "eager",
                    BidLevel::Willing => "willing",
                    BidLevel::NotPreferred => "not_preferred",
                }),
                Cell::Moment(b.updated_at),
            ]
        })
        .collect();
    Ok(table)
}

/// A bid to place.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BidInput {
    /// How keen you are to review the proposal.
    pub level: BidLevel,
}

/// A reviewer bids on a proposal open for review (`None` withdraws the bid).
#[tracing::instrument(skip_all, fields(actor = %actor.id, proposal.id = %proposal_id))]
pub async fn bid(
    app: &App,
    actor: &Actor,
    proposal_id: ProposalId,
    level: Option<BidLevel>,
) -> AppResult<Option<BidView>> {
    actor.require_any(&[Role::Reviewer], "bid_on_proposals")?;
    let tx = app.store.begin().await?;
    let proposal = crate::proposals::load_visible(&tx, actor, proposal_id).await?;
    if store::find_profile(&tx, proposal.programme_id, actor.id)
        .await?
        .is_none()
    {
        return Err(AppError::conflict("bid-needs-profile").done());
    }
    if proposal.state != OPEN_FOR_REVIEW {
        return Err(AppError::conflict("bid-proposal-state")
            .with("proposal_state", &proposal.state)
            .done());
    }
    let now = app.now();
    store::set_bid(
        &tx,
        proposal.programme_id,
        proposal_id,
        actor.id,
        level,
        now,
    )
    .await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(level.map(|level| BidView {
        proposal_id,
        reviewer_id: actor.id,
        level,
        updated_at: now,
    }))
}

/// Bids in a programme: a reviewer's own, or all of them for those who run the jury.
pub async fn bids(app: &App, actor: &Actor, programme_id: ProgrammeId) -> AppResult<Vec<BidView>> {
    actor.require_any(
        &[
            Role::Reviewer,
            Role::JuryChair,
            Role::ProgrammeManager,
            Role::Admin,
        ],
        "see_bids",
    )?;
    let c = app.store.conn();
    load_programme(c, programme_id).await?;
    let all = actor.has_any(JURY_RUNNERS);
    Ok(store::bids_in_programme(c, programme_id)
        .await?
        .into_iter()
        .filter(|b| all || b.reviewer_id == actor.id)
        .map(BidView::from)
        .collect())
}
