//! Ties on screen: each visible tie from the edge of one actor to the edge
//! of the other, straight, or, when several ties join the same two actors,
//! as gentle curves bowed apart symmetrically around the straight line (see
//! [`Curve`]); solid ones in one mesh, dashed ones in another (a strip
//! textured with the dash pattern), arrowheads along the curve's end in a
//! third; and which tie a click is on, along the same curves.

use super::cache::Cache;
use super::frame::Frame;
use super::highlights::Highlights;
use super::mesh::{Layers, Texture, dash_band, line, strip};
use crate::model::{Dash, Network, TieId};
use egui::{Pos2, Rect, Vec2, vec2};

/// Below this line scale (the map zoomed out to under a quarter) dashed
/// ties are drawn solid and lighter.
const FAR_LINE_SCALE: f32 = 0.5;

/// Segments a curved tie is flattened into.
pub(super) const CURVE_SEGMENTS: usize = 8;

/// A tie's centre line from `p0` to `p2`: a quadratic Bézier with control
/// point `c` (on the straight line when the tie is straight).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Curve {
    /// Start (the centre of the tie's first actor).
    pub p0: Pos2,
    /// Control point.
    pub c: Pos2,
    /// End (the centre of its second actor).
    pub p2: Pos2,
    /// Whether `c` lies on the straight line (lane 0).
    pub straight: bool,
}

impl Curve {
    /// The curve from `p0` to `p2` in `lane` (see [`crate::drawing::lanes`]): its
    /// middle lies `lane × drawing::LANE_BOW` points to the left of the straight line
    /// (screen y down: to the left looking from `p0`), at most a third of
    /// the distance between the ends.
    pub fn new(p0: Pos2, p2: Pos2, lane: f32) -> Self {
        match crate::drawing::bow_control([p0.x, p0.y], [p2.x, p2.y], lane) {
            Some([x, y]) => Self {
                p0,
                c: Pos2::new(x, y),
                p2,
                straight: false,
            },
            None => Self {
                p0,
                c: p0 + (p2 - p0) * 0.5,
                p2,
                straight: true,
            },
        }
    }

    /// The point at `t` in 0..=1.
    pub fn at(&self, t: f32) -> Pos2 {
        let u = 1.0 - t;
        let v = self.p0.to_vec2() * (u * u)
            + self.c.to_vec2() * (2.0 * u * t)
            + self.p2.to_vec2() * (t * t);
        v.to_pos2()
    }

    /// The direction of travel at `t` (not normalised).
    pub fn tangent(&self, t: f32) -> Vec2 {
        (self.c - self.p0) * (2.0 * (1.0 - t)) + (self.p2 - self.c) * (2.0 * t)
    }

    /// About how long the curve is: the chord plus a parabola's excess
    /// (8h² / 3ℓ for a bow of h over a chord of ℓ).
    pub fn length(&self) -> f32 {
        let chord = (self.p2 - self.p0).length();
        if self.straight || chord < 1e-3 {
            return chord;
        }
        let h = (self.at(0.5) - (self.p0 + (self.p2 - self.p0) * 0.5)).length();
        chord + 8.0 * h * h / (3.0 * chord)
    }

    /// The points from `t0` to `t1` as drawn: two for a straight tie, else
    /// `CURVE_SEGMENTS + 1`; returns how many were written.
    pub fn flatten(&self, t0: f32, t1: f32, out: &mut [Pos2; CURVE_SEGMENTS + 1]) -> usize {
        let steps = if self.straight { 1 } else { CURVE_SEGMENTS };
        for (k, p) in out.iter_mut().enumerate().take(steps + 1) {
            *p = self.at(t0 + (t1 - t0) * k as f32 / steps as f32);
        }
        steps + 1
    }
}

/// How [`draw_ties`] draws this frame.
pub(super) struct TieStyle {
    /// Multiplies every tie's width.
    pub line_scale: f32,
    /// The anti-aliasing band (points; 0: none).
    pub feather: f32,
    /// One pixel, in points.
    pub pixel: f32,
    /// The most tie length on screen to draw (points), while the view moves
    /// (see [`super::budget`]).
    pub budget: Option<f32>,
}

/// What [`draw_ties`] drew.
pub(super) struct TiesDrawn {
    /// Ties drawn.
    pub count: usize,
    /// Ties left out to keep within the moving budget.
    pub skipped: usize,
}

