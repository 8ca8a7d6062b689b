//! Grants: the list, one grant with its agreement and tranches, and the
//! steps on them — the grantee accepts the agreement, a programme manager
//! terminates with a reason, finance requests, approves (another person)
//! and records each payment. Buttons come from the transition lists of
//! `grants_app::grants` and `grants_app::tranches`; a blocked one shows why.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use grants_app::grants::{self, GrantListFilter, GrantTransitionInput};
use grants_app::steps::{OwnForm, TransitionView};
use grants_app::tranches::{self, PaymentInput, TrancheTransitionInput, TrancheView};
use grants_app::{Actor, AppError, PageRequest};
use grants_domain::programme::{ProgrammeSpec, TrancheCondition};
use grants_domain::{Currency, GrantId, Locale, TrancheId, UserId, ValidationErrors};
use serde::{Deserialize, Serialize};

use super::steps::StepPage;
use super::{OrPage, StepForm, localized, parse_id, render, render_status, when};
use crate::i18n::text;
use crate::session::Viewer;
use crate::workflow_text::{blocked_reasons, failure, state_label, step_label};
use crate::{PageError, WebState, status_of};

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    title: String,
    country: String,
    award: String,
    state: String,
    state_label: String,
    paid: String,
}

#[derive(Debug, Serialize)]
struct ListPage {
    grants: Vec<Row>,
    /// The link to the next page, when there is one.
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ListQuery {
    cursor: Option<String>,
}

/// The grants the person may see: a grantee their own; finance, managers
/// and administrators every grant.
pub(crate) async fn list(
    State(state): State<WebState>,
    viewer: Viewer,
    Query(query): Query<ListQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/grants")?;
    let request = PageRequest {
        cursor: query.cursor.filter(|c| !c.is_empty()),
        limit: None,
    };
    let page = grants::list(&state.app, actor, &GrantListFilter::default(), &request)
        .await
        .or_page(&viewer)?;
    let next = page
        .next_cursor
        .as_ref()
        .map(|cursor| format!("/app/grants?cursor={cursor}"));
    let grants = page
        .items
        .into_iter()
        .map(|g| Row {
            id: g.id.to_string(),
            title: g.title,
            country: g.country,
            award: g.award.to_string(),
            state_label: state_label(viewer.locale, grants::WORKFLOW, &g.state, &g.state_label),
            state: g.state,
            paid: g.disbursed.to_string(),
        })
        .collect();
    Ok(render(
        &viewer,
        "grants",
        "grants-title",
        ListPage { grants, next },
    ))
}

/// What the payment form holds.
#[derive(Debug, Default, Clone, Serialize)]
struct PayForm {
    reference: String,
    value_date: String,
    currency: String,
    exchange_rate: String,
    /// The award's currency, the default.
    award_currency: String,
}

/// A step on the grant or one of its tranches: a button, or a small form.
#[derive(Debug, Serialize)]
struct Step {
    /// Where the form posts.
    action: String,
    /// What makes the ids of its fields unique on the page.
    id: String,
    name: String,
    label: String,
    revision: i64,
    allowed: bool,
    reasons: Vec<String>,
    /// A reason must be given (terminate, send back, cancel).
    needs_comment: bool,
    comment: String,
    /// The payment's fields, for `pay`.
    pay: Option<PayForm>,
    /// What was wrong with what was typed, by field.
    errors: BTreeMap<String, String>,
}

/// The fields of the step forms, as the use cases name them
/// (`payment.exchange_rate` is shown at `exchange_rate`).
const FIELDS: [&str; 5] = [
    "reference",
    "value_date",
    "currency",
    "exchange_rate",
    "comment",
];

/// The person's steps on a subject of `workflow`, in their language:
/// what they may take, and what they could take but for a reason; steps
/// only other roles take are not theirs to see.
fn steps(
    (locale, workflow): (Locale, &str),
    options: Vec<TransitionView>,
    (action, id): (&str, &str),
    revision: i64,
    pay: &PayForm,
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
            pay: (t.form == Some(OwnForm::Payment)).then(|| pay.clone()),
            comment: String::new(),
            errors: BTreeMap::new(),
            revision,
            allowed: t.allowed,
            reasons: blocked_reasons(locale, &t.blocked_by),
            label: step_label(locale, workflow, &t.name, &t.label),
            name: t.name,
        })
        .collect()
}

