//! The menu bar, drawn from the command table: each item shows the
//! command's text, its shortcut as the platform writes it, and its
//! tooltip; a few items that are not commands (recent files, the theme,
//! "Size by") sit beside them.

use super::BridgeworkApp;
use super::commands::{Menu, UiCommand};

impl BridgeworkApp {
    /// Whether a command can be given now (menu items are greyed out when
    /// not).
    pub(super) fn enabled(&self, c: UiCommand) -> bool {
        use UiCommand::*;
        let selected = !self.canvas.selected.is_empty();
        match c {
            Undo => self.doc.history().can_undo(),
            Redo => self.doc.history().can_redo(),
            Delete => selected || !self.canvas.selected_ties.is_empty(),
            Copy | Duplicate | MarkLeaving => selected,
            Paste => !self.clipboard.0.is_empty(),
            Focus1 | Focus2 => self.canvas.selected.len() == 1,
            EndFocus => self.session.focus.is_some(),
            StopLayout => self.layout_running(),
            RevealNext | RevealPrevious | RevealAll | QuickAdd | TieSelected => self.workshop.on,
            _ => true,
        }
    }

    /// Whether a command's shortcut applies now: Esc stops a running
    /// layout before it ends a focus.
    pub(super) fn shortcut_active(&self, c: UiCommand) -> bool {
        match c {
            UiCommand::StopLayout => self.layout_running(),
            UiCommand::EndFocus => self.session.focus.is_some() && !self.layout_running(),
            UiCommand::RevealNext
            | UiCommand::RevealPrevious
            | UiCommand::RevealAll
            | UiCommand::QuickAdd
            | UiCommand::TieSelected => self.workshop.on,
            _ => true,
        }
    }

    /// One menu item for `c`; queues it when clicked.
    fn item_ui(&mut self, ui: &mut egui::Ui, c: UiCommand) {
        let text = match c {
            UiCommand::Undo => self.doc.history().undo_label().map(|l| format!("Undo {l}")),
            UiCommand::Redo => self.doc.history().redo_label().map(|l| format!("Redo {l}")),
            _ => None,
        }
        .unwrap_or_else(|| c.text().to_owned());
        let on = match c {
            c if c.insight().is_some() => Some(self.insight.open == c.insight()),
            UiCommand::Tables => Some(self.tables.open),
            UiCommand::FrameTime => Some(self.frame_times.show),
            UiCommand::Workshop => Some(self.workshop.on),
            _ => None,
        };
        let mut button = egui::Button::new(text);
        if !c.shortcuts().is_empty() {
            button = button.shortcut_text(c.shortcut_text(ui.ctx()));
        }
        if let Some(on) = on {
            button = button.selected(on);
        }
        let response = ui
            .add_enabled(self.enabled(c), button)
            .on_hover_text(c.tooltip());
        if response.clicked() {
            self.commands.push(c.into());
        }
    }

    fn items_ui(&mut self, ui: &mut egui::Ui, menu: Menu) {
        for c in UiCommand::ALL.into_iter().filter(|c| c.menu() == menu) {
            match c {
                UiCommand::Import
                | UiCommand::ExportPicture
                | UiCommand::Quit
                | UiCommand::Undo
                | UiCommand::Fit => {
                    ui.separator();
                }
                UiCommand::Focus1
                | UiCommand::Tables
                | UiCommand::StopLayout
                | UiCommand::MarkLeaving => {
                    ui.separator();
                }
                _ => {}
            }
            self.item_ui(ui, c);
            if c == UiCommand::Open {
                self.recent_ui(ui);
            }
        }
    }

    fn recent_ui(&mut self, ui: &mut egui::Ui) {
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
                    self.commands.push(super::Command::OpenPath(p));
                }
            }
        });
    }

    /// The menu bar.
    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in Menu::ALL {
                ui.menu_button(menu.title(), |ui| {
                    self.items_ui(ui, menu);
                    match menu {
                        Menu::View => self.view_extras_ui(ui),
                        Menu::Layout => {
                            ui.label("Pinned actors stay where they are.");
                        }
                        _ => {}
                    }
                });
            }
        });
    }

    /// "Size by" and the theme, under the View menu's commands.
    fn view_extras_ui(&mut self, ui: &mut egui::Ui) {
        ui.separator();
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
        if ui
            .checkbox(
                &mut self.prefs.own_file_chooser,
                "Use Bridgework's file chooser",
            )
            .on_hover_text(
                "Choose files in Bridgework's own window instead of the desktop's dialog; used anyway where the desktop has none",
            )
            .changed()
        {
            self.files.native = (!self.prefs.own_file_chooser).then(super::files::rfd_dialog);
        }
    }
}
