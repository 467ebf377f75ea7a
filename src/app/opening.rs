//! Opening a file off the window's thread: Open, Open recent, a dropped
//! file and the file named on the command line are read and parsed on a
//! worker thread ("bridgework-open"), after the unsaved-changes question.
//! Meanwhile the status bar shows "Opening NAME (SIZE)…", the seconds
//! waited after the first two, with a spinner and a
//! Cancel button, the window keeps drawing and the open map stays usable
//! and untouched. When the read is done a Bridgework map replaces the
//! open one, a file from another tool goes to the import preview
//! (`importing.rs`), and an error goes to the error dialog. Cancel drops
//! the read: its thread may still finish, and what it gives is ignored.
//! A newer Open replaces a read still running. If the open map was
//! edited while the file was read, the unsaved-changes question is asked
//! again before anything is replaced; if another Bridgework window has the
//! file open, "Open in another window" asks first (`lock_question.rs`).

use super::BridgeworkApp;
use super::dialogs::Problem;
use super::files::Pending;
use crate::io::mapping::{Opened, plan_or_load};
use crate::io::survey::SurveyOptions;
use crate::io::{ImportOptions, IoError};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

/// What the reading thread sends back.
type OpenResult = Result<Opened, IoError>;

/// A file being read on its thread.
pub struct Opening {
    path: PathBuf,
    rx: Receiver<OpenResult>,
    /// The open map's content when the read began.
    key: u64,
    /// Read for the file named on the command line (the app started on
    /// an empty map in its place).
    at_start: bool,
    /// Read as survey responses, with these choices.
    survey: Option<SurveyOptions>,
    /// When the read began, and the file's size then (for the status bar).
    started: std::time::Instant,
    size: Option<u64>,
}

/// Reads `path` on a "bridgework-open" thread; `Err` gives the result at
/// once when no thread can be had.
fn spawn(path: &Path, survey: Option<SurveyOptions>) -> Result<Receiver<OpenResult>, OpenResult> {
    let (tx, rx) = std::sync::mpsc::channel();
    let owned = path.to_path_buf();
    let options = ImportOptions {
        survey,
        ..ImportOptions::default()
    };
    let read = options.clone();
    let spawned = std::thread::Builder::new()
        .name("bridgework-open".to_owned())
        .spawn(move || {
            // A cancelled read has no receiver; its result is dropped.
            let _ = tx.send(plan_or_load(&owned, &read));
        });
    match spawned {
        Ok(_) => Ok(rx),
        Err(_) => Err(plan_or_load(path, &options)),
    }
}

/// The file's name for the status bar.
fn short_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

impl BridgeworkApp {
    /// Starts reading `path` in place of the open map (replacing a read
    /// still running). `at_start`: the file named on the command line.
    pub(super) fn start_opening(&mut self, path: &Path, at_start: bool) {
        self.start_reading(path, at_start, None);
    }

    /// Starts reading `path` as survey responses, for the import preview
    /// (File ▸ Import survey responses…).
    pub(super) fn start_survey(&mut self, path: &Path) {
        self.start_reading(path, false, Some(SurveyOptions::default()));
    }

    fn start_reading(&mut self, path: &Path, at_start: bool, survey: Option<SurveyOptions>) {
        match spawn(path, survey.clone()) {
            Ok(rx) => {
                self.files.opening = Some(Opening {
                    path: path.to_path_buf(),
                    rx,
                    key: self.doc.content_key(),
                    at_start,
                    survey,
                    started: std::time::Instant::now(),
                    size: std::fs::metadata(path).ok().map(|m| m.len()),
                });
            }
            Err(result) => {
                self.files.opening = None;
                self.opened(path, result, at_start);
            }
        }
    }

    /// Whether a file is being read (for tests and the status bar).
    pub fn opening(&self) -> Option<&Path> {
        self.files.opening.as_ref().map(|o| o.path.as_path())
    }

    /// Drops the read running: the open map stays as it is.
    pub fn cancel_opening(&mut self) {
        if let Some(o) = self.files.opening.take() {
            self.status.set(format!(
                "Stopped opening {}; the map is as it was",
                short_name(&o.path)
            ));
        }
    }

    /// Once per frame: takes a finished read, if any.
    pub(super) fn poll_opening(&mut self, ctx: &egui::Context) {
        let Some(o) = &self.files.opening else {
            return;
        };
        match o.rx.try_recv() {
            Err(TryRecvError::Empty) => {
                // The spinner repaints while it shows; this wakes a
                // window whose status bar is hidden too.
                ctx.request_repaint_after(Duration::from_millis(50));
            }
            Err(TryRecvError::Disconnected) => {
                // The thread died without an answer (a panic in a reader).
                let path = o.path.clone();
                self.files.opening = None;
                self.error = Some(Problem::new(
                    format!(
                        "Could not open {}: reading it stopped unexpectedly",
                        path.display()
                    ),
                    "The open map is unchanged. Try again, or open another file (File > Open, Ctrl+O).",
                ));
            }
            Ok(result) => {
                let Some(o) = self.files.opening.take() else {
                    return;
                };
                if self.doc.content_key() != o.key && self.doc.is_dirty() {
                    // Edited while the file was read: ask again first.
                    self.status.set(format!(
                        "The map changed while {} was read: save or discard the changes to open it",
                        short_name(&o.path)
                    ));
                    self.files.pending = Some(match o.survey {
                        Some(_) => Pending::Survey(o.path),
                        None => Pending::Open(Some(o.path)),
                    });
                } else {
                    self.opened(&o.path, result, o.at_start);
                }
            }
        }
    }

    /// Puts what was read in place: a map, the import preview, or the
    /// error dialog.
    fn opened(&mut self, path: &Path, result: OpenResult, at_start: bool) {
        match result {
            Ok(Opened::Map(loaded)) => {
                let doc = super::Document::new(loaded.network, Some(path.to_owned()));
                self.open_document(doc, path);
            }
            Ok(Opened::Plan(plan)) => self.show_plan(plan),
            Err(e) if at_start => {
                self.error = Some(Problem::new(
                    format!("Could not open {}: {e}", path.display()),
                    "Bridgework has started with an empty, untitled map instead. Fix the file and open it with File > Open (Ctrl+O), or open another map.",
                ));
            }
            Err(e) => self.open_failed(&e),
        }
    }

    /// The status bar's part while a file is read.
    pub(super) fn opening_status_ui(&mut self, ui: &mut egui::Ui) {
        let Some(o) = &self.files.opening else {
            return;
        };
        ui.separator();
        ui.add(egui::Spinner::new());
        // The size says what to expect; the seconds, that it is moving.
        let size = match o.size {
            Some(b) if b >= 1_000_000 => format!(" ({} MB)", b.div_ceil(1_000_000)),
            _ => String::new(),
        };
        let secs = o.started.elapsed().as_secs();
        let waited = if secs >= 2 {
            format!(" {secs} s")
        } else {
            String::new()
        };
        ui.label(format!("Opening {}{size}…{waited}", short_name(&o.path)))
            .on_hover_text(format!(
                "{} is read in the background; the open map stays as it is until it is ready",
                o.path.display()
            ));
        if ui
            .button("Cancel")
            .on_hover_text("Stop opening this file and keep the open map")
            .clicked()
        {
            self.cancel_opening();
        }
    }
}
