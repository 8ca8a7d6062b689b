//! Teams: who besides its lead writes or reads a proposal (and so its
//! grant and reports), and the invitations that bring them in.

use chrono::{DateTime, Utc};
use grants_domain::team::TeamRole;
use grants_domain::{GrantId, InvitationId, Locale, ProgrammeId, ProposalId, UserId};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use crate::entity::{grant, proposal, report, team_invitation, team_member};
use crate::error::corrupt;
use crate::{StoreResult, query};

/// A member of a proposal's team (its lead is the proposal's owner).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRecord {
    /// The member's account.
    pub user_id: UserId,
    /// What they may do.
    pub role: TeamRole,
    /// Since when.
    pub added_at: DateTime<Utc>,
}

/// A team a person is on, as their requests read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Membership {
    /// The proposal.
    pub proposal_id: ProposalId,
    /// Its grant, once it has one.
    pub grant_id: Option<GrantId>,
    /// Their role.
    pub role: TeamRole,
}

fn role(raw: &str) -> StoreResult<TeamRole> {
    TeamRole::parse(raw).map_err(|e| corrupt("team role", e.message))
}

/// The members of a proposal's team, longest-standing first.
pub async fn members(c: &impl ConnectionTrait, id: ProposalId) -> StoreResult<Vec<MemberRecord>> {
    team_member::Entity::find()
        .filter(team_member::Column::ProposalId.eq(id.uuid()))
        .order_by_asc(team_member::Column::AddedAt)
        .order_by_asc(team_member::Column::UserId)
        .all(c)
        .await?
        .into_iter()
        .map(|row| {
            Ok(MemberRecord {
                user_id: row.user_id.into(),
                role: role(&row.role)?,
                added_at: row.added_at,
            })
        })
        .collect()
}

/// The teams `user` is on (not those they lead), each with its grant: one
/// indexed read, and a second only for someone on a team.
pub async fn memberships(c: &impl ConnectionTrait, user: UserId) -> StoreResult<Vec<Membership>> {
    let rows = team_member::Entity::find()
        .filter(team_member::Column::UserId.eq(user.uuid()))
        .all(c)
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let grants: std::collections::HashMap<uuid::Uuid, uuid::Uuid> = grant::Entity::find()
        .select_only()
        .column(grant::Column::ProposalId)
        .column(grant::Column::Id)
        .filter(grant::Column::ProposalId.is_in(rows.iter().map(|r| r.proposal_id)))
        .into_tuple()
        .all(c)
        .await?
        .into_iter()
        .collect();
    rows.into_iter()
        .map(|row| {
            Ok(Membership {
                proposal_id: row.proposal_id.into(),
                grant_id: grants.get(&row.proposal_id).map(|&g| g.into()),
                role: role(&row.role)?,
            })
        })
        .collect()
}

/// The members of the teams of a programme's proposals, by proposal (their
/// leads are the proposals' owners).
pub async fn in_programme(
    c: &impl ConnectionTrait,
    programme: ProgrammeId,
) -> StoreResult<std::collections::HashMap<ProposalId, Vec<UserId>>> {
    let proposals = Query::select()
        .column(proposal::Column::Id)
        .from(proposal::Entity)
        .and_where(proposal::Column::ProgrammeId.eq(programme.uuid()))
        .to_owned();
    let rows: Vec<(uuid::Uuid, uuid::Uuid)> = team_member::Entity::find()
        .select_only()
        .column(team_member::Column::ProposalId)
        .column(team_member::Column::UserId)
        .filter(team_member::Column::ProposalId.in_subquery(proposals))
        .into_tuple()
        .all(c)
        .await?;
    let mut teams: std::collections::HashMap<ProposalId, Vec<UserId>> = Default::default();
    for (proposal, user) in rows {
        teams.entry(proposal.into()).or_default().push(user.into());
    }
    Ok(teams)
}

/// Adds `user` to the team; `false` if they were on it already.
pub async fn add(
    c: &impl ConnectionTrait,
    id: ProposalId,
    user: UserId,
    role: TeamRole,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let row = team_member::ActiveModel {
        proposal_id: Set(id.uuid()),
        user_id: Set(user.uuid()),
        role: Set(role.as_str().to_owned()),
        added_at: Set(now),
    };
    let inserted = team_member::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([team_member::Column::ProposalId, team_member::Column::UserId])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(c)
        .await?;
    Ok(inserted == 1)
}

