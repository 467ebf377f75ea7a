//! The tables: every actor and every tie of the map as rows, sortable by
//! any column, filtered by a text box, and editable in place.
//!
//! [`tables_ui`] reads `&Network` and returns [`TableEvent`]s: edits for
//! the app to apply after the frame (typing in one cell is one undo step)
//! and rows the user picked, for the app to select on the canvas. It never
//! mutates the network.
//!
//! Only the rows in view are drawn ([`egui::ScrollArea::show_rows`]), and
//! the sorted, filtered row order is worked out again only when the sort,
//! the filter or the map's content key changes, so a map of 5,000 actors
//! and 15,000 ties stays responsive. While a cell is being edited the order
//! is held still, so the row being typed in does not jump away; it is
//! sorted and filtered again as soon as the edit ends.
//!
//! Each table follows the map's selection: when the selection differs
//! from the one it last saw, and the change was not the table's own doing
//! (a row picked in it), it scrolls the first selected row into view, once;
//! a selected row the filter hides is named in the header line instead.
//! Comparing the selection costs O(selected) a frame; finding its rows,
//! only when it or the order changes, O(rows).
//!
//! Columns share the panel's width until the user sizes one: dragging the
//! grab handle on a header's right edge, double-clicking it to fit the
//! column to its widest value, or the header's right-click menu. The widths
//! are kept per table in [`TablesState`] for the session.

use super::edit_request::EditRequest;
use super::inspector::enum_label;
use crate::edit::Edit;
use crate::model::{Actor, ActorId, Network, Stance, Tie, TieId};
use egui::{Align, Color32, Layout, RichText, Sense, TextEdit, Ui, vec2};
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

mod actors;
mod cells;
mod columns;
mod rows;
#[cfg(test)]
mod tests;
mod ties;

use actors::*;
use cells::*;
use columns::*;
pub use columns::{ActorColumn, TieColumn};
use rows::*;
use ties::*;

/// Which table is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TableTab {
    /// One row per actor.
    #[default]
    Actors,
    /// One row per tie.
    Ties,
}

/// How a table is sorted: by one column, ascending or descending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort<C> {
    /// The column.
    pub column: C,
    /// Largest (or last in the alphabet) first.
    pub descending: bool,
}

/// The next sort after a click on `column`'s header: ascending, then
/// descending, then back to map order.
fn next_sort<C: Copy + PartialEq>(current: Option<Sort<C>>, column: C) -> Option<Sort<C>> {
    match current {
        Some(s) if s.column == column && !s.descending => Some(Sort {
            column,
            descending: true,
        }),
        Some(s) if s.column == column => None,
        _ => Some(Sort {
            column,
            descending: false,
        }),
    }
}

/// What a row offers to sorting and filtering.
trait Row {
    type Column: Column;
    /// The stable id of the actor or tie the row shows.
    type Id: Ord + Clone;
    /// The row's id.
    fn id(&self) -> &Self::Id;
    /// Every shown value, lowercased, separated by `\u{1f}` so that a
    /// filter word cannot match across two columns.
    fn haystack(&self) -> &str;
    /// Ascending order of two rows by `column`, blanks aside.
    fn compare(&self, other: &Self, column: Self::Column) -> Ordering;
    /// Whether the row has no value in `column` (these sort last).
    fn is_blank(&self, column: Self::Column) -> bool;
}

/// Case-insensitive filter words of `filter`.
fn filter_terms(filter: &str) -> Vec<String> {
    filter.split_whitespace().map(str::to_lowercase).collect()
}

/// The positions in `rows` of the rows that contain every word of
/// `filter` (case-insensitive, in any column), sorted by `sort`. Blanks sort
/// last in either direction; rows that compare equal keep map order, so the
/// order is deterministic.
fn row_order<R: Row>(rows: &[R], sort: Option<Sort<R::Column>>, filter: &str) -> Vec<usize> {
    let terms = filter_terms(filter);
    let mut shown: Vec<(usize, &R)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| terms.iter().all(|t| r.haystack().contains(t.as_str())))
        .collect();
    if let Some(Sort { column, descending }) = sort {
        shown.sort_by(
            |(_, a), (_, b)| match (a.is_blank(column), b.is_blank(column)) {
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (true, true) => Ordering::Equal,
                (false, false) => {
                    let o = a.compare(b, column);
                    if descending { o.reverse() } else { o }
                }
            },
        );
    }
    shown.into_iter().map(|(i, _)| i).collect()
}

