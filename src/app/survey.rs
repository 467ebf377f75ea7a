//! Survey responses in the editor: File ▸ Import survey responses… reads a
//! form export into a new map (`io::survey`), then a window lists what was
//! read and the names that may be one person, each with a "same person"
//! box; importing again with ticked pairs merges them. And File ▸ Export
//! pseudonymised copy…, which writes the copy and its key beside it.

use super::BridgeworkApp;
use super::dialogs::Problem;
use super::replace_target::{AfterReplace, ReplaceQuestion, targets_question};
use crate::io::survey::{NearDuplicate, SurveyOptions};
use crate::io::{ExportOptions, Format, ImportOptions};
use std::path::{Path, PathBuf};

/// What the review window shows after a survey import.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyReview {
    /// The file read.
    path: PathBuf,
    /// The choices it was read with.
    options: SurveyOptions,
    /// What the import announced, near-duplicates aside.
    notes: Vec<String>,
    /// Names that may be one person, and whether the user ticked them as
    /// one.
    pairs: Vec<(NearDuplicate, bool)>,
    /// The document's content key right after the import: importing again
    /// is offered only while the map is as imported.
    key: u64,
}

impl BridgeworkApp {
    /// Reads survey responses from `path` as a new map (the open one is
    /// untouched if that fails) and opens the review window.
    pub(super) fn import_survey(&mut self, path: &Path, options: SurveyOptions) {
        let read = crate::io::read_bytes(path).and_then(|bytes| {
            crate::io::survey::load_survey(path, &bytes, &ImportOptions::default(), &options)
        });
        match read {
            Ok(survey) => {
                let net = &survey.loaded.network;
                let summary = format!(
                    "Imported {} people and {} ties from {}",
                    net.actors().len(),
                    net.ties().len(),
                    path.display()
                );
                self.set_document(super::Document::new(survey.loaded.network, None));
                self.status.set(summary);
                self.files.survey = Some(SurveyReview {
                    path: path.to_path_buf(),
                    options,
                    notes: survey
                        .loaded
                        .warnings
                        .into_iter()
                        .filter(|w| !w.starts_with("may be one person") && !w.starts_with("and "))
                        .collect(),
                    pairs: survey
                        .near_duplicates
                        .into_iter()
                        .map(|d| (d, false))
                        .collect(),
                    key: self.doc.content_key(),
                });
            }
            Err(e) => {
                self.error = Some(Problem::new(
                    e.to_string(),
                    "The open map is unchanged. Fix the file, or import it again with File > Import survey responses….",
                ));
            }
        }
    }

    /// The review window after a survey import, while it is open.
    pub(super) fn survey_review_ui(&mut self, ctx: &egui::Context) {
        let Some(review) = &mut self.files.survey else {
            return;
        };
        let unchanged = self.doc.content_key() == review.key;
        let mut close = false;
        let mut again = None;
        egui::Window::new("Survey responses imported")
            .collapsible(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .show(ctx, |ui| {
                ui.set_max_width(620.0);
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        for note in &review.notes {
                            ui.label(note.as_str());
                        }
                        if review.pairs.is_empty() {
                            ui.label("No names look like one person written two ways.");
                            return;
                        }
                        ui.separator();
                        ui.label(
                            egui::RichText::new(
                                "These names may be one person. Tick the pairs that are, then import again; leave the others apart.",
                            )
                            .strong(),
                        );
                        for (d, same) in &mut review.pairs {
                            ui.checkbox(
                                same,
                                format!("\"{}\" and \"{}\": {}", d.first, d.second, d.reason),
                            )
                            .on_hover_text(format!(
                                "Same person: \"{}\" is then read as \"{}\"",
                                d.second, d.first
                            ));
                        }
                    });
                ui.horizontal(|ui| {
                    let ticked = review.pairs.iter().any(|(_, same)| *same);
                    let button = ui
                        .add_enabled(
                            ticked && unchanged,
                            egui::Button::new("Import again, merging the ticked pairs"),
                        )
                        .on_hover_text("Read the file again with each ticked pair as one person")
                        .on_disabled_hover_text(if unchanged {
                            "Tick the pairs that are one person first"
                        } else {
                            "The map has changed since the import; importing again would lose those changes"
                        });
                    if button.clicked() {
                        let mut options = review.options.clone();
                        options.same_person.extend(
                            review
                                .pairs
                                .iter()
                                .filter(|(_, same)| *same)
                                .map(|(d, _)| (d.first.clone(), d.second.clone())),
                        );
                        again = Some((review.path.clone(), options));
                    }
                    if ui
                        .button("Keep as imported")
                        .on_hover_text("Close this window; the map stays as it is")
                        .clicked()
                    {
                        close = true;
                    }
                });
            });
        if close {
            self.files.survey = None;
        }
        if let Some((path, options)) = again {
            self.files.survey = None;
            self.import_survey(&path, options);
        }
    }

    /// Writes the pseudonymised copy of the map to `path` and its key
    /// beside it; the document keeps its own file. A read-only file, a
    /// pipe or a socket at either is asked about first.
    pub(super) fn export_pseudonymised(&mut self, path: &Path) {
        let mut path = path.to_path_buf();
        if Format::from_extension(&path).is_none() && path.extension().is_none() {
            path.set_extension("json");
        }
        let question = crate::io::pseudonymised::pseudonymised_targets(&path, &Default::default())
            .ok()
            .and_then(|t| targets_question(&t));
        if let Some(question) = question {
            self.files.replace = Some(ReplaceQuestion {
                path,
                question,
                after: AfterReplace::Pseudonymised,
            });
            return;
        }
        self.export_pseudonymised_now(&path, false);
    }

    /// Writes the pseudonymised copy and its key now (over a read-only
    /// file, a pipe or a socket too when `replace_unusual`).
    pub(super) fn export_pseudonymised_now(&mut self, path: &Path, replace_unusual: bool) {
        let path = path.to_path_buf();
        let options = ExportOptions {
            keep_backup: true,
            replace_unusual,
            ..Default::default()
        };
        match crate::io::pseudonymised::save_pseudonymised(self.doc.network(), &path, &options) {
            Ok(paths) => {
                let key = crate::io::pseudonymised::key_path(&path);
                let copy: Vec<String> = paths
                    .iter()
                    .filter(|p| **p != key)
                    .map(|p| p.display().to_string())
                    .collect();
                self.status.set(format!(
                    "Exported {} with names as codes; the key is {}: keep it to yourself",
                    copy.join(" and "),
                    key.display()
                ));
            }
            Err(e) => {
                self.error = Some(Problem::new(
                    e.to_string(),
                    "The map is unchanged. Choose another name or folder and export again.",
                ));
            }
        }
    }
}
