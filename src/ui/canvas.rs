//! The map canvas: draws actors (sector colour and shape, size by
//! influence) and ties (kind colour and dash, width by strength, arrows when
//! directed) in one batched mesh, culls what is off screen, thins labels
//! when zoomed out, and turns gestures into [`CanvasEvent`]s for the app.
//! It never changes the network: a drag previews here and becomes one move
//! on release.

use super::shapes::outline;
use crate::model::{ActorId, Colour, Dash, Network, Shape, TieId};
use egui::{Color32, FontId, Mesh, Pos2, Rect, Sense, Stroke, vec2};
use std::collections::{BTreeSet, HashMap, HashSet};

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
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in points {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        if !lo[0].is_finite() {
            *self = Camera::default();
            return;
        }
        self.center = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
        let w = ((hi[0] - lo[0]) as f32).max(1.0) + 120.0;
        let h = ((hi[1] - lo[1]) as f32).max(1.0) + 120.0;
        self.zoom = (rect.width() / w).min(rect.height() / h).clamp(0.01, 4.0);
    }
}

/// What the user did on the canvas, for the app to carry out.
#[derive(Clone, Debug, PartialEq)]
pub enum CanvasEvent {
    /// Double-click on empty space: a new actor here.
    AddActorAt([f64; 2]),
    /// A drag ended: the dragged actors' new positions.
    MoveActors(Vec<(ActorId, [f64; 2])>),
    /// A drag from one actor ended on another: a new tie.
    AddTie {
        /// Where the drag started.
        from: ActorId,
        /// Where it ended.
        to: ActorId,
    },
    /// Double-click on an actor: edit its name.
    EditActor(ActorId),
}

#[derive(Clone, Debug, PartialEq)]
enum Drag {
    Pan,
    Move {
        anchor: [f64; 2],
        start: Vec<(ActorId, [f64; 2])>,
        offset: [f64; 2],
    },
    Tie {
        from: ActorId,
    },
    Select {
        start: Pos2,
    },
}

/// How the canvas shows the map (set by the app from the view menu and
/// projector mode).
#[derive(Clone, Debug, PartialEq)]
pub struct CanvasStyle {
    /// Multiplies every label size.
    pub label_scale: f32,
    /// Multiplies every line width.
    pub line_scale: f32,
    /// Draw labels at all.
    pub labels: bool,
    /// Background colour.
    pub background: Color32,
    /// Text colour.
    pub text: Color32,
}

impl Default for CanvasStyle {
    fn default() -> Self {
        Self {
            label_scale: 1.0,
            line_scale: 1.0,
            labels: true,
            background: Color32::from_gray(250),
            text: Color32::from_gray(20),
        }
    }
}

/// The canvas's own state: camera, selection, highlights, the gesture in
/// progress. Transient (not saved with the map).
#[derive(Debug, Default)]
pub struct CanvasState {
    /// The view.
    pub camera: Camera,
    /// Selected actors.
    pub selected: BTreeSet<ActorId>,
    /// Selected ties.
    pub selected_ties: BTreeSet<TieId>,
    /// Actors to emphasise (search matches); others dimmed if `dim_others`.
    pub highlight: HashSet<ActorId>,
    /// Actors hidden by filters (not drawn, ties to them not drawn).
    pub hidden: HashSet<ActorId>,
    /// Ties hidden by filters.
    pub hidden_ties: HashSet<TieId>,
    /// Dim everything not highlighted.
    pub dim_others: bool,
    /// Frame the whole map on the next frame.
    pub fit_requested: bool,
    /// Centre on this actor on the next frame.
    pub centre_on: Option<ActorId>,
    drag: Option<Drag>,
    /// The actor under the pointer.
    pub hovered: Option<ActorId>,
    /// Positions shown instead of the map's (an animated layout in
    /// progress); the map itself changes only when the layout ends.
    pub preview: HashMap<ActorId, [f64; 2]>,
    /// Where the canvas was drawn last frame (for tests and tools that need
    /// to turn world positions into screen positions).
    pub last_rect: Option<Rect>,
}

