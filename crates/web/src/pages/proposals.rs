//! Proposals: the list, one proposal with its workflow buttons and
//! history, and taking a step.

use std::collections::BTreeMap;

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::decisions::{self, DecisionInput, Outcome};
use grants_app::proposals::{self, ProposalListFilter, ProposalView, TransitionInput};
use grants_app::steps::CommentReaders;
use grants_app::{Actor, AppError, PageRequest};
use grants_domain::review::BidLevel;
use grants_domain::{ProposalId, ValidationErrors};
use serde::{Deserialize, Serialize};

use super::forms::{Problems, read_money, top_field};
use super::steps::{Refused, StepPage};
use super::{OrPage, ReasonForm, StepForm, Visit, localized, render, render_status, when};
use crate::i18n::{country_name, text};
use crate::session::Viewer;
use crate::workflow_text::{blocked_reasons, failure, state_label, step_label};
use crate::{PageError, WebState, status_of};

#[derive(Debug, Serialize)]
struct Row {
    id: String,
    title: String,
    /// The title with the words a search found marked, when it matched.
    title_found: Option<Vec<grants_domain::text::Piece>>,
    /// Where else a search found it: the field's name and an excerpt.
    found_in: Option<String>,
    found: Option<Vec<grants_domain::text::Piece>>,
    state: String,
    state_label: String,
    country: String,
    /// How many messages of its conversations the reader has not read.
    unread: Option<String>,
}

/// The heading of the field a search found a proposal in, as its page names it.
fn field_heading(field: &str) -> &'static str {
    match field {
        "summary" => "read-summary",
        "problem" => "read-problem",
        "proposed_service" => "read-service",
        "target_group" => "read-target-group",
        "planned_activities" => "read-activities",
        _ => "read-tags",
    }
}

#[derive(Debug, Serialize)]
struct ListPage {
    proposals: Vec<Row>,
    /// The link to the next page, when there is one.
    next: Option<String>,
    /// The state the list is narrowed to, kept by the search form.
    state: String,
    /// What was searched for.
    q: String,
    /// The filter, as the query of the list's downloads.
    download_query: String,
}

/// Narrowing the list, e.g. `?state=submitted` for the screening queue,
/// `?q=beograd` for a search.
#[derive(Debug, Deserialize)]
pub(crate) struct ListQuery {
    state: Option<String>,
    q: Option<String>,
    cursor: Option<String>,
}

pub(crate) async fn list(
    Visit(state, viewer): Visit,
    axum::extract::Query(query): axum::extract::Query<ListQuery>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/proposals")?;
    let q = query.q.clone().unwrap_or_default();
    let filter = ProposalListFilter {
        state: query.state.clone().filter(|s| !s.is_empty()),
        q: Some(q.clone()).filter(|q| !q.trim().is_empty()),
        ..Default::default()
    };
    let request = PageRequest {
        cursor: query.cursor.clone(),
        limit: None,
    };
    let page = proposals::list(&state.app, actor, &filter, &request)
        .await
        .or_page(&viewer)?;
    let state_shown = query.state.clone().unwrap_or_default();
    let next = page.next_cursor.as_ref().map(|cursor| {
        let query = serde_urlencoded::to_string([
            ("state", state_shown.as_str()),
            ("q", q.as_str()),
            ("cursor", cursor.as_str()),
        ])
        .unwrap_or_default();
        format!("/app/proposals?{query}")
    });
    let ids: Vec<uuid::Uuid> = page.items.iter().map(|p| p.id.uuid()).collect();
    let mut unread = super::conversations::unread_badges(
        &state,
        &viewer,
        actor,
        grants_domain::conversation::ThreadSubject::Proposal,
        &ids,
    )
    .await?;
    let proposals = page
        .items
        .into_iter()
        .map(|p| {
            // The title with its words marked when the search found it
            // there, else where it did, under the title.
            let (title_found, found) = match p.found {
                Some(m) if m.field == "title" => (Some(m.pieces), None),
                other => (None, other),
            };
            Row {
                unread: unread.remove(&p.id.uuid()),
                id: p.id.to_string(),
                title: p.content.title.clone().unwrap_or_default(),
                title_found,
                found_in: found
                    .as_ref()
                    .map(|m| text(viewer.locale, field_heading(m.field))),
                found: found.map(|m| m.pieces),
                state_label: state_label(viewer.locale, &p.workflow, &p.state, &p.state_label),
                state: p.state.clone(),
                country: p
                    .content
                    .country
                    .map(|c| country_name(viewer.locale, &c.to_string()))
                    .unwrap_or_default(),
            }
        })
        .collect();
    Ok(render(
        &viewer,
        "proposals",
        "proposals-title",
        ListPage {
            proposals,
            next,
            download_query: download_query(&filter),
            state: state_shown,
            q,
        },
    ))
}

