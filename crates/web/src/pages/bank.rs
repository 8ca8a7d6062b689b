//! A grant's bank details on its page: the account finance pays to, a
//! change waiting for a second person, the grantee's form to enter them,
//! and the confirm and reject forms of those who decide a change. What each
//! person may do comes from `grants_app::bank`.

use std::collections::BTreeMap;

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::bank::{self, BankAccountView, BankChangeDecision, BankDetailsView};
use grants_app::{Actor, AppError};
use grants_domain::GrantId;
use grants_domain::bank::BankDetailsInput;
use grants_domain::programme::ProgrammeSpec;
use serde::{Deserialize, Serialize};

use super::forms::Problems;
use super::grants::grant_page;
use super::{Visit, render_status, when};
use crate::i18n::text;
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

/// The fields of the bank details form, as the use case names them.
const FIELDS: [&str; 4] = ["account_holder", "iban", "bic", "bank_name"];

/// The bank details section of a grant's page.
#[derive(Debug, Default, Serialize)]
pub(super) struct BankSection {
    current: Option<AccountShown>,
    pending: Option<AccountShown>,
    /// A change waits for a second person (the agreement is accepted).
    changes_need_confirmation: bool,
    may_enter: bool,
    may_decide: bool,
    own_change: bool,
    /// What the grantee typed, shown again with its problems.
    typed: BankForm,
    /// Problems by field (`account_holder`, `iban`, `bic`, `bank_name`, `reason`).
    errors: BTreeMap<String, String>,
    /// A refusal that is about no field.
    error: Option<String>,
}

/// One version of the bank details, as the page shows it.
#[derive(Debug, Serialize)]
struct AccountShown {
    id: String,
    account_holder: String,
    iban: String,
    bic: Option<String>,
    bank_name: String,
    /// Who entered it, and when.
    entered: String,
    confirmed_by: Option<String>,
}

impl BankSection {
    /// The section for `view`, with moments in the programme's time zone.
    pub(super) fn new(viewer: &Viewer, spec: &ProgrammeSpec, view: BankDetailsView) -> Self {
        let shown = |a: BankAccountView| AccountShown {
            id: a.id.to_string(),
            entered: format!(
                "{}, {}",
                a.entered_by_name,
                when(viewer.locale, spec, a.entered_at)
            ),
            account_holder: a.account_holder,
            iban: a.iban,
            bic: a.bic,
            bank_name: a.bank_name,
            confirmed_by: a.confirmed_by_name,
        };
        Self {
            current: view.current.map(shown),
            pending: view.pending.map(shown),
            changes_need_confirmation: view.changes_need_confirmation,
            may_enter: view.may.enter,
            may_decide: view.may.decide,
            own_change: view.may.own_change,
            ..Self::default()
        }
    }
}

/// The grantee's bank details form, as sent.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub(crate) struct BankForm {
    #[serde(rename = "_csrf", default, skip_serializing)]
    csrf: String,
    #[serde(default)]
    account_holder: String,
    #[serde(default)]
    iban: String,
    #[serde(default)]
    bic: String,
    #[serde(default)]
    bank_name: String,
}

/// A decision on a pending change, as sent.
#[derive(Debug, Deserialize)]
pub(crate) struct DecisionForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    change_id: String,
    reason: Option<String>,
}

/// The grantee enters or changes the grant's bank details.
pub(crate) async fn enter(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<BankForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/grants/{raw}");
    let (actor, id): (_, GrantId) = viewer.sent_to(&here, &form.csrf, &raw, "grant")?;
    let input = BankDetailsInput {
        account_holder: Some(form.account_holder.clone()),
        iban: Some(form.iban.clone()),
        bic: Some(form.bic.clone()),
        bank_name: Some(form.bank_name.clone()),
    };
    match bank::enter(&state.app, actor, id, input).await {
        Ok(_) => Ok(Redirect::to(&format!("{here}#bank")).into_response()),
        Err(error) => refused(&state, &viewer, actor, id, &error, form).await,
    }
}

/// Finance or a programme manager confirms the pending change.
pub(crate) async fn confirm(
    visit: Visit,
    path: Path<String>,
    form: Form<DecisionForm>,
) -> Result<Response, PageError> {
    decide(visit, path, form, true).await
}

/// Finance or a programme manager rejects the pending change, saying why.
pub(crate) async fn reject(
    visit: Visit,
    path: Path<String>,
    form: Form<DecisionForm>,
) -> Result<Response, PageError> {
    decide(visit, path, form, false).await
}

async fn decide(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<DecisionForm>,
    confirmed: bool,
) -> Result<Response, PageError> {
    let here = format!("/app/grants/{raw}");
    let (actor, id): (_, GrantId) = viewer.sent_to(&here, &form.csrf, &raw, "grant")?;
    let input = BankChangeDecision {
        // A forged or stale id names no pending change: the use case says so.
        change_id: uuid::Uuid::parse_str(&form.change_id).unwrap_or_default(),
        reason: form.reason,
    };
    let decided = if confirmed {
        bank::confirm(&state.app, actor, id, input).await
    } else {
        bank::reject(&state.app, actor, id, input).await
    };
    match decided {
        Ok(_) => Ok(Redirect::to(&format!("{here}#bank")).into_response()),
        Err(error) => refused(&state, &viewer, actor, id, &error, BankForm::default()).await,
    }
}

/// The grant's page again, with why the bank details were refused and what was typed.
async fn refused(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: GrantId,
    error: &AppError,
    typed: BankForm,
) -> Result<Response, PageError> {
    let mut page = grant_page(state, viewer, actor, id, None).await?;
    let problems = Problems::of(viewer, error, |field| {
        (FIELDS.contains(&field) || field == "reason").then(|| field.to_owned())
    });
    page.bank.error = problems.on_top();
    page.bank.errors = problems.fields;
    page.bank.typed = typed;
    if page.bank.error.is_none() && page.bank.errors.is_empty() {
        page.bank.error = Some(text(viewer.locale, "bank-refused"));
    }
    Ok(render_status(
        status_of(error),
        viewer,
        "grant",
        "grant-title",
        page,
    ))
}
