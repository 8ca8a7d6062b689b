//! Proposals (their workflow routes are in [`super::steps`], their
//! attachments in [`super::attachments`]).

use grants_app::Page;
use grants_app::proposals::{
    self, CreateProposalInput, ProposalListFilter, ProposalView, UpdateProposalInput,
};
use grants_domain::ProposalId;

use super::handlers::handlers;
use super::params::{EDITED_ETAG, PROPOSAL_ID};
use super::responses::{CreateErrors, Invalid, ReadErrors, RevisedWriteErrors, Unauthenticated};
use crate::problem::Problem;

handlers! {
    pub(super) fn routes(), tag = "proposals", also = [proposal_dossier];

    /// The proposals you may see: your own; past the draft, your area's
    /// (ambassadors) or all (programme managers, administrators). `q`
    /// keeps those with every one of its words in their title, texts or
    /// keywords, in any script and regardless of accents and case
    /// (`beograd` finds "Београд"; at most 8 words, 200 characters).
    get "/proposals",
    fn list_proposals((filter, page): Paged<ProposalListFilter>) -> Json<Page<ProposalView>>,
        [Unauthenticated, Invalid] = proposals::list(&filter, &page);

    /// Every proposal of the list (the same filter, search and
    /// visibility), as CSV.
    get "/proposals.csv",
    fn export_proposals_csv(filter: Query<ProposalListFilter>) -> csv,
        [Unauthenticated, Invalid] = proposals::table(&filter);

    /// Every proposal of the list, as a spreadsheet (xlsx) in the reader's language.
    get "/proposals.xlsx",
    fn export_proposals_xlsx(filter: Query<ProposalListFilter>) -> xlsx,
        [Unauthenticated, Invalid] = proposals::table(&filter);

    /// Start a draft (applicants). Every field may be filled in later.
    post "/proposals",
    fn create_proposal(input: Json<CreateProposalInput>) -> Created("/proposals", ProposalView),
        [
            CreateErrors,
            (status = 409, description = "The call is closed or archived", body = Problem, content_type = "application/problem+json"),
        ] = proposals::create(input);

    /// One proposal.
    get "/proposals/{id}",
    fn get_proposal(id: IdPath<ProposalId> = PROPOSAL_ID) -> WithEtag<ProposalView>,
        [ReadErrors] = proposals::get(id);

    /// Edit your draft, or your proposal returned for changes. Send only the
    /// fields that change, and the revision (If-Match or `revision`).
    patch "/proposals/{id}",
    fn update_proposal(
        id: IdPath<ProposalId> = PROPOSAL_ID,
        revision: IfMatch = EDITED_ETAG,
        input: Json<UpdateProposalInput>,
    ) -> WithEtag<ProposalView>,
        [RevisedWriteErrors] = proposals::update(id, input, revision);
}

/// A proposal's dossier: what its page shows you (every answer, the
/// budget, the files attached, the decisions with their letters, the
/// history), as a PDF in your language with its fonts embedded.
#[utoipa::path(
    get,
    path = "/proposals/{id}/dossier.pdf",
    tag = "proposals",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = PROPOSAL_ID)),
    responses(
        (status = 200, description = "The dossier, as an attachment", content_type = "application/pdf", body = Vec<u8>),
        ReadErrors,
    )
)]
async fn proposal_dossier(
    axum::extract::State(state): axum::extract::State<crate::AppState>,
    crate::extract::Auth(actor): crate::extract::Auth,
    crate::extract::IdPath(id): crate::extract::IdPath<ProposalId>,
) -> crate::problem::ApiResult<axum::response::Response> {
    let page = proposals::page(&state.app, &actor, id).await?;
    let file =
        grants_i18n::proposal::dossier(crate::problem::reader_locale(), &page, state.app.now())?;
    Ok(crate::respond::download(
        &file.file_name,
        file.content_type,
        file.bytes,
    ))
}
