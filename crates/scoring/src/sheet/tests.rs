use grants_domain::FieldError;
use utoipa::{PartialSchema, ToSchema};

use super::*;
use crate::support::{NA, criterion, s, sheet_input, submitted, with_optional_reach};

fn rubric() -> Vec<Criterion> {
    vec![
        criterion("impact", 2, 1, 5, false),
        criterion("feasibility", 1, 0, 10, true),
        criterion("reach", 1, 1, 5, true),
    ]
}

fn problems(result: Result<ScoreSheet, ValidationErrors>) -> Vec<(String, String)> {
    result
        .expect_err("the sheet should be refused")
        .fields()
        .iter()
        .map(|FieldError { field, code, .. }| (field.clone(), code.clone()))
        .collect()
}

fn pair(field: &str, code: &str) -> (String, String) {
    (field.to_owned(), code.to_owned())
}

// ---- validation ---------------------------------------------------------

#[test]
fn a_complete_sheet_is_accepted_as_given() {
    let input = sheet_input(&[("impact", s(4)), ("feasibility", NA), ("reach", s(1))]);
    let sheet = validate_sheet(&rubric(), &input, Completeness::Submission).unwrap();
    assert_eq!(sheet.scores(), &input);
    assert_eq!(sheet.get("feasibility"), Some(NA));
    assert_eq!(sheet.get("nothing"), None);
    assert_eq!(sheet.into_scores(), input);
}

#[test]
fn an_unknown_criterion_is_refused() {
    let input = sheet_input(&[("impact", s(4)), ("novelty", s(3))]);
    assert_eq!(
        problems(validate_sheet(&rubric(), &input, Completeness::Draft)),
        [pair("scores.novelty", "unknown_criterion")]
    );
}

#[test]
fn a_score_off_the_scale_is_refused_with_the_scale_in_the_message() {
    for off in [0, 6, -3, i64::MAX, i64::MIN] {
        let input = sheet_input(&[("impact", s(off))]);
        let errors = validate_sheet(&rubric(), &input, Completeness::Draft).unwrap_err();
        assert_eq!(errors.fields().len(), 1);
        let error = &errors.fields()[0];
        assert_eq!(
            (error.field.as_str(), error.code.as_str()),
            ("scores.impact", "out_of_range")
        );
        assert!(error.message.contains("from 1 to 5"), "{}", error.message);
    }
}

#[test]
fn both_ends_of_the_scale_are_on_it() {
    for edge in [1, 5] {
        let input = sheet_input(&[("impact", s(edge))]);
        assert!(validate_sheet(&rubric(), &input, Completeness::Draft).is_ok());
    }
}

#[test]
fn not_applicable_is_refused_where_the_criterion_does_not_allow_it() {
    let input = sheet_input(&[("impact", NA), ("feasibility", s(3)), ("reach", s(2))]);
    assert_eq!(
        problems(validate_sheet(&rubric(), &input, Completeness::Submission)),
        [pair("scores.impact", "not_applicable_not_allowed")]
    );
}

#[test]
fn a_submission_must_answer_every_criterion_but_a_draft_need_not() {
    let input = sheet_input(&[("impact", s(3))]);
    assert_eq!(
        problems(validate_sheet(&rubric(), &input, Completeness::Submission)),
        [
            pair("scores.feasibility", "required"),
            pair("scores.reach", "required")
        ]
    );
    assert!(validate_sheet(&rubric(), &input, Completeness::Draft).is_ok());
    assert!(validate_sheet(&rubric(), &ScoreSheetInput::new(), Completeness::Draft).is_ok());
}

#[test]
fn the_required_message_offers_not_applicable_only_where_allowed() {
    let errors =
        validate_sheet(&rubric(), &ScoreSheetInput::new(), Completeness::Submission).unwrap_err();
    let messages: Vec<&str> = errors.fields().iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "score 'impact'",
            "score 'feasibility' or mark it not applicable",
            "score 'reach' or mark it not applicable",
        ]
    );
}

