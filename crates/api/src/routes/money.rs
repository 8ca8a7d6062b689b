//! Funding decisions, grants, tranches and the ledger (the workflow routes
//! of grants and tranches are in [`super::steps`]).

use grants_app::Page;
use grants_app::decisions::{self, DecisionInput, DecisionResult, DecisionView};
use grants_app::grants::{self, GrantListFilter, GrantView};
use grants_app::ledger::{self, LedgerView};
use grants_app::tranches::{self, TrancheView};
use grants_domain::{GrantId, ProgrammeId, ProposalId, TrancheId};

use super::handlers::handlers;
use super::params::{GRANT_ID, PROGRAMME_ID, PROPOSAL_ID, TRANCHE_ID};
use super::responses::{
    Invalid, ReadErrors, RestrictedErrors, RevisedWriteErrors, Unauthenticated,
};
use crate::problem::Problem;

handlers! {
    pub(super) fn routes(), tag = "money";

    /// Record a funding decision: `funded` (with an award, at most the request;
    /// a lower award needs a `comment` saying why), `waitlisted` or `declined`.
    /// The letter goes to the applicant in their language and is kept with the
    /// proposal; funding creates the grant with its tranches and commits the
    /// award on the ledger, or is refused (nothing written) when the remaining
    /// budget cannot take it. Accepts an `Idempotency-Key`.
    post "/proposals/{id}/decision",
    fn decide(
        id: IdPath<ProposalId> = PROPOSAL_ID,
        revision: IfMatch = "The ETag of the proposal being decided (or `revision` in the body)",
        input: Json<DecisionInput>,
    ) -> Json<DecisionResult>,
        [
            RevisedWriteErrors,
            (status = 409, description = "Stale revision or the proposal's state does not allow it", body = Problem, content_type = "application/problem+json"),
            (status = 422, description = "Award above the request or the remaining budget, or a cut without a reason", body = Problem, content_type = "application/problem+json"),
        ] = decisions::decide(id, input, revision);

    /// The decisions on a proposal with their letters, oldest first.
    get "/proposals/{id}/decision",
    fn list_decisions(id: IdPath<ProposalId> = PROPOSAL_ID) -> Json<Vec<DecisionView>>,
        [ReadErrors] = decisions::for_proposal(id);

    /// The grant of a funded proposal.
    get "/proposals/{id}/grant",
    fn proposal_grant(id: IdPath<ProposalId> = PROPOSAL_ID) -> WithEtag<GrantView>,
        [ReadErrors] = grants::of_proposal(id);

    /// Grants: a grantee sees their own; finance, programme managers and
    /// administrators see all. A page at a time.
    get "/grants",
    fn list_grants((filter, page): Paged<GrantListFilter>) -> Json<Page<GrantView>>,
        [Unauthenticated, Invalid] = grants::list(&filter, &page);

    /// One grant with its agreement, tranches and money so far.
    get "/grants/{id}",
    fn get_grant(id: IdPath<GrantId> = GRANT_ID) -> WithEtag<GrantView>,
        [ReadErrors] = grants::get(id);

    /// One tranche.
    get "/tranches/{id}",
    fn get_tranche(id: IdPath<TrancheId> = TRANCHE_ID) -> WithEtag<TrancheView>,
        [ReadErrors] = tranches::get(id);

    /// The programme's ledger: budget, committed, disbursed, remaining and
    /// upcoming tranches, per country and per grant.
    get "/programmes/{id}/ledger",
    fn programme_ledger(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> Json<LedgerView>,
        [RestrictedErrors] = ledger::ledger(id);

    /// Every ledger entry with running totals, as CSV for a spreadsheet.
    get "/programmes/{id}/ledger.csv",
    fn programme_ledger_csv(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> csv("ledger.csv"),
        [RestrictedErrors] = ledger::ledger_csv(id);

    /// Every payment (value date, reference, amount paid, rate, who requested,
    /// approved and recorded it), as CSV for a spreadsheet.
    get "/programmes/{id}/payments.csv",
    fn programme_payments_csv(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> csv("payments.csv"),
        [RestrictedErrors] = ledger::payments_csv(id);
}
