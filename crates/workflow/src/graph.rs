//! Drawing a workflow: Mermaid state diagrams, Graphviz DOT, and an SVG
//! drawn here without any outside tool, for pages that show it inline.

use std::collections::{BTreeMap, VecDeque};
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

/// Height of a state's box.
const BOX_HEIGHT: f64 = 36.0;
/// Vertical distance from one layer's top to the next one's.
const LAYER_STEP: f64 = 110.0;
/// Horizontal gap between boxes in a layer.
const BOX_GAP: f64 = 36.0;
/// Room above the first layer for the start marker.
const TOP: f64 = 48.0;
/// Space around the drawing.
const MARGIN: f64 = 16.0;
/// Roughly how wide a character of a state's label is (13px sans-serif).
const STATE_CHAR: f64 = 7.4;
/// Roughly how wide a character of a transition's label is (11px).
const EDGE_CHAR: f64 = 6.3;

/// Where a state's box is drawn.
#[derive(Debug, Clone, Copy)]
struct Placed {
    layer: usize,
    x: f64,
    y: f64,
    width: f64,
}

impl Placed {
    fn centre(&self) -> f64 {
        self.x + self.width / 2.0
    }
    fn right(&self) -> f64 {
        self.x + self.width
    }
    fn bottom(&self) -> f64 {
        self.y + BOX_HEIGHT
    }
}

/// The layer of each state: its breadth-first distance from the initial
/// state along the transitions. States the initial one cannot reach come
/// in one more layer after the last.
fn layers(definition: &Definition) -> BTreeMap<&str, usize> {
    let mut layer: BTreeMap<&str, usize> = BTreeMap::new();
    let mut queue = VecDeque::new();
    if definition.state(&definition.initial.value).is_some() {
        layer.insert(definition.initial.value.as_str(), 0);
        queue.push_back(definition.initial.value.as_str());
    }
    while let Some(state) = queue.pop_front() {
        let next = layer.get(state).copied().unwrap_or_default() + 1;
        for t in definition.transitions_from(state) {
            let to = t.to.value.as_str();
            if definition.state(to).is_some() && !layer.contains_key(to) {
                layer.insert(to, next);
                queue.push_back(to);
            }
        }
    }
    let unreachable = layer.values().max().map_or(0, |deepest| deepest + 1);
    for state in &definition.states {
        layer.entry(state.name.as_str()).or_insert(unreachable);
    }
    layer
}

/// Places every state's box: layers top to bottom, each centred, its
/// states in the order written.
fn place(definition: &Definition) -> BTreeMap<&str, Placed> {
    let layer_of = layers(definition);
    let mut rows: BTreeMap<usize, Vec<(&str, f64)>> = BTreeMap::new();
    for state in &definition.states {
        let width = (state.label.chars().count() as f64 * STATE_CHAR + 28.0).max(90.0);
        let layer = layer_of
            .get(state.name.as_str())
            .copied()
            .unwrap_or_default();
        rows.entry(layer)
            .or_default()
            .push((state.name.as_str(), width));
    }
    let row_width = |row: &Vec<(&str, f64)>| {
        row.iter().map(|(_, w)| w).sum::<f64>() + BOX_GAP * (row.len().saturating_sub(1)) as f64
    };
    let widest = rows.values().map(row_width).fold(0.0, f64::max);
    let mut placed = BTreeMap::new();
    for (row_index, (layer, row)) in rows.iter().enumerate() {
        let mut x = (widest - row_width(row)) / 2.0;
        let y = TOP + LAYER_STEP * row_index as f64;
        for (name, width) in row {
            placed.insert(
                *name,
                Placed {
                    layer: *layer,
                    x,
                    y,
                    width: *width,
                },
            );
            x += width + BOX_GAP;
        }
    }
    placed
}

/// The smallest box around everything drawn, grown as things are added.
#[derive(Debug)]
struct Bounds {
    min_x: f64,
    min_y: f64,
    max_x: f64,
    max_y: f64,
}

impl Bounds {
    fn take(&mut self, x: f64, y: f64) {
        self.min_x = self.min_x.min(x);
        self.min_y = self.min_y.min(y);
        self.max_x = self.max_x.max(x);
        self.max_y = self.max_y.max(y);
    }
}

