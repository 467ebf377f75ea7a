//! A plain-text summary of a map: counts and the warnings worth a look.

use crate::model::{AnalysisView, Network, Stance, ViewOptions};
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
        "  ties:      {} ({} directed, {} mutual)",
        network.ties().len(),
        directed,
        network.ties().len() - directed
    );

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
