//! The inspector: every attribute of the selected actor or tie, with the
//! privacy flag beside each private-able field; with several selected, the
//! fields they share. It edits copies and returns them; the app turns the
//! changed copies into one undoable edit.

use crate::model::{Actor, ActorField, ActorKind, Network, Profession, Stance, Tie, TieField};

/// The file name of an enum value as words: `patient_voice` → `patient voice`.
pub(crate) fn enum_label<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

/// How wide the inspector's text fields are: what the panel leaves beside
/// the labels and the "private" boxes, so a row never runs past the
/// panel's edge (and never widens it).
fn field_width(ui: &egui::Ui) -> f32 {
    const LABELS: f32 = 100.0;
    const PRIVATE: f32 = 78.0;
    (ui.available_width() - LABELS - PRIVATE - 12.0).clamp(80.0, 360.0)
}

fn private_box(ui: &mut egui::Ui, set: &mut crate::model::FieldSet<ActorField>, field: ActorField) {
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
    let field_width = field_width(ui);
    egui::Grid::new("actor_inspector")
        .num_columns(3)
        .spacing([6.0, 6.0])
        .show(ui, |ui| {
            ui.label("Name");
            let mut name = egui::TextEdit::singleline(&mut a.name)
                .hint_text("name")
                .desired_width(field_width)
                .show(ui);
            if focus_name {
                // A new actor's name is selected, so typing replaces it.
                name.state
                    .cursor
                    .set_char_range(Some(egui::text::CCursorRange::select_all(&name.galley)));
                name.state.store(ui.ctx(), name.response.id);
                name.response.request_focus();
            }
            let response: &egui::Response = &name.response;
            response.clone().on_hover_text("The name shown on the map");
            ui.end_row();

            ui.label("Sector");
            egui::ComboBox::from_id_salt("sector")
                .selected_text(a.sector.clone())
                .show_ui(ui, |ui| {
                    for s in &network.sectors {
                        ui.selectable_value(&mut a.sector, s.name.clone(), &s.name);
                    }
                })
                .response
                .on_hover_text("The part of the system they work in: sets colour and shape");
            ui.end_row();

            ui.label("Kind");
            egui::ComboBox::from_id_salt("kind")
                .selected_text(enum_label(&a.kind))
                .show_ui(ui, |ui| {
                    for k in ActorKind::ALL {
                        ui.selectable_value(&mut a.kind, k, enum_label(&k));
                    }
                })
                .response
                .on_hover_text("A person, an organisation, a team or a patient/carer voice");
            ui.end_row();

            ui.label("Organisation");
            ui.add(egui::TextEdit::singleline(&mut a.organisation).desired_width(field_width))
                .on_hover_text("Where they work");
            private_box(ui, &mut a.private, ActorField::Organisation);
            ui.end_row();

            ui.label("Role");
            ui.add(egui::TextEdit::singleline(&mut a.role).desired_width(field_width))
                .on_hover_text("Their job title or role in the change");
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
                })
                .response
                .on_hover_text("Their profession, if a person");
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
                })
                .response
                .on_hover_text(
                    "Champion … opposed: your judgement of their stance toward the change",
                );
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
                .add(egui::TextEdit::singleline(&mut tags).desired_width(field_width))
                .on_hover_text("Free tags, separated by ;")
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
                    .desired_width(field_width),
            )
            .on_hover_text("Your notes on this person (private unless you untick the box)");
            private_box(ui, &mut a.private, ActorField::Notes);
            ui.end_row();

            ui.label("Pinned")
                .on_hover_text("Layouts leave a pinned actor where it is");
            ui.checkbox(&mut a.pinned, "")
                .on_hover_text("Layouts leave a pinned actor where it is");
            ui.end_row();

            attributes_ui(ui, &actor.attributes);
        });
    (a != *actor).then_some(a)
}

