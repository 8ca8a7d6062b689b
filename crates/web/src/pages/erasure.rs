//! "Erase personal data": for an administrator acting on a person's
//! request, what erasing them does (what goes, what is kept and why),
//! then the erasure itself, confirmed.

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::erasure::{self, ErasureView};
use grants_domain::UserId;
use serde::{Deserialize, Serialize};

use super::{OrPage, Visit, render, render_status};
use crate::PageError;
use crate::i18n::text;
use crate::session::Viewer;

/// The users page, where an erasure starts.
const USERS: &str = "/app/admin/users";

#[derive(Debug, Serialize)]
struct ErasurePage {
    id: String,
    name: String,
    /// When it was done, in the reader's format; empty before.
    erased_at: Option<String>,
    proposals: super::Count,
    files: super::Count,
    grants: super::Count,
    can_erase: bool,
    /// The confirmation left unticked.
    unconfirmed: Option<String>,
    /// This administrator must prove their second factor afresh first.
    step_up: bool,
    here: String,
}

/// What erasing this person does, or did.
pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let (actor, id): (_, UserId) = viewer.signed_in_to(USERS, &raw, "user")?;
    let preview = erasure::preview(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let page = page(&state, &viewer, actor, preview, None).await?;
    Ok(render(&viewer, "erasure", "erasure-title", page))
}

/// The erasure form: its token and the ticked confirmation.
#[derive(Debug, Deserialize)]
pub(crate) struct EraseForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    confirm: Option<String>,
}

/// Erases the person, once the administrator ticked that they mean it.
pub(crate) async fn erase(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<EraseForm>,
) -> Result<Response, PageError> {
    let (actor, id): (_, UserId) = viewer.sent_to(USERS, &form.csrf, &raw, "user")?;
    if form.confirm.as_deref() != Some("yes") {
        let preview = erasure::preview(&state.app, actor, id)
            .await
            .or_page(&viewer)?;
        let unconfirmed = Some(text(viewer.locale, "erasure-unconfirmed"));
        let page = page(&state, &viewer, actor, preview, unconfirmed).await?;
        return Ok(render_status(
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            &viewer,
            "erasure",
            "erasure-title",
            page,
        ));
    }
    erasure::erase(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    Ok(Redirect::to(&format!("{USERS}/{id}/erasure")).into_response())
}

async fn page(
    state: &crate::WebState,
    viewer: &Viewer,
    actor: &grants_app::Actor,
    view: ErasureView,
    unconfirmed: Option<String>,
) -> Result<ErasurePage, PageError> {
    let step_up = view.can_erase
        && grants_app::second_factor::status(&state.app, actor)
            .await
            .or_page(viewer)?
            .needs_fresh_code;
    let format = grants_app::Formatter::new(viewer.locale, chrono_tz::UTC);
    Ok(ErasurePage {
        id: view.user.to_string(),
        here: format!("{USERS}/{}/erasure", view.user),
        name: view.name,
        erased_at: view.erased_at.map(|at| format.date_time(at)),
        proposals: super::Count::from(view.proposals_cleared.len() as u64),
        files: super::Count::from(view.files_deleted),
        grants: super::Count::from(view.grants_kept.len() as u64),
        can_erase: view.can_erase,
        unconfirmed,
        step_up,
    })
}
