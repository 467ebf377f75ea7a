//! Drawing a table: column widths (shared out, dragged, fitted), the
//! header with its sort and width menu, and cells of each kind.

use super::*;

/// Width of the select button at the start of each row.
pub(super) const HANDLE_WIDTH: f32 = 22.0;
/// Width of a cell past the last column (never reached in practice).
pub(super) const MIN_COLUMN_WIDTH: f32 = 48.0;
/// Narrowest width a column can be dragged or fitted to.
pub(super) const MIN_SET_WIDTH: f32 = 32.0;
/// Widest width a column can be dragged or fitted to.
pub(super) const MAX_SET_WIDTH: f32 = 1600.0;
/// Width of the grab area on a column's right edge in the header.
pub(super) const EDGE_GRAB_WIDTH: f32 = 8.0;
/// How many of a column's longest texts (by characters) are measured to
/// fit the column to its content.
pub(super) const FIT_CANDIDATES: usize = 32;

/// Column widths: a column the user sized (`set`, by position) keeps its
/// width; every other gets its narrowest width from `sizes` (`(narrowest,
/// share)`), and the width left in `available` after the handle, the
/// spacing between cells and the sized columns is shared out among them by
/// share.
pub(super) fn column_widths(
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
pub(super) fn fit_width(
    ui: &Ui,
    kind: CellKind,
    title: &str,
    texts: impl Iterator<Item = String>,
) -> f32 {
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
pub(super) enum HeaderAction {
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
pub(super) fn width_menu_ui(ui: &mut Ui, i: usize, title: &str, action: &mut Option<HeaderAction>) {
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
pub(super) fn header_ui<R: Row>(
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
pub(super) fn column_edge_ui<R: Row>(
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
pub(super) fn header_action<R: Row>(
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
pub(super) fn bring_into_view(
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
pub(super) struct Cells<'s> {
    pub(super) draft: &'s mut Option<Draft>,
    pub(super) session: &'s mut u64,
    pub(super) editing: bool,
    pub(super) events: Vec<TableEvent>,
    pub(super) row_height: f32,
    /// The width of a whole row: the handle and every column.
    pub(super) row_width: f32,
}

impl Cells<'_> {
    /// A single-line text cell showing `current` (or the draft being typed
    /// in it). Returns the new text when the user changed it.
    pub(super) fn text(
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
    pub(super) fn key(&self, cell: &CellKey) -> String {
        format!(
            "table:{}:{:?}:{}:{}",
            self.session, cell.tab, cell.id, cell.column
        )
    }
}

/// A fixed-size cell laid out left to right, vertically centred.
pub(super) fn cell<R>(ui: &mut Ui, width: f32, height: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
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
pub(super) fn label_cell(ui: &mut Ui, width: f32, height: f32, text: &str, tip: &str) {
    cell(ui, width, height, |ui| {
        ui.add(egui::Label::new(text).selectable(false).truncate())
            .on_hover_text(tip);
    });
}

/// A header cell: the column's title, with ▲ or ▼ when the table is
/// sorted by it. Returns the title's response and the cell's rectangle.
pub(super) fn header_cell(
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
pub(super) fn row_background(
    ui: &mut Ui,
    index: usize,
    selected: bool,
    size: egui::Vec2,
) -> egui::Response {
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

/// A combo box cell choosing `value` among `options` (value, text).
/// Returns the new value when the user picked another.
#[allow(clippy::too_many_arguments)]
pub(super) fn combo_cell<T: PartialEq + Clone>(
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
pub(super) fn handle_ui(
    ui: &mut Ui,
    height: f32,
    selected: bool,
    name: &str,
    tip: &str,
) -> Option<bool> {
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
pub(super) fn row_ui<R>(
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
pub(super) fn influence_text(influence: Option<u8>) -> String {
    influence
        .map(|v| v.to_string())
        .unwrap_or_else(|| "?".into())
}

/// A measure's value as its cell shows it: up to three decimals; empty
/// when not worked out.
pub(super) fn measure_text(value: Option<f64>) -> String {
    value
        .map(|v| egui::emath::format_with_decimals_in_range(v, 0..=3))
        .unwrap_or_default()
}

/// A tie's strength as its cell shows it: 4, not 4.00; 2.5 as 2.5.
pub(super) fn strength_text(strength: f64) -> String {
    egui::emath::format_with_decimals_in_range(strength, 0..=2)
}
