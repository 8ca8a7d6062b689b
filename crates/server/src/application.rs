//! The running service: database, router and listener, built from a config.

use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;

use anyhow::Context;
use grants_api::AppState;
use grants_app::{App, Store};
use tokio::net::TcpListener;

use crate::config::Config;

/// A service ready to serve: connected, migrated (if configured) and bound.
#[derive(Debug)]
pub struct Application {
    listener: TcpListener,
    /// `/metrics` alone, where the operator asked for it.
    monitoring: Option<TcpListener>,
    app: App,
    grace: Duration,
    timer_interval: Duration,
    timer_batch: u64,
    timer_claim: Duration,
    dispatcher: grants_app::mail::Dispatcher,
    mail_interval: Duration,
    mail_batch: u64,
    /// How long applicants never funded are kept, and how often to look.
    retention: Option<(chrono::Duration, Duration)>,
}

impl Application {
    /// Connects to the database, applies migrations when `migrate` is true,
    /// and binds the listener (port 0 picks a free port).
    pub async fn build(config: &Config, migrate: bool) -> anyhow::Result<Application> {
        let store = connect(config).await?;
        if migrate {
            let applied = store.migrate().await.context("migrations failed")?;
            tracing::info!(applied, "database schema is up to date");
        } else {
            let pending = store
                .pending_migrations()
                .await
                .context("cannot read migrations")?;
            anyhow::ensure!(
                pending.is_empty(),
                "the database needs migrations ({}); run `grants migrate` or serve without --no-migrate",
                pending.join(", ")
            );
        }
        // Only a serving server reads second factors: commands make no key file.
        let app = build_app(config, store)
            .await?
            .with_secrets_key(config.secrets_key()?);
        let sealed = grants_app::second_factor::seal_stored(&app)
            .await
            .map_err(|e| anyhow::anyhow!("{e}: {}", error_sources(&e)))
            .context("the second factors' secrets (is [auth] secrets_key the one they were sealed with?)")?;
        if sealed > 0 {
            tracing::info!(sealed, "sealed second-factor secrets stored before sealing");
        }
        // What was written before it could be searched gets its search text.
        let filled = grants_app::search::index_written_before(&app)
            .await
            .map_err(|e| anyhow::anyhow!("{e}: {}", error_sources(&e)))
            .context("filling in the search text written before search")?;
        for (what, filled) in filled {
            if filled > 0 {
                tracing::info!(
                    filled,
                    what,
                    "filled in the search text written before search"
                );
            }
        }
        let abandoned = grants_app::attachments::prepare_folder(&app)
            .await
            .map_err(|e| anyhow::anyhow!("{e}: {}", error_sources(&e)))?;
        if abandoned > 0 {
            tracing::info!(
                abandoned,
                "removed temporary files of uploads that never finished"
            );
        }
        let address = format!("{}:{}", config.server.host, config.server.port);
        let listener = TcpListener::bind(&address)
            .await
            .with_context(|| format!("cannot listen on {address}"))?;
        let monitoring = match config.server.metrics_listen.trim() {
            "" => None,
            address => Some(
                TcpListener::bind(address)
                    .await
                    .with_context(|| format!("cannot listen for /metrics on {address}"))?,
            ),
        };
        Ok(Application {
            listener,
            monitoring,
            app,
            grace: Duration::from_secs(config.server.shutdown_grace_seconds),
            timer_interval: Duration::from_millis(config.timers.poll_interval_ms.max(10)),
            timer_batch: config.timers.batch.max(1),
            timer_claim: Duration::from_secs(config.timers.claim_seconds.max(1)),
            dispatcher: config.dispatcher()?,
            mail_interval: Duration::from_millis(config.mail.dispatch_interval_ms.max(10)),
            mail_batch: config.mail.batch.max(1),
            retention: (config.privacy.unfunded_applicant_retention_days > 0).then(|| {
                (
                    chrono::Duration::days(config.privacy.unfunded_applicant_retention_days.into()),
                    Duration::from_secs(config.privacy.sweep_interval_seconds.max(1)),
                )
            }),
        })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// The address `/metrics` is served at, if anywhere.
    pub fn metrics_addr(&self) -> anyhow::Result<Option<SocketAddr>> {
        Ok(self
            .monitoring
            .as_ref()
            .map(TcpListener::local_addr)
            .transpose()?)
    }

    /// The use cases, for seeding data before serving.
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Serves until `shutdown` resolves, then stops accepting connections and
    /// lets in-flight requests finish (up to the grace period).
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let address = self.local_addr()?;
        let pages = grants_web::router(grants_web::WebState {
            app: self.app.clone(),
        })
        .context("the page templates do not compile")?;
        let router = grants_api::router(
            AppState {
                app: self.app.clone(),
            },
            pages.pages,
            pages.uploads,
        );
        tracing::info!(%address, "serving; API docs at http://{address}/docs");
        let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
        let (timers_stop, timers_stopped) = tokio::sync::watch::channel(false);
        let stopping_for_metrics = timers_stopped.clone();
        let owner = format!("{}-{}", std::process::id(), uuid::Uuid::now_v7().simple());
        let timers = {
            let (app, owner, batch, claim) = (
                self.app.clone(),
                owner.clone(),
                self.timer_batch,
                self.timer_claim,
            );
            tokio::spawn(repeat(
                "firing timers",
                self.timer_interval,
                timers_stopped.clone(),
                move || {
                    let (app, owner) = (app.clone(), owner.clone());
                    async move {
                        Ok(
                            grants_app::timers::fire_due(&app, &owner, batch, claim).await? as u64
                                >= batch,
                        )
                    }
                },
            ))
        };
        let mail = {
            let (app, owner, batch) = (self.app.clone(), owner.clone(), self.mail_batch);
            let dispatcher = std::sync::Arc::new(self.dispatcher.clone());
            tokio::spawn(repeat(
                "sending mail",
                self.mail_interval,
                timers_stopped.clone(),
                move || {
                    let (app, owner, dispatcher) = (app.clone(), owner.clone(), dispatcher.clone());
                    async move {
                        let (round, digests) =
                            grants_app::mail::dispatch(&app, &dispatcher, &owner, batch).await?;
                        Ok(round.handled() as u64 >= batch || digests.handled() as u64 >= batch)
                    }
                },
            ))
        };
        let retention = self.retention.map(|(kept, every)| {
            let app = self.app.clone();
            tokio::spawn(repeat(
                "erasing applicants past the retention period",
                every,
                timers_stopped.clone(),
                move || {
                    let app = app.clone();
                    async move {
                        const BATCH: u64 = 20;
                        Ok(
                            grants_app::erasure::erase_expired(&app, kept, BATCH).await? as u64
                                >= BATCH,
                        )
                    }
                },
            ))
        });
        let signal = async move {
            shutdown.await;
            tracing::info!("shutting down: finishing in-flight requests");
            let _ = timers_stop.send(true);
            let _ = stopping_tx.send(());
        };
        if let Some(listener) = self.monitoring {
            let service = grants_api::monitoring_router(AppState {
                app: self.app.clone(),
            });
            tracing::info!(address = %listener.local_addr()?, "serving /metrics");
            let mut stopped = stopping_for_metrics;
            tokio::spawn(async move {
                let stop = async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                };
                if let Err(err) = axum::serve(listener, service)
                    .with_graceful_shutdown(stop)
                    .await
                {
                    tracing::error!(error = %err, "the /metrics listener failed");
                }
            });
        }
        // The peer's address goes with each request: sign-in is throttled per client.
        let server = axum::serve(
            self.listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(signal);
        let grace = self.grace;
        tokio::select! {
            result = server => result.context("server failed")?,
            () = async {
                let _ = stopping_rx.await;
                tokio::time::sleep(grace).await;
            } => tracing::warn!("grace period over; dropping remaining connections"),
        }
        let _ = timers.await;
        let _ = mail.await;
        if let Some(retention) = retention {
            let _ = retention.await;
        }
        self.app
            .store()
            .clone()
            .close()
            .await
            .context("closing the database")?;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Runs `round` every `interval` until told to stop; straight away again
/// while a round reports more waiting. Each server runs one loop per job;
/// claims in the database keep them from doing any item twice.
async fn repeat<F, Fut>(
    what: &'static str,
    interval: Duration,
    mut stop: tokio::sync::watch::Receiver<bool>,
    mut round: F,
) where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<bool, grants_app::AppError>>,
{
    loop {
        match round().await {
            Ok(true) => continue,
            Ok(false) => {}
            Err(err) => {
                tracing::error!(error = %err, source = %error_sources(&err), "{what} failed")
            }
        }
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stop.changed() => return,
        }
        if *stop.borrow() {
            return;
        }
    }
}

/// The sources of an error, for one log line.
fn error_sources(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = Vec::new();
    let mut source = err.source();
    while let Some(cause) = source {
        parts.push(cause.to_string());
        source = cause.source();
    }
    parts.join(": ")
}

/// The use cases for a one-off command: connected, migrated, workflows registered.
pub async fn app_for_command(config: &Config) -> anyhow::Result<App> {
    let store = connect(config).await?;
    store.migrate().await.context("migrations failed")?;
    build_app(config, store).await
}

/// The use cases over a migrated store: templates checked, workflows
/// validated against them and registered.
async fn build_app(config: &Config, store: Store) -> anyhow::Result<App> {
    let templates = config.templates()?;
    let events = templates.complete_events();
    let workflows =
        grants_app::workflows::Workflows::register(&store, &config.workflow_sources()?, &events)
            .await
            .map_err(|e| anyhow::anyhow!("{}", error_sources(&e)))?;
    Ok(App::new(
        store,
        config.auth_policy(),
        workflows,
        std::sync::Arc::new(templates),
    )
    .with_public_url(&config.server.public_url)
    .with_idempotency_ttl(std::time::Duration::from_secs(
        config.server.idempotency_key_ttl_seconds,
    ))
    .with_digest_hour(config.mail.digest_hour_utc)
    .with_attachment_dir(config.attachment_dir())
    .with_sign_in_providers(config.sign_in_providers()?))
}

/// Connects to the configured database without migrating.
pub async fn connect(config: &Config) -> anyhow::Result<Store> {
    let settings = config.database_settings()?;
    Store::connect(&settings)
        .await
        .context("cannot connect to the database")
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