impl CanvasState {
    /// A fresh canvas that frames the whole map on its first frame.
    pub fn fitted() -> Self {
        Self {
            fit_requested: true,
            ..Self::default()
        }
    }
}

fn colour(c: Colour) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// World radius of an actor: bigger with perceived influence.
pub fn world_radius(influence: Option<u8>) -> f32 {
    8.0 + 3.0 * f32::from(influence.unwrap_or(2))
}

/// A fallback position for actors that have none yet: a sunflower spiral.
pub fn fallback_position(i: usize) -> [f64; 2] {
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let r = 40.0 * (i as f64 + 0.5).sqrt();
    let a = i as f64 * golden;
    [r * a.cos(), r * a.sin()]
}

struct Node {
    id: ActorId,
    pos: Pos2,
    radius: f32,
    fill: Color32,
    shape: Shape,
    label: String,
    weight: f32,
}

/// Adds a thick line segment as a quad.
fn segment(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, c: Color32) {
    let d = b - a;
    let len = d.length();
    if len < 0.01 {
        return;
    }
    let n = vec2(-d.y, d.x) / len * (width / 2.0);
    let i = mesh.vertices.len() as u32;
    mesh.colored_vertex(a + n, c);
    mesh.colored_vertex(a - n, c);
    mesh.colored_vertex(b - n, c);
    mesh.colored_vertex(b + n, c);
    mesh.add_triangle(i, i + 1, i + 2);
    mesh.add_triangle(i, i + 2, i + 3);
}

fn dashed(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, c: Color32, dash: Dash) {
    let pattern: &[(f32, bool)] = match dash {
        Dash::Solid => {
            segment(mesh, a, b, width, c);
            return;
        }
        Dash::Dashed => &[(9.0, true), (6.0, false)],
        Dash::Dotted => &[(2.5, true), (4.0, false)],
        Dash::DashDot => &[(9.0, true), (4.0, false), (2.5, true), (4.0, false)],
    };
    let len = (b - a).length();
    if len < 0.01 {
        return;
    }
    let dir = (b - a) / len;
    let scale = width.max(1.0).sqrt();
    let mut t = 0.0;
    let mut k = 0;
    // Bound the pieces: a very long line on screen is drawn solid beyond them.
    let mut pieces = 0;
    while t < len && pieces < 400 {
        let (l, on) = pattern[k % pattern.len()];
        let l = l * scale;
        if on {
            segment(mesh, a + dir * t, a + dir * (t + l).min(len), width, c);
        }
        t += l;
        k += 1;
        pieces += 1;
    }
    if t < len {
        segment(mesh, a + dir * t, b, width, c);
    }
}

fn polygon(mesh: &mut Mesh, centre: Pos2, radius: f32, shape: Shape, fill: Color32) {
    let pts = outline(shape);
    let i = mesh.vertices.len() as u32;
    mesh.colored_vertex(centre, fill);
    for p in &pts {
        mesh.colored_vertex(centre + vec2(p[0], p[1]) * radius, fill);
    }
    let k = pts.len() as u32;
    for j in 0..k {
        mesh.add_triangle(i, i + 1 + j, i + 1 + (j + 1) % k);
    }
}

fn dim(c: Color32, dimmed: bool) -> Color32 {
    if dimmed { c.gamma_multiply(0.18) } else { c }
}

