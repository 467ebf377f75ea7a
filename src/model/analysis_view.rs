//! The analysis view: the simple graph an algorithm needs, made from the
//! multi-relational map.
//!
//! Conventions (those of the reference data, `tests/data/README.md`):
//! * Only the chosen tie kinds count (by default the kinds whose
//!   `include_in_analysis` is set: every default kind but `conflict`).
//! * Self-loops are dropped.
//! * Parallel ties are merged into one edge whose weight is the **sum** of
//!   their strengths. In an undirected view (a,b) and (b,a) are the same edge.
//! * In a directed view a directed tie a→b is the arc a→b, and a mutual tie
//!   is the two arcs a→b and b→a, each with the tie's full strength.
//! * Node `i` is `network.actors()[i]`; isolates stay in the view.
//!
//! Building the view is O(m log m) for m ties; the adjacency is stored as
//! compressed sparse rows (CSR), sorted by neighbour index.
//!
//! Measures that ignore direction (clustering's underlying graph,
//! structural holes, articulation points, resilience, silo gaps, the
//! coalition's reach) read [`AnalysisView::undirected`]: the view itself
//! when it is undirected, else its underlying undirected graph, made once
//! on first use and kept with the view.

use super::ids::ActorId;
use super::network::Network;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// Whether the view is directed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Direction {
    /// Directed if any counted tie is directed, undirected otherwise.
    #[default]
    Auto,
    /// Directed: mutual ties become two arcs.
    Directed,
    /// Undirected: direction is ignored.
    Undirected,
}

/// Which ties count and how.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewOptions {
    /// The tie kinds that count; `None` means the kinds marked
    /// `include_in_analysis` in the map's tie-kind list.
    pub kinds: Option<BTreeSet<String>>,
    /// Directed or not.
    pub direction: Direction,
}

impl ViewOptions {
    /// Which tie kinds count in the view: the kinds chosen, or by default
    /// the kinds marked `include_in_analysis` (a kind the map does not
    /// list counts). O(K) to make for a map of K tie kinds, then O(1) a
    /// tie.
    pub fn kind_filter<'a>(&'a self, network: &'a Network) -> KindFilter<'a> {
        KindFilter {
            chosen: self.kinds.as_ref(),
            left_out: network
                .tie_kinds_by_name()
                .into_iter()
                .filter(|(_, k)| !k.include_in_analysis)
                .map(|(name, _)| name)
                .collect(),
        }
    }
}

/// Which tie kinds count in a view, looked up in O(1); see
/// [`ViewOptions::kind_filter`].
#[derive(Clone, Debug)]
pub struct KindFilter<'a> {
    /// The kinds chosen, if any.
    chosen: Option<&'a BTreeSet<String>>,
    /// Otherwise: the kinds the map leaves out of analysis.
    left_out: HashSet<&'a str>,
}

impl KindFilter<'_> {
    /// Whether ties of `kind` count; see [`ViewOptions::kind_filter`].
    pub fn counts(&self, kind: &str) -> bool {
        match self.chosen {
            Some(kinds) => kinds.contains(kind),
            None => !self.left_out.contains(kind),
        }
    }
}

/// One merged edge (or arc) of the view.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    /// Source node index (the smaller index in an undirected view).
    pub source: usize,
    /// Target node index.
    pub target: usize,
    /// The summed strength of the ties merged into this edge.
    pub weight: f64,
}

/// Compressed adjacency: the neighbours of node `i` are
/// `targets[offsets[i]..offsets[i + 1]]`, ascending.
#[derive(Clone, Debug, Default, PartialEq)]
struct Csr {
    offsets: Vec<usize>,
    targets: Vec<usize>,
    weights: Vec<f64>,
}

