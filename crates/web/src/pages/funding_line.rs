//! Applying a funding line: from the funding page the manager chooses what
//! the proposals below the line become, reads every letter the line sends
//! (each in its applicant's language), and records all its decisions at
//! once, or none. `grants_app::decisions` decides who may and what changes.

use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use grants_app::Actor;
use grants_app::decisions::{self, LineInput, Outcome};
use grants_domain::ProgrammeId;
use grants_scoring::funding::FundingPolicy;
use serde::{Deserialize, Serialize};

use super::{OrPage, Visit, render, render_status};
use crate::i18n::{Args, language_name, text, text_with};
use crate::session::Viewer;
use crate::{PageError, WebState, status_of};

/// The line asked for, as the funding page's form sends it.
#[derive(Debug, Deserialize)]
pub(crate) struct LineQuery {
    policy: Option<String>,
    others: Option<String>,
}

/// The confirmation of the letters read.
#[derive(Debug, Deserialize)]
pub(crate) struct ApplyForm {
    #[serde(rename = "_csrf", default)]
    csrf: String,
    #[serde(default)]
    policy: String,
    #[serde(default)]
    others: String,
    #[serde(default)]
    fingerprint: String,
}

#[derive(Debug, Serialize)]
struct LetterShown {
    proposal_id: String,
    title: String,
    outcome: String,
    outcome_value: &'static str,
    award: Option<String>,
    subject: Option<String>,
    text: String,
    locale: &'static str,
    language: &'static str,
}

#[derive(Debug, Serialize)]
struct LettersPage {
    id: String,
    policy: &'static str,
    others: &'static str,
    fingerprint: String,
    intro: String,
    confirm: String,
    letters: Vec<LetterShown>,
    error: Option<String>,
}

/// The policy and the fate of the others, when both name one.
fn line_of(policy: Option<&str>, others: Option<&str>) -> Option<(FundingPolicy, Outcome)> {
    let policy = FundingPolicy::ALL
        .into_iter()
        .find(|p| Some(p.as_str()) == policy)?;
    let others = match others? {
        "waitlisted" => Outcome::Waitlisted,
        "declined" => Outcome::Declined,
        _ => return None,
    };
    Some((policy, others))
}

fn funding_page(raw: &str, policy: Option<&str>) -> Response {
    let policy = policy.unwrap_or_default();
    Redirect::to(&format!("/app/programmes/{raw}/funding?policy={policy}")).into_response()
}

/// Every letter the line would send, and the button that sends them.
pub(crate) async fn letters(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Query(query): Query<LineQuery>,
) -> Result<Response, PageError> {
    let here = format!("/app/programmes/{raw}/funding/letters");
    let (actor, id) = viewer.signed_in_to(&here, &raw, "programme")?;
    let Some(line) = line_of(query.policy.as_deref(), query.others.as_deref()) else {
        // Nothing chosen yet: back to the line, where the choice is made.
        return Ok(funding_page(&raw, query.policy.as_deref()));
    };
    let page = letters_page(&state, &viewer, actor, id, line, None).await?;
    Ok(render(&viewer, "funding_letters", "letters-title", page))
}

async fn letters_page(
    state: &WebState,
    viewer: &Viewer,
    actor: &Actor,
    id: ProgrammeId,
    (policy, others): (FundingPolicy, Outcome),
    error: Option<String>,
) -> Result<LettersPage, PageError> {
    let input = LineInput {
        policy,
        country_rules: Vec::new(),
        others,
        fingerprint: None,
    };
    let read = decisions::line_letters(&state.app, actor, id, input)
        .await
        .or_page(viewer)?;
    let locale = viewer.locale;
    let count = read.letters.len();
    let mut args = Args::new();
    args.insert("count".into(), viewer.count(count as u64).into());
    let letters = read
        .letters
        .into_iter()
        .map(|l| {
            let value = l.outcome.as_str();
            LetterShown {
                proposal_id: l.proposal_id.to_string(),
                title: l.title,
                outcome: text(locale, &format!("decided-{value}")),
                outcome_value: value,
                award: l.award.map(|a| viewer.money(a)),
                locale: l.letter.as_ref().map_or("", |r| r.locale.code()),
                language: l.letter.as_ref().map_or("", |r| language_name(r.locale)),
                subject: l.letter.as_ref().map(|r| r.subject.clone()),
                text: l.letter.map(|r| r.text).unwrap_or_default(),
            }
        })
        .collect();
    Ok(LettersPage {
        id: id.to_string(),
        policy: policy.as_str(),
        others: others.as_str(),
        fingerprint: read.fingerprint,
        intro: text_with(locale, "letters-intro", &args),
        confirm: text_with(locale, "letters-confirm", &args),
        letters,
        error,
    })
}

/// Records the line's decisions whose letters were read; a line that
/// changed since shows its letters again, as they now are, with why.
pub(crate) async fn apply(
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
    Form(form): Form<ApplyForm>,
) -> Result<Response, PageError> {
    let here = format!("/app/programmes/{raw}/funding/letters");
    let (actor, id): (_, ProgrammeId) = viewer.sent_to(&here, &form.csrf, &raw, "programme")?;
    let Some((policy, others)) = line_of(Some(&form.policy), Some(&form.others)) else {
        return Ok(funding_page(&raw, Some(&form.policy)));
    };
    let input = LineInput {
        policy,
        country_rules: Vec::new(),
        others,
        fingerprint: Some(form.fingerprint),
    };
    match decisions::apply_line(&state.app, actor, id, input).await {
        Ok(decided) => Ok(Redirect::to(&format!(
            "/app/programmes/{raw}/funding?policy={}&applied={}",
            policy.as_str(),
            decided.len()
        ))
        .into_response()),
        Err(error) => {
            let why = crate::workflow_text::failure(viewer.locale, &error);
            let page =
                letters_page(&state, &viewer, actor, id, (policy, others), Some(why)).await?;
            Ok(render_status(
                status_of(&error),
                &viewer,
                "funding_letters",
                "letters-title",
                page,
            ))
        }
    }
}