/// Draws the map and handles its gestures; returns what the user asked for.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    network: &Network,
    state: &mut CanvasState,
    style: &CanvasStyle,
) -> Vec<CanvasEvent> {
    let mut events = Vec::new();
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, style.background);
    state.last_rect = Some(rect);

    // Positions (with the drag preview applied).
    let moving: HashMap<&ActorId, [f64; 2]> = match &state.drag {
        Some(Drag::Move { start, offset, .. }) => start
            .iter()
            .map(|(id, p)| (id, [p[0] + offset[0], p[1] + offset[1]]))
            .collect(),
        _ => HashMap::new(),
    };
    let world: Vec<[f64; 2]> = network
        .actors()
        .iter()
        .enumerate()
        .map(
            |(i, a)| match moving.get(a.id()).or_else(|| state.preview.get(a.id())) {
                Some(p) => *p,
                None => match (a.x, a.y) {
                    (Some(x), Some(y)) => [x, y],
                    _ => fallback_position(i),
                },
            },
        )
        .collect();
    if state.fit_requested {
        state.camera.fit(rect, world.iter().copied());
        state.fit_requested = false;
    }
    if let Some(id) = state.centre_on.take()
        && let Some(i) = network.actor_position(&id)
    {
        state.camera.center = world[i];
        state.camera.zoom = state.camera.zoom.max(1.0);
    }

    // Zoom to the cursor (wheel, pinch) — only while the pointer is here.
    if let Some(pointer) = response.hover_pos() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        let factor = zoom * (scroll.y / 400.0).exp();
        if (factor - 1.0).abs() > 1e-4 {
            state.camera.zoom_at(rect, pointer, factor);
        }
    }

    let cam = state.camera;
    let index: HashMap<&ActorId, usize> = network
        .actors()
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id(), i))
        .collect();
    let screen: Vec<Pos2> = world.iter().map(|&p| cam.to_screen(rect, p)).collect();
    let visible_rect = rect.expand(60.0);
    let radius_scale = cam.zoom.sqrt().clamp(0.25, 3.0);
    let any_highlight = state.dim_others && !state.highlight.is_empty();

    let mut nodes: Vec<Node> = Vec::new();
    for (i, a) in network.actors().iter().enumerate() {
        if state.hidden.contains(a.id()) || !visible_rect.contains(screen[i]) {
            continue;
        }
        let sector = network.sector(&a.sector);
        let fill = sector.map(|s| colour(s.colour)).unwrap_or(Color32::GRAY);
        let dimmed = any_highlight && !state.highlight.contains(a.id());
        nodes.push(Node {
            id: a.id().clone(),
            pos: screen[i],
            radius: (world_radius(a.influence) * radius_scale).clamp(2.0, 60.0),
            fill: dim(fill, dimmed),
            shape: sector.map(|s| s.shape).unwrap_or(Shape::Circle),
            label: a.name.clone(),
            weight: f32::from(a.influence.unwrap_or(2)),
        });
    }

    // Hit testing: the topmost (last drawn) actor under the pointer.
    let pointer = response.hover_pos().or(response.interact_pointer_pos());
    let hit = |p: Pos2| -> Option<&Node> {
        nodes
            .iter()
            .rev()
            .find(|n| (n.pos - p).length() <= n.radius + 3.0)
    };
    state.hovered = response.hover_pos().and_then(hit).map(|n| n.id.clone());

    // Ties.
    let mut mesh = Mesh::default();
    for t in network.ties() {
        if state.hidden_ties.contains(t.id())
            || state.hidden.contains(t.from())
            || state.hidden.contains(t.to())
        {
            continue;
        }
        let (Some(&a), Some(&b)) = (index.get(t.from()), index.get(t.to())) else {
            continue;
        };
        let (pa, pb) = (screen[a], screen[b]);
        if !Rect::from_two_pos(pa, pb).intersects(visible_rect) || a == b {
            continue;
        }
        let kind = network.tie_kind(&t.kind);
        let selected = state.selected_ties.contains(t.id());
        let dimmed = any_highlight
            && !(state.highlight.contains(t.from()) && state.highlight.contains(t.to()));
        let mut c = kind.map(|k| colour(k.colour)).unwrap_or(Color32::GRAY);
        if selected {
            c = Color32::from_rgb(0xD5, 0x5E, 0x00);
        }
        let c = dim(c, dimmed);
        let width =
            ((0.6 + 0.45 * t.strength.min(5.0) as f32) * style.line_scale * radius_scale.min(1.5))
                .max(0.8)
                + if selected { 2.0 } else { 0.0 };
        let ra = (world_radius(network.actors()[a].influence) * radius_scale).clamp(2.0, 60.0);
        let rb = (world_radius(network.actors()[b].influence) * radius_scale).clamp(2.0, 60.0);
        let dir = (pb - pa).normalized();
        let start = pa + dir * ra;
        let end = pb - dir * rb;
        dashed(
            &mut mesh,
            start,
            end,
            width,
            c,
            kind.map(|k| k.dash).unwrap_or(Dash::Solid),
        );
        if t.directed {
            let head = (6.0 + 2.0 * width).min(18.0);
            let n = vec2(-dir.y, dir.x);
            let base = end - dir * head;
            let i = mesh.vertices.len() as u32;
            mesh.colored_vertex(end, c);
            mesh.colored_vertex(base + n * head * 0.5, c);
            mesh.colored_vertex(base - n * head * 0.5, c);
            mesh.add_triangle(i, i + 1, i + 2);
        }
    }
    // Actors: an outline disc then the fill, all in the same mesh.
    let edge = if style.background.r() < 128 {
        Color32::from_gray(230)
    } else {
        Color32::from_gray(40)
    };
    for n in &nodes {
        let selected = state.selected.contains(&n.id);
        let ring = if selected {
            Color32::from_rgb(0xD5, 0x5E, 0x00)
        } else {
            edge
        };
        let extra = if selected { 4.0 } else { 1.2 };
        polygon(&mut mesh, n.pos, n.radius + extra, n.shape, ring);
        polygon(&mut mesh, n.pos, n.radius, n.shape, n.fill);
    }
    painter.add(egui::Shape::mesh(mesh));

    // Labels: the most influential first; skip any that would overlap one
    // already placed, and draw none that are too small to read.
    if style.labels {
        let size = (11.0 * style.label_scale * cam.zoom.sqrt().clamp(0.6, 1.6)).round();
        let mut order: Vec<usize> = (0..nodes.len()).collect();
        order.sort_by(|&x, &y| {
            let rank = |n: &Node| {
                (
                    state.selected.contains(&n.id) || state.hovered.as_ref() == Some(&n.id),
                    n.weight,
                )
            };
            rank(&nodes[y])
                .partial_cmp(&rank(&nodes[x]))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(x.cmp(&y))
        });
        let mut placed: Vec<Rect> = Vec::new();
        let max_labels = if cam.zoom < 0.3 { 40 } else { 400 };
        for &k in &order {
            let n = &nodes[k];
            let important = state.selected.contains(&n.id) || state.hovered.as_ref() == Some(&n.id);
            if placed.len() >= max_labels && !important {
                continue;
            }
            if size < 7.0 && !important {
                break;
            }
            let galley =
                painter.layout_no_wrap(n.label.clone(), FontId::proportional(size), style.text);
            let pos = n.pos + vec2(-galley.size().x / 2.0, n.radius + 2.0);
            let r = Rect::from_min_size(pos, galley.size()).expand(1.0);
            if !important && placed.iter().any(|p| p.intersects(r)) {
                continue;
            }
            let dimmed = any_highlight && !state.highlight.contains(&n.id);
            painter.rect_filled(
                r,
                2.0,
                style
                    .background
                    .gamma_multiply(if dimmed { 0.3 } else { 0.75 }),
            );
            painter.galley(pos, galley, dim(style.text, dimmed));
            placed.push(r);
        }
    }

    // Gestures.
    let modifiers = ui.input(|i| i.modifiers);
    let middle = ui.input(|i| i.pointer.middle_down());
    if response.drag_started() {
        // Decide what the drag does from where the button went down, not
        // where the pointer is once the drag is recognised.
        let start = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos());
        let on = start.and_then(hit).map(|n| (n.id.clone(), n.pos, n.radius));
        state.drag = Some(match (on, middle) {
            (_, true) => Drag::Pan,
            (Some((id, centre, radius)), false) => {
                let at_edge = start.is_some_and(|s| (s - centre).length() > radius * 0.7);
                if modifiers.shift || at_edge {
                    Drag::Tie { from: id }
                } else {
                    if !state.selected.contains(&id) {
                        if !modifiers.command {
                            state.selected.clear();
                            state.selected_ties.clear();
                        }
                        state.selected.insert(id.clone());
                    }
                    let ids: Vec<(ActorId, [f64; 2])> = state
                        .selected
                        .iter()
                        .filter_map(|s| index.get(s).map(|&i| (s.clone(), world[i])))
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
            if let (Some(&i), Some(p)) = (index.get(from), pointer) {
                painter.line_segment(
                    [screen[i], p],
                    Stroke::new(2.0, Color32::from_rgb(0xD5, 0x5E, 0x00)),
                );
            }
        }
        Some(Drag::Select { start }) => {
            if let Some(p) = pointer {
                let r = Rect::from_two_pos(*start, p);
                painter.rect_filled(r, 0.0, Color32::from_rgba_unmultiplied(0, 114, 178, 30));
                painter.rect_stroke(
                    r,
                    0.0,
                    Stroke::new(1.0, Color32::from_rgb(0, 114, 178)),
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
                if let Some(to) = pointer.and_then(hit).map(|n| n.id.clone())
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
                    for n in &nodes {
                        if r.contains(n.pos) {
                            state.selected.insert(n.id.clone());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if response.double_clicked() {
        match pointer.and_then(hit) {
            Some(n) => events.push(CanvasEvent::EditActor(n.id.clone())),
            None => {
                if let Some(p) = pointer {
                    events.push(CanvasEvent::AddActorAt(cam.to_world(rect, p)));
                }
            }
        }
    } else if response.clicked() {
        let on = pointer.and_then(hit).map(|n| n.id.clone());
        match on {
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
                let tie = pointer.and_then(|p| nearest_tie(network, &index, &screen, state, p));
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
    if state.drag.is_some() || response.hovered() {
        ui.ctx().request_repaint();
    }
    let tooltip = state
        .hovered
        .as_ref()
        .and_then(|id| network.actor(id))
        .map(|a| {
            let mut s = a.name.clone();
            if !a.role.is_empty() || !a.organisation.is_empty() {
                s.push_str(&format!("\n{} {}", a.role, a.organisation));
            }
            s.push_str(&format!("\n{}", a.sector));
            s
        });
    if let Some(text) = tooltip
        && state.drag.is_none()
    {
        response.on_hover_text_at_pointer(text);
    }
    events
}

/// The tie nearest to `p` within 6 points, if any.
fn nearest_tie(
    network: &Network,
    index: &HashMap<&ActorId, usize>,
    screen: &[Pos2],
    state: &CanvasState,
    p: Pos2,
) -> Option<TieId> {
    let mut best: Option<(f32, &TieId)> = None;
    for t in network.ties() {
        if state.hidden_ties.contains(t.id()) {
            continue;
        }
        let (Some(&a), Some(&b)) = (index.get(t.from()), index.get(t.to())) else {
            continue;
        };
        let (pa, pb) = (screen[a], screen[b]);
        let ab = pb - pa;
        let len2 = ab.length_sq();
        if len2 < 1.0 {
            continue;
        }
        let s = ((p - pa).dot(ab) / len2).clamp(0.0, 1.0);
        let d = (pa + ab * s - p).length();
        if d <= 6.0 && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, t.id()));
        }
    }
    best.map(|(_, id)| id.clone())
}
