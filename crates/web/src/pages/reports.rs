//! Implementation reports: the list (a grantee's own; for managers and
//! finance every report, or only the late ones), one report with its form
//! for the grantee, its review steps for managers, the due-date move, and
//! the programme's impact summary. Everything goes through
//! `grants_app::reports`, so the rules are the API's.

use std::collections::BTreeMap;

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::reports::{
    self, MoveDueDateInput, ReportListFilter, ReportUpdateInput, ReportView,
};
use grants_app::{Actor, AppError};
use grants_domain::report::{ReportContentInput, SpendingInput};
use grants_domain::{ProgrammeId, ReportId, ValidationErrors};
use serde::{Deserialize, Serialize};

use super::forms::{Problems, read_count, read_date, read_money};
use super::steps::{Refused, Step, StepPage, buttons};
use super::{
    OrPage, StepForm, Visit, localized, page_request, programme_title, render, render_status, when,
};
use crate::i18n::{country_name, text};
use crate::session::Viewer;
use crate::workflow_text::{state_label, state_named};
use crate::{PageError, WebState, status_of};

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    title: String,
    country: String,
    name: String,
    due_on: String,
    /// The due day as `YYYY-MM-DD`, to sort by.
    due_iso: String,
    state: String,
    state_label: String,
    days_late: i64,
    /// Messages the reader has not read in its conversations.
    unread: Option<String>,
}

#[derive(Debug, Serialize)]
struct ListPage {
    reports: Vec<Row>,
    late_only: bool,
    /// The same list, all or late only.
    toggle: String,
    next: Option<String>,
    /// The filter, as the query of the list's downloads.
    download_query: String,
    /// The search.
    q: String,
    /// The programme the list is narrowed to, kept by the search form.
    programme_id: Option<String>,
}

#[derive(Debug, Deserialize)]
pub(crate) struct ListQuery {
    programme_id: Option<String>,
    late: Option<bool>,
    cursor: Option<String>,
    q: Option<String>,
}

/// The reports the person may see; `late=true` for the overdue ones.
pub(crate) async fn list(
    Visit(state, viewer): Visit,
    Query(query): Query<ListQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/reports")?;
    let programme_id = query
        .programme_id
        .as_deref()
        .and_then(|p| uuid::Uuid::parse_str(p).ok());
    let late_only = query.late == Some(true);
    let q = query
        .q
        .as_deref()
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_owned);
    let filter = ReportListFilter {
        programme_id,
        state: None,
        late: Some(late_only),
        q: q.clone(),
    };
    let page = reports::list(&state.app, actor, &filter, &page_request(query.cursor))
        .await
        .or_page(&viewer)?;
    let link = |late: bool, cursor: Option<&str>| {
        let mut query = vec![format!("late={late}")];
        if let Some(p) = programme_id {
            query.push(format!("programme_id={p}"));
        }
        if let Some(search) = q
            .as_deref()
            .and_then(|q| serde_urlencoded::to_string([("q", q)]).ok())
        {
            query.push(search);
        }
        if let Some(c) = cursor {
            query.push(format!("cursor={c}"));
        }
        format!("/app/reports?{}", query.join("&"))
    };
    let next = page
        .next_cursor
        .as_deref()
        .map(|c| link(late_only, Some(c)));
    let ids: Vec<uuid::Uuid> = page.items.iter().map(|r| r.id.uuid()).collect();
    let mut unread = super::conversations::unread_badges(
        &state,
        &viewer,
        actor,
        grants_domain::conversation::ThreadSubject::Report,
        &ids,
    )
    .await?;
    let reports = page
        .items
        .into_iter()
        .map(|r| Row {
            unread: unread.remove(&r.id.uuid()),
            id: r.id.to_string(),
            title: r.title,
            country: country_name(viewer.locale, &r.country),
            name: r.name,
            due_on: grants_app::Formatter::new(viewer.locale, chrono_tz::UTC).date(r.due_on),
            due_iso: r.due_on.to_string(),
            state_label: state_label(viewer.locale, reports::WORKFLOW, &r.state, &r.state_label),
            state: r.state,
            days_late: r.days_late,
        })
        .collect();
    Ok(render(
        &viewer,
        "reports",
        "reports-title",
        ListPage {
            reports,
            late_only,
            toggle: link(!late_only, None),
            download_query: link(late_only, None)
                .trim_start_matches("/app/reports")
                .to_owned(),
            next,
            q: q.clone().unwrap_or_default(),
            programme_id: programme_id.map(|p| p.to_string()),
        },
    ))
}

