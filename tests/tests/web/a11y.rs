//! Accessibility in a real browser: over the demo data, every role signs in
//! through the login page and opens its main pages, and axe-core finds no
//! serious or critical violation on any of them. Each role's main page is
//! saved as `target/screenshots/role-*.png`.

use fantoccini::Locator;
use grants_server::Application;
use grants_server::demo::{self, DEMO_DECIDED_PROGRAMME, DEMO_PASSWORD, DEMO_REVIEW_PROGRAMME};
use grants_tests::browser::Browser;
use grants_tests::fixtures::demo_programme_id;
use grants_tests::{Backend, TestApp, on_both_databases};

on_both_databases!(every_role_s_main_pages_pass_the_accessibility_rules);

/// The browser, with what axe-core found on every page so far, so one run
/// names every page to fix rather than the first.
struct Tour {
    browser: Browser,
    problems: Vec<String>,
    pages: usize,
}

impl Tour {
    /// Checks the page the browser shows.
    async fn check(&mut self, page: &str) {
        self.pages += 1;
        if let Some(problems) = self.browser.accessibility_problems(page).await {
            self.problems.push(problems);
        }
    }

    /// Opens `path` and checks it.
    async fn visit(&mut self, page: &str, path: &str) {
        self.browser.open(path).await;
        let at = self.browser.path().await;
        let wanted = path.split('?').next().unwrap_or(path);
        assert!(at.starts_with(wanted), "{page}: {path} opened {at}");
        self.check(page).await;
    }

    /// Signs out whoever is signed in, then signs in as the demo account
    /// `who` through the login page, which is checked too.
    async fn sign_in_as(&mut self, who: &str) {
        self.browser.to_login().await;
        assert_eq!(self.browser.path().await, "/app/login");
        self.check("the login page").await;
        self.browser
            .sign_in(&format!("{who}@innovation-awards.example"), DEMO_PASSWORD)
            .await;
        assert_eq!(self.browser.path().await, "/app", "{who} is signed in");
    }
}

