//! Sector shapes as outlines around the origin, radius about 1 (screen y
//! grows downwards). Every outline is star-shaped from its centre, so a
//! triangle fan from the centre fills it; the canvas fills them as meshes,
//! the exports write them as SVG polygons.

use crate::model::Shape;
use std::f32::consts::{FRAC_PI_2, TAU};

/// `k` corners evenly round the unit circle, the first at `rotation`
/// radians (0: pointing right; screen y down).
pub fn regular(k: usize, rotation: f32) -> Vec<[f32; 2]> {
    (0..k)
        .map(|i| {
            let a = rotation + TAU * i as f32 / k as f32;
            [a.cos(), a.sin()]
        })
        .collect()
}

/// The outline of `shape` (screen y grows downwards), radius about 1.
///
/// # Example
///
/// ```
/// use bridgework::drawing::outline;
/// use bridgework::model::Shape;
/// assert_eq!(outline(Shape::Square).len(), 4);
/// assert_eq!(outline(Shape::Star).len(), 10);
/// ```
pub fn outline(shape: Shape) -> Vec<[f32; 2]> {
    match shape {
        Shape::Circle => regular(20, 0.0),
        Shape::Square => vec![[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]],
        Shape::Triangle => regular(3, -FRAC_PI_2)
            .into_iter()
            .map(|[x, y]| [x * 1.15, y * 1.15 + 0.15])
            .collect(),
        Shape::TriangleDown => regular(3, FRAC_PI_2)
            .into_iter()
            .map(|[x, y]| [x * 1.15, y * 1.15 - 0.15])
            .collect(),
        Shape::Diamond => vec![[0.0, -1.15], [1.0, 0.0], [0.0, 1.15], [-1.0, 0.0]],
        Shape::Hexagon => regular(6, 0.0),
        Shape::Pentagon => regular(5, -FRAC_PI_2),
        Shape::Octagon => regular(8, TAU / 16.0),
        Shape::Star => (0..10)
            .map(|i| {
                let a = -FRAC_PI_2 + TAU * i as f32 / 10.0;
                let r = if i % 2 == 0 { 1.2 } else { 0.5 };
                [r * a.cos(), r * a.sin()]
            })
            .collect(),
        Shape::Cross => {
            let (a, b) = (0.35, 1.0);
            vec![
                [-a, -b],
                [a, -b],
                [a, -a],
                [b, -a],
                [b, a],
                [a, a],
                [a, b],
                [-a, b],
                [-a, a],
                [-b, a],
                [-b, -a],
                [-a, -a],
            ]
        }
        Shape::Bowtie => vec![
            [-1.0, -0.9],
            [0.0, -0.15],
            [1.0, -0.9],
            [1.0, 0.9],
            [0.0, 0.15],
            [-1.0, 0.9],
        ],
    }
}

/// How far the outline of `shape` reaches from its centre, at radius 1
/// (at least 1): where a halo around it starts.
pub fn extent(shape: Shape) -> f32 {
    outline(shape)
        .iter()
        .map(|p| p[0].hypot(p[1]))
        .fold(1.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shape_has_a_distinct_outline() {
        let outlines: Vec<Vec<[f32; 2]>> = Shape::ALL.iter().map(|&s| outline(s)).collect();
        for (i, a) in outlines.iter().enumerate() {
            assert!(a.len() >= 3);
            for b in &outlines[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert!((extent(Shape::Star) - 1.2).abs() < 1e-5);
        assert_eq!(extent(Shape::Circle), 1.0);
    }
}
