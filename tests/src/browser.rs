//! Headless Chromium for the page tests, driven over WebDriver by
//! chromedriver (Debian's `chromium` and `chromium-driver`, which
//! `bash scripts/test` installs). Each browser has its own chromedriver
//! process on a free port, stopped when the browser is dropped.

use std::process::Stdio;
use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde::Deserialize;
use serde_json::json;
use tokio::process::{Child, Command};

use crate::smtp::free_port;

/// A headless browser, phone-sized, with a session of its own.
#[derive(Debug)]
pub struct Browser {
    /// The WebDriver session.
    pub client: Client,
    /// Where the server under test listens.
    pub base: String,
    _driver: Child,
}

/// An accessibility rule a page breaks, as axe-core reports it.
#[derive(Debug, Clone, Deserialize)]
pub struct Violation {
    /// The rule, e.g. `color-contrast`.
    pub id: String,
    /// `serious` or `critical`.
    pub impact: String,
    /// What the rule asks for.
    pub help: String,
    /// Where the rule is explained.
    pub help_url: String,
    /// The elements that break it.
    pub nodes: Vec<ViolationNode>,
}

/// An element that breaks an accessibility rule.
#[derive(Debug, Clone, Deserialize)]
pub struct ViolationNode {
    /// A CSS selector for the element.
    pub target: String,
    /// What is wrong with it and how to fix it.
    pub summary: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "- {} ({}): {} <{}>",
            self.id, self.impact, self.help, self.help_url
        )?;
        for node in &self.nodes {
            write!(f, "\n    at `{}`: {}", node.target, node.summary)?;
        }
        Ok(())
    }
}

/// axe-core's script, which `npm ci --prefix tests/axe` installs (as
/// `bash scripts/test` does), read once.
fn axe_source() -> &'static str {
    static SOURCE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SOURCE.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("axe/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "the accessibility check needs axe-core at {}: run `bash scripts/test` or `npm ci --prefix tests/axe` ({e})",
                path.display()
            )
        })
    })
}

fn program(env: &str, default: &str) -> String {
    std::env::var(env).unwrap_or_else(|_| default.to_owned())
}