/// One indicator on the form: the count typed and the proposal's target.
#[derive(Debug, Serialize)]
struct IndicatorField {
    key: String,
    name: String,
    value: String,
    target: Option<u64>,
    error: Option<String>,
}

/// One budget line on the form: spent so far against planned.
#[derive(Debug, Serialize)]
struct SpendingField {
    line: u16,
    description: String,
    planned: String,
    value: String,
    remaining: String,
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct HistoryLine {
    at: String,
    action: String,
    comment: Option<String>,
}

#[derive(Debug, Serialize)]
struct ReportPage {
    id: String,
    grant_id: String,
    title: String,
    name: String,
    country: String,
    grantee: String,
    state: String,
    state_label: String,
    due_on: String,
    deadline: String,
    days_late: i64,
    next_reminder: Option<String>,
    submitted: Option<String>,
    review_comment: Option<String>,
    revision: i64,
    /// The grantee may write now.
    editable: bool,
    narrative: String,
    activities: String,
    indicators: Vec<IndicatorField>,
    spending: Vec<SpendingField>,
    total_spent: String,
    award: String,
    /// Errors of the text fields, by field.
    errors: BTreeMap<String, String>,
    steps: Vec<Step>,
    /// Managers may move the due date while the report is owed.
    may_move: bool,
    move_due_on: String,
    move_comment: String,
    history: Vec<HistoryLine>,
    attachments: Vec<super::attachments::AttachmentRow>,
    attachment_limit: String,
    /// The page the attachment forms post under.
    attachments_base: String,
    /// The conversations on the report the reader is part of.
    conversations: super::conversations::ThreadsSection,
    error: Option<String>,
    saved: bool,
}

/// What the person typed, to show again when it is refused.
#[derive(Debug, Default)]
struct Typed {
    fields: BTreeMap<String, String>,
    errors: BTreeMap<String, String>,
    step: Option<(String, String)>,
}

async fn report_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ReportId,
    typed: Typed,
) -> Result<ReportPage, PageError> {
    let app = &state.app;
    let report: ReportView = reports::get(app, actor, id).await.or_page(viewer)?;
    let programme = grants_app::programmes::get(app, actor, report.programme_id)
        .await
        .or_page(viewer)?;
    let spec = &programme.spec;
    let options = grants_app::steps::transitions::<reports::Report>(app, actor, id)
        .await
        .or_page(viewer)?;
    let history = grants_app::steps::history::<reports::Report>(app, actor, id)
        .await
        .or_page(viewer)?;
    let attachments = super::attachments::rows(
        state,
        viewer,
        actor,
        grants_app::attachments::AttachmentParent::Report(id),
        spec,
    )
    .await?;
    let conversations = super::conversations::section(
        state,
        viewer,
        actor,
        grants_app::conversations::SubjectRef::Report(id),
    )
    .await?;
    let typed_or = |field: &str, shown: String| typed.fields.get(field).cloned().unwrap_or(shown);
    let indicators = spec
        .reporting
        .indicators
        .iter()
        .map(|i| {
            let field = format!("indicators.{}", i.key);
            IndicatorField {
                value: typed_or(
                    &field,
                    report
                        .content
                        .indicators
                        .get(&i.key)
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                ),
                error: typed.errors.get(&field).cloned(),
                name: localized(&i.title, viewer.locale, spec.default_locale),
                target: report.targets.get(&i.key).copied(),
                key: i.key.clone(),
            }
        })
        .collect();
    let spending = report
        .spending_against_plan
        .iter()
        .map(|line| {
            let field = format!("spending.{}", line.budget_line);
            let reported = report
                .content
                .spending
                .iter()
                .find(|s| s.budget_line == line.budget_line)
                .map(|s| super::draft::amount_text(s.amount))
                .unwrap_or_default();
            SpendingField {
                line: line.budget_line,
                description: line.description.clone(),
                planned: viewer.money(line.planned),
                remaining: viewer.money(line.remaining),
                value: typed_or(&field, reported),
                error: typed
                    .errors
                    .get(&field)
                    .or_else(|| {
                        typed
                            .errors
                            .get(&format!("spending[{}].amount.minor", line.budget_line))
                    })
                    .cloned(),
            }
        })
        .collect();
    let here = format!("/app/reports/{id}");
    let mut steps = buttons(
        (viewer.locale, reports::WORKFLOW),
        options,
        (&here, ""),
        report.revision,
        None,
    );
    let definition = app.workflows().current(reports::WORKFLOW);
    if let Some((name, comment)) = &typed.step
        && let Some(step) = steps.iter_mut().find(|s| &s.name == name)
    {
        step.comment = comment.clone();
        if let Some(message) = typed.errors.get("comment") {
            step.errors.insert("comment".into(), message.clone());
        }
    }
    let may_move = report.may.move_due_date;
    Ok(ReportPage {
        id: id.to_string(),
        grant_id: report.grant_id.to_string(),
        title: report.title,
        name: report.name,
        country: country_name(viewer.locale, &report.country),
        grantee: report.grantee_name,
        state_label: state_label(
            viewer.locale,
            reports::WORKFLOW,
            &report.state,
            &report.state_label,
        ),
        due_on: report.due_on.to_string(),
        deadline: when(viewer.locale, spec, report.deadline),
        days_late: report.days_late,
        next_reminder: report
            .next_reminder_at
            .map(|at| when(viewer.locale, spec, at)),
        submitted: report
            .first_submitted_at
            .map(|at| when(viewer.locale, spec, at)),
        review_comment: report.review_comment,
        revision: report.revision,
        editable: report.may.write,
        narrative: typed_or(
            "narrative",
            report.content.narrative.clone().unwrap_or_default(),
        ),
        activities: typed_or(
            "activities",
            report.content.activities.clone().unwrap_or_default(),
        ),
        indicators,
        spending,
        total_spent: viewer.money(report.total_spent),
        award: viewer.money(report.award),
        errors: typed.errors.clone(),
        steps,
        may_move,
        move_due_on: typed_or("due_on", report.due_on.to_string()),
        move_comment: typed_or("move_comment", String::new()),
        history: history
            .into_iter()
            .map(|e| HistoryLine {
                at: when(viewer.locale, spec, e.occurred_at),
                action: e.details.get("to").and_then(|t| t.as_str()).map_or_else(
                    || super::history_action(viewer.locale, &e.action),
                    |to| {
                        let to = state_named(
                            viewer.locale,
                            definition.as_deref(),
                            reports::WORKFLOW,
                            to,
                        );
                        format!("→ {to}")
                    },
                ),
                comment: e
                    .details
                    .get("comment")
                    .and_then(|c| c.as_str())
                    .map(str::to_owned),
            })
            .collect(),
        attachments,
        conversations,
        attachment_limit: super::attachments::size_text(spec.reporting.max_attachment_bytes),
        attachments_base: format!("/app/reports/{id}"),
        error: None,
        saved: false,
        state: report.state,
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct ShowQuery {
    saved: Option<bool>,
}

pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Query(query): Query<ShowQuery>,
) -> Result<Response, PageError> {
    let (actor, id) = viewer.signed_in_to(&format!("/app/reports/{raw}"), &raw, "report")?;
    let mut page = report_page(&state, &viewer, actor, id, Typed::default()).await?;
    page.saved = query.saved == Some(true);
    Ok(render(&viewer, "report", "report-title", page))
}

/// Where a problem with the report's form is shown: `spending[0].budget_line`
/// and its amount at the line (`spending.0`), the others at their field.
fn report_field(path: &str) -> String {
    match path.strip_prefix("spending[") {
        Some(rest) => rest
            .split_once(']')
            .map_or_else(|| path.to_owned(), |(line, _)| format!("spending.{line}")),
        None => path.to_owned(),
    }
}

/// Where a problem with the due-date form is shown: its reason belongs to
/// the move form, not to a step.
fn move_field(path: &str) -> String {
    if path == "comment" {
        "move_comment".to_owned()
    } else {
        path.to_owned()
    }
}

/// Shows the report again with why the action was refused: problems with a
/// field beside it (where `field` places them), the rest at the top; what
/// was typed stays.
async fn refused(
    (state, viewer, actor): (&WebState, &Viewer, &Actor),
    id: ReportId,
    error: AppError,
    mut typed: Typed,
    field: fn(&str) -> String,
) -> Result<Response, PageError> {
    let error = viewer.refusal(error)?;
    let mut problems = Problems::of(viewer, &error, |path| Some(field(path)));
    typed.errors.append(&mut problems.fields);
    if matches!(error, AppError::Validation(_)) {
        problems
            .general
            .push(text(viewer.locale, "error-see-below"));
    }
    let mut page = report_page(state, viewer, actor, id, typed).await?;
    page.error = problems.on_top();
    Ok(render_status(
        status_of(&error),
        viewer,
        "report",
        "report-title",
        page,
    ))
}

/// Shows the report again with why an attachment was refused.
pub(crate) async fn refused_on_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ReportId,
    error: AppError,
) -> Result<Response, PageError> {
    let typed = Typed::default();
    refused((state, viewer, actor), id, error, typed, report_field).await
}

/// The report form as it arrives: every field by its name.
type Fields = BTreeMap<String, String>;

/// The grantee's content from the form; counts and amounts that do not
/// read are named under the field the use case would name.
fn content(
    fields: &Fields,
    currency: grants_domain::Currency,
) -> Result<ReportContentInput, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut indicators = BTreeMap::new();
    let mut spending = Vec::new();
    for (name, raw) in fields {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        if let Some(key) = name.strip_prefix("indicators.") {
            match read_count(raw) {
                Some(n) => {
                    indicators.insert(key.to_owned(), n);
                }
                None => errors.push(
                    name.clone(),
                    "not_a_number",
                    "give a whole number, e.g. 420",
                ),
            }
        } else if let Some(line) = name.strip_prefix("spending.") {
            let Ok(budget_line) = line.parse::<i64>() else {
                continue;
            };
            if let Some(amount) = read_money(&mut errors, name.clone(), currency, raw) {
                spending.push(SpendingInput {
                    budget_line,
                    amount,
                });
            }
        }
    }
    let section = |name: &str| fields.get(name).map(|v| v.trim().to_owned());
    errors.into_result(|| ReportContentInput {
        narrative: section("narrative"),
        activities: section("activities"),
        indicators: Some(indicators),
        spending: Some(spending),
    })
}

