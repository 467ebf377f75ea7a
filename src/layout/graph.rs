//! The plain graph every layout works on, made from a map, and the way
//! back from positions to a `MoveActors` edit.
//!
//! Conventions of [`LayoutGraph::from_network`]:
//! * node `i` is `network.actors()[i]`;
//! * ties of **every** kind count (a conflict tie still says who deals with
//!   whom, which is what a picture should show), directed or not;
//! * self-loops are dropped; parallel ties are merged into one edge whose
//!   strength is the sum of theirs (a tie with a strength that is not a
//!   finite positive number counts as 1);
//! * an actor's group is the index of its sector in `network.sectors`;
//!   actors whose sector is not in the list share group `sectors.len()`;
//! * actors without a position get a deterministic one (see
//!   [`LayoutGraph::normalise`]).
//!
//! Building is O(n + m log m) for n actors and m ties.

use crate::model::{ActorId, Network};
use std::borrow::Cow;
use std::collections::HashMap;

/// The distance between actors that layouts aim for when nothing else says,
/// in canvas units.
pub(crate) const DEFAULT_SPACING: f64 = 80.0;

/// Coordinates are clamped to ±this, so that squared distances stay finite.
pub(crate) const COORD_LIMIT: f64 = 1e9;

/// A graph to lay out: `n` nodes with positions, pinned flags, groups and
/// labels, and undirected weighted edges between node indices.
///
/// The fields are plain data so that the editor and tests can build one
/// directly. Every layout first makes it consistent the way
/// [`LayoutGraph::normalise`] documents, so a graph with, say, a short
/// `pinned` vector or an edge to a missing node is never an error.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayoutGraph {
    /// Undirected edges `(a, b, strength)`; after normalising: `a < b`,
    /// sorted, no duplicates, strength finite and positive.
    pub edges: Vec<(usize, usize, f64)>,
    /// Position of each node, `[x, y]` in canvas units. Its length is the
    /// number of nodes.
    pub positions: Vec<[f64; 2]>,
    /// Whether each node must stay where it is (missing means `false`).
    pub pinned: Vec<bool>,
    /// Each node's group, the index of its sector (missing means 0).
    pub groups: Vec<usize>,
    /// Each node's label, for orderings by name (missing means empty).
    pub labels: Vec<String>,
}

impl LayoutGraph {
    /// Nodes at the given positions: no edges, none pinned, all in group 0.
    pub fn new(positions: Vec<[f64; 2]>) -> Self {
        let n = positions.len();
        Self {
            edges: Vec::new(),
            positions,
            pinned: vec![false; n],
            groups: vec![0; n],
            labels: vec![String::new(); n],
        }
    }