/// When a tranche may be requested, for the template to put in words.
#[derive(Debug, Serialize)]
struct Condition {
    signed: bool,
    report: Option<String>,
    after_months: bool,
    months: i64,
}

impl From<&TrancheCondition> for Condition {
    fn from(c: &TrancheCondition) -> Self {
        let mut shown = Condition {
            signed: false,
            report: None,
            after_months: false,
            months: 0,
        };
        match c {
            TrancheCondition::AgreementSigned => shown.signed = true,
            TrancheCondition::ReportAccepted { report } => shown.report = Some(report.clone()),
            TrancheCondition::MonthsAfterStart { months } => {
                shown.after_months = true;
                shown.months = *months;
            }
        }
        shown
    }
}

#[derive(Debug, Serialize)]
struct Payment {
    reference: String,
    value_date: String,
    paid: String,
    rate: String,
}

#[derive(Debug, Serialize)]
struct TrancheRow {
    id: String,
    position: u16,
    key: String,
    percent: u8,
    amount: String,
    condition: Condition,
    state: String,
    state_label: String,
    requested: Option<String>,
    approved: Option<String>,
    payment: Option<Payment>,
    comment: Option<String>,
    steps: Vec<Step>,
}

#[derive(Debug, Serialize)]
struct GrantPage {
    id: String,
    title: String,
    proposal_id: String,
    programme: String,
    country: String,
    state: String,
    state_label: String,
    award: String,
    committed: String,
    disbursed: String,
    outstanding: String,
    agreement_locale: String,
    agreement_text: String,
    /// The agreement is shown in full while it waits for acceptance.
    agreement_open: bool,
    accepted: Option<String>,
    ended: Option<String>,
    end_reason: Option<String>,
    steps: Vec<Step>,
    tranches: Vec<TrancheRow>,
    reports: Vec<ReportLink>,
    error: Option<String>,
}

/// One of the grant's reports, linked.
#[derive(Debug, Serialize)]
struct ReportLink {
    id: String,
    name: String,
    due_on: String,
    state: String,
    state_label: String,
}

/// Who did something to a tranche, and when: "you" for the reader, else
/// their name (or "another person" if the account is gone).
fn who(
    viewer: &Viewer,
    actor: &Actor,
    spec: &ProgrammeSpec,
    (by, name, at): (Option<UserId>, Option<String>, Option<DateTime<Utc>>),
) -> Option<String> {
    let by = by?;
    let name = if by == actor.id {
        text(viewer.locale, "by-you")
    } else {
        name.unwrap_or_else(|| text(viewer.locale, "by-someone-else"))
    };
    Some(match at {
        Some(at) => format!("{name}, {}", when(viewer.locale, spec, at)),
        None => name,
    })
}

async fn tranche_row(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    spec: &ProgrammeSpec,
    t: TrancheView,
    pay: &PayForm,
) -> Result<TrancheRow, PageError> {
    let options = grants_app::steps::transitions::<tranches::Tranche>(&state.app, actor, t.id)
        .await
        .or_page(viewer)?;
    let id = t.id.to_string();
    Ok(TrancheRow {
        steps: steps(
            (viewer.locale, tranches::WORKFLOW),
            options,
            (&format!("/app/tranches/{id}"), &t.key),
            t.revision,
            pay,
        ),
        requested: who(
            viewer,
            actor,
            spec,
            (t.requested_by, t.requested_by_name.clone(), t.requested_at),
        ),
        approved: who(
            viewer,
            actor,
            spec,
            (t.approved_by, t.approved_by_name.clone(), t.approved_at),
        ),
        id,
        position: t.position,
        amount: t.amount.to_string(),
        percent: t.percent,
        condition: Condition::from(&t.condition),
        state_label: state_label(viewer.locale, tranches::WORKFLOW, &t.state, &t.state_label),
        state: t.state,
        payment: t.payment.map(|p| Payment {
            reference: p.reference,
            value_date: p.value_date.to_string(),
            paid: p.paid.to_string(),
            rate: p.exchange_rate,
        }),
        comment: t.comment,
        key: t.key,
    })
}