/// One table's sort, filter, and cached rows and row order.
#[derive(Debug)]
struct Table<R: Row> {
    sort: Option<Sort<R::Column>>,
    filter: String,
    /// The rows, built for the content key `rows_for`.
    rows: Vec<R>,
    rows_for: Option<u64>,
    /// Positions in `rows`, in the order shown.
    order: Vec<usize>,
    /// The sort and filter `order` was made with (`None`: out of date).
    order_for: Option<(Option<Sort<R::Column>>, String)>,
    /// Widths the user gave columns (by dragging an edge or fitting),
    /// by position in [`Column::COLUMNS`]; `None`: automatic.
    widths: Vec<Option<f32>>,
    /// The column whose right edge is being dragged, and its width when the
    /// drag started.
    resizing: Option<(usize, f32)>,
    /// The selection this table last saw (`None`: it has seen none yet).
    seen: Option<BTreeSet<R::Id>>,
    /// Where the selected rows are in `order`.
    selected: SelectedRows,
    /// A position in `order` to bring into view in the frame being drawn.
    scroll_to: Option<usize>,
    /// The header of the measure column, if it has one now.
    measure_title: Option<&'static str>,
}

impl<R: Row> Default for Table<R> {
    fn default() -> Self {
        Self {
            sort: None,
            filter: String::new(),
            rows: Vec::new(),
            rows_for: None,
            order: Vec::new(),
            order_for: None,
            widths: Vec::new(),
            resizing: None,
            seen: None,
            selected: SelectedRows::default(),
            scroll_to: None,
            measure_title: None,
        }
    }
}

impl<R: Row> Table<R> {
    /// Brings the rows and their order up to date with the map (`key`),
    /// unless `frozen` (a cell is being edited), and with the sort and
    /// filter. Returns whether the order was worked out again.
    fn refresh(&mut self, key: u64, frozen: bool, build: impl FnOnce() -> Vec<R>) -> bool {
        if self.rows_for != Some(key) && (!frozen || self.rows_for.is_none()) {
            self.rows = build();
            self.rows_for = Some(key);
            self.order_for = None;
        }
        let wanted = (self.sort, self.filter.clone());
        if self.order_for.as_ref() != Some(&wanted) {
            self.order = row_order(&self.rows, self.sort, &self.filter);
            self.order_for = Some(wanted);
            return true;
        }
        false
    }

    /// Follows the map's selection: when it differs from the one this
    /// table last saw, finds the selected rows and, unless the table itself
    /// made the selection (`own`), asks for the first of them to be
    /// brought into view. Also finds them again when the order was worked
    /// out again (`reordered`), without scrolling.
    ///
    /// Comparing the selection is O(selected); finding the rows, only when
    /// something changed, is O(rows · log selected).
    fn follow(&mut self, selection: &BTreeSet<R::Id>, own: bool, reordered: bool) {
        let changed = self.seen.as_ref() != Some(selection);
        if changed {
            self.seen = Some(selection.clone());
        }
        if changed || reordered {
            self.selected = SelectedRows::find(&self.rows, &self.order, selection);
        }
        if changed && !own {
            self.scroll_to = self.selected.first;
        }
    }

    /// Each column's user-set width (`None`: automatic), one per column.
    fn set_widths(&self) -> Vec<Option<f32>> {
        (0..R::Column::COLUMNS.len())
            .map(|i| self.widths.get(i).copied().flatten())
            .collect()
    }

