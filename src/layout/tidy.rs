//! Tidy: remove overlaps between actors with as little movement as
//! possible, leaving pinned actors where they are.
//!
//! Definition: actors `i` and `j` with radii `rᵢ`, `rⱼ` overlap when their
//! centres are closer than `rᵢ + rⱼ + margin − tolerance`. Each pass finds
//! the overlapping pairs with a uniform grid (cells as wide as the largest
//! possible overlap distance, so only the 3 × 3 cells around an actor need
//! looking at) and, in index order, pushes each pair apart along the line
//! between them just far enough to touch: each moves half the overlap, or
//! the unpinned one all of it (two pinned actors are left alone; coincident
//! ones separate along a fixed pseudo-random direction). Passes repeat
//! until nothing overlaps or `max_passes` is reached. The result is the
//! arrangement with the fewest overlapping pairs seen (the earliest of
//! equals), so tidying never makes more pairs overlap than before.
//!
//! Deterministic (no randomness, fixed order). Complexity: O(n) per pass
//! for n evenly spread actors of similar size (O(n log n) for the sort),
//! O(n²) if one radius dwarfs the spacing of the others.

use super::graph::{LayoutGraph, clamp};
use super::quadtree::pair_direction;

/// The size of each actor.
#[derive(Clone, Debug, PartialEq)]
pub enum Radii {
    /// Every actor has this radius.
    Uniform(f64),
    /// Actor `i` has radius `v[i]`; a missing, negative or non-finite entry
    /// counts as 0.
    PerActor(Vec<f64>),
}

/// How to tidy.
#[derive(Clone, Debug, PartialEq)]
pub struct TidyOptions {
    /// Actor radii, in canvas units. Default: 20 for all.
    pub radii: Radii,
    /// Extra clear space wanted between two actors' edges (≥ 0; default 4).
    pub margin: f64,
    /// Overlaps shallower than this are ignored (≥ 0; default 0.01).
    pub tolerance: f64,
    /// At most this many passes (default 100).
    pub max_passes: usize,
}

impl Default for TidyOptions {
    fn default() -> Self {
        Self {
            radii: Radii::Uniform(20.0),
            margin: 4.0,
            tolerance: 0.01,
            max_passes: 100,
        }
    }
}

/// What [`tidy`] did.
#[derive(Clone, Debug, PartialEq)]
pub struct TidyOutcome {
    /// The new positions, node `i` at index `i`.
    pub positions: Vec<[f64; 2]>,
    /// Passes run.
    pub passes: usize,
    /// Overlapping pairs before.
    pub overlaps_before: usize,
    /// Overlapping pairs after (never more than before).
    pub overlaps_after: usize,
}

/// The largest radius or margin honoured, so that grid cells stay sane.
const SIZE_LIMIT: f64 = 1e7;

/// Checked options: one radius per actor, margin and tolerance.
struct Sizes {
    radii: Vec<f64>,
    margin: f64,
    tolerance: f64,
}

impl Sizes {
    fn new(n: usize, options: &TidyOptions) -> Self {
        let ok = |r: f64| {
            if r.is_finite() && r > 0.0 {
                r.min(SIZE_LIMIT)
            } else {
                0.0
            }
        };
        let radii = match &options.radii {
            Radii::Uniform(r) => vec![ok(*r); n],
            Radii::PerActor(v) => (0..n)
                .map(|i| ok(v.get(i).copied().unwrap_or(0.0)))
                .collect(),
        };
        Self {
            radii,
            margin: ok(options.margin),
            tolerance: ok(options.tolerance),
        }
    }

    /// The distance `i` and `j` should at least be apart.
    fn need(&self, i: usize, j: usize) -> f64 {
        self.radii.get(i).copied().unwrap_or(0.0)
            + self.radii.get(j).copied().unwrap_or(0.0)
            + self.margin
    }

    /// The grid cell width: no overlapping pair is further apart.
    fn cell(&self) -> f64 {
        2.0 * self.radii.iter().copied().fold(0.0, f64::max) + self.margin
    }
}

/// A uniform grid over points, stored as a spatial hash: the points of
/// each cell are in one bucket (with those of any cell that hashes alike),
/// filled by counting sort in index order. O(n) to build.
struct Grid {
    cell: f64,
    mask: usize,
    /// Cell of each point.
    keys: Vec<(i64, i64)>,
    /// Bucket `b` holds `order[starts[b]..starts[b + 1]]`.
    starts: Vec<usize>,
    order: Vec<usize>,
}

