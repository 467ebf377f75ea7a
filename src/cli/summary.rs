//! A plain-text summary of a map: counts and the warnings worth a look.

use crate::model::{AnalysisView, Direction, Network, Stance, ViewOptions};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The summary `validate` prints, one fact a line.
pub fn summary(network: &Network) -> String {
    let mut s = String::new();
    if !network.title.is_empty() {
        let _ = writeln!(s, "  title:     {}", network.title);
    }
    let directed = network.ties().iter().filter(|t| t.directed).count();
    let _ = writeln!(s, "  actors:    {}", network.actors().len());
    let _ = writeln!(
        s,
        "  ties:      {} on the map, as the editor counts them ({} directed, {} mutual)",
        network.ties().len(),
        directed,
        network.ties().len() - directed
    );
    let options = ViewOptions::default();
    let view = AnalysisView::new(network, &options);
    let mut lines = view_lines(network, &view, &options).into_iter();
    if let Some(head) = lines.next() {
        let _ = writeln!(s, "  analysis:  the analysis view has {head}:");
    }
    for line in lines {
        let _ = writeln!(s, "    - {line}");
    }

    let mut by_sector: BTreeMap<&str, usize> = BTreeMap::new();
    for a in network.actors() {
        *by_sector.entry(a.sector.as_str()).or_default() += 1;
    }
    let used = network
        .sectors
        .iter()
        .filter(|s| by_sector.contains_key(s.name.as_str()))
        .count();
    let _ = writeln!(
        s,
        "  sectors:   {} listed, {} in use",
        network.sectors.len(),
        used
    );
    for sector in &network.sectors {
        if let Some(count) = by_sector.get(sector.name.as_str()) {
            let _ = writeln!(s, "    {:<32} {count}", sector.name);
        }
    }
    let mut by_kind: BTreeMap<&str, usize> = BTreeMap::new();
    for t in network.ties() {
        *by_kind.entry(t.kind.as_str()).or_default() += 1;
    }
    let _ = writeln!(
        s,
        "  tie kinds: {} listed, {} in use",
        network.tie_kinds.len(),
        by_kind.len()
    );
    for kind in &network.tie_kinds {
        if let Some(count) = by_kind.get(kind.name.as_str()) {
            let note = if kind.include_in_analysis {
                ""
            } else {
                "  (not counted in analysis)"
            };
            let _ = writeln!(s, "    {:<32} {count}{note}", kind.name);
        }
    }
    s
}

