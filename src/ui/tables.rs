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

/// Which table is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TableTab {
    /// One row per actor.
    #[default]
    Actors,
    /// One row per tie.
    Ties,
}

/// A column of the actors table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ActorColumn {
    /// The actor's name.
    Name,
    /// Its sector.
    Sector,
    /// Its organisation.
    Organisation,
    /// Its role or job title.
    Role,
    /// Its stance toward the change.
    Stance,
    /// Its perceived influence, 1–5.
    Influence,
    /// How many ties touch it (read only).
    Ties,
    /// The measure chosen in "Size by" (read only; empty until one is).
    Measure,
}

impl ActorColumn {
    /// Every column, left to right.
    pub const ALL: [ActorColumn; 8] = [
        ActorColumn::Name,
        ActorColumn::Sector,
        ActorColumn::Organisation,
        ActorColumn::Role,
        ActorColumn::Stance,
        ActorColumn::Influence,
        ActorColumn::Ties,
        ActorColumn::Measure,
    ];

    /// The header text (the measure column's is the measure's name when
    /// one is shown).
    pub fn title(self) -> &'static str {
        match self {
            ActorColumn::Name => "Name",
            ActorColumn::Sector => "Sector",
            ActorColumn::Organisation => "Organisation",
            ActorColumn::Role => "Role",
            ActorColumn::Stance => "Stance",
            ActorColumn::Influence => "Influence",
            ActorColumn::Ties => "Ties",
            ActorColumn::Measure => "Measure",
        }
    }
}

impl Column for ActorColumn {
    const COLUMNS: &'static [Self] = &ActorColumn::ALL;

    fn is_measure(self) -> bool {
        self == ActorColumn::Measure
    }

    fn title(self) -> &'static str {
        ActorColumn::title(self)
    }

    fn size(self) -> (f32, f32) {
        match self {
            ActorColumn::Name => (100.0, 2.0),
            ActorColumn::Sector => (100.0, 1.4),
            ActorColumn::Organisation => (96.0, 2.0),
            ActorColumn::Role => (90.0, 1.6),
            ActorColumn::Stance => (98.0, 0.3),
            ActorColumn::Influence => (60.0, 0.0),
            ActorColumn::Ties => (40.0, 0.0),
            ActorColumn::Measure => (84.0, 0.3),
        }
    }

    fn kind(self) -> CellKind {
        match self {
            ActorColumn::Name | ActorColumn::Organisation | ActorColumn::Role => CellKind::Text,
            ActorColumn::Sector | ActorColumn::Stance | ActorColumn::Influence => CellKind::Choice,
            ActorColumn::Ties | ActorColumn::Measure => CellKind::Label,
        }
    }
}

/// A column of the ties table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TieColumn {
    /// The name of the actor the tie starts from.
    From,
    /// The name of the actor it goes to.
    To,
    /// Its kind.
    Kind,
    /// Its strength.
    Strength,
    /// Whether it is directed (an arrow) or mutual.
    Directed,
}

impl TieColumn {
    /// Every column, left to right.
    pub const ALL: [TieColumn; 5] = [
        TieColumn::From,
        TieColumn::To,
        TieColumn::Kind,
        TieColumn::Strength,
        TieColumn::Directed,
    ];

    /// The header text.
    pub fn title(self) -> &'static str {
        match self {
            TieColumn::From => "From",
            TieColumn::To => "To",
            TieColumn::Kind => "Kind",
            TieColumn::Strength => "Strength",
            TieColumn::Directed => "Directed",
        }
    }
}

impl Column for TieColumn {
    const COLUMNS: &'static [Self] = &TieColumn::ALL;

    fn title(self) -> &'static str {
        TieColumn::title(self)
    }

    fn size(self) -> (f32, f32) {
        match self {
            TieColumn::From => (140.0, 2.0),
            TieColumn::To => (140.0, 2.0),
            TieColumn::Kind => (120.0, 1.0),
            TieColumn::Strength => (64.0, 0.0),
            TieColumn::Directed => (64.0, 0.0),
        }
    }

    fn kind(self) -> CellKind {
        match self {
            TieColumn::From | TieColumn::To => CellKind::Label,
            TieColumn::Kind => CellKind::Choice,
            TieColumn::Strength => CellKind::Number,
            TieColumn::Directed => CellKind::Tick,
        }
    }
}

/// How a column's cells are drawn, which decides how much room a cell
/// needs around its text when the column is fitted to its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CellKind {
    /// A text box.
    Text,
    /// A drop-down list.
    Choice,
    /// Read-only text.
    Label,
    /// A number dragged sideways or typed.
    Number,
    /// A tick box.
    Tick,
}

/// What the tables need of a column, whichever the table.
trait Column: Copy + PartialEq + 'static {
    /// Every column, left to right.
    const COLUMNS: &'static [Self];
    /// The header text.
    fn title(self) -> &'static str;
    /// Narrowest automatic width, and share of any width to spare.
    fn size(self) -> (f32, f32);
    /// How its cells are drawn.
    fn kind(self) -> CellKind;
    /// Whether it shows the measure chosen in "Size by".
    fn is_measure(self) -> bool {
        false
    }
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

/// An actor as the table sorts and filters it.
#[derive(Clone, Debug)]
struct ActorRow {
    id: ActorId,
    name: String,
    sector: String,
    organisation: String,
    role: String,
    stance: Stance,
    influence: Option<u8>,
    ties: usize,
    /// The value of the measure chosen in "Size by", if worked out.
    measure: Option<f64>,
    haystack: String,
}

impl ActorRow {
    /// A row per actor, in map order, with each actor's value of
    /// `measure` if given. O(actors + ties).
    fn build(network: &Network, measure: Option<&HashMap<ActorId, f64>>) -> Vec<ActorRow> {
        let mut degree: HashMap<&ActorId, usize> = HashMap::new();
        for t in network.ties() {
            *degree.entry(t.from()).or_default() += 1;
            if t.to() != t.from() {
                *degree.entry(t.to()).or_default() += 1;
            }
        }
        network
            .actors()
            .iter()
            .map(|a| {
                let name = a.name.to_lowercase();
                let sector = a.sector.to_lowercase();
                let organisation = a.organisation.to_lowercase();
                let role = a.role.to_lowercase();
                let influence = a.influence.map(|i| i.to_string()).unwrap_or_default();
                let haystack = [
                    name.as_str(),
                    &sector,
                    &organisation,
                    &role,
                    &enum_label(&a.stance),
                    &influence,
                ]
                .join("\u{1f}");
                ActorRow {
                    id: a.id().clone(),
                    name,
                    sector,
                    organisation,
                    role,
                    stance: a.stance,
                    influence: a.influence,
                    ties: degree.get(a.id()).copied().unwrap_or(0),
                    measure: measure.and_then(|m| m.get(a.id()).copied()),
                    haystack,
                }
            })
            .collect()
    }
}

impl Row for ActorRow {
    type Column = ActorColumn;
    type Id = ActorId;

    fn id(&self) -> &ActorId {
        &self.id
    }

    fn haystack(&self) -> &str {
        &self.haystack
    }

