//! The ledger of a programme for finance and managers: the totals (as
//! numbers and as a bar), per country, per grant, and the two CSV exports.

use axum::extract::{Path, State};
use axum::response::Response;
use grants_app::ledger;
use grants_domain::{Money, ProgrammeId};
use serde::Serialize;

use super::{OrPage, csv_download, localized, parse_id, render};
use crate::session::Viewer;
use crate::workflow_text::state_named;
use crate::{PageError, WebState};

#[derive(Debug, Serialize)]
struct Totals {
    budget: String,
    committed: String,
    disbursed: String,
    remaining: String,
    outstanding: String,
    upcoming: String,
}

/// The budget as one bar: paid, promised and not paid, not promised; in
/// per cent of the budget, for an SVG (no inline styles under the CSP).
#[derive(Debug, Serialize)]
struct Bar {
    disbursed: String,
    outstanding_at: String,
    outstanding: String,
    remaining_at: String,
    remaining: String,
}

#[derive(Debug, Serialize)]
struct CountryRow {
    country: String,
    grants: usize,
    committed: String,
    disbursed: String,
    outstanding: String,
    upcoming: String,
}

#[derive(Debug, Serialize)]
struct GrantRow {
    id: String,
    title: String,
    country: String,
    state: String,
    award: String,
    committed: String,
    disbursed: String,
    outstanding: String,
    upcoming: Vec<String>,
}

#[derive(Debug, Serialize)]
struct LedgerPage {
    id: String,
    programme: String,
    totals: Totals,
    bar: Option<Bar>,
    countries: Vec<CountryRow>,
    grants: Vec<GrantRow>,
}

/// `part` of `whole` in per cent, one decimal, clamped to 0..=100.
fn share(part: Money, whole: Money) -> f64 {
    if whole.minor <= 0 {
        return 0.0;
    }
    // For the picture only: the amounts themselves stay integers.
    let ratio = part.minor as f64 / whole.minor as f64;
    (ratio * 100.0).clamp(0.0, 100.0)
}

fn bar(totals: &ledger::LedgerTotals) -> Option<Bar> {
    if totals.budget.minor <= 0 {
        return None;
    }
    let paid = share(totals.disbursed, totals.budget);
    let owed = share(totals.outstanding, totals.budget).min(100.0 - paid);
    let left = (100.0 - paid - owed).max(0.0);
    let pct = |v: f64| format!("{v:.1}%");
    Some(Bar {
        disbursed: pct(paid),
        outstanding_at: pct(paid),
        outstanding: pct(owed),
        remaining_at: pct(paid + owed),
        remaining: pct(left),
    })
}

pub(crate) async fn show(
    State(state): State<WebState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(&format!("/app/programmes/{raw}/ledger"))?;
    let id: ProgrammeId = parse_id(&raw, &viewer, "programme")?;
    let book = ledger::ledger(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let programme = grants_app::programmes::get(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let t = &book.totals;
    let workflows = state.app.workflows();
    let (grant, tranche) = (
        workflows.current(grants_app::grants::WORKFLOW),
        workflows.current(grants_app::tranches::WORKFLOW),
    );
    let grant_state = |s: &str| {
        state_named(
            viewer.locale,
            grant.as_deref(),
            grants_app::grants::WORKFLOW,
            s,
        )
    };
    let tranche_state = |s: &str| {
        state_named(
            viewer.locale,
            tranche.as_deref(),
            grants_app::tranches::WORKFLOW,
            s,
        )
    };
    let page = LedgerPage {
        id: id.to_string(),
        programme: localized(
            &programme.spec.title,
            viewer.locale,
            programme.spec.default_locale,
        ),
        bar: bar(t),
        totals: Totals {
            budget: t.budget.to_string(),
            committed: t.committed.to_string(),
            disbursed: t.disbursed.to_string(),
            remaining: t.remaining.to_string(),
            outstanding: t.outstanding.to_string(),
            upcoming: t.upcoming.to_string(),
        },
        countries: book
            .countries
            .iter()
            .map(|c| CountryRow {
                country: c.country.clone(),
                grants: c.grants,
                committed: c.committed.to_string(),
                disbursed: c.disbursed.to_string(),
                outstanding: c.outstanding.to_string(),
                upcoming: c.upcoming.to_string(),
            })
            .collect(),
        grants: book
            .grants
            .iter()
            .map(|g| GrantRow {
                id: g.grant_id.to_string(),
                title: g.title.clone(),
                country: g.country.clone(),
                state: grant_state(&g.state),
                award: g.award.to_string(),
                committed: g.committed.to_string(),
                disbursed: g.disbursed.to_string(),
                outstanding: g.outstanding.to_string(),
                upcoming: g
                    .upcoming
                    .iter()
                    .map(|u| format!("{} {} ({})", u.key, u.amount, tranche_state(&u.state)))
                    .collect(),
            })
            .collect(),
    };
    Ok(render(&viewer, "ledger", "ledger-title", page))
}

/// Every ledger entry with running totals.
pub(crate) async fn ledger_csv(
    State(state): State<WebState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(&format!("/app/programmes/{raw}/ledger"))?;
    let id: ProgrammeId = parse_id(&raw, &viewer, "programme")?;
    let body = ledger::ledger_csv(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    Ok(csv_download(&format!("ledger-{id}.csv"), &body))
}

/// Every payment.
pub(crate) async fn payments_csv(
    State(state): State<WebState>,
    viewer: Viewer,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let actor = viewer.signed_in(&format!("/app/programmes/{raw}/ledger"))?;
    let id: ProgrammeId = parse_id(&raw, &viewer, "programme")?;
    let body = ledger::payments_csv(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    Ok(csv_download(&format!("payments-{id}.csv"), &body))
}
