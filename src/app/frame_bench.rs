//! `bridgework frame-bench MAP`: the editor in a real window, zooming in
//! and out as a mouse wheel does, every frame timed as the window sees it
//! (from one frame to the next, with vsync off: building the UI,
//! tessellating and painting, software rasterising included). The figure
//! the README gives for a live frame comes from here.

use super::{BridgeworkApp, Document, Preferences};
use crate::cli::FrameBenchArgs;
use std::sync::{Arc, Mutex};

/// Frames drawn before timing starts (fonts, textures, the first layout).
const WARM_UP: usize = 20;

/// Frames per zoom sweep (in, then out).
const SWEEP: usize = 60;

/// Frames timed at rest after the zooming (the view still, every frame
/// drawn as a hover change or a tooltip draws it).
const REST: usize = 30;

struct Bench {
    app: BridgeworkApp,
    frame: usize,
    frames: usize,
    intervals: Vec<f32>,
    work: Vec<f32>,
    /// Frame times at rest (after the zooming).
    rest: Vec<f32>,
    report: Arc<Mutex<Option<String>>>,
    actors: usize,
}

impl eframe::App for Bench {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let zooming = self.intervals.len() < self.frames;
        if self.frame > WARM_UP {
            let dt = ctx.input(|i| i.unstable_dt);
            if zooming {
                self.intervals.push(dt);
                if let Some(w) = frame.info().cpu_usage {
                    self.work.push(w);
                }
            } else {
                self.rest.push(dt);
            }
        }
        // Zoom at the centre, a wheel notch's worth per frame.
        if self.frame >= WARM_UP
            && zooming
            && let Some(rect) = self.app.canvas.last_rect
        {
            let inwards = (self.frame / SWEEP).is_multiple_of(2);
            let factor = if inwards { 1.03 } else { 1.0 / 1.03 };
            self.app.canvas.camera.zoom_at(rect, rect.center(), factor);
        }
        self.app.frame_ui(ui);
        self.frame += 1;
        // The first frame at rest follows the last zoom: timed with it.
        if self.rest.len() > REST {
            let text = report(
                self.actors,
                &self.intervals,
                &self.work,
                self.rest.get(1..).unwrap_or(&[]),
            );
            if let Ok(mut r) = self.report.lock() {
                *r = Some(text);
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        } else {
            ctx.request_repaint();
        }
    }
}

fn stats(v: &[f32]) -> (f32, f32, f32) {
    let mut s: Vec<f32> = v.to_vec();
    s.sort_by(f32::total_cmp);
    let at = |q: f32| {
        let i = ((s.len() as f32 - 1.0) * q).round() as usize;
        s.get(i).copied().unwrap_or(f32::NAN) * 1000.0
    };
    (at(0.5), at(0.95), at(1.0))
}

fn report(actors: usize, intervals: &[f32], work: &[f32], rest: &[f32]) -> String {
    let (m, p95, max) = stats(intervals);
    let mut text = format!(
        "{actors} actors, {} frames zooming in and out: frame {m:.1} ms median, {p95:.1} ms p95, {max:.1} ms max",
        intervals.len()
    );
    if !work.is_empty() {
        let (wm, wp, _) = stats(work);
        text.push_str(&format!(
            "; of which building and painting (eframe's figure, before the buffer swap) {wm:.1} ms median, {wp:.1} ms p95"
        ));
    }
    if !rest.is_empty() {
        let (rm, rp, rmax) = stats(rest);
        text.push_str(&format!(
            "; then {} frames at rest: {rm:.1} ms median, {rp:.1} ms p95, {rmax:.1} ms max",
            rest.len()
        ));
    }
    text
}

/// Runs the frame benchmark and returns its one-line report.
pub fn frame_bench(args: &FrameBenchArgs) -> anyhow::Result<String> {
    let (doc, _) = Document::open(&args.file)
        .map_err(|e| anyhow::anyhow!("{e}; frame-bench needs a map it can open"))?;
    let actors = doc.network().actors().len();
    let report = Arc::new(Mutex::new(None));
    let out = report.clone();
    let frames = args.frames.max(1);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bridgework frame-bench")
            .with_inner_size([args.width, args.height]),
        glow_options: eframe::egui_glow::GlowConfiguration {
            vsync: false,
            ..Default::default()
        },
        persist_window: false,
        ..Default::default()
    };
    eframe::run_native(
        "Bridgework frame-bench",
        options,
        Box::new(move |_cc| {
            let app = BridgeworkApp::new(doc, Preferences::default(), None);
            Ok(Box::new(Bench {
                app,
                frame: 0,
                frames,
                intervals: Vec::new(),
                work: Vec::new(),
                rest: Vec::new(),
                report: out,
                actors,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))?;
    let text = report
        .lock()
        .ok()
        .and_then(|r| r.clone())
        .ok_or_else(|| anyhow::anyhow!("the window closed before the frames were timed"))?;
    Ok(text)
}
