//! Burt's structural holes: constraint, effective size and efficiency.
//!
//! # Definitions (networkx `constraint`, `effective_size`; Burt 1992)
//! For node i with neighbours N(i) (in a directed view: predecessors ∪
//! successors, networkx's `all_neighbors`), the **mutual weight** is
//! a_ij = w_ij + w_ji (a missing arc counts 0), and
//! * p_ij = a_ij / Σ_k a_ik (the share of i's ties invested in j);
//! * m_jq = a_jq / max_k a_jk (j's tie to q relative to j's strongest);
//! * **constraint** c_i = Σ_{j∈N(i)} (p_ij + Σ_q p_iq p_qj)²: high when
//!   i's contacts are few, strong and tied to each other (no holes to
//!   broker);
//! * **effective size** e_i = Σ_{j∈N(i)} (1 − Σ_q p_iq m_jq): the number of
//!   contacts less their redundancy. Unweighted and undirected this is
//!   Borgatti's n_i − 2t_i/n_i (t_i the ties among i's n_i contacts).
//!   This is Burt's definition, networkx's documented formula and what
//!   its per-node path (`nodes=` given, or no scipy), UCINET and igraph
//!   compute: [`Redundancy::Burt`], the default.
//! * networkx 3.6.1 with scipy, asked for every node, takes a vectorised
//!   path that divides by the wrong axis: m_jq = a_jq / max_k a_qk (q's
//!   strongest tie, not j's; networkx PR #8906). The reference values
//!   (`effective_size_weighted` of `karate` and `care_toy`) were made that
//!   way. [`Redundancy::NetworkxVectorised`] reproduces them. The two agree
//!   whenever every node's strongest mutual weight is the same (every
//!   unweighted undirected graph); they differ on weighted graphs and on
//!   directed graphs with both one-way and reciprocated ties;
//! * **efficiency** = e_i / |N(i)| (Burt), in (0, 1].
//!
//! # Conventions
//! * `weighted = false`: every arc (every edge) counts 1, so in a directed
//!   view a reciprocated pair has mutual weight 2 and a one-way pair 1, as
//!   networkx with `weight=None`. An undirected edge counts in both
//!   directions (a_ij = 2w), which cancels in every ratio.
//! * `weighted = true`: the merged weight is a **strength** (networkx
//!   `weight='weight'`): a mutual tie of strength s in a directed view is
//!   the two arcs i→j and j→i, so a_ij = 2s.
//! * An isolate (no neighbour, or no positive mutual weight) has no value:
//!   `None` (networkx gives NaN). Neighbours with a non-positive mutual
//!   weight do not count in the outer sums (networkx's `> 0` mask); the
//!   model requires positive strengths anyway.
//!
//! # Complexity
//! O(Σ_q d(q)²) time, with d(q) the number of distinct neighbours (each
//! neighbour q of i scans its own row once, a marker array finds the common
//! neighbours), and O(n + m) memory. No search, so no [`Control`]
//! (like clustering).
//!
//! [`Control`]: super::Control
//!
//! # Example
//! ```
//! use bridgework::analysis::structural_holes;
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! // The triangle a–b–c with the pendant c–d: c spans a hole between d and
//! // the pair {a, b}.
//! let mut n = Network::new();
//! for id in ["a", "b", "c", "d", "e"] {
//!     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
//! }
//! for (t, x, y) in [("t1", "a", "b"), ("t2", "b", "c"), ("t3", "a", "c"), ("t4", "c", "d")] {
//!     n.add_tie(Tie::new(t, x, y, "collaboration", false)).unwrap();
//! }
//! let view = AnalysisView::new(&n, &ViewOptions::default());
//! let h = structural_holes(&view, false);
//! // c: p = 1/3 to each contact; (1/3 + 1/6)² for a and b, (1/3)² for d.
//! assert!((h.constraint[2].unwrap() - 11.0 / 18.0).abs() < 1e-12);
//! assert_eq!(h.constraint[3], Some(1.0)); // d depends on c alone
//! // c: 3 contacts, 1 tie among them: 3 − 2·1/3.
//! assert!((h.effective_size[2].unwrap() - 7.0 / 3.0).abs() < 1e-12);
//! assert!((h.efficiency[2].unwrap() - 7.0 / 9.0).abs() < 1e-12);
//! assert_eq!(h.constraint[4], None); // e is an isolate
//! ```

