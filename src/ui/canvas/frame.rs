//! One frame's view of the map: the positions shown (with a drag or an
//! animated layout applied), each actor on screen with its on-screen
//! radius, what is culled, and hit testing against what is drawn.

use super::CanvasState;
use super::cache::Cache;
use super::camera::Camera;
use super::gestures::Drag;
use crate::model::Network;
use egui::{Pos2, Rect};
use std::borrow::Cow;

/// The world positions shown this frame: the cached ones, with a drag in
/// progress or an animated layout's preview applied (copied only then).
pub(super) fn shown_positions<'a>(
    network: &Network,
    state: &CanvasState,
    cache: &'a Cache,
) -> Cow<'a, [[f64; 2]]> {
    let mut world = Cow::Borrowed(cache.world.as_slice());
    if let Some(Drag::Move { start, offset, .. }) = &state.drag {
        let w = world.to_mut();
        for (id, p) in start {
            if let Some(q) = network.actor_position(id).and_then(|i| w.get_mut(i)) {
                *q = [p[0] + offset[0], p[1] + offset[1]];
            }
        }
    }
    if !state.preview.is_empty() {
        let w = world.to_mut();
        for (id, p) in &state.preview {
            if let Some(q) = network.actor_position(id).and_then(|i| w.get_mut(i)) {
                *q = *p;
            }
        }
    }
    world
}

/// Every actor transformed to screen, and which ones are drawn.
pub(super) struct Frame<'a> {
    /// The canvas on screen.
    pub rect: Rect,
    /// The camera this frame is drawn with.
    pub cam: Camera,
    /// World positions shown (see [`shown_positions`]).
    pub world: Cow<'a, [[f64; 2]]>,
    /// Screen position per actor.
    pub screen: Vec<Pos2>,
    /// On-screen radius per actor (points).
    pub radius: Vec<f32>,
    /// How world radii scale with the zoom (√zoom, clamped).
    pub radius_scale: f32,
    /// The canvas plus a margin: what lies outside it is culled.
    pub visible_rect: Rect,
    /// The actors drawn this frame, in map order (later ones on top).
    pub visible: Vec<usize>,
}

impl<'a> Frame<'a> {
    /// Transforms and culls.
    pub fn new(cache: &Cache, world: Cow<'a, [[f64; 2]]>, cam: Camera, rect: Rect) -> Self {
        let screen: Vec<Pos2> = world.iter().map(|&p| cam.to_screen(rect, p)).collect();
        let visible_rect = rect.expand(60.0);
        let radius_scale = crate::drawing::radius_scale(cam.zoom);
        let radius: Vec<f32> = cache
            .radius
            .iter()
            .map(|&r| crate::drawing::screen_radius(r, radius_scale))
            .collect();
        let visible: Vec<usize> = (0..screen.len())
            .filter(|&i| !cache.is_hidden(i) && visible_rect.contains(screen[i]))
            .collect();
        Self {
            rect,
            cam,
            world,
            screen,
            radius,
            radius_scale,
            visible_rect,
            visible,
        }
    }

    /// The topmost (last drawn) actor under `p`.
    pub fn hit(&self, p: Pos2) -> Option<usize> {
        self.visible.iter().rev().copied().find(|&i| {
            match (self.screen.get(i), self.radius.get(i)) {
                (Some(&s), Some(&r)) => (s - p).length() <= r + 3.0,
                _ => false,
            }
        })
    }
}
