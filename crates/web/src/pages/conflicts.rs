//! The conflicts of interest on a proposal, for those who run the jury:
//! each reviewer's conflicts in force and what people recorded, lifted ones
//! too, by whom and when. Programme managers and administrators also
//! record a conflict for a reviewer and lift one with a reason; the use
//! cases (`grants_app::jury`) decide who may.

use std::collections::BTreeMap;

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::jury::{self, DeclareConflictInput, LiftConflictInput};
use grants_app::{Actor, AppError};
use grants_domain::review::ConflictKind;
use grants_domain::{Locale, ProposalId, ValidationErrors};
use serde::{Deserialize, Serialize};

use super::jury_members::by_field;
use super::{Choice, OrPage, Visit, localized, render, render_status, when};
use crate::i18n::{Args, text};
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

fn kind_label(locale: Locale, kind: ConflictKind) -> String {
    text(
        locale,
        &format!("jury-kind-{}", kind.as_str().replace('_', "-")),
    )
}

#[derive(Debug, Serialize)]
struct InForce {
    /// How the lift form names the kind.
    kind: &'static str,
    label: String,
    /// Unique on the page, for the form's field ids.
    key: String,
    /// The reason typed, after a refusal.
    reason: String,
    error: Option<String>,
}

#[derive(Debug, Serialize)]
struct Recorded {
    label: String,
    lifted: bool,
    reason: Option<String>,
    by: String,
    when: String,
}

#[derive(Debug, Serialize)]
struct ReviewerConflicts {
    reviewer_id: String,
    name: String,
    in_force: Vec<InForce>,
    recorded: Vec<Recorded>,
}

/// The form to record a conflict for a reviewer, as typed.
#[derive(Debug, Serialize)]
struct DeclareForm {
    reviewers: Vec<Choice>,
    reason: String,
    errors: BTreeMap<String, String>,
}

#[derive(Debug, Serialize)]
struct ConflictsPage {
    id: String,
    title: String,
    programme: String,
    /// The jury page of the proposal's programme.
    jury: String,
    reviewers: Vec<ReviewerConflicts>,
    /// Lift buttons and the form to record a conflict, for those who may.
    keeps: bool,
    declare: Option<DeclareForm>,
    /// What was just done.
    done: Option<String>,
    /// A refusal not about a field on the page.
    error: Option<String>,
}

/// A refused form, to show at its place with what was typed.
#[derive(Debug, Default)]
struct Refusal {
    /// `declare`, or the key of the conflict whose lift was refused.
    form: String,
    reviewer_id: String,
    reason: String,
    errors: BTreeMap<String, String>,
    error: Option<String>,
}

