//! Ties on screen: each visible tie as a line from the edge of one actor to
//! the edge of the other (solid ones and arrowheads in one mesh, dashed
//! ones in another, one textured quad each), and which tie a click is on.

use super::cache::Cache;
use super::frame::Frame;
use super::highlights::Highlights;
use super::mesh::{Texture, dash_band, line};
use crate::model::{Dash, Network, TieId};
use egui::{Mesh, Pos2, Rect, vec2};

/// Fills `solid` (solid ties, arrowheads) and `dashes` (dashed ties);
/// returns how many ties were drawn.
pub(super) fn draw_ties(
    cache: &Cache,
    frame: &Frame,
    looks: &Highlights,
    line_scale: f32,
    feather: f32,
    solid: &mut Mesh,
    dashes: &mut Mesh,
) -> usize {
    let (screen, radius) = (&frame.screen, &frame.radius);
    let mut tie_count = 0;
    for (k, t) in cache.ties.iter().enumerate() {
        let Some((a, b)) = t.ends else { continue };
        if a == b || cache.is_tie_hidden(k) || cache.is_hidden(a) || cache.is_hidden(b) {
            continue;
        }
        let (Some(&pa), Some(&pb), Some(&ra), Some(&rb)) =
            (screen.get(a), screen.get(b), radius.get(a), radius.get(b))
        else {
            continue;
        };
        if !Rect::from_two_pos(pa, pb).intersects(frame.visible_rect) {
            continue;
        }
        let look = looks.tie(cache, k, a, b, t.colour);
        let c = look.colour;
        let width = ((0.6 + 0.45 * t.strength) * line_scale).max(0.8) + look.extra_width;
        let dir = (pb - pa).normalized();
        let start = pa + dir * ra;
        let end = pb - dir * rb;
        if (end - start).dot(dir) <= 0.0 {
            continue;
        }
        let head = (6.0 + 2.0 * width).min(18.0);
        let line_end = if t.directed {
            end - dir * head * 0.8
        } else {
            end
        };
        tie_count += 1;
        match t.dash {
            Dash::Solid => line(solid, start, line_end, width, c, Texture::Plain, feather),
            dash => {
                let (v, span) = dash_band(dash);
                line(
                    dashes,
                    start,
                    line_end,
                    width,
                    c,
                    Texture::Dashes { v, span },
                    feather,
                );
            }
        }
        if t.directed {
            let n = vec2(-dir.y, dir.x);
            let base = end - dir * head;
            let i = solid.vertices.len() as u32;
            solid.colored_vertex(end, c);
            solid.colored_vertex(base + n * head * 0.5, c);
            solid.colored_vertex(base - n * head * 0.5, c);
            solid.add_triangle(i, i + 1, i + 2);
            if feather > 0.0 {
                // Soften the head's two long sides.
                let tip = end;
                let (l, r) = (base + n * head * 0.5, base - n * head * 0.5);
                for (p, q) in [(tip, l), (r, tip)] {
                    line(solid, p, q, feather, c, Texture::Plain, feather);
                }
            }
        }
    }
    tie_count
}

/// The tie nearest to `p` within 6 points, if any.
pub(super) fn nearest_tie(
    network: &Network,
    cache: &Cache,
    screen: &[Pos2],
    p: Pos2,
) -> Option<TieId> {
    let mut best: Option<(f32, usize)> = None;
    for (k, t) in cache.ties.iter().enumerate() {
        let Some((a, b)) = t.ends else { continue };
        if cache.is_tie_hidden(k) {
            continue;
        }
        let (Some(&pa), Some(&pb)) = (screen.get(a), screen.get(b)) else {
            continue;
        };
        let ab = pb - pa;
        let len2 = ab.length_sq();
        if len2 < 1.0 {
            continue;
        }
        let s = ((p - pa).dot(ab) / len2).clamp(0.0, 1.0);
        let d = (pa + ab * s - p).length();
        if d <= 6.0 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, k));
        }
    }
    best.and_then(|(_, k)| network.ties().get(k).map(|t| t.id().clone()))
}