/// Fills the tie meshes of `layers` (solid, dashed, arrowheads); with a
/// budget, strongest first, leaving out the ties past it once their length on
/// screen adds up to it (selected ties are always drawn). Level of detail:
/// ties shorter than a pixel on screen are left out, arrowheads of ties
/// too short to hold them too, and zoomed far out dashed ties are drawn
/// solid and lighter.
pub(super) fn draw_ties(
    cache: &Cache,
    frame: &Frame,
    looks: &Highlights,
    style: &TieStyle,
    layers: &mut Layers,
) -> TiesDrawn {
    let &TieStyle {
        line_scale,
        feather,
        pixel,
        budget,
    } = style;
    let (screen, radius) = (&frame.screen, &frame.radius);
    let far = line_scale < FAR_LINE_SCALE;
    let mut tie_count = 0;
    let mut skipped = 0;
    let mut spent = 0.0;
    let mut points = [Pos2::ZERO; CURVE_SEGMENTS + 1];
    // Strongest first only when it matters (a budget): map order walks the
    // ties in memory order, which is faster on big maps.
    let mut strongest_first = cache.tie_order.iter().copied();
    let mut in_map_order = 0..cache.ties.len();
    let order: &mut dyn Iterator<Item = usize> = if budget.is_some() {
        &mut strongest_first
    } else {
        &mut in_map_order
    };
    for k in order {
        let Some(t) = cache.ties.get(k) else { continue };
        let Some((a, b)) = t.ends else { continue };
        if a == b || cache.is_tie_hidden(k) || cache.is_hidden(a) || cache.is_hidden(b) {
            continue;
        }
        let (Some(&pa), Some(&pb), Some(&ra), Some(&rb)) =
            (screen.get(a), screen.get(b), radius.get(a), radius.get(b))
        else {
            continue;
        };
        let curve = Curve::new(pa, pb, cache.lane.get(k).copied().unwrap_or(0.0));
        let bounds = Rect::from_two_pos(pa, pb).union(Rect::from_pos(curve.c));
        if !bounds.intersects(frame.visible_rect) {
            continue;
        }
        let look = looks.tie(cache, k, a, b, t.colour);
        let c = look.colour;
        let width = crate::drawing::tie_width(t.strength, line_scale) + look.extra_width;
        // From the edge of one actor to the edge of the other, along the
        // curve (its length stands in for arc length: the bows are gentle).
        let len = curve.length();
        let (t0, t1) = (ra / len.max(1e-3), 1.0 - rb / len.max(1e-3));
        if t1 <= t0 {
            continue;
        }
        // Level of detail: a tie under a pixel long is left out, one too
        // short for its arrowhead is drawn without it.
        let shown = len * (t1 - t0);
        if shown < pixel {
            continue;
        }
        if let Some(budget) = budget
            && spent + shown > budget
            && !look.emphasised
        {
            skipped += 1;
            continue;
        }
        spent += shown;
        let head = crate::drawing::arrowhead_length(width);
        let arrow = t.directed && shown >= 1.5 * head;
        let line_t1 = if arrow {
            (t1 - head * 0.8 / len).max(t0)
        } else {
            t1
        };
        tie_count += 1;
        let n = curve.flatten(t0, line_t1, &mut points);
        let path = points.get(..n).unwrap_or(&[]);
        // Zoomed far out, dashes are too fine to read: solid, but lighter.
        let (dash, c) = match t.dash {
            Dash::Solid => (Dash::Solid, c),
            _ if far => (Dash::Solid, c.gamma_multiply(0.6)),
            dash => (dash, c),
        };
        match dash {
            Dash::Solid => strip(&mut layers.solid, path, width, c, Texture::Plain, feather),
            dash => {
                let (v, span) = dash_band(dash);
                strip(
                    &mut layers.dashes,
                    path,
                    width,
                    c,
                    Texture::Dashes { v, span },
                    feather,
                );
            }
        }
        if arrow {
            let tip = curve.at(t1);
            let dir = curve.tangent(t1).normalized();
            arrowhead(&mut layers.arrows, tip, dir, head, c, feather);
        }
    }
    TiesDrawn {
        count: tie_count,
        skipped,
    }
}

/// A filled triangle with its tip at `tip`, pointing along `dir`.
fn arrowhead(
    mesh: &mut egui::Mesh,
    tip: Pos2,
    dir: Vec2,
    head: f32,
    c: egui::Color32,
    feather: f32,
) {
    let n = vec2(-dir.y, dir.x);
    let base = tip - dir * head;
    let (l, r) = (base + n * head * 0.5, base - n * head * 0.5);
    let i = mesh.vertices.len() as u32;
    mesh.colored_vertex(tip, c);
    mesh.colored_vertex(l, c);
    mesh.colored_vertex(r, c);
    mesh.add_triangle(i, i + 1, i + 2);
    if feather > 0.0 {
        // Soften the head's two long sides.
        for (p, q) in [(tip, l), (r, tip)] {
            line(mesh, p, q, feather, c, Texture::Plain, feather);
        }
    }
}

