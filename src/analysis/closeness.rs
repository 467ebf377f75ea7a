//! Closeness (Wasserman–Faust improved) and harmonic centrality, from one
//! single-source search per node.
//!
//! # Definitions (networkx `closeness_centrality(wf_improved=True)` and
//! `harmonic_centrality`)
//! * closeness(u) = ((r − 1)/(n − 1)) · ((r − 1)/Σ_v d(v, u)), where r is the
//!   number of nodes that can reach u (u included); 0 if r = 1 or n = 1.
//!   On a connected graph this is the classic (n − 1)/Σ d.
//! * harmonic(u) = Σ_{v ≠ u} 1/d(v, u), **not** normalised; unreachable
//!   nodes add 0.
//!
//! # Conventions
//! Directed graphs use **incoming** distances d(v → u) (networkx's
//! convention; igraph's `mode="in"`). Weights as in [`PathLength`].
//!
//! # Complexity
//! Hops: multi-source breadth-first search, 64 sources per batch as bits of
//! a machine word, O(n/64 · m · depth) word operations plus O(n²) for the
//! sums; batches run in parallel. Weighted: one Dijkstra per node,
//! O(nm log n), parallel like betweenness. The cancel flag is checked at
//! every source and every BFS level.
//!
//! # Example
//! ```
//! use bridgework::analysis::{closeness, Control, PathLength};
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! // A star: the centre is one step from each of three leaves.
//! let mut n = Network::new();
//! for id in ["v", "a", "b", "c"] {
//!     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
//! }
//! for leaf in ["a", "b", "c"] {
//!     n.add_tie(Tie::new(format!("t{leaf}"), "v", leaf, "collaboration", false)).unwrap();
//! }
//! let view = AnalysisView::new(&n, &ViewOptions::default());
//! let c = closeness(&view, PathLength::Hops, &Control::none()).unwrap();
//! assert_eq!(c.closeness[0], 1.0);
//! assert_eq!(c.closeness[1], 0.6); // 3 / (1 + 2 + 2)
//! assert_eq!(c.harmonic[1], 2.0); // 1 + 1/2 + 1/2
//! ```

use super::control::{Cancelled, Control};
use super::parallel::{in_batches, in_chunks};
use super::shortest_paths::{PathLength, Paths, Workspace};
use crate::model::AnalysisView;

/// Closeness and harmonic centrality of every node.
#[derive(Clone, Debug, PartialEq)]
pub struct Closeness {
    /// Wasserman–Faust improved closeness.
    pub closeness: Vec<f64>,
    /// Harmonic centrality (not normalised).
    pub harmonic: Vec<f64>,
}

/// Closeness and harmonic centrality; see the module docs.
pub fn closeness(
    view: &AnalysisView,
    length: PathLength,
    control: &Control,
) -> Result<Closeness, Cancelled> {
    let n = view.node_count();
    let stage = "closeness";
    control.begin(stage, n);
    let sums = if length == PathLength::Hops {
        hop_sums(view, control, stage)?
    } else {
        weighted_sums(view, length, control, stage)?
    };
    Ok(from_sums(n, sums))
}

/// Closeness and harmonic from per-node (Σ d, Σ 1/d, reached) sums.
pub(crate) fn from_sums(n: usize, sums: Sums) -> Closeness {
    let (closeness, harmonic) = sums
        .into_iter()
        .map(|(total, harmonic, reached)| {
            let r = reached as f64;
            let c = if total > 0.0 && n > 1 {
                ((r - 1.0) / (n as f64 - 1.0)) * ((r - 1.0) / total)
            } else {
                0.0
            };
            (c, harmonic)
        })
        .unzip();
    Closeness {
        closeness,
        harmonic,
    }
}

/// Per node: (Σ distances, Σ 1/distance, nodes reached including itself).
pub(crate) type Sums = Vec<(f64, f64, usize)>;

/// One Dijkstra per node on the reversed graph.
fn weighted_sums(
    view: &AnalysisView,
    length: PathLength,
    control: &Control,
    stage: &str,
) -> Result<Sums, Cancelled> {
    let n = view.node_count();
    // Incoming distances: search the reversed graph from each node.
    let paths = Paths::new(view, length, true);
    let parts: Vec<Sums> = in_chunks(n, |sources| {
        let mut res = Vec::with_capacity(sources.len());
        let mut ws = Workspace::new(n);
        for u in sources {
            control.check()?;
            ws.run(&paths, u, false);
            res.push(ws.distance_sums(&paths));
            control.step(stage, 1, n);
        }
        Ok(res)
    })?;
    Ok(parts.into_iter().flatten().collect())
}

/// Multi-source breadth-first search (Then et al., VLDB 2014): 64 searches
/// at once, one bit each, frontiers pulled along arcs level by level. For
/// incoming distances d(v → u) the search from u pulls, at each node v, the
/// frontier bits of v's out-neighbours. O(m · depth) word operations per
/// batch of 64 sources instead of O(m) per source.
fn hop_sums(view: &AnalysisView, control: &Control, stage: &str) -> Result<Sums, Cancelled> {
    let n = view.node_count();
    let pull = view.out_csr();
    let offsets: Vec<u32> = pull.offsets.iter().map(|&o| o as u32).collect();
    let targets: Vec<u32> = pull.targets.iter().map(|&t| t as u32).collect();
    let parts: Vec<Sums> = in_batches(n, 64, |batch| {
        let first = batch.start;
        let count = batch.len();
        let mut sums = vec![(0.0f64, 0.0f64, 1usize); count];
        let mut seen = vec![0u64; n];
        let mut frontier = vec![0u64; n];
        let mut next = vec![0u64; n];
        for k in 0..count {
            control.check()?;
            seen[first + k] |= 1 << k;
            frontier[first + k] |= 1 << k;
        }
        let mut depth = 0.0f64;
        loop {
            control.check()?;
            depth += 1.0;
            let inv = 1.0 / depth;
            let mut any = false;
            for v in 0..n {
                let (a, z) = (offsets[v] as usize, offsets[v + 1] as usize);
                let mut acc = 0u64;
                for &u in &targets[a..z] {
                    acc |= frontier[u as usize];
                }
                let new = acc & !seen[v];
                next[v] = new;
                if new != 0 {
                    any = true;
                    seen[v] |= new;
                    let mut bits = new;
                    while bits != 0 {
                        let k = bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        let s = &mut sums[k];
                        s.0 += depth;
                        s.1 += inv;
                        s.2 += 1;
                    }
                }
            }
            std::mem::swap(&mut frontier, &mut next);
            if !any {
                break;
            }
        }
        control.step(stage, count, n);
        Ok(sums)
    })?;
    Ok(parts.into_iter().flatten().collect())
}
