//! The administrator's pages: users and roles (a refused grant, a stale
//! deactivation, a forged form), the workflow diagrams, and who read what.

use grants_tests::browser::Browser;
use grants_tests::{ADMIN_PASSWORD, Backend, TestApp, on_both_databases};
use serde_json::json;

on_both_databases!(
    the_admin_grants_roles_and_reads_the_workflow_diagrams,
    the_admin_browses_the_outbox_by_state,
    the_admin_sees_who_downloaded_a_file,
);

async fn the_admin_browses_the_outbox_by_state(backend: Backend) {
    // A submission queues a message to the applicant, who reads Macedonian.
    let w = TestApp::init(backend)
        .with_applicant_speaking("mk")
        .with_draft("MK")
        .await;
    w.take(&w.applicant, w.proposal_id(), "submit", json!({}))
        .await
        .expect(200);
    let browser = Browser::start(&w.app.base).await;
    browser.open("/app/login").await;
    browser
        .sign_in(grants_tests::ADMIN_EMAIL, ADMIN_PASSWORD)
        .await;
    browser.open("/app/admin").await;
    browser.click_and_load("#browse-outbox").await;
    // Each message says to whom, and its subject as she reads it, in Macedonian.
    let table = browser.text("table.outbox").await;
    assert!(
        table.contains("ana@tests.example")
            && table.contains("Поднесен предлог:")
            && table.contains("Македонски"),
        "{table}"
    );
    // The states are named in words, each a filter: no message is cancelled.
    let states = browser.text("nav.filters").await;
    assert!(states.contains("Not to be sent (0)"), "{states}");
    browser.click_and_load("#state-cancelled").await;
    assert!(browser.text("#outbox-empty").await.contains("No messages"));
    browser.close().await;
    w.finish().await;
}

