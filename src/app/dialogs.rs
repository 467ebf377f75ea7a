//! The app's small windows: unsaved changes, a problem to report, the
//! recovery offer, and the shortcuts help (drawn from the command table,
//! so it lists exactly what the keyboard does).

use super::BridgeworkApp;
use super::commands::{Menu, UiCommand};
use super::files::Pending;

/// Something that went wrong, in words, with what the user can do next.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// What happened.
    pub what: String,
    /// What to do now (every problem box gives an action).
    pub action: String,
}

impl Problem {
    /// A problem and what to do about it.
    pub fn new(what: impl Into<String>, action: impl Into<String>) -> Self {
        Self {
            what: what.into(),
            action: action.into(),
        }
    }
}

/// Gestures and keys that are not commands, for the help (commands come
/// from the command table).
const GESTURES: [(&str, &str); 9] = [
    ("Double-click empty space", "add an actor"),
    ("Drag from an actor's edge / Shift-drag", "tie two actors"),
    ("Click / Ctrl-click", "select / add to the selection"),
    ("Shift-drag on empty space", "box select"),
    ("Drag empty space, middle mouse", "pan"),
    ("Scroll, pinch", "zoom at the pointer"),
    ("1 … 9", "the sector for new actors (the first nine)"),
    (
        "Alt-click a legend box",
        "show only that sector or tie kind",
    ),
    ("Esc in a text field", "leave the field"),
];

impl BridgeworkApp {
    /// Draws whichever small windows are open.
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        self.unsaved_ui(ctx);
        self.replace_ui(ctx);
        self.lock_question_ui(ctx);
        self.problem_ui(ctx);
        self.recovery_ui(ctx);
        self.help_ui(ctx);
    }

    fn unsaved_ui(&mut self, ctx: &egui::Context) {
        let Some(p) = self.files.pending.clone() else {
            return;
        };
        let going = match &p {
            Pending::New => "starting a new map",
            Pending::Open(_) => "opening another map",
            Pending::Import => "importing a map",
            Pending::ImportSurvey | Pending::Survey(_) => "importing survey responses",
            Pending::Quit => "quitting",
        };
        egui::Window::new("Unsaved changes")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(format!(
                    "{} has changes that are not saved. Save them before {going}?",
                    self.doc.title()
                ));
                ui.horizontal(|ui| {
                    if ui
                        .button("Save")
                        .on_hover_text(
                            "Save the map first (asks for a name if it has none), then go on",
                        )
                        .clicked()
                    {
                        self.files.pending = None;
                        self.save(ctx, Some(p.clone()));
                    }
                    if ui
                        .button("Don't save")
                        .on_hover_text("Go on and lose the unsaved changes")
                        .clicked()
                    {
                        self.files.pending = None;
                        self.proceed(ctx, p.clone());
                    }
                    if ui
                        .button("Cancel")
                        .on_hover_text("Go back to the map as it is")
                        .clicked()
                    {
                        self.files.pending = None;
                    }
                });
            });
    }

    fn problem_ui(&mut self, ctx: &egui::Context) {
        let Some(problem) = self.error.clone() else {
            return;
        };
        egui::Window::new("Could not do that")
            .collapsible(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 60.0])
            .show(ctx, |ui| {
                ui.set_max_width(560.0);
                ui.label(problem.what);
                ui.label(egui::RichText::new(problem.action).strong());
                if ui
                    .button("OK")
                    .on_hover_text("Close this message")
                    .clicked()
                {
                    self.error = None;
                }
            });
    }

    fn recovery_ui(&mut self, ctx: &egui::Context) {
        let Some((_, source)) = &self.files.recovery_offer else {
            return;
        };
        let of = source
            .as_ref()
            .map(|p| format!(" It is of {}.", p.display()))
            .unwrap_or_default();
        egui::Window::new("Recover unsaved work?")
            .collapsible(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label(format!(
                    "Bridgework closed without saving a map last time.{of} Open the recovered copy?"
                ));
                ui.horizontal(|ui| {
                    if ui
                        .button("Recover")
                        .on_hover_text(
                            "Open the copy saved automatically before Bridgework closed; Save then writes it back to its file",
                        )
                        .clicked()
                    {
                        self.recover();
                    }
                    if ui
                        .button("Discard")
                        .on_hover_text("Delete the recovered copy for good")
                        .clicked()
                    {
                        self.discard_recovery();
                    }
                });
            });
    }

    fn help_ui(&mut self, ctx: &egui::Context) {
        if !self.show_help {
            return;
        }
        let mut open = true;
        egui::Window::new("Shortcuts")
            .collapsible(false)
            .open(&mut open)
            .vscroll(true)
            .show(ctx, |ui| {
                egui::Grid::new("help").striped(true).show(ui, |ui| {
                    for menu in Menu::HELP {
                        let keyed: Vec<UiCommand> = UiCommand::ALL
                            .into_iter()
                            .filter(|c| c.menu() == menu && !c.shortcuts().is_empty())
                            .collect();
                        if keyed.is_empty() {
                            continue;
                        }
                        ui.label(egui::RichText::new(menu.title()).heading());
                        ui.end_row();
                        for c in keyed {
                            ui.label(egui::RichText::new(c.shortcut_text(ctx)).strong());
                            ui.label(format!(
                                "{}: {}",
                                c.text().trim_end_matches('…'),
                                c.tooltip()
                            ));
                            ui.end_row();
                        }
                    }
                    ui.label(egui::RichText::new("Mouse and more").heading());
                    ui.end_row();
                    for (k, what) in GESTURES {
                        ui.label(egui::RichText::new(k).strong());
                        ui.label(what);
                        ui.end_row();
                    }
                });
            });
        self.show_help = open;
    }
}
