//! Every error of a use case as its reader reads it: the HTTP status (the
//! one mapping both the API and the pages use) and the words, from the
//! catalogues' `errors.ftl` with the error's code and facts.
//!
//! Policy:
//! - no or bad credentials → 401;
//! - the role or relation does not allow the kind of action → 403;
//! - the object does not exist, or the caller has no relation to it → 404;
//! - a stale revision, a taken unique value, or a state that forbids the action → 409;
//! - a workflow transition that is blocked → 403 if the caller may never take it,
//!   404 if it does not exist, else 409;
//! - an uploaded file over its limit → 413; of a type not taken → 415;
//! - well-formed input that breaks a rule → 422;
//! - an update without its revision → 428;
//! - too many failed log-ins → 429;
//! - anything unexpected → 500, said opaquely.

use grants_app::AppError;
use grants_app::steps::BlockedReasonView;
use grants_domain::Locale;
use grants_domain::attachment::FileRefusal;
use grants_workflow::ReasonKind;
use http::StatusCode;

use crate::catalogue::{Args, text, text_with};
use crate::workflow::{blocked_reason, fluent_args};

/// The status an error is answered with, on the API and on the pages alike.
pub fn status(error: &AppError) -> StatusCode {
    kind(error).0
}

/// The kind of problem, for the problem document's `type` (`/problems/{slug}`).
pub fn slug(error: &AppError) -> &'static str {
    kind(error).1
}

/// The one classification of errors: each kind's status and slug.
fn kind(error: &AppError) -> (StatusCode, &'static str) {
    match error {
        AppError::Unauthenticated | AppError::InvalidCredentials | AppError::SecondFactorNeeded => {
            (StatusCode::UNAUTHORIZED, "unauthenticated")
        }
        AppError::LockedOut { .. } => (StatusCode::TOO_MANY_REQUESTS, "locked-out"),
        AppError::Forbidden(_) => (StatusCode::FORBIDDEN, "forbidden"),
        AppError::NotFound(_) => (StatusCode::NOT_FOUND, "not-found"),
        AppError::Validation(_) => (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
        AppError::Duplicate { .. } => (StatusCode::CONFLICT, "duplicate"),
        AppError::StaleRevision { .. } => (StatusCode::CONFLICT, "stale-revision"),
        AppError::Conflict(_) => (StatusCode::CONFLICT, "conflict"),
        AppError::RevisionRequired => (StatusCode::PRECONDITION_REQUIRED, "revision-required"),
        AppError::FileRefused(refusal) => match refusal {
            FileRefusal::TooLarge { .. } => (StatusCode::PAYLOAD_TOO_LARGE, "too-large"),
            FileRefusal::Empty => (StatusCode::UNPROCESSABLE_ENTITY, "validation"),
            FileRefusal::UnsupportedType { .. } | FileRefusal::TypeMismatch { .. } => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type")
            }
        },
        AppError::Unreadable(_) => (StatusCode::BAD_REQUEST, "bad-request"),
        AppError::Blocked(blocked) => {
            let has = |kind| blocked.reasons.iter().any(|r| r.kind == kind);
            let status = if has(ReasonKind::NotPermitted) {
                StatusCode::FORBIDDEN
            } else if has(ReasonKind::UnknownTransition) {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::CONFLICT
            };
            (status, "transition-blocked")
        }
        AppError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "internal"),
    }
}

/// A status in words, for the problem document's `title`.
pub fn title(locale: Locale, status: StatusCode) -> String {
    let key = format!("status-{}", status.as_u16());
    let said = text(locale, &key);
    if said == key {
        status.canonical_reason().unwrap_or("Error").to_owned()
    } else {
        said
    }
}

/// What went wrong, in the reader's language: a blocked step with every
/// reason, any other error from its code and facts.
pub fn detail(locale: Locale, error: &AppError) -> String {
    match error {
        AppError::Blocked(blocked) => blocked
            .reasons
            .iter()
            .map(|r| blocked_reason(locale, &BlockedReasonView::from(r)))
            .collect::<Vec<_>>()
            .join("; "),
        other => said(locale, other.code(), &other.args()),
    }
}

/// A field's problem in the reader's words: the catalogue's `field-{code}`
/// with the problem's facts (limits with the reader's grouping, an amount's
/// example as the reader writes numbers), else the use case's own words.
pub fn field_message(locale: Locale, error: &grants_domain::FieldError) -> String {
    let numbers = grants_app::Formatter::new(locale, chrono_tz::UTC);
    let mut args = Args::new();
    for (name, value) in &error.args {
        let shown = match value.parse::<u64>() {
            Ok(n) if name == "max" || name == "min" => numbers.count(n),
            _ => value.clone(),
        };
        args.insert(name.clone().into(), shown.into());
    }
    if error.code == "invalid_amount" {
        let decimals = error
            .args
            .get("decimals")
            .and_then(|d| d.parse::<u16>().ok())
            .unwrap_or(2);
        args.insert("whole".into(), numbers.count(1500).into());
        // 1500.50 in the currency's decimals (1500 where it has none).
        let scale = 10i64.pow(u32::from(decimals.min(6)));
        let example = 1500 * scale + 50 * scale / 100;
        args.insert("decimal".into(), numbers.decimal(example, decimals).into());
    }
    // A field's own wording first (a limit that is a relation, not a number),
    // then the code's.
    let own = format!(
        "field-{}-{}",
        error.code,
        error.field.replace(['.', '[', ']'], "-")
    );
    crate::catalogue::own_text(locale, &own, &args)
        .or_else(|| crate::catalogue::own_text(locale, &format!("field-{}", error.code), &args))
        .unwrap_or_else(|| error.message.clone())
}