async fn conflicts_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProposalId,
    refusal: Option<Refusal>,
) -> Result<ConflictsPage, PageError> {
    let app = &state.app;
    // The conflicts first: those who may not see them get the API's refusal.
    let found = jury::conflicts(app, actor, id).await.or_page(viewer)?;
    let proposal = grants_app::proposals::get(app, actor, id)
        .await
        .or_page(viewer)?;
    let programme = grants_app::programmes::get(app, actor, proposal.programme_id)
        .await
        .or_page(viewer)?;
    let spec = &programme.spec;
    let locale = viewer.locale;
    let mut refusal = refusal.unwrap_or_default();
    let keeps = jury::keeps_conflicts(actor);
    let reviewers = found
        .into_iter()
        .map(|c| {
            let reviewer_id = c.reviewer_id.to_string();
            ReviewerConflicts {
                in_force: c
                    .in_force
                    .iter()
                    .map(|kind| {
                        let key = format!("{reviewer_id}-{}", kind.as_str());
                        let mine = refusal.form == key;
                        InForce {
                            kind: kind.as_str(),
                            label: kind_label(locale, *kind),
                            reason: if mine {
                                refusal.reason.clone()
                            } else {
                                String::new()
                            },
                            error: mine.then(|| refusal.errors.remove("reason")).flatten(),
                            key,
                        }
                    })
                    .collect(),
                recorded: c
                    .recorded
                    .iter()
                    .map(|r| Recorded {
                        label: kind_label(locale, r.kind),
                        lifted: r.lifted,
                        reason: r.reason.clone(),
                        by: r.recorded_by_name.clone().unwrap_or_default(),
                        when: when(viewer.locale, spec, r.updated_at),
                    })
                    .collect(),
                name: c.reviewer_name,
                reviewer_id,
            }
        })
        .collect();
    let declare = if keeps {
        let members = jury::profiles(app, actor, proposal.programme_id)
            .await
            .or_page(viewer)?;
        let mine = refusal.form == "declare";
        Some(DeclareForm {
            reviewers: members
                .into_iter()
                .map(|m| {
                    let value = m.reviewer_id.to_string();
                    Choice {
                        selected: mine && value == refusal.reviewer_id,
                        value,
                        label: m.name,
                    }
                })
                .collect(),
            reason: if mine {
                refusal.reason.clone()
            } else {
                String::new()
            },
            errors: if mine {
                ["reviewer_id", "reason"]
                    .into_iter()
                    .filter_map(|f| refusal.errors.remove_entry(f))
                    .collect()
            } else {
                BTreeMap::new()
            },
        })
    } else {
        None
    };
    // Whatever found no place beside a field goes on top.
    let mut general: Vec<String> = refusal.error.into_iter().collect();
    general.extend(refusal.errors.into_values());
    Ok(ConflictsPage {
        id: id.to_string(),
        title: proposal.content.title.clone().unwrap_or_default(),
        programme: localized(&spec.title, locale, spec.default_locale),
        jury: format!("/app/programmes/{}/jury", proposal.programme_id),
        reviewers,
        keeps,
        declare,
        done: None,
        error: (!general.is_empty()).then(|| general.join(" ")),
    })
}

#[derive(Debug, Deserialize)]
pub(crate) struct ConflictsQuery {
    done: Option<String>,
}

/// The conflicts on a proposal.
pub(crate) async fn show(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Query(query): Query<ConflictsQuery>,
) -> Result<Response, PageError> {
    let here = format!("/app/proposals/{raw}/conflicts");
    let (actor, id) = viewer.signed_in_to(&here, &raw, "proposal")?;
    let mut page = conflicts_page(&state, &viewer, actor, id, None).await?;
    page.done = match query.done.as_deref() {
        Some("lifted") => Some(text(viewer.locale, "jury-conflict-lifted")),
        Some("declared") => Some(text(viewer.locale, "jury-conflict-declared")),
        _ => None,
    };
    Ok(render(&viewer, "conflicts", "jury-conflicts-title", page))
}

/// Shows the page again with a refused form at its place, or the error page.
async fn refused(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProposalId,
    error: AppError,
    mut refusal: Refusal,
) -> Result<Response, PageError> {
    let error = viewer.refusal_unless_forbidden(error)?;
    match &error {
        AppError::Validation(problems) => {
            refusal.errors = by_field(viewer.locale, problems, &Args::new());
        }
        other => refusal.error = Some(crate::workflow_text::failure(viewer.locale, other)),
    }
    let page = conflicts_page(state, viewer, actor, id, Some(refusal)).await?;
    Ok(render_status(
        status_of(&error),
        viewer,
        "conflicts",
        "jury-conflicts-title",
        page,
    ))
}

#[derive(Debug, Deserialize)]
pub(crate) struct DeclareFormInput {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    reviewer_id: String,
    #[serde(default)]
    reason: String,
}

/// Records a conflict for a reviewer, with a reason.
pub(crate) async fn declare(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<DeclareFormInput>,
) -> Result<Response, PageError> {
    let here = format!("/app/proposals/{raw}/conflicts");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "proposal")?;
    // Without a reviewer the use case would record the person's own conflict.
    let outcome = match uuid::Uuid::parse_str(form.reviewer_id.trim()) {
        Ok(reviewer) => {
            let input = DeclareConflictInput {
                reviewer_id: Some(reviewer),
                reason: Some(form.reason.clone()),
            };
            jury::declare_conflict(&state.app, actor, id, input)
                .await
                .map(|_| ())
        }
        Err(_) => Err(AppError::Validation(ValidationErrors::single(
            "reviewer_id",
            "required",
            text(viewer.locale, "jury-problem-reviewer-id-required"),
        ))),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("{here}?done=declared")).into_response()),
        Err(error) => {
            let refusal = Refusal {
                form: "declare".to_owned(),
                reviewer_id: form.reviewer_id,
                reason: form.reason,
                ..Refusal::default()
            };
            refused(&state, &viewer, actor, id, error, refusal).await
        }
    }
}

