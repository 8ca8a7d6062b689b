//! Static checks of a definition against what the service knows.

use std::collections::{BTreeSet, VecDeque};

use crate::{Definition, Effect, Pos, Problem};

/// The names a definition may use, registered by the code that runs it.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    /// Roles and relations that may appear in `by` and as notify recipients (plus `system`).
    pub actors: BTreeSet<String>,
    /// Guards implemented in code.
    pub guards: BTreeSet<String>,
    /// Events that have email templates.
    pub events: BTreeSet<String>,
    /// Effects implemented in code, for `run:`.
    pub effects: BTreeSet<String>,
}

impl Registry {
    /// A registry from lists of names.
    pub fn new(actors: &[&str], guards: &[&str], events: &[&str], effects: &[&str]) -> Self {
        let set = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect();
        Self {
            actors: set(actors),
            guards: set(guards),
            events: set(events),
            effects: set(effects),
        }
    }
}

/// Every problem of the definition at once, each with its file and line; `Ok` if none.
///
/// Checked: the initial state and every state a transition names exist; no
/// transition leaves a final state; every state is reachable from the
/// initial one; every non-final state has a way out; actors, guards, events
/// and effects are registered; a timer fires a transition the system may
/// take from the state the timer starts in; a cancelled timer is started somewhere.
pub fn validate(definition: &Definition, registry: &Registry) -> Result<(), Vec<Problem>> {
    let mut problems = Checker {
        definition,
        problems: Vec::new(),
    };
    problems.check(registry);
    let mut found = problems.problems;
    if found.is_empty() {
        return Ok(());
    }
    found.sort_by_key(|p| p.pos);
    Err(found)
}

struct Checker<'d> {
    definition: &'d Definition,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn report(&mut self, pos: Pos, message: impl Into<String>) {
        self.problems
            .push(Problem::new(&self.definition.file, pos, message));
    }

    fn known_state(&mut self, name: &str, pos: Pos, role: &str) -> bool {
        if self.definition.state(name).is_some() {
            return true;
        }
        let known: Vec<_> = self
            .definition
            .states
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        self.report(
            pos,
            format!(
                "{role} '{name}' is not a state of this workflow (states: {})",
                known.join(", ")
            ),
        );
        false
    }

    fn check(&mut self, registry: &Registry) {
        let def = self.definition;
        let name = &def.name;
        if name.value.is_empty()
            || !name
                .value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            self.report(
                name.pos,
                format!(
                    "the workflow name '{}' must be lower-case letters, digits and '_'",
                    name.value
                ),
            );
        }
        if def.version.value == 0 {
            self.report(def.version.pos, "versions start at 1");
        }
        if def.states.is_empty() {
            self.report(
                Pos { line: 1, column: 1 },
                "a workflow needs at least one state",
            );
        }
        let initial_known =
            self.known_state(&def.initial.value, def.initial.pos, "the initial state");

        let started_timers: BTreeSet<&str> = def
            .transitions
            .iter()
            .flat_map(|t| &t.effects)
            .filter_map(|e| match &e.value {
                Effect::Timer { kind, .. } => Some(kind.as_str()),
                _ => None,
            })
            .collect();

        for t in &def.transitions {
            for from in &t.from {
                if self.known_state(&from.value, from.pos, "the from state")
                    && def.state(&from.value).is_some_and(|s| s.is_final)
                {
                    self.report(
                        from.pos,
                        format!("'{}' is final: no transition may leave it", from.value),
                    );
                }
            }
            self.known_state(&t.to.value, t.to.pos, "the to state");
            if t.by.is_empty() {
                self.report(
                    t.pos,
                    format!("transition '{}' names nobody in `by`", t.name),
                );
            }
            for actor in &t.by {
                self.known_name(
                    &registry.actors,
                    &actor.value,
                    actor.pos,
                    "role or relation",
                );
            }
            for guard in &t.guards {
                self.known_name(&registry.guards, &guard.value, guard.pos, "guard");
            }
            for effect in &t.effects {
                self.check_effect(registry, t, &effect.value, effect.pos, &started_timers);
            }
        }

        // Without a known initial state every state would be "unreachable": one problem is enough.
        let reachable = reachable_states(def);
        for state in &def.states {
            if initial_known && !reachable.contains(state.name.as_str()) {
                self.report(
                    state.pos,
                    format!(
                        "state '{}' cannot be reached from '{}'",
                        state.name, def.initial.value
                    ),
                );
            }
            if !state.is_final && def.transitions_from(&state.name).next().is_none() {
                self.report(
                    state.pos,
                    format!(
                        "state '{}' is a dead end: it is not final and no transition leaves it",
                        state.name
                    ),
                );
            }
        }
    }

    fn known_name(&mut self, registry: &BTreeSet<String>, name: &str, pos: Pos, what: &str) {
        if !registry.contains(name) {
            let known: Vec<_> = registry.iter().map(String::as_str).collect();
            self.report(
                pos,
                format!("unknown {what} '{name}' (known: {})", known.join(", ")),
            );
        }
    }

    fn check_effect(
        &mut self,
        registry: &Registry,
        transition: &crate::Transition,
        effect: &Effect,
        pos: Pos,
        started_timers: &BTreeSet<&str>,
    ) {
        match effect {
            Effect::Notify { event, to } => {
                if !registry.events.contains(event) {
                    self.report(pos, format!("event '{event}' has no email templates"));
                }
                if to.is_empty() {
                    self.report(pos, format!("event '{event}' is sent to nobody"));
                }
                for recipient in to {
                    self.known_name(&registry.actors, recipient, pos, "recipient");
                }
            }
            Effect::Timer { kind, fire, .. } => {
                let Some(fired) = self.definition.transition(fire) else {
                    self.report(
                        pos,
                        format!("timer '{kind}' fires '{fire}', which is not a transition"),
                    );
                    return;
                };
                if !fired.by.iter().any(|b| b.value == "system") {
                    self.report(pos, format!("timer '{kind}' fires '{fire}', which the system may not take (add `system` to its `by`)"));
                }
                if !fired.from.iter().any(|f| f.value == transition.to.value) {
                    self.report(
                        pos,
                        format!(
                            "timer '{kind}' starts in '{}' but '{fire}' cannot leave that state",
                            transition.to.value
                        ),
                    );
                }
            }
            Effect::CancelTimer { kind } => {
                if !started_timers.contains(kind.as_str()) {
                    self.report(
                        pos,
                        format!("no transition starts a timer '{kind}' to cancel"),
                    );
                }
            }
            Effect::Run { name } => self.known_name(&registry.effects, name, pos, "effect"),
        }
    }
}

