//! The desktop app (eframe): owns the document and the session, draws the
//! panels, collects what the user asked for as [`Command`]s during the
//! frame and carries them out after it, through the one edit path that
//! records undo.
//!
//! One file a concern: `commands` (the table of user commands),
//! `execute` (running them), `menus`, `toolbar`, `status_bar`, `dialogs`,
//! `files` (open, save, export, file dialogs, autosave, recovery),
//! `opening` (a file read on its thread), `lock_question` (a map another
//! window has open),
//! `exports` (picture, measures and report),
//! `session` (filters, focus, search, what new actors and ties get),
//! `derived` (what follows from map + session, worked out once per
//! change), `inspector_panel`, `editing` (selection commands, canvas
//! gestures), `layout_run`, `sizing`, `tables_and_settings`.

mod commands;
mod derived;
mod dialogs;
mod document;
mod editing;
mod execute;
mod exports;
mod files;
mod frame_bench;
mod importing;
mod insight;
mod insight_overlay;
mod inspector_panel;
mod layout_run;
mod lock_question;
mod menus;
mod opening;
mod pseudonymised;
mod replace_target;
mod session;
mod sizing;
mod status_bar;
mod tables_and_settings;
mod toolbar;
mod workshop;

pub use commands::{Command, LayoutKind, Menu, UiCommand};
pub use dialogs::Problem;
pub use document::Document;
pub use files::{DialogSpec, NativeDialog, NativeOutcome, rfd_dialog};
pub use frame_bench::frame_bench;
pub use insight::InsightDock;
pub use session::{Focus, Session};

use crate::model::{Actor, Network, Tie};
use crate::ui::canvas::{CanvasState, CanvasStyle, canvas_ui_with_menu};
use crate::ui::legend::legend_ui;
use std::path::PathBuf;

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
    /// Choose files in Bridgework's own chooser, never the desktop's.
    pub own_file_chooser: bool,
}

/// The app.
pub struct BridgeworkApp {
    /// The open map.
    pub doc: Document,
    /// Filters, focus, search, what new actors and ties get.
    pub session: Session,
    /// Canvas camera, selection, gesture.
    pub canvas: CanvasState,
    /// The tables of actors and ties (a panel under the map).
    pub tables: crate::ui::tables::TablesState,
    /// The map settings dialog.
    pub settings: crate::ui::settings::SettingsState,
    derived: derived::Derived,
    /// Give the name field of the inspector the keyboard next frame.
    focus_name: bool,
    /// Give the search box the keyboard next frame.
    focus_search: bool,
    status: status_bar::Status,
    frame_times: status_bar::FrameTimes,
    /// eframe's figure for the last frame (seconds), when in a window.
    last_frame_work: Option<f32>,
    error: Option<Problem>,
    show_help: bool,
    prefs: Preferences,
    commands: Vec<Command>,
    files: files::Files,
    force: Option<layout_run::ForceRun>,
    clipboard: (Vec<Actor>, Vec<Tie>),
    /// "Size by": the chosen measure and the job working it out.
    sizing: sizing::Sizing,
    /// The insight panels and their background work.
    pub insight: insight::InsightDock,
    /// Workshop mode (F5).
    pub workshop: workshop::Workshop,
    /// The window title last sent (sent again only when it changes).
    title_sent: Option<String>,
    /// An export being written on its thread.
    exports: exports::Exports,
}

impl BridgeworkApp {
    /// The app on `doc`, with saved preferences, autosaving to `recovery`
    /// (and offering what is there). Files are chosen with the desktop's
    /// dialog unless the preferences say otherwise.
    pub fn new(doc: Document, prefs: Preferences, recovery: Option<PathBuf>) -> Self {
        let native = (!prefs.own_file_chooser).then(rfd_dialog);
        Self {
            session: Session::new(doc.network()),
            doc,
            canvas: CanvasState::fitted(),
            tables: Default::default(),
            settings: Default::default(),
            derived: Default::default(),
            focus_name: false,
            focus_search: false,
            status: Default::default(),
            frame_times: Default::default(),
            last_frame_work: None,
            error: None,
            show_help: false,
            prefs,
            commands: Vec::new(),
            files: files::Files::new(native, recovery),
            force: None,
            clipboard: (Vec::new(), Vec::new()),
            sizing: sizing::Sizing::default(),
            insight: insight::InsightDock::default(),
            workshop: workshop::Workshop::default(),
            title_sent: None,
            exports: exports::Exports::default(),
        }
    }

