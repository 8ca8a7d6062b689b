//! A grant in the reader's words, on its page and in its dossier: its
//! tranches by name, its history (its own steps, its tranches', its bank
//! details), and the dossier a board or an auditor keeps.

use grants_app::Formatter;
use grants_app::grants::{GrantDossier, GrantHistory};
use grants_app::tranches::TrancheView;
use grants_app::workflows::Workflows;
use grants_domain::Locale;
use grants_domain::report::Timeliness;
use serde_json::Value;

use crate::catalogue::{named_or, text};
use crate::dossier::{Dossier, Layout, noted};
use crate::proposal::{HistoryLine, history_action};
use crate::workflow::{state_label, step_named};

/// A tranche's name in the reader's words: the usual keys (`signing`,
/// `interim`, `final`) from the catalogue, a programme's own key as it is.
pub fn tranche_name(locale: Locale, key: &str) -> String {
    named_or(locale, &format!("tranche-name-{key}"), key)
}

/// The grant's history in the reader's words: its steps and its tranches'
/// named as their workflows name them (a tranche's by its name), the bank
/// details named by holder and the IBAN's last four characters.
pub fn history(
    locale: Locale,
    formatter: Formatter,
    history: &GrantHistory,
    workflows: &Workflows,
    tranches: &[TrancheView],
) -> Vec<HistoryLine> {
    history
        .events
        .iter()
        .map(|e| {
            let d = &e.details;
            let action = match d["transition"].as_str() {
                Some(t) => {
                    let workflow = d["workflow"].as_str().unwrap_or_default();
                    let version = d["version"].as_u64().and_then(|v| u32::try_from(v).ok());
                    let definition = version.and_then(|v| workflows.get(workflow, v));
                    let step = step_named(locale, definition.as_deref(), workflow, t);
                    match tranches.iter().find(|t| t.id.uuid() == e.subject_id) {
                        Some(t) => format!("{}: {step}", tranche_name(locale, &t.key)),
                        None => step,
                    }
                }
                None => history_action(locale, &e.action),
            };
            let account = d["iban_ending"].as_str().map(|ending| {
                format!(
                    "{} (IBAN …{ending})",
                    d["account_holder"].as_str().unwrap_or_default()
                )
            });
            let comment = match (d["comment"].as_str(), account) {
                (Some(c), Some(a)) => Some(format!("{a}: {c}")),
                (c, a) => a.or(c.map(str::to_owned)),
            };
            HistoryLine {
                when: formatter.date_time(e.occurred_at),
                who: e.actor_id.and_then(|id| history.actors.get(&id).cloned()),
                action,
                comment,
            }
        })
        .collect()
}

