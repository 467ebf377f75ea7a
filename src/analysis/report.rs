//! The full analysis of a map as one JSON object, for `bridgework analyse`
//! and for export: `"graph"` with graph-level values and `"nodes"` mapping
//! each actor id to its measures, under **exactly the key names of the
//! reference data** (`tests/data/README.md`), plus the silo, resilience,
//! community, hidden-influencer and coalition results under their own keys.
//!
//! Which measure runs is chosen with [`Metric`]; each measure's definition
//! lives in its own module.

use super::brokerage::{brokerage, describe_brokers};
use super::coalition::{Coalition, CoalitionInputs, CoalitionOptions, coalition};
use super::community::{LouvainOptions, louvain, modularity};
use super::control::{Cancelled, Control};
use super::groups::Grouping;
use super::hidden::hidden_influencers;
use super::resilience::{KeyPlayerOptions, distance_fragmentation, fragmentation, key_players};
use super::sector_cut::sector_cuts;
use super::shortest_paths::PathLength;
use super::silo::{GapKind, GapOptions, ei_index, silo_gaps, tie_matrix};
use super::structural_holes::{Redundancy, structural_holes, structural_holes_with};
use super::{
    betweenness, betweenness_and_closeness, closeness, clustering, cut_points, degrees,
    eigenvector, pagerank, strong_components, two_step_reach, weak_components,
};
use crate::model::{AnalysisView, Network};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;

/// The measures (and result sections) a report can include.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Metric {
    /// degree, in/out degree, strength, degree centrality.
    Degree,
    /// betweenness, raw and weighted.
    Betweenness,
    /// closeness and harmonic, plain and weighted.
    Closeness,
    /// eigenvector (plain and weighted).
    Eigenvector,
    /// PageRank (weighted and unweighted).
    Pagerank,
    /// local clustering.
    Clustering,
    /// two-step reach.
    Reach,
    /// constraint, effective size, efficiency.
    StructuralHoles,
    /// Gould–Fernandez brokerage and broker sentences.
    Brokerage,
    /// E-I index (graph, group, node).
    Ei,
    /// sector × sector matrix and silo gaps.
    Silo,
    /// the fewest actors joining each pair of sectors.
    SectorCuts,
    /// components, articulation points, bridges, fragmentation, key players.
    Resilience,
    /// Louvain communities and modularity.
    Communities,
    /// hidden influencers and peripheral seniors.
    Hidden,
    /// the coalition of the willing.
    Coalition,
}

impl Metric {
    /// Every metric, in report order.
    pub const ALL: [Metric; 16] = [
        Metric::Degree,
        Metric::Betweenness,
        Metric::Closeness,
        Metric::Eigenvector,
        Metric::Pagerank,
        Metric::Clustering,
        Metric::Reach,
        Metric::StructuralHoles,
        Metric::Brokerage,
        Metric::Ei,
        Metric::Silo,
        Metric::SectorCuts,
        Metric::Resilience,
        Metric::Communities,
        Metric::Hidden,
        Metric::Coalition,
    ];

