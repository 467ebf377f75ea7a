//! Communities: the modularity of a given partition (e.g. by sector) and
//! Louvain community detection.
//!
//! # Definitions (networkx `community.modularity`, `louvain_communities`)
//! * **Undirected**: Q = Σ_c [ L_c/m − (d_c / 2m)² ], where m is the total
//!   edge weight, L_c the weight of the edges inside community c and d_c the
//!   summed strength (weighted degree) of its members.
//! * **Directed** (Leicht–Newman): Q = (1/m) Σ_ij [A_ij − k_i^out k_j^in / m]
//!   δ(c_i, c_j) = Σ_c [ L_c/m − out_c · in_c / m² ], where m is the total
//!   arc weight, L_c the weight of the arcs inside c and out_c, in_c the
//!   summed out- and in-strengths of its members.
//!
//! Resolution 1. Both equal networkx's values for the same partition
//! (`weight='weight'` when `weighted`, `weight=None` otherwise, every tie
//! then counting 1).
//!
//! # Conventions
//! * A tie's weight is a **strength** (a multiplier), as in networkx.
//! * With no ties (m = 0) modularity is undefined (networkx divides by
//!   zero); Bridgework reports **0**, and Louvain leaves every actor in a
//!   community of its own.
//! * Louvain is deterministic: run 0 visits the nodes in index order, run
//!   r ≥ 1 in an order shuffled by a SplitMix64 generator seeded with
//!   `seed + r` (the same order on every machine; the generator runs on
//!   through the levels and the polishing). Every run is multi-level
//!   (local moving, then aggregation of communities into nodes, until no
//!   move improves Q) and is then *polished*: the whole multi-level
//!   procedure is restarted from its own result, so that single actors can
//!   still move between the final communities, until Q stops improving.
//!   The best run is kept (ties: the lowest run number), and never a
//!   partition worse than the one into connected components (Q ≥ 0).
//! * Directed views use networkx's directed gain: moving node i into
//!   community C gains (w_{i→C} + w_{C→i})/m − (k_i^out in_C + k_i^in out_C)/m².
//! * Communities are numbered by first appearance in node order (node 0 is
//!   in community 0, the first node not in it in community 1, …).
//!
//! # Complexity
//! Modularity: O(n + m). Louvain: O(m) per local-moving pass, a few passes
//! per level and O(log n) levels in practice, times the number of runs
//! (run in parallel; the result does not depend on the thread count). By
//! default 10 runs on maps with n + m ≤ 2,000 and 2 runs (one per core on
//! a 2-core machine) on larger ones, so a 20,000-actor, 60,000-tie map
//! takes a fraction of a second (optimised build, two cores).
//! The cancel flag is checked once per local-moving pass.
//!
//! # Example
//! ```
//! use bridgework::analysis::{louvain, modularity, Control, LouvainOptions};
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! // Two triangles a-b-c and d-e-f joined by the tie c-d.
//! let mut n = Network::new();
//! for id in ["a", "b", "c", "d", "e", "f"] {
//!     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
//! }
//! let pairs = [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")];
//! for (i, (f, t)) in pairs.into_iter().enumerate() {
//!     n.add_tie(Tie::new(format!("t{i}"), f, t, "collaboration", false)).unwrap();
//! }
//! let view = AnalysisView::new(&n, &ViewOptions::default());
//! let c = louvain(&view, &LouvainOptions::default(), &Control::none()).unwrap();
//! assert_eq!(c.of, vec![0, 0, 0, 1, 1, 1]);
//! assert_eq!(c.count, 2);
//! // Q = 2 · (3/7 − (7/14)²) = 5/14
//! assert!((c.modularity - 5.0 / 14.0).abs() < 1e-12);
//! assert_eq!(c.modularity, modularity(&view, &c.of, true));
//! ```

use super::components::weak_components;
use super::control::{Cancelled, Control};
use crate::model::AnalysisView;
use rayon::prelude::*;
use std::collections::HashMap;

