//! A proposal as people read it, on its page and in its dossier: every
//! answer of the form, in the form's order, with its budget and targets, for everyone who may see it (the
//! applicant re-reading what she sent, the ambassador screening, the
//! reviewer scoring, the manager deciding). What a reader may not see
//! (the applicant's name in a blind review, the people she asked to keep
//! away) the use case has already left out.

use std::collections::HashMap;

use grants_app::Formatter;
use grants_app::proposals::ProposalPage;
use grants_domain::Locale;
use grants_domain::programme::ProgrammeSpec;
use grants_domain::proposal::ProposalContent;
use grants_domain::review::Recommendation;
use grants_scoring::CriterionScore;
use serde::Serialize;

use crate::catalogue::{Args, country_name, in_language, language_name, named_or, text, text_with};
use crate::workflow::step_named;

/// One free-text answer under its question.
#[derive(Debug, Serialize)]
pub struct Answer {
    /// The element id, stable for links and tests.
    pub id: &'static str,
    /// The question.
    pub heading: String,
    /// `None` while the applicant has not answered.
    pub text: Option<String>,
}

/// One line of the budget.
#[derive(Debug, Serialize)]
pub struct BudgetRow {
    /// What it buys.
    pub description: String,
    /// How much, as the reader writes money.
    pub amount: String,
}

/// A named value: the requested amount, a target, the country.
#[derive(Debug, Serialize)]
pub struct Fact {
    /// What it is.
    pub label: String,
    /// Its value, in words.
    pub value: String,
}

/// Everything the applicant wrote, in the reader's words.
#[derive(Debug, Serialize)]
pub struct ProposalRead {
    /// The free-text answers, in the form's order.
    pub answers: Vec<Answer>,
    /// The budget's lines.
    pub budget: Vec<BudgetRow>,
    /// Their total.
    pub budget_total: Option<String>,
    /// Said when the lines do not add up to the amount asked for.
    pub budget_mismatch: Option<String>,
    /// The amount, organisation, country, region and language.
    pub facts: Vec<Fact>,
    /// The targets per indicator.
    pub targets: Vec<Fact>,
    /// The keywords.
    pub tags: Vec<String>,
    /// The people the applicant asked to keep away, where the reader may see them.
    pub conflicts: Vec<String>,
    /// The partner libraries, each as "library, country, contact".
    pub partners: Vec<String>,
}

/// The proposal's answers as a reader of `locale` reads them.
pub fn read(locale: Locale, content: &ProposalContent, spec: &ProgrammeSpec) -> ProposalRead {
    let formatter = Formatter::new(locale, chrono_tz::UTC);
    let money = |m| formatter.money(m);
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
                value: formatter.count(*value),
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
                value: formatter.count(*v),
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
        partners: content
            .partners
            .iter()
            .map(|p| {
                let mut line = format!(
                    "{}, {}",
                    p.organisation,
                    country_name(locale, &p.country.to_string())
                );
                if let Some(contact) = &p.contact {
                    line.push_str(" — ");
                    line.push_str(contact);
                }
                line
            })
            .collect(),
    }
}

/// A history entry that is not a workflow step, in words: `proposal.created`
/// reads "Created the proposal"; an action without words keeps its name.
pub fn history_action(locale: Locale, action: &str) -> String {
    named_or(
        locale,
        &format!("history-{}", action.replace('.', "-")),
        action,
    )
}

/// A place on a proposal's team, in words: the lead applicant, or a member's role.
pub fn team_standing(locale: Locale, standing: grants_domain::team::Standing) -> String {
    match standing {
        grants_domain::team::Standing::Lead => text(locale, "team-lead"),
        grants_domain::team::Standing::Member(role) => team_role(locale, role),
    }
}

/// A role on a proposal's team, in words.
pub fn team_role(locale: Locale, role: grants_domain::team::TeamRole) -> String {
    text(locale, &format!("team-role-{}", role.as_str()))
}

/// One line of a proposal's history.
#[derive(Debug, Serialize)]
pub struct HistoryLine {
    /// When, in the programme's time zone.
    pub when: String,
    /// Who took the step, where the reader may know.
    pub who: Option<String>,
    /// What happened: the step, or the action.
    pub action: String,
    /// The step's comment, or the file added or removed.
    pub comment: Option<String>,
}

