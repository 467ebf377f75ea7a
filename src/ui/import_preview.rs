//! The mapping step's preview: what importing a file from another tool
//! will create, before anything changes. It reads an
//! [`ImportPlan`](crate::io::mapping::ImportPlan) and returns what the
//! user asked for; the app re-reads the file with a new choice, imports on
//! Import and drops the plan on Cancel.
//!
//! Shown as an [`egui::Modal`] (the map behind is dimmed and takes no
//! input): a line with what will be created (or the problem, with its
//! row), one drop-down a role (which field becomes the name, sector, kind,
//! organisation, role, strength, direction and tie kind; each field listed
//! with sample values), the sectors with their counts, the first rows of
//! actors and ties as they will appear, every warning, and Import / Cancel.

use crate::io::builder::plural;
use crate::io::mapping::{FieldRole, ImportPlan, SourceField};
use crate::model::Network;
use crate::ui::inspector::enum_label;
use egui::{Align2, Context, Key, Modifiers, RichText, vec2};

/// How many actors (and ties) the preview shows.
pub const PREVIEW_ROWS: usize = 8;

/// What the user did in the preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreviewAnswer {
    /// Take `role` from this field (`None`: from no field).
    Choose(FieldRole, Option<String>),
    /// Merge actors that share an id (on) or refuse the file (off).
    MergeDuplicates(bool),
    /// Create the map as shown.
    Import,
    /// Leave the open map as it is.
    Cancel,
}

/// The text a role's drop-down shows for no field.
pub const NOT_USED: &str = "(not used)";

/// How a role is named in the preview, and what it means.
fn role_text(role: FieldRole) -> (&'static str, &'static str) {
    match role {
        FieldRole::Name => ("Name", "The name shown on the map (the id when no field)"),
        FieldRole::Sector => (
            "Sector",
            "The actor's sector: its colour and group (\"unassigned\" when blank)",
        ),
        FieldRole::Kind => (
            "Kind",
            "Person, organisation, team, patient voice or other; other values are kept as an attribute",
        ),
        FieldRole::Organisation => ("Organisation", "The organisation the actor belongs to"),
        FieldRole::Role => ("Role", "The actor's role or job title"),
        FieldRole::Strength => (
            "Tie strength",
            "How strong a tie is: a number (1 when blank)",
        ),
        FieldRole::Direction => (
            "Tie direction",
            "Directed or undirected (yes/no, directed/undirected, mutual)",
        ),
        FieldRole::TieKind => ("Tie kind", "The kind of tie (collaboration when blank)"),
    }
}

/// A field as its drop-down lists it: name, then samples.
fn field_text(f: &SourceField) -> String {
    if f.samples.is_empty() {
        return f.name.clone();
    }
    format!("{} — e.g. {}", f.name, f.samples.join(", "))
}

/// Draws the preview; returns the user's answer, if any this frame.
/// Escape cancels. While `reading` (the file is being read again with a
/// new choice) the last result stays on show, marked so, and Import waits.
pub fn import_preview_ui(ctx: &Context, plan: &ImportPlan, reading: bool) -> Option<PreviewAnswer> {
    let mut answer = None;
    if !egui::Popup::is_any_open(ctx)
        && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
    {
        answer = Some(PreviewAnswer::Cancel);
    }
    let screen = ctx.content_rect();
    let size = vec2(
        760.0_f32.min(screen.width() - 32.0).max(320.0),
        600.0_f32.min(screen.height() - 96.0).max(240.0),
    );
    let id = egui::Id::unique("bridgework-import-preview");
    let area = egui::Modal::default_area(id).anchor(Align2::CENTER_TOP, vec2(0.0, 40.0));
    egui::Modal::new(id)
        .area(area)
        .frame(egui::Frame::window(&ctx.global_style()))
        .show(ctx, |ui| {
            ui.set_width(size.x);
            ui.set_max_height(size.y);
            let file = crate::io::builder::file_name(&plan.path);
            ui.heading(format!("Import {file}"));
            if reading {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Reading the file again with the new choice…");
                });
            } else {
                summary_ui(ui, plan);
            }
            ui.separator();
            let buttons = 36.0;
            egui::ScrollArea::vertical()
                .max_height((size.y - buttons - 80.0).max(120.0))
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    if let Some(a) = roles_ui(ui, plan) {
                        answer = Some(a);
                    }
                    if let Some(l) = plan.loaded() {
                        ui.separator();
                        rows_ui(ui, &l.network);
                        warnings_ui(ui, &l.warnings);
                    }
                });
            ui.separator();
            let mut merge = plan.merges_duplicates();
            if ui
                .checkbox(&mut merge, "Merge actors that repeat an id")
                .on_hover_text(
                    "A later row with the same id only fills what the first left blank (the values dropped are counted in a warning). Off: such a file is refused at the repeated row.",
                )
                .changed()
            {
                answer = Some(PreviewAnswer::MergeDuplicates(merge));
            }
            ui.horizontal(|ui| {
                let import = ui
                    .add_enabled(
                        plan.loaded().is_some() && !reading,
                        egui::Button::new("Import"),
                    )
                    .on_hover_text("Create these actors and ties, in place of the open map")
                    .on_disabled_hover_text(
                        "The file cannot be imported with these choices: choose another field",
                    );
                if import.clicked() {
                    answer = Some(PreviewAnswer::Import);
                }
                if ui
                    .button("Cancel")
                    .on_hover_text("Leave the open map as it is (Esc)")
                    .clicked()
                {
                    answer = Some(PreviewAnswer::Cancel);
                }
            });
        });
    answer
}

