//! The map canvas: draws actors (sector colour and shape, size by
//! influence) and ties (kind colour and dash, width by strength, arrows when
//! directed) in one batched mesh, culls what is off screen, thins labels
//! when zoomed out, and turns gestures into [`CanvasEvent`]s for the app.
//! It never changes the network: a drag previews here and becomes one move
//! on release.

use super::shapes::{Outline, Outlines};
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
    /// Names what the network holds: the app sets a new value whenever the
    /// map may have changed (document and history revision), and the canvas
    /// keeps what it derives from the map (indices, colours, tie endpoints)
    /// until it changes. `None` derives everything again every frame.
    pub network_key: Option<u64>,
    highlight: HashSet<ActorId>,
    dim_others: bool,
    focus: Option<HashSet<ActorId>>,
    hidden: HashSet<ActorId>,
    hidden_ties: HashSet<TieId>,
    /// Bumped by every setter of highlight, focus, filters and sizes.
    flags_version: u64,
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
    /// Actor sizes from a chosen measure, each in 0..=1 (1 = the largest on
    /// the map). When `None`, actors are sized by perceived influence; an
    /// actor missing from the map is drawn at the smallest size. Set it
    /// with [`CanvasState::set_sizes`], which tells the canvas to redraw.
    sizes: Option<HashMap<ActorId, f32>>,
    /// Where the canvas was drawn last frame (for tests and tools that need
    /// to turn world positions into screen positions).
    pub last_rect: Option<Rect>,
    cache: Cache,
    dash_texture: Option<DashTexture>,
}

/// The dash texture, kept alive while the canvas is.
struct DashTexture(egui::TextureHandle);

impl std::fmt::Debug for DashTexture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DashTexture")
    }
}

impl CanvasState {
    /// A fresh canvas that frames the whole map on its first frame.
    pub fn fitted() -> Self {
        Self {
            fit_requested: true,
            ..Self::default()
        }
    }

    /// Sizes actors by a measure (each value in 0..=1, 1 = the largest), or
    /// by perceived influence when `None`.
    pub fn set_sizes(&mut self, sizes: Option<HashMap<ActorId, f32>>) {
        self.sizes = sizes;
        self.flags_version += 1;
    }

    /// The sizes set by [`CanvasState::set_sizes`].
    pub fn sizes(&self) -> Option<&HashMap<ActorId, f32>> {
        self.sizes.as_ref()
    }

    /// Emphasises `actors` (search matches); with `dim_others`, everything
    /// else is drawn faint.
    pub fn set_highlight(&mut self, actors: HashSet<ActorId>, dim_others: bool) {
        if self.highlight != actors || self.dim_others != dim_others {
            self.highlight = actors;
            self.dim_others = dim_others;
            self.flags_version += 1;
        }
    }

    /// The emphasised actors.
    pub fn highlight(&self) -> &HashSet<ActorId> {
        &self.highlight
    }

    /// Focuses on these actors (a neighbourhood): everything else is drawn
    /// faint. `None` ends the focus.
    pub fn set_focus(&mut self, actors: Option<HashSet<ActorId>>) {
        if self.focus != actors {
            self.focus = actors;
            self.flags_version += 1;
        }
    }

    /// The focused actors, if a focus is on.
    pub fn focus(&self) -> Option<&HashSet<ActorId>> {
        self.focus.as_ref()
    }

    /// Hides these actors (and their ties) and these ties (filters).
    pub fn set_hidden(&mut self, actors: HashSet<ActorId>, ties: HashSet<TieId>) {
        if self.hidden != actors || self.hidden_ties != ties {
            self.hidden = actors;
            self.hidden_ties = ties;
            self.flags_version += 1;
        }
    }

    /// The actors hidden by filters.
    pub fn hidden(&self) -> &HashSet<ActorId> {
        &self.hidden
    }

    /// The ties hidden by filters.
    pub fn hidden_ties(&self) -> &HashSet<TieId> {
        &self.hidden_ties
    }