/// Gives a member another role; `false` if they are not on the team.
pub async fn set_role(
    c: &impl ConnectionTrait,
    id: ProposalId,
    user: UserId,
    role: TeamRole,
) -> StoreResult<bool> {
    let changed = team_member::Entity::update_many()
        .col_expr(team_member::Column::Role, Expr::value(role.as_str()))
        .filter(team_member::Column::ProposalId.eq(id.uuid()))
        .filter(team_member::Column::UserId.eq(user.uuid()))
        .exec(c)
        .await?;
    Ok(changed.rows_affected == 1)
}

/// Takes a member off the team; `false` if they were not on it.
pub async fn remove(c: &impl ConnectionTrait, id: ProposalId, user: UserId) -> StoreResult<bool> {
    let removed = team_member::Entity::delete_many()
        .filter(team_member::Column::ProposalId.eq(id.uuid()))
        .filter(team_member::Column::UserId.eq(user.uuid()))
        .exec(c)
        .await?;
    Ok(removed.rows_affected == 1)
}

/// Makes `to` the proposal's lead, and so the grantee of its grant and the
/// author of its reports: they leave the members, the lead before them
/// joins them as an editor. The caller holds the proposal's lock.
pub async fn hand_over(
    c: &impl ConnectionTrait,
    id: ProposalId,
    from: UserId,
    to: UserId,
    now: DateTime<Utc>,
) -> StoreResult<()> {
    remove(c, id, to).await?;
    add(c, id, from, TeamRole::Editor, now).await?;
    proposal::Entity::update_many()
        .col_expr(proposal::Column::OwnerId, Expr::value(to.uuid()))
        .col_expr(
            proposal::Column::Revision,
            Expr::col(proposal::Column::Revision).add(1),
        )
        .col_expr(proposal::Column::UpdatedAt, Expr::value(now))
        .filter(proposal::Column::Id.eq(id.uuid()))
        .exec(c)
        .await?;
    let grants = Query::select()
        .column(grant::Column::Id)
        .from(grant::Entity)
        .and_where(grant::Column::ProposalId.eq(id.uuid()))
        .to_owned();
    report::Entity::update_many()
        .col_expr(report::Column::GranteeId, Expr::value(to.uuid()))
        .filter(report::Column::GrantId.in_subquery(grants))
        .exec(c)
        .await?;
    grant::Entity::update_many()
        .col_expr(grant::Column::GranteeId, Expr::value(to.uuid()))
        .filter(grant::Column::ProposalId.eq(id.uuid()))
        .exec(c)
        .await?;
    Ok(())
}

/// An invitation to a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationRecord {
    /// Its id.
    pub id: InvitationId,
    /// The proposal whose team it is.
    pub proposal_id: ProposalId,
    /// The address it went to, as written.
    pub email: String,
    /// The role it offers.
    pub role: TeamRole,
    /// Who sent it.
    pub invited_by: UserId,
    /// The language it is written in.
    pub locale: Locale,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
    /// When its link stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was taken or withdrawn.
    pub closed_at: Option<DateTime<Utc>>,
    /// Who took it.
    pub accepted_by: Option<UserId>,
}

fn invitation(row: team_invitation::Model) -> StoreResult<InvitationRecord> {
    Ok(InvitationRecord {
        id: row.id.into(),
        proposal_id: row.proposal_id.into(),
        email: row.email,
        role: role(&row.role)?,
        invited_by: row.invited_by.into(),
        locale: Locale::parse(&row.locale).map_err(|e| corrupt("invitation locale", e.message))?,
        created_at: row.created_at,
        expires_at: row.expires_at,
        closed_at: row.closed_at,
        accepted_by: row.accepted_by.map(Into::into),
    })
}

/// A new invitation, its secret kept by its hash.
#[derive(Debug, Clone)]
pub struct NewInvitation {
    /// The proposal.
    pub proposal_id: ProposalId,
    /// The address, as written.
    pub email: String,
    /// The address, lower-cased.
    pub email_normalized: String,
    /// The role it offers.
    pub role: TeamRole,
    /// The SHA-256 of the link's secret.
    pub token_hash: String,
    /// Who sends it.
    pub invited_by: UserId,
    /// Its language.
    pub locale: Locale,
    /// When its link stops working.
    pub expires_at: DateTime<Utc>,
}

