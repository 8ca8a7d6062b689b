use std::collections::BTreeSet;

use axum::http::StatusCode;
use chrono::Utc;
use grants_app::AppError;
use grants_app::programmes::{ProgrammeStatus, ProgrammeView};
use grants_domain::programme::{ProgrammeInput, ProgrammeSpec};
use grants_domain::{Currency, Locale, ProgrammeId, ValidationErrors};

use super::fields::Field;
use super::form::{Reader, Typed, field_id};
use super::list::{ListPage, ListRow};
use super::page::{Existing, SetupPage, setup_page};
use super::setup::{SentForm, refusal};
use super::stale::{fingerprint, what_changed};
use super::{PREFIX, catalogue_keys, labels};
use crate::i18n::text;
use crate::render::Views;
use crate::session::Viewer;

fn sample() -> ProgrammeSpec {
    let input: ProgrammeInput = serde_json::from_value(serde_json::json!({
        "code": "INELI-2027",
        "title": { "en": "Innovation Awards 2027", "mk": "Награди за иновации 2027" },
        "description": { "en": "New library services." },
        "default_locale": "en",
        "time_zone": "Europe/Skopje",
        "currency": "EUR",
        "budget": { "minor": 10_000_000, "currency": "EUR" },
        "min_award": { "minor": 100_000, "currency": "EUR" },
        "max_award": { "minor": 1_500_050, "currency": "EUR" },
        "opens_at": "2027-01-10T09:00:00Z",
        "closes_at": "2027-03-12T16:00:00Z",
        "eligible_countries": ["MK", "AL", "IT"],
        "rubric": [
            { "key": "impact", "title": { "en": "Impact", "mk": "Влијание" }, "weight": 3,
              "scale_min": 1, "scale_max": 5, "guidance": { "en": "Who benefits?" } },
            { "key": "feasibility", "title": { "en": "Feasibility" }, "weight": 2,
              "scale_min": 0, "scale_max": 10, "allow_not_applicable": true }
        ],
        "reviews_per_proposal": 3,
        "reviewer_load_cap": 8,
        "conflict_policy": { "same_organisation": true, "same_country": false },
        "tranche_template": [
            { "key": "signing", "percent": 60, "condition": { "kind": "agreement_signed" } },
            { "key": "later", "percent": 10, "condition": { "kind": "months_after_start", "months": 3 } },
            { "key": "final", "percent": 30, "condition": { "kind": "report_accepted", "report": "final" } }
        ],
        "reporting_schedule": [
            { "key": "interim", "kind": "interim", "months_after_start": 6 },
            { "key": "final", "kind": "final", "months_after_start": 12, "title": { "en": "Final report" } }
        ],
        "review": { "blind": true, "review_days": 14 },
        "reporting": { "reminder_days_before": [10, 2], "max_attachment_bytes": 2048 }
    }))
    .expect("a programme input");
    input.validate().expect("a valid programme")
}

fn viewer(locale: Locale) -> Viewer {
    Viewer::reading(locale, "/app/programmes/new")
}

/// What a browser sends for the page's form: every field's name and value,
/// ticked boxes only, and the hidden languages.
fn sent(page: &SetupPage) -> SentForm {
    let mut form = SentForm::new();
    form.insert("locales".into(), page.locales.clone());
    let fields = page
        .sections
        .iter()
        .flat_map(|s| s.fields.iter().chain(s.rows.iter().flat_map(|r| &r.fields)));
    for field in fields {
        if field.is_checkbox {
            if field.checked {
                form.insert(field.name.clone(), "on".into());
            }
        } else {
            form.insert(field.name.clone(), field.value.clone());
        }
    }
    form
}

/// The sample programme's form as a browser sends it back unchanged.
fn sample_sent() -> SentForm {
    let typed = Typed::from_spec(&sample());
    sent(&setup_page(&viewer(Locale::En), &typed, None, Vec::new()))
}

/// Types `typed` over what the form holds, field by field.
fn type_over(form: &mut SentForm, typed: &[(&str, &str)]) {
    for (name, value) in typed {
        form.insert((*name).to_owned(), (*value).to_owned());
    }
}

fn field<'a>(page: &'a SetupPage, id: &str) -> &'a Field {
    page.sections
        .iter()
        .flat_map(|s| s.fields.iter().chain(s.rows.iter().flat_map(|r| &r.fields)))
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no field {id}"))
}