impl Csr {
    fn build(n: usize, arcs: impl Iterator<Item = (usize, usize, f64)> + Clone) -> Self {
        let mut offsets = vec![0usize; n + 1];
        for (s, _, _) in arcs.clone() {
            if let Some(o) = offsets.get_mut(s + 1) {
                *o += 1;
            }
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let total = offsets[n];
        let mut targets = vec![0usize; total];
        let mut weights = vec![0f64; total];
        let mut fill = offsets.clone();
        for (s, t, w) in arcs {
            let slot = fill[s];
            targets[slot] = t;
            weights[slot] = w;
            fill[s] += 1;
        }
        // Arcs arrive sorted by (source, target) for the out-CSR; the in-CSR
        // is filled in source order, so sort each row to keep the invariant.
        for i in 0..n {
            let (a, b) = (offsets[i], offsets[i + 1]);
            let mut row: Vec<(usize, f64)> = targets[a..b]
                .iter()
                .copied()
                .zip(weights[a..b].iter().copied())
                .collect();
            row.sort_by_key(|&(t, _)| t);
            for (k, (t, w)) in row.into_iter().enumerate() {
                targets[a + k] = t;
                weights[a + k] = w;
            }
        }
        Self {
            offsets,
            targets,
            weights,
        }
    }

    fn row(&self, i: usize) -> (&[usize], &[f64]) {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => (&self.targets[a..b], &self.weights[a..b]),
            _ => (&[], &[]),
        }
    }
}

/// Sorts `arcs` by (source, target), stably, and merges the arcs between
/// the same two nodes into one edge whose weight is their sum (in their
/// order before sorting).
fn merge(arcs: &mut [(usize, usize, f64)]) -> Vec<Edge> {
    arcs.sort_by_key(|&(s, t, _)| (s, t));
    let mut edges: Vec<Edge> = Vec::with_capacity(arcs.len());
    for &(s, t, w) in arcs.iter() {
        match edges.last_mut() {
            Some(e) if e.source == s && e.target == t => e.weight += w,
            _ => edges.push(Edge {
                source: s,
                target: t,
                weight: w,
            }),
        }
    }
    edges
}

/// The adjacency of undirected `edges`: each one in the rows of both ends.
fn both_ways(n: usize, edges: &[Edge]) -> Csr {
    Csr::build(
        n,
        edges.iter().flat_map(|e| {
            [
                (e.source, e.target, e.weight),
                (e.target, e.source, e.weight),
            ]
        }),
    )
}

/// A borrowed compressed-sparse-row adjacency, for hot loops: the
/// neighbours of node `i` are `targets[offsets[i]..offsets[i + 1]]`
/// (ascending), with the merged weights at the same positions.
#[derive(Clone, Copy, Debug)]
pub struct CsrRef<'a> {
    /// `node_count + 1` row starts.
    pub offsets: &'a [usize],
    /// Neighbour node indices.
    pub targets: &'a [usize],
    /// Merged weights (summed strengths).
    pub weights: &'a [f64],
}

impl CsrRef<'_> {
    /// The row range of node `i` (empty if `i` is out of range).
    #[inline]
    pub fn range(&self, i: usize) -> std::ops::Range<usize> {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => a..b,
            _ => 0..0,
        }
    }
}

/// A simple graph over a map's actors; see the module docs for conventions.
#[derive(Clone, Debug)]
pub struct AnalysisView {
    directed: bool,
    ids: Vec<ActorId>,
    edges: Vec<Edge>,
    out: Csr,
    inc: Csr,
    self_loops_dropped: usize,
    ties_merged: usize,
    /// The underlying undirected graph of a directed view, once asked for.
    undirected: OnceLock<Box<AnalysisView>>,
}

/// Two views are equal when their graphs are (whether the undirected one
/// has been made yet does not matter).
impl PartialEq for AnalysisView {
    fn eq(&self, other: &Self) -> bool {
        self.directed == other.directed
            && self.ids == other.ids
            && self.edges == other.edges
            && self.out == other.out
            && self.inc == other.inc
            && self.self_loops_dropped == other.self_loops_dropped
            && self.ties_merged == other.ties_merged
    }
}