/// The distance from `p` to the segment `a`–`b`.
fn to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    if len2 < 1e-6 {
        return (p - a).length();
    }
    let s = ((p - a).dot(ab) / len2).clamp(0.0, 1.0);
    (a + ab * s - p).length()
}

/// The tie nearest to `p` within 6 points of its drawn centre line, if any.
pub(super) fn nearest_tie(
    network: &Network,
    cache: &Cache,
    screen: &[Pos2],
    p: Pos2,
) -> Option<TieId> {
    let mut best: Option<(f32, usize)> = None;
    let mut points = [Pos2::ZERO; CURVE_SEGMENTS + 1];
    for (k, t) in cache.ties.iter().enumerate() {
        let Some((a, b)) = t.ends else { continue };
        if a == b || cache.is_tie_hidden(k) || cache.is_hidden(a) || cache.is_hidden(b) {
            continue;
        }
        let (Some(&pa), Some(&pb)) = (screen.get(a), screen.get(b)) else {
            continue;
        };
        if (pb - pa).length_sq() < 1.0 {
            continue;
        }
        let curve = Curve::new(pa, pb, cache.lane.get(k).copied().unwrap_or(0.0));
        if !Rect::from_two_pos(pa, pb)
            .union(Rect::from_pos(curve.c))
            .expand(6.0)
            .contains(p)
        {
            continue;
        }
        let n = curve.flatten(0.0, 1.0, &mut points);
        let d = points
            .get(..n)
            .unwrap_or(&[])
            .windows(2)
            .map(|w| to_segment(p, w[0], w[1]))
            .fold(f32::INFINITY, f32::min);
        if d <= 6.0 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.and_then(|(_, k)| network.ties().get(k).map(|t| t.id().clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drawing::{LANE_BOW, lanes};

    fn path(curve: &Curve) -> Vec<Pos2> {
        let mut points = [Pos2::ZERO; CURVE_SEGMENTS + 1];
        let n = curve.flatten(0.0, 1.0, &mut points);
        points[..n].to_vec()
    }

    /// Signed distance of `p` from the line through `a` and `b` (left of
    /// a → b positive, screen y down).
    fn side(p: Pos2, a: Pos2, b: Pos2) -> f32 {
        let d = (b - a).normalized();
        (p - a).dot(vec2(d.y, -d.x))
    }

    #[test]
    fn two_ties_between_one_pair_bow_apart_mirrored_and_one_tie_is_straight() {
        // Ties 0 and 1 join actors 0 and 1 (one each way), tie 2 joins 1
        // and 2, tie 3 is a self-tie, tie 4 is not drawn.
        let ends = [Some((0, 1)), Some((1, 0)), Some((1, 2)), Some((2, 2)), None];
        let lane = lanes(&ends);
        assert_eq!(lane, vec![-0.5, -0.5, 0.0, 0.0, 0.0]);
        let three = lanes(&[Some((0, 1)), Some((0, 1)), Some((1, 0))]);
        assert_eq!(three, vec![-1.0, 0.0, -1.0]);

        let (a, b) = (Pos2::new(100.0, 100.0), Pos2::new(300.0, 160.0));
        let first = path(&Curve::new(a, b, lane[0]));
        let second = path(&Curve::new(b, a, lane[1]));
        assert_eq!(first.len(), CURVE_SEGMENTS + 1);
        // Both run between the two centres, on opposite sides of the line,
        // each the other's mirror image in it.
        assert_eq!((first[0], *first.last().unwrap()), (a, b));
        assert_eq!((second[0], *second.last().unwrap()), (b, a));
        let mid = CURVE_SEGMENTS / 2;
        let (s1, s2) = (side(first[mid], a, b), side(second[mid], a, b));
        assert!(
            (s1 + s2).abs() < 1e-3 && s1.abs() > 0.4 * LANE_BOW,
            "{s1} {s2}"
        );
        for (p, q) in first.iter().zip(second.iter().rev()) {
            assert!((side(*p, a, b) + side(*q, a, b)).abs() < 1e-3);
            let along = |x: Pos2| (x - a).dot((b - a).normalized());
            assert!((along(*p) - along(*q)).abs() < 1e-3);
        }
        // A single tie is straight: two points, on the line.
        let single = path(&Curve::new(a, b, lane[2]));
        assert_eq!(single, vec![a, b]);
        // The end tangent of a bowed tie turns back towards the line.
        let end = Curve::new(a, b, lane[0]).tangent(1.0);
        assert!(side(b + end, a, b) * s1 < 0.0);
    }

    #[test]
    fn a_bow_never_exceeds_a_third_of_the_distance() {
        let (a, b) = (Pos2::new(0.0, 0.0), Pos2::new(12.0, 0.0));
        let curve = Curve::new(a, b, 3.0);
        assert!(side(curve.at(0.5), a, b).abs() <= 4.0 + 1e-4);
    }
}