/// The modularity of the partition `of` (`of[v]`: any label for node v's
/// community; labels need not be dense). A node with no entry (`of` too
/// short) counts as a community of its own. See the module docs; 0 when
/// the view has no ties.
pub fn modularity(view: &AnalysisView, of: &[usize], weighted: bool) -> f64 {
    let n = view.node_count();
    // Dense community numbers, in order of first appearance.
    let mut index: HashMap<usize, usize> = HashMap::new();
    let mut count = 0;
    let comm: Vec<usize> = (0..n)
        .map(|v| match of.get(v) {
            Some(&label) => *index.entry(label).or_insert_with(|| {
                count += 1;
                count - 1
            }),
            None => {
                count += 1;
                count - 1
            }
        })
        .collect();
    let wt = |w: f64| if weighted { w } else { 1.0 };
    let mut inside = vec![0.0; count];
    let mut out_sum = vec![0.0; count];
    let mut in_sum = vec![0.0; count];
    let mut total = 0.0;
    for e in view.edges() {
        let w = wt(e.weight);
        let (cs, ct) = (comm[e.source], comm[e.target]);
        total += w;
        if cs == ct {
            inside[cs] += w;
        }
        out_sum[cs] += w;
        in_sum[ct] += w;
        if !view.is_directed() {
            // An undirected edge adds to the degree of both ends.
            out_sum[ct] += w;
            in_sum[cs] += w;
        }
    }
    if total <= 0.0 {
        return 0.0;
    }
    let norm = if view.is_directed() {
        1.0 / (total * total)
    } else {
        1.0 / (4.0 * total * total)
    };
    (0..count)
        .map(|c| inside[c] / total - out_sum[c] * in_sum[c] * norm)
        .sum()
}

/// Options for [`louvain`].
#[derive(Clone, Debug, PartialEq)]
pub struct LouvainOptions {
    /// Use tie strengths as weights (networkx `weight='weight'`); if false
    /// every tie counts 1 (`weight=None`).
    pub weighted: bool,
    /// Number of runs (at least 1 is made): run 0 in node order, the others
    /// in seeded shuffled orders; the best is kept. `None`: automatic, 10
    /// for maps with n + m ≤ 40,000, fewer for larger ones (400,000/(n + m),
    /// at least 2), so that time grows no faster than the map.
    pub runs: Option<usize>,
    /// The seed of the shuffled orders.
    pub seed: u64,
}

impl Default for LouvainOptions {
    /// Weighted, automatic number of runs, seed 1.
    fn default() -> Self {
        Self {
            weighted: true,
            runs: None,
            seed: 1,
        }
    }
}

/// A partition of the nodes into communities.
#[derive(Clone, Debug, PartialEq)]
pub struct Communities {
    /// Number of communities.
    pub count: usize,
    /// `of[v]`: the community of node v, numbered by first appearance in
    /// node order.
    pub of: Vec<usize>,
    /// The modularity of this partition ([`modularity`] with the weights
    /// the search used).
    pub modularity: f64,
}

impl Communities {
    /// The members of every community, ascending node indices.
    pub fn members(&self) -> Vec<Vec<usize>> {
        let mut members = vec![Vec::new(); self.count];
        for (v, &c) in self.of.iter().enumerate() {
            if let Some(m) = members.get_mut(c) {
                m.push(v);
            }
        }
        members
    }

    /// The size of every community.
    pub fn sizes(&self) -> Vec<usize> {
        self.members().iter().map(Vec::len).collect()
    }
}

