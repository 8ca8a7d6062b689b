//! Score sheets: what a reviewer fills in for one proposal, how it is checked
//! against the rubric, and the weighted score it gives.

use std::collections::BTreeMap;
use std::fmt;

use grants_domain::ValidationErrors;
use grants_domain::programme::Criterion;
use serde::de::{self, Unexpected, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use utoipa::ToSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{
    KnownFormat, ObjectBuilder, OneOfBuilder, Schema, SchemaFormat, Type,
};

use crate::exact::{self, Term};
use crate::stats::units_to_points;

/// How "not applicable" is spelt in JSON.
pub const NOT_APPLICABLE: &str = "n/a";

/// A score sheet as a client sends it: criterion key → score.
///
/// In JSON: `{"impact": 4, "feasibility": "n/a"}`.
pub type ScoreSheetInput = BTreeMap<String, CriterionScore>;

/// What a reviewer gave one criterion: a whole-number score, or "not applicable".
///
/// In JSON a score is a bare integer (`4`) and "not applicable" is the string
/// `"n/a"`, so a sheet reads the way a reviewer would write it down. An
/// integral number written with a fraction (`4.0`) is read as that whole
/// number, as JSON Schema's `integer` allows; anything else is refused while
/// parsing. The score is kept as an `i64` so that a number off the scale
/// reaches [`validate_sheet`] and is reported as `out_of_range` with the
/// scale in the message, instead of failing as a parse error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CriterionScore {
    /// A whole-number score; [`validate_sheet`] checks it lies on the criterion's scale.
    Score(i64),
    /// The reviewer judged the criterion not applicable to this proposal.
    NotApplicable,
}

impl Serialize for CriterionScore {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Score(score) => serializer.serialize_i64(*score),
            Self::NotApplicable => serializer.serialize_str(NOT_APPLICABLE),
        }
    }
}

impl<'de> Deserialize<'de> for CriterionScore {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CriterionScoreVisitor)
    }
}

struct CriterionScoreVisitor;

/// Largest magnitude below which every integer is exactly representable as an `f64`.
const EXACT_F64_INTEGER: f64 = 9_007_199_254_740_992.0;

impl Visitor<'_> for CriterionScoreVisitor {
    type Value = CriterionScore;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a whole-number score or \"{NOT_APPLICABLE}\"")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(CriterionScore::Score(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(CriterionScore::Score)
            .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // The bound keeps the cast exact; larger numbers are off every scale anyway.
        if v.fract() == 0.0 && v.abs() < EXACT_F64_INTEGER {
            Ok(CriterionScore::Score(v as i64))
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v == NOT_APPLICABLE {
            Ok(CriterionScore::NotApplicable)
        } else {
            Err(E::invalid_value(Unexpected::Str(v), &self))
        }
    }
}

// Written by hand because the JSON is "integer or the string n/a", which the
// derive cannot express for a unit variant; the schema says exactly what
// `Deserialize` accepts.
impl utoipa::PartialSchema for CriterionScore {
    fn schema() -> RefOr<Schema> {
        OneOfBuilder::new()
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                    .description(Some(
                        "A whole-number score on the criterion's scale, from its scale_min to its scale_max.",
                    )),
            )
            .item(
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some([NOT_APPLICABLE]))
                    .description(Some(
                        "Not applicable; allowed only where the criterion allows it. It drops out of the weighted score.",
                    )),
            )
            .description(Some(
                "What a reviewer gave one criterion: a whole-number score, or \"n/a\" for not applicable.",
            ))
            .examples([serde_json::json!(4), serde_json::json!(NOT_APPLICABLE)])
            .into()
    }
}

impl ToSchema for CriterionScore {}

/// How complete a score sheet must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Completeness {
    /// Work in progress: criteria may be missing and everything may be marked not applicable.
    Draft,
    /// Handing the review in: every criterion answered, at least one scored.
    Submission,
}

/// A score sheet that passed [`validate_sheet`] against a rubric.
///
/// It serialises exactly as its input (`{"impact": 4, "feasibility": "n/a"}`),
/// so storing it and validating the stored form again gives the same sheet.
/// It cannot be deserialised directly: read a [`ScoreSheetInput`] and validate it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(value_type = BTreeMap<String, CriterionScore>)]
pub struct ScoreSheet(BTreeMap<String, CriterionScore>);

impl ScoreSheet {
    /// The scores, keyed by criterion key.
    pub fn scores(&self) -> &BTreeMap<String, CriterionScore> {
        &self.0
    }

    /// What the reviewer gave the criterion `key`, if they answered it.
    pub fn get(&self, key: &str) -> Option<CriterionScore> {
        self.0.get(key).copied()
    }

    /// The scores, keyed by criterion key, for storing.
    pub fn into_scores(self) -> BTreeMap<String, CriterionScore> {
        self.0
    }
}

