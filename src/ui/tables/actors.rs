//! The actors table: one row an actor, each cell editable in place.

use super::*;

/// What `actor`'s cell in `column` shows (`ties`: how many ties it has).
pub(super) fn actor_text(
    actor: &Actor,
    ties: usize,
    measure: Option<f64>,
    column: ActorColumn,
) -> String {
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

pub(super) fn actors_ui(
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
pub(super) fn actor_row_ui(
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
