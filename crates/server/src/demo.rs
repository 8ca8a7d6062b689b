//! Demo data: an administrator, people in every role (including the eleven
//! INELI-Balkans ambassador organisations) and an open sample programme,
//! so a newcomer can click through at once. Seeding twice changes nothing.

use std::collections::BTreeMap;
use std::net::SocketAddr;

use anyhow::Context;
use chrono::{Duration, Utc};
use grants_app::auth::{self, LoginInput};
use grants_app::users::{self, CreateUserInput, RoleGrantInput};
use grants_app::{
    App, AppError, assignments, decisions, grants, jury, programmes, proposals, reports, reviews,
    tranches,
};
use grants_domain::programme::{
    CriterionInput, MoneyInput, ProgrammeInput, ReportInput, ReportKind, TrancheCondition,
    TrancheInput,
};
use grants_domain::proposal::{BudgetLineInput, ProposalInput};
use grants_domain::report::{ReportContentInput, SpendingInput};
use grants_domain::review::{BidLevel, Recommendation, ReviewerProfileInput};
use grants_scoring::sheet::CriterionScore;
use secrecy::SecretString;

/// Every demo account shares this password; demo data is for trying the service only.
pub const DEMO_PASSWORD: &str = "innovation-demo";

/// The code of the sample programme.
pub const DEMO_PROGRAMME: &str = "INELI-DEMO";

/// A demo account to print for the newcomer.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    /// What the account is for.
    pub label: String,
    /// Its log-in address.
    pub email: String,
}

struct Person {
    label: &'static str,
    email: &'static str,
    name: &'static str,
    roles: &'static [(&'static str, Option<&'static str>)],
    country: Option<&'static str>,
    organisation: Option<&'static str>,
    locale: &'static str,
    tags: &'static [&'static str],
}