/// Louvain community detection (Blondel et al. 2008) with polishing and
/// several seeded runs; see the module docs.
pub fn louvain(
    view: &AnalysisView,
    options: &LouvainOptions,
    control: &Control,
) -> Result<Communities, Cancelled> {
    let n = view.node_count();
    let base = Level::from_view(view, options.weighted);
    let runs = match options.runs {
        Some(r) => r.max(1),
        // Small maps (a workshop's, the reference sets): 10 runs, still
        // milliseconds. Larger ones: 2 runs, one per core, so the search is
        // no slower than a single igraph multilevel run.
        None if n + view.edge_count() <= 2_000 => 10,
        None => 2,
    };
    let stage = "communities";
    control.begin(stage, runs);
    let results: Vec<(f64, Vec<usize>)> = (0..runs)
        .into_par_iter()
        .map(|r| {
            let mut rng = (r > 0).then(|| SplitMix64(options.seed.wrapping_add(r as u64)));
            let mut of = multilevel(&base, None, rng.as_mut(), control)?;
            let mut q = modularity(view, &of, options.weighted);
            // Polish: restart from the result while it improves.
            for _ in 0..32 {
                let next = multilevel(&base, Some(&of), rng.as_mut(), control)?;
                let q_next = modularity(view, &next, options.weighted);
                if q_next > q + 1e-12 {
                    of = next;
                    q = q_next;
                } else {
                    break;
                }
            }
            control.step(stage, 1, runs);
            Ok((q, of))
        })
        .collect::<Result<_, Cancelled>>()?;
    let mut best: (f64, Vec<usize>) = (f64::NEG_INFINITY, (0..n).collect());
    for (q, of) in results {
        if q > best.0 {
            best = (q, of);
        }
    }
    if base.total > 0.0 {
        let comps = weak_components(view).of;
        let q = modularity(view, &comps, options.weighted);
        if q > best.0 {
            best = (q, comps);
        }
    }
    let (of, count) = renumber(&best.1);
    let modularity = modularity(view, &of, options.weighted);
    Ok(Communities {
        count,
        of,
        modularity,
    })
}

/// Renumbers labels densely by first appearance; returns the count too.
fn renumber(labels: &[usize]) -> (Vec<usize>, usize) {
    let mut index: HashMap<usize, usize> = HashMap::new();
    let of = labels
        .iter()
        .map(|&l| {
            let next = index.len();
            *index.entry(l).or_insert(next)
        })
        .collect();
    (of, index.len())
}

