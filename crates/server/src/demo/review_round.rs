//! The closed review round, [`DEMO_REVIEW_PROGRAMME`]: every country's
//! proposals screened, a committed reviewer assignment and about two thirds
//! of the reviews in.

use std::collections::BTreeMap;

use anyhow::Context;
use chrono::Duration;
use grants_app::{App, assignments, auth, jury, programmes, reviews};
use grants_domain::review::{BidLevel, Recommendation, ReviewerProfileInput};
use grants_scoring::sheet::CriterionScore;

use super::people::{PEOPLE, Person};
use super::sample::{sample_programme, sample_proposal};
use super::support::{close_call, demo_email, draft, log_in, programme_exists, take_step, text};

/// The code of the programme whose call has closed and whose jury is at work.
pub const DEMO_REVIEW_PROGRAMME: &str = "INELI-2026";

/// Two proposal titles per country, for the review round.
pub(super) const ROUND: &[(&str, &str, [&str; 2])] = &[
    (
        "applicant.mk",
        "MK",
        [
            "Makerspace for teenagers",
            "Audiobook studio for blind readers",
        ],
    ),
    (
        "applicant.al",
        "AL",
        [
            "Coding club for girls",
            "Library on wheels for mountain villages",
        ],
    ),
    (
        "applicant.ba",
        "BA",
        [
            "Homework help for returnee children",
            "Digital archive of local newspapers",
        ],
    ),
    (
        "applicant.bg",
        "BG",
        [
            "Seed library and community garden",
            "Podcast studio for young voices",
        ],
    ),
    (
        "applicant.hr",
        "HR",
        [
            "Reading dogs for shy readers",
            "Tool library for repair cafés",
        ],
    ),
    (
        "applicant.gr",
        "GR",
        ["Citizen science corner", "Greek sign language story hours"],
    ),
    (
        "applicant.xk",
        "XK",
        [
            "Robotics league for schools",
            "Oral history of the old bazaar",
        ],
    ),
    (
        "applicant.me",
        "ME",
        [
            "Coastal heritage in virtual reality",
            "Job club for seasonal workers",
        ],
    ),
    (
        "applicant.ro",
        "RO",
        [
            "Board games for intergenerational evenings",
            "Fake-news literacy workshops",
        ],
    ),
    (
        "applicant.rs",
        "RS",
        ["3D printing for assistive devices", "Book clubs in prisons"],
    ),
    (
        "applicant.si",
        "SI",
        ["Slovenian for newcomers", "Library of things"],
    ),
];

fn local_language(country: &str) -> &'static str {
    match country {
        "MK" => "mk",
        "AL" | "XK" => "sq",
        "BA" => "bs",
        "BG" => "bg",
        "HR" => "hr",
        "GR" => "el",
        "RO" => "ro",
        "RS" | "ME" => "sr",
        "SI" => "sl",
        _ => "en",
    }
}

/// What the demo's reviewers write to applicants, each in their own words.
const APPLICANT_COMMENTS: [&str; 5] = [
    "A clear need and a realistic plan; say more about who will run it after the award.",
    "The activities fit the people you want to reach. The timeline for the first months is tight.",
    "A service the library's users asked for. Show how you will know it worked beyond counting visitors.",
    "Good partners in the community; the equipment line could be smaller if you borrow some of it.",
    "The idea is strong, but the budget does not say what the volunteers' training costs.",
];

/// What the demo's reviewers tell the jury only.
const JURY_COMMENTS: [&str; 4] = [
    "Budget looks right for the scale.",
    "The same team ran a similar service well in 2024.",
    "I doubt the opening hours can be kept with the staff they have.",
    "Strong on need, weaker on how it lasts after the grant.",
];