const PEOPLE: &[Person] = &[
    Person {
        label: "admin",
        email: "admin@innovation-awards.example",
        name: "Demo Administrator",
        roles: &[("admin", None)],
        country: Some("GR"),
        organisation: Some("Future Library"),
        locale: "en",
        tags: &[],
    },
    Person {
        label: "programme manager",
        email: "manager@innovation-awards.example",
        name: "Eleni Papadaki",
        roles: &[("programme_manager", None)],
        country: Some("GR"),
        organisation: Some("Future Library"),
        locale: "en",
        tags: &[],
    },
    Person {
        label: "jury chair",
        email: "chair@innovation-awards.example",
        name: "Mirela Popescu",
        roles: &[("jury_chair", None), ("reviewer", None)],
        country: Some("RO"),
        organisation: Some("National Library of Romania"),
        locale: "ro",
        tags: &["leadership", "digital services"],
    },
    Person {
        label: "reviewer",
        email: "reviewer.hr@innovation-awards.example",
        name: "Ivana Horvat",
        roles: &[("reviewer", None)],
        country: Some("HR"),
        organisation: Some("Rijeka City Library"),
        locale: "hr",
        tags: &["children", "reading"],
    },
    Person {
        label: "reviewer",
        email: "reviewer.si@innovation-awards.example",
        name: "Luka Novak",
        roles: &[("reviewer", None)],
        country: Some("SI"),
        organisation: Some("JARA Institute"),
        locale: "sl",
        tags: &["makerspaces", "digital services"],
    },
    Person {
        label: "finance (requests)",
        email: "finance@innovation-awards.example",
        name: "Nikos Georgiou",
        roles: &[("finance", None)],
        country: Some("GR"),
        organisation: Some("Future Library"),
        locale: "en",
        tags: &[],
    },
    Person {
        label: "finance (approves)",
        email: "finance.approver@innovation-awards.example",
        name: "Maria Konstantinou",
        roles: &[("finance", None)],
        country: Some("GR"),
        organisation: Some("Future Library"),
        locale: "el",
        tags: &[],
    },
    Person {
        label: "applicant",
        email: "applicant.mk@innovation-awards.example",
        name: "Ana Petrovska",
        roles: &[("applicant", None)],
        country: Some("MK"),
        organisation: Some("City Library Skopje"),
        locale: "mk",
        tags: &[],
    },
    Person {
        label: "applicant",
        email: "applicant.al@innovation-awards.example",
        name: "Arben Hoxha",
        roles: &[("applicant", None)],
        country: Some("AL"),
        organisation: Some("Public Library Durrës"),
        locale: "sq",
        tags: &[],
    },
    Person {
        label: "reviewer",
        email: "reviewer.bg@innovation-awards.example",
        name: "Petya Ivanova",
        roles: &[("reviewer", None)],
        country: Some("BG"),
        organisation: Some("Sofia City Library"),
        locale: "bg",
        tags: &["digital services", "youth"],
    },
    Person {
        label: "reviewer",
        email: "reviewer.rs@innovation-awards.example",
        name: "Milan Jovanović",
        roles: &[("reviewer", None)],
        country: Some("RS"),
        organisation: Some("Novi Sad City Library"),
        locale: "sr",
        tags: &["makerspaces", "inclusion"],
    },
    Person {
        label: "reviewer",
        email: "reviewer.al@innovation-awards.example",
        name: "Elira Dervishi",
        roles: &[("reviewer", None)],
        country: Some("AL"),
        organisation: Some("National Library of Albania"),
        locale: "sq",
        tags: &["reading", "children"],
    },
    Person {
        label: "reviewer",
        email: "reviewer.xk@innovation-awards.example",
        name: "Besnik Krasniqi",
        roles: &[("reviewer", None)],
        country: Some("XK"),
        organisation: Some("National Library of Kosovo"),
        locale: "sq",
        tags: &["youth", "community"],
    },
    Person {
        label: "reviewer",
        email: "reviewer.me@innovation-awards.example",
        name: "Jelena Vuković",
        roles: &[("reviewer", None)],
        country: Some("ME"),
        organisation: Some("Central National Library of Montenegro"),
        locale: "sr",
        tags: &["inclusion", "heritage"],
    },
    Person {
        label: "reviewer",
        email: "reviewer.gr@innovation-awards.example",
        name: "Dimitris Alexiou",
        roles: &[("reviewer", None)],
        country: Some("GR"),
        organisation: Some("Veria Central Public Library"),
        locale: "el",
        tags: &["digital services", "heritage"],
    },
    Person {
        label: "reviewer",
        email: "reviewer.ba@innovation-awards.example",
        name: "Amra Hadžić",
        roles: &[("reviewer", None)],
        country: Some("BA"),
        organisation: Some("Sarajevo City Library"),
        locale: "bs",
        tags: &["community", "reading"],
    },
    Person {
        label: "reviewer",
        email: "reviewer.mk@innovation-awards.example",
        name: "Goran Stojanovski",
        roles: &[("reviewer", None)],
        country: Some("MK"),
        organisation: Some("National and University Library Skopje"),
        locale: "mk",
        tags: &["makerspaces", "youth"],
    },
    Person {
        label: "reviewer",
        email: "reviewer.ro@innovation-awards.example",
        name: "Andrei Ionescu",
        roles: &[("reviewer", None)],
        country: Some("RO"),
        organisation: Some("Cluj County Library"),
        locale: "ro",
        tags: &["leadership", "inclusion"],
    },
    Person {
        label: "applicant",
        email: "applicant.ba@innovation-awards.example",
        name: "Emina Kovačević",
        roles: &[("applicant", None)],
        country: Some("BA"),
        organisation: Some("Public Library Mostar"),
        locale: "bs",
        tags: &[],
    },
    Person {
        label: "applicant",
        email: "applicant.bg@innovation-awards.example",
        name: "Georgi Dimitrov",
        roles: &[("applicant", None)],
        country: Some("BG"),
        organisation: Some("Regional Library Plovdiv"),
        locale: "bg",
        tags: &[],
    },
    Person {
        label: "applicant",
        email: "applicant.hr@innovation-awards.example",
        name: "Marija Kovač",
        roles: &[("applicant", None)],
        country: Some("HR"),
        organisation: Some("Zagreb City Libraries"),
        locale: "hr",
        tags: &[],
    },
    Person {
        label: "applicant",
        email: "applicant.gr@innovation-awards.example",
        name: "Sofia Nikolaou",
        roles: &[("applicant", None)],
        country: Some("GR"),
        organisation: Some("Municipal Library of Thessaloniki"),
        locale: "el",
        tags: &[],
    },
    Person {
        label: "applicant",
        email: "applicant.xk@innovation-awards.example",
        name: "Valon Berisha",
        roles: &[("applicant", None)],
        country: Some("XK"),
        organisation: Some("City Library Prizren"),
        locale: "sq",
        tags: &[],
    },
    Person {
        label: "applicant",
        email: "applicant.me@innovation-awards.example",
        name: "Nikola Popović",
        roles: &[("applicant", None)],
        country: Some("ME"),
        organisation: Some("Library Budva"),
        locale: "sr",
        tags: &[],
    },
    Person {
        label: "applicant",
        email: "applicant.ro@innovation-awards.example",
        name: "Ioana Marin",
        roles: &[("applicant", None)],
        country: Some("RO"),
        organisation: Some("County Library Brașov"),
        locale: "ro",
        tags: &[],
    },
    Person {
        label: "applicant",
        email: "applicant.rs@innovation-awards.example",
        name: "Stefan Petrović",
        roles: &[("applicant", None)],
        country: Some("RS"),
        organisation: Some("Library of Kragujevac"),
        locale: "sr",
        tags: &[],
    },
    Person {
        label: "applicant",
        email: "applicant.si@innovation-awards.example",
        name: "Nina Kranjc",
        roles: &[("applicant", None)],
        country: Some("SI"),
        organisation: Some("Maribor Public Library"),
        locale: "sl",
        tags: &[],
    },
    Person {
        label: "ambassador AL",
        email: "ambassador.al@innovation-awards.example",
        name: "Albanian Library Association",
        roles: &[("ambassador", Some("AL"))],
        country: Some("AL"),
        organisation: Some("Albanian Library Association"),
        locale: "sq",
        tags: &[],
    },
    Person {
        label: "ambassador BA-BIH",
        email: "ambassador.ba-bih@innovation-awards.example",
        name: "Public and University Library \"Derviš Sušić\" Tuzla",
        roles: &[("ambassador", Some("BA-BIH"))],
        country: Some("BA"),
        organisation: Some("Public and University Library \"Derviš Sušić\" Tuzla"),
        locale: "bs",
        tags: &[],
    },
    Person {
        label: "ambassador BA-SRP",
        email: "ambassador.ba-srp@innovation-awards.example",
        name: "National and University Library of Republika Srpska",
        roles: &[("ambassador", Some("BA-SRP"))],
        country: Some("BA"),
        organisation: Some("National and University Library of Republika Srpska"),
        locale: "sr",
        tags: &[],
    },
    Person {
        label: "ambassador BG",
        email: "ambassador.bg@innovation-awards.example",
        name: "Bulgarian Library and Information Association",
        roles: &[("ambassador", Some("BG"))],
        country: Some("BG"),
        organisation: Some("Bulgarian Library and Information Association"),
        locale: "bg",
        tags: &[],
    },
    Person {
        label: "ambassador HR",
        email: "ambassador.hr@innovation-awards.example",
        name: "Rijeka City Library",
        roles: &[("ambassador", Some("HR"))],
        country: Some("HR"),
        organisation: Some("Rijeka City Library"),
        locale: "hr",
        tags: &[],
    },
    Person {
        label: "ambassador MK",
        email: "ambassador.mk@innovation-awards.example",
        name: "INOVA LIB",
        roles: &[("ambassador", Some("MK"))],
        country: Some("MK"),
        organisation: Some("Association for Library Development and Innovation INOVA LIB"),
        locale: "mk",
        tags: &[],
    },
    Person {
        label: "ambassador XK",
        email: "ambassador.xk@innovation-awards.example",
        name: "Eventor Hub",
        roles: &[("ambassador", Some("XK"))],
        country: Some("XK"),
        organisation: Some("Eventor Hub"),
        locale: "sq",
        tags: &[],
    },
    Person {
        label: "ambassador ME",
        email: "ambassador.me@innovation-awards.example",
        name: "Library Association of Montenegro",
        roles: &[("ambassador", Some("ME"))],
        country: Some("ME"),
        organisation: Some("Library Association of Montenegro"),
        locale: "sr",
        tags: &[],
    },
    Person {
        label: "ambassador RO",
        email: "ambassador.ro@innovation-awards.example",
        name: "National Library of Romania",
        roles: &[("ambassador", Some("RO"))],
        country: Some("RO"),
        organisation: Some("National Library of Romania"),
        locale: "ro",
        tags: &[],
    },
    Person {
        label: "ambassador RS",
        email: "ambassador.rs@innovation-awards.example",
        name: "Belgrade City Library",
        roles: &[("ambassador", Some("RS"))],
        country: Some("RS"),
        organisation: Some("Belgrade City Library"),
        locale: "sr",
        tags: &[],
    },
    Person {
        label: "ambassador SI",
        email: "ambassador.si@innovation-awards.example",
        name: "JARA Institute",
        roles: &[("ambassador", Some("SI"))],
        country: Some("SI"),
        organisation: Some("JARA Institute"),
        locale: "sl",
        tags: &[],
    },
];

