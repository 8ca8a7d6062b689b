//! Reviewer assignment, reviews and the ranking.

use grants_app::assignments::{
    self, AcceptAssignmentInput, AssignmentCommitted, AssignmentPreview, AssignmentRunInput,
    AssignmentView, EndAssignmentInput, PairInput,
};
use grants_app::funding::{self, FundingPlanInput, FundingPlanView};
use grants_app::reviews::{self, RankingView, ReviewInput, ReviewStepInput, ReviewView};
use grants_domain::{ProgrammeId, ProposalId};
use uuid::Uuid;

use super::handlers::handlers;
use super::params::{ASSIGNMENT_ETAG, ASSIGNMENT_ID, EDITED_ETAG, PROGRAMME_ID, PROPOSAL_ID};
use super::responses::{
    ActionErrors, Conflict, Invalid, ReadErrors, RestrictedErrors, RevisionRequired,
    Unauthenticated,
};
use crate::problem::Problem;

handlers! {
    pub(super) fn routes(), tag = "review";

    /// Run the optimal reviewer assignment without changing anything: every
    /// proposal's reviewers (existing assignments kept), loads, and each
    /// unfilled slot with its reason. Pin or exclude pairs by hand.
    post "/programmes/{id}/assignment/preview",
    fn preview_assignment(
        id: IdPath<ProgrammeId> = PROGRAMME_ID,
        input: Json<AssignmentRunInput>,
    ) -> Json<AssignmentPreview>,
        [RestrictedErrors, Invalid] = assignments::preview_run(id, input);

    /// Commit a previewed assignment (send its fingerprint): assignments are
    /// created with due dates, reviewers are emailed, and the proposals move
    /// into review. A stale preview is refused with 409.
    post "/programmes/{id}/assignment/commit",
    fn commit_assignment(
        id: IdPath<ProgrammeId> = PROGRAMME_ID,
        input: Json<AssignmentRunInput>,
    ) -> Json<AssignmentCommitted>,
        [
            ActionErrors,
            Invalid,
            (status = 409, description = "The preview is stale", body = Problem, content_type = "application/problem+json"),
        ] = assignments::commit_run(id, input);

    /// Every assignment of a programme, with review progress (those who run the jury).
    get "/programmes/{id}/assignments",
    fn list_assignments(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> Json<Vec<AssignmentView>>,
        [RestrictedErrors] = assignments::in_programme(id);

    /// Every assignment of a programme with its review's progress, as CSV
    /// (those who run the jury).
    get "/programmes/{id}/assignments.csv",
    fn export_assignments_csv(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> csv,
        [RestrictedErrors] = assignments::table(id);

    /// The same as a spreadsheet (xlsx) in the reader's language.
    get "/programmes/{id}/assignments.xlsx",
    fn export_assignments_xlsx(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> xlsx,
        [RestrictedErrors] = assignments::table(id);

    /// Assign a reviewer by hand (jury chair, programme managers); conflicts,
    /// language and load cap still hold.
    post "/programmes/{id}/assignments",
    fn add_assignment(
        id: IdPath<ProgrammeId> = PROGRAMME_ID,
        input: Json<PairInput>,
    ) -> Created("/assignments", AssignmentView),
        [ActionErrors, Invalid] = assignments::add(id, input);

    /// Your review assignments, newest first, with due dates.
    get "/me/assignments",
    fn my_assignments() -> Json<Vec<AssignmentView>>,
        [Unauthenticated] = assignments::mine();

    /// One assignment (its reviewer, or those who run the jury).
    get "/assignments/{id}",
    fn get_assignment(id: IdPath<Uuid> = ASSIGNMENT_ID) -> WithEtag<AssignmentView>,
        [ReadErrors] = assignments::get(id);

    /// Accept your assignment.
    post "/assignments/{id}/accept",
    fn accept_assignment(
        id: IdPath<Uuid> = ASSIGNMENT_ID,
        revision: IfMatch = ASSIGNMENT_ETAG,
        input: Json<AcceptAssignmentInput>,
    ) -> WithEtag<AssignmentView>,
        [ReadErrors, Conflict] = assignments::accept(id, input, revision);

    /// Decline your assignment, with a reason; the chair fills the gap.
    post "/assignments/{id}/decline",
    fn decline_assignment(
        id: IdPath<Uuid> = ASSIGNMENT_ID,
        revision: IfMatch = ASSIGNMENT_ETAG,
        input: Json<EndAssignmentInput>,
    ) -> WithEtag<AssignmentView>,
        [ReadErrors, Conflict, Invalid] = assignments::decline(id, input, revision);

    /// Take an assignment back, with a reason (jury chair, programme managers).
    post "/assignments/{id}/remove",
    fn remove_assignment(
        id: IdPath<Uuid> = ASSIGNMENT_ID,
        revision: IfMatch = ASSIGNMENT_ETAG,
        input: Json<EndAssignmentInput>,
    ) -> WithEtag<AssignmentView>,
        [ActionErrors, Invalid] = assignments::remove(id, input, revision);

    /// The review of an assignment: `not_started` until first saved.
    get "/assignments/{id}/review",
    fn get_review(id: IdPath<Uuid> = ASSIGNMENT_ID) -> WithEtag<ReviewView>,
        [ReadErrors] = reviews::get(id);

    /// Save your review as a draft: scores per criterion (or `"n/a"` where
    /// allowed), recommendation, comments. Send the revision once it exists.
    put "/assignments/{id}/review",
    fn save_review(
        id: IdPath<Uuid> = ASSIGNMENT_ID,
        revision: IfMatch = EDITED_ETAG,
        input: Json<ReviewInput>,
    ) -> WithEtag<ReviewView>,
        [ReadErrors, Conflict, Invalid, RevisionRequired] = reviews::save(id, input, revision);

    /// Submit your review: every criterion answered, a recommendation given.
    post "/assignments/{id}/review/submit",
    fn submit_review(
        id: IdPath<Uuid> = ASSIGNMENT_ID,
        revision: IfMatch = "The ETag being submitted",
        input: Json<ReviewStepInput>,
    ) -> WithEtag<ReviewView>,
        [ReadErrors, Conflict, Invalid, RevisionRequired] = reviews::submit(id, input, revision);

    /// Reopen a submitted review so its reviewer can change it (jury chair), with a reason.
    post "/assignments/{id}/review/reopen",
    fn reopen_review(
        id: IdPath<Uuid> = ASSIGNMENT_ID,
        revision: IfMatch = ASSIGNMENT_ETAG,
        input: Json<ReviewStepInput>,
    ) -> WithEtag<ReviewView>,
        [ActionErrors, Invalid] = reviews::reopen(id, input, revision);

    /// The submitted reviews of a proposal: the jury reads them all (a reviewer
    /// only after submitting their own, where the programme shares reviews);
    /// the applicant reads the comments meant for them after the decision.
    get "/proposals/{id}/reviews",
    fn proposal_reviews(id: IdPath<ProposalId> = PROPOSAL_ID) -> Json<Vec<ReviewView>>,
        [RestrictedErrors] = reviews::for_proposal(id);

    /// The ranking: raw and normalised scores, spread and disagreement flags,
    /// reviews in and missing (jury chair, programme managers, administrators).
    get "/programmes/{id}/ranking",
    fn programme_ranking(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> Json<RankingView>,
        [RestrictedErrors, Conflict] = reviews::ranking(id);

    /// The ranking as CSV, one proposal per line.
    get "/programmes/{id}/ranking.csv",
    fn programme_ranking_csv(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> csv,
        [RestrictedErrors, Conflict] = reviews::ranking_table(id);

    /// The ranking as a spreadsheet (xlsx) in the reader's language.
    get "/programmes/{id}/ranking.xlsx",
    fn programme_ranking_xlsx(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> xlsx,
        [RestrictedErrors, Conflict] = reviews::ranking_table(id);

    /// Preview the funding line under a policy (`strict_rank`, `skip_to_fit` or
    /// `optimal`), with optional per-country minimums and caps: which reviewed
    /// proposals the remaining budget reaches, and why each is in or out
    /// (jury chair, programme managers, administrators).
    post "/programmes/{id}/funding-plan",
    fn funding_plan(
        id: IdPath<ProgrammeId> = PROGRAMME_ID,
        input: Json<FundingPlanInput>,
    ) -> Json<FundingPlanView>,
        [RestrictedErrors, Invalid] = funding::plan(id, input);
}