    /// Sets column `i`'s width (`None`: automatic again).
    fn set_width(&mut self, i: usize, width: Option<f32>) {
        if self.widths.len() < R::Column::COLUMNS.len() {
            self.widths.resize(R::Column::COLUMNS.len(), None);
        }
        if let Some(w) = self.widths.get_mut(i) {
            *w = width.map(|w| w.clamp(MIN_SET_WIDTH, MAX_SET_WIDTH));
        }
    }

    /// The header of `column`.
    fn title(&self, column: R::Column) -> &'static str {
        match self.measure_title {
            Some(t) if column.is_measure() => t,
            _ => column.title(),
        }
    }

    /// The rows in the order shown.
    fn shown(&self) -> impl Iterator<Item = &R> {
        self.order.iter().filter_map(|&i| self.rows.get(i))
    }
}

/// Where the selected rows of a table are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct SelectedRows {
    /// Position in the order shown of the first selected row shown.
    first: Option<usize>,
    /// How many selected rows are shown.
    shown: usize,
    /// How many selected rows there are, shown or filtered out.
    total: usize,
}

impl SelectedRows {
    /// Finds the rows of `selection` in `rows` and in `order` (positions
    /// in `rows`, as shown). O(rows · log selected); nothing for an empty
    /// selection.
    fn find<R: Row>(rows: &[R], order: &[usize], selection: &BTreeSet<R::Id>) -> Self {
        if selection.is_empty() {
            return Self::default();
        }
        let picked = |r: &R| selection.contains(r.id());
        let mut found = Self {
            total: rows.iter().filter(|r| picked(r)).count(),
            ..Self::default()
        };
        for (k, _) in order
            .iter()
            .enumerate()
            .filter(|&(_, &i)| rows.get(i).is_some_and(picked))
        {
            found.first.get_or_insert(k);
            found.shown += 1;
        }
        found
    }

    /// What the header line says when selected rows are filtered out
    /// (`what`: "actor" or "tie"), or `None`.
    fn hidden_note(&self, what: &str) -> Option<String> {
        let hidden = self.total.saturating_sub(self.shown);
        match (hidden, self.total) {
            (0, _) => None,
            (1, 1) => Some(format!("selected {what} hidden by the filter")),
            (h, t) if h == t => Some(format!("{t} selected {what}s hidden by the filter")),
            (h, t) => Some(format!("{h} of {t} selected {what}s hidden by the filter")),
        }
    }
}

/// The text being typed in the focused cell, kept apart from the map while
/// it is not valid (an empty name), so that the cell can show it.
#[derive(Clone, Debug, PartialEq)]
struct Draft {
    cell: CellKey,
    text: String,
}

/// A cell: which table, which row (by id), which column.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct CellKey {
    tab: TableTab,
    id: String,
    column: &'static str,
}

