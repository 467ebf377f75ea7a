//! The tables panel and the map settings dialog, wired into the app: where
//! they show, their menu items, toolbar button and shortcut, and how what
//! they return becomes [`Command`]s and canvas selections.

use super::{BridgeworkApp, Command, UiCommand};
use crate::edit::Edit;
use crate::ui::edit_request::EditRequest;
use crate::ui::settings::settings_ui;
use crate::ui::tables::{TableEvent, TableSelection, tables_ui};

impl BridgeworkApp {
    /// The "Tables" toggle, for the View menu and the toolbar.
    pub(super) fn tables_toggle_ui(&mut self, ui: &mut egui::Ui) {
        if ui
            .selectable_label(self.tables.open, "Tables")
            .on_hover_text(format!(
                "{} ({})",
                UiCommand::Tables.tooltip(),
                UiCommand::Tables.shortcut_text(ui.ctx())
            ))
            .clicked()
        {
            self.tables.open = !self.tables.open;
        }
    }

    /// The tables, in a resizable panel under the map (when open).
    pub(super) fn tables_panel_ui(&mut self, ui: &mut egui::Ui) {
        if !self.tables.open {
            return;
        }
        let key = self.doc.content_key();
        self.tables.set_measure(self.sizing.values());
        let events = egui::Panel::bottom("tables")
            .resizable(true)
            .default_size(260.0)
            .min_size(120.0)
            .show(ui, |ui| {
                let selection = TableSelection {
                    actors: &self.canvas.selected,
                    ties: &self.canvas.selected_ties,
                };
                tables_ui(ui, self.doc.network(), key, selection, &mut self.tables)
            })
            .inner;
        for e in events {
            match e {
                TableEvent::Edit(request) => self.request(*request),
                TableEvent::SelectActor { id, add, centre } => {
                    if add {
                        if !self.canvas.selected.remove(&id) {
                            self.canvas.selected.insert(id.clone());
                        }
                    } else {
                        self.canvas.selected = [id.clone()].into_iter().collect();
                        self.canvas.selected_ties.clear();
                    }
                    if centre {
                        self.canvas.centre_on = Some(id);
                    }
                }
                TableEvent::SelectTie { id, add, centre } => {
                    let from = self.doc.network().tie(&id).map(|t| t.from().clone());
                    if add {
                        if !self.canvas.selected_ties.remove(&id) {
                            self.canvas.selected_ties.insert(id);
                        }
                    } else {
                        self.canvas.selected_ties = [id].into_iter().collect();
                        self.canvas.selected.clear();
                    }
                    if centre && let Some(from) = from {
                        self.canvas.centre_on = Some(from);
                    }
                }
            }
        }
    }

    /// The map settings dialog (when open).
    pub(super) fn settings_window_ui(&mut self, ctx: &egui::Context) {
        if !self.settings.open {
            return;
        }
        let mut open = true;
        // Below the menus and toolbar, never over them.
        let screen = ctx.content_rect();
        let top = self
            .canvas
            .last_rect
            .map_or(screen.top() + 60.0, |r| r.top());
        let area = egui::Rect::from_min_max(egui::pos2(screen.left(), top), screen.max);
        let requests = egui::Window::new("Map settings")
            .open(&mut open)
            .default_pos([screen.center().x - 310.0, top + 8.0])
            .constrain_to(area)
            .default_width(620.0)
            .default_height(460.0)
            .vscroll(true)
            .show(ctx, |ui| {
                settings_ui(ui, self.doc.network(), &mut self.settings)
            })
            .and_then(|r| r.inner)
            .unwrap_or_default();
        for r in requests {
            self.request(r);
        }
        if !open {
            self.settings.open = false;
            self.settings.reset();
        }
    }

    /// Queues an edit a panel asked for. A rename also renames the app's
    /// own references to the name (the sector for new actors, the kind for
    /// new ties, the legend's hidden sectors and kinds).
    fn request(&mut self, r: EditRequest) {
        self.follow_renames(renames(&r.edit), false);
        self.commands.push(match r.coalesce {
            Some(key) => Command::EditCoalescing(Box::new(r.edit), key),
            None => Command::Edit(Box::new(r.edit)),
        });
    }

    /// For each rename (see [`renames`]) of a sector or tie kind, renames the app's own
    /// references to it too: the sector for new actors, the kind for new
    /// ties, the legend's hidden sectors and kinds. `reverse` follows the
    /// rename backwards (`to` to `from`): what an undo of the rename does,
    /// and what a redo does given the inverse kept on the undo stack.
    pub(super) fn follow_renames(&mut self, renames: Vec<Rename>, reverse: bool) {
        for (list, from, to) in renames {
            let (from, to) = if reverse { (to, from) } else { (from, to) };
            let (current, hidden) = match list {
                List::Sectors => (
                    &mut self.session.new_actor_sector,
                    &mut self.session.filters.hidden_sectors,
                ),
                List::TieKinds => (
                    &mut self.session.new_tie_kind,
                    &mut self.session.filters.hidden_kinds,
                ),
            };
            if *current == from {
                current.clone_from(&to);
            }
            if hidden.remove(&from) {
                hidden.insert(to);
            }
        }
    }
}

/// Which of the map's lists a rename is in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum List {
    Sectors,
    TieKinds,
}

/// A rename in one of the map's lists: the list, the old name, the new.
pub(super) type Rename = (List, String, String);

/// Every rename in `edit` (a batch may hold several), in order.
pub(super) fn renames(edit: &Edit) -> Vec<Rename> {
    match edit {
        Edit::RenameSector { from, to } => vec![(List::Sectors, from.clone(), to.clone())],
        Edit::RenameTieKind { from, to } => vec![(List::TieKinds, from.clone(), to.clone())],
        Edit::Batch(edits) => edits.iter().flat_map(renames).collect(),
        _ => Vec::new(),
    }
}
