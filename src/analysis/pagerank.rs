//! PageRank.
//!
//! # Definition (networkx `pagerank(alpha=0.85)`)
//! x = α (x P + (Σ_{dangling} x) u) + (1 − α) u, where P is the transition
//! matrix (each node's out-arcs in proportion to their weight, a
//! **strength**), u is uniform and dangling nodes (no out-arcs) spread their
//! score uniformly. An undirected edge counts as two arcs. Scores sum to 1.
//!
//! # Method and complexity
//! Power iteration from the uniform vector until the L1 change is below
//! n·1e-13 (the reference's tolerance) or 10,000 steps; O(m) a step.
//!
//! # Example
//! ```
//! use bridgework::analysis::pagerank;
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! let mut n = Network::new();
//! for id in ["a", "b"] {
//!     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
//! }
//! n.add_tie(Tie::new("t", "a", "b", "collaboration", false)).unwrap();
//! let pr = pagerank(&AnalysisView::new(&n, &ViewOptions::default()), 0.85, true);
//! assert!((pr[0] - 0.5).abs() < 1e-12);
//! ```

use crate::model::AnalysisView;

/// PageRank of every node with damping `alpha`; `weighted` uses merged
/// strengths, otherwise every arc weighs 1.
pub fn pagerank(view: &AnalysisView, alpha: f64, weighted: bool) -> Vec<f64> {
    let n = view.node_count();
    if n == 0 {
        return Vec::new();
    }
    let out = view.out_csr();
    let inc = view.in_csr();
    let w = |k: usize, csr: &crate::model::CsrRef<'_>| if weighted { csr.weights[k] } else { 1.0 };
    let out_total: Vec<f64> = (0..n)
        .map(|i| out.range(i).map(|k| w(k, &out)).sum())
        .collect();
    let uniform = 1.0 / n as f64;
    let mut x = vec![uniform; n];
    let mut next = vec![0.0; n];
    for _ in 0..10_000 {
        let dangling: f64 = (0..n).filter(|&i| out_total[i] == 0.0).map(|i| x[i]).sum();
        let base = (1.0 - alpha) * uniform + alpha * dangling * uniform;
        for (v, slot) in next.iter_mut().enumerate() {
            let mut s = 0.0;
            for k in inc.range(v) {
                let u = inc.targets[k];
                s += x[u] * w(k, &inc) / out_total[u];
            }
            *slot = base + alpha * s;
        }
        let change: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < n as f64 * 1e-13 {
            break;
        }
    }
    x
}
