//! Actors on screen: each visible actor as its sector's shape, filled with
//! its sector's colour, with a thin outline and the halo its look asks for
//! (selection, hover). Level of detail: an actor under `SMALL_RADIUS`
//! points on screen is drawn with at most four corners (see
//! `Outlines::lod`) and no outline.

use super::super::shapes::Outlines;
use super::cache::Cache;
use super::frame::Frame;
use super::highlights::{Halo, Highlights};
use super::mesh::polygon;
use crate::model::Shape;
use egui::{Color32, Mesh, Pos2};

use crate::drawing::OUTLINE;

/// Fills `nodes` with every visible actor, in map order.
pub(super) fn draw_actors(
    cache: &Cache,
    frame: &Frame,
    looks: &Highlights,
    background: Color32,
    feather: f32,
    nodes: &mut Mesh,
) {
    let outlines = Outlines::get();
    for &i in &frame.visible {
        let (Some(&centre), Some(&r)) = (frame.screen.get(i), frame.radius.get(i)) else {
            continue;
        };
        let shape = cache.shape.get(i).copied().unwrap_or(Shape::Circle);
        let outline = outlines.lod(shape, r);
        let look = looks.actor(cache, i, r, background);
        if let Some(halo) = look.halo {
            let extent = outline
                .points
                .iter()
                .map(|p| p[0].hypot(p[1]))
                .fold(1.0, f32::max);
            draw_halo(nodes, centre, r * extent, halo, background, feather);
        }
        // Small on screen: a few corners, and no outline (see the look).
        let outlined = look.outline;
        if let Some(colour) = outlined {
            polygon(nodes, centre, r + OUTLINE, outline, colour, feather);
        }
        let fill_feather = if outlined.is_some() { 0.0 } else { feather };
        polygon(nodes, centre, r, outline, look.fill, fill_feather);
    }
}

/// A round halo around something reaching `extent` points from `centre`:
/// discs from the outside in (edge, ring, background gap), so the actor
/// drawn next sits on the gap.
fn draw_halo(
    mesh: &mut Mesh,
    centre: Pos2,
    extent: f32,
    halo: Halo,
    background: Color32,
    feather: f32,
) {
    let outlines = Outlines::get();
    let inner = extent + OUTLINE + halo.gap;
    let outer = inner + halo.width;
    let disc = |r: f32| outlines.of(Shape::Circle, r.max(14.0));
    if let Some(edge) = halo.edge {
        polygon(mesh, centre, outer + 1.0, disc(outer + 1.0), edge, feather);
        polygon(mesh, centre, outer, disc(outer), halo.colour, 0.0);
    } else {
        polygon(mesh, centre, outer, disc(outer), halo.colour, feather);
    }
    polygon(mesh, centre, inner, disc(inner), background, feather);
}
