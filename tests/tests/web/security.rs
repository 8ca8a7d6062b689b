//! Two-step sign-in in a real browser: a finance user sets it up from the
//! sign-in security page with its QR code (a wrong code is refused beside
//! the field), keeps the recovery codes shown once, then signs in with a
//! code from the app. A person sees where they are signed in, signs out
//! everywhere else and changes their password; an administrator ends
//! someone's sessions, and erases a person on request after reading what
//! goes and what is kept. A person signs in with their organisation's
//! account through a real OpenID provider. Every page passes axe.

use grants_tests::browser::Browser;
use grants_tests::{ADMIN_EMAIL, ADMIN_PASSWORD, Backend, TestApp, on_both_databases};

on_both_databases!(
    a_finance_user_sets_up_two_step_sign_in_and_signs_in_with_a_code,
    an_administrator_confirms_with_a_fresh_code_before_changing_roles,
    a_person_sees_where_they_are_signed_in_and_signs_out_elsewhere,
    an_administrator_ends_the_sessions_of_a_lost_laptop,
    an_administrator_erases_a_person_on_request,
    a_person_signs_in_with_their_organisation_s_account,
);

const FIREFOX: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

async fn a_finance_user_sets_up_two_step_sign_in_and_signs_in_with_a_code(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.user_with_roles("fin@tests.example", &["finance"]).await;
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("fin@tests.example", ADMIN_PASSWORD).await;
    browser.click_and_load("#nav-security").await;
    assert_eq!(browser.path().await, "/app/me/second-factor");
    assert!(browser.text("#second-factor-state").await.contains("off"));
    browser.assert_accessible("sign-in security").await;

    browser.click_and_load("#enrol").await;
    assert!(!browser.absent(".qr svg").await, "a QR code is shown");
    let secret = browser.text("#secret").await;
    browser
        .assert_accessible("setting up, with the QR code")
        .await;
    browser.screenshot("second-factor-qr").await;
    browser.fill("#code", "12345x").await;
    browser.click_and_load("#confirm").await;
    assert!(
        browser.text("#error-code").await.contains("not right"),
        "a wrong code is refused beside the field"
    );
    // The same key is still shown: nothing was lost.
    assert_eq!(browser.text("#secret").await, secret);
    browser.fill("#code", &app.totp(&secret)).await;
    browser.click_and_load("#confirm").await;
    let codes = browser.text("#recovery-codes").await;
    assert_eq!(codes.lines().count(), 10, "{codes}");
    browser.assert_accessible("the recovery codes").await;

    // Signing in now asks for a code after the password.
    browser.to_login().await;
    browser.sign_in("fin@tests.example", ADMIN_PASSWORD).await;
    assert!(!browser.absent("#code").await, "the code is asked for");
    assert!(browser.absent("#password").await);
    browser
        .assert_accessible("the code step of signing in")
        .await;
    browser.fill("#code", "99999x").await;
    browser.click_and_load("#sign-in-code").await;
    assert!(!browser.absent("#code").await, "a wrong code asks again");
    browser.fill("#code", &app.next_totp(&secret)).await;
    browser.click_and_load("#sign-in-code").await;
    assert_eq!(browser.path().await, "/app");
    browser.open("/app/me/second-factor").await;
    assert!(browser.text("#second-factor-state").await.contains("10"));
    browser.close().await;
    app.finish().await;
}

async fn an_administrator_confirms_with_a_fresh_code_before_changing_roles(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    app.user_with_roles("ana.r@tests.example", &["applicant"])
        .await;
    let (secret, _) = app.enrol_second_factor(&app.admin_token().await).await;
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    browser.fill("#code", &app.next_totp(&secret)).await;
    browser.click_and_load("#sign-in-code").await;
    // Just signed in with a code: roles change without asking again.
    browser.open("/app/admin/users").await;
    assert!(browser.absent("#step-up").await);
    // Minutes later the page asks for a fresh code first.
    app.clock.advance(chrono::Duration::minutes(6));
    browser.open("/app/admin/users").await;
    assert!(
        !browser.absent("#step-up").await,
        "the page asks for a code"
    );
    browser
        .assert_accessible("the users page asking for a fresh code")
        .await;
    browser.fill("#step-up-code", &app.next_totp(&secret)).await;
    browser.click_and_load("#step-up-confirm").await;
    assert_eq!(browser.path().await, "/app/admin/users");
    assert!(
        browser.absent("#step-up").await,
        "confirmed: no more asking"
    );
    browser.close().await;
    app.finish().await;
}