#[test]
fn a_programme_comes_back_from_its_form_exactly() {
    let spec = sample();
    let form = sample_sent();
    assert_eq!(
        form.get("opens_at").map(String::as_str),
        Some("2027-01-10T10:00")
    );
    assert_eq!(form.get("max_award").map(String::as_str), Some("15000.50"));
    assert_eq!(form.get("country.IT").map(String::as_str), Some("on"));
    let reading = Typed::from_form(&form).read(Locale::En);
    assert!(reading.problems.is_empty(), "{:?}", reading.problems);
    assert_eq!(reading.input.validate(), Ok(spec));
}

#[test]
fn blank_and_removed_rows_are_left_out() {
    let mut form = sample_sent();
    // Two spare rows per section: the rubric's are rows 2 and 3.
    assert!(form.contains_key("rubric.3.key"));
    type_over(
        &mut form,
        &[
            ("rubric.0.remove", "on"),
            ("rubric.3.key", "reach"),
            ("rubric.3.title.en", "Reach"),
            ("rubric.3.weight", "1"),
            ("rubric.3.scale_min", "1"),
            ("rubric.3.scale_max", "5"),
        ],
    );
    let typed = Typed::from_form(&form);
    let keys: Vec<_> = typed.rubric.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["feasibility", "reach"]);
    let reading = typed.read(Locale::En);
    let spec = reading.input.validate().expect("valid");
    assert_eq!(spec.rubric.len(), 2);
    assert_eq!(spec.rubric[1].key, "reach");
}

#[test]
fn what_does_not_read_is_named_beside_its_field_and_kept() {
    let mut form = sample_sent();
    type_over(
        &mut form,
        &[
            ("budget", "50 000x"),
            ("rubric.1.weight", "two"),
            ("rubric.1.scale_max", ""),
            ("tranche.0.percent", "50"),
            ("tranche.2.condition", "whenever"),
            ("report.0.kind", "monthly"),
            ("closes_at", "soon"),
            ("review.review_days", "3.5"),
        ],
    );
    let typed = Typed::from_form(&form);
    let reading = typed.read(Locale::En);
    let problems = reading.all_problems();
    let fields: Vec<&str> = problems.fields().iter().map(|f| f.field.as_str()).collect();
    for expected in [
        "budget",
        "rubric[1].weight",
        "rubric[1].scale_max",
        "tranche_template[2].condition",
        "reporting_schedule[0].kind",
        "closes_at",
        "review.review_days",
        // The domain's rules still speak about the rest.
        "tranche_template",
    ] {
        assert!(
            fields.contains(&expected),
            "{expected} missing in {fields:?}"
        );
    }
    // Nothing is said twice: the budget's own message stands for the domain's.
    assert_eq!(fields.iter().filter(|f| f.starts_with("budget")).count(), 1);
    assert!(!fields.contains(&"rubric[1].scale_min"), "{fields:?}");

    let (problems, general) = refusal(&viewer(Locale::En), AppError::Validation(problems));
    assert!(general.is_empty());
    let page = setup_page(&viewer(Locale::En), &typed, Some(&problems), Vec::new());
    let budget = field(&page, "budget");
    assert_eq!(budget.value, "50 000x");
    assert!(
        budget
            .error
            .as_deref()
            .is_some_and(|e| e.contains("1,500.50"))
    );
    assert_eq!(
        budget.described_by.as_deref(),
        Some("hint-budget error-budget")
    );
    let weight = field(&page, "rubric-1-weight");
    assert_eq!(weight.value, "two");
    assert_eq!(
        weight.error.as_deref(),
        Some("Give a whole number, e.g. 3.")
    );
    assert!(field(&page, "rubric-1-scale_max").error.is_some());
    assert!(field(&page, "tranche-2-condition").error.is_some());
    assert!(field(&page, "report-0-kind").error.is_some());
    assert!(field(&page, "closes_at").error.is_some());
    assert!(field(&page, "review-review_days").error.is_some());
    let tranches = page
        .sections
        .iter()
        .find(|s| s.id == "tranches")
        .expect("tranches");
    assert!(
        tranches.error.as_deref().is_some_and(|e| e.contains("90")),
        "{:?}",
        tranches.error
    );
    // The summary lists every problem, in the page's order, with a link.
    assert_eq!(page.problems.len(), problems.fields().len());
    assert_eq!(page.problems[0].id.as_deref(), Some("closes_at"));
    assert!(
        page.problems
            .iter()
            .any(|p| p.label == "Criterion 2: Weight")
    );
    // In Macedonian, the page's own words are Macedonian.
    let mk = typed.read(Locale::Mk).all_problems();
    assert!(
        mk.fields()
            .iter()
            .any(|f| f.message == "Внесете цел број, на пр. 3.")
    );
}

