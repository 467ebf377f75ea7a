//! "Size by": actor sizes from a centrality measure, worked out off the UI
//! thread by a [`JobRunner`] and handed to the canvas.
//!
//! Choosing a measure starts a job on a snapshot of the map. When the map
//! changes while a measure is chosen, the job runs again once the user has
//! paused for [`DEBOUNCE`] seconds — unless the change cannot affect the
//! measure (actors moved, a name typed: the [`analysis_fingerprint`] is the
//! same), in which case the sizes shown, or the job running, simply count
//! for the new revision. Until new sizes arrive the old ones stay on the
//! canvas (actors added since are drawn smallest) and the legend says so.

use super::Document;
use crate::jobs::{JobError, JobRunner, SizeMeasure, Sizes, Snapshot, analysis_fingerprint, sizes};
use crate::model::ActorId;
use crate::ui::canvas::CanvasState;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

/// How often the UI looks for a finished job while one runs.
const POLL: Duration = Duration::from_millis(50);

/// Seconds after the last change to the map before sizes are worked out
/// again.
pub const DEBOUNCE: f64 = 0.3;

/// Seconds a job runs before the status bar and legend mention it, so that
/// a job done within a frame or two does not flash a progress bar.
const SHOW_AFTER: f64 = 0.25;

/// How sizes are scaled, for tooltips.
const SCALING: &str = "The actor with the largest value is drawn largest and an actor with 0 smallest; in between, size grows with √(value ÷ largest), so a few very central people stand out without everyone else shrinking to a dot. Sizes compare actors on this map only.";

/// The sizes on the canvas and what they were computed for.
#[derive(Clone, Copy, Debug)]
struct Shown {
    measure: SizeMeasure,
    /// The document's content key they hold for.
    key: u64,
    /// The analysis fingerprint of the map they were computed from.
    fingerprint: u64,
}

/// The job running, besides what the runner knows (its revision).
#[derive(Clone, Copy, Debug)]
struct Running {
    measure: SizeMeasure,
    fingerprint: u64,
    /// When it started (egui time).
    started_at: f64,
}

/// The "Size by" choice and the job behind it.
#[derive(Default)]
pub struct Sizing {
    /// What the user chose; `None` is perceived influence.
    choice: Option<SizeMeasure>,
    shown: Option<Shown>,
    running: Option<Running>,
    runner: JobRunner<Sizes>,
    snapshot: Snapshot,
    /// The content key seen last frame, and when (egui time) it changed.
    last_key: Option<u64>,
    changed_at: f64,
    /// The user cancelled this measure at this content key: do not start it
    /// again until the map or the choice changes.
    held: Option<(SizeMeasure, u64)>,
    /// Each actor's value of the measure shown, for the tables.
    values: Option<(SizeMeasure, Arc<HashMap<ActorId, f64>>)>,
}

impl Sizing {
    /// Chooses a measure (`None`: perceived influence); the work starts on
    /// the next [`Sizing::tick`].
    pub fn choose(&mut self, choice: Option<SizeMeasure>) {
        self.choice = choice;
        self.held = None;
    }

    /// Once per frame: takes in a finished job, and starts one when the
    /// sizes on the canvas are not those of the chosen measure for the map
    /// as it is. Never waits. Returns an error to show the user once (the
    /// choice has then gone back to perceived influence).
    pub fn tick(
        &mut self,
        ctx: &egui::Context,
        doc: &Document,
        canvas: &mut CanvasState,
    ) -> Option<String> {
        let key = doc.content_key();
        let now = ctx.input(|i| i.time);
        if self.last_key != Some(key) {
            self.last_key = Some(key);
            self.changed_at = now;
        }
        // A new canvas (another map opened) has no sizes.
        if self.shown.is_some() && canvas.sizes().is_none() {
            self.shown = None;
            self.values = None;
        }
        let mut error = None;
        if let Some(done) = self.runner.poll(key) {
            let fingerprint = self
                .running
                .map(|r| r.fingerprint)
                .unwrap_or_else(|| analysis_fingerprint(doc.network()));
            match done.result {
                Ok(s) => {
                    self.shown = Some(Shown {
                        measure: s.measure,
                        key,
                        fingerprint,
                    });
                    canvas.set_sizes(Some(s.sizes));
                    self.values = Some((s.measure, Arc::new(s.values.into_iter().collect())));
                }
                Err(JobError::Cancelled) => {}
                Err(e) => {
                    let what = self
                        .running
                        .map_or("the chosen measure", |r| r.measure.name());
                    error = Some(failure(what, &e));
                    self.choice = None;
                }
            }
        }
        if !self.runner.is_running() {
            self.running = None;
        }

        let Some(measure) = self.choice else {
            self.runner.cancel();
            self.running = None;
            self.snapshot.clear();
            if self.shown.take().is_some() || canvas.sizes().is_some() {
                canvas.set_sizes(None);
            }
            self.values = None;
            return error;
        };
        if self
            .shown
            .is_some_and(|s| s.measure == measure && s.key == key)
        {
            // Up to date: anything still running is for something else.
            self.runner.cancel();
            self.running = None;
            return error;
        }
        if self.held == Some((measure, key)) {
            return error;
        }
        if self.runner.is_running() {
            ctx.request_repaint_after(POLL);
            if self.running.is_some_and(|r| r.measure == measure)
                && self.runner.revision() == Some(key)
            {
                return error;
            }
        }
        let wait = DEBOUNCE - (now - self.changed_at);
        if wait > 0.0 {
            ctx.request_repaint_after(Duration::from_secs_f64(wait));
            return error;
        }
        let fingerprint = analysis_fingerprint(doc.network());
        if let Some(shown) = &mut self.shown
            && shown.measure == measure
            && shown.fingerprint == fingerprint
        {
            // Only positions, names or notes changed: same values.
            shown.key = key;
            self.runner.cancel();
            self.running = None;
            return error;
        }
        if self
            .running
            .is_some_and(|r| r.measure == measure && r.fingerprint == fingerprint)
        {
            self.runner.retag(key);
            return error;
        }
        let network = self.snapshot.get(key, doc.network());
        match self
            .runner
            .start(key, move |control| sizes(&network, measure, control))
        {
            Ok(()) => {
                self.running = Some(Running {
                    measure,
                    fingerprint,
                    started_at: now,
                });
                ctx.request_repaint_after(POLL);
            }
            Err(e) => {
                error = Some(failure(measure.name(), &e));
                self.choice = None;
            }
        }
        error
    }

