//! Circle layout: every unpinned actor on one ring, sector by sector, so
//! that ties between sectors cross the middle and ties within a sector run
//! along the rim.
//!
//! Definition: the unpinned actors are sorted by group (sector index),
//! then by [`CircleOrder`]; they take equally spaced slots on a circle,
//! with `group_gap` empty slots after each group (when there is more than
//! one), starting at the top (angle −90°, which is the top of a canvas whose
//! y axis points down) and going clockwise on such a canvas. The radius
//! makes neighbouring slots `spacing` apart along the rim. Pinned actors
//! stay where they are and take no slot.
//!
//! Complexity: O(n log n + m) for n actors and m edges (m only for
//! [`CircleOrder::GroupThenDegree`]).

use super::graph::{DEFAULT_SPACING, LayoutGraph, clamp};
use std::cmp::Ordering;

/// How actors are ordered within their sector on the ring.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CircleOrder {
    /// By label, ignoring case (then exactly, then by index).
    #[default]
    GroupThenLabel,
    /// Most ties first (then by label, then by index).
    GroupThenDegree,
    /// By node index (map order).
    GroupThenIndex,
}

/// How to lay actors out on a circle.
#[derive(Clone, Debug, PartialEq)]
pub struct CircleOptions {
    /// Order within a sector.
    pub order: CircleOrder,
    /// Distance between neighbouring slots along the rim, in canvas units
    /// (> 0; default 80).
    pub spacing: f64,
    /// Empty slots left after each sector, when there are several (default 1).
    pub group_gap: usize,
    /// Centre of the circle; `None` means the centroid of the current
    /// positions, so the map stays where it was.
    pub centre: Option<[f64; 2]>,
}

impl Default for CircleOptions {
    fn default() -> Self {
        Self {
            order: CircleOrder::default(),
            spacing: DEFAULT_SPACING,
            group_gap: 1,
            centre: None,
        }
    }
}

