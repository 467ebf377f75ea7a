//! Force-directed layout: a spring-electrical model (Fruchterman & Reingold
//! 1991) with Barnes–Hut repulsion, Yifan Hu's adaptive step and multilevel
//! scheme (Hu 2005, "Efficient, high-quality force-directed graph
//! drawing"), run as a small state machine that the editor ticks within a
//! frame budget.
//!
//! Definition, with `K` the ideal edge length and `c` the centre (the
//! centroid of the starting positions):
//! * every pair of actors repels with force `K² / d` (or `K³ / d²` with
//!   `repulsion_power` 2), summed by Barnes–Hut with θ = 0.9;
//! * every edge attracts its ends with force `w · d² / K`, where `w` is the
//!   edge's strength raised to `strength_influence`, divided by the mean of
//!   that over all edges (so strengths 1–5 and imported weights in the
//!   hundreds give the same picture);
//! * gravity pulls each actor toward `c` with force `gravity · |p − c|`, so
//!   disconnected pieces stay on screen;
//! * each step moves every unpinned actor a distance `step` along its net
//!   force. The step grows (÷ 0.9) after five steps in a row that lowered
//!   the energy (the sum of squared forces), shrinks (× 0.9) after one that
//!   did not, and always cools by `cooling`; a level is done when the step
//!   is below `tolerance · K`, or after `max_steps` steps.
//!
//! With `multilevel` (the default), the map is first coarsened (pairs of
//! tied actors merged, repeatedly, down to about 40 nodes; see
//! `coarsen.rs`), each node starting at the mean position of its actors.
//! The coarsest graph is laid out with `K` scaled by √(actors per node),
//! then each finer level starts from its parent's position (plus a small
//! seeded offset) with a step of 0.3 `K` and is refined the same way. The
//! coarse levels settle the overall shape cheaply, so big or stringy maps
//! come out untangled. While a coarse level runs, the actors merged into
//! one node share its position.
//!
//! Keep sectors together (`keep_sectors_together`): before the first step,
//! [`super::grouped`] lays the map out once with spacing `K` and gap `2K`,
//! and each sector's centre is the mean of its actors' places there (so
//! centres are spread around a circle, apart in proportion to the sectors'
//! sizes). Every step then adds a spring `SECTOR_PULL · |p − cₛ|` pulling
//! each actor toward its own sector's centre `cₛ`; at a coarse level a
//! node is pulled toward the mean of its actors' centres. Ties and
//! repulsion still arrange each cluster, and ties across sectors still
//! pull clusters' facing sides toward each other. Cost: O(n log n + m +
//! G²) once (the grouped layout, G sectors) and O(n) per step.
//!
//! Pinned actors push and pull the others but never move (nor are they
//! merged). Coincident actors are separated at the start along seeded
//! directions; closer than `K / 100`, forces are capped, so no coordinate
//! is ever NaN or infinite.
//!
//! On a big map everyone repels everyone, so ties settle longer than `K`
//! (about 2–3 `K` at 150 actors, 5 `K` at 1,000 with m ≈ 3n); run
//! [`super::tidy`] afterwards to remove any overlaps in dense cores.
//!
//! Deterministic: the same graph, options and number of steps give
//! bit-identical positions, whatever the thread count (each actor's force
//! is summed in a fixed order; rayon only splits the actors among threads).
//! Only how many steps fit in a [`ForceLayout::run_for`] budget depends on
//! time.
//!
//! Complexity: O(n log n + m) per step for n actors and m edges (about 100
//! steps per level, with levels shrinking geometrically); O(n + m) memory.

use super::coarsen::{Level, hierarchy, normalise_weights};
use super::graph::{DEFAULT_SPACING, LayoutGraph, clamp, sunflower};
use super::quadtree::{QuadTree, Repulsion, splitmix64};
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// Below this many actors the forces are computed on one thread.
const PARALLEL_MIN: usize = 1024;

/// Yifan Hu's step factor.
const STEP_FACTOR: f64 = 0.9;

/// First step at each finer level, as a fraction of its `K`.
const REFINE_STEP: f64 = 0.3;

/// How to run a [`ForceLayout`]. Out-of-range values are replaced by the
/// default (or clamped) when the layout starts.
#[derive(Clone, Debug, PartialEq)]
pub struct ForceOptions {
    /// Seed for breaking ties between coincident actors, the small initial
    /// shake, and the random start.
    pub seed: u64,
    /// `K`: the length an edge between two otherwise free actors settles at,
    /// in canvas units (> 0). Default 80.
    pub ideal_edge_length: f64,
    /// Barnes–Hut opening criterion θ in [0, 2]: 0 is exact (O(n²)),
    /// larger is faster and coarser. Default 0.9.
    pub theta: f64,
    /// Pull toward the centre, per unit of distance, relative to the other
    /// forces (≥ 0). Default 0.05.
    pub gravity: f64,
    /// How much tie strength matters, in [0, 1]: 0 ignores it, 1 makes the
    /// pull proportional to it. Default 0.5.
    pub strength_influence: f64,
    /// First step length at the coarsest level (the only one without
    /// `multilevel`), as a fraction of that level's `K` (> 0). Default 1;
    /// to polish a layout that is nearly right, turn `multilevel` off and
    /// use a smaller value such as 0.2.
    pub initial_step: f64,
    /// Factor the step is multiplied by every step, in (0, 1]. Default 0.99.
    pub cooling: f64,
    /// A level is done when the step is below `tolerance · K` (> 0).
    /// Default 0.01.
    pub tolerance: f64,
    /// A level is done after this many steps at most (0: finished before
    /// the first step). Default 1000.
    pub max_steps: usize,
    /// Start from random positions (seeded, in a disc of the expected size)
    /// instead of the given ones; pinned actors stay. Default `false`.
    pub random_start: bool,
    /// Shake every unpinned actor by up to this fraction of `K` (seeded)
    /// before the first step, so symmetric starts (all on a line) can
    /// unfold. Default 0.01.
    pub shake: f64,
    /// Compute forces on all of rayon's threads (same result, sooner).
    /// Default `true`.
    pub parallel: bool,
    /// `p` in a repulsion of `K^(p+1) / d^p`: 1 (default; long-range, the
    /// best at untangling) or 2 (shorter range: more even edge lengths on
    /// big maps). Other values are clamped to 1..=2.
    pub repulsion_power: u8,
    /// Lay out a coarsened copy of the map first (pairs of tied actors
    /// merged, repeatedly), then refine level by level: better untangled
    /// and faster on big maps. Without it, only the given positions are
    /// refined. Default `true`.
    pub multilevel: bool,
    /// Keep sectors together: each sector (group) gets a centre where
    /// [`super::grouped`] would put its region, and a spring pulls every
    /// actor toward its sector's centre (see the module docs), so sectors
    /// come out as separate clusters while ties still shape each one.
    /// Default `false`.
    pub keep_sectors_together: bool,
}

