//! The full analysis of a map as one typed [`Report`], for `bridgework
//! analyse`, the insight panels and exports: `"graph"` with graph-level
//! values and `"nodes"` mapping each actor id to its measures, under
//! **exactly the key names of the reference data** (`tests/data/README.md`),
//! plus the silo, resilience, community, hidden-influencer and coalition
//! results under their own keys.
//!
//! [`Report`] derives `Serialize`: written with serde_json it is the
//! report's JSON, keys in report order (a section or key is left out when
//! its measure was not asked for). Numbers that are not finite (NaN, ±∞)
//! are written as `null`, and so are undefined values (`None`). [`report`]
//! gives the same as a `serde_json::Value`.
//!
//! Which measure runs is chosen with [`Metric`]; each measure's definition
//! lives in its own module, and each report section is made by one function
//! in `measures.rs`.

mod measures;
mod nodes;
mod sections;

pub use nodes::{
    BetweennessColumns, ClosenessColumns, ClusteringColumns, DegreeColumns, DirectedDegreeColumns,
    EiColumns, EigenvectorColumns, NodeMeasures, PagerankColumns, Roles, StructuralHolesColumns,
};
pub use sections::{
    BridgerLine, BrokerLine, CoalitionSection, CommunitiesSection, CommunityGraph, CommunityLine,
    EiGraph, EiGroup, Fit, GapLine, GraphValues, GroupedActor, HiddenSection, IntroductionLine,
    KeyPlayersLine, MemberLine, Named, NamedValues, ProspectLine, ResilienceGraph,
    ResilienceSection, SectorCutLine, SiloSection, SinglePointLine, StandingLine,
};

use super::coalition::{CoalitionInputs, CoalitionOptions, coalition};
use super::control::{Cancelled, Control};
use super::groups::Grouping;
use super::shortest_paths::PathLength;
use super::{
    MAX_CUT_GROUPS, MAX_SILO_GROUPS, betweenness, betweenness_and_closeness, closeness, degrees,
    pagerank,
};
use crate::model::{AnalysisView, Network};
use measures::*;
use sections::Actors;
use serde::Serialize;
use serde_json::Value;
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
    /// The report could not be turned into a JSON value.
    #[error("the report could not be written as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The full analysis of a map; see the module docs. Sections and node
/// columns are `None` when their measure was not asked for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// Graph-level values.
    pub graph: GraphValues,
    /// Every node measure, by actor id.
    pub nodes: NodeMeasures,
    /// The first 50 brokers with what they link (brokerage).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brokers: Option<Vec<BrokerLine>>,
    /// The group × group matrix and the gaps (silo).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub silo: Option<SiloSection>,
    /// The fewest actors joining each pair of sectors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector_cuts: Option<Vec<SectorCutLine>>,
    /// Fragmentation, single points of failure, key players.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resilience: Option<ResilienceSection>,
    /// The Louvain communities.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub communities: Option<CommunitiesSection>,
    /// Hidden influencers and peripheral seniors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hidden_influencers: Option<HiddenSection>,
    /// The coalition of the willing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coalition: Option<CoalitionSection>,
}

