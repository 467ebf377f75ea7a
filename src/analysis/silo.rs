//! Silos: the group × group tie matrix, Krackhardt's E-I index, and the
//! gaps between groups with who already bridges them and which
//! introductions would close them.
//!
//! # Definitions
//! * **Tie matrix** ([`tie_matrix`]): `ties[g][h]` is the number of edges
//!   between members of g and members of h (within g on the diagonal); in a
//!   directed view the number of arcs from g to h. Density is ties over
//!   possible pairs: within g, s(s−1)/2 undirected or s(s−1) directed;
//!   between g and h, s_g·s_h per cell, so an unordered pair of groups has
//!   s_g·s_h possible edges undirected and 2·s_g·s_h possible arcs directed.
//! * **E-I index** ([`ei_index`], Krackhardt & Stern 1988, the reference's
//!   `ei_stats`): (E − I)/(E + I) with E the external ties (ends in
//!   different groups) and I the internal ones, unweighted. At graph level
//!   every edge counts once, in a directed view every arc (a reciprocated
//!   pair counts twice). Per group, E = edges with exactly one end in the
//!   group, I = edges with both. Per node, over the node's incident edges;
//!   directed: out-arcs plus in-arcs, also split into out and in.
//!   Undefined (E + I = 0, e.g. an isolate): `None`.
//! * **Gaps** ([`silo_gaps`]): a pair of distinct groups (each with ≥ 1
//!   member, the `(none)` group left out) whose between-group density is
//!   zero (**no ties**) or below `thin_fraction` (default ½) of the map's
//!   **baseline**, the density of all ties between those groups taken
//!   together (`(none)` left out here too)
//!   (**thin**: "less than half as connected as groups in this map usually
//!   are"). Worst first: by density relative to the baseline, then by the
//!   share of member pairs that can reach each other at all, then larger
//!   groups first, then group order. So groups with no tie and no path at
//!   all come first.
//! * For each gap, the **bridgers**: members of one group with ties into
//!   the other, and outsiders with ties into both (a two-step link), sorted
//!   by the number of cross-group links they hold (ties across for a member;
//!   min(ties to either group) for an outsider), then members before
//!   outsiders, then by their ties to the two groups, then node order.
//! * And the **introductions**: untied pairs (u in the first group, w in
//!   the second) whose new tie would most raise the **closeness between
//!   the groups**, the mean of 1/d(x, y) over member pairs (x, y) (0 when y
//!   cannot be reached, so joining two disconnected groups scores highest).
//!   With the tie u–w, d′(x, y) = min(d(x, y), d(x, u) + 1 + d(w, y),
//!   d(x, w) + 1 + d(u, y)), exactly. Gain = closeness after − before.
//!   Ranked by gain, then by the share of member pairs within two steps
//!   after, then by the candidates' rank (better-connected first).
//!
//! # Conventions and bounds
//! * Gaps are about who can talk to whom, so they use the **underlying
//!   undirected** graph (an arc in either direction is a tie, weights
//!   ignored); an introduction is a mutual tie between two actors not yet
//!   tied either way.
//! * Candidates: the `candidates` (K = 10) members of each group with the
//!   most ties (then most ties inside the group, then node order).
//! * Closeness between groups is measured over `samples` (L = 32) members
//!   of each group, spread evenly over the map order (all members of a
//!   smaller group), so it is exact for groups of ≤ L actors and a
//!   deterministic estimate otherwise. `reachable` is always exact.
//! * Only the worst `max_gaps` (12) gaps are reported, with at most
//!   `max_bridgers` (10) bridgers and `max_introductions` (5) introductions
//!   each; `gap_count` and `bridger_count` say how many there were.
//!   Introductions with no gain are left out.
//!
//! # Complexity
//! Tie matrix and E-I: O(n + m). Gaps: O(n + m + k²·c) to rank the k
//! groups' pairs (c ≤ the components a group meets), then one breadth-first
//! search per sampled member of the groups in the reported gaps, at most
//! min(k, 2·max_gaps)·L searches of O(n + m) each, run in parallel (the
//! cancel flag is checked once per search), then per reported gap
//! O(Σ degree over both groups) for the bridgers and O(K²·L²) for the
//! introductions. A 20,000-actor map with 11 sectors needs at most 352
//! searches.
//!
//! # Example
//! ```
//! use bridgework::analysis::{ei_index, silo_gaps, Control, GapKind, GapOptions, Grouping};
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! let mut n = Network::new();
//! for (id, sector) in [("a", "primary care"), ("b", "primary care"),
//!                      ("c", "hospital care"), ("d", "hospital care"), ("e", "social care")] {
//!     n.add_actor(Actor::new(id, id, sector)).unwrap();
//! }
//! for (t, x, y) in [("t1", "a", "b"), ("t2", "b", "c"), ("t3", "c", "d"),
//!                   ("t4", "c", "e"), ("t5", "d", "e")] {
//!     n.add_tie(Tie::new(t, x, y, "collaboration", false)).unwrap();
//! }
//! let view = AnalysisView::new(&n, &ViewOptions::default());
//! let groups = Grouping::by(&n, &view, "sector").unwrap();
//! let ei = ei_index(&view, &groups);
//! assert_eq!((ei.graph.external, ei.graph.internal), (3, 2));
//! assert_eq!(ei.graph.index(), Some(0.2));
//! let s = silo_gaps(&view, &groups, &GapOptions::default(), &Control::none()).unwrap();
//! assert_eq!(s.baseline_density, Some(0.375)); // 3 ties of 8 possible
//! let gap = &s.gaps[0];
//! // primary care (group 0) and social care (group 2) have no tie.
//! assert_eq!((gap.first, gap.second, gap.kind), (0, 2, GapKind::NoTies));
//! // c (node 2) is tied to b in primary care and to e in social care.
//! assert_eq!((gap.bridgers[0].node, gap.bridgers[0].ties_to_first), (2, 1));
//! // Closeness now (1/3 + 1/2)/2; introducing b (the better-connected) or a
//! // to e raises it to (1 + 1/2)/2.
//! assert!((gap.closeness - 5.0 / 12.0).abs() < 1e-12);
//! let best = &gap.introductions[0];
//! assert_eq!((best.first, best.second), (1, 4));
//! assert!((best.gain - 1.0 / 3.0).abs() < 1e-12);
//! ```

