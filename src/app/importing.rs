//! The mapping step in the editor: a file from another tool (anything but
//! Bridgework's own JSON), chosen with Open or Import or dropped on the
//! window, is read into an [`ImportPlan`] and shown in the preview
//! (`ui::import_preview`) before the map changes. Choosing another field
//! reads the file again with that choice (on this thread, as opening
//! does); Import puts the map in place of the open one, as Open does;
//! Cancel drops the plan and the open map is as it was.

use super::dialogs::Problem;
use super::{BridgeworkApp, Document, Preferences};
use crate::io::ImportOptions;
use crate::io::mapping::{ImportPlan, Opened, plan_or_load};
use crate::model::Network;
use crate::ui::import_preview::{PreviewAnswer, import_preview_ui};
use std::path::{Path, PathBuf};

impl BridgeworkApp {
    /// The app as it starts on `path` (`bridgework FILE`): a Bridgework
    /// map opened; a file from another tool in the import preview over an
    /// empty map; a file that cannot be read reported over an empty map.
    pub(super) fn started_on(path: &Path, prefs: Preferences, recovery: Option<PathBuf>) -> Self {
        let empty = || Document::new(Network::new(), None);
        match plan_or_load(path, &ImportOptions::default()) {
            Ok(Opened::Map(loaded)) => {
                let doc = Document::new(loaded.network, Some(path.to_owned()));
                let mut app = Self::new(doc, prefs, recovery);
                app.remember(path.to_path_buf());
                app
            }
            Ok(Opened::Plan(plan)) => {
                let mut app = Self::new(empty(), prefs, recovery);
                app.files.preview = Some(plan);
                app
            }
            Err(e) => {
                let mut app = Self::new(empty(), prefs, recovery);
                app.error = Some(Problem::new(
                    format!("Could not open {}: {e}", path.display()),
                    "Bridgework has started with an empty, untitled map instead. Fix the file and open it with File > Open (Ctrl+O), or open another map.",
                ));
                app
            }
        }
    }

    /// Opens `path`: a Bridgework map at once (Save writes back to it),
    /// any other file as the import preview; or says why not (the open
    /// map is then untouched).
    pub(super) fn open_or_preview(&mut self, path: &Path) {
        match plan_or_load(path, &ImportOptions::default()) {
            Ok(Opened::Map(loaded)) => {
                self.set_document(super::Document::new(loaded.network, Some(path.to_owned())));
                self.remember(path.to_path_buf());
                self.status.set(format!("Opened {}", path.display()));
            }
            Ok(Opened::Plan(plan)) => {
                self.status.set(format!(
                    "Importing {}: check which field becomes what, then Import",
                    path.display()
                ));
                self.files.preview = Some(plan);
            }
            Err(e) => {
                self.error = Some(Problem::new(
                    e.to_string(),
                    "The open map is unchanged. Fix the file, or open another (File > Open, Ctrl+O).",
                ));
            }
        }
    }

    /// The plan on show in the preview, if any (for tests and the status).
    pub fn import_plan(&self) -> Option<&ImportPlan> {
        self.files.preview.as_deref()
    }

    /// Draws the preview while a plan waits, and carries out the answer.
    pub(super) fn import_preview_ui(&mut self, ctx: &egui::Context) {
        let Some(plan) = &mut self.files.preview else {
            return;
        };
        match import_preview_ui(ctx, plan) {
            None => {}
            Some(PreviewAnswer::Choose(role, field)) => plan.set(role, field),
            Some(PreviewAnswer::Cancel) => {
                self.files.preview = None;
                self.status.set("Import cancelled; the map is as it was");
            }
            Some(PreviewAnswer::Import) => {
                if let Some(plan) = self.files.preview.take() {
                    self.import_planned(*plan);
                }
            }
        }
    }

    /// Puts the plan's map in place of the open one (an imported map has
    /// no file of its own until saved).
    fn import_planned(&mut self, plan: ImportPlan) {
        let path = plan.path.clone();
        match plan.into_result() {
            Ok(loaded) => {
                let (actors, ties) = (loaded.network.actors().len(), loaded.network.ties().len());
                self.set_document(super::Document::new(loaded.network, None));
                self.remember(path.clone());
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