/// Text made safe for XML content and attribute values.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A name usable in an `id`: letters, digits, `-` and `_`.
fn id_part(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// One arrow: the path, and where its label goes.
struct Arrow {
    path: String,
    label_x: f64,
    label_y: f64,
    /// Arrows sharing a route are named once.
    labelled: bool,
    /// `middle` or `start`: how the label sits at its point.
    anchor: &'static str,
}

/// The workflow drawn as an inline SVG image, titled in English, e.g.
/// "Workflow proposal, version 3". See [`svg_titled`].
pub fn svg(definition: &Definition) -> String {
    let title = format!(
        "Workflow {}, version {}",
        definition.name.value, definition.version.value
    );
    svg_titled(definition, &title)
}

/// The workflow drawn as an inline SVG image with `title` as its accessible
/// name (`role="img"` and a `<title>`), without scripts or styles, so it
/// works under a strict Content-Security-Policy.
///
/// States are boxes laid out in layers by their breadth-first distance from
/// the initial state (which a dot and an arrow point at); final states have
/// a double, darker border. Each transition is an arrow per state it
/// starts from, labelled with its label: arrows forward curve down; arrows
/// back, sideways or to the same state go round the right, between the
/// layers, one route and label per transition and target. Every text is
/// escaped for XML, and
/// the ids inside derive from the workflow's name, so several diagrams can
/// share a page.
pub fn svg_titled(definition: &Definition, title: &str) -> String {
    let placed = place(definition);
    let slug = id_part(&definition.name.value);
    let widest = placed.values().map(Placed::right).fold(0.0, f64::max);
    let mut bounds = Bounds {
        min_x: 0.0,
        min_y: 0.0,
        max_x: widest,
        max_y: TOP,
    };
    for p in placed.values() {
        bounds.take(p.right(), p.bottom());
    }

    // Where arrows leave and reach boxes: spread along the bottom and top
    // edges so that several arrows on one box stay apart.
    let mut pairs: Vec<(&crate::Transition, &str)> = Vec::new();
    for t in &definition.transitions {
        for from in &t.from {
            if placed.contains_key(from.value.as_str()) && placed.contains_key(t.to.value.as_str())
            {
                pairs.push((t, from.value.as_str()));
            }
        }
    }
    let forward = |from: &str, to: &str| match (placed.get(from), placed.get(to)) {
        (Some(a), Some(b)) => b.layer > a.layer,
        _ => false,
    };
    let mut leaving: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut arriving: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (t, from)) in pairs.iter().enumerate() {
        if forward(from, &t.to.value) {
            leaving.entry(from).or_default().push(i);
            arriving.entry(t.to.value.as_str()).or_default().push(i);
        }
    }
    // Order the ends by where the other end is, so arrows cross less.
    let other_x = |i: usize, leaving_end: bool| {
        let (t, from) = pairs[i];
        let other = if leaving_end {
            t.to.value.as_str()
        } else {
            from
        };
        placed.get(other).map_or(0.0, Placed::centre)
    };
    for ends in leaving.values_mut() {
        ends.sort_by(|a, b| other_x(*a, true).total_cmp(&other_x(*b, true)));
    }
    for ends in arriving.values_mut() {
        ends.sort_by(|a, b| other_x(*a, false).total_cmp(&other_x(*b, false)));
    }
    let spread = |ends: &BTreeMap<&str, Vec<usize>>, state: &str, i: usize| {
        let p = placed.get(state).copied();
        let list = ends.get(state);
        match (p, list) {
            (Some(p), Some(list)) => {
                let at = list.iter().position(|e| *e == i).unwrap_or_default();
                p.x + p.width * (at + 1) as f64 / (list.len() + 1) as f64
            }
            (Some(p), None) => p.centre(),
            _ => 0.0,
        }
    };

    // Arrows back, sideways or to the state itself share one route per
    // transition and target: up out of each source's top, right to a
    // channel of their own beyond every box of the layers they span, down,
    // left under the target, and up into it; so they run between layers
    // and never through a box, and one label names them.
    let mut channels: Vec<((&str, &str), usize, usize)> = Vec::new();
    for (t, from) in &pairs {
        if forward(from, &t.to.value) {
            continue;
        }
        let (Some(a), Some(b)) = (placed.get(from), placed.get(t.to.value.as_str())) else {
            continue;
        };
        let key = (t.name.as_str(), t.to.value.as_str());
        match channels.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, low, high)) => {
                *low = (*low).min(a.layer);
                *high = (*high).max(a.layer);
            }
            None => channels.push((key, b.layer.min(a.layer), b.layer.max(a.layer))),
        }
    }
    let channel_x: Vec<f64> = channels
        .iter()
        .enumerate()
        .map(|(k, (_, low, high))| {
            let right = placed
                .values()
                .filter(|p| (*low..=*high).contains(&p.layer))
                .map(Placed::right)
                .fold(0.0, f64::max);
            right + 22.0 + 16.0 * k as f64
        })
        .collect();
    // Labels of channels over the same layers stack, one line each.
    let channel_slot: Vec<usize> = channels
        .iter()
        .enumerate()
        .map(|(k, (_, low, high))| {
            channels[..k]
                .iter()
                .filter(|(_, l, h)| l <= high && low <= h)
                .count()
        })
        .collect();

    let mut arrows = Vec::new();
    let mut named: Vec<(&str, &str)> = Vec::new();
    for (i, (t, from)) in pairs.iter().enumerate() {
        let (Some(a), Some(b)) = (placed.get(from), placed.get(t.to.value.as_str())) else {
            continue;
        };
        let arrow = if forward(from, &t.to.value) {
            let (sx, sy) = (spread(&leaving, from, i), a.bottom());
            let (ex, ey) = (spread(&arriving, &t.to.value, i), b.y);
            let bend = (ey - sy) / 2.0;
            // The label sits where the curve is, a little above or below
            // the middle so labels of neighbouring arrows overlap less.
            let at = [0.5, 0.35, 0.65][i % 3];
            let (lx, ly) = cubic_point((sx, sy), (sx, sy + bend), (ex, ey - bend), (ex, ey), at);
            Arrow {
                path: format!(
                    "M{sx:.1},{sy:.1} C{sx:.1},{:.1} {ex:.1},{:.1} {ex:.1},{ey:.1}",
                    sy + bend,
                    ey - bend
                ),
                label_x: lx,
                label_y: ly,
                labelled: true,
                anchor: "middle",
            }
        } else {
            let key = (t.name.as_str(), t.to.value.as_str());
            let k = channels
                .iter()
                .position(|(c, _, _)| *c == key)
                .unwrap_or_default();
            let out = channel_x.get(k).copied().unwrap_or_default();
            let lane = 8.0 + 7.0 * (k % 4) as f64;
            let sx = a.x + a.width * 0.85;
            let ex = b.x + b.width * 0.85 + 6.0;
            let (above, below) = (a.y - lane, b.bottom() + lane);
            let first = !named.contains(&key);
            if first {
                named.push(key);
            }
            bounds.take(out, above);
            bounds.take(out, below);
            Arrow {
                path: format!(
                    "M{sx:.1},{:.1} L{sx:.1},{above:.1} L{out:.1},{above:.1} \
                     L{out:.1},{below:.1} L{ex:.1},{below:.1} L{ex:.1},{:.1}",
                    a.y,
                    b.bottom()
                ),
                label_x: out + 4.0,
                label_y: above.min(below)
                    + 14.0
                    + 13.0 * channel_slot.get(k).copied().unwrap_or_default() as f64,
                labelled: first,
                anchor: "start",
            }
        };
        let length = t.label.chars().count() as f64 * EDGE_CHAR;
        let (left, right) = if arrow.anchor == "start" {
            (arrow.label_x, arrow.label_x + length)
        } else {
            (arrow.label_x - length / 2.0, arrow.label_x + length / 2.0)
        };
        if arrow.labelled {
            bounds.take(left - 4.0, arrow.label_y - 10.0);
            bounds.take(right + 4.0, arrow.label_y + 6.0);
        }
        arrows.push((t, *from, arrow));
    }

    let (min_x, min_y) = (bounds.min_x - MARGIN, bounds.min_y - MARGIN);
    let (width, height) = (
        bounds.max_x - bounds.min_x + 2.0 * MARGIN,
        bounds.max_y - bounds.min_y + 2.0 * MARGIN,
    );
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"workflow-diagram\" \
         aria-labelledby=\"wf-{slug}-title\" width=\"{width:.0}\" height=\"{height:.0}\" \
         viewBox=\"{min_x:.1} {min_y:.1} {width:.1} {height:.1}\" \
         font-family=\"system-ui, sans-serif\">"
    );
    let _ = write!(out, "<title id=\"wf-{slug}-title\">{}</title>", xml(title));
    let _ = write!(
        out,
        "<defs><marker id=\"wf-{slug}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
         markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">\
         <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444444\"/></marker></defs>"
    );

    // The start: a dot with an arrow into the initial state.
    if let Some(initial) = placed.get(definition.initial.value.as_str()) {
        let (x, y) = (initial.centre(), initial.y);
        let _ = write!(
            out,
            "<g class=\"start\"><circle cx=\"{x:.1}\" cy=\"{:.1}\" r=\"7\" fill=\"#1b1b1b\"/>\
             <line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"#444444\" \
             stroke-width=\"1.5\" marker-end=\"url(#wf-{slug}-arrow)\"/></g>",
            y - 30.0,
            y - 23.0
        );
    }

    for (t, from, arrow) in &arrows {
        let _ = write!(
            out,
            "<g class=\"transition\" data-transition=\"{}\" data-from=\"{}\">\
             <path d=\"{}\" fill=\"none\" stroke=\"#444444\" stroke-width=\"1.5\" \
             marker-end=\"url(#wf-{slug}-arrow)\"/></g>",
            xml(&t.name),
            xml(from),
            arrow.path
        );
    }
    // Labels after every arrow, so no arrow is drawn over one.
    for (t, _, arrow) in arrows.iter().filter(|(_, _, a)| a.labelled) {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"{}\" \
             fill=\"#1b1b1b\" stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\" \
             stroke-linejoin=\"round\">{}</text>",
            arrow.label_x,
            arrow.label_y,
            arrow.anchor,
            xml(&t.label)
        );
    }

    for state in &definition.states {
        let Some(p) = placed.get(state.name.as_str()) else {
            continue;
        };
        let (fill, stroke, stroke_width) = if state.is_final {
            ("#e8e8e8", "#1b1b1b", 2.5)
        } else {
            ("#ffffff", "#0b5394", 1.5)
        };
        let _ = write!(
            out,
            "<g class=\"state{}\" data-state=\"{}\"><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" \
             height=\"{BOX_HEIGHT:.1}\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\" \
             stroke-width=\"{stroke_width}\"/>",
            if state.is_final { " final" } else { "" },
            xml(&state.name),
            p.x,
            p.y,
            p.width
        );
        if state.is_final {
            // A final state's second border.
            let _ = write!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"5\" \
                 fill=\"none\" stroke=\"{stroke}\" stroke-width=\"1\"/>",
                p.x + 4.0,
                p.y + 4.0,
                p.width - 8.0,
                BOX_HEIGHT - 8.0
            );
        }
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" \
             fill=\"#1b1b1b\"{}>{}</text></g>",
            p.centre(),
            p.y + BOX_HEIGHT / 2.0 + 4.5,
            if state.is_final {
                " font-weight=\"bold\""
            } else {
                ""
            },
            xml(&state.label)
        );
    }
    out.push_str("</svg>");
    out
}