/// The actor's further attributes (from an imported file, or `surveyed`
/// from a survey), one read-only row each.
fn attributes_ui(ui: &mut egui::Ui, attributes: &crate::model::Attributes) {
    for (key, value) in attributes {
        ui.label(key.as_str())
            .on_hover_text("An attribute from the file this map was imported from");
        ui.label(value.as_str());
        ui.end_row();
    }
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
                    .on_hover_text(format!("{v} of 5"))
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
    let field_width = field_width(ui);
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
                })
                .response
                .on_hover_text("What the tie is: sets its colour and dash");
            ui.end_row();
            ui.label("Directed");
            ui.checkbox(&mut t.directed, "")
                .on_hover_text("An arrow from the first actor to the second");
            ui.end_row();
            ui.label("Strength");
            ui.add(
                egui::Slider::new(&mut t.strength, 1.0..=5.0)
                    .step_by(1.0)
                    .clamping(egui::SliderClamping::Edits),
            )
            .on_hover_text("1 weak … 5 strong: sets the line's width");
            ui.end_row();
            ui.label("Confirmed");
            ui.checkbox(&mut t.confirmed, "")
                .on_hover_text("Unticked: the tie is assumed, not confirmed");
            ui.end_row();
            ui.label("Notes");
            ui.add(
                egui::TextEdit::multiline(&mut t.notes)
                    .desired_rows(2)
                    .desired_width(field_width),
            )
            .on_hover_text("Your notes on this tie");
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

/// The value every item shares, or `None` when they differ (or there are
/// none).
fn shared<I, T: PartialEq + Clone>(items: &[&I], field: impl Fn(&I) -> T) -> Option<T> {
    let first = field(items.first()?);
    items.iter().all(|i| field(i) == first).then_some(first)
}

const MIXED: &str = "(mixed)";

/// A combo box over `options` showing the shared value or "(mixed)";
/// returns the value picked this frame.
fn shared_combo<T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    id: &str,
    label: egui::Id,
    current: Option<T>,
    options: &[(T, String)],
    tip: &str,
) -> Option<T> {
    let shown = current
        .as_ref()
        .and_then(|c| options.iter().find(|(v, _)| v == c))
        .map(|(_, l)| l.clone())
        .unwrap_or_else(|| MIXED.to_owned());
    let mut picked = None;
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for (v, label) in options {
                if ui
                    .selectable_label(current.as_ref() == Some(v), label)
                    .clicked()
                {
                    picked = Some(v.clone());
                }
            }
        })
        .response
        .labelled_by(label)
        .on_hover_text(tip);
    picked
}

/// A text field over a shared string: empty with a "(mixed)" hint when the
/// values differ; returns the new text when edited.
fn shared_text(
    ui: &mut egui::Ui,
    current: Option<String>,
    tip: &str,
    field_width: f32,
) -> Option<String> {
    let mut text = current.clone().unwrap_or_default();
    let hint = if current.is_none() { MIXED } else { "" };
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .hint_text(hint)
                .desired_width(field_width),
        )
        .on_hover_text(tip);
    r.changed().then_some(text)
}

/// A tri-state box over several items: ticked when all are on, empty
/// when none is, mixed otherwise; returns the new state when clicked.
fn shared_check(ui: &mut egui::Ui, current: Option<bool>, label: &str, tip: &str) -> Option<bool> {
    let mut on = current.unwrap_or(false);
    let r = ui
        .add(egui::Checkbox::new(&mut on, label).indeterminate(current.is_none()))
        .on_hover_text(tip);
    r.changed().then_some(on)
}

/// A tri-state "private" box: ticked when every item keeps a field
/// private, empty when none does, and shown as mixed otherwise.
fn shared_private(ui: &mut egui::Ui, current: Option<bool>) -> Option<bool> {
    shared_check(
        ui,
        current,
        "private",
        "Private: never shown in projector mode or in a shared copy",
    )
}

/// A 1–5 level over several items; returns the level picked.
fn shared_level(ui: &mut egui::Ui, id: &str, current: Option<Option<u8>>) -> Option<Option<u8>> {
    let mut picked = None;
    ui.horizontal(|ui| {
        ui.push_id(id, |ui| {
            if ui
                .selectable_label(current == Some(None), "?")
                .on_hover_text("Not known")
                .clicked()
            {
                picked = Some(None);
            }
            for v in 1..=5u8 {
                if ui
                    .selectable_label(current == Some(Some(v)), v.to_string())
                    .on_hover_text(format!("{v} of 5"))
                    .clicked()
                {
                    picked = Some(Some(v));
                }
            }
        });
    });
    picked
}

