//! Support for the end-to-end tests: the real server on a random port, over
//! HTTP, on a fresh database per test — a SQLite file in a temporary
//! folder, or a PostgreSQL schema created for the test and dropped after.
//!
//! PostgreSQL runs when `GRANTS_TEST_POSTGRES_URL` names a database (`.ci/run`
//! creates one per run); without it the PostgreSQL half of each test says
//! it is skipped and passes.

use std::time::Duration;

pub mod browser;
pub mod child;
pub mod fixtures;
pub mod invariants;
pub mod oidc;
pub mod readers;
pub mod smtp;
pub mod sql;

use grants_server::{Application, Config};
use reqwest::{Method, StatusCode, header};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use fixtures::{World, WorldBuilder};

/// The environment variable naming the PostgreSQL database tests may use.
pub const POSTGRES_URL_VAR: &str = "GRANTS_TEST_POSTGRES_URL";

/// The administrator every test server starts with.
pub const ADMIN_EMAIL: &str = "root@tests.example";
/// Their password.
pub const ADMIN_PASSWORD: &str = "correct horse battery staple";

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in a temporary folder.
    Sqlite,
    /// A fresh schema in the database named by `GRANTS_TEST_POSTGRES_URL`.
    Postgres,
}

impl Backend {
    /// False for PostgreSQL when no database was given; prints why.
    pub fn available(self) -> bool {
        match self {
            Backend::Sqlite => true,
            Backend::Postgres => {
                let given = std::env::var(POSTGRES_URL_VAR).is_ok_and(|v| !v.is_empty());
                let required =
                    std::env::var("GRANTS_TEST_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
                assert!(
                    given || !required,
                    "{POSTGRES_URL_VAR} must be set when GRANTS_TEST_REQUIRE_POSTGRES=1"
                );
                if !given {
                    eprintln!(
                        "skipped on PostgreSQL: set {POSTGRES_URL_VAR} to run it (bash .ci/run does)"
                    );
                }
                given
            }
        }
    }
}

/// Runs each named `async fn(Backend)` once on SQLite and once on PostgreSQL,
/// as the tests `<name>::sqlite` and `<name>::postgres`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if $crate::Backend::Postgres.available() {
                    super::$name($crate::Backend::Postgres).await;
                }
            }
        }
    )*};
}

/// A fresh, empty database for one test.
#[derive(Debug)]
pub struct TestDatabase {
    /// Where the server should connect.
    pub url: String,
    /// The PostgreSQL schema, if any.
    pub schema: Option<String>,
    _dir: TempDir,
}

impl TestDatabase {
    /// Creates the database (SQLite file path or PostgreSQL schema).
    pub async fn create(backend: Backend) -> TestDatabase {
        let dir = tempfile::tempdir().expect("temporary folder");
        match backend {
            Backend::Sqlite => TestDatabase {
                url: format!(
                    "sqlite://{}?mode=rwc",
                    dir.path().join("test.sqlite").display()
                ),
                schema: None,
                _dir: dir,
            },
            Backend::Postgres => {
                let url = std::env::var(POSTGRES_URL_VAR).expect("checked by Backend::available");
                let schema = format!("t_{}", uuid::Uuid::now_v7().simple());
                let db = Database::connect(&url)
                    .await
                    .expect("PostgreSQL is reachable");
                db.execute_unprepared(&format!("CREATE SCHEMA \"{schema}\""))
                    .await
                    .expect("schema created");
                db.close().await.expect("closed");
                TestDatabase {
                    url,
                    schema: Some(schema),
                    _dir: dir,
                }
            }
        }
    }

    /// Drops the PostgreSQL schema; the SQLite folder goes with `self`.
    pub async fn drop_database(self) {
        if let Some(schema) = &self.schema {
            let db = Database::connect(&self.url)
                .await
                .expect("PostgreSQL is reachable");
            db.execute_unprepared(&format!("DROP SCHEMA \"{schema}\" CASCADE"))
                .await
                .expect("schema dropped");
            db.close().await.expect("closed");
        }
    }

