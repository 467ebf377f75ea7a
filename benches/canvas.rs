//! CPU time of one canvas frame (egui pass + tessellation, no window, no
//! GPU) on generated maps of 1k, 5k and 20k actors, labels on, the whole
//! map in view at 1920×1080. Run with `cargo bench --bench canvas`.
//!
//! Three figures per size: a steady frame (hovering: the map is unchanged,
//! so the canvas reuses what it derived from it), the frame just after an
//! edit (everything derived from the map again), and a frame of a wheel
//! zoom (the view moving: ties drawn to the canvas's moving budget); with
//! the vertices and indices each hands the renderer. Set
//! `NO_LABELS=1` to see what the labels cost.

use bridgework::app::{BridgeworkApp, Document, Preferences};
use bridgework::generate::{GenerateOptions, generate};
use bridgework::model::Network;
use bridgework::ui::canvas::{CanvasState, CanvasStyle, canvas_ui};
use std::time::Instant;

/// One frame's input: a 1920×1080 window, nothing happening.
fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..Default::default()
    }
}

/// What one frame measured: median frame and tessellation times (ms) over
/// 20 frames (after 5 warm-up frames), and the vertices and indices (three
/// per triangle) the last frame handed to the renderer.
struct Measured {
    frame: f64,
    tessellation: f64,
    vertices: usize,
    indices: usize,
}

/// Measures 25 frames; `edit` gives every frame a new network key, as an
/// edit does; `zooming` zooms in a little every frame, as a wheel does.
fn measure(network: &Network, edit: bool, zooming: bool) -> Measured {
    let ctx = egui::Context::default();
    let mut state = CanvasState::fitted();
    let style = CanvasStyle {
        labels: std::env::var_os("NO_LABELS").is_none(),
        ..CanvasStyle::default()
    };
    let mut frames = Vec::new();
    let mut tess = Vec::new();
    let (mut vertices, mut indices) = (0, 0);
    for i in 0..25u64 {
        // As the app does: the key changes only when the map does.
        state.network_key = Some(if edit { i } else { 1 });
        if zooming && i > 0 {
            state.camera.zoom *= 1.01;
        }
        let t = Instant::now();
        let out = ctx.run_ui(input(), |ui| {
            egui::CentralPanel::no_frame().show(ui, |ui| {
                canvas_ui(ui, network, &mut state, &style);
            });
        });
        let t2 = Instant::now();
        let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
        (vertices, indices) = prims
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(m) => (m.vertices.len(), m.indices.len()),
                egui::epaint::Primitive::Callback(_) => (0, 0),
            })
            .fold((0, 0), |(v, i), (dv, di)| (v + dv, i + di));
        std::hint::black_box(prims);
        if i >= 5 {
            frames.push(t.elapsed().as_secs_f64() * 1000.0);
            tess.push(t2.elapsed().as_secs_f64() * 1000.0);
        }
    }
    frames.sort_by(f64::total_cmp);
    tess.sort_by(f64::total_cmp);
    Measured {
        frame: frames[frames.len() / 2],
        tessellation: tess[tess.len() / 2],
        vertices,
        indices,
    }
}

/// Median CPU time (ms) of one whole-window frame of the app (menus,
/// toolbar, legend, inspector, status bar and canvas) on `network`, with
/// nothing changing between frames.
fn measure_app(network: Network) -> f64 {
    let ctx = egui::Context::default();
    let mut app = BridgeworkApp::new(Document::new(network, None), Preferences::default(), None);
    let mut frames = Vec::new();
    for i in 0..25 {
        let t = Instant::now();
        let out = ctx.run_ui(input(), |ui| app.frame_ui(ui));
        std::hint::black_box(ctx.tessellate(out.shapes, out.pixels_per_point));
        if i >= 5 {
            frames.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    frames.sort_by(f64::total_cmp);
    frames[frames.len() / 2]
}

fn main() {
    println!(
        "| actors | ties | canvas frame (ms) | of which tessellation (ms) | vertices | indices | canvas frame after an edit (ms) | whole window (ms) | zooming: frame (ms) | zooming: vertices | zooming: indices |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    for n in [1000, 5000, 20000] {
        let network = generate(&GenerateOptions {
            actors: n,
            seed: 1,
            ..GenerateOptions::default()
        });
        let steady = measure(&network, false, false);
        let after_edit = measure(&network, true, false).frame;
        let zooming = measure(&network, false, true);
        let ties = network.ties().len();
        let window = measure_app(network);
        let Measured {
            frame,
            tessellation,
            vertices,
            indices,
        } = steady;
        println!(
            "| {n} | {ties} | {frame:.2} | {tessellation:.2} | {vertices} | {indices} | {after_edit:.2} | {window:.2} | {:.2} | {} | {} |",
            zooming.frame, zooming.vertices, zooming.indices,
        );
    }
}