async fn the_admin_grants_roles_and_reads_the_workflow_diagrams(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (rita, _) = app
        .user_with_roles("rita@tests.example", &["applicant"])
        .await;
    let admin = app.admin_token().await;
    let row = "tr[data-email='rita@tests.example']";
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser
        .sign_in(grants_tests::ADMIN_EMAIL, ADMIN_PASSWORD)
        .await;

    // From the home page to Users and roles; Rita is an applicant.
    browser.click_and_load("#users-and-roles").await;
    assert_eq!(browser.path().await, "/app/admin/users");
    // The table sorts by a column's header, each way in turn.
    let emails = || async {
        browser
            .client
            .execute(
                "return [...document.querySelectorAll('table.users tbody tr')].map(r => r.dataset.email)",
                vec![],
            )
            .await
            .expect("script")
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e.as_str().map(str::to_owned))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let email_header = "table.users thead th:first-child button.sort";
    browser.click(email_header).await;
    let ascending = emails().await;
    assert!(ascending.len() >= 2, "{ascending:?}");
    assert!(ascending.is_sorted(), "{ascending:?}");
    browser.click(email_header).await;
    let descending = emails().await;
    assert_eq!(
        descending,
        ascending.iter().rev().cloned().collect::<Vec<_>>()
    );
    assert_eq!(
        browser
            .find("table.users thead th:first-child")
            .await
            .attr("aria-sort")
            .await
            .expect("attribute")
            .as_deref(),
        Some("descending")
    );
    assert!(
        browser
            .text(&format!("{row} .user-roles"))
            .await
            .contains("Applicant")
    );

    // The admin finds Rita by a word of her address: she alone is listed,
    // and stays so after a change.
    browser.fill("#q", "RITA").await;
    browser.click_and_load("#search").await;
    assert_eq!(emails().await, ["rita@tests.example"]);

    // The admin makes her a reviewer too.
    browser
        .find(&format!("{row} select[name=role]"))
        .await
        .select_by_value("reviewer")
        .await
        .expect("chosen");
    browser
        .click_and_load(&format!("{row} button[data-grant]"))
        .await;
    let roles = browser.text(&format!("{row} .user-roles")).await;
    assert!(
        roles.contains("Reviewer") && roles.contains("Applicant"),
        "{roles}"
    );
    assert_eq!(emails().await, ["rita@tests.example"], "still the search");
    assert!(
        browser
            .text(&format!("{row} .notice"))
            .await
            .contains("Saved")
    );
    let api = app.get(&format!("/users/{rita}"), Some(&admin)).await;
    let held: Vec<&str> = api.body["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .filter_map(|r| r["role"].as_str())
        .collect();
    assert_eq!(held, ["applicant", "reviewer"]);

    // An ambassador for a place that does not exist: refused beside the
    // area, with what was typed still there, and nothing changed.
    browser
        .find(&format!("{row} select[name=role]"))
        .await
        .select_by_value("ambassador")
        .await
        .expect("chosen");
    browser
        .fill(&format!("{row} input[name=area]"), "Atlantis")
        .await;
    browser
        .click_and_load(&format!("{row} button[data-grant]"))
        .await;
    let why = browser.text(&format!("[id='error-area-{rita}']")).await;
    browser.screenshot("admin-users-refused").await;
    assert!(why.contains("two-letter code"), "{why}");
    assert_eq!(
        browser.value(&format!("{row} input[name=area]")).await,
        "Atlantis"
    );
    assert_eq!(
        browser.value(&format!("{row} select[name=role]")).await,
        "ambassador"
    );
    assert_eq!(
        browser
            .find(&format!("{row} input[name=area]"))
            .await
            .attr("aria-invalid")
            .await
            .expect("attribute")
            .as_deref(),
        Some("true")
    );
    let api = app.get(&format!("/users/{rita}"), Some(&admin)).await;
    assert_eq!(api.body["roles"].as_array().map(Vec::len), Some(2));

    // Someone else gives her the finance role meanwhile: deactivating her
    // from the page as it was shown is refused, saying what changed.
    let revision = api.body["revision"].as_i64();
    app.patch(
        &format!("/users/{rita}"),
        &admin,
        revision,
        &json!({ "roles": [{ "role": "applicant" }, { "role": "reviewer" }, { "role": "finance" }] }),
    )
    .await
    .expect(200);
    browser
        .click_and_load(&format!("{row} button[data-deactivate]"))
        .await;
    let stale = browser.text(&format!("[id='error-user-{rita}']")).await;
    assert!(
        stale.contains("Someone else") && stale.contains("Finance"),
        "{stale}"
    );
    let api = app.get(&format!("/users/{rita}"), Some(&admin)).await;
    assert_eq!(api.body["active"], true);
    // The page now shows the account as it is.
    assert!(
        browser
            .text(&format!("{row} .user-roles"))
            .await
            .contains("Finance")
    );

    // The workflows, from the admin page: the proposal's drawn as an image.
    browser.open("/app/admin").await;
    browser.click_and_load("#workflows").await;
    assert_eq!(browser.path().await, "/app/admin/workflows");
    browser.screenshot("admin-workflows").await;
    let diagram = browser.find("#workflow-proposal svg[role=img]").await;
    let drawn = diagram.text().await.expect("its text");
    assert!(drawn.contains("Eligible, ready for review"), "{drawn}");
    let states = browser
        .client
        .find_all(fantoccini::Locator::Css("#workflow-proposal svg g.state"))
        .await
        .expect("states");
    assert_eq!(states.len(), 12);
    let transitions = browser.text("#workflow-proposal table.transitions").await;
    assert!(
        transitions.contains("decision_recorded") && transitions.contains("proposal_submitted"),
        "{transitions}"
    );
    browser.click_and_load("form.logout button").await;

    // Rita is no administrator: neither page is hers, nor any change.
    browser.sign_in("rita@tests.example", ADMIN_PASSWORD).await;
    assert!(browser.absent("#users-and-roles").await);
    browser.open("/app/admin/users").await;
    assert!(browser.text(".error").await.contains("admin"));
    browser.open("/app/admin/workflows").await;
    assert!(browser.text(".error").await.contains("admin"));
    // A form she builds herself to make her own account an admin is refused.
    let api = app.get(&format!("/users/{rita}"), Some(&admin)).await;
    let page = browser.find("html").await;
    browser
        .client
        .execute(
            "const [id, revision] = arguments;\
             const form = document.createElement('form');\
             form.method = 'post';\
             form.action = `/app/admin/users/${id}/roles`;\
             const token = document.querySelector('form.logout input[name=_csrf]').value;\
             for (const [name, value] of [['_csrf', token], ['revision', revision], ['role', 'admin']]) {\
               const input = document.createElement('input');\
               input.type = 'hidden'; input.name = name; input.value = value;\
               form.appendChild(input);\
             }\
             document.body.appendChild(form);\
             form.submit();",
            vec![json!(rita), json!(api.body["revision"].to_string())],
        )
        .await
        .expect("the page takes a script");
    for _ in 0..200 {
        if page.tag_name().await.is_err() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert!(
        browser.text(".error").await.contains("administrator"),
        "{}",
        browser.text("main").await
    );
    let after = app.get(&format!("/users/{rita}"), Some(&admin)).await;
    assert_eq!(after.body["revision"], api.body["revision"]);
    browser.close().await;
    app.finish().await;
}

async fn the_admin_sees_who_downloaded_a_file(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (_, applicant, attachment) = app
        .draft_with_file("SEEN", "vesna@tests.example", "letter-of-support.pdf")
        .await;
    let (status, _, _) = app
        .download(
            &format!("/attachments/{attachment}/content"),
            Some(&applicant),
        )
        .await;
    assert_eq!(status, 200);

    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser
        .sign_in(grants_tests::ADMIN_EMAIL, ADMIN_PASSWORD)
        .await;
    browser.open("/app/admin").await;
    browser.click_and_load("#sensitive-reads").await;
    assert_eq!(browser.path().await, "/app/admin/reads");
    let table = browser.text(".reads").await;
    for expected in [
        "Downloaded a file",
        "letter-of-support.pdf",
        "vesna@tests.example",
    ] {
        assert!(table.contains(expected), "{expected} in {table}");
    }
    browser.assert_accessible("who read what").await;
    browser.close().await;
    app.finish().await;
}
