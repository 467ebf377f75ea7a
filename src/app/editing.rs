//! Editing commands that act on the selection (delete, select all, copy,
//! paste, duplicate) and the canvas's gestures turned into edits.

use super::commands::UiCommand;
use super::{BridgeworkApp, Command};
use crate::edit::Edit;
use crate::model::{Actor, ActorId, Tie};
use crate::ui::canvas::CanvasEvent;
use std::collections::BTreeSet;

/// The canvas's right-click menu on actor `id` (selected by the click):
/// the commands that act on the selection, each with its shortcut, queued
/// in `asked` when picked.
pub(super) fn actor_menu_ui(
    ui: &mut egui::Ui,
    id: &ActorId,
    leaving: &BTreeSet<ActorId>,
    asked: &mut Vec<UiCommand>,
) {
    for c in [
        UiCommand::MarkLeaving,
        UiCommand::Focus1,
        UiCommand::Focus2,
        UiCommand::Copy,
        UiCommand::Duplicate,
        UiCommand::Delete,
    ] {
        let text = match c {
            UiCommand::MarkLeaving if leaving.contains(id) => "No longer leaving (what if)",
            UiCommand::MarkLeaving => "Mark as leaving (what if)",
            _ => c.text(),
        };
        let button = egui::Button::new(text).shortcut_text(c.shortcut_text(ui.ctx()));
        if ui.add(button).on_hover_text(c.tooltip()).clicked() {
            asked.push(c);
            ui.close();
        }
    }
}

impl BridgeworkApp {
    pub(super) fn canvas_events(&mut self, events: Vec<CanvasEvent>) {
        for e in events {
            match e {
                // In workshop mode new actors come from the Add box, which
                // a double-click opens.
                CanvasEvent::AddActorAt(_) | CanvasEvent::EditActor(_) if self.workshop.on => {
                    self.quick_add();
                }
                CanvasEvent::OpenActor(id) => {
                    self.canvas.selected = [id.clone()].into_iter().collect();
                    self.canvas.selected_ties.clear();
                    if self.workshop.on {
                        self.session.focus = Some((id, 1));
                    } else {
                        self.insight.open = None;
                    }
                }
                CanvasEvent::AddActorAt(p) => {
                    let id = self.doc.network().fresh_actor_id();
                    let mut a = Actor::new(
                        id.clone(),
                        "New actor",
                        self.session.new_actor_sector.clone(),
                    );
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
                        .network()
                        .tie_kind(&self.session.new_tie_kind)
                        .is_some_and(|k| k.directed);
                    let id = self.doc.network().fresh_tie_id();
                    let tie = Tie::new(id, from, to, self.session.new_tie_kind.clone(), directed);
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

    /// Deletes the selected actors (with their ties) and ties, as one undo
    /// step.
    pub(super) fn delete_selection(&mut self) {
        let actors: Vec<ActorId> = self.canvas.selected.iter().cloned().collect();
        let ties: Vec<_> = self
            .canvas
            .selected_ties
            .iter()
            .filter(|t| {
                self.doc
                    .network()
                    .tie(t)
                    .is_some_and(|t| !actors.contains(t.from()) && !actors.contains(t.to()))
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
        if edits.is_empty() {
            return;
        }
        self.apply(if edits.len() == 1 {
            edits.remove(0)
        } else {
            Edit::Batch(edits)
        });
        self.canvas.selected.clear();
        self.canvas.selected_ties.clear();
    }

    /// Selects every actor.
    pub(super) fn select_all(&mut self) {
        self.canvas.selected = self
            .doc
            .network()
            .actors()
            .iter()
            .map(|a| a.id().clone())
            .collect();
    }

    /// Copies the selected actors and the ties among them.
    pub(super) fn copy(&mut self) {
        let ids: Vec<ActorId> = self.canvas.selected.iter().cloned().collect();
        self.clipboard = crate::edit::copy_selection(self.doc.network(), &ids);
        self.status.set(format!(
            "Copied {}",
            super::status_bar::count(self.clipboard.0.len(), "actor", "actors")
        ));
    }

    /// Pastes what was copied, offset, as new actors with new ids.
    pub(super) fn paste(&mut self) {
        if !self.clipboard.0.is_empty() {
            let edit = crate::edit::paste_edit(
                self.doc.network(),
                &self.clipboard.0,
                &self.clipboard.1,
                [40.0, 40.0],
            );
            self.select_added(edit);
        }
    }

    /// Duplicates the selection.
    pub(super) fn duplicate(&mut self) {
        let ids: Vec<ActorId> = self.canvas.selected.iter().cloned().collect();
        if !ids.is_empty() {
            let edit = crate::edit::duplicate_edit(self.doc.network(), &ids, [40.0, 40.0]);
            self.select_added(edit);
        }
    }

    /// Applies an edit that adds actors and selects what it added.
    fn select_added(&mut self, edit: Edit) {
        let added = edit.added_actors();
        self.apply(edit);
        self.canvas.selected = added
            .into_iter()
            .filter(|id| self.doc.network().actor(id).is_some())
            .collect();
        self.canvas.selected_ties.clear();
    }

    /// Focuses on the selected actor's neighbourhood within `steps`, or
    /// ends the focus.
    pub(super) fn focus(&mut self, steps: Option<usize>) {
        let one = (self.canvas.selected.len() == 1)
            .then(|| self.canvas.selected.iter().next().cloned())
            .flatten();
        match (steps, one) {
            (Some(k), Some(id)) => self.session.focus = Some((id, k)),
            (Some(_), None) => self.status.set("Select one actor to focus on"),
            (None, _) => self.session.focus = None,
        }
    }
}
