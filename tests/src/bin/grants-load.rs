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
//! `grants-load pages` offers each request of a plan (a role's list, page
//! or report, signed in as that role) at a fixed rate, with Poisson
//! arrivals and no limit on requests in flight, and prints one JSON line a
//! request: its latency percentiles counted from when each was due. With
//! `--statement-log` it instead sends each request alone, a number of
//! times, and reads from the server's statement log what the database did
//! for it: how many statements and the sum of their time (the reference of
//! `bench/run scale`).
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
    /// Each request of a plan at a fixed offered rate, or alone with its
    /// statements read from the server's log.
    Pages {
        /// The server, e.g. http://127.0.0.1:8080.
        #[arg(long)]
        base: String,
        /// The plan: a JSON array of requests (see [`Planned`]); the password
        /// of everyone in it is read from GRANTS_LOAD_PASSWORD.
        #[arg(long)]
        plan: std::path::PathBuf,
        /// Requests offered per second, for each request of the plan in turn.
        #[arg(long, default_value_t = 20.0, value_parser = positive)]
        rate: f64,
        /// How long to offer each, after a second of warm-up.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// The server's log with its statements (`sqlx::query` at debug, as JSON):
        /// send each request alone `samples` times and sum what it ran.
        #[arg(long)]
        statement_log: Option<std::path::PathBuf>,
        /// Times each request is sent alone with --statement-log.
        #[arg(long, default_value_t = 20)]
        samples: usize,
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
        Command::Pages {
            base,
            plan,
            rate,
            seconds,
            statement_log,
            samples,
        } => {
            let plan: Vec<Planned> = serde_json::from_slice(&std::fs::read(&plan)?)?;
            let signed_in = SignedIn::all(&base, &plan).await?;
            for planned in &plan {
                let line = match &statement_log {
                    Some(log) => statements(&signed_in, planned, log, samples).await?,
                    None => offered(&signed_in, planned, rate, seconds).await?,
                };
                println!("{line}");
            }
            Ok(())
        }
    }
}

/// One request of a `pages` plan.
#[derive(Clone, serde::Deserialize)]
struct Planned {
    /// What the table calls it.
    name: String,
    /// GET or POST.
    #[serde(default = "get")]
    method: String,
    /// The path and query, e.g. `/proposals?limit=50`.
    path: String,
    /// Who sends it (their address).
    who: String,
    /// A page of the browser's (`/app/…`), sent with a session cookie
    /// rather than a bearer token.
    #[serde(default)]
    page: bool,
    /// The JSON body of a POST.
    #[serde(default)]
    body: Option<Value>,
    /// Send it this many times one after another instead of at the rate
    /// (for a request that takes long by design, like an assignment preview).
    #[serde(default)]
    one_at_a_time: Option<usize>,
}

fn get() -> String {
    "GET".to_owned()
}

/// Everyone in a plan, signed in: a bearer token and a session cookie each.
#[derive(Clone)]
struct SignedIn {
    client: Client,
    base: String,
    tokens: std::collections::HashMap<String, (String, String)>,
}

impl SignedIn {
    async fn all(base: &str, plan: &[Planned]) -> anyhow::Result<SignedIn> {
        let password = std::env::var("GRANTS_LOAD_PASSWORD")?;
        let client = Client::builder()
            .timeout(Duration::from_secs(60))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        let api = Api {
            client: client.clone(),
            base: base.to_owned(),
        };
        let mut tokens = std::collections::HashMap::new();
        for planned in plan {
            if tokens.contains_key(&planned.who) {
                continue;
            }
            let token = api.login(&planned.who, &password).await?;
            let signed_in =
                grants_tests::sign_in_by_form(&client, base, &planned.who, &password).await;
            let cookie = signed_in
                .headers()
                .get_all("set-cookie")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .find(|c| c.starts_with("grants_session="))
                .and_then(|c| c.split(';').next())
                .ok_or_else(|| anyhow::anyhow!("{} got no session cookie", planned.who))?
                .to_owned();
            tokens.insert(planned.who.clone(), (token, cookie));
        }
        Ok(SignedIn {
            client,
            base: base.to_owned(),
            tokens,
        })
    }

    /// Sends one request and reads its whole answer, which must be a success.
    async fn send(&self, planned: &Planned) -> anyhow::Result<()> {
        let (token, cookie) = self
            .tokens
            .get(&planned.who)
            .ok_or_else(|| anyhow::anyhow!("{} is not signed in", planned.who))?;
        let method = reqwest::Method::from_bytes(planned.method.as_bytes())?;
        let mut request = self
            .client
            .request(method, format!("{}{}", self.base, planned.path));
        request = if planned.page {
            request.header("cookie", cookie)
        } else {
            request.bearer_auth(token)
        };
        if let Some(body) = &planned.body {
            request = request.json(body);
        }
        let response = request.send().await?;
        let status = response.status();
        let body = response.bytes().await?;
        anyhow::ensure!(
            status.is_success(),
            "{} answered {status}: {}",
            planned.path,
            String::from_utf8_lossy(&body[..body.len().min(500)])
        );
        Ok(())
    }
}

