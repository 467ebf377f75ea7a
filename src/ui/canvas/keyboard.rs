//! The map without a mouse, and for a screen reader. Tab (or a click)
//! gives the canvas the keyboard; then Tab and Shift+Tab walk the actors in
//! the legend's sector order and by name within a sector, the arrow keys
//! follow a tie from the focused actor to the neighbour lying most in that
//! direction, and Enter opens the focused actor in the inspector. The
//! focused actor has a square frame (a form no selection or highlight
//! uses), and the view follows it.
//!
//! Every actor drawn is an AccessKit node (a button) whose label gives its
//! name, sector, kind and number of ties; the canvas's own label names the
//! focused actor and announces its ties. Only what the network passed in
//! holds is said: workshop mode passes a copy without private fields.

use super::cache::Cache;
use super::frame::Frame;
use super::{CanvasEvent, CanvasState};
use crate::model::Network;
use egui::{Color32, Key, Modifiers, Rect, Stroke, StrokeKind, vec2};

/// The walk order: by sector (in the map's sector list), then by name,
/// then by id. O(n log n).
pub(super) fn walk_order(network: &Network) -> Vec<usize> {
    let rank = |s: &str| {
        network
            .sectors
            .iter()
            .position(|x| x.name == s)
            .unwrap_or(usize::MAX)
    };
    let actors = network.actors();
    let mut order: Vec<usize> = (0..actors.len()).collect();
    order.sort_by(|&a, &b| match (actors.get(a), actors.get(b)) {
        (Some(x), Some(y)) => rank(&x.sector)
            .cmp(&rank(&y.sector))
            .then_with(|| x.name.to_lowercase().cmp(&y.name.to_lowercase()))
            .then_with(|| x.id().cmp(y.id())),
        _ => a.cmp(&b),
    });
    order
}

/// The next actor from `from` in `order` (`step` ±1), skipping hidden
/// ones; the first (or last) when nothing is focused.
fn step_in_order(
    order: &[usize],
    cache: &Cache,
    from: Option<usize>,
    forward: bool,
) -> Option<usize> {
    let shown: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| !cache.is_hidden(i))
        .collect();
    if shown.is_empty() {
        return None;
    }
    let at = from.and_then(|f| shown.iter().position(|&i| i == f));
    let n = shown.len();
    let next = match (at, forward) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(p), true) => (p + 1) % n,
        (Some(p), false) => (p + n - 1) % n,
    };
    shown.get(next).copied()
}

/// The neighbours of `i` over the ties on show: (neighbour, tie index).
fn neighbours(cache: &Cache, i: usize) -> Vec<(usize, usize)> {
    cache
        .ties
        .iter()
        .enumerate()
        .filter(|(k, _)| !cache.is_tie_hidden(*k))
        .filter_map(|(k, t)| {
            let (a, b) = t.ends?;
            let other = if a == i {
                b
            } else if b == i {
                a
            } else {
                return None;
            };
            (other != i && !cache.is_hidden(other)).then_some((other, k))
        })
        .collect()
}

/// The neighbour of `i` lying most in direction `dir` (screen), within 80°
/// of it; the nearer on a tie. O(ties).
fn neighbour_towards(cache: &Cache, frame: &Frame, i: usize, dir: egui::Vec2) -> Option<usize> {
    let from = *frame.screen.get(i)?;
    neighbours(cache, i)
        .into_iter()
        .filter_map(|(j, _)| {
            let d = *frame.screen.get(j)? - from;
            let len = d.length();
            if len < 1e-3 {
                return None;
            }
            let cos = d.dot(dir) / len;
            (cos > 0.17).then_some((j, cos, len))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.2.total_cmp(&a.2)))
        .map(|(j, _, _)| j)
}

/// What a screen reader says for actor `i`.
pub(super) fn actor_label(network: &Network, cache: &Cache, i: usize) -> String {
    let Some(a) = network.actors().get(i) else {
        return String::new();
    };
    let ties = cache.degree.get(i).copied().unwrap_or(0);
    let name = if a.name.is_empty() {
        a.id().as_str()
    } else {
        &a.name
    };
    format!(
        "{name}, {}, {}, {ties} {}",
        a.sector,
        crate::ui::inspector::enum_label(&a.kind),
        if ties == 1 { "tie" } else { "ties" }
    )
}