/// The catalogue's `problem-{code}` with `args` said in the reader's words.
pub fn said(
    locale: Locale,
    code: &str,
    args: &std::collections::BTreeMap<String, String>,
) -> String {
    let args: Args = fluent_args(locale, args);
    text_with(locale, &format!("problem-{code}"), &args)
}

#[cfg(test)]
mod tests {
    use grants_app::Refused;

    use super::*;
    use crate::catalogue::catalogue_keys;

    #[test]
    fn a_fields_problem_is_said_in_the_readers_language_with_numbers_as_they_write_them() {
        let amount = grants_domain::Currency::parse("EUR")
            .expect("EUR")
            .parse_amount("fifteen")
            .expect_err("not an amount");
        let mut errors = grants_domain::ValidationErrors::default();
        errors.push_parse("award", amount);
        let mut too_long = grants_domain::proposal::ProposalInput {
            summary: Some("x".repeat(2_001)),
            ..Default::default()
        }
        .validate_draft()
        .expect_err("too long");
        errors.0.append(&mut too_long.0);
        let [amount, long] = errors.fields() else {
            panic!("two problems: {errors:?}")
        };
        assert_eq!(
            field_message(Locale::Mk, amount),
            "Напишете износ како 1.500 или 1.500,50."
        );
        assert_eq!(
            field_message(Locale::En, amount),
            "Write an amount such as 1,500 or 1,500.50."
        );
        assert_eq!(field_message(Locale::Mk, long), "Најмногу 2.000 знаци.");
        // A problem without the facts its words need keeps the use case's words.
        let bare = grants_domain::ValidationErrors::single(
            "reason",
            "too_long",
            "at most 2000 characters",
        );
        assert_eq!(
            field_message(Locale::Mk, &bare.fields()[0]),
            "at most 2000 characters"
        );
        // Limits said as numbers are, and a relation in the field's own words.
        let mut limits = grants_domain::ValidationErrors::default();
        limits.push_limits(
            "max_load",
            "out_of_range",
            "0 to 8",
            &[("min", 0), ("max", 8)],
        );
        limits.push(
            "min_award",
            "out_of_range",
            "the smallest cannot exceed the largest",
        );
        let [load, award] = limits.fields() else {
            panic!("two problems: {limits:?}")
        };
        assert_eq!(field_message(Locale::Mk, load), "Помеѓу 0 и 8.");
        assert_eq!(
            field_message(Locale::Mk, award),
            "Најмалата награда не може да биде поголема од најголемата."
        );
    }

    #[test]
    fn a_refusal_is_said_in_the_readers_language_with_its_facts() {
        let archived = AppError::Conflict(Refused::new("programme-archived"));
        assert_eq!(status(&archived), StatusCode::CONFLICT);
        assert_eq!(
            detail(Locale::En, &archived),
            "the programme is archived and takes no proposals"
        );
        assert_ne!(detail(Locale::Mk, &archived), detail(Locale::En, &archived));
        let role = AppError::Forbidden(
            Refused::new("role-required")
                .with("roles", "programme_manager, admin")
                .with("action", "create_programmes"),
        );
        assert_eq!(
            detail(Locale::En, &role),
            "only the programme manager or an administrator may create programmes"
        );
        let stale = AppError::StaleRevision {
            what: "proposal",
            current: 3,
        };
        assert_eq!(
            detail(Locale::En, &stale),
            "the proposal was changed by someone else; reload it (now at revision 3)"
        );
        assert_eq!(title(Locale::En, StatusCode::CONFLICT), "Conflict");
    }

