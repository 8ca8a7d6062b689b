//! The one step handler: a button of a proposal, grant, report or tranche
//! posts here, the step is taken through `grants_app::steps::take`, and the
//! person sees the subject's page again — refused, with every reason and
//! what they typed, or moved on.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::steps::Subject;
use grants_app::{Actor, AppError};
use serde::de::DeserializeOwned;

use crate::session::Viewer;
use crate::{PageError, WebState};

/// A subject whose steps are taken from a page.
pub(crate) trait StepPage: Subject {
    /// What its step forms send.
    type Form: DeserializeOwned + Send;
    /// What the subject is called in a bad address's message.
    const WHAT: &'static str;

    /// Its page, by the id as written in the address.
    fn page(raw: &str) -> String;
    /// The form's CSRF token.
    fn csrf(form: &Self::Form) -> &str;
    /// The step's input, from the form; what does not read is a refusal.
    fn input(form: &Self::Form, name: &str, viewer: &Viewer) -> Result<Self::Input, AppError>;
    /// Where to go once the step is taken.
    fn done(raw: &str, view: &Self::View) -> String {
        let _ = view;
        Self::page(raw)
    }
    /// The subject's page again with why the step was refused and what was typed.
    async fn refused(
        state: &WebState,
        viewer: &Viewer,
        actor: &Actor,
        step: (Self::Id, String),
        form: Self::Form,
        error: AppError,
    ) -> Result<Response, PageError>;
}

/// Takes step `name` of the subject at `raw`, then shows its page again.
pub(crate) async fn take<S: StepPage>(
    State(state): State<WebState>,
    viewer: Viewer,
    Path((raw, name)): Path<(String, String)>,
    Form(form): Form<S::Form>,
) -> Result<Response, PageError>
where
    S::Id: From<uuid::Uuid>,
{
    let here = S::page(&raw);
    let actor = viewer.signed_in(&here)?;
    viewer.check_form(S::csrf(&form))?;
    let id: S::Id = super::parse_id(&raw, &viewer, S::WHAT)?;
    let taken = match S::input(&form, &name, &viewer) {
        Ok(input) => grants_app::steps::take::<S>(&state.app, actor, id, &name, input, None).await,
        Err(error) => Err(error),
    };
    match taken {
        Ok(done) => Ok(Redirect::to(&S::done(&raw, &done)).into_response()),
        Err(error) => S::refused(&state, &viewer, actor, (id, name), form, error).await,
    }
}