/// The proposal's history as a reader of `locale` reads it: steps named as
/// the definition the proposal is pinned to names them, files by their name
/// while they are still there (the audit trail keeps no file names, so that
/// an erasure can take them back out).
pub fn history(locale: Locale, page: &ProposalPage) -> Vec<HistoryLine> {
    let spec = &page.programme.spec;
    let formatter = Formatter::new(locale, spec.time_zone);
    let file_names: HashMap<String, &str> = page
        .attachments
        .iter()
        .map(|a| (a.id.to_string(), a.file_name.as_str()))
        .collect();
    let workflow = &page.proposal.workflow;
    page.history
        .iter()
        .map(|e| HistoryLine {
            when: formatter.date_time(e.occurred_at),
            who: e.actor_id.and_then(|id| page.actors.get(&id).cloned()),
            action: e.details["transition"].as_str().map_or_else(
                || history_action(locale, &e.action),
                |t| step_named(locale, page.definition.as_deref(), workflow, t),
            ),
            comment: e.details["comment"]
                .as_str()
                .or_else(|| {
                    let id = e.details["attachment_id"].as_str()?;
                    file_names.get(id).copied()
                })
                .map(str::to_owned),
        })
        .collect()
}

/// A size as people read it: `800 B`, `12 KB`, `2.4 MB`, `10 MB`.
pub fn size_text(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes < KIB {
        format!("{bytes} B")
    } else if bytes < MIB {
        format!("{} KB", bytes.div_ceil(KIB))
    } else {
        let tenths = (bytes * 10).div_ceil(MIB);
        match tenths % 10 {
            0 => format!("{} MB", tenths / 10),
            tenth => format!("{}.{tenth} MB", tenths / 10),
        }
    }
}

/// The proposal's dossier as a PDF in the reader's language: what its page
/// shows the reader (every answer, the budget, the files attached, the
/// reviews they may read, the decisions with their letters, the history),
/// printed at `now`.
pub fn dossier(
    locale: Locale,
    page: &ProposalPage,
    now: chrono::DateTime<chrono::Utc>,
) -> grants_app::AppResult<crate::export::Download> {
    use crate::dossier::{Dossier, Layout};
    let proposal = &page.proposal;
    let spec = &page.programme.spec;
    let formatter = Formatter::new(locale, spec.time_zone);
    let read = read(locale, &proposal.content, spec);
    let mut d = Dossier::new(
        locale,
        proposal
            .content
            .title
            .clone()
            .unwrap_or_else(|| text(locale, "untitled")),
        &in_language(&spec.title, locale, spec.default_locale),
        "dossier-kind",
    );
    d.fact(
        d.t("state"),
        Some(crate::workflow::state_label(
            locale,
            &proposal.workflow,
            &proposal.state,
            &proposal.state_label,
        )),
    );
    for fact in read.facts {
        d.fact(fact.label, Some(fact.value));
    }
    d.fact(
        d.t("dossier-submitted"),
        proposal.submitted_at.map(|at| formatter.date_time(at)),
    );
    for answer in read.answers {
        d.text(answer.heading, answer.text);
    }
    d.table(
        d.t("read-budget"),
        vec![d.t("budget-line-description"), d.t("budget-line-amount")],
        read.budget
            .into_iter()
            .map(|b| vec![b.description.into(), b.amount.into()])
            .collect(),
        Layout {
            numeric: vec![1],
            total: read
                .budget_total
                .map(|total| vec![d.t("read-budget-total").into(), total.into()]),
            note: read.budget_mismatch,
            ..Layout::default()
        },
    );
    d.list(
        d.t("read-targets"),
        read.targets
            .iter()
            .map(|f| format!("{}: {}", f.label, f.value))
            .collect(),
    );
    d.list(d.t("read-tags"), read.tags);
    if !read.partners.is_empty() {
        d.list(d.t("field-partners"), read.partners);
    }
    // Who is on the team, for those who see it on the page.
    if let Some(team) = &page.team {
        d.list(
            d.t("team-heading"),
            team.members
                .iter()
                .map(|m| format!("{} · {}", m.name, team_standing(locale, m.standing)))
                .collect(),
        );
    }
    if !read.conflicts.is_empty() {
        d.list(d.t("read-conflicts"), read.conflicts);
    }
    d.list(
        d.t("attachments"),
        page.attachments
            .iter()
            .map(|a| format!("{} ({})", a.file_name, size_text(a.size_bytes)))
            .collect(),
    );
    // The reviews the reader may read, as on the page.
    let shown = reviews(locale, &page.reviews, spec);
    if !shown.is_empty() {
        let items =
            shown
                .into_iter()
                .map(|r| {
                    let mut lines = vec![
                        [
                            r.reviewer.unwrap_or_else(|| {
                                let mut args = Args::new();
                                args.insert("n".into(), r.number.into());
                                text_with(locale, "review-numbered", &args)
                            }),
                            r.when.unwrap_or_default(),
                        ]
                        .join(" · "),
                    ];
                    lines.extend(
                        r.scores
                            .into_iter()
                            .map(|s| format!("{}: {}", s.criterion, s.score)),
                    );
                    let said = [
                        ("weighted-score", r.weighted),
                        ("recommendation", r.recommendation),
                        ("comment-for-applicant", r.comment_for_applicant),
                        ("comment-for-jury", r.comment_for_jury),
                    ];
                    lines.extend(said.into_iter().filter_map(|(key, value)| {
                        Some(format!("{}: {}", text(locale, key), value?))
                    }));
                    lines.join("\n")
                })
                .collect();
        d.list(d.t("reviews"), items);
    }
    if !page.decisions.is_empty() {
        d.list(
            d.t("decisions"),
            page.decisions
                .iter()
                .map(|decision| {
                    let mut said = vec![
                        text(locale, &format!("decided-{}", decision.outcome)),
                        formatter.date_time(decision.decided_at),
                    ];
                    said.extend(decision.award.map(|m| formatter.money(m)));
                    // The letter says the decision's words to the applicant.
                    format!(
                        "{}\n{}\n{}",
                        said.join(" · "),
                        decision.letter_subject,
                        decision.letter_text
                    )
                })
                .collect(),
        );
    }
    d.history(history(locale, page));
    d.pdf(format!("proposal-{}.pdf", proposal.id), spec.time_zone, now)
}

