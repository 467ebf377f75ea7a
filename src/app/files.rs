//! Files: open, import, save, save as, export; asking for a file name; the
//! unsaved-changes guard; recent files; autosave and crash recovery.
//!
//! A file name is asked for with the desktop's own dialog, run by rfd's
//! async dialog on a named thread ("bridgework-file-dialog") so the window
//! keeps drawing behind it. Where the desktop has no file dialog at all (no
//! file-chooser portal, no zenity: minimal window managers, some remote
//! sessions, Xvfb) rfd gives nothing back at once; Bridgework then opens its
//! own chooser in the window (`ui::file_chooser`), and keeps using it for
//! the rest of the session. Saving therefore always either saves, or says
//! in words why it could not.

use super::BridgeworkApp;
use super::dialogs::Problem;
use super::replace_target::{AfterReplace, ReplaceQuestion, replace_question};
use crate::io::{ExportOptions, Format};
use crate::model::Network;
use crate::ui::file_chooser::{
    ChooserMode, ChooserOutcome, ChooserRequest, FileChooser, FileFilter,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// Minutes between autosaves of unsaved work.
const AUTOSAVE_EVERY: Duration = Duration::from_secs(60);

/// A native dialog that comes back empty sooner than this did not show at
/// all: nobody cancels a dialog that fast.
const NOT_SHOWN_WITHIN: Duration = Duration::from_millis(300);

/// What waits for the user's answer about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// Start a new map.
    New,
    /// Open a file (`None`: ask which).
    Open(Option<PathBuf>),
    /// Import a file from another tool (ask which).
    Import,
    /// Import survey responses (ask which file).
    ImportSurvey,
    /// Read this file as survey responses (asked again: the map changed
    /// while it was read).
    Survey(PathBuf),
    /// Close Bridgework.
    Quit,
}

/// What a file name is being asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum FileTask {
    /// Open a map (any format).
    Open,
    /// Import a file from another tool.
    Import,
    /// Import survey responses.
    ImportSurvey,
    /// Export a pseudonymised copy and its key.
    ExportPseudonymised,
    /// Save the map under a name, then carry on with what waited for it.
    SaveAs {
        /// What the unsaved-changes question was about, if it asked.
        then: Option<Pending>,
    },
    /// Export a copy.
    Export {
        /// Leave out every private field.
        shareable: bool,
    },
    /// Export a picture, the measures or the report.
    ExportFile(super::exports::ExportKind),
}

/// What a file dialog shows: its title, whether it opens or saves, the
/// filters, the name and folder it starts with.
#[derive(Clone, Debug, PartialEq)]
pub struct DialogSpec {
    /// The dialog's title.
    pub title: String,
    /// Open an existing file, or name one to write.
    pub save: bool,
    /// (label, extensions) pairs, the first the default.
    pub filters: Vec<(String, Vec<String>)>,
    /// The file name it suggests (save).
    pub file_name: Option<String>,
    /// The folder it starts in.
    pub folder: Option<PathBuf>,
    /// Added to a typed name without one (save).
    pub default_extension: Option<String>,
}

