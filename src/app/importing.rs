//! The mapping step in the editor: a file from another tool (anything but
//! Bridgework's own JSON), chosen with Open or Import or dropped on the
//! window, is read into an [`ImportPlan`] (on the "bridgework-open"
//! thread, as opening a map is: `opening.rs`) and shown in the preview (`ui::import_preview`) before the map
//! changes. Choosing another field reads the file again with that choice
//! on a worker thread ("bridgework-import"): the preview keeps showing
//! the last result, marked as being read again, and Import waits for the
//! new one; a newer choice replaces a read still running. Import puts the
//! map in place of the open one, as Open does; Cancel drops the plan and
//! the open map is as it was.
//!
//! Survey responses (File ▸ Import survey responses…) take the same path,
//! read as a survey: the preview lists the form's columns with their roles
//! and the names that may be one person; a changed column or a ticked
//! pair reads the file again the same way.

use super::dialogs::Problem;
use super::{BridgeworkApp, Document, Preferences};
use crate::io::ImportOptions;
use crate::io::mapping::{Assignment, ImportPlan, Reread};
use crate::model::Network;
use crate::ui::import_preview::{PreviewAnswer, import_preview_ui};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};

/// The import preview: the plan on show and, while the file is read again
/// with new choices, that read.
pub struct ImportPreview {
    /// The plan (its last result stays on show during a new read).
    plan: Box<ImportPlan>,
    /// A read with new choices, running on its thread.
    reading: Option<(Assignment, Receiver<Reread>)>,
}

impl ImportPreview {
    fn new(plan: Box<ImportPlan>) -> Self {
        Self {
            plan,
            reading: None,
        }
    }

    /// Starts reading the file again with `assignment` on a worker thread
    /// (in place if no thread can be had), replacing any read running.
    fn start(&mut self, ctx: &egui::Context, assignment: Assignment) {
        let job = self.plan.reading(&assignment);
        let (tx, rx) = std::sync::mpsc::channel();
        let waker = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("bridgework-import".to_owned())
            .spawn(move || {
                let _ = tx.send(job());
                waker.request_repaint();
            });
        match spawned {
            Ok(_) => self.reading = Some((assignment, rx)),
            Err(_) => {
                self.reading = None;
                self.plan.choose(assignment);
            }
        }
    }

    /// The choices in force: those of the read running, else the plan's.
    fn assignment(&self) -> Assignment {
        match &self.reading {
            Some((a, _)) => a.clone(),
            None => self.plan.assignment.clone(),
        }
    }

    /// Takes a finished read, if any.
    fn poll(&mut self) {
        let Some((assignment, rx)) = &self.reading else {
            return;
        };
        match rx.try_recv() {
            Ok(read) => {
                let assignment = assignment.clone();
                self.reading = None;
                self.plan.accept(assignment, read);
            }
            Err(TryRecvError::Disconnected) => self.reading = None,
            Err(TryRecvError::Empty) => {}
        }
    }
}

impl BridgeworkApp {
    /// The app as it starts on `path` (`bridgework FILE`): an empty map
    /// while the file is read on its thread (`opening.rs`); then a
    /// Bridgework map opened, a file from another tool in the import
    /// preview, or a file that cannot be read reported over the empty map.
    pub(super) fn started_on(path: &Path, prefs: Preferences, recovery: Option<PathBuf>) -> Self {
        let mut app = Self::new(Document::new(Network::new(), None), prefs, recovery);
        app.start_opening(path, true);
        app
    }

    /// Shows the preview for `path` read by `loader`: any reader that
    /// feeds `MapBuilder` (a survey export, say) gets the mapping step
    /// this way. Says why not if the file cannot be read at all.
    pub fn preview_with(&mut self, path: &Path, loader: crate::io::mapping::Loader) {
        match ImportPlan::new(path, &ImportOptions::default(), loader) {
            Ok(plan) => self.show_plan(Box::new(plan)),
            Err(e) => self.open_failed(&e),
        }
    }

