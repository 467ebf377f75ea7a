//! Graph coarsening for the multilevel force layout (Walshaw 2000; Hu
//! 2005): each level merges pairs of tied actors into one, so a layout of
//! the small coarse graph fixes the overall shape cheaply, and each finer
//! level only has to tidy the neighbourhoods.
//!
//! Definition: nodes are visited by increasing degree (ties broken by a
//! seeded hash) and each unmatched node is merged with the unmatched
//! neighbour of smallest mass (number of original actors), then heaviest
//! tie, then smallest index; isolated nodes left over are paired in index
//! order. Pinned nodes are never merged. Parallel edges of the coarse graph
//! are merged and every level's edge weights are rescaled to mean 1.
//! Coarsening stops at [`COARSEST`] nodes or when a level shrinks by less
//! than a fifth (e.g. a star, whose leaves cannot pair).
//!
//! Complexity: O(m log m) per level, O((n + m) log n) for the hierarchy.

use super::quadtree::splitmix64;

/// Coarsening stops at or below this many nodes.
pub(crate) const COARSEST: usize = 40;

/// At most this many levels (the finest included).
const MAX_LEVELS: usize = 40;

/// One level of the hierarchy.
#[derive(Clone, Debug, Default)]
pub(crate) struct Level {
    /// Number of nodes.
    pub n: usize,
    /// Edges `(a, b, attraction factor)`, `a < b`, sorted, mean factor 1.
    pub edges: Vec<(usize, usize, f64)>,
    /// Whether each node is pinned (a pinned actor, never merged).
    pub pinned: Vec<bool>,
    /// Number of original actors in each node.
    pub mass: Vec<f64>,
    /// Starting position of each node: the mean of its actors' positions.
    pub anchor: Vec<[f64; 2]>,
    /// The node of the next coarser level each node was merged into (empty
    /// for the coarsest level).
    pub to_coarser: Vec<usize>,
}

/// The levels, finest (`finest`, returned as element 0) to coarsest.
pub(crate) fn hierarchy(finest: Level, seed: u64) -> Vec<Level> {
    let mut levels = vec![finest];
    while levels.len() < MAX_LEVELS {
        let salt = levels.len() as u64;
        let Some(fine) = levels.last_mut() else { break };
        if fine.n <= COARSEST {
            break;
        }
        let (to_coarser, coarse) = coarsen(fine, seed ^ salt);
        if coarse.n as f64 > 0.8 * fine.n as f64 {
            break;
        }
        fine.to_coarser = to_coarser;
        levels.push(coarse);
    }
    levels
}

/// Rescales edge factors to mean 1 (all 1 if the mean is not usable).
pub(crate) fn normalise_weights(edges: &mut [(usize, usize, f64)]) {
    let mean = edges.iter().map(|e| e.2).sum::<f64>() / edges.len().max(1) as f64;
    for e in edges.iter_mut() {
        e.2 = if mean.is_finite() && mean > 0.0 {
            e.2 / mean
        } else {
            1.0
        };
    }
}

