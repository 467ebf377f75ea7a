//! The desktop app (eframe): owns the document, draws the panels, collects
//! what the user asked for as [`Command`]s during the frame and carries them
//! out after it, through the one edit path that records undo.

mod document;
mod sizing;
mod tables_and_settings;

use tables_and_settings::renames;

pub use document::Document;

use crate::edit::Edit;
use crate::model::{Actor, ActorId, Network, Tie};
use crate::ui::canvas::{CanvasEvent, CanvasState, CanvasStyle, canvas_ui};
use crate::ui::inspector::{
    actor_inspector_ui, actors_inspector_ui, tie_inspector_ui, ties_inspector_ui,
};
use crate::ui::legend::{Filters, LegendCounts, legend_ui};
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The sample map the app opens when started without a file.
pub const SAMPLE: &str = include_str!("../../sample_networks/diabetes_network.json");

/// Preferences kept between runs (never the map itself).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Dark theme.
    pub dark: bool,
    /// Recently opened or saved files, newest first.
    pub recent: Vec<PathBuf>,
}

/// Something to do after the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Apply an edit (one undo step).
    Edit(Box<Edit>),
    /// Apply an edit, merged into the previous undo step if that had the
    /// same key (typing in one field is one step, not one per letter).
    EditCoalescing(Box<Edit>, String),
    /// Undo the last edit.
    Undo,
    /// Redo.
    Redo,
    /// Start a new, empty map.
    New,
    /// Ask for a file and open it.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Save to the current file (or ask).
    Save,
    /// Ask for a file and save there.
    SaveAs,
    /// Delete the selected actors (with their ties) and ties.
    DeleteSelection,
    /// Select every actor.
    SelectAll,
    /// Frame the whole map.
    Fit,
    /// Show or hide the shortcut overlay.
    ToggleHelp,
    /// Full screen on or off.
    ToggleFullscreen,
    /// Run a layout.
    Layout(LayoutKind),
    /// Copy the selected actors (and the ties among them).
    Copy,
    /// Paste what was copied, offset, as new actors with new ids.
    Paste,
    /// Duplicate the selection.
    Duplicate,
    /// Export a copy in another format (chosen by the file name).
    Export {
        /// Leave out every private field.
        shareable: bool,
    },
    /// Export a copy to this file (the format from its extension).
    ExportTo {
        /// Where to write.
        path: PathBuf,
        /// Leave out every private field.
        shareable: bool,
    },
    /// Stop the running force layout, keeping where it got to.
    StopLayout,
    /// Focus on the selected actor's neighbourhood within this many steps
    /// (the rest dimmed), or end the focus (`None`).
    Focus(Option<usize>),
}

/// The layouts the Layout menu offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayoutKind {
    /// Force-directed, animated.
    Force,
    /// Sectors as clusters.
    Grouped,
    /// A circle, by sector.
    Circle,
    /// Remove overlaps.
    Tidy,
}

impl Command {
    /// An edit command.
    pub fn edit(e: Edit) -> Self {
        Command::Edit(Box::new(e))
    }
}

/// The actor whose neighbourhood is in focus and how many steps it
/// reaches, if a focus is on.
pub type Focus = Option<(ActorId, usize)>;

/// What waits for the user's answer about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
enum Pending {
    New,
    Open(Option<PathBuf>),
    Quit,
}

/// The app.
pub struct BridgeworkApp {
    /// The open map.
    pub doc: Document,
    /// Canvas camera, selection, gesture.
    pub canvas: CanvasState,
    /// The tables of actors and ties (a panel under the map).
    pub tables: crate::ui::tables::TablesState,
    /// The map settings dialog.
    pub settings: crate::ui::settings::SettingsState,
    filters: Filters,
    filters_applied: Option<(Filters, u64)>,
    legend_counts: Option<(u64, LegendCounts)>,
    /// The actor whose neighbourhood is in focus, and how many steps.
    pub focus: Focus,
    focus_applied: Option<(Focus, Filters, u64)>,
    search: String,
    search_applied: Option<(String, u64)>,
    /// The tie kind new ties get.
    pub new_tie_kind: String,
    last_sector: String,
    focus_name: bool,
    status: String,
    error: Option<String>,
    pending: Option<Pending>,
    allow_close: bool,
    show_help: bool,
    prefs: Preferences,
    commands: Vec<Command>,
    last_autosave: Instant,
    recovery: Option<PathBuf>,
    recovery_offer: Option<Network>,
    force: Option<(crate::layout::ForceLayout, Vec<ActorId>)>,
    clipboard: (Vec<Actor>, Vec<Tie>),
    /// "Size by": the chosen measure and the job working it out.
    sizing: sizing::Sizing,
}

fn recovery_path() -> Option<PathBuf> {
    eframe::storage_dir("Bridgework").map(|d| d.join("recovery.json"))
}

impl BridgeworkApp {
    /// The app on `doc`, with saved preferences if any.
    pub fn new(doc: Document, prefs: Preferences, recovery: Option<PathBuf>) -> Self {
        let last_sector = doc
            .network
            .sectors
            .first()
            .map(|s| s.name.clone())
            .unwrap_or_default();
        let recovery_offer = recovery
            .as_ref()
            .filter(|p| p.is_file())
            .and_then(|p| crate::io::load(p, &Default::default()).ok())
            .map(|l| l.network);
        Self {
            doc,
            canvas: CanvasState::fitted(),
            tables: Default::default(),
            settings: Default::default(),
            filters: Filters::default(),
            filters_applied: None,
            legend_counts: None,
            focus: None,
            focus_applied: None,
            search: String::new(),
            search_applied: None,
            new_tie_kind: "collaboration".to_owned(),
            last_sector,
            focus_name: false,
            status: String::new(),
            error: None,
            pending: None,
            allow_close: false,
            show_help: false,
            prefs,
            commands: Vec::new(),
            last_autosave: Instant::now(),
            recovery,
            recovery_offer,
            force: None,
            clipboard: (Vec::new(), Vec::new()),
            sizing: sizing::Sizing::default(),
        }
    }

