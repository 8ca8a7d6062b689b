//! Partner libraries: a proposal names the libraries that co-run its
//! service; the ambassadors of their countries read it (and do not screen
//! it), and nobody who works at a partner, or in a partner's country where
//! the programme keeps reviewers from their own country, reviews it; a
//! blind review hides them.

use grants_tests::{Backend, on_both_databases};
use serde_json::{Value, json};

use super::money::round;

on_both_databases!(a_partners_country_reads_the_proposal_and_its_people_do_not_review_it);

fn ids(list: &Value) -> Vec<String> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["id"].as_str().map(str::to_owned))
        .collect()
}

async fn a_partners_country_reads_the_proposal_and_its_people_do_not_review_it(backend: Backend) {
    let r = round(
        backend,
        10_000_000,
        |programme| programme["review"] = json!({ "blind": true }),
        |_| {},
    )
    .await;
    let (_, amb_al) = r
        .app
        .user_with_roles("amb.al@tests.example", &["ambassador:AL"])
        .await;
    let (_, amb_rs) = r
        .app
        .user_with_roles("amb.rs@tests.example", &["ambassador:RS"])
        .await;
    let partners = json!([
        { "organisation": "Public Library Shkodër", "country": "AL", "contact": "arta@library.example" }
    ]);

    // Bad partners are refused, each beside its field, and nothing is kept.
    let mut bad = grants_tests::complete_proposal_json(&r.programme_id, "MK");
    bad["partners"] = json!([{ "organisation": " ", "country": "ZZ" }]);
    let refused = r.app.post("/proposals", Some(&r.applicant), &bad).await;
    refused.expect_problem(422);
    let mut fields = refused.error_fields();
    fields.sort();
    assert_eq!(fields, ["partners[0].country", "partners[0].organisation"]);

    let proposal = r
        .eligible_shaped("MK", "Maker space", 1_000_000, |body| {
            body["partners"] = partners.clone();
        })
        .await;
    // Albania's ambassador reads it, in the list too; Serbia's does not.
    let read = r
        .app
        .get(&format!("/proposals/{proposal}"), Some(&amb_al))
        .await;
    read.expect(200);
    assert_eq!(read.body["partners"], partners);
    assert!(ids(&r.app.get("/proposals", Some(&amb_al)).await.body).contains(&proposal));
    r.app
        .get(&format!("/proposals/{proposal}"), Some(&amb_rs))
        .await
        .expect(404);
    assert!(!ids(&r.app.get("/proposals", Some(&amb_rs)).await.body).contains(&proposal));

    // Reading is all: screening is for the ambassadors of the proposal's own area.
    let submitted = {
        let mut body = grants_tests::complete_proposal_json(&r.programme_id, "MK");
        body["partners"] = partners.clone();
        let draft = r.app.post("/proposals", Some(&r.applicant), &body).await;
        draft.expect(201);
        let id = draft.id();
        r.take(&r.applicant, &id, "submit").await.expect(200);
        id
    };
    let steps = r
        .app
        .get(
            &format!("/proposals/{submitted}/transitions"),
            Some(&amb_al),
        )
        .await;
    steps.expect(200);
    let screening = steps
        .body
        .as_array()
        .expect("steps")
        .iter()
        .find(|t| t["name"] == "start_screening")
        .cloned()
        .expect("the screening step is listed");
    assert_eq!(screening["allowed"], false, "{screening}");
    let taken = r.take(&amb_al, &submitted, "start_screening").await;
    assert_eq!(taken.status.as_u16(), 403, "{}", taken.body);

    // A reviewer who works at the partner is in conflict with the proposal.
    let (reviewer_id, _) = r
        .app
        .user_with_roles("at.partner@tests.example", &["reviewer"])
        .await;
    r.app
        .request(
            reqwest::Method::PUT,
            &format!("/programmes/{}/reviewers/{reviewer_id}", r.programme_id),
            Some(&r.chair),
            Some(&json!({ "languages": ["mk"], "country": "AL", "organisation": "public library shkodër" })),
        )
        .await
        .expect(200);
    let conflicts = r
        .app
        .get(&format!("/proposals/{proposal}/conflicts"), Some(&r.chair))
        .await;
    conflicts.expect(200);
    let theirs = conflicts
        .body
        .as_array()
        .expect("conflicts")
        .iter()
        .find(|c| c["reviewer_id"] == json!(reviewer_id))
        .cloned()
        .expect("the partner's librarian is in conflict");
    assert_eq!(
        theirs["in_force"],
        json!(["same_organisation", "same_country"]),
        "{theirs}"
    );

    // A blind review hides the partners as it hides the applicant's library.
    let reviewer = r.assigned_reviewer().await;
    let as_reviewer = r
        .app
        .get(&format!("/proposals/{proposal}"), Some(&reviewer))
        .await;
    as_reviewer.expect(200);
    assert_eq!(as_reviewer.body["partners"], json!([]));
    assert_eq!(as_reviewer.body["organisation"], Value::Null);
}
