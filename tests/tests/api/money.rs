//! Money end to end: from the ranking to decisions with their letters,
//! grants and agreements, tranches requested, approved by another person and
//! paid once, the ledger and its CSV exports — and the races: twenty
//! concurrent payments of one tranche, two commitments that together would
//! overspend.

use std::time::Duration;

use grants_tests::smtp::{ReceivedMail, SmtpServer};
use grants_tests::{Backend, HasId, Reply, TestApp, on_both_databases, open_programme_json};
use reqwest::Method;
use serde_json::{Value, json};

on_both_databases!(
    from_the_ranking_to_the_first_tranche_paid,
    a_payment_waiting_on_finance_emails_the_other_finance_users_in_their_language,
    bad_money_input_is_refused_and_writes_nothing,
    a_tranche_is_paid_once_whatever_the_retries_and_races,
    two_commitments_that_together_overspend_are_not_both_made,
    terminating_while_paying_leaves_every_cent_accounted_for,
    paying_needs_a_fresh_code_from_those_with_two_step_sign_in,
    where_the_programme_requires_it_nobody_approves_or_pays_with_a_password_alone,
);

/// A programme with a manager, two finance users, an applicant and a chair.
pub(crate) struct Round {
    pub(crate) app: TestApp,
    pub(crate) manager: String,
    pub(crate) chair: String,
    pub(crate) finance: String,
    pub(crate) second_finance: String,
    pub(crate) applicant: String,
    pub(crate) programme_id: String,
}

pub(crate) async fn round(
    backend: Backend,
    budget: i64,
    shape: impl FnOnce(&mut Value),
    adjust: impl FnOnce(&mut grants_server::Config),
) -> Round {
    let mut programme = open_programme_json("MONEY");
    programme["budget"] = json!({ "minor": budget, "currency": "EUR" });
    programme["max_award"] = json!({ "minor": budget.min(1_500_000), "currency": "EUR" });
    programme["reviews_per_proposal"] = json!(1);
    shape(&mut programme);
    let w = TestApp::spawn_with(backend, adjust)
        .await
        .seed()
        .with_user(CHAIR, &["jury_chair"])
        .with_user(FINANCE, &["finance"])
        .with_user(SECOND_FINANCE, &["finance"])
        .with_applicant_speaking("mk")
        .with_programme(programme)
        .await;
    Round {
        chair: w.token(CHAIR).to_owned(),
        finance: w.token(FINANCE).to_owned(),
        second_finance: w.token(SECOND_FINANCE).to_owned(),
        app: w.app,
        manager: w.manager,
        applicant: w.applicant,
        programme_id: w.programme_id,
    }
}

/// A round whose server mails through the real SMTP server `smtp`.
pub(crate) async fn round_mailing_to(
    backend: Backend,
    smtp: &grants_tests::smtp::SmtpServer,
) -> Round {
    let port = smtp.port;
    round(
        backend,
        10_000_000,
        |_| {},
        move |config| {
            config.mail.transport = grants_server::config::MailTransport::Smtp;
            config.mail.smtp.host = "127.0.0.1".into();
            config.mail.smtp.port = port;
        },
    )
    .await
}

const CHAIR: &str = "chair@tests.example";
const FINANCE: &str = "fin@tests.example";
const SECOND_FINANCE: &str = "fin2@tests.example";
/// A third finance user, reading Macedonian.
const MACEDONIAN_FINANCE: &str = "fin.mk@tests.example";

pub(crate) fn etag(revision: &Value) -> String {
    format!("\"{revision}\"")
}

impl Round {
    /// Takes a proposal transition at the proposal's current revision.
    pub(crate) async fn take(&self, token: &str, proposal: &str, transition: &str) -> Reply {
        self.app
            .transition_now(&self.applicant, token, proposal, transition, &json!({}))
            .await
    }

    /// A proposal from `country` asking for `requested` cents, screened eligible.
    pub(crate) async fn eligible(&self, country: &str, title: &str, requested: i64) -> String {
        self.eligible_shaped(country, title, requested, |_| {})
            .await
    }

    /// As [`Round::eligible`], the proposal first shaped by `shape`.
    pub(crate) async fn eligible_shaped(
        &self,
        country: &str,
        title: &str,
        requested: i64,
        shape: impl FnOnce(&mut Value),
    ) -> String {
        let mut body = grants_tests::complete_proposal_json(&self.programme_id, country);
        body["title"] = json!(title);
        body["requested_amount"] = json!({ "minor": requested, "currency": "EUR" });
        body["budget_lines"] = json!([
            { "description": "Everything", "amount": { "minor": requested, "currency": "EUR" } }
        ]);
        shape(&mut body);
        let draft = self
            .app
            .post("/proposals", Some(&self.applicant), &body)
            .await;
        draft.expect(201);
        let proposal = draft.id();
        for (token, step) in [
            (&self.applicant, "submit"),
            (&self.manager, "start_screening"),
            (&self.manager, "mark_eligible"),
        ] {
            self.take(token, &proposal, step).await.expect(200);
        }
        proposal
    }

    /// A proposal reviewed by the manager closing an empty review round.
    pub(crate) async fn reviewed(&self, country: &str, title: &str, requested: i64) -> String {
        let proposal = self.eligible(country, title, requested).await;
        for step in ["start_review", "complete_review"] {
            self.take(&self.manager, &proposal, step).await.expect(200);
        }
        proposal
    }

    /// Records a decision as the manager at the proposal's current revision.
    pub(crate) async fn decide(&self, proposal: &str, body: Value) -> Reply {
        self.decide_as(&self.manager, proposal, body).await
    }

    pub(crate) async fn decide_as(&self, token: &str, proposal: &str, mut body: Value) -> Reply {
        let current = self
            .app
            .get(&format!("/proposals/{proposal}"), Some(&self.manager))
            .await;
        body["revision"] = current.body["revision"].clone();
        self.app
            .post(
                &format!("/proposals/{proposal}/decision"),
                Some(token),
                &body,
            )
            .await
    }