    fn compare(&self, other: &Self, column: ActorColumn) -> Ordering {
        match column {
            ActorColumn::Name => self.name.cmp(&other.name),
            ActorColumn::Sector => self.sector.cmp(&other.sector),
            ActorColumn::Organisation => self.organisation.cmp(&other.organisation),
            ActorColumn::Role => self.role.cmp(&other.role),
            ActorColumn::Stance => self.stance.cmp(&other.stance),
            ActorColumn::Influence => self.influence.cmp(&other.influence),
            ActorColumn::Ties => self.ties.cmp(&other.ties),
            ActorColumn::Measure => match (self.measure, other.measure) {
                (Some(a), Some(b)) => a.total_cmp(&b),
                (a, b) => a.is_some().cmp(&b.is_some()),
            },
        }
    }

    fn is_blank(&self, column: ActorColumn) -> bool {
        match column {
            ActorColumn::Name => self.name.trim().is_empty(),
            ActorColumn::Sector => self.sector.is_empty(),
            ActorColumn::Organisation => self.organisation.trim().is_empty(),
            ActorColumn::Role => self.role.trim().is_empty(),
            ActorColumn::Stance => self.stance == Stance::Unknown,
            ActorColumn::Influence => self.influence.is_none(),
            ActorColumn::Ties => false,
            ActorColumn::Measure => self.measure.is_none(),
        }
    }
}

/// A tie as the table sorts and filters it.
#[derive(Clone, Debug)]
struct TieRow {
    id: TieId,
    from: String,
    to: String,
    kind: String,
    strength: f64,
    directed: bool,
    haystack: String,
}

impl TieRow {
    /// A row per tie, in map order. O(ties).
    fn build(network: &Network) -> Vec<TieRow> {
        let name = |id: &ActorId| {
            network
                .actor(id)
                .map(|a| a.name.to_lowercase())
                .unwrap_or_default()
        };
        network
            .ties()
            .iter()
            .map(|t| {
                let (from, to, kind) = (name(t.from()), name(t.to()), t.kind.to_lowercase());
                let haystack = [
                    from.as_str(),
                    &to,
                    &kind,
                    &t.strength.to_string(),
                    if t.directed { "directed" } else { "mutual" },
                ]
                .join("\u{1f}");
                TieRow {
                    id: t.id().clone(),
                    from,
                    to,
                    kind,
                    strength: t.strength,
                    directed: t.directed,
                    haystack,
                }
            })
            .collect()
    }
}

impl Row for TieRow {
    type Column = TieColumn;
    type Id = TieId;

    fn id(&self) -> &TieId {
        &self.id
    }

    fn haystack(&self) -> &str {
        &self.haystack
    }

    fn compare(&self, other: &Self, column: TieColumn) -> Ordering {
        match column {
            TieColumn::From => self.from.cmp(&other.from),
            TieColumn::To => self.to.cmp(&other.to),
            TieColumn::Kind => self.kind.cmp(&other.kind),
            TieColumn::Strength => self.strength.total_cmp(&other.strength),
            TieColumn::Directed => self.directed.cmp(&other.directed),
        }
    }

    fn is_blank(&self, column: TieColumn) -> bool {
        match column {
            TieColumn::From => self.from.trim().is_empty(),
            TieColumn::To => self.to.trim().is_empty(),
            _ => false,
        }
    }
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

/// Width of the select button at the start of each row.
const HANDLE_WIDTH: f32 = 22.0;
/// Width of a cell past the last column (never reached in practice).
const MIN_COLUMN_WIDTH: f32 = 48.0;
/// Narrowest width a column can be dragged or fitted to.
const MIN_SET_WIDTH: f32 = 32.0;
/// Widest width a column can be dragged or fitted to.
const MAX_SET_WIDTH: f32 = 1600.0;
/// Width of the grab area on a column's right edge in the header.
const EDGE_GRAB_WIDTH: f32 = 8.0;
/// How many of a column's longest texts (by characters) are measured to
/// fit the column to its content.
const FIT_CANDIDATES: usize = 32;

/// Column widths: a column the user sized (`set`, by position) keeps its
/// width; every other gets its narrowest width from `sizes` (`(narrowest,
/// share)`), and the width left in `available` after the handle, the
/// spacing between cells and the sized columns is shared out among them by
/// share.
fn column_widths(
    available: f32,
    spacing: f32,
    sizes: &[(f32, f32)],
    set: &[Option<f32>],
) -> Vec<f32> {
    let set = |i: usize| set.get(i).copied().flatten();
    let cells = sizes.len() as f32 + 1.0;
    let taken: f32 = (sizes.iter().enumerate())
        .map(|(i, s)| set(i).unwrap_or(s.0))
        .sum();
    let spare = (available - HANDLE_WIDTH - spacing * cells - taken).max(0.0);
    let shares: f32 = (sizes.iter().enumerate())
        .filter(|&(i, _)| set(i).is_none())
        .map(|(_, s)| s.1)
        .sum::<f32>()
        .max(f32::EPSILON);
    (sizes.iter().enumerate())
        .map(|(i, &(min, share))| set(i).unwrap_or(min + spare * share / shares))
        .collect()
}

/// The width column `kind` needs to show every one of `texts` and its
/// header `title` (with room for a sort arrow) in full. Only the longest
/// texts by characters are measured, so it is O(texts) plus a few text
/// layouts.
fn fit_width(ui: &Ui, kind: CellKind, title: &str, texts: impl Iterator<Item = String>) -> f32 {
    let body = egui::TextStyle::Body.resolve(ui.style());
    let mono = egui::TextStyle::Monospace.resolve(ui.style());
    let colour = ui.visuals().text_color();
    let measure = |text: String, font: &egui::FontId| {
        ui.painter()
            .layout_no_wrap(text, font.clone(), colour)
            .size()
            .x
    };
    let spacing = ui.spacing();
    let pad = 2.0 * spacing.button_padding.x;
    let header = measure(title.to_owned(), &body) + measure("▼".to_owned(), &mono) + pad + 4.0;
    let chrome = match kind {
        CellKind::Text => pad + 10.0,
        CellKind::Choice => pad + spacing.icon_width + spacing.icon_spacing + 10.0,
        CellKind::Label => 6.0,
        CellKind::Number => pad + 6.0,
        CellKind::Tick => {
            return header
                .max(spacing.icon_width + pad)
                .clamp(MIN_SET_WIDTH, MAX_SET_WIDTH);
        }
    };
    let mut longest: Vec<(usize, String)> = texts.map(|t| (t.chars().count(), t)).collect();
    if longest.len() > FIT_CANDIDATES {
        longest.select_nth_unstable_by(FIT_CANDIDATES, |a, b| b.0.cmp(&a.0));
        longest.truncate(FIT_CANDIDATES);
    }
    let content = longest
        .into_iter()
        .map(|(_, t)| measure(t, &body))
        .fold(0.0, f32::max);
    (content + chrome)
        .max(header)
        .clamp(MIN_SET_WIDTH, MAX_SET_WIDTH)
}

/// What the user asked of a table's header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeaderAction {
    /// Sort by the column at this position (the next of its sorts).
    Sort(usize),
    /// Fit the column at this position to its content.
    Fit(usize),
    /// Size the column at this position automatically again.
    Auto(usize),
    /// Size every column automatically again.
    AutoAll,
}

