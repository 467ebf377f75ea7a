//! Single-source shortest paths shared by betweenness, closeness and
//! harmonic centrality: breadth-first search for hop counts, Dijkstra for
//! weighted lengths, over the view's CSR adjacency, with a reusable
//! workspace so that no source allocates.

use crate::model::CsrRef;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// What the length of a path is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PathLength {
    /// Every tie has length 1 (weights ignored).
    Hops,
    /// The merged weight is the length, as given (networkx
    /// `weight='weight'`; the reference's `*_weighted` convention).
    Distance,
    /// The length is 1 / merged strength: a strong tie is a short path.
    /// Bridgework's default for tie strengths.
    #[default]
    InverseStrength,
}

impl PathLength {
    /// The length of an arc of merged weight `w` (> 0).
    #[inline]
    pub fn of(self, w: f64) -> f64 {
        match self {
            PathLength::Hops => 1.0,
            PathLength::Distance => w,
            PathLength::InverseStrength => 1.0 / w,
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
struct HeapItem {
    dist: f64,
    node: usize,
}

impl Eq for HeapItem {}

impl Ord for HeapItem {
    fn cmp(&self, other: &Self) -> Ordering {
        // Min-heap on distance, then on node index for determinism.
        other
            .dist
            .total_cmp(&self.dist)
            .then_with(|| other.node.cmp(&self.node))
    }
}

impl PartialOrd for HeapItem {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Reusable state for one single-source search. After [`Workspace::run`],
/// `order` lists the reached nodes in non-decreasing distance (the source
/// first), `dist[v]` is the distance (∞ if unreached) and `sigma[v]` the
/// number of shortest paths from the source.
pub(crate) struct Workspace {
    pub dist: Vec<f64>,
    pub sigma: Vec<f64>,
    pub order: Vec<usize>,
    heap: BinaryHeap<HeapItem>,
}

impl Workspace {
    pub fn new(n: usize) -> Self {
        Self {
            dist: vec![f64::INFINITY; n],
            sigma: vec![0.0; n],
            order: Vec::with_capacity(n),
            heap: BinaryHeap::new(),
        }
    }

    fn reset(&mut self) {
        for &v in &self.order {
            self.dist[v] = f64::INFINITY;
            self.sigma[v] = 0.0;
        }
        self.order.clear();
        self.heap.clear();
    }

    /// Shortest paths from `source` along `forward` arcs. `backward` is the
    /// reverse adjacency, used to count shortest paths (`sigma`) when
    /// `count_paths`. O(m) for hops, O(m log m) weighted.
    pub fn run(
        &mut self,
        forward: CsrRef<'_>,
        backward: CsrRef<'_>,
        source: usize,
        length: PathLength,
        count_paths: bool,
    ) {
        self.reset();
        if source >= self.dist.len() {
            return;
        }
        self.dist[source] = 0.0;
        self.sigma[source] = 1.0;
        if length == PathLength::Hops {
            self.order.push(source);
            let mut head = 0;
            while let Some(&v) = self.order.get(head) {
                head += 1;
                let dv = self.dist[v] + 1.0;
                for &w in &forward.targets[forward.range(v)] {
                    if self.dist[w] == f64::INFINITY {
                        self.dist[w] = dv;
                        self.order.push(w);
                    }
                    if count_paths && self.dist[w] == dv {
                        self.sigma[w] += self.sigma[v];
                    }
                }
            }
            return;
        }
        // Dijkstra with lazy deletion. An entry is pushed only on a strict
        // improvement, so the first pop of a node is at its final distance
        // and later (stale) entries have a larger one. A node's path count
        // is summed when it is settled, from its in-neighbours u with
        // dist[u] + len(u, v) == dist[v]: the same float sums the relaxation
        // compared, so equal-length paths are recognised exactly as networkx
        // does. Lengths are positive, so those u are all settled already.
        self.heap.push(HeapItem {
            dist: 0.0,
            node: source,
        });
        while let Some(HeapItem { dist, node: v }) = self.heap.pop() {
            if dist > self.dist[v] {
                continue;
            }
            if count_paths && v != source {
                let mut s = 0.0;
                for k in backward.range(v) {
                    let u = backward.targets[k];
                    if self.dist[u] < dist && self.dist[u] + length.of(backward.weights[k]) == dist
                    {
                        s += self.sigma[u];
                    }
                }
                self.sigma[v] = s;
            }
            self.order.push(v);
            for k in forward.range(v) {
                let w = forward.targets[k];
                let d = dist + length.of(forward.weights[k]);
                if d < self.dist[w] {
                    self.dist[w] = d;
                    self.heap.push(HeapItem { dist: d, node: w });
                }
            }
        }
    }

    /// Predecessors of `w` on shortest paths, via the reverse adjacency.
    #[inline]
    pub fn for_each_pred(
        &self,
        backward: CsrRef<'_>,
        w: usize,
        length: PathLength,
        mut f: impl FnMut(usize),
    ) {
        let dw = self.dist[w];
        for k in backward.range(w) {
            let u = backward.targets[k];
            let du = self.dist[u];
            if du < dw && du + length.of(backward.weights[k]) == dw {
                f(u);
            }
        }
    }
}
