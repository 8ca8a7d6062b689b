//! Grant agreements: the text a grantee accepts, rendered from a template
//! per language (`document-templates/{locale}.grant_agreement.txt.hbs`) with
//! the award, the tranches and the reporting dates.

use chrono::NaiveDate;
use chrono_tz::Tz;
use grants_domain::programme::{ReportKind, TrancheCondition};
use grants_domain::{Locale, Money};
use handlebars::Handlebars;
use serde_json::json;

use crate::{Formatter, TemplateProblem};

/// The languages with an agreement template, and the templates.
const TEMPLATES: &[(Locale, &str)] = &[
    (
        Locale::En,
        include_str!("../../../document-templates/en.grant_agreement.txt.hbs"),
    ),
    (
        Locale::Mk,
        include_str!("../../../document-templates/mk.grant_agreement.txt.hbs"),
    ),
];

/// One tranche as the agreement states it.
#[derive(Debug, Clone)]
pub struct AgreedTranche {
    /// Its amount.
    pub amount: Money,
    /// Its share of the award.
    pub percent: u8,
    /// When it may be paid.
    pub condition: TrancheCondition,
}

/// One report as the agreement states it.
#[derive(Debug, Clone)]
pub struct AgreedReport {
    /// The report's key in the schedule.
    pub key: String,
    /// Interim or final.
    pub kind: ReportKind,
    /// Months after the start.
    pub months_after_start: u16,
    /// The due date if the grant started on the day the agreement was prepared.
    pub due_on: Option<NaiveDate>,
}

/// What an agreement says.
#[derive(Debug, Clone)]
pub struct AgreementTerms {
    /// The programme's title in the agreement's language.
    pub programme_title: String,
    /// The grantee.
    pub grantee_name: String,
    /// Their organisation.
    pub organisation: Option<String>,
    /// The project.
    pub proposal_title: String,
    /// The award.
    pub award: Money,
    /// The payments, in order.
    pub tranches: Vec<AgreedTranche>,
    /// The reports owed.
    pub reports: Vec<AgreedReport>,
    /// The day it was prepared.
    pub prepared_on: NaiveDate,
}

/// Renders the agreement in `locale` if it has a template, else English;
/// returns the language used and the text.
pub fn render_agreement(
    locale: Locale,
    time_zone: Tz,
    terms: &AgreementTerms,
) -> Result<(Locale, String), TemplateProblem> {
    let (chosen, template) = TEMPLATES
        .iter()
        .find(|(l, _)| *l == locale)
        .or_else(|| TEMPLATES.first())
        .copied()
        .ok_or_else(|| TemplateProblem::new("document-templates", "no agreement template"))?;
    let f = Formatter::new(chosen, time_zone);
    let tranches: Vec<_> = terms
        .tranches
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let (on_signing, after_report, after_months) = match &t.condition {
                TrancheCondition::AgreementSigned => (true, None, None),
                TrancheCondition::ReportAccepted { report } => (false, Some(report.clone()), None),
                TrancheCondition::MonthsAfterStart { months } => (false, None, Some(*months)),
            };
            json!({
                "position": i + 1,
                "amount": f.money(t.amount),
                "percent": t.percent,
                "on_signing": on_signing,
                "after_report": after_report,
                "after_months": after_months,
            })
        })
        .collect();
    let reports: Vec<_> = terms
        .reports
        .iter()
        .map(|r| {
            json!({
                "key": r.key,
                "final": r.kind == ReportKind::Final,
                "months": r.months_after_start,
                "due_on": r.due_on.map(|d| f.date(d)),
            })
        })
        .collect();
    let data = json!({
        "programme_title": terms.programme_title,
        "grantee_name": terms.grantee_name,
        "organisation": terms.organisation,
        "proposal_title": terms.proposal_title,
        "award": f.money(terms.award),
        "tranche_count": terms.tranches.len(),
        "tranches": tranches,
        "reports": reports,
        "prepared_on": f.date(terms.prepared_on),
    });
    let mut engine = Handlebars::new();
    engine.set_strict_mode(true);
    engine.register_escape_fn(handlebars::no_escape);
    let file = format!(
        "document-templates/{}.grant_agreement.txt.hbs",
        chosen.code()
    );
    let text = engine
        .render_template(template, &data)
        .map_err(|e| TemplateProblem::new(file, e.to_string()))?;
    Ok((chosen, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use grants_domain::Currency;

    fn terms() -> AgreementTerms {
        let eur = |minor| Money::new(minor, Currency::EUR);
        AgreementTerms {
            programme_title: "Innovation Awards 2027".into(),
            grantee_name: "Ana Petrovska".into(),
            organisation: Some("City Library Skopje".into()),
            proposal_title: "Seed library".into(),
            award: eur(500_000),
            tranches: vec![
                AgreedTranche {
                    amount: eur(300_000),
                    percent: 60,
                    condition: TrancheCondition::AgreementSigned,
                },
                AgreedTranche {
                    amount: eur(200_000),
                    percent: 40,
                    condition: TrancheCondition::ReportAccepted {
                        report: "final".into(),
                    },
                },
            ],
            reports: vec![AgreedReport {
                key: "final".into(),
                kind: ReportKind::Final,
                months_after_start: 12,
                due_on: NaiveDate::from_ymd_opt(2028, 1, 10),
            }],
            prepared_on: NaiveDate::from_ymd_opt(2027, 1, 10).expect("a date"),
        }
    }

    #[test]
    fn the_agreement_states_the_award_tranches_and_reports_in_the_grantees_language() {
        let (locale, text) =
            render_agreement(Locale::En, chrono_tz::Europe::Skopje, &terms()).expect("renders");
        assert_eq!(locale, Locale::En);
        for expected in [
            "EUR 5,000.00",
            "EUR 3,000.00 (60%) — once this agreement is accepted",
            "EUR 2,000.00 (40%) — once the report \"final\" is accepted",
            "final (final report), due 12 months after the start (by 10 January 2028",
            "Ana Petrovska, City Library Skopje",
        ] {
            assert!(text.contains(expected), "{expected} missing from:\n{text}");
        }
        let (locale, text) =
            render_agreement(Locale::Mk, chrono_tz::Europe::Skopje, &terms()).expect("renders");
        assert_eq!(locale, Locale::Mk);
        assert!(text.contains("5.000,00 EUR"), "{text}");
    }

    #[test]
    fn a_language_without_a_template_gets_english() {
        let (locale, _) =
            render_agreement(Locale::Sq, chrono_tz::Europe::Tirane, &terms()).expect("renders");
        assert_eq!(locale, Locale::En);
    }
}