/// The list's filter as the query of its downloads: `?state=…&q=…`, or nothing.
fn download_query(filter: &ProposalListFilter) -> String {
    let pairs: Vec<(&str, &str)> = [("state", &filter.state), ("q", &filter.q)]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect();
    match serde_urlencoded::to_string(pairs) {
        Ok(query) if !query.is_empty() => format!("?{query}"),
        _ => String::new(),
    }
}

#[derive(Debug, Serialize)]
struct Step {
    name: String,
    label: String,
    allowed: bool,
    reasons: Vec<String>,
    /// It cannot be undone: the button opens a confirmation first.
    irreversible: bool,
    /// Its comment is for the staff only unless shared with the applicant.
    staff_remark: bool,
    /// It cannot be taken without a comment.
    needs_comment: bool,
}

/// One outcome of the decision form.
#[derive(Debug, Serialize)]
struct OutcomeChoice {
    value: &'static str,
    label: String,
    checked: bool,
}

/// The programme manager's decision form, as typed.
#[derive(Debug, Serialize)]
struct DecisionForm {
    outcomes: Vec<OutcomeChoice>,
    award: String,
    currency: String,
    comment: String,
    /// What was wrong, by field (`outcome`, `award`, `comment`).
    errors: BTreeMap<String, String>,
}

/// A recorded decision with its letter.
#[derive(Debug, Serialize)]
struct Decision {
    outcome: String,
    award: Option<String>,
    comment: Option<String>,
    when: String,
    letter_subject: String,
    letter_text: String,
}

/// One check of the screening checklist, in the reader's words.
#[derive(Debug, Serialize)]
struct Check {
    guard: &'static str,
    passed: bool,
    /// What is checked.
    what: String,
    /// Why it fails, where it does.
    why: Option<String>,
}

#[derive(Debug, Serialize)]
struct ShowPage {
    id: String,
    revision: i64,
    title: String,
    state_label: String,
    programme: String,
    /// Every answer of the proposal.
    read: grants_i18n::proposal::ProposalRead,
    /// The screening checklist, for those who screen it now.
    checks: Vec<Check>,
    deadlines: Vec<String>,
    steps: Vec<Step>,
    history: Vec<grants_i18n::proposal::HistoryLine>,
    error: Option<String>,
    /// The owner may edit it now (a draft, or changes were requested).
    editable: bool,
    /// A reviewer may bid on it now (it waits for assignment).
    can_bid: bool,
    /// A reviewer may declare a conflict on it.
    can_declare: bool,
    /// Those who run the jury reach the proposal's conflicts of interest.
    conflicts_link: bool,
    /// The decision form, for a programme manager on a reviewed or waitlisted proposal.
    decision: Option<DecisionForm>,
    /// The decisions taken, with their letters, for those who may read them.
    decisions: Vec<Decision>,
    /// The submitted reviews, as far as the viewer may read them: the jury
    /// all; a reviewer the others' once theirs is in, when the programme
    /// shares them; the applicant the comments meant for them once decided.
    reviews: Vec<grants_i18n::proposal::ReviewRead>,
    /// The grant, once funded, for those who may see it.
    grant_id: Option<String>,
    /// The files attached; the owner adds and removes them while it is `editable`.
    attachments: Vec<super::attachments::AttachmentRow>,
    /// The largest file the programme takes, as people read it.
    attachment_limit: String,
    /// The page the attachment forms post under.
    attachments_base: String,
    /// The conversations on the proposal the reader is part of.
    conversations: super::conversations::ThreadsSection,
    /// Who is on its team, for the team and the programme's staff.
    team: Option<super::teams::TeamSection>,
}

/// The decision form, where the reader may record a decision (the
/// outcomes it may take come from the use case); none is preselected.
fn decision_form(viewer: &Viewer, proposal: &ProposalView) -> Option<DecisionForm> {
    let requested = proposal.content.requested_amount?;
    if proposal.may.decide.is_empty() {
        return None;
    }
    Some(DecisionForm {
        outcomes: proposal
            .may
            .decide
            .iter()
            .map(|&outcome| {
                let value = outcome.as_str();
                OutcomeChoice {
                    value,
                    label: text(viewer.locale, &format!("outcome-{value}")),
                    checked: false,
                }
            })
            .collect(),
        award: super::draft::amount_text(requested),
        currency: requested.currency.code().to_owned(),
        comment: String::new(),
        errors: BTreeMap::new(),
    })
}

