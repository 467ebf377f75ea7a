//! The toolbar under the menus: search, the sector new actors get and the
//! kind new ties get, "Size by", zoom, the tables, and the focus when one
//! is on. Its controls keep their places: the search count has room kept
//! for it, and what comes and goes (the focus) comes last.

use super::BridgeworkApp;
use super::commands::UiCommand;
use egui::Key;

/// Room kept for "123 found" beside the search box, so nothing after it
/// moves when the count appears.
const FOUND_WIDTH: f32 = 72.0;

impl BridgeworkApp {
    pub(super) fn toolbar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            self.search_ui(ui);
            ui.separator();
            self.new_actor_sector_ui(ui);
            ui.separator();
            let label = ui
                .label("New ties:")
                .on_hover_text("Drag from an actor's edge, or Shift-drag, to another actor");
            egui::ComboBox::from_id_salt("new_tie_kind")
                .selected_text(self.session.new_tie_kind.clone())
                .show_ui(ui, |ui| {
                    for k in &self.doc.network().tie_kinds {
                        ui.selectable_value(
                            &mut self.session.new_tie_kind,
                            k.name.clone(),
                            &k.name,
                        );
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text("The kind of tie you draw next");
            ui.separator();
            self.sizing.combo_ui(ui);
            ui.separator();
            if ui
                .button("Fit")
                .on_hover_text(UiCommand::Fit.tooltip())
                .clicked()
            {
                self.commands.push(UiCommand::Fit.into());
            }
            if ui.button(" + ").on_hover_text("Zoom in").clicked() {
                self.canvas.camera.zoom = (self.canvas.camera.zoom * 1.25).min(40.0);
            }
            if ui.button(" − ").on_hover_text("Zoom out").clicked() {
                self.canvas.camera.zoom = (self.canvas.camera.zoom / 1.25).max(0.01);
            }
            ui.separator();
            self.tables_toggle_ui(ui);
            self.focus_toolbar_ui(ui);
        });
    }

    fn search_ui(&mut self, ui: &mut egui::Ui) {
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut self.session.search)
                    .hint_text("Find an actor (Ctrl+F)")
                    .desired_width(200.0),
            )
            .on_hover_text(UiCommand::Find.tooltip());
        if std::mem::take(&mut self.focus_search) {
            search.request_focus();
        }
        if search.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
            let first = self
                .doc
                .network()
                .actors()
                .iter()
                .find(|a| self.canvas.highlight().contains(a.id()));
            if let Some(a) = first {
                self.canvas.centre_on = Some(a.id().clone());
                self.canvas.selected = [a.id().clone()].into_iter().collect();
            }
        }
        let found = if self.session.search.trim().is_empty() {
            String::new()
        } else {
            format!("{} found", self.canvas.highlight().len())
        };
        ui.add_sized(
            [FOUND_WIDTH, ui.spacing().interact_size.y],
            egui::Label::new(found).truncate(),
        );
    }

    /// The sector new actors get, with the digit that picks it.
    fn new_actor_sector_ui(&mut self, ui: &mut egui::Ui) {
        let label = ui.label("New actors:").on_hover_text(
            "The sector a new actor (double-click on empty space) gets; the keys 1 to 9 pick among the first nine",
        );
        let sectors = &self.doc.network().sectors;
        let current = self.session.new_actor_sector.clone();
        let digit = sectors
            .iter()
            .position(|s| s.name == current)
            .filter(|i| *i < 9)
            .map(|i| format!("{}  ", i + 1))
            .unwrap_or_default();
        egui::ComboBox::from_id_salt("new_actor_sector")
            .selected_text(format!("{digit}{current}"))
            .width(190.0)
            .height(480.0)
            .show_ui(ui, |ui| {
                for (i, s) in sectors.iter().enumerate() {
                    let text = if i < 9 {
                        format!("{}  {}", i + 1, s.name)
                    } else {
                        format!("    {}", s.name)
                    };
                    ui.selectable_value(&mut self.session.new_actor_sector, s.name.clone(), text);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("The sector new actors get (keys 1–9)");
    }

    /// The digit keys 1–9 pick the sector for new actors (not while
    /// typing).
    pub(super) fn sector_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        const DIGITS: [Key; 9] = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        for (i, k) in DIGITS.into_iter().enumerate() {
            if ctx.input_mut(|inp| inp.consume_key(egui::Modifiers::NONE, k))
                && let Some(s) = self.doc.network().sectors.get(i)
            {
                self.session.new_actor_sector = s.name.clone();
                self.status.set(format!("New actors go to {}", s.name));
            }
        }
    }

    /// While a focus is on: whose neighbourhood, how far, and a way out.
    fn focus_toolbar_ui(&mut self, ui: &mut egui::Ui) {
        let Some((id, steps)) = self.session.focus.clone() else {
            return;
        };
        let name = self
            .doc
            .network()
            .actor(&id)
            .map(|a| a.name.clone())
            .unwrap_or_default();
        let count = self.canvas.focus().map(|f| f.len()).unwrap_or(0);
        ui.separator();
        ui.label(
            egui::RichText::new(format!(
                "Focus: {name}, {steps} step{} ({})",
                if steps == 1 { "" } else { "s" },
                super::status_bar::count(count, "actor", "actors")
            ))
            .strong(),
        )
        .on_hover_text("Everyone further away is dimmed; the focus follows the filters");
        let other = if steps == 1 { 2 } else { 1 };
        if ui
            .button(format!("{other} step{}", if other == 1 { "" } else { "s" }))
            .on_hover_text("Change how far the focus reaches")
            .clicked()
        {
            self.session.focus = Some((id, other));
        }
        if ui
            .button("End focus")
            .on_hover_text("Show everyone at full strength again (Esc)")
            .clicked()
        {
            self.commands.push(super::Command::Focus(None));
        }
    }
}