#[test]
fn nothing_sent_makes_the_form_panic() {
    let mut form = SentForm::new();
    for (name, value) in [
        ("rubric.99999999999999999999999.key", "x"),
        ("rubric..key", "x"),
        ("rubric.x.weight", "1"),
        ("rubric.0.weight", "99999999999999999999999"),
        ("rubric.0.scale_min", "-"),
        ("tranche.0.percent", "１００"),
        ("tranche.0.condition", "months_after_start"),
        ("tranche.0.months", "∞"),
        ("report.7.months_after_start", "12"),
        ("report.7.kind", ""),
        ("opens_at", "2027-13-45T99:99"),
        ("closes_at", "2027-03-12T16:00"),
        ("time_zone", "Mars/Olympus"),
        ("currency", "XAU"),
        ("budget", "1.2.3,4"),
        ("min_award", "-5"),
        ("max_award", "ten"),
        ("default_locale", "tlh"),
        ("locales", ",,xx,en"),
        ("country.ZZ", "on"),
        ("other_countries", ";;,"),
        ("reporting.reminder_days_before", "14,,x"),
        ("title.en", "   "),
    ] {
        form.insert(name.into(), value.into());
    }
    let typed = Typed::from_form(&form);
    let reading = typed.read(Locale::En);
    let problems = reading.all_problems();
    assert!(!problems.is_empty());
    let page = setup_page(&viewer(Locale::En), &typed, Some(&problems), Vec::new());
    assert!(!page.problems.is_empty());
    // Without a time zone that reads, the dates wait for it rather than being called missing.
    assert!(!problems.fields().iter().any(|f| f.field == "closes_at"));
    assert!(problems.fields().iter().any(|f| f.field == "time_zone"));
}

#[test]
fn a_local_time_is_read_in_the_programme_s_zone() {
    let zone: chrono_tz::Tz = "Europe/Skopje".parse().expect("a zone");
    let mut r = Reader {
        locale: Locale::En,
        problems: ValidationErrors::default(),
        quiet: Vec::new(),
    };
    let winter = r.moment("closes_at", "2027-03-12T17:00", Some(zone));
    assert_eq!(
        winter.map(|t| t.to_rfc3339()).as_deref(),
        Some("2027-03-12T16:00:00+00:00")
    );
    let summer = r.moment("closes_at", "2027-07-01 12:00", Some(zone));
    assert_eq!(
        summer.map(|t| t.to_rfc3339()).as_deref(),
        Some("2027-07-01T10:00:00+00:00")
    );
    // Clocks jump from 02:00 to 03:00 on the last Sunday of March.
    assert_eq!(r.moment("opens_at", "2027-03-28T02:30", Some(zone)), None);
    assert_eq!(r.problems.fields()[0].code, "time_gap");
}

#[test]
fn input_paths_lead_to_form_fields() {
    for (path, id) in [
        ("code", "code"),
        ("title", "title-mk"),
        ("title.en", "title-en"),
        ("description.sq", "description-sq"),
        ("budget.minor", "budget"),
        ("max_award.currency", "max_award"),
        ("eligible_countries[2]", "eligible_countries"),
        ("rubric", "rubric"),
        ("rubric[1].scale_max", "rubric-1-scale_max"),
        ("rubric[0].title", "rubric-0-title-mk"),
        ("rubric[0].guidance.en", "rubric-0-guidance-en"),
        ("tranche_template", "tranches"),
        ("tranche_template[1].percent", "tranche-1-percent"),
        ("tranche_template[1].condition.report", "tranche-1-report"),
        ("tranche_template[1].condition.months", "tranche-1-months"),
        ("reporting_schedule", "reports"),
        (
            "reporting_schedule[0].months_after_start",
            "report-0-months_after_start",
        ),
        ("review.reminder_days_before", "review-reminder_days_before"),
        ("reporting.indicators", "indicators"),
        ("reporting.indicators[3].title.en", "indicator-3-title-en"),
        (
            "reporting.reminder_days_before[1]",
            "reporting-reminder_days_before",
        ),
        (
            "reporting.max_attachment_bytes",
            "reporting-max_attachment_bytes",
        ),
        ("rubric[x].key", "rubric"),
    ] {
        assert_eq!(field_id(path, Locale::Mk), id, "{path}");
    }
}