    /// A configuration pointing at this database, listening on a random port.
    pub fn config(&self) -> Config {
        let mut config = Config::load(None).expect("built-in configuration");
        config.server.host = "127.0.0.1".into();
        config.server.port = 0;
        config.server.shutdown_grace_seconds = 5;
        config.database.url = self.url.clone().into();
        config.database.max_connections = 4;
        config.database.schema = self.schema.clone().unwrap_or_default();
        config.data_dir = self._dir.path().join("data");
        config.log.filter = "warn".into();
        config.timers.poll_interval_ms = 100;
        config.mail.dispatch_interval_ms = 100;
        config.mail.retry_base_ms = 200;
        config.mail.retry_cap_ms = 1000;
        config
    }

    /// Writes a configuration file for this database into `dir`, for commands run with `--config`.
    pub fn write_config_file(&self, dir: &std::path::Path) -> std::path::PathBuf {
        self.write_config_file_with(dir, "")
    }

    /// Like [`TestDatabase::write_config_file`], with more TOML sections appended.
    pub fn write_config_file_with(&self, dir: &std::path::Path, more: &str) -> std::path::PathBuf {
        let file = dir.join("grants.toml");
        let schema = self.schema.clone().unwrap_or_default();
        std::fs::write(
            &file,
            format!(
                "[database]\nurl = \"{}\"\nschema = \"{schema}\"\n[log]\nfilter = \"warn\"\n{more}",
                self.url
            ),
        )
        .expect("configuration written");
        file
    }

    /// Every row of every table as text: for SQLite, a vacuumed copy of the
    /// file (no free pages left holding deleted rows); for PostgreSQL, each
    /// row as JSON. What a search for a person's traces reads.
    pub async fn dump(&self) -> String {
        use sea_orm::{ConnectionTrait, Statement};
        let db = self.connect().await;
        let dump = match &self.schema {
            None => {
                let dir = tempfile::tempdir().expect("a folder");
                let copy = dir.path().join("dump.sqlite");
                db.execute_unprepared(&format!("VACUUM INTO '{}'", copy.display()))
                    .await
                    .expect("vacuumed into a copy");
                String::from_utf8_lossy(&std::fs::read(&copy).expect("the copy")).into_owned()
            }
            Some(schema) => {
                let backend = db.get_database_backend();
                let tables = db
                    .query_all_raw(Statement::from_sql_and_values(
                        backend,
                        "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = $1",
                        [schema.clone().into()],
                    ))
                    .await
                    .expect("the tables");
                let mut dump = String::new();
                for table in tables {
                    let name: String = table.try_get("", "name").expect("a name");
                    let rows = db
                        .query_all_raw(Statement::from_string(
                            backend,
                            format!(
                                "SELECT row_to_json(t)::text AS row FROM \"{schema}\".\"{name}\" t"
                            ),
                        ))
                        .await
                        .expect("the rows");
                    for row in rows {
                        dump.push_str(&row.try_get::<String>("", "row").expect("a row"));
                        dump.push('\n');
                    }
                }
                dump
            }
        };
        db.close().await.expect("closed");
        dump
    }

    /// A direct connection to the database, for tampering tests and checks behind the API.
    pub async fn connect(&self) -> sea_orm::DatabaseConnection {
        let mut options = sea_orm::ConnectOptions::new(self.url.clone());
        options.sqlx_logging(false).max_connections(1);
        if let Some(schema) = &self.schema {
            options.set_schema_search_path(schema.clone());
        }
        Database::connect(options).await.expect("connects")
    }
}

/// The real server, running on a random port over a fresh database.
#[derive(Debug)]
pub struct TestApp {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// Where `/metrics` answers, when the configuration asks for it.
    pub metrics_base: Option<String>,
    /// A client without cookies or redirects.
    pub client: reqwest::Client,
    /// The configuration the server runs with.
    pub config: Config,
    /// The server's database.
    pub database: TestDatabase,
    /// The server's business clock: advance it to let days pass.
    pub clock: grants_app::Clock,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<anyhow::Result<()>>>,
}

/// A response, read whole.
#[derive(Debug)]
pub struct Reply {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: header::HeaderMap,
    /// The body as JSON (`Null` if empty or not JSON).
    pub body: Value,
}