    /// Chooses files with `native` (a stand-in in tests), or with
    /// Bridgework's own chooser when `None`.
    pub fn with_native_dialog(mut self, native: Option<NativeDialog>) -> Self {
        self.files.native = native;
        self
    }

    /// Autosaves unsaved work this often instead of once a minute (tests).
    pub fn with_autosave_every(mut self, every: std::time::Duration) -> Self {
        self.files.autosave_every = every;
        self
    }

    /// For eframe: restores preferences and opens `file` (or the sample).
    /// A file that cannot be read leaves an empty, untitled map and says
    /// which file failed and what to do.
    pub fn from_creation(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        let prefs: Preferences = cc
            .storage
            .and_then(|s| eframe::get_value(s, "prefs"))
            .unwrap_or_default();
        let app = Self::starting_with(file, prefs, files::recovery_path());
        cc.egui_ctx.set_theme(if app.prefs.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        app
    }

    /// The app as it starts on `file` (or the sample map when `None`).
    pub fn starting_with(
        file: Option<PathBuf>,
        prefs: Preferences,
        recovery: Option<PathBuf>,
    ) -> Self {
        match file {
            None => Self::new(sample_document(), prefs, recovery),
            Some(path) => Self::started_on(&path, prefs, recovery),
        }
    }

    /// Queues a command (used by tests and by the panels).
    pub fn command(&mut self, c: Command) {
        self.commands.push(c);
    }

    /// The problem on show, if any.
    pub fn problem(&self) -> Option<&Problem> {
        self.error.as_ref()
    }

    /// The status bar's message.
    pub fn status_text(&self) -> &str {
        self.status.text()
    }

    /// The recent files, newest first.
    pub fn recent_files(&self) -> &[PathBuf] {
        &self.prefs.recent
    }

    /// Whether the app is closing (after Quit and the unsaved-changes
    /// answer).
    pub fn is_quitting(&self) -> bool {
        self.files.quitting
    }

    /// Replaces the open map: a fresh canvas and session, nothing derived.
    fn set_document(&mut self, doc: Document) {
        self.stop_force();
        self.doc = doc;
        self.canvas = CanvasState::fitted();
        self.session = Session::new(self.doc.network());
        self.derived.clear();
        self.insight.clear();
    }

    /// The whole UI for one frame (also driven by tests).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        // The canvas holding the keyboard (Tab walks the actors) is not
        // typing: the map's shortcuts stay.
        let typing =
            ctx.egui_wants_keyboard_input() && ctx.memory(|m| m.focused()) != self.canvas.widget_id;
        for c in commands::shortcuts(&ctx, typing, |c| self.shortcut_active(c)) {
            self.commands.push(c.into());
        }
        self.sector_keys(&ctx);
        self.frame_times
            .record(ctx.input(|i| i.unstable_dt), self.last_frame_work.take());
        self.tick_force(&ctx);
        if let Some(e) = self.sizing.tick(&ctx, &self.doc, &mut self.canvas) {
            self.error = Some(Problem::new(
                e,
                "Choose the measure again under Size by to try once more.",
            ));
        }
        let key = self.doc.content_key();
        self.insight.tick(
            &ctx,
            self.doc.network(),
            key,
            &self.session.filters.hidden_kinds,
        );
        self.dropped_files(&ctx);
        self.poll_exports();
        if self.workshop.on {
            self.workshop_panels_ui(ui);
        } else {
            self.editor_panels_ui(ui);
        }
        self.canvas.network_key = Some(key);
        self.derived
            .refresh(self.doc.network(), key, &self.session, &mut self.canvas);
        let share = self
            .workshop
            .on
            .then(|| self.workshop.shareable(self.doc.network(), key));
        let style = if self.workshop.on {
            workshop::projector_style(self.workshop.dark)
        } else {
            canvas_style(ui.visuals().dark_mode)
        };
        self.refresh_overlay(style.background.r() < 128);
        let selected_before = self.workshop.on.then(|| self.canvas.selected.clone());
        let mut asked = Vec::new();
        let leaving = &self.insight.leaving;
        let shown: &Network = share.as_deref().unwrap_or(self.doc.network());
        let events = egui::CentralPanel::no_frame()
            .show(ui, |ui| {
                canvas_ui_with_menu(ui, shown, &mut self.canvas, &style, &mut |ui, id| {
                    editing::actor_menu_ui(ui, id, leaving, &mut asked)
                })
            })
            .inner;
        if let Some(before) = selected_before {
            self.workshop_follow_selection(&before);
        }
        self.commands.extend(asked.into_iter().map(Command::from));
        self.after_canvas_force();
        self.canvas_events(events);
        self.dialogs_ui(&ctx);
        self.files_ui(&ctx);
        self.settings_window_ui(&ctx);
        for c in std::mem::take(&mut self.commands) {
            self.execute(&ctx, c);
        }
        self.session.follow_lists(self.doc.network());
        self.status.tick(&ctx, self.doc.content_key());
        self.autosave(&ctx);
        self.send_title(&ctx);
        if self.files.quitting {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    /// The editor's panels around the map: menus and toolbar, status bar,
    /// tables, legend and the dock.
    fn editor_panels_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::top("menu").show(ui, |ui| {
            self.menu_ui(ui);
            self.toolbar_ui(ui);
        });
        self.status_bar_ui(ui);
        // The tables span the window's width (eight columns need it), under
        // the legend, map and inspector.
        self.tables_panel_ui(ui);
        self.legend_panel_ui(ui);
        egui::Panel::right("inspector")
            .resizable(true)
            .default_size(360.0)
            .show(ui, |ui| {
                // Fills the panel whatever it shows, so the panel (and the
                // map beside it) keeps its width when the selection changes.
                let width = panel_text_width(ui);
                egui::ScrollArea::both()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.set_max_width(width);
                        self.dock_panel_ui(ui)
                    });
            });
    }

    fn legend_panel_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::left("legend")
            .resizable(true)
            .default_size(230.0)
            .show(ui, |ui| {
                // As the inspector: the legend keeps its width whatever it
                // lists.
                let width = panel_text_width(ui);
                egui::ScrollArea::both()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        ui.set_max_width(width);
                        let key = self.doc.content_key();
                        self.sizing.legend_ui(ui, key);
                        let counts = self.derived.legend_counts(self.doc.network(), key);
                        let group =
                            legend_ui(ui, self.doc.network(), counts, &mut self.session.filters);
                        let background = canvas_style(ui.visuals().dark_mode).background;
                        if let Some(members) = self.insight.legend_ui(ui, background) {
                            self.canvas.selected = members.into_iter().collect();
                            self.canvas.selected_ties.clear();
                        }
                        if let Some(tag) = group {
                            self.canvas.selected = self
                                .doc
                                .network()
                                .actors()
                                .iter()
                                .filter(|a| a.tags.contains(&tag))
                                .map(|a| a.id().clone())
                                .collect();
                            self.canvas.selected_ties.clear();
                        }
                    });
            });
    }

    /// A file dropped on the window opens (after the unsaved-changes
    /// question).
    fn dropped_files(&mut self, ctx: &egui::Context) {
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(p) = dropped {
            self.commands.push(Command::OpenPath(p));
        }
    }

    /// Sends the window title when it changes (sending it every frame
    /// wakes the event loop again and keeps an idle window busy).
    fn send_title(&mut self, ctx: &egui::Context) {
        let dirty = if self.doc.is_dirty() { "● " } else { "" };
        let title = format!("{dirty}{} — Bridgework", self.doc.title());
        if self.title_sent.as_ref() != Some(&title) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = Some(title);
        }
    }
}

/// The width text wraps at inside a side panel's scroll area: the panel's
/// own, less room for the scroll bar (a scroll area that also scrolls
/// sideways would otherwise let text run on past the edge).
fn panel_text_width(ui: &egui::Ui) -> f32 {
    (ui.available_width() - ui.spacing().scroll.bar_width - 4.0).max(60.0)
}

/// The canvas colours for the theme.
fn canvas_style(dark: bool) -> CanvasStyle {
    if dark {
        crate::drawing::Theme::dark()
    } else {
        crate::drawing::Theme::light()
    }
    .into()
}

fn sample_document() -> Document {
    match crate::io::native::from_str(std::path::Path::new("diabetes_network.json"), SAMPLE) {
        Ok(n) => Document::new(n, None),
        Err(_) => Document::new(Network::new(), None),
    }
}

impl eframe::App for BridgeworkApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.is_dirty()
            && !self.files.quitting
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.files.pending = Some(files::Pending::Quit);
        }
        self.last_frame_work = frame.info().cpu_usage;
        self.frame_ui(ui);
        if self.files.quitting {
            self.clear_recovery();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, "prefs", &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        if !self.doc.is_dirty() {
            self.clear_recovery();
        }
        self.doc.release_lock();
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