/// One coarsening step: the node map and the coarse level.
fn coarsen(fine: &Level, seed: u64) -> (Vec<usize>, Level) {
    let n = fine.n;
    // Adjacency as CSR.
    let mut offsets = vec![0usize; n + 1];
    for &(a, b, _) in &fine.edges {
        offsets[a + 1] += 1;
        offsets[b + 1] += 1;
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut fill = offsets.clone();
    let mut adjacent = vec![(0usize, 0f64); offsets[n]];
    for &(a, b, w) in &fine.edges {
        adjacent[fill[a]] = (b, w);
        fill[a] += 1;
        adjacent[fill[b]] = (a, w);
        fill[b] += 1;
    }
    let degree = |i: usize| offsets[i + 1] - offsets[i];
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| (degree(i), splitmix64(seed ^ i as u64), i));
    const NONE: usize = usize::MAX;
    let mut partner = vec![NONE; n];
    for &i in &order {
        if partner[i] != NONE || fine.pinned[i] {
            continue;
        }
        let mut best: Option<(usize, f64)> = None;
        for &(j, w) in &adjacent[offsets[i]..offsets[i + 1]] {
            if j == i || partner[j] != NONE || fine.pinned[j] {
                continue;
            }
            let better = match best {
                None => true,
                Some((b, bw)) => {
                    let (mj, mb) = (fine.mass[j], fine.mass[b]);
                    mj < mb || (mj == mb && (w > bw || (w == bw && j < b)))
                }
            };
            if better {
                best = Some((j, w));
            }
        }
        if let Some((j, _)) = best {
            partner[i] = j;
            partner[j] = i;
        }
    }
    // Pair leftover isolated nodes, so maps with many isolates still shrink.
    let mut waiting: Option<usize> = None;
    for i in 0..n {
        if partner[i] == NONE && !fine.pinned[i] && degree(i) == 0 {
            match waiting.take() {
                Some(j) => {
                    partner[i] = j;
                    partner[j] = i;
                }
                None => waiting = Some(i),
            }
        }
    }
    // Coarse ids in order of each pair's smaller fine index.
    let mut to_coarser = vec![NONE; n];
    let mut count = 0;
    for i in 0..n {
        if to_coarser[i] != NONE {
            continue;
        }
        to_coarser[i] = count;
        if partner[i] != NONE {
            to_coarser[partner[i]] = count;
        }
        count += 1;
    }
    let mut coarse = Level {
        n: count,
        pinned: vec![false; count],
        mass: vec![0.0; count],
        anchor: vec![[0.0, 0.0]; count],
        ..Level::default()
    };
    for (i, &c) in to_coarser.iter().enumerate() {
        coarse.pinned[c] |= fine.pinned[i];
        coarse.mass[c] += fine.mass[i];
    }
    for (i, &c) in to_coarser.iter().enumerate() {
        let share = fine.mass[i] / coarse.mass[c];
        coarse.anchor[c][0] += fine.anchor[i][0] * share;
        coarse.anchor[c][1] += fine.anchor[i][1] * share;
    }
    let mut edges: Vec<(usize, usize, f64)> = fine
        .edges
        .iter()
        .filter_map(|&(a, b, w)| {
            let (x, y) = (to_coarser[a], to_coarser[b]);
            (x != y).then(|| (x.min(y), x.max(y), w))
        })
        .collect();
    edges.sort_by_key(|&(a, b, _)| (a, b));
    let mut merged: Vec<(usize, usize, f64)> = Vec::with_capacity(edges.len());
    for (a, b, w) in edges {
        match merged.last_mut() {
            Some(last) if last.0 == a && last.1 == b => last.2 += w,
            _ => merged.push((a, b, w)),
        }
    }
    normalise_weights(&mut merged);
    coarse.edges = merged;
    (to_coarser, coarse)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(n: usize, edges: Vec<(usize, usize, f64)>) -> Level {
        Level {
            n,
            edges,
            pinned: vec![false; n],
            mass: vec![1.0; n],
            anchor: (0..n).map(|i| [i as f64, 0.0]).collect(),
            to_coarser: Vec::new(),
        }
    }

    #[test]
    fn a_path_halves_and_keeps_mass_and_anchors() {
        let n = 200;
        let edges = (0..n - 1).map(|i| (i, i + 1, 1.0)).collect();
        let levels = hierarchy(level(n, edges), 1);
        assert!(levels.len() >= 3);
        for w in levels.windows(2) {
            let (fine, coarse) = (&w[0], &w[1]);
            assert_eq!(fine.to_coarser.len(), fine.n);
            assert!(fine.to_coarser.iter().all(|&c| c < coarse.n));
            assert!((coarse.mass.iter().sum::<f64>() - n as f64).abs() < 1e-9);
            let mean = coarse.edges.iter().map(|e| e.2).sum::<f64>() / coarse.edges.len() as f64;
            assert!((mean - 1.0).abs() < 1e-9);
        }
        let last = levels.last().unwrap();
        assert!(last.n <= COARSEST || last.to_coarser.is_empty());
        let centre: f64 = last
            .anchor
            .iter()
            .zip(&last.mass)
            .map(|(a, m)| a[0] * m)
            .sum::<f64>()
            / n as f64;
        assert!((centre - (n - 1) as f64 / 2.0).abs() < 1e-9);
    }

    #[test]
    fn pinned_nodes_stay_single_and_a_star_stops() {
        let n = 101;
        let edges: Vec<_> = (1..n).map(|i| (0, i, 1.0)).collect();
        let levels = hierarchy(level(n, edges), 1);
        assert_eq!(levels.len(), 1);
        let mut l = level(100, (0..99).map(|i| (i, i + 1, 1.0)).collect());
        l.pinned[10] = true;
        let levels = hierarchy(l, 2);
        let mut node = 10;
        for w in levels.windows(2) {
            let c = w[0].to_coarser[node];
            assert!(w[1].pinned[c]);
            assert_eq!(w[0].to_coarser.iter().filter(|&&x| x == c).count(), 1);
            node = c;
        }
    }
}
