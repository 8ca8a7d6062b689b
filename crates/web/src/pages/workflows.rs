//! The "Workflows" page: every workflow the service runs, at its current
//! version, drawn as an inline SVG and listed in full: states, and
//! transitions with who may take them, their guards and their effects.
//! States and steps are named in the reader's language where the
//! catalogue knows them; names, guards and effects are the definition's.

use axum::response::Response;
use grants_app::workflows;
use grants_domain::Locale;
use grants_workflow::{Definition, Effect};
use serde::Serialize;

use super::{OrPage, Visit, render};
use crate::PageError;
use crate::i18n::text;
use crate::workflow_text::{state_label, step_label};

#[derive(Debug, Serialize)]
struct StateRow {
    name: String,
    label: String,
    is_final: bool,
    is_initial: bool,
}

#[derive(Debug, Serialize)]
struct TransitionRow {
    name: String,
    label: String,
    from: String,
    to: String,
    by: String,
    guards: String,
    effects: Vec<String>,
}

#[derive(Debug, Serialize)]
struct WorkflowView {
    name: String,
    version: u32,
    /// The diagram, drawn and escaped by `grants_workflow::svg_titled`.
    svg: String,
    states: Vec<StateRow>,
    transitions: Vec<TransitionRow>,
}

#[derive(Debug, Serialize)]
struct WorkflowsPage {
    workflows: Vec<WorkflowView>,
}

pub(crate) async fn list(Visit(state, viewer): Visit) -> Result<Response, PageError> {
    let actor = viewer.signed_in("/app/admin/workflows")?;
    let definitions = workflows::definitions(&state.app, actor).or_page(&viewer)?;
    let workflows = definitions
        .iter()
        .map(|def| view(viewer.locale, def))
        .collect();
    Ok(render(
        &viewer,
        "workflows",
        "workflows-title",
        WorkflowsPage { workflows },
    ))
}

fn view(locale: Locale, def: &Definition) -> WorkflowView {
    let def = &in_language(locale, def);
    let label_of = |state: &str| {
        def.state(state)
            .map_or_else(|| state.to_owned(), |s| s.label.clone())
    };
    let title = format!(
        "{} {} ({} {})",
        text(locale, "workflow-diagram"),
        def.name.value,
        text(locale, "workflow-version"),
        def.version.value
    );
    let none = || text(locale, "workflow-none");
    let joined = |items: Vec<String>| {
        if items.is_empty() {
            none()
        } else {
            items.join(", ")
        }
    };
    WorkflowView {
        name: def.name.value.clone(),
        version: def.version.value,
        svg: grants_workflow::svg_titled(def, &title),
        states: def
            .states
            .iter()
            .map(|s| StateRow {
                name: s.name.clone(),
                label: s.label.clone(),
                is_final: s.is_final,
                is_initial: s.name == def.initial.value,
            })
            .collect(),
        transitions: def
            .transitions
            .iter()
            .map(|t| TransitionRow {
                name: t.name.clone(),
                label: t.label.clone(),
                from: joined(t.from.iter().map(|f| label_of(&f.value)).collect()),
                to: label_of(&t.to.value),
                by: joined(t.by.iter().map(|b| b.value.clone()).collect()),
                guards: joined(t.guards.iter().map(|g| g.value.clone()).collect()),
                effects: t.effects.iter().map(|e| effect(locale, &e.value)).collect(),
            })
            .collect(),
    }
}

/// The definition with its states' and transitions' labels in `locale`.
fn in_language(locale: Locale, def: &Definition) -> Definition {
    let workflow = def.name.value.as_str();
    let mut shown = def.clone();
    for state in &mut shown.states {
        state.label = state_label(locale, workflow, &state.name, &state.label);
    }
    for t in &mut shown.transitions {
        t.label = step_label(locale, workflow, &t.name, &t.label);
    }
    shown
}

/// An effect in words, e.g. "Email proposal_submitted to owner, programme_manager".
fn effect(locale: Locale, effect: &Effect) -> String {
    match effect {
        Effect::Notify { event, to } => format!(
            "{} {event} → {}",
            text(locale, "effect-notify"),
            to.join(", ")
        ),
        Effect::Timer { kind, after, fire } => format!(
            "{} {kind}: {} → {fire}",
            text(locale, "effect-timer"),
            iso_duration(*after)
        ),
        Effect::CancelTimer { kind } => format!("{} {kind}", text(locale, "effect-cancel-timer")),
        Effect::Run { name } => format!("{} {name}", text(locale, "effect-run")),
    }
}

/// A duration as the definitions write it: `P14D`, `PT36H`, `PT90S`.
fn iso_duration(after: std::time::Duration) -> String {
    let seconds = after.as_secs();
    if seconds > 0 && seconds.is_multiple_of(86_400) {
        format!("P{}D", seconds / 86_400)
    } else if seconds > 0 && seconds.is_multiple_of(3600) {
        format!("PT{}H", seconds / 3600)
    } else {
        format!("PT{seconds}S")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_in_the_definitions() {
        assert_eq!(
            iso_duration(std::time::Duration::from_secs(14 * 86_400)),
            "P14D"
        );
        assert_eq!(
            iso_duration(std::time::Duration::from_secs(36 * 3600)),
            "PT36H"
        );
        assert_eq!(iso_duration(std::time::Duration::from_secs(90)), "PT90S");
    }
}
