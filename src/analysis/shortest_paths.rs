//! Single-source shortest paths shared by betweenness, closeness and
//! harmonic centrality: breadth-first search for hop counts, Dijkstra for
//! weighted lengths, over a compact copy of the view's adjacency (32-bit
//! indices, arc lengths precomputed), with a reusable workspace so that no
//! source allocates.

use crate::model::{AnalysisView, CsrRef};
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

/// A compact adjacency: 32-bit offsets and targets, lengths precomputed.
pub(crate) struct Compact {
    offsets: Vec<u32>,
    targets: Vec<u32>,
    lengths: Vec<f64>,
}

impl Compact {
    fn from_csr(csr: CsrRef<'_>, length: PathLength) -> Self {
        Self {
            offsets: csr.offsets.iter().map(|&o| o as u32).collect(),
            targets: csr.targets.iter().map(|&t| t as u32).collect(),
            lengths: if length == PathLength::Hops {
                Vec::new()
            } else {
                csr.weights.iter().map(|&w| length.of(w)).collect()
            },
        }
    }

    #[inline]
    fn range(&self, v: usize) -> std::ops::Range<usize> {
        self.offsets[v] as usize..self.offsets[v + 1] as usize
    }
}

/// Forward and backward compact adjacency of a view (shared if undirected).
pub(crate) struct Paths {
    forward: Compact,
    backward: Option<Compact>,
    pub length: PathLength,
    pub n: usize,
}

impl Paths {
    /// Prepares `view` for searches along its arcs (`reverse`: against them,
    /// i.e. incoming distances).
    ///
    /// Views larger than 2³² − 1 nodes or arcs cannot exist in practice
    /// (the file limit is far below); they are not supported.
    pub fn new(view: &AnalysisView, length: PathLength, reverse: bool) -> Self {
        let (f, b) = if reverse {
            (view.in_csr(), view.out_csr())
        } else {
            (view.out_csr(), view.in_csr())
        };
        Self {
            forward: Compact::from_csr(f, length),
            backward: view.is_directed().then(|| Compact::from_csr(b, length)),
            length,
            n: view.node_count(),
        }
    }

    fn backward(&self) -> &Compact {
        self.backward.as_ref().unwrap_or(&self.forward)
    }
}

#[derive(Clone, Copy, PartialEq)]
struct HeapItem {
    dist: f64,
    node: u32,
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

const UNSEEN: u32 = u32::MAX;

/// Per-node search state, kept together so that visiting a neighbour
/// touches one cache line, not three.
#[derive(Clone, Copy)]
struct NodeState {
    sigma: f64,
    delta: f64,
    dist: f64,
    hops: u32,
}

const FRESH: NodeState = NodeState {
    sigma: 0.0,
    delta: 0.0,
    dist: f64::INFINITY,
    hops: UNSEEN,
};

/// Reusable state for one single-source search. After [`Workspace::run`],
/// `order` lists the reached nodes in non-decreasing distance (the source
/// first) and [`Workspace::distance`] gives their distances; with path
/// counting, [`Workspace::accumulate`] adds the source's dependencies
/// (Brandes) to a betweenness vector.
pub(crate) struct Workspace {
    st: Vec<NodeState>,
    pub order: Vec<u32>,
    heap: BinaryHeap<HeapItem>,
}

impl Workspace {
    pub fn new(n: usize) -> Self {
        Self {
            st: vec![FRESH; n],
            order: Vec::with_capacity(n),
            heap: BinaryHeap::new(),
        }
    }

    fn reset(&mut self) {
        for &v in &self.order {
            self.st[v as usize] = FRESH;
        }
        self.order.clear();
        self.heap.clear();
    }

    /// The distance of a reached node from the last source.
    #[inline]
    pub fn distance(&self, paths: &Paths, v: usize) -> f64 {
        let st = &self.st[v];
        if paths.length == PathLength::Hops {
            f64::from(st.hops)
        } else {
            st.dist
        }
    }

