//! Properties that must hold for every definition, checked on random ones.

use std::collections::BTreeSet;

use grants_workflow::{
    ActorFacts, Definition, GuardCheck, Refusal, Registry, options, parse, plan, validate,
};
use proptest::prelude::*;

struct AllPass;

impl GuardCheck for AllPass {
    fn check(&self, _: &str) -> Result<(), Refusal> {
        Ok(())
    }
}

/// A random definition: `states` states (some final), transitions with
/// random sources and targets; it may or may not validate.
fn definition() -> impl Strategy<Value = String> {
    (2usize..8)
        .prop_flat_map(|states| {
            let finals = proptest::collection::vec(any::<bool>(), states);
            let transitions = proptest::collection::vec(
                (proptest::collection::btree_set(0..states, 1..=3), 0..states),
                0..12,
            );
            (Just(states), finals, transitions)
        })
        .prop_map(|(_, finals, transitions)| {
            let mut yaml = String::from("workflow: random\nversion: 1\ninitial: s0\nstates:\n");
            for (i, is_final) in finals.iter().enumerate() {
                yaml.push_str(&format!(
                    "  s{i}: {{ label: State {i}, final: {is_final} }}\n"
                ));
            }
            yaml.push_str("transitions:\n");
            for (i, (from, to)) in transitions.iter().enumerate() {
                let from: Vec<_> = from.iter().map(|s| format!("s{s}")).collect();
                yaml.push_str(&format!(
                    "  t{i}:\n    from: [{}]\n    to: s{to}\n    by: [owner]\n",
                    from.join(", ")
                ));
            }
            yaml
        })
}

/// A definition that must validate: a chain s0 → … → sN with only sN
/// final, plus random extra transitions between non-final sources and any target.
fn valid_definition() -> impl Strategy<Value = String> {
    (2usize..8)
        .prop_flat_map(|states| {
            let extra = proptest::collection::vec(
                (
                    proptest::collection::btree_set(0..states - 1, 1..=3),
                    0..states,
                ),
                0..10,
            );
            (Just(states), extra)
        })
        .prop_map(|(states, extra)| {
            let mut yaml = String::from("workflow: chain\nversion: 1\ninitial: s0\nstates:\n");
            for i in 0..states {
                yaml.push_str(&format!(
                    "  s{i}: {{ label: State {i}, final: {} }}\n",
                    i == states - 1
                ));
            }
            yaml.push_str("transitions:\n");
            let chain = (0..states - 1).map(|i| (BTreeSet::from([i]), i + 1));
            for (i, (from, to)) in chain.chain(extra).enumerate() {
                let from: Vec<_> = from.iter().map(|s| format!("s{s}")).collect();
                yaml.push_str(&format!(
                    "  t{i}:\n    from: [{}]\n    to: s{to}\n    by: [owner]\n",
                    from.join(", ")
                ));
            }
            yaml
        })
}

fn registry() -> Registry {
    Registry::new(&["owner", "system"], &[], &[], &[])
}

/// The states the engine can reach from the initial one, taking any allowed transition.
fn explored(def: &Definition) -> BTreeSet<String> {
    let owner = ActorFacts::new(["owner"]);
    let mut seen = BTreeSet::new();
    let mut stack = vec![def.initial.value.clone()];
    while let Some(state) = stack.pop() {
        if !seen.insert(state.clone()) {
            continue;
        }
        for option in options(def, &state, &owner, &AllPass) {
            if option.allowed {
                stack.push(option.to);
            }
        }
    }
    seen
}

