//! Carries out the commands queued during a frame, after it: edits through
//! the one path that records undo, and every [`UiCommand`].

use super::BridgeworkApp;
use super::commands::{Command, UiCommand};
use super::dialogs::Problem;
use super::exports::ExportKind;
use super::files::{FileTask, Pending};
use super::tables_and_settings::renames;
use crate::edit::Edit;

impl BridgeworkApp {
    /// Applies an edit as one undo step; a refused edit is reported.
    pub(super) fn apply(&mut self, edit: Edit) {
        if let Err(e) = self.doc.apply(edit) {
            self.error = Some(Problem::new(
                e.to_string(),
                "The map is unchanged; change the value and try again.",
            ));
        }
    }

    /// Runs one command.
    pub(super) fn execute(&mut self, ctx: &egui::Context, c: Command) {
        match c {
            Command::Ui(c) => self.execute_ui(ctx, c),
            Command::Edit(e) => self.apply(*e),
            Command::EditCoalescing(e, key) => {
                if let Err(e) = self.doc.apply_coalescing(*e, &key) {
                    self.error = Some(Problem::new(
                        e.to_string(),
                        "The map is unchanged; change the value and try again.",
                    ));
                }
            }
            Command::OpenPath(p) => self.guarded(ctx, Pending::Open(Some(p))),
            Command::ExportTo { path, shareable } => self.export_to(&path, shareable),
            Command::Focus(steps) => self.focus(steps),
        }
    }

    fn execute_ui(&mut self, ctx: &egui::Context, c: UiCommand) {
        use UiCommand::*;
        if let Some(kind) = c.layout() {
            self.layout(kind);
            return;
        }
        if let Some(panel) = c.insight() {
            self.toggle_insight(panel);
            return;
        }
        match c {
            New => self.guarded(ctx, Pending::New),
            Open => self.guarded(ctx, Pending::Open(None)),
            Import => self.guarded(ctx, Pending::Import),
            ImportSurvey => self.guarded(ctx, Pending::ImportSurvey),
            Save => self.save(ctx, None),
            SaveAs => self.ask_file(ctx, FileTask::SaveAs { then: None }),
            Export => self.ask_file(ctx, FileTask::Export { shareable: false }),
            ExportShareable => self.ask_file(ctx, FileTask::Export { shareable: true }),
            ExportPseudonymised => self.ask_file(ctx, FileTask::ExportPseudonymised),
            ExportPicture => self.ask_file(ctx, FileTask::ExportFile(ExportKind::Picture)),
            ExportMeasures => self.ask_file(ctx, FileTask::ExportFile(ExportKind::Measures)),
            ExportReport => self.ask_file(ctx, FileTask::ExportFile(ExportKind::Report)),
            Quit => self.guarded(ctx, Pending::Quit),
            Workshop => self.toggle_workshop(ctx),
            RevealNext => self.reveal_step(1),
            RevealPrevious => self.reveal_step(-1),
            RevealAll => self.workshop.step = None,
            QuickAdd => self.quick_add(),
            TieSelected => self.tie_selected(),
            Undo => self.undo(),
            Redo => self.redo(),
            Delete => self.delete_selection(),
            SelectAll => self.select_all(),
            Copy => self.copy(),
            Paste => self.paste(),
            Duplicate => self.duplicate(),
            Find => self.focus_search = true,
            MapSettings => self.settings.open = true,
            Fit => self.canvas.fit_requested = true,
            Focus1 => self.focus(Some(1)),
            Focus2 => self.focus(Some(2)),
            EndFocus => self.focus(None),
            Tables => self.tables.open = !self.tables.open,
            Fullscreen => {
                let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
            }
            FrameTime => self.frame_times.show = !self.frame_times.show,
            StopLayout => self.stop_layout(),
            Help => self.show_help = !self.show_help,
            MarkLeaving => self.mark_leaving(),
            LayoutForce | LayoutForceBySector | LayoutGrouped | LayoutCircle | LayoutTidy
            | InsightSilo | InsightBrokers | InsightCoalition | InsightWhatIf
            | InsightInfluence | InsightCommunities => {}
        }
    }

    fn undo(&mut self) {
        match self.doc.undo() {
            Some(label) => {
                self.status.set(format!("Undid: {label}"));
                let undone = self.doc.history().redo_edit().map(renames);
                self.follow_renames(undone.unwrap_or_default(), true);
            }
            None => self.status.set("Nothing to undo"),
        }
    }

    fn redo(&mut self) {
        match self.doc.redo() {
            Some(label) => {
                self.status.set(format!("Redid: {label}"));
                let redone = self.doc.history().undo_edit().map(renames);
                self.follow_renames(redone.unwrap_or_default(), true);
            }
            None => self.status.set("Nothing to redo"),
        }
    }
}
