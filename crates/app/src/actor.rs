use grants_domain::{Locale, Role, RoleGrant, TokenId, UserId};

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