async fn grant_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: GrantId,
    error: Option<String>,
) -> Result<GrantPage, PageError> {
    let app = &state.app;
    let grant = grants::get(app, actor, id).await.or_page(viewer)?;
    let programme = grants_app::programmes::get(app, actor, grant.programme_id)
        .await
        .or_page(viewer)?;
    let spec = &programme.spec;
    let today = Utc::now().with_timezone(&spec.time_zone).date_naive();
    let pay = PayForm {
        value_date: today.to_string(),
        currency: grant.award.currency.code().to_owned(),
        award_currency: grant.award.currency.code().to_owned(),
        ..PayForm::default()
    };
    let options = grants_app::steps::transitions::<grants::Grant>(app, actor, id)
        .await
        .or_page(viewer)?;
    let reports = grants_app::reports::of_grant(app, actor, id)
        .await
        .or_page(viewer)?
        .into_iter()
        .map(|r| ReportLink {
            id: r.id.to_string(),
            name: r.name,
            due_on: r.due_on.to_string(),
            state_label: state_label(
                viewer.locale,
                grants_app::reports::WORKFLOW,
                &r.state,
                &r.state_label,
            ),
            state: r.state,
        })
        .collect();
    let here = format!("/app/grants/{id}");
    let mut rows = Vec::with_capacity(grant.tranches.len());
    for t in grant.tranches {
        rows.push(tranche_row(state, viewer, actor, spec, t, &pay).await?);
    }
    Ok(GrantPage {
        id: id.to_string(),
        steps: steps(
            (viewer.locale, grants::WORKFLOW),
            options,
            (&here, ""),
            grant.revision,
            &pay,
        ),
        title: grant.title,
        proposal_id: grant.proposal_id.to_string(),
        programme: localized(&spec.title, viewer.locale, spec.default_locale),
        country: grant.country,
        state_label: state_label(
            viewer.locale,
            grants::WORKFLOW,
            &grant.state,
            &grant.state_label,
        ),
        state: grant.state,
        award: grant.award.to_string(),
        committed: grant.committed.to_string(),
        disbursed: grant.disbursed.to_string(),
        outstanding: grant.outstanding.to_string(),
        agreement_open: grant.agreement_accepted_at.is_none(),
        agreement_locale: grant.agreement_locale,
        agreement_text: grant.agreement_text,
        accepted: grant
            .agreement_accepted_at
            .map(|at| when(viewer.locale, spec, at)),
        ended: grant.ended_at.map(|at| when(viewer.locale, spec, at)),
        end_reason: grant.end_reason,
        tranches: rows,
        reports,
        error,
    })
}

pub(crate) async fn show(
    State(state): State<WebState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(&format!("/app/grants/{raw}"))?;
    let id: GrantId = parse_id(&raw, &viewer, "grant")?;
    let page = grant_page(&state, &viewer, actor, id, None).await?;
    Ok(render(&viewer, "grant", "grant-title", page))
}

/// What was typed into a refused step's form, to show it again.
#[derive(Debug)]
struct Typed {
    /// The step's form, by its id on the page.
    step: String,
    comment: String,
    pay: Option<PayForm>,
}