/// Applies a change to every selected actor.
type SetAll<'a> = dyn FnMut(&dyn Fn(&mut Actor)) + 'a;

/// Edits what several selected actors share (sector, kind, organisation,
/// role, profession, position, stance, influence, pinned, and whether each
/// field is private). A field where they differ shows "(mixed)"; setting
/// it sets it for all. Returns the actors that changed.
pub fn actors_inspector_ui(
    ui: &mut egui::Ui,
    network: &Network,
    actors: &[&Actor],
) -> Option<Vec<Actor>> {
    let mut changed: Vec<Actor> = actors.iter().map(|a| (*a).clone()).collect();
    let mut set = |f: &dyn Fn(&mut Actor)| {
        for a in &mut changed {
            f(a);
        }
    };
    let private_row = |ui: &mut egui::Ui, field: ActorField, set: &mut SetAll<'_>| {
        if let Some(on) = shared_private(ui, shared(actors, |a| a.private.contains(&field))) {
            set(&|a: &mut Actor| {
                if on {
                    a.private.insert(field);
                } else {
                    a.private.remove(&field);
                }
            });
        }
    };
    let field_width = field_width(ui);
    egui::Grid::new("actors_inspector")
        .num_columns(3)
        .spacing([6.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("Sector").id;
            let options: Vec<(String, String)> = network
                .sectors
                .iter()
                .map(|s| (s.name.clone(), s.name.clone()))
                .collect();
            if let Some(v) = shared_combo(
                ui,
                "multi_sector",
                label,
                shared(actors, |a| a.sector.clone()),
                &options,
                "Set the sector of every selected actor",
            ) {
                set(&|a: &mut Actor| a.sector = v.clone());
            }
            ui.end_row();

            let label = ui.label("Kind").id;
            let options: Vec<_> = ActorKind::ALL.iter().map(|k| (*k, enum_label(k))).collect();
            if let Some(v) = shared_combo(
                ui,
                "multi_kind",
                label,
                shared(actors, |a| a.kind),
                &options,
                "Set the kind of every selected actor",
            ) {
                set(&|a: &mut Actor| a.kind = v);
            }
            ui.end_row();

            ui.label("Organisation");
            if let Some(v) = shared_text(
                ui,
                shared(actors, |a| a.organisation.clone()),
                "Set the organisation of every selected actor",
                field_width,
            ) {
                set(&|a: &mut Actor| a.organisation = v.clone());
            }
            private_row(ui, ActorField::Organisation, &mut set);
            ui.end_row();

            ui.label("Role");
            if let Some(v) = shared_text(
                ui,
                shared(actors, |a| a.role.clone()),
                "Set the role of every selected actor",
                field_width,
            ) {
                set(&|a: &mut Actor| a.role = v.clone());
            }
            private_row(ui, ActorField::Role, &mut set);
            ui.end_row();

            let label = ui.label("Profession").id;
            let options: Vec<_> = std::iter::once((None, "—".to_owned()))
                .chain(Profession::ALL.iter().map(|p| (Some(*p), enum_label(p))))
                .collect();
            if let Some(v) = shared_combo(
                ui,
                "multi_profession",
                label,
                shared(actors, |a| a.profession),
                &options,
                "Set the profession of every selected actor",
            ) {
                set(&|a: &mut Actor| a.profession = v);
            }
            private_row(ui, ActorField::Profession, &mut set);
            ui.end_row();

            ui.label("Formal position")
                .on_hover_text("1 frontline … 5 board/executive");
            if let Some(v) =
                shared_level(ui, "multi_position", shared(actors, |a| a.formal_position))
            {
                set(&|a: &mut Actor| a.formal_position = v);
            }
            private_row(ui, ActorField::FormalPosition, &mut set);
            ui.end_row();

            let label = ui
                .label("Stance")
                .on_hover_text("Stance toward the change")
                .id;
            let options: Vec<_> = Stance::ALL.iter().map(|s| (*s, enum_label(s))).collect();
            if let Some(v) = shared_combo(
                ui,
                "multi_stance",
                label,
                shared(actors, |a| a.stance),
                &options,
                "Set the stance of every selected actor",
            ) {
                set(&|a: &mut Actor| a.stance = v);
            }
            private_row(ui, ActorField::Stance, &mut set);
            ui.end_row();

            ui.label("Influence")
                .on_hover_text("Perceived influence, 1 little … 5 great");
            if let Some(v) = shared_level(ui, "multi_influence", shared(actors, |a| a.influence)) {
                set(&|a: &mut Actor| a.influence = v);
            }
            private_row(ui, ActorField::Influence, &mut set);
            ui.end_row();

            ui.label("Notes");
            ui.label("");
            private_row(ui, ActorField::Notes, &mut set);
            ui.end_row();

            ui.label("Pinned")
                .on_hover_text("Layouts leave a pinned actor where it is");
            if let Some(on) = shared_check(
                ui,
                shared(actors, |a| a.pinned),
                "",
                "Pin or unpin every selected actor",
            ) {
                set(&|a: &mut Actor| a.pinned = on);
            }
            ui.end_row();
        });
    let changed: Vec<Actor> = changed
        .into_iter()
        .zip(actors)
        .filter(|(new, old)| new != **old)
        .map(|(new, _)| new)
        .collect();
    (!changed.is_empty()).then_some(changed)
}