    pub(crate) async fn grant(&self, token: &str, grant: &str) -> Value {
        let reply = self.app.get(&format!("/grants/{grant}"), Some(token)).await;
        reply.expect(200);
        reply.body.clone()
    }

    pub(crate) async fn accept_agreement(&self, grant: &str) {
        let current = self.grant(&self.applicant, grant).await;
        self.app
            .request_with(
                Method::POST,
                &format!("/grants/{grant}/transitions/accept_agreement"),
                Some(&self.applicant),
                Some(&json!({})),
                &[("if-match", &etag(&current["revision"]))],
            )
            .await
            .expect(200);
    }

    /// Takes a tranche transition at the tranche's current revision.
    pub(crate) async fn tranche(
        &self,
        token: &str,
        tranche: &str,
        name: &str,
        body: Value,
    ) -> Reply {
        let current = self
            .app
            .get(&format!("/tranches/{tranche}"), Some(&self.finance))
            .await;
        self.app
            .request_with(
                Method::POST,
                &format!("/tranches/{tranche}/transitions/{name}"),
                Some(token),
                Some(&body),
                &[("if-match", &etag(&current.body["revision"]))],
            )
            .await
    }

    pub(crate) async fn ledger(&self) -> Value {
        let reply = self
            .app
            .get(
                &format!("/programmes/{}/ledger", self.programme_id),
                Some(&self.finance),
            )
            .await;
        reply.expect(200);
        reply.body.clone()
    }

    /// A reviewer from Bulgaria reading Macedonian, and the chair's
    /// committed assignment of every eligible proposal; returns the
    /// reviewer's token.
    pub(crate) async fn assigned_reviewer(&self) -> String {
        let (reviewer_id, reviewer) = self
            .app
            .user_with_roles("bg@tests.example", &["reviewer"])
            .await;
        self.app
            .request(
                Method::PUT,
                &format!("/programmes/{}/reviewers/{reviewer_id}", self.programme_id),
                Some(&self.chair),
                Some(&json!({ "languages": ["mk"], "country": "BG", "organisation": "Library of BG" })),
            )
            .await
            .expect(200);
        let preview = self
            .app
            .post(
                &format!("/programmes/{}/assignment/preview", self.programme_id),
                Some(&self.chair),
                &json!({}),
            )
            .await;
        preview.expect(200);
        self.app
            .post(
                &format!("/programmes/{}/assignment/commit", self.programme_id),
                Some(&self.chair),
                &json!({ "fingerprint": preview.body["fingerprint"] }),
            )
            .await
            .expect(200);
        reviewer
    }

    /// Three proposals asking EUR 2,000.00 each (MK, RS, AL), reviewed by one
    /// reviewer from elsewhere who scores them 5, 4 and 2; returns them best first.
    pub(crate) async fn three_scored_apart(&self) -> (String, String, String) {
        let best = self.eligible("MK", "Seed library", 200_000).await;
        let good = self.eligible("RS", "Reading garden", 200_000).await;
        let third = self.eligible("AL", "Podcast studio", 200_000).await;
        let reviewer = self.assigned_reviewer().await;
        self.score_all(&reviewer, |p| match p {
            p if p == best => 5,
            p if p == good => 4,
            _ => 2,
        })
        .await;
        (best, good, third)
    }

    /// The reviewer scores each proposal assigned to them `score_of` it
    /// (every criterion alike) and submits the review.
    pub(crate) async fn score_all(&self, reviewer: &str, score_of: impl Fn(&str) -> i64) {
        let assignments = self.app.get("/me/assignments", Some(reviewer)).await;
        for assignment in assignments.body.as_array().expect("assignments") {
            let score = score_of(assignment["proposal_id"].as_str().unwrap_or_default());
            let path = format!(
                "/assignments/{}/review",
                assignment["id"].as_str().expect("id")
            );
            self.app
                .request(
                    Method::PUT,
                    &path,
                    Some(reviewer),
                    Some(&json!({
                        "scores": { "impact": score, "feasibility": score },
                        "recommendation": "fund",
                        "comment_for_applicant": format!("Scored {score} of 5."),
                    })),
                )
                .await
                .expect(200);
            self.app
                .request_with(
                    Method::POST,
                    &format!("{path}/submit"),
                    Some(reviewer),
                    Some(&json!({})),
                    &[("if-match", "\"1\"")],
                )
                .await
                .expect(200);
        }
    }

    /// A funded, accepted grant with its first tranche requested and approved.
    pub(crate) async fn approved_tranche(&self, proposal: &str) -> (String, Vec<String>) {
        let (grant, tranches) = self.requested_tranche(proposal).await;
        self.tranche(&self.second_finance, &tranches[0], "approve", json!({}))
            .await
            .expect(200);
        (grant, tranches)
    }

    /// Funds `proposal` and accepts its agreement: the grant, started.
    pub(crate) async fn started(&self, proposal: &str) -> String {
        let decided = self.decide(proposal, json!({ "outcome": "funded" })).await;
        decided.expect(200);
        let grant = decided.body["grant_id"]
            .as_str()
            .expect("a grant")
            .to_owned();
        self.accept_agreement(&grant).await;
        grant
    }

    /// Funds `proposal`; its agreement accepted and its first tranche
    /// requested: the grant and its tranches.
    pub(crate) async fn requested_tranche(&self, proposal: &str) -> (String, Vec<String>) {
        let grant = self.started(proposal).await;
        let tranches: Vec<String> = self.grant(&self.finance, &grant).await["tranches"]
            .as_array()
            .expect("tranches")
            .iter()
            .map(|t| t.id())
            .collect();
        self.tranche(&self.finance, &tranches[0], "request", json!({}))
            .await
            .expect(200);
        (grant, tranches)
    }
}

fn minor(value: &Value) -> i64 {
    value["minor"].as_i64().expect("an amount")
}