    /// For the last search: (Σ d, Σ 1/d, nodes reached including the
    /// source), the sums closeness and harmonic centrality need.
    pub fn distance_sums(&self, paths: &Paths) -> (f64, f64, usize) {
        let mut total = 0.0;
        let mut harmonic = 0.0;
        for &v in self.order.iter().skip(1) {
            let d = self.distance(paths, v as usize);
            total += d;
            harmonic += 1.0 / d;
        }
        (total, harmonic, self.order.len())
    }

    /// Shortest paths from `source`; path counts too when `count_paths`.
    /// O(m) for hops, O(m log m) weighted.
    pub fn run(&mut self, paths: &Paths, source: usize, count_paths: bool) {
        self.reset();
        if source >= paths.n {
            return;
        }
        let g = &paths.forward;
        let st = &mut self.st;
        st[source].sigma = 1.0;
        if paths.length == PathLength::Hops {
            st[source].hops = 0;
            self.order.push(source as u32);
            let mut head = 0;
            while let Some(&v) = self.order.get(head) {
                head += 1;
                let v = v as usize;
                let next = st[v].hops + 1;
                let sv = st[v].sigma;
                for &w in &g.targets[g.range(v)] {
                    let node = &mut st[w as usize];
                    if node.hops == UNSEEN {
                        node.hops = next;
                        node.sigma = sv;
                        self.order.push(w);
                    } else if node.hops == next {
                        node.sigma += sv;
                    }
                }
            }
            return;
        }
        // Dijkstra with lazy deletion. An entry is pushed only on a strict
        // improvement, so the first pop of a node is at its final distance
        // and later (stale) entries have a larger one. Path counts follow
        // networkx: relaxing v -> w with dist[v] + len == dist[w] adds
        // sigma[v]; a strictly shorter path resets sigma[w]. v is settled
        // when it relaxes, so its sigma is final. Equal-length paths are
        // recognised by the same float comparison networkx makes.
        st[source].dist = 0.0;
        self.heap.push(HeapItem {
            dist: 0.0,
            node: source as u32,
        });
        while let Some(HeapItem { dist, node }) = self.heap.pop() {
            let v = node as usize;
            if dist > st[v].dist {
                continue;
            }
            self.order.push(node);
            let sv = st[v].sigma;
            for k in g.range(v) {
                let w = g.targets[k] as usize;
                let d = dist + g.lengths[k];
                let node_w = &mut st[w];
                if d < node_w.dist {
                    node_w.dist = d;
                    if count_paths {
                        node_w.sigma = sv;
                    }
                    self.heap.push(HeapItem {
                        dist: d,
                        node: w as u32,
                    });
                } else if count_paths && d == node_w.dist {
                    node_w.sigma += sv;
                }
            }
        }
    }

    /// Brandes' dependency accumulation for the last source `s` (searched
    /// with path counts): adds δ_s(w) to `acc[w]` for every w ≠ s. Walks
    /// the nodes in reverse order of distance; the predecessors of w are
    /// its in-neighbours u with d(u) + len(u, w) == d(w).
    pub fn accumulate(&mut self, paths: &Paths, s: usize, acc: &mut [f64]) {
        let back = paths.backward();
        let st = &mut self.st;
        for &w in self.order.iter().rev() {
            let w = w as usize;
            let here = st[w];
            let coeff = (1.0 + here.delta) / here.sigma;
            if paths.length == PathLength::Hops {
                if here.hops == 0 {
                    continue;
                }
                let want = here.hops - 1;
                for &u in &back.targets[back.range(w)] {
                    let node = &mut st[u as usize];
                    if node.hops == want {
                        node.delta += node.sigma * coeff;
                    }
                }
            } else {
                for k in back.range(w) {
                    let node = &mut st[back.targets[k] as usize];
                    if node.dist < here.dist && node.dist + back.lengths[k] == here.dist {
                        node.delta += node.sigma * coeff;
                    }
                }
            }
            if w != s {
                acc[w] += here.delta;
            }
        }
    }
}