/// With [`ForceOptions::keep_sectors_together`], the pull toward an
/// actor's sector centre per unit of distance (gravity is 0.05): strong
/// enough that ties across sectors do not drag the clusters into each
/// other (on the diabetes sample, actors end about 5× nearer their own
/// sector's centroid than the others', against 2.7× without it), weak
/// enough that repulsion still gives each cluster room.
pub const SECTOR_PULL: f64 = 5.0;

impl Default for ForceOptions {
    fn default() -> Self {
        Self {
            seed: 1,
            ideal_edge_length: DEFAULT_SPACING,
            theta: 0.9,
            gravity: 0.05,
            strength_influence: 0.5,
            initial_step: 1.0,
            cooling: 0.99,
            tolerance: 0.01,
            max_steps: 1000,
            random_start: false,
            shake: 0.01,
            parallel: true,
            repulsion_power: 1,
            multilevel: true,
            keep_sectors_together: false,
        }
    }
}

impl ForceOptions {
    /// The options with every out-of-range value replaced or clamped.
    fn sanitised(&self) -> Self {
        let d = Self::default();
        let positive = |v: f64, default: f64| {
            if v.is_finite() && v > 0.0 { v } else { default }
        };
        let ideal_edge_length = positive(self.ideal_edge_length, d.ideal_edge_length)
            .clamp(1e-6, super::graph::COORD_LIMIT / 1e3);
        Self {
            seed: self.seed,
            ideal_edge_length,
            theta: if self.theta.is_finite() {
                self.theta.clamp(0.0, 2.0)
            } else {
                d.theta
            },
            gravity: if self.gravity.is_finite() {
                self.gravity.clamp(0.0, 100.0)
            } else {
                d.gravity
            },
            strength_influence: if self.strength_influence.is_finite() {
                self.strength_influence.clamp(0.0, 1.0)
            } else {
                d.strength_influence
            },
            initial_step: positive(self.initial_step, d.initial_step).min(1e3),
            cooling: if self.cooling.is_finite() && self.cooling > 0.0 {
                self.cooling.min(1.0)
            } else {
                d.cooling
            },
            tolerance: positive(self.tolerance, d.tolerance),
            max_steps: self.max_steps,
            random_start: self.random_start,
            shake: if self.shake.is_finite() {
                self.shake.clamp(0.0, 10.0)
            } else {
                d.shake
            },
            parallel: self.parallel,
            repulsion_power: self.repulsion_power.clamp(1, 2),
            multilevel: self.multilevel,
            keep_sectors_together: self.keep_sectors_together,
        }
    }
}

/// Where a [`ForceLayout`] is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Status {
    /// Still moving.
    Running {
        /// Steps taken so far.
        steps: usize,
        /// The energy after the last step: the sum of squared net forces on
        /// the unpinned nodes of the current level (lower is calmer; it
        /// jumps when a finer level starts).
        energy: f64,
        /// An estimate of how far along the layout is, in [0, 1]; never
        /// decreases.
        progress: f64,
    },
    /// Settled (or out of steps); further steps change nothing.
    Finished {
        /// Steps taken in all.
        steps: usize,
    },
}

/// A force-directed layout in progress; see the module docs.
///
/// # Example
/// ```
/// use bridgework::layout::{ForceLayout, ForceOptions, LayoutGraph, Status};
///
/// // A triangle and a separate pair, all starting at the origin.
/// let mut graph = LayoutGraph::new(vec![[0.0, 0.0]; 5]);
/// graph.edges = vec![(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (3, 4, 1.0)];
/// graph.pinned[0] = true;
/// let mut layout = ForceLayout::new(graph, ForceOptions::default());
/// while let Status::Running { .. } = layout.step() {}
/// assert!(layout.finished());
/// assert_eq!(layout.positions()[0], [0.0, 0.0]); // pinned
/// let d = |a: usize, b: usize| {
///     let (p, q) = (layout.positions()[a], layout.positions()[b]);
///     (p[0] - q[0]).hypot(p[1] - q[1])
/// };
/// assert!(d(0, 1) > 40.0 && d(0, 1) < 160.0); // about K = 80 apart
/// ```
#[derive(Clone, Debug)]
pub struct ForceLayout {
    /// The finest graph, holding the current positions of every actor.
    graph: LayoutGraph,
    options: ForceOptions,
    /// The multilevel hierarchy, finest first; a single level without
    /// `multilevel`.
    levels: Vec<Level>,
    /// The level being laid out.
    level: usize,
    /// Positions of the current level's nodes.
    positions: Vec<[f64; 2]>,
    /// For each actor, its node at the current level.
    owner: Vec<usize>,
    /// `K` at each level.
    lengths: Vec<f64>,
    centre: [f64; 2],
    step_length: f64,
    first_step_length: f64,
    energy: f64,
    improving: u32,
    steps: usize,
    level_steps: usize,
    progress: f64,
    finished: bool,
    tree: QuadTree,
    forces: Vec<[f64; 2]>,
    /// With `keep_sectors_together`: each actor's sector centre.
    sector_targets: Vec<[f64; 2]>,
    /// Each node's sector centre at the current level (empty when off).
    targets: Vec<[f64; 2]>,
}