fn csrf_and_revision(fields: &Fields) -> (String, Option<i64>) {
    (
        fields.get("_csrf").cloned().unwrap_or_default(),
        fields.get("revision").and_then(|r| r.parse().ok()),
    )
}

/// Saves what the grantee wrote, then shows the report again.
pub(crate) async fn save(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(fields): Form<Fields>,
) -> Result<Response, PageError> {
    let here = format!("/app/reports/{raw}");
    let (csrf, revision) = csrf_and_revision(&fields);
    let (actor, id) = viewer.sent_to(&here, &csrf, &raw, "report")?;
    let current = reports::get(&state.app, actor, id).await.or_page(&viewer)?;
    let outcome = match content(&fields, current.award.currency) {
        Ok(content) => {
            let input = ReportUpdateInput { content, revision };
            reports::update(&state.app, actor, id, input, None).await
        }
        Err(errors) => Err(AppError::Validation(errors)),
    };
    match outcome {
        Ok(_) => Ok(Redirect::to(&format!("{here}?saved=true")).into_response()),
        Err(error) => {
            let typed = Typed {
                fields,
                ..Typed::default()
            };
            refused((&state, &viewer, actor), id, error, typed, report_field).await
        }
    }
}

impl StepPage for reports::Report {
    type Form = StepForm;
    const PAGES: &'static str = "/app/reports";

