//! Funding decisions, grants, tranches and the ledger (the workflow routes
//! of grants and tranches are in [`super::steps`]).

use grants_app::Page;
use grants_app::bank::{self, BankChangeDecision, BankDetailsView};
use grants_app::decisions::{
    self, DecisionInput, DecisionResult, DecisionView, LineInput, LineLetters,
};
use grants_app::grants::{self, GrantListFilter, GrantView};
use grants_app::ledger::{self, LedgerView};
use grants_app::tranches::{self, TrancheView};
use grants_domain::bank::BankDetailsInput;
use grants_domain::{GrantId, ProgrammeId, ProposalId, TrancheId};

use super::handlers::handlers;
use super::params::{GRANT_ID, PROGRAMME_ID, PROPOSAL_ID, TRANCHE_ID};
use super::responses::{
    ActionErrors, Invalid, ReadErrors, RestrictedErrors, RevisedWriteErrors, Unauthenticated,
};
use crate::problem::Problem;

handlers! {
    pub(super) fn routes(), tag = "money", also = [grant_dossier];

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

    /// Every decision the funding line under a policy would record (the
    /// funded with their awards, the others waitlisted or declined as
    /// `others` says), each with its letter as the applicant will read it,
    /// and the fingerprint that applies exactly these (programme managers).
    post "/programmes/{id}/funding-plan/letters",
    fn funding_line_letters(
        id: IdPath<ProgrammeId> = PROGRAMME_ID,
        input: Json<LineInput>,
    ) -> Json<LineLetters>,
        [RestrictedErrors, Invalid] = decisions::line_letters(id, input);

    /// Records every decision of the funding line whose letters were read
    /// (`fingerprint` from `…/letters`), in one transaction: each step,
    /// letter and grant, or none. A line that changed since is refused (409).
    post "/programmes/{id}/funding-plan/apply",
    fn apply_funding_line(
        id: IdPath<ProgrammeId> = PROGRAMME_ID,
        input: Json<LineInput>,
    ) -> Json<Vec<DecisionView>>,
        [ActionErrors, Invalid] = decisions::apply_line(id, input);

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

    /// Every grant of the list (the same filter and visibility), as CSV.
    get "/grants.csv",
    fn export_grants_csv(filter: Query<GrantListFilter>) -> csv,
        [Unauthenticated, Invalid] = grants::table(&filter);

    /// Every grant of the list, as a spreadsheet (xlsx) in the reader's language.
    get "/grants.xlsx",
    fn export_grants_xlsx(filter: Query<GrantListFilter>) -> xlsx,
        [Unauthenticated, Invalid] = grants::table(&filter);

    /// One grant with its agreement, tranches and money so far.
    get "/grants/{id}",
    fn get_grant(id: IdPath<GrantId> = GRANT_ID) -> WithEtag<GrantView>,
        [ReadErrors] = grants::get(id);

    /// A grant's bank details: the account finance pays to, a change waiting
    /// for a second person's confirmation, and what the reader may do.
    /// Readers of the grant read them.
    get "/grants/{id}/bank-details",
    fn grant_bank_details(id: IdPath<GrantId> = GRANT_ID) -> Json<BankDetailsView>,
        [ReadErrors] = bank::of_grant(id);

    /// The grantee enters the grant's bank details (IBAN checked by its
    /// check digits). Before the agreement is accepted they apply at once;
    /// after it they wait for finance or a programme manager to confirm them
    /// (a newer change replaces one still waiting). On the grant's history.
    put "/grants/{id}/bank-details",
    fn enter_bank_details(
        id: IdPath<GrantId> = GRANT_ID,
        input: Json<BankDetailsInput>,
    ) -> Json<BankDetailsView>,
        [ActionErrors, Invalid] = bank::enter(id, input);

    /// Finance or a programme manager, not the person who entered it,
    /// confirms the pending change named by `change_id`: payments go to it
    /// from now on. On the grant's history.
    post "/grants/{id}/bank-details/confirm",
    fn confirm_bank_details(
        id: IdPath<GrantId> = GRANT_ID,
        input: Json<BankChangeDecision>,
    ) -> Json<BankDetailsView>,
        [ActionErrors, Invalid] = bank::confirm(id, input);

    /// As confirming, but rejects the change with a `reason` the grantee
    /// reads: payments still go to the confirmed account.
    post "/grants/{id}/bank-details/reject",
    fn reject_bank_details(
        id: IdPath<GrantId> = GRANT_ID,
        input: Json<BankChangeDecision>,
    ) -> Json<BankDetailsView>,
        [ActionErrors, Invalid] = bank::reject(id, input);

    /// One tranche.
    get "/tranches/{id}",
    fn get_tranche(id: IdPath<TrancheId> = TRANCHE_ID) -> WithEtag<TrancheView>,
        [ReadErrors] = tranches::get(id);

    /// The programme's ledger: budget, committed, disbursed, remaining and
    /// upcoming tranches, per country and per grant.
    get "/programmes/{id}/ledger",
    fn programme_ledger(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> Json<LedgerView>,
        [RestrictedErrors] = ledger::ledger(id);

    /// Every ledger entry with running totals, as CSV.
    get "/programmes/{id}/ledger.csv",
    fn programme_ledger_csv(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> csv,
        [RestrictedErrors] = ledger::ledger_table(id);

    /// Every ledger entry with running totals, as a spreadsheet (xlsx)
    /// with headings in the reader's language.
    get "/programmes/{id}/ledger.xlsx",
    fn programme_ledger_xlsx(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> xlsx,
        [RestrictedErrors] = ledger::ledger_table(id);

    /// Every payment (value date, reference, amount paid, rate, who requested,
    /// approved and recorded it), as CSV.
    get "/programmes/{id}/payments.csv",
    fn programme_payments_csv(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> csv,
        [RestrictedErrors] = ledger::payments_table(id);

    /// Every payment, as a spreadsheet (xlsx) with headings in the reader's language.
    get "/programmes/{id}/payments.xlsx",
    fn programme_payments_xlsx(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> xlsx,
        [RestrictedErrors] = ledger::payments_table(id);
}

/// A grant's dossier: its agreement, each tranche (who requested, approved
/// and paid it, and the payment), its reports with the outcomes reported
/// against the proposal's targets, and its history, as a PDF in your
/// language with its fonts embedded.
#[utoipa::path(
    get,
    path = "/grants/{id}/dossier.pdf",
    tag = "money",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = GRANT_ID)),
    responses(
        (status = 200, description = "The dossier, as an attachment", content_type = "application/pdf", body = Vec<u8>),
        ReadErrors,
    )
)]
async fn grant_dossier(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    crate::extract::Auth(actor): crate::extract::Auth,
    crate::extract::IdPath(id): crate::extract::IdPath<GrantId>,
) -> crate::problem::ApiResult<axum::response::Response> {
    let dossier = grants::dossier(&state.app, &actor, id).await?;
    let file = grants_i18n::grant::dossier(
        crate::problem::reader_locale(),
        &dossier,
        state.app.workflows(),
        state.app.now(),
    )?;
    Ok(crate::respond::download(
        &file.file_name,
        file.content_type,
        file.bytes,
    ))
}