    /// Whether `id` is drawn faint (outside the focus or the search).
    pub fn is_dimmed(&self, id: &ActorId) -> bool {
        self.focus.as_ref().is_some_and(|f| !f.contains(id))
            || (self.dim_others && !self.highlight.is_empty() && !self.highlight.contains(id))
    }
}

fn colour(c: Colour) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// World radius of an actor: bigger with perceived influence.
pub fn world_radius(influence: Option<u8>) -> f32 {
    8.0 + 3.0 * f32::from(influence.unwrap_or(2))
}

/// World radius of an actor sized by a measure scaled to 0..=1.
pub fn world_radius_by_measure(size: f32) -> f32 {
    8.0 + 12.0 * size.clamp(0.0, 1.0)
}

/// A fallback position for actors that have none yet: a sunflower spiral.
pub fn fallback_position(i: usize) -> [f64; 2] {
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let r = 40.0 * (i as f64 + 0.5).sqrt();
    let a = i as f64 * golden;
    [r * a.cos(), r * a.sin()]
}

/// One tie as the canvas draws it (in the network's tie order).
#[derive(Clone, Debug)]
struct TieDraw {
    /// Endpoint indices; `None` if an endpoint is not in the map.
    ends: Option<(usize, usize)>,
    colour: Color32,
    dash: Dash,
    strength: f32,
    directed: bool,
}

/// What the canvas derives from the map once per [`CanvasState::network_key`]
/// (and from the filters, focus and sizes once per change), so that a frame
/// only transforms, culls and fills the mesh.
#[derive(Debug, Default)]
struct Cache {
    /// `(network_key, flags_version)` this was built for.
    built_for: Option<(u64, u64)>,
    network_built: Option<u64>,
    world: Vec<[f64; 2]>,
    fill: Vec<Color32>,
    shape: Vec<Shape>,
    weight: Vec<f32>,
    /// Actor indices, most influential first (label priority).
    label_order: Vec<usize>,
    ties: Vec<TieDraw>,
    radius: Vec<f32>,
    hidden: Vec<bool>,
    dimmed: Vec<bool>,
    tie_hidden: Vec<bool>,
    /// Reused from frame to frame (its allocation, that is).
    meshes: [std::sync::Arc<Mesh>; 3],
    /// Ties drawn last frame (decides anti-aliasing this frame).
    ties_in_view: usize,
}

/// Anti-alias while at most this many actors and ties are in view.
const AA_ACTORS: usize = 3000;
const AA_TIES: usize = 10000;

impl Cache {
    fn rebuild_network(&mut self, network: &Network) {
        let actors = network.actors();
        let sectors: HashMap<&str, (Color32, Shape)> = network
            .sectors
            .iter()
            .map(|s| (s.name.as_str(), (colour(s.colour), s.shape)))
            .collect();
        self.world = actors
            .iter()
            .enumerate()
            .map(|(i, a)| match (a.x, a.y) {
                (Some(x), Some(y)) => [x, y],
                _ => fallback_position(i),
            })
            .collect();
        (self.fill, self.shape) = actors
            .iter()
            .map(|a| {
                sectors
                    .get(a.sector.as_str())
                    .copied()
                    .unwrap_or((Color32::GRAY, Shape::Circle))
            })
            .unzip();
        self.weight = actors
            .iter()
            .map(|a| f32::from(a.influence.unwrap_or(2)))
            .collect();
        let mut order: Vec<usize> = (0..actors.len()).collect();
        order.sort_by(|&x, &y| self.weight[y].total_cmp(&self.weight[x]).then(x.cmp(&y)));
        self.label_order = order;
        let kinds: HashMap<&str, (Color32, Dash)> = network
            .tie_kinds
            .iter()
            .map(|k| (k.name.as_str(), (colour(k.colour), k.dash)))
            .collect();
        self.ties = network
            .ties()
            .iter()
            .map(|t| {
                let ends = network
                    .actor_position(t.from())
                    .zip(network.actor_position(t.to()));
                let (colour, dash) = kinds
                    .get(t.kind.as_str())
                    .copied()
                    .unwrap_or((Color32::GRAY, Dash::Solid));
                TieDraw {
                    ends,
                    colour,
                    dash,
                    strength: t.strength.clamp(0.0, 5.0) as f32,
                    directed: t.directed,
                }
            })
            .collect();
    }