/// The `"id"` of a JSON object the API answered with.
pub trait HasId {
    /// The id, which must be a string.
    fn id(&self) -> String;
}

impl HasId for Value {
    #[track_caller]
    fn id(&self) -> String {
        match self["id"].as_str() {
            Some(id) => id.to_owned(),
            None => panic!("an \"id\" string in {self:#}"),
        }
    }
}

impl Reply {
    /// The body's `"id"`, which must be a string.
    #[track_caller]
    pub fn id(&self) -> String {
        self.body.id()
    }

    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The fields named in a problem+json body's `errors`.
    pub fn error_fields(&self) -> Vec<String> {
        self.body["errors"]
            .as_array()
            .map(|errors| {
                errors
                    .iter()
                    .filter_map(|e| e["field"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn expect(&self, status: u16) -> &Reply {
        assert_eq!(
            self.status.as_u16(),
            status,
            "unexpected status; body: {:#}",
            self.body
        );
        self
    }

    /// Asserts a problem+json answer with this status.
    #[track_caller]
    pub fn expect_problem(&self, status: u16) -> &Reply {
        self.expect(status);
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        assert_eq!(self.body["status"], status);
        self
    }
}

impl TestApp {
    /// Starts the server with the default test configuration.
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, |_| {}).await
    }

    /// Starts the server after `adjust` has changed the configuration.
    pub async fn spawn_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
        if let Ok(filter) = std::env::var("GRANTS_TEST_LOG") {
            // Server logs on request, for debugging a test.
            grants_server::telemetry::init(grants_server::config::LogFormat::Human, &filter);
        }
        let database = TestDatabase::create(backend).await;
        TestApp::spawn_on(database, adjust).await
    }

    /// The real server over `database` as it is (a restored backup, say),
    /// with its configuration adjusted; the test administrator is made if
    /// the database has none.
    pub async fn spawn_on(database: TestDatabase, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let mut config = database.config();
        adjust(&mut config);
        let application = Application::build(&config, true)
            .await
            .expect("the server builds");
        let admin = grants_app::users::CreateUserInput {
            email: ADMIN_EMAIL.into(),
            name: "Test Administrator".into(),
            password: ADMIN_PASSWORD.to_owned().into(),
            locale: None,
            country: Some("GR".into()),
            organisation: None,
            expertise_tags: Vec::new(),
            roles: vec![grants_app::users::RoleGrantInput {
                role: "admin".into(),
                area: None,
            }],
        };
        match grants_app::users::bootstrap_user(application.app(), admin).await {
            Ok(_) | Err(grants_app::AppError::Duplicate { .. }) => {}
            Err(e) => panic!("the administrator is not created: {e}"),
        }
        let address = application.local_addr().expect("bound");
        let metrics_base = application
            .metrics_addr()
            .expect("bound")
            .map(|address| format!("http://{address}"));
        let clock = application.app().clock().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(application.run_until(async move {
            let _ = stopped.await;
        }));
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .build()
            .expect("client");
        TestApp {
            base: format!("http://{address}"),
            metrics_base,
            client,
            config,
            database,
            clock,
            stop: Some(stop),
            server: Some(server),
        }
    }

    /// Talks to a server running elsewhere (a [`child::ChildServer`]) over
    /// `database`. Its [`TestApp::clock`] is not that server's: moving it
    /// moves nothing.
    pub fn attach(base: &str, database: TestDatabase) -> TestApp {
        let config = database.config();
        TestApp {
            base: base.to_owned(),
            metrics_base: None,
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(30))
                .build()
                .expect("client"),
            config,
            database,
            clock: grants_app::Clock::default(),
            stop: None,
            server: None,
        }
    }

    /// Stops the server (waiting for in-flight requests) and drops the database.
    pub async fn finish(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            server
                .await
                .expect("server task")
                .expect("server stopped cleanly");
        }
        self.database.drop_database().await;
    }

    /// Sends a request; `body` goes as JSON when given.
    pub async fn request(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
    ) -> Reply {
        self.request_with(method, path, token, body, &[]).await
    }