/// Keyboard walking, the focus frame and the AccessKit nodes, for one
/// frame; returns [`CanvasEvent::OpenActor`] on Enter.
pub(super) fn keyboard_ui(
    ui: &egui::Ui,
    response: &egui::Response,
    network: &Network,
    state: &mut CanvasState,
    cache: &Cache,
    frame: &Frame,
    text: Color32,
) -> Vec<CanvasEvent> {
    let mut open = None;
    let id = response.id;
    let mut focused = state
        .keyboard_focus
        .as_ref()
        .and_then(|f| network.actor_position(f))
        .filter(|&i| !cache.is_hidden(i));
    if response.has_focus() {
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                id,
                egui::EventFilter {
                    tab: true,
                    horizontal_arrows: true,
                    vertical_arrows: true,
                    escape: false,
                },
            );
        });
        let moved = ui.input_mut(|input| {
            let mut moved = None;
            if input.consume_key(Modifiers::SHIFT, Key::Tab) {
                moved = step_in_order(&cache.walk_order, cache, focused, false);
            } else if input.consume_key(Modifiers::NONE, Key::Tab) {
                moved = step_in_order(&cache.walk_order, cache, focused, true);
            }
            for (key, dir) in [
                (Key::ArrowRight, vec2(1.0, 0.0)),
                (Key::ArrowLeft, vec2(-1.0, 0.0)),
                (Key::ArrowUp, vec2(0.0, -1.0)),
                (Key::ArrowDown, vec2(0.0, 1.0)),
            ] {
                if input.consume_key(Modifiers::NONE, key) {
                    let from =
                        focused.or_else(|| step_in_order(&cache.walk_order, cache, None, true));
                    moved = from.and_then(|f| neighbour_towards(cache, frame, f, dir).or(Some(f)));
                }
            }
            if input.consume_key(Modifiers::NONE, Key::Enter)
                && let Some(f) = focused
            {
                open = Some(f);
            }
            moved
        });
        if let Some(m) = moved {
            focused = Some(m);
            if let Some(p) = frame.screen.get(m)
                && !frame.rect.shrink(40.0).contains(*p)
            {
                state.centre_on = network.actors().get(m).map(|a| a.id().clone());
            }
        }
    }
    state.keyboard_focus = focused
        .and_then(|i| network.actors().get(i))
        .map(|a| a.id().clone());
    // The focus frame: a square, clear of any halo.
    if response.has_focus()
        && let Some(i) = focused
        && let (Some(&c), Some(&r)) = (frame.screen.get(i), frame.radius.get(i))
    {
        let half = r + 10.0;
        ui.painter().rect_stroke(
            Rect::from_center_size(c, vec2(2.0 * half, 2.0 * half)),
            2.0,
            Stroke::new(2.5, text),
            StrokeKind::Outside,
        );
    }
    accesskit_nodes(ui, response, network, cache, frame, focused);
    open.and_then(|i| network.actors().get(i))
        .map(|a| CanvasEvent::OpenActor(a.id().clone()))
        .into_iter()
        .collect()
}

/// One AccessKit node per actor drawn, and the canvas's own label: what
/// it is and, with an actor focused, its name and its ties.
fn accesskit_nodes(
    ui: &egui::Ui,
    response: &egui::Response,
    network: &Network,
    cache: &Cache,
    frame: &Frame,
    focused: Option<usize>,
) {
    let ctx = ui.ctx();
    let canvas_label = match focused {
        Some(i) => {
            let mut ties: Vec<String> = neighbours(cache, i)
                .into_iter()
                .filter_map(|(j, k)| {
                    let name = &network.actors().get(j)?.name;
                    let kind = &network.ties().get(k)?.kind;
                    Some(format!("{kind} with {name}"))
                })
                .collect();
            ties.truncate(12);
            format!(
                "Map. {}. Ties: {}",
                actor_label(network, cache, i),
                ties.join("; ")
            )
        }
        None => format!(
            "Map of {} actors: Tab walks them, the arrow keys follow ties, Enter opens one",
            network.actors().len()
        ),
    };
    ctx.accesskit_node_builder(response.id, |node| {
        node.set_label(canvas_label);
    });
    for &i in &frame.visible {
        let (Some(&c), Some(&r), Some(a)) = (
            frame.screen.get(i),
            frame.radius.get(i),
            network.actors().get(i),
        ) else {
            continue;
        };
        let node_id = response.id.with(a.id().as_str());
        let label = actor_label(network, cache, i);
        ctx.accesskit_node_builder(node_id, |node| {
            node.set_role(egui::accesskit::Role::Button);
            node.set_label(label);
            node.set_bounds(egui::accesskit::Rect {
                x0: f64::from(c.x - r),
                y0: f64::from(c.y - r),
                x1: f64::from(c.x + r),
                y1: f64::from(c.y + r),
            });
            if focused == Some(i) {
                node.set_selected(true);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Tie};

    #[test]
    fn the_walk_goes_by_sector_then_name_and_wraps() {
        let mut n = Network::new();
        for (id, name, s) in [
            ("x", "Zoe", "primary care"),
            ("y", "Adam", "social care"),
            ("z", "Beth", "primary care"),
        ] {
            n.add_actor(Actor::new(id, name, s)).unwrap();
        }
        n.add_tie(Tie::new("t", "x", "y", "collaboration", false))
            .unwrap();
        let order = walk_order(&n);
        let names: Vec<&str> = order.iter().map(|&i| n.actors()[i].name.as_str()).collect();
        let ps = n
            .sectors
            .iter()
            .position(|s| s.name == "primary care")
            .unwrap();
        let ss = n
            .sectors
            .iter()
            .position(|s| s.name == "social care")
            .unwrap();
        if ps < ss {
            assert_eq!(names, ["Beth", "Zoe", "Adam"]);
        } else {
            assert_eq!(names, ["Adam", "Beth", "Zoe"]);
        }
        let state = CanvasState::default();
        let mut cache = Cache::default();
        cache.update(&n, &state);
        let first = step_in_order(&order, &cache, None, true);
        assert_eq!(first, order.first().copied());
        let last = step_in_order(&order, &cache, first, false);
        assert_eq!(
            last,
            order.last().copied(),
            "Shift+Tab from the first wraps"
        );
        assert_eq!(neighbours(&cache, 0), vec![(1, 0)]);
        assert!(actor_label(&n, &cache, 0).starts_with("Zoe, primary care,"));
        assert!(actor_label(&n, &cache, 0).ends_with("1 tie"));
    }
}
