//! The status bar: how big the map is, the last thing that happened (until
//! the map changes again or it grows old), background work with its Cancel
//! button, and, when asked for, how long frames take.

use super::BridgeworkApp;
use std::collections::VecDeque;

/// Seconds a message stays in the status bar when nothing else happens.
const MESSAGE_SECONDS: f64 = 12.0;

/// The status bar's message.
#[derive(Debug, Default, Clone)]
pub struct Status {
    text: String,
    /// The document's content key once the message was first shown: the
    /// message goes when the map changes after it.
    key: Option<u64>,
    /// When it was first shown (egui time).
    shown_at: Option<f64>,
}

impl Status {
    /// Shows `text` (replacing what was there).
    pub fn set(&mut self, text: impl Into<String>) {
        *self = Status {
            text: text.into(),
            key: None,
            shown_at: None,
        };
    }

    /// The message now, if any.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Once per frame: ties a new message to the map as it is now, and
    /// drops one that the map has moved on from or that has grown old.
    pub fn tick(&mut self, ctx: &egui::Context, key: u64) {
        if self.text.is_empty() {
            return;
        }
        let now = ctx.input(|i| i.time);
        let shown_at = *self.shown_at.get_or_insert(now);
        let at_key = *self.key.get_or_insert(key);
        let age = now - shown_at;
        if at_key != key || age >= MESSAGE_SECONDS {
            *self = Status::default();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                MESSAGE_SECONDS - age + 0.05,
            ));
        }
    }
}

/// How long recent frames took, for View ▸ Show frame time.
#[derive(Debug, Default)]
pub struct FrameTimes {
    /// Shown in the status bar.
    pub show: bool,
    /// Seconds between recent frames that followed each other closely.
    intervals: VecDeque<f32>,
    /// Seconds the last frames took to build and paint (eframe's measure,
    /// without waiting for the screen).
    work: VecDeque<f32>,
}

const FRAMES_KEPT: usize = 60;

impl FrameTimes {
    /// Records one frame: `dt` since the previous frame, and `work` the
    /// previous frame took if the window knows it.
    pub fn record(&mut self, dt: f32, work: Option<f32>) {
        // Frames further apart than this were idle time, not drawing time.
        if dt > 0.0 && dt < 0.5 {
            push(&mut self.intervals, dt);
        }
        if let Some(w) = work {
            push(&mut self.work, w);
        }
    }

    /// "Frame 14.2 ms (drawn in 9.1 ms)": the median of recent frames.
    pub fn text(&self) -> String {
        let ms = |v: &VecDeque<f32>| median(v).map(|s| s * 1000.0);
        match (ms(&self.intervals), ms(&self.work)) {
            (Some(i), Some(w)) => format!("Frame {i:.1} ms (drawn in {w:.1} ms)"),
            (Some(i), None) => format!("Frame {i:.1} ms"),
            (None, Some(w)) => format!("Drawn in {w:.1} ms"),
            (None, None) => "Frame time: move the map to measure".to_owned(),
        }
    }
}

fn push(v: &mut VecDeque<f32>, x: f32) {
    if v.len() == FRAMES_KEPT {
        v.pop_front();
    }
    v.push_back(x);
}

fn median(v: &VecDeque<f32>) -> Option<f32> {
    let mut s: Vec<f32> = v.iter().copied().collect();
    s.sort_by(f32::total_cmp);
    s.get(s.len() / 2).copied()
}

/// `n` and the noun, singular or plural: "1 actor", "3 actors".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl BridgeworkApp {
    /// The status bar.
    pub(super) fn status_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let n = self.doc.network();
                ui.label(format!(
                    "{} · {}",
                    count(n.actors().len(), "actor", "actors"),
                    count(n.ties().len(), "tie", "ties")
                ));
                ui.separator();
                ui.label(self.status.text());
                self.opening_status_ui(ui);
                self.sizing.status_ui(ui);
                self.insight.status_ui(ui);
                self.layout_status_ui(ui);
                if self.frame_times.show {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(self.frame_times.text()).on_hover_text(
                            "Median of the last frames: the time from one frame to the next while the map moves, and the time spent building and painting one (eframe's figure, without waiting for the screen)",
                        );
                    });
                }
            });
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_singular_for_one() {
        assert_eq!(count(1, "actor", "actors"), "1 actor");
        assert_eq!(count(0, "actor", "actors"), "0 actors");
        assert_eq!(count(2, "tie", "ties"), "2 ties");
    }

    #[test]
    fn frame_times_ignore_idle_gaps() {
        let mut f = FrameTimes::default();
        f.record(3.0, None);
        assert!(f.text().contains("move the map"));
        for _ in 0..5 {
            f.record(0.020, Some(0.010));
        }
        assert_eq!(f.text(), "Frame 20.0 ms (drawn in 10.0 ms)");
    }
}