/// What a native dialog gave back.
#[derive(Clone, Debug, PartialEq)]
pub enum NativeOutcome {
    /// The user chose this file.
    Chosen(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown.
    Unavailable,
}

/// Shows a native dialog and waits for it (called on the dialog thread).
pub type NativeDialog = Arc<dyn Fn(&DialogSpec) -> NativeOutcome + Send + Sync>;

/// The desktop's own file dialog, through rfd's async dialog.
pub fn rfd_dialog() -> NativeDialog {
    Arc::new(|spec: &DialogSpec| {
        if !native_dialog_possible() {
            return NativeOutcome::Unavailable;
        }
        let mut d = rfd::AsyncFileDialog::new().set_title(&spec.title);
        for (label, exts) in &spec.filters {
            d = d.add_filter(label, exts);
        }
        if let Some(name) = &spec.file_name {
            d = d.set_file_name(name);
        }
        if let Some(folder) = &spec.folder {
            d = d.set_directory(folder);
        }
        let started = Instant::now();
        let chosen = if spec.save {
            pollster::block_on(d.save_file())
        } else {
            pollster::block_on(d.pick_file())
        };
        match chosen {
            Some(handle) => NativeOutcome::Chosen(handle.path().to_path_buf()),
            None if started.elapsed() < NOT_SHOWN_WITHIN => NativeOutcome::Unavailable,
            None => NativeOutcome::Cancelled,
        }
    })
}

/// Whether a native dialog can possibly show: on Linux and the BSDs, rfd
/// needs a D-Bus session (for the file-chooser portal) or `zenity`.
fn native_dialog_possible() -> bool {
    if !cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd",
        target_os = "dragonfly"
    )) {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
    let zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|p| p.join("zenity").is_file()));
    bus || zenity
}

/// The file side of the app.
pub struct Files {
    /// The native dialog, or `None` to use Bridgework's own chooser (no
    /// native dialog on this desktop, or the user prefers it).
    pub native: Option<NativeDialog>,
    /// A native dialog open on its thread, and what it is for.
    waiting: Option<(FileTask, Receiver<NativeOutcome>)>,
    /// Bridgework's own chooser, open, and what it is for.
    chooser: Option<(FileTask, FileChooser)>,
    /// What waits for the unsaved-changes answer.
    pub(super) pending: Option<Pending>,
    /// Close the window at the end of this frame.
    pub(super) quitting: bool,
    /// Where unsaved work is written for recovery.
    recovery: Option<PathBuf>,
    /// A recovered map on offer, and the file it was of.
    pub(super) recovery_offer: Option<(Network, Option<PathBuf>)>,
    last_autosave: Instant,
    /// A file from another tool read for the import preview, not yet
    /// imported (see `importing.rs`).
    pub(super) preview: Option<super::importing::ImportPreview>,
    /// A file being read on its thread (see `opening.rs`).
    pub(super) opening: Option<super::opening::Opening>,
    /// A save waiting for "Replace it?" (a read-only file, a pipe).
    pub(super) replace: Option<super::replace_target::ReplaceQuestion>,
    /// A map read whose file another window has open, waiting for "Open
    /// anyway" or "Cancel".
    pub(super) lock_question: Option<super::lock_question::LockQuestion>,
    /// The autosave being written on its thread, if any.
    autosaving: Option<std::thread::JoinHandle<Result<(), String>>>,
    /// How often unsaved work is autosaved.
    pub(super) autosave_every: Duration,
}

impl Files {
    /// Files with the native dialog, autosaving to `recovery` (and
    /// offering what is there now).
    pub fn new(native: Option<NativeDialog>, recovery: Option<PathBuf>) -> Self {
        let recovery_offer = recovery
            .as_ref()
            .filter(|p| p.is_file())
            .and_then(|p| crate::io::load(p, &Default::default()).ok())
            .map(|l| {
                let source = recovery
                    .as_deref()
                    .and_then(crate::io::recovery::read_source);
                (l.network, source)
            });
        Self {
            native,
            waiting: None,
            chooser: None,
            pending: None,
            quitting: false,
            recovery,
            recovery_offer,
            last_autosave: Instant::now(),
            preview: None,
            opening: None,
            replace: None,
            lock_question: None,
            autosaving: None,
            autosave_every: AUTOSAVE_EVERY,
        }
    }

    /// Whether a file dialog (native or Bridgework's) is open.
    pub fn asking(&self) -> bool {
        self.waiting.is_some() || self.chooser.is_some()
    }
}

/// Where unsaved work goes: the app's own folder.
pub fn recovery_path() -> Option<PathBuf> {
    eframe::storage_dir("Bridgework").map(|d| d.join("recovery.json"))
}