/// New positions for `graph` (normalised first) with the unpinned actors on
/// a circle; see the module docs.
///
/// # Example
/// ```
/// use bridgework::layout::{CircleOptions, LayoutGraph, circle};
///
/// let mut graph = LayoutGraph::new(vec![[0.0, 0.0]; 4]);
/// graph.labels = vec!["d".into(), "c".into(), "b".into(), "a".into()];
/// let options = CircleOptions { spacing: 10.0, centre: Some([0.0, 0.0]), ..Default::default() };
/// let p = circle(&graph, &options);
/// // One sector, four slots: "a" (node 3) at the top, then clockwise on a
/// // y-down canvas.
/// let r = 40.0 / std::f64::consts::TAU;
/// assert!((p[3][0]).abs() < 1e-9 && (p[3][1] + r).abs() < 1e-9);
/// assert!((p[2][0] - r).abs() < 1e-9 && (p[2][1]).abs() < 1e-9);
/// ```
pub fn circle(graph: &LayoutGraph, options: &CircleOptions) -> Vec<[f64; 2]> {
    let graph = graph.normalised();
    let n = graph.len();
    let mut positions = graph.positions.clone();
    let mut order: Vec<usize> = (0..n).filter(|&i| !graph.is_pinned(i)).collect();
    if order.is_empty() {
        return positions;
    }
    let spacing = if options.spacing.is_finite() && options.spacing > 0.0 {
        options.spacing.min(1e6)
    } else {
        DEFAULT_SPACING
    };
    let centre = match options.centre {
        Some(c) if c.iter().all(|v| v.is_finite()) => [clamp(c[0]), clamp(c[1])],
        _ => super::force::centroid(&graph.positions),
    };
    let group = |i: usize| graph.groups.get(i).copied().unwrap_or(0);
    let label = |i: usize| graph.labels.get(i).map_or("", String::as_str);
    let by_label = |a: usize, b: usize| -> Ordering {
        let (la, lb) = (label(a), label(b));
        la.to_lowercase()
            .cmp(&lb.to_lowercase())
            .then_with(|| la.cmp(lb))
    };
    match options.order {
        CircleOrder::GroupThenLabel => {
            order.sort_by(|&a, &b| {
                group(a)
                    .cmp(&group(b))
                    .then_with(|| by_label(a, b))
                    .then(a.cmp(&b))
            });
        }
        CircleOrder::GroupThenDegree => {
            let degree = graph.degrees();
            let deg = |i: usize| degree.get(i).copied().unwrap_or(0);
            order.sort_by(|&a, &b| {
                group(a)
                    .cmp(&group(b))
                    .then(deg(b).cmp(&deg(a)))
                    .then_with(|| by_label(a, b))
                    .then(a.cmp(&b))
            });
        }
        CircleOrder::GroupThenIndex => order.sort_by_key(|&i| (group(i), i)),
    }
    // Slot of each actor, with gaps after each group.
    let groups_present = 1 + order
        .windows(2)
        .filter(|w| group(w[0]) != group(w[1]))
        .count();
    let gap = if groups_present > 1 {
        options.group_gap.min(order.len())
    } else {
        0
    };
    let mut slots = Vec::with_capacity(order.len());
    let mut slot = 0usize;
    for (k, &i) in order.iter().enumerate() {
        if k > 0
            && order
                .get(k - 1)
                .is_some_and(|&prev| group(prev) != group(i))
        {
            slot += gap;
        }
        slots.push(slot);
        slot += 1;
    }
    let total = slot + gap;
    let radius = total as f64 * spacing / std::f64::consts::TAU;
    for (&i, &s) in order.iter().zip(&slots) {
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * s as f64 / total as f64;
        if let Some(p) = positions.get_mut(i) {
            *p = [
                clamp(centre[0] + radius * angle.cos()),
                clamp(centre[1] + radius * angle.sin()),
            ];
        }
    }
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(p: [f64; 2], q: [f64; 2]) -> f64 {
        (p[0] - q[0]).hypot(p[1] - q[1])
    }

    #[test]
    fn orders_by_group_then_label_with_gaps_and_keeps_pinned() {
        let mut g = LayoutGraph::new(vec![[3.0, 4.0]; 5]);
        g.groups = vec![1, 0, 1, 0, 0];
        g.labels = vec!["b".into(), "Z".into(), "a".into(), "y".into(), "x".into()];
        g.pinned[4] = true;
        let options = CircleOptions {
            centre: Some([0.0, 0.0]),
            ..Default::default()
        };
        let p = circle(&g, &options);
        assert_eq!(p[4], [3.0, 4.0]);
        // Slots: y(3)=0, Z(1)=1, gap, a(2)=3, b(0)=4, gap: 6 slots.
        let r = 6.0 * DEFAULT_SPACING / std::f64::consts::TAU;
        let at = |s: f64| {
            let a = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * s / 6.0;
            [r * a.cos(), r * a.sin()]
        };
        for (node, slot) in [(3, 0.0), (1, 1.0), (2, 3.0), (0, 4.0)] {
            assert!(dist(p[node], at(slot)) < 1e-9, "node {node}");
        }
    }

    #[test]
    fn degree_order_puts_hubs_first() {
        let mut g = LayoutGraph::new(vec![[0.0, 0.0]; 4]);
        g.edges = vec![(0, 3, 1.0), (1, 3, 1.0), (2, 3, 1.0)];
        let options = CircleOptions {
            order: CircleOrder::GroupThenDegree,
            centre: Some([0.0, 0.0]),
            ..Default::default()
        };
        let p = circle(&g, &options);
        assert!(p[3][0].abs() < 1e-9 && p[3][1] < 0.0); // hub at the top
    }

    #[test]
    fn edge_cases_stay_finite() {
        for n in [0, 1, 2] {
            let g = LayoutGraph::new(vec![[f64::NAN, 1.0]; n]);
            let p = circle(&g, &CircleOptions::default());
            assert_eq!(p.len(), n);
            assert!(p.iter().flatten().all(|c| c.is_finite()));
        }
        let mut g = LayoutGraph::new(vec![[1.0, 1.0]; 3]);
        g.pinned = vec![true; 3];
        assert_eq!(circle(&g, &CircleOptions::default()), g.positions);
        let options = CircleOptions {
            spacing: f64::NAN,
            centre: Some([f64::INFINITY, 0.0]),
            ..Default::default()
        };
        let g = LayoutGraph::new(vec![[1.0, 1.0]; 3]);
        assert!(circle(&g, &options).iter().flatten().all(|c| c.is_finite()));
    }
}
