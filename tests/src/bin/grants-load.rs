//! Load for the benchmarks (`bench/run transitions`), never for the tests.
//!
//! `grants-load http` sets up a programme with one submitted proposal per
//! client through the API of a running server, then each client cycles its
//! own proposal through screening, a change request and resubmission as
//! fast as the server answers, and prints one JSON line: transitions per
//! second and latency percentiles. With `--paced-fraction` it then runs the
//! same clients again at a fixed offered rate, that fraction of the rate it
//! just measured, and prints a second line (see [`Pace`]).
//!
//! `grants-load raw` is the reference for SQLite: the same SQL a transition
//! runs (read the proposal and programme, the conditional UPDATE, read the
//! subject's last audit event, INSERT the audit event and an outbox row),
//! issued directly through sqlx by the same number of tasks on a database
//! the server migrated; `--paced-rate` adds a run at that offered rate.

use std::future::Future;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};
use grants_tests::{complete_proposal_json, open_programme_json};
use rand::distributions::Open01;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use reqwest::Client;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Transitions over HTTP against a running server.
    Http {
        /// The server, e.g. http://127.0.0.1:8080.
        #[arg(long)]
        base: String,
        /// An administrator's address; the password is read from GRANTS_LOAD_PASSWORD.
        #[arg(long)]
        admin: String,
        /// Concurrent clients, each with its own proposal.
        #[arg(long, default_value_t = 32)]
        clients: usize,
        /// How long to measure, after a second of warm-up.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Then run again at this fraction of the measured throughput, offered
        /// at a fixed rate (e.g. 0.5).
        #[arg(long, value_parser = positive)]
        paced_fraction: Option<f64>,
    },
    /// The same SQL straight to a SQLite database through sqlx.
    Raw {
        /// A database the server has migrated (sqlite://…).
        #[arg(long)]
        url: String,
        /// Concurrent tasks, each with its own row.
        #[arg(long, default_value_t = 32)]
        clients: usize,
        /// Connections in the pool (the server's `database.max_connections`;
        /// SQLite always gets one, as in the server).
        #[arg(long, default_value_t = 10)]
        connections: u32,
        /// How long to measure, after a second of warm-up.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Then run again with transitions offered at this many per second.
        #[arg(long, value_parser = positive)]
        paced_rate: Option<f64>,
    },
}

/// A rate or fraction on the command line: a finite number above zero.
fn positive(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() && value > 0.0 => Ok(value),
        _ => Err(format!("'{text}' is not a number above zero")),
    }
}

/// When each client starts its next transition.
#[derive(Clone, Copy)]
enum Pace {
    /// As soon as the last one is answered (a closed loop: the offered load
    /// is whatever the server can take).
    Closed,
    /// At this many transitions per second over all clients, each client
    /// starting its own at random (Poisson) times, as `pgbench --rate` does.
    /// Latency counts from when a transition was due, so a client still busy
    /// with its last one starts the next late and that wait is counted too.
    Rate(f64),
}

/// The cycle each client walks: from the state, the step and who takes it.
const CYCLE: [(&str, &str, Who); 3] = [
    ("submitted", "start_screening", Who::Manager),
    ("screening", "request_changes", Who::Manager),
    ("changes_requested", "resubmit", Who::Applicant),
];

#[derive(Clone, Copy)]
enum Who {
    Manager,
    Applicant,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Http {
            base,
            admin,
            clients,
            seconds,
            paced_fraction,
        } => http(&base, &admin, clients, seconds, paced_fraction).await,
        Command::Raw {
            url,
            clients,
            connections,
            seconds,
            paced_rate,
        } => raw(&url, clients, connections, seconds, paced_rate).await,
    }
}

