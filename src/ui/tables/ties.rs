//! The ties table: one row a tie, each cell editable in place.

use super::*;

/// What `tie`'s cell in `column` shows.
pub(super) fn tie_text(network: &Network, tie: &Tie, column: TieColumn) -> String {
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

pub(super) fn ties_ui(
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

pub(super) fn tie_row_ui(
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