#[test]
fn an_all_not_applicable_submission_is_refused_but_a_draft_is_allowed() {
    let rubric = vec![
        criterion("feasibility", 1, 0, 10, true),
        criterion("reach", 1, 1, 5, true),
    ];
    let input = sheet_input(&[("feasibility", NA), ("reach", NA)]);
    assert_eq!(
        problems(validate_sheet(&rubric, &input, Completeness::Submission)),
        [pair("scores", "all_not_applicable")]
    );
    let draft = validate_sheet(&rubric, &input, Completeness::Draft).unwrap();
    assert_eq!(weighted_score(&rubric, &draft), None);
}

#[test]
fn an_empty_submission_is_told_what_is_required_not_that_all_is_not_applicable() {
    assert_eq!(
        problems(validate_sheet(
            &rubric(),
            &ScoreSheetInput::new(),
            Completeness::Submission
        )),
        [
            pair("scores.impact", "required"),
            pair("scores.feasibility", "required"),
            pair("scores.reach", "required"),
        ]
    );
}

#[test]
fn an_off_scale_score_is_not_also_reported_as_nothing_scored() {
    let rubric = vec![
        criterion("feasibility", 1, 0, 10, true),
        criterion("reach", 1, 1, 5, true),
    ];
    let input = sheet_input(&[("feasibility", NA), ("reach", s(9))]);
    assert_eq!(
        problems(validate_sheet(&rubric, &input, Completeness::Submission)),
        [pair("scores.reach", "out_of_range")]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let input = sheet_input(&[("impact", NA), ("feasibility", s(11)), ("novelty", s(1))]);
    assert_eq!(
        problems(validate_sheet(&rubric(), &input, Completeness::Submission)),
        [
            pair("scores.feasibility", "out_of_range"),
            pair("scores.impact", "not_applicable_not_allowed"),
            pair("scores.novelty", "unknown_criterion"),
            pair("scores.reach", "required"),
        ]
    );
}

#[test]
fn a_submission_under_an_empty_rubric_is_refused() {
    assert_eq!(
        problems(validate_sheet(
            &[],
            &ScoreSheetInput::new(),
            Completeness::Submission
        )),
        [pair("scores", "empty_rubric")]
    );
}

// ---- weighted score -----------------------------------------------------

/// The weighted score of a sheet submitted on `rubric` with these scores.
fn score_of(rubric: &[Criterion], scores: &[(&str, CriterionScore)]) -> Option<f64> {
    weighted_score(rubric, &submitted(rubric, scores))
}

#[test]
fn criteria_on_different_scales_count_as_fractions_of_their_scales() {
    // 4 on 1..5 is 3/4 of the scale; 5 on 0..10 is 1/2. (1·0.75 + 3·0.5) / 4 = 0.5625.
    let rubric = vec![
        criterion("impact", 1, 1, 5, false),
        criterion("feasibility", 3, 0, 10, false),
    ];
    assert_eq!(
        score_of(&rubric, &[("impact", s(4)), ("feasibility", s(5))]),
        Some(56.25)
    );
}

#[test]
fn negative_scales_work_like_any_other() {
    let rubric = vec![criterion("risk", 1, -2, 2, false)];
    let at = |score| score_of(&rubric, &[("risk", s(score))]);
    assert_eq!(at(-2), Some(0.0));
    assert_eq!(at(-1), Some(25.0));
    assert_eq!(at(0), Some(50.0));
    assert_eq!(at(2), Some(100.0));
}

#[test]
fn not_applicable_drops_out_and_the_other_weights_renormalise() {
    // Weights 2, 1, 1 with the last not applicable: 2/3 and 1/3 of the score.
    let rubric = with_optional_reach();
    let with_reach = |reach| {
        score_of(
            &rubric,
            &[("impact", s(4)), ("feasibility", s(1)), ("reach", reach)],
        )
    };
    // (2·1 + 1·0.25) / 3 = 0.75, not (2·1 + 1·0.25 + 1·0) / 4 = 0.5625.
    assert_eq!(with_reach(NA), Some(75.0));
    assert_eq!(with_reach(s(0)), Some(56.25));
}

#[test]
fn all_at_the_top_is_exactly_100_and_all_at_the_bottom_exactly_0() {
    let rubric = rubric();
    let top = score_of(
        &rubric,
        &[("impact", s(5)), ("feasibility", s(10)), ("reach", NA)],
    );
    let bottom = score_of(
        &rubric,
        &[("impact", s(1)), ("feasibility", NA), ("reach", s(1))],
    );
    assert_eq!(top, Some(100.0));
    assert_eq!(bottom, Some(0.0));
}

#[test]
fn a_sheet_checked_against_an_older_rubric_still_scores_within_bounds() {
    let old = vec![
        criterion("impact", 1, 0, 10, false),
        criterion("legacy", 5, 0, 10, false),
    ];
    let sheet = submitted(&old, &[("impact", s(10)), ("legacy", s(0))]);
    // The scale shrank to 0..4 and `legacy` is gone: 10 counts as 4, `legacy` is ignored.
    let new = vec![criterion("impact", 1, 0, 4, false)];
    assert_eq!(weighted_score(&new, &sheet), Some(100.0));
    // Criteria the sheet lacks drop out; with none left there is no score.
    let other = vec![criterion("reach", 1, 0, 4, false)];
    assert_eq!(weighted_score(&other, &sheet), None);
}

// ---- JSON and schema ----------------------------------------------------

#[test]
fn json_reads_whole_numbers_and_n_a() {
    let input: ScoreSheetInput =
        serde_json::from_str(r#"{"impact": 4, "feasibility": "n/a", "reach": -2, "x": 3.0}"#)
            .unwrap();
    assert_eq!(
        input,
        sheet_input(&[
            ("impact", s(4)),
            ("feasibility", NA),
            ("reach", s(-2)),
            ("x", s(3))
        ])
    );
}

#[test]
fn json_refuses_anything_else_with_a_clear_message() {
    for bad in [
        "4.5",
        r#""N/A""#,
        r#""4""#,
        "true",
        "null",
        "[]",
        "18446744073709551615",
    ] {
        let error = serde_json::from_str::<CriterionScore>(bad).unwrap_err();
        assert!(
            error
                .to_string()
                .contains(r#"a whole-number score or "n/a""#),
            "{bad}: {error}"
        );
    }
}

#[test]
fn a_huge_score_is_read_and_then_reported_as_off_the_scale() {
    let input: ScoreSheetInput =
        serde_json::from_str(r#"{"impact": 9223372036854775807}"#).unwrap();
    assert_eq!(
        problems(validate_sheet(&rubric(), &input, Completeness::Draft)),
        [pair("scores.impact", "out_of_range")]
    );
}

#[test]
fn a_sheet_writes_the_json_it_was_read_from() {
    let json = r#"{"feasibility":"n/a","impact":4,"reach":2}"#;
    let input: ScoreSheetInput = serde_json::from_str(json).unwrap();
    let sheet = validate_sheet(&rubric(), &input, Completeness::Submission).unwrap();
    assert_eq!(serde_json::to_string(&sheet).unwrap(), json);
}

#[test]
fn the_schema_of_a_criterion_score_is_an_integer_or_the_string_n_a() {
    let schema = serde_json::to_value(CriterionScore::schema()).unwrap();
    let one_of = schema["oneOf"].as_array().expect("oneOf");
    assert_eq!(one_of.len(), 2);
    assert_eq!(one_of[0]["type"], "integer");
    assert_eq!(one_of[1]["type"], "string");
    assert_eq!(one_of[1]["enum"], serde_json::json!(["n/a"]));
    assert_eq!(schema["examples"], serde_json::json!([4, "n/a"]));
    assert_eq!(CriterionScore::name(), "CriterionScore");
}

#[test]
fn the_schema_of_a_sheet_is_a_map_of_criterion_scores() {
    let schema = serde_json::to_value(ScoreSheet::schema()).unwrap();
    assert_eq!(schema["type"], "object");
    assert_eq!(
        schema["additionalProperties"]["$ref"],
        "#/components/schemas/CriterionScore"
    );
    let mut referenced = Vec::new();
    ScoreSheet::schemas(&mut referenced);
    assert!(referenced.iter().any(|(name, _)| name == "CriterionScore"));
}

#[test]
fn completeness_is_snake_case_in_json() {
    assert_eq!(
        serde_json::to_string(&Completeness::Submission).unwrap(),
        r#""submission""#
    );
    assert_eq!(
        serde_json::from_str::<Completeness>(r#""draft""#).unwrap(),
        Completeness::Draft
    );
}
