//! Actors on screen: each visible actor as its sector's shape, filled with
//! its sector's colour, with the ring its look asks for (an outline, left
//! out when the actor is too small on screen for it to show, or the
//! selection ring).

use super::super::shapes::Outlines;
use super::cache::Cache;
use super::frame::Frame;
use super::highlights::{Highlights, Ring, SELECTED};
use super::mesh::polygon;
use crate::model::Shape;
use egui::{Color32, Mesh};

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
        let outline = outlines.of(shape, r);
        let look = looks.actor(cache, i, r, background);
        match look.ring {
            Ring::Selected => polygon(nodes, centre, r + 4.0, outline, SELECTED, feather),
            Ring::Edge { colour, width } => {
                polygon(nodes, centre, r + width, outline, colour, feather);
            }
            Ring::None => {}
        }
        let fill_feather = if look.ring == Ring::None {
            feather
        } else {
            0.0
        };
        polygon(nodes, centre, r, outline, look.fill, fill_feather);
    }
}
