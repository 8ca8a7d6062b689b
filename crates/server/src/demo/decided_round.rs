//! The decided round, [`DEMO_DECIDED_PROGRAMME`]: decisions, grants whose
//! agreements were accepted months ago, their tranches requested, approved
//! and paid, and their reports at every stage.

use std::collections::BTreeMap;

use anyhow::Context;
use chrono::{Duration, Utc};
use grants_app::{App, auth, decisions, grants, programmes, proposals, reports, tranches};
use grants_domain::programme::MoneyInput;
use grants_domain::report::{ReportContentInput, SpendingInput};

use super::review_round::ROUND;
use super::sample::{sample_programme, sample_proposal};
use super::support::{
    close_call, demo_email, draft, eur, log_in, programme_exists, take_step, text,
};

/// The code of the programme whose round is decided and whose grants are paying out.
pub const DEMO_DECIDED_PROGRAMME: &str = "INELI-2025";

/// Where the four running grants are paid: a library's account in each
/// grantee's country (the IBAN registry's own examples, valid check digits).
const BANK_ACCOUNTS: [(&str, &str, &str, &str); 4] = [
    (
        "City Library Skopje",
        "MK07 2501 2000 0058 984",
        "STBAMK22XXX",
        "Stopanska banka",
    ),
    (
        "Biblioteka Kombëtare",
        "AL35 2021 1109 0000 0000 0123 4567",
        "NCBAALTX",
        "Banka Kombëtare Tregtare",
    ),
    (
        "Narodna biblioteka Sarajevo",
        "BA39 1290 0794 0102 8494",
        "UNCRBA22",
        "UniCredit Bank",
    ),
    (
        "Столична библиотека",
        "BG80 BNBG 9661 1020 3456 78",
        "BNBGBGSD",
        "Българска народна банка",
    ),
];

