//! The inspector panel wired into the app: which inspector shows (one
//! actor, several, one tie, several, or the map), and how what it returns
//! becomes edits (typing in one field is one undo step).

use super::{BridgeworkApp, Command};
use crate::edit::Edit;
use crate::model::{Actor, Tie};
use crate::ui::inspector::{
    actor_inspector_ui, actors_inspector_ui, tie_inspector_ui, ties_inspector_ui,
};

impl BridgeworkApp {
    pub(super) fn inspector_panel_ui(&mut self, ui: &mut egui::Ui) {
        let one_actor = (self.canvas.selected.len() == 1)
            .then(|| self.canvas.selected.iter().next().cloned())
            .flatten();
        if let Some(id) = one_actor
            && let Some(actor) = self.doc.network().actor(&id).cloned()
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
                actor_inspector_ui(ui, self.doc.network(), &actor, self.focus_name)
            {
                self.session.new_actor_sector = changed.sector.clone();
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
            self.actor_insight_ui(ui, &id);
            return;
        }
        if self.canvas.selected.len() > 1 {
            ui.heading(format!("{} actors selected", self.canvas.selected.len()));
            self.leaving_button_ui(ui);
            ui.label("What they share; a change here applies to them all (one undo step).");
            let actors: Vec<&Actor> = self
                .canvas
                .selected
                .iter()
                .filter_map(|id| self.doc.network().actor(id))
                .collect();
            if let Some(changed) = actors_inspector_ui(ui, self.doc.network(), &actors) {
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
            && let Some(tie) = self.doc.network().tie(&id).cloned()
        {
            ui.heading("Tie");
            if let Some(changed) = tie_inspector_ui(ui, self.doc.network(), &tie) {
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
                .filter_map(|id| self.doc.network().tie(id))
                .collect();
            if let Some(changed) = ties_inspector_ui(ui, self.doc.network(), &ties) {
                self.commands.push(Command::edit(Edit::UpdateTies(changed)));
            }
            return;
        }
        ui.heading("Map");
        let n = self.doc.network();
        ui.label(egui::RichText::new(&n.title).strong());
        ui.label(format!(
            "{} actors, {} ties",
            n.actors().len(),
            n.ties().len()
        ));
        ui.add_space(6.0);
        ui.label("Double-click empty space to add an actor. Drag from an actor's edge (or Shift-drag) to another to tie them. Click to select, Ctrl-click to add, Shift-drag on empty space to box-select, drag empty space to pan, scroll to zoom.");
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

impl BridgeworkApp {
    /// Under a single actor's fields: what they broker, in words, and the
    /// what-if button.
    fn actor_insight_ui(&mut self, ui: &mut egui::Ui, id: &crate::model::ActorId) {
        ui.add_space(6.0);
        match self.insight.brokers_any().and_then(|b| b.row(id).cloned()) {
            Some(row) => {
                ui.label(egui::RichText::new("As a broker").strong());
                ui.label(row.sentence);
            }
            None if self.insight.brokers_any().is_some() => {
                ui.label(
                    egui::RichText::new(
                        "Brokers no path between people who are not tied to each other.",
                    )
                    .weak(),
                );
            }
            None => {}
        }
        self.leaving_button_ui(ui);
    }

    /// "What if they leave?": marks the selection as leaving (L), or takes
    /// it off.
    fn leaving_button_ui(&mut self, ui: &mut egui::Ui) {
        let all_leaving = self.canvas.selected.is_subset(&self.insight.leaving);
        let text = if all_leaving {
            "Not leaving after all"
        } else {
            "What if they leave?"
        };
        if ui
            .button(text)
            .on_hover_text("Mark as leaving (L): who would be cut off, shown on the map and in the What if panel; the map itself is not changed")
            .clicked()
        {
            self.commands.push(super::UiCommand::MarkLeaving.into());
        }
    }
}