use crate::model::AnalysisView;
use std::borrow::Cow;

/// How effective size normalises the redundancy m_jq of contact j with q.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Redundancy {
    /// m_jq = a_jq / max_k a_jk (Burt 1992; networkx's documented formula).
    #[default]
    Burt,
    /// m_jq = a_jq / max_k a_qk: networkx 3.6.1's vectorised all-nodes
    /// path, which the reference data reproduces. For checking only.
    NetworkxVectorised,
}

/// Constraint, effective size and efficiency of every node.
#[derive(Clone, Debug, PartialEq)]
pub struct StructuralHoles {
    /// Burt's constraint (networkx `constraint`); `None` for isolates.
    pub constraint: Vec<Option<f64>>,
    /// Burt's effective size (networkx `effective_size`); `None` for
    /// isolates.
    pub effective_size: Vec<Option<f64>>,
    /// Effective size / number of distinct neighbours; `None` for isolates.
    pub efficiency: Vec<Option<f64>>,
}

/// The mutual weights a_ij of the view's underlying undirected graph
/// ([`AnalysisView::undirected`]), at the positions of its rows: the
/// summed strengths w_ij + w_ji when `weighted`, else the number of arcs
/// between i and j (1 or 2). In an undirected view each a_ij is w_ij (or
/// one arc) where networkx's P + Pᵀ has 2w_ij (or two): a common factor 2
/// that every ratio below cancels exactly, to the bit.
fn mutual_weights<'a>(
    view: &AnalysisView,
    und: &'a AnalysisView,
    weighted: bool,
) -> Cow<'a, [f64]> {
    let adj = und.out_csr();
    if weighted {
        return Cow::Borrowed(adj.weights);
    }
    if !view.is_directed() {
        return Cow::Owned(vec![1.0; adj.targets.len()]);
    }
    let mut arcs = Vec::with_capacity(adj.targets.len());
    for i in 0..und.node_count() {
        for &j in &adj.targets[adj.range(i)] {
            arcs.push(f64::from(
                u8::from(view.tied(i, j)) + u8::from(view.tied(j, i)),
            ));
        }
    }
    Cow::Owned(arcs)
}

/// Constraint, effective size and efficiency of every node of `view`
/// (Burt's definitions); see the module docs. `weighted` uses the merged
/// weights as strengths.
pub fn structural_holes(view: &AnalysisView, weighted: bool) -> StructuralHoles {
    structural_holes_with(view, weighted, Redundancy::Burt)
}

/// [`structural_holes`] with a choice of effective size's normalisation
/// (constraint and isolates are the same either way).
pub fn structural_holes_with(
    view: &AnalysisView,
    weighted: bool,
    redundancy_of: Redundancy,
) -> StructuralHoles {
    let und = view.undirected();
    let adj = und.out_csr();
    let weights = mutual_weights(view, und, weighted);
    let mutual = |i: usize| {
        let r = adj.range(i);
        (&adj.targets[r.clone()], &weights[r])
    };
    let n = und.node_count();
    let sum: Vec<f64> = (0..n).map(|i| mutual(i).1.iter().sum()).collect();
    let max: Vec<f64> = (0..n)
        .map(|i| mutual(i).1.iter().copied().fold(0.0, f64::max))
        .collect();
    let mut slot = vec![usize::MAX; n];
    let mut indirect: Vec<f64> = Vec::new();
    let mut redundancy: Vec<f64> = Vec::new();
    let mut constraint = vec![None; n];
    let mut effective_size = vec![None; n];
    let mut efficiency = vec![None; n];
    for i in 0..n {
        let (row, w) = mutual(i);
        let s_i = sum[i];
        if row.is_empty() || !(s_i > 0.0 && s_i.is_finite()) {
            continue;
        }
        for (k, &j) in row.iter().enumerate() {
            slot[j] = k;
        }
        indirect.clear();
        indirect.resize(row.len(), 0.0);
        redundancy.clear();
        redundancy.resize(row.len(), 0.0);
        for (&q, &w_iq) in row.iter().zip(w) {
            let p_iq = w_iq / s_i;
            let (row_q, w_q) = mutual(q);
            let s_q = sum[q];
            for (&j, &a_qj) in row_q.iter().zip(w_q) {
                let k = slot[j];
                if k == usize::MAX {
                    continue;
                }
                if s_q != 0.0 {
                    indirect[k] += p_iq * a_qj / s_q;
                }
                // m_jq = a_jq / max_k a_jk (a_jq = a_qj), or networkx
                // 3.6.1's a_jq / max_k a_qk.
                let top = match redundancy_of {
                    Redundancy::Burt => max[j],
                    Redundancy::NetworkxVectorised => max[q],
                };
                if top != 0.0 {
                    redundancy[k] += p_iq * a_qj / top;
                }
            }
        }
        let mut c = 0.0;
        let mut e = 0.0;
        let mut contacts = 0usize;
        for (k, &w_ij) in w.iter().enumerate() {
            let p_ij = w_ij / s_i;
            if p_ij > 0.0 {
                c += (p_ij + indirect[k]).powi(2);
                e += 1.0 - redundancy[k];
                contacts += 1;
            }
        }
        for &j in row {
            slot[j] = usize::MAX;
        }
        constraint[i] = Some(c);
        effective_size[i] = Some(e);
        efficiency[i] = (contacts > 0).then(|| e / contacts as f64);
    }
    StructuralHoles {
        constraint,
        effective_size,
        efficiency,
    }
}