#[test]
fn a_stale_form_tells_what_someone_else_changed() {
    let spec = sample();
    let seen = fingerprint(&spec);
    let mut now = spec.clone();
    now.budget = grants_domain::Money::new(9_000_000, Currency::EUR);
    now.rubric.pop();
    let changed = what_changed(&viewer(Locale::En), &seen, &now);
    assert_eq!(changed, ["Budget (now €90,000.00)", "Rubric"]);
    assert!(what_changed(&viewer(Locale::En), &seen, &spec).is_empty());
    assert!(what_changed(&viewer(Locale::En), "", &now).is_empty());
}

#[test]
fn the_page_s_strings_are_in_english_and_macedonian() {
    let keys = |locale: &str| -> BTreeSet<String> {
        let path = format!(
            "{}/../i18n/locales/{locale}/programme.ftl",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{path}: {e}"))
            .lines()
            .filter(|l| !l.starts_with([' ', '#']) && !l.trim().is_empty())
            .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_owned()))
            .collect()
    };
    let en = keys("en");
    assert_eq!(en, keys("mk"));
    assert!(en.iter().all(|k| k.starts_with(PREFIX)), "{en:?}");
    assert_eq!(en.len(), catalogue_keys().count());
    // The loader reads this file beside main.ftl.
    assert_eq!(text(Locale::En, "programme-setup-nav"), "Programmes");
    assert_eq!(text(Locale::Mk, "programme-setup-nav"), "Програми");
    assert_eq!(text(Locale::Mk, "sign-in"), "Најава");
    // Every language has this file now (the i18n crate's test holds them complete).
    assert_eq!(text(Locale::Sq, "programme-setup-save"), "Ruaj programin");
    let mk = labels(Locale::Mk);
    assert_eq!(
        mk.get("rubric").map(String::as_str),
        Some("Критериуми за оценување")
    );
    // Every Macedonian string is written in Cyrillic, not left in English.
    for key in &en {
        let value = text(Locale::Mk, key);
        assert!(
            value.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
            "{key} = {value}"
        );
    }
}

#[test]
fn the_pages_render_in_strict_mode() {
    let views = Views::load().expect("the templates compile");
    let spec = sample();
    for locale in [Locale::En, Locale::Mk] {
        let viewer = viewer(locale);
        let blank = setup_page(&viewer, &Typed::blank(locale), None, Vec::new());
        let ok = |page: SetupPage| {
            views.renders(
                &viewer,
                "programme_setup",
                "programme-setup-new-title",
                page,
            )
        };
        assert_eq!(ok(blank), StatusCode::OK);
        let typed = Typed::from_spec(&spec);
        let view = ProgrammeView {
            id: ProgrammeId::from(uuid::Uuid::nil()),
            status: ProgrammeStatus::Archived,
            spec: spec.clone(),
            archived_at: None,
            revision: 4,
            created_by: None,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        };
        let existing = Existing {
            view: &view,
            viewer_locale: locale,
        };
        let mut problems = ValidationErrors::default();
        problems.push(
            "tranche_template",
            "x",
            "the tranche percentages add up to 90, not 100",
        );
        problems.push(
            "rubric[1].weight",
            "x",
            "a weight must be a positive whole number",
        );
        problems.push("nowhere", "x", "something else");
        let mut page = setup_page(&viewer, &typed, Some(&problems), vec!["refused".into()]).of(
            &existing,
            4,
            fingerprint(&spec),
        );
        page.stale = Some(vec!["Budget (now EUR 1.00)".into()]);
        page.saved = true;
        page.archived_now = true;
        page.restored = true;
        assert_eq!(page.problems.len(), 4);
        assert_eq!(ok(page), StatusCode::OK);
        let mut page =
            setup_page(&viewer, &typed, None, Vec::new()).of(&existing, 4, String::new());
        page.archived = false;
        page.stale = Some(Vec::new());
        assert_eq!(ok(page), StatusCode::OK);

        let list = ListPage {
            t: labels(locale),
            rows: vec![ListRow {
                id: "id".into(),
                code: "C".into(),
                title: "T".into(),
                status: "open",
                status_label: "Open".into(),
                opens: "o".into(),
                closes: "c".into(),
            }],
            next: Some("/app/programmes?cursor=x".into()),
        };
        let status = views.renders(&viewer, "programmes", "programme-setup-list-title", list);
        assert_eq!(status, StatusCode::OK);
        let empty = ListPage {
            t: labels(locale),
            rows: Vec::new(),
            next: None,
        };
        let status = views.renders(&viewer, "programmes", "programme-setup-list-title", empty);
        assert_eq!(status, StatusCode::OK);
    }
}