async fn show_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProposalId,
    error: Option<String>,
) -> Result<ShowPage, PageError> {
    let page = proposals::page(&state.app, actor, id)
        .await
        .or_page(viewer)?;
    let history = grants_i18n::proposal::history(viewer.locale, &page);
    let proposal = page.proposal;
    let spec = &page.programme.spec;
    let steps = page
        .transitions
        .into_iter()
        // Steps only other roles may take are not this person's buttons.
        .filter(super::offered)
        // Decisions are recorded through the decision form, with their letters.
        .filter(|t| t.form.is_none())
        .map(|t| Step {
            label: step_label(viewer.locale, &proposal.workflow, &t.name, &t.label),
            reasons: blocked_reasons(viewer.locale, &t.blocked_by),
            irreversible: t.irreversible,
            staff_remark: t.comment_readers == CommentReaders::StaffUnlessShared,
            needs_comment: t.needs_comment,
            name: t.name,
            allowed: t.allowed,
        })
        .collect();
    let decisions = page
        .decisions
        .into_iter()
        .map(|d| Decision {
            outcome: text(viewer.locale, &format!("decided-{}", d.outcome)),
            award: d.award.map(|m| viewer.money(m)),
            comment: d.comment,
            when: when(viewer.locale, spec, d.decided_at),
            letter_subject: d.letter_subject,
            letter_text: d.letter_text,
        })
        .collect();
    Ok(ShowPage {
        id: proposal.id.to_string(),
        revision: proposal.revision,
        title: proposal.content.title.clone().unwrap_or_default(),
        state_label: state_label(
            viewer.locale,
            &proposal.workflow,
            &proposal.state,
            &proposal.state_label,
        ),
        programme: localized(&spec.title, viewer.locale, spec.default_locale),
        read: grants_i18n::proposal::read(viewer.locale, &proposal.content, spec),
        checks: page
            .checks
            .iter()
            .map(|c| Check {
                guard: c.guard,
                passed: c.failed.is_none(),
                what: text(viewer.locale, &format!("check-{}", c.guard)),
                why: c
                    .failed
                    .as_ref()
                    .map(|r| crate::workflow_text::blocked_reason(viewer.locale, r)),
            })
            .collect(),
        deadlines: proposal
            .deadlines
            .iter()
            .map(|d| when(viewer.locale, spec, d.due_at))
            .collect(),
        editable: proposal.may.edit,
        can_bid: proposal.may.bid,
        can_declare: proposal.may.declare_conflict,
        conflicts_link: proposal.may.see_conflicts,
        decision: decision_form(viewer, &proposal),
        decisions,
        reviews: grants_i18n::proposal::reviews(viewer.locale, &page.reviews, spec),
        grant_id: page.grant_id.map(|g| g.to_string()),
        attachments: super::attachments::shown(viewer, page.attachments, spec),
        attachment_limit: super::attachments::size_text(spec.reporting.max_attachment_bytes),
        attachments_base: format!("/app/proposals/{id}"),
        conversations: super::conversations::ThreadsSection::new(viewer, page.conversations),
        team: page
            .team
            .map(|team| super::teams::TeamSection::new(viewer.locale, team)),
        steps,
        history,
        error,
    })
}

pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let (actor, id) = viewer.signed_in_to(&format!("/app/proposals/{raw}"), &raw, "proposal")?;
    let page = show_page(&state, &viewer, actor, id, None).await?;
    Ok(render(&viewer, "proposal", "proposal-title", page))
}