    /// The measure shown and each actor's value of it, for a table column.
    pub fn values(&self) -> Option<(&'static str, &Arc<HashMap<ActorId, f64>>)> {
        self.values.as_ref().map(|(m, v)| (m.label(), v))
    }

    /// Stops the running job. The canvas keeps the sizes it shows and the
    /// choice goes back to their measure (perceived influence if none).
    pub fn cancel(&mut self) {
        if let (Some(r), Some(key)) = (self.running.take(), self.last_key) {
            self.held = Some((r.measure, key));
        }
        self.runner.cancel();
        self.choice = self.shown.map(|s| s.measure);
    }

    /// The running job, once it has run long enough to be worth showing.
    fn visible_job(&self, ui: &egui::Ui) -> Option<Running> {
        let now = ui.input(|i| i.time);
        self.running.filter(|r| now - r.started_at >= SHOW_AFTER)
    }

    /// The "Size by" combo box for the toolbar.
    pub fn combo_ui(&mut self, ui: &mut egui::Ui) {
        let label = ui.label("Size by:");
        let mut choice = self.choice;
        let text = choice.map_or("Perceived influence", SizeMeasure::label);
        let response = egui::ComboBox::from_id_salt("size_by")
            .selected_text(text)
            .show_ui(ui, |ui| choices_ui(ui, &mut choice, false))
            .response;
        response
            .labelled_by(label.id)
            .on_hover_text(format!("What an actor's size shows. {SCALING}"));
        if choice != self.choice {
            self.choose(choice);
        }
    }

    /// The same choice as radio buttons, for the View menu.
    pub fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let mut choice = self.choice;
        choices_ui(ui, &mut choice, true);
        if choice != self.choice {
            self.choose(choice);
            ui.close();
        }
    }

    /// Progress and a Cancel button for the status bar, while a job runs.
    pub fn status_ui(&mut self, ui: &mut egui::Ui) {
        let (Some(running), Some(progress)) = (self.visible_job(ui), self.runner.progress()) else {
            return;
        };
        ui.separator();
        let text = if progress.total == 0 {
            format!("Working out {}…", running.measure.name())
        } else {
            progress.label()
        };
        ui.add(
            egui::ProgressBar::new(progress.fraction())
                .desired_width(220.0)
                .animate(progress.total == 0)
                .text(text),
        )
        .on_hover_text(format!(
            "Sizing actors by {}. The map stays editable meanwhile.",
            running.measure.name()
        ));
        if ui
            .button("Cancel")
            .on_hover_text("Stop working out sizes; the picture stays as it is")
            .clicked()
        {
            self.cancel();
        }
    }

    /// The legend's line on what size means, matching what the canvas
    /// draws (`key`: the document's content key now).
    pub fn legend_ui(&self, ui: &mut egui::Ui, key: u64) {
        let (what, hover) = match self.shown {
            Some(s) => (
                s.measure.name(),
                format!("Size shows {}: {}. {SCALING}", s.measure.name(), s.measure.meaning()),
            ),
            None => (
                "perceived influence",
                "Size shows each actor's perceived influence (1–5, set in the inspector; not recorded counts as 2)."
                    .to_owned(),
            ),
        };
        let working = self.visible_job(ui).map(|r| r.measure);
        let note = match (self.shown, working) {
            (Some(s), Some(m)) if m != s.measure => Some(format!("working out {}…", m.name())),
            (None, Some(m)) => Some(format!("working out {}…", m.name())),
            (Some(s), Some(_)) if s.key != key => {
                Some("from before the last change; updating…".to_owned())
            }
            (Some(s), None) if s.key != key => Some("from before the last change".to_owned()),
            _ => None,
        };
        crate::ui::legend::size_key_ui(ui, &format!("Size: {what}"), &hover, note.as_deref());
    }
}

/// Perceived influence, then every measure, as selectable values or radio
/// buttons, each with what it tells the user.
fn choices_ui(ui: &mut egui::Ui, choice: &mut Option<SizeMeasure>, radio: bool) {
    let mut one = |ui: &mut egui::Ui, value: Option<SizeMeasure>, label: &str, tip: String| {
        let r = if radio {
            ui.radio_value(choice, value, label)
        } else {
            ui.selectable_value(choice, value, label)
        };
        r.on_hover_text(tip);
    };
    one(
        ui,
        None,
        "Perceived influence",
        "Each actor's perceived influence (1–5) as recorded in the inspector".to_owned(),
    );
    for m in SizeMeasure::ALL {
        let slow = if m.is_long() {
            " Takes seconds on maps of thousands of actors; progress shows in the status bar."
        } else {
            ""
        };
        one(
            ui,
            Some(m),
            m.label(),
            format!("{}: {}.{slow}", m.label(), m.meaning()),
        );
    }
}

/// The message for a job that gave no sizes, in one piece.
fn failure(measure: &str, e: &JobError) -> String {
    let why = e.to_string();
    format!(
        "Could not size actors by {measure}: {}. Actors are sized by perceived influence again.",
        why.trim_end_matches('.')
    )
}
