//! Value types and rules shared by every part of Innovation Awards.
//!
//! Everything here is pure: no I/O, no async, no clock. Types follow
//! "parse, don't validate": a value of `Email`, `CountryCode`, `Money` or
//! `ProgrammeSpec` has already passed its checks, so code that holds one
//! never checks again.

/// `Display`, `Serialize` and `Deserialize` for a value type written as its
/// text: shown and serialised as `self.$text()`, and read back through its
/// `parse`, so a deserialised value has passed the same checks as a parsed one.
macro_rules! written_as_text {
    ($type:ident, $text:ident) => {
        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.$text())
            }
        }

        impl serde::Serialize for $type {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.$text())
            }
        }

        impl<'de> serde::Deserialize<'de> for $type {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let raw = <String as serde::Deserialize>::deserialize(d)?;
                $type::parse(&raw).map_err(serde::de::Error::custom)
            }
        }
    };
}

pub mod attachment;
pub mod bank;
pub mod conversation;
mod error;
pub mod finance;
mod id;
pub mod identity;
mod locale;
mod money;
mod person;
mod place;
pub mod programme;
pub mod proposal;
pub mod random;
mod refusal;
pub mod report;
pub mod review;
mod role;
pub mod team;
pub mod text;

pub use error::{FieldError, ParseError, ValidationErrors};
pub use id::{
    AttachmentId, AuditEventId, BankAccountId, GrantId, InvitationId, MessageId, ProgrammeId,
    ProposalId, ReportId, ThreadId, TokenId, TrancheId, UserId,
};
pub use locale::Locale;
pub use money::{Currency, Money};
pub use person::{Email, PersonName, pseudonym};
pub use place::{Area, CountryCode};
pub use refusal::Refusal;
pub use role::{Role, RoleGrant};