/// Creates whatever of the demo data is missing and returns the accounts.
pub async fn seed(app: &App) -> anyhow::Result<Vec<DemoAccount>> {
    let mut accounts = Vec::new();
    for person in PEOPLE {
        let input = CreateUserInput {
            email: person.email.to_owned(),
            name: person.name.to_owned(),
            password: SecretString::from(DEMO_PASSWORD),
            locale: Some(person.locale.to_owned()),
            country: person.country.map(str::to_owned),
            organisation: person.organisation.map(str::to_owned),
            expertise_tags: person.tags.iter().map(|t| (*t).to_owned()).collect(),
            roles: person
                .roles
                .iter()
                .map(|(role, area)| RoleGrantInput {
                    role: (*role).to_owned(),
                    area: area.map(str::to_owned),
                })
                .collect(),
        };
        match users::bootstrap_user(app, input).await {
            Ok(_) | Err(AppError::Duplicate { .. }) => {}
            Err(err) => {
                return Err(anyhow::Error::new(err).context(format!("seeding {}", person.email)));
            }
        }
        accounts.push(DemoAccount {
            label: person.label.to_owned(),
            email: person.email.to_owned(),
        });
    }

    let token = auth::login(
        app,
        LoginInput {
            email: "manager@innovation-awards.example".into(),
            password: SecretString::from(DEMO_PASSWORD),
        },
    )
    .await
    .context("logging in as the demo programme manager")?;
    let manager = auth::authenticate(app, &token.token).await?;
    match programmes::create(app, &manager, sample_programme()).await {
        Ok(_) | Err(AppError::Duplicate { .. }) => {}
        Err(err) => return Err(anyhow::Error::new(err).context("seeding the sample programme")),
    }
    auth::logout(app, &manager).await?;
    seed_proposals(app).await?;
    seed_review_round(app).await?;
    seed_decided_round(app).await?;
    Ok(accounts)
}

