//! Grants: the list, one grant with its agreement and tranches, and the
//! steps on them — the grantee accepts the agreement, a programme manager
//! terminates with a reason, finance requests, approves (another person)
//! and records each payment. Buttons come from the transition lists of
//! `grants_app::grants` and `grants_app::tranches`; a blocked one shows why.

use axum::extract::{Path, Query};
use axum::response::Response;
use chrono::{DateTime, Utc};
use grants_app::grants::{self, GrantListFilter};
use grants_app::tranches::{self, PaymentInput, TrancheTransitionInput, TrancheView};
use grants_app::{Actor, AppError};
use grants_domain::programme::{ProgrammeSpec, TrancheCondition};
use grants_domain::{Currency, GrantId, UserId, ValidationErrors};
use serde::{Deserialize, Serialize};

use super::forms::{Problems, read_date};
use super::steps::{Refused, Step, StepPage, StepSent, buttons};
use super::{
    CursorQuery, OrPage, StepForm, Visit, localized, page_request, render, render_status, when,
};
use crate::i18n::{country_name, text};
use crate::session::Viewer;
use crate::workflow_text::state_label;
use crate::{PageError, WebState, status_of};

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    title: String,
    country: String,
    award: String,
    /// The award in minor units, to sort by.
    award_minor: i64,
    state: String,
    state_label: String,
    paid: String,
    paid_minor: i64,
    /// How many messages of its conversations the reader has not read.
    unread: Option<String>,
}

#[derive(Debug, Serialize)]
struct ListPage {
    grants: Vec<Row>,
    /// The link to the next page, when there is one.
    next: Option<String>,
}

/// The grants the person may see: a grantee their own; finance, managers
/// and administrators every grant.
pub(crate) async fn list(
    Visit(state, viewer): Visit,
    Query(query): Query<CursorQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/grants")?;
    let request = page_request(query.cursor);
    let page = grants::list(&state.app, actor, &GrantListFilter::default(), &request)
        .await
        .or_page(&viewer)?;
    let next = page
        .next_cursor
        .as_ref()
        .map(|cursor| format!("/app/grants?cursor={cursor}"));
    let ids: Vec<uuid::Uuid> = page.items.iter().map(|g| g.id.uuid()).collect();
    let mut unread = super::conversations::unread_badges(
        &state,
        &viewer,
        actor,
        grants_domain::conversation::ThreadSubject::Grant,
        &ids,
    )
    .await?;
    let grants = page
        .items
        .into_iter()
        .map(|g| Row {
            unread: unread.remove(&g.id.uuid()),
            id: g.id.to_string(),
            title: g.title,
            country: country_name(viewer.locale, &g.country),
            award: viewer.money(g.award),
            award_minor: g.award.minor,
            state_label: state_label(viewer.locale, grants::WORKFLOW, &g.state, &g.state_label),
            state: g.state,
            paid: viewer.money(g.disbursed),
            paid_minor: g.disbursed.minor,
        })
        .collect();
    Ok(render(
        &viewer,
        "grants",
        "grants-title",
        ListPage { grants, next },
    ))
}

/// What a payment step's form holds.
#[derive(Debug, Default, Clone, Serialize)]
pub(super) struct PayForm {
    reference: String,
    value_date: String,
    currency: String,
    exchange_rate: String,
    /// The award's currency, the default.
    award_currency: String,
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
    /// Its name in the reader's words.
    name: String,
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
    /// The reader may record its payment now: the account to pay is shown beside.
    pays: bool,
}

#[derive(Debug, Serialize)]
pub(super) struct GrantPage {
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
    /// Where the money goes.
    pub(super) bank: super::bank::BankSection,
    /// Whether the project is on the public showcase.
    pub(super) showcase: super::showcase::ShowcaseSection,
    /// The conversations on the grant the reader is part of.
    conversations: super::conversations::ThreadsSection,
    /// What happened to the grant and its tranches, and who did it.
    history: Vec<grants_i18n::proposal::HistoryLine>,
    error: Option<String>,
    /// The refusal asks the person to set up two-step sign-in: a link there.
    set_up_second_factor: bool,
}

pub(crate) use grants_i18n::grant::tranche_name;

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
    let pays = options
        .iter()
        .any(|o| o.allowed && o.form == Some(grants_app::steps::OwnForm::Payment));
    Ok(TrancheRow {
        pays,
        steps: buttons(
            (viewer.locale, tranches::WORKFLOW),
            options,
            (&format!("/app/tranches/{id}"), &t.key),
            t.revision,
            Some(pay),
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
        amount: viewer.money(t.amount),
        percent: t.percent,
        condition: Condition::from(&t.condition),
        state_label: state_label(viewer.locale, tranches::WORKFLOW, &t.state, &t.state_label),
        state: t.state,
        payment: t.payment.map(|p| Payment {
            reference: p.reference,
            value_date: grants_app::Formatter::new(viewer.locale, spec.time_zone)
                .date(p.value_date),
            paid: viewer.money(p.paid),
            rate: p.exchange_rate,
        }),
        comment: t.comment,
        name: tranche_name(viewer.locale, &t.key),
        key: t.key,
    })
}