impl Report {
    /// Runs the measures `options` asks for (all if none) on `view` of
    /// `network`. Every long stage reports progress to and checks the
    /// cancel flag of `control`.
    pub fn compute(
        network: &Network,
        view: &AnalysisView,
        options: &ReportOptions,
        control: &Control,
    ) -> Result<Report, ReportError> {
        let want = |m: Metric| options.metrics.is_empty() || options.metrics.contains(&m);
        let n = view.node_count();
        let directed = view.is_directed();
        let grouping =
            Grouping::by(network, view, &options.group_by).map_err(ReportError::Grouping)?;
        // Refused before any measure runs, not after minutes of them.
        if want(Metric::Silo) {
            grouping
                .at_most(MAX_SILO_GROUPS, "the silo section")
                .map_err(ReportError::Grouping)?;
        }
        // The sector cuts always compare sectors, whatever `group_by` says.
        let sectors = if want(Metric::SectorCuts) {
            let sectors = Grouping::by(network, view, "sector").map_err(ReportError::Grouping)?;
            sectors
                .at_most(MAX_CUT_GROUPS, "the sector cuts section")
                .map_err(ReportError::Grouping)?;
            Some(sectors)
        } else {
            None
        };
        let actors = Actors { network, view };
        let mut report = Report {
            graph: graph_values(view, &grouping, options),
            nodes: NodeMeasures {
                ids: (0..n).map(|v| actors.id(v)).collect(),
                ..NodeMeasures::default()
            },
            brokers: None,
            silo: None,
            sector_cuts: None,
            resilience: None,
            communities: None,
            hidden_influencers: None,
            coalition: None,
        };
        let nodes = &mut report.nodes;

        // Results more than one section reads.
        let deg = degrees(view);
        let hops_betweenness =
            if want(Metric::Betweenness) || want(Metric::Hidden) || want(Metric::Coalition) {
                Some(betweenness(view, PathLength::Hops, control)?)
            } else {
                None
            };
        let hops_closeness = if want(Metric::Closeness) || want(Metric::Hidden) {
            Some(closeness(view, PathLength::Hops, control)?)
        } else {
            None
        };
        let pr = if want(Metric::Pagerank) || want(Metric::Coalition) {
            pagerank(view, 0.85, true)
        } else {
            Vec::new()
        };

        if want(Metric::Degree) {
            nodes.degree = Some(degree_columns(&deg, directed));
        }
        // The weighted path measures share one search per source where the
        // view allows (see `betweenness_and_closeness`).
        let (weighted_betweenness, weighted_closeness) =
            match (want(Metric::Betweenness), want(Metric::Closeness)) {
                (true, true) => {
                    let (b, c) = betweenness_and_closeness(view, options.weighted_paths, control)?;
                    (Some(b), Some(c))
                }
                (true, false) => (
                    Some(betweenness(view, options.weighted_paths, control)?),
                    None,
                ),
                (false, true) => (
                    None,
                    Some(closeness(view, options.weighted_paths, control)?),
                ),
                (false, false) => (None, None),
            };
        if let (Some(hops), Some(weighted)) = (&hops_betweenness, weighted_betweenness) {
            nodes.betweenness = Some(betweenness_columns(hops, weighted));
        }
        if let (Some(hops), Some(weighted)) = (&hops_closeness, weighted_closeness) {
            nodes.closeness = Some(closeness_columns(hops, weighted));
        }
        if want(Metric::Eigenvector) {
            control.check()?;
            nodes.eigenvector = Some(eigenvector_columns(view));
        }
        if want(Metric::Pagerank) {
            control.check()?;
            nodes.pagerank = Some(pagerank_columns(view, &pr));
        }
        if want(Metric::Clustering) {
            control.check()?;
            nodes.clustering = Some(clustering_columns(view));
        }
        if want(Metric::Reach) {
            control.check()?;
            nodes.reach_2step = Some(reach_column(view));
        }
        if want(Metric::StructuralHoles) {
            control.check()?;
            nodes.structural_holes = Some(structural_holes_columns(view));
        }
        if want(Metric::Brokerage) {
            control.check()?;
            let (roles, totals, brokers) = brokerage_section(actors, &grouping);
            nodes.brokerage = Some(roles);
            report.graph.brokerage_totals = Some(totals);
            report.brokers = Some(brokers);
        }
        if want(Metric::Ei) {
            control.check()?;
            let (columns, graph) = ei_section(view, &grouping);
            nodes.ei = Some(columns);
            report.graph.ei = Some(graph);
        }
        if want(Metric::Silo) {
            report.silo = Some(silo_section(actors, &grouping, control)?);
        }
        if let Some(sectors) = &sectors {
            control.check()?;
            report.sector_cuts = Some(sector_cuts_section(actors, sectors));
        }
        if want(Metric::Resilience) {
            control.check()?;
            let (graph, section) = resilience_section(actors, options.key_players, control)?;
            report.graph.resilience = Some(graph);
            report.resilience = Some(section);
        }
        if want(Metric::Communities) {
            let (of, graph, section) = communities_section(actors, &grouping, control)?;
            nodes.community = Some(of);
            report.graph.communities = Some(graph);
            report.communities = Some(section);
        }
        if want(Metric::Hidden) {
            let zeros = vec![0.0; n];
            let b = hops_betweenness.as_ref().map_or(&zeros, |b| &b.normalised);
            let h = hops_closeness.as_ref().map_or(&zeros, |c| &c.harmonic);
            let (standing, section) = hidden_section(actors, &deg.degree, b, h);
            nodes.network_standing = Some(standing);
            report.hidden_influencers = Some(section);
        }
        if want(Metric::Coalition) {
            control.check()?;
            let b = hops_betweenness
                .as_ref()
                .map(|b| b.normalised.clone())
                .unwrap_or_else(|| vec![0.0; n]);
            let inputs = CoalitionInputs::from_measures(&pr, &b);
            let c = coalition(network, view, &inputs, &options.coalition);
            report.coalition = Some(CoalitionSection::new(network, view, &c));
        }
        Ok(report)
    }
}

