//! The one set-up most tests start from, built step by step as crates.io
//! builds its test data (`TestApp::init().with_user()`): a server, its
//! programme manager, an applicant from North Macedonia and an open
//! programme, and whatever else the test asks for first.
//!
//! ```ignore
//! let w = TestApp::init(backend)
//!     .with_user("chair@tests.example", &["jury_chair"])
//!     .with_open_programme("FILES")
//!     .with_draft("MK")
//!     .await;
//! w.take(&w.applicant, w.proposal_id(), "submit", json!({})).await.expect(200);
//! w.finish().await;
//! ```
//!
//! The builder is awaited directly. A server started some other way
//! (`TestApp::spawn_with`, `TestApp::attach`) is seeded with
//! [`TestApp::seed`].

use std::future::{Future, IntoFuture};
use std::pin::Pin;

use serde_json::{Value, json};

use crate::{Backend, Reply, TestApp, complete_proposal_json, open_programme_json};

/// The programme manager of every [`World`].
pub const MANAGER_EMAIL: &str = "manager@tests.example";
/// The applicant of every [`World`].
pub const APPLICANT_EMAIL: &str = "ana@tests.example";

/// What [`TestApp::init`] and [`TestApp::seed`] build, once awaited.
#[must_use = "a builder does nothing until it is awaited"]
pub struct WorldBuilder {
    server: Server,
    people: Vec<(String, Vec<String>)>,
    applicant_locale: String,
    programme: Value,
    draft: Option<String>,
}

enum Server {
    /// Started with the default test configuration when the world is built.
    Spawn(Backend),
    /// Already running.
    Running(Box<TestApp>),
}

impl TestApp {
    /// A [`World`] on a server started with the default test configuration.
    pub fn init(backend: Backend) -> WorldBuilder {
        WorldBuilder::new(Server::Spawn(backend))
    }

    /// A [`World`] on this server (one started with
    /// [`TestApp::spawn_with`] or attached to a child process).
    pub fn seed(self) -> WorldBuilder {
        WorldBuilder::new(Server::Running(Box::new(self)))
    }
}

impl WorldBuilder {
    fn new(server: Server) -> WorldBuilder {
        WorldBuilder {
            server,
            people: Vec::new(),
            applicant_locale: "en".into(),
            programme: open_programme_json("OPEN"),
            draft: None,
        }
    }

    /// Someone else with `roles` (`"ambassador:MK"` style), created after
    /// the manager and before the applicant; their token is
    /// [`World::token`].
    pub fn with_user(mut self, email: &str, roles: &[&str]) -> WorldBuilder {
        self.people.push((
            email.to_owned(),
            roles.iter().map(|r| (*r).to_owned()).collect(),
        ));
        self
    }

    /// The applicant's language (English unless given).
    pub fn with_applicant_speaking(mut self, locale: &str) -> WorldBuilder {
        self.applicant_locale = locale.to_owned();
        self
    }

    /// The programme is [`open_programme_json`] with this code (`OPEN` unless given).
    pub fn with_open_programme(self, code: &str) -> WorldBuilder {
        self.with_programme(open_programme_json(code))
    }

    /// The programme, as the API takes it.
    pub fn with_programme(mut self, programme: Value) -> WorldBuilder {
        self.programme = programme;
        self
    }

    /// A complete draft of the applicant's, from `country`: [`World::proposal_id`].
    pub fn with_draft(mut self, country: &str) -> WorldBuilder {
        self.draft = Some(country.to_owned());
        self
    }

    async fn build(self) -> World {
        let app = match self.server {
            Server::Spawn(backend) => TestApp::spawn(backend).await,
            Server::Running(app) => *app,
        };
        let (_, manager) = app
            .user_with_roles(MANAGER_EMAIL, &["programme_manager"])
            .await;
        let mut people = Vec::new();
        for (email, roles) in self.people {
            let roles: Vec<&str> = roles.iter().map(String::as_str).collect();
            let (id, token) = app.user_with_roles(&email, &roles).await;
            people.push(Person { email, id, token });
        }
        let (_, applicant) = app
            .user_speaking(APPLICANT_EMAIL, &["applicant"], &self.applicant_locale)
            .await;
        let programme = app
            .post("/programmes", Some(&manager), &self.programme)
            .await;
        programme.expect(201);
        let mut world = World {
            app,
            manager,
            applicant,
            programme_id: programme.id(),
            people,
            draft: None,
        };
        if let Some(country) = self.draft {
            world.draft = Some(world.draft(&country).await);
        }
        world
    }
}