    /// Sends a request with extra headers.
    pub async fn request_with(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> Reply {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("the server answers");
        Reply::read(response).await
    }

    /// Sends raw bytes with a content type.
    pub async fn send_raw(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        content_type: &str,
        body: &'static str,
    ) -> Reply {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header(header::CONTENT_TYPE, content_type)
            .body(body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        Reply::read(request.send().await.expect("the server answers")).await
    }

    /// POST a file as a multipart form, in the field `file`.
    pub async fn upload(
        &self,
        path: &str,
        token: Option<&str>,
        file: (&str, &str, Vec<u8>),
    ) -> Reply {
        self.upload_with(path, token, file, &[]).await
    }

    /// [`TestApp::upload`] with extra headers.
    pub async fn upload_with(
        &self,
        path: &str,
        token: Option<&str>,
        (file_name, content_type, bytes): (&str, &str, Vec<u8>),
        headers: &[(&str, &str)],
    ) -> Reply {
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(file_name.to_owned())
            .mime_str(content_type)
            .expect("a valid content type");
        let form = reqwest::multipart::Form::new().part("file", part);
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .multipart(form);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        Reply::read(request.send().await.expect("the server answers")).await
    }

    /// GET a download: its status, headers and bytes.
    pub async fn download(
        &self,
        path: &str,
        token: Option<&str>,
    ) -> (StatusCode, header::HeaderMap, Vec<u8>) {
        self.download_with(path, token, &[]).await
    }

    /// [`TestApp::download`] with extra headers.
    pub async fn download_with(
        &self,
        path: &str,
        token: Option<&str>,
        headers: &[(&str, &str)],
    ) -> (StatusCode, header::HeaderMap, Vec<u8>) {
        let mut request = self.client.get(format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("the body arrives");
        (status, headers, bytes.to_vec())
    }

    /// GET.
    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        self.request(Method::GET, path, token, None).await
    }

    /// GET a text download (CSV) with a token: its status and body.
    pub async fn get_text(&self, path: &str, token: &str) -> (StatusCode, String) {
        let response = self
            .client
            .get(format!("{}{path}", self.base))
            .bearer_auth(token)
            .send()
            .await
            .expect("the server answers");
        let status = response.status();
        (status, response.text().await.expect("the body arrives"))
    }

    /// POST with a JSON body.
    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> Reply {
        self.request(Method::POST, path, token, Some(body)).await
    }

    /// PATCH with a JSON body and If-Match.
    pub async fn patch(
        &self,
        path: &str,
        token: &str,
        revision: Option<i64>,
        body: &Value,
    ) -> Reply {
        let etag = revision.map(|r| format!("\"{r}\""));
        let headers: Vec<(&str, &str)> = etag.iter().map(|e| ("if-match", e.as_str())).collect();
        self.request_with(Method::PATCH, path, Some(token), Some(body), &headers)
            .await
    }

    /// Logs in and returns the reply.
    pub async fn login_reply(&self, email: &str, password: &str) -> Reply {
        self.post(
            "/auth/token",
            None,
            &json!({ "email": email, "password": password }),
        )
        .await
    }

    /// The code an authenticator app shows for `secret` at the server's time.
    pub fn totp(&self, secret: &str) -> String {
        let secret = totp_rs::Secret::try_from_base32(secret).expect("a base32 secret");
        let totp = totp_rs::Builder::new()
            .with_secret(secret)
            .with_digits(6)
            .with_step_duration(30)
            .with_skew(1)
            .build()
            .expect("a TOTP");
        let now = u64::try_from(self.clock.now().timestamp()).expect("after 1970");
        totp.generate(now).to_string()
    }

    /// The app's next code: the clock moves one step (thirty seconds) on,
    /// since each code is accepted once.
    pub fn next_totp(&self, secret: &str) -> String {
        self.clock.advance(chrono::Duration::seconds(30));
        self.totp(secret)
    }

    /// Sets up two-step sign-in for the holder of `token` through the API:
    /// the secret and the ten recovery codes.
    pub async fn enrol_second_factor(&self, token: &str) -> (String, Vec<String>) {
        let started = self
            .post("/me/second-factor/enrolment", Some(token), &json!({}))
            .await;
        started.expect(200);
        let secret = started.body["secret"]
            .as_str()
            .expect("a secret")
            .to_owned();
        let confirmed = self
            .post(
                "/me/second-factor/enrolment/confirm",
                Some(token),
                &json!({ "code": self.totp(&secret) }),
            )
            .await;
        confirmed.expect(200);
        let codes = confirmed.body["codes"]
            .as_array()
            .expect("recovery codes")
            .iter()
            .filter_map(|c| c.as_str().map(str::to_owned))
            .collect();
        (secret, codes)
    }

    /// Logs in (every test account shares one password) as a program that
    /// names itself `agent` in its `User-Agent`, and returns the bearer token.
    pub async fn login_as_program(&self, email: &str, agent: &str) -> String {
        let reply = self
            .request_with(
                Method::POST,
                "/auth/token",
                None,
                Some(&json!({ "email": email, "password": ADMIN_PASSWORD })),
                &[("user-agent", agent)],
            )
            .await;
        reply.expect(201);
        reply.body["token"].as_str().expect("token").to_owned()
    }

    /// Logs in and returns the bearer token.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let reply = self.login_reply(email, password).await;
        reply.expect(201);
        reply.body["token"].as_str().expect("token").to_owned()
    }

    /// Signs in through the login page (every test account shares one
    /// password) and returns the session cookie, `name=value`.
    pub async fn session_cookie(&self, email: &str) -> String {
        let signed_in = sign_in_by_form(&self.client, &self.base, email, ADMIN_PASSWORD).await;
        assert_eq!(signed_in.status(), 303);
        signed_in
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|c| c.split(';').next())
            .expect("a session cookie")
            .to_owned()
    }