#[derive(Debug, Deserialize)]
pub(crate) struct LiftFormInput {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    reviewer_id: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    reason: String,
}

/// Lifts a conflict in force, with a reason kept on the record.
pub(crate) async fn lift(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<LiftFormInput>,
) -> Result<Response, PageError> {
    let here = format!("/app/proposals/{raw}/conflicts");
    let (actor, id) = viewer.sent_to(&here, &form.csrf, &raw, "proposal")?;
    let outcome = match (
        uuid::Uuid::parse_str(form.reviewer_id.trim()),
        ConflictKind::parse(form.kind.trim()),
    ) {
        (Ok(reviewer_id), Ok(kind)) => {
            let input = LiftConflictInput {
                reviewer_id,
                kind,
                reason: form.reason.clone(),
            };
            jury::lift_conflict(&state.app, actor, id, input)
                .await
                .map(|_| ())
        }
        // Only a tampered form names no reviewer or kind.
        _ => Err(AppError::NotFound("conflict")),
    };
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("{here}?done=lifted")).into_response()),
        Err(error) => {
            let refusal = Refusal {
                form: format!("{}-{}", form.reviewer_id.trim(), form.kind.trim()),
                reason: form.reason,
                ..Refusal::default()
            };
            refused(&state, &viewer, actor, id, error, refusal).await
        }
    }
}

#[cfg(test)]
mod tests {
    use axum::http::StatusCode;

    use super::*;
    use crate::render::Views;

    #[test]
    fn every_kind_of_conflict_is_named_in_english_and_macedonian() {
        for kind in ConflictKind::ALL {
            for locale in [Locale::En, Locale::Mk] {
                let label = kind_label(locale, kind);
                assert!(!label.starts_with("jury-kind-"), "{kind:?} in {locale:?}");
            }
        }
    }

    #[test]
    fn the_conflicts_page_renders_in_strict_mode() {
        let views = Views::load().expect("the templates compile");
        for locale in [Locale::En, Locale::Mk] {
            let viewer = Viewer::reading(locale, "/app/proposals/x/conflicts");
            for keeps in [true, false] {
                let reviewer = ReviewerConflicts {
                    reviewer_id: "r1".into(),
                    name: "Ana".into(),
                    in_force: vec![InForce {
                        kind: "same_country",
                        label: kind_label(locale, ConflictKind::SameCountry),
                        key: "r1-same_country".into(),
                        reason: "typed".into(),
                        error: Some("give the reason".into()),
                    }],
                    recorded: vec![Recorded {
                        label: kind_label(locale, ConflictKind::AddedByManager),
                        lifted: true,
                        reason: Some("no longer works there".into()),
                        by: "Marko".into(),
                        when: "12 March 2027, 17:00".into(),
                    }],
                };
                let page = ConflictsPage {
                    id: "p1".into(),
                    title: String::new(),
                    programme: "Awards".into(),
                    jury: "/app/programmes/x/jury".into(),
                    reviewers: vec![reviewer],
                    keeps,
                    declare: keeps.then(|| DeclareForm {
                        reviewers: vec![Choice {
                            value: "r1".into(),
                            label: "Ana".into(),
                            selected: true,
                        }],
                        reason: String::new(),
                        errors: BTreeMap::from([("reason".to_owned(), "required".to_owned())]),
                    }),
                    done: Some("lifted".into()),
                    error: Some("refused".into()),
                };
                let status = views.renders(&viewer, "conflicts", "jury-conflicts-title", page);
                assert_eq!(status, StatusCode::OK);
            }
        }
    }
}