    fn rebuild_flags(&mut self, network: &Network, state: &CanvasState) {
        let actors = network.actors();
        self.radius = actors
            .iter()
            .map(|a| match &state.sizes {
                Some(sizes) => world_radius_by_measure(sizes.get(a.id()).copied().unwrap_or(0.0)),
                None => world_radius(a.influence),
            })
            .collect();
        self.hidden = vec![false; actors.len()];
        for id in &state.hidden {
            if let Some(i) = network.actor_position(id)
                && let Some(h) = self.hidden.get_mut(i)
            {
                *h = true;
            }
        }
        self.dimmed = actors.iter().map(|a| state.is_dimmed(a.id())).collect();
        self.tie_hidden = vec![false; network.ties().len()];
        for id in &state.hidden_ties {
            if let Some(i) = network.tie_position(id)
                && let Some(h) = self.tie_hidden.get_mut(i)
            {
                *h = true;
            }
        }
    }

    /// Brings the cache up to date with the map and the canvas state.
    fn update(&mut self, network: &Network, state: &CanvasState) {
        let key = state.network_key;
        let fresh_network = match (key, self.network_built) {
            (Some(k), Some(b)) => {
                k == b
                    && self.world.len() == network.actors().len()
                    && self.ties.len() == network.ties().len()
            }
            _ => false,
        };
        if !fresh_network {
            self.rebuild_network(network);
            self.network_built = key;
        }
        let want = key.map(|k| (k, state.flags_version));
        if !fresh_network || want.is_none() || self.built_for != want {
            self.rebuild_flags(network, state);
            self.built_for = want;
        }
    }
}

/// The dash patterns as (length, drawn) runs in points at line width 1.
fn dash_pattern(dash: Dash) -> &'static [(f32, bool)] {
    match dash {
        Dash::Solid => &[(1.0, true)],
        Dash::Dashed => &[(9.0, true), (6.0, false)],
        Dash::Dotted => &[(2.5, true), (4.0, false)],
        Dash::DashDot => &[(9.0, true), (4.0, false), (2.5, true), (4.0, false)],
    }
}

/// The dash texture: one band of texels per pattern, `DASH_TEXELS` wide,
/// holding `dash_repeats` whole periods so it tiles seamlessly.
const DASH_TEXELS: usize = 32;
const DASH_BAND: usize = 4;
const DASHES: [Dash; 3] = [Dash::Dashed, Dash::Dotted, Dash::DashDot];

fn dash_repeats(dash: Dash) -> f32 {
    match dash {
        Dash::Dotted => 5.0,
        _ => 2.0,
    }
}

fn dash_period(dash: Dash) -> f32 {
    dash_pattern(dash).iter().map(|(l, _)| l).sum()
}

/// Texture row (v) and the points one texture width covers, for `dash`.
fn dash_band(dash: Dash) -> (f32, f32) {
    let k = DASHES.iter().position(|&d| d == dash).unwrap_or(0);
    let v = (k * DASH_BAND) as f32 + DASH_BAND as f32 / 2.0;
    (
        v / (DASHES.len() * DASH_BAND) as f32,
        dash_period(dash) * dash_repeats(dash),
    )
}