/// Runs every client's cycle, one task each, for `seconds` after a second
/// of warm-up; returns the clients (to run them again) and the latencies
/// measured after the warm-up.
async fn drive<S, F, Fut>(
    clients: Vec<S>,
    seconds: u64,
    pace: Pace,
    step: F,
) -> anyhow::Result<(Vec<S>, Vec<Duration>)>
where
    S: Send + 'static,
    F: Fn(S) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = anyhow::Result<S>> + Send,
{
    let start = Instant::now();
    let warm_up = start + Duration::from_secs(1);
    let end = warm_up + Duration::from_secs(seconds);
    let per_client = match pace {
        Pace::Closed => None,
        Pace::Rate(rate) => Some(rate / clients.len().max(1) as f64),
    };
    let tasks = clients.into_iter().map(|mut client| {
        let step = step.clone();
        tokio::spawn(async move {
            let mut random = StdRng::from_entropy();
            let mut latencies = Vec::new();
            let mut due = start;
            loop {
                due = match per_client {
                    None => Instant::now(),
                    // Exponential gaps; u is never 0, so the log is finite.
                    Some(rate) => {
                        let u: f64 = random.sample(Open01);
                        due + Duration::from_secs_f64(-u.ln() / rate)
                    }
                };
                if due >= end {
                    return Ok::<_, anyhow::Error>((client, latencies));
                }
                // Only a future time is slept for: the timer would round
                // even a past one up to its next millisecond tick.
                if due > Instant::now() {
                    tokio::time::sleep_until(due.into()).await;
                }
                client = step(client).await?;
                if due >= warm_up {
                    latencies.push(due.elapsed());
                }
            }
        })
    });
    let (mut clients, mut latencies) = (Vec::new(), Vec::new());
    for task in futures_util::future::join_all(tasks).await {
        let (client, measured) = task??;
        clients.push(client);
        latencies.extend(measured);
    }
    Ok((clients, latencies))
}

/// One HTTP client with its own proposal and where that proposal stands.
struct Cycler {
    api: Api,
    manager: String,
    applicant: String,
    id: String,
    state: String,
    revision: i64,
}

/// Takes the next step of the cycle through the API.
async fn http_step(mut c: Cycler) -> anyhow::Result<Cycler> {
    let (_, step, who) = CYCLE
        .iter()
        .find(|(from, _, _)| *from == c.state)
        .ok_or_else(|| anyhow::anyhow!("no step from {}", c.state))?;
    let token = match who {
        Who::Manager => &c.manager,
        Who::Applicant => &c.applicant,
    };
    let moved = c.api.step(token, &c.id, step, c.revision).await?;
    c.state = text(&moved, "state")?;
    c.revision = moved["revision"]
        .as_i64()
        .ok_or_else(|| anyhow::anyhow!("no revision in {moved}"))?;
    Ok(c)
}

async fn http(
    base: &str,
    admin: &str,
    clients: usize,
    seconds: u64,
    paced_fraction: Option<f64>,
) -> anyhow::Result<()> {
    let password = std::env::var("GRANTS_LOAD_PASSWORD")?;
    let client = Client::builder()
        .timeout(Duration::from_secs(30))
        .pool_max_idle_per_host(clients)
        .build()?;
    let api = Api {
        client: client.clone(),
        base: base.to_owned(),
    };
    let admin_token = api.login(admin, &password).await?;
    let manager = api
        .user(
            &admin_token,
            "bench.manager",
            "programme_manager",
            &password,
        )
        .await?;
    let applicant = api
        .user(&admin_token, "bench.applicant", "applicant", &password)
        .await?;
    let programme = api
        .send(
            reqwest::Method::POST,
            "/programmes",
            &manager,
            &open_programme_json("BENCH"),
            None,
        )
        .await?;
    let programme = text(&programme, "id")?;
    let mut proposals = Vec::new();
    for n in 0..clients {
        let mut body = complete_proposal_json(&programme, "MK");
        body["title"] = json!(format!("Bench proposal {n}"));
        let draft = api
            .send(reqwest::Method::POST, "/proposals", &applicant, &body, None)
            .await?;
        let id = text(&draft, "id")?;
        api.step(&applicant, &id, "submit", 1).await?;
        proposals.push(Cycler {
            api: api.clone(),
            manager: manager.clone(),
            applicant: applicant.clone(),
            id,
            state: "submitted".to_owned(),
            revision: 2,
        });
    }
    let (proposals, latencies) = drive(proposals, seconds, Pace::Closed, http_step).await?;
    let tps = report("http", clients, seconds, Pace::Closed, latencies);
    if let Some(fraction) = paced_fraction {
        let pace = Pace::Rate(tps * fraction);
        let (_, latencies) = drive(proposals, seconds, pace, http_step).await?;
        report("http", clients, seconds, pace, latencies);
    }
    Ok(())
}