/// The menu of a column header or edge (right-click): fit, automatic
/// width, automatic widths for all.
fn width_menu_ui(ui: &mut Ui, i: usize, title: &str, action: &mut Option<HeaderAction>) {
    if ui
        .button("Fit to content")
        .on_hover_text(format!(
            "Make the {} column just wide enough for its widest value",
            title.to_lowercase()
        ))
        .clicked()
    {
        *action = Some(HeaderAction::Fit(i));
        ui.close();
    }
    if ui
        .button("Automatic width")
        .on_hover_text("Let this column share the panel's width again")
        .clicked()
    {
        *action = Some(HeaderAction::Auto(i));
        ui.close();
    }
    if ui
        .button("Automatic width for every column")
        .on_hover_text("Forget every width set by dragging or fitting in this table")
        .clicked()
    {
        *action = Some(HeaderAction::AutoAll);
        ui.close();
    }
}

/// The header row: a title per column (click to sort, right-click for
/// widths) and a grab handle on each column's right edge (drag to resize,
/// double-click to fit). Dragging changes `table`'s widths; everything
/// else is returned for [`header_action`].
fn header_ui<R: Row>(
    ui: &mut Ui,
    table: &mut Table<R>,
    widths: &[f32],
    height: f32,
    spacing: f32,
) -> Option<HeaderAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        ui.add_space(HANDLE_WIDTH + spacing);
        let mut edges = Vec::with_capacity(widths.len());
        for (i, (column, &w)) in R::Column::COLUMNS.iter().zip(widths).enumerate() {
            let sorted = table
                .sort
                .filter(|s| s.column == *column)
                .map(|s| s.descending);
            let (title, cell) = header_cell(ui, w, height, table.title(*column), sorted);
            if title.clicked() {
                action = Some(HeaderAction::Sort(i));
            }
            title.context_menu(|ui| width_menu_ui(ui, i, table.title(*column), &mut action));
            edges.push(cell.right() + spacing / 2.0);
        }
        // The edges after every title, so that they are on top where they
        // overlap a title's button.
        for (i, (column, x)) in R::Column::COLUMNS.iter().zip(edges).enumerate() {
            let title = table.title(*column);
            if let Some(a) = column_edge_ui(ui, table, widths, i, title, x, height) {
                action = Some(a);
            }
        }
    });
    action
}

/// The grab handle on the right edge (at `x`) of column `i`: a thin line,
/// brighter with a resize cursor on hover, and a guide down the rows while
/// dragged. A drag sets the column's width (and fixes the columns to its
/// left, so the edge stays under the pointer); a double-click asks to fit
/// it; a right-click opens the width menu.
fn column_edge_ui<R: Row>(
    ui: &mut Ui,
    table: &mut Table<R>,
    widths: &[f32],
    i: usize,
    title: &str,
    x: f32,
    height: f32,
) -> Option<HeaderAction> {
    let mut action = None;
    let top = ui.min_rect().top();
    let rect = egui::Rect::from_min_size(
        egui::pos2(x - EDGE_GRAB_WIDTH / 2.0, top),
        vec2(EDGE_GRAB_WIDTH, height),
    );
    let id = ui.make_persistent_id(("column_edge", i));
    let r = ui.interact(rect, id, Sense::click_and_drag());
    let name = format!("Resize the {title} column");
    r.widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Splitter, true, &name));
    let r = r.on_hover_cursor(egui::CursorIcon::ResizeColumn).on_hover_text(format!(
        "Drag to make the {} column wider or narrower; double-click to fit it to its content; right-click for more",
        title.to_lowercase()
    ));
    if r.drag_started() {
        // Columns to the left keep the width they have now, so that the
        // edge moves with the pointer.
        for (j, &w) in widths.iter().enumerate().take(i) {
            if table.widths.get(j).copied().flatten().is_none() {
                table.set_width(j, Some(w));
            }
        }
        table.resizing = widths.get(i).map(|&w| (i, w));
    }
    let dragging = r.dragged() && table.resizing.is_some_and(|(c, _)| c == i);
    if dragging {
        ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeColumn);
        let origin = ui.input(|inp| inp.pointer.press_origin());
        if let (Some((_, start)), Some(origin), Some(now)) =
            (table.resizing, origin, r.interact_pointer_pos())
        {
            let width = start + now.x - origin.x;
            if table.widths.get(i).copied().flatten() != Some(width) {
                table.set_width(i, Some(width));
                ui.ctx().request_repaint();
            }
        }
    }
    if r.drag_stopped() {
        table.resizing = None;
    }
    if r.double_clicked() {
        action = Some(HeaderAction::Fit(i));
    }
    r.context_menu(|ui| width_menu_ui(ui, i, title, &mut action));
    let visuals = ui.visuals();
    let (stroke, span) = if dragging {
        (visuals.widgets.active.fg_stroke, rect.y_range())
    } else if r.hovered() {
        (visuals.widgets.hovered.fg_stroke, rect.y_range())
    } else {
        let inset = height * 0.2;
        (
            visuals.widgets.noninteractive.bg_stroke,
            egui::Rangef::new(rect.top() + inset, rect.bottom() - inset),
        )
    };
    ui.painter().vline(x, span, stroke);
    if dragging || r.hovered() {
        // A guide down the rows in view.
        let guide = egui::Rangef::new(rect.bottom(), ui.clip_rect().bottom());
        let faint = egui::Stroke::new(1.0, stroke.color.gamma_multiply(0.5));
        ui.painter().vline(x, guide, faint);
    }
    action
}

/// Does what the header asked: sorts, or sets a column's width (`fit`
/// measures the column at a position).
fn header_action<R: Row>(
    table: &mut Table<R>,
    action: Option<HeaderAction>,
    fit: impl FnOnce(&Table<R>, R::Column) -> f32,
) {
    match action {
        Some(HeaderAction::Sort(i)) => {
            if let Some(&column) = R::Column::COLUMNS.get(i) {
                table.sort = next_sort(table.sort, column);
            }
        }
        Some(HeaderAction::Fit(i)) => {
            if let Some(&column) = R::Column::COLUMNS.get(i) {
                let w = fit(table, column);
                table.set_width(i, Some(w));
            }
        }
        Some(HeaderAction::Auto(i)) => table.set_width(i, None),
        Some(HeaderAction::AutoAll) => table.widths.clear(),
        None => {}
    }
}

/// Inside [`egui::ScrollArea::show_rows`] (rows `range` drawn, each
/// `pitch` apart): asks the scroll area to bring the row at position
/// `target` to the middle of the view, unless it is in full view already.
fn bring_into_view(
    ui: &Ui,
    range: &std::ops::Range<usize>,
    pitch: f32,
    height: f32,
    target: usize,
) {
    let top = ui.max_rect().top() + (target as f32 - range.start as f32) * pitch;
    let rect = egui::Rect::from_x_y_ranges(ui.max_rect().x_range(), top..=top + height);
    let view = ui.clip_rect();
    if rect.top() < view.top() || rect.bottom() > view.bottom() {
        ui.scroll_to_rect(rect, Some(Align::Center));
    }
}

/// Per-frame drawing context of the rows: the events so far and whether
/// any cell is being edited.
struct Cells<'s> {
    draft: &'s mut Option<Draft>,
    session: &'s mut u64,
    editing: bool,
    events: Vec<TableEvent>,
    row_height: f32,
    /// The width of a whole row: the handle and every column.
    row_width: f32,
}