/// Edits what several selected ties share (kind, direction, strength,
/// confirmed, notes private). Returns the ties that changed.
pub fn ties_inspector_ui(ui: &mut egui::Ui, network: &Network, ties: &[&Tie]) -> Option<Vec<Tie>> {
    let mut changed: Vec<Tie> = ties.iter().map(|t| (*t).clone()).collect();
    let mut set = |f: &dyn Fn(&mut Tie)| {
        for t in &mut changed {
            f(t);
        }
    };
    egui::Grid::new("ties_inspector")
        .num_columns(2)
        .spacing([6.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label("Kind").id;
            let options: Vec<(String, String)> = network
                .tie_kinds
                .iter()
                .map(|k| (k.name.clone(), k.name.clone()))
                .collect();
            if let Some(v) = shared_combo(
                ui,
                "multi_tie_kind",
                label,
                shared(ties, |t| t.kind.clone()),
                &options,
                "Set the kind of every selected tie",
            ) {
                set(&|t: &mut Tie| t.kind = v.clone());
            }
            ui.end_row();
            ui.label("Directed");
            if let Some(on) = shared_check(
                ui,
                shared(ties, |t| t.directed),
                "",
                "An arrow from each tie's first actor to its second",
            ) {
                set(&|t: &mut Tie| t.directed = on);
            }
            ui.end_row();
            let label = ui.label("Strength").id;
            let options: Vec<_> = (1..=5u8).map(|v| (f64::from(v), v.to_string())).collect();
            if let Some(v) = shared_combo(
                ui,
                "multi_strength",
                label,
                shared(ties, |t| t.strength),
                &options,
                "Set the strength of every selected tie, 1 weak … 5 strong",
            ) {
                set(&|t: &mut Tie| t.strength = v);
            }
            ui.end_row();
            ui.label("Confirmed");
            if let Some(on) = shared_check(
                ui,
                shared(ties, |t| t.confirmed),
                "",
                "Unticked: the ties are assumed, not confirmed",
            ) {
                set(&|t: &mut Tie| t.confirmed = on);
            }
            ui.end_row();
            ui.label("Notes");
            if let Some(on) = shared_check(
                ui,
                shared(ties, |t| t.private.contains(&TieField::Notes)),
                "private",
                "Keep every selected tie's notes private",
            ) {
                set(&|t: &mut Tie| {
                    if on {
                        t.private.insert(TieField::Notes);
                    } else {
                        t.private.remove(&TieField::Notes);
                    }
                });
            }
            ui.end_row();
        });
    let changed: Vec<Tie> = changed
        .into_iter()
        .zip(ties)
        .filter(|(new, old)| new != **old)
        .map(|(new, _)| new)
        .collect();
    (!changed.is_empty()).then_some(changed)
}
