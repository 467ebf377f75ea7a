//! Labels: selected, hovered and searched-for actors first, then the most
//! influential; any that would overlap one already placed is skipped
//! (checked through a [`LabelGrid`], so each check stays local), and none
//! are drawn too small to read.

use super::cache::Cache;
use super::frame::Frame;
use super::highlights::dim;
use super::{CanvasState, CanvasStyle};
use crate::model::Network;
use egui::{Color32, FontId, Mesh, Pos2, Rect, vec2};

/// Places the labels of `frame` and paints their backdrops with `painter`;
/// returns the names, for the caller to paint over the arrowheads.
pub(super) fn draw_labels(
    painter: &egui::Painter,
    network: &Network,
    state: &CanvasState,
    style: &CanvasStyle,
    cache: &Cache,
    frame: &Frame,
) -> Vec<egui::Shape> {
    if !style.labels {
        return Vec::new();
    }
    let (rect, screen, radius) = (frame.rect, &frame.screen, &frame.radius);
    let zoom = frame.cam.zoom;
    let size = crate::drawing::label_size(zoom, style.label_scale, style.min_label_size);
    // Fewer labels the further out: each costs a backdrop and a quad per
    // letter, and a crowd of them is not read anyway.
    let max_labels = crate::drawing::max_labels(zoom);
    let is_visible = |i: usize| {
        screen
            .get(i)
            .is_some_and(|&p| frame.visible_rect.contains(p))
            && !cache.is_hidden(i)
    };
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
                .filter(|&i| !cache.is_dimmed(i) || state.focus.is_none())
                .filter(|&i| is_visible(i))
                .map(|i| (i, false)),
        );
    for (tried, (i, must)) in candidates.enumerate() {
        // The must-haves come first, so the rest can stop at the limits.
        if !must && (placed.count >= max_labels || size < 7.0 || tried >= 4 * max_labels) {
            break;
        }
        let (Some(actor), Some(&at), Some(&r)) =
            (network.actors().get(i), screen.get(i), radius.get(i))
        else {
            continue;
        };
        let galley = painter.layout_no_wrap(actor.name.clone(), font.clone(), Color32::PLACEHOLDER);
        let pos = at + vec2(-galley.size().x / 2.0, r + 2.0);
        let r = Rect::from_min_size(pos, galley.size()).expand(1.0);
        if !must && placed.overlaps(r) {
            continue;
        }
        let dimmed = cache.is_dimmed(i);
        backdrops.add_colored_rect(
            r,
            style
                .background
                .gamma_multiply(if dimmed { 0.3 } else { 0.75 }),
        );
        texts.push(egui::Shape::galley(pos, galley, dim(style.text, dimmed)));
        placed.insert(r);
    }
    // One mesh of backdrops under all the texts. A clip rectangle a hair
    // smaller than the canvas's keeps them out of the actors' big mesh when
    // egui tessellates (appending to it would copy it all).
    painter
        .with_clip_rect(rect.shrink(0.01))
        .add(egui::Shape::mesh(backdrops));
    texts
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