/// Rasterises the dash patterns (white, alpha = coverage) into the texture
/// the dashed ties are drawn with: a dashed tie is then one textured quad,
/// however long it is on screen.
fn dash_image() -> egui::ColorImage {
    let height = DASHES.len() * DASH_BAND;
    let mut pixels = vec![Color32::TRANSPARENT; DASH_TEXELS * height];
    for (k, &dash) in DASHES.iter().enumerate() {
        let pattern = dash_pattern(dash);
        let period = dash_period(dash);
        let span = period * dash_repeats(dash);
        let on = |t: f32| {
            let mut t = t.rem_euclid(period);
            for &(l, drawn) in pattern {
                if t < l {
                    return drawn;
                }
                t -= l;
            }
            false
        };
        for x in 0..DASH_TEXELS {
            let samples = 16;
            let covered = (0..samples)
                .filter(|j| {
                    let u = (x as f32 + (*j as f32 + 0.5) / samples as f32) / DASH_TEXELS as f32;
                    on(u * span)
                })
                .count();
            let alpha = (255 * covered / samples) as u8;
            for y in k * DASH_BAND..(k + 1) * DASH_BAND {
                if let Some(p) = pixels.get_mut(y * DASH_TEXELS + x) {
                    *p = Color32::from_white_alpha(alpha);
                }
            }
        }
    }
    egui::ColorImage::new([DASH_TEXELS, height], pixels)
}

/// How a line is textured: plain (the font atlas's white texel) or with a
/// dash pattern: its band `v` and the texture widths `u` along its length.
#[derive(Clone, Copy)]
enum Texture {
    Plain,
    Dashes { v: f32, span: f32 },
}

/// Adds a thick line as one quad, or, with `feather` > 0, as a quad with a
/// band of `feather` points either side fading to transparent (how egui
/// anti-aliases, without multisampling). A dashed line is one quad textured
/// with the dash pattern, however long it is on screen.
fn line(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, c: Color32, texture: Texture, feather: f32) {
    let d = b - a;
    let len = d.length();
    if len < 0.01 {
        return;
    }
    let (v, u) = match texture {
        Texture::Plain => (egui::epaint::WHITE_UV.y, None),
        // Dashes grow with the square root of the width, as they did when
        // they were drawn piece by piece.
        Texture::Dashes { v, span } => (v, Some(len / (span * width.max(1.0).sqrt()))),
    };
    let uv = |end: f32| match u {
        Some(u) => egui::pos2(u * end, v),
        None => egui::epaint::WHITE_UV,
    };
    let n = vec2(-d.y, d.x) / len;
    let i = mesh.vertices.len() as u32;
    let mut push = |pos: Pos2, end: f32, color: Color32| {
        mesh.vertices.push(egui::epaint::Vertex {
            pos,
            uv: uv(end),
            color,
        });
    };
    if feather <= 0.0 {
        let h = n * (width / 2.0);
        push(a + h, 0.0, c);
        push(a - h, 0.0, c);
        push(b - h, 1.0, c);
        push(b + h, 1.0, c);
        mesh.add_triangle(i, i + 1, i + 2);
        mesh.add_triangle(i, i + 2, i + 3);
        return;
    }
    // A line thinner than the feather fades instead of thinning further.
    let c = if width < feather {
        c.gamma_multiply(width / feather)
    } else {
        c
    };
    let inner = n * ((width - feather).max(0.0) / 2.0);
    let outer = inner + n * feather;
    for (p, end) in [(a, 0.0), (b, 1.0)] {
        push(p + outer, end, Color32::TRANSPARENT);
        push(p + inner, end, c);
        push(p - inner, end, c);
        push(p - outer, end, Color32::TRANSPARENT);
    }
    for j in 0..3 {
        mesh.add_triangle(i + j, i + j + 1, i + 4 + j);
        mesh.add_triangle(i + j + 1, i + 5 + j, i + 4 + j);
    }
}

