//! The map canvas: draws actors (sector colour and shape, size by
//! influence) and ties (kind colour and dash, width by strength, arrows when
//! directed) in a few batched meshes, culls what is off screen, thins labels
//! when zoomed out, and turns gestures into [`CanvasEvent`]s for the app.
//! It never changes the network: a drag previews here and becomes one move
//! on release.
//!
//! [`canvas_ui`] draws a frame in phases, one file each:
//! 1. [`cache`]: what is derived from the map once per network key, and
//!    from the setters once per change;
//! 2. [`camera`]: fit and centre requests, zoom to the cursor;
//! 3. [`frame`]: the positions shown (drag or layout preview applied),
//!    every actor on screen, culling, hit testing;
//! 4. [`highlights`]: selection, hover, search and focus as looks;
//! 5. [`ties`] and [`actors`]: the meshes, from the primitives in [`mesh`];
//! 6. [`labels`]: label placement;
//! 7. [`gestures`]: pointer input → [`CanvasEvent`]s.

mod actors;
mod budget;
mod cache;
mod camera;
mod frame;
mod gestures;
mod highlights;
mod keyboard;
mod labels;
mod mesh;
mod overlay;
mod ties;

pub use crate::drawing::{fallback_position, world_radius, world_radius_by_measure};
pub use camera::Camera;
pub use overlay::{ActorMark, KeyEntry, Overlay, Swatch, Tone, swatch_ui};

use crate::model::{ActorId, Network, TieId};
use cache::Cache;
use egui::{Color32, Rect, Sense};
use frame::Frame;
use gestures::Drag;
use highlights::Highlights;
use mesh::{DashTexture, Meshes};
use std::collections::{BTreeSet, HashMap, HashSet};

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
    /// Enter on the actor the keyboard is on: open it in the inspector.
    OpenActor(ActorId),
}

/// How the canvas shows the map (set by the app from the view menu and
/// projector mode).
#[derive(Clone, Debug, PartialEq)]
pub struct CanvasStyle {
    /// Multiplies every label size.
    pub label_scale: f32,
    /// Multiplies every line width.
    pub line_scale: f32,
    /// The smallest label size (points): labels are never drawn smaller
    /// (projection).
    pub min_label_size: f32,
    /// Draw labels at all.
    pub labels: bool,
    /// Background colour.
    pub background: Color32,
    /// Text colour.
    pub text: Color32,
}

impl Default for CanvasStyle {
    fn default() -> Self {
        crate::drawing::Theme::light().into()
    }
}

