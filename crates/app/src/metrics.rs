//! Counts for monitoring, in the OpenMetrics text format Prometheus scrapes.
//! Only aggregates: nothing here names a person or a proposal.

use grants_store::{proposals, timers};
use prometheus_client::encoding::text::encode;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::registry::Registry;

use crate::{App, AppError, AppResult};

type ByState = Family<Vec<(String, String)>, Gauge>;

fn by_state(rows: Vec<(String, u64)>) -> ByState {
    let family = ByState::default();
    for (state, n) in rows {
        family
            .get_or_create(&vec![("state".to_owned(), state)])
            .set(i64::try_from(n).unwrap_or(i64::MAX));
    }
    family
}

/// The current counts: outbox messages and proposals by state, running and due timers.
pub async fn render(app: &App) -> AppResult<String> {
    let conn = app.store.conn();
    let mut registry = Registry::with_prefix("grants");
    registry.register(
        "outbox_messages",
        "Emails in the outbox, by state",
        by_state(crate::mail::state_counts(app).await?.into_iter().collect()),
    );
    // Every state of the current workflow, so that empty states read 0 rather than vanish.
    let mut proposal_states: std::collections::BTreeMap<String, u64> = app
        .workflows
        .current(crate::proposals::WORKFLOW)
        .map(|def| def.states.iter().map(|s| (s.name.clone(), 0)).collect())
        .unwrap_or_default();
    proposal_states.extend(proposals::count_by_state(conn).await?);
    registry.register(
        "proposals",
        "Proposals, by workflow state",
        by_state(proposal_states.into_iter().collect()),
    );
    let (running, due) = timers::counts(conn, app.now()).await?;
    let gauge = |n: u64| {
        let g = Gauge::<i64>::default();
        g.set(i64::try_from(n).unwrap_or(i64::MAX));
        g
    };
    registry.register(
        "timers_running",
        "Durable timers waiting to fire",
        gauge(running),
    );
    registry.register(
        "timers_due",
        "Durable timers past their time and not yet fired",
        gauge(due),
    );
    let mut text = String::new();
    encode(&mut text, &registry)
        .map_err(|e| AppError::internal(format!("cannot encode metrics: {e}")))?;
    Ok(text)
}