    /// The graph of a map and the actor id of each node index; see the
    /// module docs for the conventions.
    ///
    /// # Example
    /// ```
    /// use bridgework::layout::LayoutGraph;
    /// use bridgework::model::{Actor, Network, Tie};
    ///
    /// let mut map = Network::new();
    /// let mut gp = Actor::new("gp", "Dr Okafor", "primary care");
    /// (gp.x, gp.y) = (Some(10.0), Some(20.0));
    /// map.add_actor(gp).unwrap();
    /// map.add_actor(Actor::new("sw", "Sam", "social care")).unwrap();
    /// map.add_tie(Tie::new("t1", "gp", "sw", "referral", true)).unwrap();
    /// map.add_tie(Tie::new("t2", "sw", "gp", "conflict", false)).unwrap();
    ///
    /// let (graph, ids) = LayoutGraph::from_network(&map);
    /// assert_eq!(ids, ["gp".into(), "sw".into()]);
    /// assert_eq!(graph.edges, [(0, 1, 2.0)]); // two ties merged
    /// assert_eq!(graph.groups, [0, 4]); // sector indices
    /// assert_eq!(graph.positions[0], [10.0, 20.0]);
    /// assert!(graph.positions[1].iter().all(|c| c.is_finite()));
    /// ```
    pub fn from_network(network: &Network) -> (Self, Vec<ActorId>) {
        let actors = network.actors();
        let n = actors.len();
        let ids: Vec<ActorId> = actors.iter().map(|a| a.id().clone()).collect();
        let index: HashMap<&ActorId, usize> =
            ids.iter().enumerate().map(|(i, id)| (id, i)).collect();
        let sector_index: HashMap<&str, usize> = network
            .sectors
            .iter()
            .enumerate()
            .rev() // the first of two equal names wins
            .map(|(i, s)| (s.name.as_str(), i))
            .collect();
        let other_group = network.sectors.len();
        let mut positions = Vec::with_capacity(n);
        let mut placed = Vec::with_capacity(n);
        for a in actors {
            match (a.x, a.y) {
                (Some(x), Some(y)) if x.is_finite() && y.is_finite() => {
                    positions.push([clamp(x), clamp(y)]);
                    placed.push(true);
                }
                _ => {
                    positions.push([0.0, 0.0]);
                    placed.push(false);
                }
            }
        }
        let edges = network
            .ties()
            .iter()
            .filter_map(|t| {
                let a = *index.get(t.from())?;
                let b = *index.get(t.to())?;
                Some((a, b, t.strength))
            })
            .collect();
        let mut graph = Self {
            edges,
            positions,
            pinned: actors.iter().map(|a| a.pinned).collect(),
            groups: actors
                .iter()
                .map(|a| {
                    sector_index
                        .get(a.sector.as_str())
                        .copied()
                        .unwrap_or(other_group)
                })
                .collect(),
            labels: actors.iter().map(|a| a.name.clone()).collect(),
        };
        graph.edges = normal_edges(n, &graph.edges);
        place_unplaced(&mut graph.positions, &placed, &graph.edges);
        (graph, ids)
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether there are no nodes.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// Whether node `i` is pinned (`false` if out of range).
    pub fn is_pinned(&self, i: usize) -> bool {
        self.pinned.get(i).copied().unwrap_or(false)
    }

    /// The number of groups: one more than the largest group index, 0 if
    /// there are no nodes.
    pub fn group_count(&self) -> usize {
        self.groups
            .iter()
            .take(self.len())
            .max()
            .map_or(0, |g| g.saturating_add(1))
            .max(usize::from(!self.is_empty()))
    }

    /// Makes the graph consistent, as every layout does before it starts:
    /// * `pinned`, `groups` and `labels` are cut or padded (`false`, 0,
    ///   empty) to the number of positions;
    /// * edges with an end out of range and self-loops are dropped, each
    ///   edge is written `(smaller, larger)`, parallel edges are merged by
    ///   summing strengths, a strength that is not finite and positive
    ///   counts as 1, and the list is sorted;
    /// * coordinates are clamped to ±10⁹; a node with a non-finite
    ///   coordinate is placed near its placed neighbours (their mean plus a
    ///   small offset), or, without any, on a sunflower spiral just outside
    ///   the other nodes (around the origin if no node is placed).
    ///
    /// O(n + m log m).
    pub fn normalise(&mut self) {
        let n = self.len();
        self.pinned.resize(n, false);
        self.groups.resize(n, 0);
        self.labels.resize(n, String::new());
        if !edges_are_normal(n, &self.edges) {
            self.edges = normal_edges(n, &self.edges);
        }
        let mut placed = vec![true; n];
        for (p, ok) in self.positions.iter_mut().zip(placed.iter_mut()) {
            if p.iter().all(|c| c.is_finite()) {
                *p = [clamp(p[0]), clamp(p[1])];
            } else {
                *ok = false;
            }
        }
        if placed.contains(&false) {
            place_unplaced(&mut self.positions, &placed, &self.edges);
        }
    }

    /// Whether [`LayoutGraph::normalise`] would leave the graph unchanged.
    pub fn is_normal(&self) -> bool {
        let n = self.len();
        self.pinned.len() == n
            && self.groups.len() == n
            && self.labels.len() == n
            && self
                .positions
                .iter()
                .all(|p| p.iter().all(|c| c.is_finite() && c.abs() <= COORD_LIMIT))
            && edges_are_normal(n, &self.edges)
    }

    /// This graph, normalised (borrowed if it already is).
    pub(crate) fn normalised(&self) -> Cow<'_, LayoutGraph> {
        if self.is_normal() {
            Cow::Borrowed(self)
        } else {
            let mut g = self.clone();
            g.normalise();
            Cow::Owned(g)
        }
    }

    /// The number of edges at each node (of a normalised graph).
    pub(crate) fn degrees(&self) -> Vec<usize> {
        let mut degree = vec![0usize; self.len()];
        for &(a, b, _) in &self.edges {
            for end in [a, b] {
                if let Some(d) = degree.get_mut(end) {
                    *d += 1;
                }
            }
        }
        degree
    }
}

