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
//! O(nm) for hops, O(nm log n) weighted; parallel over nodes like
//! betweenness, cancel checked once per node.
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

use super::betweenness::CHUNKS;
use super::control::{Cancelled, Control};
use super::shortest_paths::{PathLength, Paths, Workspace};
use crate::model::AnalysisView;
use rayon::prelude::*;

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
    // Incoming distances: search the reversed graph from each node.
    let paths = Paths::new(view, length, true);
    let stage = "closeness";
    control.begin(stage, n);
    let chunk = n.div_ceil(CHUNKS).max(1);
    let parts: Vec<Vec<(f64, f64)>> = (0..CHUNKS)
        .into_par_iter()
        .map(|c| {
            let start = (c * chunk).min(n);
            let end = ((c + 1) * chunk).min(n);
            let mut res = Vec::with_capacity(end - start);
            if start == end {
                return Ok(res);
            }
            let mut ws = Workspace::new(n);
            for u in start..end {
                control.check()?;
                ws.run(&paths, u, false);
                let mut total = 0.0;
                let mut harmonic = 0.0;
                for &v in ws.order.iter().skip(1) {
                    let d = ws.distance(&paths, v as usize);
                    total += d;
                    harmonic += 1.0 / d;
                }
                let r = ws.order.len() as f64;
                let closeness = if total > 0.0 && n > 1 {
                    ((r - 1.0) / (n as f64 - 1.0)) * ((r - 1.0) / total)
                } else {
                    0.0
                };
                res.push((closeness, harmonic));
                control.step(stage, 1, n);
            }
            Ok(res)
        })
        .collect::<Result<_, Cancelled>>()?;
    let (closeness, harmonic) = parts.into_iter().flatten().unzip();
    Ok(Closeness {
        closeness,
        harmonic,
    })
}
