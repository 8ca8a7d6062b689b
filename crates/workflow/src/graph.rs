//! Drawing a workflow: Mermaid state diagrams and Graphviz DOT.

use std::fmt::Write;

use crate::Definition;

/// A Mermaid `stateDiagram-v2`: states with their labels, each transition
/// as an arrow named after it, final states leading to `[*]`.
pub fn mermaid(definition: &Definition) -> String {
    let mut out = String::from("stateDiagram-v2\n");
    for state in &definition.states {
        let _ = writeln!(out, "    {}: {}", state.name, mermaid_text(&state.label));
    }
    let _ = writeln!(out, "    [*] --> {}", definition.initial.value);
    for t in &definition.transitions {
        for from in &t.from {
            let _ = writeln!(
                out,
                "    {} --> {}: {}",
                from.value,
                t.to.value,
                mermaid_text(&t.label)
            );
        }
    }
    for state in definition.states.iter().filter(|s| s.is_final) {
        let _ = writeln!(out, "    {} --> [*]", state.name);
    }
    out
}

/// Mermaid ends a label at a newline and treats `:` as a separator.
fn mermaid_text(text: &str) -> String {
    text.replace(['\n', '\r'], " ").replace(':', "#58;")
}

/// A Graphviz digraph: rounded boxes, final states doubled, the initial one marked.
pub fn dot(definition: &Definition) -> String {
    let mut out = format!("digraph {} {{\n", dot_id(&definition.name.value));
    out.push_str("    rankdir=LR;\n    node [shape=box, style=rounded];\n");
    out.push_str("    __start [shape=point, label=\"\"];\n");
    for state in &definition.states {
        let peripheries = if state.is_final {
            ", peripheries=2"
        } else {
            ""
        };
        let _ = writeln!(
            out,
            "    {} [label={}{peripheries}];",
            dot_id(&state.name),
            dot_id(&state.label)
        );
    }
    let _ = writeln!(out, "    __start -> {};", dot_id(&definition.initial.value));
    for t in &definition.transitions {
        for from in &t.from {
            let _ = writeln!(
                out,
                "    {} -> {} [label={}];",
                dot_id(&from.value),
                dot_id(&t.to.value),
                dot_id(&t.label)
            );
        }
    }
    out.push_str("}\n");
    out
}

/// A quoted DOT identifier.
fn dot_id(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse;

    const YAML: &str = "\
workflow: report
version: 1
initial: due
states:
  due: { label: \"Due: waiting\" }
  accepted: { label: Accepted, final: true }
transitions:
  accept:
    label: Accept \"as is\"
    from: [due]
    to: accepted
    by: [programme_manager]
";

    #[test]
    fn mermaid_shows_states_arrows_and_ends() {
        let text = mermaid(&parse("r.yaml", YAML).expect("parses"));
        assert!(text.starts_with("stateDiagram-v2\n"));
        assert!(text.contains("    due: Due#58; waiting\n"));
        assert!(text.contains("    [*] --> due\n"));
        assert!(text.contains("    due --> accepted: Accept \"as is\"\n"));
        assert!(text.contains("    accepted --> [*]\n"));
    }

    #[test]
    fn dot_quotes_labels_and_doubles_final_states() {
        let text = dot(&parse("r.yaml", YAML).expect("parses"));
        assert!(text.starts_with("digraph \"report\" {"));
        assert!(text.contains("\"accepted\" [label=\"Accepted\", peripheries=2];"));
        assert!(text.contains("\"due\" -> \"accepted\" [label=\"Accept \\\"as is\\\"\"];"));
        assert!(text.contains("__start -> \"due\";"));
        assert!(text.trim_end().ends_with('}'));
    }
}