impl From<crate::drawing::Theme> for CanvasStyle {
    fn from(t: crate::drawing::Theme) -> Self {
        Self {
            label_scale: t.label_scale,
            line_scale: t.line_scale,
            min_label_size: t.min_label_size,
            labels: t.labels,
            background: cache::colour(t.background),
            text: cache::colour(t.text),
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
    /// An insight drawn over the map (see [`overlay`]).
    overlay: Option<Overlay>,
    /// Bumped by every setter of highlight, focus, filters and sizes.
    flags_version: u64,
    /// Frame the whole map on the next frame.
    pub fit_requested: bool,
    /// Centre on this actor on the next frame.
    pub centre_on: Option<ActorId>,
    drag: Option<Drag>,
    /// The actor under the pointer.
    pub hovered: Option<ActorId>,
    /// The actor the context menu was opened on.
    menu_actor: Option<ActorId>,
    /// The actor the keyboard is on (Tab, the arrow keys; see [`keyboard`]).
    pub keyboard_focus: Option<ActorId>,
    /// The canvas widget's id (its keyboard focus is not typing).
    pub widget_id: Option<egui::Id>,
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
    /// The camera and rectangle of the last frame (to tell whether the
    /// view is moving).
    last_view: Option<(Camera, Rect)>,
    /// Ties were left out last frame because the view moved.
    ties_skipped: bool,
    /// How much tie length a moving frame may draw on this machine.
    tie_budget: budget::TieBudget,
    /// Ties left out of the last frame at rest (level of detail on a slow
    /// renderer); said on the map.
    pub ties_left_out: usize,
    cache: Cache,
    meshes: Meshes,
    dash_texture: Option<DashTexture>,
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

    /// Whether everyone but the emphasised actors is drawn faint.
    pub fn dim_others(&self) -> bool {
        self.dim_others
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

    /// Draws an insight over the map (`None`: none). Compared in place:
    /// setting the same overlay again costs nothing.
    pub fn set_overlay(&mut self, overlay: Option<Overlay>) {
        if self.overlay != overlay {
            self.overlay = overlay;
            self.flags_version += 1;
        }
    }

    /// The insight drawn over the map.
    pub fn overlay(&self) -> Option<&Overlay> {
        self.overlay.as_ref()
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
    canvas_ui_with_menu(ui, network, state, style, &mut |_, _| {})
}

/// [`canvas_ui`] with a context menu: a right-click on an actor selects it
/// (unless it is selected already, so the menu acts on the whole
/// selection) and opens a menu that `menu` fills, given the actor.
pub fn canvas_ui_with_menu(
    ui: &mut egui::Ui,
    network: &Network,
    state: &mut CanvasState,
    style: &CanvasStyle,
    menu: &mut dyn FnMut(&mut egui::Ui, &ActorId),
) -> Vec<CanvasEvent> {
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, style.background);
    state.last_rect = Some(rect);

    let mut cache = std::mem::take(&mut state.cache);
    cache.update(network, state);
    let world = frame::shown_positions(network, state, &cache);
    camera::follow_requests(state, network, rect, &world);
    camera::wheel_zoom(ui, &response, rect, &mut state.camera);
    let frame = Frame::new(&cache, world, state.camera, rect);

    state.hovered = response
        .hover_pos()
        .and_then(|p| frame.hit(p))
        .and_then(|i| network.actors().get(i))
        .map(|a| a.id().clone());
    let looks = Highlights::new(network, state);
    let arrows = draw_meshes(ui, &painter, state, style, &cache, &frame, &looks);
    let names = labels::draw_labels(&painter, network, state, style, &cache, &frame);
    overlay::draw_badges(&painter, &cache, &frame, style.background);
    // Arrowheads over the labels' backdrops, so that a label under its
    // actor never hides the heads of the ties pointing at it, and the
    // names over the arrowheads, so that no head hides a letter or an
    // accent; each in a clip rectangle of its own, so egui does not
    // append one to the other's mesh.
    state
        .meshes
        .paint_arrows(&painter.with_clip_rect(rect.shrink(0.02)), arrows);
    painter.with_clip_rect(rect.shrink(0.03)).extend(names);
    let mut events =
        gestures::handle_gestures(ui, &response, &painter, network, state, &cache, &frame);
    state.widget_id = Some(response.id);
    events.extend(keyboard::keyboard_ui(
        ui, &response, network, state, &cache, &frame, style.text,
    ));
    drop(frame);
    state.cache = cache;

    if gesture_changed_view(&response) || state.ties_skipped {
        ui.ctx().request_repaint();
    }
    if response.secondary_clicked() {
        state.menu_actor = state.hovered.clone();
        if let Some(id) = &state.menu_actor
            && !state.selected.contains(id)
        {
            state.selected = [id.clone()].into_iter().collect();
            state.selected_ties.clear();
        }
    }
    if let Some(id) = state.menu_actor.clone() {
        response.context_menu(|ui| menu(ui, &id));
    }
    tooltip(network, state, response);
    if let Some(o) = &state.overlay {
        overlay::key_ui(ui, rect, o, style.background);
    }
    if state.ties_left_out > 0 {
        ui.painter().text(
            rect.right_bottom() + egui::vec2(-8.0, -6.0),
            egui::Align2::RIGHT_BOTTOM,
            format!(
                "Strongest ties drawn: {} left out at this zoom on this renderer; zoom in to see them",
                state.ties_left_out
            ),
            egui::FontId::proportional(12.0),
            style.text.gamma_multiply(0.8),
        );
    }
    events
}

/// Whether this frame's gesture changed what the canvas shows after it was
/// drawn (a selection on click, a pan, a drag that started or ended), so
/// one more frame is needed to show it.
///
/// Nothing else asks for a frame: a canvas at rest, hovered or not, costs
/// nothing. egui itself runs a frame for every pointer move (hover follows
/// the pointer), one more after any frame with input, and one per frame
/// while a wheel or pinch zoom is still being smoothed
/// (`InputState::wants_repaint_after`), so a wheel zoom plays out whole;
/// fit and centre requests are carried out before the frame is drawn.
/// A drag held still asks for nothing, as nothing moves. (A frame that left
/// ties out while the view moved also asks for one more, drawn whole.)
fn gesture_changed_view(response: &egui::Response) -> bool {
    response.drag_started()
        || response.drag_stopped()
        || response.drag_delta() != egui::Vec2::ZERO
        || response.clicked()
        || response.double_clicked()
}

/// Fills the tie and actor meshes and hands them to `painter`; returns
/// the arrowheads, to be painted over the labels.
fn draw_meshes(
    ui: &egui::Ui,
    painter: &egui::Painter,
    state: &mut CanvasState,
    style: &CanvasStyle,
    cache: &Cache,
    frame: &Frame,
    looks: &Highlights,
) -> egui::Mesh {
    let mut layers = state.meshes.take();
    layers.dashes.texture_id = DashTexture::id(&mut state.dash_texture, ui.ctx());
    let line_scale = style.line_scale * frame.radius_scale.min(1.5);
    let feather = state
        .meshes
        .feather(frame.visible.len(), ui.ctx().pixels_per_point());
    let pixel = 1.0 / ui.ctx().pixels_per_point();
    // While the view moves (pan, zoom), a crowded map draws its strongest
    // ties up to a budget; the frame after it comes to rest draws them all.
    let view = (frame.cam, frame.rect);
    let moving = state.last_view.is_some_and(|v| v != view);
    state.last_view = Some(view);
    let dt = ui.input(|i| i.unstable_dt);
    let tie_style = ties::TieStyle {
        line_scale,
        feather,
        pixel,
        budget: state.tie_budget.for_frame(moving, dt),
    };
    let drawn = ties::draw_ties(cache, frame, looks, &tie_style, &mut layers);
    state.meshes.ties_in_view = drawn.count;
    state.tie_budget.drew(drawn.skipped > 0);
    // Left out while moving: the frame at rest draws them. Left out at
    // rest (a slow renderer, zoomed out): said on the map.
    state.ties_skipped = moving && drawn.skipped > 0;
    state.ties_left_out = if moving { 0 } else { drawn.skipped };
    actors::draw_actors(
        cache,
        frame,
        looks,
        style.background,
        feather,
        &mut layers.nodes,
    );
    state.meshes.paint_under_labels(painter, layers)
}

/// The hovered actor's name, role, organisation and sector by the pointer
/// (not while dragging).
fn tooltip(network: &Network, state: &CanvasState, response: egui::Response) {
    let text = state
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
    if let Some(text) = text
        && state.drag.is_none()
    {
        response.on_hover_text_at_pointer(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateOptions, generate};

    fn frame(ctx: &egui::Context, network: &Network, state: &mut CanvasState) {
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1920.0, 1080.0),
            )),
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| {
            egui::CentralPanel::no_frame().show(ui, |ui| {
                canvas_ui(ui, network, state, &CanvasStyle::default());
            });
        });
        out.textures_delta.clear();
    }

    #[test]
    fn a_moving_view_of_a_crowded_map_draws_ties_to_a_budget_then_all_at_rest() {
        let network = generate(&GenerateOptions {
            actors: 5000,
            ..GenerateOptions::default()
        });
        let ctx = egui::Context::default();
        let mut state = CanvasState::fitted();
        state.network_key = Some(1);
        // egui asks for a few frames of its own at the start.
        for _ in 0..4 {
            frame(&ctx, &network, &mut state);
        }
        let all = state.meshes.ties_in_view;
        assert!(!ctx.has_requested_repaint());
        assert!(all > 10_000, "{all}");
        // Zoom a little, as one frame of a wheel zoom does.
        state.camera.zoom *= 1.05;
        frame(&ctx, &network, &mut state);
        let moving = state.meshes.ties_in_view;
        assert!(moving < all / 2, "{moving} of {all}");
        assert!(ctx.has_requested_repaint(), "asks for the frame at rest");
        frame(&ctx, &network, &mut state);
        assert_eq!(state.meshes.ties_in_view, all);
        // egui runs one more frame after a request; then all is still.
        frame(&ctx, &network, &mut state);
        assert!(!ctx.has_requested_repaint());
    }
}
