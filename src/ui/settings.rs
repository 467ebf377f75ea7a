//! The map settings dialog: the map's title and description, its sector
//! list (name, colour, shape) and its tie-kind list (name, colour, dash,
//! default direction, whether it counts in analysis); add and remove
//! entries.
//!
//! [`settings_ui`] reads `&Network` and returns [`EditRequest`]s built
//! from the list edits of [`crate::edit`] (`SetMapInfo`, `SetSectors`,
//! `RenameSector`, `RemoveSector`, `SetTieKinds`, `RenameTieKind`,
//! `RemoveTieKind`); the app applies them after the frame, one undo step
//! each. It never mutates the network.
//!
//! A rename is applied when the name field loses focus (Enter, Tab or a
//! click elsewhere), not per keystroke: it rewrites every actor or tie that
//! uses the name, and the names typed on the way (`p`, `pr`, …, or an empty
//! field while retyping) may be empty or clash with another entry, which
//! the edit would refuse. So the field keeps a draft, shows what is wrong
//! with it inline, and applies it only when it is valid; Escape drops it.
//! The title, the description and colours are applied as they change and
//! coalesce into one undo step per field.

use super::edit_request::EditRequest;
use super::inspector::enum_label;
use super::shapes::outline;
use crate::edit::{Edit, NameList};
use crate::model::{Colour, Dash, Network, Shape, TieKind};
use egui::{Color32, Key, RichText, Sense, Stroke, TextEdit, Ui, vec2};
use std::collections::HashMap;

/// The pages of the dialog.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SettingsTab {
    /// Title and description.
    #[default]
    Map,
    /// The sector list.
    Sectors,
    /// The tie-kind list.
    TieKinds,
}

/// What the dialog keeps between frames: whether it is open, which page
/// is shown, the names being typed, and a removal waiting for confirmation.
#[derive(Debug, Default)]
pub struct SettingsState {
    /// Whether the dialog is shown.
    pub open: bool,
    /// The page shown.
    pub tab: SettingsTab,
    /// Rename drafts, by list and the entry's current name.
    drafts: HashMap<(NameList, String), String>,
    /// The name typed for a new sector.
    new_sector: String,
    /// The name typed for a new tie kind.
    new_kind: String,
    /// A removal of an entry in use, waiting for the user to confirm where
    /// its actors or ties go.
    removing: Option<Removal>,
    /// Counts focus sessions of the title and description fields, so each
    /// session is one undo step.
    session: u64,
}

impl SettingsState {
    /// Forgets drafts and pending removals (when the dialog closes).
    pub fn reset(&mut self) {
        self.drafts.clear();
        self.new_sector.clear();
        self.new_kind.clear();
        self.removing = None;
    }
}

/// A removal of an entry that actors or ties use.
#[derive(Clone, Debug, PartialEq)]
struct Removal {
    list: NameList,
    name: String,
    /// Where the users go.
    reassign_to: String,
}

/// What is wrong with `name` as the name of entry `own` (`None` for a new
/// entry) of a list whose names are `names`: empty, or the same as another
/// entry's name ignoring case and spaces at either end. `None` if it is fine.
pub fn name_problem<'a>(
    list: NameList,
    names: impl IntoIterator<Item = &'a str>,
    own: Option<usize>,
    name: &str,
) -> Option<String> {
    let name = name.trim();
    let entry = list.entry();
    if name.is_empty() {
        return Some(format!("A {entry} needs a name"));
    }
    let lower = name.to_lowercase();
    names
        .into_iter()
        .enumerate()
        .find(|&(i, other)| Some(i) != own && other.trim().to_lowercase() == lower)
        .map(|(_, other)| format!("There is already a {entry} named “{other}”"))
}

fn to_egui(c: Colour) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// A sector's shape in its colour, as the canvas draws it.
fn sector_swatch(ui: &mut Ui, shape: Shape, colour: Colour) {
    let (rect, _) = ui.allocate_exact_size(vec2(18.0, 18.0), Sense::hover());
    let c = rect.center();
    let points: Vec<egui::Pos2> = outline(shape)
        .into_iter()
        .map(|[x, y]| c + vec2(x, y) * 7.0)
        .collect();
    // Every outline is star-shaped from its centre: a fan fills it.
    let mut mesh = egui::Mesh::default();
    mesh.colored_vertex(c, to_egui(colour));
    for p in &points {
        mesh.colored_vertex(*p, to_egui(colour));
    }
    let n = points.len() as u32;
    for i in 0..n {
        mesh.add_triangle(0, 1 + i, 1 + (i + 1) % n);
    }
    ui.painter().add(mesh);
    ui.painter().add(egui::Shape::closed_line(
        points,
        Stroke::new(1.0, ui.visuals().text_color()),
    ));
}