    /// Every `.rs` file under `dir`, with its text.
    fn sources(dir: &std::path::Path, found: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("a source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                sources(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("readable");
                found.push((path.display().to_string(), text));
            }
        }
    }

    /// The first string literal after each `marker` in `text`.
    fn literals_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
        text.split(marker)
            .skip(1)
            .filter_map(|rest| {
                let rest = &rest[..rest.find(')').unwrap_or(rest.len())];
                rest.split('"').nth(1)
            })
            .collect()
    }

    #[test]
    fn every_refusal_the_code_names_has_its_words() {
        let en = catalogue_keys("en");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut found = Vec::new();
        for crate_dir in ["app", "api", "web"] {
            sources(&root.join(crate_dir).join("src"), &mut found);
        }
        let mut checked = 0;
        for (file, text) in &found {
            let codes = literals_after(text, "AppError::conflict(")
                .into_iter()
                .chain(literals_after(text, "AppError::forbidden("))
                .map(|code| format!("problem-{code}"));
            let actions = literals_after(text, "require_any(")
                .into_iter()
                .chain(literals_after(text, "require_changeable("))
                .map(|code| format!("action-{code}"));
            for key in codes.chain(actions) {
                checked += 1;
                assert!(en.contains(&key), "{file}: '{key}' is not in en/errors.ftl");
            }
        }
        assert!(checked > 60, "only {checked} refusals found");
    }

    /// The arguments of each call that follows `marker` in `text`, split at
    /// the commas between them (not those inside brackets or strings).
    fn calls_after<'a>(text: &'a str, marker: &str) -> Vec<Vec<&'a str>> {
        text.match_indices(marker)
            .map(|(i, _)| {
                let rest = &text[i + marker.len()..];
                let (mut depth, mut start, mut end) = (0u32, 0, rest.len());
                let (mut in_string, mut escaped) = (false, false);
                let mut args = Vec::new();
                for (j, ch) in rest.char_indices() {
                    if in_string {
                        in_string = escaped || ch != '"';
                        escaped = !escaped && ch == '\\';
                        continue;
                    }
                    match ch {
                        '"' => in_string = true,
                        '(' | '[' | '{' => depth += 1,
                        ')' | ']' | '}' if depth == 0 => {
                            end = j;
                            break;
                        }
                        ')' | ']' | '}' => depth -= 1,
                        ',' if depth == 0 => {
                            args.push(rest[start..j].trim());
                            start = j + 1;
                        }
                        _ => {}
                    }
                }
                args.push(rest[start..end].trim());
                args
            })
            .collect()
    }

    #[test]
    fn every_field_problem_the_code_names_has_its_words() {
        let en = catalogue_keys("en");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut found = Vec::new();
        for crate_dir in ["domain", "app", "scoring", "api"] {
            sources(&root.join(crate_dir).join("src"), &mut found);
        }
        let mut checked = 0;
        for (file, text) in &found {
            if file.ends_with("tests.rs") || file.contains("/tests/") {
                continue;
            }
            let text = &text[..text.find("#[cfg(test)]").unwrap_or(text.len())];
            let calls = [
                ".push(",
                ".push_with(",
                ".push_limits(",
                "ValidationErrors::single(",
            ]
            .into_iter()
            .flat_map(|marker| calls_after(text, marker))
            .filter_map(|args| args.get(1).copied())
            .chain(
                calls_after(text, "ParseError::new(")
                    .into_iter()
                    .filter_map(|args| args.first().copied()),
            );
            for code in calls {
                let Some(code) = code.strip_prefix('"').and_then(|c| c.strip_suffix('"')) else {
                    continue;
                };
                if code.is_empty() || !code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
                    continue;
                }
                checked += 1;
                let key = format!("field-{code}");
                let own = format!("field-{code}-");
                assert!(
                    en.contains(&key) || en.iter().any(|k| k.starts_with(&own)),
                    "{file}: '{key}' is not in en/errors.ftl"
                );
            }
        }
        assert!(checked > 60, "only {checked} field problems found");
    }

    #[test]
    fn every_event_a_history_page_shows_has_its_words() {
        let main = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en/main.ftl"),
        )
        .expect("the English catalogue");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut found = Vec::new();
        sources(&root.join("app").join("src"), &mut found);
        let mut checked = 0;
        for (file, text) in &found {
            for action in literals_after(text, "action: ") {
                // The subjects whose histories the pages show, in words.
                let shown = ["proposal.", "attachment.", "grant.", "tranche.", "report."];
                if !shown.iter().any(|s| action.starts_with(s)) {
                    continue;
                }
                checked += 1;
                let key = format!("history-{} = ", action.replace('.', "-"));
                assert!(
                    main.contains(&key),
                    "{file}: '{action}' has no words in en/main.ftl"
                );
            }
        }
        assert!(checked >= 7, "only {checked} events found");
    }

    #[test]
    fn every_action_is_said_in_words() {
        for key in catalogue_keys("en") {
            if key.starts_with("action-") || key.starts_with("object-") {
                for locale in Locale::ALL {
                    let said = text(locale, &key);
                    assert!(!said.contains('_'), "{}: {key} = {said}", locale.code());
                }
            }
        }
    }

    #[test]
    fn every_language_words_every_error() {
        let en: Vec<String> = catalogue_keys("en")
            .into_iter()
            .filter(|k| {
                ["problem-", "status-", "object-", "action-"]
                    .iter()
                    .any(|p| k.starts_with(p))
            })
            .collect();
        assert!(en.len() > 60, "{}", en.len());
        for locale in Locale::ALL {
            let keys = catalogue_keys(locale.code());
            let missing: Vec<_> = en.iter().filter(|k| !keys.contains(*k)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", locale.code());
        }
    }
}