/// The point at `t` along a cubic Bézier curve.
fn cubic_point(
    p0: (f64, f64),
    p1: (f64, f64),
    p2: (f64, f64),
    p3: (f64, f64),
    t: f64,
) -> (f64, f64) {
    let u = 1.0 - t;
    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
    (
        a * p0.0 + b * p1.0 + c * p2.0 + d * p3.0,
        a * p0.1 + b * p1.1 + c * p2.1 + d * p3.1,
    )
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

    /// Asserts that `text` contains every one of `parts`, showing it when one is missing.
    fn contains_all(text: &str, parts: &[&str]) {
        for part in parts {
            assert!(text.contains(part), "{part:?} is missing from:\n{text}");
        }
    }

    /// Asserts that a drawing starts with `start` and contains every one of `parts`.
    fn draws(text: &str, start: &str, parts: &[&str]) {
        assert!(text.starts_with(start), "{text}");
        contains_all(text, parts);
    }

    #[test]
    fn mermaid_shows_states_arrows_and_ends() {
        draws(
            &mermaid(&parse("r.yaml", YAML).expect("parses")),
            "stateDiagram-v2\n",
            &[
                "    due: Due#58; waiting\n",
                "    [*] --> due\n",
                "    due --> accepted: Accept \"as is\"\n",
                "    accepted --> [*]\n",
            ],
        );
    }

    #[test]
    fn dot_quotes_labels_and_doubles_final_states() {
        let text = dot(&parse("r.yaml", YAML).expect("parses"));
        draws(
            &text,
            "digraph \"report\" {",
            &[
                "\"accepted\" [label=\"Accepted\", peripheries=2];",
                "\"due\" -> \"accepted\" [label=\"Accept \\\"as is\\\"\"];",
                "__start -> \"due\";",
            ],
        );
        assert!(text.trim_end().ends_with('}'));
    }

    /// Checks that `text` is well-formed XML with one root element: tags
    /// nest, attribute values are quoted, and `<`, `>` and `&` appear in
    /// text and values only escaped. Returns the names of the elements.
    fn well_formed(text: &str) -> Result<Vec<String>, String> {
        let mut open: Vec<String> = Vec::new();
        let mut seen = Vec::new();
        let mut roots = 0;
        let mut rest = text;
        let entity_ok = |s: &str| -> Result<(), String> {
            for (i, _) in s.match_indices('&') {
                let entity = &s[i..];
                let known = ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"];
                if !known.iter().any(|k| entity.starts_with(k)) {
                    return Err(format!("a bare & in {s:?}"));
                }
            }
            if s.contains('>') {
                return Err(format!("a bare > in {s:?}"));
            }
            Ok(())
        };
        while let Some(start) = rest.find('<') {
            let content = &rest[..start];
            entity_ok(content)?;
            if open.is_empty() && !content.trim().is_empty() {
                return Err(format!("text outside the root: {content:?}"));
            }
            let after = &rest[start + 1..];
            // The tag ends at the first `>` outside quotes.
            let mut quoted = false;
            let end = after
                .char_indices()
                .find(|&(_, c)| {
                    if c == '"' {
                        quoted = !quoted;
                    }
                    c == '>' && !quoted
                })
                .map(|(i, _)| i)
                .ok_or("an unclosed tag")?;
            let tag = &after[..end];
            rest = &after[end + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                match open.pop() {
                    Some(top) if top == name.trim() => {}
                    other => return Err(format!("</{name}> closes {other:?}")),
                }
                continue;
            }
            let self_closing = tag.ends_with('/');
            let body = tag.trim_end_matches('/');
            let name: String = body.chars().take_while(|c| !c.is_whitespace()).collect();
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                return Err(format!("a bad element name in <{tag}>"));
            }
            // Attributes: name="value" pairs, values escaped.
            let mut attributes = body[name.len()..].trim();
            while !attributes.is_empty() {
                let (key, value) = attributes
                    .split_once("=\"")
                    .ok_or_else(|| format!("an unquoted attribute in <{tag}>"))?;
                if key.trim().is_empty() || key.trim().contains(char::is_whitespace) {
                    return Err(format!("a bad attribute name in <{tag}>"));
                }
                let (value, after_value) = value
                    .split_once('"')
                    .ok_or_else(|| format!("an unclosed value in <{tag}>"))?;
                if value.contains('<') {
                    return Err(format!("a bare < in a value in <{tag}>"));
                }
                entity_ok(value)?;
                attributes = after_value.trim_start();
            }
            if open.is_empty() {
                roots += 1;
            }
            seen.push(name.clone());
            if !self_closing {
                open.push(name);
            }
        }
        entity_ok(rest)?;
        if !rest.trim().is_empty() {
            return Err(format!("text after the root: {rest:?}"));
        }
        if !open.is_empty() {
            return Err(format!("unclosed: {open:?}"));
        }
        if roots != 1 {
            return Err(format!("{roots} root elements"));
        }
        Ok(seen)
    }

    /// A workflow with a loop back, a state nothing reaches, a final state
    /// and labels that need escaping.
    const LOOPING: &str = "\
workflow: \"odd<name>\"
version: 2
initial: due
states:
  due: { label: \"Due & <waiting>\" }
  checking: { label: Checking }
  accepted: { label: \"Accepted \\\"as is\\\"\", final: true }
  archived: { label: Archived, final: true }
transitions:
  check:
    label: Check it
    from: [due]
    to: checking
    by: [programme_manager]
  send_back:
    label: Send back <now>
    from: [checking]
    to: due
    by: [programme_manager]
  accept:
    label: Accept & close
    from: [due, checking]
    to: accepted
    by: [programme_manager]
  recheck:
    label: Check again
    from: [checking]
    to: checking
    by: [programme_manager]
";

    #[test]
    fn the_svg_is_well_formed_and_escapes_every_text() {
        for yaml in [YAML, LOOPING] {
            let text = svg(&parse("w.yaml", yaml).expect("parses"));
            let elements = well_formed(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
            assert_eq!(elements.first().map(String::as_str), Some("svg"));
        }
        let text = svg(&parse("w.yaml", LOOPING).expect("parses"));
        contains_all(
            &text,
            &[
                ">Due &amp; &lt;waiting&gt;</text>",
                ">Accepted &quot;as is&quot;</text>",
                ">Send back &lt;now&gt;</text>",
                ">Accept &amp; close</text>",
            ],
        );
        assert!(!text.contains("<waiting>") && !text.contains("<now>"));
        // The title names the workflow, escaped too; ids stay plain.
        assert!(text.contains(
            "<title id=\"wf-odd_name_-title\">Workflow odd&lt;name&gt;, version 2</title>"
        ));
    }

    #[test]
    fn the_svg_is_an_image_named_by_its_title() {
        let text = svg_titled(&parse("r.yaml", YAML).expect("parses"), "Reports & more");
        draws(
            &text,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"",
            &[
                "aria-labelledby=\"wf-report-title\"",
                "<title id=\"wf-report-title\">Reports &amp; more</title>",
                "viewBox=\"",
            ],
        );
        // Nothing a strict Content-Security-Policy refuses.
        assert!(!text.contains("<script") && !text.contains("<style") && !text.contains("style="));
    }

    #[test]
    fn the_svg_shows_every_state_and_every_transition() {
        let sources = [
            YAML,
            LOOPING,
            include_str!("../../../workflows/proposal.yaml"),
            include_str!("../../../workflows/grant.yaml"),
            include_str!("../../../workflows/tranche.yaml"),
            include_str!("../../../workflows/report.yaml"),
        ];
        for yaml in sources {
            let def = parse("w.yaml", yaml).expect("parses");
            let text = svg(&def);
            well_formed(&text).unwrap_or_else(|e| panic!("{}: {e}", def.name.value));
            for state in &def.states {
                assert!(
                    text.contains(&format!("data-state=\"{}\"", xml(&state.name))),
                    "{}: no box for {}",
                    def.name.value,
                    state.name
                );
                assert!(text.contains(&format!(">{}</text>", xml(&state.label))));
            }
            for t in &def.transitions {
                for from in &t.from {
                    assert!(
                        text.contains(&format!(
                            "data-transition=\"{}\" data-from=\"{}\"",
                            xml(&t.name),
                            xml(&from.value)
                        )),
                        "{}: no arrow for {} from {}",
                        def.name.value,
                        t.name,
                        from.value
                    );
                }
                assert!(text.contains(&format!(">{}</text>", xml(&t.label))));
            }
            let finals = def.states.iter().filter(|s| s.is_final).count();
            assert_eq!(text.matches("class=\"state final\"").count(), finals);
        }
    }

    #[test]
    fn states_are_layered_by_distance_from_the_initial_one() {
        let def = parse("w.yaml", LOOPING).expect("parses");
        let layer = layers(&def);
        assert_eq!(layer["due"], 0);
        assert_eq!(layer["checking"], 1);
        assert_eq!(layer["accepted"], 1);
        // Nothing leads to `archived`: it comes after the last layer.
        assert_eq!(layer["archived"], 2);
        let placed = place(&def);
        assert!(placed["due"].y < placed["checking"].y);
        assert!((placed["checking"].y - placed["accepted"].y).abs() < f64::EPSILON);
        assert!(placed["accepted"].y < placed["archived"].y);
        assert!(placed["checking"].right() + BOX_GAP <= placed["accepted"].x + 0.01);
    }

    #[test]
    fn the_checker_catches_broken_xml() {
        assert!(well_formed("<svg><g></svg>").is_err());
        assert!(well_formed("<svg><text>a < b</text></svg>").is_err());
        assert!(well_formed("<svg><text>a & b</text></svg>").is_err());
        assert!(well_formed("<svg a=\"x\"/><svg/>").is_err());
        assert!(well_formed("<svg a=x/>").is_err());
        assert!(well_formed("<svg a=\"&amp;\"><g/></svg>").is_ok());
    }
}