    /// Takes `steps` on a proposal, each as (token, transition), with
    /// If-Match counting up from `revision`; each must answer 200.
    pub async fn take_steps(&self, proposal: &str, revision: i64, steps: &[(&str, &str)]) {
        for (taken, (token, step)) in (revision..).zip(steps) {
            self.transition(token, proposal, step, taken, &json!({}))
                .await
                .expect(200);
        }
    }

    /// Takes the transition `name` on a proposal as `token`, with the
    /// revision `reader` (who must see the proposal) reads now in If-Match.
    pub async fn transition_now(
        &self,
        reader: &str,
        token: &str,
        proposal: &str,
        name: &str,
        body: &Value,
    ) -> Reply {
        let current = self
            .get(&format!("/proposals/{proposal}"), Some(reader))
            .await;
        current.expect(200);
        let revision = current.body["revision"].as_i64().expect("a revision");
        self.transition(token, proposal, name, revision, body).await
    }

    /// Takes the transition `name` on a proposal as `token`, with
    /// `revision` in If-Match.
    pub async fn transition(
        &self,
        token: &str,
        proposal: &str,
        name: &str,
        revision: i64,
        body: &Value,
    ) -> Reply {
        self.request_with(
            Method::POST,
            &format!("/proposals/{proposal}/transitions/{name}"),
            Some(token),
            Some(body),
            &[("if-match", &format!("\"{revision}\""))],
        )
        .await
    }

    /// An applicant `email` with a draft in a new open programme `code`
    /// and a small PDF `file_name` attached to it: the applicant's id and
    /// token, and the attachment's id.
    pub async fn draft_with_file(
        &self,
        code: &str,
        email: &str,
        file_name: &str,
    ) -> (String, String, String) {
        let admin = self.admin_token().await;
        let programme = self
            .post("/programmes", Some(&admin), &open_programme_json(code))
            .await;
        programme.expect(201);
        let (id, token) = self.user_with_roles(email, &["applicant"]).await;
        let draft = self
            .post(
                "/proposals",
                Some(&token),
                &complete_proposal_json(&programme.id(), "MK"),
            )
            .await;
        draft.expect(201);
        let uploaded = self
            .upload(
                &format!("/proposals/{}/attachments", draft.id()),
                Some(&token),
                (file_name, "application/pdf", b"%PDF-1.7\nsmall".to_vec()),
            )
            .await;
        uploaded.expect(201);
        (id, token, uploaded.id())
    }

