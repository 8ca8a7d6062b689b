//! Teams: the lead applicant of a proposal invites people by email as
//! editors or viewers, changes their roles, removes them and hands over the
//! lead; members leave; an invitee accepts with the emailed link's token.

use grants_app::teams::{
    self, InvitationView, InviteInput, LeadInput, RoleInput, TeamView, TokenInput,
};
use grants_domain::{InvitationId, ProposalId, UserId};

use super::handlers::handlers;
use super::params::{INVITATION_ID, MEMBER_ID, PROPOSAL_ID};
use super::responses::{
    ActionErrors, Conflict, Forbidden, Invalid, NotFound, Problems, RestrictedErrors,
    Unauthenticated,
};

/// A change to a team by its lead: 401, 403, 404, 409, 422.
type TeamChangeErrors = Problems<(Unauthenticated, Forbidden, NotFound, Conflict, Invalid)>;

handlers! {
    pub(super) fn routes(), tag = "teams";

    /// Everyone on a proposal's team, the lead first, and (for the lead)
    /// the invitations not yet taken. For the team and the programme's staff.
    get "/proposals/{id}/team",
    fn get_team(id: IdPath<ProposalId> = PROPOSAL_ID) -> Json<TeamView>,
        [RestrictedErrors] = teams::team(id);

    /// Invite someone by email to the team, as an `editor` (writes the
    /// draft and the grant's reports) or a `viewer` (reads them). The email
    /// carries a link that works once, for 14 days; a new invitation to the
    /// same address replaces an open one. The lead only.
    post "/proposals/{id}/team/invitations",
    fn invite_to_team(
        id: IdPath<ProposalId> = PROPOSAL_ID,
        input: Json<InviteInput>,
    ) -> (StatusCode::CREATED, Json<InvitationView>),
        [TeamChangeErrors] = teams::invite(id, input);

    /// Withdraw an invitation not yet taken: its link stops working. The lead only.
    delete "/proposals/{id}/team/invitations/{invitation_id}",
    fn withdraw_invitation(
        (id, invitation): IdPair<ProposalId, InvitationId> =
            ("id" = PROPOSAL_ID, "invitation_id" = INVITATION_ID),
    ) -> NoContent("Withdrawn"),
        [ActionErrors] = teams::withdraw_invitation(id, invitation);

    /// Give a member another role. The lead only.
    put "/proposals/{id}/team/members/{user_id}",
    fn set_team_role(
        (id, member): IdPair<ProposalId, UserId> = ("id" = PROPOSAL_ID, "user_id" = MEMBER_ID),
        input: Json<RoleInput>,
    ) -> Json<TeamView>,
        [TeamChangeErrors] = teams::set_role(id, member, input);

    /// Remove a member (the lead), or leave the team (a member, with their
    /// own id). The lead leaves only after handing the lead to a member.
    delete "/proposals/{id}/team/members/{user_id}",
    fn remove_team_member(
        (id, member): IdPair<ProposalId, UserId> = ("id" = PROPOSAL_ID, "user_id" = MEMBER_ID),
    ) -> NoContent("Removed"),
        [ActionErrors] = teams::remove(id, member);

    /// Hand the lead to a member, who then submits, withdraws, accepts the
    /// agreement and is the grantee; you stay on the team as an editor.
    post "/proposals/{id}/team/lead",
    fn hand_over_lead(
        id: IdPath<ProposalId> = PROPOSAL_ID,
        input: Json<LeadInput>,
    ) -> Json<TeamView>,
        [TeamChangeErrors] = teams::hand_over(id, input);

    /// Accept an invitation with the token from its email's link, signed
    /// in with the address it went to: you join the team with its role.
    /// A link works once, until it expires (409 otherwise).
    post "/invitations/accept",
    fn accept_invitation(input: Json<TokenInput>) -> Json<TeamView>,
        [TeamChangeErrors] = teams::accept(input);
}
