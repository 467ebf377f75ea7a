//! Articulation points (cut vertices) and bridges (cut edges) of the
//! underlying undirected graph: the single points of failure of a map.
//!
//! # Definitions (networkx `articulation_points`, `bridges`; igraph agrees)
//! An articulation point is a node whose removal increases the number of
//! components; a bridge an edge whose removal does. Directed views are
//! treated as undirected (reciprocal arcs are one edge).
//!
//! # Complexity
//! O(n + m), Hopcroft–Tarjan low-link with an explicit stack.
//!
//! # Example
//! ```
//! use bridgework::analysis::cut_points;
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! // a – b – c: b is the articulation point; both edges are bridges.
//! let mut n = Network::new();
//! for id in ["a", "b", "c"] {
//!     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
//! }
//! n.add_tie(Tie::new("t1", "a", "b", "collaboration", false)).unwrap();
//! n.add_tie(Tie::new("t2", "b", "c", "collaboration", false)).unwrap();
//! let cut = cut_points(&AnalysisView::new(&n, &ViewOptions::default()));
//! assert_eq!(cut.articulation_points, vec![1]);
//! assert_eq!(cut.bridges, vec![(0, 1), (1, 2)]);
//! ```

use crate::model::AnalysisView;

/// The cut vertices and cut edges of a view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CutPoints {
    /// Articulation points, ascending node indices.
    pub articulation_points: Vec<usize>,
    /// Bridges as (smaller, larger) node indices, sorted.
    pub bridges: Vec<(usize, usize)>,
}

/// Articulation points and bridges; see the module docs.
pub fn cut_points(view: &AnalysisView) -> CutPoints {
    let und = view.undirected();
    let adj = und.out_csr();
    let n = und.node_count();
    const UNSEEN: usize = usize::MAX;
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut is_cut = vec![false; n];
    let mut bridges = Vec::new();
    let mut time = 0;
    // (node, parent, next neighbour position, children count)
    let mut stack: Vec<(usize, usize, usize, usize)> = Vec::new();
    for root in 0..n {
        if disc[root] != UNSEEN {
            continue;
        }
        disc[root] = time;
        low[root] = time;
        time += 1;
        stack.push((root, UNSEEN, 0, 0));
        while let Some(top) = stack.last_mut() {
            let (v, parent, pos, _) = *top;
            if let Some(&w) = adj.targets[adj.range(v)].get(pos) {
                top.2 += 1;
                if w == parent {
                    continue;
                }
                if disc[w] == UNSEEN {
                    top.3 += 1;
                    disc[w] = time;
                    low[w] = time;
                    time += 1;
                    stack.push((w, v, 0, 0));
                } else {
                    low[v] = low[v].min(disc[w]);
                }
            } else {
                let (_, _, _, children) = *top;
                stack.pop();
                if parent == UNSEEN {
                    if children > 1 {
                        is_cut[v] = true;
                    }
                } else {
                    low[parent] = low[parent].min(low[v]);
                    if low[v] > disc[parent] {
                        bridges.push((parent.min(v), parent.max(v)));
                    }
                    let parent_is_root = stack.last().is_some_and(|p| p.1 == UNSEEN);
                    if !parent_is_root && low[v] >= disc[parent] {
                        is_cut[parent] = true;
                    }
                }
            }
        }
    }
    bridges.sort_unstable();
    CutPoints {
        articulation_points: (0..n).filter(|&v| is_cut[v]).collect(),
        bridges,
    }
}