impl AnalysisView {
    /// Builds the view of `network` under `options`.
    pub fn new(network: &Network, options: &ViewOptions) -> Self {
        let filter = options.kind_filter(network);
        let counts = |kind: &str| filter.counts(kind);
        let ids: Vec<ActorId> = network.actors().iter().map(|a| a.id().clone()).collect();
        let index: HashMap<&ActorId, usize> =
            ids.iter().enumerate().map(|(i, id)| (id, i)).collect();
        let ties: Vec<_> = network.ties().iter().filter(|t| counts(&t.kind)).collect();
        let directed = match options.direction {
            Direction::Directed => true,
            Direction::Undirected => false,
            Direction::Auto => ties.iter().any(|t| t.directed),
        };
        let mut arcs: Vec<(usize, usize, f64)> = Vec::with_capacity(ties.len() * 2);
        let mut self_loops_dropped = 0;
        for t in &ties {
            let (Some(&a), Some(&b)) = (index.get(t.from()), index.get(t.to())) else {
                continue;
            };
            if a == b {
                self_loops_dropped += 1;
                continue;
            }
            if !directed {
                arcs.push((a.min(b), a.max(b), t.strength));
            } else {
                arcs.push((a, b, t.strength));
                if !t.directed {
                    arcs.push((b, a, t.strength));
                }
            }
        }
        // Merged weights are summed in tie order, so the same map always
        // gives bit-identical weights.
        let edges = merge(&mut arcs);
        let ties_merged = arcs.len() - edges.len();
        let n = ids.len();
        let (out, inc) = if directed {
            let out = Csr::build(n, edges.iter().map(|e| (e.source, e.target, e.weight)));
            let inc = Csr::build(n, edges.iter().map(|e| (e.target, e.source, e.weight)));
            (out, inc)
        } else {
            let adj = both_ways(n, &edges);
            (adj.clone(), adj)
        };
        Self {
            directed,
            ids,
            edges,
            out,
            inc,
            self_loops_dropped,
            ties_merged,
            undirected: OnceLock::new(),
        }
    }

    /// The underlying undirected graph: this view if it is undirected;
    /// for a directed view, one edge for each pair of actors joined by an
    /// arc either way, weighted by the sum of the arcs between them
    /// (w_ij + w_ji: a mutual tie of strength s, two arcs in the directed
    /// view, weighs 2s), made on first call and kept, so every measure that
    /// ignores direction shares one copy. O(m log m) the first time, then
    /// O(1).
    ///
    /// ```
    /// use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
    /// let mut net = Network::new();
    /// for id in ["a", "b", "c"] {
    ///     net.add_actor(Actor::new(id, id, "primary care")).unwrap();
    /// }
    /// net.add_tie(Tie::new("t1", "a", "b", "referral", true)).unwrap();
    /// net.add_tie(Tie::new("t2", "b", "a", "referral", true)).unwrap();
    /// net.add_tie(Tie::new("t3", "c", "b", "referral", true)).unwrap();
    /// let view = AnalysisView::new(&net, &ViewOptions::default());
    /// assert!(view.is_directed() && view.edge_count() == 3);
    /// let und = view.undirected();
    /// assert!(!und.is_directed());
    /// assert_eq!(und.edge_count(), 2); // a–b once, b–c
    /// assert_eq!(und.out_neighbours(1), (&[0, 2][..], &[2.0, 1.0][..]));
    /// ```
    pub fn undirected(&self) -> &AnalysisView {
        if !self.directed {
            return self;
        }
        self.undirected
            .get_or_init(|| Box::new(self.underlying_undirected()))
    }

    /// Builds [`AnalysisView::undirected`] of a directed view.
    fn underlying_undirected(&self) -> AnalysisView {
        let mut pairs: Vec<(usize, usize, f64)> = self
            .edges
            .iter()
            .map(|e| (e.source.min(e.target), e.source.max(e.target), e.weight))
            .collect();
        // The arc from the lower index is added first.
        let edges = merge(&mut pairs);
        let adj = both_ways(self.ids.len(), &edges);
        AnalysisView {
            directed: false,
            ids: self.ids.clone(),
            ties_merged: self.ties_merged + (pairs.len() - edges.len()),
            edges,
            out: adj.clone(),
            inc: adj,
            self_loops_dropped: self.self_loops_dropped,
            undirected: OnceLock::new(),
        }
    }

