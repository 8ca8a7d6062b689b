//! Deciding transitions: pure functions from a definition, a state, an
//! actor and guard outcomes to a plan or the reasons it is blocked.

use std::collections::{BTreeMap, BTreeSet};

pub use grants_domain::Refusal;

use crate::{Definition, Effect, Transition};

/// What the actor is with respect to the subject: their roles (`programme_manager`)
/// and relations (`owner`, `country_ambassador`), and `system` for timers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorFacts {
    /// Role and relation names the actor holds for this subject.
    pub names: BTreeSet<String>,
}

impl ActorFacts {
    /// Facts from a list of names.
    pub fn new<I: IntoIterator<Item = S>, S: Into<String>>(names: I) -> Self {
        Self {
            names: names.into_iter().map(Into::into).collect(),
        }
    }

    /// The system itself, as timers act.
    pub fn system() -> Self {
        Self::new(["system"])
    }
}

/// Evaluates guards by name over a snapshot of the subject.
pub trait GuardCheck {
    /// `Ok` if the guard passes, or why not: a message a person
    /// understands, with the facts in it by name (a plain `String` converts).
    fn check(&self, guard: &str) -> Result<(), Refusal>;
}

/// Why a transition cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReasonKind {
    /// No transition has that name.
    UnknownTransition,
    /// The transition does not start from the current state.
    WrongState,
    /// The actor is not among those the transition allows.
    NotPermitted,
    /// A guard failed.
    Guard,
}

/// One reason a transition is blocked.
///
/// The message is English; `kind`, `guard` and `args` let an interface say
/// the same in another language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// Which kind of reason.
    pub kind: ReasonKind,
    /// The guard's name, for [`ReasonKind::Guard`].
    pub guard: Option<String>,
    /// What to tell the person, in English.
    pub message: String,
    /// The facts in the message, by name. The engine's own reasons give
    /// `workflow` and `transition`; a wrong state adds `step` (the
    /// transition's label), `state` and `state_label`; a refused actor adds
    /// `step` and `allowed` (the names that may, joined by `", "`). A guard
    /// gives its own (see [`Refusal`]).
    pub args: BTreeMap<String, String>,
}

/// The facts every reason of the engine's own names: the workflow and the transition.
fn facts(definition: &Definition, transition: &str) -> BTreeMap<String, String> {
    BTreeMap::from([
        ("workflow".to_owned(), definition.name.value.clone()),
        ("transition".to_owned(), transition.to_owned()),
    ])
}

/// The facts of a reason about `t`, with its label as `step`.
fn step_facts(definition: &Definition, t: &Transition) -> BTreeMap<String, String> {
    let mut args = facts(definition, &t.name);
    args.insert("step".to_owned(), t.label.clone());
    args
}

/// Every reason a transition is blocked (never empty).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", .reasons.iter().map(|r| r.message.as_str()).collect::<Vec<_>>().join("; "))]
pub struct Blocked {
    /// The reasons, state and permission first, then guards in the order written.
    pub reasons: Vec<Reason>,
}

/// What taking a transition does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The transition taken.
    pub transition: String,
    /// The state left.
    pub from: String,
    /// The state entered.
    pub to: String,
    /// The effects, in the order written.
    pub effects: Vec<Effect>,
}

/// A transition from the current state, as offered to one actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionOption {
    /// The transition's name.
    pub name: String,
    /// Its label.
    pub label: String,
    /// Where it leads.
    pub to: String,
    /// Whether the actor may take it now.
    pub allowed: bool,
    /// Why not, when not allowed.
    pub blocked_by: Vec<Reason>,
}

/// Decides whether `actor` may take `transition` from `current`, and what it does.
///
/// All reasons are collected, so a person learns everything that stands in
/// the way at once (not allowed *and* the call is closed).
pub fn plan(
    definition: &Definition,
    current: &str,
    transition: &str,
    actor: &ActorFacts,
    guards: &dyn GuardCheck,
) -> Result<Plan, Blocked> {
    let Some(t) = definition.transition(transition) else {
        return Err(Blocked {
            reasons: vec![Reason {
                kind: ReasonKind::UnknownTransition,
                guard: None,
                message: format!(
                    "the {} workflow has no transition '{transition}'",
                    definition.name.value
                ),
                args: facts(definition, transition),
            }],
        });
    };
    let mut reasons = Vec::new();
    if !t.from.iter().any(|f| f.value == current) {
        let state = definition
            .state(current)
            .map_or(current, |s| s.label.as_str());
        let mut args = step_facts(definition, t);
        args.insert("state".to_owned(), current.to_owned());
        args.insert("state_label".to_owned(), state.to_owned());
        reasons.push(Reason {
            kind: ReasonKind::WrongState,
            guard: None,
            message: format!(
                "'{}' is not possible while the {} is {state}",
                t.label, definition.name.value
            ),
            args,
        });
    }
    if !t.by.iter().any(|b| actor.names.contains(&b.value)) {
        let allowed: Vec<_> = t.by.iter().map(|b| b.value.replace('_', " ")).collect();
        let mut args = step_facts(definition, t);
        let names: Vec<&str> = t.by.iter().map(|b| b.value.as_str()).collect();
        args.insert("allowed".to_owned(), names.join(", "));
        reasons.push(Reason {
            kind: ReasonKind::NotPermitted,
            guard: None,
            message: format!("only the {} may '{}'", allowed.join(" or "), t.label),
            args,
        });
    }
    for guard in &t.guards {
        if let Err(refusal) = guards.check(&guard.value) {
            reasons.push(Reason {
                kind: ReasonKind::Guard,
                guard: Some(guard.value.clone()),
                message: refusal.message,
                args: refusal.args,
            });
        }
    }
    if !reasons.is_empty() {
        return Err(Blocked { reasons });
    }
    Ok(Plan {
        transition: t.name.clone(),
        from: current.to_owned(),
        to: t.to.value.clone(),
        effects: t.effects.iter().map(|e| e.value.clone()).collect(),
    })
}

