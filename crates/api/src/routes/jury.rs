//! The jury: reviewer profiles, conflicts of interest and bids.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use grants_app::jury::{
    self, BidInput, BidView, ConflictView, DeclareConflictInput, LiftConflictInput,
    ReviewerProfileView,
};
use grants_domain::review::{ConflictKind, ReviewerProfileInput};
use grants_domain::{ProgrammeId, ProposalId, UserId};

use super::handlers::handlers;
use super::params::{PROGRAMME_ID, PROPOSAL_ID, REVIEWER_ID};
use super::responses::{ActionErrors, Invalid, ReadErrors, RestrictedErrors};
use crate::AppState;
use crate::extract::{Auth, IdPath, Json};
use crate::problem::ApiResult;

handlers! {
    pub(super) fn routes(), tag = "jury", also = [place_bid];

    /// The jury of a programme: every reviewer's profile and current load
    /// (jury chair, programme managers, administrators).
    get "/programmes/{id}/reviewers",
    fn list_reviewers(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> Json<Vec<ReviewerProfileView>>,
        [RestrictedErrors] = jury::profiles(id);

    /// A reviewer's profile for a programme (the reviewer, or those who run the jury).
    get "/programmes/{id}/reviewers/{user_id}",
    fn get_reviewer_profile(
        (programme, reviewer): IdPair<ProgrammeId, UserId> =
            ("id" = PROGRAMME_ID, "user_id" = REVIEWER_ID),
    ) -> Json<ReviewerProfileView>,
        [ReadErrors] = jury::profile(programme, reviewer);

    /// Create or edit a reviewer's profile for a programme: expertise,
    /// languages read, country, organisation, load and availability. Fields left
    /// out keep their value (or start from the reviewer's account).
    put "/programmes/{id}/reviewers/{user_id}",
    fn save_reviewer_profile(
        (programme, reviewer): IdPair<ProgrammeId, UserId> =
            ("id" = PROGRAMME_ID, "user_id" = REVIEWER_ID),
        input: Json<ReviewerProfileInput>,
    ) -> Json<ReviewerProfileView>,
        [ReadErrors, Invalid] = jury::save_profile(programme, reviewer, input);

    /// Every reviewer with a conflict on the proposal, in force or lifted, with
    /// its kind and source (jury chair, programme managers, administrators).
    get "/proposals/{id}/conflicts",
    fn list_conflicts(id: IdPath<ProposalId> = PROPOSAL_ID) -> Json<Vec<ConflictView>>,
        [RestrictedErrors] = jury::conflicts(id);

    /// Declare your conflict of interest with a proposal (reviewers), or record
    /// one for a reviewer with a reason (programme managers). An assignment on
    /// the pair ends at once. Answers the conflicts now in force on the pair.
    post "/proposals/{id}/conflicts",
    fn declare_conflict(
        id: IdPath<ProposalId> = PROPOSAL_ID,
        input: Json<DeclareConflictInput>,
    ) -> (StatusCode::CREATED, Json<Vec<ConflictKind>>),
        [RestrictedErrors, Invalid] = jury::declare_conflict(id, input);

    /// Lift a conflict that does not apply, automatic or recorded, with a
    /// reason kept on the record (programme managers, administrators).
    post "/proposals/{id}/conflicts/lift",
    fn lift_conflict(
        id: IdPath<ProposalId> = PROPOSAL_ID,
        input: Json<LiftConflictInput>,
    ) -> Json<Vec<ConflictKind>>,
        [RestrictedErrors, Invalid] = jury::lift_conflict(id, input);

    /// Withdraw your bid on a proposal.
    delete "/proposals/{id}/bid",
    fn withdraw_bid(id: IdPath<ProposalId> = PROPOSAL_ID) -> NoContent("The bid is withdrawn"),
        [ActionErrors] = jury::bid(id, None);

    /// Bids in a programme: your own (reviewers), or all (those who run the jury).
    get "/programmes/{id}/bids",
    fn list_bids(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> Json<Vec<BidView>>,
        [RestrictedErrors] = jury::bids(id);

    /// The bids in a programme (your own, or all for those who run the
    /// jury) with proposals' titles and reviewers' names, as CSV.
    get "/programmes/{id}/bids.csv",
    fn export_bids_csv(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> csv,
        [RestrictedErrors] = jury::bids_table(id);

    /// The same as a spreadsheet (xlsx) in the reader's language.
    get "/programmes/{id}/bids.xlsx",
    fn export_bids_xlsx(id: IdPath<ProgrammeId> = PROGRAMME_ID) -> xlsx,
        [RestrictedErrors] = jury::bids_table(id);
}

/// Bid on a proposal that waits for assignment: eager, willing or not
/// preferred (reviewers with a profile for its programme).
// Written out, not in `handlers!`: the use case answers an optional bid (none
// once withdrawn), which placing always has, and the document shows the bid.
#[utoipa::path(
    put,
    path = "/proposals/{id}/bid",
    tag = "jury",
    security(("bearer" = [])),
    params(("id" = String, Path, format = Uuid, description = PROPOSAL_ID)),
    request_body = BidInput,
    responses(
        (status = 200, body = BidView),
        ActionErrors, Invalid,
    )
)]
async fn place_bid(
    State(state): State<AppState>,
    Auth(actor): Auth,
    IdPath(id): IdPath<ProposalId>,
    Json(input): Json<BidInput>,
) -> ApiResult<Response> {
    let placed = jury::bid(&state.app, &actor, id, Some(input.level)).await?;
    Ok(axum::Json(placed).into_response())
}