    /// The view as a petgraph graph, so a script can run any of petgraph's
    /// algorithms on a map: node `i` is the view's node `i` (its weight the
    /// actor's id), each edge of the view once with its weight (summed
    /// strength). For an undirected view each edge appears once, from the
    /// lower node to the higher; call
    /// `.into_edge_type::<petgraph::Undirected>()` to read it as
    /// undirected. O(n + m).
    ///
    /// ```
    /// use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
    /// let mut net = Network::new();
    /// for id in ["a", "b", "c"] {
    ///     net.add_actor(Actor::new(id, id, "primary care")).unwrap();
    /// }
    /// net.add_tie(Tie::new("t1", "a", "b", "referral", true)).unwrap();
    /// net.add_tie(Tie::new("t2", "b", "c", "referral", true)).unwrap();
    /// let g = AnalysisView::new(&net, &ViewOptions::default()).to_petgraph();
    /// assert_eq!((g.node_count(), g.edge_count()), (3, 2));
    /// let order = petgraph::algo::toposort(&g, None).unwrap();
    /// let ids: Vec<&str> = order.iter().map(|i| g[*i].as_str()).collect();
    /// assert_eq!(ids, ["a", "b", "c"]);
    /// ```
    pub fn to_petgraph(&self) -> petgraph::graph::DiGraph<ActorId, f64> {
        let mut g = petgraph::graph::DiGraph::with_capacity(self.ids.len(), self.edges.len());
        for id in &self.ids {
            g.add_node(id.clone());
        }
        for e in &self.edges {
            g.add_edge(
                petgraph::graph::NodeIndex::new(e.source),
                petgraph::graph::NodeIndex::new(e.target),
                e.weight,
            );
        }
        g
    }

    /// Whether the view is directed.
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// Number of nodes (all actors, isolates included).
    pub fn node_count(&self) -> usize {
        self.ids.len()
    }

    /// Number of merged edges (arcs, if directed).
    pub fn edge_count(&self) -> usize {
        self.edges.len()
    }

    /// The merged edges, sorted by (source, target).
    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The actor id of node `i`.
    pub fn id(&self, i: usize) -> Option<&ActorId> {
        self.ids.get(i)
    }

    /// All node ids, node `i` at position `i`.
    pub fn ids(&self) -> &[ActorId] {
        &self.ids
    }

    /// Out-neighbours of node `i` (all neighbours if undirected), ascending,
    /// with the merged weights.
    pub fn out_neighbours(&self, i: usize) -> (&[usize], &[f64]) {
        self.out.row(i)
    }

    /// In-neighbours of node `i` (all neighbours if undirected).
    pub fn in_neighbours(&self, i: usize) -> (&[usize], &[f64]) {
        self.inc.row(i)
    }

    /// Whether `j` is an out-neighbour of `i` (a neighbour, if undirected).
    /// O(log d).
    pub fn tied(&self, i: usize, j: usize) -> bool {
        self.out_neighbours(i).0.binary_search(&j).is_ok()
    }