/// Every transition that starts from `current`, with whether `actor` may take it and why not.
pub fn options(
    definition: &Definition,
    current: &str,
    actor: &ActorFacts,
    guards: &dyn GuardCheck,
) -> Vec<TransitionOption> {
    definition
        .transitions_from(current)
        .map(|t| {
            let outcome = plan(definition, current, &t.name, actor, guards);
            TransitionOption {
                name: t.name.clone(),
                label: t.label.clone(),
                to: t.to.value.clone(),
                allowed: outcome.is_ok(),
                blocked_by: outcome.err().map(|b| b.reasons).unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    const YAML: &str = "\
workflow: proposal
version: 1
initial: draft
states:
  draft: { label: Draft }
  submitted: { label: Submitted }
  withdrawn: { label: Withdrawn, final: true }
transitions:
  submit:
    label: Submit
    from: [draft]
    to: submitted
    by: [owner]
    guards: [call_open, form_complete]
    effects:
      - notify: { event: proposal_submitted, to: [owner] }
  withdraw:
    from: [draft, submitted]
    to: withdrawn
    by: [owner, admin]
";

    struct Guards(&'static [(&'static str, &'static str)]);

    impl GuardCheck for Guards {
        fn check(&self, guard: &str) -> Result<(), Refusal> {
            match self.0.iter().find(|(g, _)| *g == guard) {
                Some((_, message)) => Err(Refusal::new(*message).with("guard", guard)),
                None => Ok(()),
            }
        }
    }

    fn def() -> Definition {
        parse("proposal.yaml", YAML).expect("parses")
    }

    /// Plans `transition` from `state` for an actor who is `role`, under `guards`.
    fn plan_as(
        state: &str,
        transition: &str,
        role: &str,
        guards: &Guards,
    ) -> Result<Plan, Blocked> {
        plan(&def(), state, transition, &ActorFacts::new([role]), guards)
    }

    #[test]
    fn an_allowed_transition_plans_its_state_and_effects() {
        let plan = plan_as("draft", "submit", "owner", &Guards(&[])).expect("allowed");
        assert_eq!(plan.to, "submitted");
        assert_eq!(plan.from, "draft");
        assert_eq!(plan.effects.len(), 1);
    }

    #[test]
    fn every_reason_is_given_at_once() {
        let guards = Guards(&[(
            "call_open",
            "the call closed on 12 March 17:00 Europe/Skopje",
        )]);
        let blocked = plan_as("submitted", "submit", "reviewer", &guards).expect_err("blocked");
        let kinds: Vec<_> = blocked.reasons.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                ReasonKind::WrongState,
                ReasonKind::NotPermitted,
                ReasonKind::Guard
            ]
        );
        assert_eq!(
            blocked.reasons[0].message,
            "'Submit' is not possible while the proposal is Submitted"
        );
        assert_eq!(blocked.reasons[1].message, "only the owner may 'Submit'");
        assert_eq!(blocked.reasons[2].guard.as_deref(), Some("call_open"));
        assert!(blocked.to_string().contains("12 March"));
        // The facts to say the same in another language.
        let args = |i: usize| -> Vec<(&str, &str)> {
            blocked.reasons[i]
                .args
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect()
        };
        assert_eq!(
            args(0),
            [
                ("state", "submitted"),
                ("state_label", "Submitted"),
                ("step", "Submit"),
                ("transition", "submit"),
                ("workflow", "proposal"),
            ]
        );
        assert_eq!(
            args(1),
            [
                ("allowed", "owner"),
                ("step", "Submit"),
                ("transition", "submit"),
                ("workflow", "proposal"),
            ]
        );
        assert_eq!(args(2), [("guard", "call_open")], "the guard's own facts");
    }

    #[test]
    fn an_unknown_transition_is_named() {
        let blocked = plan_as("draft", "fund", "owner", &Guards(&[])).expect_err("unknown");
        assert_eq!(blocked.reasons[0].kind, ReasonKind::UnknownTransition);
        assert!(blocked.reasons[0].message.contains("'fund'"));
        assert_eq!(blocked.reasons[0].args["transition"], "fund");
    }

    #[test]
    fn options_list_the_transitions_from_the_state_with_their_reasons() {
        let guards = Guards(&[(
            "form_complete",
            "the budget lines do not add up to the requested amount",
        )]);
        let offered = options(&def(), "draft", &ActorFacts::new(["owner"]), &guards);
        let names: Vec<_> = offered
            .iter()
            .map(|o| (o.name.as_str(), o.allowed))
            .collect();
        assert_eq!(names, [("submit", false), ("withdraw", true)]);
        assert_eq!(
            offered[0].blocked_by[0].guard.as_deref(),
            Some("form_complete")
        );
        assert!(options(&def(), "withdrawn", &ActorFacts::new(["owner"]), &guards).is_empty());
    }
}
