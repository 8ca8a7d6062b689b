use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta] $name:ident),* $(,)?) => {$(
        #[$doc]
        ///
        /// A UUID v7, so ids sort by creation time; that makes them usable as
        /// pagination cursors.
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, ToSchema,
        )]
        #[serde(transparent)]
        #[schema(value_type = String, format = Uuid)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh, time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }

            /// The underlying UUID.
            pub fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    /// Identifies a user account.
    UserId,
    /// Identifies a programme (a call for proposals).
    ProgrammeId,
    /// Identifies a proposal.
    ProposalId,
    /// Identifies an API token (not the secret itself).
    TokenId,
    /// Identifies one entry of the audit trail.
    AuditEventId,
    /// Identifies a grant: a funded proposal's award and its payments.
    GrantId,
    /// Identifies one tranche of a grant.
    TrancheId,
    /// Identifies one implementation report a grantee owes.
    ReportId,
    /// Identifies an uploaded file attached to a proposal or a report.
    AttachmentId,
    /// Identifies one version of a grant's bank details.
    BankAccountId,
    /// Identifies a conversation on a proposal, a grant or a report.
    ThreadId,
    /// Identifies an invitation to a proposal's team.
    InvitationId,
    /// Identifies one message of a conversation.
    MessageId,
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_made_later_sort_after_earlier_ones() {
        let first = UserId::new();
        let second = UserId::new();
        assert!(first < second);
    }
}