/// Last year's round: eight reviewed proposals, five funded (one with less
/// than it asked, with the reason), one waitlisted, two declined; four
/// agreements accepted, signing tranches requested, approved by the second
/// finance user and, for two, paid (one in denars at the day's rate).
/// Skipped when it exists.
pub(super) async fn seed_decided_round(app: &App) -> anyhow::Result<()> {
    let manager = log_in(app, &demo_email("manager")).await?;
    if programme_exists(app, &manager, DEMO_DECIDED_PROGRAMME).await? {
        return Ok(());
    }
    let mut spec = sample_programme();
    spec.code = Some(DEMO_DECIDED_PROGRAMME.into());
    spec.title = Some(text(&[
        ("en", "INELI-Balkans Innovation Awards 2025 (demo, decided)"),
        (
            "mk",
            "INELI-Балкан Награди за иновации 2025 (демо, одлучено)",
        ),
    ]));
    spec.budget = eur(2_500_000);
    let programme = programmes::create(app, &manager, spec)
        .await
        .context("seeding the decided programme")?;

    let mut submitted = Vec::new();
    for (applicant, country, titles) in ROUND.iter().take(8) {
        let applicant = log_in(app, &demo_email(applicant)).await?;
        let mut content = sample_proposal(country, titles[1]);
        content.language = Some("en".into());
        let draft = draft(app, &applicant, programme.id, content).await?;
        let sent = take_step(app, &applicant, (draft.id, draft.revision), "submit", None).await?;
        submitted.push((applicant, sent.id));
    }
    close_call(
        app,
        &manager,
        programme.id,
        (Duration::days(120), Duration::days(60)),
    )
    .await?;
    for (_, id) in &submitted {
        for step in [
            "start_screening",
            "mark_eligible",
            "start_review",
            "complete_review",
        ] {
            let now = proposals::get(app, &manager, *id).await?;
            take_step(app, &manager, (*id, now.revision), step, None).await?;
        }
    }

    let mut grant_ids = Vec::new();
    for (i, (_, id)) in submitted.iter().enumerate() {
        let (outcome, award, comment) = match i {
            0 => (
                decisions::Outcome::Funded,
                eur(400_000),
                Some("Funded without the travel costs, which the programme does not cover."),
            ),
            1..=4 => (decisions::Outcome::Funded, None, None),
            5 => (
                decisions::Outcome::Waitlisted,
                None,
                Some("First on the waiting list if money is freed."),
            ),
            _ => (
                decisions::Outcome::Declined,
                None,
                Some("The jury found the plan too thin on who will run the service."),
            ),
        };
        let now = proposals::get(app, &manager, *id).await?;
        let decided = decisions::decide(
            app,
            &manager,
            *id,
            decisions::DecisionInput {
                outcome,
                award,
                comment: comment.map(str::to_owned),
                revision: Some(now.revision),
            },
            None,
        )
        .await
        .context("seeding a decision")?;
        grant_ids.extend(decided.grant_id);
    }
    auth::logout(app, &manager).await?;

    // The four agreements were accepted months ago (the business clock is
    // set back while each is accepted), so their reports are at every stage.
    for (i, grant_id) in grant_ids.iter().enumerate().take(4) {
        let grantee = &submitted[i].0;
        let back = started_ago(STARTED_AGO[i])?;
        app.clock().advance(-back);
        // Each grantee entered where to pay before accepting, so it applied at once.
        let (holder, iban, bic, bank) = BANK_ACCOUNTS[i];
        grants_app::bank::enter(
            app,
            grantee,
            *grant_id,
            grants_domain::bank::BankDetailsInput {
                account_holder: Some(holder.into()),
                iban: Some(iban.into()),
                bic: Some(bic.into()),
                bank_name: Some(bank.into()),
            },
        )
        .await
        .context("seeding bank details")?;
        let grant = grants::get(app, grantee, *grant_id).await?;
        let accepted = grants_app::steps::take::<grants::Grant>(
            app,
            grantee,
            *grant_id,
            "accept_agreement",
            grants::GrantTransitionInput::default(),
            Some(grant.revision),
        )
        .await;
        app.clock().advance(back);
        accepted?;
        // Three of the four libraries agreed to show their project in public.
        if i < 3 {
            grants_app::showcase::give(app, grantee, *grant_id)
                .await
                .context("seeding showcase consent")?;
        }
    }
    // The reminders that fell due meanwhile: reports open and go overdue
    // (one reminder each, not a backlog).
    while grants_app::timers::fire_due(app, "demo-seed", 100, grants_app::timers::DEFAULT_CLAIM)
        .await?
        > 0
    {}
    seed_reports(app, &manager_email(), &submitted, &grant_ids).await?;

    let finance = log_in(app, &demo_email("finance")).await?;
    let approver = log_in(app, &demo_email("finance.approver")).await?;
    for (i, grant_id) in grant_ids.iter().enumerate().take(4) {
        let grantee = &submitted[i].0;
        let grant = grants::get(app, grantee, *grant_id).await?;
        let signing = &grant.tranches[0];
        let step = |actor, name: &'static str, revision, payment| {
            grants_app::steps::take::<tranches::Tranche>(
                app,
                actor,
                signing.id,
                name,
                tranches::TrancheTransitionInput {
                    payment,
                    ..Default::default()
                },
                Some(revision),
            )
        };
        // Requested and approved last week; the payments left three days ago.
        let week = chrono::Duration::days(7);
        app.clock().advance(-week);
        let requested = step(&finance, "request", signing.revision, None).await;
        let approved = match &requested {
            Ok(requested) if i < 3 => {
                Some(step(&approver, "approve", requested.revision, None).await)
            }
            _ => None,
        };
        app.clock().advance(week);
        requested?;
        let Some(approved) = approved else {
            continue;
        };
        let approved = approved?;
        if i == 2 {
            continue;
        }
        let in_denars = i == 0;
        step(
            &finance,
            "pay",
            approved.revision,
            Some(tranches::PaymentInput {
                reference: format!("INELI-2025-{:04}", i + 1),
                value_date: Utc::now().date_naive() - chrono::Days::new(3),
                currency: in_denars.then(|| "MKD".to_owned()),
                paid_minor: None,
                exchange_rate: in_denars.then(|| "61.53".to_owned()),
            }),
        )
        .await?;
    }
    for actor in [&finance, &approver]
        .into_iter()
        .chain(submitted.iter().map(|(a, _)| a))
    {
        auth::logout(app, actor).await?;
    }
    Ok(())
}

