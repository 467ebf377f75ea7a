//! A Barnes–Hut quadtree: approximates the sum of an inverse-distance
//! repulsion from all points by treating a far group of points as one point
//! at its centre of mass.
//!
//! Definition: the tree splits the points' bounding square into quadrants
//! until a cell holds at most [`LEAF_SIZE`] points (or is [`MAX_DEPTH`]
//! levels deep, so coincident points end in one leaf). A cell of side `s`
//! whose centre of mass is at distance `d` from the query point, and which
//! does not contain the point, is used whole when `s < θ·d` (Barnes & Hut
//! 1986); otherwise its children are visited, and a leaf's points are
//! summed exactly.
//!
//! Cells are stored in depth-first order with a skip index (the cell after
//! the subtree), so a query walks a flat array without a stack.
//!
//! Complexity: building is O(n log n) (O(n·depth)); a query visits
//! O(log n / θ²) cells for evenly spread points.

/// The most points a leaf holds (unless it is at [`MAX_DEPTH`]).
pub(crate) const LEAF_SIZE: usize = 8;

/// The deepest a cell can be; points closer than side / 2^MAX_DEPTH share
/// a leaf.
pub(crate) const MAX_DEPTH: u32 = 40;

#[derive(Clone, Copy, Debug, Default)]
struct Cell {
    /// Centre of mass.
    com: [f64; 2],
    /// Total mass.
    mass: f64,
    /// Lower corner of the cell's square.
    min: [f64; 2],
    /// Side of the cell's square.
    side: f64,
    /// Index of the first cell after this cell's subtree.
    skip: u32,
    /// For a leaf, its points are `points[start..end]`; for an inner cell
    /// `start == end`.
    start: u32,
    end: u32,
    leaf: bool,
}

/// A Barnes–Hut quadtree over weighted points; rebuilt by [`QuadTree::build`]
/// each step (its buffers are reused).
#[derive(Clone, Debug, Default)]
pub(crate) struct QuadTree {
    cells: Vec<Cell>,
    /// Point index of each slot, grouped by leaf.
    order: Vec<usize>,
    /// Position of each slot's point (copied, for locality).
    points: Vec<[f64; 2]>,
    /// Mass of each slot's point.
    masses: Vec<f64>,
}

/// What a repulsion query needs besides the tree.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Repulsion {
    /// Barnes–Hut opening criterion θ.
    pub theta: f64,
    /// The force between two unit masses at distance `d` is `strength / d`.
    pub strength: f64,
    /// Distances below this count as this (no infinite forces).
    pub min_distance: f64,
    /// Seed for the direction between coincident points.
    pub seed: u64,
    /// The force falls off as `1 / d^power`: 1 (Fruchterman–Reingold) or
    /// 2 (shorter range, so big maps are not blown up at the rim).
    pub power: u8,
}