/// Each recommendation a reviewer may make: its value in a form and its
/// words' catalogue key.
pub const RECOMMENDATIONS: [(Recommendation, &str, &str); 3] = [
    (Recommendation::Fund, "fund", "recommend-fund"),
    (
        Recommendation::FundWithChanges,
        "fund_with_changes",
        "recommend-fund-with-changes",
    ),
    (
        Recommendation::DoNotFund,
        "do_not_fund",
        "recommend-do-not-fund",
    ),
];

/// A recommendation in the reader's language.
pub fn recommendation_text(locale: Locale, chosen: Recommendation) -> String {
    RECOMMENDATIONS
        .iter()
        .find(|(r, _, _)| *r == chosen)
        .map_or_else(String::new, |(_, _, key)| text(locale, key))
}

/// A submitted review as its readers read it.
#[derive(Debug, Serialize)]
pub struct ReviewRead {
    /// Counted from 1, to name a review whose reviewer is not shown.
    pub number: usize,
    /// The reviewer's name; `None` for the applicant, who reads them unnamed.
    pub reviewer: Option<String>,
    /// Each criterion's score, in the rubric's order.
    pub scores: Vec<ScoreRead>,
    /// The weighted score, of 100.
    pub weighted: Option<String>,
    /// The recommendation, in words.
    pub recommendation: Option<String>,
    /// The comment meant for the applicant.
    pub comment_for_applicant: Option<String>,
    /// The comment meant for the jury.
    pub comment_for_jury: Option<String>,
    /// When it was submitted, in the programme's time zone.
    pub when: Option<String>,
}

/// One criterion's score.
#[derive(Debug, Serialize)]
pub struct ScoreRead {
    /// The criterion.
    pub criterion: String,
    /// `7 / 10`, or "not applicable".
    pub score: String,
}

/// The reviews the reader may read (the use case left out the others), as
/// they read them.
pub fn reviews(
    locale: Locale,
    reviews: &[grants_app::reviews::ReviewView],
    spec: &ProgrammeSpec,
) -> Vec<ReviewRead> {
    let formatter = Formatter::new(locale, spec.time_zone);
    reviews
        .iter()
        .enumerate()
        .map(|(i, r)| ReviewRead {
            number: i + 1,
            reviewer: r.reviewer_name.clone(),
            scores: spec
                .rubric
                .iter()
                .filter_map(|criterion| {
                    let score = r.scores.get(&criterion.key)?;
                    Some(ScoreRead {
                        criterion: in_language(&criterion.title, locale, spec.default_locale),
                        score: match score {
                            CriterionScore::Score(n) => format!("{n} / {}", criterion.scale_max),
                            CriterionScore::NotApplicable => text(locale, "score-not-applicable"),
                        },
                    })
                })
                .collect(),
            weighted: r.weighted_score.map(|w| format!("{w:.1}")),
            recommendation: r.recommendation.map(|rec| recommendation_text(locale, rec)),
            comment_for_applicant: r
                .comment_for_applicant
                .clone()
                .filter(|c| !c.trim().is_empty()),
            comment_for_jury: r.comment_for_jury.clone().filter(|c| !c.trim().is_empty()),
            when: r.submitted_at.map(|at| formatter.date_time(at)),
        })
        .collect()
}