/// The grant's dossier as a PDF in the reader's language: the agreement,
/// the money (each tranche, who requested, approved and paid it, and the
/// payment), the reports with the outcomes reported against the
/// proposal's targets, and the history; printed at `now`.
pub fn dossier(
    locale: Locale,
    dossier: &GrantDossier,
    workflows: &Workflows,
    now: chrono::DateTime<chrono::Utc>,
) -> grants_app::AppResult<crate::export::Download> {
    let grant = &dossier.grant;
    let spec = &dossier.programme.spec;
    let f = Formatter::new(locale, spec.time_zone);
    let t = |key: &str| text(locale, key);
    let programme = crate::in_language(&spec.title, locale, spec.default_locale);
    let mut d = Dossier::new(
        locale,
        grant.title.clone(),
        &programme,
        "dossier-grant-kind",
    );
    let state = state_label(
        locale,
        grants_app::grants::WORKFLOW,
        &grant.state,
        &grant.state_label,
    );
    d.fact(t("state"), Some(state));
    d.fact(t("grantee"), Some(dossier.grantee.clone()));
    d.fact(
        t("country"),
        Some(crate::country_name(locale, &grant.country)),
    );
    d.fact(t("award"), Some(f.money(grant.award)));
    d.fact(t("committed"), Some(f.money(grant.committed)));
    d.fact(t("disbursed"), Some(f.money(grant.disbursed)));
    d.fact(t("outstanding"), Some(f.money(grant.outstanding)));
    d.fact(
        t("agreement-accepted"),
        grant.agreement_accepted_at.map(|at| f.date_time(at)),
    );
    d.text(t("agreement"), Some(grant.agreement_text.clone()));

    let who = |label: &str, name: &Option<String>, at: Option<chrono::DateTime<chrono::Utc>>| {
        name.as_ref().map(|name| {
            let at = at
                .map(|at| format!(", {}", f.date_time(at)))
                .unwrap_or_default();
            format!("{} {name}{at}", t(label))
        })
    };
    let tranches: Vec<Vec<Value>> = grant
        .tranches
        .iter()
        .map(|t| {
            let people: Vec<String> = [
                who(
                    "export-column-requested_by",
                    &t.requested_by_name,
                    t.requested_at,
                ),
                who(
                    "export-column-approved_by",
                    &t.approved_by_name,
                    t.approved_at,
                ),
                who("export-column-recorded_by", &t.paid_by_name, t.paid_at),
            ]
            .into_iter()
            .flatten()
            .collect();
            let note = (!people.is_empty()).then(|| people.join("\n"));
            vec![
                noted(tranche_name(locale, &t.key), note),
                f.money(t.amount).into(),
                state_label(
                    locale,
                    grants_app::tranches::WORKFLOW,
                    &t.state,
                    &t.state_label,
                )
                .into(),
                t.payment
                    .as_ref()
                    .map(|p| {
                        format!(
                            "{} · {}\n{}",
                            f.date(p.value_date),
                            f.money(p.paid),
                            p.reference
                        )
                    })
                    .into(),
            ]
        })
        .collect();
    d.table(
        t("tranches"),
        vec![
            t("tranche"),
            t("budget-line-amount"),
            t("state"),
            t("dossier-paid"),
        ],
        tranches,
        Layout {
            numeric: vec![1],
            ..Layout::default()
        },
    );

    let timeliness = |kept: Timeliness| {
        t(match kept {
            Timeliness::OnTime => "export-term-on_time",
            Timeliness::Late => "export-term-late",
            Timeliness::Overdue => "export-term-overdue",
            Timeliness::NotYetDue => "export-term-not_yet_due",
        })
    };
    let reports: Vec<Vec<Value>> = dossier
        .reports
        .iter()
        .map(|r| {
            vec![
                r.name.clone().into(),
                f.date(r.due_on).into(),
                state_label(
                    locale,
                    grants_app::reports::WORKFLOW,
                    &r.state,
                    &r.state_label,
                )
                .into(),
                timeliness(r.timeliness).into(),
                f.money(r.total_spent).into(),
            ]
        })
        .collect();
    d.table(
        t("reports-title"),
        vec![
            t("report"),
            t("report-due-on"),
            t("state"),
            t("export-column-timeliness"),
            t("export-column-total_spent"),
        ],
        reports,
        Layout {
            numeric: vec![4],
            ..Layout::default()
        },
    );

    // Outcomes: the proposal's targets against the latest accepted report.
    let targets = dossier.reports.first().map(|r| &r.targets);
    let outcomes: Vec<Vec<Value>> = spec
        .reporting
        .indicators
        .iter()
        .filter_map(|i| {
            let target = targets.and_then(|t| t.get(&i.key)).copied();
            let achieved = dossier
                .achieved
                .as_ref()
                .and_then(|a| a.get(&i.key))
                .copied();
            (target.is_some() || achieved.is_some()).then(|| {
                vec![
                    i.name(locale, spec.default_locale).into(),
                    target.map(|n| f.count(n)).into(),
                    achieved.map(|n| f.count(n)).into(),
                ]
            })
        })
        .collect();
    d.table(
        t("read-targets"),
        vec![
            t("dossier-indicator"),
            t("dossier-target"),
            t("dossier-achieved"),
        ],
        outcomes,
        Layout {
            numeric: vec![1, 2],
            ..Layout::default()
        },
    );

    d.history(history(
        locale,
        f,
        &dossier.history,
        workflows,
        &grant.tranches,
    ));
    d.pdf(format!("grant-{}.pdf", grant.id), spec.time_zone, now)
}