/// What will be created, or why not.
fn summary_ui(ui: &mut egui::Ui, plan: &ImportPlan) {
    match &plan.result {
        Ok(l) => {
            let n = &l.network;
            let in_use = sector_counts(n).len();
            ui.label(
                RichText::new(format!(
                    "Will create {} in {} and {}{}. Nothing changes until you press Import.",
                    plural(n.actors().len(), "actor", "actors"),
                    plural(in_use, "sector", "sectors"),
                    plural(n.ties().len(), "tie", "ties"),
                    if l.warnings.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " ({} below)",
                            plural(l.warnings.len(), "warning", "warnings")
                        )
                    },
                ))
                .strong(),
            );
        }
        Err(e) => {
            ui.label(
                RichText::new(format!("Cannot import with these choices: {e}"))
                    .color(ui.visuals().error_fg_color),
            );
            ui.label("Choose another field below, or Cancel to leave the open map as it is.");
        }
    }
}

/// One drop-down a role; returns a new choice.
fn roles_ui(ui: &mut egui::Ui, plan: &ImportPlan) -> Option<PreviewAnswer> {
    let mut answer = None;
    ui.label(RichText::new("Which field becomes what").strong());
    egui::Grid::new("import-preview-roles")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for role in FieldRole::ALL {
                if role.is_tie() && plan.fields.ties == 0 {
                    continue;
                }
                let (name, help) = role_text(role);
                let label = ui.label(name).on_hover_text(help);
                let current = plan.field_for(role);
                let shown = current.map_or(NOT_USED.to_owned(), field_text);
                let combo = egui::ComboBox::from_id_salt(("import-role", role))
                    .selected_text(shown)
                    .width(420.0)
                    .show_ui(ui, |ui| {
                        if ui.selectable_label(current.is_none(), NOT_USED).clicked() {
                            answer = Some(PreviewAnswer::Choose(role, None));
                        }
                        for f in plan.candidates(role) {
                            let chosen = current.is_some_and(|c| c.name == f.name);
                            let total = if role.is_tie() {
                                plan.fields.ties
                            } else {
                                plan.fields.actors
                            };
                            if ui
                                .selectable_label(chosen, field_text(f))
                                .on_hover_text(format!("filled in {} of {total}", f.filled))
                                .clicked()
                                && !chosen
                            {
                                answer = Some(PreviewAnswer::Choose(role, Some(f.name.clone())));
                            }
                        }
                    });
                combo.response.labelled_by(label.id).on_hover_text(help);
                ui.end_row();
            }
        });
    answer
}

/// Sectors in use with their actor counts, in the map's order.
fn sector_counts(n: &Network) -> Vec<(String, usize)> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for a in n.actors() {
        match counts.iter_mut().find(|(s, _)| *s == a.sector) {
            Some((_, c)) => *c += 1,
            None => counts.push((a.sector.clone(), 1)),
        }
    }
    counts
}

/// The sectors, then the first actors and ties as they will appear.
fn rows_ui(ui: &mut egui::Ui, n: &Network) {
    let sectors: Vec<String> = sector_counts(n)
        .into_iter()
        .map(|(s, c)| format!("{s} ({c})"))
        .collect();
    ui.label(format!("Sectors: {}", sectors.join(", ")));
    ui.label(RichText::new("First actors").strong());
    egui::Grid::new("import-preview-actors")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in ["Name", "Sector", "Kind", "Organisation", "Role"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for a in n.actors().iter().take(PREVIEW_ROWS) {
                ui.label(&a.name);
                ui.label(&a.sector);
                ui.label(enum_label(&a.kind));
                ui.label(&a.organisation);
                ui.label(&a.role);
                ui.end_row();
            }
        });
    more_ui(ui, n.actors().len(), "actor", "actors");
    if n.ties().is_empty() {
        return;
    }
    ui.label(RichText::new("First ties").strong());
    let name = |id: &crate::model::ActorId| {
        n.actor(id)
            .map(|a| a.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    egui::Grid::new("import-preview-ties")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for h in ["From", "To", "Kind", "Strength", "Direction"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for t in n.ties().iter().take(PREVIEW_ROWS) {
                ui.label(name(t.from()));
                ui.label(name(t.to()));
                ui.label(&t.kind);
                ui.label(t.strength.to_string());
                ui.label(if t.directed { "directed" } else { "undirected" });
                ui.end_row();
            }
        });
    more_ui(ui, n.ties().len(), "tie", "ties");
}

fn more_ui(ui: &mut egui::Ui, total: usize, one: &str, many: &str) {
    if total > PREVIEW_ROWS {
        ui.weak(format!(
            "… and {} more",
            plural(total - PREVIEW_ROWS, one, many)
        ));
    }
}

/// Every warning, one a line.
fn warnings_ui(ui: &mut egui::Ui, warnings: &[String]) {
    if warnings.is_empty() {
        return;
    }
    ui.separator();
    ui.label(RichText::new(plural(warnings.len(), "warning", "warnings")).strong());
    for w in warnings {
        ui.label(format!("• {w}"));
    }
}
