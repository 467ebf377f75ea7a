//! Grouped layout: one round region per sector, so silos show at a glance
//! and the ties between sectors visibly cross the gaps.
//!
//! Definition:
//! * Each group (sector) with unpinned actors gets a disc holding its
//!   actors on a sunflower (Vogel) spiral with neighbours about `spacing`
//!   apart; a group of s actors has radius about `spacing · √(s/π)`.
//! * The discs' centres lie on a circle, in group order, the first at the
//!   top, then clockwise on a y-down canvas; each disc gets an arc in
//!   proportion to its radius. The circle is just big enough that any two
//!   centres are at least `2 · max(rᵢ, rⱼ) + gap` apart, so every actor is
//!   nearer its own sector's centre than any other sector's. One group
//!   sits at the centre.
//! * Inside a disc, actors with ties only within the sector fill the
//!   middle (most ties first), isolated actors come next, and actors with
//!   ties to other sectors take the outer rings (the most outward-looking
//!   last); within each ring, every actor is placed on the side facing the
//!   sectors it is tied to (the weighted mean direction of those ties).
//! * Pinned actors stay where they are and take no place in a disc.
//!
//! Deterministic (no randomness). Complexity: O(n log n + m + G²) for n
//! actors, m edges and G groups.

use super::graph::{DEFAULT_SPACING, LayoutGraph, clamp, sunflower};
use std::f64::consts::{FRAC_PI_2, PI, TAU};

/// How to lay actors out by sector.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupedOptions {
    /// Distance between neighbouring actors inside a region, in canvas
    /// units (> 0; default 80).
    pub spacing: f64,
    /// Extra space between regions, in canvas units (≥ 0; default 160).
    pub gap: f64,
    /// Centre of the whole layout; `None` means the centroid of the current
    /// positions, so the map stays where it was.
    pub centre: Option<[f64; 2]>,
}

impl Default for GroupedOptions {
    fn default() -> Self {
        Self {
            spacing: DEFAULT_SPACING,
            gap: 2.0 * DEFAULT_SPACING,
            centre: None,
        }
    }
}

