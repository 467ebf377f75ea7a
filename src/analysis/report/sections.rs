//! The report's result sections beside `"graph"` and `"nodes"`: brokers,
//! silo, sector cuts, resilience, communities, hidden influencers and the
//! coalition, each a typed value with the JSON key names, and the
//! graph-level values the measures add to `"graph"`.

use super::nodes::Roles;
use crate::analysis::coalition::{Coalition, Prospect};
use crate::analysis::groups::Grouping;
use crate::analysis::hidden::Standing;
use crate::analysis::silo::{Gap, GapKind, SiloGaps, TieMatrix};
use crate::model::{AnalysisView, Network, Stance};
use serde::Serialize;
use serde::ser::Serializer;
use std::collections::BTreeMap;

/// Names in order with a value each, written as a JSON object (keys in
/// this order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NamedValues<T>(pub Vec<(String, T)>);

impl<T: Serialize> Serialize for NamedValues<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// Node indices to actor ids and names.
#[derive(Clone, Copy)]
pub(super) struct Actors<'a> {
    pub network: &'a Network,
    pub view: &'a AnalysisView,
}

impl Actors<'_> {
    /// The actor id of node `v` ("" if out of range).
    pub fn id(&self, v: usize) -> String {
        self.view.id(v).map(|i| i.to_string()).unwrap_or_default()
    }

    /// The name of node `v`'s actor ("" if unknown).
    pub fn name(&self, v: usize) -> String {
        self.view
            .id(v)
            .and_then(|i| self.network.actor(i))
            .map(|a| a.name.clone())
            .unwrap_or_default()
    }

    /// Id and name of node `v`.
    pub fn named(&self, v: usize) -> Named {
        Named {
            id: self.id(v),
            name: self.name(v),
        }
    }
}

/// An actor by id and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Named {
    /// The actor's id.
    pub id: String,
    /// The actor's name.
    pub name: String,
}

/// A broker and the sentence that says what it links (`"brokers"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BrokerLine {
    /// The actor's id.
    pub id: String,
    /// The actor's name.
    pub name: String,
    /// What it brokers, in words.
    pub sentence: String,
}

/// The E-I counts of one group (`"ei_by_sector"`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct EiGroup {
    /// (E − I) / (E + I); null without ties.
    pub ei_index: Option<f64>,
    /// Ties to other groups.
    pub external: u64,
    /// Ties within the group.
    pub internal: u64,
}

/// The graph-level E-I values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EiGraph {
    /// The map's E-I index; null without ties.
    pub ei_index: Option<f64>,
    /// Ties between groups.
    pub ei_external: u64,
    /// Ties within groups.
    pub ei_internal: u64,
    /// Each group's counts.
    pub ei_by_sector: NamedValues<EiGroup>,
}

/// The graph-level resilience values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResilienceGraph {
    /// Weak components (the reference's `components`).
    pub components: usize,
    /// Weak components.
    pub weak_components: usize,
    /// Strong components.
    pub strong_components: usize,
    /// Actors with no tie, by id.
    pub isolates: Vec<String>,
    /// Articulation points, by id, sorted.
    pub articulation_points: Vec<String>,
    /// Bridges as sorted id pairs, sorted.
    pub bridges: Vec<[String; 2]>,
    /// Fragmentation F.
    pub fragmentation: f64,
    /// Distance-weighted fragmentation DF.
    pub distance_weighted_fragmentation: f64,
}

/// The graph-level community values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommunityGraph {
    /// Modularity of the groups as a partition (weighted).
    pub modularity_sector: f64,
    /// The same, unweighted.
    pub modularity_sector_unweighted: f64,
    /// Modularity of the Louvain communities (weighted).
    pub community_modularity: f64,
    /// Modularity of the unweighted Louvain run.
    pub community_modularity_unweighted: f64,
    /// Number of communities found.
    pub communities: usize,
}

/// Graph-level values (`"graph"`); the measures' own values are `None`
/// when not asked for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GraphValues {
    /// Nodes.
    pub n: usize,
    /// Edges (arcs if directed).
    pub m: usize,
    /// Whether the view is directed.
    pub directed: bool,
    /// m / (n(n − 1)) directed, 2m / (n(n − 1)) undirected; 0 below 2 nodes.
    pub density: f64,
    /// The grouping attribute.
    pub group_by: String,
    /// Actors per group, in group order.
    pub sector_sizes: NamedValues<usize>,
    /// What a weight means in the `*_weighted` path measures: "distance",
    /// "strength" (1/strength) or "hops".
    pub weighted_paths: &'static str,
    /// Brokerage role totals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brokerage_totals: Option<Roles>,
    /// E-I values.
    #[serde(flatten)]
    pub ei: Option<EiGraph>,
    /// Components, cut points, fragmentation.
    #[serde(flatten)]
    pub resilience: Option<ResilienceGraph>,
    /// Modularity and communities.
    #[serde(flatten)]
    pub communities: Option<CommunityGraph>,
}

/// An actor with their group (silo bridgers and introductions).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GroupedActor {
    /// The actor's id.
    pub id: String,
    /// The actor's name.
    pub name: String,
    /// The actor's group.
    pub group: String,
}