    /// The out-adjacency (all neighbours if undirected) as CSR.
    pub fn out_csr(&self) -> CsrRef<'_> {
        CsrRef {
            offsets: &self.out.offsets,
            targets: &self.out.targets,
            weights: &self.out.weights,
        }
    }

    /// The in-adjacency (all neighbours if undirected) as CSR.
    pub fn in_csr(&self) -> CsrRef<'_> {
        CsrRef {
            offsets: &self.inc.offsets,
            targets: &self.inc.targets,
            weights: &self.inc.weights,
        }
    }

    /// How many self-loop ties were dropped.
    pub fn self_loops_dropped(&self) -> usize {
        self.self_loops_dropped
    }

    /// How many ties (arcs) were merged into an existing edge.
    pub fn ties_merged(&self) -> usize {
        self.ties_merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Tie};

    /// The O(1) filter answers as `counts_kind` does: the default kinds
    /// (`conflict` left out), a kind the map does not list, a second kind
    /// of the same name (the first decides), and kinds chosen by name.
    #[test]
    fn a_kind_filter_counts_what_counts_kind_counts() {
        // The definition, looked up kind by kind.
        let counts_kind =
            |options: &ViewOptions, network: &Network, kind: &str| match &options.kinds {
                Some(kinds) => kinds.contains(kind),
                None => network
                    .tie_kind(kind)
                    .map(|k| k.include_in_analysis)
                    .unwrap_or(true),
            };
        let mut n = Network::new();
        n.ensure_tie_kind("gossip", false);
        if let Some(k) = n.tie_kinds.last_mut() {
            k.include_in_analysis = false;
        }
        let mut twin = n.tie_kinds[0].clone();
        twin.include_in_analysis = !twin.include_in_analysis;
        n.tie_kinds.push(twin);
        let mut names: Vec<String> = n.tie_kinds.iter().map(|k| k.name.clone()).collect();
        names.push("unlisted".into());
        assert!(names.iter().any(|k| k == "conflict"));
        let chosen = ViewOptions {
            kinds: Some(["gossip".to_owned(), "unlisted".to_owned()].into()),
            ..ViewOptions::default()
        };
        for options in [ViewOptions::default(), chosen] {
            let filter = options.kind_filter(&n);
            for kind in &names {
                assert_eq!(
                    filter.counts(kind),
                    counts_kind(&options, &n, kind),
                    "{kind}"
                );
            }
        }
        let options = ViewOptions::default();
        let filter = options.kind_filter(&n);
        assert!(!filter.counts("conflict") && !filter.counts("gossip"));
        assert!(filter.counts("unlisted"));
    }

    fn map() -> Network {
        let mut n = Network::new();
        for id in ["a", "b", "c", "d"] {
            n.add_actor(Actor::new(id, id, "primary care")).unwrap();
        }
        let mut add = |id: &str, f: &str, t: &str, kind: &str, directed: bool, s: f64| {
            let mut tie = Tie::new(id, f, t, kind, directed);
            tie.strength = s;
            n.add_tie(tie).unwrap();
        };
        add("t1", "a", "b", "collaboration", false, 2.0);
        add("t2", "b", "a", "referral", true, 3.0);
        add("t3", "b", "b", "collaboration", false, 1.0);
        add("t4", "c", "b", "conflict", false, 5.0);
        n
    }

    #[test]
    fn undirected_merges_parallel_and_reverse_ties_and_drops_loops() {
        let n = map();
        let v = AnalysisView::new(
            &n,
            &ViewOptions {
                kinds: None,
                direction: Direction::Undirected,
            },
        );
        assert!(!v.is_directed());
        assert_eq!(v.node_count(), 4);
        assert_eq!(
            v.edges(),
            &[Edge {
                source: 0,
                target: 1,
                weight: 5.0
            }]
        );
        assert_eq!(v.self_loops_dropped(), 1);
        assert_eq!(v.ties_merged(), 1);
        assert_eq!(v.out_neighbours(0), (&[1usize][..], &[5.0][..]));
        assert_eq!(v.in_neighbours(1), (&[0usize][..], &[5.0][..]));
        assert_eq!(v.out_neighbours(3).0.len(), 0, "d is an isolate");
    }

    #[test]
    fn directed_view_splits_mutual_ties_into_two_arcs() {
        let n = map();
        let v = AnalysisView::new(&n, &ViewOptions::default());
        assert!(
            v.is_directed(),
            "a referral is directed, so Auto is directed"
        );
        // a->b: 2 (mutual collaboration); b->a: 2 + 3 (collaboration + referral)
        assert_eq!(
            v.edges(),
            &[
                Edge {
                    source: 0,
                    target: 1,
                    weight: 2.0
                },
                Edge {
                    source: 1,
                    target: 0,
                    weight: 5.0
                },
            ]
        );
        assert_eq!(v.in_neighbours(0), (&[1usize][..], &[5.0][..]));
    }

    #[test]
    fn chosen_kinds_override_the_default() {
        let n = map();
        let v = AnalysisView::new(
            &n,
            &ViewOptions {
                kinds: Some(["conflict".to_string()].into_iter().collect()),
                direction: Direction::Auto,
            },
        );
        assert!(!v.is_directed());
        assert_eq!(
            v.edges(),
            &[Edge {
                source: 1,
                target: 2,
                weight: 5.0
            }]
        );
    }

    #[test]
    fn the_undirected_view_sums_the_arcs_both_ways_and_is_made_once() {
        let n = map();
        // Directed: a–b mutual (2 each way) plus b→a (3): arcs a→b 2, b→a 5.
        let v = AnalysisView::new(&n, &ViewOptions::default());
        assert!(v.is_directed());
        let before = v.clone();
        let u = v.undirected();
        assert!(!u.is_directed());
        assert_eq!(
            u.edges(),
            &[Edge {
                source: 0,
                target: 1,
                weight: 7.0
            }]
        );
        assert_eq!(u.out_neighbours(1), (&[0usize][..], &[7.0][..]));
        assert_eq!(u.ids(), v.ids());
        assert!(std::ptr::eq(u, v.undirected()), "kept, not made again");
        assert_eq!(v, before, "the kept copy does not change equality");
        assert!(u.tied(0, 1) && u.tied(1, 0) && !u.tied(0, 2));
        // An undirected view is its own.
        let w = AnalysisView::new(
            &n,
            &ViewOptions {
                kinds: None,
                direction: Direction::Undirected,
            },
        );
        assert!(std::ptr::eq(w.undirected(), &w));
    }
}