    async fn refused(step: Refused<'_, Self>) -> Result<Response, PageError> {
        let typed = Typed {
            step: Some((step.name, step.form.comment.unwrap_or_default())),
            ..Typed::default()
        };
        let page = (step.state, step.viewer, step.actor);
        refused(page, step.id, step.error, typed, report_field).await
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct MoveForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    revision: Option<i64>,
    due_on: Option<String>,
    comment: Option<String>,
}

/// Moves the report's due date (managers), then shows the report again.
pub(crate) async fn move_due_date(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<MoveForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/reports/{raw}");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "report")?;
    let mut errors = ValidationErrors::default();
    let due_on = read_date(&mut errors, "due_on", form.due_on.as_deref(), viewer.locale);
    let outcome = match due_on {
        Some(due_on) => {
            let input = MoveDueDateInput {
                due_on,
                comment: form.comment.clone(),
                revision: form.revision,
            };
            reports::move_due_date(&state.app, actor, id, input, None).await
        }
        None => Err(errors.into()),
    };
    match outcome {
        Ok(_) => Ok(Redirect::to(&here).into_response()),
        Err(error) => {
            let mut fields = Fields::new();
            fields.insert("due_on".into(), form.due_on.unwrap_or_default());
            fields.insert("move_comment".into(), form.comment.unwrap_or_default());
            let typed = Typed {
                fields,
                ..Typed::default()
            };
            refused((&state, &viewer, actor), id, error, typed, move_field).await
        }
    }
}

#[derive(Debug, Serialize)]
struct ImpactLine {
    /// The country's code, or `all`: the row's id.
    key: String,
    label: String,
    grants: u64,
    reporting: u64,
    awarded: String,
    disbursed: String,
    on_time: u64,
    late: u64,
    overdue: u64,
    not_yet_due: u64,
    /// Per indicator, in the programme's order: achieved and target.
    counts: Vec<(u64, u64)>,
}

#[derive(Debug, Serialize)]
struct ImpactPage {
    programme_id: String,
    programme: String,
    indicators: Vec<String>,
    lines: Vec<ImpactLine>,
    total: ImpactLine,
}

fn impact_line(
    viewer: &Viewer,
    (key, label): (String, String),
    row: &grants_domain::report::ImpactRow,
    keys: &[String],
) -> ImpactLine {
    ImpactLine {
        key,
        label,
        grants: row.grants,
        reporting: row.grants_reporting,
        awarded: viewer.money(row.awarded),
        disbursed: viewer.money(row.disbursed),
        on_time: row.reports.on_time,
        late: row.reports.late,
        overdue: row.reports.overdue,
        not_yet_due: row.reports.not_yet_due,
        counts: keys
            .iter()
            .map(|k| {
                (
                    row.achieved.get(k).copied().unwrap_or(0),
                    row.targets.get(k).copied().unwrap_or(0),
                )
            })
            .collect(),
    }
}

/// What the money built, and where.
pub(crate) async fn impact(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let here = format!("/app/programmes/{raw}/impact");
    let (actor, id): (_, ProgrammeId) = viewer.signed_in_to(&here, &raw, "programme")?;
    let impact = reports::impact(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let programme = programme_title(&state, &viewer, actor, id).await?;
    let keys: Vec<String> = impact.indicators.iter().map(|i| i.key.clone()).collect();
    let page = ImpactPage {
        programme_id: id.to_string(),
        programme,
        indicators: impact.indicators.iter().map(|i| i.name.clone()).collect(),
        lines: impact
            .countries
            .iter()
            .map(|c| {
                let name = country_name(viewer.locale, &c.country);
                impact_line(&viewer, (c.country.clone(), name), &c.row, &keys)
            })
            .collect(),
        total: impact_line(
            &viewer,
            ("all".into(), text(viewer.locale, "impact-all")),
            &impact.total,
            &keys,
        ),
    };
    Ok(render(&viewer, "impact", "impact-title", page))
}