/// A tie kind's line in its colour and dash.
fn tie_swatch(ui: &mut Ui, colour: Colour, dash: Dash) {
    let (rect, _) = ui.allocate_exact_size(vec2(30.0, 18.0), Sense::hover());
    let stroke = Stroke::new(2.5, to_egui(colour));
    let (a, b) = (rect.left_center(), rect.right_center());
    let painter = ui.painter();
    match dash {
        Dash::Solid => {
            painter.line_segment([a, b], stroke);
        }
        Dash::Dashed => {
            painter.add(egui::Shape::dashed_line(&[a, b], stroke, 6.0, 4.0));
        }
        Dash::Dotted => {
            painter.add(egui::Shape::dotted_line(&[a, b], to_egui(colour), 4.0, 1.3));
        }
        Dash::DashDot => {
            painter.add(egui::Shape::dashed_line_with_offset(
                &[a, b],
                stroke,
                &[6.0, 2.0],
                &[3.0, 3.0],
                0.0,
            ));
        }
    }
}

/// A name field whose rename is applied when it loses focus. Returns the
/// new name when the user finished a valid rename, and what is wrong with
/// the name being typed (a draft kept until it is valid or dropped), if
/// anything, for the caller to show beside the field.
fn name_field(
    ui: &mut Ui,
    drafts: &mut HashMap<(NameList, String), String>,
    list: NameList,
    names: &[&str],
    index: usize,
    name: &str,
) -> (Option<String>, Option<String>) {
    let key = (list, name.to_owned());
    let problem_of = |text: &str| name_problem(list, names.iter().copied(), Some(index), text);
    let mut text = drafts.get(&key).cloned().unwrap_or_else(|| name.to_owned());
    let mut edit = TextEdit::singleline(&mut text).desired_width(f32::INFINITY);
    if drafts.get(&key).is_some_and(|d| problem_of(d).is_some()) {
        edit = edit.background_color(ui.visuals().error_fg_color.gamma_multiply(0.25));
    }
    let users = list.users();
    // A grid cell offers only last frame's column width: ask for the size.
    let height = ui.spacing().interact_size.y;
    let r = ui
        .add_sized([220.0, height], edit)
        .accessible_name(format!("Name of {} “{name}”", list.entry()))
        .on_hover_text(format!(
            "Rename: type, then Enter or click elsewhere; every one of its {users} moves with it. Escape cancels."
        ));
    if r.changed() {
        drafts.insert(key.clone(), text);
    }
    let mut renamed = None;
    if r.lost_focus() {
        if ui.input(|i| i.key_pressed(Key::Escape)) {
            drafts.remove(&key);
        } else if let Some(draft) = drafts.get(&key) {
            let to = draft.trim();
            if to == name {
                drafts.remove(&key);
            } else if problem_of(to).is_none() {
                renamed = Some(to.to_owned());
                drafts.remove(&key);
            }
        }
    }
    let problem = drafts.get(&key).and_then(|d| problem_of(d));
    (renamed, problem)
}

/// Draws the dialog's contents.
pub fn settings_ui(ui: &mut Ui, network: &Network, state: &mut SettingsState) -> Vec<EditRequest> {
    let mut out = Vec::new();
    ui.horizontal(|ui| {
        for (tab, title, tip) in [
            (SettingsTab::Map, "Map", "The map's title and description"),
            (
                SettingsTab::Sectors,
                "Sectors",
                "The sectors actors belong to: names, colours, shapes",
            ),
            (
                SettingsTab::TieKinds,
                "Tie kinds",
                "What ties mean: names, colours, dashes, direction",
            ),
        ] {
            ui.selectable_value(&mut state.tab, tab, title)
                .accessible_name(format!("{title} page"))
                .on_hover_text(tip);
        }
    });
    ui.separator();
    match state.tab {
        SettingsTab::Map => map_info_ui(ui, network, state, &mut out),
        SettingsTab::Sectors => sectors_ui(ui, network, state, &mut out),
        SettingsTab::TieKinds => tie_kinds_ui(ui, network, state, &mut out),
    }
    removal_ui(ui, network, state, &mut out);
    // Drafts of entries that are gone (renamed, undone) are dropped.
    state.drafts.retain(|(list, name), _| match list {
        NameList::Sectors => network.sector(name).is_some(),
        NameList::TieKinds => network.tie_kind(name).is_some(),
    });
    out
}

