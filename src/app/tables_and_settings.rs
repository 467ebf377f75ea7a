//! The tables panel and the map settings dialog, wired into the app: where
//! they show, their menu items, toolbar button and shortcut, and how what
//! they return becomes [`Command`]s and canvas selections.

use super::{BridgeworkApp, Command};
use crate::edit::Edit;
use crate::ui::edit_request::EditRequest;
use crate::ui::settings::settings_ui;
use crate::ui::tables::{TableEvent, TableSelection, tables_ui};
use egui::{Key, KeyboardShortcut, Modifiers};

/// Shows or hides the tables.
pub(super) const TABLES_SHORTCUT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND, Key::T);

const TABLES_TIP: &str =
    "Show or hide the tables of actors and ties: sort by a column, filter, edit in place (Ctrl+T)";

impl BridgeworkApp {
    /// Ctrl+T shows or hides the tables (also while typing in a field,
    /// where it has no other meaning).
    pub(super) fn tables_shortcut(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|i| i.consume_shortcut(&TABLES_SHORTCUT)) {
            self.tables.open = !self.tables.open;
        }
    }

    /// The "Tables" toggle, for the View menu and the toolbar.
    pub(super) fn tables_toggle_ui(&mut self, ui: &mut egui::Ui) {
        if ui
            .selectable_label(self.tables.open, "Tables")
            .on_hover_text(TABLES_TIP)
            .clicked()
        {
            self.tables.open = !self.tables.open;
        }
    }

    /// The Map menu.
    pub(super) fn map_menu_ui(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("Map", |ui| {
            if ui
                .button("Map settings…")
                .on_hover_text("Title, description, the sector list and the tie-kind list")
                .clicked()
            {
                self.settings.open = true;
            }
        });
    }

    /// The tables, in a resizable panel under the map (when open).
    pub(super) fn tables_panel_ui(&mut self, ui: &mut egui::Ui) {
        if !self.tables.open {
            return;
        }
        let key = self.doc.content_key();
        let events = egui::Panel::bottom("tables")
            .resizable(true)
            .default_size(260.0)
            .min_size(120.0)
            .show(ui, |ui| {
                let selection = TableSelection {
                    actors: &self.canvas.selected,
                    ties: &self.canvas.selected_ties,
                };
                tables_ui(ui, &self.doc.network, key, selection, &mut self.tables)
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
                    let from = self.doc.network.tie(&id).map(|t| t.from().clone());
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
        let requests = egui::Window::new("Map settings")
            .open(&mut open)
            .default_width(620.0)
            .default_height(460.0)
            .vscroll(true)
            .show(ctx, |ui| {
                settings_ui(ui, &self.doc.network, &mut self.settings)
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
    /// rename backwards (`to` → `from`): what an undo of the rename does,
    /// and what a redo does given the inverse kept on the undo stack.
    pub(super) fn follow_renames(&mut self, renames: Vec<Rename>, reverse: bool) {
        for (list, from, to) in renames {
            let (from, to) = if reverse { (to, from) } else { (from, to) };
            let (current, hidden) = match list {
                List::Sectors => (&mut self.last_sector, &mut self.filters.hidden_sectors),
                List::TieKinds => (&mut self.new_tie_kind, &mut self.filters.hidden_kinds),
            };
            if *current == from {
                current.clone_from(&to);
            }
            if hidden.remove(&from) {
                hidden.insert(to);
            }
        }
    }

    /// Keeps the sector for new actors and the kind for new ties on entries
    /// of the map's lists after a removal, an undone rename or another map:
    /// the first entry of the list takes over.
    pub(super) fn follow_list_changes(&mut self) {
        let n = &self.doc.network;
        if n.sector(&self.last_sector).is_none()
            && let Some(first) = n.sectors.first()
        {
            self.last_sector = first.name.clone();
        }
        if n.tie_kind(&self.new_tie_kind).is_none()
            && let Some(first) = n.tie_kinds.first()
        {
            self.new_tie_kind = first.name.clone();
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