    /// For eframe: restores preferences and opens `file` (or the sample).
    pub fn from_creation(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let prefs: Preferences = cc
            .storage
            .and_then(|s| eframe::get_value(s, "prefs"))
            .unwrap_or_default();
        let mut error = None;
        let doc = match file {
            Some(path) => match Document::open(&path) {
                Ok((d, _)) => d,
                Err(e) => {
                    error = Some(e.to_string());
                    sample_document()
                }
            },
            None => sample_document(),
        };
        let mut app = Self::new(doc, prefs, recovery_path());
        app.error = error;
        cc.egui_ctx.set_theme(if app.prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        app
    }

    /// Queues a command (used by tests and by the panels).
    pub fn command(&mut self, c: Command) {
        self.commands.push(c);
    }

    fn apply(&mut self, edit: Edit) {
        if let Err(e) = self.doc.apply(edit) {
            self.error = Some(e.to_string());
        }
    }

    fn run(&mut self, ctx: &egui::Context, c: Command) {
        match c {
            Command::Edit(e) => self.apply(*e),
            Command::EditCoalescing(e, key) => {
                if let Err(e) = self
                    .doc
                    .history
                    .apply_coalescing(&mut self.doc.network, *e, &key)
                {
                    self.error = Some(e.to_string());
                }
            }
            Command::Undo => match self.doc.history.undo(&mut self.doc.network) {
                Some(label) => {
                    self.status = format!("Undid: {label}");
                    let undone = self.doc.history.redo_edit().map(renames);
                    self.follow_renames(undone.unwrap_or_default(), true);
                }
                None => self.status = "Nothing to undo".into(),
            },
            Command::Redo => match self.doc.history.redo(&mut self.doc.network) {
                Some(label) => {
                    self.status = format!("Redid: {label}");
                    let redone = self.doc.history.undo_edit().map(renames);
                    self.follow_renames(redone.unwrap_or_default(), true);
                }
                None => self.status = "Nothing to redo".into(),
            },
            Command::New => self.guarded(Pending::New),
            Command::Open => self.guarded(Pending::Open(None)),
            Command::OpenPath(p) => self.guarded(Pending::Open(Some(p))),
            Command::Save => self.save(false),
            Command::SaveAs => self.save(true),
            Command::DeleteSelection => {
                let actors: Vec<ActorId> = self.canvas.selected.iter().cloned().collect();
                let ties: Vec<_> =
                    self.canvas
                        .selected_ties
                        .iter()
                        .filter(|t| {
                            self.doc.network.tie(t).is_some_and(|t| {
                                !actors.contains(t.from()) && !actors.contains(t.to())
                            })
                        })
                        .cloned()
                        .collect();
                let mut edits = Vec::new();
                if !ties.is_empty() {
                    edits.push(Edit::RemoveTies(ties));
                }
                if !actors.is_empty() {
                    edits.push(Edit::RemoveActors(actors));
                }
                if !edits.is_empty() {
                    self.apply(if edits.len() == 1 {
                        edits.remove(0)
                    } else {
                        Edit::Batch(edits)
                    });
                    self.canvas.selected.clear();
                    self.canvas.selected_ties.clear();
                }
            }
            Command::SelectAll => {
                self.canvas.selected = self
                    .doc
                    .network
                    .actors()
                    .iter()
                    .map(|a| a.id().clone())
                    .collect();
            }
            Command::Fit => self.canvas.fit_requested = true,
            Command::Layout(kind) => self.layout(kind),
            Command::Copy => {
                let ids: Vec<ActorId> = self.canvas.selected.iter().cloned().collect();
                self.clipboard = crate::edit::copy_selection(&self.doc.network, &ids);
                self.status = format!("Copied {} actor(s)", self.clipboard.0.len());
            }
            Command::Paste => {
                if !self.clipboard.0.is_empty() {
                    let edit = crate::edit::paste_edit(
                        &self.doc.network,
                        &self.clipboard.0,
                        &self.clipboard.1,
                        [40.0, 40.0],
                    );
                    self.select_added(edit);
                }
            }
            Command::Duplicate => {
                let ids: Vec<ActorId> = self.canvas.selected.iter().cloned().collect();
                if !ids.is_empty() {
                    let edit = crate::edit::duplicate_edit(&self.doc.network, &ids, [40.0, 40.0]);
                    self.select_added(edit);
                }
            }
            Command::Export { shareable } => self.export(shareable),
            Command::ExportTo { path, shareable } => self.export_to(&path, shareable),
            Command::StopLayout => self.finish_force(),
            Command::Focus(steps) => {
                let one = (self.canvas.selected.len() == 1)
                    .then(|| self.canvas.selected.iter().next().cloned())
                    .flatten();
                self.focus = match (steps, one) {
                    (Some(k), Some(id)) => Some((id, k)),
                    (Some(_), None) => {
                        self.status = "Select one actor to focus on".to_owned();
                        self.focus.take()
                    }
                    (None, _) => None,
                };
            }
            Command::ToggleHelp => self.show_help = !self.show_help,
            Command::ToggleFullscreen => {
                let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
            }
        }
    }

    /// Applies an edit that adds actors and selects what it added.
    fn select_added(&mut self, edit: Edit) {
        let added = edit.added_actors();
        self.apply(edit);
        self.canvas.selected = added
            .into_iter()
            .filter(|id| self.doc.network.actor(id).is_some())
            .collect();
        self.canvas.selected_ties.clear();
    }

    fn export(&mut self, shareable: bool) {
        let stem = self.doc.title().trim_end_matches(".json").to_owned();
        let name = if shareable {
            format!("{stem} (shareable).json")
        } else {
            format!("{stem}.graphml")
        };
        let Some(path) = rfd::FileDialog::new()
            .add_filter("Bridgework map", &["json"])
            .add_filter("GraphML (Gephi, yEd, NetworkX, igraph)", &["graphml"])
            .add_filter(
                "CSV ties file (a nodes file is written beside it)",
                &["csv"],
            )
            .set_file_name(name)
            .save_file()
        else {
            return;
        };
        self.export_to(&path, shareable);
    }

    /// Writes a copy of the map to `path` in the format its extension
    /// names, without private fields if `shareable`; the document keeps
    /// its own file.
    fn export_to(&mut self, path: &std::path::Path, shareable: bool) {
        let options = crate::io::ExportOptions {
            shareable,
            keep_backup: true,
            ..Default::default()
        };
        match crate::io::save(&self.doc.network, path, &options) {
            Ok(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                self.status = format!(
                    "Exported {}{}",
                    names.join(" and "),
                    if shareable {
                        " without private fields"
                    } else {
                        ""
                    }
                );
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn layout(&mut self, kind: LayoutKind) {
        use crate::layout::{self as lay, LayoutGraph};
        self.finish_force();
        let (graph, ids) = LayoutGraph::from_network(&self.doc.network);
        let positions = match kind {
            LayoutKind::Force => {
                let opts = lay::ForceOptions::default();
                self.force = Some((lay::ForceLayout::new(graph, opts), ids));
                self.status = "Laying out… (Esc stops)".into();
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
            crate::layout::moves(&self.doc.network, ids, positions)
                .into_iter()
                .map(|(id, p)| (id, Some(p)))
                .collect();
        if !moves.is_empty() {
            self.apply(Edit::MoveActors(moves));
        }
    }

    /// Ends an animated layout: its positions become one undoable move.
    fn finish_force(&mut self) {
        if let Some((layout, ids)) = self.force.take() {
            let positions = layout.positions().to_vec();
            self.canvas.preview.clear();
            self.commit_layout(&ids, &positions);
            self.status = format!("Layout done ({} steps)", layout.steps());
        }
    }

    /// Advances an animated layout within a frame budget.
    fn tick_force(&mut self, ctx: &egui::Context) {
        let Some((layout, ids)) = &mut self.force else {
            return;
        };
        let status = layout.run_for(Duration::from_millis(8));
        self.canvas.preview = ids
            .iter()
            .cloned()
            .zip(layout.positions().iter().copied())
            .collect();
        if matches!(status, crate::layout::Status::Finished { .. }) {
            self.finish_force();
        } else {
            ctx.request_repaint();
        }
    }

    /// Runs `p` now if there is nothing unsaved, else asks first.
    fn guarded(&mut self, p: Pending) {
        if self.doc.is_dirty() {
            self.pending = Some(p);
        } else {
            self.proceed(p);
        }
    }

    fn proceed(&mut self, p: Pending) {
        match p {
            Pending::New => {
                self.doc = Document::new(Network::new(), None);
                self.after_open();
            }
            Pending::Open(path) => {
                let path = path.or_else(|| {
                    rfd::FileDialog::new()
                        .add_filter("Maps", &["json", "graphml", "xml", "csv"])
                        .add_filter("Bridgework map", &["json"])
                        .add_filter("GraphML", &["graphml", "xml"])
                        .add_filter("CSV ties file (with its nodes file beside it)", &["csv"])
                        .pick_file()
                });
                if let Some(path) = path {
                    match Document::open(&path) {
                        Ok((doc, warnings)) => {
                            self.doc = doc;
                            self.remember(path.clone());
                            self.after_open();
                            self.status = if warnings.is_empty() {
                                format!("Opened {}", path.display())
                            } else {
                                warnings.join("; ")
                            };
                        }
                        // The open map is untouched.
                        Err(e) => self.error = Some(e.to_string()),
                    }
                }
            }
            Pending::Quit => {
                self.allow_close = true;
            }
        }
    }

    fn after_open(&mut self) {
        self.canvas = CanvasState::fitted();
        self.filters = Filters::default();
        self.last_sector = self
            .doc
            .network
            .sectors
            .first()
            .map(|s| s.name.clone())
            .unwrap_or_default();
    }

    fn remember(&mut self, path: PathBuf) {
        self.prefs.recent.retain(|p| p != &path);
        self.prefs.recent.insert(0, path);
        self.prefs.recent.truncate(10);
    }

    fn save(&mut self, ask: bool) {
        let path = match (&self.doc.path, ask) {
            (Some(p), false) => Some(p.clone()),
            _ => rfd::FileDialog::new()
                .add_filter("Bridgework map", &["json"])
                .set_file_name(format!(
                    "{}.json",
                    self.doc.title().trim_end_matches(".json")
                ))
                .save_file(),
        };
        let Some(mut path) = path else { return };
        if path.extension().is_none() {
            path.set_extension("json");
        }
        match self.doc.save_to(&path) {
            Ok(()) => {
                self.status = format!("Saved {}", path.display());
                self.remember(path);
                self.clear_recovery();
            }
            Err(e) => self.error = Some(e.to_string()),
        }
    }

    fn clear_recovery(&mut self) {
        if let Some(p) = &self.recovery {
            let _ = std::fs::remove_file(p);
        }
    }

    /// Writes unsaved work to the recovery file once a minute.
    fn autosave(&mut self) {
        if self.last_autosave.elapsed() < Duration::from_secs(60) {
            return;
        }
        self.last_autosave = Instant::now();
        let Some(path) = self.recovery.clone() else {
            return;
        };
        if !self.doc.is_dirty() {
            return;
        }
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        match crate::io::native::to_string(&self.doc.network) {
            Ok(text) => {
                if let Err(e) = crate::io::write_atomic(&path, text.as_bytes(), false) {
                    self.status = format!("Autosave failed: {e}");
                }
            }
            Err(e) => self.status = format!("Autosave failed: {e}"),
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let take = |m: Modifiers, k: Key| {
            ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)))
        };
        let shift_cmd = Modifiers::COMMAND | Modifiers::SHIFT;
        if take(shift_cmd, Key::S) {
            self.commands.push(Command::SaveAs);
        }
        if take(Modifiers::COMMAND, Key::S) {
            self.commands.push(Command::Save);
        }
        if take(Modifiers::COMMAND, Key::O) {
            self.commands.push(Command::Open);
        }
        if take(Modifiers::COMMAND, Key::N) {
            self.commands.push(Command::New);
        }
        if take(Modifiers::NONE, Key::F1) {
            self.commands.push(Command::ToggleHelp);
        }
        if take(Modifiers::NONE, Key::F11) {
            self.commands.push(Command::ToggleFullscreen);
        }
        if self.force.is_some() && take(Modifiers::NONE, Key::Escape) {
            self.commands.push(Command::StopLayout);
        }
        if typing {
            return;
        }
        if take(shift_cmd, Key::Z) || take(Modifiers::COMMAND, Key::Y) {
            self.commands.push(Command::Redo);
        }
        if take(Modifiers::COMMAND, Key::Z) {
            self.commands.push(Command::Undo);
        }
        if take(Modifiers::COMMAND, Key::A) {
            self.commands.push(Command::SelectAll);
        }
        if take(Modifiers::COMMAND, Key::D) {
            self.commands.push(Command::Duplicate);
        }
        // Esc in a text field leaves the field; on the map it ends a focus.
        if self.focus.is_some() && take(Modifiers::NONE, Key::Escape) {
            self.commands.push(Command::Focus(None));
        }
        if take(Modifiers::SHIFT, Key::F) {
            self.commands.push(Command::Focus(Some(2)));
        }
        if take(Modifiers::NONE, Key::F) {
            self.commands.push(Command::Focus(Some(1)));
        }
        let (copy, paste) = ctx.input(|i| {
            (
                i.events.iter().any(|e| matches!(e, egui::Event::Copy)),
                i.events.iter().any(|e| matches!(e, egui::Event::Paste(_))),
            )
        });
        if copy {
            self.commands.push(Command::Copy);
        }
        if paste {
            self.commands.push(Command::Paste);
        }
        if take(Modifiers::NONE, Key::Delete) || take(Modifiers::NONE, Key::Backspace) {
            self.commands.push(Command::DeleteSelection);
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui.button("New").on_hover_text("Ctrl+N").clicked() {
                    self.commands.push(Command::New);
                }
                if ui
                    .button("Open…")
                    .on_hover_text("Ctrl+O — .json, .graphml or a .csv ties file")
                    .clicked()
                {
                    self.commands.push(Command::Open);
                }
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for p in self.prefs.recent.clone() {
                        if ui
                            .button(p.display().to_string())
                            .on_hover_text("Open this map again")
                            .clicked()
                        {
                            self.commands.push(Command::OpenPath(p));
                        }
                    }
                });
                if ui.button("Save").on_hover_text("Ctrl+S").clicked() {
                    self.commands.push(Command::Save);
                }
                if ui
                    .button("Save as…")
                    .on_hover_text("Ctrl+Shift+S")
                    .clicked()
                {
                    self.commands.push(Command::SaveAs);
                }
                ui.separator();
                if ui
                    .button("Import…")
                    .on_hover_text(
                        "Open a GraphML file or a CSV ties file (with its actors file) as a new map; Save then asks where to keep it",
                    )
                    .clicked()
                {
                    self.commands.push(Command::Open);
                }
                if ui
                    .button("Export…")
                    .on_hover_text(
                        "Write a copy as GraphML (Gephi, yEd, NetworkX) or a CSV pair, private fields included",
                    )
                    .clicked()
                {
                    self.commands.push(Command::Export { shareable: false });
                }
                if ui
                    .button("Export shareable copy…")
                    .on_hover_text(
                        "Write a copy without any private field (stance, notes, whatever you marked private), safe to email",
                    )
                    .clicked()
                {
                    self.commands.push(Command::Export { shareable: true });
                }
            });
            ui.menu_button("Edit", |ui| {
                let undo = self
                    .doc
                    .history
                    .undo_label()
                    .map(|l| format!("Undo {l}"))
                    .unwrap_or("Undo".into());
                if ui
                    .add_enabled(self.doc.history.can_undo(), egui::Button::new(undo))
                    .on_hover_text("Ctrl+Z")
                    .clicked()
                {
                    self.commands.push(Command::Undo);
                }
                let redo = self
                    .doc
                    .history
                    .redo_label()
                    .map(|l| format!("Redo {l}"))
                    .unwrap_or("Redo".into());
                if ui
                    .add_enabled(self.doc.history.can_redo(), egui::Button::new(redo))
                    .on_hover_text("Ctrl+Shift+Z or Ctrl+Y")
                    .clicked()
                {
                    self.commands.push(Command::Redo);
                }
                if ui
                    .button("Delete selection")
                    .on_hover_text("Delete")
                    .clicked()
                {
                    self.commands.push(Command::DeleteSelection);
                }
                if ui.button("Select all").on_hover_text("Ctrl+A").clicked() {
                    self.commands.push(Command::SelectAll);
                }
                if ui
                    .button("Copy")
                    .on_hover_text("Ctrl+C: the selected actors and the ties among them")
                    .clicked()
                {
                    self.commands.push(Command::Copy);
                }
                if ui
                    .button("Paste")
                    .on_hover_text("Ctrl+V: as new actors")
                    .clicked()
                {
                    self.commands.push(Command::Paste);
                }
                if ui.button("Duplicate").on_hover_text("Ctrl+D").clicked() {
                    self.commands.push(Command::Duplicate);
                }
            });
            self.map_menu_ui(ui);
            ui.menu_button("View", |ui| {
                if ui
                    .button("Fit map to window")
                    .on_hover_text("Show the whole map")
                    .clicked()
                {
                    self.commands.push(Command::Fit);
                }
                ui.separator();
                let one = self.canvas.selected.len() == 1;
                for (steps, label, keys) in
                    [(1, "Focus: 1 step", "F"), (2, "Focus: 2 steps", "Shift+F")]
                {
                    if ui
                        .add_enabled(one, egui::Button::new(label).shortcut_text(keys))
                        .on_hover_text(format!(
                            "Dim everyone more than {steps} step{} from the selected actor",
                            if steps == 1 { "" } else { "s" }
                        ))
                        .on_disabled_hover_text("Select one actor first")
                        .clicked()
                    {
                        self.commands.push(Command::Focus(Some(steps)));
                    }
                }
                if ui
                    .add_enabled(
                        self.focus.is_some(),
                        egui::Button::new("End focus").shortcut_text("Esc"),
                    )
                    .on_hover_text("Show everyone at full strength again")
                    .clicked()
                {
                    self.commands.push(Command::Focus(None));
                }
                ui.separator();
                self.tables_toggle_ui(ui);
                ui.menu_button("Size by", |ui| self.sizing.menu_ui(ui));
                if ui
                    .checkbox(&mut self.prefs.dark, "Dark theme")
                    .on_hover_text("Light text on a dark background; remembered for next time")
                    .changed()
                {
                    ui.ctx().set_theme(if self.prefs.dark {
                        egui::Theme::Dark
                    } else {
                        egui::Theme::Light
                    });
                }
                if ui.button("Full screen").on_hover_text("F11").clicked() {
                    self.commands.push(Command::ToggleFullscreen);
                }
            });
            ui.menu_button("Layout", |ui| {
                for (kind, label, tip) in [
                    (
                        LayoutKind::Force,
                        "Force-directed",
                        "Tied actors pull together, all push apart; animated, Esc stops",
                    ),
                    (
                        LayoutKind::Grouped,
                        "Grouped by sector",
                        "Each sector its own cluster, so silos show at a glance",
                    ),
                    (
                        LayoutKind::Circle,
                        "Circle",
                        "Everyone on a circle, by sector",
                    ),
                    (LayoutKind::Tidy, "Tidy", "Push overlapping actors apart"),
                ] {
                    if ui.button(label).on_hover_text(tip).clicked() {
                        self.commands.push(Command::Layout(kind));
                    }
                }
                ui.label("Pinned actors stay where they are.");
            });
            ui.menu_button("Help", |ui| {
                if ui.button("Shortcuts").on_hover_text("F1").clicked() {
                    self.commands.push(Command::ToggleHelp);
                }
            });
        });
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let search = ui
                .add(
                    egui::TextEdit::singleline(&mut self.search)
                        .hint_text("Find an actor (Ctrl+F)")
                        .desired_width(200.0),
                )
                .on_hover_text("Type a name: matches light up; Enter centres on the first");
            if ui.input_mut(|i| {
                i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::F))
            }) {
                search.request_focus();
            }
            let needle = self.search.trim().to_lowercase();
            let key = (needle.clone(), self.doc.content_key());
            if self.search_applied.as_ref() != Some(&key) {
                let matches = if needle.is_empty() {
                    Default::default()
                } else {
                    self.doc
                        .network
                        .actors()
                        .iter()
                        .filter(|a| a.name.to_lowercase().contains(&needle))
                        .map(|a| a.id().clone())
                        .collect()
                };
                self.canvas.set_highlight(matches, !needle.is_empty());
                self.search_applied = Some(key);
            }
            if search.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let first = self
                    .doc
                    .network
                    .actors()
                    .iter()
                    .find(|a| self.canvas.highlight().contains(a.id()));
                if let Some(a) = first {
                    self.canvas.centre_on = Some(a.id().clone());
                    self.canvas.selected = [a.id().clone()].into_iter().collect();
                }
            }
            if !needle.is_empty() {
                ui.label(format!("{} found", self.canvas.highlight().len()));
            }
            ui.separator();
            ui.label("New ties:")
                .on_hover_text("Drag from an actor's edge, or Shift-drag, to another actor");
            egui::ComboBox::from_id_salt("new_tie_kind")
                .selected_text(self.new_tie_kind.clone())
                .show_ui(ui, |ui| {
                    for k in &self.doc.network.tie_kinds {
                        ui.selectable_value(&mut self.new_tie_kind, k.name.clone(), &k.name);
                    }
                })
                .response
                .on_hover_text("The kind of tie you draw next");
            ui.separator();
            self.sizing.combo_ui(ui);
            ui.separator();
            if ui
                .button("Fit")
                .on_hover_text("Show the whole map")
                .clicked()
            {
                self.commands.push(Command::Fit);
            }
            if ui.button(" + ").on_hover_text("Zoom in").clicked() {
                self.canvas.camera.zoom = (self.canvas.camera.zoom * 1.25).min(40.0);
            }
            if ui.button(" − ").on_hover_text("Zoom out").clicked() {
                self.canvas.camera.zoom = (self.canvas.camera.zoom / 1.25).max(0.01);
            }
            self.focus_toolbar_ui(ui);
            ui.separator();
            self.tables_toggle_ui(ui);
        });
    }

    /// While a focus is on: whose neighbourhood, how far, and a way out.
    fn focus_toolbar_ui(&mut self, ui: &mut egui::Ui) {
        let Some((id, steps)) = &self.focus else {
            return;
        };
        let name = self
            .doc
            .network
            .actor(id)
            .map(|a| a.name.clone())
            .unwrap_or_default();
        let count = self.canvas.focus().map(|f| f.len()).unwrap_or(0);
        ui.separator();
        ui.label(
            egui::RichText::new(format!(
                "Focus: {name}, {steps} step{} ({count} actors)",
                if *steps == 1 { "" } else { "s" }
            ))
            .strong(),
        )
        .on_hover_text("Everyone further away is dimmed; the focus follows the filters");
        let other = if *steps == 1 { 2 } else { 1 };
        if ui
            .button(format!("{other} step{}", if other == 1 { "" } else { "s" }))
            .on_hover_text("Change how far the focus reaches")
            .clicked()
        {
            self.focus = Some((id.clone(), other));
        }
        if ui
            .button("End focus")
            .on_hover_text("Show everyone at full strength again (Esc)")
            .clicked()
        {
            self.commands.push(Command::Focus(None));
        }
    }

    fn inspector_panel_ui(&mut self, ui: &mut egui::Ui) {
        let one_actor = (self.canvas.selected.len() == 1)
            .then(|| self.canvas.selected.iter().next().cloned())
            .flatten();
        if let Some(id) = one_actor
            && let Some(actor) = self.doc.network.actor(&id).cloned()
        {
            ui.horizontal(|ui| {
                ui.heading("Actor");
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    for steps in [2, 1] {
                        if ui
                            .small_button(format!("{steps} step{}", if steps == 1 { "" } else { "s" }))
                            .on_hover_text(format!(
                                "Focus on this actor: dim everyone more than {steps} step{} away ({})",
                                if steps == 1 { "" } else { "s" },
                                if steps == 1 { "F" } else { "Shift+F" }
                            ))
                            .clicked()
                        {
                            self.commands.push(Command::Focus(Some(steps)));
                        }
                    }
                    ui.label("Focus:");
                });
            });
            if let Some(changed) =
                actor_inspector_ui(ui, &self.doc.network, &actor, self.focus_name)
            {
                self.last_sector = changed.sector.clone();
                // Typing in one field is one undo step; any other change is
                // a step of its own.
                self.commands.push(match typed_field(&actor, &changed) {
                    Some(field) => Command::EditCoalescing(
                        Box::new(Edit::UpdateActor(changed)),
                        format!("inspector:{}:{field}", actor.id()),
                    ),
                    None => Command::edit(Edit::UpdateActor(changed)),
                });
            }
            self.focus_name = false;
            return;
        }
        if self.canvas.selected.len() > 1 {
            ui.heading(format!("{} actors selected", self.canvas.selected.len()));
            ui.label("What they share; a change here applies to them all (one undo step).");
            let actors: Vec<&Actor> = self
                .canvas
                .selected
                .iter()
                .filter_map(|id| self.doc.network.actor(id))
                .collect();
            if let Some(changed) = actors_inspector_ui(ui, &self.doc.network, &actors) {
                let typed = actors
                    .iter()
                    .zip(&changed)
                    .find_map(|(old, new)| typed_field(old, new));
                let edit = Box::new(Edit::UpdateActors(changed));
                self.commands.push(match typed {
                    Some(field) => Command::EditCoalescing(
                        edit,
                        format!(
                            "inspector:actors:{}:{field}",
                            selection_key(&self.canvas.selected)
                        ),
                    ),
                    None => Command::Edit(edit),
                });
            }
            ui.add_space(6.0);
            ui.label("Delete removes them with their ties; drag one to move them all.");
            return;
        }
        let one_tie = (self.canvas.selected_ties.len() == 1)
            .then(|| self.canvas.selected_ties.iter().next().cloned())
            .flatten();
        if let Some(id) = one_tie
            && let Some(tie) = self.doc.network.tie(&id).cloned()
        {
            ui.heading("Tie");
            if let Some(changed) = tie_inspector_ui(ui, &self.doc.network, &tie) {
                let key = format!("inspector:{}", changed.id());
                self.commands.push(Command::EditCoalescing(
                    Box::new(Edit::UpdateTie(changed)),
                    key,
                ));
            }
            return;
        }
        if self.canvas.selected_ties.len() > 1 {
            ui.heading(format!("{} ties selected", self.canvas.selected_ties.len()));
            ui.label("What they share; a change here applies to them all (one undo step).");
            let ties: Vec<&Tie> = self
                .canvas
                .selected_ties
                .iter()
                .filter_map(|id| self.doc.network.tie(id))
                .collect();
            if let Some(changed) = ties_inspector_ui(ui, &self.doc.network, &ties) {
                self.commands.push(Command::edit(Edit::UpdateTies(changed)));
            }
            return;
        }
        ui.heading("Map");
        let n = &self.doc.network;
        ui.label(egui::RichText::new(&n.title).strong());
        ui.label(format!(
            "{} actors, {} ties",
            n.actors().len(),
            n.ties().len()
        ));
        ui.add_space(6.0);
        ui.label("Double-click empty space to add an actor. Drag from an actor's edge (or Shift-drag) to another to tie them. Click to select, Ctrl-click to add, Shift-drag on empty space to box-select, drag empty space to pan, scroll to zoom.");
    }

    fn canvas_events(&mut self, events: Vec<CanvasEvent>) {
        for e in events {
            match e {
                CanvasEvent::AddActorAt(p) => {
                    let id = self.doc.network.fresh_actor_id();
                    let mut a = Actor::new(id.clone(), "New actor", self.last_sector.clone());
                    a.x = Some(p[0]);
                    a.y = Some(p[1]);
                    self.commands.push(Command::edit(Edit::AddActor {
                        position: None,
                        actor: a,
                    }));
                    self.canvas.selected = [id].into_iter().collect();
                    self.canvas.selected_ties.clear();
                    self.focus_name = true;
                }
                CanvasEvent::MoveActors(moves) => {
                    let moves = moves.into_iter().map(|(id, p)| (id, Some(p))).collect();
                    self.commands.push(Command::edit(Edit::MoveActors(moves)));
                }
                CanvasEvent::AddTie { from, to } => {
                    let directed = self
                        .doc
                        .network
                        .tie_kind(&self.new_tie_kind)
                        .is_some_and(|k| k.directed);
                    let id = self.doc.network.fresh_tie_id();
                    let tie = Tie::new(id, from, to, self.new_tie_kind.clone(), directed);
                    self.commands.push(Command::edit(Edit::AddTie {
                        position: None,
                        tie,
                    }));
                }
                CanvasEvent::EditActor(id) => {
                    self.canvas.selected = [id].into_iter().collect();
                    self.focus_name = true;
                }
            }
        }
    }

    fn dialogs_ui(&mut self, ctx: &egui::Context) {
        if let Some(p) = self.pending.clone() {
            egui::Window::new("Unsaved changes")
                .collapsible(false)
                .resizable(false)
                .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
                .show(ctx, |ui| {
                    ui.label(format!(
                        "{} has changes that are not saved.",
                        self.doc.title()
                    ));
                    ui.horizontal(|ui| {
                        if ui
                            .button("Save")
                            .on_hover_text("Save the map first, then go on")
                            .clicked()
                        {
                            self.save(false);
                            if !self.doc.is_dirty() {
                                self.pending = None;
                                self.proceed(p.clone());
                            }
                        }
                        if ui
                            .button("Don't save")
                            .on_hover_text("Go on and lose the unsaved changes")
                            .clicked()
                        {
                            self.pending = None;
                            self.proceed(p.clone());
                        }
                        if ui
                            .button("Cancel")
                            .on_hover_text("Go back to the map as it is")
                            .clicked()
                        {
                            self.pending = None;
                        }
                    });
                });
        }
        if let Some(msg) = self.error.clone() {
            egui::Window::new("Could not do that")
                .collapsible(false)
                .anchor(egui::Align2::CENTER_TOP, [0.0, 40.0])
                .show(ctx, |ui| {
                    ui.label(msg);
                    ui.label("The open map is unchanged.");
                    if ui
                        .button("OK")
                        .on_hover_text("Close this message")
                        .clicked()
                    {
                        self.error = None;
                    }
                });
        }
        if self.recovery_offer.is_some() {
            egui::Window::new("Recover unsaved work?").collapsible(false).anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0]).show(ctx, |ui| {
                ui.label("Bridgework closed without saving a map last time. Open the recovered copy?");
                ui.horizontal(|ui| {
                    if ui
                        .button("Recover")
                        .on_hover_text("Open the copy saved automatically before Bridgework closed")
                        .clicked()
                        && let Some(net) = self.recovery_offer.take()
                    {
                        self.doc = Document::new(net, None);
                        // Unsaved until the user saves it somewhere.
                        self.doc.recovered = true;
                        self.after_open();
                    }
                    if ui
                        .button("Discard")
                        .on_hover_text("Delete the recovered copy for good")
                        .clicked()
                    {
                        self.recovery_offer = None;
                        self.clear_recovery();
                    }
                });
            });
        }
        if self.show_help {
            egui::Window::new("Shortcuts")
                .collapsible(false)
                .open(&mut self.show_help)
                .show(ctx, |ui| {
                    egui::Grid::new("help").striped(true).show(ui, |ui| {
                        for (k, what) in [
                            ("Double-click empty space", "add an actor"),
                            ("Drag from an actor's edge / Shift-drag", "tie two actors"),
                            ("Click / Ctrl-click", "select / add to selection"),
                            ("Shift-drag on empty space", "box select"),
                            ("Drag empty space, middle mouse", "pan"),
                            ("Scroll, pinch", "zoom at the pointer"),
                            ("Delete", "delete the selection with its ties"),
                            ("Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y", "undo, redo"),
                            ("Ctrl+A", "select all"),
                            ("Ctrl+C, Ctrl+V, Ctrl+D", "copy, paste, duplicate"),
                            ("Ctrl+F", "find an actor; Enter centres on it"),
                            (
                                "F, Shift+F",
                                "focus on the selected actor: 1 or 2 steps, the rest dimmed",
                            ),
                            ("Esc", "stop a running layout, or end the focus"),
                            ("Ctrl+T", "tables of actors and ties"),
                            (
                                "Ctrl+N, Ctrl+O, Ctrl+S, Ctrl+Shift+S",
                                "new, open, save, save as",
                            ),
                            ("F11", "full screen"),
                            ("F1", "this help"),
                        ] {
                            ui.label(egui::RichText::new(k).strong());
                            ui.label(what);
                            ui.end_row();
                        }
                    });
                });
        }
    }

    /// The whole UI for one frame (also driven by tests).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.shortcuts(&ctx);
        self.tables_shortcut(&ctx);
        self.tick_force(&ctx);
        if let Some(e) = self.sizing.tick(&ctx, &self.doc, &mut self.canvas) {
            self.error = Some(e);
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            self.commands.push(Command::OpenPath(p));
        }
        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_ui(ui);
            self.toolbar_ui(ui);
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let n = &self.doc.network;
                ui.label(format!(
                    "{} actors · {} ties",
                    n.actors().len(),
                    n.ties().len()
                ));
                ui.separator();
                ui.label(&self.status);
                self.sizing.status_ui(ui);
            });
        });
        egui::Panel::left("legend")
            .resizable(true)
            .default_size(220.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    let key = self.doc.content_key();
                    if self.legend_counts.as_ref().is_none_or(|(k, _)| *k != key) {
                        self.legend_counts = Some((key, LegendCounts::of(&self.doc.network)));
                    }
                    self.sizing.legend_ui(ui, key);
                    if let Some((_, counts)) = &self.legend_counts {
                        legend_ui(ui, &self.doc.network, counts, &mut self.filters);
                    }
                });
            });
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(300.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| self.inspector_panel_ui(ui));
            });
        self.tables_panel_ui(ui);
        // Filters → what the canvas hides (worked out again only when the
        // filters or the map change).
        let content = self.doc.content_key();
        self.canvas.network_key = Some(content);
        // Compared in place: nothing is cloned on a frame where nothing
        // changed.
        let filters_current = self
            .filters_applied
            .as_ref()
            .is_some_and(|(f, k)| *f == self.filters && *k == content);
        if !filters_current {
            let net = &self.doc.network;
            let actors = net
                .actors()
                .iter()
                .filter(|a| self.filters.hides_actor(a))
                .map(|a| a.id().clone())
                .collect();
            let ties = net
                .ties()
                .iter()
                .filter(|t| self.filters.hides_tie(t))
                .map(|t| t.id().clone())
                .collect();
            self.canvas.set_hidden(actors, ties);
            self.filters_applied = Some((self.filters.clone(), content));
        }
        // Focus → what the canvas dims: the neighbourhood over the ties on
        // show (a focus follows the filters).
        if self
            .focus
            .as_ref()
            .is_some_and(|(id, _)| self.doc.network.actor(id).is_none())
        {
            self.focus = None;
        }
        let focus_current = self.focus_applied.as_ref().is_some_and(|(f, filters, k)| {
            *f == self.focus && *filters == self.filters && *k == content
        });
        if !focus_current {
            let focus = self.focus.as_ref().map(|(id, steps)| {
                let net = &self.doc.network;
                let hidden = self.canvas.hidden();
                crate::analysis::neighbourhood(net, id, *steps, |t| {
                    !self.filters.hides_tie(t)
                        && !hidden.contains(t.from())
                        && !hidden.contains(t.to())
                })
                .into_iter()
                .collect()
            });
            self.canvas.set_focus(focus);
            self.focus_applied = Some((self.focus.clone(), self.filters.clone(), content));
        }
        let dark = ui.visuals().dark_mode;
        let style = CanvasStyle {
            background: if dark {
                egui::Color32::from_gray(24)
            } else {
                egui::Color32::from_gray(250)
            },
            text: if dark {
                egui::Color32::from_gray(235)
            } else {
                egui::Color32::from_gray(20)
            },
            ..CanvasStyle::default()
        };
        let events = egui::CentralPanel::no_frame()
            .show(ui, |ui| {
                canvas_ui(ui, &self.doc.network, &mut self.canvas, &style)
            })
            .inner;
        self.canvas_events(events);
        self.dialogs_ui(&ctx);
        self.settings_window_ui(&ctx);
        for c in std::mem::take(&mut self.commands) {
            self.run(&ctx, c);
        }
        self.follow_list_changes();
        let dirty = if self.doc.is_dirty() { "● " } else { "" };
        ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!(
            "{dirty}{} — Bridgework",
            self.doc.title()
        )));
    }
}

