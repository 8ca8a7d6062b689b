//! A proposal's team: its lead applicant, who owns the proposal and alone
//! submits it, withdraws it and accepts its agreement, and the people the
//! lead invited to write it with them (editors) or to read it (viewers),
//! and so its grant and its reports. An invitation is a single-use link
//! that expires.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{Email, ParseError};

/// The most people on one team besides its lead, invited ones included.
pub const MOST_MEMBERS: usize = 20;

/// How long an invitation link works.
pub const INVITATION_VALID_FOR: Duration = Duration::days(14);

/// What a member may do, besides reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TeamRole {
    /// Writes the draft, its files and the grant's reports.
    Editor,
    /// Reads them.
    Viewer,
}

impl TeamRole {
    /// Its stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TeamRole::Editor => "editor",
            TeamRole::Viewer => "viewer",
        }
    }

    /// The role named `raw`.
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        match raw.trim() {
            "editor" => Ok(TeamRole::Editor),
            "viewer" => Ok(TeamRole::Viewer),
            other => Err(ParseError::new(
                "unknown_team_role",
                format!("not a team role: {other}"),
            )),
        }
    }
}

/// What a person is on a proposal's team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The lead applicant.
    Lead,
    /// A member with a role.
    Member(TeamRole),
}

impl Standing {
    /// Whether they write the proposal's draft and the grant's reports.
    pub fn writes(self) -> bool {
        matches!(self, Standing::Lead | Standing::Member(TeamRole::Editor))
    }
}

/// Where an invitation stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    /// It can be taken.
    Open,
    /// Someone took it, or the lead withdrew it.
    Used,
    /// Its time ran out.
    Expired,
}

/// Where an invitation sent to expire at `expires_at`, and closed at
/// `closed_at` if it was taken or withdrawn, stands at `now`.
pub fn invitation_state(
    expires_at: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> InvitationState {
    if closed_at.is_some() {
        InvitationState::Used
    } else if now >= expires_at {
        InvitationState::Expired
    } else {
        InvitationState::Open
    }
}

/// Why a person cannot be invited to a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InviteRefusal {
    /// The address is the lead's, or a member's.
    AlreadyInTeam,
    /// The team (members and open invitations) is full.
    TeamFull,
}

impl InviteRefusal {
    /// The field error's code.
    pub fn code(self) -> &'static str {
        match self {
            InviteRefusal::AlreadyInTeam => "already_in_team",
            InviteRefusal::TeamFull => "team_full",
        }
    }
}

/// Whether `invited` may be invited to a team whose people have the
/// addresses `team` (its lead's included) and which has `open_invitations`
/// other than any to `invited` (a new invitation to the same address
/// replaces that one).
pub fn check_invitation(
    invited: &Email,
    team: &[Email],
    open_invitations: usize,
) -> Result<(), InviteRefusal> {
    if team.iter().any(|e| e.normalized() == invited.normalized()) {
        return Err(InviteRefusal::AlreadyInTeam);
    }
    // The lead is not counted: MOST_MEMBERS is besides them.
    if team.len().saturating_sub(1) + open_invitations >= MOST_MEMBERS {
        return Err(InviteRefusal::TeamFull);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(raw: &str) -> Email {
        Email::parse(raw).expect("a valid address")
    }

    #[test]
    fn only_the_lead_and_editors_write() {
        assert!(Standing::Lead.writes());
        assert!(Standing::Member(TeamRole::Editor).writes());
        assert!(!Standing::Member(TeamRole::Viewer).writes());
    }

    #[test]
    fn roles_read_back_as_they_are_written() {
        for role in [TeamRole::Editor, TeamRole::Viewer] {
            assert_eq!(TeamRole::parse(role.as_str()), Ok(role));
        }
        assert_eq!(
            TeamRole::parse("owner").map_err(|e| e.code),
            Err("unknown_team_role")
        );
    }

    #[test]
    fn an_invitation_is_open_until_it_is_used_or_expires() {
        let sent = Utc::now();
        let expires = sent + INVITATION_VALID_FOR;
        assert_eq!(invitation_state(expires, None, sent), InvitationState::Open);
        assert_eq!(
            invitation_state(expires, Some(sent), sent),
            InvitationState::Used
        );
        assert_eq!(
            invitation_state(expires, None, expires),
            InvitationState::Expired
        );
    }

    #[test]
    fn nobody_is_invited_twice_and_a_full_team_takes_nobody() {
        let team = vec![email("lead@example.org"), email("ana@example.org")];
        assert_eq!(
            check_invitation(&email("ANA@example.org"), &team, 0),
            Err(InviteRefusal::AlreadyInTeam)
        );
        assert_eq!(
            check_invitation(&email("new@example.org"), &team, 0),
            Ok(())
        );
        assert_eq!(
            check_invitation(&email("new@example.org"), &team, MOST_MEMBERS - 1),
            Err(InviteRefusal::TeamFull)
        );
    }
}
