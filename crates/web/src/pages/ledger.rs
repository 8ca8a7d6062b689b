//! The ledger of a programme for finance and managers: the totals (as
//! numbers and as a bar), per country, per grant; its two CSV exports are
//! `exports`'.

use axum::extract::Path;
use axum::response::Response;
use grants_app::ledger;
use grants_domain::{Money, ProgrammeId};
use serde::Serialize;

use super::{OrPage, Visit, programme_title, render};
use crate::PageError;
use crate::i18n::country_name;
use crate::workflow_text::state_named;

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
    Visit(state, viewer): Visit,
    Path(raw): Path<String>,
) -> Result<Response, PageError> {
    let here = format!("/app/programmes/{raw}/ledger");
    let (actor, id): (_, ProgrammeId) = viewer.signed_in_to(&here, &raw, "programme")?;
    let book = ledger::ledger(&state.app, actor, id)
        .await
        .or_page(&viewer)?;
    let programme = programme_title(&state, &viewer, actor, id).await?;
    let t = &book.totals;
    // States in the reader's words, as each workflow's current version names them.
    let workflows = state.app.workflows();
    let states_of = |workflow: &'static str| {
        let definition = workflows.current(workflow);
        move |s: &str| state_named(viewer.locale, definition.as_deref(), workflow, s)
    };
    let grant_state = states_of(grants_app::grants::WORKFLOW);
    let tranche_state = states_of(grants_app::tranches::WORKFLOW);
    let page = LedgerPage {
        id: id.to_string(),
        programme,
        bar: bar(t),
        totals: Totals {
            budget: viewer.money(t.budget),
            committed: viewer.money(t.committed),
            disbursed: viewer.money(t.disbursed),
            remaining: viewer.money(t.remaining),
            outstanding: viewer.money(t.outstanding),
            upcoming: viewer.money(t.upcoming),
        },
        countries: book
            .countries
            .iter()
            .map(|c| CountryRow {
                country: country_name(viewer.locale, &c.country),
                grants: c.grants,
                committed: viewer.money(c.committed),
                disbursed: viewer.money(c.disbursed),
                outstanding: viewer.money(c.outstanding),
                upcoming: viewer.money(c.upcoming),
            })
            .collect(),
        grants: book
            .grants
            .iter()
            .map(|g| GrantRow {
                id: g.grant_id.to_string(),
                title: g.title.clone(),
                country: country_name(viewer.locale, &g.country),
                state: grant_state(&g.state),
                award: viewer.money(g.award),
                committed: viewer.money(g.committed),
                disbursed: viewer.money(g.disbursed),
                outstanding: viewer.money(g.outstanding),
                upcoming: g
                    .upcoming
                    .iter()
                    .map(|u| {
                        format!(
                            "{} {} ({})",
                            super::grants::tranche_name(viewer.locale, &u.key),
                            viewer.money(u.amount),
                            tranche_state(&u.state)
                        )
                    })
                    .collect(),
            })
            .collect(),
    };
    Ok(render(&viewer, "ledger", "ledger-title", page))
}