use super::components::weak_components;
use super::control::{Cancelled, Control};
use super::groups::Grouping;
use super::parallel::in_chunks;
use crate::model::AnalysisView;
use std::cmp::Reverse;

/// The name of the group of actors with no value; never part of a gap.
const NONE_GROUP: &str = "(none)";

/// The group of node v, if the grouping covers it.
fn group_of(grouping: &Grouping, v: usize) -> Option<usize> {
    grouping
        .of
        .get(v)
        .copied()
        .filter(|&g| g < grouping.names.len())
}

/// Ties between and within groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TieMatrix {
    /// Whether the view is directed (`ties` is then arcs from row to column).
    pub directed: bool,
    /// The number of members of each group.
    pub sizes: Vec<usize>,
    /// `ties[g][h]`: edges between g and h (symmetric), or arcs from g to h
    /// if directed; `ties[g][g]`: edges (arcs) within g.
    pub ties: Vec<Vec<u64>>,
}

impl TieMatrix {
    /// The number of groups.
    pub fn len(&self) -> usize {
        self.sizes.len()
    }

    /// Whether there are no groups.
    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// The possible edges (arcs) of cell (g, h): s(s−1)/2 within g
    /// (s(s−1) directed), s_g·s_h between.
    pub fn possible(&self, g: usize, h: usize) -> u64 {
        let s = |g: usize| self.sizes.get(g).copied().unwrap_or(0) as u64;
        if g == h {
            let within = s(g) * s(g).saturating_sub(1);
            if self.directed { within } else { within / 2 }
        } else {
            s(g) * s(h)
        }
    }

    /// The ties of cell (g, h) (0 out of range).
    pub fn cell(&self, g: usize, h: usize) -> u64 {
        self.ties
            .get(g)
            .and_then(|r| r.get(h))
            .copied()
            .unwrap_or(0)
    }

    /// The density of cell (g, h); `None` if no tie is possible.
    pub fn density(&self, g: usize, h: usize) -> Option<f64> {
        let p = self.possible(g, h);
        (p > 0).then(|| self.cell(g, h) as f64 / p as f64)
    }

    /// The ties between g and h in either direction (within g if g = h).
    pub fn between(&self, g: usize, h: usize) -> u64 {
        if self.directed && g != h {
            self.cell(g, h) + self.cell(h, g)
        } else {
            self.cell(g, h)
        }
    }

    /// The possible ties between g and h in either direction:
    /// s_g·s_h undirected, 2·s_g·s_h directed (within g as [`Self::possible`]).
    pub fn possible_between(&self, g: usize, h: usize) -> u64 {
        if self.directed && g != h {
            2 * self.possible(g, h)
        } else {
            self.possible(g, h)
        }
    }

    /// [`Self::between`] over [`Self::possible_between`]; `None` if no tie
    /// is possible.
    pub fn between_density(&self, g: usize, h: usize) -> Option<f64> {
        let p = self.possible_between(g, h);
        (p > 0).then(|| self.between(g, h) as f64 / p as f64)
    }
}

/// The most groups the silo map compares (see [`Grouping::at_most`]): its
/// matrix has a cell for each pair of groups and its gaps rank every pair,
/// so a file giving every actor a sector of its own (30,000 sectors:
/// a 7 GB matrix) would otherwise take the machine's memory.
pub const MAX_SILO_GROUPS: usize = 1_000;

/// The group × group tie matrix of `view`; see the module docs. O(n + m + k²)
/// for k groups (keep k to [`MAX_SILO_GROUPS`]).
pub fn tie_matrix(view: &AnalysisView, grouping: &Grouping) -> TieMatrix {
    let k = grouping.len();
    let mut sizes = vec![0usize; k];
    for v in 0..view.node_count() {
        if let Some(g) = group_of(grouping, v) {
            sizes[g] += 1;
        }
    }
    let mut ties = vec![vec![0u64; k]; k];
    for e in view.edges() {
        if let (Some(g), Some(h)) = (group_of(grouping, e.source), group_of(grouping, e.target)) {
            ties[g][h] += 1;
            if !view.is_directed() && g != h {
                ties[h][g] += 1;
            }
        }
    }
    TieMatrix {
        directed: view.is_directed(),
        sizes,
        ties,
    }
}