/// Offers `planned` at `rate` per second for `seconds` after a second of
/// warm-up, each request started at its (Poisson) time whatever is still
/// in flight; latency counts from when it was due.
async fn offered(
    signed_in: &SignedIn,
    planned: &Planned,
    rate: f64,
    seconds: u64,
) -> anyhow::Result<Value> {
    if let Some(times) = planned.one_at_a_time {
        let mut latencies = Vec::new();
        for _ in 0..times {
            let started = Instant::now();
            signed_in.send(planned).await?;
            latencies.push(started.elapsed());
        }
        return Ok(latency_line(planned, None, latencies, 0));
    }
    let signed_in = std::sync::Arc::new(signed_in.clone());
    let planned = std::sync::Arc::new(planned.clone());
    let start = Instant::now();
    let warm_up = start + Duration::from_secs(1);
    let end = warm_up + Duration::from_secs(seconds);
    let mut random = StdRng::from_entropy();
    let mut due = start;
    let mut requests = Vec::new();
    loop {
        let u: f64 = random.sample(Open01);
        due += Duration::from_secs_f64(-u.ln() / rate);
        if due >= end {
            break;
        }
        if due > Instant::now() {
            tokio::time::sleep_until(due.into()).await;
        }
        let (signed_in, planned) = (signed_in.clone(), planned.clone());
        requests.push(tokio::spawn(async move {
            let sent = signed_in.send(&planned).await;
            (due, due.elapsed(), sent.is_err())
        }));
    }
    let (mut latencies, mut errors) = (Vec::new(), 0);
    for request in futures_util::future::join_all(requests).await {
        let (due, latency, failed) = request?;
        if due >= warm_up {
            latencies.push(latency);
            errors += usize::from(failed);
        }
    }
    Ok(latency_line(&planned, Some(rate), latencies, errors))
}

fn latency_line(
    planned: &Planned,
    rate: Option<f64>,
    mut latencies: Vec<Duration>,
    errors: usize,
) -> Value {
    latencies.sort_unstable();
    json!({
        "name": planned.name,
        "offered_rate": rate,
        "requests": latencies.len(),
        "errors": errors,
        "p50_ms": percentile_ms(&latencies, 0.50),
        "p99_ms": percentile_ms(&latencies, 0.99),
        "max_ms": percentile_ms(&latencies, 1.0),
    })
}

fn percentile_ms(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
    sorted.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Sends `planned` alone `samples` times and reads, after each, the
/// statements the server logged for it: their count and summed time.
async fn statements(
    signed_in: &SignedIn,
    planned: &Planned,
    log: &std::path::Path,
    samples: usize,
) -> anyhow::Result<Value> {
    let mut times = Vec::new();
    let mut counts = Vec::new();
    for _ in 0..samples {
        let before = settled_length(log).await?;
        signed_in.send(planned).await?;
        let after = settled_length(log).await?;
        let text = std::fs::read(log)?;
        let logged = String::from_utf8_lossy(&text[before.min(text.len())..after.min(text.len())]);
        let mut count = 0;
        let mut seconds = 0.0;
        // The log is JSON, a line an event; sqlx's carries the time it measured.
        for line in logged.lines().filter(|l| l.contains("elapsed_secs")) {
            let event: Value = serde_json::from_str(line).unwrap_or(Value::Null);
            // The server's JSON log puts an event's fields at the top level.
            if let Some(value) = event["elapsed_secs"]
                .as_f64()
                .or_else(|| event["fields"]["elapsed_secs"].as_f64())
            {
                count += 1;
                seconds += value;
            }
        }
        counts.push(count);
        times.push(Duration::from_secs_f64(seconds));
    }
    times.sort_unstable();
    counts.sort_unstable();
    Ok(json!({
        "name": planned.name,
        "statements": counts.get(counts.len() / 2),
        "db_p50_ms": percentile_ms(&times, 0.50),
        "db_p99_ms": percentile_ms(&times, 0.99),
    }))
}

/// The log's length once it has stopped growing (the server writes a
/// request's lines as it runs and a timer may add its own).
async fn settled_length(log: &std::path::Path) -> anyhow::Result<usize> {
    let mut length = std::fs::metadata(log)?.len();
    loop {
        tokio::time::sleep(Duration::from_millis(30)).await;
        let now = std::fs::metadata(log)?.len();
        if now == length {
            return Ok(usize::try_from(now)?);
        }
        length = now;
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
