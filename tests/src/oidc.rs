//! A real OpenID provider for the sign-in tests: npm's `oidc-provider`,
//! run by node from `tests/oidc` (installed by `scripts/test`), and a
//! server configured to sign in with it.

use std::process::Stdio;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::{Backend, TestApp};

/// The provider's name in our addresses, as the tests configure it.
pub const PROVIDER: &str = "org";
/// What its button says.
pub const LABEL: &str = "Library Network account";
const CLIENT_ID: &str = "innovation-awards";
const CLIENT_SECRET: &str = "a-client-secret-for-tests";

/// The provider, running until dropped.
#[derive(Debug)]
pub struct OidcProvider {
    /// Its issuer, `http://127.0.0.1:<port>`.
    pub issuer: String,
    _child: Child,
}

impl OidcProvider {
    /// Starts the provider with one client whose redirect address is
    /// `redirect_uri`, and these accounts (`login`, `sub`, `email`,
    /// `email_verified`, `name`).
    pub async fn start(redirect_uri: &str, accounts: &Value) -> OidcProvider {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/oidc");
        assert!(
            std::path::Path::new(dir)
                .join("node_modules/oidc-provider")
                .exists(),
            "the sign-in tests need the OpenID provider: run `bash scripts/test`, which installs it"
        );
        let mut child = Command::new("node")
            .arg("provider.mjs")
            .current_dir(dir)
            .env("OIDC_PORT", "0")
            .env("OIDC_CLIENT_ID", CLIENT_ID)
            .env("OIDC_CLIENT_SECRET", CLIENT_SECRET)
            .env("OIDC_REDIRECT_URI", redirect_uri)
            .env("OIDC_ACCOUNTS", accounts.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("node starts the OpenID provider");
        let stdout = child.stdout.take().expect("its output");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .await
            .expect("the provider says where it listens");
        let issuer = line
            .trim()
            .strip_prefix("listening ")
            .unwrap_or_else(|| panic!("the provider did not start: {line:?}"))
            .to_owned();
        OidcProvider {
            issuer,
            _child: child,
        }
    }
}

impl TestApp {
    /// The server, signing in with a real OpenID provider that holds
    /// `accounts`. The server's port is chosen first: the provider must
    /// know the address it sends people back to.
    pub async fn spawn_with_provider(
        backend: Backend,
        accounts: &Value,
    ) -> (TestApp, OidcProvider) {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let base = format!("http://127.0.0.1:{port}");
        let provider = OidcProvider::start(
            &format!("{base}/app/login/oidc/{PROVIDER}/callback"),
            accounts,
        )
        .await;
        let issuer = provider.issuer.clone();
        let app = TestApp::spawn_with(backend, move |config| {
            config.server.port = port;
            config.server.public_url = base;
            config.auth.oidc = vec![grants_server::config::OidcProviderConfig {
                name: PROVIDER.into(),
                label: LABEL.into(),
                issuer,
                client_id: CLIENT_ID.into(),
                client_secret: CLIENT_SECRET.to_owned().into(),
            }];
        })
        .await;
        (app, provider)
    }

    /// A browser-like client: keeps cookies (ours and the provider's) and
    /// follows redirects.
    pub fn browser_client(&self) -> reqwest::Client {
        reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::limited(10))
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .expect("client")
    }

    /// Signs in through the provider as its account `login`, the way a
    /// browser does it: our button, the provider's form, back to us. The
    /// final answer (status, address, page).
    pub async fn sign_in_with_provider(
        &self,
        client: &reqwest::Client,
        login: &str,
    ) -> (reqwest::StatusCode, String, String) {
        let at_provider = client
            .get(format!("{}/app/login/oidc/{PROVIDER}", self.base))
            .send()
            .await
            .expect("to the provider");
        assert_eq!(at_provider.status(), 200, "the provider's sign-in form");
        let form = format!("{}/login", at_provider.url());
        let back = client
            .post(form)
            .form(&[("login", login)])
            .send()
            .await
            .expect("back from the provider");
        let status = back.status();
        let url = back.url().to_string();
        let page = back.text().await.expect("a page");
        (status, url, page)
    }
}
