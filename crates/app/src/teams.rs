//! Teams: the lead applicant of a proposal invites people by email to write
//! it (editors) or read it (viewers) with them, and so its grant and its
//! reports; changes their roles, removes them, or hands the lead to one of
//! them. Members leave on their own. Every change is on the proposal's
//! history. Only the lead submits, withdraws and accepts the agreement: the
//! workflows give those steps to the `owner` and `grantee` relations, which
//! only the lead holds.

use chrono::{DateTime, Utc};
use grants_domain::team::{
    self as rules, INVITATION_VALID_FOR, InvitationState, InviteRefusal, Standing, TeamRole,
};
use grants_domain::{Email, InvitationId, Locale, ProposalId, UserId, ValidationErrors};
use grants_notify::{Letter, Notification, TeamInvitation};
use grants_store::ConnectionTrait;
use grants_store::programmes::ProgrammeRecord;
use grants_store::proposals::{self as proposal_store, ProposalRecord};
use grants_store::teams::{self as store, InvitationRecord, NewInvitation};
use grants_store::users::{self as user_store, UserRecord};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{hash_token, new_secret};
use crate::proposals::{SUBJECT, on_team};
use crate::steps;
use crate::{Actor, App, AppError, AppResult};

/// A proposal's team as a reader sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamView {
    /// The proposal.
    #[schema(value_type = String, format = Uuid)]
    pub proposal_id: ProposalId,
    /// Its title.
    pub proposal_title: String,
    /// Everyone on it, the lead first.
    pub members: Vec<MemberView>,
    /// The invitations not yet taken: for the lead only, empty for others.
    pub invitations: Vec<InvitationView>,
    /// What the reader is on it, if anything.
    pub you: Option<Standing>,
    /// What the reader may do with it.
    pub may: TeamPermissions,
    /// The programme's time zone, in which its moments are shown.
    #[schema(value_type = String, example = "Europe/Skopje")]
    pub time_zone: chrono_tz::Tz,
}

/// One person on a team.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MemberView {
    /// Their account.
    #[schema(value_type = String, format = Uuid)]
    pub user_id: UserId,
    /// Their name.
    pub name: String,
    /// Their address: shown to the team and the programme's staff.
    pub email: String,
    /// Lead or member, with the member's role.
    pub standing: Standing,
    /// Since when they are on it; `None` for the lead.
    pub added_at: Option<DateTime<Utc>>,
}

/// An invitation not yet taken.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationView {
    /// Its id.
    #[schema(value_type = String, format = Uuid)]
    pub id: InvitationId,
    /// The address it went to.
    pub email: String,
    /// The role it offers.
    pub role: TeamRole,
    /// When it was sent.
    pub created_at: DateTime<Utc>,
    /// When its link stops working.
    pub expires_at: DateTime<Utc>,
}

impl From<InvitationRecord> for InvitationView {
    fn from(r: InvitationRecord) -> Self {
        Self {
            id: r.id,
            email: r.email,
            role: r.role,
            created_at: r.created_at,
            expires_at: r.expires_at,
        }
    }
}

/// What the reader may do with a team.
#[derive(Debug, Clone, Copy, Default, Serialize, ToSchema)]
pub struct TeamPermissions {
    /// Invite people, change roles, remove members, hand over the lead (the lead).
    pub manage: bool,
    /// Leave it (a member).
    pub leave: bool,
}

/// An invitation to send.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteInput {
    /// The address to invite.
    #[serde(default)]
    pub email: String,
    /// `editor` (writes) or `viewer` (reads).
    #[serde(default)]
    pub role: String,
    /// The language of the email, for an address without an account (an
    /// account's own language wins); the lead's when absent.
    pub language: Option<String>,
}

/// A member's new role.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleInput {
    /// `editor` or `viewer`.
    #[serde(default)]
    pub role: String,
}

/// Whom to hand the lead to.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LeadInput {
    /// A member of the team.
    pub user_id: Uuid,
}

/// The secret of an invitation's link.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenInput {
    /// The token from the link (the last part of its path).
    pub token: String,
}