fn map_info_ui(
    ui: &mut Ui,
    network: &Network,
    state: &mut SettingsState,
    out: &mut Vec<EditRequest>,
) {
    let mut title = network.title.clone();
    let mut description = network.description.clone();
    let (title_r, description_r) = egui::Grid::new("map_info")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            ui.label("Title");
            let t = ui
                .add(
                    TextEdit::singleline(&mut title)
                        .hint_text("What the map is about")
                        .desired_width(380.0),
                )
                .accessible_name("Map title")
                .on_hover_text("The map's title, shown in the window title and on exports");
            ui.end_row();
            ui.label("Description");
            let d = ui
                .add(
                    TextEdit::multiline(&mut description)
                        .hint_text("Purpose, date, who drew it")
                        .desired_rows(3)
                        .desired_width(380.0),
                )
                .accessible_name("Map description")
                .on_hover_text("A longer description: purpose, date, who drew it");
            ui.end_row();
            (t, d)
        })
        .inner;
    if title_r.gained_focus() || description_r.gained_focus() {
        state.session += 1;
    }
    if title != network.title || description != network.description {
        let edit = Edit::SetMapInfo {
            title,
            description,
            metadata: network.metadata.clone(),
        };
        out.push(EditRequest::coalescing(
            edit,
            format!("settings:info:{}", state.session),
        ));
    }
}

/// How many actors use each sector name.
fn sector_users(network: &Network) -> HashMap<&str, usize> {
    let mut users: HashMap<&str, usize> = HashMap::new();
    for a in network.actors() {
        *users.entry(a.sector.as_str()).or_default() += 1;
    }
    users
}

/// How many ties use each tie-kind name.
fn kind_users(network: &Network) -> HashMap<&str, usize> {
    let mut users: HashMap<&str, usize> = HashMap::new();
    for t in network.ties() {
        *users.entry(t.kind.as_str()).or_default() += 1;
    }
    users
}