impl QuadTree {
    /// Rebuilds the tree over `positions` with `masses` (mass 1 where
    /// `masses` is shorter). Positions must be finite.
    pub(crate) fn build(&mut self, positions: &[[f64; 2]], masses: &[f64]) {
        let n = positions.len();
        self.cells.clear();
        self.order.clear();
        self.order.extend(0..n);
        self.points.clear();
        self.masses.clear();
        if n == 0 {
            return;
        }
        let mut lo = [f64::INFINITY; 2];
        let mut hi = [f64::NEG_INFINITY; 2];
        for p in positions {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        let side = (hi[0] - lo[0]).max(hi[1] - lo[1]);
        // Slightly larger than the points' extent, so every point is inside.
        let side = side * (1.0 + 1e-9) + 1e-9;
        self.build_cell(positions, 0, n, lo, side, 0);
        self.points.extend(self.order.iter().map(|&i| positions[i]));
        self.masses.extend(
            self.order
                .iter()
                .map(|&i| masses.get(i).copied().unwrap_or(1.0)),
        );
        self.aggregate();
    }

    /// Pushes the cell for `order[start..end]` (all inside the square at
    /// `min` with side `side`) and its subtree; partitions `order` in place.
    fn build_cell(
        &mut self,
        positions: &[[f64; 2]],
        start: usize,
        end: usize,
        min: [f64; 2],
        side: f64,
        depth: u32,
    ) {
        let me = self.cells.len();
        let leaf = end - start <= LEAF_SIZE || depth >= MAX_DEPTH;
        self.cells.push(Cell {
            min,
            side,
            start: start as u32,
            end: if leaf { end as u32 } else { start as u32 },
            leaf,
            ..Cell::default()
        });
        if !leaf {
            let half = side / 2.0;
            let mid = [min[0] + half, min[1] + half];
            let order = &mut self.order[start..end];
            let split_y = partition(order, |i| positions[i][1] < mid[1]);
            let (below, above) = order.split_at_mut(split_y);
            let split_below = partition(below, |i| positions[i][0] < mid[0]);
            let split_above = partition(above, |i| positions[i][0] < mid[0]);
            let a = start;
            let b = start + split_below;
            let c = start + split_y;
            let d = c + split_above;
            let quads = [
                (a, b, [min[0], min[1]]),
                (b, c, [mid[0], min[1]]),
                (c, d, [min[0], mid[1]]),
                (d, end, [mid[0], mid[1]]),
            ];
            for (s, e, corner) in quads {
                if e > s {
                    self.build_cell(positions, s, e, corner, half, depth + 1);
                }
            }
        }
        let skip = self.cells.len() as u32;
        if let Some(cell) = self.cells.get_mut(me) {
            cell.skip = skip;
        }
    }

    /// Fills in every cell's mass and centre of mass, children before
    /// parents (cells are in depth-first order, so walk backwards).
    fn aggregate(&mut self) {
        for c in (0..self.cells.len()).rev() {
            let cell = self.cells[c];
            let (mut mass, mut sx, mut sy) = (0.0, 0.0, 0.0);
            if cell.leaf {
                for s in cell.start as usize..cell.end as usize {
                    let m = self.masses[s];
                    mass += m;
                    sx += m * self.points[s][0];
                    sy += m * self.points[s][1];
                }
            } else {
                let mut child = c + 1;
                while child < cell.skip as usize {
                    let ch = &self.cells[child];
                    mass += ch.mass;
                    sx += ch.mass * ch.com[0];
                    sy += ch.mass * ch.com[1];
                    child = ch.skip as usize;
                }
            }
            let com = if mass > 0.0 {
                [sx / mass, sy / mass]
            } else {
                [cell.min[0] + cell.side / 2.0, cell.min[1] + cell.side / 2.0]
            };
            self.cells[c].mass = mass;
            self.cells[c].com = com;
        }
    }

    /// The repulsive force on point `i` (at `p`) from every other point:
    /// the sum over points `j` of `strength · mᵢ · mⱼ / d` along the
    /// direction from `j` to `i`, approximated by Barnes–Hut.
    pub(crate) fn repulsion(&self, i: usize, p: [f64; 2], mass: f64, r: &Repulsion) -> [f64; 2] {
        let theta2 = r.theta * r.theta;
        let min_d2 = r.min_distance * r.min_distance;
        let tiny2 = min_d2 * 1e-12;
        let (mut fx, mut fy) = (0.0, 0.0);
        let mut c = 0usize;
        while let Some(cell) = self.cells.get(c) {
            if cell.leaf {
                for s in cell.start as usize..cell.end as usize {
                    let (Some(&j), Some(q), Some(&m)) =
                        (self.order.get(s), self.points.get(s), self.masses.get(s))
                    else {
                        continue;
                    };
                    if j == i {
                        continue;
                    }
                    let (mut dx, mut dy) = (p[0] - q[0], p[1] - q[1]);
                    let mut d2 = dx * dx + dy * dy;
                    if d2 < min_d2 {
                        if d2 <= tiny2 {
                            let u = pair_direction(i, j, r.seed);
                            dx = u[0] * r.min_distance;
                            dy = u[1] * r.min_distance;
                        }
                        d2 = min_d2;
                    }
                    let f = m * kernel(d2, r.power);
                    fx += f * dx;
                    fy += f * dy;
                }
                c = cell.skip as usize;
                continue;
            }
            let (dx, dy) = (p[0] - cell.com[0], p[1] - cell.com[1]);
            let d2 = dx * dx + dy * dy;
            let inside = p[0] >= cell.min[0]
                && p[0] < cell.min[0] + cell.side
                && p[1] >= cell.min[1]
                && p[1] < cell.min[1] + cell.side;
            if !inside && cell.side * cell.side < theta2 * d2 {
                let f = cell.mass * kernel(d2.max(min_d2), r.power);
                fx += f * dx;
                fy += f * dy;
                c = cell.skip as usize;
            } else {
                c += 1;
            }
        }
        let k = r.strength * mass;
        [k * fx, k * fy]
    }
}

/// The factor that turns the vector between two points into the force
/// between them: `1 / d^(power + 1)` from the squared distance.
#[inline]
fn kernel(d2: f64, power: u8) -> f64 {
    if power >= 2 {
        1.0 / (d2 * d2.sqrt())
    } else {
        1.0 / d2
    }
}

/// Moves the items for which `left` holds to the front; returns how many
/// there are. Deterministic (not stable).
fn partition(items: &mut [usize], left: impl Fn(usize) -> bool) -> usize {
    let mut split = 0;
    for k in 0..items.len() {
        if left(items[k]) {
            items.swap(split, k);
            split += 1;
        }
    }
    split
}

/// A unit vector, fixed by the unordered pair and the seed, pointing from
/// `j` to `i` (so the two see opposite directions): how coincident points
/// push each other apart.
pub(crate) fn pair_direction(i: usize, j: usize, seed: u64) -> [f64; 2] {
    let (a, b) = (i.min(j) as u64, i.max(j) as u64);
    let h = splitmix64(seed ^ splitmix64(a.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ b));
    let angle = (h >> 11) as f64 / (1u64 << 53) as f64 * std::f64::consts::TAU;
    let u = [angle.cos(), angle.sin()];
    if i < j { u } else { [-u[0], -u[1]] }
}

/// SplitMix64: a fast, well-mixed 64-bit hash step.
pub(crate) fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(points: &[[f64; 2]], i: usize, r: &Repulsion) -> [f64; 2] {
        let mut f = [0.0, 0.0];
        for (j, q) in points.iter().enumerate() {
            if j != i {
                let (dx, dy) = (points[i][0] - q[0], points[i][1] - q[1]);
                let d2 = dx * dx + dy * dy;
                f[0] += r.strength * dx / d2;
                f[1] += r.strength * dy / d2;
            }
        }
        f
    }

