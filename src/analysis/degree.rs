//! Degree, strength and degree centrality.
//!
//! # Definitions (networkx `degree`, `degree(weight=)`, `degree_centrality`)
//! * degree: the number of distinct neighbours in the simple view; in a
//!   directed view in-degree + out-degree (a reciprocated pair counts 2).
//! * strength: the sum of the merged weights of a node's edges (in + out if
//!   directed); weights are strengths here.
//! * degree centrality: degree/(n − 1) (and in-/out- variants); 0 if n ≤ 1.
//!
//! # Complexity
//! O(n + m).
//!
//! # Example
//! ```
//! use bridgework::analysis::degrees;
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! let mut n = Network::new();
//! for id in ["a", "b", "c"] {
//!     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
//! }
//! let mut t = Tie::new("t1", "a", "b", "collaboration", false);
//! t.strength = 3.0;
//! n.add_tie(t).unwrap();
//! let d = degrees(&AnalysisView::new(&n, &ViewOptions::default()));
//! assert_eq!(d.degree, vec![1, 1, 0]);
//! assert_eq!(d.strength, vec![3.0, 3.0, 0.0]);
//! assert_eq!(d.degree_centrality, vec![0.5, 0.5, 0.0]);
//! ```

use crate::model::AnalysisView;

/// Degree-based measures of every node. In an undirected view the in- and
/// out- values equal the plain ones.
#[derive(Clone, Debug, PartialEq)]
pub struct Degrees {
    /// Distinct neighbours (in + out if directed).
    pub degree: Vec<usize>,
    /// In-degree.
    pub in_degree: Vec<usize>,
    /// Out-degree.
    pub out_degree: Vec<usize>,
    /// Sum of merged weights (in + out if directed).
    pub strength: Vec<f64>,
    /// Sum of incoming merged weights.
    pub in_strength: Vec<f64>,
    /// Sum of outgoing merged weights.
    pub out_strength: Vec<f64>,
    /// degree/(n − 1).
    pub degree_centrality: Vec<f64>,
    /// in-degree/(n − 1).
    pub in_degree_centrality: Vec<f64>,
    /// out-degree/(n − 1).
    pub out_degree_centrality: Vec<f64>,
}

/// Degrees and strengths of every node; see the module docs.
pub fn degrees(view: &AnalysisView) -> Degrees {
    let n = view.node_count();
    let scale = if n > 1 { 1.0 / (n as f64 - 1.0) } else { 0.0 };
    let mut d = Degrees {
        degree: Vec::with_capacity(n),
        in_degree: Vec::with_capacity(n),
        out_degree: Vec::with_capacity(n),
        strength: Vec::with_capacity(n),
        in_strength: Vec::with_capacity(n),
        out_strength: Vec::with_capacity(n),
        degree_centrality: Vec::with_capacity(n),
        in_degree_centrality: Vec::with_capacity(n),
        out_degree_centrality: Vec::with_capacity(n),
    };
    for i in 0..n {
        let (out_t, out_w) = view.out_neighbours(i);
        let (in_t, in_w) = view.in_neighbours(i);
        let out_s: f64 = out_w.iter().sum();
        let in_s: f64 = in_w.iter().sum();
        let (deg, strength) = if view.is_directed() {
            (out_t.len() + in_t.len(), out_s + in_s)
        } else {
            (out_t.len(), out_s)
        };
        d.degree.push(deg);
        d.in_degree.push(in_t.len());
        d.out_degree.push(out_t.len());
        d.strength.push(strength);
        d.in_strength.push(in_s);
        d.out_strength.push(out_s);
        d.degree_centrality.push(deg as f64 * scale);
        d.in_degree_centrality.push(in_t.len() as f64 * scale);
        d.out_degree_centrality.push(out_t.len() as f64 * scale);
    }
    d
}