    /// The metric a name given on the command line means: its own name or
    /// any reference key it produces (`betweenness_weighted`, `harmonic`,
    /// `constraint`, `ei_index`, `louvain`, ...).
    pub fn parse(name: &str) -> Option<Metric> {
        let n = name.trim().to_lowercase().replace('-', "_");
        Some(match n.as_str() {
            "degree" | "in_degree" | "out_degree" | "strength" | "degree_centrality" => {
                Metric::Degree
            }
            s if s.starts_with("betweenness") => Metric::Betweenness,
            s if s.starts_with("closeness") || s.starts_with("harmonic") => Metric::Closeness,
            s if s.starts_with("eigenvector") => Metric::Eigenvector,
            s if s.starts_with("pagerank") => Metric::Pagerank,
            s if s.starts_with("clustering") => Metric::Clustering,
            "reach" | "reach_2step" | "two_step_reach" => Metric::Reach,
            "structural_holes"
            | "constraint"
            | "constraint_weighted"
            | "effective_size"
            | "effective_size_weighted"
            | "efficiency" => Metric::StructuralHoles,
            "brokerage" | "brokers" => Metric::Brokerage,
            "ei" | "ei_index" | "e_i" => Metric::Ei,
            "silo" | "silos" | "gaps" | "silo_gaps" => Metric::Silo,
            "sector_cuts" | "sector_cut" | "cuts" => Metric::SectorCuts,
            "resilience"
            | "components"
            | "articulation_points"
            | "bridges"
            | "fragmentation"
            | "key_players" => Metric::Resilience,
            "communities" | "community" | "louvain" | "modularity" => Metric::Communities,
            "hidden" | "hidden_influencers" => Metric::Hidden,
            "coalition" => Metric::Coalition,
            _ => return None,
        })
    }

    /// The metric's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Metric::Degree => "degree",
            Metric::Betweenness => "betweenness",
            Metric::Closeness => "closeness",
            Metric::Eigenvector => "eigenvector",
            Metric::Pagerank => "pagerank",
            Metric::Clustering => "clustering",
            Metric::Reach => "reach",
            Metric::StructuralHoles => "structural_holes",
            Metric::Brokerage => "brokerage",
            Metric::Ei => "ei",
            Metric::Silo => "silo",
            Metric::SectorCuts => "sector_cuts",
            Metric::Resilience => "resilience",
            Metric::Communities => "communities",
            Metric::Hidden => "hidden",
            Metric::Coalition => "coalition",
        }
    }
}

/// What the report should contain and how.
#[derive(Clone, Debug)]
pub struct ReportOptions {
    /// Path lengths for the `*_weighted` path measures.
    pub weighted_paths: PathLength,
    /// The measures to run (all if empty).
    pub metrics: BTreeSet<Metric>,
    /// The attribute to group by (sector by default).
    pub group_by: String,
    /// Coalition options (size 6 by default).
    pub coalition: CoalitionOptions,
    /// Size of the key-player set.
    pub key_players: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        Self {
            weighted_paths: PathLength::InverseStrength,
            metrics: BTreeSet::new(),
            group_by: "sector".to_owned(),
            coalition: CoalitionOptions::default(),
            key_players: 3,
        }
    }
}

/// Why a report could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The grouping attribute does not exist.
    #[error("{0}")]
    Grouping(String),
    /// The run was cancelled.
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

fn num(x: f64) -> Value {
    if x.is_finite() { json!(x) } else { Value::Null }
}

fn opt(x: Option<f64>) -> Value {
    x.map_or(Value::Null, num)
}

/// One JSON number per node (null where not finite).
fn nums(v: &[f64]) -> Vec<Value> {
    v.iter().map(|&x| num(x)).collect()
}

/// One JSON number or null per node.
fn opts(v: &[Option<f64>]) -> Vec<Value> {
    v.iter().map(|&x| opt(x)).collect()
}

/// One JSON integer per node.
fn ints(v: &[usize]) -> Vec<Value> {
    v.iter().map(|&x| json!(x)).collect()
}