/// Burt's constraint of every node (networkx `constraint`); `None` for
/// isolates. See the module docs.
pub fn constraint(view: &AnalysisView, weighted: bool) -> Vec<Option<f64>> {
    structural_holes(view, weighted).constraint
}

/// Burt's effective size of every node (networkx `effective_size`'s
/// definition, [`Redundancy::Burt`]); `None` for isolates. See the module
/// docs.
pub fn effective_size(view: &AnalysisView, weighted: bool) -> Vec<Option<f64>> {
    structural_holes(view, weighted).effective_size
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Direction, Network, Tie, ViewOptions};
    use proptest::prelude::*;

    fn net(n: usize, ties: &[(usize, usize, bool, f64)]) -> Network {
        let mut net = Network::new();
        for i in 0..n {
            net.add_actor(Actor::new(format!("n{i}"), format!("N{i}"), "primary care"))
                .unwrap();
        }
        for (k, &(a, b, directed, s)) in ties.iter().enumerate() {
            let kind = if directed {
                "referral"
            } else {
                "collaboration"
            };
            let mut t = Tie::new(
                format!("t{k}"),
                format!("n{a}"),
                format!("n{b}"),
                kind,
                directed,
            );
            t.strength = s;
            net.add_tie(t).unwrap();
        }
        net
    }

    fn view(net: &Network) -> AnalysisView {
        AnalysisView::new(net, &ViewOptions::default())
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    #[test]
    fn star_centre_has_no_redundancy_and_leaves_full_constraint() {
        let n = net(
            4,
            &[(0, 1, false, 1.0), (0, 2, false, 1.0), (0, 3, false, 1.0)],
        );
        let h = structural_holes(&view(&n), false);
        assert!(close(h.constraint[0], 1.0 / 3.0));
        assert!(close(h.effective_size[0], 3.0));
        assert!(close(h.efficiency[0], 1.0));
        for leaf in 1..4 {
            assert!(close(h.constraint[leaf], 1.0));
            assert!(close(h.effective_size[leaf], 1.0));
        }
    }

    #[test]
    fn path_middle_and_triangle() {
        let n = net(3, &[(0, 1, false, 1.0), (1, 2, false, 1.0)]);
        let h = structural_holes(&view(&n), false);
        assert!(close(h.constraint[1], 0.5));
        assert!(close(h.effective_size[1], 2.0));
        let n = net(
            3,
            &[(0, 1, false, 1.0), (1, 2, false, 1.0), (0, 2, false, 1.0)],
        );
        let h = structural_holes(&view(&n), false);
        for i in 0..3 {
            // (1/2 + 1/4)² · 2 and 2 − 2·1/2.
            assert!(close(h.constraint[i], 1.125));
            assert!(close(h.effective_size[i], 1.0));
        }
    }

    #[test]
    fn weights_change_shares_only_when_weighted() {
        // Path 1 – 0 – 2 with 0–1 three times as strong.
        let n = net(3, &[(0, 1, false, 3.0), (0, 2, false, 1.0)]);
        let v = view(&n);
        assert!(close(constraint(&v, false)[0], 0.5));
        assert!(close(constraint(&v, true)[0], 0.625)); // 9/16 + 1/16
        assert!(close(effective_size(&v, true)[0], 2.0));
    }

    #[test]
    fn directed_uses_mutual_weights_and_all_neighbours() {
        // 0 → 1, 1 → 0 (a mutual tie as two arcs) and 2 → 0.
        let n = net(3, &[(0, 1, false, 1.0), (2, 0, true, 1.0)]);
        let v = view(&n);
        assert!(v.is_directed());
        let h = structural_holes(&v, false);
        // a_01 = 2, a_02 = 1: p = 2/3, 1/3 → 4/9 + 1/9.
        assert!(close(h.constraint[0], 5.0 / 9.0));
        assert!(close(h.effective_size[0], 2.0));
        assert!(close(h.constraint[2], 1.0));
    }

    #[test]
    fn burt_and_networkx_vectorised_redundancy_differ_only_when_maxima_differ() {
        // 0 ⇄ 1, 2 → 0, 1 → 2, 3 → 1 (directed, unweighted). networkx's
        // per-node path gives 7/6 for node 0: contact 1 (max a = 2) is half
        // redundant with 2, contact 2 (max a = 1) wholly with 1; the
        // vectorised path gives 4/3.
        let n = net(
            4,
            &[
                (0, 1, false, 1.0),
                (2, 0, true, 1.0),
                (1, 2, true, 1.0),
                (3, 1, true, 1.0),
            ],
        );
        let v = view(&n);
        let burt = structural_holes(&v, false);
        let nx = structural_holes_with(&v, false, Redundancy::NetworkxVectorised);
        assert!(close(burt.effective_size[0], 7.0 / 6.0));
        assert!(close(nx.effective_size[0], 4.0 / 3.0));
        assert!(close(burt.effective_size[1], 2.375));
        assert_eq!(burt.constraint, nx.constraint);
        // Unweighted undirected: the same.
        let n = net(
            4,
            &[
                (0, 1, false, 1.0),
                (1, 2, false, 1.0),
                (0, 2, false, 1.0),
                (2, 3, false, 1.0),
            ],
        );
        let v = view(&n);
        assert_eq!(
            structural_holes(&v, false),
            structural_holes_with(&v, false, Redundancy::NetworkxVectorised)
        );
    }

    #[test]
    fn empty_single_and_isolated_maps_are_undefined() {
        let n = net(0, &[]);
        let h = structural_holes(&view(&n), true);
        assert!(h.constraint.is_empty() && h.effective_size.is_empty());
        let n = net(2, &[]);
        let h = structural_holes(&view(&n), true);
        assert_eq!(h.constraint, vec![None, None]);
        assert_eq!(h.effective_size, vec![None, None]);
        assert_eq!(h.efficiency, vec![None, None]);
    }

    proptest! {
        #[test]
        fn effective_size_is_borgatti_when_unweighted_undirected(
            edges in proptest::collection::vec((0usize..8, 0usize..8), 0..30)
        ) {
            let ties: Vec<_> = edges.iter().map(|&(a, b)| (a, b, false, 1.0)).collect();
            let n = net(8, &ties);
            let v = AnalysisView::new(&n, &ViewOptions { kinds: None, direction: Direction::Undirected });
            let h = structural_holes(&v, false);
            let g = v.undirected();
            for i in 0..8 {
                let nb = g.out_neighbours(i).0;
                if nb.is_empty() {
                    prop_assert_eq!(h.effective_size[i], None);
                    continue;
                }
                let mut t = 0usize;
                for (x, &a) in nb.iter().enumerate() {
                    for &b in &nb[x + 1..] {
                        if g.tied(a, b) { t += 1; }
                    }
                }
                let d = nb.len() as f64;
                let want = d - 2.0 * t as f64 / d;
                prop_assert!((h.effective_size[i].unwrap() - want).abs() < 1e-9);
                // Σ_j p_ij² = 1/d is a lower bound (Cauchy–Schwarz).
                let c = h.constraint[i].unwrap();
                prop_assert!(c.is_finite() && c >= 1.0 / d - 1e-12);
                let eff = h.efficiency[i].unwrap();
                prop_assert!(eff > 0.0 && eff <= 1.0 + 1e-12);
            }
        }
    }
}
