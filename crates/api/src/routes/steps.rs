//! The workflow routes of every subject (proposals, grants, tranches and
//! reports): the transitions from its state, taking one, and its history.
//!
//! They are the same routes over the one workflow driver,
//! [`grants_app::steps`], for every subject, so the handlers are written
//! once, in [`subject_routes!`], and each subject only says what differs:
//! its paths, tag, types and the words of its documentation.

use axum::extract::State;
use grants_app::audit::AuditEventView;
use grants_app::grants::{self, GrantTransitionInput, GrantView};
use grants_app::proposals::{self, ProposalView, TransitionInput};
use grants_app::reports::{self, ReportTransitionInput, ReportView};
use grants_app::steps::{self, Subject, TransitionView};
use grants_app::tranches::{self, TrancheTransitionInput, TrancheView};
use utoipa_axum::router::OpenApiRouter;

use super::handlers::handlers;
use super::params::{ACTED_ON_ETAG, GRANT_ID, PROPOSAL_ID, REPORT_ID, TRANCHE_ID};
use super::responses::{ReadErrors, RevisedWriteErrors};
use crate::AppState;
use crate::extract::{Auth, IdName, IfMatch, Json};
use crate::problem::{ApiResult, Problem};
use crate::respond::WithEtag;

pub(super) fn routes() -> OpenApiRouter<AppState> {
    proposal_routes()
        .merge(grant_routes())
        .merge(tranche_routes())
        .merge(report_routes())
}

