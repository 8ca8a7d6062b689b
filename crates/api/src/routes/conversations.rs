//! Conversations on proposals, grants and reports: the threads a caller is
//! part of, starting one with an audience, writing in it, and marking it
//! read. Anyone outside a thread's audience gets 404 for it.

use grants_app::conversations::{
    self, NewMessageInput, NewThreadInput, SubjectRef, ThreadList, ThreadView, UnreadThread,
};
use grants_domain::{GrantId, ProposalId, ReportId, ThreadId};

use super::handlers::handlers;
use super::params::{GRANT_ID, PROPOSAL_ID, REPORT_ID, THREAD_ID};
use super::responses::{Conflict, Invalid, NotFound, Problems, ReadErrors, Unauthenticated};

/// Starting a conversation: 401, 404, 409 (a draft), 422.
type StartErrors = Problems<(Unauthenticated, NotFound, Conflict, Invalid)>;

handlers! {
    pub(super) fn routes(), tag = "conversations";

    /// The conversations on a proposal that you are part of, with their
    /// unread counts, and the audiences you may start one with.
    get "/proposals/{id}/threads",
    fn proposal_threads(id: IdPath<ProposalId> = PROPOSAL_ID) -> Json<ThreadList>,
        [ReadErrors] = conversations::threads(SubjectRef::Proposal(id));

    /// Start a conversation on a submitted proposal: with the applicant
    /// (`applicants`: the applicant, the managers and the area's
    /// ambassadors), among the `staff`, or within the `jury` (its
    /// reviewers without a conflict and the chair). Everyone else in the
    /// audience is emailed.
    post "/proposals/{id}/threads",
    fn start_proposal_thread(
        id: IdPath<ProposalId> = PROPOSAL_ID,
        input: Json<NewThreadInput>,
    ) -> (StatusCode::CREATED, Json<ThreadView>),
        [StartErrors] = conversations::start(SubjectRef::Proposal(id), input);

    /// The conversations on a grant that you are part of.
    get "/grants/{id}/threads",
    fn grant_threads(id: IdPath<GrantId> = GRANT_ID) -> Json<ThreadList>,
        [ReadErrors] = conversations::threads(SubjectRef::Grant(id));

    /// Start a conversation on a grant: with the grantee (`grantee`: the
    /// grantee, finance and the managers) or among the `staff` (finance
    /// and the managers).
    post "/grants/{id}/threads",
    fn start_grant_thread(
        id: IdPath<GrantId> = GRANT_ID,
        input: Json<NewThreadInput>,
    ) -> (StatusCode::CREATED, Json<ThreadView>),
        [StartErrors] = conversations::start(SubjectRef::Grant(id), input);

    /// The conversations on a report that you are part of.
    get "/reports/{id}/threads",
    fn report_threads(id: IdPath<ReportId> = REPORT_ID) -> Json<ThreadList>,
        [ReadErrors] = conversations::threads(SubjectRef::Report(id));

    /// Start a conversation on a report, as on its grant.
    post "/reports/{id}/threads",
    fn start_report_thread(
        id: IdPath<ReportId> = REPORT_ID,
        input: Json<NewThreadInput>,
    ) -> (StatusCode::CREATED, Json<ThreadView>),
        [StartErrors] = conversations::start(SubjectRef::Report(id), input);

    /// The conversations with messages you have not read, the latest first.
    get "/threads/unread",
    fn unread_threads() -> Json<Vec<UnreadThread>>,
        [Unauthenticated] = conversations::unread();

    /// A conversation with every message and its audience. Reading it
    /// here leaves it unread: `POST /threads/{id}/read` marks it read.
    get "/threads/{id}",
    fn get_thread(id: IdPath<ThreadId> = THREAD_ID) -> Json<ThreadView>,
        [ReadErrors] = conversations::thread(id);

    /// Write in a conversation: plain text, optionally answering an earlier
    /// message of it and mentioning people of its audience. Everyone else
    /// in the audience is emailed. Answers the whole conversation.
    post "/threads/{id}/messages",
    fn post_message(
        id: IdPath<ThreadId> = THREAD_ID,
        input: Json<NewMessageInput>,
    ) -> (StatusCode::CREATED, Json<ThreadView>),
        [ReadErrors, Invalid] = conversations::post(id, input);

    /// Mark every message of a conversation read; answers the conversation.
    post "/threads/{id}/read",
    fn read_thread(id: IdPath<ThreadId> = THREAD_ID) -> Json<ThreadView>,
        [ReadErrors] = conversations::read(id);
}