/// A deterministic pseudo-random generator (SplitMix64), for node orders.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Fisher–Yates shuffle.
    fn shuffle(&mut self, v: &mut [usize]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// One level of the Louvain hierarchy: a graph whose rows hold, for each
/// neighbour j ≠ i, the combined weight w_ij + w_ji (an undirected edge
/// counts as two arcs), plus every node's out- and in-strength (including
/// the weight inside aggregated nodes).
struct Level {
    offsets: Vec<usize>,
    targets: Vec<usize>,
    weights: Vec<f64>,
    k_out: Vec<f64>,
    k_in: Vec<f64>,
    /// Total arc weight M (twice the edge weight if undirected).
    total: f64,
}

impl Level {
    fn len(&self) -> usize {
        self.k_out.len()
    }

    fn row(&self, i: usize) -> std::ops::Range<usize> {
        self.offsets[i]..self.offsets[i + 1]
    }

    fn from_view(view: &AnalysisView, weighted: bool) -> Self {
        let n = view.node_count();
        let wt = |w: f64| if weighted { w } else { 1.0 };
        let mut offsets = Vec::with_capacity(n + 1);
        let mut targets = Vec::new();
        let mut weights = Vec::new();
        let mut k_out = vec![0.0; n];
        let mut k_in = vec![0.0; n];
        offsets.push(0);
        for i in 0..n {
            let (ot, ow) = view.out_neighbours(i);
            let (it, iw) = view.in_neighbours(i);
            k_out[i] = ow.iter().map(|&w| wt(w)).sum();
            k_in[i] = iw.iter().map(|&w| wt(w)).sum();
            if view.is_directed() {
                // Merge the two ascending rows.
                let (mut a, mut b) = (0, 0);
                while a < ot.len() || b < it.len() {
                    let ta = ot.get(a).copied().unwrap_or(usize::MAX);
                    let tb = it.get(b).copied().unwrap_or(usize::MAX);
                    let t = ta.min(tb);
                    let mut w = 0.0;
                    if ta == t {
                        w += wt(ow[a]);
                        a += 1;
                    }
                    if tb == t {
                        w += wt(iw[b]);
                        b += 1;
                    }
                    targets.push(t);
                    weights.push(w);
                }
            } else {
                targets.extend_from_slice(ot);
                weights.extend(ow.iter().map(|&w| 2.0 * wt(w)));
            }
            offsets.push(targets.len());
        }
        let total = k_out.iter().sum();
        Self {
            offsets,
            targets,
            weights,
            k_out,
            k_in,
            total,
        }
    }

    /// The graph of communities: node c of the result is community c
    /// (`comm` dense, `count` communities).
    fn aggregate(&self, comm: &[usize], count: usize) -> Self {
        let mut members = vec![Vec::new(); count];
        for (v, &c) in comm.iter().enumerate() {
            members[c].push(v);
        }
        let mut k_out = vec![0.0; count];
        let mut k_in = vec![0.0; count];
        let mut offsets = Vec::with_capacity(count + 1);
        let mut targets = Vec::new();
        let mut weights = Vec::new();
        let mut acc = vec![0.0; count];
        let mut seen = vec![false; count];
        let mut touched = Vec::new();
        offsets.push(0);
        for (c, ms) in members.iter().enumerate() {
            for &v in ms {
                k_out[c] += self.k_out[v];
                k_in[c] += self.k_in[v];
                for k in self.row(v) {
                    let d = comm[self.targets[k]];
                    if d == c {
                        continue;
                    }
                    if !seen[d] {
                        seen[d] = true;
                        touched.push(d);
                    }
                    acc[d] += self.weights[k];
                }
            }
            touched.sort_unstable();
            for &d in &touched {
                targets.push(d);
                weights.push(acc[d]);
                acc[d] = 0.0;
                seen[d] = false;
            }
            touched.clear();
            offsets.push(targets.len());
        }
        Self {
            offsets,
            targets,
            weights,
            k_out,
            k_in,
            total: self.total,
        }
    }
}

/// Gains below this are treated as no gain, so float noise cannot make
/// nodes cycle.
const MIN_GAIN: f64 = 1e-13;

/// Local moving on one level from the assignment `comm` (labels < n): each
/// node in turn moves to the neighbouring community with the largest
/// modularity gain, until a pass moves nobody. Returns whether any node
/// moved.
fn local_moving(
    level: &Level,
    comm: &mut [usize],
    rng: Option<&mut SplitMix64>,
    control: &Control,
) -> Result<bool, Cancelled> {
    let n = level.len();
    let m = level.total;
    let mut order: Vec<usize> = (0..n).collect();
    if let Some(rng) = rng {
        rng.shuffle(&mut order);
    }
    let mut tot_out = vec![0.0; n];
    let mut tot_in = vec![0.0; n];
    for v in 0..n {
        tot_out[comm[v]] += level.k_out[v];
        tot_in[comm[v]] += level.k_in[v];
    }
    let mut link = vec![0.0; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<usize> = Vec::new();
    let mut moved_any = false;
    for _pass in 0..1000 {
        control.check()?;
        let mut moved = false;
        for &i in &order {
            let own = comm[i];
            for k in level.row(i) {
                let c = comm[level.targets[k]];
                if !seen[c] {
                    seen[c] = true;
                    touched.push(c);
                }
                link[c] += level.weights[k];
            }
            let (ko, ki) = (level.k_out[i], level.k_in[i]);
            tot_out[own] -= ko;
            tot_in[own] -= ki;
            let gain =
                |c: usize, link: f64| link / m - (ko * tot_in[c] + ki * tot_out[c]) / (m * m);
            let mut best = own;
            let mut best_gain = gain(own, link[own]);
            for &c in &touched {
                let g = gain(c, link[c]);
                if g > best_gain + MIN_GAIN {
                    best = c;
                    best_gain = g;
                }
            }
            tot_out[best] += ko;
            tot_in[best] += ki;
            if best != own {
                comm[i] = best;
                moved = true;
            }
            for &c in &touched {
                link[c] = 0.0;
                seen[c] = false;
            }
            touched.clear();
        }
        if !moved {
            break;
        }
        moved_any = true;
    }
    Ok(moved_any)
}

/// The multi-level Louvain procedure from `initial` (labels < n; default
/// singletons). Returns a community label for every node of `base`.
fn multilevel(
    base: &Level,
    initial: Option<&[usize]>,
    mut rng: Option<&mut SplitMix64>,
    control: &Control,
) -> Result<Vec<usize>, Cancelled> {
    let n = base.len();
    let mut membership: Vec<usize> = match initial {
        Some(of) if of.len() == n => renumber(of).0,
        _ => (0..n).collect(),
    };
    if base.total <= 0.0 {
        return Ok((0..n).collect());
    }
    // Level 0 starts from `membership`; later levels from singletons.
    let mut comm = membership.clone();
    let mut level_owned: Option<Level> = None;
    loop {
        let level = level_owned.as_ref().unwrap_or(base);
        local_moving(level, &mut comm, rng.as_deref_mut(), control)?;
        let (dense, count) = renumber(&comm);
        if level_owned.is_none() {
            membership = dense.clone();
        } else {
            for m in membership.iter_mut() {
                *m = dense[*m];
            }
        }
        if count == level.len() {
            break;
        }
        let next = level.aggregate(&dense, count);
        comm = (0..count).collect();
        level_owned = Some(next);
    }
    Ok(membership)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Network, Tie, ViewOptions};
    use proptest::prelude::*;

    fn network(n: usize, edges: &[(usize, usize)], directed: bool) -> Network {
        let mut net = Network::new();
        for i in 0..n {
            net.add_actor(Actor::new(format!("a{i}"), format!("A{i}"), "primary care"))
                .unwrap();
        }
        for (k, &(a, b)) in edges.iter().enumerate() {
            net.add_tie(Tie::new(
                format!("t{k}"),
                format!("a{a}"),
                format!("a{b}"),
                "collaboration",
                directed,
            ))
            .unwrap();
        }
        net
    }

    fn view_of(n: usize, edges: &[(usize, usize)], directed: bool) -> AnalysisView {
        AnalysisView::new(&network(n, edges, directed), &ViewOptions::default())
    }

    fn clique_pair(size: usize) -> Vec<(usize, usize)> {
        let mut e = Vec::new();
        for off in [0, size] {
            for i in 0..size {
                for j in i + 1..size {
                    e.push((off + i, off + j));
                }
            }
        }
        e.push((size - 1, size));
        e
    }

    #[test]
    fn two_cliques_joined_by_one_edge_are_two_communities() {
        let v = view_of(10, &clique_pair(5), false);
        let c = louvain(&v, &LouvainOptions::default(), &Control::none()).unwrap();
        assert_eq!(c.count, 2);
        assert_eq!(c.of, vec![0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
        assert_eq!(c.members(), vec![vec![0, 1, 2, 3, 4], vec![5, 6, 7, 8, 9]]);
        // 21 edges; each clique has 10 inside and degree sum 21.
        let want = 2.0 * (10.0 / 21.0 - (21.0f64 / 42.0).powi(2));
        assert!((c.modularity - want).abs() < 1e-12);
    }

    #[test]
    fn empty_map_and_map_without_ties() {
        let v = view_of(0, &[], false);
        let c = louvain(&v, &LouvainOptions::default(), &Control::none()).unwrap();
        assert_eq!((c.count, c.of.len(), c.modularity), (0, 0, 0.0));
        assert_eq!(modularity(&v, &[], true), 0.0);
        let v = view_of(4, &[], false);
        let c = louvain(&v, &LouvainOptions::default(), &Control::none()).unwrap();
        assert_eq!(c.of, vec![0, 1, 2, 3]);
        assert_eq!((c.count, c.modularity), (4, 0.0));
        assert_eq!(modularity(&v, &[0, 0, 0, 0], true), 0.0);
    }

    #[test]
    fn directed_modularity_is_leicht_newman() {
        // a→b, b→c, c→a, c→d: one community gives 0; {a,b,c},{d}:
        // L = 3/4, out = 4, in = 3 → 3/4 − 12/16 = 0; {d}: 0 − 0·1/16 = 0.
        let v = view_of(4, &[(0, 1), (1, 2), (2, 0), (2, 3)], true);
        assert!(v.is_directed());
        assert_eq!(modularity(&v, &[0, 0, 0, 0], true), 0.0);
        assert_eq!(modularity(&v, &[0, 0, 0, 1], true), 0.0);
        // singletons: −Σ out·in / 16 = −(1+1+2+0)/16 … out=(1,1,2,0), in=(1,1,1,1)
        assert!((modularity(&v, &[0, 1, 2, 3], true) + 4.0 / 16.0).abs() < 1e-15);
    }

    #[test]
    fn cancelled_louvain_returns_cancelled() {
        let flag = std::sync::atomic::AtomicBool::new(true);
        let control = Control::new(Some(&flag), None);
        let v = view_of(10, &clique_pair(5), false);
        assert_eq!(
            louvain(&v, &LouvainOptions::default(), &control),
            Err(Cancelled)
        );
    }

    #[test]
    fn large_sparse_map_is_fast_and_deterministic() {
        // 20,000 nodes, ~60,000 ties: 200 planted groups of 100.
        let n = 20_000;
        let mut rng = SplitMix64(7);
        let mut edges = Vec::with_capacity(60_000);
        for _ in 0..60_000 {
            let a = (rng.next() % n as u64) as usize;
            let b = if rng.next() % 10 < 8 {
                (a / 100) * 100 + (rng.next() % 100) as usize
            } else {
                (rng.next() % n as u64) as usize
            };
            edges.push((a, b));
        }
        let v = view_of(n, &edges, false);
        let start = std::time::Instant::now();
        let opts = LouvainOptions {
            runs: Some(3),
            ..LouvainOptions::default()
        };
        let c = louvain(&v, &opts, &Control::none()).unwrap();
        let took = start.elapsed();
        assert!(c.modularity > 0.6, "{}", c.modularity);
        // The same on one thread.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        assert_eq!(
            c,
            pool.install(|| louvain(&v, &opts, &Control::none()))
                .unwrap()
        );
        // Generous: unoptimised test builds are much slower than release.
        assert!(took.as_secs_f64() < 30.0, "{took:?}");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn reported_modularity_is_that_of_the_partition(
            n in 1usize..16,
            raw in proptest::collection::vec((0usize..16, 0usize..16, 1u8..5), 0..40),
            directed in any::<bool>(),
            weighted in any::<bool>(),
        ) {
            let mut net = network(n, &[], directed);
            for (k, &(a, b, s)) in raw.iter().enumerate() {
                let mut t = Tie::new(format!("t{k}"), format!("a{}", a % n), format!("a{}", b % n), "collaboration", directed);
                t.strength = f64::from(s);
                net.add_tie(t).unwrap();
            }
            let v = AnalysisView::new(&net, &ViewOptions::default());
            let opts = LouvainOptions { weighted, ..LouvainOptions::default() };
            let c = louvain(&v, &opts, &Control::none()).unwrap();
            prop_assert_eq!(c.of.len(), n);
            prop_assert_eq!(c.modularity, modularity(&v, &c.of, weighted));
            // Numbered by first appearance.
            let mut next = 0;
            for &x in &c.of {
                prop_assert!(x <= next);
                if x == next { next += 1; }
            }
            prop_assert_eq!(next, c.count);
            // Never worse than all-in-one or the components.
            prop_assert!(c.modularity >= modularity(&v, &vec![0; n], weighted) - 1e-12);
            prop_assert!(c.modularity >= modularity(&v, &weak_components(&v).of, weighted) - 1e-12);
        }
    }
}