/// The full report; see the module docs. Every long stage reports progress
/// to and checks the cancel flag of `control`.
pub fn report(
    network: &Network,
    view: &AnalysisView,
    options: &ReportOptions,
    control: &Control,
) -> Result<Value, ReportError> {
    let want = |m: Metric| options.metrics.is_empty() || options.metrics.contains(&m);
    let n = view.node_count();
    let directed = view.is_directed();
    let grouping = Grouping::by(network, view, &options.group_by).map_err(ReportError::Grouping)?;
    let id = |v: usize| view.id(v).map(|i| i.to_string()).unwrap_or_default();
    let name = |v: usize| {
        view.id(v)
            .and_then(|i| network.actor(i))
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let mut nodes: Vec<Map<String, Value>> = vec![Map::new(); n];
    let mut set = |key: &str, values: Vec<Value>| {
        for (node, v) in nodes.iter_mut().zip(values) {
            node.insert(key.to_owned(), v);
        }
    };
    let mut graph = Map::new();
    let mut top = Map::new();

    let m = view.edge_count();
    graph.insert("n".into(), json!(n));
    graph.insert("m".into(), json!(m));
    graph.insert("directed".into(), json!(directed));
    let pairs = n as f64 * (n as f64 - 1.0);
    let density = if n < 2 {
        0.0
    } else if directed {
        m as f64 / pairs
    } else {
        2.0 * m as f64 / pairs
    };
    graph.insert("density".into(), num(density));
    graph.insert("group_by".into(), json!(grouping.attribute));
    let mut sizes = Map::new();
    for (g, gname) in grouping.names.iter().enumerate() {
        sizes.insert(
            gname.clone(),
            json!(grouping.of.iter().filter(|&&x| x == g).count()),
        );
    }
    graph.insert("sector_sizes".into(), Value::Object(sizes));
    graph.insert(
        "weighted_paths".into(),
        json!(match options.weighted_paths {
            PathLength::Distance => "distance",
            PathLength::InverseStrength => "strength",
            PathLength::Hops => "hops",
        }),
    );

    let deg = degrees(view);
    if want(Metric::Degree) {
        set("degree", ints(&deg.degree));
        set("strength", nums(&deg.strength));
        set("degree_centrality", nums(&deg.degree_centrality));
        if directed {
            set("in_degree", ints(&deg.in_degree));
            set("out_degree", ints(&deg.out_degree));
            set("in_strength", nums(&deg.in_strength));
            set("out_strength", nums(&deg.out_strength));
            set("in_degree_centrality", nums(&deg.in_degree_centrality));
            set("out_degree_centrality", nums(&deg.out_degree_centrality));
        }
    }
    let need_betweenness =
        want(Metric::Betweenness) || want(Metric::Hidden) || want(Metric::Coalition);
    let bt = if need_betweenness {
        Some(betweenness(view, PathLength::Hops, control)?)
    } else {
        None
    };
    // The weighted path measures share one search per source where the
    // view allows (see `betweenness_and_closeness`).
    let (bw, mut cw) = match (want(Metric::Betweenness), want(Metric::Closeness)) {
        (true, true) => {
            let (b, c) = betweenness_and_closeness(view, options.weighted_paths, control)?;
            (Some(b), Some(c))
        }
        (true, false) => (
            Some(betweenness(view, options.weighted_paths, control)?),
            None,
        ),
        _ => (None, None),
    };
    if let Some(bw) = bw {
        if let Some(b) = &bt {
            set("betweenness", nums(&b.normalised));
            set("betweenness_raw", nums(&b.raw));
        }
        set("betweenness_weighted", nums(&bw.normalised));
        set("betweenness_weighted_raw", nums(&bw.raw));
    }
    let need_closeness = want(Metric::Closeness) || want(Metric::Hidden);
    let cl = if need_closeness {
        Some(closeness(view, PathLength::Hops, control)?)
    } else {
        None
    };
    if want(Metric::Closeness) {
        if let Some(c) = &cl {
            set("closeness", nums(&c.closeness));
            set("harmonic", nums(&c.harmonic));
        }
        let cw = match cw.take() {
            Some(c) => c,
            None => closeness(view, options.weighted_paths, control)?,
        };
        set("closeness_weighted", nums(&cw.closeness));
        set("harmonic_weighted", nums(&cw.harmonic));
    }
    if want(Metric::Eigenvector) {
        control.check()?;
        let e = eigenvector(view, false);
        set(
            "eigenvector",
            (0..n)
                .map(|v| opt(e.as_ref().and_then(|x| x.get(v).copied())))
                .collect(),
        );
        let e = eigenvector(view, true);
        set(
            "eigenvector_weighted",
            (0..n)
                .map(|v| opt(e.as_ref().and_then(|x| x.get(v).copied())))
                .collect(),
        );
    }
    let pr = pagerank(view, 0.85, true);
    if want(Metric::Pagerank) {
        control.check()?;
        set("pagerank", nums(&pr));
        set(
            "pagerank_unweighted",
            pagerank(view, 0.85, false)
                .iter()
                .map(|&x| num(x))
                .collect(),
        );
    }
    if want(Metric::Clustering) {
        control.check()?;
        let c = clustering(view);
        set("clustering", nums(&c.clustering));
        if directed {
            set("clustering_undirected", nums(&c.undirected));
        }
    }
    if want(Metric::Reach) {
        control.check()?;
        set(
            "reach_2step",
            two_step_reach(view).iter().map(|&x| num(x)).collect(),
        );
    }
    if want(Metric::StructuralHoles) {
        control.check()?;
        let plain = structural_holes(view, false);
        // The reference's weighted effective size is networkx 3.6.1's
        // vectorised path; Burt's own definition is given beside it.
        let weighted_ref = structural_holes_with(view, true, Redundancy::NetworkxVectorised);
        let weighted_burt = structural_holes(view, true);
        set("constraint", opts(&plain.constraint));
        set("constraint_weighted", opts(&weighted_burt.constraint));
        set("effective_size", opts(&plain.effective_size));
        set(
            "effective_size_weighted",
            weighted_ref
                .effective_size
                .iter()
                .map(|&x| opt(x))
                .collect(),
        );
        set(
            "effective_size_weighted_burt",
            weighted_burt
                .effective_size
                .iter()
                .map(|&x| opt(x))
                .collect(),
        );
        set("efficiency", opts(&plain.efficiency));
    }
    if want(Metric::Brokerage) {
        control.check()?;
        let b = brokerage(view, &grouping);
        let roles = |r: &super::brokerage::RoleCounts| {
            json!({
                "coordinator": r.coordinator,
                "itinerant": r.itinerant,
                "representative": r.representative,
                "gatekeeper": r.gatekeeper,
                "liaison": r.liaison,
                "total": r.total(),
            })
        };
        set("brokerage", b.nodes.iter().map(roles).collect());
        graph.insert("brokerage_totals".into(), roles(&b.totals));
        let brokers: Vec<Value> = describe_brokers(network, view, &grouping)
            .into_iter()
            .take(50)
            .map(|(v, sentence)| json!({"id": id(v), "name": name(v), "sentence": sentence}))
            .collect();
        top.insert("brokers".into(), Value::Array(brokers));
    }
    if want(Metric::Ei) {
        control.check()?;
        let ei = ei_index(view, &grouping);
        set(
            "ei_index",
            ei.nodes.iter().map(|e| opt(e.all.index())).collect(),
        );
        set(
            "ei_external",
            ei.nodes.iter().map(|e| json!(e.all.external)).collect(),
        );
        set(
            "ei_internal",
            ei.nodes.iter().map(|e| json!(e.all.internal)).collect(),
        );
        if directed {
            set(
                "ei_index_out",
                ei.nodes.iter().map(|e| opt(e.out.index())).collect(),
            );
            set(
                "ei_index_in",
                ei.nodes.iter().map(|e| opt(e.inc.index())).collect(),
            );
        }
        graph.insert("ei_index".into(), opt(ei.graph.index()));
        graph.insert("ei_external".into(), json!(ei.graph.external));
        graph.insert("ei_internal".into(), json!(ei.graph.internal));
        let mut by = Map::new();
        for (g, counts) in ei.groups.iter().enumerate() {
            if let Some(gname) = grouping.names.get(g) {
                by.insert(
                    gname.clone(),
                    json!({"ei_index": opt(counts.index()), "external": counts.external, "internal": counts.internal}),
                );
            }
        }
        graph.insert("ei_by_sector".into(), Value::Object(by));
    }
    if want(Metric::Silo) {
        let matrix = tie_matrix(view, &grouping);
        let gaps = silo_gaps(view, &grouping, &GapOptions::default(), control)?;
        let g = grouping.len();
        let gname = |i: usize| grouping.names.get(i).cloned().unwrap_or_default();
        let person = |v: usize| json!({"id": id(v), "name": name(v), "group": grouping.name_of(v)});
        top.insert(
            "silo".into(),
            json!({
                "groups": grouping.names,
                "sizes": matrix.sizes,
                "ties": matrix.ties,
                "density": (0..g).map(|a| (0..g).map(|b| opt(matrix.density(a, b))).collect::<Vec<_>>()).collect::<Vec<_>>(),
                "baseline_density": opt(gaps.baseline_density),
                "thin_below": num(gaps.thin_below),
                "gap_count": gaps.gap_count,
                "gaps": gaps.gaps.iter().map(|gap| json!({
                    "groups": [gname(gap.first), gname(gap.second)],
                    "kind": match gap.kind { GapKind::NoTies => "no ties", GapKind::Thin => "thin" },
                    "ties": gap.ties,
                    "density": num(gap.density),
                    "relative_density": num(gap.relative_density),
                    "reachable": num(gap.reachable),
                    "within_two": num(gap.within_two),
                    "bridger_count": gap.bridger_count,
                    "bridgers": gap.bridgers.iter().map(|b| {
                        let mut p = person(b.node);
                        if let Value::Object(o) = &mut p {
                            o.insert("ties_to_first".into(), json!(b.ties_to_first));
                            o.insert("ties_to_second".into(), json!(b.ties_to_second));
                        }
                        p
                    }).collect::<Vec<_>>(),
                    "introductions": gap.introductions.iter().map(|i| json!({
                        "between": [person(i.first), person(i.second)],
                        "gain": num(i.gain),
                        "closeness_after": num(i.closeness_after),
                        "within_two_after": num(i.within_two_after),
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            }),
        );
    }
    if want(Metric::SectorCuts) {
        control.check()?;
        // Always by sector, whatever the grouping of the other sections.
        let sectors = Grouping::by(network, view, "sector").map_err(ReportError::Grouping)?;
        let cuts = sector_cuts(view, &sectors);
        top.insert(
            "sector_cuts".into(),
            Value::Array(
                cuts.iter()
                    .map(|c| {
                        let mut ids: Vec<String> = c.actors.iter().map(|&v| id(v)).collect();
                        ids.sort();
                        json!({"a": c.a, "b": c.b, "size": c.size, "actors": ids})
                    })
                    .collect(),
            ),
        );
    }
    if want(Metric::Resilience) {
        control.check()?;
        let weak = weak_components(view);
        let strong = strong_components(view);
        let cut = cut_points(view);
        graph.insert("components".into(), json!(weak.count));
        graph.insert("weak_components".into(), json!(weak.count));
        graph.insert("strong_components".into(), json!(strong.count));
        let isolates: Vec<String> = (0..n)
            .filter(|&v| view.out_neighbours(v).0.is_empty() && view.in_neighbours(v).0.is_empty())
            .map(id)
            .collect();
        graph.insert("isolates".into(), json!(isolates));
        let mut aps: Vec<String> = cut.articulation_points.iter().map(|&v| id(v)).collect();
        aps.sort();
        graph.insert("articulation_points".into(), json!(aps));
        let mut bridges: Vec<[String; 2]> = cut
            .bridges
            .iter()
            .map(|&(a, b)| {
                let (a, b) = (id(a), id(b));
                if a <= b { [a, b] } else { [b, a] }
            })
            .collect();
        bridges.sort();
        graph.insert("bridges".into(), json!(bridges));
        let f = fragmentation(view, &[]);
        let df = distance_fragmentation(view, &[], control)?;
        graph.insert("fragmentation".into(), num(f));
        graph.insert("distance_weighted_fragmentation".into(), num(df));
        // Single points of failure: who each articulation point alone holds on.
        let mut spof: Vec<(usize, Vec<usize>)> = cut
            .articulation_points
            .iter()
            .map(|&v| (v, cut_off_by(view, &weak.of, v)))
            .collect();
        spof.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        let kp = key_players(
            view,
            options.key_players,
            &KeyPlayerOptions::default(),
            control,
        )?;
        top.insert(
            "resilience".into(),
            json!({
                "fragmentation": num(f),
                "distance_weighted_fragmentation": num(df),
                "single_points_of_failure": spof.iter().take(25).map(|(v, cut)| json!({
                    "id": id(*v), "name": name(*v),
                    "cut_off": cut.len(),
                    "cut_off_actors": cut.iter().take(20).map(|&u| json!({"id": id(u), "name": name(u)})).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
                "key_players": {
                    "size": kp.members.len(),
                    "members": kp.members.iter().map(|&v| json!({"id": id(v), "name": name(v)})).collect::<Vec<_>>(),
                    "fragmentation_after": num(kp.fragmentation),
                    "distance_weighted_fragmentation_after": opt(kp.distance_weighted),
                },
            }),
        );
    }
    if want(Metric::Communities) {
        let by_group = modularity(view, &grouping.of, true);
        let by_group_unweighted = modularity(view, &grouping.of, false);
        graph.insert("modularity_sector".into(), num(by_group));
        graph.insert(
            "modularity_sector_unweighted".into(),
            num(by_group_unweighted),
        );
        let found = louvain(view, &LouvainOptions::default(), control)?;
        let found_unweighted = louvain(
            view,
            &LouvainOptions {
                weighted: false,
                ..LouvainOptions::default()
            },
            control,
        )?;
        graph.insert("community_modularity".into(), num(found.modularity));
        graph.insert(
            "community_modularity_unweighted".into(),
            num(found_unweighted.modularity),
        );
        graph.insert("communities".into(), json!(found.count));
        set("community", found.of.iter().map(|&c| json!(c)).collect());
        let members = found.members();
        top.insert(
            "communities".into(),
            json!({
                "count": found.count,
                "modularity": num(found.modularity),
                "modularity_by_group": num(by_group),
                "list": members.iter().enumerate().map(|(c, vs)| {
                    let mut groups: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
                    for &v in vs {
                        *groups.entry(grouping.name_of(v)).or_insert(0) += 1;
                    }
                    json!({"community": c, "size": vs.len(), "groups": groups, "members": vs.iter().map(|&v| id(v)).collect::<Vec<_>>()})
                }).collect::<Vec<_>>(),
            }),
        );
    }
    if want(Metric::Hidden) {
        let positions: Vec<Option<u8>> = (0..n)
            .map(|v| {
                view.id(v)
                    .and_then(|i| network.actor(i))
                    .and_then(|a| a.formal_position)
            })
            .collect();
        let degree: Vec<f64> = deg.degree.iter().map(|&d| d as f64).collect();
        let zeros = vec![0.0; n];
        let b = bt.as_ref().map(|b| &b.normalised).unwrap_or(&zeros);
        let h = cl.as_ref().map(|c| &c.harmonic).unwrap_or(&zeros);
        let hidden = hidden_influencers(&positions, &degree, b, h);
        set("network_standing", nums(&hidden.standing));
        let entry = |s: &super::hidden::Standing| {
            json!({"id": id(s.node), "name": name(s.node), "formal_position": s.position,
                   "standing": num(s.standing), "expected": num(s.expected), "z": num(s.z)})
        };
        top.insert(
            "hidden_influencers".into(),
            json!({
                "hidden": hidden.hidden.iter().map(entry).collect::<Vec<_>>(),
                "peripheral_seniors": hidden.peripheral_seniors.iter().map(entry).collect::<Vec<_>>(),
                "fit": hidden.fit.map(|(a, b)| json!({"intercept": a, "slope": b})),
                "note": hidden.note,
            }),
        );
    }
    if want(Metric::Coalition) {
        control.check()?;
        let b = bt
            .as_ref()
            .map(|b| b.normalised.clone())
            .unwrap_or_else(|| vec![0.0; n]);
        let inputs = CoalitionInputs::from_measures(&pr, &b);
        let c: Coalition = coalition(network, view, &inputs, &options.coalition);
        top.insert("coalition".into(), coalition_json(network, view, &c));
    }

    let mut node_map = Map::new();
    for (v, metrics) in nodes.into_iter().enumerate() {
        node_map.insert(id(v), Value::Object(metrics));
    }
    let mut out = Map::new();
    out.insert("graph".into(), Value::Object(graph));
    out.insert("nodes".into(), Value::Object(node_map));
    for (k, v) in top {
        out.insert(k, v);
    }
    Ok(Value::Object(out))
}

/// The actors that lose their connection to the rest of their component
/// when `v` leaves: every piece of v's component but the largest, after v
/// is removed. O(n + m).
fn cut_off_by(view: &AnalysisView, component: &[usize], v: usize) -> Vec<usize> {
    let n = view.node_count();
    let comp = component.get(v).copied();
    let mut piece = vec![usize::MAX; n];
    let mut pieces: Vec<Vec<usize>> = Vec::new();
    let out = view.out_csr();
    let inc = view.in_csr();
    for s in 0..n {
        if s == v || piece[s] != usize::MAX || component.get(s).copied() != comp {
            continue;
        }
        let p = pieces.len();
        let mut members = vec![s];
        piece[s] = p;
        let mut i = 0;
        while let Some(&x) = members.get(i) {
            i += 1;
            for &y in out.targets[out.range(x)]
                .iter()
                .chain(&inc.targets[inc.range(x)])
            {
                if y != v && piece[y] == usize::MAX {
                    piece[y] = p;
                    members.push(y);
                }
            }
        }
        pieces.push(members);
    }
    let largest = pieces
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i);
    let mut cut: Vec<usize> = pieces
        .into_iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != largest)
        .flat_map(|(_, m)| m)
        .collect();
    cut.sort_unstable();
    cut
}

/// The coalition as JSON, actors by id and name.
pub fn coalition_json(network: &Network, view: &AnalysisView, c: &Coalition) -> Value {
    let id = |v: usize| view.id(v).map(|i| i.to_string()).unwrap_or_default();
    let name = |v: usize| {
        view.id(v)
            .and_then(|i| network.actor(i))
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let stance = |s: crate::model::Stance| serde_json::to_value(s).unwrap_or(Value::Null);
    let prospect = |p: &super::coalition::Prospect| json!({"id": id(p.node), "name": name(p.node), "stance": stance(p.stance), "ties_to_coalition": p.ties_to_coalition});
    json!({
        "members": c.members.iter().map(|m| json!({"id": id(m.node), "name": name(m.node), "reasons": m.reasons})).collect::<Vec<_>>(),
        "score": num(c.score),
        "willingness": num(c.terms[0]),
        "influence": num(c.terms[1]),
        "reach": num(c.terms[2]),
        "diversity": num(c.terms[3]),
        "reach_one_step": c.reach_one_step,
        "reach_two_steps": c.reach_two_steps,
        "reach_share": num(c.reach_share),
        "sectors_covered": c.sectors_covered,
        "sectors_missing": c.sectors_missing,
        "next_ring": c.next_ring.iter().map(prospect).collect::<Vec<_>>(),
        "to_win_over": c.to_win_over.iter().map(prospect).collect::<Vec<_>>(),
        "notes": c.notes,
    })
}
