//! The open sample programme, [`DEMO_PROGRAMME`], and the first
//! proposals to it: a draft and two submitted.

use anyhow::Context;
use chrono::{Duration, Utc};
use grants_app::{App, auth, programmes, proposals};
use grants_domain::programme::{
    CriterionInput, MoneyInput, ProgrammeInput, ReportInput, ReportKind, TrancheCondition,
    TrancheInput,
};
use grants_domain::proposal::{BudgetLineInput, ProposalInput};

use super::support::{draft, eur, log_in, take_step, text};

/// The code of the sample programme.
pub const DEMO_PROGRAMME: &str = "INELI-DEMO";

/// A draft and a submitted proposal from North Macedonia, and a submitted one
/// from Albania, unless the demo applicants already have proposals.
pub(super) async fn seed_proposals(app: &App) -> anyhow::Result<()> {
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
        if title == "Maker space for teenagers" {
            // The Macedonian library runs its service with one in Albania.
            content.partners = Some(vec![grants_domain::proposal::PartnerInput {
                organisation: "Public Library Shkodër".into(),
                country: "AL".into(),
                contact: Some("arta@library.example".into()),
            }]);
        }
        if !submit {
            // A draft still being written: no budget yet.
            content.budget_lines = None;
        }
        let draft = draft(app, &applicant, programme.id, content).await?;
        if submit {
            take_step(app, &applicant, (draft.id, draft.revision), "submit", None).await?;
        }
        auth::logout(app, &applicant).await?;
    }
    Ok(())
}

pub(super) fn sample_proposal(country: &str, title: &str) -> ProposalInput {
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
        partners: None,
    }
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
                title: text(&[("en", "Interim report"), ("mk", "Среден извештај")]),
            },
            ReportInput {
                key: "final".into(),
                kind: ReportKind::Final,
                months_after_start: 12,
                title: text(&[("en", "Final report"), ("mk", "Завршен извештај")]),
            },
        ]),
        // The default indicators, reminders and attachment limit.
        reporting: None,
        second_factor_for_money: None,
        showcase: Some(true),
    }
}

/// The ambassador of North Macedonia asks the applicant of the submitted
/// Macedonian proposal for a letter, and the applicant answers in
/// Macedonian, unless the proposal has conversations already.
pub(super) async fn seed_conversation(app: &App) -> anyhow::Result<()> {
    use grants_app::conversations::{self, NewMessageInput, NewThreadInput, SubjectRef};
    let ambassador = log_in(app, "ambassador.mk@innovation-awards.example").await?;
    let applicant = log_in(app, "applicant.mk@innovation-awards.example").await?;
    let found = proposals::list(
        app,
        &applicant,
        &proposals::ProposalListFilter::default(),
        &grants_app::PageRequest::default(),
    )
    .await?
    .items
    .into_iter()
    .find(|p| p.content.title.as_deref() == Some("Maker space for teenagers"));
    let Some(proposal) = found else {
        return Ok(());
    };
    let subject = SubjectRef::Proposal(proposal.id);
    if conversations::threads(app, &ambassador, subject)
        .await?
        .threads
        .is_empty()
    {
        let thread = conversations::start(
            app,
            &ambassador,
            subject,
            NewThreadInput {
                audience: "applicants".into(),
                topic: "Писмо за поддршка од општината".into(),
                body: "Почитувани,\nВе молам прикачете писмо за поддршка од општината пред проверката на подобноста.\nПоздрав".into(),
                mentions: Vec::new(),
            },
        )
        .await
        .context("seeding a conversation")?;
        let first = thread.messages.first().map(|m| m.id);
        conversations::post(
            app,
            &applicant,
            thread.id,
            NewMessageInput {
                body: "Благодарам, писмото ќе го прикачиме до петок.".into(),
                reply_to: first,
                mentions: vec![ambassador.id],
            },
        )
        .await
        .context("seeding an answer")?;
    }
    auth::logout(app, &ambassador).await?;
    auth::logout(app, &applicant).await?;
    Ok(())
}