/// What the tables keep between frames: which tab is shown, each table's
/// sort and filter, the cached row order, and the cell being edited.
#[derive(Debug, Default)]
pub struct TablesState {
    /// Whether the tables panel is shown.
    pub open: bool,
    /// The table shown.
    pub tab: TableTab,
    actors: Table<ActorRow>,
    ties: Table<TieRow>,
    draft: Option<Draft>,
    /// Counts editing sessions (a cell gaining focus, a drag starting), so
    /// that each session is one undo step.
    session: u64,
    /// Whether a cell was being edited in the last frame.
    editing: bool,
    /// Whether the tables asked for a selection in the last frame (so the
    /// change that follows is the table's own, and does not scroll it).
    picked: bool,
    /// The measure chosen in "Size by" and each actor's value of it.
    measure: Option<(&'static str, Arc<HashMap<ActorId, f64>>)>,
    /// Bumped when `measure` changes, so the rows are built again.
    measure_serial: u64,
}

impl TablesState {
    /// Shows `measure` (its name and each actor's value) in the actors
    /// table's measure column, or empties the column (`None`). Cheap to
    /// call every frame: the rows are built again only when it changes.
    pub fn set_measure(&mut self, measure: Option<(&'static str, &Arc<HashMap<ActorId, f64>>)>) {
        let same = match (&self.measure, measure) {
            (None, None) => true,
            (Some((a, x)), Some((b, y))) => *a == b && Arc::ptr_eq(x, y),
            _ => false,
        };
        if !same {
            self.measure = measure.map(|(t, v)| (t, v.clone()));
            self.measure_serial += 1;
            self.actors.measure_title = measure.map(|(t, _)| t);
        }
    }

    /// The actors in the order the table last showed them (sorted and
    /// filtered).
    pub fn actor_order(&self) -> Vec<ActorId> {
        self.actors.shown().map(|r| r.id.clone()).collect()
    }

    /// The ties in the order the table last showed them.
    pub fn tie_order(&self) -> Vec<TieId> {
        self.ties.shown().map(|r| r.id.clone()).collect()
    }

    /// How the actors table is sorted (`None`: map order).
    pub fn actor_sort(&self) -> Option<Sort<ActorColumn>> {
        self.actors.sort
    }

    /// How the ties table is sorted (`None`: map order).
    pub fn tie_sort(&self) -> Option<Sort<TieColumn>> {
        self.ties.sort
    }

    /// Whether a cell is being edited (its row order is held still).
    pub fn is_editing(&self) -> bool {
        self.editing
    }

    /// The width the user gave each actors column, left to right (`None`:
    /// automatic).
    pub fn actor_column_widths(&self) -> Vec<Option<f32>> {
        self.actors.set_widths()
    }

    /// The width the user gave each ties column, left to right (`None`:
    /// automatic).
    pub fn tie_column_widths(&self) -> Vec<Option<f32>> {
        self.ties.set_widths()
    }
}

/// What the user asked for in the tables.
#[derive(Clone, Debug, PartialEq)]
pub enum TableEvent {
    /// Apply this edit (typing in one cell coalesces into one undo step).
    Edit(Box<EditRequest>),
    /// Select this actor on the canvas.
    SelectActor {
        /// The actor.
        id: ActorId,
        /// Add it to the selection (Ctrl-click) instead of replacing it.
        add: bool,
        /// Centre the canvas on it.
        centre: bool,
    },
    /// Select this tie on the canvas.
    SelectTie {
        /// The tie.
        id: TieId,
        /// Add it to the selection instead of replacing it.
        add: bool,
        /// Centre the canvas on the actor it starts from.
        centre: bool,
    },
}

/// The selection, to highlight the selected rows.
#[derive(Clone, Copy, Debug)]
pub struct TableSelection<'a> {
    /// The selected actors.
    pub actors: &'a BTreeSet<ActorId>,
    /// The selected ties.
    pub ties: &'a BTreeSet<TieId>,
}

/// Draws the tables panel: tabs, filter box, header and the rows in view.
///
/// `content_key` names the map's content (see
/// `app::Document::content_key`); the row order is worked out again only
/// when it, the sort or the filter changes.
pub fn tables_ui(
    ui: &mut Ui,
    network: &Network,
    content_key: u64,
    selection: TableSelection<'_>,
    state: &mut TablesState,
) -> Vec<TableEvent> {
    let frozen = state.editing;
    let TablesState {
        tab,
        actors,
        ties,
        draft,
        session,
        editing,
        picked,
        measure,
        measure_serial,
        ..
    } = state;
    let actors_key = content_key ^ measure_serial.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let values = measure.as_ref().map(|(_, v)| v.as_ref());
    // The selection changing in the last frame was the table's own doing
    // when it asked for one then.
    let own = std::mem::take(picked);
    let refresh = |tab: TableTab, actors: &mut Table<ActorRow>, ties: &mut Table<TieRow>| match tab
    {
        TableTab::Actors => {
            let reordered = actors.refresh(actors_key, frozen, || ActorRow::build(network, values));
            actors.follow(selection.actors, own, reordered);
        }
        TableTab::Ties => {
            let reordered = ties.refresh(content_key, frozen, || TieRow::build(network));
            ties.follow(selection.ties, own, reordered);
        }
    };
    let mut tab_now = *tab;
    refresh(tab_now, actors, ties);

    // Wrapped, so that a narrow panel (or the note about a hidden
    // selection) takes a second line rather than widening the panel.
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(
            tab,
            TableTab::Actors,
            format!("Actors ({})", network.actors().len()),
        )
        .accessible_name("Actors table")
        .on_hover_text("One row per actor: name, sector, organisation, role, stance, influence");
        ui.selectable_value(
            tab,
            TableTab::Ties,
            format!("Ties ({})", network.ties().len()),
        )
        .accessible_name("Ties table")
        .on_hover_text("One row per tie: who to whom, kind, strength, direction");
        ui.separator();
        let (filter, shown, total, what, hidden) = match tab_now {
            TableTab::Actors => (
                &mut actors.filter,
                actors.order.len(),
                network.actors().len(),
                "actors",
                actors.selected.hidden_note("actor"),
            ),
            TableTab::Ties => (
                &mut ties.filter,
                ties.order.len(),
                network.ties().len(),
                "ties",
                ties.selected.hidden_note("tie"),
            ),
        };
        let typed = ui
            .add(
                TextEdit::singleline(filter)
                    .hint_text("Filter: type words to match")
                    .desired_width(220.0),
            )
            .accessible_name(format!("Filter {what}"))
            .on_hover_text(
                "Shows only the rows that contain every word typed, in any column (not case-sensitive)",
            )
            .changed();
        let cleared = ui
            .add_enabled(!filter.is_empty(), egui::Button::new("×"))
            .accessible_name("Clear the filter")
            .on_hover_text("Clear the filter")
            .clicked();
        if cleared {
            filter.clear();
        }
        if typed || cleared {
            // The rows are filtered again at the start of the next frame.
            ui.ctx().request_repaint();
        }
        // Whole, on the next line when it does not fit.
        let whole = |text: RichText| egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend);
        ui.add(whole(format!("{shown} of {total} {what}").into()))
            .on_hover_text("Rows shown, of all on the map");
        if let Some(note) = hidden.filter(|_| !filter.trim().is_empty()) {
            ui.add(whole(RichText::new(note).color(ui.visuals().warn_fg_color)))
                .on_hover_text(
                    "The selection on the map is not among the rows shown: clear the filter (×) to see it",
                );
        }
    });
    if *tab != tab_now {
        // The other table: its rows are brought up to date now, and the
        // count beside the filter next frame.
        tab_now = *tab;
        refresh(tab_now, actors, ties);
        ui.ctx().request_repaint();
    }

    // Cells sit closer together than other widgets, to fit more columns.
    ui.spacing_mut().item_spacing.x = 4.0;
    let row_height = ui.spacing().interact_size.y + 4.0;
    let spacing = ui.spacing().item_spacing.x;
    let available = ui.available_width() - ui.spacing().scroll.bar_width - 4.0;
    let mut cells = Cells {
        draft,
        session,
        editing: false,
        events: Vec::new(),
        row_height,
        row_width: available,
    };
    // Columns keep a readable width; on a narrow panel the table scrolls
    // sideways.
    egui::ScrollArea::horizontal()
        .id_salt(("tables_sideways", tab_now))
        .auto_shrink([false, false])
        .show(ui, |ui| match tab_now {
            TableTab::Actors => actors_ui(
                ui, network, actors, selection, &mut cells, available, spacing,
            ),
            TableTab::Ties => ties_ui(ui, network, ties, selection, &mut cells, available, spacing),
        });
    *editing = cells.editing;
    if !cells.editing {
        *cells.draft = None;
    }
    *picked = cells.events.iter().any(|e| {
        matches!(
            e,
            TableEvent::SelectActor { .. } | TableEvent::SelectTie { .. }
        )
    });
    cells.events
}

/// A message in place of the rows when there are none. It fills the
/// panel as the rows would: a resizable panel keeps the size of what it
/// holds.
fn empty_ui(ui: &mut Ui, total: usize, filter: &str, what: &str, hint: &str) {
    egui::ScrollArea::vertical()
        .id_salt(("empty_table", what))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(6.0);
            if total == 0 {
                ui.label(hint);
            } else {
                ui.label(format!("No {what} match “{}”.", filter.trim()));
            }
        });
}