async fn from_the_ranking_to_the_first_tranche_paid(backend: Backend) {
    let smtp = SmtpServer::start().await;
    let r = round(backend, 500_000, |_| {}, smtp.config()).await;
    // Three proposals, one reviewer from elsewhere scoring them apart.
    let (best, good, third) = r.three_scored_apart().await;

    // The chair's funding line: two fit, the third does not.
    let plan = r
        .app
        .post(
            &format!("/programmes/{}/funding-plan", r.programme_id),
            Some(&r.chair),
            &json!({ "policy": "strict_rank" }),
        )
        .await;
    plan.expect(200);
    let planned: Vec<(&str, &str)> = plan.body["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .map(|p| {
            (
                p["proposal_id"].as_str().unwrap_or_default(),
                p["decision"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        planned,
        [
            (best.as_str(), "funded"),
            (good.as_str(), "funded"),
            (third.as_str(), "not_funded")
        ]
    );

    // The plain transition cannot fund: decisions carry letters and grants.
    r.take(&r.manager, &best, "fund").await.expect_problem(409);
    // The manager decides: the best in full, the second with less and a reason.
    let funded = r.decide(&best, json!({ "outcome": "funded" })).await;
    funded.expect(200);
    assert_eq!(funded.body["proposal"]["state"], "funded");
    assert_eq!(minor(&funded.body["decision"]["award"]), 200_000);
    let letter = funded.body["decision"]["letter_text"]
        .as_str()
        .unwrap_or_default();
    assert_eq!(funded.body["decision"]["letter_locale"], "mk");
    assert!(letter.contains("2.000,00\u{a0}€"), "{letter}");
    let grant = funded.body["grant_id"]
        .as_str()
        .expect("a grant")
        .to_owned();
    let cut = r
        .decide(
            &good,
            json!({
                "outcome": "funded",
                "award": { "minor": 150_000, "currency": "EUR" },
                "comment": "Travel costs are not eligible.",
            }),
        )
        .await;
    cut.expect(200);
    let cut_grant = cut.body["grant_id"].as_str().expect("a grant").to_owned();
    let waitlisted = r
        .decide(
            &third,
            json!({ "outcome": "waitlisted", "comment": "Next in line." }),
        )
        .await;
    waitlisted.expect(200);
    assert_eq!(waitlisted.body["proposal"]["state"], "waitlisted");
    // The applicant reads the letters kept with the proposal.
    let letters = r
        .app
        .get(&format!("/proposals/{good}/decision"), Some(&r.applicant))
        .await;
    letters.expect(200);
    let text = letters.body[0]["letter_text"].as_str().unwrap_or_default();
    assert!(
        text.contains("1.500,00\u{a0}€") && text.contains("Travel costs"),
        "{text}"
    );

    // The grant: agreement in the grantee's language, tranches 60/30/10.
    let shown = r.grant(&r.applicant, &grant).await;
    assert_eq!(shown["state"], "agreement_pending");
    assert_eq!(shown["agreement_locale"], "mk");
    assert!(
        shown["agreement_text"]
            .as_str()
            .unwrap_or_default()
            .contains("1.200,00\u{a0}€ (60%)"),
        "{}",
        shown["agreement_text"]
    );
    let amounts: Vec<i64> = shown["tranches"]
        .as_array()
        .expect("tranches")
        .iter()
        .map(|t| minor(&t["amount"]))
        .collect();
    assert_eq!(amounts, [120_000, 60_000, 20_000]);
    let first = shown["tranches"][0]["id"].as_str().expect("id").to_owned();
    let interim = shown["tranches"][1]["id"].as_str().expect("id").to_owned();

    // Nothing is requested before the agreement is accepted.
    let early = r.tranche(&r.finance, &first, "request", json!({})).await;
    early.expect_problem(409);
    r.accept_agreement(&grant).await;
    // The interim tranche waits for its report.
    r.tranche(&r.finance, &interim, "request", json!({}))
        .await
        .expect_problem(409);
    r.tranche(&r.finance, &first, "request", json!({}))
        .await
        .expect(200);
    // Four eyes: the requester cannot approve.
    let own = r.tranche(&r.finance, &first, "approve", json!({})).await;
    own.expect_problem(409);
    assert_eq!(own.body["blocked_by"][0]["guard"], "not_requester");
    r.tranche(&r.second_finance, &first, "approve", json!({}))
        .await
        .expect(200);
    // Paid in denars at the day's rate.
    let paid = r
        .tranche(
            &r.finance,
            &first,
            "pay",
            json!({ "payment": {
                "reference": "MK-2027-0001",
                "value_date": chrono::Utc::now().date_naive(),
                "currency": "MKD",
                "exchange_rate": "61.5",
            }}),
        )
        .await;
    paid.expect(200);
    assert_eq!(paid.body["state"], "paid");
    assert_eq!(minor(&paid.body["payment"]["paid"]), 7_380_000);
    assert_eq!(paid.body["payment"]["paid"]["currency"], "MKD");

    // The ledger knows where every cent is.
    let ledger = r.ledger().await;
    let totals = &ledger["totals"];
    assert_eq!(minor(&totals["budget"]), 500_000);
    assert_eq!(minor(&totals["committed"]), 350_000);
    assert_eq!(minor(&totals["disbursed"]), 120_000);
    assert_eq!(minor(&totals["remaining"]), 150_000);
    assert_eq!(minor(&totals["outstanding"]), 230_000);
    assert_eq!(minor(&totals["upcoming"]), 230_000);
    let countries: Vec<(&str, i64)> = ledger["countries"]
        .as_array()
        .expect("countries")
        .iter()
        .map(|c| {
            (
                c["country"].as_str().unwrap_or_default(),
                minor(&c["committed"]),
            )
        })
        .collect();
    assert_eq!(countries, [("MK", 200_000), ("RS", 150_000)]);

    // Terminating the cut grant cancels its tranches and frees its money,
    // which funds the waitlisted proposal.
    let cut_shown = r.grant(&r.manager, &cut_grant).await;
    r.app
        .request_with(
            Method::POST,
            &format!("/grants/{cut_grant}/transitions/terminate"),
            Some(&r.manager),
            Some(&json!({ "comment": "The library closed." })),
            &[("if-match", &etag(&cut_shown["revision"]))],
        )
        .await
        .expect(200);
    let cut_after = r.grant(&r.manager, &cut_grant).await;
    assert_eq!(cut_after["state"], "terminated");
    assert!(
        cut_after["tranches"]
            .as_array()
            .expect("tranches")
            .iter()
            .all(|t| t["state"] == "cancelled")
    );
    assert_eq!(minor(&r.ledger().await["totals"]["remaining"]), 300_000);
    r.decide(&third, json!({ "outcome": "funded" }))
        .await
        .expect(200);
    assert_eq!(minor(&r.ledger().await["totals"]["remaining"]), 100_000);

    // CSV exports open in a spreadsheet: BOM, header, one line per entry.
    let (status, ledger_csv) = r
        .app
        .get_text(
            &format!("/programmes/{}/ledger.csv", r.programme_id),
            &r.finance,
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        ledger_csv.starts_with("\u{feff}recorded_at,kind,amount"),
        "{ledger_csv}"
    );
    let kinds: Vec<&str> = ledger_csv
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .collect();
    assert_eq!(
        kinds,
        [
            "commitment",
            "commitment",
            "disbursement",
            "release",
            "release",
            "release",
            "commitment"
        ]
    );
    // Running totals after the last entry: committed, disbursed, remaining.
    assert!(
        ledger_csv
            .lines()
            .last()
            .unwrap_or_default()
            .ends_with(",4000.00,1200.00,1000.00"),
        "{ledger_csv}"
    );
    let (_, payments) = r
        .app
        .get_text(
            &format!("/programmes/{}/payments.csv", r.programme_id),
            &r.finance,
        )
        .await;
    let rows: Vec<&str> = payments.lines().collect();
    assert_eq!(rows.len(), 2, "{payments}");
    assert!(
        rows[1].contains("MK-2027-0001") && rows[1].contains("73800.00,MKD,61.5"),
        "{payments}"
    );

    // The same ledger as a spreadsheet, in Serbian, as a spreadsheet program
    // opens it: the entries' kinds in words, the running totals as numbers.
    let (status, _, bytes) = r
        .app
        .download_with(
            &format!("/programmes/{}/ledger.xlsx", r.programme_id),
            Some(&r.finance),
            &[("Accept-Language", "sr")],
        )
        .await;
    assert_eq!(status, 200);
    let sheet = &grants_tests::readers::read_xlsx(&bytes)[0];
    let sr = |key: &str| grants_i18n::text(grants_domain::Locale::Sr, key);
    assert_eq!(sheet["title"], sr("export-sheet-ledger"));
    let rows = sheet["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 8, "{rows:?}");
    assert_eq!(rows[0][1], sr("export-column-kind"));
    assert_eq!(rows[3][1], sr("export-term-disbursement"));
    assert_ne!(rows[3][1], "disbursement");
    let last = rows[7].as_array().expect("a row");
    let totals: Vec<Option<f64>> = last[10..13].iter().map(Value::as_f64).collect();
    assert_eq!(totals, [Some(4000.0), Some(1200.0), Some(1000.0)]);
    // The moment it was recorded is a date a spreadsheet sorts by.
    assert!(
        rows[1][0].as_str().is_some_and(|d| d.starts_with("20")),
        "{rows:?}"
    );

    // The grant's dossier for an auditor, in Macedonian: the agreement, the
    // tranches by name with the payment's bank reference, read by pypdf.
    let (status, headers, bytes) = r
        .app
        .download_with(
            &format!("/grants/{grant}/dossier.pdf"),
            Some(&r.finance),
            &[("Accept-Language", "mk")],
        )
        .await;
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&bytes));
    assert_eq!(headers["content-type"], "application/pdf");
    let dossier = grants_tests::readers::words_of(&grants_tests::readers::read_pdf(&bytes));
    let mk = |key: &str| grants_i18n::text(grants_domain::Locale::Mk, key);
    for words in [
        mk("agreement"),
        mk("tranches"),
        mk("tranche-name-signing"),
        "MK-2027-0001".to_owned(),
    ] {
        assert!(dossier.contains(&words), "{words:?} is not in {dossier}");
    }
    // The grantee reads it too; someone else's grant is not found.
    let (status, _, _) = r
        .app
        .download(&format!("/grants/{grant}/dossier.pdf"), Some(&r.applicant))
        .await;
    assert_eq!(status, 200);

    // Who may read what.
    r.app
        .get(
            &format!("/programmes/{}/ledger", r.programme_id),
            Some(&r.applicant),
        )
        .await
        .expect_problem(403);
    let (_, stranger) = r
        .app
        .user_with_roles("other@tests.example", &["applicant"])
        .await;
    r.app
        .get(&format!("/grants/{grant}"), Some(&stranger))
        .await
        .expect_problem(404);
    let mine = r.app.get("/grants", Some(&r.applicant)).await;
    assert_eq!(mine.body["items"].as_array().map(Vec::len), Some(3));
    // A page of grants (read in a fixed number of queries) shows each as the
    // grant's own page does: its own tranches, with who acted on them.
    let listed = r.app.get("/grants", Some(&r.finance)).await;
    listed.expect(200);
    let item = listed.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|g| g["id"] == grant.as_str())
        .expect("the grant is listed")
        .clone();
    assert_eq!(item, r.grant(&r.finance, &grant).await);
    for who in ["requested_by_name", "approved_by_name", "paid_by_name"] {
        assert_eq!(item["tranches"][0][who], "Test Person", "{who}");
    }
    assert!(item["tranches"][1]["requested_by_name"].is_null());
    assert_eq!(
        r.app.get("/grants", Some(&stranger)).await.body["items"]
            .as_array()
            .map(Vec::len),
        Some(0)
    );

    // The grantee was told: decisions, the agreement, the payment.
    smtp.wait_for(6).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let to_applicant: Vec<_> = smtp
        .messages()
        .into_iter()
        .filter(|m| m.to == "ana@tests.example")
        .collect();
    let paid_mail = to_applicant
        .iter()
        .find(|m| m.text.contains("MK-2027-0001"))
        .expect("the payment was announced");
    assert!(
        paid_mail.text.contains("73.800,00\u{a0}MKD"),
        "{}",
        paid_mail.text
    );
    assert!(
        to_applicant
            .iter()
            .any(|m| m.text.contains(&format!("/app/grants/{grant}"))),
        "the agreement link was sent"
    );
    drop(smtp);
    r.app.finish().await;
}

