//! Graphviz DOT export (`.dot`, `.gv`), written with petgraph's `dot`
//! module. Write-only: DOT is for drawing a map with Graphviz (`dot`,
//! `neato`, `sfdp`), not for bringing one back.
//!
//! * The graph is a `digraph` when any tie is directed, else a `graph`; in
//!   a `digraph` undirected ties get `dir=none`.
//! * Every actor is a node with `label` (its name), `id` (its Bridgework
//!   id, kept as the SVG element id), `fillcolor` and `shape` from its
//!   sector, `tooltip` (sector, organisation and role), and `pos="x,y"`
//!   when it has a position (Graphviz's y axis points up, so y is negated).
//! * Every tie (parallel ties and self-ties included) is an edge with `id`,
//!   `color` and `style` from its tie kind, `penwidth` from its strength
//!   (1 + log₂ of the strength, at least 0.5), and `tooltip` (its kind).
//! * Text is escaped for DOT's quoted strings (`"` and `\`; line breaks as
//!   `\n`). Private fields are never written; a shareable copy is written
//!   the same way.

use crate::model::{Dash, Network, Shape};
use petgraph::dot::{Config, Dot};
use petgraph::graph::{EdgeReference, Graph, NodeIndex};
use petgraph::{Directed, EdgeType, Undirected};
use std::collections::HashMap;

/// `s` as a DOT quoted string, quotes included.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The Graphviz node shape closest to a sector's shape.
fn dot_shape(shape: Shape) -> &'static str {
    match shape {
        Shape::Circle => "circle",
        Shape::Square => "box",
        Shape::Triangle => "triangle",
        Shape::Diamond => "diamond",
        Shape::Hexagon => "hexagon",
        Shape::TriangleDown => "invtriangle",
        Shape::Pentagon => "pentagon",
        Shape::Star => "star",
        Shape::Cross => "cds",
        Shape::Octagon => "octagon",
        Shape::Bowtie => "Mdiamond",
    }
}

fn dot_style(dash: Dash) -> &'static str {
    match dash {
        Dash::Solid => "solid",
        Dash::Dashed => "dashed",
        Dash::Dotted => "dotted",
        Dash::DashDot => "dashed",
    }
}

/// The DOT text of `network`; see the module docs.
pub fn write_dot(network: &Network) -> String {
    let directed = network.ties().iter().any(|t| t.directed);
    let body = if directed {
        body::<Directed>(network)
    } else {
        body::<Undirected>(network)
    };
    let mut out = String::new();
    out.push_str(if directed { "digraph " } else { "graph " });
    let title = if network.title.is_empty() {
        "bridgework"
    } else {
        network.title.as_str()
    };
    out.push_str(&quoted(title));
    out.push_str(" {\n    node [fontname = \"Helvetica\"];\n");
    out.push_str(&body);
    out.push_str("}\n");
    out
}

/// The statements of the graph: petgraph writes `->` for a directed graph
/// type and `--` for an undirected one.
fn body<Ty: EdgeType>(network: &Network) -> String {
    let directed = Ty::is_directed();
    let mut g: Graph<usize, usize, Ty> =
        Graph::with_capacity(network.actors().len(), network.ties().len());
    let mut index: HashMap<&str, NodeIndex> = HashMap::new();
    for (i, a) in network.actors().iter().enumerate() {
        index.insert(a.id().as_str(), g.add_node(i));
    }
    for (i, t) in network.ties().iter().enumerate() {
        if let (Some(&a), Some(&b)) = (index.get(t.from().as_str()), index.get(t.to().as_str())) {
            g.add_edge(a, b, i);
        }
    }
    let sectors = network.sectors_by_name();
    let kinds = network.tie_kinds_by_name();
    let node_attributes = |_, (_, &i): (NodeIndex, &usize)| -> String {
        let Some(a) = network.actors().get(i) else {
            return String::new();
        };
        let sector = sectors.get(a.sector.as_str()).copied();
        let mut attrs = vec![
            format!("label = {}", quoted(&a.name)),
            format!("id = {}", quoted(a.id().as_str())),
            "style = filled".to_owned(),
        ];
        if let Some(s) = sector {
            attrs.push(format!("fillcolor = {}", quoted(&s.colour.to_string())));
            attrs.push(format!("shape = {}", dot_shape(s.shape)));
        }
        let tooltip: Vec<&str> = [a.sector.as_str(), a.organisation.as_str(), a.role.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        attrs.push(format!("tooltip = {}", quoted(&tooltip.join(" · "))));
        if let (Some(x), Some(y)) = (a.x, a.y)
            && x.is_finite()
            && y.is_finite()
        {
            attrs.push(format!("pos = \"{x},{}\"", -y));
        }
        attrs.join(", ")
    };
    let edge_attributes = |_, e: EdgeReference<'_, usize>| -> String {
        let Some(t) = network.ties().get(*e.weight()) else {
            return String::new();
        };
        let mut attrs = vec![
            format!("id = {}", quoted(t.id().as_str())),
            format!("tooltip = {}", quoted(&t.kind)),
        ];
        if let Some(k) = kinds.get(t.kind.as_str()) {
            attrs.push(format!("color = {}", quoted(&k.colour.to_string())));
            attrs.push(format!("style = {}", dot_style(k.dash)));
        }
        let width = if t.strength.is_finite() && t.strength > 0.0 {
            (1.0 + t.strength.log2()).max(0.5)
        } else {
            1.0
        };
        attrs.push(format!("penwidth = {width:.2}"));
        if directed && !t.directed {
            attrs.push("dir = none".to_owned());
        }
        attrs.join(", ")
    };
    let config = [
        Config::NodeNoLabel,
        Config::EdgeNoLabel,
        Config::GraphContentOnly,
    ];
    format!(
        "{:?}",
        Dot::with_attr_getters(&g, &config, &edge_attributes, &node_attributes)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Tie};

    fn sample() -> Network {
        let mut n = Network::new();
        let mut a = Actor::new("a", "Dr \"A\" Okafor\\GP", "primary care");
        a.x = Some(1.5);
        a.y = Some(2.0);
        n.add_actor(a).unwrap();
        n.add_actor(Actor::new("b", "Ben", "social care")).unwrap();
        n.add_tie(Tie::new("t1", "a", "b", "referral", true))
            .unwrap();
        n.add_tie(Tie::new("t2", "b", "a", "collaboration", false))
            .unwrap();
        n
    }

    #[test]
    fn a_mixed_map_is_a_digraph_with_undirected_ties_marked() {
        let text = write_dot(&sample());
        assert!(text.starts_with("digraph \"bridgework\" {\n"), "{text}");
        assert!(
            text.contains("label = \"Dr \\\"A\\\" Okafor\\\\GP\""),
            "{text}"
        );
        assert!(text.contains("id = \"a\""), "{text}");
        assert!(text.contains("pos = \"1.5,-2\""), "{text}");
        assert!(text.contains("0 -> 1 [ id = \"t1\""), "{text}");
        assert!(text.contains("1 -> 0 [ id = \"t2\""), "{text}");
        assert_eq!(text.matches("dir = none").count(), 1, "{text}");
        assert!(text.trim_end().ends_with('}'));
    }

    #[test]
    fn an_undirected_map_is_a_graph() {
        let mut n = sample();
        n.remove_tie(&"t1".into());
        let text = write_dot(&n);
        assert!(text.starts_with("graph "), "{text}");
        assert!(text.contains("1 -- 0"), "{text}");
        assert!(!text.contains("->"), "{text}");
        assert!(!text.contains("dir = none"), "{text}");
    }
}