async fn a_person_sees_where_they_are_signed_in_and_signs_out_elsewhere(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "mila@tests.example";
    app.user_with_roles(email, &["applicant"]).await;
    let elsewhere = app.login_as_program(email, FIREFOX).await;
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in(email, ADMIN_PASSWORD).await;
    browser.click_and_load("#nav-security").await;
    browser.click_and_load("#to-sessions").await;
    assert_eq!(browser.path().await, "/app/me/sessions");
    let listed = browser.text(".sessions").await;
    assert!(listed.contains("Firefox 133 · Windows 10"), "{listed}");
    assert!(
        listed.contains("API token") && listed.contains("Browser"),
        "{listed}"
    );
    assert!(listed.contains("127.0.0.1"), "{listed}");
    assert_eq!(
        browser.text(".session.current .session-current").await,
        "This browser"
    );
    browser.assert_accessible("where you are signed in").await;
    browser.screenshot("sessions").await;

    browser.click_and_load("#end-others").await;
    assert!(
        browser.text("#sessions-ended").await.contains("2 sessions"),
        "the API tokens of the sign-up and of Firefox"
    );
    assert!(!browser.text(".sessions").await.contains("Firefox"));
    assert!(browser.absent("#end-others").await, "nothing else to end");
    app.get("/me", Some(&elsewhere)).await.expect_problem(401);

    // A new password, with a wrong current one first: refused beside it.
    let elsewhere = app.login_as_program(email, FIREFOX).await;
    browser.click_and_load("#back-to-security").await;
    browser.fill("#current-password", "not my password").await;
    browser
        .fill("#new-password", "a much longer passphrase")
        .await;
    browser.click_and_load("#change-password").await;
    assert!(
        browser
            .text("#error-current_password")
            .await
            .contains("not your current password")
    );
    browser.assert_accessible("a refused password change").await;
    browser.fill("#current-password", ADMIN_PASSWORD).await;
    browser
        .fill("#new-password", "a much longer passphrase")
        .await;
    browser.click_and_load("#change-password").await;
    assert!(
        browser
            .text("#password-changed")
            .await
            .contains("one other session"),
        "{}",
        browser.text("#password-changed").await
    );
    app.get("/me", Some(&elsewhere)).await.expect_problem(401);
    // This browser stays signed in.
    browser.open("/app/me/sessions").await;
    assert_eq!(browser.path().await, "/app/me/sessions");
    browser.close().await;
    app.finish().await;
}

async fn an_administrator_ends_the_sessions_of_a_lost_laptop(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "lost@tests.example";
    let (_, token) = app.user_with_roles(email, &["applicant"]).await;
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    browser.open("/app/admin/users").await;
    browser
        .click_and_load(&format!("[data-end-sessions=\"{email}\"]"))
        .await;
    assert!(browser.path().await.starts_with("/app/admin/users?ended="));
    let row = browser
        .text(&format!("tr[data-email=\"{email}\"] .notice"))
        .await;
    assert!(row.contains("sessions were ended"), "{row}");
    browser
        .assert_accessible("the users page after ending sessions")
        .await;
    app.get("/me", Some(&token)).await.expect_problem(401);
    browser.close().await;
    app.finish().await;
}

async fn an_administrator_erases_a_person_on_request(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let email = "erase.me@tests.example";
    let (id, token, _) = app.draft_with_file("ERASE", email, "plan.pdf").await;
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await;
    browser.open("/app/admin/users").await;
    browser
        .click_and_load(&format!("[data-erase=\"{email}\"]"))
        .await;
    let here = format!("/app/admin/users/{id}/erasure");
    assert_eq!(browser.path().await, here);
    // What goes and what is kept, before anything happens.
    assert!(browser.text("#erasure-intro").await.contains("Test Person"));
    let proposals = browser.text("#erasure-proposals").await;
    assert!(
        proposals.contains("one proposal without a grant"),
        "{proposals}"
    );
    assert!(proposals.contains("Files deleted: 1"), "{proposals}");
    assert!(browser.text("#erasure-grants").await.contains("No grant"));
    browser.assert_accessible("the erasure page").await;

    // Not without ticking that the request was checked.
    browser.click_and_load("#erase").await;
    assert!(
        browser
            .text("#error-confirm")
            .await
            .contains("Tick the box")
    );
    app.get("/me", Some(&token)).await.expect(200);
    browser
        .assert_accessible("the erasure page with its error")
        .await;

    browser.click("#erase-confirm").await;
    browser.click_and_load("#erase").await;
    assert_eq!(browser.path().await, here);
    let done = browser.text("#erased").await;
    assert!(done.contains("was erased on"), "{done}");
    assert!(done.contains("P-"), "{done}");
    assert!(browser.absent("#erase-form").await);
    app.get("/me", Some(&token)).await.expect_problem(401);
    browser.open("/app/admin/users").await;
    assert!(browser.absent(&format!("[data-email=\"{email}\"]")).await);
    browser.close().await;
    app.finish().await;
}

async fn a_person_signs_in_with_their_organisation_s_account(backend: Backend) {
    let accounts = serde_json::json!([
        { "login": "ana", "sub": "org-ana", "email": "ana.org@tests.example", "email_verified": true, "name": "Ana Org" },
    ]);
    let (app, _provider) = TestApp::spawn_with_provider(backend, &accounts).await;
    app.user_with_roles("ana.org@tests.example", &["applicant"])
        .await;
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    let button = browser
        .text(&format!(
            "[data-provider=\"{}\"]",
            grants_tests::oidc::PROVIDER
        ))
        .await;
    assert_eq!(
        button,
        format!("Sign in with {}", grants_tests::oidc::LABEL)
    );
    browser
        .assert_accessible("the sign-in page with an organisation's account")
        .await;
    browser
        .click_and_load(&format!(
            "[data-provider=\"{}\"]",
            grants_tests::oidc::PROVIDER
        ))
        .await;
    // The provider's own sign-in form, then back to us, signed in.
    browser.fill("input[name=login]", "ana").await;
    browser.click_and_load("button[type=submit]").await;
    assert_eq!(browser.path().await, "/app");
    assert!(browser.text("header").await.contains("Test Person"));
    browser.close().await;
    app.finish().await;
}