/// What one user of the list is called: `actor` or `tie`.
fn user(list: NameList) -> &'static str {
    match list {
        NameList::Sectors => "actor",
        NameList::TieKinds => "tie",
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The remove button of an entry used by `users` items: removes an unused
/// entry at once, or asks where its users go.
#[allow(clippy::too_many_arguments)]
fn remove_button(
    ui: &mut Ui,
    list: NameList,
    name: &str,
    users: usize,
    others: Option<&str>,
    removing: &mut Option<Removal>,
    out: &mut Vec<EditRequest>,
) {
    let tip = if users == 0 {
        format!("Remove this {}; no {} use it", list.entry(), list.users())
    } else {
        format!(
            "Remove this {}: its {} move to another {} you choose",
            list.entry(),
            count(users, user(list), list.users()),
            list.entry()
        )
    };
    if ui
        .button("Remove…")
        .accessible_name(format!("Remove {} “{name}”", list.entry()))
        .on_hover_text(tip)
        .clicked()
    {
        if users == 0 {
            let edit = match list {
                NameList::Sectors => Edit::RemoveSector {
                    name: name.to_owned(),
                    reassign_to: None,
                },
                NameList::TieKinds => Edit::RemoveTieKind {
                    name: name.to_owned(),
                    reassign_to: None,
                },
            };
            out.push(EditRequest::step(edit));
        } else {
            *removing = Some(Removal {
                list,
                name: name.to_owned(),
                reassign_to: others.unwrap_or_default().to_owned(),
            });
        }
    }
}

fn sectors_ui(
    ui: &mut Ui,
    network: &Network,
    state: &mut SettingsState,
    out: &mut Vec<EditRequest>,
) {
    ui.label(
        "Renaming a sector moves its actors with it; removing one moves them to another sector.",
    );
    let names: Vec<&str> = network.sectors.iter().map(|s| s.name.as_str()).collect();
    let users = sector_users(network);
    let list = NameList::Sectors;
    egui::Grid::new("sectors")
        .num_columns(6)
        .spacing([8.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for (i, s) in network.sectors.iter().enumerate() {
                ui.push_id(("sector", i), |ui| {
                    sector_swatch(ui, s.shape, s.colour);
                });
                let (renamed, problem) = ui
                    .push_id(("sector name", i), |ui| {
                        name_field(ui, &mut state.drafts, list, &names, i, &s.name)
                    })
                    .inner;
                if let Some(to) = renamed {
                    out.push(EditRequest::step(Edit::RenameSector {
                        from: s.name.clone(),
                        to,
                    }));
                }
                let mut rgb = [s.colour.r, s.colour.g, s.colour.b];
                let changed_colour = ui
                    .push_id(("sector colour", i), |ui| {
                        egui::color_picker::color_edit_button_srgb(ui, &mut rgb)
                            .accessible_name(format!("Colour of sector “{}”", s.name))
                            .on_hover_text("Fill colour of this sector's actors: click to pick")
                            .changed()
                    })
                    .inner;
                let mut shape = s.shape;
                egui::ComboBox::from_id_salt(("sector shape", i))
                    .selected_text(enum_label(&s.shape))
                    .width(120.0)
                    .show_ui(ui, |ui| {
                        for sh in Shape::ALL {
                            ui.selectable_value(&mut shape, sh, enum_label(&sh));
                        }
                    })
                    .response
                    .accessible_name(format!("Shape of sector “{}”", s.name))
                    .on_hover_text(
                        "Shape of this sector's actors, so sectors differ in greyscale too",
                    );
                let n = users.get(s.name.as_str()).copied().unwrap_or(0);
                ui.label(count(n, "actor", "actors"))
                    .on_hover_text("How many actors are in this sector");
                let other = names.iter().copied().find(|&o| o != s.name);
                ui.push_id(("sector remove", i), |ui| {
                    remove_button(ui, list, &s.name, n, other, &mut state.removing, out);
                });
                ui.end_row();
                if let Some(p) = problem {
                    ui.label("");
                    ui.colored_label(ui.visuals().error_fg_color, format!("{p}; not renamed"));
                    ui.end_row();
                }
                let colour = Colour::rgb(rgb[0], rgb[1], rgb[2]);
                if changed_colour || shape != s.shape {
                    let mut sectors = network.sectors.clone();
                    if let Some(entry) = sectors.get_mut(i) {
                        entry.colour = colour;
                        entry.shape = shape;
                    }
                    let edit = Edit::SetSectors(sectors);
                    out.push(if changed_colour {
                        EditRequest::coalescing(edit, format!("settings:colour:sector:{}", s.name))
                    } else {
                        EditRequest::step(edit)
                    });
                }
            }
        });
    ui.add_space(6.0);
    if let Some(list) = add_row(ui, NameList::Sectors, &names, &mut state.new_sector) {
        let mut scratch = Network::with_lists(network.sectors.clone(), Vec::new());
        scratch.ensure_sector(&list);
        out.push(EditRequest::step(Edit::SetSectors(scratch.sectors)));
    }
}

/// The "add" row under a list: a name field and an Add button. Returns the
/// new (trimmed) name when the user added a valid one.
fn add_row(ui: &mut Ui, list: NameList, names: &[&str], text: &mut String) -> Option<String> {
    let entry = list.entry();
    let problem = (!text.trim().is_empty())
        .then(|| name_problem(list, names.iter().copied(), None, text))
        .flatten();
    let mut added = None;
    ui.horizontal(|ui| {
        let r = ui
            .add(
                TextEdit::singleline(text)
                    .hint_text(format!("New {entry} name"))
                    .desired_width(200.0),
            )
            .accessible_name(format!("New {entry} name"))
            .on_hover_text(format!("Type a name for a new {entry}, then Enter or Add"));
        let valid = !text.trim().is_empty() && problem.is_none();
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        let clicked = ui
            .add_enabled(valid, egui::Button::new(format!("Add {entry}")))
            .on_hover_text(format!(
                "Add a {entry} with a colour{} no other uses yet",
                if list == NameList::Sectors {
                    " and shape"
                } else {
                    " and dash"
                }
            ))
            .clicked();
        if valid && (enter || clicked) {
            added = Some(text.trim().to_owned());
            text.clear();
        }
    });
    if let Some(p) = problem {
        ui.colored_label(ui.visuals().error_fg_color, format!("{p}; not added"));
    }
    added
}

fn tie_kinds_ui(
    ui: &mut Ui,
    network: &Network,
    state: &mut SettingsState,
    out: &mut Vec<EditRequest>,
) {
    ui.label("Renaming a kind moves its ties with it; removing one moves them to another kind.");
    let names: Vec<&str> = network.tie_kinds.iter().map(|k| k.name.as_str()).collect();
    let users = kind_users(network);
    let list = NameList::TieKinds;
    egui::Grid::new("tie_kinds")
        .num_columns(8)
        .spacing([8.0, 4.0])
        .striped(true)
        .show(ui, |ui| {
            for (i, k) in network.tie_kinds.iter().enumerate() {
                ui.push_id(("kind", i), |ui| tie_swatch(ui, k.colour, k.dash));
                let (renamed, problem) = ui
                    .push_id(("kind name", i), |ui| {
                        name_field(ui, &mut state.drafts, list, &names, i, &k.name)
                    })
                    .inner;
                if let Some(to) = renamed {
                    out.push(EditRequest::step(Edit::RenameTieKind {
                        from: k.name.clone(),
                        to,
                    }));
                }
                let mut rgb = [k.colour.r, k.colour.g, k.colour.b];
                let changed_colour = ui
                    .push_id(("kind colour", i), |ui| {
                        egui::color_picker::color_edit_button_srgb(ui, &mut rgb)
                            .accessible_name(format!("Colour of tie kind “{}”", k.name))
                            .on_hover_text("Line colour of this kind of tie: click to pick")
                            .changed()
                    })
                    .inner;
                let mut dash = k.dash;
                egui::ComboBox::from_id_salt(("kind dash", i))
                    .selected_text(enum_label(&k.dash))
                    .width(90.0)
                    .show_ui(ui, |ui| {
                        for d in Dash::ALL {
                            ui.selectable_value(&mut dash, d, enum_label(&d));
                        }
                    })
                    .response
                    .accessible_name(format!("Dash of tie kind “{}”", k.name))
                    .on_hover_text("How the line is drawn, so kinds differ in greyscale too");
                let mut directed = k.directed;
                ui.checkbox(&mut directed, "directed")
                    .accessible_name(format!("New ties of kind “{}” are directed", k.name))
                    .on_hover_text("Whether a new tie of this kind starts with an arrow; each tie keeps its own direction");
                let mut counts = k.include_in_analysis;
                ui.checkbox(&mut counts, "in analysis")
                    .accessible_name(format!("Tie kind “{}” counts in analysis", k.name))
                    .on_hover_text("Whether ties of this kind count in analysis by default (conflict usually does not)");
                let n = users.get(k.name.as_str()).copied().unwrap_or(0);
                ui.label(count(n, "tie", "ties"))
                    .on_hover_text("How many ties are of this kind");
                let other = names.iter().copied().find(|&o| o != k.name);
                ui.push_id(("kind remove", i), |ui| {
                    remove_button(ui, list, &k.name, n, other, &mut state.removing, out);
                });
                ui.end_row();
                if let Some(p) = problem {
                    ui.label("");
                    ui.colored_label(ui.visuals().error_fg_color, format!("{p}; not renamed"));
                    ui.end_row();
                }
                let colour = Colour::rgb(rgb[0], rgb[1], rgb[2]);
                let changed = TieKind {
                    name: k.name.clone(),
                    colour,
                    dash,
                    directed,
                    include_in_analysis: counts,
                };
                if changed != *k {
                    let mut kinds = network.tie_kinds.clone();
                    if let Some(entry) = kinds.get_mut(i) {
                        *entry = changed;
                    }
                    let edit = Edit::SetTieKinds(kinds);
                    out.push(if changed_colour {
                        EditRequest::coalescing(edit, format!("settings:colour:kind:{}", k.name))
                    } else {
                        EditRequest::step(edit)
                    });
                }
            }
        });
    ui.add_space(6.0);
    if let Some(name) = add_row(ui, NameList::TieKinds, &names, &mut state.new_kind) {
        let mut scratch = Network::with_lists(Vec::new(), network.tie_kinds.clone());
        scratch.ensure_tie_kind(&name, false);
        out.push(EditRequest::step(Edit::SetTieKinds(scratch.tie_kinds)));
    }
}

/// The confirmation of a removal in progress, in a modal dialog: how many
/// actors or ties use the entry, where they go, and the buttons to go ahead
/// or cancel (so does Escape or a click beside the dialog).
fn removal_ui(
    ui: &mut Ui,
    network: &Network,
    state: &mut SettingsState,
    out: &mut Vec<EditRequest>,
) {
    let Some(removal) = state.removing.as_mut() else {
        return;
    };
    let (names, users): (Vec<&str>, usize) = match removal.list {
        NameList::Sectors => (
            network.sectors.iter().map(|s| s.name.as_str()).collect(),
            network
                .actors()
                .iter()
                .filter(|a| a.sector == removal.name)
                .count(),
        ),
        NameList::TieKinds => (
            network.tie_kinds.iter().map(|k| k.name.as_str()).collect(),
            network
                .ties()
                .iter()
                .filter(|t| t.kind == removal.name)
                .count(),
        ),
    };
    if !names.contains(&removal.name.as_str()) {
        // Gone meanwhile (undo): nothing to confirm.
        state.removing = None;
        return;
    }
    let others: Vec<&str> = names
        .iter()
        .copied()
        .filter(|&n| n != removal.name)
        .collect();
    if !others.contains(&removal.reassign_to.as_str())
        && let Some(first) = others.first()
    {
        removal.reassign_to = (*first).to_owned();
    }
    let (entry, what) = (removal.list.entry(), removal.list.users());
    let singular = user(removal.list);
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::unique("settings_remove_entry")).show(ui.ctx(), |ui| {
        ui.set_max_width(420.0);
        ui.heading(format!("Remove {entry} “{}”?", removal.name));
        ui.label(
            RichText::new(format!("{} use it.", count(users, singular, what)))
                .color(ui.visuals().warn_fg_color)
                .strong(),
        );
        if others.is_empty() {
            ui.label(format!(
                "It is the only {entry}: add another {entry} first, for its {what} to move to."
            ));
        } else {
            ui.horizontal(|ui| {
                ui.label(format!("Move its {what} to"));
                egui::ComboBox::from_id_salt("reassign_to")
                    .selected_text(removal.reassign_to.clone())
                    .show_ui(ui, |ui| {
                        for o in &others {
                            ui.selectable_value(&mut removal.reassign_to, (*o).to_owned(), *o);
                        }
                    })
                    .response
                    .accessible_name(format!("Move its {what} to"))
                    .on_hover_text(format!("The {entry} that takes over its {what}"));
            });
        }
        ui.horizontal(|ui| {
            if !others.is_empty()
                && ui
                    .button(format!("Remove and move {}", count(users, singular, what)))
                    .on_hover_text("Can be undone (Ctrl+Z) as one step")
                    .clicked()
            {
                let (name, to) = (removal.name.clone(), Some(removal.reassign_to.clone()));
                out.push(EditRequest::step(match removal.list {
                    NameList::Sectors => Edit::RemoveSector {
                        name,
                        reassign_to: to,
                    },
                    NameList::TieKinds => Edit::RemoveTieKind {
                        name,
                        reassign_to: to,
                    },
                }));
                close = true;
            }
            if ui
                .button("Cancel")
                .on_hover_text(format!("Keep the {entry}"))
                .clicked()
            {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        state.removing = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [&str; 3] = ["primary care", "hospital care", "Social care"];

    #[test]
    fn a_name_must_not_be_empty() {
        assert_eq!(
            name_problem(NameList::Sectors, NAMES, Some(0), "  ").as_deref(),
            Some("A sector needs a name")
        );
        assert_eq!(
            name_problem(NameList::TieKinds, NAMES, None, "").as_deref(),
            Some("A tie kind needs a name")
        );
    }

    #[test]
    fn a_name_must_differ_from_the_others_ignoring_case_and_spaces() {
        assert_eq!(
            name_problem(NameList::Sectors, NAMES, Some(0), " Hospital Care ").as_deref(),
            Some("There is already a sector named “hospital care”")
        );
        assert_eq!(
            name_problem(NameList::Sectors, NAMES, None, "social care").as_deref(),
            Some("There is already a sector named “Social care”")
        );
    }

    #[test]
    fn an_entry_may_keep_or_recase_its_own_name() {
        assert_eq!(
            name_problem(NameList::Sectors, NAMES, Some(0), "primary care"),
            None
        );
        assert_eq!(
            name_problem(NameList::Sectors, NAMES, Some(0), "Primary Care"),
            None
        );
        assert_eq!(
            name_problem(NameList::Sectors, NAMES, None, "public health"),
            None
        );
    }
}