proptest! {
    #[test]
    fn random_walks_stay_inside_the_definition(yaml in definition(), choices in proptest::collection::vec(any::<prop::sample::Index>(), 0..30)) {
        let def = parse("random.yaml", &yaml).expect("generated definitions parse");
        let names: BTreeSet<_> = def.states.iter().map(|s| s.name.clone()).collect();
        let owner = ActorFacts::new(["owner"]);
        let mut state = def.initial.value.clone();
        for choice in choices {
            let allowed: Vec<_> = options(&def, &state, &owner, &AllPass).into_iter().filter(|o| o.allowed).collect();
            if allowed.is_empty() {
                break;
            }
            let next = &allowed[choice.index(allowed.len())];
            let planned = plan(&def, &state, &next.name, &owner, &AllPass).expect("an allowed option plans");
            prop_assert!(names.contains(&planned.to), "left the definition for {}", planned.to);
            prop_assert_eq!(&planned.from, &state);
            state = planned.to;
        }
    }

    #[test]
    fn in_a_valid_definition_final_states_have_no_way_out(yaml in prop_oneof![definition(), valid_definition()]) {
        let def = parse("random.yaml", &yaml).expect("parses");
        if validate(&def, &registry()).is_ok() {
            let anyone = ActorFacts::new(["owner", "system"]);
            for state in def.states.iter().filter(|s| s.is_final) {
                prop_assert!(options(&def, &state.name, &anyone, &AllPass).is_empty(), "{} has a way out", state.name);
            }
        }
    }

    #[test]
    fn well_formed_definitions_validate_and_every_state_is_reachable(yaml in valid_definition()) {
        let def = parse("chain.yaml", &yaml).expect("parses");
        prop_assert_eq!(validate(&def, &registry()), Ok(()));
        prop_assert_eq!(explored(&def).len(), def.states.len());
    }

    #[test]
    fn validator_and_engine_agree_on_reachability(yaml in definition()) {
        let def = parse("random.yaml", &yaml).expect("parses");
        let reached = explored(&def);
        let problems = validate(&def, &registry()).err().unwrap_or_default();
        let unreachable: BTreeSet<String> = def
            .states
            .iter()
            .filter(|s| problems.iter().any(|p| p.message.starts_with(&format!("state '{}' cannot be reached", s.name))))
            .map(|s| s.name.clone())
            .collect();
        let expected: BTreeSet<String> = def.states.iter().map(|s| s.name.clone()).filter(|s| !reached.contains(s)).collect();
        prop_assert_eq!(unreachable, expected);
    }

    #[test]
    fn the_parser_never_panics(text in ".{0,400}") {
        let _ = parse("fuzz.yaml", &text);
    }

    #[test]
    fn the_parser_never_panics_on_near_misses(yaml in definition(), cut in any::<prop::sample::Index>(), junk in "[:{}\\[\\]\\-a-z ]{0,12}") {
        let at = cut.index(yaml.len() + 1);
        let mangled = format!("{}{junk}{}", &yaml[..at], &yaml[at..]);
        if let Ok(def) = parse("fuzz.yaml", &mangled) {
            let _ = validate(&def, &registry());
        }
    }

    #[test]
    fn the_parser_and_validator_never_panic_on_mangled_built_in_workflows(
        file in prop::sample::select(BUILT_IN.to_vec()),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), "[:{}\\[\\]\\-a-z0-9 \n\t'\"&*!|>#%@`]{0,16}"), 1..4),
    ) {
        // Cut a random span and splice junk in its place, a few times: the
        // real definitions, with their anchors, lists and durations, broken
        // the way a hurried edit breaks them.
        let mut text = file.to_owned();
        for (start, length, junk) in edits {
            let chars: Vec<char> = text.chars().collect();
            let from = start.index(chars.len() + 1);
            let to = (from + length.index(24)).min(chars.len());
            text = chars[..from].iter().chain(junk.chars().collect::<Vec<_>>().iter()).chain(chars[to..].iter()).collect();
        }
        if let Ok(def) = parse("mangled.yaml", &text) {
            let _ = validate(&def, &full_registry());
            let _ = grants_workflow::mermaid(&def);
            let _ = grants_workflow::dot(&def);
            let _ = options(&def, &def.initial.value, &ActorFacts::new(["owner"]), &AllPass);
        }
    }
}

/// The service's own definitions.
const BUILT_IN: [&str; 4] = [
    include_str!("../../../workflows/proposal.yaml"),
    include_str!("../../../workflows/grant.yaml"),
    include_str!("../../../workflows/tranche.yaml"),
    include_str!("../../../workflows/report.yaml"),
];

/// A registry that knows the names the built-in definitions use, so that
/// mangled ones get past the name checks into the deeper rules.
fn full_registry() -> Registry {
    let names = |key: &str| -> Vec<String> {
        let mut found = BTreeSet::new();
        for file in BUILT_IN {
            for line in file.lines() {
                if let Some(rest) = line.trim().strip_prefix(&format!("{key}: [")) {
                    found.extend(
                        rest.trim_end_matches(']')
                            .split(',')
                            .map(|n| n.trim().to_owned()),
                    );
                }
            }
        }
        found.into_iter().filter(|n| !n.is_empty()).collect()
    };
    let actors = names("by");
    let guards = names("guards");
    let actors: Vec<&str> = actors.iter().map(String::as_str).collect();
    let guards: Vec<&str> = guards.iter().map(String::as_str).collect();
    Registry::new(
        &actors,
        &guards,
        &["proposal_submitted"],
        &["record_disbursement"],
    )
}