impl Browser {
    /// Starts chromedriver and a headless Chromium for the server at `base`.
    pub async fn start(base: &str) -> Browser {
        let driver_path = program("GRANTS_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        assert!(
            std::path::Path::new(&driver_path).exists(),
            "the page tests need Chromium: run `bash scripts/test`, which installs Debian's chromium and chromium-driver"
        );
        let port = free_port();
        let driver = Command::new(&driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromedriver starts");
        let capabilities = json!({
            "goog:chromeOptions": {
                "binary": program("GRANTS_TEST_CHROMIUM", "/usr/bin/chromium"),
                "args": ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                         "--disable-gpu", "--window-size=390,844", "--lang=en"]
            }
        });
        let capabilities = capabilities
            .as_object()
            .cloned()
            .expect("capabilities are an object");
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = String::new();
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Browser {
                        client,
                        base: base.to_owned(),
                        _driver: driver,
                    };
                }
                Err(err) => last_error = err.to_string(),
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("no browser session: {last_error}");
    }

    /// Opens a page of the server under test.
    pub async fn open(&self, path: &str) {
        self.client
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("the page opens");
        self.check_page().await;
    }

    /// Checks what every page owes everyone, on the phone-sized window:
    /// a language, a label for every field, a name for every button, and
    /// no sideways scrolling.
    pub async fn check_page(&self) {
        let found = self
            .client
            .execute(
                r#"
                const d = document;
                const fields = [...d.querySelectorAll('input:not([type=hidden]), select, textarea')];
                const unlabelled = fields
                  .filter(e => !(e.id && d.querySelector(`label[for="${e.id}"]`)) && !e.closest('label') && !e.getAttribute('aria-label'))
                  .map(e => e.name || e.id || e.outerHTML.slice(0, 60));
                const unnamed = [...d.querySelectorAll('button')]
                  .filter(b => !b.textContent.trim() && !b.getAttribute('aria-label'))
                  .map(b => b.outerHTML.slice(0, 60));
                return {
                  lang: d.documentElement.lang,
                  unlabelled, unnamed,
                  overflow: d.documentElement.scrollWidth > d.documentElement.clientWidth + 1,
                  path: location.pathname,
                };
                "#,
                vec![],
            )
            .await
            .expect("the page answers a script");
        let path = found["path"].as_str().unwrap_or_default();
        assert!(
            found["lang"].as_str().is_some_and(|l| !l.is_empty()),
            "{path}: the page has no language"
        );
        assert_eq!(
            found["unlabelled"],
            serde_json::json!([]),
            "{path}: fields without a label"
        );
        assert_eq!(
            found["unnamed"],
            serde_json::json!([]),
            "{path}: buttons without a name"
        );
        assert_eq!(
            found["overflow"], false,
            "{path}: the page scrolls sideways on a phone"
        );
    }

    /// The current path (without the server's address).
    pub async fn path(&self) -> String {
        let url = self.client.current_url().await.expect("a URL");
        let path = url.path().to_owned();
        match url.query() {
            Some(query) => format!("{path}?{query}"),
            None => path,
        }
    }

    /// The element `css` selects.
    pub async fn find(&self, css: &str) -> Element {
        self.client
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element '{css}': {e}"))
    }

    /// The text of the element `css` selects.
    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.expect("its text")
    }

    /// Types into the field `css` selects.
    pub async fn fill(&self, css: &str, value: &str) {
        self.find(css).await.send_keys(value).await.expect("typed");
    }

    /// What the field `css` selects holds.
    pub async fn value(&self, css: &str) -> String {
        self.find(css)
            .await
            .prop("value")
            .await
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// Whether the box `css` selects is ticked.
    pub async fn ticked(&self, css: &str) -> bool {
        self.find(css)
            .await
            .prop("checked")
            .await
            .ok()
            .flatten()
            .is_some_and(|c| c == "true")
    }

    /// Replaces what the field `css` selects holds.
    pub async fn retype(&self, css: &str, value: &str) {
        self.find(css).await.clear().await.expect("cleared");
        self.fill(css, value).await;
    }

    /// Clicks the element `css` selects.
    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.expect("clicked");
    }

    /// Clicks what `css` selects and waits for the next page to replace this one.
    pub async fn click_and_load(&self, css: &str) {
        let page = self.find("html").await;
        self.click(css).await;
        for _ in 0..200 {
            // The old page's root goes stale once the new page is in.
            if page.tag_name().await.is_err() {
                self.check_page().await;
                return;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("clicking '{css}' loaded no new page");
    }

    /// Signs in through the form.
    pub async fn sign_in(&self, email: &str, password: &str) {
        self.fill("#email", email).await;
        self.fill("#password", password).await;
        self.click_and_load("form.stack button[type=submit]").await;
    }

    /// Goes to the sign-in page: signs out whoever is signed in, or opens it.
    pub async fn to_login(&self) {
        if self.absent("form.logout button").await {
            self.open("/app/login").await;
        } else {
            self.click_and_load("form.logout button").await;
        }
    }

    /// True when nothing on the page matches `css`.
    pub async fn absent(&self, css: &str) -> bool {
        self.client.find(Locator::Css(css)).await.is_err()
    }

    /// Where the link `css` selects leads.
    pub async fn link(&self, css: &str) -> String {
        self.find(css)
            .await
            .attr("href")
            .await
            .expect("an attribute")
            .unwrap_or_else(|| panic!("'{css}' has no link"))
    }

    /// The file at `href`, fetched as the page's own download would be
    /// (with this browser's session).
    pub async fn download(&self, href: &str) -> Vec<u8> {
        let bytes = self
            .client
            .execute(
                "return fetch(arguments[0]).then(r => r.arrayBuffer()).then(b => Array.from(new Uint8Array(b)))",
                vec![serde_json::json!(href)],
            )
            .await
            .expect("the file downloads");
        serde_json::from_value(bytes).expect("the file's bytes")
    }

    /// Signs out and in again as `email` (every test account shares one password).
    pub async fn sign_out_and_in(&self, email: &str) {
        self.click_and_load("form.logout button").await;
        self.sign_in(email, crate::ADMIN_PASSWORD).await;
    }

    /// Saves what the window shows as `target/screenshots/{name}.png`, for
    /// people to look at the pages the tests visited.
    pub async fn screenshot(&self, name: &str) {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/screenshots");
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::create_dir_all(&dir).expect("the screenshot folder");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("the screenshot is written");
    }

    /// Runs axe-core's accessibility rules (WCAG 2.x A and AA, and best
    /// practices) over the current page and returns the serious and critical
    /// violations, each with the elements that break it.
    pub async fn axe_violations(&self) -> Vec<Violation> {
        let injected = self
            .client
            .execute("return typeof window.axe === 'object';", vec![])
            .await
            .expect("the page answers a script");
        if injected != serde_json::Value::Bool(true) {
            self.client
                .execute(axe_source(), vec![])
                .await
                .expect("axe-core loads into the page");
        }
        let found = self
            .client
            .execute_async(
                r#"
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] }).then(
                  (results) => done({
                    violations: results.violations
                      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                      .map((v) => ({
                        id: v.id,
                        impact: v.impact,
                        help: v.help,
                        help_url: v.helpUrl,
                        nodes: v.nodes.map((n) => ({
                          target: n.target.map(String).join(' '),
                          summary: (n.failureSummary || '').replace(/\s+/g, ' ').trim(),
                        })),
                      })),
                  }),
                  (error) => done({ error: String(error) }),
                );
                "#,
                vec![],
            )
            .await
            .expect("axe-core answers");
        if let Some(error) = found.get("error") {
            panic!("axe-core failed on the page: {error}");
        }
        serde_json::from_value(found["violations"].clone()).expect("axe-core's violations")
    }

    /// What is wrong with the current page's accessibility, naming every
    /// serious or critical rule it breaks with the elements and the fix,
    /// or `None` when nothing is. `page` names the page in the text.
    pub async fn accessibility_problems(&self, page: &str) -> Option<String> {
        let violations = self.axe_violations().await;
        if violations.is_empty() {
            return None;
        }
        let path = self.path().await;
        let mut message = format!(
            "{page} ({path}) has {} serious or critical accessibility violation(s):",
            violations.len()
        );
        for violation in &violations {
            message.push('\n');
            message.push_str(&violation.to_string());
        }
        Some(message)
    }

    /// Fails, naming every rule, element and fix, when the current page has
    /// a serious or critical accessibility violation. `page` names the page
    /// in the message.
    pub async fn assert_accessible(&self, page: &str) {
        if let Some(problems) = self.accessibility_problems(page).await {
            panic!("{problems}");
        }
    }

    /// Ends the browser session.
    pub async fn close(self) {
        self.client.close().await.expect("the browser closes");
    }
}