/// The actors whose position `positions` changes, as `(id, [x, y])` pairs in
/// map order, ready for one `MoveActors` edit.
///
/// `ids` and `positions` are matched by index (as [`LayoutGraph::from_network`]
/// returns them). Coordinates are rounded to 0.01 canvas units so saved
/// files stay readable; an actor is left out if it is pinned, not on the
/// map, given a non-finite position, or already exactly there.
///
/// O(n).
pub fn moves(
    network: &Network,
    ids: &[ActorId],
    positions: &[[f64; 2]],
) -> Vec<(ActorId, [f64; 2])> {
    ids.iter()
        .zip(positions)
        .filter_map(|(id, p)| {
            let actor = network.actor(id)?;
            if actor.pinned || !p.iter().all(|c| c.is_finite()) {
                return None;
            }
            let round = |c: f64| (clamp(c) * 100.0).round() / 100.0;
            let q = [round(p[0]), round(p[1])];
            if actor.x == Some(q[0]) && actor.y == Some(q[1]) {
                return None;
            }
            Some((id.clone(), q))
        })
        .collect()
}

/// Clamps a finite coordinate to ±[`COORD_LIMIT`].
pub(crate) fn clamp(c: f64) -> f64 {
    c.clamp(-COORD_LIMIT, COORD_LIMIT)
}

fn edges_are_normal(n: usize, edges: &[(usize, usize, f64)]) -> bool {
    edges
        .iter()
        .all(|&(a, b, w)| a < b && b < n && w.is_finite() && w > 0.0)
        && edges
            .windows(2)
            .all(|p| (p[0].0, p[0].1) < (p[1].0, p[1].1))
}

/// Drops out-of-range edges and self-loops, orders each edge's ends, sorts
/// and merges parallel edges (summing strengths, in input order).
fn normal_edges(n: usize, edges: &[(usize, usize, f64)]) -> Vec<(usize, usize, f64)> {
    let mut list: Vec<(usize, usize, f64)> = edges
        .iter()
        .filter(|&&(a, b, _)| a != b && a < n && b < n)
        .map(|&(a, b, w)| {
            let w = if w.is_finite() && w > 0.0 { w } else { 1.0 };
            (a.min(b), a.max(b), w)
        })
        .collect();
    // Stable: merged strengths are summed in input order.
    list.sort_by_key(|&(a, b, _)| (a, b));
    let mut merged: Vec<(usize, usize, f64)> = Vec::with_capacity(list.len());
    for (a, b, w) in list {
        match merged.last_mut() {
            Some(last) if last.0 == a && last.1 == b => {
                last.2 = (last.2 + w).min(f64::MAX);
            }
            _ => merged.push((a, b, w)),
        }
    }
    merged
}

/// The golden angle, in radians: successive sunflower points turn by it.
pub(crate) const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;

/// Point `k` of a sunflower (Vogel) spiral around the origin whose points
/// are about `spacing` apart.
pub(crate) fn sunflower(k: usize, spacing: f64) -> [f64; 2] {
    let r = spacing * ((k as f64 + 0.5) / std::f64::consts::PI).sqrt();
    let a = k as f64 * GOLDEN_ANGLE;
    [r * a.cos(), r * a.sin()]
}

