//! Where the canvas looks ([`Camera`]), and the requests that move it before
//! a frame is drawn: fit the map, centre on an actor, zoom to the cursor.

use super::CanvasState;
use crate::model::Network;
use egui::{Pos2, Rect, vec2};

/// Where the canvas looks: a world point at the centre and a zoom factor
/// (screen points per world unit).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Camera {
    /// World x, y at the centre of the canvas.
    pub center: [f64; 2],
    /// Screen points per world unit.
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            center: [0.0, 0.0],
            zoom: 1.0,
        }
    }
}

impl Camera {
    /// World → screen.
    pub fn to_screen(&self, rect: Rect, p: [f64; 2]) -> Pos2 {
        rect.center()
            + vec2(
                ((p[0] - self.center[0]) as f32) * self.zoom,
                ((p[1] - self.center[1]) as f32) * self.zoom,
            )
    }

    /// Screen → world.
    pub fn to_world(&self, rect: Rect, p: Pos2) -> [f64; 2] {
        let d = (p - rect.center()) / self.zoom;
        [
            self.center[0] + f64::from(d.x),
            self.center[1] + f64::from(d.y),
        ]
    }

    /// Zooms by `factor` keeping the world point under `anchor` still.
    pub fn zoom_at(&mut self, rect: Rect, anchor: Pos2, factor: f32) {
        let before = self.to_world(rect, anchor);
        self.zoom = (self.zoom * factor).clamp(0.01, 40.0);
        let after = self.to_world(rect, anchor);
        self.center[0] += before[0] - after[0];
        self.center[1] += before[1] - after[1];
    }

    /// Frames the bounding box of `points` in `rect` with a margin.
    pub fn fit(&mut self, rect: Rect, points: impl Iterator<Item = [f64; 2]>) {
        *self = match crate::drawing::sizes::fit(points, [rect.width(), rect.height()]) {
            Some((center, zoom)) => Camera { center, zoom },
            None => Camera::default(),
        };
    }
}

/// Carries out a fit or centre-on request (each once) on the positions
/// shown this frame.
pub(super) fn follow_requests(
    state: &mut CanvasState,
    network: &Network,
    rect: Rect,
    world: &[[f64; 2]],
) {
    if state.fit_requested {
        state.camera.fit(rect, world.iter().copied());
        state.fit_requested = false;
    }
    if let Some(id) = state.centre_on.take()
        && let Some(p) = network.actor_position(&id).and_then(|i| world.get(i))
    {
        state.camera.center = *p;
        state.camera.zoom = state.camera.zoom.max(1.0);
    }
}

/// Zooms to the cursor (wheel, pinch), only while the pointer is over the
/// canvas.
pub(super) fn wheel_zoom(
    ui: &egui::Ui,
    response: &egui::Response,
    rect: Rect,
    camera: &mut Camera,
) {
    if let Some(pointer) = response.hover_pos() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        let factor = zoom * (scroll.y / 400.0).exp();
        if (factor - 1.0).abs() > 1e-4 {
            camera.zoom_at(rect, pointer, factor);
        }
    }
}
