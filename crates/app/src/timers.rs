//! Firing durable timers: claimed with a lease so each fires once, even
//! with several servers on one database.

use std::time::Duration;

use grants_store::timers;

use crate::{App, AppResult};

/// How long a claim lasts before another instance may take the timer, when
/// the configuration says nothing else.
pub const DEFAULT_CLAIM: Duration = Duration::from_secs(60);

/// Claims and fires up to `limit` due timers as `owner`, each claim lasting
/// `claim`; returns how many fired.
pub async fn fire_due(app: &App, owner: &str, limit: u64, claim: Duration) -> AppResult<usize> {
    let tx = app.store.begin().await?;
    let due = timers::claim_due(&tx, owner, app.now(), claim, limit).await?;
    tx.commit().await.map_err(grants_store::StoreError::from)?;
    let mut fired = 0;
    for timer in &due {
        let outcome = match timer.subject_type.as_str() {
            crate::proposals::SUBJECT => {
                crate::steps::fire_timer::<grants_store::proposals::ProposalRecord>(
                    app,
                    owner,
                    timer,
                    timer.subject_id.into(),
                )
                .await
            }
            crate::assignments::SUBJECT => crate::assignments::fire_timer(app, owner, timer).await,
            crate::reports::SUBJECT => crate::reports::fire_reminder(app, owner, timer).await,
            crate::reports::SUMMARY_SUBJECT => {
                crate::reports::fire_summary(app, owner, timer).await
            }
            other => {
                let message = format!("skipped: no timers for {other}");
                let tx = app.store.begin().await?;
                timers::complete(&tx, timer.id, owner, &message, app.now()).await?;
                tx.commit().await.map_err(grants_store::StoreError::from)?;
                Ok(message)
            }
        };
        match outcome {
            Ok(outcome) => {
                fired += 1;
                tracing::info!(timer.id = %timer.id, kind = %timer.kind, %outcome, "timer fired");
            }
            // Left claimed: the lease expires and it is tried again.
            Err(err) => tracing::error!(timer.id = %timer.id, error = %err, "timer failed"),
        }
    }
    Ok(fired)
}