/// External and internal tie counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EiCounts {
    /// Ties to another group.
    pub external: u64,
    /// Ties within the group.
    pub internal: u64,
}

impl EiCounts {
    /// (E − I)/(E + I), in [−1, 1]; `None` if there is no tie.
    pub fn index(&self) -> Option<f64> {
        let total = self.external + self.internal;
        (total > 0).then(|| (self.external as f64 - self.internal as f64) / total as f64)
    }

    /// E + I.
    pub fn total(&self) -> u64 {
        self.external + self.internal
    }

    fn add(&mut self, external: bool) {
        if external {
            self.external += 1;
        } else {
            self.internal += 1;
        }
    }
}

/// The E-I counts of one node.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct NodeEi {
    /// Over all incident edges (directed: out-arcs plus in-arcs).
    pub all: EiCounts,
    /// Over out-arcs (undirected: equal to `all`).
    pub out: EiCounts,
    /// Over in-arcs (undirected: equal to `all`).
    pub inc: EiCounts,
}

/// Krackhardt's E-I index at graph, group and node level.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EiIndex {
    /// Every edge (arc) once.
    pub graph: EiCounts,
    /// `groups[g]`: E = edges with exactly one end in g, I = both ends.
    pub groups: Vec<EiCounts>,
    /// `nodes[v]`: over v's incident edges.
    pub nodes: Vec<NodeEi>,
}

impl EiIndex {
    /// The E-I index of every node over all its ties (`None`: isolate).
    pub fn node_index(&self) -> Vec<Option<f64>> {
        self.nodes.iter().map(|c| c.all.index()).collect()
    }
}

/// Krackhardt's E-I index of `view` by `grouping`; see the module docs.
/// O(n + m).
pub fn ei_index(view: &AnalysisView, grouping: &Grouping) -> EiIndex {
    let directed = view.is_directed();
    let mut graph = EiCounts::default();
    let mut groups = vec![EiCounts::default(); grouping.len()];
    let mut nodes = vec![NodeEi::default(); view.node_count()];
    for e in view.edges() {
        let (Some(g), Some(h)) = (group_of(grouping, e.source), group_of(grouping, e.target))
        else {
            continue;
        };
        let external = g != h;
        graph.add(external);
        groups[g].add(external);
        if external {
            groups[h].add(external);
        }
        nodes[e.source].out.add(external);
        nodes[e.target].inc.add(external);
        nodes[e.source].all.add(external);
        nodes[e.target].all.add(external);
    }
    if !directed {
        for c in &mut nodes {
            c.out = c.all;
            c.inc = c.all;
        }
    }
    EiIndex {
        graph,
        groups,
        nodes,
    }
}

/// How [`silo_gaps`] finds and explains gaps.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GapOptions {
    /// A pair of groups is thin below this fraction of the baseline
    /// between-group density (default 0.5).
    pub thin_fraction: f64,
    /// How many gaps to report, worst first (default 12).
    pub max_gaps: usize,
    /// Candidate members of each group for introductions (default 10).
    pub candidates: usize,
    /// Members of each group sampled to measure closeness (default 32).
    pub samples: usize,
    /// Bridgers listed per gap (default 10).
    pub max_bridgers: usize,
    /// Introductions suggested per gap (default 5).
    pub max_introductions: usize,
}

impl Default for GapOptions {
    fn default() -> Self {
        Self {
            thin_fraction: 0.5,
            max_gaps: 12,
            candidates: 10,
            samples: 32,
            max_bridgers: 10,
            max_introductions: 5,
        }
    }
}

/// Why a pair of groups is a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapKind {
    /// Not a single tie between the two groups.
    NoTies,
    /// Some ties, but a density below the thin threshold.
    Thin,
}

/// An actor who already links the two groups of a gap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bridger {
    /// The actor's node index (its group: `grouping.of[node]`).
    pub node: usize,
    /// Its ties to members of the gap's first group.
    pub ties_to_first: u64,
    /// Its ties to members of the gap's second group.
    pub ties_to_second: u64,
}

/// A suggested new tie across a gap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Introduction {
    /// The member of the first group.
    pub first: usize,
    /// The member of the second group.
    pub second: usize,
    /// The closeness between the groups with this tie.
    pub closeness_after: f64,
    /// `closeness_after` − the gap's `closeness` (> 0).
    pub gain: f64,
    /// The share of member pairs within two steps with this tie.
    pub within_two_after: f64,
}

/// A pair of groups with no or thin ties.
#[derive(Clone, Debug, PartialEq)]
pub struct Gap {
    /// The first group (the smaller index).
    pub first: usize,
    /// The second group.
    pub second: usize,
    /// No ties, or thin.
    pub kind: GapKind,
    /// Ties between the groups (arcs in either direction if directed).
    pub ties: u64,
    /// Their density ([`TieMatrix::between_density`]).
    pub density: f64,
    /// Density over the baseline (0 if the baseline is 0).
    pub relative_density: f64,
    /// The share of member pairs (x, y) joined by some path (exact).
    pub reachable: f64,
    /// Closeness between the groups: the mean of 1/d(x, y) over sampled
    /// member pairs, 0 for unreachable pairs.
    pub closeness: f64,
    /// The share of sampled member pairs within two steps.
    pub within_two: f64,
    /// How many actors bridge the gap (before truncation).
    pub bridger_count: usize,
    /// The best bridgers (at most `max_bridgers`).
    pub bridgers: Vec<Bridger>,
    /// The best introductions (at most `max_introductions`), highest gain
    /// first.
    pub introductions: Vec<Introduction>,
}