/// The states reachable from the initial one by any transitions (ignoring who and guards).
pub(crate) fn reachable_states(definition: &Definition) -> BTreeSet<&str> {
    let mut seen = BTreeSet::new();
    let mut queue = VecDeque::from([definition.initial.value.as_str()]);
    while let Some(state) = queue.pop_front() {
        if definition.state(state).is_none() || !seen.insert(state) {
            continue;
        }
        for t in definition.transitions_from(state) {
            queue.push_back(t.to.value.as_str());
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    const GOOD: &str = "\
workflow: proposal
version: 1
initial: draft
states:
  draft: { label: Draft }
  changes_requested: { label: Changes requested }
  submitted: { label: Submitted }
  withdrawn: { label: Withdrawn, final: true }
transitions:
  submit:
    from: [draft, changes_requested]
    to: submitted
    by: [owner]
    guards: [call_open]
    effects:
      - notify: { event: proposal_submitted, to: [owner, programme_manager] }
      - cancel_timer: { kind: changes_due }
  request_changes:
    from: [submitted]
    to: changes_requested
    by: [programme_manager]
    effects:
      - timer: { kind: changes_due, after: P14D, fire: lapse }
  lapse:
    from: [changes_requested]
    to: withdrawn
    by: [system]
  withdraw:
    from: [draft, submitted, changes_requested]
    to: withdrawn
    by: [owner]
";

    fn registry() -> Registry {
        Registry::new(
            &["owner", "programme_manager", "system"],
            &["call_open"],
            &["proposal_submitted"],
            &["create_grant"],
        )
    }

    fn problems(yaml: &str) -> Vec<Problem> {
        let def = parse("proposal.yaml", yaml).expect("parses");
        validate(&def, &registry()).err().unwrap_or_default()
    }

    /// Asserts exactly one problem, at `line`, whose message contains `text`.
    #[track_caller]
    /// Checks that `GOOD` with `from` replaced by `to` has exactly one
    /// problem, on `line`, saying `text`.
    fn one_problem(from: &str, to: &str, line: usize, text: &str) {
        let found = problems(&GOOD.replace(from, to));
        assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
        assert_eq!(found[0].pos.line, line, "{}", found[0]);
        assert!(
            found[0].message.contains(text),
            "'{text}' not in: {}",
            found[0]
        );
        assert!(
            found[0]
                .to_string()
                .starts_with(&format!("proposal.yaml:{line}:"))
        );
    }

    #[test]
    fn a_good_definition_has_no_problems() {
        assert_eq!(problems(GOOD), vec![]);
    }

    #[test]
    fn an_unknown_initial_state() {
        one_problem(
            "initial: draft",
            "initial: new",
            3,
            "the initial state 'new' is not a state",
        );
    }

    #[test]
    fn an_unknown_from_state() {
        one_problem(
            "from: [draft, submitted, changes_requested]",
            "from: [draft, sent, changes_requested]",
            29,
            "the from state 'sent'",
        );
    }

    #[test]
    fn an_unknown_to_state() {
        one_problem(
            "to: withdrawn\n    by: [system]",
            "to: lapsed\n    by: [system]",
            26,
            "the to state 'lapsed'",
        );
    }

    #[test]
    fn an_unreachable_state() {
        one_problem(
            "  withdrawn: { label: Withdrawn, final: true }",
            "  withdrawn: { label: Withdrawn, final: true }\n  archived: { label: Archived, final: true }",
            9,
            "state 'archived' cannot be reached from 'draft'",
        );
    }

    #[test]
    fn a_dead_end() {
        one_problem(
            "  withdrawn: { label: Withdrawn, final: true }",
            "  withdrawn: { label: Withdrawn }",
            8,
            "state 'withdrawn' is a dead end",
        );
    }

    #[test]
    fn a_way_out_of_a_final_state() {
        one_problem(
            "from: [draft, submitted, changes_requested]",
            "from: [draft, submitted, changes_requested, withdrawn]",
            29,
            "'withdrawn' is final",
        );
    }

    #[test]
    fn a_duplicate_transition_is_refused_by_the_parser() {
        let yaml = GOOD.replace("  withdraw:\n", "  submit:\n");
        let found = parse("proposal.yaml", &yaml).expect_err("duplicate");
        assert_eq!(found[0].pos.line, 28);
        assert!(
            found[0]
                .message
                .contains("'submit' is defined twice (first on line 10)")
        );
    }

    #[test]
    fn an_unknown_role_or_relation() {
        one_problem(
            "by: [programme_manager]",
            "by: [programme_manager, jury]",
            21,
            "unknown role or relation 'jury'",
        );
    }

    #[test]
    fn an_unknown_guard() {
        one_problem(
            "guards: [call_open]",
            "guards: [call_open, moon_full]",
            14,
            "unknown guard 'moon_full'",
        );
    }

    #[test]
    fn an_event_without_templates() {
        one_problem(
            "event: proposal_submitted",
            "event: proposal_sent",
            16,
            "event 'proposal_sent' has no email templates",
        );
    }

    #[test]
    fn an_unknown_recipient() {
        one_problem(
            "to: [owner, programme_manager]",
            "to: [owner, everyone]",
            16,
            "unknown recipient 'everyone'",
        );
    }

    #[test]
    fn an_unknown_run_effect() {
        one_problem(
            "      - cancel_timer: { kind: changes_due }",
            "      - cancel_timer: { kind: changes_due }\n      - run: launch_rocket",
            18,
            "unknown effect 'launch_rocket'",
        );
    }

    #[test]
    fn a_timer_must_fire_a_system_transition_from_its_state() {
        one_problem(
            "fire: lapse",
            "fire: lapsed",
            23,
            "which is not a transition",
        );
        one_problem(
            "by: [system]",
            "by: [owner]",
            23,
            "which the system may not take",
        );
        one_problem(
            "fire: lapse",
            "fire: submit",
            23,
            "which the system may not take",
        );
    }

    #[test]
    fn a_cancelled_timer_must_be_started_somewhere() {
        one_problem(
            "cancel_timer: { kind: changes_due }",
            "cancel_timer: { kind: review_due }",
            17,
            "no transition starts a timer 'review_due'",
        );
    }

    #[test]
    fn nobody_may_take_a_transition_without_by() {
        one_problem(
            "by: [owner]\n    guards",
            "by: []\n    guards",
            10,
            "names nobody",
        );
    }

    #[test]
    fn version_zero_and_bad_names() {
        one_problem("version: 1", "version: 0", 2, "versions start at 1");
        one_problem(
            "workflow: proposal",
            "workflow: Proposal Flow",
            1,
            "must be lower-case",
        );
    }

    #[test]
    fn every_problem_is_reported_at_once_in_file_order() {
        let yaml = GOOD
            .replace("initial: draft", "initial: new")
            .replace("guards: [call_open]", "guards: [moon_full]");
        let found = problems(&yaml);
        let lines: Vec<_> = found.iter().map(|p| p.pos.line).collect();
        assert!(found.len() >= 2);
        assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{lines:?}");
    }
}