/// New positions for `graph` (normalised first) with each group's unpinned
/// actors in a region of their own; see the module docs.
///
/// # Example
/// ```
/// use bridgework::layout::{GroupedOptions, LayoutGraph, grouped};
///
/// let mut graph = LayoutGraph::new(vec![[0.0, 0.0]; 6]);
/// graph.groups = vec![0, 0, 0, 1, 1, 1];
/// graph.edges = vec![(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 1.0), (4, 5, 1.0)];
/// let p = grouped(&graph, &GroupedOptions { centre: Some([0.0, 0.0]), ..Default::default() });
/// // Sector 0 above the centre, sector 1 below (on a y-down canvas).
/// assert!(p[..3].iter().all(|q| q[1] < 0.0));
/// assert!(p[3..].iter().all(|q| q[1] > 0.0));
/// ```
pub fn grouped(graph: &LayoutGraph, options: &GroupedOptions) -> Vec<[f64; 2]> {
    let graph = graph.normalised();
    let n = graph.len();
    let mut positions = graph.positions.clone();
    let spacing = if options.spacing.is_finite() && options.spacing > 0.0 {
        options.spacing.min(1e6)
    } else {
        DEFAULT_SPACING
    };
    let gap = if options.gap.is_finite() && options.gap >= 0.0 {
        options.gap.min(1e7)
    } else {
        2.0 * spacing
    };
    let centre = match options.centre {
        Some(c) if c.iter().all(|v| v.is_finite()) => [clamp(c[0]), clamp(c[1])],
        _ => super::force::centroid(&graph.positions),
    };
    // Group ids may be sparse: number the ones in use 0, 1, ... in order.
    let mut ids: Vec<usize> = graph.groups.clone();
    ids.sort_unstable();
    ids.dedup();
    let group_count = ids.len();
    let compact: Vec<usize> = graph
        .groups
        .iter()
        .map(|g| ids.binary_search(g).unwrap_or(0))
        .collect();
    let group = |i: usize| compact.get(i).copied().unwrap_or(0);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); group_count];
    for i in (0..n).filter(|&i| !graph.is_pinned(i)) {
        if let Some(m) = members.get_mut(group(i)) {
            m.push(i);
        }
    }
    let active: Vec<usize> = (0..group_count)
        .filter(|&g| members.get(g).is_some_and(|m| !m.is_empty()))
        .collect();
    if active.is_empty() {
        return positions;
    }
    let radius: Vec<f64> = members
        .iter()
        .map(|m| region_radius(m.len(), spacing))
        .collect();
    let centres = region_centres(&active, &radius, gap, centre, group_count);

    // Where each actor's ties point: the sum over ties to other sectors of
    // strength × the unit vector toward that sector's centre (or toward a
    // pinned neighbour itself), plus weights within and outside the sector.
    let mut pull = vec![[0.0f64; 2]; n];
    let mut inner = vec![0.0f64; n];
    let mut outer = vec![0.0f64; n];
    let mut degree = vec![0usize; n];
    let anchor = |i: usize| -> [f64; 2] {
        if graph.is_pinned(i) {
            graph.positions.get(i).copied().unwrap_or(centre)
        } else {
            centres.get(group(i)).copied().unwrap_or(centre)
        }
    };
    for &(a, b, w) in &graph.edges {
        for (me, other) in [(a, b), (b, a)] {
            if let Some(d) = degree.get_mut(me) {
                *d += 1;
            }
            if group(me) == group(other) && !graph.is_pinned(other) {
                if let Some(x) = inner.get_mut(me) {
                    *x += w;
                }
                continue;
            }
            let (from, to) = (anchor(me), anchor(other));
            let (dx, dy) = (to[0] - from[0], to[1] - from[1]);
            let d = dx.hypot(dy);
            if let (Some(o), Some(p)) = (outer.get_mut(me), pull.get_mut(me)) {
                *o += w;
                if d > 0.0 && d.is_finite() {
                    p[0] += w * dx / d;
                    p[1] += w * dy / d;
                }
            }
        }
    }

    for &g in &active {
        let (Some(list), Some(&c)) = (members.get(g), centres.get(g)) else {
            continue;
        };
        // Inner actors first (most ties first), then isolates, then
        // outward-looking actors (least outward-looking first).
        let mut list = list.clone();
        let class = |i: usize| {
            if outer[i] > 0.0 {
                2u8
            } else if degree[i] > 0 {
                0
            } else {
                1
            }
        };
        let share = |i: usize| outer[i] / (outer[i] + inner[i]);
        list.sort_by(|&a, &b| {
            class(a)
                .cmp(&class(b))
                .then_with(|| {
                    if class(a) == 2 {
                        share(a).total_cmp(&share(b))
                    } else {
                        std::cmp::Ordering::Equal
                    }
                })
                .then(degree[b].cmp(&degree[a]))
                .then(a.cmp(&b))
        });
        let mut start = 0;
        while start < list.len() {
            let end = ring_end(start);
            let actors = list.get(start..end.min(list.len())).unwrap_or(&[]);
            place_ring(actors, start..end, spacing, c, &pull, &mut positions);
            start = end;
        }
    }
    positions
}

/// The ring of sunflower slot `k`: ⌊√((k + ½)/π)⌋, so ring `j` lies
/// between radii `j · spacing` and `(j + 1) · spacing`.
fn ring_of(k: usize) -> usize {
    ((k as f64 + 0.5) / PI).sqrt().floor() as usize
}

/// The first slot after the ring of slot `k`.
fn ring_end(k: usize) -> usize {
    let ring = ring_of(k);
    let mut end = k + 1;
    while ring_of(end) == ring {
        end += 1;
    }
    end
}

/// The radius of a region holding `count` actors `spacing` apart: up to
/// the outer edge of the last (maybe partly used) ring, plus half a
/// spacing.
fn region_radius(count: usize, spacing: f64) -> f64 {
    if count == 0 {
        return 0.0;
    }
    let last = ring_end(count - 1) - 1;
    spacing * ((last as f64 + 0.5) / PI).sqrt() + spacing / 2.0
}