async fn every_role_s_main_pages_pass_the_accessibility_rules(backend: Backend) {
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
        problems: Vec::new(),
        pages: 0,
    };

    // A visitor, signed out: the public showcase of the demo's calls and
    // the projects whose libraries agreed.
    tour.visit("the public showcase", "/app/showcase").await;
    tour.browser.screenshot("role-visitor").await;
    tour.visit(
        "a programme's showcase",
        &format!("/app/showcase/{DEMO_DECIDED_PROGRAMME}?country=MK"),
    )
    .await;

    // The applicant: home, their proposals, a submitted one, the draft and
    // its form, and a new proposal's form.
    tour.sign_in_as("applicant.mk").await;
    tour.check("the applicant's home").await;
    tour.browser.screenshot("role-applicant").await;
    let start = tour.browser.link("a[href^='/app/proposals/new']").await;
    tour.visit("the applicant's proposals", "/app/proposals")
        .await;
    let draft = tour.browser.link("main table tr:has(.state-draft) a").await;
    let submitted = tour
        .browser
        .link("main table tr:has(.state-submitted) a")
        .await;
    tour.visit("a submitted proposal", &submitted).await;
    tour.visit("a draft", &draft).await;
    tour.visit("the draft's form", &format!("{draft}/edit"))
        .await;
    tour.visit("a new proposal's form", &start).await;
    tour.visit("sign-in security", "/app/me/second-factor")
        .await;
    tour.visit("where they are signed in", "/app/me/sessions")
        .await;

    // The reviewer: their assignments, a submitted review, and an
    // invitation they accept to reach the scoring form.
    tour.sign_in_as("reviewer.hr").await;
    tour.visit("the reviewer's assignments", "/app/assignments")
        .await;
    tour.browser.screenshot("role-reviewer").await;
    let reviewed = tour
        .browser
        .link("main table a[href^='/app/assignments/']")
        .await;
    let invited = tour
        .browser
        .client
        .find(Locator::XPath("//main//tr[td[@data-state='invited']]//a"))
        .await
        .expect("the reviewer has an invitation")
        .attr("href")
        .await
        .expect("an attribute")
        .expect("a link");
    tour.visit("a submitted review", &reviewed).await;
    tour.visit("an invitation to review", &invited).await;
    tour.browser.click_and_load("#accept").await;
    assert!(
        tour.browser
            .find("#save")
            .await
            .is_enabled()
            .await
            .expect("enabled"),
        "the accepted assignment's scoring form is open"
    );
    tour.check("the scoring form").await;

    // The jury chair: the assignment preview, the ranking, the funding line.
    tour.sign_in_as("chair").await;
    tour.check("the chair's home").await;
    // The chair reads Romanian: the page is in Romanian, and says so to
    // screen readers.
    let lang = tour
        .browser
        .client
        .execute("return document.documentElement.lang;", vec![])
        .await
        .expect("the page answers a script");
    assert_eq!(lang, "ro", "the page declares its language");
    tour.visit(
        "the assignment preview",
        &format!("/app/programmes/{round}/assignment"),
    )
    .await;
    tour.visit("the ranking", &format!("/app/programmes/{round}/ranking"))
        .await;
    tour.browser.screenshot("role-chair").await;
    tour.visit(
        "the funding line",
        &format!("/app/programmes/{round}/funding"),
    )
    .await;
    // The jury, a reviewer's profile, and one refused with its problems beside the fields.
    tour.visit("the jury", &format!("/app/programmes/{round}/jury"))
        .await;
    let profile = tour.browser.link("a[data-edit]").await;
    tour.visit("a reviewer's profile", &profile).await;
    tour.browser
        .find("#max_load")
        .await
        .clear()
        .await
        .expect("cleared");
    tour.browser.fill("#max_load", "many").await;
    tour.browser.click_and_load("#save-profile").await;
    tour.check("a refused reviewer profile").await;

    // The programme manager: the screening queue and a proposal in it, the
    // programme's impact, its late reports and one of them.
    tour.sign_in_as("manager").await;
    tour.check("the manager's home").await;
    tour.visit("the screening queue", "/app/proposals?state=submitted")
        .await;
    tour.browser.screenshot("role-manager").await;
    let screened = tour
        .browser
        .link("main table a[href^='/app/proposals/']")
        .await;
    tour.visit("a proposal to screen", &screened).await;
    tour.visit(
        "a proposal's conflicts of interest",
        &format!("{screened}/conflicts"),
    )
    .await;
    tour.visit(
        "the programme's impact",
        &format!("/app/programmes/{decided}/impact"),
    )
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
    // Programme setup: the list, a programme's form, and a new one sent
    // back with its problems beside the fields.
    tour.visit("the programmes", "/app/programmes").await;
    tour.visit(
        "a programme's setup",
        &format!("/app/programmes/{decided}/setup"),
    )
    .await;
    tour.visit("a new programme's form", "/app/programmes/new")
        .await;
    tour.browser.click_and_load("#save").await;
    tour.check("a refused programme").await;

    // Finance: the ledger, the grants, and a grant with its tranches.
    tour.sign_in_as("finance").await;
    tour.visit("the ledger", &format!("/app/programmes/{decided}/ledger"))
        .await;
    tour.browser.screenshot("role-finance").await;
    tour.visit("the grants", "/app/grants").await;
    let grant = tour
        .browser
        .link("main table a[href^='/app/grants/']")
        .await;
    tour.visit("a grant with its tranches", &grant).await;

    // The administrator: the outbox with its dead letters, the audit check,
    // users and roles, and the workflows.
    tour.sign_in_as("admin").await;
    tour.visit("the admin page", "/app/admin").await;
    tour.browser.screenshot("role-admin").await;
    tour.browser.click_and_load("#verify-audit").await;
    tour.check("the audit check").await;
    tour.visit("the outbox", "/app/admin/outbox").await;
    // Users and roles, and a refused change with its errors beside the fields.
    tour.visit("the users and roles", "/app/admin/users").await;
    let row = "tr[data-email='applicant.mk@innovation-awards.example']";
    tour.browser
        .find(&format!("{row} select[name=role]"))
        .await
        .select_by_value("ambassador")
        .await
        .expect("chosen");
    tour.browser
        .fill(&format!("{row} input[name=area]"), "Atlantis")
        .await;
    tour.browser
        .click_and_load(&format!("{row} button[data-grant]"))
        .await;
    tour.check("a refused role").await;
    tour.visit("the workflows", "/app/admin/workflows").await;
    tour.visit("who read what", "/app/admin/reads").await;

    // The check bites: a nameless button and faint text are caught, with
    // the element to fix.
    tour.browser
        .client
        .execute(
            // Through the DOM: the pages' CSP refuses inline style attributes.
            "const main = document.querySelector('main');\
             main.insertAdjacentHTML('beforeend', '<button id=\"bad-button\"></button>\
             <p id=\"bad-text\">faint</p>');\
             document.getElementById('bad-text').style.color = '#bbb';",
            vec![],
        )
        .await
        .expect("the page takes a script");
    let caught = tour.browser.axe_violations().await;
    for (rule, target) in [
        ("button-name", "#bad-button"),
        ("color-contrast", "#bad-text"),
    ] {
        assert!(
            caught
                .iter()
                .any(|v| v.id == rule && v.nodes.iter().any(|n| n.target == target)),
            "axe-core misses {rule} at {target}: {caught:?}"
        );
    }

    let Tour {
        browser,
        problems,
        pages,
    } = tour;
    browser.close().await;
    app.finish().await;
    assert!(
        problems.is_empty(),
        "{} of {pages} pages break accessibility rules:\n\n{}",
        problems.len(),
        problems.join("\n\n")
    );
}
