//! What the parts of the demo data share: logging in as a demo account,
//! finding and closing a programme, and small builders of input.

use std::collections::BTreeMap;

use anyhow::Context;
use chrono::{Duration, Utc};
use grants_app::auth::{self, LoginInput};
use grants_app::{App, programmes, proposals};
use grants_domain::programme::{MoneyInput, ProgrammeInput};
use secrecy::SecretString;

use super::DEMO_PASSWORD;

pub(super) fn demo_email(local: &str) -> String {
    format!("{local}@innovation-awards.example")
}

/// Whether a programme with this code was seeded already.
pub(super) async fn programme_exists(
    app: &App,
    manager: &grants_app::Actor,
    code: &str,
) -> anyhow::Result<bool> {
    let existing = programmes::list(
        app,
        manager,
        &programmes::ProgrammeFilter::default(),
        &grants_app::PageRequest::default(),
    )
    .await?;
    Ok(existing.items.iter().any(|p| p.spec.code == code))
}

/// Moves a programme's call into the past, once its proposals are in:
/// opened `ago.0` and closed `ago.1` before now.
pub(super) async fn close_call(
    app: &App,
    manager: &grants_app::Actor,
    id: grants_domain::ProgrammeId,
    ago: (Duration, Duration),
) -> anyhow::Result<()> {
    let current = programmes::get(app, manager, id).await?;
    programmes::update(
        app,
        manager,
        id,
        programmes::ProgrammeUpdate {
            revision: Some(current.revision),
            changes: ProgrammeInput {
                opens_at: Some(Utc::now() - ago.0),
                closes_at: Some(Utc::now() - ago.1),
                ..Default::default()
            },
        },
        None,
    )
    .await?;
    Ok(())
}

pub(super) async fn log_in(app: &App, email: &str) -> anyhow::Result<grants_app::Actor> {
    let token = auth::login(
        app,
        LoginInput {
            email: email.into(),
            password: SecretString::from(DEMO_PASSWORD),
            code: None,
        },
        auth::Client::local(),
    )
    .await
    .with_context(|| format!("logging in as {email}"))?;
    Ok(auth::authenticate(app, &token.token).await?)
}

pub(super) fn text(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
        .collect()
}

pub(super) fn eur(minor: i64) -> Option<MoneyInput> {
    Some(MoneyInput {
        minor,
        currency: "EUR".into(),
    })
}

/// An applicant's new draft with `content` in `programme`.
pub(super) async fn draft(
    app: &App,
    applicant: &grants_app::Actor,
    programme: grants_domain::ProgrammeId,
    content: grants_domain::proposal::ProposalInput,
) -> anyhow::Result<proposals::ProposalView> {
    let input = proposals::CreateProposalInput {
        programme_id: programme.uuid(),
        content,
    };
    Ok(proposals::create(app, applicant, input).await?)
}

/// Takes step `name` of a proposal at `revision` as `actor`, with `comment`.
pub(super) async fn take_step(
    app: &App,
    actor: &grants_app::Actor,
    (id, revision): (grants_domain::ProposalId, i64),
    name: &str,
    comment: Option<String>,
) -> anyhow::Result<proposals::ProposalView> {
    let input = proposals::TransitionInput {
        comment,
        ..Default::default()
    };
    Ok(
        grants_app::steps::take::<proposals::Proposal>(app, actor, id, name, input, Some(revision))
            .await?,
    )
}
