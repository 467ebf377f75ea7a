//! Two-step reach: the share of the map an actor can reach in one or two
//! steps (as Kumu reports it).
//!
//! # Definition
//! reach(v) = |{u ≠ v : d(v, u) ≤ 2}| / (n − 1), following arcs outwards in
//! a directed view; 0 if n ≤ 1. Weights are ignored.
//!
//! # Complexity
//! O(Σ_v Σ_{u ∈ N(v)} d(u)) with a stamp array (no allocation per node).
//!
//! # Example
//! ```
//! use bridgework::analysis::two_step_reach;
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! // A path a – b – c – d: a reaches b and c within two steps.
//! let mut n = Network::new();
//! for id in ["a", "b", "c", "d"] {
//!     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
//! }
//! for (i, (f, t)) in [("a", "b"), ("b", "c"), ("c", "d")].into_iter().enumerate() {
//!     n.add_tie(Tie::new(format!("t{i}"), f, t, "collaboration", false)).unwrap();
//! }
//! let r = two_step_reach(&AnalysisView::new(&n, &ViewOptions::default()));
//! assert_eq!(r, vec![2.0 / 3.0, 1.0, 1.0, 2.0 / 3.0]);
//! ```

use crate::model::AnalysisView;

/// Two-step reach of every node; see the module docs.
pub fn two_step_reach(view: &AnalysisView) -> Vec<f64> {
    let n = view.node_count();
    if n <= 1 {
        return vec![0.0; n];
    }
    let out = view.out_csr();
    let mut stamp = vec![usize::MAX; n];
    (0..n)
        .map(|v| {
            stamp[v] = v;
            let mut count = 0usize;
            for &u in &out.targets[out.range(v)] {
                if stamp[u] != v {
                    stamp[u] = v;
                    count += 1;
                }
                for &w in &out.targets[out.range(u)] {
                    if stamp[w] != v {
                        stamp[w] = v;
                        count += 1;
                    }
                }
            }
            count as f64 / (n - 1) as f64
        })
        .collect()
}