impl IntoFuture for WorldBuilder {
    type Output = World;
    type IntoFuture = Pin<Box<dyn Future<Output = World> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.build())
    }
}

/// Someone [`WorldBuilder::with_user`] added.
#[derive(Debug)]
struct Person {
    email: String,
    id: String,
    token: String,
}

/// A running server with a programme manager, an applicant from North
/// Macedonia and an open programme; see the [module](self).
#[derive(Debug)]
pub struct World {
    /// The server.
    pub app: TestApp,
    /// The programme manager's token ([`MANAGER_EMAIL`]).
    pub manager: String,
    /// The applicant's token ([`APPLICANT_EMAIL`]).
    pub applicant: String,
    /// The programme.
    pub programme_id: String,
    people: Vec<Person>,
    draft: Option<String>,
}

impl World {
    /// The draft made by [`WorldBuilder::with_draft`].
    #[track_caller]
    pub fn proposal_id(&self) -> &str {
        self.draft
            .as_deref()
            .expect("a world built with_draft has a proposal")
    }

    /// The token of someone added with [`WorldBuilder::with_user`].
    #[track_caller]
    pub fn token(&self, email: &str) -> &str {
        &self.person(email).token
    }

    /// The user id of someone added with [`WorldBuilder::with_user`].
    #[track_caller]
    pub fn user_id(&self, email: &str) -> &str {
        &self.person(email).id
    }

    #[track_caller]
    fn person(&self, email: &str) -> &Person {
        self.people
            .iter()
            .find(|p| p.email == email)
            .unwrap_or_else(|| panic!("{email} was not added with with_user"))
    }

    /// A complete draft by the applicant from `country`; returns its id.
    pub async fn draft(&self, country: &str) -> String {
        let reply = self
            .app
            .post(
                "/proposals",
                Some(&self.applicant),
                &complete_proposal_json(&self.programme_id, country),
            )
            .await;
        reply.expect(201);
        reply.id()
    }

    /// GET a proposal.
    pub async fn get(&self, token: &str, id: &str) -> Reply {
        self.app.get(&format!("/proposals/{id}"), Some(token)).await
    }

    /// A proposal's revision, as its owner (the applicant) reads it.
    pub async fn revision(&self, id: &str) -> i64 {
        let reply = self.get(&self.applicant, id).await;
        reply.expect(200);
        reply.body["revision"].as_i64().expect("revision")
    }

    /// Takes a transition as `token` with the revision the applicant reads
    /// now in If-Match.
    pub async fn take(&self, token: &str, id: &str, name: &str, body: Value) -> Reply {
        self.app
            .transition_now(&self.applicant, token, id, name, &body)
            .await
    }

    /// Takes a transition with `revision` in If-Match.
    pub async fn take_at(
        &self,
        token: &str,
        id: &str,
        name: &str,
        revision: i64,
        body: Value,
    ) -> Reply {
        self.app.transition(token, id, name, revision, &body).await
    }

    /// A proposal's history as `token` reads it.
    pub async fn history(&self, token: &str, id: &str) -> Vec<Value> {
        let reply = self
            .app
            .get(&format!("/proposals/{id}/history"), Some(token))
            .await;
        reply.expect(200);
        reply.body.as_array().expect("events").clone()
    }

    /// The manager moves the programme's call to have closed a minute ago.
    pub async fn close_the_call(&self) {
        let path = format!("/programmes/{}", self.programme_id);
        let revision = self.app.get(&path, Some(&self.manager)).await.body["revision"]
            .as_i64()
            .expect("a revision");
        let now = chrono::Utc::now();
        self.app
            .patch(
                &path,
                &self.manager,
                Some(revision),
                &json!({
                    "opens_at": now - chrono::Duration::days(10),
                    "closes_at": now - chrono::Duration::minutes(1),
                }),
            )
            .await
            .expect(200);
    }

    /// Stops the server and drops its database.
    pub async fn finish(self) {
        self.app.finish().await;
    }
}

/// The id of the demo programme with this code, as the demo's manager reads it.
pub async fn demo_programme_id(app: &TestApp, code: &str) -> String {
    let manager = app
        .login(
            "manager@innovation-awards.example",
            grants_server::demo::DEMO_PASSWORD,
        )
        .await;
    let programmes = app.get("/programmes", Some(&manager)).await;
    programmes.expect(200);
    programmes.body["items"]
        .as_array()
        .expect("programmes")
        .iter()
        .find(|p| p["code"] == code)
        .and_then(|p| p["id"].as_str())
        .unwrap_or_else(|| panic!("the demo programme {code}"))
        .to_owned()
}
