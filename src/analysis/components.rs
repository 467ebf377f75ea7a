//! Connected components: weak (direction ignored) and strong.
//!
//! # Definitions (networkx `number_weakly_connected_components`,
//! `number_strongly_connected_components`, igraph `connected_components`)
//! A weak component is a maximal set of nodes joined by paths when
//! direction is ignored; a strong component one in which every node reaches
//! every other along arcs. In an undirected view both are the plain
//! connected components. Isolates are components of one.
//!
//! # Complexity
//! O(n + m): breadth-first search for weak, petgraph's Kosaraju (iterative,
//! so deep graphs cannot overflow the stack) for strong.
//!
//! # Example
//! ```
//! use bridgework::analysis::weak_components;
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! let mut n = Network::new();
//! for id in ["a", "b", "c"] {
//!     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
//! }
//! n.add_tie(Tie::new("t", "a", "b", "collaboration", false)).unwrap();
//! let c = weak_components(&AnalysisView::new(&n, &ViewOptions::default()));
//! assert_eq!(c.count, 2);
//! assert_eq!(c.of, vec![0, 0, 1]);
//! ```

use crate::model::AnalysisView;

/// A partition of the nodes into components.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Components {
    /// Number of components.
    pub count: usize,
    /// `of[v]`: the component of node v, numbered from 0 in order of each
    /// component's lowest node index.
    pub of: Vec<usize>,
}

impl Components {
    /// The size of every component.
    pub fn sizes(&self) -> Vec<usize> {
        let mut sizes = vec![0; self.count];
        for &c in &self.of {
            if let Some(s) = sizes.get_mut(c) {
                *s += 1;
            }
        }
        sizes
    }
}

/// Weak components (direction ignored).
pub fn weak_components(view: &AnalysisView) -> Components {
    weak_components_without(view, &[])
}

/// Weak components of the map without the nodes marked in `removed` (a
/// node beyond its end counts as present): `of[v]` is `usize::MAX` for a
/// removed node and `count` counts the components of the others, numbered
/// in order of their lowest node. Reads the view's underlying undirected
/// graph ([`AnalysisView::undirected`]). O(n + m).
pub fn weak_components_without(view: &AnalysisView, removed: &[bool]) -> Components {
    let g = view.undirected();
    let adj = g.out_csr();
    let n = g.node_count();
    let gone = |v: usize| removed.get(v).copied().unwrap_or(false);
    let mut of = vec![usize::MAX; n];
    let mut count = 0;
    let mut stack = Vec::new();
    for s in 0..n {
        if of[s] != usize::MAX || gone(s) {
            continue;
        }
        of[s] = count;
        stack.push(s);
        while let Some(v) = stack.pop() {
            for &w in &adj.targets[adj.range(v)] {
                if of[w] == usize::MAX && !gone(w) {
                    of[w] = count;
                    stack.push(w);
                }
            }
        }
        count += 1;
    }
    Components { count, of }
}

/// Whether the view is (weakly) connected; an empty view is not.
pub fn is_connected(view: &AnalysisView) -> bool {
    view.node_count() > 0 && weak_components(view).count == 1
}

/// Strong components, by petgraph's Kosaraju (`algo::kosaraju_scc`, whose
/// depth-first searches are iterative, so a long chain of referrals cannot
/// overflow the stack — petgraph's `tarjan_scc` is recursive and does) on
/// [`AnalysisView::to_petgraph`].
/// Numbered in order of each component's lowest node index. In an
/// undirected view they are the weak components.
pub fn strong_components(view: &AnalysisView) -> Components {
    if !view.is_directed() {
        return weak_components(view);
    }
    let n = view.node_count();
    let graph = view.to_petgraph();
    let sccs = petgraph::algo::kosaraju_scc(&graph);
    let mut raw_of = vec![0usize; n];
    for (c, members) in sccs.iter().enumerate() {
        for v in members {
            if let Some(slot) = raw_of.get_mut(v.index()) {
                *slot = c;
            }
        }
    }
    renumber(raw_of, sccs.len())
}

/// Renumbers components in order of their lowest node.
fn renumber(raw_of: Vec<usize>, count: usize) -> Components {
    let mut map = vec![usize::MAX; count];
    let mut next = 0;
    let of = raw_of
        .into_iter()
        .map(|c| {
            if map[c] == usize::MAX {
                map[c] = next;
                next += 1;
            }
            map[c]
        })
        .collect();
    Components { count, of }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Network, Tie, ViewOptions};

    #[test]
    fn strong_components_of_a_cycle_with_a_tail() {
        let mut n = Network::new();
        for id in ["a", "b", "c", "d"] {
            n.add_actor(Actor::new(id, id, "primary care")).unwrap();
        }
        for (i, (f, t)) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")]
            .into_iter()
            .enumerate()
        {
            n.add_tie(Tie::new(format!("t{i}"), f, t, "referral", true))
                .unwrap();
        }
        let v = AnalysisView::new(&n, &ViewOptions::default());
        let s = strong_components(&v);
        assert_eq!(s.count, 2);
        assert_eq!(s.of, vec![0, 0, 0, 1]);
        assert_eq!(weak_components(&v).count, 1);
    }

    #[test]
    fn a_long_directed_chain_does_not_overflow_the_stack() {
        let mut n = Network::new();
        let k = 100_000;
        for i in 0..k {
            n.add_actor(Actor::new(format!("v{i}"), "v", "primary care"))
                .unwrap();
        }
        for i in 1..k {
            n.add_tie(Tie::new(
                format!("t{i}"),
                format!("v{}", i - 1),
                format!("v{i}"),
                "referral",
                true,
            ))
            .unwrap();
        }
        let s = strong_components(&AnalysisView::new(&n, &ViewOptions::default()));
        assert_eq!(s.count, k);
        assert_eq!(s.of[k - 1], k - 1, "numbered by lowest node");
    }
}
