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
//! Survey responses show their columns instead of the roles (which column
//! is the respondent, a question, ...: one drop-down a column) and the
//! names that may be one person, each with a box to read them as one.

use crate::io::builder::plural;
use crate::io::mapping::{FieldRole, ImportPlan, SourceField};
use crate::io::survey::ColumnRole;
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
    /// Survey responses: read the column headed so in this role.
    SurveyColumn(String, ColumnRole),
    /// Survey responses: read `second` as `first` (`same`), or keep the
    /// two apart again.
    SamePerson {
        /// The spelling kept.
        first: String,
        /// The spelling read as `first`.
        second: String,
        /// One person (on) or two (off).
        same: bool,
    },
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
                    let chosen = if plan.survey_options().is_some() {
                        survey_ui(ui, plan)
                    } else {
                        roles_ui(ui, plan)
                    };
                    if let Some(a) = chosen {
                        answer = Some(a);
                    }
                    if let Some(l) = plan.loaded() {
                        ui.separator();
                        rows_ui(ui, &l.network);
                        warnings_ui(ui, &listed_warnings(plan, l));
                    }
                });
            ui.separator();
            let mut merge = plan.merges_duplicates();
            if plan.survey_options().is_none() && ui
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

/// The warnings the preview lists: a survey's near-duplicate names have
/// their boxes instead.
fn listed_warnings<'a>(plan: &ImportPlan, loaded: &'a crate::io::Loaded) -> Vec<&'a String> {
    let survey = plan.survey_options().is_some();
    loaded
        .warnings
        .iter()
        .filter(|w| {
            !(survey
                && (w.starts_with("may be one person")
                    || (w.starts_with("and ") && w.ends_with("may be one person"))))
        })
        .collect()
}

/// What will be created, or why not.
fn summary_ui(ui: &mut egui::Ui, plan: &ImportPlan) {
    match &plan.result {
        Ok(l) => {
            let n = &l.network;
            let in_use = sector_counts(n).len();
            let warnings = listed_warnings(plan, l).len();
            ui.label(
                RichText::new(format!(
                    "Will create {} in {} and {}{}. Nothing changes until you press Import.",
                    plural(n.actors().len(), "actor", "actors"),
                    plural(in_use, "sector", "sectors"),
                    plural(n.ties().len(), "tie", "ties"),
                    if warnings == 0 {
                        String::new()
                    } else {
                        format!(" ({} below)", plural(warnings, "warning", "warnings"))
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

/// What a survey column's role means.
fn column_help(role: ColumnRole) -> &'static str {
    match role {
        ColumnRole::Respondent => "The respondent's name: one name a row",
        ColumnRole::Organisation => "The respondent's organisation",
        ColumnRole::Sector => "The respondent's sector (people only named get \"unassigned\")",
        ColumnRole::Role => "The respondent's role or job title",
        ColumnRole::Question => {
            "A question whose answers are names: each name is a tie from the respondent, of a kind named after the question"
        }
        ColumnRole::Attribute => "Kept as an attribute of the respondent",
        ColumnRole::LeftOut => "Not read (timestamps, email addresses)",
    }
}

/// Survey responses: one drop-down a column, then the names that may be
/// one person, each with a "same person" box; returns a new choice.
fn survey_ui(ui: &mut egui::Ui, plan: &ImportPlan) -> Option<PreviewAnswer> {
    let mut answer = None;
    let Some(survey) = &plan.fields.survey else {
        ui.label("The file's columns could not be read.");
        return None;
    };
    ui.label(RichText::new("Which column is what").strong());
    egui::Grid::new("import-preview-survey-columns")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for (header, role) in &survey.columns {
                if header.trim().is_empty() {
                    continue;
                }
                let shown: String = if header.chars().count() > 60 {
                    format!("{}…", header.chars().take(59).collect::<String>())
                } else {
                    header.clone()
                };
                let label = ui.label(shown).on_hover_text(header.as_str());
                let combo = egui::ComboBox::from_id_salt(("survey-column", header.as_str()))
                    .selected_text(role.describe())
                    .width(160.0)
                    .show_ui(ui, |ui| {
                        for r in ColumnRole::ALL {
                            if ui
                                .selectable_label(r == *role, r.describe())
                                .on_hover_text(column_help(r))
                                .clicked()
                                && r != *role
                            {
                                answer = Some(PreviewAnswer::SurveyColumn(header.clone(), r));
                            }
                        }
                    });
                combo
                    .response
                    .labelled_by(label.id)
                    .on_hover_text(column_help(*role));
                ui.end_row();
            }
        });
    let merged = plan
        .survey_options()
        .map_or(&[][..], |o| o.same_person.as_slice());
    if survey.near_duplicates.is_empty() && merged.is_empty() {
        ui.label("No names look like one person written two ways.");
        return answer;
    }
    ui.separator();
    ui.label(
        RichText::new(
            "These names may be one person: tick the pairs that are; leave the others apart",
        )
        .strong(),
    );
    for (first, second) in merged {
        let mut same = true;
        if ui
            .checkbox(
                &mut same,
                format!("\"{first}\" and \"{second}\": one person"),
            )
            .on_hover_text(format!(
                "\"{second}\" is read as \"{first}\"; untick to keep them apart"
            ))
            .changed()
        {
            answer = Some(PreviewAnswer::SamePerson {
                first: first.clone(),
                second: second.clone(),
                same: false,
            });
        }
    }
    for d in &survey.near_duplicates {
        let mut same = false;
        if ui
            .checkbox(
                &mut same,
                format!("\"{}\" and \"{}\": {}", d.first, d.second, d.reason),
            )
            .on_hover_text(format!(
                "Same person: \"{}\" is then read as \"{}\"",
                d.second, d.first
            ))
            .changed()
        {
            answer = Some(PreviewAnswer::SamePerson {
                first: d.first.clone(),
                second: d.second.clone(),
                same: true,
            });
        }
    }
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
fn warnings_ui(ui: &mut egui::Ui, warnings: &[&String]) {
    if warnings.is_empty() {
        return;
    }
    ui.separator();
    ui.label(RichText::new(plural(warnings.len(), "warning", "warnings")).strong());
    for w in warnings {
        ui.label(format!("• {w}"));
    }
}