/// The filters for opening a map (io lists the formats).
fn map_filters() -> Vec<(String, Vec<String>)> {
    crate::io::open_filters()
}

fn export_filters() -> Vec<(String, Vec<String>)> {
    crate::io::export_filters()
}

impl BridgeworkApp {
    /// The folder dialogs start in: the map's own, else the last used.
    fn start_folder(&self) -> Option<PathBuf> {
        self.doc
            .path()
            .or(self.prefs.recent.first().map(PathBuf::as_path))
            .and_then(|p| p.parent())
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
    }

    /// The dialog for `task`.
    fn spec(&self, task: &FileTask) -> DialogSpec {
        let stem = self.doc.title().trim_end_matches(".json").to_owned();
        let folder = self.start_folder();
        match task {
            FileTask::Open => DialogSpec {
                title: "Open a map".to_owned(),
                save: false,
                filters: map_filters(),
                file_name: None,
                folder,
                default_extension: None,
            },
            FileTask::Import => DialogSpec {
                title: "Import a map from another tool".to_owned(),
                save: false,
                filters: map_filters(),
                file_name: None,
                folder,
                default_extension: None,
            },
            FileTask::ImportSurvey => DialogSpec {
                title: "Import survey responses (a form export: CSV or spreadsheet)".to_owned(),
                save: false,
                filters: vec![(
                    "Survey responses".to_owned(),
                    ["csv", "xlsx", "xls", "ods"].map(str::to_owned).to_vec(),
                )],
                file_name: None,
                folder,
                default_extension: None,
            },
            FileTask::ExportPseudonymised => DialogSpec {
                title: "Export a pseudonymised copy (names as codes; the key is written beside it)"
                    .to_owned(),
                save: true,
                filters: export_filters(),
                file_name: Some(format!("{stem} (pseudonymised).json")),
                folder,
                default_extension: Some("json".to_owned()),
            },
            FileTask::SaveAs { .. } => DialogSpec {
                title: "Save map as".to_owned(),
                save: true,
                filters: vec![("Bridgework map".to_owned(), vec!["json".to_owned()])],
                file_name: Some(format!("{stem}.json")),
                folder,
                default_extension: Some("json".to_owned()),
            },
            FileTask::Export { shareable } => DialogSpec {
                title: if *shareable {
                    "Export a shareable copy (no private fields)".to_owned()
                } else {
                    "Export a copy".to_owned()
                },
                save: true,
                filters: export_filters(),
                file_name: Some(if *shareable {
                    format!("{stem} (shareable).json")
                } else {
                    format!("{stem}.graphml")
                }),
                folder,
                default_extension: Some(if *shareable { "json" } else { "graphml" }.to_owned()),
            },
            FileTask::ExportFile(kind) => super::exports::spec(*kind, &stem, folder),
        }
    }