impl ForceLayout {
    /// Prepares a layout of `graph` (normalised first, see
    /// [`LayoutGraph::normalise`]). Coincident unpinned actors are moved
    /// apart and every unpinned actor is shaken slightly (both seeded); with
    /// `random_start` they are scattered instead. With `multilevel`, builds
    /// the coarsening hierarchy. O((n + m) log n).
    pub fn new(mut graph: LayoutGraph, options: ForceOptions) -> Self {
        graph.normalise();
        let options = options.sanitised();
        let k = options.ideal_edge_length;
        let n = graph.len();
        let centre = centroid(&graph.positions);
        if options.random_start {
            scatter(&mut graph, centre, k, options.seed);
        }
        separate_coincident(&mut graph, k, options.seed);
        shake(&mut graph, options.shake * k, options.seed);
        let influence = options.strength_influence;
        let mut edges: Vec<(usize, usize, f64)> = graph
            .edges
            .iter()
            .map(|&(a, b, w)| (a, b, w.powf(influence)))
            .collect();
        normalise_weights(&mut edges);
        let finest = Level {
            n,
            edges,
            pinned: graph.pinned.clone(),
            mass: vec![1.0; n],
            anchor: graph.positions.clone(),
            to_coarser: Vec::new(),
        };
        let levels = if options.multilevel {
            hierarchy(finest, options.seed)
        } else {
            vec![finest]
        };
        // K grows with the square root of the mass a node stands for.
        let lengths: Vec<f64> = levels
            .iter()
            .map(|l| k * (n as f64 / l.n.max(1) as f64).sqrt())
            .collect();
        let finished = graph.pinned.iter().all(|&p| p) || options.max_steps == 0;
        let sector_targets = if options.keep_sectors_together {
            sector_centres(&graph, k)
        } else {
            Vec::new()
        };
        let mut layout = Self {
            graph,
            levels,
            level: 0,
            positions: Vec::new(),
            owner: (0..n).collect(),
            lengths,
            centre,
            step_length: 0.0,
            first_step_length: 0.0,
            energy: f64::INFINITY,
            improving: 0,
            steps: 0,
            level_steps: 0,
            progress: if finished { 1.0 } else { 0.0 },
            finished,
            tree: QuadTree::default(),
            forces: Vec::new(),
            sector_targets,
            targets: Vec::new(),
            options,
        };
        let coarsest = layout.levels.len().saturating_sub(1);
        layout.enter_level(coarsest, None);
        layout
    }

    /// Makes `level` the current one: its nodes start at their anchors (the
    /// coarsest level) or at the positions of the coarser nodes they were
    /// merged into, spread a little (finer levels).
    fn enter_level(&mut self, level: usize, coarser: Option<&[[f64; 2]]>) {
        let Some(l) = self.levels.get(level) else {
            return;
        };
        let k = self
            .lengths
            .get(level)
            .copied()
            .unwrap_or(self.options.ideal_edge_length);
        self.positions = match coarser {
            None => l.anchor.clone(),
            Some(up) => (0..l.n)
                .map(|j| {
                    let anchor = l.anchor.get(j).copied().unwrap_or(self.centre);
                    if l.pinned.get(j).copied().unwrap_or(false) {
                        return anchor;
                    }
                    let Some(&p) = l.to_coarser.get(j).and_then(|&c| up.get(c)) else {
                        return anchor;
                    };
                    // A small seeded offset, so merged pairs come apart.
                    let a =
                        std::f64::consts::TAU * unit_random(self.options.seed, j, 6 + level as u64);
                    let r = 0.1 * k;
                    [clamp(p[0] + r * a.cos()), clamp(p[1] + r * a.sin())]
                })
                .collect(),
        };
        // Each actor's node at this level.
        let n = self.graph.len();
        self.owner = (0..n).collect();
        for fine in self.levels.iter().take(level) {
            for o in &mut self.owner {
                *o = fine.to_coarser.get(*o).copied().unwrap_or(0);
            }
        }
        self.targets = node_targets(&self.sector_targets, &self.owner, l.n);
        self.level = level;
        self.level_steps = 0;
        self.energy = f64::INFINITY;
        self.improving = 0;
        let fraction = if coarser.is_none() {
            self.options.initial_step
        } else {
            REFINE_STEP
        };
        self.first_step_length = fraction * k;
        self.step_length = self.first_step_length;
        self.write_back();
    }

    /// Copies the current level's positions to the actors.
    fn write_back(&mut self) {
        for ((p, &o), &pinned) in self
            .graph
            .positions
            .iter_mut()
            .zip(&self.owner)
            .zip(&self.graph.pinned)
        {
            if !pinned && let Some(&q) = self.positions.get(o) {
                *p = q;
            }
        }
    }

    /// Takes one step (a no-op once finished) and says where the layout is.
    /// O(n log n + m) at the finest level, less at coarser ones.
    pub fn step(&mut self) -> Status {
        if self.finished {
            return self.status();
        }
        let k = self
            .lengths
            .get(self.level)
            .copied()
            .unwrap_or(self.options.ideal_edge_length);
        self.compute_forces(k);
        let step = self.step_length;
        let mut energy = 0.0;
        let pinned: &[bool] = self.levels.get(self.level).map_or(&[], |l| &l.pinned);
        for ((p, f), &pinned) in self.positions.iter_mut().zip(&self.forces).zip(pinned) {
            if pinned {
                continue;
            }
            let norm2 = f[0] * f[0] + f[1] * f[1];
            energy += norm2;
            let norm = norm2.sqrt();
            if norm > 0.0 && norm.is_finite() {
                let x = p[0] + step * f[0] / norm;
                let y = p[1] + step * f[1] / norm;
                if x.is_finite() && y.is_finite() {
                    *p = [clamp(x), clamp(y)];
                }
            }
        }
        // Yifan Hu's adaptive step, plus steady cooling.
        if energy < self.energy {
            self.improving += 1;
            if self.improving >= 5 {
                self.improving = 0;
                self.step_length /= STEP_FACTOR;
            }
        } else {
            self.improving = 0;
            self.step_length *= STEP_FACTOR;
        }
        self.step_length = (self.step_length * self.options.cooling).min(self.first_step_length);
        self.energy = energy;
        self.steps += 1;
        self.level_steps += 1;
        self.write_back();
        let target = self.options.tolerance * k;
        let level_done = self.step_length < target
            || self.level_steps >= self.options.max_steps
            || energy == 0.0;
        self.update_progress(target, level_done);
        if level_done {
            if self.level == 0 {
                self.finished = true;
            } else {
                let coarse = std::mem::take(&mut self.positions);
                self.enter_level(self.level - 1, Some(&coarse));
            }
        }
        self.status()
    }