fn trimmed(value: Option<&String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Shows the grant again with why the step was refused: problems with a
/// field beside it, the rest at the top; what was typed stays.
async fn refused(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: GrantId,
    error: AppError,
    typed: Typed,
) -> Result<Response, PageError> {
    if matches!(error, AppError::NotFound(_) | AppError::Internal(_)) {
        return Err(PageError::Failed {
            viewer: Box::new(viewer.clone()),
            error,
        });
    }
    let status = status_of(&error);
    let (mut fields, mut general) = (BTreeMap::new(), Vec::new());
    match &error {
        AppError::Validation(v) => {
            for f in v.fields() {
                let name = f.field.strip_prefix("payment.").unwrap_or(&f.field);
                if FIELDS.contains(&name) {
                    fields.insert(name.to_owned(), f.message.clone());
                } else {
                    general.push(f.message.clone());
                }
            }
        }
        other => general.push(failure(viewer.locale, other)),
    }
    let mut page = grant_page(state, viewer, actor, id, None).await?;
    let step = page
        .steps
        .iter_mut()
        .chain(page.tranches.iter_mut().flat_map(|t| t.steps.iter_mut()))
        .find(|s| s.id == typed.step);
    match step {
        Some(step) => {
            if !fields.is_empty() {
                general.push(text(viewer.locale, "error-see-below"));
            }
            step.comment = typed.comment;
            if let (Some(shown), Some(typed)) = (step.pay.as_mut(), typed.pay) {
                *shown = PayForm {
                    award_currency: shown.award_currency.clone(),
                    ..typed
                };
            }
            step.errors = fields;
        }
        // The step is gone (someone else moved it on): say everything at the top.
        None => general.extend(fields.into_values()),
    }
    page.error = (!general.is_empty()).then(|| general.join(" "));
    Ok(render_status(status, viewer, "grant", "grant-title", page))
}

impl StepPage for grants::Grant {
    type Form = StepForm;
    const WHAT: &'static str = "grant";

    fn page(raw: &str) -> String {
        format!("/app/grants/{raw}")
    }

    fn csrf(form: &StepForm) -> &str {
        &form.csrf
    }

    fn input(form: &StepForm, _: &str, _: &Viewer) -> Result<GrantTransitionInput, AppError> {
        Ok(GrantTransitionInput {
            comment: form.comment(),
            revision: form.revision,
        })
    }

    async fn refused(
        state: &WebState,
        viewer: &Viewer,
        actor: &Actor,
        (id, name): (GrantId, String),
        form: StepForm,
        error: AppError,
    ) -> Result<Response, PageError> {
        let typed = Typed {
            step: name,
            comment: form.comment.unwrap_or_default(),
            pay: None,
        };
        refused(state, viewer, actor, id, error, typed).await
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct TrancheForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    revision: Option<i64>,
    comment: Option<String>,
    reference: Option<String>,
    value_date: Option<String>,
    currency: Option<String>,
    exchange_rate: Option<String>,
}

impl TrancheForm {
    /// The form of a payment step: it sends the payment's fields.
    fn has_payment(&self) -> bool {
        self.reference.is_some() || self.value_date.is_some()
    }

    fn typed(&self) -> PayForm {
        let get = |v: &Option<String>| v.clone().unwrap_or_default();
        PayForm {
            reference: get(&self.reference),
            value_date: get(&self.value_date),
            currency: get(&self.currency),
            exchange_rate: get(&self.exchange_rate),
            award_currency: String::new(),
        }
    }

    /// The payment as `pay` takes it; a date or currency that does not
    /// read is reported under the field the use case would name.
    fn payment(&self, viewer: &Viewer) -> Result<PaymentInput, AppError> {
        let mut errors = ValidationErrors::default();
        let value_date = trimmed(self.value_date.as_ref())
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        if value_date.is_none() {
            errors.push(
                "payment.value_date",
                "invalid_date",
                text(viewer.locale, "error-value-date"),
            );
        }
        let currency = trimmed(self.currency.as_ref()).map(|c| c.to_ascii_uppercase());
        if let Some(code) = &currency
            && let Err(e) = Currency::parse(code)
        {
            errors.push_parse("payment.currency", e);
        }
        // People write 61,5 as often as 61.5.
        let exchange_rate = trimmed(self.exchange_rate.as_ref()).map(|r| {
            if r.contains('.') {
                r
            } else {
                r.replace(',', ".")
            }
        });
        match value_date {
            Some(value_date) if errors.is_empty() => Ok(PaymentInput {
                reference: self.reference.clone().unwrap_or_default(),
                value_date,
                currency,
                paid_minor: None,
                exchange_rate,
            }),
            _ => Err(AppError::Validation(errors)),
        }
    }
}

impl StepPage for tranches::Tranche {
    type Form = TrancheForm;
    const WHAT: &'static str = "tranche";

    fn page(_: &str) -> String {
        "/app/grants".to_owned()
    }

    fn csrf(form: &TrancheForm) -> &str {
        &form.csrf
    }

    fn input(
        form: &TrancheForm,
        _: &str,
        viewer: &Viewer,
    ) -> Result<TrancheTransitionInput, AppError> {
        let payment = if form.has_payment() {
            Some(form.payment(viewer)?)
        } else {
            None
        };
        Ok(TrancheTransitionInput {
            comment: trimmed(form.comment.as_ref()),
            revision: form.revision,
            payment,
        })
    }

    fn done(_: &str, done: &TrancheView) -> String {
        format!("/app/grants/{}", done.grant_id)
    }

    async fn refused(
        state: &WebState,
        viewer: &Viewer,
        actor: &Actor,
        (id, name): (TrancheId, String),
        form: TrancheForm,
        error: AppError,
    ) -> Result<Response, PageError> {
        let tranche = tranches::get(&state.app, actor, id).await.or_page(viewer)?;
        let typed = Typed {
            step: format!("{}-{name}", tranche.key),
            pay: form.has_payment().then(|| form.typed()),
            comment: form.comment.unwrap_or_default(),
        };
        refused(state, viewer, actor, tranche.grant_id, error, typed).await
    }
}