/// An invitation as its link's landing page shows it, to anyone holding the link.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InvitationLanding {
    /// The proposal's title.
    pub proposal_title: String,
    /// Who invites.
    pub inviter_name: String,
    /// The address invited.
    pub email: String,
    /// The role offered.
    pub role: TeamRole,
    /// Until when the link works.
    pub expires_at: DateTime<Utc>,
    /// `open`, `used` (taken or withdrawn) or `expired`.
    pub state: String,
    /// Whether an account has the invited address (it signs in to accept).
    pub has_account: bool,
    /// The programme's time zone, in which its moments are shown.
    #[schema(value_type = String, example = "Europe/Skopje")]
    pub time_zone: chrono_tz::Tz,
}

/// Everyone on a proposal's team and its open invitations, for its team
/// and the programme's staff.
pub async fn team(app: &App, actor: &Actor, id: ProposalId) -> AppResult<TeamView> {
    let c = app.store.conn();
    let (record, programme) = steps::visible::<ProposalRecord>(c, actor, id).await?;
    view(c, app, actor, (&record, &programme)).await
}

/// The team for its proposal's page; `None` for a reader who does not
/// read who is on it (a reviewer).
pub(crate) async fn on_page(
    c: &impl ConnectionTrait,
    app: &App,
    actor: &Actor,
    on: (&ProposalRecord, &ProgrammeRecord),
) -> AppResult<Option<TeamView>> {
    match view(c, app, actor, on).await {
        Ok(team) => Ok(Some(team)),
        Err(AppError::Forbidden(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Everyone on the proposal's team, the lead first, with their accounts,
/// read in one query of the accounts.
async fn everyone(
    c: &impl ConnectionTrait,
    record: &ProposalRecord,
) -> AppResult<Vec<(UserRecord, Standing, Option<DateTime<Utc>>)>> {
    let members = store::members(c, record.id).await?;
    let mut ids: Vec<UserId> = members.iter().map(|m| m.user_id).collect();
    ids.push(record.owner_id);
    let mut people = user_store::find_people(c, &ids, &[]).await?;
    let mut take = |id: UserId| {
        let at = people.iter().position(|p| p.id == id)?;
        Some(people.swap_remove(at))
    };
    let mut everyone = Vec::with_capacity(members.len() + 1);
    if let Some(lead) = take(record.owner_id) {
        everyone.push((lead, Standing::Lead, None));
    }
    for member in members {
        if let Some(person) = take(member.user_id) {
            everyone.push((person, Standing::Member(member.role), Some(member.added_at)));
        }
    }
    Ok(everyone)
}

async fn view(
    c: &impl ConnectionTrait,
    app: &App,
    actor: &Actor,
    (record, programme): (&ProposalRecord, &ProgrammeRecord),
) -> AppResult<TeamView> {
    let you = on_team(actor, record);
    if you.is_none() && !crate::proposals::reads_team(actor, record) {
        return Err(AppError::forbidden("team-readers").done());
    }
    let shown = everyone(c, record)
        .await?
        .into_iter()
        .map(|(person, standing, added_at)| MemberView {
            user_id: person.id,
            name: person.name.to_string(),
            email: person.email.to_string(),
            standing,
            added_at,
        })
        .collect();
    let leads = you == Some(Standing::Lead);
    let invitations = if leads {
        store::open_invitations(c, record.id, app.now())
            .await?
            .into_iter()
            .map(InvitationView::from)
            .collect()
    } else {
        Vec::new()
    };
    Ok(TeamView {
        time_zone: programme.spec.time_zone,
        proposal_id: record.id,
        proposal_title: record.content.title.clone().unwrap_or_default(),
        members: shown,
        invitations,
        you,
        may: TeamPermissions {
            manage: leads,
            leave: matches!(you, Some(Standing::Member(_))),
        },
    })
}

/// The proposal and its programme, the proposal locked for a change to its
/// team by its lead.
async fn lead_locks(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: ProposalId,
) -> AppResult<(ProposalRecord, ProgrammeRecord)> {
    proposal_store::lock(c, id).await?;
    let (record, programme) = steps::visible::<ProposalRecord>(c, actor, id).await?;
    if record.owner_id != actor.id {
        return Err(AppError::forbidden("team-lead-only").done());
    }
    Ok((record, programme))
}

/// The lead invites someone by email; the email carries a single-use link
/// that expires. A new invitation to an address with an open one replaces it.
#[tracing::instrument(skip_all, fields(actor = %actor.id, proposal.id = %id))]
pub async fn invite(
    app: &App,
    actor: &Actor,
    id: ProposalId,
    input: InviteInput,
) -> AppResult<InvitationView> {
    let mut errors = ValidationErrors::default();
    let email = errors.check("email", Email::parse(&input.email));
    let role = errors.check("role", TeamRole::parse(&input.role));
    let language = errors.check_optional("language", input.language, Locale::parse);
    let now = app.now();
    let tx = app.store.begin().await?;
    let (record, programme) = lead_locks(&tx, actor, id).await?;
    let (Some(email), Some(role)) = (email, role) else {
        return Err(errors.into());
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let team: Vec<Email> = everyone(&tx, &record)
        .await?
        .into_iter()
        .map(|(person, _, _)| person.email)
        .collect();
    let others = store::open_invitations(&tx, id, now)
        .await?
        .into_iter()
        .filter(|i| i.email.to_lowercase() != email.normalized())
        .count();
    if let Err(refusal) = rules::check_invitation(&email, &team, others) {
        let message = match refusal {
            InviteRefusal::AlreadyInTeam => "this address is on the team already".to_owned(),
            InviteRefusal::TeamFull => format!(
                "a team has at most {} members besides its lead, invitations included",
                rules::MOST_MEMBERS
            ),
        };
        return Err(ValidationErrors::single("email", refusal.code(), message).into());
    }
    let account = user_store::find_by_email(&tx, &email.normalized()).await?;
    let locale = account
        .as_ref()
        .map(|a| a.locale)
        .or(language)
        .unwrap_or(actor.locale);
    let secret = new_secret();
    let invitation = store::invite(
        &tx,
        NewInvitation {
            proposal_id: id,
            email: email.to_string(),
            email_normalized: email.normalized(),
            role,
            token_hash: hash_token(secret.expose_secret()),
            invited_by: actor.id,
            locale,
            expires_at: now + INVITATION_VALID_FOR,
        },
        now,
    )
    .await?;
    // Someone without an account is greeted by their address, and the
    // outbox holds the email under the lead who sent it.
    let (recipient, greeting) = match &account {
        Some(a) => (a.clone(), a.name.to_string()),
        None => (account_of(&tx, actor).await?, email.to_string()),
    };
    let mut envelope = crate::proposals::envelope(&recipient, &programme);
    envelope.recipient_name = greeting;
    let letter = Letter {
        envelope,
        notification: Notification::TeamInvitation(TeamInvitation {
            proposal_title: record.content.title.clone().unwrap_or_default(),
            inviter_name: actor.name.clone(),
            as_editor: role == TeamRole::Editor,
            invitation_url: app.link(&format!("/app/invitations/{}", secret.expose_secret())),
            expires_at: invitation.expires_at,
            invitee_email: email.to_string(),
        }),
    };
    let recipient = UserRecord {
        locale,
        ..recipient
    };
    crate::mail::enqueue(
        &tx,
        app,
        &recipient,
        (SUBJECT, id.uuid()),
        letter,
        format!("team_invitation:{}", invitation.id),
        now,
    )
    .await?;
    history(
        &tx,
        actor,
        id,
        "proposal.team_invited",
        // The address stays on the invitation, which an erasure deletes; the
        // trail, which keeps everything, keeps only the invitation's id.
        serde_json::json!({ "invitation_id": invitation.id, "role": role.as_str() }),
        now,
    )
    .await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(invitation.into())
}

/// The actor's own account.
async fn account_of(c: &impl ConnectionTrait, actor: &Actor) -> AppResult<UserRecord> {
    user_store::find(c, actor.id)
        .await?
        .ok_or(AppError::NotFound("user"))
}

/// The lead withdraws an invitation not yet taken: its link stops working.
#[tracing::instrument(skip_all, fields(actor = %actor.id, proposal.id = %id))]
pub async fn withdraw_invitation(
    app: &App,
    actor: &Actor,
    id: ProposalId,
    invitation: InvitationId,
) -> AppResult<()> {
    let now = app.now();
    let tx = app.store.begin().await?;
    lead_locks(&tx, actor, id).await?;
    let found = store::invitation_of(&tx, id, invitation)
        .await?
        .ok_or(AppError::NotFound("invitation"))?;
    if !store::close_invitation(&tx, found.id, None, now).await? {
        return Err(AppError::conflict("invitation-used").done());
    }
    history(
        &tx,
        actor,
        id,
        "proposal.team_invitation_withdrawn",
        serde_json::json!({ "invitation_id": found.id }),
        now,
    )
    .await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(())
}

/// The invitation behind a link, as its landing page shows it; a 404 for
/// a link that never was.
pub async fn invitation(app: &App, token: &str) -> AppResult<InvitationLanding> {
    let c = app.store.conn();
    let found = store::find_invitation(c, &hash_token(token.trim()))
        .await?
        .ok_or(AppError::NotFound("invitation"))?;
    let record = proposal_store::find(c, found.proposal_id)
        .await?
        .ok_or(AppError::NotFound("invitation"))?;
    let programme = crate::programmes::load_programme(c, record.programme_id).await?;
    let inviter = crate::users::names(c, [found.invited_by]).await?;
    let has_account = user_store::find_by_email(c, &found.email.to_lowercase())
        .await?
        .is_some();
    let state = match rules::invitation_state(found.expires_at, found.closed_at, app.now()) {
        InvitationState::Open => "open",
        InvitationState::Used => "used",
        InvitationState::Expired => "expired",
    };
    Ok(InvitationLanding {
        proposal_title: record.content.title.clone().unwrap_or_default(),
        inviter_name: inviter.get(&found.invited_by).cloned().unwrap_or_default(),
        email: found.email,
        role: found.role,
        expires_at: found.expires_at,
        state: state.to_owned(),
        has_account,
        time_zone: programme.spec.time_zone,
    })
}

/// The signed-in person takes the invitation behind a link, which must
/// have gone to their address: they join the team with its role. A link
/// works once, until it expires.
#[tracing::instrument(skip_all, fields(actor = %actor.id))]
pub async fn accept(app: &App, actor: &Actor, input: TokenInput) -> AppResult<TeamView> {
    let token = input.token.as_str();
    let now = app.now();
    let tx = app.store.begin().await?;
    let found = store::find_invitation(&tx, &hash_token(token.trim()))
        .await?
        .ok_or(AppError::NotFound("invitation"))?;
    match rules::invitation_state(found.expires_at, found.closed_at, now) {
        InvitationState::Open => {}
        InvitationState::Used => return Err(AppError::conflict("invitation-used").done()),
        InvitationState::Expired => return Err(AppError::conflict("invitation-expired").done()),
    }
    let me = account_of(&tx, actor).await?;
    if me.email.normalized() != found.email.to_lowercase() {
        return Err(AppError::forbidden("invitation-for-another-address")
            .with("email", &found.email)
            .done());
    }
    proposal_store::lock(&tx, found.proposal_id).await?;
    let (record, programme) = proposal_store::find_with_programme(&tx, found.proposal_id)
        .await?
        .ok_or(AppError::NotFound("invitation"))?;
    if record.owner_id == actor.id || !store::add(&tx, record.id, actor.id, found.role, now).await?
    {
        return Err(AppError::conflict("already-in-team").done());
    }
    // Two requests racing for one link: the second finds it closed.
    if !store::close_invitation(&tx, found.id, Some(actor.id), now).await? {
        return Err(AppError::conflict("invitation-used").done());
    }
    history(
        &tx,
        actor,
        record.id,
        "proposal.team_joined",
        serde_json::json!({ "role": found.role.as_str() }),
        now,
    )
    .await?;
    let mut joined = actor.clone();
    joined.teams = store::memberships(&tx, actor.id).await?;
    let team = view(&tx, app, &joined, (&record, &programme)).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(team)
}

/// The lead gives a member another role.
#[tracing::instrument(skip_all, fields(actor = %actor.id, proposal.id = %id))]
pub async fn set_role(
    app: &App,
    actor: &Actor,
    id: ProposalId,
    member: UserId,
    input: RoleInput,
) -> AppResult<TeamView> {
    let role = TeamRole::parse(&input.role)
        .map_err(|e| ValidationErrors::single("role", e.code, e.message))?;
    let now = app.now();
    let tx = app.store.begin().await?;
    let (record, programme) = lead_locks(&tx, actor, id).await?;
    if !store::set_role(&tx, id, member, role).await? {
        return Err(AppError::NotFound("team-member"));
    }
    history(
        &tx,
        actor,
        id,
        "proposal.team_role_changed",
        serde_json::json!({ "member": member, "role": role.as_str() }),
        now,
    )
    .await?;
    let team = view(&tx, app, actor, (&record, &programme)).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(team)
}

/// The lead removes a member, or a member leaves. The lead leaves only by
/// handing the lead to someone else first.
#[tracing::instrument(skip_all, fields(actor = %actor.id, proposal.id = %id))]
pub async fn remove(app: &App, actor: &Actor, id: ProposalId, member: UserId) -> AppResult<()> {
    let now = app.now();
    let tx = app.store.begin().await?;
    proposal_store::lock(&tx, id).await?;
    let record = crate::proposals::load_visible(&tx, actor, id).await?;
    let leaving = member == actor.id;
    if leaving && record.owner_id == actor.id {
        return Err(AppError::conflict("lead-cannot-leave").done());
    }
    if !leaving && record.owner_id != actor.id {
        return Err(AppError::forbidden("team-lead-only").done());
    }
    if !store::remove(&tx, id, member).await? {
        return Err(AppError::NotFound("team-member"));
    }
    let (action, details) = if leaving {
        ("proposal.team_left", serde_json::json!({}))
    } else {
        (
            "proposal.team_member_removed",
            serde_json::json!({ "member": member }),
        )
    };
    history(&tx, actor, id, action, details, now).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(())
}

/// The lead hands the lead to a member, who then submits, withdraws,
/// accepts the agreement and becomes the grantee; the former lead stays
/// on as an editor.
#[tracing::instrument(skip_all, fields(actor = %actor.id, proposal.id = %id))]
pub async fn hand_over(
    app: &App,
    actor: &Actor,
    id: ProposalId,
    input: LeadInput,
) -> AppResult<TeamView> {
    let to = UserId::from(input.user_id);
    let now = app.now();
    let tx = app.store.begin().await?;
    let (record, programme) = lead_locks(&tx, actor, id).await?;
    let members = store::members(&tx, id).await?;
    if !members.iter().any(|m| m.user_id == to) {
        return Err(ValidationErrors::single(
            "user_id",
            "not_in_team",
            "hand the lead to a member of the team",
        )
        .into());
    }
    store::hand_over(&tx, id, actor.id, to, now).await?;
    history(
        &tx,
        actor,
        id,
        "proposal.lead_handed_over",
        serde_json::json!({ "from": actor.id, "to": to }),
        now,
    )
    .await?;
    let record = proposal_store::find(&tx, id).await?.unwrap_or(record);
    let mut former = actor.clone();
    former.teams = store::memberships(&tx, actor.id).await?;
    let team = view(&tx, app, &former, (&record, &programme)).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    Ok(team)
}

async fn history(
    c: &impl ConnectionTrait,
    actor: &Actor,
    id: ProposalId,
    action: &'static str,
    details: serde_json::Value,
    now: DateTime<Utc>,
) -> AppResult<()> {
    crate::audit::by_actor(c, actor, action, (SUBJECT, id.uuid()), details, now).await
}