    /// Asks for a file for `task`: the native dialog on its own thread, or
    /// Bridgework's chooser where there is none.
    pub(super) fn ask_file(&mut self, ctx: &egui::Context, task: FileTask) {
        if self.files.asking() {
            self.status
                .set("A file dialog is already open: finish with it first");
            return;
        }
        let spec = self.spec(&task);
        let Some(native) = self.files.native.clone() else {
            self.open_chooser(task, &spec);
            return;
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let waker = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("bridgework-file-dialog".to_owned())
            .spawn(move || {
                let outcome = native(&spec);
                let _ = tx.send(outcome);
                waker.request_repaint();
            });
        match spawned {
            Ok(_) => self.files.waiting = Some((task, rx)),
            Err(_) => {
                self.files.native = None;
                let spec = self.spec(&task);
                self.open_chooser(task, &spec);
            }
        }
    }

    fn open_chooser(&mut self, task: FileTask, spec: &DialogSpec) {
        let request = ChooserRequest {
            title: spec.title.clone(),
            mode: if spec.save {
                ChooserMode::Save
            } else {
                ChooserMode::Open
            },
            folder: spec.folder.clone(),
            file_name: spec.file_name.clone().unwrap_or_default(),
            filters: spec
                .filters
                .iter()
                .map(|(label, exts)| {
                    let exts: Vec<&str> = exts.iter().map(String::as_str).collect();
                    FileFilter::new(label.clone(), &exts)
                })
                .collect(),
            default_extension: spec.default_extension.clone(),
        };
        self.files.chooser = Some((task, FileChooser::new(request)));
    }

    /// Once per frame: takes the answer of a native dialog, draws
    /// Bridgework's chooser when it is open, and carries out what the
    /// file was for.
    pub(super) fn files_ui(&mut self, ctx: &egui::Context) {
        if let Some((task, rx)) = &self.files.waiting {
            let task = task.clone();
            match rx.try_recv() {
                Ok(NativeOutcome::Chosen(path)) => {
                    self.files.waiting = None;
                    self.file_chosen(ctx, task, path);
                }
                Ok(NativeOutcome::Cancelled) => {
                    self.files.waiting = None;
                    self.file_cancelled(task);
                }
                Ok(NativeOutcome::Unavailable) | Err(TryRecvError::Disconnected) => {
                    // No native dialog on this desktop: Bridgework's own
                    // from now on.
                    self.files.waiting = None;
                    self.files.native = None;
                    self.status.set(
                        "This desktop has no file dialog of its own, so Bridgework is using its own",
                    );
                    let spec = self.spec(&task);
                    self.open_chooser(task, &spec);
                }
                Err(TryRecvError::Empty) => {
                    // The dialog thread wakes the window when it is done;
                    // meanwhile nothing needs drawing.
                }
            }
        }
        if let Some((task, chooser)) = &mut self.files.chooser {
            match crate::ui::file_chooser::file_chooser_ui(ctx, chooser) {
                Some(ChooserOutcome::Chosen(path)) => {
                    let task = task.clone();
                    self.files.chooser = None;
                    self.file_chosen(ctx, task, path);
                }
                Some(ChooserOutcome::Cancelled) => {
                    let task = task.clone();
                    self.files.chooser = None;
                    self.file_cancelled(task);
                }
                None => {}
            }
        }
        self.poll_opening(ctx);
        self.import_preview_ui(ctx);
    }

    fn file_chosen(&mut self, ctx: &egui::Context, task: FileTask, path: PathBuf) {
        match task {
            FileTask::Open | FileTask::Import => self.open_now(&path),
            FileTask::ImportSurvey => self.start_survey(&path),
            FileTask::ExportPseudonymised => self.export_pseudonymised(&path),
            FileTask::SaveAs { then } => {
                let mut path = path;
                if path.extension().is_none() {
                    path.set_extension("json");
                }
                if self.save_to(&path, &then)
                    && let Some(p) = then
                {
                    self.proceed(ctx, p);
                }
            }
            FileTask::Export { shareable } => self.export_to(&path, shareable),
            FileTask::ExportFile(kind) => self.export_file(ctx, kind, path),
        }
    }

    fn file_cancelled(&mut self, task: FileTask) {
        // Cancelling "Save" from the unsaved-changes question goes back to
        // the question, not past it.
        if let FileTask::SaveAs { then: Some(p) } = task {
            self.files.pending = Some(p);
        }
    }

    /// Runs `p` now if there is nothing unsaved, else asks first.
    pub(super) fn guarded(&mut self, ctx: &egui::Context, p: Pending) {
        if self.doc.is_dirty() {
            self.files.pending = Some(p);
        } else {
            self.proceed(ctx, p);
        }
    }

    /// Carries on with `p` (after the guard).
    pub(super) fn proceed(&mut self, ctx: &egui::Context, p: Pending) {
        match p {
            Pending::New => {
                self.set_document(super::Document::new(Network::new(), None));
                self.status.set("New map");
            }
            Pending::Open(Some(path)) => self.open_now(&path),
            Pending::Open(None) => self.ask_file(ctx, FileTask::Open),
            Pending::Import => self.ask_file(ctx, FileTask::Import),
            Pending::ImportSurvey => self.ask_file(ctx, FileTask::ImportSurvey),
            Pending::Survey(path) => self.start_survey(&path),
            Pending::Quit => self.files.quitting = true,
        }
    }

    /// Starts opening `path` in place of the open map, on its thread (a
    /// file from another tool through the import preview), or says why
    /// not (the open map is then untouched): see `opening.rs`.
    pub(super) fn open_now(&mut self, path: &Path) {
        self.start_opening(path, false);
    }

    /// Adds `path` to the top of the recent files.
    pub(super) fn remember(&mut self, path: PathBuf) {
        let path = std::fs::canonicalize(&path).unwrap_or(path);
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(10);
    }

    /// Save: to the map's file, else ask for one (then carry on with
    /// `then`).
    pub(super) fn save(&mut self, ctx: &egui::Context, then: Option<Pending>) {
        match self.doc.path().map(std::path::Path::to_path_buf) {
            Some(path) => {
                if self.save_to(&path, &then)
                    && let Some(p) = then
                {
                    self.proceed(ctx, p);
                }
            }
            None => self.ask_file(ctx, FileTask::SaveAs { then }),
        }
    }

    /// Saves to `path`; says how it went. True if saved. A read-only file
    /// or a pipe there is asked about first (false until then; `then`
    /// waits with the question).
    fn save_to(&mut self, path: &Path, then: &Option<Pending>) -> bool {
        if let Some(question) = replace_question(path, &ExportOptions::default()) {
            self.files.replace = Some(ReplaceQuestion {
                path: path.to_owned(),
                question,
                after: AfterReplace::Save { then: then.clone() },
            });
            return false;
        }
        self.save_to_now(path, false)
    }

    /// Saves to `path` now (over a read-only file or a pipe too when
    /// `replace_unusual`); says how it went. True if saved.
    pub(super) fn save_to_now(&mut self, path: &Path, replace_unusual: bool) -> bool {
        match self.doc.save_replacing(path, replace_unusual) {
            Ok(()) => {
                self.status.set(format!("Saved {}", path.display()));
                self.remember(path.to_path_buf());
                self.clear_recovery();
                true
            }
            Err(e) => {
                self.error = Some(Problem::new(
                    e.to_string(),
                    "The map is still open, with its changes. Try File > Save as… to save it in another folder.",
                ));
                false
            }
        }
    }

    /// Writes a copy of the map to `path` in the format its extension
    /// names, without private fields if `shareable`; the document keeps
    /// its own file.
    pub(super) fn export_to(&mut self, path: &Path, shareable: bool) {
        let mut path = path.to_path_buf();
        if Format::from_extension(&path).is_none() && path.extension().is_none() {
            path.set_extension(if shareable { "json" } else { "graphml" });
        }
        if let Some(question) = replace_question(&path, &ExportOptions::default()) {
            self.files.replace = Some(ReplaceQuestion {
                path,
                question,
                after: AfterReplace::Export { shareable },
            });
            return;
        }
        self.export_to_now(&path, shareable, false);
    }

    /// Writes the copy now (over a read-only file or a pipe too when
    /// `replace_unusual`).
    pub(super) fn export_to_now(&mut self, path: &Path, shareable: bool, replace_unusual: bool) {
        let options = ExportOptions {
            shareable,
            keep_backup: true,
            replace_unusual,
            ..Default::default()
        };
        let path = path.to_path_buf();
        match crate::io::save(self.doc.network(), &path, &options) {
            Ok(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                self.status.set(format!(
                    "Exported {}{}",
                    names.join(" and "),
                    if shareable {
                        " without private fields"
                    } else {
                        ""
                    }
                ));
            }
            Err(e) => {
                self.error = Some(Problem::new(
                    e.to_string(),
                    "The open map is unchanged. Choose another name or folder and export again.",
                ));
            }
        }
    }

    /// Removes the recovery file (the work is saved, or thrown away),
    /// after an autosave still being written.
    pub(super) fn clear_recovery(&mut self) {
        if let Some(writing) = self.files.autosaving.take() {
            let _ = writing.join();
        }
        if let Some(p) = &self.files.recovery {
            crate::io::recovery::clear_recovery(p);
        }
    }

    /// Writes unsaved work to the recovery file once a minute, with the
    /// map's own file beside it, so a recovered map saves back there.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        self.autosave_done();
        if !self.doc.is_dirty() {
            self.files.last_autosave = Instant::now();
            return;
        }
        let since = self.files.last_autosave.elapsed();
        let every = self.files.autosave_every;
        if since < every {
            ctx.request_repaint_after(every - since);
            return;
        }
        if self
            .files
            .autosaving
            .as_ref()
            .is_some_and(|w| !w.is_finished())
        {
            // The last one is still being written (a very large map):
            // try again in a moment.
            ctx.request_repaint_after(Duration::from_secs(1));
            return;
        }
        self.files.last_autosave = Instant::now();
        ctx.request_repaint_after(every);
        let Some(path) = self.files.recovery.clone() else {
            return;
        };
        // Written on its own thread from a copy, so a large map never holds
        // up a frame; the copy is what the map was at this moment.
        let network = self.doc.network().clone();
        let source = self.doc.path().map(Path::to_path_buf);
        let waker = ctx.clone();
        let at = path.clone();
        let spawned = std::thread::Builder::new()
            .name("bridgework-autosave".to_owned())
            .spawn(move || {
                let written = crate::io::recovery::write_recovery(&at, &network, source.as_deref())
                    .map_err(|e| e.to_string());
                waker.request_repaint();
                written
            });
        match spawned {
            Ok(handle) => self.files.autosaving = Some(handle),
            // No thread to be had: write it here.
            Err(_) => {
                let source = self.doc.path().map(Path::to_path_buf);
                if let Err(e) = crate::io::recovery::write_recovery(
                    &path,
                    self.doc.network(),
                    source.as_deref(),
                ) {
                    self.status.set(format!("Autosave failed: {e}"));
                }
            }
        }
    }