/// The centre of each group's region (indexed by group; inactive groups
/// get `centre`).
fn region_centres(
    active: &[usize],
    radius: &[f64],
    gap: f64,
    centre: [f64; 2],
    group_count: usize,
) -> Vec<[f64; 2]> {
    let mut centres = vec![centre; group_count];
    if active.len() < 2 {
        return centres;
    }
    let r = |g: usize| radius.get(g).copied().unwrap_or(0.0);
    let shares: Vec<f64> = active.iter().map(|&g| r(g) + gap / 2.0 + 1e-9).collect();
    let total: f64 = shares.iter().sum();
    let mut angles = Vec::with_capacity(active.len());
    // The first region's centre at the top.
    let mut before = -shares.first().copied().unwrap_or(0.0) / 2.0;
    for s in &shares {
        angles.push(-FRAC_PI_2 + TAU * (before + s / 2.0) / total);
        before += s;
    }
    let mut ring: f64 = 0.0;
    for (x, &gx) in active.iter().enumerate() {
        for (y, &gy) in active.iter().enumerate().skip(x + 1) {
            let (Some(&ax), Some(&ay)) = (angles.get(x), angles.get(y)) else {
                continue;
            };
            let mut delta = (ay - ax).rem_euclid(TAU);
            if delta > PI {
                delta = TAU - delta;
            }
            let chord = 2.0 * (delta / 2.0).sin();
            let need = 2.0 * r(gx).max(r(gy)) + gap;
            if chord > 1e-12 {
                ring = ring.max(need / chord);
            }
        }
    }
    for (&g, &a) in active.iter().zip(&angles) {
        if let Some(c) = centres.get_mut(g) {
            *c = [
                clamp(centre[0] + ring * a.cos()),
                clamp(centre[1] + ring * a.sin()),
            ];
        }
    }
    centres
}