impl Cells<'_> {
    /// A single-line text cell showing `current` (or the draft being typed
    /// in it). Returns the new text when the user changed it.
    fn text(
        &mut self,
        ui: &mut Ui,
        cell: CellKey,
        current: &str,
        width: f32,
        label: String,
        invalid: impl Fn(&str) -> Option<&'static str>,
    ) -> (egui::Response, Option<String>) {
        let mut text = match &*self.draft {
            Some(d) if d.cell == cell => d.text.clone(),
            _ => current.to_owned(),
        };
        let problem = invalid(&text);
        let mut edit = TextEdit::singleline(&mut text).desired_width(f32::INFINITY);
        if problem.is_some() {
            edit = edit.background_color(ui.visuals().error_fg_color.gamma_multiply(0.25));
        }
        let response = ui
            .add_sized([width, self.row_height], edit)
            .accessible_name(label);
        let response = match problem {
            Some(p) => response.on_hover_text(p),
            None => response
                .on_hover_text("Type to change; Enter or a click elsewhere ends the edit, which undoes as one step"),
        };
        if response.gained_focus() {
            *self.session += 1;
        }
        if response.has_focus() {
            self.editing = true;
        }
        let mut changed = None;
        if response.changed() {
            *self.draft = Some(Draft {
                cell: cell.clone(),
                text: text.clone(),
            });
            if invalid(&text).is_none() && text != current {
                changed = Some(text);
            }
        }
        if response.lost_focus() && self.draft.as_ref().is_some_and(|d| d.cell == cell) {
            *self.draft = None;
        }
        (response, changed)
    }

    /// The undo-coalescing key of an edit in `cell` during this session.
    fn key(&self, cell: &CellKey) -> String {
        format!(
            "table:{}:{:?}:{}:{}",
            self.session, cell.tab, cell.id, cell.column
        )
    }
}

/// A fixed-size cell laid out left to right, vertically centred.
fn cell<R>(ui: &mut Ui, width: f32, height: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.allocate_ui_with_layout(
        vec2(width, height),
        Layout::left_to_right(Align::Center),
        |ui| {
            ui.set_min_size(vec2(width, height));
            add(ui)
        },
    )
    .inner
}

/// A read-only text cell.
fn label_cell(ui: &mut Ui, width: f32, height: f32, text: &str, tip: &str) {
    cell(ui, width, height, |ui| {
        ui.add(egui::Label::new(text).selectable(false).truncate())
            .on_hover_text(tip);
    });
}

/// A header cell: the column's title, with ▲ or ▼ when the table is
/// sorted by it. Returns the title's response and the cell's rectangle.
fn header_cell(
    ui: &mut Ui,
    width: f32,
    height: f32,
    title: &str,
    sorted: Option<bool>,
) -> (egui::Response, egui::Rect) {
    // The arrows are in the monospace font (the default proportional one
    // has no geometric shapes).
    let arrow = match sorted {
        Some(false) => "▲",
        Some(true) => "▼",
        None => "",
    };
    let cell = ui.allocate_ui_with_layout(
        vec2(width, height),
        Layout::left_to_right(Align::Center),
        |ui| {
            ui.set_min_size(vec2(width, height));
            let text = (
                RichText::new(title).strong(),
                RichText::new(arrow).monospace(),
            );
            ui.add(egui::Button::new(text).frame(false).truncate())
                .accessible_name(title)
                .on_hover_text(format!(
                    "Sort by {}: click for A to Z or smallest first, again for the reverse, a third time for map order; right-click for its width",
                    title.to_lowercase()
                ))
        },
    );
    (cell.inner, cell.response.rect)
}

/// Paints a row's background (striped, or highlighted when selected) and
/// makes the row clickable. Returns the row's click response.
fn row_background(ui: &mut Ui, index: usize, selected: bool, size: egui::Vec2) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(size, Sense::click());
    let fill = if selected {
        ui.visuals().selection.bg_fill.gamma_multiply(0.45)
    } else if index % 2 == 1 {
        ui.visuals().faint_bg_color
    } else {
        Color32::TRANSPARENT
    };
    ui.painter().rect_filled(rect, 2.0, fill);
    response
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

/// A combo box cell choosing `value` among `options` (value, text).
/// Returns the new value when the user picked another.
#[allow(clippy::too_many_arguments)]
fn combo_cell<T: PartialEq + Clone>(
    ui: &mut Ui,
    width: f32,
    height: f32,
    salt: &str,
    value: &T,
    shown: String,
    options: impl IntoIterator<Item = (T, String)>,
    name: String,
    tip: &str,
) -> Option<T> {
    cell(ui, width, height, |ui| {
        let mut picked = value.clone();
        egui::ComboBox::from_id_salt(salt)
            .width(width - 4.0)
            .truncate()
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for (v, text) in options {
                    ui.selectable_value(&mut picked, v, text);
                }
            })
            .response
            .accessible_name(name)
            .on_hover_text(tip);
        (picked != *value).then_some(picked)
    })
}

/// The select button at the start of a row. Returns `Some(add)` when
/// clicked (`add`: Ctrl-click, add to the selection).
fn handle_ui(ui: &mut Ui, height: f32, selected: bool, name: &str, tip: &str) -> Option<bool> {
    let r = ui
        .add_sized(
            [HANDLE_WIDTH, height],
            egui::Button::new(RichText::new("◎").monospace())
                .selected(selected)
                .frame(false),
        )
        .accessible_name(format!("Show {name} on the map"))
        .on_hover_text(tip);
    r.clicked().then(|| ui.input(|i| i.modifiers.command))
}

/// Lays out one row: its clickable background, then `add` for the cells
/// in a left-to-right child. Returns `Some(add)` when the background was
/// clicked, and what `add` returned.
fn row_ui<R>(
    ui: &mut Ui,
    index: usize,
    selected: bool,
    size: egui::Vec2,
    add: impl FnOnce(&mut Ui) -> R,
) -> (Option<bool>, R) {
    let row = row_background(ui, index, selected, size);
    let clicked = row.clicked().then(|| ui.input(|i| i.modifiers.command));
    let inner = ui
        .scope_builder(
            egui::UiBuilder::new()
                .max_rect(row.rect)
                .layout(Layout::left_to_right(Align::Center)),
            add,
        )
        .inner;
    (clicked, inner)
}

/// An influence as its cell shows it: 1–5, or ? when not known.
fn influence_text(influence: Option<u8>) -> String {
    influence
        .map(|v| v.to_string())
        .unwrap_or_else(|| "?".into())
}

/// A measure's value as its cell shows it: up to three decimals; empty
/// when not worked out.
fn measure_text(value: Option<f64>) -> String {
    value
        .map(|v| egui::emath::format_with_decimals_in_range(v, 0..=3))
        .unwrap_or_default()
}

/// A tie's strength as its cell shows it: 4, not 4.00; 2.5 as 2.5.
fn strength_text(strength: f64) -> String {
    egui::emath::format_with_decimals_in_range(strength, 0..=2)
}

/// What `actor`'s cell in `column` shows (`ties`: how many ties it has).
fn actor_text(actor: &Actor, ties: usize, measure: Option<f64>, column: ActorColumn) -> String {
    match column {
        ActorColumn::Name => actor.name.clone(),
        ActorColumn::Sector => actor.sector.clone(),
        ActorColumn::Organisation => actor.organisation.clone(),
        ActorColumn::Role => actor.role.clone(),
        ActorColumn::Stance => enum_label(&actor.stance),
        ActorColumn::Influence => influence_text(actor.influence),
        ActorColumn::Ties => ties.to_string(),
        ActorColumn::Measure => measure_text(measure),
    }
}