/// What the analysis view of `network` under `options` counts, in words:
/// a headline ("491 arcs (directed, …)", the size of the view) and then one
/// line per rule that turns the map's ties into the view's arcs or edges
/// (which tie kinds count, mutual ties once each way, repeated pairs
/// merged, self-ties dropped), each with its number on this map.
pub fn view_lines(network: &Network, view: &AnalysisView, options: &ViewOptions) -> Vec<String> {
    let mut left_out: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut counted, mut mutual) = (0usize, 0usize);
    let filter = options.kind_filter(network);
    for t in network.ties() {
        if !filter.counts(&t.kind) {
            *left_out.entry(t.kind.as_str()).or_default() += 1;
            continue;
        }
        counted += 1;
        if !t.directed && t.from() != t.to() {
            mutual += 1;
        }
    }
    let m = view.edge_count();
    let mut lines = Vec::new();
    let headline = if view.is_directed() {
        let why = match options.direction {
            Direction::Directed => "directed, as asked",
            _ => "directed, because some ties that count are directed",
        };
        format!("{m} {} ({why})", plural(m, "arc", "arcs"))
    } else {
        let why = match options.direction {
            Direction::Undirected => "undirected, as asked: direction is ignored",
            _ => "undirected: no tie that counts is directed",
        };
        format!("{m} {} ({why})", plural(m, "edge", "edges"))
    };
    lines.push(headline);
    let left: usize = left_out.values().sum();
    if left == 0 {
        lines.push(format!(
            "{counted} {} of kinds counted in analysis (all of them)",
            plural(counted, "tie", "ties")
        ));
    } else {
        let kinds: Vec<String> = left_out.iter().map(|(k, n)| format!("{k} {n}")).collect();
        lines.push(format!(
            "{counted} {} of kinds counted in analysis; {left} of other kinds left out ({})",
            plural(counted, "tie", "ties"),
            kinds.join(", ")
        ));
    }
    if view.is_directed() {
        lines.push(format!(
            "a mutual tie counts once each way, as two arcs ({mutual} mutual {} here)",
            plural(mutual, "tie", "ties")
        ));
    } else {
        lines.push("each tie is one edge; a→b and b→a are the same edge".to_owned());
    }
    let merged = view.ties_merged();
    let unit = if view.is_directed() { "arc" } else { "edge" };
    lines.push(format!(
        "{merged} {unit}{} repeating a pair already joined merged into it (strengths added)",
        if merged == 1 { "" } else { "s" }
    ));
    let loops = view.self_loops_dropped();
    lines.push(format!(
        "{loops} {} joining an actor to itself dropped",
        plural(loops, "tie", "ties")
    ));
    lines
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// Things that are valid but worth the user's attention.
pub fn notices(network: &Network) -> Vec<String> {
    let mut notes = Vec::new();
    let view = AnalysisView::new(network, &ViewOptions::default());
    if view.self_loops_dropped() > 0 {
        notes.push(format!(
            "{} tie(s) join an actor to itself; analysis ignores them",
            view.self_loops_dropped()
        ));
    }
    if view.ties_merged() > 0 {
        notes.push(format!(
            "{} tie(s) repeat a pair already joined; analysis merges them and adds their strengths",
            view.ties_merged()
        ));
    }
    let isolates = (0..view.node_count())
        .filter(|&i| view.out_neighbours(i).0.is_empty() && view.in_neighbours(i).0.is_empty())
        .count();
    if isolates > 0 {
        notes.push(format!(
            "{isolates} actor(s) have no ties counted in analysis"
        ));
    }
    let unknown = network
        .actors()
        .iter()
        .filter(|a| a.stance == Stance::Unknown)
        .count();
    if unknown > 0 && !network.actors().is_empty() {
        notes.push(format!("{unknown} actor(s) have no stance recorded"));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Tie};

    /// a–b twice (mutual), a→c (directed), b–b (a self-tie), b–c (conflict).
    fn map() -> Network {
        let mut n = Network::new();
        for id in ["a", "b", "c"] {
            n.add_actor(Actor::new(id, id, "primary care")).unwrap();
        }
        for (id, f, t, kind, directed) in [
            ("t1", "a", "b", "collaboration", false),
            ("t2", "b", "a", "collaboration", false),
            ("t3", "a", "c", "referral", true),
            ("t4", "b", "b", "collaboration", false),
            ("t5", "b", "c", "conflict", false),
        ] {
            n.add_tie(Tie::new(id, f, t, kind, directed)).unwrap();
        }
        n
    }

    #[test]
    fn the_summary_counts_ties_on_the_map_and_arcs_in_the_view_separately() {
        let s = summary(&map());
        assert!(
            s.contains("ties:      5 on the map, as the editor counts them (1 directed, 4 mutual)"),
            "{s}"
        );
        // a→b, b→a, a→c: the two mutual a–b ties give two arcs each, merged.
        assert!(
            s.contains("the analysis view has 3 arcs (directed, because some ties that count are directed):"),
            "{s}"
        );
        for line in [
            "- 4 ties of kinds counted in analysis; 1 of other kinds left out (conflict 1)",
            "- a mutual tie counts once each way, as two arcs (2 mutual ties here)",
            "- 2 arcs repeating a pair already joined merged into it (strengths added)",
            "- 1 tie joining an actor to itself dropped",
        ] {
            assert!(s.contains(line), "{line:?} missing from\n{s}");
        }
    }

    #[test]
    fn an_undirected_view_counts_edges() {
        let n = map();
        let options = ViewOptions {
            kinds: None,
            direction: Direction::Undirected,
        };
        let view = AnalysisView::new(&n, &options);
        let lines = view_lines(&n, &view, &options);
        assert_eq!(
            lines,
            [
                "2 edges (undirected, as asked: direction is ignored)",
                "4 ties of kinds counted in analysis; 1 of other kinds left out (conflict 1)",
                "each tie is one edge; a→b and b→a are the same edge",
                "1 edge repeating a pair already joined merged into it (strengths added)",
                "1 tie joining an actor to itself dropped",
            ]
        );
    }
}
