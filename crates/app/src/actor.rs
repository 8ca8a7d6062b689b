use grants_domain::team::TeamRole;
use grants_domain::{GrantId, Locale, ProposalId, Role, RoleGrant, TokenId, UserId};
use grants_store::teams::Membership;

use crate::AppError;

/// The authenticated person on whose behalf a use case runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Their account.
    pub id: UserId,
    /// Their name, for greeting them.
    pub name: String,
    /// Their language.
    pub locale: Locale,
    /// Roles they hold.
    pub roles: Vec<RoleGrant>,
    /// The token they authenticated with, so that log-out can revoke it.
    pub token: Option<TokenId>,
    /// Their second factor: whether they have one, must have one, and
    /// until when their session counts as freshly proved.
    pub second_factor: crate::second_factor::SecondFactorState,
    /// The proposals' teams they are on besides those they lead, read with
    /// every request so that a removed member loses the proposal at once.
    pub teams: Vec<Membership>,
}

impl Actor {
    /// True if the actor holds `role` (in any area).
    pub fn has(&self, role: Role) -> bool {
        self.roles.iter().any(|g| g.role() == role)
    }

    /// True if the actor holds any of `roles`.
    pub fn has_any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.has(*r))
    }

    /// Their role on a proposal's team, if they are a member (not its lead).
    pub fn member_of(&self, proposal: ProposalId) -> Option<TeamRole> {
        self.teams
            .iter()
            .find(|m| m.proposal_id == proposal)
            .map(|m| m.role)
    }

    /// Their role on the team of a grant's proposal, if they are a member.
    pub fn member_of_grant(&self, grant: GrantId) -> Option<TeamRole> {
        self.teams
            .iter()
            .find(|m| m.grant_id == Some(grant))
            .map(|m| m.role)
    }

    /// Requires one of `roles`, or fails with a 403 that says what is needed.
    pub fn require_any(&self, roles: &[Role], to: &str) -> Result<(), AppError> {
        if self.has_any(roles) {
            return Ok(());
        }
        let names: Vec<_> = roles.iter().map(|r| r.as_str()).collect();
        Err(AppError::forbidden("role-required")
            .with("roles", names.join(", "))
            .with("action", to)
            .done())
    }
}