pub(super) async fn grant_page(
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
    let bank = grants_app::bank::of_grant(app, actor, id)
        .await
        .or_page(viewer)?;
    let bank = super::bank::BankSection::new(viewer, spec, bank);
    let showcase = grants_app::showcase::of_grant(app, actor, id)
        .await
        .or_page(viewer)?;
    let showcase = super::showcase::ShowcaseSection::new(viewer, spec, showcase);
    let conversations = super::conversations::section(
        state,
        viewer,
        actor,
        grants_app::conversations::SubjectRef::Grant(id),
    )
    .await?;
    let history = grants::history_named(app, actor, id)
        .await
        .or_page(viewer)?;
    let history = grants_i18n::grant::history(
        viewer.locale,
        grants_app::Formatter::new(viewer.locale, spec.time_zone),
        &history,
        state.app.workflows(),
        &grant.tranches,
    );
    let here = format!("/app/grants/{id}");
    let mut rows = Vec::with_capacity(grant.tranches.len());
    for t in grant.tranches {
        rows.push(tranche_row(state, viewer, actor, spec, t, &pay).await?);
    }
    Ok(GrantPage {
        id: id.to_string(),
        steps: buttons(
            (viewer.locale, grants::WORKFLOW),
            options,
            (&here, ""),
            grant.revision,
            Some(&pay),
        ),
        title: grant.title,
        proposal_id: grant.proposal_id.to_string(),
        programme: localized(&spec.title, viewer.locale, spec.default_locale),
        country: country_name(viewer.locale, &grant.country),
        state_label: state_label(
            viewer.locale,
            grants::WORKFLOW,
            &grant.state,
            &grant.state_label,
        ),
        state: grant.state,
        award: viewer.money(grant.award),
        committed: viewer.money(grant.committed),
        disbursed: viewer.money(grant.disbursed),
        outstanding: viewer.money(grant.outstanding),
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
        bank,
        showcase,
        conversations,
        history,
        error,
        set_up_second_factor: false,
    })
}

/// The grant's dossier, as a PDF in the reader's language.
pub(crate) async fn dossier(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let (actor, id) = viewer.signed_in_to(&format!("/app/grants/{raw}"), &raw, "grant")?;
    let dossier = grants::dossier(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let file = grants_i18n::grant::dossier(
        viewer.locale,
        &dossier,
        state.app.workflows(),
        state.app.now(),
    )
    .or_page(&viewer)?;
    Ok(super::exports::file(file))
}

pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let (actor, id) = viewer.signed_in_to(&format!("/app/grants/{raw}"), &raw, "grant")?;
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
    let error = viewer.refusal(error)?;
    let mut problems = Problems::of(viewer, &error, |path| {
        let name = path.strip_prefix("payment.").unwrap_or(path);
        FIELDS.contains(&name).then(|| name.to_owned())
    });
    let mut page = grant_page(state, viewer, actor, id, None).await?;
    let step = page
        .steps
        .iter_mut()
        .chain(page.tranches.iter_mut().flat_map(|t| t.steps.iter_mut()))
        .find(|s| s.id == typed.step);
    match step {
        Some(step) => {
            if !problems.fields.is_empty() {
                problems
                    .general
                    .push(text(viewer.locale, "error-see-below"));
            }
            step.comment = typed.comment;
            if let (Some(shown), Some(typed)) = (step.pay.as_mut(), typed.pay) {
                *shown = PayForm {
                    award_currency: shown.award_currency.clone(),
                    ..typed
                };
            }
            step.errors = std::mem::take(&mut problems.fields);
        }
        // The step is gone (someone else moved it on): say everything at the top.
        None => problems
            .general
            .extend(std::mem::take(&mut problems.fields).into_values()),
    }
    page.error = problems.on_top();
    page.set_up_second_factor = error.needs_second_factor_set_up();
    Ok(render_status(
        status_of(&error),
        viewer,
        "grant",
        "grant-title",
        page,
    ))
}

impl StepPage for grants::Grant {
    type Form = StepForm;
    const PAGES: &'static str = "/app/grants";

    async fn refused(step: Refused<'_, Self>) -> Result<Response, PageError> {
        let typed = Typed {
            step: step.name,
            comment: step.form.comment.unwrap_or_default(),
            pay: None,
        };
        refused(
            step.state,
            step.viewer,
            step.actor,
            step.id,
            step.error,
            typed,
        )
        .await
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
    /// A fresh code from the authenticator app, for paying and approving.
    #[serde(default)]
    second_factor_code: Option<String>,
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
        let value_date = read_date(
            &mut errors,
            "payment.value_date",
            self.value_date.as_deref(),
            viewer.locale,
        );
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

impl StepSent<TrancheTransitionInput> for TrancheForm {
    fn csrf(&self) -> &str {
        &self.csrf
    }

    fn second_factor_code(&self) -> Option<&str> {
        self.second_factor_code.as_deref()
    }

    fn input(&self, viewer: &Viewer) -> Result<TrancheTransitionInput, AppError> {
        let payment = if self.has_payment() {
            Some(self.payment(viewer)?)
        } else {
            None
        };
        Ok(TrancheTransitionInput {
            comment: trimmed(self.comment.as_ref()),
            revision: self.revision,
            payment,
        })
    }
}

impl StepPage for tranches::Tranche {
    type Form = TrancheForm;
    /// A tranche has no page of its own: it is shown on its grant's.
    const PAGES: &'static str = "/app/grants";

    fn page(_: &str) -> String {
        Self::PAGES.to_owned()
    }

    fn done(_: &str, done: &TrancheView) -> String {
        format!("{}/{}", Self::PAGES, done.grant_id)
    }

    async fn refused(step: Refused<'_, Self>) -> Result<Response, PageError> {
        let tranche = tranches::get(&step.state.app, step.actor, step.id)
            .await
            .or_page(step.viewer)?;
        let form = step.form;
        let typed = Typed {
            step: format!("{}-{}", tranche.key, step.name),
            pay: form.has_payment().then(|| form.typed()),
            comment: form.comment.unwrap_or_default(),
        };
        let (state, viewer, actor) = (step.state, step.viewer, step.actor);
        refused(state, viewer, actor, tranche.grant_id, step.error, typed).await
    }
}