/// How long ago each of the four accepted grants started, in (months, days):
/// the first a year ago less a week (interim accepted late, final due), the
/// second and fourth six months and some days ago (interim late), the third
/// not quite six months ago (interim due, handed in on time).
const STARTED_AGO: [(u32, i64); 4] = [(12, -7), (6, 10), (6, -5), (6, 20)];

/// The time between now and `months` months plus `days` days ago.
fn started_ago((months, days): (u32, i64)) -> anyhow::Result<Duration> {
    let now = Utc::now();
    let then = now
        .checked_sub_months(chrono::Months::new(months))
        .context("a start date in range")?
        - Duration::days(days);
    Ok(now - then)
}

fn manager_email() -> String {
    demo_email("manager")
}

/// The demo grantees' interim reports at every stage: accepted (which
/// frees the interim tranche), submitted and waiting for the manager,
/// returned for changes, and still overdue.
async fn seed_reports(
    app: &App,
    manager: &str,
    submitted: &[(grants_app::Actor, grants_domain::ProposalId)],
    grant_ids: &[grants_domain::GrantId],
) -> anyhow::Result<()> {
    let manager = log_in(app, manager).await?;
    for (i, grant_id) in grant_ids.iter().enumerate().take(3) {
        let grantee = &submitted[i].0;
        // The report as it stands when written.
        let mut attempt = 0;
        let (interim, written) = loop {
            attempt += 1;
            let interim = reports::of_grant(app, grantee, *grant_id)
                .await?
                .into_iter()
                .next()
                .context("a grant with reports")?;
            let written = reports::update(
                app,
                grantee,
                interim.id,
                reports::ReportUpdateInput {
                    content: ReportContentInput {
                        narrative: Some(
                            "The new service opened in the spring. Teenagers and readers who \
                             cannot read print now come every week."
                                .into(),
                        ),
                        activities: Some(
                            "Equipment bought, two librarians trained, 24 sessions held.".into(),
                        ),
                        indicators: Some(BTreeMap::from([
                            ("people_reached".to_owned(), [310, 180, 95][i]),
                            ("events_held".to_owned(), [24, 12, 8][i]),
                            ("services_launched".to_owned(), 1),
                        ])),
                        spending: Some(vec![
                            SpendingInput {
                                budget_line: 0,
                                amount: MoneyInput {
                                    minor: 340_000,
                                    currency: "EUR".into(),
                                },
                            },
                            SpendingInput {
                                budget_line: 1,
                                amount: MoneyInput {
                                    minor: [90_000, 60_000, 20_000][i],
                                    currency: "EUR".into(),
                                },
                            },
                        ]),
                    },
                    revision: Some(interim.revision),
                },
                None,
            )
            .await;
            match written {
                // A running instance's timer moved the report on meanwhile
                // (it fell due, or overdue): read it again.
                Err(grants_app::AppError::StaleRevision { .. }) if attempt < 3 => continue,
                written => break (interim, written?),
            }
        };
        let sent = grants_app::steps::take::<reports::Report>(
            app,
            grantee,
            interim.id,
            "submit",
            reports::ReportTransitionInput::default(),
            Some(written.revision),
        )
        .await?;
        let (step, comment) = match i {
            0 => ("accept", None),
            2 => (
                "request_changes",
                Some("Please add how many of the visitors were new to the library."),
            ),
            _ => continue,
        };
        grants_app::steps::take::<reports::Report>(
            app,
            &manager,
            interim.id,
            step,
            reports::ReportTransitionInput {
                comment: comment.map(str::to_owned),
                revision: Some(sent.revision),
            },
            None,
        )
        .await?;
    }
    auth::logout(app, &manager).await?;
    Ok(())
}
