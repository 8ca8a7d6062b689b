//! The shape of a workflow definition and its parser.

use std::time::Duration;

use indexmap::IndexMap;
use marked_yaml::{LoadError, LoaderOptions, Marker, Span, Spanned};
use serde::Deserialize;

use crate::Problem;

/// A place in a definition file: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub column: usize,
}

impl Pos {
    fn of_marker(marker: &Marker) -> Pos {
        Pos {
            line: marker.line(),
            column: marker.column(),
        }
    }

    fn of_span(span: &Span) -> Pos {
        span.start().map(Pos::of_marker).unwrap_or_default()
    }
}

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub pos: Pos,
}

impl<T> Located<T> {
    fn from_spanned<U: Into<T> + Clone>(spanned: &Spanned<U>) -> Self {
        Located {
            value: (**spanned).clone().into(),
            pos: Pos::of_span(spanned.span()),
        }
    }
}

/// A state of the workflow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct State {
    /// Its name, used in transitions and stored on each instance.
    pub name: String,
    /// What people see.
    pub label: String,
    /// A final state ends the workflow: nothing leaves it.
    pub is_final: bool,
    /// Where it is defined.
    pub pos: Pos,
}

/// Something a transition does besides changing the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Send the event's email to these recipients (roles and relations).
    Notify {
        /// The event, which names the email templates.
        event: String,
        /// Who receives it.
        to: Vec<String>,
    },
    /// Start a durable timer that takes transition `fire` when it expires.
    Timer {
        /// The timer's kind; at most one of a kind runs per instance.
        kind: String,
        /// How long after the transition it fires.
        after: Duration,
        /// The transition it takes, as the system actor.
        fire: String,
    },
    /// Stop the timer of this kind, if it runs.
    CancelTimer {
        /// The timer's kind.
        kind: String,
    },
    /// Run an effect registered in code under this name.
    Run {
        /// The registered name.
        name: String,
    },
}

/// A named move between states.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    /// Its name, unique in the workflow.
    pub name: String,
    /// What the button says; the name when not given.
    pub label: String,
    /// Where it is defined.
    pub pos: Pos,
    /// States it may start from.
    pub from: Vec<Located<String>>,
    /// The state it leads to.
    pub to: Located<String>,
    /// Roles and relations allowed to take it (any one suffices).
    pub by: Vec<Located<String>>,
    /// Guards that must all pass.
    pub guards: Vec<Located<String>>,
    /// What it does besides changing the state.
    pub effects: Vec<Located<Effect>>,
}

/// A parsed workflow definition. It may still break the rules: see [`crate::validate`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Definition {
    /// The file it came from, for messages.
    pub file: String,
    /// The workflow's name, e.g. `proposal`.
    pub name: Located<String>,
    /// Its version; instances pin it.
    pub version: Located<u32>,
    /// The state new instances start in.
    pub initial: Located<String>,
    /// The states, in the order written.
    pub states: Vec<State>,
    /// The transitions, in the order written.
    pub transitions: Vec<Transition>,
}

impl Definition {
    /// The state with this name.
    pub fn state(&self, name: &str) -> Option<&State> {
        self.states.iter().find(|s| s.name == name)
    }

    /// The transition with this name.
    pub fn transition(&self, name: &str) -> Option<&Transition> {
        self.transitions.iter().find(|t| t.name == name)
    }

