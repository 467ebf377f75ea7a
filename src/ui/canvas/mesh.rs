//! Mesh primitives the canvas batches everything into: thick lines (plain
//! or textured with a dash pattern, optionally feathered for anti-aliasing),
//! filled outlines, the dash texture, and the mesh buffers kept from frame
//! to frame.

use super::super::shapes::Outline;
use crate::drawing::dash_pattern;
use crate::model::Dash;
use egui::{Color32, Mesh, Pos2, vec2};
use std::sync::Arc;

/// Anti-alias while at most this many actors and ties are in view.
const AA_ACTORS: usize = 3000;
const AA_TIES: usize = 10000;

/// The meshes the canvas fills each frame, kept so their allocations are
/// reused, and what last frame drew (which decides anti-aliasing).
#[derive(Debug, Default)]
pub(super) struct Meshes {
    /// Solid ties, dashed ties, actors, arrowheads.
    slots: [Arc<Mesh>; 4],
    /// Ties drawn last frame.
    pub ties_in_view: usize,
}

/// This frame's meshes, in the order they are painted: ties under actors,
/// then (after the labels) arrowheads.
pub(super) struct Layers {
    /// Solid ties.
    pub solid: Mesh,
    /// Dashed ties (textured with the dash pattern).
    pub dashes: Mesh,
    /// Actors and their halos.
    pub nodes: Mesh,
    /// Arrowheads, painted over the labels so that none hides one.
    pub arrows: Mesh,
}

impl Meshes {
    /// The meshes to fill this frame, empty, with last frame's allocations
    /// where egui let go of them.
    pub fn take(&mut self) -> Layers {
        let [a, b, c, d] = &mut self.slots;
        Layers {
            solid: reuse(a),
            dashes: reuse(b),
            nodes: reuse(c),
            arrows: reuse(d),
        }
    }

    /// Keeps `mesh` in slot `k` and hands it to `painter`.
    fn paint_slot(&mut self, k: usize, painter: &egui::Painter, mesh: Mesh) {
        if let Some(slot) = self.slots.get_mut(k) {
            *slot = Arc::new(mesh);
            if !slot.is_empty() {
                painter.add(egui::Shape::Mesh(slot.clone()));
            }
        }
    }

    /// Paints the ties and the actors; returns the arrowheads, to be
    /// painted with [`Meshes::paint_arrows`] once the labels are.
    pub fn paint_under_labels(&mut self, painter: &egui::Painter, layers: Layers) -> Mesh {
        let Layers {
            solid,
            dashes,
            nodes,
            arrows,
        } = layers;
        self.paint_slot(0, painter, solid);
        self.paint_slot(1, painter, dashes);
        self.paint_slot(2, painter, nodes);
        arrows
    }

    /// Paints the arrowheads (over the labels).
    pub fn paint_arrows(&mut self, painter: &egui::Painter, arrows: Mesh) {
        self.paint_slot(3, painter, arrows);
    }

    /// The feather (anti-aliasing band, points) for this frame: one pixel
    /// while the view is small enough for it to be cheap; a crowded view
    /// is drawn crisp-edged, which at that density looks the same.
    pub fn feather(&self, visible_actors: usize, pixels_per_point: f32) -> f32 {
        if visible_actors <= AA_ACTORS && self.ties_in_view <= AA_TIES {
            1.0 / pixels_per_point
        } else {
            0.0
        }
    }
}

