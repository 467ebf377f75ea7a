//! Layouts run from the Layout menu: the quick ones (grouped, circle,
//! tidy) at once, the force-directed ones on the layout worker
//! (`jobs::LayoutJob`, thread "bridgework-layout"), which runs to the end at
//! full speed whatever the renderer; the canvas shows the latest positions
//! it publishes (about 30 times a second) and keeps the map in view as it
//! spreads. Each run is one undoable move of every actor it placed, and the
//! view is fitted to the result.

use super::BridgeworkApp;
use super::commands::{LayoutKind, UiCommand};
use super::dialogs::Problem;
use crate::edit::Edit;
use crate::jobs::{LayoutJob, LayoutProgress, PUBLISH_EVERY};
use crate::model::ActorId;

/// A force layout on the worker: the job, the actors in its order, and the
/// latest progress it reported.
pub struct ForceRun {
    job: LayoutJob,
    ids: Vec<ActorId>,
    progress: LayoutProgress,
    /// Keep fitting the view to the spreading map (until the user pans or
    /// zooms).
    follow: bool,
    /// The camera as the layout last fitted it.
    fitted: Option<crate::ui::canvas::Camera>,
}

impl BridgeworkApp {
    /// Whether a force layout is running.
    pub(super) fn layout_running(&self) -> bool {
        self.force.is_some()
    }

    pub(super) fn layout(&mut self, kind: LayoutKind) {
        use crate::layout::{self as lay, LayoutGraph};
        self.stop_force();
        let (graph, ids) = LayoutGraph::from_network(self.doc.network());
        let positions = match kind {
            LayoutKind::Force | LayoutKind::ForceBySector => {
                let options = lay::ForceOptions {
                    keep_sectors_together: kind == LayoutKind::ForceBySector,
                    ..Default::default()
                };
                match LayoutJob::start(graph, options) {
                    Ok(job) => {
                        self.force = Some(ForceRun {
                            progress: job.progress(),
                            job,
                            ids,
                            follow: true,
                            fitted: None,
                        });
                        self.status.set("Laying out… (Esc stops)");
                    }
                    Err(e) => {
                        self.error = Some(Problem::new(
                            format!("Could not start the layout: {e}"),
                            "The map is unchanged; try the layout again, or use Grouped by sector.",
                        ));
                    }
                }
                return;
            }
            LayoutKind::Grouped => lay::grouped(&graph, &lay::GroupedOptions::default()),
            LayoutKind::Circle => lay::circle(&graph, &lay::CircleOptions::default()),
            LayoutKind::Tidy => lay::tidy(&graph, &lay::TidyOptions::default()).positions,
        };
        self.commit_layout(&ids, &positions);
        self.canvas.fit_requested = true;
    }

    fn commit_layout(&mut self, ids: &[ActorId], positions: &[[f64; 2]]) {
        let moves: Vec<(ActorId, Option<[f64; 2]>)> =
            crate::layout::moves(self.doc.network(), ids, positions)
                .into_iter()
                .map(|(id, p)| (id, Some(p)))
                .collect();
        if !moves.is_empty() {
            self.apply(Edit::MoveActors(moves));
        }
    }

    /// Esc: the layout stops where it is (the worker hands back the
    /// positions it reached, which become the move).
    pub(super) fn stop_layout(&mut self) {
        if let Some(run) = &self.force {
            run.job.cancel();
        }
    }

    /// Ends a layout at once, keeping the positions last shown (before
    /// another layout, or another map).
    pub(super) fn stop_force(&mut self) {
        if let Some(run) = self.force.take() {
            run.job.cancel();
            let positions: Vec<[f64; 2]> = run
                .ids
                .iter()
                .filter_map(|id| self.canvas.preview.get(id).copied())
                .collect();
            self.canvas.preview.clear();
            if positions.len() == run.ids.len() {
                self.commit_layout(&run.ids, &positions);
            }
        }
    }

    /// Once per frame: shows the positions the worker published last, and
    /// commits them as one move when it has finished or stopped.
    pub(super) fn tick_force(&mut self, ctx: &egui::Context) {
        let Some(run) = &mut self.force else {
            return;
        };
        match run.job.poll() {
            Ok(Some(update)) => {
                run.progress = update.progress;
                self.canvas.preview = run
                    .ids
                    .iter()
                    .cloned()
                    .zip(update.positions.iter().copied())
                    .collect();
                // Keep the whole map in view as it spreads, unless the
                // user has moved the view meanwhile.
                if run.follow {
                    if run.fitted.is_some_and(|c| c != self.canvas.camera) {
                        run.follow = false;
                    } else {
                        self.canvas.fit_requested = true;
                        run.fitted = None;
                    }
                }
                if update.progress.stopped() {
                    let cancelled = update.progress.cancelled;
                    let steps = update.progress.steps;
                    let Some(run) = self.force.take() else {
                        return;
                    };
                    self.canvas.preview.clear();
                    self.commit_layout(&run.ids, &update.positions);
                    self.canvas.fit_requested = true;
                    self.status.set(if cancelled {
                        format!("Layout stopped after {steps} steps; Ctrl+Z undoes it")
                    } else {
                        format!("Layout done ({steps} steps); Ctrl+Z undoes it")
                    });
                    return;
                }
            }
            Ok(None) => {}
            Err(e) => {
                self.force = None;
                self.canvas.preview.clear();
                self.error = Some(Problem::new(
                    format!("The layout stopped: {e}"),
                    "The map is unchanged; try the layout again.",
                ));
                return;
            }
        }
        ctx.request_repaint_after(PUBLISH_EVERY);
    }

    /// After the canvas drew: remember the camera a layout fitted, so a
    /// pan or zoom by the user can be told apart from the layout's own.
    pub(super) fn after_canvas_force(&mut self) {
        if let Some(run) = &mut self.force
            && run.follow
            && run.fitted.is_none()
            && !self.canvas.fit_requested
        {
            run.fitted = Some(self.canvas.camera);
        }
    }

    /// Progress of a running layout, with Stop, for the status bar.
    pub(super) fn layout_status_ui(&mut self, ui: &mut egui::Ui) {
        let Some(run) = &self.force else {
            return;
        };
        ui.separator();
        let p = run.progress;
        ui.add(
            egui::ProgressBar::new(p.fraction as f32)
                .desired_width(180.0)
                .text(format!(
                    "Layout: level {} of {}",
                    p.level.max(1),
                    p.levels.max(1)
                )),
        )
        .on_hover_text("The force layout runs in the background; the map stays editable");
        if ui
            .button("Stop layout")
            .on_hover_text("Stop the layout and keep where it got to (Esc)")
            .clicked()
        {
            self.commands.push(UiCommand::StopLayout.into());
        }
    }
}
