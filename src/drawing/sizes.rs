//! Sizes on the map: actor radii (world units, then on screen), tie
//! widths, arrowheads, label sizes and how many labels a view holds. The
//! canvas and the exported pictures both take them from here.

/// World radius of an actor: bigger with perceived influence (1–5; 2 when
/// not judged): 8 + 3 × influence.
///
/// # Example
///
/// ```
/// assert_eq!(bridgework::drawing::world_radius(Some(5)), 23.0);
/// assert_eq!(bridgework::drawing::world_radius(None), 14.0);
/// ```
pub fn world_radius(influence: Option<u8>) -> f32 {
    8.0 + 3.0 * f32::from(influence.unwrap_or(2))
}

/// World radius of an actor sized by a measure scaled to 0..=1: 8 + 12 × size.
pub fn world_radius_by_measure(size: f32) -> f32 {
    8.0 + 12.0 * size.clamp(0.0, 1.0)
}

/// A fallback position for actors that have none yet: a sunflower spiral.
pub fn fallback_position(i: usize) -> [f64; 2] {
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let r = 40.0 * (i as f64 + 0.5).sqrt();
    let a = i as f64 * golden;
    [r * a.cos(), r * a.sin()]
}

/// How world radii scale with the zoom (screen points per world unit):
/// √zoom, between ¼ and 3, so actors grow slower than the map.
pub fn radius_scale(zoom: f32) -> f32 {
    zoom.sqrt().clamp(0.25, 3.0)
}

/// An actor's radius on screen (points): its world radius × the radius
/// scale, between 2 and 60.
pub fn screen_radius(world: f32, radius_scale: f32) -> f32 {
    (world * radius_scale).clamp(2.0, 60.0)
}

/// Below this radius (points) on screen an actor's shape can't be told
/// apart: the canvas draws it with a few corners and no outline.
pub const SMALL_RADIUS: f32 = 6.0;

/// How far outside the fill an actor's outline reaches (points).
pub const OUTLINE: f32 = 1.2;

/// How opaque a dimmed (faint) actor, tie or label is.
pub const FAINT: f32 = 0.18;

/// A tie's width (points) for its strength (0–5) at `line_scale` (the
/// look's line scale × the radius scale, at most 1.5): (0.6 + 0.45 ×
/// strength) × line scale, at least 0.8.
pub fn tie_width(strength: f32, line_scale: f32) -> f32 {
    ((0.6 + 0.45 * strength.clamp(0.0, 5.0)) * line_scale).max(0.8)
}

/// The length of a directed tie's arrowhead for a tie `width` points wide:
/// 6 + 2 × width, at most 18. A tie shorter on screen than 1.5 heads is
/// drawn without one.
pub fn arrowhead_length(width: f32) -> f32 {
    (6.0 + 2.0 * width).min(18.0)
}

/// The label size (points) at `zoom`: 11 × the look's label scale ×
/// √zoom (between 0.6 and 1.6), rounded, never below `min`. Labels under
/// 7 points are not drawn (unless selected).
pub fn label_size(zoom: f32, label_scale: f32, min: f32) -> f32 {
    (11.0 * label_scale * zoom.sqrt().clamp(0.6, 1.6))
        .round()
        .max(min)
}

/// How many labels a view at `zoom` holds at most: fewer the further out.
pub fn max_labels(zoom: f32) -> usize {
    if zoom < 0.3 {
        40
    } else if zoom < 0.6 {
        150
    } else {
        400
    }
}

/// The camera that frames `points` (world positions) in a view `size`
/// points wide and high, with a margin of 60 world units all round: the
/// centre of their bounding box and the zoom (screen points per world
/// unit, between 0.01 and 4). `None` when there are no points.
///
/// # Example
///
/// ```
/// let (centre, zoom) = bridgework::drawing::fit([[0.0, 0.0], [880.0, 380.0]].into_iter(), [500.0, 500.0]).unwrap();
/// assert_eq!(centre, [440.0, 190.0]);
/// assert_eq!(zoom, 0.5);
/// ```
pub fn fit(points: impl Iterator<Item = [f64; 2]>, size: [f32; 2]) -> Option<([f64; 2], f32)> {
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in points {
        for k in 0..2 {
            lo[k] = lo[k].min(p[k]);
            hi[k] = hi[k].max(p[k]);
        }
    }
    if !lo[0].is_finite() || !hi[0].is_finite() {
        return None;
    }
    let centre = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    let w = ((hi[0] - lo[0]) as f32).max(1.0) + 120.0;
    let h = ((hi[1] - lo[1]) as f32).max(1.0) + 120.0;
    let zoom = (size[0] / w).min(size[1] / h).clamp(0.01, 4.0);
    Some((centre, zoom))
}