    /// The administrator's token.
    pub async fn admin_token(&self) -> String {
        self.login(ADMIN_EMAIL, ADMIN_PASSWORD).await
    }

    /// Creates a user with `roles` (`"ambassador:MK"` style) as the administrator; returns (id, token).
    pub async fn user_with_roles(&self, email: &str, roles: &[&str]) -> (String, String) {
        self.user_speaking(email, roles, "en").await
    }

    /// Like [`TestApp::user_with_roles`], with the person's language.
    pub async fn user_speaking(
        &self,
        email: &str,
        roles: &[&str],
        locale: &str,
    ) -> (String, String) {
        let admin = self.admin_token().await;
        let roles: Vec<Value> = roles
            .iter()
            .map(|r| match r.split_once(':') {
                Some((role, area)) => json!({ "role": role, "area": area }),
                None => json!({ "role": r }),
            })
            .collect();
        let reply = self
            .post(
                "/users",
                Some(&admin),
                &json!({
                    "email": email,
                    "name": "Test Person",
                    "password": ADMIN_PASSWORD,
                    "country": "MK",
                    "locale": locale,
                    "roles": roles,
                }),
            )
            .await;
        reply.expect(201);
        (reply.id(), self.login(email, ADMIN_PASSWORD).await)
    }
}

impl Reply {
    async fn read(response: reqwest::Response) -> Reply {
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("the body arrives");
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
        }
    }
}

/// A valid programme whose call opened yesterday and closes in a month.
pub fn open_programme_json(code: &str) -> Value {
    let mut programme = programme_json(code);
    let now = chrono::Utc::now();
    programme["opens_at"] = json!(now - chrono::Duration::days(1));
    programme["closes_at"] = json!(now + chrono::Duration::days(30));
    programme
}

/// A proposal with every field filled in, for a programme made by [`programme_json`].
pub fn complete_proposal_json(programme_id: &str, country: &str) -> Value {
    json!({
        "programme_id": programme_id,
        "title": "Maker space for teenagers",
        "summary": "A maker space in the children's department.",
        "problem": "Teenagers stop visiting the library at 13.",
        "proposed_service": "Weekly maker workshops with 3D printing.",
        "target_group": "Teenagers aged 13 to 18.",
        "planned_activities": "Buy equipment, train two librarians, run 40 workshops.",
        "budget_lines": [
            { "description": "3D printer", "amount": { "minor": 150_000, "currency": "EUR" } },
            { "description": "Materials", "amount": { "minor": 50_000, "currency": "EUR" } }
        ],
        "requested_amount": { "minor": 200_000, "currency": "EUR" },
        "country": country,
        "organisation": "City Library",
        "tags": ["makerspace", "teenagers"],
        "language": "mk"
    })
}

/// A valid programme, as the API takes it.
pub fn programme_json(code: &str) -> Value {
    json!({
        "code": code,
        "title": { "en": "Innovation Awards 2027", "mk": "Награди за иновации 2027" },
        "description": { "en": "New library services." },
        "default_locale": "en",
        "time_zone": "Europe/Skopje",
        "currency": "EUR",
        "budget": { "minor": 10_000_000, "currency": "EUR" },
        "min_award": { "minor": 100_000, "currency": "EUR" },
        "max_award": { "minor": 1_500_000, "currency": "EUR" },
        "opens_at": "2027-01-10T09:00:00Z",
        "closes_at": "2027-03-12T16:00:00+01:00",
        "eligible_countries": ["AL", "BA", "BG", "HR", "GR", "XK", "ME", "MK", "RO", "RS", "SI"],
        "rubric": [
            { "key": "impact", "title": { "en": "Impact" }, "weight": 3, "scale_min": 1, "scale_max": 5,
              "guidance": { "en": "Who benefits?" } },
            { "key": "feasibility", "title": { "en": "Feasibility" }, "weight": 2, "scale_min": 1, "scale_max": 5,
              "allow_not_applicable": true }
        ],
        "reviews_per_proposal": 3,
        "reviewer_load_cap": 8,
        "conflict_policy": { "same_organisation": true, "same_country": true },
        "tranche_template": [
            { "key": "signing", "percent": 60, "condition": { "kind": "agreement_signed" } },
            { "key": "interim", "percent": 30, "condition": { "kind": "report_accepted", "report": "interim" } },
            { "key": "final", "percent": 10, "condition": { "kind": "report_accepted", "report": "final" } }
        ],
        "reporting_schedule": [
            { "key": "interim", "kind": "interim", "months_after_start": 6 },
            { "key": "final", "kind": "final", "months_after_start": 12 }
        ]
    })
}

