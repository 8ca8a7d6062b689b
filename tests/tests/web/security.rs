//! Two-step sign-in in a real browser: a finance user sets it up from the
//! sign-in security page with its QR code (a wrong code is refused beside
//! the field), keeps the recovery codes shown once, then signs in with a
//! code from the app. Every page passes axe.

use grants_tests::browser::Browser;
use grants_tests::{ADMIN_EMAIL, ADMIN_PASSWORD, Backend, TestApp, on_both_databases};

on_both_databases!(
    a_finance_user_sets_up_two_step_sign_in_and_signs_in_with_a_code,
    an_administrator_confirms_with_a_fresh_code_before_changing_roles,
);

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