    /// The transitions that may start from `state`, in the order written.
    pub fn transitions_from<'d>(
        &'d self,
        state: &'d str,
    ) -> impl Iterator<Item = &'d Transition> + 'd {
        self.transitions
            .iter()
            .filter(move |t| t.from.iter().any(|f| f.value == state))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDefinition {
    workflow: Spanned<String>,
    version: Spanned<u32>,
    initial: Spanned<String>,
    states: IndexMap<Spanned<String>, RawState>,
    transitions: IndexMap<Spanned<String>, RawTransition>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawState {
    label: String,
    #[serde(default, rename = "final")]
    is_final: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTransition {
    label: Option<String>,
    from: Vec<Spanned<String>>,
    to: Spanned<String>,
    by: Vec<Spanned<String>>,
    #[serde(default)]
    guards: Vec<Spanned<String>>,
    #[serde(default)]
    effects: Vec<Spanned<RawEffect>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
enum RawEffect {
    Notify {
        event: String,
        to: Vec<String>,
    },
    Timer {
        kind: String,
        after: String,
        fire: String,
    },
    CancelTimer {
        kind: String,
    },
    Run(String),
}

/// Parses a definition from YAML, naming `file` in every problem.
///
/// Duplicate keys (two states or two transitions of one name) are refused
/// here, as are unknown fields and values of the wrong type. Rules between
/// parts (unknown states, unreachable states, …) are [`crate::validate`]'s.
pub fn parse(file: &str, yaml: &str) -> Result<Definition, Vec<Problem>> {
    let options = LoaderOptions::default()
        .error_on_duplicate_keys(true)
        .toplevel_mapping();
    let node = marked_yaml::parse_yaml_with_options(0, yaml, options)
        .map_err(|e| vec![load_problem(file, &e)])?;
    let raw: RawDefinition = marked_yaml::from_node(&node).map_err(|e| {
        let pos = e
            .start_mark()
            .map(|m| Pos::of_marker(&m))
            .unwrap_or_default();
        vec![Problem::new(file, pos, e.to_string())]
    })?;

    let mut problems = Vec::new();
    let states = raw
        .states
        .iter()
        .map(|(name, state)| State {
            name: (**name).clone(),
            label: state.label.clone(),
            is_final: state.is_final,
            pos: Pos::of_span(name.span()),
        })
        .collect();
    let transitions = raw
        .transitions
        .iter()
        .map(|(name, t)| Transition {
            name: (**name).clone(),
            label: t.label.clone().unwrap_or_else(|| (**name).clone()),
            pos: Pos::of_span(name.span()),
            from: t.from.iter().map(Located::from_spanned).collect(),
            to: Located::from_spanned(&t.to),
            by: t.by.iter().map(Located::from_spanned).collect(),
            guards: t.guards.iter().map(Located::from_spanned).collect(),
            effects: t
                .effects
                .iter()
                .filter_map(|effect| {
                    let pos = Pos::of_span(effect.span());
                    match effect_of(effect) {
                        Ok(value) => Some(Located { value, pos }),
                        Err(message) => {
                            problems.push(Problem::new(file, pos, message));
                            None
                        }
                    }
                })
                .collect(),
        })
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Definition {
        file: file.to_owned(),
        name: Located::from_spanned(&raw.workflow),
        version: Located::from_spanned(&raw.version),
        initial: Located::from_spanned(&raw.initial),
        states,
        transitions,
    })
}

fn effect_of(raw: &RawEffect) -> Result<Effect, String> {
    Ok(match raw {
        RawEffect::Notify { event, to } => Effect::Notify {
            event: event.clone(),
            to: to.clone(),
        },
        RawEffect::Timer { kind, after, fire } => Effect::Timer {
            kind: kind.clone(),
            after: parse_duration(after)?,
            fire: fire.clone(),
        },
        RawEffect::CancelTimer { kind } => Effect::CancelTimer { kind: kind.clone() },
        RawEffect::Run(name) => Effect::Run { name: name.clone() },
    })
}

/// An ISO 8601 duration in weeks, days, hours, minutes or seconds (`P14D`,
/// `PT36H`). Months and years are refused: their length depends on the date.
fn parse_duration(raw: &str) -> Result<Duration, String> {
    let parsed = iso8601::duration(raw)
        .map_err(|_| format!("'{raw}' is not an ISO 8601 duration such as P14D or PT12H"))?;
    let seconds = match parsed {
        iso8601::Duration::Weeks(weeks) => u64::from(weeks) * 7 * 86_400,
        iso8601::Duration::YMDHMS {
            year,
            month,
            day,
            hour,
            minute,
            second,
            millisecond,
        } => {
            if year != 0 || month != 0 {
                return Err(format!(
                    "'{raw}': give timer durations in weeks, days or hours; months and years vary in length"
                ));
            }
            if millisecond != 0 {
                return Err(format!("'{raw}': timers have whole seconds"));
            }
            u64::from(day) * 86_400
                + u64::from(hour) * 3600
                + u64::from(minute) * 60
                + u64::from(second)
        }
    };
    if seconds == 0 {
        return Err(format!("'{raw}': a timer must wait longer than nothing"));
    }
    Ok(Duration::from_secs(seconds))
}

fn load_problem(file: &str, err: &LoadError) -> Problem {
    let at = |m: &Marker| Pos::of_marker(m);
    let (pos, message) = match err {
        LoadError::TopLevelMustBeMapping(m) => (
            at(m),
            "the definition must be a mapping (workflow:, version:, …)".to_owned(),
        ),
        LoadError::TopLevelMustBeSequence(m) => (at(m), "expected a sequence".to_owned()),
        LoadError::UnexpectedAnchor(m) => (
            at(m),
            "anchors and aliases are not allowed in definitions".to_owned(),
        ),
        LoadError::MappingKeyMustBeScalar(m) => (at(m), "keys must be plain names".to_owned()),
        LoadError::UnexpectedTag(m) => (at(m), "tags are not allowed in definitions".to_owned()),
        LoadError::ScanError(m, e) => (at(m), format!("malformed YAML: {e}")),
        LoadError::DuplicateKey(inner) => {
            let first = Pos::of_span(inner.prev_key.span()).line;
            (
                Pos::of_span(inner.key.span()),
                format!(
                    "'{}' is defined twice (first on line {first})",
                    inner.key.as_str()
                ),
            )
        }
    };
    Problem::new(file, pos, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "\
workflow: sample
version: 1
initial: draft
states:
  draft: { label: Draft }
  done: { label: Done, final: true }
transitions:
  finish:
    from: [draft]
    to: done
    by: [owner]
    guards: [form_complete]
    effects:
      - notify: { event: finished, to: [owner] }
      - timer: { kind: reminder, after: P2W, fire: finish }
      - cancel_timer: { kind: reminder }
      - run: archive_files
";

    #[test]
    fn a_definition_parses_with_positions() {
        let def = parse("sample.yaml", SMALL).expect("parses");
        assert_eq!(def.name.value, "sample");
        assert_eq!(def.version.value, 1);
        assert_eq!(def.states.len(), 2);
        assert_eq!(def.states[1].pos.line, 6);
        assert!(def.states[1].is_final);
        let finish = def.transition("finish").expect("finish");
        assert_eq!(finish.pos.line, 8);
        assert_eq!(finish.from[0].value, "draft");
        assert_eq!(finish.from[0].pos.line, 9);
        assert_eq!(finish.label, "finish");
        assert_eq!(finish.effects.len(), 4);
        assert_eq!(
            finish.effects[1].value,
            Effect::Timer {
                kind: "reminder".into(),
                after: Duration::from_secs(14 * 86_400),
                fire: "finish".into()
            }
        );
        assert_eq!(finish.effects[3].pos.line, 17);
    }

    #[test]
    fn duplicate_states_are_refused_at_the_second() {
        let yaml = SMALL.replace(
            "  done: { label: Done, final: true }",
            "  draft: { label: Again }",
        );
        let problems = parse("sample.yaml", &yaml).expect_err("duplicate");
        assert_eq!(problems[0].pos.line, 6);
        assert!(
            problems[0]
                .message
                .contains("'draft' is defined twice (first on line 5)"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn unknown_fields_and_wrong_types_are_refused_with_their_line() {
        let problems = parse("s.yaml", &SMALL.replace("label: Draft", "lable: Draft"))
            .expect_err("unknown field");
        assert!(problems[0].message.contains("lable"), "{}", problems[0]);
        assert_eq!(problems[0].pos.line, 5);
        let problems = parse("s.yaml", &SMALL.replace("version: 1", "version: one"))
            .expect_err("not a number");
        assert_eq!(problems[0].pos.line, 2);
    }

    #[test]
    fn malformed_yaml_names_the_file_and_line() {
        let problems =
            parse("broken.yaml", "workflow: x\nstates: [unclosed\n").expect_err("malformed");
        assert!(
            problems[0].to_string().starts_with("broken.yaml:"),
            "{}",
            problems[0]
        );
        assert!(problems[0].message.contains("malformed YAML"));
    }

    #[test]
    fn durations_are_iso_8601_without_months() {
        assert_eq!(parse_duration("P14D"), Ok(Duration::from_secs(14 * 86_400)));
        assert_eq!(parse_duration("PT36H"), Ok(Duration::from_secs(36 * 3600)));
        assert_eq!(
            parse_duration("P1DT30M"),
            Ok(Duration::from_secs(86_400 + 1800))
        );
        assert!(parse_duration("P1M").is_err());
        assert!(parse_duration("PT0S").is_err());
        assert!(parse_duration("two weeks").is_err());
        let bad = SMALL.replace("after: P2W", "after: soon");
        let problems = parse("s.yaml", &bad).expect_err("bad duration");
        assert_eq!(problems[0].pos.line, 15);
    }
}
