use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{Area, ParseError};

/// What a person does in the service. A person may hold several roles.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Proposes projects and, once funded, reports on them.
    Applicant,
    /// A jury member who scores assigned proposals.
    Reviewer,
    /// Runs assignment and proposes the funding line.
    JuryChair,
    /// Creates programmes, screens eligibility, records decisions.
    ProgrammeManager,
    /// Coordinates one country or region; sees only its proposals.
    Ambassador,
    /// Tracks commitments and pays tranches.
    Finance,
    /// Manages users, roles and the service itself.
    Admin,
}

impl Role {
    /// Every role, in the order the service lists them.
    pub const ALL: [Role; 7] = [
        Role::Applicant,
        Role::Reviewer,
        Role::JuryChair,
        Role::ProgrammeManager,
        Role::Ambassador,
        Role::Finance,
        Role::Admin,
    ];

    /// The snake_case name used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Reviewer => "reviewer",
            Role::JuryChair => "jury_chair",
            Role::ProgrammeManager => "programme_manager",
            Role::Ambassador => "ambassador",
            Role::Finance => "finance",
            Role::Admin => "admin",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == raw)
            .ok_or_else(|| ParseError::new("unknown_role", format!("'{raw}' is not a role")))
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A role held by a person, with the area it covers where the role has one.
///
/// Only ambassadors have an area, and they must have one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RoleGrant {
    role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    area: Option<Area>,
}

impl RoleGrant {
    /// A grant of `role`, checking that an area is given exactly when the role needs one.
    pub fn new(role: Role, area: Option<Area>) -> Result<Self, ParseError> {
        match (role, &area) {
            (Role::Ambassador, None) => Err(ParseError::new(
                "area_required",
                "an ambassador role needs the country or region it covers (e.g. MK or BA-SRP)",
            )),
            (Role::Ambassador, Some(_)) | (_, None) => Ok(Self { role, area }),
            (_, Some(_)) => Err(ParseError::new(
                "area_not_allowed",
                format!("the {role} role does not cover an area"),
            )),
        }
    }

    /// A grant of a role that has no area.
    pub fn plain(role: Role) -> Result<Self, ParseError> {
        Self::new(role, None)
    }

    /// The role.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The area an ambassador covers.
    pub fn area(&self) -> Option<&Area> {
        self.area.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert_eq!(Role::parse("superuser").unwrap_err().code, "unknown_role");
    }

    #[test]
    fn only_ambassadors_have_areas_and_they_must() {
        let mk = Area::parse("MK").ok();
        assert!(RoleGrant::new(Role::Ambassador, mk.clone()).is_ok());
        assert_eq!(
            RoleGrant::new(Role::Ambassador, None).unwrap_err().code,
            "area_required"
        );
        assert_eq!(
            RoleGrant::new(Role::Finance, mk).unwrap_err().code,
            "area_not_allowed"
        );
        assert!(RoleGrant::plain(Role::Admin).is_ok());
    }
}
