//! Pointer input → [`CanvasEvent`]s: click to select (an actor, or the tie
//! nearest the pointer), drag to move the selection, pan, draw a tie
//! (shift or from an actor's edge) or box-select (shift or command on empty
//! space), double-click to add or edit an actor. A drag only previews here;
//! the app gets one event when it ends.

use super::cache::Cache;
use super::frame::Frame;
use super::highlights::SELECTION;
use super::ties::nearest_tie;
use super::{CanvasEvent, CanvasState};
use crate::model::{ActorId, Network};
use egui::{Pos2, Rect, Stroke};

/// The drag in progress.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Drag {
    /// Moving the camera.
    Pan,
    /// Moving the selected actors (from `start`) by `offset`.
    Move {
        anchor: [f64; 2],
        start: Vec<(ActorId, [f64; 2])>,
        offset: [f64; 2],
    },
    /// Drawing a new tie from `from`.
    Tie { from: ActorId },
    /// Drawing a selection box from `start`.
    Select { start: Pos2 },
}

/// Turns this frame's pointer input into events (and selection changes in
/// `state`), and draws the preview of a tie or box being drawn.
pub(super) fn handle_gestures(
    ui: &egui::Ui,
    response: &egui::Response,
    painter: &egui::Painter,
    network: &Network,
    state: &mut CanvasState,
    cache: &Cache,
    frame: &Frame,
) -> Vec<CanvasEvent> {
    let mut events = Vec::new();
    let (rect, cam) = (frame.rect, frame.cam);
    let pointer = response.hover_pos().or(response.interact_pointer_pos());
    let hit = |p: Pos2| frame.hit(p);
    let id_of = |i: usize| network.actors().get(i).map(|a| a.id().clone());
    let modifiers = ui.input(|i| i.modifiers);
    let middle = ui.input(|i| i.pointer.middle_down());
    if response.drag_started() {
        // Decide what the drag does from where the button went down, not
        // where the pointer is once the drag is recognised.
        let start = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos());
        let on = start.and_then(hit).and_then(|i| Some((i, id_of(i)?)));
        state.drag = Some(match (on, middle) {
            (_, true) => Drag::Pan,
            (Some((i, id)), false) => {
                let at_edge =
                    start.is_some_and(|s| match (frame.screen.get(i), frame.radius.get(i)) {
                        (Some(&c), Some(&r)) => (s - c).length() > r * 0.7,
                        _ => false,
                    });
                if modifiers.shift || at_edge {
                    Drag::Tie { from: id }
                } else {
                    if !state.selected.contains(&id) {
                        if !modifiers.command {
                            state.selected.clear();
                            state.selected_ties.clear();
                        }
                        state.selected.insert(id);
                    }
                    let ids: Vec<(ActorId, [f64; 2])> = state
                        .selected
                        .iter()
                        .filter_map(|s| {
                            let p = network.actor_position(s).and_then(|i| frame.world.get(i))?;
                            Some((s.clone(), *p))
                        })
                        .collect();
                    Drag::Move {
                        anchor: start.map(|p| cam.to_world(rect, p)).unwrap_or([0.0; 2]),
                        start: ids,
                        offset: [0.0, 0.0],
                    }
                }
            }
            (None, false) => {
                if modifiers.shift || modifiers.command {
                    Drag::Select {
                        start: start.unwrap_or(rect.center()),
                    }
                } else {
                    Drag::Pan
                }
            }
        });
    }
    match &mut state.drag {
        Some(Drag::Pan) if response.dragged() => {
            let d = response.drag_delta() / cam.zoom;
            state.camera.center[0] -= f64::from(d.x);
            state.camera.center[1] -= f64::from(d.y);
        }
        Some(Drag::Move { anchor, offset, .. }) if response.dragged() => {
            if let Some(p) = response.interact_pointer_pos() {
                let w = cam.to_world(rect, p);
                *offset = [w[0] - anchor[0], w[1] - anchor[1]];
            }
        }
        Some(Drag::Tie { from }) => {
            if let (Some(&s), Some(p)) = (
                network
                    .actor_position(from)
                    .and_then(|i| frame.screen.get(i)),
                pointer,
            ) {
                painter.line_segment([s, p], Stroke::new(2.0, SELECTION));
            }
        }
        Some(Drag::Select { start }) => {
            if let Some(p) = pointer {
                let r = Rect::from_two_pos(*start, p);
                painter.rect_filled(r, 0.0, SELECTION.gamma_multiply(0.12));
                painter.rect_stroke(
                    r,
                    0.0,
                    Stroke::new(1.0, SELECTION),
                    egui::StrokeKind::Inside,
                );
            }
        }
        _ => {}
    }
    if response.drag_stopped() {
        match state.drag.take() {
            Some(Drag::Move { start, offset, .. }) if offset != [0.0, 0.0] => {
                events.push(CanvasEvent::MoveActors(
                    start
                        .into_iter()
                        .map(|(id, p)| (id, [p[0] + offset[0], p[1] + offset[1]]))
                        .collect(),
                ));
            }
            Some(Drag::Tie { from }) => {
                if let Some(to) = pointer.and_then(hit).and_then(id_of)
                    && to != from
                {
                    events.push(CanvasEvent::AddTie { from, to });
                }
            }
            Some(Drag::Select { start }) => {
                if let Some(p) = pointer {
                    let r = Rect::from_two_pos(start, p);
                    if !modifiers.command {
                        state.selected.clear();
                        state.selected_ties.clear();
                    }
                    for &i in &frame.visible {
                        if frame.screen.get(i).is_some_and(|&s| r.contains(s))
                            && let Some(id) = id_of(i)
                        {
                            state.selected.insert(id);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if response.double_clicked() {
        match pointer.and_then(hit).and_then(id_of) {
            Some(id) => events.push(CanvasEvent::EditActor(id)),
            None => {
                if let Some(p) = pointer {
                    events.push(CanvasEvent::AddActorAt(cam.to_world(rect, p)));
                }
            }
        }
    } else if response.clicked() {
        match pointer.and_then(hit).and_then(id_of) {
            Some(id) => {
                if modifiers.command {
                    if !state.selected.remove(&id) {
                        state.selected.insert(id);
                    }
                } else {
                    state.selected = [id].into_iter().collect();
                    state.selected_ties.clear();
                }
            }
            None => {
                // A click near a tie selects it.
                let tie = pointer.and_then(|p| nearest_tie(network, cache, &frame.screen, p));
                if !modifiers.command {
                    state.selected.clear();
                    state.selected_ties.clear();
                }
                if let Some(t) = tie {
                    state.selected_ties.insert(t);
                }
            }
        }
    }
    events
}