/// Signs in as a browser does: reads the sign-in form (its nonce, in a
/// cookie and in the form), then posts it with both. The answer is the
/// post's, not followed.
pub async fn sign_in_by_form(
    client: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let form = client
        .get(format!("{base}/app/login"))
        .send()
        .await
        .expect("the sign-in form");
    let cookie = form
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("grants_login="))
        .and_then(|c| c.split(';').next())
        .expect("the sign-in form's cookie")
        .to_owned();
    let page = form.text().await.expect("the form");
    let marker = "name=\"login_nonce\" value=\"";
    let start = page.find(marker).expect("the nonce field") + marker.len();
    let nonce = page[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned();
    client
        .post(format!("{base}/app/login"))
        .header("cookie", cookie)
        .form(&[
            ("email", email),
            ("password", password),
            ("login_nonce", &nonce),
        ])
        .send()
        .await
        .expect("answers")
}

/// A call with a proposal submitted in each script of the region, for the
/// search and export tests: its id, a programme manager who sees them all,
/// Macedonia's ambassador who sees Macedonia's, and each applicant's token.
#[derive(Debug)]
pub struct CallInManyScripts {
    /// The programme.
    pub programme: String,
    /// A programme manager's token.
    pub manager: String,
    /// Macedonia's ambassador's token.
    pub ambassador: String,
    /// Each applicant's token, in the order of [`CallInManyScripts::PROPOSALS`].
    pub applicants: Vec<String>,
}

impl CallInManyScripts {
    /// Each proposal: its applicant, country, title and summary.
    pub const PROPOSALS: [(&str, &str, &str, &str); 4] = [
        (
            "rs@tests.example",
            "RS",
            "Библиотека Београд за децу",
            "Читаоница у центру.",
        ),
        (
            "mk@tests.example",
            "MK",
            "Kumanovo reads aloud",
            "Reading circles for seniors.",
        ),
        (
            "si@tests.example",
            "SI",
            "Češko branje",
            "Knjige v češčini.",
        ),
        (
            "gr@tests.example",
            "GR",
            "Βιβλιοθήκη της Αθήνας",
            "Ψηφιακά βιβλία.",
        ),
    ];

    /// Opens the call `code` and submits each proposal, after `adjust`
    /// has changed what its applicant writes.
    pub async fn open(app: &TestApp, code: &str, adjust: impl Fn(&mut Value)) -> Self {
        let admin = app.admin_token().await;
        let programme = app
            .post("/programmes", Some(&admin), &open_programme_json(code))
            .await;
        programme.expect(201);
        let programme = programme.id();
        let (_, manager) = app
            .user_with_roles("manager@tests.example", &["programme_manager"])
            .await;
        let (_, ambassador) = app
            .user_with_roles("amb.mk@tests.example", &["ambassador:MK"])
            .await;
        let mut applicants = Vec::new();
        for (email, country, title, summary) in Self::PROPOSALS {
            let (_, token) = app.user_with_roles(email, &["applicant"]).await;
            let mut body = complete_proposal_json(&programme, country);
            body["title"] = json!(title);
            body["summary"] = json!(summary);
            adjust(&mut body);
            let draft = app.post("/proposals", Some(&token), &body).await;
            draft.expect(201);
            app.transition_now(&token, &token, &draft.id(), "submit", &json!({}))
                .await
                .expect(200);
            applicants.push(token);
        }
        CallInManyScripts {
            programme,
            manager,
            ambassador,
            applicants,
        }
    }
}