/// Someone already tied into both groups of a gap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BridgerLine {
    /// The actor's id.
    pub id: String,
    /// The actor's name.
    pub name: String,
    /// The actor's group.
    pub group: String,
    /// Ties to the gap's first group.
    pub ties_to_first: u64,
    /// Ties to the gap's second group.
    pub ties_to_second: u64,
}

/// A suggested introduction across a gap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IntroductionLine {
    /// The two people to introduce.
    pub between: [GroupedActor; 2],
    /// The gain in closeness between the groups.
    pub gain: f64,
    /// Closeness between the groups afterwards.
    pub closeness_after: f64,
    /// Share of pairs within two steps afterwards.
    pub within_two_after: f64,
}

/// One silo gap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GapLine {
    /// The two groups.
    pub groups: [String; 2],
    /// "no ties" or "thin".
    pub kind: &'static str,
    /// Direct ties between them.
    pub ties: u64,
    /// Their tie density.
    pub density: f64,
    /// Density relative to the map's baseline.
    pub relative_density: f64,
    /// Share of sampled pairs joined by a path.
    pub reachable: f64,
    /// Share of sampled pairs within two steps.
    pub within_two: f64,
    /// How many actors bridge them.
    pub bridger_count: usize,
    /// The bridgers listed.
    pub bridgers: Vec<BridgerLine>,
    /// Suggested introductions.
    pub introductions: Vec<IntroductionLine>,
}

/// The silo section (`"silo"`): the group × group matrix and the gaps.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SiloSection {
    /// Group names, matrix order.
    pub groups: Vec<String>,
    /// Actors per group.
    pub sizes: Vec<usize>,
    /// Ties from group to group.
    pub ties: Vec<Vec<u64>>,
    /// Tie density from group to group; null where no tie is possible.
    pub density: Vec<Vec<Option<f64>>>,
    /// The map's density between groups.
    pub baseline_density: Option<f64>,
    /// A pair is thin below this density.
    pub thin_below: f64,
    /// All gaps found (only the worst are listed).
    pub gap_count: usize,
    /// The worst gaps.
    pub gaps: Vec<GapLine>,
}

/// The fewest actors joining two sectors (`"sector_cuts"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SectorCutLine {
    /// The first sector (by name).
    pub a: String,
    /// The second sector.
    pub b: String,
    /// How many actors the cut has.
    pub size: usize,
    /// Their ids, sorted.
    pub actors: Vec<String>,
}

/// An articulation point and who it alone holds on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SinglePointLine {
    /// The actor's id.
    pub id: String,
    /// The actor's name.
    pub name: String,
    /// How many would be cut off if they left.
    pub cut_off: usize,
    /// The first 20 of them.
    pub cut_off_actors: Vec<Named>,
}

/// The key-player set.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KeyPlayersLine {
    /// Its size.
    pub size: usize,
    /// Its members.
    pub members: Vec<Named>,
    /// F without them.
    pub fragmentation_after: f64,
    /// DF without them (null: not computed for this objective).
    pub distance_weighted_fragmentation_after: Option<f64>,
}

/// The resilience section (`"resilience"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResilienceSection {
    /// Fragmentation F.
    pub fragmentation: f64,
    /// Distance-weighted fragmentation DF.
    pub distance_weighted_fragmentation: f64,
    /// Up to 25 articulation points, most cut off first.
    pub single_points_of_failure: Vec<SinglePointLine>,
    /// The key players.
    pub key_players: KeyPlayersLine,
}

/// One community.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CommunityLine {
    /// Its number.
    pub community: usize,
    /// Its members.
    pub size: usize,
    /// Members per group.
    pub groups: BTreeMap<String, usize>,
    /// Member ids.
    pub members: Vec<String>,
}

/// The communities section (`"communities"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommunitiesSection {
    /// Communities found.
    pub count: usize,
    /// Their modularity.
    pub modularity: f64,
    /// Modularity of the groups as a partition.
    pub modularity_by_group: f64,
    /// Each community.
    pub list: Vec<CommunityLine>,
}

/// An actor whose network standing differs from their formal position.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StandingLine {
    /// The actor's id.
    pub id: String,
    /// The actor's name.
    pub name: String,
    /// Formal position (1–5).
    pub formal_position: u8,
    /// Network standing.
    pub standing: f64,
    /// The standing expected from the position.
    pub expected: f64,
    /// How far from expected, in standard deviations.
    pub z: f64,
}

/// The straight line fitted to standing against formal position.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Fit {
    /// Standing at position 0.
    pub intercept: f64,
    /// Standing per position.
    pub slope: f64,
}

/// The hidden-influencer section (`"hidden_influencers"`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HiddenSection {
    /// Central in the network, junior on the org chart.
    pub hidden: Vec<StandingLine>,
    /// Senior, peripheral.
    pub peripheral_seniors: Vec<StandingLine>,
    /// The fit, if there were enough positions.
    pub fit: Option<Fit>,
    /// Why nothing could be said, if so.
    pub note: Option<String>,
}