    /// Progress: the share of the work (nodes × levels) done, counting the
    /// current level by its step count or its step length, whichever is
    /// further along; never decreases.
    fn update_progress(&mut self, target: f64, level_done: bool) {
        let within = if level_done {
            1.0
        } else {
            let by_steps = self.level_steps as f64 / self.options.max_steps.max(1) as f64;
            let by_step = if self.first_step_length > target {
                (self.first_step_length / self.step_length).ln()
                    / (self.first_step_length / target).ln()
            } else {
                1.0
            };
            by_steps.max(by_step).clamp(0.0, 1.0)
        };
        let total: f64 = self.levels.iter().map(|l| l.n as f64).sum();
        let done: f64 = self
            .levels
            .iter()
            .skip(self.level + 1)
            .map(|l| l.n as f64)
            .sum();
        let current = self.levels.get(self.level).map_or(0.0, |l| l.n as f64);
        if total > 0.0 {
            let p = ((done + within * current) / total).clamp(0.0, 1.0);
            self.progress = self.progress.max(p);
        }
    }

    /// Takes as many steps as fit in `budget` (at least one, unless
    /// finished): it stops when the time spent plus the last step's time
    /// would exceed the budget.
    pub fn run_for(&mut self, budget: Duration) -> Status {
        let start = Instant::now();
        while !self.finished {
            let t = Instant::now();
            self.step();
            let last = t.elapsed();
            if start.elapsed() + last > budget {
                break;
            }
        }
        self.status()
    }

    /// Steps until finished (at most `max_steps` steps per level).
    pub fn run_to_end(&mut self) -> Status {
        while !self.finished {
            self.step();
        }
        self.status()
    }

    /// Where the layout is, without stepping.
    pub fn status(&self) -> Status {
        if self.finished {
            Status::Finished { steps: self.steps }
        } else {
            Status::Running {
                steps: self.steps,
                energy: self.energy,
                progress: self.progress,
            }
        }
    }

    /// The current positions, actor `i` at index `i`. While a coarse level
    /// is being laid out, the actors merged into one node share its
    /// position.
    pub fn positions(&self) -> &[[f64; 2]] {
        &self.graph.positions
    }

    /// The graph being laid out (normalised), with the current positions.
    pub fn graph(&self) -> &LayoutGraph {
        &self.graph
    }

    /// The graph, with the current positions, ending the layout.
    pub fn into_graph(self) -> LayoutGraph {
        self.graph
    }

    /// Whether the layout is finished.
    pub fn finished(&self) -> bool {
        self.finished
    }

    /// Steps taken so far, over all levels.
    pub fn steps(&self) -> usize {
        self.steps
    }

    /// The number of levels (1 without `multilevel`).
    pub fn levels(&self) -> usize {
        self.levels.len()
    }

    /// The level being laid out: `levels() - 1` (the coarsest) down to 0
    /// (every actor on its own).
    pub fn level(&self) -> usize {
        self.level
    }

    /// Pins actor `i` at `position` (e.g. while the user drags it) and
    /// restarts from the current positions at the finest level with a
    /// small step (see [`ForceLayout::reheat`]); the others move around it.
    /// Out-of-range `i` or a non-finite position is ignored.
    pub fn pin(&mut self, i: usize, position: [f64; 2]) {
        if !position.iter().all(|c| c.is_finite()) || i >= self.graph.len() {
            return;
        }
        if let Some(p) = self.graph.positions.get_mut(i) {
            *p = [clamp(position[0]), clamp(position[1])];
        }
        if let Some(pinned) = self.graph.pinned.get_mut(i) {
            *pinned = true;
        }
        self.reheat(REFINE_STEP);
    }

    /// Lets actor `i` move again (out of range is ignored) and restarts as
    /// [`ForceLayout::pin`] does.
    pub fn unpin(&mut self, i: usize) {
        if let Some(pinned) = self.graph.pinned.get_mut(i) {
            *pinned = false;
            self.reheat(REFINE_STEP);
        }
    }

    /// Continues from the current positions at the finest level, with the
    /// step restarting at `step × K` (e.g. 0.3 after the user dragged an
    /// actor), so the layout moves again. A non-positive or non-finite
    /// `step` is ignored.
    pub fn reheat(&mut self, step: f64) {
        if !(step.is_finite() && step > 0.0) {
            return;
        }
        let finest = self.levels.swap_remove(0);
        self.levels = vec![Level {
            pinned: self.graph.pinned.clone(),
            anchor: self.graph.positions.clone(),
            to_coarser: Vec::new(),
            ..finest
        }];
        self.lengths.truncate(1);
        self.enter_level(0, None);
        let k = self.options.ideal_edge_length;
        self.first_step_length = step.min(1e3) * k;
        self.step_length = self.first_step_length;
        self.progress = 0.0;
        self.finished = self.graph.pinned.iter().all(|&p| p) || self.options.max_steps == 0;
    }

