//! A grant's bank details: the grantee enters them (the IBAN checked by its
//! check digits), they apply at once before the agreement is accepted, and
//! after it a change waits for a second person; finance reads the account
//! it pays to, and every step is on the grant's history.

use grants_tests::{Backend, on_both_databases};
use reqwest::Method;
use serde_json::{Value, json};

use super::money::round;

on_both_databases!(a_change_of_bank_details_after_the_agreement_needs_a_second_person);

const IBAN: &str = "MK07 2501 2000 0058 984";
const NEW_IBAN: &str = "AL35202111090000000001234567";

fn details(iban: &str) -> Value {
    json!({
        "account_holder": "City Library Skopje",
        "iban": iban,
        "bic": "stbamk22xxx",
        "bank_name": "Stopanska banka",
    })
}

async fn a_change_of_bank_details_after_the_agreement_needs_a_second_person(backend: Backend) {
    let r = round(backend, 10_000_000, |_| {}, |_| {}).await;
    let proposal = r.reviewed("MK", "Maker space", 200_000).await;
    let decided = r.decide(&proposal, json!({ "outcome": "funded" })).await;
    decided.expect(200);
    let grant = decided.body["grant_id"]
        .as_str()
        .expect("a grant")
        .to_owned();
    let path = format!("/grants/{grant}/bank-details");
    let put = |token: &str, body: Value| {
        let (app, path, token) = (&r.app, path.clone(), token.to_owned());
        async move {
            app.request(Method::PUT, &path, Some(&token), Some(&body))
                .await
        }
    };

    // Nothing yet: finance reads that there is nowhere to pay.
    let none = r.app.get(&path, Some(&r.finance)).await;
    none.expect(200);
    assert_eq!(none.body["current"], Value::Null);

    // A wrong check digit and a malformed BIC are named; nothing is kept.
    let mut bad = details("MK08 2501 2000 0058 984");
    bad["bic"] = json!("STB1");
    let refused = put(&r.applicant, bad).await;
    refused.expect_problem(422);
    let mut fields = refused.error_fields();
    fields.sort();
    assert_eq!(fields, ["bic", "iban"]);
    assert_eq!(
        r.app.get(&path, Some(&r.finance)).await.body["current"],
        Value::Null
    );
    // Only the grantee enters them.
    put(&r.finance, details(IBAN)).await.expect_problem(403);

    // Before the agreement is accepted they apply at once.
    let entered = put(&r.applicant, details(IBAN)).await;
    entered.expect(200);
    assert_eq!(entered.body["current"]["iban"], IBAN);
    assert_eq!(entered.body["current"]["bic"], "STBAMK22XXX");
    assert_eq!(entered.body["pending"], Value::Null);
    assert_eq!(entered.body["changes_need_confirmation"], false);

    // After it, a change waits; finance still reads the confirmed account.
    r.accept_agreement(&grant).await;
    let asked = put(&r.applicant, details(NEW_IBAN)).await;
    asked.expect(200);
    assert_eq!(asked.body["current"]["iban"], IBAN);
    assert_eq!(
        asked.body["pending"]["iban"],
        "AL35 2021 1109 0000 0000 0123 4567"
    );
    let seen = r.app.get(&path, Some(&r.finance)).await;
    assert_eq!(seen.body["current"]["iban"], IBAN);
    assert_eq!(seen.body["may"]["decide"], true);
    let change = seen.body["pending"]["id"]
        .as_str()
        .expect("an id")
        .to_owned();

    // The grantee cannot confirm her own change; a stale id confirms nothing.
    r.app
        .post(
            &format!("{path}/confirm"),
            Some(&r.applicant),
            &json!({ "change_id": change }),
        )
        .await
        .expect_problem(403);
    r.app
        .post(
            &format!("{path}/confirm"),
            Some(&r.finance),
            &json!({ "change_id": uuid::Uuid::nil() }),
        )
        .await
        .expect_problem(409);
    // Rejecting needs a reason.
    let unexplained = r
        .app
        .post(
            &format!("{path}/reject"),
            Some(&r.finance),
            &json!({ "change_id": change }),
        )
        .await;
    unexplained.expect_problem(422);
    assert_eq!(unexplained.error_fields(), ["reason"]);

    // A second person confirms it: payments go to the new account.
    let confirmed = r
        .app
        .post(
            &format!("{path}/confirm"),
            Some(&r.finance),
            &json!({ "change_id": change }),
        )
        .await;
    confirmed.expect(200);
    assert_eq!(
        confirmed.body["current"]["iban"],
        "AL35 2021 1109 0000 0000 0123 4567"
    );
    assert_eq!(confirmed.body["pending"], Value::Null);
    // Confirming again finds nothing waiting.
    r.app
        .post(
            &format!("{path}/confirm"),
            Some(&r.second_finance),
            &json!({ "change_id": change }),
        )
        .await
        .expect_problem(409);

    // A later change rejected with a reason leaves the account as it was.
    put(&r.applicant, details(IBAN)).await.expect(200);
    let waiting = r.app.get(&path, Some(&r.manager)).await;
    let second = waiting.body["pending"]["id"]
        .as_str()
        .expect("an id")
        .to_owned();
    r.app
        .post(
            &format!("{path}/reject"),
            Some(&r.manager),
            &json!({ "change_id": second, "reason": "Not confirmed by telephone." }),
        )
        .await
        .expect(200);
    let after = r.app.get(&path, Some(&r.applicant)).await;
    assert_eq!(
        after.body["current"]["iban"],
        "AL35 2021 1109 0000 0000 0123 4567"
    );
    assert_eq!(after.body["pending"], Value::Null);

    // The history says who did what, naming the account by its last digits.
    let history = r
        .app
        .get(&format!("/grants/{grant}/history"), Some(&r.manager))
        .await;
    let actions: Vec<&str> = history
        .body
        .as_array()
        .expect("events")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .filter(|a| a.starts_with("grant.bank_details"))
        .collect();
    assert_eq!(
        actions,
        [
            "grant.bank_details_entered",
            "grant.bank_details_change_requested",
            "grant.bank_details_confirmed",
            "grant.bank_details_change_requested",
            "grant.bank_details_rejected",
        ]
    );
    let text = history.body.to_string();
    assert!(text.contains("4567") && !text.contains(NEW_IBAN), "{text}");
    r.app.finish().await;
}