/// Records an invitation, closing any open one to the same address on the
/// same team (the new link replaces the old).
pub async fn invite(
    c: &impl ConnectionTrait,
    new: NewInvitation,
    now: DateTime<Utc>,
) -> StoreResult<InvitationRecord> {
    team_invitation::Entity::update_many()
        .col_expr(team_invitation::Column::ClosedAt, Expr::value(now))
        .filter(team_invitation::Column::ProposalId.eq(new.proposal_id.uuid()))
        .filter(team_invitation::Column::EmailNormalized.eq(new.email_normalized.as_str()))
        .filter(team_invitation::Column::ClosedAt.is_null())
        .exec(c)
        .await?;
    let id = InvitationId::new();
    let row = team_invitation::Model {
        id: id.uuid(),
        proposal_id: new.proposal_id.uuid(),
        email: new.email,
        email_normalized: new.email_normalized,
        role: new.role.as_str().to_owned(),
        token_hash: new.token_hash,
        invited_by: new.invited_by.uuid(),
        locale: new.locale.code().to_owned(),
        created_at: now,
        expires_at: new.expires_at,
        closed_at: None,
        accepted_by: None,
    };
    let record = invitation(row.clone())?;
    query::insert(c, team_invitation::ActiveModel::from(row)).await?;
    Ok(record)
}

/// The open invitations of a team at `now`, the latest first.
pub async fn open_invitations(
    c: &impl ConnectionTrait,
    id: ProposalId,
    now: DateTime<Utc>,
) -> StoreResult<Vec<InvitationRecord>> {
    team_invitation::Entity::find()
        .filter(team_invitation::Column::ProposalId.eq(id.uuid()))
        .filter(team_invitation::Column::ClosedAt.is_null())
        .order_by_desc(team_invitation::Column::CreatedAt)
        .all(c)
        .await?
        .into_iter()
        // Compared here: SQLite keeps timestamps as text.
        .filter(|row| row.expires_at > now)
        .map(invitation)
        .collect()
}

/// The invitation whose link's secret has this hash, whatever its state.
pub async fn find_invitation(
    c: &impl ConnectionTrait,
    token_hash: &str,
) -> StoreResult<Option<InvitationRecord>> {
    team_invitation::Entity::find()
        .filter(team_invitation::Column::TokenHash.eq(token_hash))
        .one(c)
        .await?
        .map(invitation)
        .transpose()
}

/// Deletes the invitations to an address (lower-cased), taken or not: the
/// erasure of the person who has it.
pub async fn forget_address(c: &impl ConnectionTrait, email_normalized: &str) -> StoreResult<u64> {
    Ok(team_invitation::Entity::delete_many()
        .filter(team_invitation::Column::EmailNormalized.eq(email_normalized))
        .exec(c)
        .await?
        .rows_affected)
}

/// One invitation of a team by its id.
pub async fn invitation_of(
    c: &impl ConnectionTrait,
    proposal: ProposalId,
    id: InvitationId,
) -> StoreResult<Option<InvitationRecord>> {
    team_invitation::Entity::find_by_id(id.uuid())
        .filter(team_invitation::Column::ProposalId.eq(proposal.uuid()))
        .one(c)
        .await?
        .map(invitation)
        .transpose()
}

/// Closes an open invitation, taken by `accepted_by` or withdrawn (`None`);
/// `false` if it was closed already, so that a link works once even when
/// two requests race for it.
pub async fn close_invitation(
    c: &impl ConnectionTrait,
    id: InvitationId,
    accepted_by: Option<UserId>,
    now: DateTime<Utc>,
) -> StoreResult<bool> {
    let closed = team_invitation::Entity::update_many()
        .col_expr(team_invitation::Column::ClosedAt, Expr::value(now))
        .col_expr(
            team_invitation::Column::AcceptedBy,
            Expr::value(accepted_by.map(UserId::uuid)),
        )
        .filter(team_invitation::Column::Id.eq(id.uuid()))
        .filter(team_invitation::Column::ClosedAt.is_null())
        .exec(c)
        .await?;
    Ok(closed.rows_affected == 1)
}
