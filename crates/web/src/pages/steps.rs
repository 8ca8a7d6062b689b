//! The one step handler: a button of a proposal, grant, report or tranche
//! posts here, the step is taken through `grants_app::steps::take`, and the
//! person sees the subject's page again — refused, with every reason and
//! what they typed, or moved on.

use std::collections::BTreeMap;

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::steps::{OwnForm, Subject, TransitionView};
use grants_app::{Actor, AppError};
use grants_domain::Locale;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::grants::PayForm;
use super::{StepForm, Visit};
use crate::session::Viewer;
use crate::workflow_text::{blocked_reasons, step_label};
use crate::{PageError, WebState};

/// A step on a subject's page (the `step` partial): a button, or a small form.
#[derive(Debug, Serialize)]
pub(crate) struct Step {
    /// Where the form posts.
    action: String,
    /// What makes the ids of its fields unique on the page.
    pub(crate) id: String,
    pub(crate) name: String,
    label: String,
    revision: i64,
    allowed: bool,
    reasons: Vec<String>,
    /// A reason must be given (terminate, send back, cancel).
    needs_comment: bool,
    /// A fresh code from the authenticator app must come with it.
    needs_code: bool,
    /// It cannot be undone: the button opens a confirmation first.
    irreversible: bool,
    pub(crate) comment: String,
    /// The payment's fields, for `pay`.
    pub(crate) pay: Option<PayForm>,
    /// What was wrong with what was typed, by field.
    pub(crate) errors: BTreeMap<String, String>,
}

/// The person's steps on a subject of `workflow`, in their language:
/// what they may take, and what they could take but for a reason; steps
/// only other roles take are not theirs to see. Each posts under `action`;
/// `id` tells apart the forms of several subjects on one page; a payment
/// step's form starts as `pay`.
pub(crate) fn buttons(
    (locale, workflow): (Locale, &str),
    options: Vec<TransitionView>,
    (action, id): (&str, &str),
    revision: i64,
    pay: Option<&PayForm>,
) -> Vec<Step> {
    options
        .into_iter()
        .filter(super::offered)
        .map(|t| Step {
            action: format!("{action}/transitions/{}", t.name),
            id: if id.is_empty() {
                t.name.clone()
            } else {
                format!("{id}-{}", t.name)
            },
            needs_comment: t.needs_comment,
            needs_code: t.needs_second_factor,
            irreversible: t.irreversible,
            pay: pay.filter(|_| t.form == Some(OwnForm::Payment)).cloned(),
            comment: String::new(),
            errors: BTreeMap::new(),
            revision,
            // What a fresh code unlocks is offered, with the code's field.
            allowed: t.allowed || t.needs_second_factor,
            reasons: blocked_reasons(locale, &t.blocked_by),
            label: step_label(locale, workflow, &t.name, &t.label),
            name: t.name,
        })
        .collect()
}

/// A subject whose steps are taken from a page.
pub(crate) trait StepPage: Subject {
    /// What its step forms send.
    type Form: StepSent<Self::Input>;
    /// Where its pages are: one subject's is `{PAGES}/{id}`.
    const PAGES: &'static str;

    /// Its page, by the id as written in the address.
    fn page(raw: &str) -> String {
        format!("{}/{raw}", Self::PAGES)
    }
    /// Where to go once the step is taken.
    fn done(raw: &str, view: &Self::View) -> String {
        let _ = view;
        Self::page(raw)
    }
    /// The subject's page again with why the step was refused and what was typed.
    async fn refused(step: Refused<'_, Self>) -> Result<Response, PageError>;
}

/// The input of a subject whose steps take only a comment and the
/// revision, read from the plain step form.
macro_rules! commented_step {
    ($input:ty) => {
        impl From<&StepForm> for $input {
            fn from(form: &StepForm) -> Self {
                Self {
                    comment: form.comment(),
                    revision: form.revision,
                }
            }
        }
    };
}

commented_step!(grants_app::grants::GrantTransitionInput);
commented_step!(grants_app::reports::ReportTransitionInput);

/// A step's form as sent, read into the step's `Input`.
pub(crate) trait StepSent<Input>: DeserializeOwned + Send {
    /// The form's CSRF token.
    fn csrf(&self) -> &str;
    /// The step's input; what does not read is a refusal.
    fn input(&self, viewer: &Viewer) -> Result<Input, AppError>;
    /// A fresh code from the authenticator app, sent with a step that needs one.
    fn second_factor_code(&self) -> Option<&str> {
        None
    }
}

/// The plain step form (a button, perhaps with a comment) serves every
/// subject whose input it makes.
impl<Input> StepSent<Input> for StepForm
where
    Input: for<'a> From<&'a StepForm>,
{
    fn csrf(&self) -> &str {
        &self.csrf
    }

    fn input(&self, _: &Viewer) -> Result<Input, AppError> {
        Ok(Input::from(self))
    }

    fn second_factor_code(&self) -> Option<&str> {
        self.second_factor_code.as_deref()
    }
}

/// A refused step, with what its subject's page needs to show it again.
pub(crate) struct Refused<'a, S: StepPage> {
    pub(crate) state: &'a WebState,
    pub(crate) viewer: &'a Viewer,
    pub(crate) actor: &'a Actor,
    pub(crate) id: S::Id,
    /// The step's name.
    pub(crate) name: String,
    pub(crate) form: S::Form,
    pub(crate) error: AppError,
}

/// Takes step `name` of the subject at `raw`, then shows its page again.
pub(crate) async fn take<S: StepPage>(
    Visit(state, viewer): Visit,
    Path((raw, name)): Path<(String, String)>,
    Form(form): Form<S::Form>,
) -> Result<Response, PageError>
where
    S::Id: From<uuid::Uuid>,
{
    let (signed_in, id) = viewer.sent_to(&S::page(&raw), form.csrf(), &raw, S::KIND)?;
    // A code sent with the step proves the second factor first.
    let code = form
        .second_factor_code()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned);
    let (fresh, stepped_up) = match code {
        Some(code) => {
            let input = grants_app::second_factor::CodeInput { code };
            match grants_app::second_factor::step_up(&state.app, signed_in, input).await {
                Ok(fresh) => (Some(fresh), Ok(())),
                Err(error) => (None, Err(error)),
            }
        }
        None => (None, Ok(())),
    };
    let actor = fresh.as_ref().unwrap_or(signed_in);
    let taken = match (stepped_up, form.input(&viewer)) {
        (Ok(()), Ok(input)) => {
            grants_app::steps::take::<S>(&state.app, actor, id, &name, input, None).await
        }
        (Err(error), _) | (_, Err(error)) => Err(error),
    };
    match taken {
        Ok(done) => Ok(Redirect::to(&S::done(&raw, &done)).into_response()),
        Err(error) => {
            let step = Refused {
                state: &state,
                viewer: &viewer,
                actor,
                id,
                name,
                form,
                error,
            };
            S::refused(step).await
        }
    }
}