    /// Whether an autosave is being written (for tests).
    pub fn autosaving(&self) -> bool {
        self.files.autosaving.is_some()
    }

    /// Takes a finished autosave's outcome; a failure is said in the
    /// status bar.
    fn autosave_done(&mut self) {
        if !self
            .files
            .autosaving
            .as_ref()
            .is_some_and(|w| w.is_finished())
        {
            return;
        }
        let Some(handle) = self.files.autosaving.take() else {
            return;
        };
        match handle.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => self.status.set(format!("Autosave failed: {e}")),
            Err(_) => self
                .status
                .set("Autosave failed: writing it stopped unexpectedly"),
        }
    }

    /// Opens the recovered map in place of the open one; it keeps the file
    /// it was of, so Save writes back there.
    pub(super) fn recover(&mut self) {
        if let Some((network, source)) = self.files.recovery_offer.take() {
            let mut doc = super::Document::recovered(network, source.clone());
            let held = doc.acquire_lock().err();
            self.set_document(doc);
            self.status.set(match (source, held) {
                (_, Some(held)) => format!("Recovered unsaved work. {held}"),
                (Some(p), None) => format!(
                    "Recovered unsaved work on {}; Save writes it back there",
                    p.display()
                ),
                (None, None) => "Recovered unsaved work; Save asks where to keep it".to_owned(),
            });
        }
    }

    /// Throws the recovered map away.
    pub(super) fn discard_recovery(&mut self) {
        self.files.recovery_offer = None;
        self.clear_recovery();
    }
}