    pub(super) fn show_plan(&mut self, plan: Box<ImportPlan>) {
        self.status.set(format!(
            "Importing {}: check which {} becomes what, then Import",
            plan.path.display(),
            if plan.survey_options().is_some() {
                "column"
            } else {
                "field"
            }
        ));
        self.files.preview = Some(ImportPreview::new(plan));
    }

    pub(super) fn open_failed(&mut self, e: &crate::io::IoError) {
        self.error = Some(Problem::new(
            e.to_string(),
            "The open map is unchanged. Fix the file, or open another (File > Open, Ctrl+O).",
        ));
    }

    /// The plan on show in the preview, if any (for tests and the status).
    pub fn import_plan(&self) -> Option<&ImportPlan> {
        self.files.preview.as_ref().map(|p| p.plan.as_ref())
    }

    /// Whether the previewed file is being read again with new choices.
    pub fn import_reading(&self) -> bool {
        self.files
            .preview
            .as_ref()
            .is_some_and(|p| p.reading.is_some())
    }

    /// Draws the preview while a plan waits, and carries out the answer.
    pub(super) fn import_preview_ui(&mut self, ctx: &egui::Context) {
        let Some(preview) = &mut self.files.preview else {
            return;
        };
        preview.poll();
        let reading = preview.reading.is_some();
        match import_preview_ui(ctx, &preview.plan, reading) {
            None => {}
            Some(PreviewAnswer::Choose(role, field)) => {
                let mut assignment = preview.assignment();
                assignment.set(role, field);
                preview.start(ctx, assignment);
            }
            Some(PreviewAnswer::MergeDuplicates(on)) => {
                preview.plan.set_merge_duplicates(on);
                let assignment = preview.assignment();
                preview.start(ctx, assignment);
            }
            Some(PreviewAnswer::SurveyColumn(header, role)) => {
                if let Some(mut survey) = preview.plan.survey_options().cloned() {
                    survey.set_column_role(&header, role);
                    preview.plan.set_survey_options(survey);
                }
                let assignment = preview.assignment();
                preview.start(ctx, assignment);
            }
            Some(PreviewAnswer::SamePerson {
                first,
                second,
                same,
            }) => {
                if let Some(mut survey) = preview.plan.survey_options().cloned() {
                    survey.set_same_person(&first, &second, same);
                    preview.plan.set_survey_options(survey);
                }
                let assignment = preview.assignment();
                preview.start(ctx, assignment);
            }
            Some(PreviewAnswer::Cancel) => {
                self.files.preview = None;
                self.status.set("Import cancelled; the map is as it was");
            }
            Some(PreviewAnswer::Import) if reading => {}
            Some(PreviewAnswer::Import) => {
                if let Some(preview) = self.files.preview.take() {
                    self.import_planned(*preview.plan);
                }
            }
        }
    }

    /// Puts the plan's map in place of the open one (an imported map has
    /// no file of its own until saved).
    fn import_planned(&mut self, plan: ImportPlan) {
        let path = plan.path.clone();
        // A form export reopened from the recent list would not be read
        // as a survey: only maps and files from other tools are listed.
        let survey = plan.survey_options().is_some();
        match plan.into_result() {
            Ok(loaded) => {
                let (actors, ties) = (loaded.network.actors().len(), loaded.network.ties().len());
                self.set_document(super::Document::new(loaded.network, None));
                if !survey {
                    self.remember(path.clone());
                }
                let mut said = format!("Imported {}: {actors} actors, {ties} ties", path.display());
                if !loaded.warnings.is_empty() {
                    said = format!("{said}; {}", loaded.warnings.join("; "));
                }
                self.status.set(said);
            }
            Err(e) => {
                self.error = Some(Problem::new(
                    e.to_string(),
                    "The open map is unchanged. Choose other fields in the preview, or fix the file.",
                ));
            }
        }
    }
}