/// The mails to finance users, once `count` have arrived and a moment
/// more has shown that no other is coming.
async fn finance_mails(smtp: &SmtpServer, count: usize) -> Vec<ReceivedMail> {
    let to_finance = || {
        smtp.messages()
            .into_iter()
            .filter(|m| [FINANCE, SECOND_FINANCE, MACEDONIAN_FINANCE].contains(&m.to.as_str()))
            .collect::<Vec<_>>()
    };
    for _ in 0..300 {
        if to_finance().len() >= count {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    to_finance()
}

async fn a_payment_waiting_on_finance_emails_the_other_finance_users_in_their_language(
    backend: Backend,
) {
    let smtp = SmtpServer::start().await;
    let r = round(backend, 500_000, |_| {}, smtp.config()).await;
    r.app
        .user_speaking(MACEDONIAN_FINANCE, &["finance"], "mk")
        .await;
    let proposal = r.reviewed("MK", "Seed library", 200_000).await;
    let decided = r.decide(&proposal, json!({ "outcome": "funded" })).await;
    decided.expect(200);
    let grant = decided.body["grant_id"]
        .as_str()
        .expect("a grant")
        .to_owned();
    r.accept_agreement(&grant).await;
    let first = r.grant(&r.finance, &grant).await["tranches"][0].id();
    let link = format!("/app/grants/{grant}");
    assert!(
        finance_mails(&smtp, 0).await.is_empty(),
        "nothing waits on finance before a request"
    );

    // Requested: every other finance user may approve it, each in their
    // language; the requester may not, so gets nothing.
    r.tranche(&r.finance, &first, "request", json!({}))
        .await
        .expect(200);
    let requested = finance_mails(&smtp, 2).await;
    let to = |mails: &[ReceivedMail], address: &str| -> Vec<ReceivedMail> {
        mails.iter().filter(|m| m.to == address).cloned().collect()
    };
    assert_eq!(requested.len(), 2, "{requested:#?}");
    assert!(
        to(&requested, FINANCE).is_empty(),
        "the requester cannot approve: {requested:#?}"
    );
    let english = &to(&requested, SECOND_FINANCE)[0];
    assert_eq!(english.language, "en");
    // Amounts as the reader's locale writes them (1,200.00 in English).
    assert!(
        english.subject.starts_with("Payment to approve: ")
            && english.subject.contains("1,200.00")
            && english.subject.ends_with(" for Seed library"),
        "{}",
        english.subject
    );
    assert!(
        english.text.contains("for \"Seed library\" (tranche \"signing\") waits for your approval. Test Person requested it"),
        "{}",
        english.text
    );
    assert!(english.text.contains(&link), "{}", english.text);
    assert!(
        english
            .html
            .contains(&format!("{link}\">Open the grant</a>")),
        "{}",
        english.html
    );
    let macedonian = &to(&requested, MACEDONIAN_FINANCE)[0];
    assert_eq!(macedonian.language, "mk");
    assert!(
        macedonian.subject.starts_with("Исплата за одобрување: ")
            && macedonian.subject.contains("1.200,00")
            && macedonian.subject.ends_with(" за „Seed library“"),
        "{}",
        macedonian.subject
    );
    assert!(
        macedonian.text.contains("чека на Вашето одобрување")
            && macedonian.text.contains("Ја побара Test Person")
            && macedonian.text.contains(&link),
        "{}",
        macedonian.text
    );

    // Approved: it waits to be paid and recorded by anyone in finance but
    // the approver.
    r.tranche(&r.second_finance, &first, "approve", json!({}))
        .await
        .expect(200);
    let all = finance_mails(&smtp, 4).await;
    let approved: Vec<ReceivedMail> = all
        .into_iter()
        .filter(|m| !requested.iter().any(|r| r.message_id == m.message_id))
        .collect();
    assert_eq!(approved.len(), 2, "{approved:#?}");
    assert!(
        to(&approved, SECOND_FINANCE).is_empty(),
        "not the approver: {approved:#?}"
    );
    let requester = &to(&approved, FINANCE)[0];
    assert_eq!(requester.language, "en");
    assert!(
        requester
            .subject
            .starts_with("Payment approved, to be paid: ")
            && requester.subject.contains("1,200.00"),
        "{}",
        requester.subject
    );
    assert!(
        requester.text.contains("waits to be paid and recorded") && requester.text.contains(&link),
        "{}",
        requester.text
    );
    let macedonian = &to(&approved, MACEDONIAN_FINANCE)[0];
    assert_eq!(macedonian.language, "mk");
    assert!(
        macedonian
            .subject
            .starts_with("Одобрена исплата, чека плаќање: ")
            && macedonian.subject.contains("1.200,00"),
        "{}",
        macedonian.subject
    );
    assert!(
        macedonian
            .text
            .contains("чека да биде исплатена и евидентирана"),
        "{}",
        macedonian.text
    );
    drop(smtp);
    r.app.finish().await;
}

async fn bad_money_input_is_refused_and_writes_nothing(backend: Backend) {
    let r = round(backend, 300_000, |_| {}, |_| {}).await;
    let proposal = r.reviewed("MK", "Seed library", 200_000).await;
    let other = r.reviewed("RS", "Reading garden", 200_000).await;
    for (body, field, code) in [
        (
            json!({ "outcome": "funded", "award": { "minor": 200_001, "currency": "EUR" } }),
            "award",
            "above_request",
        ),
        (
            json!({ "outcome": "funded", "award": { "minor": 100_000, "currency": "EUR" } }),
            "comment",
            "reason_required",
        ),
        (
            json!({ "outcome": "funded", "award": { "minor": 0, "currency": "EUR" }, "comment": "x" }),
            "award",
            "not_positive",
        ),
        (
            json!({ "outcome": "funded", "award": { "minor": 100_000, "currency": "MKD" }, "comment": "x" }),
            "award",
            "wrong_currency",
        ),
        (
            json!({ "outcome": "declined", "award": { "minor": 100_000, "currency": "EUR" } }),
            "award",
            "not_funded",
        ),
    ] {
        let refused = r.decide(&proposal, body).await;
        refused.expect_problem(422);
        assert_eq!(refused.error_fields(), [field]);
        assert_eq!(refused.body["errors"][0]["code"], code);
    }
    // Only a programme manager decides.
    r.decide_as(&r.finance, &proposal, json!({ "outcome": "funded" }))
        .await
        .expect_problem(403);
    r.decide(&proposal, json!({ "outcome": "funded" }))
        .await
        .expect(200);
    // More than remains: refused, and the proposal, grants and ledger stay as they were.
    let over = r.decide(&other, json!({ "outcome": "funded" })).await;
    over.expect_problem(422);
    assert_eq!(over.body["errors"][0]["code"], "over_budget");
    let still = r
        .app
        .get(&format!("/proposals/{other}"), Some(&r.manager))
        .await;
    assert_eq!(still.body["state"], "reviewed");
    r.app
        .get(&format!("/proposals/{other}/grant"), Some(&r.manager))
        .await
        .expect_problem(404);
    let ledger = r.ledger().await;
    assert_eq!(minor(&ledger["totals"]["committed"]), 200_000);
    assert_eq!(ledger["grants"].as_array().map(Vec::len), Some(1));
    // Deciding twice: the proposal is funded already.
    r.decide(&proposal, json!({ "outcome": "declined" }))
        .await
        .expect_problem(409);

    // Payments: a rate is needed for another currency, a cancelled tranche cannot be paid.
    let grant = r
        .app
        .get(&format!("/proposals/{proposal}/grant"), Some(&r.finance))
        .await;
    grant.expect(200);
    let grant_id = grant.id();
    r.accept_agreement(&grant_id).await;
    let first = grant.body["tranches"][0]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let second = grant.body["tranches"][1]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    r.tranche(&r.finance, &first, "request", json!({}))
        .await
        .expect(200);
    r.tranche(&r.second_finance, &first, "approve", json!({}))
        .await
        .expect(200);
    let today = chrono::Utc::now().date_naive();
    for (payment, field, code) in [
        (
            json!({ "reference": "X", "value_date": today, "currency": "MKD" }),
            "payment.exchange_rate",
            "rate_required",
        ),
        (
            json!({ "reference": "X", "value_date": today, "exchange_rate": "1.2" }),
            "payment.exchange_rate",
            "rate_not_needed",
        ),
        (
            json!({ "reference": "X", "value_date": today, "currency": "MKD", "exchange_rate": "-3" }),
            "payment.exchange_rate",
            "invalid_rate",
        ),
        (
            json!({ "reference": "X", "value_date": today, "currency": "MKD", "exchange_rate": "61.5", "paid_minor": 1 }),
            "payment.paid_minor",
            "amount_mismatch",
        ),
        (
            json!({ "reference": " ", "value_date": today }),
            "payment.reference",
            "invalid",
        ),
        (
            json!({ "reference": "X", "value_date": today, "currency": "ZZZ" }),
            "payment.currency",
            "unknown_currency",
        ),
        (
            json!({ "reference": "X", "value_date": today - chrono::Days::new(400) }),
            "payment.value_date",
            "before_the_request",
        ),
    ] {
        let refused = r
            .tranche(&r.finance, &first, "pay", json!({ "payment": payment }))
            .await;
        refused.expect_problem(422);
        assert_eq!(refused.error_fields(), [field], "{payment}");
        assert_eq!(refused.body["errors"][0]["code"], code, "{payment}");
    }
    r.tranche(&r.finance, &first, "pay", json!({}))
        .await
        .expect_problem(422);
    assert_eq!(minor(&r.ledger().await["totals"]["disbursed"]), 0);
    r.tranche(&r.manager, &second, "cancel", json!({}))
        .await
        .expect_problem(409);
    r.tranche(
        &r.manager,
        &second,
        "cancel",
        json!({ "comment": "Not needed." }),
    )
    .await
    .expect(200);
    let cancelled = r
        .tranche(
            &r.finance,
            &second,
            "pay",
            json!({ "payment": { "reference": "X", "value_date": today } }),
        )
        .await;
    cancelled.expect_problem(409);
    assert_eq!(minor(&r.ledger().await["totals"]["committed"]), 140_000);
    // The grantee cannot move money.
    r.tranche(
        &r.applicant,
        &first,
        "pay",
        json!({ "payment": { "reference": "X", "value_date": today } }),
    )
    .await
    .expect_problem(403);
    // Sent back, the request starts afresh: the old approval no longer counts.
    r.tranche(&r.finance, &first, "send_back", json!({}))
        .await
        .expect_problem(409);
    r.tranche(
        &r.second_finance,
        &first,
        "send_back",
        json!({ "comment": "Wrong account." }),
    )
    .await
    .expect(200);
    let again = r.tranche(&r.finance, &first, "request", json!({})).await;
    again.expect(200);
    assert_eq!(again.body["state"], "requested");
    assert_eq!(again.body["approved_by"], Value::Null);
    assert_eq!(again.body["comment"], Value::Null);
    r.app.finish().await;
}

/// Two tranches, both requestable once the agreement is accepted.
fn two_payable_tranches(programme: &mut Value) {
    programme["tranche_template"] = json!([
        { "key": "signing", "percent": 50, "condition": { "kind": "agreement_signed" } },
        { "key": "start", "percent": 50, "condition": { "kind": "months_after_start", "months": 0 } },
    ]);
}

async fn a_tranche_is_paid_once_whatever_the_retries_and_races(backend: Backend) {
    let r = round(backend, 1_000_000, two_payable_tranches, |_| {}).await;
    let proposal = r.reviewed("MK", "Seed library", 200_000).await;
    let (grant, tranches) = r.approved_tranche(&proposal).await;
    let payment = json!({ "payment": {
        "reference": "PAY-1",
        "value_date": chrono::Utc::now().date_naive(),
    }});
    let current = r
        .app
        .get(&format!("/tranches/{}", tranches[0]), Some(&r.finance))
        .await;
    let revision = etag(&current.body["revision"]);

    // Twenty concurrent retries with one Idempotency-Key: one payment, and
    // every answer is the first one or "still in progress".
    let path = format!("/tranches/{}/transitions/pay", tranches[0]);
    let keyed = [
        ("if-match", revision.as_str()),
        ("idempotency-key", "pay-signing-once"),
    ];
    let same_key = (0..20).map(|_| {
        r.app.request_with(
            Method::POST,
            &path,
            Some(&r.finance),
            Some(&payment),
            &keyed,
        )
    });
    let replies = futures_util::future::join_all(same_key).await;
    let ok: Vec<&Reply> = replies.iter().filter(|r| r.status == 200).collect();
    assert!(!ok.is_empty());
    assert!(ok.iter().all(|reply| reply.body == ok[0].body));
    assert!(
        replies.iter().all(|r| r.status == 200 || r.status == 409),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    // A later retry gets the first answer too.
    let retry = r
        .app
        .request_with(
            Method::POST,
            &path,
            Some(&r.finance),
            Some(&payment),
            &[
                ("if-match", &revision),
                ("idempotency-key", "pay-signing-once"),
            ],
        )
        .await;
    retry.expect(200);
    assert_eq!(retry.body, ok[0].body);

    // Twenty concurrent payments of the other tranche without a key: one wins.
    r.tranche(&r.finance, &tranches[1], "request", json!({}))
        .await
        .expect(200);
    r.tranche(&r.second_finance, &tranches[1], "approve", json!({}))
        .await
        .expect(200);
    let current = r
        .app
        .get(&format!("/tranches/{}", tranches[1]), Some(&r.finance))
        .await;
    let revision = etag(&current.body["revision"]);
    let path = format!("/tranches/{}/transitions/pay", tranches[1]);
    let unkeyed = [("if-match", revision.as_str())];
    let racing = (0..20).map(|_| {
        r.app.request_with(
            Method::POST,
            &path,
            Some(&r.finance),
            Some(&payment),
            &unkeyed,
        )
    });
    let replies = futures_util::future::join_all(racing).await;
    let statuses: Vec<u16> = replies.iter().map(|r| r.status.as_u16()).collect();
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 409),
        "{statuses:?}"
    );

    // Exactly the award was paid, once per tranche.
    let shown = r.grant(&r.finance, &grant).await;
    assert_eq!(minor(&shown["disbursed"]), 200_000);
    let ledger = r.ledger().await;
    assert_eq!(minor(&ledger["totals"]["disbursed"]), 200_000);
    let (_, csv) = r
        .app
        .get_text(
            &format!("/programmes/{}/ledger.csv", r.programme_id),
            &r.finance,
        )
        .await;
    assert_eq!(csv.matches(",disbursement,").count(), 2, "{csv}");
    r.app.finish().await;
}

async fn two_commitments_that_together_overspend_are_not_both_made(backend: Backend) {
    let r = round(backend, 300_000, |_| {}, |_| {}).await;
    let (_, other_manager) = r
        .app
        .user_with_roles("manager2@tests.example", &["programme_manager"])
        .await;
    let mut proposals = Vec::new();
    for country in ["MK", "RS", "AL", "BG"] {
        proposals.push(r.reviewed(country, "Seed library", 200_000).await);
    }
    // Two pairs, each decided by two managers at once: only one of a pair fits.
    for pair in proposals.chunks(2) {
        let (a, b) = tokio::join!(
            r.decide(&pair[0], json!({ "outcome": "funded" })),
            r.decide_as(&other_manager, &pair[1], json!({ "outcome": "funded" })),
        );
        let mut statuses = [a.status.as_u16(), b.status.as_u16()];
        statuses.sort_unstable();
        if pair[0] == proposals[0] {
            assert_eq!(statuses, [200, 422], "{:#} {:#}", a.body, b.body);
        } else {
            // The budget is spent: both refused.
            assert_eq!(statuses, [422, 422], "{:#} {:#}", a.body, b.body);
        }
    }
    let ledger = r.ledger().await;
    assert_eq!(minor(&ledger["totals"]["committed"]), 200_000);
    assert_eq!(ledger["grants"].as_array().map(Vec::len), Some(1));
    let mut funded = 0;
    for p in &proposals {
        let state = r
            .app
            .get(&format!("/proposals/{p}"), Some(&r.manager))
            .await;
        if state.body["state"] == "funded" {
            funded += 1;
        }
    }
    assert_eq!(funded, 1);
    r.app.finish().await;
}

async fn terminating_while_paying_leaves_every_cent_accounted_for(backend: Backend) {
    let r = round(backend, 2_000_000, two_payable_tranches, |_| {}).await;
    for (round_no, country) in ["MK", "RS", "AL"].into_iter().enumerate() {
        let award = 200_000 + 100 * round_no as i64;
        let proposal = r.reviewed(country, "Seed library", award).await;
        let (grant, tranches) = r.approved_tranche(&proposal).await;
        r.tranche(&r.finance, &tranches[1], "request", json!({}))
            .await
            .expect(200);
        r.tranche(&r.second_finance, &tranches[1], "approve", json!({}))
            .await
            .expect(200);
        let payment = json!({ "payment": {
            "reference": format!("RACE-{round_no}"),
            "value_date": chrono::Utc::now().date_naive(),
        }});
        let shown = r.grant(&r.manager, &grant).await;
        let grant_etag = etag(&shown["revision"]);
        let tranche_etag = |i: usize| etag(&shown["tranches"][i]["revision"]);
        let (first_etag, second_etag) = (tranche_etag(0), tranche_etag(1));
        let app = &r.app;
        let finance = r.finance.as_str();
        let pay = |tranche: &str, tag: &str| {
            let path = format!("/tranches/{tranche}/transitions/pay");
            let tag = tag.to_owned();
            let payment = payment.clone();
            async move {
                app.request_with(
                    Method::POST,
                    &path,
                    Some(finance),
                    Some(&payment),
                    &[("if-match", &tag)],
                )
                .await
            }
        };
        let terminate = async {
            r.app
                .request_with(
                    Method::POST,
                    &format!("/grants/{grant}/transitions/terminate"),
                    Some(&r.manager),
                    Some(&json!({ "comment": "The library closed." })),
                    &[("if-match", &grant_etag)],
                )
                .await
        };
        let (a, b, ended) = tokio::join!(
            pay(&tranches[0], &first_etag),
            pay(&tranches[1], &second_etag),
            terminate
        );
        ended.expect(200);
        for reply in [&a, &b] {
            assert!(
                matches!(reply.status.as_u16(), 200 | 409),
                "{:#}",
                reply.body
            );
        }
        // Every tranche ended one way; the ledger holds exactly what was paid.
        let after = r.grant(&r.finance, &grant).await;
        assert_eq!(after["state"], "terminated");
        let mut paid = 0;
        for t in after["tranches"].as_array().expect("tranches") {
            match t["state"].as_str() {
                Some("paid") => paid += minor(&t["amount"]),
                Some("cancelled") => {}
                other => panic!("a tranche left {other:?} by the race"),
            }
        }
        let paid_replies = [&a, &b].iter().filter(|r| r.status == 200).count();
        assert_eq!(
            paid,
            award / 2 * paid_replies as i64,
            "every 200 paid, every 409 did not"
        );
        assert_eq!(minor(&after["disbursed"]), paid);
        assert_eq!(
            minor(&after["committed"]),
            paid,
            "what was not paid was released"
        );
        assert_eq!(minor(&after["outstanding"]), 0);
    }
    let ledger = r.ledger().await;
    assert_eq!(ledger["totals"]["committed"], ledger["totals"]["disbursed"]);
    r.app.finish().await;
}

async fn paying_needs_a_fresh_code_from_those_with_two_step_sign_in(backend: Backend) {
    let r = round(backend, 1_000_000, |_| {}, |_| {}).await;
    let proposal = r.reviewed("MK", "Seed library", 200_000).await;
    let (_, tranches) = r.approved_tranche(&proposal).await;
    let (secret, _) = r.app.enrol_second_factor(&r.finance).await;
    // Minutes after signing in, the token alone no longer pays.
    r.app.clock.advance(chrono::Duration::minutes(6));
    let payment = json!({ "payment": {
        "reference": "PAY-2FA",
        "value_date": r.app.clock.now().date_naive(),
    }});
    let refused = r
        .tranche(&r.finance, &tranches[0], "pay", payment.clone())
        .await;
    refused.expect_problem(409);
    assert_eq!(
        refused.body["blocked_by"][0]["guard"],
        "second_factor_fresh"
    );
    assert_eq!(refused.body["blocked_by"][0]["args"]["case"], "step_up");
    let offered = r
        .app
        .get(
            &format!("/tranches/{}/transitions", tranches[0]),
            Some(&r.finance),
        )
        .await;
    let pay = offered
        .body
        .as_array()
        .and_then(|steps| steps.iter().find(|s| s["name"] == "pay").cloned());
    assert_eq!(pay.expect("pay is listed")["needs_second_factor"], true);
    r.app
        .post(
            "/auth/step-up",
            Some(&r.finance),
            &json!({ "code": r.app.next_totp(&secret) }),
        )
        .await
        .expect(200);
    r.tranche(&r.finance, &tranches[0], "pay", payment)
        .await
        .expect(200);
    r.app.finish().await;
}

async fn where_the_programme_requires_it_nobody_approves_or_pays_with_a_password_alone(
    backend: Backend,
) {
    let r = round(
        backend,
        1_000_000,
        |p| p["second_factor_for_money"] = json!(true),
        |_| {},
    )
    .await;
    let proposal = r.reviewed("MK", "Seed library", 200_000).await;
    let (_, tranches) = r.requested_tranche(&proposal).await;
    let needs_enrolment = |reply: &Reply| {
        reply.expect_problem(409);
        assert_eq!(reply.body["blocked_by"][0]["guard"], "second_factor_fresh");
        assert_eq!(reply.body["blocked_by"][0]["args"]["case"], "enrol");
    };
    // Neither finance user has two-step sign-in: the password is not enough.
    needs_enrolment(
        &r.tranche(&r.second_finance, &tranches[0], "approve", json!({}))
            .await,
    );
    // Set up, the code just given counts as fresh.
    r.app.enrol_second_factor(&r.second_finance).await;
    r.tranche(&r.second_finance, &tranches[0], "approve", json!({}))
        .await
        .expect(200);
    let payment = json!({ "payment": {
        "reference": "PAY-PROGRAMME-2FA",
        "value_date": r.app.clock.now().date_naive(),
    }});
    needs_enrolment(
        &r.tranche(&r.finance, &tranches[0], "pay", payment.clone())
            .await,
    );
    r.app.enrol_second_factor(&r.finance).await;
    r.tranche(&r.finance, &tranches[0], "pay", payment)
        .await
        .expect(200);
    r.app.finish().await;
}