/// Gives every node with `placed[i] == false` a position: near the mean of
/// its already placed neighbours, else on a sunflower spiral continuing
/// outside the placed nodes. Deterministic; processes nodes in index order.
fn place_unplaced(positions: &mut [[f64; 2]], placed: &[bool], edges: &[(usize, usize, f64)]) {
    let n = positions.len();
    let mut done: Vec<bool> = (0..n)
        .map(|i| placed.get(i).copied().unwrap_or(true))
        .collect();
    let count = done.iter().filter(|&&d| d).count();
    if count == n {
        return;
    }
    let spacing = DEFAULT_SPACING;
    let mut centre = [0.0, 0.0];
    for (p, _) in positions.iter().zip(&done).filter(|(_, d)| **d) {
        centre[0] += p[0] / count as f64;
        centre[1] += p[1] / count as f64;
    }
    let mut reach: f64 = 0.0;
    for (p, _) in positions.iter().zip(&done).filter(|(_, d)| **d) {
        reach = reach.max((p[0] - centre[0]).hypot(p[1] - centre[1]));
    }
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b, _) in edges {
        if let (true, true) = (a < n, b < n) {
            adjacency[a].push(b);
            adjacency[b].push(a);
        }
    }
    // Sunflower point k has radius spacing·√((k + ½)/π); start beyond the
    // placed nodes.
    let mut k = if count == 0 {
        0
    } else {
        let r = reach + spacing;
        ((r / spacing).powi(2) * std::f64::consts::PI).ceil() as usize
    };
    for i in 0..n {
        if done[i] {
            continue;
        }
        let mut sum = [0.0, 0.0];
        let mut neighbours = 0usize;
        for &j in &adjacency[i] {
            if done[j] {
                sum[0] += positions[j][0];
                sum[1] += positions[j][1];
                neighbours += 1;
            }
        }
        let p = if count > 0 && neighbours > 0 {
            let a = i as f64 * GOLDEN_ANGLE;
            let r = spacing * 0.5;
            [
                sum[0] / neighbours as f64 + r * a.cos(),
                sum[1] / neighbours as f64 + r * a.sin(),
            ]
        } else {
            let s = sunflower(k, spacing);
            k += 1;
            [centre[0] + s[0], centre[1] + s[1]]
        };
        positions[i] = [clamp(p[0]), clamp(p[1])];
        done[i] = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Tie};

    fn map() -> Network {
        let mut n = Network::new();
        for (id, sector, pos) in [
            ("a", "primary care", Some((0.0, 0.0))),
            ("b", "social care", Some((100.0, 0.0))),
            ("c", "nowhere", None),
            ("d", "primary care", None),
        ] {
            let mut a = Actor::new(id, id.to_uppercase(), sector);
            if let Some((x, y)) = pos {
                a.x = Some(x);
                a.y = Some(y);
            }
            a.pinned = id == "b";
            n.add_actor(a).unwrap();
        }
        let mut t = Tie::new("t1", "a", "c", "collaboration", false);
        t.strength = 3.0;
        n.add_tie(t).unwrap();
        n.add_tie(Tie::new("t2", "c", "a", "conflict", true))
            .unwrap();
        n.add_tie(Tie::new("t3", "b", "b", "collaboration", false))
            .unwrap();
        n
    }

    #[test]
    fn from_network_merges_ties_drops_loops_and_places_everyone() {
        let network = map();
        let (g, ids) = LayoutGraph::from_network(&network);
        assert_eq!(ids.len(), 4);
        assert_eq!(g.edges, vec![(0, 2, 4.0)]);
        assert_eq!(g.pinned, vec![false, true, false, false]);
        assert_eq!(g.groups, vec![0, 4, network.sectors.len(), 0]);
        assert_eq!(g.labels[0], "A");
        assert!(g.is_normal());
        // c has a placed neighbour (a): it goes half a spacing from it.
        let c = g.positions[2];
        assert!((c[0].hypot(c[1]) - DEFAULT_SPACING / 2.0).abs() < 1e-9);
        // d has none: outside the placed nodes.
        let d = g.positions[3];
        assert!((d[0] - 50.0).hypot(d[1]) > 50.0);
    }

    #[test]
    fn nothing_placed_gives_a_sunflower_at_the_origin() {
        let mut network = Network::new();
        for i in 0..50 {
            network
                .add_actor(Actor::new(format!("a{i}"), "x", "primary care"))
                .unwrap();
        }
        let (g, _) = LayoutGraph::from_network(&network);
        for (i, p) in g.positions.iter().enumerate() {
            assert_eq!(*p, sunflower(i, DEFAULT_SPACING));
        }
    }

    #[test]
    fn normalise_repairs_everything() {
        let mut g = LayoutGraph {
            edges: vec![(1, 0, f64::NAN), (0, 1, 2.0), (3, 3, 1.0), (0, 9, 1.0)],
            positions: vec![[f64::NAN, 0.0], [1e300, -1e300], [5.0, 5.0]],
            pinned: vec![true],
            groups: vec![],
            labels: vec!["x".into(); 5],
        };
        assert!(!g.is_normal());
        g.normalise();
        assert!(g.is_normal());
        assert_eq!(g.edges, vec![(0, 1, 3.0)]);
        assert_eq!(g.pinned, vec![true, false, false]);
        assert_eq!(g.groups, vec![0, 0, 0]);
        assert_eq!(g.labels.len(), 3);
        assert_eq!(g.positions[1], [COORD_LIMIT, -COORD_LIMIT]);
        assert!(g.positions[0].iter().all(|c| c.is_finite()));
    }

    #[test]
    fn moves_lists_only_changed_unpinned_actors_rounded() {
        let network = map();
        let (g, ids) = LayoutGraph::from_network(&network);
        let mut positions = g.positions.clone();
        positions[1] = [7.0, 7.0]; // pinned: ignored
        positions[3] = [1.234_567, f64::INFINITY]; // not finite: ignored
        let m = moves(&network, &ids, &positions);
        // a is unchanged; c had no position in the map, so it moves.
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].0, ActorId::new("c"));
        let p = positions[2];
        assert!((m[0].1[0] - p[0]).abs() <= 0.005 && (m[0].1[1] - p[1]).abs() <= 0.005);
    }

    #[test]
    fn group_count_counts_the_largest_index() {
        assert_eq!(LayoutGraph::default().group_count(), 0);
        let mut g = LayoutGraph::new(vec![[0.0, 0.0]; 3]);
        assert_eq!(g.group_count(), 1);
        g.groups = vec![0, 5, 2];
        assert_eq!(g.group_count(), 6);
    }
}