    #[test]
    fn theta_zero_is_exact_and_small_theta_is_close() {
        let points: Vec<[f64; 2]> = (0..300)
            .map(|k| {
                let h = splitmix64(k);
                [
                    (h % 1000) as f64,
                    ((h >> 20) % 1000) as f64 + k as f64 * 1e-3,
                ]
            })
            .collect();
        let mut tree = QuadTree::default();
        tree.build(&points, &[]);
        for theta in [0.0, 0.5, 0.9] {
            let r = Repulsion {
                theta,
                strength: 100.0,
                min_distance: 1e-9,
                seed: 1,
                power: 1,
            };
            let mut err = 0.0;
            let mut total = 0.0;
            for i in 0..points.len() {
                let a = tree.repulsion(i, points[i], 1.0, &r);
                let e = exact(&points, i, &r);
                err += (a[0] - e[0]).hypot(a[1] - e[1]);
                total += e[0].hypot(e[1]);
            }
            let rel = err / total;
            if theta == 0.0 {
                assert!(rel < 1e-12, "θ = 0: {rel}");
            } else {
                assert!(rel < 0.1, "θ = {theta}: {rel}");
            }
        }
    }

    #[test]
    fn coincident_points_push_apart_without_nan() {
        let points = vec![[5.0, 5.0]; 100];
        let mut tree = QuadTree::default();
        tree.build(&points, &[]);
        let r = Repulsion {
            theta: 0.9,
            strength: 1.0,
            min_distance: 0.5,
            seed: 7,
            power: 2,
        };
        let forces: Vec<[f64; 2]> = (0..100)
            .map(|i| tree.repulsion(i, points[i], 1.0, &r))
            .collect();
        assert!(forces.iter().flatten().all(|c| c.is_finite()));
        // Pairwise opposite: the total is (nearly) zero.
        let sum = forces
            .iter()
            .fold([0.0, 0.0], |s, f| [s[0] + f[0], s[1] + f[1]]);
        assert!(sum[0].abs() < 1e-9 && sum[1].abs() < 1e-9);
        assert!(forces.iter().any(|f| f[0] != 0.0));
    }

    #[test]
    fn pair_direction_is_antisymmetric_unit() {
        for (i, j) in [(0, 1), (5, 3), (100, 7)] {
            let u = pair_direction(i, j, 3);
            let v = pair_direction(j, i, 3);
            assert!((u[0].hypot(u[1]) - 1.0).abs() < 1e-12);
            assert_eq!(u, [-v[0], -v[1]]);
        }
    }
}
