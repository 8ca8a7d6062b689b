//! A reviewer's assignment: accept or decline it, and the scoring form
//! built from the programme's rubric (scale, guidance, N/A where allowed).

use std::collections::BTreeMap;

use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::assignments::{self, AcceptAssignmentInput, EndAssignmentInput};
use grants_app::reviews::{self, ReviewInput, ReviewStepInput};
use grants_app::{Actor, AppError};
use grants_i18n::proposal::RECOMMENDATIONS;
use grants_scoring::CriterionScore;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Choice, OrPage, ReasonForm, Visit, localized, render, render_status, when};
use crate::i18n::text;
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

#[derive(Debug, Serialize)]
struct CriterionField {
    key: String,
    title: String,
    guidance: String,
    weight: u32,
    choices: Vec<Choice>,
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct ReviewPage {
    id: String,
    proposal_id: String,
    proposal_title: String,
    due: String,
    overdue: bool,
    state: String,
    can_answer: bool,
    editable: bool,
    submitted: bool,
    revision: i64,
    criteria: Vec<CriterionField>,
    recommendations: Vec<Choice>,
    comment_for_applicant: String,
    /// The programme sends the comment for the applicant with its decision.
    applicant_reads: bool,
    comment_for_jury: String,
    weighted_score: Option<String>,
    errors: Vec<String>,
    saved: bool,
    /// The proposal, read beside the score sheet.
    read: Option<grants_i18n::proposal::ProposalRead>,
}

/// What the form showed when it was sent, to show it again with its errors.
#[derive(Debug, Default)]
struct Sent {
    scores: BTreeMap<String, String>,
    recommendation: Option<String>,
    comment_for_applicant: Option<String>,
    comment_for_jury: Option<String>,
}

async fn review_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: Uuid,
    sent: Option<Sent>,
    error: Option<AppError>,
) -> Result<ReviewPage, PageError> {
    let reviews::ReviewPage {
        assignment,
        review,
        programme,
        proposal,
    } = reviews::page(&state.app, actor, id).await.or_page(viewer)?;
    let spec = &programme.spec;
    let locale = viewer.locale;
    let sent = sent.unwrap_or_else(|| Sent {
        scores: review
            .scores
            .iter()
            .map(|(k, v)| {
                let value = match v {
                    CriterionScore::Score(n) => n.to_string(),
                    CriterionScore::NotApplicable => "n/a".to_owned(),
                };
                (k.clone(), value)
            })
            .collect(),
        recommendation: review.recommendation.and_then(|r| {
            RECOMMENDATIONS
                .iter()
                .find(|(x, _, _)| *x == r)
                .map(|(_, v, _)| (*v).to_owned())
        }),
        comment_for_applicant: review.comment_for_applicant.clone(),
        comment_for_jury: review.comment_for_jury.clone(),
    });
    let (field_errors, errors) = match &error {
        Some(AppError::Validation(v)) => (
            v.fields()
                .iter()
                .map(|f| {
                    (
                        f.field.clone(),
                        grants_i18n::errors::field_message(viewer.locale, f),
                    )
                })
                .collect::<Vec<_>>(),
            Vec::new(),
        ),
        Some(other) => (
            Vec::new(),
            vec![crate::workflow_text::failure(viewer.locale, other)],
        ),
        None => (Vec::new(), Vec::new()),
    };
    let criteria = spec
        .rubric
        .iter()
        .map(|c| {
            let current = sent.scores.get(&c.key).cloned().unwrap_or_default();
            let mut choices = vec![Choice {
                value: String::new(),
                label: text(locale, "score-none"),
                selected: current.is_empty(),
            }];
            for n in c.scale_min..=c.scale_max {
                choices.push(Choice {
                    value: n.to_string(),
                    label: n.to_string(),
                    selected: current == n.to_string(),
                });
            }
            if c.allow_not_applicable {
                choices.push(Choice {
                    value: "n/a".into(),
                    label: text(locale, "score-not-applicable"),
                    selected: current == "n/a",
                });
            }
            let path = format!("scores.{}", c.key);
            CriterionField {
                key: c.key.clone(),
                title: localized(&c.title, locale, spec.default_locale),
                guidance: localized(&c.guidance, locale, spec.default_locale),
                weight: c.weight,
                choices,
                error: field_errors
                    .iter()
                    .find(|(f, _)| *f == path)
                    .map(|(_, m)| m.clone()),
            }
        })
        .collect();
    let mut errors = errors;
    errors.extend(
        field_errors
            .iter()
            .filter(|(f, _)| !f.starts_with("scores."))
            .map(|(_, m)| m.clone()),
    );
    let submitted = review.submitted_at.is_some();
    Ok(ReviewPage {
        id: id.to_string(),
        proposal_id: assignment.proposal_id.to_string(),
        proposal_title: assignment.proposal_title.clone(),
        due: when(viewer.locale, spec, assignment.due_at),
        overdue: assignment.overdue,
        state: super::assignments::state_text(viewer.locale, &assignment.state),
        can_answer: review.may.answer,
        editable: review.may.write,
        submitted,
        revision: review.revision,
        criteria,
        recommendations: RECOMMENDATIONS
            .iter()
            .map(|(_, value, key)| Choice {
                value: (*value).to_owned(),
                label: text(locale, key),
                selected: sent.recommendation.as_deref() == Some(*value),
            })
            .collect(),
        comment_for_applicant: sent.comment_for_applicant.unwrap_or_default(),
        applicant_reads: spec.review.comments_to_applicant,
        comment_for_jury: sent.comment_for_jury.unwrap_or_default(),
        weighted_score: review.weighted_score.map(|s| format!("{s:.1}")),
        errors,
        saved: false,
        read: proposal.map(|p| grants_i18n::proposal::read(viewer.locale, &p.content, spec)),
    })
}

pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    axum::extract::Query(flags): axum::extract::Query<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let here = format!("/app/assignments/{raw}");
    let (actor, id) = viewer.signed_in_to(&here, &raw, "assignment")?;
    let mut page = review_page(&state, &viewer, actor, id, None, None).await?;
    page.saved = flags.contains_key("saved");
    Ok(render(&viewer, "review", "review-title", page))
}

/// Shows the assignment again with why the answer or the review was
/// refused, and the review as it was sent.
async fn refused(
    (state, viewer, actor): (&WebState, &Viewer, &Actor),
    id: Uuid,
    sent: Option<Sent>,
    error: AppError,
) -> Result<Response, PageError> {
    let error = viewer.refusal(error)?;
    let status = status_of(&error);
    let page = review_page(state, viewer, actor, id, sent, Some(error)).await?;
    Ok(render_status(
        status,
        viewer,
        "review",
        "review-title",
        page,
    ))
}

/// The scoring form as sent: `score.<key>` per criterion, and the rest.
#[derive(Debug, Deserialize)]
pub(crate) struct ReviewForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    revision: i64,
    action: String,
    recommendation: Option<String>,
    comment_for_applicant: Option<String>,
    comment_for_jury: Option<String>,
    #[serde(flatten)]
    rest: BTreeMap<String, String>,
}

pub(crate) async fn save(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<ReviewForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/assignments/{raw}");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "assignment")?;
    let scores: BTreeMap<String, String> = form
        .rest
        .iter()
        .filter_map(|(k, v)| {
            k.strip_prefix("score.")
                .map(|key| (key.to_owned(), v.clone()))
        })
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let mut sheet = BTreeMap::new();
    for (key, value) in &scores {
        let score = if value == "n/a" {
            CriterionScore::NotApplicable
        } else {
            match value.parse::<i64>() {
                Ok(n) => CriterionScore::Score(n),
                // Not one of the form's choices: refused by the rubric check.
                Err(_) => CriterionScore::Score(i64::MIN),
            }
        };
        sheet.insert(key.clone(), score);
    }
    let recommendation = form.recommendation.as_deref().and_then(|r| {
        RECOMMENDATIONS
            .iter()
            .find(|(_, v, _)| *v == r)
            .map(|(x, _, _)| *x)
    });
    let sent = Sent {
        scores,
        recommendation: form.recommendation.clone(),
        comment_for_applicant: form.comment_for_applicant.clone(),
        comment_for_jury: form.comment_for_jury.clone(),
    };
    let input = ReviewInput {
        scores: Some(sheet),
        recommendation,
        comment_for_applicant: form.comment_for_applicant,
        comment_for_jury: form.comment_for_jury,
        revision: Some(form.revision),
    };
    let app = &state.app;
    let outcome = match reviews::save(app, actor, id, input, None).await {
        Ok(saved) if form.action == "submit" => reviews::submit(
            app,
            actor,
            id,
            ReviewStepInput {
                revision: Some(saved.revision),
                reason: None,
            },
            None,
        )
        .await
        .map(|_| ()),
        Ok(_) => Ok(()),
        Err(error) => Err(error),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("{here}?saved")).into_response()),
        Err(error) => refused((&state, &viewer, actor), id, Some(sent), error).await,
    }
}

/// Accepting or declining (`answer` is `accept` or `decline`).
pub(crate) async fn answer(
    Visit(state, viewer): Visit,
    Path((raw, answer)): Path<(String, String)>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/assignments/{raw}");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "assignment")?;
    let app = &state.app;
    let outcome = match answer.as_str() {
        "accept" => assignments::accept(app, actor, id, AcceptAssignmentInput::default(), None)
            .await
            .map(|_| ()),
        "decline" => assignments::decline(
            app,
            actor,
            id,
            EndAssignmentInput {
                reason: form.reason,
                revision: None,
            },
            None,
        )
        .await
        .map(|_| ()),
        _ => Err(AppError::NotFound("answer")),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&here).into_response()),
        Err(error) => refused((&state, &viewer, actor), id, None, error).await,
    }
}