/// The code of the programme whose call has closed and whose jury is at work.
pub const DEMO_REVIEW_PROGRAMME: &str = "INELI-2026";

/// Two proposal titles per country, for the review round.
const ROUND: &[(&str, &str, [&str; 2])] = &[
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

fn demo_email(local: &str) -> String {
    format!("{local}@innovation-awards.example")
}

/// Whether a programme with this code was seeded already.
async fn programme_exists(
    app: &App,
    manager: &grants_app::Actor,
    code: &str,
) -> anyhow::Result<bool> {
    let existing = programmes::list(
        app,
        manager,
        &programmes::ProgrammeFilter::default(),
        &grants_app::PageRequest::default(),
    )
    .await?;
    Ok(existing.items.iter().any(|p| p.spec.code == code))
}

/// Moves a programme's call into the past, once its proposals are in:
/// opened `ago.0` and closed `ago.1` before now.
async fn close_call(
    app: &App,
    manager: &grants_app::Actor,
    id: grants_domain::ProgrammeId,
    ago: (Duration, Duration),
) -> anyhow::Result<()> {
    let current = programmes::get(app, manager, id).await?;
    programmes::update(
        app,
        manager,
        id,
        programmes::ProgrammeUpdate {
            revision: Some(current.revision),
            changes: ProgrammeInput {
                opens_at: Some(Utc::now() - ago.0),
                closes_at: Some(Utc::now() - ago.1),
                ..Default::default()
            },
        },
        None,
    )
    .await?;
    Ok(())
}

/// A second programme whose call has closed: every country's proposals
/// screened, a committed reviewer assignment, and about two thirds of the
/// reviews in, so the chair sees a real ranking. Skipped when it exists.
async fn seed_review_round(app: &App) -> anyhow::Result<()> {
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
            let draft = proposals::create(
                app,
                &applicant,
                proposals::CreateProposalInput {
                    programme_id: programme.id.uuid(),
                    content,
                },
            )
            .await?;
            let sent = proposals::transition(
                app,
                &applicant,
                draft.id,
                "submit",
                proposals::TransitionInput::default(),
                Some(draft.revision),
            )
            .await?;
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
        let screening = proposals::transition(
            app,
            &manager,
            proposal.id,
            "start_screening",
            proposals::TransitionInput::default(),
            Some(proposal.revision),
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
        proposals::transition(
            app,
            &manager,
            proposal.id,
            step,
            proposals::TransitionInput {
                comment,
                ..Default::default()
            },
            Some(screening.revision),
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
                        "A clear need and a realistic plan; say more about who will run it after the award."
                            .into(),
                    ),
                    comment_for_jury: Some("Budget looks right for the scale.".into()),
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

/// The code of the programme whose round is decided and whose grants are paying out.
pub const DEMO_DECIDED_PROGRAMME: &str = "INELI-2025";

/// Last year's round: eight reviewed proposals, five funded (one with less
/// than it asked, with the reason), one waitlisted, two declined; four
/// agreements accepted, signing tranches requested, approved by the second
/// finance user and, for two, paid (one in denars at the day's rate).
/// Skipped when it exists.
async fn seed_decided_round(app: &App) -> anyhow::Result<()> {
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
        let draft = proposals::create(
            app,
            &applicant,
            proposals::CreateProposalInput {
                programme_id: programme.id.uuid(),
                content,
            },
        )
        .await?;
        let sent = proposals::transition(
            app,
            &applicant,
            draft.id,
            "submit",
            proposals::TransitionInput::default(),
            Some(draft.revision),
        )
        .await?;
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
            proposals::transition(
                app,
                &manager,
                *id,
                step,
                proposals::TransitionInput::default(),
                Some(now.revision),
            )
            .await?;
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
        let grant = grants::get(app, grantee, *grant_id).await?;
        let back = started_ago(STARTED_AGO[i])?;
        app.clock().advance(-back);
        let accepted = grants::transition(
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
            tranches::transition(
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
        let requested = step(&finance, "request", signing.revision, None).await?;
        if i == 3 {
            continue;
        }
        let approved = step(&approver, "approve", requested.revision, None).await?;
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
        .await?;
        let sent = reports::transition(
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
        reports::transition(
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

/// A draft and a submitted proposal from North Macedonia, and a submitted one
/// from Albania, unless the demo applicants already have proposals.
async fn seed_proposals(app: &App) -> anyhow::Result<()> {
    let programme = programmes::list(
        app,
        &log_in(app, "applicant.mk@innovation-awards.example").await?,
        &programmes::ProgrammeFilter::default(),
        &grants_app::PageRequest::default(),
    )
    .await?
    .items
    .into_iter()
    .find(|p| p.spec.code == DEMO_PROGRAMME)
    .context("the sample programme is missing")?;
    for (email, country, title, submit) in [
        (
            "applicant.mk@innovation-awards.example",
            "MK",
            "Maker space for teenagers",
            true,
        ),
        (
            "applicant.mk@innovation-awards.example",
            "MK",
            "Audiobooks for the visually impaired",
            false,
        ),
        (
            "applicant.al@innovation-awards.example",
            "AL",
            "Coding club for girls",
            true,
        ),
    ] {
        let applicant = log_in(app, email).await?;
        let existing = proposals::list(
            app,
            &applicant,
            &proposals::ProposalListFilter::default(),
            &grants_app::PageRequest::default(),
        )
        .await?;
        if existing
            .items
            .iter()
            .any(|p| p.content.title.as_deref() == Some(title))
        {
            auth::logout(app, &applicant).await?;
            continue;
        }
        let mut content = sample_proposal(country, title);
        if !submit {
            // A draft still being written: no budget yet.
            content.budget_lines = None;
        }
        let draft = proposals::create(
            app,
            &applicant,
            proposals::CreateProposalInput {
                programme_id: programme.id.uuid(),
                content,
            },
        )
        .await?;
        if submit {
            proposals::transition(
                app,
                &applicant,
                draft.id,
                "submit",
                proposals::TransitionInput::default(),
                Some(draft.revision),
            )
            .await?;
        }
        auth::logout(app, &applicant).await?;
    }
    Ok(())
}

async fn log_in(app: &App, email: &str) -> anyhow::Result<grants_app::Actor> {
    let token = auth::login(
        app,
        LoginInput {
            email: email.into(),
            password: SecretString::from(DEMO_PASSWORD),
        },
    )
    .await
    .with_context(|| format!("logging in as {email}"))?;
    Ok(auth::authenticate(app, &token.token).await?)
}

fn sample_proposal(country: &str, title: &str) -> ProposalInput {
    let line = |description: &str, minor| BudgetLineInput {
        description: description.into(),
        amount: MoneyInput {
            minor,
            currency: "EUR".into(),
        },
    };
    ProposalInput {
        title: Some(title.into()),
        summary: Some(format!("{title}: a new service in the public library.")),
        problem: Some("Young people and people with disabilities rarely use the library.".into()),
        proposed_service: Some(
            "A weekly programme run by trained librarians and volunteers.".into(),
        ),
        target_group: Some("Teenagers, and readers who cannot read print.".into()),
        planned_activities: Some(
            "Buy equipment, train staff, run 40 sessions, report on attendance.".into(),
        ),
        budget_lines: Some(vec![
            line("Equipment", 350_000),
            line("Training and materials", 150_000),
        ]),
        requested_amount: Some(MoneyInput {
            minor: 500_000,
            currency: "EUR".into(),
        }),
        country: Some(country.into()),
        region: None,
        organisation: Some("Public library".into()),
        tags: Some(vec!["youth".into(), "inclusion".into()]),
        language: Some(if country == "MK" { "mk" } else { "sq" }.into()),
        conflicts_of_interest: None,
        indicator_targets: Some(std::collections::BTreeMap::from([
            ("people_reached".to_owned(), 400),
            ("events_held".to_owned(), 40),
            ("services_launched".to_owned(), 1),
        ])),
    }
}

/// The credentials block printed at start-up.
pub fn describe(accounts: &[DemoAccount], address: SocketAddr) -> String {
    let mut text =
        format!("\nDemo data is ready. Every account's password is: {DEMO_PASSWORD}\n\n");
    let mut by_label: Vec<(&str, Vec<&str>)> = Vec::new();
    for account in accounts {
        match by_label
            .iter_mut()
            .find(|(label, _)| *label == account.label)
        {
            Some((_, emails)) => emails.push(&account.email),
            None => by_label.push((&account.label, vec![&account.email])),
        }
    }
    for (label, emails) in by_label {
        let shown = if emails.len() > 3 {
            format!("{}, … ({} in all)", emails[..2].join(", "), emails.len())
        } else {
            emails.join(", ")
        };
        text.push_str(&format!("  {label:<22} {shown}\n"));
    }
    text.push_str(&format!(
        "\nOpen:     http://{address}/app and sign in with any account above\nAPI docs: http://{address}/docs\nLog in:   curl -s -X POST http://{address}/auth/token -H 'content-type: application/json' \\\n            -d '{{\"email\":\"admin@innovation-awards.example\",\"password\":\"{DEMO_PASSWORD}\"}}'\n"
    ));
    text
}

fn text(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(l, t)| ((*l).to_owned(), (*t).to_owned()))
        .collect()
}

fn eur(minor: i64) -> Option<MoneyInput> {
    Some(MoneyInput {
        minor,
        currency: "EUR".into(),
    })
}

fn criterion(key: &str, en: &str, mk: &str, weight: i64, guidance: &str) -> CriterionInput {
    CriterionInput {
        key: key.into(),
        title: text(&[("en", en), ("mk", mk)]),
        weight,
        scale_min: 1,
        scale_max: 5,
        guidance: text(&[("en", guidance)]),
        allow_not_applicable: false,
    }
}

/// An open call for the eleven countries of the network, in EUR.
pub fn sample_programme() -> ProgrammeInput {
    let now = Utc::now();
    ProgrammeInput {
        code: Some(DEMO_PROGRAMME.into()),
        title: Some(text(&[
            ("en", "INELI-Balkans Innovation Awards (demo)"),
            ("mk", "INELI-Балкан Награди за иновации (демо)"),
        ])),
        description: Some(text(&[
            (
                "en",
                "Funding for new library services proposed by emerging library innovators in the Balkans.",
            ),
            (
                "mk",
                "Финансирање на нови библиотечни услуги предложени од млади библиотечни иноватори на Балканот.",
            ),
        ])),
        default_locale: Some("en".into()),
        time_zone: Some("Europe/Skopje".into()),
        currency: Some("EUR".into()),
        budget: eur(10_000_000),
        min_award: eur(200_000),
        max_award: eur(1_000_000),
        opens_at: Some(now - Duration::days(7)),
        closes_at: Some(now + Duration::days(60)),
        eligible_countries: Some(
            [
                "AL", "BA", "BG", "HR", "GR", "XK", "ME", "MK", "RO", "RS", "SI",
            ]
            .map(String::from)
            .to_vec(),
        ),
        rubric: Some(vec![
            criterion(
                "innovation",
                "Innovation",
                "Иновативност",
                3,
                "How new is the service for the library and its community?",
            ),
            criterion(
                "impact",
                "Community impact",
                "Влијание врз заедницата",
                3,
                "Who benefits, how many, and how will we know?",
            ),
            criterion(
                "feasibility",
                "Feasibility",
                "Изводливост",
                2,
                "Can the team deliver it with this budget and time?",
            ),
            criterion(
                "sustainability",
                "Sustainability",
                "Одржливост",
                2,
                "Will the service continue after the award is spent?",
            ),
        ]),
        reviews_per_proposal: Some(3),
        reviewer_load_cap: Some(10),
        conflict_policy: None,
        review: None,
        tranche_template: Some(vec![
            TrancheInput {
                key: "signing".into(),
                percent: 60,
                condition: TrancheCondition::AgreementSigned,
            },
            TrancheInput {
                key: "interim".into(),
                percent: 30,
                condition: TrancheCondition::ReportAccepted {
                    report: "interim".into(),
                },
            },
            TrancheInput {
                key: "final".into(),
                percent: 10,
                condition: TrancheCondition::ReportAccepted {
                    report: "final".into(),
                },
            },
        ]),
        reporting_schedule: Some(vec![
            ReportInput {
                key: "interim".into(),
                kind: ReportKind::Interim,
                months_after_start: 6,
                title: BTreeMap::from([
                    ("en".to_owned(), "Interim report".to_owned()),
                    ("mk".to_owned(), "Среден извештај".to_owned()),
                ]),
            },
            ReportInput {
                key: "final".into(),
                kind: ReportKind::Final,
                months_after_start: 12,
                title: BTreeMap::from([
                    ("en".to_owned(), "Final report".to_owned()),
                    ("mk".to_owned(), "Завршен извештај".to_owned()),
                ]),
            },
        ]),
        // The default indicators, reminders and attachment limit.
        reporting: None,
    }
}