/// Places `actors` on sunflower slots of one ring (`slots`, at least as
/// many as actors) around `c`. Actors whose ties point somewhere choose
/// first, the most strongly pulled first, each the free slot closest in
/// angle to its pull; the others take the remaining slots, spread evenly
/// (in angle order) over them.
fn place_ring(
    actors: &[usize],
    slots: std::ops::Range<usize>,
    spacing: f64,
    c: [f64; 2],
    pull: &[[f64; 2]],
    positions: &mut [[f64; 2]],
) {
    let mut free: Vec<(f64, [f64; 2])> = slots
        .map(|k| {
            let s = sunflower(k, spacing);
            (s[1].atan2(s[0]), s)
        })
        .collect();
    free.sort_by(|a, b| a.0.total_cmp(&b.0));
    let pull_of = |i: usize| pull.get(i).copied().unwrap_or([0.0, 0.0]);
    let mut choosers: Vec<(f64, f64, usize)> = actors
        .iter()
        .filter_map(|&i| {
            let p = pull_of(i);
            let strength = p[0].hypot(p[1]);
            (strength > 0.0).then(|| (strength, p[1].atan2(p[0]), i))
        })
        .collect();
    choosers.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut place = |i: usize, s: [f64; 2]| {
        if let Some(p) = positions.get_mut(i) {
            *p = [clamp(c[0] + s[0]), clamp(c[1] + s[1])];
        }
    };
    for &(_, want, i) in &choosers {
        let gap = |a: f64| {
            let d = (a - want).rem_euclid(TAU);
            d.min(TAU - d)
        };
        let best = free
            .iter()
            .enumerate()
            .min_by(|x, y| gap(x.1.0).total_cmp(&gap(y.1.0)))
            .map(|(k, _)| k);
        if let Some(k) = best {
            let (_, s) = free.remove(k);
            place(i, s);
        }
    }
    let rest: Vec<usize> = actors
        .iter()
        .copied()
        .filter(|&i| pull_of(i) == [0.0, 0.0])
        .collect();
    for (r, &i) in rest.iter().enumerate() {
        // Evenly spaced among the free slots.
        let k = r * free.len() / rest.len().max(1);
        if let Some(&(_, s)) = free.get(k) {
            place(i, s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(p: [f64; 2], q: [f64; 2]) -> f64 {
        (p[0] - q[0]).hypot(p[1] - q[1])
    }

    #[test]
    fn bridging_actors_face_the_other_sector() {
        // Two sectors of 30; actor 0 of sector 0 is tied to sector 1.
        let mut g = LayoutGraph::new(vec![[0.0, 0.0]; 60]);
        g.groups = (0..60).map(|i| usize::from(i >= 30)).collect();
        for i in 0..29 {
            g.edges.push((i, i + 1, 1.0));
            g.edges.push((30 + i, 31 + i, 1.0));
        }
        g.edges.push((0, 45, 1.0));
        let options = GroupedOptions {
            centre: Some([0.0, 0.0]),
            ..Default::default()
        };
        let p = grouped(&g, &options);
        let c0 = centroid_of(&p[..30]);
        let c1 = centroid_of(&p[30..]);
        // Actor 0 is the member of sector 0 nearest sector 1.
        let nearest = (0..30)
            .min_by(|&a, &b| dist(p[a], c1).total_cmp(&dist(p[b], c1)))
            .unwrap();
        assert_eq!(nearest, 0);
        assert!(dist(c0, c1) > 2.0 * region_radius(30, DEFAULT_SPACING));
    }

    fn centroid_of(points: &[[f64; 2]]) -> [f64; 2] {
        super::super::force::centroid(points)
    }

    #[test]
    fn a_single_group_is_one_disc_at_the_centre() {
        let g = LayoutGraph::new(vec![[10.0, 10.0]; 20]);
        let p = grouped(&g, &GroupedOptions::default());
        let c = centroid_of(&p);
        assert!(dist(c, [10.0, 10.0]) < DEFAULT_SPACING);
        for q in &p {
            assert!(dist(*q, [10.0, 10.0]) <= region_radius(20, DEFAULT_SPACING));
        }
    }

    #[test]
    fn uneven_groups_do_not_share_space() {
        // 500 in one sector, 3 in another, 1 in a third, none in group 1.
        let mut groups = vec![0usize; 500];
        groups.extend([2, 2, 2, 3]);
        let mut g = LayoutGraph::new(vec![[0.0, 0.0]; groups.len()]);
        g.groups = groups.clone();
        let p = grouped(&g, &GroupedOptions::default());
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                if groups[i] != groups[j] {
                    assert!(dist(p[i], p[j]) > DEFAULT_SPACING, "{i} {j}");
                }
            }
        }
    }

    #[test]
    fn every_actor_is_nearest_its_own_sector_centre() {
        use crate::generate::{GenerateOptions, generate};
        let network = generate(&GenerateOptions {
            actors: 600,
            ..GenerateOptions::default()
        });
        let (mut g, _) = LayoutGraph::from_network(&network);
        for i in (0..600).step_by(50) {
            g.pinned[i] = true;
        }
        let p = grouped(&g, &GroupedOptions::default());
        assert_eq!(p, grouped(&g, &GroupedOptions::default()));
        let groups = g.group_count();
        let placed = |i: usize| !g.pinned[i];
        let centres: Vec<Option<[f64; 2]>> = (0..groups)
            .map(|s| {
                let members: Vec<[f64; 2]> = (0..600)
                    .filter(|&i| placed(i) && g.groups[i] == s)
                    .map(|i| p[i])
                    .collect();
                (!members.is_empty()).then(|| centroid_of(&members))
            })
            .collect();
        assert!(centres.iter().flatten().count() >= 5);
        for i in (0..600).filter(|&i| placed(i)) {
            let own = centres[g.groups[i]].unwrap();
            for (s, c) in centres.iter().enumerate() {
                if let Some(c) = c
                    && s != g.groups[i]
                {
                    assert!(dist(p[i], own) < dist(p[i], *c), "actor {i}, sector {s}");
                }
            }
        }
        for i in (0..600).step_by(50) {
            assert_eq!(p[i], g.positions[i], "pinned actor {i} moved");
        }
        // No two actors share a place.
        for i in 0..600 {
            for j in i + 1..600 {
                if placed(i) && placed(j) {
                    assert!(dist(p[i], p[j]) > DEFAULT_SPACING * 0.5, "{i} {j}");
                }
            }
        }
    }

    #[test]
    fn edge_cases_stay_finite() {
        for n in [0, 1, 2] {
            let g = LayoutGraph::new(vec![[f64::NAN, 3.0]; n]);
            let p = grouped(&g, &GroupedOptions::default());
            assert_eq!(p.len(), n);
            assert!(p.iter().flatten().all(|c| c.is_finite()));
        }
        let mut g = LayoutGraph::new(vec![[1.0, 1.0]; 5]);
        g.pinned = vec![true; 5];
        assert_eq!(grouped(&g, &GroupedOptions::default()), g.positions);
        let mut g = LayoutGraph::new(vec![[1.0, 1.0]; 40]);
        g.groups = (0..40).map(|i| i * 1000).collect(); // sparse group ids
        g.groups[39] = usize::MAX;
        g.edges = (1..40).map(|i| (0, i, 1.0)).collect();
        let options = GroupedOptions {
            spacing: -1.0,
            gap: f64::NAN,
            centre: Some([f64::NAN, 0.0]),
        };
        let p = grouped(&g, &options);
        assert!(p.iter().flatten().all(|c| c.is_finite()));
    }
}