/// The workflow handlers of one subject, each with its OpenAPI operation
/// (its name is the handler's, its summary the doc comment given for it),
/// and `router`, which serves them:
///
/// - `transitions`: `GET …/transitions`, every transition from the
///   subject's state and whether the caller may take it
///   ([`steps::transitions`]);
/// - `take`: `POST …/transitions/{name}` with the subject's step `input`
///   and the revision acted on, answering the subject's `view` with its
///   ETag ([`steps::take`]); `params` and `responses`, where given, add to
///   (or reword) the operation's own;
/// - `history`, where the subject shows one: `GET …/history`, every event
///   recorded on it ([`steps::history`]).
///
/// Every one needs the bearer token; an id that is not a UUID is a 404.
/// The two reads are of the common shape ([`handlers!`]); taking a step,
/// which also reads the transition's name from the path, is written out.
macro_rules! subject_routes {
    (
        $vis:vis fn $router:ident() for $subject:ty, tag = $tag:literal, id = $id_doc:expr;
        $(#[doc = $transitions_doc:literal])*
        transitions: $transitions:ident($transitions_path:literal),
        $(#[doc = $take_doc:literal])*
        take: $take:ident($take_path:literal) {
            name: $name_doc:literal,
            input: $input:ty,
            view: $view:ty,
            if_match: $if_match_doc:expr,
            $(params: [$($param:tt)*],)?
            $(responses: [$($response:tt)*],)?
        },
        $(
            $(#[doc = $history_doc:literal])*
            history: $history:ident($history_path:literal),
        )?
    ) => {
        handlers! {
            $vis fn $router(), tag = $tag, also = [$take];

            $(#[doc = $transitions_doc])*
            get $transitions_path,
            fn $transitions(id: IdPath< <$subject as Subject>::Id> = $id_doc)
                -> Json<Vec<TransitionView>>,
                [ReadErrors] = steps::transitions::<$subject>(id);
            $(
                $(#[doc = $history_doc])*
                get $history_path,
                fn $history(id: IdPath< <$subject as Subject>::Id> = $id_doc)
                    -> Json<Vec<AuditEventView>>,
                    [ReadErrors] = steps::history::<$subject>(id);
            )?
        }

        $(#[doc = $take_doc])*
        #[utoipa::path(
            post,
            path = $take_path,
            tag = $tag,
            security(("bearer" = [])),
            params(
                ("id" = String, Path, format = Uuid, description = $id_doc),
                ("name" = String, Path, description = $name_doc),
                ("If-Match" = Option<String>, Header, description = $if_match_doc),
                $($($param)*)?
            ),
            request_body = $input,
            responses(
                (status = 200, body = $view),
                RevisedWriteErrors,
                $($($response)*)?
            )
        )]
        async fn $take(
            State(state): State<AppState>,
            Auth(actor): Auth,
            IdName(id, name): IdName<<$subject as Subject>::Id>,
            IfMatch(revision): IfMatch,
            Json(input): Json<$input>,
        ) -> ApiResult<WithEtag<$view>> {
            Ok(WithEtag(
                steps::take::<$subject>(&state.app, &actor, id, &name, input, revision).await?,
            ))
        }
    };
}

subject_routes! {
    fn proposal_routes() for proposals::Proposal, tag = "proposals", id = PROPOSAL_ID;

    /// Every transition from the proposal's state: whether you may take it now,
    /// and if not, every reason why.
    transitions: list_transitions("/proposals/{id}/transitions"),
    /// Take a transition (submit, request changes, …) with an optional comment
    /// and the revision you based it on. Applied whole or not at all.
    take: take_transition("/proposals/{id}/transitions/{name}") {
        name: "The transition, e.g. submit",
        input: TransitionInput,
        view: ProposalView,
        if_match: "The ETag the decision is based on",
        responses: [
            (status = 403, description = "You may not take this transition", body = Problem, content_type = "application/problem+json"),
            (status = 404, description = "No such proposal or transition", body = Problem, content_type = "application/problem+json"),
            (status = 409, description = "Blocked by the state or a guard, or the revision is stale", body = Problem, content_type = "application/problem+json"),
        ],
    },
    /// Everything that happened to the proposal, oldest first, with who did it
    /// and why; each entry is linked to the one before by hash.
    history: proposal_history("/proposals/{id}/history"),
}

subject_routes! {
    fn grant_routes() for grants::Grant, tag = "money", id = GRANT_ID;

    /// Every transition from the grant's state: whether you may take it now, and why not.
    transitions: grant_transitions("/grants/{id}/transitions"),
    /// Take a grant transition: `accept_agreement` (the grantee), `start_reporting`,
    /// `close` (once every tranche is paid or cancelled) or `terminate` (with a
    /// `comment`; open tranches are cancelled and their money released).
    take: take_grant_transition("/grants/{id}/transitions/{name}") {
        name: "The transition, e.g. accept_agreement",
        input: GrantTransitionInput,
        view: GrantView,
        if_match: ACTED_ON_ETAG,
    },
    /// The grant's history and its tranches', oldest first.
    history: grant_history("/grants/{id}/history"),
}

subject_routes! {
    fn tranche_routes() for tranches::Tranche, tag = "money", id = TRANCHE_ID;

    /// Every transition from the tranche's state: whether you may take it now, and why not.
    transitions: tranche_transitions("/tranches/{id}/transitions"),
    /// Take a tranche transition: `request` (finance, once its condition
    /// holds), `approve` (another finance user), `send_back` or `cancel` (with a
    /// `comment`), `pay` (with the `payment`: reference, value date and, for a
    /// payment in another currency, the rate). A tranche is paid once; send an
    /// `Idempotency-Key` so that a retry gets the first answer.
    take: take_tranche_transition("/tranches/{id}/transitions/{name}") {
        name: "The transition, e.g. pay",
        input: TrancheTransitionInput,
        view: TrancheView,
        if_match: ACTED_ON_ETAG,
        params: [
            ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry return the first response"),
        ],
    },
}

subject_routes! {
    fn report_routes() for reports::Report, tag = "reports", id = REPORT_ID;

    /// Every transition from the report's state: whether you may take it now, and why not.
    transitions: report_transitions("/reports/{id}/transitions"),
    /// Take a report transition: `submit` (the grantee, once the report is
    /// complete), `accept` (a programme manager: the tranches waiting for it can
    /// be requested, and the grant closes when this was the final report and
    /// every tranche is settled) or `request_changes` (with a `comment`).
    take: take_report_transition("/reports/{id}/transitions/{name}") {
        name: "The transition, e.g. submit",
        input: ReportTransitionInput,
        view: ReportView,
        if_match: ACTED_ON_ETAG,
    },
    /// The report's history: scheduling, moves of its due date, every step.
    history: report_history("/reports/{id}/history"),
}