/// A member of the coalition with the reasons for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MemberLine {
    /// The actor's id.
    pub id: String,
    /// The actor's name.
    pub name: String,
    /// Why they are in it.
    pub reasons: Vec<String>,
}

/// Someone to approach next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ProspectLine {
    /// The actor's id.
    pub id: String,
    /// The actor's name.
    pub name: String,
    /// Their stance.
    pub stance: Stance,
    /// Members they are tied to.
    pub ties_to_coalition: usize,
}

/// The coalition section (`"coalition"`, and `bridgework coalition
/// --format json`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoalitionSection {
    /// The members, in the order chosen.
    pub members: Vec<MemberLine>,
    /// The weighted score.
    pub score: f64,
    /// The willingness term.
    pub willingness: f64,
    /// The influence term.
    pub influence: f64,
    /// The reach term.
    pub reach: f64,
    /// The diversity term.
    pub diversity: f64,
    /// Non-members one step from a member.
    pub reach_one_step: usize,
    /// Non-members within two steps.
    pub reach_two_steps: usize,
    /// Share of the map within two steps.
    pub reach_share: f64,
    /// Sectors with a member.
    pub sectors_covered: Vec<String>,
    /// Sectors without one.
    pub sectors_missing: Vec<String>,
    /// Who to approach next.
    pub next_ring: Vec<ProspectLine>,
    /// Sceptics worth winning over.
    pub to_win_over: Vec<ProspectLine>,
    /// Notes on the choice.
    pub notes: Vec<String>,
}

impl CoalitionSection {
    /// The coalition `c` with actors by id and name.
    pub fn new(network: &Network, view: &AnalysisView, c: &Coalition) -> Self {
        let actors = Actors { network, view };
        let prospect = |p: &Prospect| ProspectLine {
            id: actors.id(p.node),
            name: actors.name(p.node),
            stance: p.stance,
            ties_to_coalition: p.ties_to_coalition,
        };
        Self {
            members: c
                .members
                .iter()
                .map(|m| MemberLine {
                    id: actors.id(m.node),
                    name: actors.name(m.node),
                    reasons: m.reasons.clone(),
                })
                .collect(),
            score: c.score,
            willingness: c.terms[0],
            influence: c.terms[1],
            reach: c.terms[2],
            diversity: c.terms[3],
            reach_one_step: c.reach_one_step,
            reach_two_steps: c.reach_two_steps,
            reach_share: c.reach_share,
            sectors_covered: c.sectors_covered.clone(),
            sectors_missing: c.sectors_missing.clone(),
            next_ring: c.next_ring.iter().map(prospect).collect(),
            to_win_over: c.to_win_over.iter().map(prospect).collect(),
            notes: c.notes.clone(),
        }
    }
}

impl SiloSection {
    /// The matrix and gaps with groups by name and actors by id and name.
    pub(super) fn new(
        actors: Actors<'_>,
        grouping: &Grouping,
        matrix: &TieMatrix,
        gaps: &SiloGaps,
    ) -> Self {
        let g = grouping.len();
        let gname = |i: usize| grouping.names.get(i).cloned().unwrap_or_default();
        let group_of = |v: usize| grouping.name_of(v).to_owned();
        let person = |v: usize| GroupedActor {
            id: actors.id(v),
            name: actors.name(v),
            group: group_of(v),
        };
        let gap_line = |gap: &Gap| GapLine {
            groups: [gname(gap.first), gname(gap.second)],
            kind: match gap.kind {
                GapKind::NoTies => "no ties",
                GapKind::Thin => "thin",
            },
            ties: gap.ties,
            density: gap.density,
            relative_density: gap.relative_density,
            reachable: gap.reachable,
            within_two: gap.within_two,
            bridger_count: gap.bridger_count,
            bridgers: gap
                .bridgers
                .iter()
                .map(|b| BridgerLine {
                    id: actors.id(b.node),
                    name: actors.name(b.node),
                    group: group_of(b.node),
                    ties_to_first: b.ties_to_first,
                    ties_to_second: b.ties_to_second,
                })
                .collect(),
            introductions: gap
                .introductions
                .iter()
                .map(|i| IntroductionLine {
                    between: [person(i.first), person(i.second)],
                    gain: i.gain,
                    closeness_after: i.closeness_after,
                    within_two_after: i.within_two_after,
                })
                .collect(),
        };
        Self {
            groups: grouping.names.clone(),
            sizes: matrix.sizes.clone(),
            ties: matrix.ties.clone(),
            density: (0..g)
                .map(|a| (0..g).map(|b| matrix.density(a, b)).collect())
                .collect(),
            baseline_density: gaps.baseline_density,
            thin_below: gaps.thin_below,
            gap_count: gaps.gap_count,
            gaps: gaps.gaps.iter().map(gap_line).collect(),
        }
    }
}

impl StandingLine {
    /// One standing with the actor's id and name.
    pub(super) fn new(actors: Actors<'_>, s: &Standing) -> Self {
        Self {
            id: actors.id(s.node),
            name: actors.name(s.node),
            formal_position: s.position,
            standing: s.standing,
            expected: s.expected,
            z: s.z,
        }
    }
}