    /// Fills `self.forces` with the net force on every node of the current
    /// level, for edge length `k`.
    fn compute_forces(&mut self, k: f64) {
        let positions = &self.positions;
        self.tree.build(positions, &[]);
        let power = self.options.repulsion_power;
        let repulsion = Repulsion {
            theta: self.options.theta,
            strength: if power >= 2 { k * k * k } else { k * k },
            min_distance: k / 100.0,
            seed: self.options.seed,
            power,
        };
        let tree = &self.tree;
        let centre = self.centre;
        let gravity = self.options.gravity;
        let targets = &self.targets;
        let force = |(i, p): (usize, &[f64; 2])| {
            let f = tree.repulsion(i, *p, 1.0, &repulsion);
            let mut f = [
                f[0] - gravity * (p[0] - centre[0]),
                f[1] - gravity * (p[1] - centre[1]),
            ];
            if let Some(t) = targets.get(i) {
                f[0] -= SECTOR_PULL * (p[0] - t[0]);
                f[1] -= SECTOR_PULL * (p[1] - t[1]);
            }
            f
        };
        if self.options.parallel && positions.len() >= PARALLEL_MIN {
            positions
                .par_iter()
                .enumerate()
                .with_min_len(256)
                .map(force)
                .collect_into_vec(&mut self.forces);
        } else {
            self.forces.clear();
            self.forces.extend(positions.iter().enumerate().map(force));
        }
        let min_d = k / 100.0;
        let edges: &[(usize, usize, f64)] = self.levels.get(self.level).map_or(&[], |l| &l.edges);
        for &(a, b, w) in edges {
            let (Some(&p), Some(&q)) = (positions.get(a), positions.get(b)) else {
                continue;
            };
            let (dx, dy) = (q[0] - p[0], q[1] - p[1]);
            let d = dx.hypot(dy).max(min_d);
            // Magnitude w·d²/K along the unit vector (dx, dy)/d.
            let f = w * d / k;
            if let Some(fa) = self.forces.get_mut(a) {
                fa[0] += f * dx;
                fa[1] += f * dy;
            }
            if let Some(fb) = self.forces.get_mut(b) {
                fb[0] -= f * dx;
                fb[1] -= f * dy;
            }
        }
    }
}

/// The centroid of `points` (the origin if there are none).
pub(crate) fn centroid(points: &[[f64; 2]]) -> [f64; 2] {
    if points.is_empty() {
        return [0.0, 0.0];
    }
    let n = points.len() as f64;
    let (sx, sy) = points
        .iter()
        .fold((0.0, 0.0), |(sx, sy), p| (sx + p[0] / n, sy + p[1] / n));
    [sx, sy]
}

/// Each actor's sector centre for `keep_sectors_together`: the mean of its
/// sector's places in the grouped layout (spacing `k`, gap `2k`).
fn sector_centres(graph: &LayoutGraph, k: f64) -> Vec<[f64; 2]> {
    let places = super::grouped(
        graph,
        &super::GroupedOptions {
            spacing: k,
            gap: 2.0 * k,
            centre: None,
        },
    );
    let groups = graph.groups.iter().copied().max().map_or(0, |g| g + 1);
    let mut sum = vec![[0.0, 0.0, 0.0]; groups];
    for (p, &g) in places.iter().zip(&graph.groups) {
        if let Some(s) = sum.get_mut(g) {
            *s = [s[0] + p[0], s[1] + p[1], s[2] + 1.0];
        }
    }
    graph
        .groups
        .iter()
        .zip(&places)
        .map(|(&g, p)| match sum.get(g) {
            Some(s) if s[2] > 0.0 => [s[0] / s[2], s[1] / s[2]],
            _ => *p,
        })
        .collect()
}

/// Each of `n` nodes' target: the mean of the `actor_targets` of the
/// actors it stands for (`owner`); empty when there are none.
fn node_targets(actor_targets: &[[f64; 2]], owner: &[usize], n: usize) -> Vec<[f64; 2]> {
    if actor_targets.is_empty() {
        return Vec::new();
    }
    let mut sum = vec![[0.0, 0.0, 0.0]; n];
    for (t, &o) in actor_targets.iter().zip(owner) {
        if let Some(s) = sum.get_mut(o) {
            *s = [s[0] + t[0], s[1] + t[1], s[2] + 1.0];
        }
    }
    sum.into_iter()
        .map(|s| {
            if s[2] > 0.0 {
                [s[0] / s[2], s[1] / s[2]]
            } else {
                [0.0, 0.0]
            }
        })
        .collect()
}

/// A deterministic pseudo-random number in [0, 1) for (seed, node, salt).
fn unit_random(seed: u64, i: usize, salt: u64) -> f64 {
    let h = splitmix64(seed ^ splitmix64((i as u64).wrapping_mul(0x2545_F491_4F6C_DD1D) ^ salt));
    (h >> 11) as f64 / (1u64 << 53) as f64
}

/// Scatters the unpinned nodes uniformly in a disc around `centre` big
/// enough for them at spacing `k`.
fn scatter(graph: &mut LayoutGraph, centre: [f64; 2], k: f64, seed: u64) {
    let radius = k * (graph.len() as f64).sqrt() * 0.6;
    for (i, (p, &pinned)) in graph.positions.iter_mut().zip(&graph.pinned).enumerate() {
        if !pinned {
            let r = radius * unit_random(seed, i, 1).sqrt();
            let a = std::f64::consts::TAU * unit_random(seed, i, 2);
            *p = [
                clamp(centre[0] + r * a.cos()),
                clamp(centre[1] + r * a.sin()),
            ];
        }
    }
}

/// Moves every unpinned node that shares its exact position with an
/// earlier node (in position order) onto a small sunflower around that
/// spot, turned by the seed. O(n log n).
fn separate_coincident(graph: &mut LayoutGraph, k: f64, seed: u64) {
    let n = graph.len();
    let mut order: Vec<usize> = (0..n).collect();
    let keys: Vec<(u64, u64)> = graph
        .positions
        .iter()
        .map(|p| ((p[0] + 0.0).to_bits(), (p[1] + 0.0).to_bits()))
        .collect();
    let key = |i: usize| keys.get(i).copied().unwrap_or((0, 0));
    // Pinned nodes first within a spot, so they keep it.
    order.sort_by_key(|&i| (key(i), !graph.is_pinned(i), i));
    let turn = unit_random(seed, 0, 3) * std::f64::consts::TAU;
    let mut start = 0;
    while start < n {
        let spot = key(order[start]);
        let mut end = start + 1;
        while end < n && key(order[end]) == spot {
            end += 1;
        }
        let origin = graph.positions[order[start]];
        for (rank, &i) in order[start + 1..end].iter().enumerate() {
            if graph.is_pinned(i) {
                continue;
            }
            let s = sunflower(rank + 1, k * 0.5);
            let (sin, cos) = turn.sin_cos();
            graph.positions[i] = [
                clamp(origin[0] + s[0] * cos - s[1] * sin),
                clamp(origin[1] + s[0] * sin + s[1] * cos),
            ];
        }
        start = end;
    }
}

