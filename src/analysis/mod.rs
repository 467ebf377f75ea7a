//! Network analysis over the [`AnalysisView`] of a map: pure functions, one
//! measure per file, each documenting its definition, conventions (what a
//! weight means there), normalisation and complexity.
//!
//! Conventions shared by every measure (those of `tests/data/README.md`,
//! networkx 3.6.1):
//! * the graph is the simple graph of the view (self-loops dropped, parallel
//!   ties merged with strengths summed);
//! * a tie's weight is a **strength** (a multiplier) in strength, PageRank,
//!   eigenvector, constraint, effective size and modularity;
//! * path measures take a [`PathLength`]: hops, the weight as a distance
//!   (the reference's convention for `*_weighted`), or 1/strength (the
//!   default in Bridgework, where a strong tie is a short path);
//! * results are indexed by node (`view.id(i)`); undefined values are `None`.
//!
//! Long measures take a [`Control`]: they check its cancel flag at least
//! once per source node and report progress, so the UI can run them on a
//! worker thread. Must not depend on egui, rfd, `io` or `cli`.

mod articulation;
mod betweenness;
mod brokerage;
mod closeness;
mod clustering;
mod coalition;
mod community;
mod components;
mod control;
mod degree;
mod eigenvector;
mod groups;
mod hidden;
mod neighbourhood;
mod pagerank;
mod parallel;
mod rank;
mod reach;
pub mod report;
mod resilience;
mod sector_cut;
mod shortest_paths;
mod silo;
mod structural_holes;

pub use articulation::{CutPoints, cut_points};
pub use betweenness::{Betweenness, betweenness, betweenness_and_closeness};
pub use brokerage::{
    BrokerProfile, Brokerage, GroupLink, Role, RoleCounts, broker_profile, broker_profiles,
    brokerage, describe_brokers,
};
pub use closeness::{Closeness, closeness};
pub use clustering::{Clustering, clustering};
pub use coalition::{
    Coalition, CoalitionInputs, CoalitionOptions, CoalitionWeights, Member, Prospect, coalition,
};
pub use community::{Communities, LouvainOptions, louvain, modularity};
pub use components::{
    Components, is_connected, strong_components, weak_components, weak_components_without,
};
pub use control::{Cancelled, Control, ProgressFn};
pub use degree::{Degrees, degrees};
pub use eigenvector::eigenvector;
pub use groups::{GROUPABLE, Grouping};
pub use hidden::{HiddenInfluence, Standing, hidden_influencers};
pub use neighbourhood::neighbourhood;
pub use pagerank::pagerank;
pub use rank::percentile_ranks;
pub use reach::two_step_reach;
pub use report::{Metric, Report, ReportError, ReportOptions};
pub use resilience::{
    CutOff, FragmentationScores, GroupTies, KeyPlayerObjective, KeyPlayerOptions, KeyPlayers,
    LostTie, RemovalImpact, distance_fragmentation, fragmentation, fragmentation_scores,
    key_players, removal_impact,
};
pub use sector_cut::{MAX_CUT_GROUPS, SectorCut, cut_sentence, sector_cuts};
pub use shortest_paths::PathLength;
pub use silo::{
    Bridger, EiCounts, EiIndex, Gap, GapKind, GapOptions, Introduction, MAX_SILO_GROUPS, NodeEi,
    SiloGaps, TieMatrix, ei_index, silo_gaps, tie_matrix,
};
pub use structural_holes::{
    Redundancy, StructuralHoles, constraint, effective_size, structural_holes,
    structural_holes_with,
};

pub use crate::model::AnalysisView;