/// Prints one JSON line for a run and returns its throughput.
fn report(
    kind: &str,
    clients: usize,
    seconds: u64,
    pace: Pace,
    mut latencies: Vec<Duration>,
) -> f64 {
    let tps = latencies.len() as f64 / seconds as f64;
    latencies.sort_unstable();
    let at = |p: f64| {
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len().max(1)) - 1;
        latencies.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    println!(
        "{}",
        json!({
            "kind": kind,
            "clients": clients,
            "offered_rate": match pace {
                Pace::Closed => None,
                Pace::Rate(rate) => Some(rate),
            },
            "transitions": latencies.len(),
            "tps": tps,
            "p50_ms": at(0.50),
            "p99_ms": at(0.99),
        })
    );
    tps
}

#[derive(Clone)]
struct Api {
    client: Client,
    base: String,
}

impl Api {
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: &str,
        body: &Value,
        revision: Option<i64>,
    ) -> anyhow::Result<Value> {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .bearer_auth(token)
            .json(body);
        if let Some(revision) = revision {
            request = request.header("if-match", format!("\"{revision}\""));
        }
        let response = request.send().await?;
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        anyhow::ensure!(status.is_success(), "{path} answered {status}: {body}");
        Ok(body)
    }

    async fn step(
        &self,
        token: &str,
        id: &str,
        step: &str,
        revision: i64,
    ) -> anyhow::Result<Value> {
        self.send(
            reqwest::Method::POST,
            &format!("/proposals/{id}/transitions/{step}"),
            token,
            &json!({ "comment": "Please say who will run the service." }),
            Some(revision),
        )
        .await
    }

    async fn login(&self, email: &str, password: &str) -> anyhow::Result<String> {
        let response = self
            .client
            .post(format!("{}/auth/token", self.base))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await?;
        let body: Value = response.json().await?;
        text(&body, "token")
    }

    async fn user(
        &self,
        admin: &str,
        name: &str,
        role: &str,
        password: &str,
    ) -> anyhow::Result<String> {
        let email = format!("{name}@bench.example");
        self.send(
            reqwest::Method::POST,
            "/users",
            admin,
            &json!({
                "email": email, "name": name, "password": password,
                "country": "MK", "locale": "en", "roles": [{ "role": role }],
            }),
            None,
        )
        .await?;
        self.login(&email, password).await
    }
}

fn text(body: &Value, field: &str) -> anyhow::Result<String> {
    body[field]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| anyhow::anyhow!("no {field} in {body}"))
}

/// The raw reference: the proposals the HTTP run left behind (the server
/// stopped), each task cycling its own with the statements a transition
/// issues.
async fn raw(
    url: &str,
    clients: usize,
    connections: u32,
    seconds: u64,
    paced_rate: Option<f64>,
) -> anyhow::Result<()> {
    // The server's own connection set-up (on SQLite: one connection, WAL,
    // BEGIN IMMEDIATE), so that only what lies above the SQL differs.
    let store = grants_store::Store::connect(&grants_store::DatabaseSettings {
        url: url.to_owned(),
        max_connections: connections,
        schema: None,
    })
    .await?;
    let db = store.conn().clone();
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id, programme_id, owner_id, state, revision FROM proposals \
             WHERE title LIKE 'Bench proposal %' ORDER BY title",
        ))
        .await?;
    anyhow::ensure!(rows.len() >= clients, "run `grants-load http` first");
    let mut proposals = Vec::new();
    for row in rows.iter().take(clients) {
        proposals.push(RawProposal {
            store: store.clone(),
            id: row.try_get("", "id")?,
            programme: row.try_get("", "programme_id")?,
            owner: row.try_get("", "owner_id")?,
            state: row.try_get("", "state")?,
            revision: row.try_get("", "revision")?,
        });
    }
    let (proposals, latencies) = drive(proposals, seconds, Pace::Closed, raw_transition).await?;
    report("raw", clients, seconds, Pace::Closed, latencies);
    if let Some(rate) = paced_rate {
        let pace = Pace::Rate(rate);
        let (_, latencies) = drive(proposals, seconds, pace, raw_transition).await?;
        report("raw", clients, seconds, pace, latencies);
    }
    Ok(())
}