/// Moves every unpinned node by a seeded offset of length below `amount`.
fn shake(graph: &mut LayoutGraph, amount: f64, seed: u64) {
    if amount <= 0.0 {
        return;
    }
    for (i, (p, &pinned)) in graph.positions.iter_mut().zip(&graph.pinned).enumerate() {
        if !pinned {
            let r = amount * unit_random(seed, i, 4);
            let a = std::f64::consts::TAU * unit_random(seed, i, 5);
            *p = [clamp(p[0] + r * a.cos()), clamp(p[1] + r * a.sin())];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateOptions, generate};

    fn dist(p: [f64; 2], q: [f64; 2]) -> f64 {
        (p[0] - q[0]).hypot(p[1] - q[1])
    }

    fn settle(graph: LayoutGraph, options: ForceOptions) -> ForceLayout {
        let mut layout = ForceLayout::new(graph, options);
        let status = layout.run_to_end();
        assert!(matches!(status, Status::Finished { .. }));
        layout
    }

    fn all_finite(points: &[[f64; 2]]) -> bool {
        points.iter().flatten().all(|c| c.is_finite())
    }

    fn generated(actors: usize) -> LayoutGraph {
        let network = generate(&GenerateOptions {
            actors,
            ..GenerateOptions::default()
        });
        LayoutGraph::from_network(&network).0
    }

    /// Two 6-cliques joined by one edge, all starting at one point.
    fn two_cliques() -> LayoutGraph {
        let mut g = LayoutGraph::new(vec![[0.0, 0.0]; 12]);
        for base in [0, 6] {
            for a in 0..6 {
                for b in a + 1..6 {
                    g.edges.push((base + a, base + b, 1.0));
                }
            }
        }
        g.edges.push((5, 6, 1.0));
        g
    }

    #[test]
    fn same_seed_same_positions_other_seed_other_positions() {
        let g = generated(200);
        let run = |seed: u64, steps: usize| {
            let mut l = ForceLayout::new(
                g.clone(),
                ForceOptions {
                    seed,
                    ..ForceOptions::default()
                },
            );
            for _ in 0..steps {
                l.step();
            }
            l.positions().to_vec()
        };
        assert_eq!(run(7, 40), run(7, 40));
        assert_ne!(run(7, 40), run(8, 40));
        let a = settle(g.clone(), ForceOptions::default());
        let b = settle(g.clone(), ForceOptions::default());
        assert_eq!(a.positions(), b.positions());
        assert_eq!(a.steps(), b.steps());
    }

    #[test]
    fn thread_count_does_not_change_positions() {
        let g = generated(PARALLEL_MIN + 100);
        let run = |threads: usize, parallel: bool| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                let mut l = ForceLayout::new(
                    g.clone(),
                    ForceOptions {
                        parallel,
                        multilevel: false,
                        ..ForceOptions::default()
                    },
                );
                for _ in 0..5 {
                    l.step();
                }
                l.positions().to_vec()
            })
        };
        let serial = run(1, false);
        assert_eq!(run(1, true), serial);
        assert_eq!(run(3, true), serial);
    }

    #[test]
    fn pinned_actors_never_move() {
        let mut g = generated(300);
        for i in (0..300).step_by(7) {
            g.pinned[i] = true;
        }
        g.positions[14] = g.positions[21]; // two pinned on one spot
        g.positions[15] = g.positions[21]; // and an unpinned one too
        let before = g.positions.clone();
        for multilevel in [true, false] {
            let l = settle(
                g.clone(),
                ForceOptions {
                    multilevel,
                    random_start: multilevel,
                    ..ForceOptions::default()
                },
            );
            for i in (0..300).step_by(7) {
                assert_eq!(l.positions()[i], before[i], "actor {i}");
            }
            assert!(all_finite(l.positions()));
            assert_ne!(l.positions()[15], before[15]);
        }
    }

    #[test]
    fn edge_cases_never_give_nan() {
        let mut cases: Vec<(&str, LayoutGraph)> = vec![
            ("empty", LayoutGraph::default()),
            ("one", LayoutGraph::new(vec![[3.0, 4.0]])),
            ("two coincident, tied", {
                let mut g = LayoutGraph::new(vec![[1.0, 1.0]; 2]);
                g.edges.push((0, 1, 1.0));
                g
            }),
            ("all coincident", LayoutGraph::new(vec![[5.0, -5.0]; 300])),
            (
                "no ties",
                LayoutGraph::new((0..50).map(|i| [i as f64, 0.0]).collect()),
            ),
            (
                "huge and tiny",
                LayoutGraph::new(vec![[1e300, -1e300], [f64::NAN, 0.0], [0.0, 1e-300]]),
            ),
        ];
        let mut disconnected = LayoutGraph::new(vec![[0.0, 0.0]; 60]);
        for i in 1..60 {
            if i % 6 != 0 {
                disconnected.edges.push((i - 1, i, 1.0));
            }
        }
        cases.push(("disconnected", disconnected));
        let mut star = LayoutGraph::new(vec![[0.0, 0.0]; 1001]);
        star.edges = (1..1001).map(|i| (0, i, 1.0)).collect();
        cases.push(("star", star));
        for (name, g) in cases {
            let n = g.len();
            let l = settle(g, ForceOptions::default());
            assert_eq!(l.positions().len(), n, "{name}");
            assert!(all_finite(l.positions()), "{name}");
            // Nobody sits on top of anybody else.
            if n > 1 && n <= 300 {
                for i in 0..n {
                    for j in i + 1..n {
                        assert!(
                            dist(l.positions()[i], l.positions()[j]) > 1e-3,
                            "{name} {i} {j}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn star_leaves_spread_around_the_hub() {
        let mut star = LayoutGraph::new(vec![[0.0, 0.0]; 1001]);
        star.edges = (1..1001).map(|i| (0, i, 1.0)).collect();
        let l = settle(star, ForceOptions::default());
        let p = l.positions();
        // The hub is near the leaves' centroid.
        let c = centroid(&p[1..]);
        let spread = p[1..].iter().map(|&q| dist(q, c)).sum::<f64>() / 1000.0;
        assert!(dist(p[0], c) < 0.2 * spread);
    }

    #[test]
    fn bad_options_are_replaced() {
        let options = ForceOptions {
            ideal_edge_length: f64::NAN,
            theta: -1.0,
            gravity: f64::INFINITY,
            strength_influence: 7.0,
            initial_step: 0.0,
            cooling: -0.5,
            tolerance: f64::NAN,
            shake: f64::NAN,
            repulsion_power: 9,
            ..ForceOptions::default()
        };
        let l = settle(two_cliques(), options);
        assert!(all_finite(l.positions()));
    }

    #[test]
    fn two_cliques_settle_apart() {
        for multilevel in [true, false] {
            let l = settle(
                two_cliques(),
                ForceOptions {
                    multilevel,
                    ..ForceOptions::default()
                },
            );
            let p = l.positions();
            let mut intra: f64 = 0.0;
            let mut inter = f64::INFINITY;
            for i in 0..12 {
                for j in i + 1..12 {
                    let d = dist(p[i], p[j]);
                    if (i < 6) == (j < 6) {
                        intra = intra.max(d);
                    } else {
                        inter = inter.min(d);
                    }
                }
            }
            // Even the bridge (5–6) is longer than any edge within a clique
            // would need: the farthest pair within a clique is nearer than
            // the nearest pair across, the bridge ends aside.
            let bridge = dist(p[5], p[6]);
            assert!(intra < bridge + 1e-9 || intra < inter, "{multilevel}");
            let mean_within = (0..12)
                .flat_map(|i| (i + 1..12).map(move |j| (i, j)))
                .filter(|&(i, j)| (i < 6) == (j < 6))
                .map(|(i, j)| dist(p[i], p[j]))
                .sum::<f64>()
                / 30.0;
            let mean_across = (0..6)
                .flat_map(|i| (6..12).map(move |j| (i, j)))
                .map(|(i, j)| dist(p[i], p[j]))
                .sum::<f64>()
                / 36.0;
            assert!(
                mean_within < 0.6 * mean_across,
                "{mean_within} {mean_across}"
            );
        }
    }

    #[test]
    fn tied_actors_sit_closer_than_untied_ones() {
        let g = generated(400);
        let l = settle(g.clone(), ForceOptions::default());
        let p = l.positions();
        let tied = g
            .edges
            .iter()
            .map(|&(a, b, _)| dist(p[a], p[b]))
            .sum::<f64>()
            / g.edges.len() as f64;
        let mut all = 0.0;
        for i in 0..400 {
            for j in i + 1..400 {
                all += dist(p[i], p[j]);
            }
        }
        let mean = all / (400.0 * 399.0 / 2.0);
        assert!(tied < 0.7 * mean, "{tied} vs {mean}");
    }

    #[test]
    fn a_grid_unfolds() {
        // A 12 × 12 grid from scrambled positions: neighbours end close,
        // opposite corners far apart.
        let side = 12;
        let n = side * side;
        let mut g = LayoutGraph::new(
            (0..n)
                .map(|i| [((i * 7919) % 101) as f64, ((i * 104_729) % 97) as f64])
                .collect(),
        );
        for r in 0..side {
            for c in 0..side {
                let i = r * side + c;
                if c + 1 < side {
                    g.edges.push((i, i + 1, 1.0));
                }
                if r + 1 < side {
                    g.edges.push((i, i + side, 1.0));
                }
            }
        }
        let l = settle(g.clone(), ForceOptions::default());
        let p = l.positions();
        let longest_edge = g
            .edges
            .iter()
            .map(|&(a, b, _)| dist(p[a], p[b]))
            .fold(0.0, f64::max);
        let diagonal = dist(p[0], p[n - 1]).min(dist(p[side - 1], p[n - side]));
        assert!(
            diagonal > 8.0 * longest_edge / 1.5,
            "{diagonal} {longest_edge}"
        );
    }

    #[test]
    fn run_for_takes_at_least_one_step_and_stops() {
        let mut l = ForceLayout::new(generated(100), ForceOptions::default());
        let s = l.run_for(Duration::ZERO);
        assert!(matches!(s, Status::Running { steps: 1, .. }));
        let mut last = 0.0;
        while let Status::Running { progress, .. } = l.run_for(Duration::from_millis(1)) {
            assert!((0.0..=1.0).contains(&progress) && progress >= last);
            last = progress;
        }
        assert!(l.finished());
        let steps = l.steps();
        assert_eq!(l.step(), Status::Finished { steps });
        assert_eq!(
            l.run_for(Duration::from_secs(1)),
            Status::Finished { steps }
        );
    }

    #[test]
    fn pin_unpin_and_reheat_during_a_run() {
        let mut l = ForceLayout::new(two_cliques(), ForceOptions::default());
        for _ in 0..10 {
            l.step();
        }
        l.pin(3, [500.0, 500.0]);
        assert_eq!(l.level(), 0);
        l.pin(99, [0.0, 0.0]); // ignored
        l.pin(4, [f64::NAN, 0.0]); // ignored
        l.run_to_end();
        assert_eq!(l.positions()[3], [500.0, 500.0]);
        // The clique followed its pinned member.
        assert!(dist(l.positions()[0], [500.0, 500.0]) < 300.0);
        l.unpin(3);
        assert!(!l.finished());
        l.run_to_end();
        assert!(all_finite(l.positions()));
        l.reheat(f64::NAN); // ignored
        assert!(l.finished());
        l.reheat(0.5);
        assert!(!l.finished());
        assert!(!l.graph().pinned[3]);
        let g = l.into_graph();
        assert_eq!(g.len(), 12);
    }

    #[test]
    fn all_pinned_or_no_steps_is_finished_at_once() {
        let mut g = two_cliques();
        g.pinned = vec![true; 12];
        let mut l = ForceLayout::new(g, ForceOptions::default());
        assert_eq!(l.step(), Status::Finished { steps: 0 });
        let l = ForceLayout::new(
            two_cliques(),
            ForceOptions {
                max_steps: 0,
                ..ForceOptions::default()
            },
        );
        assert!(l.finished());
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// On any small map: pinned actors end exactly where they started,
        /// every coordinate is finite, and a second run gives the same
        /// positions.
        #[test]
        fn pins_hold_and_runs_repeat(
            n in 0usize..30,
            raw_edges in prop::collection::vec((0usize..30, 0usize..30, 0.1..5.0f64), 0..60),
            pins in prop::collection::vec(prop::bool::weighted(0.2), 30),
            spots in prop::collection::vec((0u8..4, 0u8..4), 30),
            seed in 0u64..1000,
            multilevel in prop::bool::ANY,
        ) {
            let mut g = LayoutGraph::new(
                spots.iter().take(n).map(|&(x, y)| [f64::from(x) * 50.0, f64::from(y) * 50.0]).collect(),
            );
            g.edges = raw_edges;
            g.pinned = pins.into_iter().take(n).collect();
            let options = ForceOptions { seed, multilevel, ..ForceOptions::default() };
            let before = g.positions.clone();
            let a = settle(g.clone(), options.clone());
            let b = settle(g.clone(), options);
            prop_assert_eq!(a.positions(), b.positions());
            prop_assert!(all_finite(a.positions()));
            for (i, &p) in before.iter().enumerate() {
                if g.pinned[i] {
                    prop_assert_eq!(a.positions()[i], p);
                }
            }
        }
    }
}

#[cfg(test)]
mod sector_tests {
    use super::*;

    fn diabetes() -> LayoutGraph {
        let text = include_str!("../../sample_networks/diabetes_network.json");
        let network: crate::model::Network = serde_json::from_str(text).unwrap();
        LayoutGraph::from_network(&network).0
    }

    /// Mean distance of actors to their own sector's centroid, and mean
    /// distance to the other sectors' centroids.
    fn own_and_other(graph: &LayoutGraph, p: &[[f64; 2]]) -> (f64, f64) {
        let groups = graph.groups.iter().max().map_or(0, |g| g + 1);
        let centroids: Vec<Option<[f64; 2]>> = (0..groups)
            .map(|g| {
                let members: Vec<[f64; 2]> = p
                    .iter()
                    .zip(&graph.groups)
                    .filter(|(_, gi)| **gi == g)
                    .map(|(q, _)| *q)
                    .collect();
                (!members.is_empty()).then(|| centroid(&members))
            })
            .collect();
        let d = |a: [f64; 2], b: [f64; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
        let (mut own, mut other, mut n_other) = (0.0, 0.0, 0);
        for (q, &g) in p.iter().zip(&graph.groups) {
            for (h, c) in centroids.iter().enumerate() {
                let Some(c) = c else { continue };
                if h == g {
                    own += d(*q, *c);
                } else {
                    other += d(*q, *c);
                    n_other += 1;
                }
            }
        }
        (own / p.len() as f64, other / n_other as f64)
    }

    #[test]
    fn keeping_sectors_together_makes_separate_clusters_deterministically() {
        let graph = diabetes();
        let run = |keep: bool| {
            let mut l = ForceLayout::new(
                graph.clone(),
                ForceOptions {
                    keep_sectors_together: keep,
                    ..ForceOptions::default()
                },
            );
            l.run_to_end();
            l.positions().to_vec()
        };
        let together = run(true);
        assert_eq!(together, run(true), "deterministic");
        assert!(together.iter().flatten().all(|c| c.is_finite()));
        let (own, other) = own_and_other(&graph, &together);
        let (own_free, other_free) = own_and_other(&graph, &run(false));
        // Clearly nearer their own sector's centre than other sectors'…
        assert!(own < 0.3 * other, "together: own {own} other {other}");
        // …and much more so than without the option.
        assert!(
            own / other < 0.7 * (own_free / other_free),
            "together {own}/{other}, free {own_free}/{other_free}"
        );
    }

    #[test]
    fn ties_still_shape_each_cluster() {
        // Tied actors within a sector sit closer than untied ones there.
        let graph = diabetes();
        let mut l = ForceLayout::new(
            graph.clone(),
            ForceOptions {
                keep_sectors_together: true,
                ..ForceOptions::default()
            },
        );
        l.run_to_end();
        let p = l.positions();
        let d = |a: usize, b: usize| (p[a][0] - p[b][0]).hypot(p[a][1] - p[b][1]);
        let same = |a: usize, b: usize| graph.groups[a] == graph.groups[b];
        let tied: Vec<f64> = graph
            .edges
            .iter()
            .filter(|&&(a, b, _)| same(a, b))
            .map(|&(a, b, _)| d(a, b))
            .collect();
        let tied_set: std::collections::HashSet<(usize, usize)> = graph
            .edges
            .iter()
            .map(|&(a, b, _)| (a.min(b), a.max(b)))
            .collect();
        let mut untied = Vec::new();
        for a in 0..p.len() {
            for b in a + 1..p.len() {
                if same(a, b) && !tied_set.contains(&(a, b)) {
                    untied.push(d(a, b));
                }
            }
        }
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        assert!(
            mean(&tied) < mean(&untied),
            "{} {}",
            mean(&tied),
            mean(&untied)
        );
    }
}