/// The gaps between the groups of a map.
#[derive(Clone, Debug, PartialEq)]
pub struct SiloGaps {
    /// The density of all between-group ties of the groups considered
    /// (`None` with fewer than two such groups).
    pub baseline_density: Option<f64>,
    /// A pair is thin below this density (`thin_fraction` × baseline).
    pub thin_below: f64,
    /// How many pairs of groups are gaps (before truncation).
    pub gap_count: usize,
    /// The worst gaps (at most `max_gaps`), worst first.
    pub gaps: Vec<Gap>,
}

/// Distances from one source to the relevant nodes.
const FAR: u32 = u32::MAX;

fn harmonic(d: u32) -> f64 {
    if d == FAR || d == 0 {
        0.0
    } else {
        1.0 / f64::from(d)
    }
}

/// Members of `members` spread evenly (all if there are at most `l`).
fn spread(members: &[usize], l: usize) -> Vec<usize> {
    if members.len() <= l {
        return members.to_vec();
    }
    (0..l)
        .filter_map(|i| members.get(i * members.len() / l).copied())
        .collect()
}

/// The gaps between the groups of `view`, their bridgers and the
/// introductions that would close them; see the module docs.
pub fn silo_gaps(
    view: &AnalysisView,
    grouping: &Grouping,
    options: &GapOptions,
    control: &Control,
) -> Result<SiloGaps, Cancelled> {
    let n = view.node_count();
    let k = grouping.len();
    let matrix = tie_matrix(view, grouping);
    let real: Vec<usize> = (0..k)
        .filter(|&g| matrix.sizes[g] > 0 && grouping.names[g] != NONE_GROUP)
        .collect();
    let (mut ties, mut possible) = (0u64, 0u64);
    for (x, &g) in real.iter().enumerate() {
        for &h in &real[x + 1..] {
            ties += matrix.between(g, h);
            possible += matrix.possible_between(g, h);
        }
    }
    let baseline = (possible > 0).then(|| ties as f64 / possible as f64);
    let thin_below = baseline.unwrap_or(0.0) * options.thin_fraction;

    // Components met by each group: sorted (component, members) runs.
    let comps = weak_components(view);
    let mut pairs: Vec<(usize, usize)> = (0..n)
        .filter_map(|v| Some((group_of(grouping, v)?, *comps.of.get(v)?)))
        .collect();
    pairs.sort_unstable();
    let mut met: Vec<Vec<(usize, u64)>> = vec![Vec::new(); k];
    for (g, c) in pairs {
        match met[g].last_mut() {
            Some((last, count)) if *last == c => *count += 1,
            _ => met[g].push((c, 1)),
        }
    }
    let reach = |g: usize, h: usize| -> f64 {
        let (a, b) = (&met[g], &met[h]);
        let (mut i, mut j, mut joined) = (0, 0, 0u64);
        while let (Some(&(ca, na)), Some(&(cb, nb))) = (a.get(i), b.get(j)) {
            if ca == cb {
                joined += na * nb;
                i += 1;
                j += 1;
            } else if ca < cb {
                i += 1;
            } else {
                j += 1;
            }
        }
        let all = (matrix.sizes[g] * matrix.sizes[h]) as f64;
        if all > 0.0 { joined as f64 / all } else { 0.0 }
    };

    let mut gaps: Vec<Gap> = Vec::new();
    for (x, &g) in real.iter().enumerate() {
        for &h in &real[x + 1..] {
            let t = matrix.between(g, h);
            let density = matrix.between_density(g, h).unwrap_or(0.0);
            let kind = if t == 0 {
                GapKind::NoTies
            } else if density < thin_below {
                GapKind::Thin
            } else {
                continue;
            };
            let relative_density = match baseline {
                Some(b) if b > 0.0 => density / b,
                _ => 0.0,
            };
            gaps.push(Gap {
                first: g,
                second: h,
                kind,
                ties: t,
                density,
                relative_density,
                reachable: reach(g, h),
                closeness: 0.0,
                within_two: 0.0,
                bridger_count: 0,
                bridgers: Vec::new(),
                introductions: Vec::new(),
            });
        }
    }
    let size_product = |gap: &Gap| matrix.sizes[gap.first] * matrix.sizes[gap.second];
    gaps.sort_by(|a, b| {
        a.relative_density
            .total_cmp(&b.relative_density)
            .then(a.reachable.total_cmp(&b.reachable))
            .then(size_product(b).cmp(&size_product(a)))
            .then((a.first, a.second).cmp(&(b.first, b.second)))
    });
    let gap_count = gaps.len();
    gaps.truncate(options.max_gaps);
    if gaps.is_empty() {
        return Ok(SiloGaps {
            baseline_density: baseline,
            thin_below,
            gap_count,
            gaps,
        });
    }

    // Members, samples and candidates of the groups involved.
    let und = view.undirected();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); k];
    for v in 0..n {
        if let Some(g) = group_of(grouping, v) {
            members[g].push(v);
        }
    }
    let mut involved = vec![false; k];
    for gap in &gaps {
        involved[gap.first] = true;
        involved[gap.second] = true;
    }
    let l = options.samples.max(1);
    let mut samples: Vec<Vec<usize>> = vec![Vec::new(); k];
    let mut candidates: Vec<Vec<usize>> = vec![Vec::new(); k];
    for g in (0..k).filter(|&g| involved[g]) {
        samples[g] = spread(&members[g], l);
        let mut ranked: Vec<(usize, usize, usize)> = members[g]
            .iter()
            .map(|&v| {
                let nb = und.out_neighbours(v).0;
                let inside = nb
                    .iter()
                    .filter(|&&w| group_of(grouping, w) == Some(g))
                    .count();
                (nb.len(), inside, v)
            })
            .collect();
        ranked.sort_by_key(|&(d, inside, v)| (Reverse(d), Reverse(inside), v));
        candidates[g] = ranked
            .into_iter()
            .take(options.candidates)
            .map(|(_, _, v)| v)
            .collect();
    }
    // Relevant nodes (samples and candidates) and sources (samples).
    let mut relevant: Vec<usize> = samples
        .iter()
        .chain(&candidates)
        .flatten()
        .copied()
        .collect();
    relevant.sort_unstable();
    relevant.dedup();
    let mut rpos = vec![usize::MAX; n];
    for (i, &r) in relevant.iter().enumerate() {
        rpos[r] = i;
    }
    let mut sources: Vec<usize> = samples.iter().flatten().copied().collect();
    sources.sort_unstable();
    sources.dedup();
    let mut spos = vec![usize::MAX; n];
    for (i, &s) in sources.iter().enumerate() {
        spos[s] = i;
    }

    let stage = "silo gaps";
    let total = sources.len();
    control.begin(stage, total);
    let table: Vec<Vec<u32>> = in_chunks(total, |range| -> Result<Vec<Vec<u32>>, Cancelled> {
        let mut rows = Vec::with_capacity(range.len());
        let mut dist = vec![FAR; n];
        let mut queue: Vec<usize> = Vec::new();
        for &s in &sources[range] {
            control.check()?;
            queue.clear();
            queue.push(s);
            dist[s] = 0;
            let mut head = 0;
            while let Some(&v) = queue.get(head) {
                head += 1;
                let next = dist[v].saturating_add(1);
                for &w in und.out_neighbours(v).0 {
                    if dist[w] == FAR {
                        dist[w] = next;
                        queue.push(w);
                    }
                }
            }
            rows.push(relevant.iter().map(|&r| dist[r]).collect());
            for &v in &queue {
                dist[v] = FAR;
            }
            control.step(stage, 1, total);
        }
        Ok(rows)
    })?
    .into_iter()
    .flatten()
    .collect();
    // d(x, r) for a source x and a relevant node r (symmetric graph).
    let d = |x: usize, r: usize| -> u32 {
        table
            .get(spos[x])
            .and_then(|row| row.get(rpos[r]))
            .copied()
            .unwrap_or(FAR)
    };
    let via = |a: u32, b: u32| a.saturating_add(1).saturating_add(b);

    let mut to_first = vec![0u64; n];
    let mut to_second = vec![0u64; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<usize> = Vec::new();
    for gap in &mut gaps {
        control.check()?;
        let (g, h) = (gap.first, gap.second);
        let (sg, sh) = (&samples[g], &samples[h]);
        let count = (sg.len() * sh.len()).max(1) as f64;

        // Closeness now.
        let (mut sum, mut two) = (0.0, 0usize);
        for &x in sg {
            for &y in sh {
                let dxy = d(x, y);
                sum += harmonic(dxy);
                two += usize::from(dxy <= 2);
            }
        }
        gap.closeness = sum / count;
        gap.within_two = two as f64 / count;

        // Introductions.
        let mut found: Vec<(Introduction, usize, usize)> = Vec::new();
        for (ru, &u) in candidates[g].iter().enumerate() {
            for (rw, &w) in candidates[h].iter().enumerate() {
                if u == w || und.tied(u, w) {
                    continue;
                }
                let (mut sum, mut two) = (0.0, 0usize);
                for &x in sg {
                    let (dxu, dxw) = (d(x, u), d(x, w));
                    for &y in sh {
                        let dxy = d(x, y).min(via(dxu, d(y, w))).min(via(dxw, d(y, u)));
                        sum += harmonic(dxy);
                        two += usize::from(dxy <= 2);
                    }
                }
                let after = sum / count;
                let gain = after - gap.closeness;
                if gain > 1e-12 {
                    let intro = Introduction {
                        first: u,
                        second: w,
                        closeness_after: after,
                        gain,
                        within_two_after: two as f64 / count,
                    };
                    found.push((intro, ru, rw));
                }
            }
        }
        found.sort_by(|(a, ra, wa), (b, rb, wb)| {
            b.gain
                .total_cmp(&a.gain)
                .then(b.within_two_after.total_cmp(&a.within_two_after))
                .then((ra, wa).cmp(&(rb, wb)))
        });
        gap.introductions = found
            .into_iter()
            .take(options.max_introductions)
            .map(|(i, _, _)| i)
            .collect();

        // Bridgers.
        for (side, group) in [(0, g), (1, h)] {
            for &m in &members[group] {
                for &x in und.out_neighbours(m).0 {
                    if side == 0 {
                        to_first[x] += 1;
                    } else {
                        to_second[x] += 1;
                    }
                    if !seen[x] {
                        seen[x] = true;
                        touched.push(x);
                    }
                }
            }
        }
        let mut bridgers: Vec<(u64, bool, Bridger)> = Vec::new();
        for &x in &touched {
            let (tf, ts) = (to_first[x], to_second[x]);
            let (cross, outsider) = match group_of(grouping, x) {
                Some(gx) if gx == g => (ts, false),
                Some(gx) if gx == h => (tf, false),
                _ => (tf.min(ts), true),
            };
            if cross > 0 {
                bridgers.push((
                    cross,
                    outsider,
                    Bridger {
                        node: x,
                        ties_to_first: tf,
                        ties_to_second: ts,
                    },
                ));
            }
        }
        for &x in &touched {
            to_first[x] = 0;
            to_second[x] = 0;
            seen[x] = false;
        }
        touched.clear();
        bridgers.sort_by_key(|(cross, outsider, b)| {
            (
                Reverse(*cross),
                *outsider,
                Reverse(b.ties_to_first + b.ties_to_second),
                b.node,
            )
        });
        gap.bridger_count = bridgers.len();
        gap.bridgers = bridgers
            .into_iter()
            .take(options.max_bridgers)
            .map(|(_, _, b)| b)
            .collect();
    }
    Ok(SiloGaps {
        baseline_density: baseline,
        thin_below,
        gap_count,
        gaps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Direction, Network, Tie, ViewOptions};
    use proptest::prelude::*;
    use std::sync::atomic::AtomicBool;

    /// Actors `n0..` in the given sectors; undirected ties unless `directed`.
    fn map(sectors: &[&str], ties: &[(usize, usize)], directed: bool) -> Network {
        let mut n = Network::new();
        for (i, s) in sectors.iter().enumerate() {
            n.add_actor(Actor::new(format!("n{i}"), format!("N{i}"), *s))
                .unwrap();
        }
        for (k, &(a, b)) in ties.iter().enumerate() {
            let kind = if directed {
                "referral"
            } else {
                "collaboration"
            };
            n.add_tie(Tie::new(
                format!("t{k}"),
                format!("n{a}"),
                format!("n{b}"),
                kind,
                directed,
            ))
            .unwrap();
        }
        n
    }

    fn setup(n: &Network) -> (AnalysisView, Grouping) {
        let v = AnalysisView::new(n, &ViewOptions::default());
        let g = Grouping::by(n, &v, "sector").unwrap();
        (v, g)
    }

    fn gaps(v: &AnalysisView, g: &Grouping) -> SiloGaps {
        silo_gaps(v, g, &GapOptions::default(), &Control::none()).unwrap()
    }

    #[test]
    fn tie_matrix_and_densities_undirected_and_directed() {
        // X = {0, 1, 2}, Y = {3, 4}.
        let n = map(
            &["X", "X", "X", "Y", "Y"],
            &[(0, 1), (1, 2), (2, 3), (3, 4)],
            false,
        );
        let (v, g) = setup(&n);
        let m = tie_matrix(&v, &g);
        assert_eq!(m.sizes, vec![3, 2]);
        assert_eq!(m.ties, vec![vec![2, 1], vec![1, 1]]);
        assert_eq!(m.density(0, 0), Some(2.0 / 3.0));
        assert_eq!(m.density(1, 1), Some(1.0));
        assert_eq!(m.between_density(0, 1), Some(1.0 / 6.0));
        let n = map(&["X", "X", "Y"], &[(0, 1), (1, 0), (1, 2)], true);
        let (v, g) = setup(&n);
        let m = tie_matrix(&v, &g);
        assert_eq!(m.ties, vec![vec![2, 1], vec![0, 0]]);
        assert_eq!(m.density(0, 0), Some(1.0)); // 2 arcs of 2 possible
        assert_eq!(m.possible_between(0, 1), 4);
        assert_eq!(m.between_density(0, 1), Some(0.25));
        assert_eq!(m.density(1, 1), None); // a group of one
    }

    #[test]
    fn ei_directed_splits_in_and_out() {
        let n = map(&["X", "X", "Y"], &[(0, 1), (1, 0), (1, 2)], true);
        let (v, g) = setup(&n);
        let ei = ei_index(&v, &g);
        assert_eq!(
            ei.graph,
            EiCounts {
                external: 1,
                internal: 2
            }
        );
        let one = ei.nodes[1];
        assert_eq!((one.all.external, one.all.internal), (1, 2));
        assert_eq!(one.out.index(), Some(0.0));
        assert_eq!(one.inc.index(), Some(-1.0));
        assert_eq!(ei.nodes[2].out.index(), None);
        assert_eq!(ei.nodes[2].inc.index(), Some(1.0));
        assert_eq!(
            ei.groups,
            vec![
                EiCounts {
                    external: 1,
                    internal: 2
                },
                EiCounts {
                    external: 1,
                    internal: 0
                }
            ]
        );
    }

    #[test]
    fn empty_single_and_one_group_maps_have_no_gaps() {
        for n in [
            map(&[], &[], false),
            map(&["X"], &[], false),
            map(&["X", "X", "X"], &[(0, 1)], false),
        ] {
            let (v, g) = setup(&n);
            let s = gaps(&v, &g);
            assert_eq!(s.gap_count, 0);
            assert!(s.gaps.is_empty());
            assert_eq!(s.baseline_density, None);
            let ei = ei_index(&v, &g);
            assert_eq!(ei.graph.external, 0);
        }
        let (v, g) = setup(&map(&["X"], &[], false));
        assert_eq!(ei_index(&v, &g).node_index(), vec![None]);
    }

    #[test]
    fn the_none_group_is_not_a_gap() {
        let n = map(&["X", "", "Y"], &[(0, 2)], false);
        let (v, g) = setup(&n);
        assert!(g.names.iter().any(|s| s == NONE_GROUP));
        let s = gaps(&v, &g);
        assert_eq!(s.gap_count, 0);
        assert_eq!(s.baseline_density, Some(1.0));
    }

    #[test]
    fn no_ties_at_all_between_groups() {
        // Two separate pairs: X = {0, 1}, Y = {2, 3}; and a singleton Z.
        let n = map(&["X", "X", "Y", "Y", "Z"], &[(0, 1), (2, 3)], false);
        let (v, g) = setup(&n);
        let s = gaps(&v, &g);
        assert_eq!(s.baseline_density, Some(0.0));
        assert_eq!(s.gap_count, 3);
        // Largest pair first: all unreachable, no ties.
        assert_eq!((s.gaps[0].first, s.gaps[0].second), (0, 1));
        for gap in &s.gaps {
            assert_eq!(gap.kind, GapKind::NoTies);
            assert_eq!(gap.reachable, 0.0);
            assert_eq!(gap.closeness, 0.0);
            assert!(gap.bridgers.is_empty());
        }
        // Joining the pairs: from 0 and 1 to 2 and 3 at 1, 2, 2, 3 hops:
        // mean of 1, 1/2, 1/2, 1/3.
        let best = s.gaps[0].introductions[0];
        assert_eq!((best.first, best.second), (0, 2));
        assert!((best.gain - (1.0 + 0.5 + 0.5 + 1.0 / 3.0) / 4.0).abs() < 1e-12);
        assert_eq!(best.within_two_after, 0.75);
        assert_eq!(s.gaps[0].introductions.len(), 4);
        // The singleton Z can be introduced to either member.
        let z = s.gaps.iter().find(|g| g.second == 2).unwrap();
        assert_eq!(z.introductions.len(), 2);
    }

    #[test]
    fn thin_gaps_and_their_bridgers() {
        // X = {0..5}, Y = {5..10}, Z = {10}: X and Y are cliques joined by
        // one tie 4–5; Z (10) is tied to 0 and 9 and to nothing else.
        let mut ties = Vec::new();
        for a in 0..5 {
            for b in a + 1..5 {
                ties.push((a, b));
                ties.push((a + 5, b + 5));
            }
        }
        ties.extend([(4, 5), (10, 0), (10, 9)]);
        let mut sectors = vec!["X"; 5];
        sectors.extend(["Y"; 5]);
        sectors.push("Z");
        let n = map(&sectors, &ties, false);
        let (v, g) = setup(&n);
        let s = gaps(&v, &g);
        // Between ties 3 of 25 + 5 + 5 possible; X–Y (1/25) is below half.
        assert_eq!(s.baseline_density, Some(3.0 / 35.0));
        assert_eq!(s.gap_count, 1);
        let gap = &s.gaps[0];
        assert_eq!((gap.first, gap.second, gap.kind), (0, 1, GapKind::Thin));
        assert_eq!(gap.reachable, 1.0);
        let nodes: Vec<usize> = gap.bridgers.iter().map(|b| b.node).collect();
        assert_eq!(nodes, vec![4, 5, 10]);
        assert_eq!(
            gap.bridgers[0],
            Bridger {
                node: 4,
                ties_to_first: 4,
                ties_to_second: 1
            }
        );
        assert_eq!(
            gap.bridgers[2],
            Bridger {
                node: 10,
                ties_to_first: 1,
                ties_to_second: 1
            }
        );
        assert!(!gap.introductions.is_empty());
        for i in &gap.introductions {
            assert_eq!((g.of[i.first], g.of[i.second]), (0, 1));
            assert!(!v.out_neighbours(i.first).0.contains(&i.second));
            assert!(i.closeness_after > gap.closeness);
        }
        // A looser threshold finds nothing; limits are respected.
        let opts = GapOptions {
            thin_fraction: 0.25,
            ..GapOptions::default()
        };
        assert_eq!(
            silo_gaps(&v, &g, &opts, &Control::none())
                .unwrap()
                .gap_count,
            0
        );
        let opts = GapOptions {
            max_bridgers: 1,
            max_introductions: 1,
            ..GapOptions::default()
        };
        let s = silo_gaps(&v, &g, &opts, &Control::none()).unwrap();
        assert_eq!(s.gaps[0].bridgers.len(), 1);
        assert_eq!(s.gaps[0].bridger_count, 3);
        assert_eq!(s.gaps[0].introductions.len(), 1);
    }

    #[test]
    fn cancel_stops_the_searches() {
        let n = map(&["X", "Y"], &[], false);
        let (v, g) = setup(&n);
        let flag = AtomicBool::new(true);
        let control = Control::new(Some(&flag), None);
        assert_eq!(
            silo_gaps(&v, &g, &GapOptions::default(), &control),
            Err(Cancelled)
        );
    }

    /// A 20,000-actor map with 11 sectors: a ring of 20 communities of
    /// 1,000 (sectors interleaved), 3 ties per actor.
    #[test]
    fn a_large_map_is_quick_and_deterministic() {
        let n_nodes = 20_000usize;
        let sectors: Vec<String> = (0..11).map(|s| format!("sector {s}")).collect();
        let mut net = Network::new();
        for i in 0..n_nodes {
            let s = sectors[(i / 7 + i % 3) % 11].clone();
            net.add_actor(Actor::new(format!("n{i}"), format!("N{i}"), s))
                .unwrap();
        }
        let mut state = 12345u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize
        };
        let mut k = 0;
        for i in 0..n_nodes {
            for _ in 0..3 {
                let block = i / 1000;
                let j = if next() % 50 == 0 {
                    next() % n_nodes
                } else {
                    block * 1000 + next() % 1000
                };
                if i != j {
                    net.add_tie(Tie::new(
                        format!("t{k}"),
                        format!("n{i}"),
                        format!("n{j}"),
                        "collaboration",
                        false,
                    ))
                    .unwrap();
                    k += 1;
                }
            }
        }
        let v = AnalysisView::new(&net, &ViewOptions::default());
        let g = Grouping::by(&net, &v, "sector").unwrap();
        let opts = GapOptions {
            thin_fraction: 2.0, // every pair of sectors is a gap
            ..GapOptions::default()
        };
        let start = std::time::Instant::now();
        let a = silo_gaps(&v, &g, &opts, &Control::none()).unwrap();
        let took = start.elapsed();
        eprintln!("silo gaps on 20,000 actors: {took:?}");
        assert_eq!(a.gap_count, 55);
        assert_eq!(a.gaps.len(), 12);
        assert!(took.as_secs() < 20, "took {took:?}");
        let b = silo_gaps(&v, &g, &opts, &Control::none()).unwrap();
        assert_eq!(a, b);
    }

    proptest! {
        #[test]
        fn laws_hold_on_random_maps(
            groups in proptest::collection::vec(0usize..4, 0..12),
            edges in proptest::collection::vec((0usize..12, 0usize..12), 0..30),
            directed in any::<bool>(),
        ) {
            let names = ["X", "Y", "Z", ""];
            let sectors: Vec<&str> = groups.iter().map(|&g| names[g]).collect();
            let ties: Vec<(usize, usize)> = edges
                .into_iter()
                .filter(|&(a, b)| a < sectors.len() && b < sectors.len())
                .collect();
            let n = map(&sectors, &ties, directed);
            let dir = if directed { Direction::Directed } else { Direction::Undirected };
            let v = AnalysisView::new(&n, &ViewOptions { kinds: None, direction: dir });
            let g = Grouping::by(&n, &v, "sector").unwrap();
            let ei = ei_index(&v, &g);
            prop_assert_eq!(ei.graph.total() as usize, v.edge_count());
            let per_node: u64 = ei.nodes.iter().map(|c| c.all.total()).sum();
            prop_assert_eq!(per_node as usize, 2 * v.edge_count());
            let m = tie_matrix(&v, &g);
            for x in 0..m.len() {
                prop_assert_eq!(ei.groups[x].internal, m.cell(x, x));
                let external: u64 = (0..m.len()).filter(|&y| y != x).map(|y| m.between(x, y)).sum();
                prop_assert_eq!(ei.groups[x].external, external);
            }
            let s = gaps(&v, &g);
            prop_assert!(s.gaps.len() <= s.gap_count);
            let und = v.undirected();
            for gap in &s.gaps {
                prop_assert!(gap.first < gap.second);
                prop_assert!(g.names[gap.first] != NONE_GROUP && g.names[gap.second] != NONE_GROUP);
                prop_assert!((0.0..=1.0).contains(&gap.reachable));
                prop_assert!((0.0..=1.0).contains(&gap.closeness));
                for i in &gap.introductions {
                    prop_assert_eq!(g.of[i.first], gap.first);
                    prop_assert_eq!(g.of[i.second], gap.second);
                    prop_assert!(!und.tied(i.first, i.second));
                    prop_assert!(i.gain > 0.0 && i.closeness_after <= 1.0 + 1e-12);
                }
                for b in &gap.bridgers {
                    let gb = g.of[b.node];
                    prop_assert!(
                        (gb == gap.first && b.ties_to_second > 0)
                            || (gb == gap.second && b.ties_to_first > 0)
                            || (b.ties_to_first > 0 && b.ties_to_second > 0)
                    );
                }
            }
            prop_assert_eq!(&s, &gaps(&v, &g));
        }
    }
}