impl Grid {
    fn key(cell: f64, p: [f64; 2]) -> (i64, i64) {
        // Float-to-int casts saturate, so huge coordinates are safe.
        ((p[0] / cell).floor() as i64, (p[1] / cell).floor() as i64)
    }

    fn bucket(&self, k: (i64, i64)) -> usize {
        let h = (k.0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (k.1 as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        (h ^ (h >> 29)) as usize & self.mask
    }

    fn new(positions: &[[f64; 2]], cell: f64) -> Self {
        let n = positions.len();
        let size = (2 * n).next_power_of_two().max(16);
        let mut grid = Self {
            cell,
            mask: size - 1,
            keys: positions.iter().map(|&p| Self::key(cell, p)).collect(),
            starts: vec![0; size + 1],
            order: vec![0; n],
        };
        let buckets: Vec<usize> = grid.keys.iter().map(|&k| grid.bucket(k)).collect();
        for &b in &buckets {
            grid.starts[b + 1] += 1;
        }
        for b in 0..size {
            grid.starts[b + 1] += grid.starts[b];
        }
        let mut fill = grid.starts.clone();
        for (i, &b) in buckets.iter().enumerate() {
            grid.order[fill[b]] = i;
            fill[b] += 1;
        }
        grid
    }

    /// Points in the 3 × 3 cells around `p`, each once, in a fixed order.
    fn near(&self, p: [f64; 2]) -> impl Iterator<Item = usize> + '_ {
        let (cx, cy) = Self::key(self.cell, p);
        (-1i64..=1)
            .flat_map(move |dy| {
                (-1i64..=1).map(move |dx| (cx.saturating_add(dx), cy.saturating_add(dy)))
            })
            .flat_map(move |k| {
                let b = self.bucket(k);
                let range = match (self.starts.get(b), self.starts.get(b + 1)) {
                    (Some(&s), Some(&e)) => s..e,
                    _ => 0..0,
                };
                self.order
                    .get(range)
                    .unwrap_or(&[])
                    .iter()
                    .copied()
                    .filter(move |&j| self.keys.get(j) == Some(&k))
            })
    }
}

/// The number of overlapping pairs among `positions` under `options` (see
/// the module docs for "overlapping"). O(n) for evenly spread actors.
pub fn count_overlaps(positions: &[[f64; 2]], options: &TidyOptions) -> usize {
    let sizes = Sizes::new(positions.len(), options);
    count(positions, &sizes)
}

fn count(positions: &[[f64; 2]], sizes: &Sizes) -> usize {
    let cell = sizes.cell();
    if cell <= 0.0 || positions.len() < 2 {
        return 0;
    }
    let grid = Grid::new(positions, cell);
    let mut overlaps = 0;
    for (i, &p) in positions.iter().enumerate() {
        for j in grid.near(p).filter(|&j| j > i) {
            let Some(&q) = positions.get(j) else { continue };
            let d = (p[0] - q[0]).hypot(p[1] - q[1]);
            if d < sizes.need(i, j) - sizes.tolerance {
                overlaps += 1;
            }
        }
    }
    overlaps
}

/// Pushes overlapping actors of `graph` (normalised first) apart; see the
/// module docs.
///
/// # Example
/// ```
/// use bridgework::layout::{LayoutGraph, Radii, TidyOptions, tidy};
///
/// let mut graph = LayoutGraph::new(vec![[0.0, 0.0], [10.0, 0.0], [100.0, 0.0]]);
/// graph.pinned[0] = true;
/// let options = TidyOptions { radii: Radii::Uniform(10.0), margin: 0.0, ..Default::default() };
/// let out = tidy(&graph, &options);
/// assert_eq!((out.overlaps_before, out.overlaps_after), (1, 0));
/// assert_eq!(out.positions[0], [0.0, 0.0]); // pinned: the other moves
/// assert!((out.positions[1][0] - 20.0).abs() < 1e-9);
/// assert_eq!(out.positions[2], [100.0, 0.0]); // untouched
/// ```
pub fn tidy(graph: &LayoutGraph, options: &TidyOptions) -> TidyOutcome {
    let graph = graph.normalised();
    let n = graph.len();
    let sizes = Sizes::new(n, options);
    let mut positions = graph.positions.clone();
    let before = count(&positions, &sizes);
    let mut best = (before, positions.clone());
    let mut passes = 0;
    let mut outward = false;
    let mut last = before;
    let cell = sizes.cell();
    while best.0 > 0 && passes < options.max_passes && cell > 0.0 {
        passes += 1;
        let grid = Grid::new(&positions, cell);
        // Sweep outward from the centroid, so one pass carries a push from
        // the middle of a crowd to its edge.
        let c = super::force::centroid(&positions);
        let far = |p: [f64; 2]| (p[0] - c[0]).powi(2) + (p[1] - c[1]).powi(2);
        let mut order: Vec<(f64, usize)> = positions.iter().map(|&p| far(p)).zip(0..).collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut rank = vec![0usize; n];
        for (r, &(_, i)) in order.iter().enumerate() {
            rank[i] = r;
        }
        for &(_, i) in &order {
            let Some(&p) = positions.get(i) else { continue };
            for j in grid.near(p) {
                if rank.get(j).is_some_and(|&r| r > rank[i]) {
                    separate(i, j, &mut positions, &graph.pinned, &sizes, outward);
                }
            }
        }
        let now = count(&positions, &sizes);
        // A crowd that shared pushes do not thin out fast enough has to
        // grow: from now on the outer actor of each pair gives way.
        if now as f64 > 0.9 * last as f64 {
            outward = true;
        }
        last = now;
        if now < best.0 {
            best = (now, positions.clone());
        }
    }
    TidyOutcome {
        positions: best.1,
        passes,
        overlaps_before: before,
        overlaps_after: best.0,
    }
}

/// Moves `i` and `j` apart until they are `need` apart, if they are closer.
fn separate(
    i: usize,
    j: usize,
    positions: &mut [[f64; 2]],
    pinned: &[bool],
    sizes: &Sizes,
    outward: bool,
) {
    let (Some(&p), Some(&q)) = (positions.get(i), positions.get(j)) else {
        return;
    };
    let pin_i = pinned.get(i).copied().unwrap_or(false);
    let pin_j = pinned.get(j).copied().unwrap_or(false);
    if pin_i && pin_j {
        return;
    }
    let need = sizes.need(i, j);
    let (dx, dy) = (p[0] - q[0], p[1] - q[1]);
    let d = dx.hypot(dy);
    if d >= need - sizes.tolerance / 2.0 {
        return;
    }
    // Coincident (or nearly): a fixed direction per pair.
    let u = if d <= need * 1e-9 {
        pair_direction(i, j, 0)
    } else {
        [dx / d, dy / d]
    };
    push(
        i,
        j,
        positions,
        u,
        need - d,
        pin_i || (outward && !pin_j),
        pin_j,
    );
}

/// Moves `i` along `u` and `j` against it, sharing `overlap` between the
/// unpinned ones.
fn push(
    i: usize,
    j: usize,
    positions: &mut [[f64; 2]],
    u: [f64; 2],
    overlap: f64,
    pin_i: bool,
    pin_j: bool,
) {
    let (share_i, share_j) = match (pin_i, pin_j) {
        (false, false) => (0.5, 0.5),
        (true, false) => (0.0, 1.0),
        _ => (1.0, 0.0),
    };
    if let Some(p) = positions.get_mut(i) {
        let a = overlap * share_i;
        *p = [clamp(p[0] + u[0] * a), clamp(p[1] + u[1] * a)];
    }
    if let Some(q) = positions.get_mut(j) {
        let b = overlap * share_j;
        *q = [clamp(q[0] - u[0] * b), clamp(q[1] - u[1] * b)];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crowd_at_one_spot_is_spread_without_overlaps() {
        let g = LayoutGraph::new(vec![[5.0, 5.0]; 200]);
        let options = TidyOptions::default();
        let out = tidy(&g, &options);
        assert_eq!(out.overlaps_before, 200 * 199 / 2);
        assert_eq!(out.overlaps_after, 0, "after {} passes", out.passes);
        assert_eq!(count_overlaps(&out.positions, &options), 0);
        assert!(out.positions.iter().flatten().all(|c| c.is_finite()));
    }

    #[test]
    fn per_actor_radii_are_honoured() {
        let g = LayoutGraph::new(vec![[0.0, 0.0], [30.0, 0.0], [40.0, 0.0]]);
        let options = TidyOptions {
            radii: Radii::PerActor(vec![50.0, 1.0]), // the third counts as 0
            margin: 0.0,
            ..Default::default()
        };
        assert_eq!(count_overlaps(&g.positions, &options), 2);
        let out = tidy(&g, &options);
        assert_eq!(out.overlaps_after, 0);
        let p = &out.positions;
        assert!((p[0][0] - p[1][0]).abs() >= 51.0 - 0.01);
        assert!((p[0][0] - p[2][0]).abs() >= 50.0 - 0.01);
    }

    #[test]
    fn zero_radii_and_tiny_inputs_do_nothing() {
        for n in [0, 1, 2] {
            let g = LayoutGraph::new(vec![[1.0, 2.0]; n]);
            let options = TidyOptions {
                radii: Radii::Uniform(0.0),
                margin: 0.0,
                ..Default::default()
            };
            let out = tidy(&g, &options);
            assert_eq!(out.positions, g.positions);
            assert_eq!(out.passes, 0);
        }
    }

    #[test]
    fn two_pinned_actors_stay_overlapping() {
        let mut g = LayoutGraph::new(vec![[0.0, 0.0], [1.0, 0.0]]);
        g.pinned = vec![true, true];
        let out = tidy(&g, &TidyOptions::default());
        assert_eq!(out.positions, g.positions);
        assert_eq!(out.overlaps_after, 1);
    }

    #[test]
    fn pinned_actors_stay_and_results_repeat() {
        let positions: Vec<[f64; 2]> = (0..400)
            .map(|i| [((i * 37) % 200) as f64, ((i * 91) % 190) as f64])
            .collect();
        let mut g = LayoutGraph::new(positions.clone());
        for i in (0..400).step_by(9) {
            g.pinned[i] = true;
        }
        let options = TidyOptions::default();
        let out = tidy(&g, &options);
        assert_eq!(out, tidy(&g, &options));
        for i in (0..400).step_by(9) {
            assert_eq!(out.positions[i], positions[i]);
        }
        assert!(out.overlaps_after < out.overlaps_before / 10);
        assert_eq!(count_overlaps(&out.positions, &options), out.overlaps_after);
    }

    use proptest::prelude::*;

    fn scene() -> impl Strategy<Value = (Vec<[f64; 2]>, Vec<bool>, Vec<f64>)> {
        (0usize..40).prop_flat_map(|n| {
            (
                prop::collection::vec(
                    prop_oneof![
                        (0.0..200.0f64, 0.0..200.0f64).prop_map(|(x, y)| [x, y]),
                        // Some on shared spots, to exercise coincidence.
                        (0..3u8).prop_map(|k| [f64::from(k) * 10.0, 0.0]),
                    ],
                    n,
                ),
                prop::collection::vec(prop::bool::weighted(0.3), n),
                prop::collection::vec(0.0..25.0f64, n),
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Tidying never moves a pinned actor, never leaves more overlapping
        /// pairs than it found, reports its result truthfully, and never
        /// produces a non-finite coordinate.
        #[test]
        fn tidy_keeps_pins_and_never_adds_overlaps(
            (positions, pinned, radii) in scene(),
            uniform in prop::bool::ANY,
            margin in 0.0..10.0f64,
        ) {
            let mut g = LayoutGraph::new(positions.clone());
            g.pinned = pinned.clone();
            let options = TidyOptions {
                radii: if uniform { Radii::Uniform(12.0) } else { Radii::PerActor(radii) },
                margin,
                max_passes: 20,
                ..TidyOptions::default()
            };
            let out = tidy(&g, &options);
            for i in 0..positions.len() {
                if pinned[i] {
                    prop_assert_eq!(out.positions[i], positions[i]);
                }
            }
            prop_assert!(out.overlaps_after <= out.overlaps_before);
            prop_assert_eq!(out.overlaps_before, count_overlaps(&positions, &options));
            prop_assert_eq!(out.overlaps_after, count_overlaps(&out.positions, &options));
            prop_assert!(out.positions.iter().flatten().all(|c| c.is_finite()));
        }

        /// The grid finds exactly the overlapping pairs a brute-force scan
        /// finds.
        #[test]
        fn grid_count_matches_brute_force((positions, _, radii) in scene()) {
            let options = TidyOptions { radii: Radii::PerActor(radii.clone()), ..TidyOptions::default() };
            let mut brute = 0;
            for i in 0..positions.len() {
                for j in i + 1..positions.len() {
                    let d = (positions[i][0] - positions[j][0]).hypot(positions[i][1] - positions[j][1]);
                    if d < radii[i] + radii[j] + options.margin - options.tolerance {
                        brute += 1;
                    }
                }
            }
            prop_assert_eq!(count_overlaps(&positions, &options), brute);
        }
    }
}
