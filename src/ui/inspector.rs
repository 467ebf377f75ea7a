//! The inspector: every attribute of the selected actor or tie, with the
//! privacy flag beside each private-able field. It edits a copy and
//! returns it; the app turns a changed copy into one undoable edit.

use crate::model::{Actor, ActorField, ActorKind, Network, Profession, Stance, Tie, TieField};

fn enum_label<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

fn private_box(
    ui: &mut egui::Ui,
    set: &mut std::collections::BTreeSet<ActorField>,
    field: ActorField,
) {
    let mut private = set.contains(&field);
    if ui
        .checkbox(&mut private, "private")
        .on_hover_text("Private: never shown in projector mode or in a shared copy")
        .changed()
    {
        if private {
            set.insert(field);
        } else {
            set.remove(&field);
        }
    }
}

/// Edits `actor`; returns the changed copy when something changed. The
/// name field takes the keyboard focus when `focus_name` is set.
pub fn actor_inspector_ui(
    ui: &mut egui::Ui,
    network: &Network,
    actor: &Actor,
    focus_name: bool,
) -> Option<Actor> {
    let mut a = actor.clone();
    egui::Grid::new("actor_inspector")
        .num_columns(3)
        .spacing([6.0, 6.0])
        .show(ui, |ui| {
            ui.label("Name");
            let name = ui.add(
                egui::TextEdit::singleline(&mut a.name)
                    .hint_text("name")
                    .desired_width(180.0),
            );
            if focus_name {
                name.request_focus();
            }
            ui.end_row();

            ui.label("Sector");
            egui::ComboBox::from_id_salt("sector")
                .selected_text(a.sector.clone())
                .show_ui(ui, |ui| {
                    for s in &network.sectors {
                        ui.selectable_value(&mut a.sector, s.name.clone(), &s.name);
                    }
                });
            ui.end_row();

            ui.label("Kind");
            egui::ComboBox::from_id_salt("kind")
                .selected_text(enum_label(&a.kind))
                .show_ui(ui, |ui| {
                    for k in ActorKind::ALL {
                        ui.selectable_value(&mut a.kind, k, enum_label(&k));
                    }
                });
            ui.end_row();

            ui.label("Organisation");
            ui.add(egui::TextEdit::singleline(&mut a.organisation).desired_width(180.0));
            private_box(ui, &mut a.private, ActorField::Organisation);
            ui.end_row();

            ui.label("Role");
            ui.add(egui::TextEdit::singleline(&mut a.role).desired_width(180.0));
            private_box(ui, &mut a.private, ActorField::Role);
            ui.end_row();

            ui.label("Profession");
            let prof = a
                .profession
                .map(|p| enum_label(&p))
                .unwrap_or_else(|| "—".into());
            egui::ComboBox::from_id_salt("profession")
                .selected_text(prof)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut a.profession, None, "—");
                    for p in Profession::ALL {
                        ui.selectable_value(&mut a.profession, Some(p), enum_label(&p));
                    }
                });
            private_box(ui, &mut a.private, ActorField::Profession);
            ui.end_row();

            ui.label("Formal position")
                .on_hover_text("1 frontline … 5 board/executive");
            level_ui(ui, "position", &mut a.formal_position);
            private_box(ui, &mut a.private, ActorField::FormalPosition);
            ui.end_row();

            ui.label("Stance").on_hover_text("Stance toward the change");
            egui::ComboBox::from_id_salt("stance")
                .selected_text(enum_label(&a.stance))
                .show_ui(ui, |ui| {
                    for s in Stance::ALL {
                        ui.selectable_value(&mut a.stance, s, enum_label(&s));
                    }
                });
            private_box(ui, &mut a.private, ActorField::Stance);
            ui.end_row();

            ui.label("Influence")
                .on_hover_text("Perceived influence, 1 little … 5 great");
            level_ui(ui, "influence", &mut a.influence);
            private_box(ui, &mut a.private, ActorField::Influence);
            ui.end_row();

            ui.label("Tags").on_hover_text("Separate tags with ;");
            let mut tags = a.tags.join("; ");
            if ui
                .add(egui::TextEdit::singleline(&mut tags).desired_width(180.0))
                .changed()
            {
                a.tags = tags
                    .split(';')
                    .map(|t| t.trim().to_owned())
                    .filter(|t| !t.is_empty())
                    .collect();
            }
            private_box(ui, &mut a.private, ActorField::Tags);
            ui.end_row();

            ui.label("Notes");
            ui.add(
                egui::TextEdit::multiline(&mut a.notes)
                    .desired_rows(3)
                    .desired_width(180.0),
            );
            private_box(ui, &mut a.private, ActorField::Notes);
            ui.end_row();

            ui.label("Pinned")
                .on_hover_text("Layouts leave a pinned actor where it is");
            ui.checkbox(&mut a.pinned, "");
            ui.end_row();
        });
    (a != *actor).then_some(a)
}

fn level_ui(ui: &mut egui::Ui, id: &str, value: &mut Option<u8>) {
    ui.horizontal(|ui| {
        ui.push_id(id, |ui| {
            if ui
                .selectable_label(value.is_none(), "?")
                .on_hover_text("Not known")
                .clicked()
            {
                *value = None;
            }
            for v in 1..=5u8 {
                if ui
                    .selectable_label(*value == Some(v), v.to_string())
                    .clicked()
                {
                    *value = Some(v);
                }
            }
        });
    });
}

/// Edits `tie`; returns the changed copy when something changed.
pub fn tie_inspector_ui(ui: &mut egui::Ui, network: &Network, tie: &Tie) -> Option<Tie> {
    let mut t = tie.clone();
    let name = |id: &crate::model::ActorId| {
        network
            .actor(id)
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    ui.label(format!(
        "{} {} {}",
        name(t.from()),
        if t.directed { "->" } else { "and" },
        name(t.to())
    ));
    egui::Grid::new("tie_inspector")
        .num_columns(3)
        .spacing([6.0, 6.0])
        .show(ui, |ui| {
            ui.label("Kind");
            egui::ComboBox::from_id_salt("tie_kind")
                .selected_text(t.kind.clone())
                .show_ui(ui, |ui| {
                    for k in &network.tie_kinds {
                        ui.selectable_value(&mut t.kind, k.name.clone(), &k.name);
                    }
                });
            ui.end_row();
            ui.label("Directed");
            ui.checkbox(&mut t.directed, "")
                .on_hover_text("An arrow from the first actor to the second");
            ui.end_row();
            ui.label("Strength");
            ui.add(egui::Slider::new(&mut t.strength, 1.0..=5.0).step_by(1.0));
            ui.end_row();
            ui.label("Confirmed");
            ui.checkbox(&mut t.confirmed, "")
                .on_hover_text("Unticked: the tie is assumed, not confirmed");
            ui.end_row();
            ui.label("Notes");
            ui.add(
                egui::TextEdit::multiline(&mut t.notes)
                    .desired_rows(2)
                    .desired_width(180.0),
            );
            let mut private = t.private.contains(&TieField::Notes);
            if ui
                .checkbox(&mut private, "private")
                .on_hover_text("Private notes")
                .changed()
            {
                if private {
                    t.private.insert(TieField::Notes);
                } else {
                    t.private.remove(&TieField::Notes);
                }
            }
            ui.end_row();
        });
    (t != *tie).then_some(t)
}