struct RawProposal {
    store: grants_store::Store,
    id: uuid::Uuid,
    programme: uuid::Uuid,
    owner: uuid::Uuid,
    state: String,
    revision: i64,
}

/// One transition's statements in one transaction: read the proposal and
/// its programme, the conditional UPDATE, read the subject's last audit
/// event, INSERT the next one and an outbox row.
async fn raw_transition(mut p: RawProposal) -> anyhow::Result<RawProposal> {
    let to = match CYCLE.iter().position(|(from, _, _)| *from == p.state) {
        Some(i) => CYCLE[(i + 1) % CYCLE.len()].0,
        None => anyhow::bail!("no step from {}", p.state),
    };
    let tx = p.store.begin().await?;
    let now = chrono::Utc::now();
    query(
        &tx,
        "SELECT * FROM proposals WHERE id = ?",
        vec![p.id.into()],
    )
    .await?;
    query(
        &tx,
        "SELECT * FROM programmes WHERE id = ?",
        vec![p.programme.into()],
    )
    .await?;
    let updated = tx
        .execute_raw(Statement::from_sql_and_values(
            tx.get_database_backend(),
            "UPDATE proposals SET state = ?, revision = ?, updated_at = ? \
             WHERE id = ? AND revision = ? AND state = ?",
            vec![
                to.into(),
                (p.revision + 1).into(),
                now.into(),
                p.id.into(),
                p.revision.into(),
                p.state.clone().into(),
            ],
        ))
        .await?;
    anyhow::ensure!(updated.rows_affected() == 1, "lost the row");
    let last = tx
        .query_one_raw(Statement::from_sql_and_values(
            tx.get_database_backend(),
            "SELECT seq, hash FROM audit_events WHERE subject_type = 'proposal' AND subject_id = ? \
             ORDER BY seq DESC LIMIT 1",
            vec![p.id.into()],
        ))
        .await?;
    let (seq, previous): (i64, Option<String>) = match last {
        Some(row) => (row.try_get("", "seq")?, row.try_get("", "hash")?),
        None => (0, None),
    };
    let details = json!({ "transition": "bench", "from": p.state, "to": to }).to_string();
    exec(
        &tx,
        "INSERT INTO audit_events (id, occurred_at, actor_id, action, subject_type, subject_id, seq, details, prev_hash, hash) \
         VALUES (?, ?, NULL, 'proposal.transition', 'proposal', ?, ?, ?, ?, ?)",
        vec![
            uuid::Uuid::now_v7().into(),
            now.into(),
            p.id.into(),
            (seq + 1).into(),
            details.clone().into(),
            previous.into(),
            format!("{:064x}", seq + 1).into(),
        ],
    )
    .await?;
    exec(
        &tx,
        "INSERT INTO outbox (id, event, subject_type, subject_id, recipient_id, locale, payload, dedupe_key, state, attempts, next_attempt_at, created_at) \
         VALUES (?, 'bench', 'proposal', ?, ?, 'en', ?, ?, 'cancelled', 0, ?, ?)",
        vec![
            uuid::Uuid::now_v7().into(),
            p.id.into(),
            p.owner.into(),
            details.into(),
            format!("bench-{}-{}", p.id, seq + 1).into(),
            now.into(),
            now.into(),
        ],
    )
    .await?;
    tx.commit().await?;
    p.state = to.to_owned();
    p.revision += 1;
    Ok(p)
}

async fn exec(
    c: &impl ConnectionTrait,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> anyhow::Result<()> {
    c.execute_raw(Statement::from_sql_and_values(
        c.get_database_backend(),
        sql,
        values,
    ))
    .await?;
    Ok(())
}

async fn query(
    c: &impl ConnectionTrait,
    sql: &str,
    values: Vec<sea_orm::Value>,
) -> anyhow::Result<()> {
    c.query_all_raw(Statement::from_sql_and_values(
        c.get_database_backend(),
        sql,
        values,
    ))
    .await?;
    Ok(())
}
