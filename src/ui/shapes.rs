//! Node shapes ready for the canvas's meshes: the outlines of
//! [`crate::drawing::shapes`] (shared with the exports), made once, with
//! circles in levels of detail.

use crate::model::Shape;
use std::sync::OnceLock;

use crate::drawing::regular;
pub use crate::drawing::{SMALL_RADIUS, outline};

/// An outline ready to fill: its corners and whether a fan from the first
/// corner fills it (convex) or it needs one from the centre.
#[derive(Clone, Debug)]
pub struct Outline {
    /// Corners around the origin, radius about 1.
    pub points: Vec<[f32; 2]>,
    /// Convex: fill with a fan from the first corner.
    pub convex: bool,
}

/// Every shape's outline, made once; circles in a few levels of detail so
/// that a small actor on screen costs a few triangles, not twenty.
#[derive(Debug)]
pub struct Outlines {
    shapes: Vec<(Shape, Outline)>,
    circles: [Outline; 4],
    /// The stand-in for shapes too small on screen to tell apart: a square.
    small: [Outline; 1],
}

/// Circle corner counts by on-screen radius (points): below 3, below 6,
/// below 14, and larger.
const CIRCLE_DETAIL: [(f32, usize); 4] = [(3.0, 6), (6.0, 8), (14.0, 16), (f32::INFINITY, 28)];

impl Outlines {
    /// The shared table.
    pub fn get() -> &'static Outlines {
        static TABLE: OnceLock<Outlines> = OnceLock::new();
        TABLE.get_or_init(|| {
            let shapes = Shape::ALL
                .iter()
                .map(|&s| {
                    let convex = !matches!(s, Shape::Star | Shape::Cross | Shape::Bowtie);
                    (
                        s,
                        Outline {
                            points: outline(s),
                            convex,
                        },
                    )
                })
                .collect();
            let circle = |k: usize| Outline {
                points: regular(k, 0.0),
                convex: true,
            };
            // A square of the circle's area.
            let square = Outline {
                points: regular(4, std::f32::consts::FRAC_PI_4)
                    .into_iter()
                    .map(|[x, y]| [x * 1.25, y * 1.25])
                    .collect(),
                convex: true,
            };
            Outlines {
                shapes,
                circles: CIRCLE_DETAIL.map(|(_, k)| circle(k)),
                small: [square],
            }
        })
    }

    /// The outline to draw `shape` at `radius` points on screen.
    pub fn of(&self, shape: Shape, radius: f32) -> &Outline {
        if shape == Shape::Circle {
            let level = CIRCLE_DETAIL
                .iter()
                .position(|&(below, _)| radius < below)
                .unwrap_or(CIRCLE_DETAIL.len() - 1);
            if let Some(o) = self.circles.get(level) {
                return o;
            }
        }
        self.shapes
            .iter()
            .find(|(s, _)| *s == shape)
            .map(|(_, o)| o)
            .unwrap_or(&self.circles[3])
    }
}

impl Outlines {
    /// The outline to draw `shape` at `radius` points with the fewest
    /// corners that still look right: at [`SMALL_RADIUS`] and above, the
    /// shape itself ([`Outlines::of`]); below it, a convex shape with at
    /// most four corners keeps its own (triangles, square and diamond stay
    /// recognisable and cost one or two triangles), and any other becomes a
    /// square of the circle's area (two triangles: a software renderer
    /// spends its time per triangle on thousands of small actors).
    pub fn lod(&self, shape: Shape, radius: f32) -> &Outline {
        let own = self.of(shape, radius);
        if radius >= SMALL_RADIUS || (own.convex && own.points.len() <= 4) {
            return own;
        }
        self.small.first().unwrap_or(own)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_has_an_outline_and_circles_get_finer_when_larger() {
        let table = Outlines::get();
        for s in Shape::ALL {
            assert!(table.of(s, 10.0).points.len() >= 3, "{s:?}");
        }
        let small = table.of(Shape::Circle, 2.0).points.len();
        let large = table.of(Shape::Circle, 40.0).points.len();
        assert!(small < large);
    }

    #[test]
    fn small_actors_get_at_most_six_corners_and_big_ones_their_shape() {
        let table = Outlines::get();
        for s in Shape::ALL {
            assert!(table.lod(s, 2.0).points.len() <= 4, "{s:?}");
            assert!(table.lod(s, 5.0).points.len() <= 4, "{s:?}");
            assert!(table.lod(s, 5.0).convex, "{s:?}");
            assert_eq!(
                table.lod(s, SMALL_RADIUS).points,
                table.of(s, SMALL_RADIUS).points,
                "{s:?}"
            );
        }
        assert_eq!(table.lod(Shape::Triangle, 4.0).points.len(), 3);
        assert_eq!(table.lod(Shape::Circle, 2.0).points.len(), 4);
    }
}