/// What `tie`'s cell in `column` shows.
fn tie_text(network: &Network, tie: &Tie, column: TieColumn) -> String {
    let name = |id: &ActorId| {
        network
            .actor(id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| "?".into())
    };
    match column {
        TieColumn::From => name(tie.from()),
        TieColumn::To => name(tie.to()),
        TieColumn::Kind => tie.kind.clone(),
        TieColumn::Strength => strength_text(tie.strength),
        TieColumn::Directed => String::new(),
    }
}

fn actors_ui(
    ui: &mut Ui,
    network: &Network,
    table: &mut Table<ActorRow>,
    selection: TableSelection<'_>,
    cells: &mut Cells<'_>,
    available: f32,
    spacing: f32,
) {
    let sizes: Vec<(f32, f32)> = ActorColumn::ALL.iter().map(|c| Column::size(*c)).collect();
    let widths = column_widths(available, spacing, &sizes, &table.set_widths());
    cells.row_width = HANDLE_WIDTH + widths.iter().map(|w| w + spacing).sum::<f32>();
    let h = cells.row_height;
    let action = header_ui(ui, table, &widths, h, spacing);
    header_action(table, action, |table, column| {
        let texts = table.shown().filter_map(|row| {
            network
                .actor(&row.id)
                .map(|a| actor_text(a, row.ties, row.measure, column))
        });
        fit_width(ui, Column::kind(column), table.title(column), texts)
    });
    ui.separator();
    if table.order.is_empty() {
        empty_ui(
            ui,
            network.actors().len(),
            &table.filter,
            "actors",
            "No actors yet: double-click the map to add one.",
        );
        return;
    }
    let scroll_to = table.scroll_to.take();
    let table = &*table;
    let pitch = h + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("actors_table")
        .auto_shrink([false, false])
        .max_width(cells.row_width + ui.spacing().scroll.bar_width + 4.0)
        .show_rows(ui, h, table.order.len(), |ui, range| {
            if let Some(target) = scroll_to {
                bring_into_view(ui, &range, pitch, h, target);
            }
            let shown = table.order.iter().enumerate().skip(range.start);
            for (k, row) in shown
                .take(range.len())
                .filter_map(|(k, &i)| table.rows.get(i).map(|r| (k, r)))
            {
                match network.actor(&row.id) {
                    Some(actor) => {
                        ui.push_id(row.id.as_str(), |ui| {
                            actor_row_ui(
                                ui,
                                network,
                                actor,
                                (row.ties, row.measure),
                                k,
                                selection,
                                cells,
                                &widths,
                            );
                        });
                    }
                    // Deleted while a cell was being edited: keep the rows
                    // below in place until the order is refreshed.
                    None => {
                        ui.allocate_exact_size(vec2(cells.row_width, h), Sense::hover());
                    }
                }
            }
        });
}

#[allow(clippy::too_many_arguments)]
fn actor_row_ui(
    ui: &mut Ui,
    network: &Network,
    actor: &Actor,
    (ties, measure): (usize, Option<f64>),
    index: usize,
    selection: TableSelection<'_>,
    cells: &mut Cells<'_>,
    widths: &[f32],
) {
    let h = cells.row_height;
    let id = actor.id();
    let selected = selection.actors.contains(id);
    let name = &actor.name;
    let (clicked, (handle, focused, changed)) =
        row_ui(ui, index, selected, vec2(cells.row_width, h), |ui| {
            let handle = handle_ui(
                ui,
                h,
                selected,
                name,
                "Select on the map and centre on it (Ctrl-click adds to the selection)",
            );
            let mut w = widths.iter().copied();
            let mut next = || w.next().unwrap_or(MIN_COLUMN_WIDTH);
            let key = |column: &'static str| CellKey {
                tab: TableTab::Actors,
                id: id.as_str().to_owned(),
                column,
            };
            let mut focused = false;
            let mut changed: Option<(Actor, Option<String>)> = None;
            let mut text = |ui: &mut Ui,
                            cells: &mut Cells<'_>,
                            column: &'static str,
                            title: &str,
                            current: &str,
                            width: f32,
                            set: fn(&mut Actor, String)| {
                let k = key(column);
                let (r, text) = cells.text(
                    ui,
                    k.clone(),
                    current,
                    width,
                    format!("{title} of {name}"),
                    |t| {
                        (column == "name" && t.trim().is_empty())
                            .then_some("An actor needs a name; an empty name is not applied")
                    },
                );
                focused |= r.gained_focus();
                if let Some(text) = text {
                    let mut a = actor.clone();
                    set(&mut a, text);
                    changed = Some((a, Some(cells.key(&k))));
                }
            };
            text(ui, cells, "name", "Name", name, next(), |a, t| a.name = t);
            let sector = combo_cell(
                ui,
                next(),
                h,
                "sector",
                &actor.sector,
                actor.sector.clone(),
                network
                    .sectors
                    .iter()
                    .map(|s| (s.name.clone(), s.name.clone())),
                format!("Sector of {name}"),
                "Sector: one of the map's sectors (the Map menu's Map settings… edits the list)",
            );
            text(
                ui,
                cells,
                "organisation",
                "Organisation",
                &actor.organisation,
                next(),
                |a, t| a.organisation = t,
            );
            text(ui, cells, "role", "Role", &actor.role, next(), |a, t| {
                a.role = t
            });
            let stance_tip = if actor.is_private(crate::model::ActorField::Stance) {
                "Stance toward the change; private: hidden in projector mode and shared copies"
            } else {
                "Stance toward the change"
            };
            let stance = combo_cell(
                ui,
                next(),
                h,
                "stance",
                &actor.stance,
                enum_label(&actor.stance),
                Stance::ALL.into_iter().map(|s| (s, enum_label(&s))),
                format!("Stance of {name}"),
                stance_tip,
            );
            let influence = combo_cell(
                ui,
                next(),
                h,
                "influence",
                &actor.influence,
                influence_text(actor.influence),
                std::iter::once((None, "? not known".to_owned()))
                    .chain((1..=5u8).map(|v| (Some(v), v.to_string()))),
                format!("Influence of {name}"),
                "Perceived influence: 1 little … 5 great, ? not known",
            );
            label_cell(
                ui,
                next(),
                h,
                &ties.to_string(),
                "How many ties this actor has (of every kind)",
            );
            label_cell(
                ui,
                next(),
                h,
                &measure_text(measure),
                if measure.is_some() {
                    "This actor's value of the measure chosen in Size by"
                } else {
                    "Choose a measure in the toolbar's Size by to see each actor's value here"
                },
            );
            if sector.is_some() || stance.is_some() || influence.is_some() {
                let mut a = actor.clone();
                if let Some(s) = sector {
                    a.sector = s;
                }
                if let Some(s) = stance {
                    a.stance = s;
                }
                if let Some(i) = influence {
                    a.influence = i;
                }
                changed = Some((a, None));
            }
            (handle, focused, changed)
        });
    if let Some(add) = handle {
        cells.events.push(TableEvent::SelectActor {
            id: id.clone(),
            add,
            centre: !add,
        });
    } else if let Some(add) = clicked {
        cells.events.push(TableEvent::SelectActor {
            id: id.clone(),
            add,
            centre: false,
        });
    } else if focused && !(selected && selection.actors.len() == 1) {
        cells.events.push(TableEvent::SelectActor {
            id: id.clone(),
            add: false,
            centre: false,
        });
    }
    if let Some((a, key)) = changed {
        let edit = Edit::UpdateActor(a);
        cells.events.push(TableEvent::Edit(Box::new(match key {
            Some(key) => EditRequest::coalescing(edit, key),
            None => EditRequest::step(edit),
        })));
    }
}