/// The proposal's dossier: what its page shows the reader, as a PDF in
/// their language.
pub(crate) async fn dossier(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let (actor, id) = viewer.signed_in_to(&format!("/app/proposals/{raw}"), &raw, "proposal")?;
    let page = proposals::page(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let file =
        grants_i18n::proposal::dossier(viewer.locale, &page, state.app.now()).or_page(&viewer)?;
    Ok(super::exports::file(file))
}

impl From<&StepForm> for TransitionInput {
    fn from(form: &StepForm) -> Self {
        TransitionInput {
            comment: form.comment(),
            share_comment: Some(form.share_comment.is_some()),
            revision: form.revision,
            deadline: None,
        }
    }
}

impl StepPage for proposals::Proposal {
    type Form = StepForm;
    const PAGES: &'static str = "/app/proposals";

    async fn refused(step: Refused<'_, Self>) -> Result<Response, PageError> {
        step_refused(step.state, step.viewer, step.actor, step.id, step.error).await
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct BidForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    level: String,
}

/// A reviewer's bid; an empty choice withdraws it.
pub(crate) async fn bid(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<BidForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/proposals/{raw}");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "proposal")?;
    let level = BidLevel::parse(&form.level).ok();
    match grants_app::jury::bid(&state.app, actor, id, level).await {
        Ok(_) => Ok(Redirect::to(&here).into_response()),
        Err(error) => step_refused(&state, &viewer, actor, id, error).await,
    }
}

/// A reviewer declares a conflict: the proposal leaves their view at once.
pub(crate) async fn declare_conflict(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/proposals/{raw}");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "proposal")?;
    let input = grants_app::jury::DeclareConflictInput {
        reviewer_id: None,
        reason: form.reason,
    };
    match grants_app::jury::declare_conflict(&state.app, actor, id, input).await {
        Ok(_) => Ok(Redirect::to("/app/assignments").into_response()),
        Err(error) => step_refused(&state, &viewer, actor, id, error).await,
    }
}

/// Shows the proposal again with why the step was refused.
pub(crate) async fn step_refused(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProposalId,
    error: AppError,
) -> Result<Response, PageError> {
    let error = viewer.refusal(error)?;
    let message = failure(viewer.locale, &error);
    let page = show_page(state, viewer, actor, id, Some(message)).await?;
    Ok(render_status(
        status_of(&error),
        viewer,
        "proposal",
        "proposal-title",
        page,
    ))
}

#[derive(Debug, Deserialize)]
pub(crate) struct DecisionFormInput {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    revision: Option<i64>,
    outcome: Option<String>,
    award: Option<String>,
    comment: Option<String>,
}

/// Records a programme manager's decision (with its letter, and to fund,
/// the award and the grant), then shows the proposal again; a refused one
/// comes back with the problems beside the fields and what was typed.
pub(crate) async fn decide(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<DecisionFormInput>,
) -> Result<Response, PageError> {
    let here = format!("/app/proposals/{raw}");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "proposal")?;
    let proposal = proposals::get(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let mut errors = ValidationErrors::default();
    // Any outcome the state allows is parsed: the use case says who may record it.
    let outcome = decisions::outcomes(&proposal.state)
        .iter()
        .copied()
        .find(|o| Some(o.as_str()) == form.outcome.as_deref());
    if outcome.is_none() {
        errors.push("outcome", "required", text(viewer.locale, "error-outcome"));
    }
    // The award is typed as people write money; only a funding decision has one.
    let typed_award = form.award.as_deref().map(str::trim).unwrap_or_default();
    let award = match (outcome, proposal.content.requested_amount) {
        (Some(Outcome::Funded), Some(requested)) if !typed_award.is_empty() => {
            read_money(&mut errors, "award", requested.currency, typed_award)
        }
        _ => None,
    };
    let outcome = match outcome {
        Some(outcome) if errors.is_empty() => {
            let input = DecisionInput {
                outcome,
                award,
                comment: form.comment.clone().filter(|c| !c.trim().is_empty()),
                revision: form.revision,
            };
            decisions::decide(&state.app, actor, id, input, None)
                .await
                .map(|_| ())
        }
        _ => Err(AppError::Validation(errors)),
    };
    let error = match outcome {
        Ok(()) => return Ok(Redirect::to(&here).into_response()),
        Err(error) => viewer.refusal(error)?,
    };
    let problems = Problems::of(&viewer, &error, |path| Some(top_field(path).to_owned()));
    let mut page = show_page(&state, &viewer, actor, id, problems.on_top()).await?;
    let fields = problems.fields;
    match page.decision.as_mut() {
        Some(shown) => {
            for choice in &mut shown.outcomes {
                choice.checked = Some(choice.value) == form.outcome.as_deref();
            }
            shown.award = form.award.unwrap_or_default();
            shown.comment = form.comment.unwrap_or_default();
            shown.errors = fields;
        }
        None if !fields.is_empty() => {
            page.error = Some(fields.into_values().collect::<Vec<_>>().join(" "));
        }
        None => {}
    }
    Ok(render_status(
        status_of(&error),
        &viewer,
        "proposal",
        "proposal-title",
        page,
    ))
}
