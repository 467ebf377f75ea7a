//! Betweenness centrality (Brandes 2001), exact, unweighted or weighted.
//!
//! # Definition
//! `b(v) = Σ σ_st(v) / σ_st` over pairs of distinct nodes s, t ≠ v, where
//! σ_st is the number of shortest s–t paths and σ_st(v) the number through
//! v. Endpoints are not counted.
//!
//! # Conventions (networkx `betweenness_centrality`, igraph `betweenness`)
//! * **raw**: undirected graphs sum over **unordered** pairs {s, t} (each
//!   pair once), directed graphs over ordered pairs. Equal to igraph's
//!   `betweenness()` and networkx `normalized=False`.
//! * **normalised**: raw × 2/((n−1)(n−2)) undirected, raw × 1/((n−1)(n−2))
//!   directed (networkx `normalized=True`); for n ≤ 2 every value is 0.
//! * Weights: [`PathLength::Hops`] ignores them; [`PathLength::Distance`]
//!   uses the merged weight as the path length (networkx `weight='weight'`);
//!   [`PathLength::InverseStrength`] uses 1/strength.
//!
//! # Complexity
//! O(nm) for hops, O(nm log n) weighted; memory O(n + m) per worker thread.
//! Sources are processed in parallel (rayon) in a fixed number of chunks
//! whose partial sums are added in order, so the result is bit-identical
//! whatever the number of threads. The cancel flag is checked once per
//! source.
//!
//! # Example
//! ```
//! use bridgework::analysis::{betweenness, Control, PathLength};
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! // The path a – b – c: b lies on the only a–c path.
//! let mut n = Network::new();
//! for id in ["a", "b", "c"] {
//!     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
//! }
//! n.add_tie(Tie::new("t1", "a", "b", "collaboration", false)).unwrap();
//! n.add_tie(Tie::new("t2", "b", "c", "collaboration", false)).unwrap();
//! let view = AnalysisView::new(&n, &ViewOptions::default());
//! let b = betweenness(&view, PathLength::Hops, &Control::none()).unwrap();
//! assert_eq!(b.raw, vec![0.0, 1.0, 0.0]);
//! assert_eq!(b.normalised, vec![0.0, 1.0, 0.0]);
//! ```

use super::control::{Cancelled, Control};
use super::shortest_paths::{PathLength, Paths, Workspace};
use crate::model::AnalysisView;
use rayon::prelude::*;

/// Sources are split into this many chunks, whatever the thread count, so
/// that floating-point sums are always added in the same order.
pub(crate) const CHUNKS: usize = 64;

/// Betweenness of every node, raw and normalised.
#[derive(Clone, Debug, PartialEq)]
pub struct Betweenness {
    /// Raw betweenness (unordered pairs if undirected).
    pub raw: Vec<f64>,
    /// Normalised betweenness (networkx `normalized=True`).
    pub normalised: Vec<f64>,
}

/// Exact betweenness of every node of `view`; see the module docs.
pub fn betweenness(
    view: &AnalysisView,
    length: PathLength,
    control: &Control,
) -> Result<Betweenness, Cancelled> {
    let n = view.node_count();
    let paths = Paths::new(view, length, false);
    let stage = "betweenness";
    control.begin(stage, n);
    let chunk = n.div_ceil(CHUNKS).max(1);
    let partials: Vec<Vec<f64>> = (0..CHUNKS)
        .into_par_iter()
        .map(|c| {
            let start = (c * chunk).min(n);
            let end = ((c + 1) * chunk).min(n);
            let mut acc = vec![0.0; if start < end { n } else { 0 }];
            if start == end {
                return Ok(acc);
            }
            let mut ws = Workspace::new(n);
            let mut delta = vec![0.0f64; n];
            for s in start..end {
                control.check()?;
                ws.run(&paths, s, true);
                for &w in ws.order.iter().rev() {
                    let w = w as usize;
                    let coeff = (1.0 + delta[w]) / ws.sigma[w];
                    ws.for_each_pred(&paths, w, |v| {
                        delta[v] += ws.sigma[v] * coeff;
                    });
                    if w != s {
                        acc[w] += delta[w];
                    }
                }
                for &w in &ws.order {
                    delta[w as usize] = 0.0;
                }
                control.step(stage, 1, n);
            }
            Ok(acc)
        })
        .collect::<Result<_, Cancelled>>()?;
    let mut raw = vec![0.0; n];
    for p in partials.iter().filter(|p| !p.is_empty()) {
        for (r, x) in raw.iter_mut().zip(p) {
            *r += x;
        }
    }
    if !view.is_directed() {
        for r in &mut raw {
            *r /= 2.0;
        }
    }
    let normalised = if n <= 2 {
        vec![0.0; n]
    } else {
        let pairs = ((n - 1) * (n - 2)) as f64;
        let scale = if view.is_directed() {
            1.0 / pairs
        } else {
            2.0 / pairs
        };
        raw.iter().map(|r| r * scale).collect()
    };
    Ok(Betweenness { raw, normalised })
}
