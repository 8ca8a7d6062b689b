//! Every word in the reader's language: over the demo data, each role signs
//! in, picks Macedonian, and opens its main pages; none of them may show a
//! phrase of the English catalogue that Macedonian words differently (an
//! untranslated message, a refusal or a label that fell back to English).

use std::collections::BTreeMap;
use std::path::Path;

use grants_server::Application;
use grants_server::demo::{self, DEMO_DECIDED_PROGRAMME, DEMO_PASSWORD, DEMO_REVIEW_PROGRAMME};
use grants_tests::browser::Browser;
use grants_tests::fixtures::demo_programme_id;
use grants_tests::{Backend, TestApp, on_both_databases};

on_both_databases!(each_role_s_main_pages_in_macedonian_show_no_english_catalogue_phrase);

/// A catalogue's single-line messages by key.
fn messages(locale: &str) -> BTreeMap<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/i18n/locales")
        .join(locale);
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("the catalogue directory") {
        let path = entry.expect("an entry").path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("a catalogue file");
        for line in source.lines() {
            if line.starts_with([' ', '#', '-']) {
                continue;
            }
            if let Some((key, value)) = line.split_once(" = ") {
                found.insert(key.trim().to_owned(), value.trim().to_owned());
            }
        }
    }
    found
}

/// The English phrases a Macedonian page must not show: the literal parts
/// (between placeholders) of English messages, long enough not to be a
/// name or a number, that the Macedonian message does not share.
fn english_phrases() -> Vec<(String, String)> {
    let mk = messages("mk");
    let mut phrases = Vec::new();
    for (key, english) in messages("en") {
        let macedonian = mk.get(&key).cloned().unwrap_or_default();
        for part in english.split(['{', '}']).step_by(2) {
            let part = part.trim().trim_matches(|c: char| !c.is_alphanumeric());
            let words = part.split_whitespace().count();
            if words >= 3 && part.len() >= 14 && !macedonian.contains(part) {
                phrases.push((key.clone(), part.to_owned()));
            }
        }
    }
    phrases
}

/// The browser, with every English phrase found so far, page by page.
struct Tour {
    browser: Browser,
    phrases: Vec<(String, String)>,
    found: Vec<String>,
    pages: usize,
}

impl Tour {
    async fn check(&mut self, page: &str) {
        self.pages += 1;
        let shown = self.browser.text("body").await;
        for (key, phrase) in &self.phrases {
            if shown.contains(phrase.as_str()) {
                self.found.push(format!("{page}: '{phrase}' ({key})"));
            }
        }
    }

    async fn visit(&mut self, page: &str, path: &str) {
        self.browser.open(path).await;
        self.check(page).await;
    }

    /// Signs in as the demo account `who` and picks Macedonian.
    async fn sign_in_as(&mut self, who: &str) {
        self.browser.to_login().await;
        self.browser
            .sign_in(&format!("{who}@innovation-awards.example"), DEMO_PASSWORD)
            .await;
        self.browser
            .find("#language")
            .await
            .select_by_value("mk")
            .await
            .expect("Macedonian is offered");
        self.browser.click_and_load("form.language button").await;
        self.check(&format!("{who}'s home")).await;
    }
}

async fn each_role_s_main_pages_in_macedonian_show_no_english_catalogue_phrase(backend: Backend) {
    let phrases = english_phrases();
    // The check has something to find: the catalogue's phrases are read.
    assert!(
        phrases
            .iter()
            .any(|(_, p)| p == "Nothing waits for you right now"),
        "{} phrases",
        phrases.len()
    );
    let app = TestApp::spawn(backend).await;
    let seeder = Application::build(&app.config, true).await.expect("builds");
    demo::seed(seeder.app())
        .await
        .expect("the demo data is seeded");
    drop(seeder);
    let round = demo_programme_id(&app, DEMO_REVIEW_PROGRAMME).await;
    let decided = demo_programme_id(&app, DEMO_DECIDED_PROGRAMME).await;
    let mut tour = Tour {
        browser: Browser::start(&app.base).await,
        phrases,
        found: Vec::new(),
        pages: 0,
    };

    tour.sign_in_as("applicant.mk").await;
    tour.visit("the applicant's proposals", "/app/proposals")
        .await;
    let submitted = tour
        .browser
        .link("main table tr:has(.state-submitted) a")
        .await;
    let draft = tour.browser.link("main table tr:has(.state-draft) a").await;
    tour.visit("a submitted proposal", &submitted).await;
    tour.visit("a draft's form", &format!("{draft}/edit")).await;
    tour.visit("the applicant's grants", "/app/grants").await;
    tour.visit("the applicant's reports", "/app/reports").await;
    tour.visit("sign-in security", "/app/me/second-factor")
        .await;
    tour.visit("where they are signed in", "/app/me/sessions")
        .await;

    tour.sign_in_as("reviewer.hr").await;
    tour.visit("the reviewer's assignments", "/app/assignments")
        .await;
    let review = tour
        .browser
        .link("main table a[href^='/app/assignments/']")
        .await;
    tour.visit("a scoring page", &review).await;

    tour.sign_in_as("chair").await;
    for (page, path) in [
        ("the assignment preview", "assignment"),
        ("the ranking", "ranking"),
        ("the funding line", "funding"),
        ("the jury", "jury"),
    ] {
        tour.visit(page, &format!("/app/programmes/{round}/{path}"))
            .await;
    }

    tour.sign_in_as("manager").await;
    tour.visit("the screening queue", "/app/proposals?state=submitted")
        .await;
    let screened = tour
        .browser
        .link("main table a[href^='/app/proposals/']")
        .await;
    tour.visit("a proposal to screen", &screened).await;
    tour.visit("the impact", &format!("/app/programmes/{decided}/impact"))
        .await;
    tour.visit(
        "the late reports",
        &format!("/app/reports?programme_id={decided}&late=true"),
    )
    .await;
    let report = tour
        .browser
        .link("main table a[href^='/app/reports/']")
        .await;
    tour.visit("a late report", &report).await;
    tour.visit("the programmes", "/app/programmes").await;

    tour.sign_in_as("finance").await;
    tour.visit("the ledger", &format!("/app/programmes/{decided}/ledger"))
        .await;
    tour.visit("the grants", "/app/grants").await;
    let grant = tour
        .browser
        .link("main table a[href^='/app/grants/']")
        .await;
    tour.visit("a grant", &grant).await;

    tour.sign_in_as("admin").await;
    tour.visit("the admin page", "/app/admin").await;
    tour.visit("the outbox", "/app/admin/outbox").await;
    tour.visit("who read what", "/app/admin/reads").await;
    tour.visit("the users", "/app/admin/users").await;

    let Tour {
        browser,
        found,
        pages,
        ..
    } = tour;
    browser.close().await;
    app.finish().await;
    assert!(pages >= 25, "only {pages} pages were read");
    assert!(
        found.is_empty(),
        "English on Macedonian pages:\n{}",
        found.join("\n")
    );
}
