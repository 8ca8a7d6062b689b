//! How the OpenAPI document describes the parameters many routes share,
//! each written once: the ids routes read from their path, and the
//! revisions they read from `If-Match`.

/// `{id}` of a programme.
pub(crate) const PROGRAMME_ID: &str = "The programme's id";
/// `{id}` of a proposal.
pub(crate) const PROPOSAL_ID: &str = "The proposal's id";
/// `{id}` of a grant.
pub(crate) const GRANT_ID: &str = "The grant's id";
/// `{id}` of a conversation.
pub(crate) const THREAD_ID: &str = "The conversation's id";
/// `{id}` of a tranche.
pub(crate) const TRANCHE_ID: &str = "The tranche's id";
/// `{id}` of a report.
pub(crate) const REPORT_ID: &str = "The report's id";
/// `{id}` of a reviewer's assignment.
pub(crate) const ASSIGNMENT_ID: &str = "The assignment's id";
/// `{id}` of an attachment.
pub(crate) const ATTACHMENT_ID: &str = "The attachment's id";
/// `{id}` of an account.
pub(crate) const ACCOUNT_ID: &str = "The account's id";
/// `{id}` of an outbox message.
pub(crate) const MESSAGE_ID: &str = "The message's id";
/// `{id}` of a session.
pub(crate) const SESSION_ID: &str = "The session's id";
/// `{invitation_id}` of an invitation to a team.
pub(crate) const INVITATION_ID: &str = "The invitation's id";
/// `{user_id}` of a team member.
pub(crate) const MEMBER_ID: &str = "The member's account id";
/// `{user_id}` of a reviewer.
pub(crate) const REVIEWER_ID: &str = "The reviewer's id";

/// `If-Match` of an edit.
pub(crate) const EDITED_ETAG: &str = "The ETag being edited";
/// `If-Match` of a step taken on an object.
pub(crate) const ACTED_ON_ETAG: &str = "The revision acted on, as its ETag";
/// `If-Match` of a step on an assignment, which may go without.
pub(crate) const ASSIGNMENT_ETAG: &str =
    "The ETag of the assignment (optional: without it the current one is taken)";
/// `If-Match` of archiving or restoring a programme, which may go without.
pub(crate) const PROGRAMME_ETAG: &str =
    "The ETag of the programme (optional: without it the current one is taken)";