/// The text field (name, organisation, role, tags, notes) an inspector
/// edit typed into, if that is what changed: typing coalesces into one undo
/// step per field.
fn typed_field(old: &Actor, new: &Actor) -> Option<&'static str> {
    [
        ("name", old.name != new.name),
        ("organisation", old.organisation != new.organisation),
        ("role", old.role != new.role),
        ("tags", old.tags != new.tags),
        ("notes", old.notes != new.notes),
    ]
    .into_iter()
    .find(|(_, changed)| *changed)
    .map(|(field, _)| field)
}

/// A short name for a selection, so that edits to the same selection
/// coalesce into one undo step and edits to another do not.
fn selection_key<T: std::hash::Hash>(selection: &std::collections::BTreeSet<T>) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(selection)
}

fn sample_document() -> Document {
    match crate::io::native::from_str(std::path::Path::new("diabetes_network.json"), SAMPLE) {
        Ok(n) => Document::new(n, None),
        Err(_) => Document::new(Network::new(), None),
    }
}

impl eframe::App for BridgeworkApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        }
        self.frame_ui(ui);
        if self.allow_close {
            self.clear_recovery();
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.autosave();
        ctx.request_repaint_after(Duration::from_secs(5));
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, "prefs", &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if !self.doc.is_dirty() {
            self.clear_recovery();
        }
    }
}

/// Opens the desktop app on `file` (or the sample map).
pub fn run(file: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Bridgework")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "Bridgework",
        options,
        Box::new(move |cc| Ok(Box::new(BridgeworkApp::from_creation(cc, file)))),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
