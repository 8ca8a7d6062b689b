//! The money pages: the manager's decision form, the grantee accepting the
//! agreement, a tranche requested, approved and paid by two finance users,
//! and the ledger with its CSV.

use grants_tests::browser::Browser;
use grants_tests::{ADMIN_PASSWORD, Backend, TestApp, on_both_databases};

use super::helpers::reviewed;

on_both_databases!(a_decision_an_accepted_agreement_and_a_payment_by_two_finance_users);

async fn a_decision_an_accepted_agreement_and_a_payment_by_two_finance_users(backend: Backend) {
    // EUR 2000.00 requested; screened, and an empty review round closed.
    let w = reviewed(
        TestApp::init(backend)
            .with_user("fin@tests.example", &["finance"])
            .with_user("fin2@tests.example", &["finance"]),
        "MONEYWEB",
    )
    .await;
    let (app, programme_id, proposal) = (&w.app, &w.programme_id, w.proposal_id());
    let browser = Browser::start(&app.base).await;

    // The manager decides in the form: the plain Fund button is not there.
    browser.open("/app/login").await;
    browser
        .sign_in("manager@tests.example", ADMIN_PASSWORD)
        .await;
    browser.open(&format!("/app/proposals/{proposal}")).await;
    assert_eq!(browser.text("#state").await, "Reviewed");
    for step in ["fund", "waitlist", "decline"] {
        assert!(
            browser
                .client
                .find(fantoccini::Locator::Css(&format!(
                    "button[data-step={step}]"
                )))
                .await
                .is_err(),
            "'{step}' is taken through the decision form"
        );
    }
    assert_eq!(browser.value("#award").await, "2000.00");
    // No outcome is chosen for her: she picks one.
    for outcome in ["funded", "waitlisted", "declined"] {
        assert!(
            !browser.ticked(&format!("#outcome-{outcome}")).await,
            "{outcome} is preselected"
        );
    }
    browser.click("#outcome-funded").await;
    // Less than requested without a reason: refused, the reason asked for beside its field.
    browser.retype("#award", "1 500").await;
    browser.click_and_load("#record-decision").await;
    assert!(
        browser.text("#error-comment").await.contains("reason"),
        "{}",
        browser.text("main").await
    );
    assert_eq!(browser.text("#state").await, "Reviewed");
    assert_eq!(browser.value("#award").await, "1 500");
    browser
        .fill("#decision-comment", "Travel costs are not eligible.")
        .await;
    browser.click_and_load("#record-decision").await;
    assert_eq!(browser.text("#state").await, "Funded");
    let letters = browser.text(".decision-letter").await;
    assert!(
        letters.contains("Funded")
            && letters.contains("€1,500.00")
            && letters.contains("Travel costs are not eligible."),
        "{letters}"
    );
    let grant_path = browser
        .find("#grant-link")
        .await
        .attr("href")
        .await
        .expect("attribute")
        .expect("a link to the grant");
    assert!(grant_path.starts_with("/app/grants/"), "{grant_path}");

    // The grantee finds the grant on her home page, reads the agreement and accepts it.
    browser.sign_out_and_in("ana@tests.example").await;
    browser.open("/app").await;
    let todo = browser.text("#todo").await;
    assert!(
        todo.contains(
            "Read and accept the grant agreement for “Maker space for teenagers” (€1,500.00)"
        ),
        "{todo}"
    );
    browser.click_and_load("nav a[href='/app/grants']").await;
    let list = browser.text("main table").await;
    assert!(
        list.contains("Maker space for teenagers") && list.contains("€1,500.00"),
        "{list}"
    );
    browser.click_and_load("main table a").await;
    assert_eq!(browser.path().await, grant_path);
    assert_eq!(
        browser.text("#state").await,
        "Agreement awaiting acceptance"
    );
    let agreement = browser.text("#agreement").await;
    assert!(
        agreement.contains("GRANT AGREEMENT") && agreement.contains("Maker space for teenagers"),
        "{agreement}"
    );
    assert_eq!(browser.text("#award").await, "€1,500.00");
    assert!(
        browser.absent(".tranche-actions").await,
        "the grantee moves no payments"
    );
    // Her home page asks for the bank details the payments need; she
    // enters them on the grant's page. A mistyped IBAN is named beside its
    // field and what she typed stays.
    assert!(
        todo.contains("Enter the bank details for “Maker space for teenagers”"),
        "{todo}"
    );
    assert!(browser.text("#bank-none").await.contains("cannot pay"));
    assert!(browser.text("#bank-when").await.contains("applies at once"));
    browser.fill("#account_holder", "City Library Skopje").await;
    browser.fill("#iban", "MK08 2501 2000 0058 984").await;
    browser.fill("#bank_name", "Stopanska banka").await;
    browser.click_and_load("#bank-save").await;
    assert!(
        browser
            .text("#error-iban")
            .await
            .contains("not a valid IBAN"),
        "{}",
        browser.text("#bank").await
    );
    assert_eq!(browser.value("#iban").await, "MK08 2501 2000 0058 984");
    assert_eq!(browser.value("#bank_name").await, "Stopanska banka");
    browser.retype("#iban", "mk07250120000058984").await;
    browser.click_and_load("#bank-save").await;
    assert_eq!(browser.text("#bank-iban").await, "MK07 2501 2000 0058 984");
    browser
        .click_and_load("button[data-step=accept_agreement]")
        .await;
    assert_eq!(browser.text("#state").await, "Active");
    assert!(!browser.text("#accepted").await.is_empty());

    // Finance user A requests the signing tranche and may not approve it too;
    // the account to pay is on the page.
    browser.sign_out_and_in("fin@tests.example").await;
    browser.open(&grant_path).await;
    assert_eq!(browser.text("#bank-iban").await, "MK07 2501 2000 0058 984");
    assert_eq!(browser.text("#bank-holder").await, "City Library Skopje");
    assert!(
        browser
            .text("#why-interim-request")
            .await
            .contains("interim"),
        "the interim tranche waits for its report"
    );
    browser
        .click_and_load("#tranche-signing button[data-step=request]")
        .await;
    assert_eq!(
        browser.text("#tranche-state-signing").await,
        "Payment requested"
    );
    assert!(browser.text("#requested-signing").await.starts_with("you"));
    let approve = browser
        .find("#tranche-signing button[data-step=approve]")
        .await;
    assert_eq!(
        approve
            .attr("disabled")
            .await
            .expect("attribute")
            .as_deref(),
        Some("true")
    );
    let why = browser.text("#why-signing-approve").await;
    assert!(
        why.contains("another finance user must approve it"),
        "{why}"
    );

    // Finance user B finds the payment waiting for her on her home page, and approves it.
    browser.sign_out_and_in("fin2@tests.example").await;
    browser.open("/app").await;
    let todo = browser.text("#todo").await;
    assert!(
        todo.contains("Approve the payment of €900.00 for “Maker space for teenagers”"),
        "{todo}"
    );
    browser.click_and_load("#todo a").await;
    assert_eq!(browser.path().await, grant_path);
    browser
        .click_and_load("#tranche-signing button[data-step=approve]")
        .await;
    assert_eq!(
        browser.text("#tranche-state-signing").await,
        "Approved for payment"
    );
    assert!(browser.text("#approved-signing").await.starts_with("you"));
    // The requester is named (every test account is "Test Person").
    assert!(
        browser
            .text("#requested-signing")
            .await
            .starts_with("Test Person")
    );

    // A records the payment in denars: without the rate it is refused beside the rate.
    browser.sign_out_and_in("fin@tests.example").await;
    browser.open("/app").await;
    let todo = browser.text("#todo").await;
    assert!(
        todo.contains("Pay €900.00 for “Maker space for teenagers” and record the payment"),
        "{todo}"
    );
    browser.open(&grant_path).await;
    // Beside the payment form, the confirmed account to pay into.
    let pay_to = browser.text("#pay-to-signing").await;
    assert!(
        pay_to.contains("City Library Skopje") && pay_to.contains("MK07 2501 2000 0058 984"),
        "{pay_to}"
    );
    assert_eq!(browser.value("#currency-signing-pay").await, "EUR");
    browser.fill("#reference-signing-pay", "MK-2027-0001").await;
    browser.retype("#currency-signing-pay", "MKD").await;
    browser
        .click_and_load("#tranche-signing button[data-step=pay]")
        .await;
    let error = browser.text("#error-exchange_rate-signing-pay").await;
    assert!(error.contains("exchange rate"), "{error}");
    assert!(browser.text("#error").await.contains("marked below"));
    assert_eq!(
        browser.value("#reference-signing-pay").await,
        "MK-2027-0001"
    );
    assert_eq!(browser.value("#currency-signing-pay").await, "MKD");
    assert_eq!(
        browser.text("#tranche-state-signing").await,
        "Approved for payment"
    );
    browser.fill("#exchange-rate-signing-pay", "61.5").await;
    browser
        .click_and_load("#tranche-signing button[data-step=pay]")
        .await;
    assert_eq!(browser.text("#tranche-state-signing").await, "Paid");
    let payment = browser.text("#payment-signing").await;
    // 60 % of €1,500.00 at 61.5 (WebDriver reads the no-break space as a space).
    assert!(
        payment.contains("MK-2027-0001") && payment.contains("MKD 55,350.00"),
        "{payment}"
    );
    assert_eq!(browser.text("#disbursed").await, "€900.00");
    assert_eq!(browser.text("#outstanding").await, "€600.00");

    // Now the agreement is accepted, the grantee's change of bank details
    // waits: the payments still go to the confirmed account.
    browser.sign_out_and_in("ana@tests.example").await;
    browser.open(&grant_path).await;
    browser.click("#bank-open").await;
    assert!(browser.text("#bank-when").await.contains("waits until"));
    browser.fill("#account_holder", "City Library Skopje").await;
    browser
        .fill("#iban", "AL35 2021 1109 0000 0000 0123 4567")
        .await;
    browser.fill("#bank_name", "Banka Kombëtare Tregtare").await;
    browser.click_and_load("#bank-save").await;
    assert_eq!(browser.text("#bank-iban").await, "MK07 2501 2000 0058 984");
    assert!(
        browser
            .text("#bank-pending")
            .await
            .contains("waits for confirmation")
    );
    assert!(
        browser.absent("#bank-confirm").await,
        "she cannot confirm her own change"
    );

    // Finance user B finds it on her home page and confirms it; the
    // history names each step and who took it.
    browser.sign_out_and_in("fin2@tests.example").await;
    browser.open("/app").await;
    let todo = browser.text("#todo").await;
    assert!(
        todo.contains("Confirm or reject the new bank details for “Maker space for teenagers”"),
        "{todo}"
    );
    browser.click_and_load("#todo a").await;
    assert_eq!(
        browser.text("#bank-pending-iban").await,
        "AL35 2021 1109 0000 0000 0123 4567"
    );
    browser.click_and_load("#bank-confirm").await;
    assert_eq!(
        browser.text("#bank-iban").await,
        "AL35 2021 1109 0000 0000 0123 4567"
    );
    assert!(browser.absent("#bank-pending").await);
    let history = browser.text("#history").await;
    assert!(
        history.contains("Entered the bank details")
            && history.contains("Asked to change the bank details")
            && history.contains("Confirmed the new bank details")
            && history.contains("IBAN …4567")
            && history.contains("Funded the proposal")
            && !history.contains("grant.created")
            && history.contains("Accept"),
        "{history}"
    );

    // The ledger, reached from the home page, shows where the money is.
    browser.open("/app").await;
    browser
        .click_and_load(&format!("a[href='/app/programmes/{programme_id}/ledger']"))
        .await;
    assert_eq!(browser.text("#disbursed").await, "€900.00");
    assert_eq!(browser.text("#committed").await, "€1,500.00");
    assert!(
        browser
            .text("table.ledger-grants")
            .await
            .contains("Maker space for teenagers")
    );
    let csv_link = browser.link("#ledger-csv").await;
    assert_eq!(
        csv_link,
        format!("/app/programmes/{programme_id}/ledger.csv")
    );
    let csv = String::from_utf8(browser.download(&csv_link).await).expect("UTF-8");
    assert!(
        csv.starts_with("\u{feff}recorded_at,kind,amount") && csv.contains("disbursement"),
        "{csv}"
    );
    browser.close().await;
    w.finish().await;
}