/// Takes the mesh kept from the last frame (keeping its allocation) if
/// egui has let go of it, else starts a new one.
fn reuse(slot: &mut Arc<Mesh>) -> Mesh {
    match Arc::get_mut(slot) {
        Some(m) => {
            let mut m = std::mem::take(m);
            m.clear();
            m
        }
        None => Mesh::default(),
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
pub(super) fn dash_band(dash: Dash) -> (f32, f32) {
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

/// The dash texture, kept alive while the canvas is.
pub(super) struct DashTexture(egui::TextureHandle);

impl std::fmt::Debug for DashTexture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DashTexture")
    }
}

impl DashTexture {
    /// The texture in `slot`, loaded into `ctx` the first time.
    pub fn id(slot: &mut Option<DashTexture>, ctx: &egui::Context) -> egui::TextureId {
        slot.get_or_insert_with(|| {
            DashTexture(ctx.load_texture(
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
        .id()
    }
}

/// How a line is textured: plain (the font atlas's white texel) or with a
/// dash pattern: its band `v` and the texture widths `u` along its length.
#[derive(Clone, Copy)]
pub(super) enum Texture {
    Plain,
    Dashes { v: f32, span: f32 },
}

/// Adds a thick line as one quad; see [`strip`].
pub(super) fn line(
    mesh: &mut Mesh,
    a: Pos2,
    b: Pos2,
    width: f32,
    c: Color32,
    texture: Texture,
    feather: f32,
) {
    strip(mesh, &[a, b], width, c, texture, feather);
}

/// The unit normal of `d`, if `d` is long enough to have one.
fn normal(d: egui::Vec2) -> Option<egui::Vec2> {
    let len = d.length();
    (len >= 1e-4).then(|| vec2(-d.y, d.x) / len)
}

/// Adds a thick polyline through `points` as one strip of quads (a
/// straight line is one quad), or, with `feather` > 0, with a band of
/// `feather` points either side fading to transparent (how egui
/// anti-aliases, without multisampling). Each inner point's normal is the
/// mean of its two segments', which suits the gentle curves ties are drawn
/// with. A dashed line is textured with the dash pattern along its length,
/// however long it is on screen.
pub(super) fn strip(
    mesh: &mut Mesh,
    points: &[Pos2],
    width: f32,
    c: Color32,
    texture: Texture,
    feather: f32,
) {
    let total: f32 = points.windows(2).map(|w| (w[1] - w[0]).length()).sum();
    if points.len() < 2 || total < 0.01 {
        return;
    }
    let (v, scale) = match texture {
        Texture::Plain => (egui::epaint::WHITE_UV.y, None),
        // Dashes grow with the square root of the width, as they did when
        // they were drawn piece by piece.
        Texture::Dashes { v, span } => (v, Some(1.0 / (span * width.max(1.0).sqrt()))),
    };
    // A line thinner than the feather fades instead of thinning further.
    let c = if feather > 0.0 && width < feather {
        c.gamma_multiply(width / feather)
    } else {
        c
    };
    let inner = if feather > 0.0 {
        (width - feather).max(0.0) / 2.0
    } else {
        width / 2.0
    };
    let per_point: u32 = if feather > 0.0 { 4 } else { 2 };
    let first = mesh.vertices.len() as u32;
    let mut along = 0.0;
    let mut last_normal = vec2(0.0, 0.0);
    for (k, &p) in points.iter().enumerate() {
        if k > 0
            && let Some(&q) = points.get(k - 1)
        {
            along += (p - q).length();
        }
        let before = k.checked_sub(1).and_then(|j| points.get(j)).map(|&q| p - q);
        let after = points.get(k + 1).map(|&q| q - p);
        let n = match (before.and_then(normal), after.and_then(normal)) {
            (Some(a), Some(b)) => normal(vec2(a.y, -a.x) + vec2(b.y, -b.x)).unwrap_or(a),
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => last_normal,
        };
        last_normal = n;
        let uv = match scale {
            Some(s) => egui::pos2(along * s, v),
            None => egui::epaint::WHITE_UV,
        };
        let mut push = |pos: Pos2, color: Color32| {
            mesh.vertices.push(egui::epaint::Vertex { pos, uv, color });
        };
        if feather > 0.0 {
            let (i, o) = (n * inner, n * (inner + feather));
            push(p + o, Color32::TRANSPARENT);
            push(p + i, c);
            push(p - i, c);
            push(p - o, Color32::TRANSPARENT);
        } else {
            push(p + n * inner, c);
            push(p - n * inner, c);
        }
    }
    for k in 0..points.len() as u32 - 1 {
        let (r0, r1) = (first + k * per_point, first + (k + 1) * per_point);
        for j in 0..per_point - 1 {
            mesh.add_triangle(r0 + j, r0 + j + 1, r1 + j);
            mesh.add_triangle(r0 + j + 1, r1 + j + 1, r1 + j);
        }
    }
}

/// Fills an outline around `centre`: a fan from the first corner for convex
/// shapes, from the centre for the others; with `feather` > 0, its edge
/// fades to transparent over `feather` points (anti-aliased).
pub(super) fn polygon(
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
