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
//! O(n + m): breadth-first search for weak, Tarjan's algorithm (iterative,
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
    let n = view.node_count();
    let out = view.out_csr();
    let inc = view.in_csr();
    let mut of = vec![usize::MAX; n];
    let mut count = 0;
    let mut queue = Vec::new();
    for s in 0..n {
        if of[s] != usize::MAX {
            continue;
        }
        of[s] = count;
        queue.clear();
        queue.push(s);
        while let Some(v) = queue.pop() {
            for &w in out.targets[out.range(v)]
                .iter()
                .chain(&inc.targets[inc.range(v)])
            {
                if of[w] == usize::MAX {
                    of[w] = count;
                    queue.push(w);
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

/// Strong components (Tarjan, iterative). Numbered in order of each
/// component's lowest node index.
pub fn strong_components(view: &AnalysisView) -> Components {
    let n = view.node_count();
    let out = view.out_csr();
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut raw_of = vec![UNSEEN; n];
    let mut raw_count = 0;
    let mut next_index = 0;
    // Call stack of (node, position in its out-row).
    let mut calls: Vec<(usize, usize)> = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        calls.push((root, out.range(root).start));
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (v, ref mut pos)) = calls.last_mut() {
            let end = out.range(v).end;
            if *pos < end {
                let w = out.targets[*pos];
                *pos += 1;
                if index[w] == UNSEEN {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, out.range(w).start));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
            } else {
                calls.pop();
                if let Some(&(parent, _)) = calls.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        raw_of[w] = raw_count;
                        if w == v {
                            break;
                        }
                    }
                    raw_count += 1;
                }
            }
        }
    }
    renumber(raw_of, raw_count)
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
}