fn ties_ui(
    ui: &mut Ui,
    network: &Network,
    table: &mut Table<TieRow>,
    selection: TableSelection<'_>,
    cells: &mut Cells<'_>,
    available: f32,
    spacing: f32,
) {
    let sizes: Vec<(f32, f32)> = TieColumn::ALL.iter().map(|c| Column::size(*c)).collect();
    let widths = column_widths(available, spacing, &sizes, &table.set_widths());
    cells.row_width = HANDLE_WIDTH + widths.iter().map(|w| w + spacing).sum::<f32>();
    let h = cells.row_height;
    let action = header_ui(ui, table, &widths, h, spacing);
    header_action(table, action, |table, column| {
        let texts = table
            .shown()
            .filter_map(|row| network.tie(&row.id).map(|t| tie_text(network, t, column)));
        fit_width(ui, Column::kind(column), table.title(column), texts)
    });
    ui.separator();
    if table.order.is_empty() {
        empty_ui(
            ui,
            network.ties().len(),
            &table.filter,
            "ties",
            "No ties yet: drag from an actor's edge (or Shift-drag) to another actor.",
        );
        return;
    }
    let scroll_to = table.scroll_to.take();
    let table = &*table;
    let pitch = h + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .id_salt("ties_table")
        .auto_shrink([false, false])
        .max_width(cells.row_width + ui.spacing().scroll.bar_width + 4.0)
        .show_rows(ui, h, table.order.len(), |ui, range| {
            if let Some(target) = scroll_to {
                bring_into_view(ui, &range, pitch, h, target);
            }
            let shown = table.order.iter().enumerate().skip(range.start);
            for (k, row) in shown
                .take(range.len())
                .filter_map(|(k, &i)| table.rows.get(i).map(|r| (k, r)))
            {
                match network.tie(&row.id) {
                    Some(tie) => {
                        ui.push_id(row.id.as_str(), |ui| {
                            tie_row_ui(ui, network, tie, k, selection, cells, &widths);
                        });
                    }
                    None => {
                        ui.allocate_exact_size(vec2(cells.row_width, h), Sense::hover());
                    }
                }
            }
        });
}

