//! A proposal as people read it: every answer of the form, in the form's
//! order, with its budget and targets, for everyone who may see it (the
//! applicant re-reading what she sent, the ambassador screening, the
//! reviewer scoring, the manager deciding). What a reader may not see
//! (the applicant's name in a blind review, the people she asked to keep
//! away) the use case has already left out.

use grants_domain::programme::ProgrammeSpec;
use grants_domain::proposal::ProposalContent;
use serde::Serialize;

use crate::i18n::{Args, country_name, language_name, text, text_with};
use crate::session::Viewer;

/// One free-text answer under its question.
#[derive(Debug, Serialize)]
struct Answer {
    /// The element id, stable for links and tests.
    id: &'static str,
    heading: String,
    /// `None` while the applicant has not answered.
    text: Option<String>,
}

/// One line of the budget.
#[derive(Debug, Serialize)]
struct BudgetRow {
    description: String,
    amount: String,
}

/// A named value: the requested amount, a target, the country.
#[derive(Debug, Serialize)]
struct Fact {
    label: String,
    value: String,
}

/// Everything the applicant wrote, ready for the `proposal_read` partial.
#[derive(Debug, Serialize)]
pub(crate) struct ProposalRead {
    answers: Vec<Answer>,
    budget: Vec<BudgetRow>,
    budget_total: Option<String>,
    /// Said when the lines do not add up to the amount asked for.
    budget_mismatch: Option<String>,
    facts: Vec<Fact>,
    targets: Vec<Fact>,
    tags: Vec<String>,
    /// The people the applicant asked to keep away, where the reader may see them.
    conflicts: Vec<String>,
}

/// The proposal's answers as `viewer` reads them.
pub(crate) fn read(
    viewer: &Viewer,
    content: &ProposalContent,
    spec: &ProgrammeSpec,
) -> ProposalRead {
    let locale = viewer.locale;
    let money = |m| viewer.money(m);
    let answer = |id, key: &str, value: &Option<String>| Answer {
        id,
        heading: text(locale, key),
        text: value.as_ref().filter(|v| !v.trim().is_empty()).cloned(),
    };
    let answers = vec![
        answer("read-summary", "read-summary", &content.summary),
        answer("read-problem", "read-problem", &content.problem),
        answer("read-service", "read-service", &content.proposed_service),
        answer(
            "read-target-group",
            "read-target-group",
            &content.target_group,
        ),
        answer(
            "read-activities",
            "read-activities",
            &content.planned_activities,
        ),
    ];
    let total = content.budget_total();
    let budget_mismatch = match (total, content.requested_amount) {
        (Some(total), Some(requested)) if total != requested => {
            let mut args = Args::new();
            args.insert("total".into(), money(total).into());
            args.insert("requested".into(), money(requested).into());
            Some(text_with(locale, "read-budget-mismatch", &args))
        }
        _ => None,
    };
    let mut facts = Vec::new();
    let mut fact = |key: &str, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            facts.push(Fact {
                label: text(locale, key),
                value,
            });
        }
    };
    fact("requested-amount", content.requested_amount.map(money));
    fact("organisation", content.organisation.clone());
    fact(
        "country",
        content
            .country
            .map(|c| country_name(locale, &c.to_string())),
    );
    fact(
        "read-region",
        content.region.as_ref().map(ToString::to_string),
    );
    fact(
        "read-language",
        content.language.map(|l| language_name(l).to_owned()),
    );
    // Targets in the programme's order of indicators, then any it no longer names.
    let mut targets: Vec<Fact> = spec
        .reporting
        .indicators
        .iter()
        .filter_map(|i| {
            let value = content.indicator_targets.get(&i.key)?;
            Some(Fact {
                label: i.name(locale, spec.default_locale),
                value: viewer.count(*value),
            })
        })
        .collect();
    targets.extend(
        content
            .indicator_targets
            .iter()
            .filter(|(k, _)| !spec.reporting.indicators.iter().any(|i| &i.key == *k))
            .map(|(k, v)| Fact {
                label: k.clone(),
                value: viewer.count(*v),
            }),
    );
    ProposalRead {
        answers,
        budget: content
            .budget_lines
            .iter()
            .map(|l| BudgetRow {
                description: l.description.clone(),
                amount: money(l.amount),
            })
            .collect(),
        budget_total: total.map(money),
        budget_mismatch,
        facts,
        targets,
        tags: content.tags.clone(),
        conflicts: content.conflicts_of_interest.clone(),
    }
}
