//! Value types and rules shared by every part of Innovation Awards.
//!
//! Everything here is pure: no I/O, no async, no clock. Types follow
//! "parse, don't validate": a value of `Email`, `CountryCode`, `Money` or
//! `ProgrammeSpec` has already passed its checks, so code that holds one
//! never checks again.

pub mod attachment;
mod error;
pub mod finance;
mod id;
mod locale;
mod money;
mod person;
mod place;
pub mod programme;
pub mod proposal;
mod refusal;
pub mod report;
pub mod review;
mod role;

pub use error::{FieldError, ParseError, ValidationErrors};
pub use id::{
    AttachmentId, AuditEventId, GrantId, ProgrammeId, ProposalId, ReportId, TokenId, TrancheId,
    UserId,
};
pub use locale::Locale;
pub use money::{Currency, Money};
pub use person::{Email, PersonName};
pub use place::{Area, CountryCode};
pub use refusal::Refusal;
pub use role::{Role, RoleGrant};
