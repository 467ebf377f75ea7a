//! CPU time of one canvas frame (egui pass + tessellation, no window, no
//! GPU) on generated maps of 1k, 5k and 20k actors, labels on, the whole
//! map in view. Run with `cargo bench --bench canvas`.

use bridgework::generate::{GenerateOptions, generate};
use bridgework::ui::canvas::{CanvasState, CanvasStyle, canvas_ui};
use std::time::Instant;

fn main() {
    println!("| actors | ties | frame (ms, median of 20) | of which tessellation (ms) |");
    println!("|---|---|---|---|");
    for n in [1000, 5000, 20000] {
        let network = generate(&GenerateOptions {
            actors: n,
            seed: 1,
            ..GenerateOptions::default()
        });
        let ctx = egui::Context::default();
        let mut state = CanvasState::fitted();
        let style = CanvasStyle::default();
        let input = || egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1920.0, 1080.0),
            )),
            ..Default::default()
        };
        let mut frames = Vec::new();
        let mut tess = Vec::new();
        for i in 0..25 {
            let t = Instant::now();
            let out = ctx.run_ui(input(), |ui| {
                egui::CentralPanel::no_frame().show(ui, |ui| {
                    canvas_ui(ui, &network, &mut state, &style);
                });
            });
            let t2 = Instant::now();
            let prims = ctx.tessellate(out.shapes, out.pixels_per_point);
            std::hint::black_box(prims);
            if i >= 5 {
                frames.push(t.elapsed().as_secs_f64() * 1000.0);
                tess.push(t2.elapsed().as_secs_f64() * 1000.0);
            }
        }
        frames.sort_by(f64::total_cmp);
        tess.sort_by(f64::total_cmp);
        println!(
            "| {n} | {} | {:.2} | {:.2} |",
            network.ties().len(),
            frames[frames.len() / 2],
            tess[tess.len() / 2]
        );
    }
}