fn tie_row_ui(
    ui: &mut Ui,
    network: &Network,
    tie: &Tie,
    index: usize,
    selection: TableSelection<'_>,
    cells: &mut Cells<'_>,
    widths: &[f32],
) {
    let h = cells.row_height;
    let id = tie.id();
    let selected = selection.ties.contains(id);
    let name = |a: &ActorId| {
        network
            .actor(a)
            .map(|a| a.name.as_str())
            .unwrap_or("?")
            .to_owned()
    };
    let (from, to) = (name(tie.from()), name(tie.to()));
    let what = format!("the tie {from} – {to}");
    let (clicked, (handle, focused, changed)) = row_ui(
        ui,
        index,
        selected,
        vec2(cells.row_width, h),
        |ui| {
            let handle = handle_ui(
                ui,
                h,
                selected,
                &what,
                "Select on the map and centre on the actor it starts from (Ctrl-click adds to the selection)",
            );
            let mut w = widths.iter().copied();
            let mut next = || w.next().unwrap_or(MIN_COLUMN_WIDTH);
            let ends = "A tie keeps its ends: to join other actors, delete it and draw a new one";
            label_cell(ui, next(), h, &from, ends);
            label_cell(ui, next(), h, &to, ends);
            let kind = combo_cell(
                ui,
                next(),
                h,
                "kind",
                &tie.kind,
                tie.kind.clone(),
                network
                    .tie_kinds
                    .iter()
                    .map(|k| (k.name.clone(), k.name.clone())),
                format!("Kind of {what}"),
                "What the tie means (the Map menu's Map settings… edits the list)",
            );
            let mut strength = tie.strength;
            let width = next();
            let r = cell(ui, width, h, |ui| {
                ui.add_sized(
                    [width, h],
                    egui::DragValue::new(&mut strength)
                        .speed(0.05)
                        .range(0.1..=1000.0)
                        .clamp_existing_to_range(false)
                        .max_decimals(2)
                        .custom_formatter(|v, _| strength_text(v)),
                )
                .accessible_name(format!("Strength of {what}"))
                .on_hover_text("Strength, 1 weak … 5 strong: drag sideways, or click and type")
            });
            if r.drag_started() || r.gained_focus() {
                *cells.session += 1;
            }
            if r.dragged() || r.has_focus() {
                cells.editing = true;
            }
            let mut directed = tie.directed;
            let width = next();
            cell(ui, width, h, |ui| {
                ui.checkbox(&mut directed, "")
                    .accessible_name(format!("Directed: {what}"))
                    .on_hover_text(
                        "Ticked: an arrow from the first actor to the second; unticked: mutual",
                    );
            });
            let mut t = tie.clone();
            let mut key = None;
            if let Some(k) = kind {
                t.kind = k;
            }
            if directed != tie.directed {
                t.directed = directed;
            }
            if r.changed() && strength.is_finite() && strength > 0.0 && strength != tie.strength {
                t.strength = strength;
                key = Some(cells.key(&CellKey {
                    tab: TableTab::Ties,
                    id: id.as_str().to_owned(),
                    column: "strength",
                }));
            }
            let changed = (t != *tie).then_some((t, key));
            (handle, r.gained_focus() || r.drag_started(), changed)
        },
    );
    if let Some(add) = handle {
        cells.events.push(TableEvent::SelectTie {
            id: id.clone(),
            add,
            centre: !add,
        });
    } else if let Some(add) = clicked {
        cells.events.push(TableEvent::SelectTie {
            id: id.clone(),
            add,
            centre: false,
        });
    } else if focused && !(selected && selection.ties.len() == 1) {
        cells.events.push(TableEvent::SelectTie {
            id: id.clone(),
            add: false,
            centre: false,
        });
    }
    if let Some((t, key)) = changed {
        let edit = Edit::UpdateTie(t);
        cells.events.push(TableEvent::Edit(Box::new(match key {
            Some(key) => EditRequest::coalescing(edit, key),
            None => EditRequest::step(edit),
        })));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Tie};

    fn map() -> Network {
        let mut n = Network::new();
        let mut add = |id: &str, name: &str, sector: &str, org: &str, influence: Option<u8>| {
            let mut a = Actor::new(id, name, sector);
            a.organisation = org.to_owned();
            a.influence = influence;
            n.add_actor(a).unwrap();
        };
        add("a", "bea", "primary care", "Riverside", Some(3));
        add("b", "Al", "social care", "", None);
        add("c", "cy", "primary care", "Castlegate", Some(5));
        add("d", "Al", "hospital care", "riverside trust", Some(3));
        let mut tie = |id: &str, f: &str, t: &str, kind: &str, s: f64| {
            let mut tie = Tie::new(id, f, t, kind, false);
            tie.strength = s;
            n.add_tie(tie).unwrap();
        };
        tie("t1", "a", "b", "collaboration", 2.0);
        tie("t2", "c", "a", "referral", 1.0);
        tie("t3", "a", "d", "collaboration", 4.5);
        n
    }

    fn ids<R: Row>(rows: &[R], order: &[usize], id: impl Fn(&R) -> String) -> Vec<String> {
        order.iter().map(|&i| id(&rows[i])).collect()
    }

    fn actor_ids(rows: &[ActorRow], sort: Option<Sort<ActorColumn>>, filter: &str) -> Vec<String> {
        ids(rows, &row_order(rows, sort, filter), |r| r.id.to_string())
    }

    fn by(column: ActorColumn, descending: bool) -> Option<Sort<ActorColumn>> {
        Some(Sort { column, descending })
    }

    #[test]
    fn the_measure_column_sorts_by_value_with_missing_values_last() {
        let values: HashMap<ActorId, f64> =
            [("a".into(), 0.5), ("b".into(), 2.0), ("d".into(), 1.0)]
                .into_iter()
                .collect();
        let rows = ActorRow::build(&map(), Some(&values));
        assert_eq!(
            actor_ids(&rows, by(ActorColumn::Measure, false), ""),
            ["a", "d", "b", "c"]
        );
        assert_eq!(
            actor_ids(&rows, by(ActorColumn::Measure, true), ""),
            ["b", "d", "a", "c"]
        );
        assert_eq!(measure_text(Some(0.123456)), "0.123");
        assert_eq!(measure_text(Some(12.0)), "12");
        assert_eq!(measure_text(None), "");
    }

    #[test]
    fn no_sort_and_no_filter_is_map_order() {
        let rows = ActorRow::build(&map(), None);
        assert_eq!(actor_ids(&rows, None, ""), ["a", "b", "c", "d"]);
        assert_eq!(actor_ids(&rows, None, "   "), ["a", "b", "c", "d"]);
    }

    #[test]
    fn names_sort_case_insensitively_and_equal_names_keep_map_order() {
        let rows = ActorRow::build(&map(), None);
        // "Al" (b) and "Al" (d) are equal: map order, in both directions.
        assert_eq!(
            actor_ids(&rows, by(ActorColumn::Name, false), ""),
            ["b", "d", "a", "c"]
        );
        assert_eq!(
            actor_ids(&rows, by(ActorColumn::Name, true), ""),
            ["c", "a", "b", "d"]
        );
    }

    #[test]
    fn blanks_sort_last_in_both_directions() {
        let rows = ActorRow::build(&map(), None);
        assert_eq!(
            actor_ids(&rows, by(ActorColumn::Influence, false), ""),
            ["a", "d", "c", "b"]
        );
        assert_eq!(
            actor_ids(&rows, by(ActorColumn::Influence, true), ""),
            ["c", "a", "d", "b"]
        );
        assert_eq!(
            actor_ids(&rows, by(ActorColumn::Organisation, true), ""),
            ["d", "a", "c", "b"],
            "b has no organisation"
        );
    }

    #[test]
    fn tie_counts_sort_numerically() {
        let rows = ActorRow::build(&map(), None);
        let ties: Vec<usize> = rows.iter().map(|r| r.ties).collect();
        assert_eq!(ties, [3, 1, 1, 1]);
        assert_eq!(
            actor_ids(&rows, by(ActorColumn::Ties, true), ""),
            ["a", "b", "c", "d"]
        );
    }

    #[test]
    fn the_filter_needs_every_word_in_some_column_ignoring_case() {
        let rows = ActorRow::build(&map(), None);
        assert_eq!(actor_ids(&rows, None, "RIVERSIDE"), ["a", "d"]);
        assert_eq!(actor_ids(&rows, None, "riverside primary"), ["a"]);
        assert_eq!(actor_ids(&rows, None, "care al"), ["b", "d"]);
        assert!(actor_ids(&rows, None, "nobody").is_empty());
        // Words do not match across two columns: "bea" ends one column and
        // "primary" starts the next.
        assert!(actor_ids(&rows, None, "beaprimary").is_empty());
        // Stance and influence are matched as shown.
        assert_eq!(actor_ids(&rows, None, "unknown 5"), ["c"]);
    }

    #[test]
    fn ties_sort_by_actor_names_and_strength_and_filter_by_kind() {
        let n = map();
        let rows = TieRow::build(&n);
        let order =
            |sort, filter| ids(&rows, &row_order(&rows, sort, filter), |r| r.id.to_string());
        let s = |column, descending| Some(Sort { column, descending });
        assert_eq!(order(s(TieColumn::From, false), ""), ["t1", "t3", "t2"]);
        assert_eq!(order(s(TieColumn::To, false), ""), ["t1", "t3", "t2"]);
        assert_eq!(order(s(TieColumn::Strength, true), ""), ["t3", "t1", "t2"]);
        assert_eq!(order(None, "referral"), ["t2"]);
        assert_eq!(order(None, "4.5"), ["t3"]);
        assert_eq!(order(None, "mutual cy"), ["t2"]);
    }

    #[test]
    fn header_clicks_cycle_ascending_descending_map_order() {
        let name = ActorColumn::Name;
        let asc = next_sort(None, name);
        assert_eq!(asc, by(name, false));
        let desc = next_sort(asc, name);
        assert_eq!(desc, by(name, true));
        assert_eq!(next_sort(desc, name), None);
        assert_eq!(
            next_sort(desc, ActorColumn::Role),
            by(ActorColumn::Role, false),
            "another column starts ascending"
        );
    }

    #[test]
    fn the_order_is_rebuilt_for_a_new_key_unless_frozen() {
        let mut n = map();
        let mut table: Table<ActorRow> = Table {
            sort: by(ActorColumn::Name, false),
            ..Table::default()
        };
        table.refresh(1, false, || ActorRow::build(&n, None));
        let first: Vec<String> = table.shown().map(|r| r.id.to_string()).collect();
        assert_eq!(first, ["b", "d", "a", "c"]);
        n.actor_mut(&"c".into()).unwrap().name = "Aaron".into();
        table.refresh(2, true, || ActorRow::build(&n, None));
        let frozen: Vec<String> = table.shown().map(|r| r.id.to_string()).collect();
        assert_eq!(frozen, first, "held still while a cell is edited");
        table.refresh(2, false, || ActorRow::build(&n, None));
        let after: Vec<String> = table.shown().map(|r| r.id.to_string()).collect();
        assert_eq!(after, ["c", "b", "d", "a"]);
    }

    #[test]
    fn widths_share_the_spare_space_with_a_minimum() {
        let sizes = [(50.0, 1.0), (40.0, 2.0), (30.0, 0.0)];
        let w = column_widths(HANDLE_WIDTH + 8.0 * 4.0 + 120.0 + 300.0, 8.0, &sizes, &[]);
        assert_eq!(w, [150.0, 240.0, 30.0]);
        let narrow = column_widths(10.0, 8.0, &sizes, &[]);
        assert_eq!(narrow, [50.0, 40.0, 30.0]);
    }

    #[test]
    fn widths_the_user_set_are_kept_and_the_rest_share_what_is_left() {
        let sizes = [(50.0, 1.0), (40.0, 2.0), (30.0, 0.0)];
        let available = HANDLE_WIDTH + 8.0 * 4.0 + 120.0 + 300.0;
        // The first column set to 110: the 300 spare less its extra 60 go
        // to the second, the only automatic column with a share.
        let w = column_widths(available, 8.0, &sizes, &[Some(110.0)]);
        assert_eq!(w, [110.0, 280.0, 30.0]);
        // Every column set: nothing is shared out, even if the row is then
        // narrower or wider than the panel.
        let all = [Some(60.0), Some(70.0), Some(900.0)];
        assert_eq!(
            column_widths(available, 8.0, &sizes, &all),
            [60.0, 70.0, 900.0]
        );
    }

    #[test]
    fn set_widths_are_kept_within_bounds_and_can_be_forgotten() {
        let mut table: Table<ActorRow> = Table::default();
        assert_eq!(table.set_widths(), vec![None; ActorColumn::ALL.len()]);
        table.set_width(2, Some(5.0));
        table.set_width(3, Some(1e6));
        table.set_width(99, Some(100.0));
        let w = table.set_widths();
        assert_eq!(w[2], Some(MIN_SET_WIDTH));
        assert_eq!(w[3], Some(MAX_SET_WIDTH));
        assert_eq!(w.len(), ActorColumn::ALL.len());
        header_action(&mut table, Some(HeaderAction::Auto(2)), |_, _| 0.0);
        assert_eq!(table.set_widths()[2], None);
        header_action(&mut table, Some(HeaderAction::Fit(0)), |_, c| {
            assert_eq!(c, ActorColumn::Name);
            123.0
        });
        assert_eq!(table.set_widths()[0], Some(123.0));
        header_action(&mut table, Some(HeaderAction::AutoAll), |_, _| 0.0);
        assert!(table.set_widths().iter().all(Option::is_none));
        header_action(&mut table, Some(HeaderAction::Sort(1)), |_, _| 0.0);
        assert_eq!(table.sort, by(ActorColumn::Sector, false));
    }

    fn selection(ids: &[&str]) -> BTreeSet<ActorId> {
        ids.iter().map(|&id| ActorId::from(id)).collect()
    }

    #[test]
    fn selected_rows_are_found_in_the_order_shown() {
        let rows = ActorRow::build(&map(), None);
        // By name: b, d, a, c.
        let order = row_order(&rows, by(ActorColumn::Name, false), "");
        let found = SelectedRows::find(&rows, &order, &selection(&["c", "d"]));
        assert_eq!(
            found,
            SelectedRows {
                first: Some(1),
                shown: 2,
                total: 2
            },
            "d is shown before c"
        );
        assert_eq!(found.hidden_note("actor"), None);
        // "riverside" keeps a and d.
        let order = row_order(&rows, None, "riverside");
        let found = SelectedRows::find(&rows, &order, &selection(&["c", "d"]));
        assert_eq!(found.first, Some(1));
        assert_eq!(
            found.hidden_note("actor").as_deref(),
            Some("1 of 2 selected actors hidden by the filter")
        );
        let found = SelectedRows::find(&rows, &order, &selection(&["c"]));
        assert_eq!(found.first, None);
        assert_eq!(
            found.hidden_note("actor").as_deref(),
            Some("selected actor hidden by the filter")
        );
        let found = SelectedRows::find(&rows, &order, &selection(&["b", "c"]));
        assert_eq!(
            found.hidden_note("actor").as_deref(),
            Some("2 selected actors hidden by the filter")
        );
        // Ids not on the map count for nothing.
        let found = SelectedRows::find(&rows, &order, &selection(&["gone"]));
        assert_eq!(found, SelectedRows::default());
    }

    #[test]
    fn the_table_scrolls_only_for_a_new_selection_it_did_not_make() {
        let mut table: Table<ActorRow> = Table::default();
        let n = map();
        table.refresh(1, false, || ActorRow::build(&n, None));
        let d = selection(&["d"]);
        table.follow(&d, false, false);
        assert_eq!(table.scroll_to.take(), Some(3), "a new selection");
        table.follow(&d, false, false);
        assert_eq!(table.scroll_to, None, "the same selection: no scroll");
        // Sorted by name, d moves to position 1; the table finds it again
        // but does not scroll.
        table.sort = by(ActorColumn::Name, false);
        let reordered = table.refresh(1, false, || ActorRow::build(&n, None));
        assert!(reordered);
        table.follow(&d, false, reordered);
        assert_eq!(table.scroll_to, None);
        assert_eq!(table.selected.first, Some(1));
        // The table's own pick: found, not scrolled to.
        table.follow(&selection(&["a"]), true, false);
        assert_eq!(table.scroll_to, None);
        assert_eq!(table.selected.first, Some(2));
        // Nothing selected: nothing to scroll to.
        table.follow(&BTreeSet::new(), false, false);
        assert_eq!(table.scroll_to, None);
        assert_eq!(table.selected, SelectedRows::default());
    }

    /// Draws the tables for one frame of a 1200×500 screen; returns how
    /// long it took.
    fn frame(
        ctx: &egui::Context,
        network: &Network,
        key: u64,
        state: &mut TablesState,
    ) -> std::time::Duration {
        let (actors, ties) = (BTreeSet::new(), BTreeSet::new());
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                vec2(1200.0, 500.0),
            )),
            ..Default::default()
        };
        let start = std::time::Instant::now();
        let mut output = ctx.run_ui(input, |ui| {
            let selection = TableSelection {
                actors: &actors,
                ties: &ties,
            };
            tables_ui(ui, network, key, selection, state);
        });
        // No renderer here: the font atlas is not uploaded anywhere.
        output.textures_delta.clear();
        start.elapsed()
    }

    #[test]
    fn a_large_map_draws_only_the_rows_in_view_and_sorts_once() {
        let n = crate::generate::generate(&crate::generate::GenerateOptions {
            actors: 5_000,
            ..Default::default()
        });
        assert!(n.ties().len() >= 14_000);
        let ctx = egui::Context::default();
        let mut state = TablesState {
            tab: TableTab::Ties,
            ..Default::default()
        };
        state.ties.sort = Some(Sort {
            column: TieColumn::From,
            descending: true,
        });
        let first = frame(&ctx, &n, 1, &mut state);
        assert_eq!(state.tie_order().len(), n.ties().len());
        // Later frames reuse the sorted order and draw a screenful of rows.
        let later = (0..5)
            .map(|_| frame(&ctx, &n, 1, &mut state))
            .max()
            .unwrap_or_default();
        // Generous bounds: unoptimised test builds on a slow, busy machine.
        assert!(
            later < std::time::Duration::from_millis(250),
            "first frame {first:?}, later frames up to {later:?}"
        );
        let built = state.ties.rows_for;
        frame(&ctx, &n, 1, &mut state);
        assert_eq!(state.ties.rows_for, built, "not rebuilt for the same key");
    }

    #[test]
    fn sorting_and_filtering_a_large_map_is_quick() {
        let n = crate::generate::generate(&crate::generate::GenerateOptions {
            actors: 5_000,
            ..Default::default()
        });
        let start = std::time::Instant::now();
        let rows = TieRow::build(&n);
        let order = row_order(
            &rows,
            Some(Sort {
                column: TieColumn::From,
                descending: false,
            }),
            "a",
        );
        assert!(!order.is_empty());
        // Generous: unoptimised test builds on a slow machine.
        assert!(
            start.elapsed() < std::time::Duration::from_secs(3),
            "{:?}",
            start.elapsed()
        );
    }
}