/// Fills an outline around `centre`: a fan from the first corner for convex
/// shapes, from the centre for the others; with `feather` > 0, its edge
/// fades to transparent over `feather` points (anti-aliased).
fn polygon(
    mesh: &mut Mesh,
    centre: Pos2,
    radius: f32,
    outline: &Outline,
    fill: Color32,
    feather: f32,
) {
    let i = mesh.vertices.len() as u32;
    let k = outline.points.len() as u32;
    if k < 3 {
        return;
    }
    let inner = (radius - feather / 2.0).max(0.5);
    for p in &outline.points {
        mesh.colored_vertex(centre + vec2(p[0], p[1]) * inner, fill);
    }
    if outline.convex {
        for j in 1..k - 1 {
            mesh.add_triangle(i, i + j, i + j + 1);
        }
    } else {
        mesh.colored_vertex(centre, fill);
        for j in 0..k {
            mesh.add_triangle(i + k, i + j, i + (j + 1) % k);
        }
    }
    if feather > 0.0 {
        let o = mesh.vertices.len() as u32;
        let outer = radius + feather / 2.0;
        for p in &outline.points {
            mesh.colored_vertex(centre + vec2(p[0], p[1]) * outer, Color32::TRANSPARENT);
        }
        for j in 0..k {
            let next = (j + 1) % k;
            mesh.add_triangle(i + j, o + j, o + next);
            mesh.add_triangle(i + j, o + next, i + next);
        }
    }
}

fn dim(c: Color32, dimmed: bool) -> Color32 {
    if dimmed { c.gamma_multiply(0.18) } else { c }
}

/// Takes the mesh kept from the last frame (keeping its allocation) if
/// egui has let go of it, else starts a new one.
fn reuse(slot: &mut std::sync::Arc<Mesh>) -> Mesh {
    match std::sync::Arc::get_mut(slot) {
        Some(m) => {
            let mut m = std::mem::take(m);
            m.clear();
            m
        }
        None => Mesh::default(),
    }
}

const SELECTED: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);