/// A second programme whose call has closed: every country's proposals
/// screened, a committed reviewer assignment, and about two thirds of the
/// reviews in, so the chair sees a real ranking. Skipped when it exists.
pub(super) async fn seed_review_round(app: &App) -> anyhow::Result<()> {
    let manager = log_in(app, &demo_email("manager")).await?;
    if programme_exists(app, &manager, DEMO_REVIEW_PROGRAMME).await? {
        return Ok(());
    }
    let mut spec = sample_programme();
    spec.code = Some(DEMO_REVIEW_PROGRAMME.into());
    spec.title = Some(text(&[
        (
            "en",
            "INELI-Balkans Innovation Awards 2026 (demo, in review)",
        ),
        (
            "mk",
            "INELI-Балкан Награди за иновации 2026 (демо, во оценување)",
        ),
    ]));
    spec.reviewer_load_cap = Some(7);
    let programme = programmes::create(app, &manager, spec)
        .await
        .context("seeding the review-round programme")?;

    let mut submitted = Vec::new();
    for (n, (applicant, country, titles)) in ROUND.iter().enumerate() {
        let applicant = log_in(app, &demo_email(applicant)).await?;
        for (i, title) in titles.iter().enumerate() {
            let mut content = sample_proposal(country, title);
            // Most are written in English; a few in the local language, so
            // that assignment has to find readers.
            content.language = Some(
                if (n + i) % 4 == 0 {
                    local_language(country)
                } else {
                    "en"
                }
                .into(),
            );
            content.organisation = Some(format!("Library {}-{}", country, i + 1));
            content.tags = Some(vec![
                [
                    "youth",
                    "inclusion",
                    "digital services",
                    "reading",
                    "makerspaces",
                    "heritage",
                ][(n + i) % 6]
                    .into(),
                "community".into(),
            ]);
            let draft = draft(app, &applicant, programme.id, content).await?;
            let sent =
                take_step(app, &applicant, (draft.id, draft.revision), "submit", None).await?;
            submitted.push(sent);
        }
        auth::logout(app, &applicant).await?;
    }
    // The call closes; screening passes all but one, which waits for changes.
    close_call(
        app,
        &manager,
        programme.id,
        (Duration::days(40), Duration::hours(1)),
    )
    .await?;
    for (i, proposal) in submitted.iter().enumerate() {
        let screening = take_step(
            app,
            &manager,
            (proposal.id, proposal.revision),
            "start_screening",
            None,
        )
        .await?;
        let (step, comment) = if i == submitted.len() - 1 {
            (
                "request_changes",
                Some("Please split the budget by year.".to_owned()),
            )
        } else {
            ("mark_eligible", None)
        };
        take_step(
            app,
            &manager,
            (proposal.id, screening.revision),
            step,
            comment,
        )
        .await?;
    }
    auth::logout(app, &manager).await?;

    // The jury: every reviewer reads English and their own language.
    let reviewers: Vec<&Person> = PEOPLE
        .iter()
        .filter(|p| p.roles.iter().any(|(r, _)| *r == "reviewer"))
        .collect();
    for (i, person) in reviewers.iter().enumerate() {
        let reviewer = log_in(app, person.email).await?;
        jury::save_profile(
            app,
            &reviewer,
            programme.id,
            reviewer.id,
            ReviewerProfileInput {
                languages: Some(vec![person.locale.to_owned(), "en".to_owned()]),
                ..Default::default()
            },
        )
        .await?;
        // A few bids, so affinity has something to weigh.
        for proposal in submitted.iter().skip(i).step_by(7).take(2) {
            let level = if i % 2 == 0 {
                BidLevel::Eager
            } else {
                BidLevel::Willing
            };
            // Conflicted or not open: skipped, as a reviewer would find.
            let _ = jury::bid(app, &reviewer, proposal.id, Some(level)).await;
        }
        auth::logout(app, &reviewer).await?;
    }

    let chair = log_in(app, &demo_email("chair")).await?;
    let preview = assignments::preview_run(
        app,
        &chair,
        programme.id,
        assignments::AssignmentRunInput::default(),
    )
    .await?;
    assignments::commit_run(
        app,
        &chair,
        programme.id,
        assignments::AssignmentRunInput {
            fingerprint: Some(preview.fingerprint),
            ..Default::default()
        },
    )
    .await?;
    auth::logout(app, &chair).await?;

    // Two thirds of the reviews are in; one reviewer scores harshly, one kindly.
    for (r, person) in reviewers.iter().enumerate() {
        let reviewer = log_in(app, person.email).await?;
        let mine = assignments::mine(app, &reviewer).await?;
        for (k, assignment) in mine
            .iter()
            .filter(|a| a.programme_id == programme.id)
            .enumerate()
        {
            if (r + k) % 3 == 2 {
                continue;
            }
            let base = i64::try_from((r * 7 + k * 3) % 5).unwrap_or(0) + 1;
            let bias = match r % 4 {
                0 => -1,
                1 => 1,
                _ => 0,
            };
            let score = |offset: i64| CriterionScore::Score((base + offset + bias).clamp(1, 5));
            let scores = BTreeMap::from([
                ("innovation".to_owned(), score(0)),
                ("impact".to_owned(), score(1)),
                ("feasibility".to_owned(), score(-1)),
                ("sustainability".to_owned(), score(0)),
            ]);
            let saved = reviews::save(
                app,
                &reviewer,
                assignment.id,
                reviews::ReviewInput {
                    scores: Some(scores),
                    recommendation: Some(if base + bias >= 3 {
                        Recommendation::Fund
                    } else {
                        Recommendation::DoNotFund
                    }),
                    comment_for_applicant: Some(
                        APPLICANT_COMMENTS[(r + k) % APPLICANT_COMMENTS.len()].into(),
                    ),
                    comment_for_jury: Some(JURY_COMMENTS[(r * 3 + k) % JURY_COMMENTS.len()].into()),
                    revision: None,
                },
                None,
            )
            .await?;
            reviews::submit(
                app,
                &reviewer,
                assignment.id,
                reviews::ReviewStepInput {
                    revision: Some(saved.revision),
                    reason: None,
                },
                None,
            )
            .await?;
        }
        auth::logout(app, &reviewer).await?;
    }
    Ok(())
}
