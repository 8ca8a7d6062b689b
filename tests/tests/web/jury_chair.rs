//! The jury chair's pages: the assignment run, a reviewer scoring on the
//! review form, the ranking, the reviews on the proposal page and the
//! funding line.

use grants_tests::browser::Browser;
use grants_tests::{ADMIN_PASSWORD, Backend, on_both_databases};
use serde_json::json;

use super::helpers::{add_reviewer, eligible};

on_both_databases!(the_chair_assigns_a_reviewer_scores_and_the_chair_ranks);

async fn the_chair_assigns_a_reviewer_scores_and_the_chair_ranks(backend: Backend) {
    let (w, complete) = eligible(backend).await;
    let (app, programme_id, applicant) = (&w.app, &w.programme_id, &w.applicant);
    add_reviewer(&w, "rs@tests.example", "RS").await;
    app.user_with_roles("chair@tests.example", &["jury_chair"])
        .await;

    // The chair sees the run: one reviewer for three slots, and why.
    let browser = Browser::start(&app.base).await;
    browser.open("/app/login").await;
    browser.sign_in("chair@tests.example", ADMIN_PASSWORD).await;
    browser
        .click_and_load(&format!(
            "a[href='/app/programmes/{programme_id}/assignment']"
        ))
        .await;
    let reason = browser.text(".unfilled").await;
    assert!(
        reason.contains("2 open")
            && reason.contains("Reviewers who may review it: 1 (3 needed)")
            && reason.contains("reading Македонски: 1"),
        "{reason}"
    );
    assert!(browser.text("#summary").await.contains("1 of 3"));
    browser.click_and_load("#commit").await;
    assert!(browser.text("#committed").await.starts_with("1 "));
    // The next run fills nothing: the page says why and what would help.
    let next = browser.text("#next-step").await;
    assert!(
        next.contains("no reviewer of the jury can take the open places"),
        "{next}"
    );
    browser.click_and_load("form.logout button").await;

    // The reviewer scores: a missing criterion is named beside its field.
    browser.sign_in("rs@tests.example", ADMIN_PASSWORD).await;
    browser.open("/app/assignments").await;
    browser.click_and_load("main table a").await;
    browser.click_and_load("#accept").await;
    assert_eq!(browser.text("#assignment-state").await, "Accepted");
    browser
        .find("#score-impact")
        .await
        .select_by_value("4")
        .await
        .expect("scored");
    browser
        .find("#recommendation")
        .await
        .select_by_value("fund")
        .await
        .expect("chosen");
    browser
        .fill("#comment_for_applicant", "A clear plan.")
        .await;
    browser.click_and_load("#submit-review").await;
    // Beside the criterion left unscored, in words.
    assert!(
        browser
            .text("#error-feasibility")
            .await
            .contains("Fill this in.")
    );
    // What was entered is still there.
    let impact = browser
        .find("#score-impact")
        .await
        .prop("value")
        .await
        .ok()
        .flatten();
    assert_eq!(impact.as_deref(), Some("4"));
    browser
        .find("#score-feasibility")
        .await
        .select_by_value("n/a")
        .await
        .expect("n/a");
    browser.click_and_load("#submit-review").await;
    assert!(
        browser
            .find("#submitted")
            .await
            .is_displayed()
            .await
            .expect("shown")
    );
    // Impact 4 on 1..5 alone (feasibility not applicable): 75 points.
    assert_eq!(browser.text("#weighted-score").await, "75.0");
    browser.click_and_load("form.logout button").await;

    // The chair ranks.
    browser.sign_in("chair@tests.example", ADMIN_PASSWORD).await;
    browser
        .open(&format!("/app/programmes/{programme_id}/ranking"))
        .await;
    let table = browser.text("table.ranking").await;
    assert!(
        table.contains("Ready to go") && table.contains("75.0"),
        "{table}"
    );
    // The chair reads the review on the proposal page: the criterion judged
    // not applicable says so, the comments are there.
    browser.open(&format!("/app/proposals/{complete}")).await;
    let review = browser.text("#reviews article").await;
    assert!(
        review.contains("Test Person")
            && review.contains("4 / 5")
            && review.contains("Not applicable")
            && review.contains("75.0")
            && review.contains("A clear plan."),
        "{review}"
    );
    // The applicant reads none before the decision.
    let reviews = app
        .get(&format!("/proposals/{complete}/reviews"), Some(applicant))
        .await;
    assert_eq!(reviews.body, json!([]));
    // Before the review is closed the proposal is not on the funding line,
    // and the page says so rather than leaving it out.
    browser
        .open(&format!("/app/programmes/{programme_id}/funding"))
        .await;
    let off = browser.text("#off-the-line").await;
    assert!(
        off.contains("Ready to go") && off.contains("not closed yet"),
        "{off}"
    );
    // The chair closes the review and previews the funding line.
    browser.open(&format!("/app/proposals/{complete}")).await;
    browser
        .click_and_load("button[data-step=complete_review]")
        .await;
    assert_eq!(browser.text("#state").await, "Reviewed");
    browser
        .open(&format!(
            "/app/programmes/{programme_id}/funding?policy=optimal"
        ))
        .await;
    let plan = browser.text("table.funding").await;
    assert!(
        plan.contains("Ready to go") && plan.contains("Funded"),
        "{plan}"
    );
    assert_eq!(browser.text("#funded-count").await, "1");
    // The figures a manager checks: the mean the ranking shows, the whole
    // budget, nothing committed before, what this line takes, what is left.
    assert!(plan.contains("75.0"), "{plan}");
    assert_eq!(browser.text("#budget").await, "€100,000.00");
    assert_eq!(browser.text("#committed-before").await, "€0.00");
    assert_eq!(browser.text("#available").await, "€100,000.00");
    assert_eq!(browser.text("#committed").await, "€2,000.00");
    assert_eq!(browser.text("#remaining").await, "€98,000.00");
    // Closed, it is on the line: nothing is left off.
    assert!(browser.absent("#off-the-line").await);
    // With one proposal every policy funds the same: the page says so.
    let compared = browser.text("#policy-compared").await;
    assert!(
        compared.contains("same proposals as") && compared.contains("Strict rank order"),
        "{compared}"
    );
    browser.click_and_load("#policy-strict_rank").await;
    assert_eq!(browser.text("#funded-count").await, "1");
    // The chair previews; recording the line is the manager's.
    assert!(browser.absent("#apply-line").await);
    browser.click_and_load("form.logout button").await;

    // The manager applies the line: she reads the letter (the reviewer's
    // comment for the applicant in it) before anything is recorded.
    browser
        .sign_in("manager@tests.example", ADMIN_PASSWORD)
        .await;
    browser
        .open(&format!(
            "/app/programmes/{programme_id}/funding?policy=strict_rank"
        ))
        .await;
    browser.click("#others-declined").await;
    browser.click_and_load("#read-letters").await;
    let letter = browser.text(&format!("#letter-{complete}")).await;
    assert!(
        letter.contains("Ready to go")
            && letter.contains("Funded")
            && letter.contains("€2,000.00")
            && letter.contains("A clear plan."),
        "{letter}"
    );
    browser.click_and_load("#apply").await;
    assert!(
        browser
            .text("#applied")
            .await
            .contains("Decisions recorded: 1"),
        "{}",
        browser.text("main").await
    );
    browser.open(&format!("/app/proposals/{complete}")).await;
    assert_eq!(browser.text("#state").await, "Funded");
    browser.close().await;
    w.finish().await;
}