/// Draws the map and handles its gestures; returns what the user asked for.
///
/// Per frame this transforms every actor, culls what is off screen and
/// fills three meshes (solid ties, dashed ties, actors); what depends only
/// on the map is derived once per [`CanvasState::network_key`].
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

    let mut cache = std::mem::take(&mut state.cache);
    cache.update(network, state);
    let n = network.actors().len();

    // Positions, with the drag or animated layout applied.
    let mut moved: Option<Vec<[f64; 2]>> = None;
    if let Some(Drag::Move { start, offset, .. }) = &state.drag {
        let w = moved.get_or_insert_with(|| cache.world.clone());
        for (id, p) in start {
            if let Some(q) = network.actor_position(id).and_then(|i| w.get_mut(i)) {
                *q = [p[0] + offset[0], p[1] + offset[1]];
            }
        }
    }
    if !state.preview.is_empty() {
        let w = moved.get_or_insert_with(|| cache.world.clone());
        for (id, p) in &state.preview {
            if let Some(q) = network.actor_position(id).and_then(|i| w.get_mut(i)) {
                *q = *p;
            }
        }
    }
    let world: &[[f64; 2]] = moved.as_deref().unwrap_or(&cache.world);
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

    // Zoom to the cursor (wheel, pinch) — only while the pointer is here.
    if let Some(pointer) = response.hover_pos() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
        let factor = zoom * (scroll.y / 400.0).exp();
        if (factor - 1.0).abs() > 1e-4 {
            state.camera.zoom_at(rect, pointer, factor);
        }
    }

    let cam = state.camera;
    let screen: Vec<Pos2> = world.iter().map(|&p| cam.to_screen(rect, p)).collect();
    let visible_rect = rect.expand(60.0);
    let radius_scale = cam.zoom.sqrt().clamp(0.25, 3.0);
    let radius: Vec<f32> = cache
        .radius
        .iter()
        .map(|r| (r * radius_scale).clamp(2.0, 60.0))
        .collect();
    let mut selected = vec![false; n];
    for id in &state.selected {
        if let Some(s) = network.actor_position(id).and_then(|i| selected.get_mut(i)) {
            *s = true;
        }
    }
    let flag = |v: &[bool], i: usize| v.get(i).copied().unwrap_or(false);

    // The actors drawn this frame, in map order (later ones on top).
    let visible: Vec<usize> = (0..n)
        .filter(|&i| !flag(&cache.hidden, i) && visible_rect.contains(screen[i]))
        .collect();

    // Hit testing: the topmost (last drawn) actor under the pointer.
    let pointer = response.hover_pos().or(response.interact_pointer_pos());
    let hit = |p: Pos2| -> Option<usize> {
        visible
            .iter()
            .rev()
            .copied()
            .find(|&i| (screen[i] - p).length() <= radius[i] + 3.0)
    };
    let hovered = response.hover_pos().and_then(hit);
    state.hovered = hovered.map(|i| network.actors()[i].id().clone());
    let id_of = |i: usize| network.actors()[i].id().clone();

    // Ties: solid ones and arrowheads in one mesh, dashed ones in another
    // (one textured quad each).
    let mut solid = reuse(&mut cache.meshes[0]);
    let mut dashes = reuse(&mut cache.meshes[1]);
    let texture = state
        .dash_texture
        .get_or_insert_with(|| {
            DashTexture(ui.ctx().load_texture(
                "bridgework-dashes",
                dash_image(),
                egui::TextureOptions {
                    magnification: egui::TextureFilter::Linear,
                    minification: egui::TextureFilter::Linear,
                    wrap_mode: egui::TextureWrapMode::Repeat,
                    mipmap_mode: None,
                },
            ))
        })
        .0
        .id();
    dashes.texture_id = texture;
    let mut tie_selected = vec![false; cache.ties.len()];
    for id in &state.selected_ties {
        if let Some(s) = network
            .tie_position(id)
            .and_then(|i| tie_selected.get_mut(i))
        {
            *s = true;
        }
    }
    let line_scale = style.line_scale * radius_scale.min(1.5);
    // Anti-alias (feather edges by one pixel) while the view is small
    // enough for it to be cheap; a crowded view is drawn crisp-edged, which
    // at that density looks the same.
    let pixel = 1.0 / ui.ctx().pixels_per_point();
    let feather = if visible.len() <= AA_ACTORS && cache.ties_in_view <= AA_TIES {
        pixel
    } else {
        0.0
    };
    let mut tie_count = 0;
    for (k, t) in cache.ties.iter().enumerate() {
        let Some((a, b)) = t.ends else { continue };
        if a == b || flag(&cache.tie_hidden, k) || flag(&cache.hidden, a) || flag(&cache.hidden, b)
        {
            continue;
        }
        let (pa, pb) = (screen[a], screen[b]);
        if !Rect::from_two_pos(pa, pb).intersects(visible_rect) {
            continue;
        }
        let selected = flag(&tie_selected, k);
        let dimmed = flag(&cache.dimmed, a) || flag(&cache.dimmed, b);
        let c = dim(if selected { SELECTED } else { t.colour }, dimmed);
        let width =
            ((0.6 + 0.45 * t.strength) * line_scale).max(0.8) + if selected { 2.0 } else { 0.0 };
        let dir = (pb - pa).normalized();
        let start = pa + dir * radius[a];
        let end = pb - dir * radius[b];
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
            Dash::Solid => line(
                &mut solid,
                start,
                line_end,
                width,
                c,
                Texture::Plain,
                feather,
            ),
            dash => {
                let (v, span) = dash_band(dash);
                line(
                    &mut dashes,
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
                    line(&mut solid, p, q, feather, c, Texture::Plain, feather);
                }
            }
        }
    }
    cache.ties_in_view = tie_count;

    // Actors: an outline then the fill, the outline left out when an actor
    // is too small on screen for it to show.
    let mut nodes = reuse(&mut cache.meshes[2]);
    let edge = if style.background.r() < 128 {
        Color32::from_gray(230)
    } else {
        Color32::from_gray(40)
    };
    let outlines = Outlines::get();
    for &i in &visible {
        let r = radius[i];
        let shape = cache.shape.get(i).copied().unwrap_or(Shape::Circle);
        let outline = outlines.of(shape, r);
        let dimmed = flag(&cache.dimmed, i);
        let ringed = selected[i] || r >= 5.0;
        if selected[i] {
            polygon(&mut nodes, screen[i], r + 4.0, outline, SELECTED, feather);
        } else if ringed {
            polygon(
                &mut nodes,
                screen[i],
                r + 1.2,
                outline,
                dim(edge, dimmed),
                feather,
            );
        }
        let fill = cache.fill.get(i).copied().unwrap_or(Color32::GRAY);
        let fill_feather = if ringed { 0.0 } else { feather };
        polygon(
            &mut nodes,
            screen[i],
            r,
            outline,
            dim(fill, dimmed),
            fill_feather,
        );
    }
    for (slot, mesh) in cache.meshes.iter_mut().zip([solid, dashes, nodes]) {
        *slot = std::sync::Arc::new(mesh);
        if !slot.is_empty() {
            painter.add(egui::Shape::Mesh(slot.clone()));
        }
    }

    // Labels: selected, hovered and searched-for actors first, then the most
    // influential; skip any that would overlap one already placed, and draw
    // none that are too small to read.
    if style.labels {
        let size = (11.0 * style.label_scale * cam.zoom.sqrt().clamp(0.6, 1.6)).round();
        let max_labels = if cam.zoom < 0.3 { 40 } else { 400 };
        let is_visible = |i: usize| visible_rect.contains(screen[i]) && !flag(&cache.hidden, i);
        let mut important: Vec<usize> = state
            .selected
            .iter()
            .chain(state.hovered.iter())
            .filter_map(|id| network.actor_position(id))
            .filter(|&i| is_visible(i))
            .collect();
        important.sort_unstable();
        important.dedup();
        let mut searched: Vec<usize> = if state.dim_others {
            state
                .highlight
                .iter()
                .filter_map(|id| network.actor_position(id))
                .filter(|&i| is_visible(i))
                .collect()
        } else {
            Vec::new()
        };
        searched.sort_unstable_by(|&x, &y| {
            let w = |i: usize| cache.weight.get(i).copied().unwrap_or(0.0);
            w(y).total_cmp(&w(x)).then(x.cmp(&y))
        });
        let mut placed = LabelGrid::new(rect);
        let mut backdrops = Mesh::default();
        let mut texts: Vec<egui::Shape> = Vec::new();
        let font = FontId::proportional(size);
        let candidates = important
            .iter()
            .map(|&i| (i, true))
            .chain(searched.iter().map(|&i| (i, false)))
            .chain(
                cache
                    .label_order
                    .iter()
                    .copied()
                    .filter(|&i| !flag(&cache.dimmed, i) || state.focus.is_none())
                    .filter(|&i| is_visible(i))
                    .map(|i| (i, false)),
            );
        for (tried, (i, must)) in candidates.enumerate() {
            // The must-haves come first, so the rest can stop at the limits.
            if !must && (placed.count >= max_labels || size < 7.0 || tried >= 4 * max_labels) {
                break;
            }
            let Some(actor) = network.actors().get(i) else {
                continue;
            };
            let galley =
                painter.layout_no_wrap(actor.name.clone(), font.clone(), Color32::PLACEHOLDER);
            let pos = screen[i] + vec2(-galley.size().x / 2.0, radius[i] + 2.0);
            let r = Rect::from_min_size(pos, galley.size()).expand(1.0);
            if !must && placed.overlaps(r) {
                continue;
            }
            let dimmed = flag(&cache.dimmed, i);
            backdrops.add_colored_rect(
                r,
                style
                    .background
                    .gamma_multiply(if dimmed { 0.3 } else { 0.75 }),
            );
            texts.push(egui::Shape::galley(pos, galley, dim(style.text, dimmed)));
            placed.insert(r);
        }
        // One mesh of backdrops under all the texts. A clip rectangle a
        // hair smaller than the canvas's keeps them out of the actors' big
        // mesh when egui tessellates (appending to it would copy it all).
        let labels = painter.with_clip_rect(rect.shrink(0.01));
        labels.add(egui::Shape::mesh(backdrops));
        labels.extend(texts);
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
        let on = start.and_then(hit);
        state.drag = Some(match (on, middle) {
            (_, true) => Drag::Pan,
            (Some(i), false) => {
                let id = id_of(i);
                let at_edge = start.is_some_and(|s| (s - screen[i]).length() > radius[i] * 0.7);
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
                            let p = network.actor_position(s).and_then(|i| world.get(i))?;
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
            if let (Some(i), Some(p)) = (network.actor_position(from), pointer) {
                painter.line_segment([screen[i], p], Stroke::new(2.0, SELECTED));
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
                if let Some(to) = pointer.and_then(hit).map(id_of)
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
                    for &i in &visible {
                        if r.contains(screen[i]) {
                            state.selected.insert(id_of(i));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if response.double_clicked() {
        match pointer.and_then(hit) {
            Some(i) => events.push(CanvasEvent::EditActor(id_of(i))),
            None => {
                if let Some(p) = pointer {
                    events.push(CanvasEvent::AddActorAt(cam.to_world(rect, p)));
                }
            }
        }
    } else if response.clicked() {
        match pointer.and_then(hit).map(id_of) {
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
                let tie = pointer.and_then(|p| nearest_tie(network, &cache, &screen, p));
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
    state.cache = cache;
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

/// Placed label rectangles in a coarse grid, so that checking a new label
/// against hundreds of placed ones looks only at its neighbours.
struct LabelGrid {
    origin: Pos2,
    cols: usize,
    rows: usize,
    cells: Vec<Vec<Rect>>,
    count: usize,
}

const LABEL_CELL: f32 = 64.0;

impl LabelGrid {
    fn new(rect: Rect) -> Self {
        let cols = (rect.width() / LABEL_CELL).ceil().max(1.0) as usize + 1;
        let rows = (rect.height() / LABEL_CELL).ceil().max(1.0) as usize + 1;
        Self {
            origin: rect.min,
            cols,
            rows,
            cells: vec![Vec::new(); cols * rows],
            count: 0,
        }
    }

    fn cells(&self, r: Rect) -> impl Iterator<Item = usize> + use<> {
        let cell = |v: f32, max: usize| ((v / LABEL_CELL).floor().max(0.0) as usize).min(max - 1);
        let (c0, c1) = (
            cell(r.min.x - self.origin.x, self.cols),
            cell(r.max.x - self.origin.x, self.cols),
        );
        let (r0, r1) = (
            cell(r.min.y - self.origin.y, self.rows),
            cell(r.max.y - self.origin.y, self.rows),
        );
        let cols = self.cols;
        (r0..=r1).flat_map(move |y| (c0..=c1).map(move |x| y * cols + x))
    }

    fn overlaps(&self, r: Rect) -> bool {
        self.cells(r).any(|c| {
            self.cells
                .get(c)
                .is_some_and(|v| v.iter().any(|p| p.intersects(r)))
        })
    }

    fn insert(&mut self, r: Rect) {
        for c in self.cells(r) {
            if let Some(v) = self.cells.get_mut(c) {
                v.push(r);
            }
        }
        self.count += 1;
    }
}

/// The tie nearest to `p` within 6 points, if any.
fn nearest_tie(network: &Network, cache: &Cache, screen: &[Pos2], p: Pos2) -> Option<TieId> {
    let mut best: Option<(f32, usize)> = None;
    for (k, t) in cache.ties.iter().enumerate() {
        let Some((a, b)) = t.ends else { continue };
        if cache.tie_hidden.get(k).copied().unwrap_or(false) {
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