/// Checks a score sheet against the rubric, reporting every problem at once.
///
/// Problems are named by JSON path under `scores`:
///
/// - `scores.<key>` `unknown_criterion`: the rubric has no such criterion;
/// - `scores.<key>` `out_of_range`: the score is off the criterion's scale (the message gives it);
/// - `scores.<key>` `not_applicable_not_allowed`: marked not applicable where the criterion does not allow it;
/// - for a [`Completeness::Submission`] only: `scores.<key>` `required` for each criterion left
///   out, and `scores` `all_not_applicable` when criteria were marked not applicable and none
///   was scored (a review with no score says nothing about the proposal). A draft may be
///   incomplete and may be all not applicable.
pub fn validate_sheet(
    rubric: &[Criterion],
    input: &ScoreSheetInput,
    completeness: Completeness,
) -> Result<ScoreSheet, ValidationErrors> {
    let mut errors = ValidationErrors::default();
    let mut any_scored = false;
    let mut any_not_applicable = false;
    for (key, score) in input {
        let path = format!("scores.{key}");
        let Some(criterion) = rubric.iter().find(|c| &c.key == key) else {
            errors.push(
                path,
                "unknown_criterion",
                format!("the rubric has no criterion '{key}'"),
            );
            continue;
        };
        match *score {
            CriterionScore::Score(score) => {
                // An off-scale score still counts as an attempt to score: the
                // reviewer is told about the scale, not that nothing was scored.
                any_scored = true;
                let (min, max) = (criterion.scale_min, criterion.scale_max);
                if !(i64::from(min)..=i64::from(max)).contains(&score) {
                    errors.push_limits(
                        path,
                        "out_of_range",
                        format!("'{key}' is scored from {min} to {max}"),
                        &[("min", i64::from(min)), ("max", i64::from(max))],
                    );
                }
            }
            CriterionScore::NotApplicable => {
                any_not_applicable = true;
                if !criterion.allow_not_applicable {
                    errors.push(
                        path,
                        "not_applicable_not_allowed",
                        format!("'{key}' must be scored; it cannot be marked not applicable"),
                    );
                }
            }
        }
    }
    if completeness == Completeness::Submission {
        if rubric.is_empty() {
            errors.push(
                "scores",
                "empty_rubric",
                "the rubric has no criteria to score",
            );
        }
        for criterion in rubric.iter().filter(|c| !input.contains_key(&c.key)) {
            let key = &criterion.key;
            let message = if criterion.allow_not_applicable {
                format!("score '{key}' or mark it not applicable")
            } else {
                format!("score '{key}'")
            };
            errors.push(format!("scores.{key}"), "required", message);
        }
        if any_not_applicable && !any_scored {
            errors.push(
                "scores",
                "all_not_applicable",
                "score at least one criterion; a review cannot mark every criterion not applicable",
            );
        }
    }
    errors.into_result(|| ScoreSheet(input.clone()))
}

/// The weighted score of one review in points (0 to 100), or `None` when no
/// criterion is scored (a draft marked all not applicable).
///
/// Each scored criterion counts as the fraction of its scale reached,
/// `(score − scale_min) / (scale_max − scale_min)`; the review's score is the
/// weighted average of those fractions over the scored criteria only, times 100:
///
/// ```text
/// points = 100 · Σ weight·fraction / Σ weight      (sums over scored criteria)
/// ```
///
/// A criterion marked not applicable drops out of both sums, so the other
/// weights re-normalise; it never counts as a zero. The fraction is computed
/// exactly and rounded once, to the nearest billionth of a point (halves
/// up), so sheets worth the same give the same bits; all criteria at the top
/// of their scales give exactly 100, all at the bottom exactly 0.
///
/// Meant for a sheet validated against this same rubric. Should the rubric
/// have changed since, the result is still a number in [0, 100]: criteria
/// missing from the sheet drop out like not applicable ones, keys the rubric
/// no longer has are ignored, and scores off the scale count as its nearest end.
pub fn weighted_score(rubric: &[Criterion], sheet: &ScoreSheet) -> Option<f64> {
    weighted_units(rubric, sheet).map(units_to_points)
}

/// [`weighted_score`] in whole score units, exact.
pub(crate) fn weighted_units(rubric: &[Criterion], sheet: &ScoreSheet) -> Option<u64> {
    let terms: Vec<Term> = rubric
        .iter()
        .filter_map(|criterion| {
            let Some(CriterionScore::Score(score)) = sheet.get(&criterion.key) else {
                return None;
            };
            let (min, max) = (
                i64::from(criterion.scale_min),
                i64::from(criterion.scale_max),
            );
            // A validated rubric never has a flat scale; one would say nothing.
            let width = u64::try_from(max - min).ok().filter(|w| *w > 0)?;
            let steps = u64::try_from(score.clamp(min, max) - min).ok()?;
            Some(Term {
                weight: criterion.weight.into(),
                steps,
                width,
            })
        })
        .collect();
    exact::weighted_units(&terms)
}

#[cfg(test)]
mod tests;
