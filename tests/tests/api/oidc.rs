//! Signing in with an organisation's account through a real OpenID
//! provider (authorisation code with PKCE): the first sign-in links an
//! existing account only by an address the provider verified, or creates
//! an applicant; an unverified address is refused; the link then holds;
//! a person with two-step sign-in still gives a code; a forged return is
//! refused.

use grants_tests::oidc::PROVIDER;
use grants_tests::{Backend, TestApp, on_both_databases};
use serde_json::{Value, json};

on_both_databases!(signing_in_with_the_organisation_s_account);

fn accounts() -> Value {
    json!([
        { "login": "ana", "sub": "org-ana", "email": "ana.org@tests.example", "email_verified": true, "name": "Ana Org" },
        { "login": "new", "sub": "org-new", "email": "new.person@tests.example", "email_verified": true, "name": "Nova Person" },
        { "login": "liar", "sub": "org-liar", "email": "boris.org@tests.example", "email_verified": false, "name": "Not Boris" },
        { "login": "fin", "sub": "org-fin", "email": "fin.org@tests.example", "email_verified": true, "name": "Fin Org" },
    ])
}

/// The account with this address, as the administrator sees it.
async fn account(app: &TestApp, admin: &str, email: &str) -> Option<Value> {
    let users = app.get("/users?limit=100", Some(admin)).await;
    users.body["items"]
        .as_array()
        .and_then(|items| items.iter().find(|u| u["email"] == email))
        .cloned()
}

async fn signing_in_with_the_organisation_s_account(backend: Backend) {
    let (app, _provider) = TestApp::spawn_with_provider(backend, &accounts()).await;
    let admin = app.admin_token().await;
    app.user_with_roles("ana.org@tests.example", &["applicant"])
        .await;
    app.user_with_roles("boris.org@tests.example", &["reviewer"])
        .await;

    // The sign-in page offers the organisation's account.
    let login = app
        .client
        .get(format!("{}/app/login", app.base))
        .send()
        .await
        .expect("page");
    let page = login.text().await.expect("a page");
    assert!(
        page.contains(&format!("href=\"/app/login/oidc/{PROVIDER}?next")),
        "{page}"
    );

    // A verified address links the account that holds it.
    let browser = app.browser_client();
    let (status, url, page) = app.sign_in_with_provider(&browser, "ana").await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(url, format!("{}/app", app.base));
    assert!(
        page.contains("Test Person"),
        "signed in as the account: {page}"
    );
    // Again, in another browser: the link finds her.
    let again = app.browser_client();
    let (status, url, _) = app.sign_in_with_provider(&again, "ana").await;
    assert_eq!((status.as_u16(), url), (200, format!("{}/app", app.base)));

    // An address nobody holds: a new applicant, address verified.
    let (status, url, page) = app
        .sign_in_with_provider(&app.browser_client(), "new")
        .await;
    assert_eq!(
        (status.as_u16(), url.as_str()),
        (200, format!("{}/app", app.base).as_str()),
        "{page}"
    );
    let created = account(&app, &admin, "new.person@tests.example")
        .await
        .expect("an account was made");
    assert_eq!(created["name"], "Nova Person");
    assert_eq!(created["roles"], json!([{ "role": "applicant" }]));
    assert_eq!(created["email_verified"], true);

    // An address the provider does not vouch for links nothing.
    let (status, _, page) = app
        .sign_in_with_provider(&app.browser_client(), "liar")
        .await;
    assert_eq!(status, 403);
    assert!(
        page.contains("did not confirm your email address"),
        "{page}"
    );
    assert!(!page.contains("Sign out"), "not signed in: {page}");
    let boris = account(&app, &admin, "boris.org@tests.example")
        .await
        .expect("Boris");
    assert_eq!(boris["roles"], json!([{ "role": "reviewer" }]));

    // Someone with two-step sign-in still gives a code after the provider.
    let (_, fin_token) = app
        .user_with_roles("fin.org@tests.example", &["finance"])
        .await;
    let (secret, _) = app.enrol_second_factor(&fin_token).await;
    let browser = app.browser_client();
    let (status, _, page) = app.sign_in_with_provider(&browser, "fin").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("action=\"/app/login/code\""),
        "asks for the code: {page}"
    );
    let home = browser
        .post(format!("{}/app/login/code", app.base))
        .form(&[("code", app.next_totp(&secret).as_str()), ("next", "/app")])
        .send()
        .await
        .expect("the code");
    assert_eq!(home.url().path(), "/app");
    assert!(home.text().await.expect("a page").contains("Sign out"));

    // A return that this browser did not start is refused.
    let forged = app
        .browser_client()
        .get(format!(
            "{}/app/login/oidc/{PROVIDER}/callback?code=stolen&state=guessed",
            app.base
        ))
        .send()
        .await
        .expect("an answer");
    assert_eq!(forged.status(), 403);
    assert!(
        forged
            .text()
            .await
            .expect("a page")
            .contains("did not work")
    );
    // An unknown provider is not found.
    let unknown = app
        .browser_client()
        .get(format!("{}/app/login/oidc/elsewhere", app.base))
        .send()
        .await
        .expect("an answer");
    assert_eq!(unknown.status(), 404);
    app.finish().await;
}