/// The full report as a JSON value ([`Report::compute`], then
/// `serde_json::to_value`); see the module docs.
pub fn report(
    network: &Network,
    view: &AnalysisView,
    options: &ReportOptions,
    control: &Control,
) -> Result<Value, ReportError> {
    let r = Report::compute(network, view, options, control)?;
    Ok(serde_json::to_value(&r)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Tie, ViewOptions};
    use std::sync::atomic::AtomicBool;

    /// `k` actors in a ring, each in a sector of its own.
    fn ring(k: usize) -> Network {
        let mut n = Network::new();
        let mut lists = crate::model::ListIndex::default();
        for i in 0..k {
            let sector = format!("sector {i}");
            n.ensure_sector_in(&mut lists, &sector);
            n.add_actor(Actor::new(format!("a{i}"), "A", sector))
                .unwrap();
        }
        for i in 0..k {
            let tie = Tie::new(
                format!("t{i}"),
                format!("a{i}"),
                format!("a{}", (i + 1) % k),
                "collaboration",
                false,
            );
            n.add_tie(tie).unwrap();
        }
        n
    }

    /// With the cancel flag set, a report that runs any measure ends
    /// `Cancelled`: a refusal for too many sectors comes before them.
    #[test]
    fn too_many_sectors_are_refused_before_any_measure_runs() {
        let cancel = AtomicBool::new(true);
        let control = Control::new(Some(&cancel), None);
        let all = ReportOptions::default();
        let compute = |n: &Network, options: &ReportOptions| {
            let view = AnalysisView::new(n, &ViewOptions::default());
            Report::compute(n, &view, options, &control)
        };
        let many = ring(MAX_SILO_GROUPS + 1);
        match compute(&many, &all) {
            Err(ReportError::Grouping(e)) => {
                assert!(
                    e.starts_with("the map has 1001 sectors; the silo section"),
                    "{e}"
                )
            }
            other => panic!("{:?}", other.map(|_| ())),
        }
        let cuts_only = ReportOptions {
            metrics: [Metric::SectorCuts].into(),
            ..ReportOptions::default()
        };
        let some = ring(MAX_CUT_GROUPS + 1);
        match compute(&some, &cuts_only) {
            Err(ReportError::Grouping(e)) => assert!(e.contains("the sector cuts section"), "{e}"),
            other => panic!("{:?}", other.map(|_| ())),
        }
        // The silo section alone takes 101 sectors; at 100 the cuts do too.
        let silo_only = ReportOptions {
            metrics: [Metric::Silo].into(),
            ..ReportOptions::default()
        };
        assert!(matches!(
            compute(&some, &silo_only),
            Err(ReportError::Cancelled(_))
        ));
        let within = ring(MAX_CUT_GROUPS);
        assert!(matches!(
            compute(&within, &all),
            Err(ReportError::Cancelled(_))
        ));
        cancel.store(false, std::sync::atomic::Ordering::Relaxed);
        let report = compute(&within, &all).unwrap();
        assert_eq!(report.sector_cuts.map(|c| c.len()), Some(100 * 99 / 2));
    }
}
