//! The legend: every sector (colour and shape) and tie kind (colour and
//! dash) on the map, with counts and a show/hide box that filters the
//! canvas — so the legend always matches what is drawn — and filters by
//! kind of actor and by stance.

use super::inspector::enum_label;
use super::shapes::outline;
use crate::model::{Actor, ActorKind, Dash, Network, Stance, Tie};
use egui::{Color32, Sense, Stroke, vec2};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What the filters hide: sectors, tie kinds, kinds of actor, stances.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Filters {
    /// Hidden sector names.
    pub hidden_sectors: BTreeSet<String>,
    /// Hidden tie-kind names.
    pub hidden_kinds: BTreeSet<String>,
    /// Hidden kinds of actor (people, organisations, ...).
    pub hidden_actor_kinds: BTreeSet<ActorKind>,
    /// Hidden stances.
    pub hidden_stances: BTreeSet<Stance>,
}

impl Filters {
    /// Whether nothing is hidden.
    pub fn is_empty(&self) -> bool {
        *self == Filters::default()
    }

    /// Whether the filters hide this actor.
    pub fn hides_actor(&self, a: &Actor) -> bool {
        self.hidden_sectors.contains(&a.sector)
            || self.hidden_actor_kinds.contains(&a.kind)
            || self.hidden_stances.contains(&a.stance)
    }

    /// Whether the filters hide this tie by its kind (a tie is also hidden
    /// with either of its actors).
    pub fn hides_tie(&self, t: &Tie) -> bool {
        self.hidden_kinds.contains(&t.kind)
    }
}

/// How many actors and ties of each sort the map has, for the legend;
/// counted once per change of the map, not every frame.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LegendCounts {
    sectors: HashMap<String, usize>,
    tie_kinds: HashMap<String, usize>,
    actor_kinds: BTreeMap<ActorKind, usize>,
    stances: BTreeMap<Stance, usize>,
    /// Groups (tags) and how many actors carry each.
    tags: BTreeMap<String, usize>,
}

impl LegendCounts {
    /// How many actors are in `sector`.
    pub fn in_sector(&self, sector: &str) -> usize {
        self.sectors.get(sector).copied().unwrap_or(0)
    }

    /// How many ties are of `kind`.
    pub fn of_kind(&self, kind: &str) -> usize {
        self.tie_kinds.get(kind).copied().unwrap_or(0)
    }

    /// Counts `network`.
    pub fn of(network: &Network) -> Self {
        let mut c = LegendCounts::default();
        for a in network.actors() {
            *c.sectors.entry(a.sector.clone()).or_default() += 1;
            *c.actor_kinds.entry(a.kind).or_default() += 1;
            *c.stances.entry(a.stance).or_default() += 1;
            for t in &a.tags {
                *c.tags.entry(t.clone()).or_default() += 1;
            }
        }
        for t in network.ties() {
            *c.tie_kinds.entry(t.kind.clone()).or_default() += 1;
        }
        c
    }
}

/// A show/hide box for one value of a set-valued filter. Alt-click shows
/// only this value (every other in `all` hidden).
fn toggle<T: Ord + Clone>(
    ui: &mut egui::Ui,
    hidden: &mut BTreeSet<T>,
    value: &T,
    all: &[T],
    label: &str,
    tip: &str,
) -> egui::Response {
    let mut shown = !hidden.contains(value);
    let response = ui.checkbox(&mut shown, label).on_hover_text(tip);
    if response.changed() {
        if ui.input(|i| i.modifiers.alt) {
            show_only(hidden, value, all);
        } else if shown {
            hidden.remove(value);
        } else {
            hidden.insert(value.clone());
        }
    }
    response
}

/// Hides every value in `all` but `value`.
fn show_only<T: Ord + Clone>(hidden: &mut BTreeSet<T>, value: &T, all: &[T]) {
    *hidden = all.iter().filter(|v| *v != value).cloned().collect();
}

/// The right-click menu of a legend row: show only this, or everything
/// of its sort again.
fn row_menu<T: Ord + Clone>(
    response: &egui::Response,
    hidden: &mut BTreeSet<T>,
    value: &T,
    all: &[T],
    what: &str,
) {
    response.context_menu(|ui| {
        if ui
            .button("Show only this")
            .on_hover_text(format!(
                "Hide every other {what} (Alt-click the box does the same)"
            ))
            .clicked()
        {
            show_only(hidden, value, all);
            ui.close();
        }
        if ui
            .add_enabled(
                !hidden.is_empty(),
                egui::Button::new(format!("Show every {what}")),
            )
            .on_hover_text(format!("Show every {what} again"))
            .clicked()
        {
            hidden.clear();
            ui.close();
        }
    });
}

/// A legend row's text, cut short with "…" rather than widening the panel
/// (the whole text shows on hover).
fn row_label(ui: &mut egui::Ui, text: &str) -> egui::Response {
    ui.add(egui::Label::new(text).truncate().sense(Sense::click()))
}

fn c(colour: crate::model::Colour) -> Color32 {
    Color32::from_rgb(colour.r, colour.g, colour.b)
}

/// A sector's swatch, `size` points tall: its shape in its colour, outlined.
pub fn sector_swatch(ui: &mut egui::Ui, s: &crate::model::Sector, size: f32) {
    let (rect, _) = ui.allocate_exact_size(vec2(size, size), Sense::hover());
    let pts: Vec<egui::Pos2> = outline(s.shape)
        .into_iter()
        .map(|[x, y]| rect.center() + vec2(x, y) * (size * 0.4))
        .collect();
    ui.painter().add(egui::Shape::convex_polygon(
        pts.clone(),
        c(s.colour),
        Stroke::NONE,
    ));
    ui.painter().add(egui::Shape::closed_line(
        pts,
        Stroke::new(1.0, ui.visuals().text_color()),
    ));
}

/// A tie kind's swatch, `size` points tall: a line in its colour and dash.
pub fn tie_swatch(ui: &mut egui::Ui, k: &crate::model::TieKind, size: f32) {
    let (rect, _) = ui.allocate_exact_size(vec2(size * 1.75, size), Sense::hover());
    let stroke = Stroke::new(size * 0.16, c(k.colour));
    let (a, b) = (rect.left_center(), rect.right_center());
    match k.dash {
        Dash::Solid => {
            ui.painter().line_segment([a, b], stroke);
        }
        Dash::Dashed => {
            ui.painter()
                .add(egui::Shape::dashed_line(&[a, b], stroke, 6.0, 4.0));
        }
        Dash::Dotted => {
            ui.painter()
                .add(egui::Shape::dotted_line(&[a, b], c(k.colour), 4.0, 1.3));
        }
        Dash::DashDot => {
            ui.painter().add(egui::Shape::dashed_line_with_offset(
                &[a, b],
                stroke,
                &[6.0, 2.0],
                &[3.0, 3.0],
                0.0,
            ));
        }
    }
}

/// Draws the legend; toggling a box changes `filters`. Returns the group
/// (tag) whose members the user asked to select, if any.
pub fn legend_ui(
    ui: &mut egui::Ui,
    network: &Network,
    counts: &LegendCounts,
    filters: &mut Filters,
) -> Option<String> {
    let mut picked = None;
    // Always there (greyed out when nothing is hidden), so the rows below
    // never move when a box is unticked.
    if ui
        .add_enabled(!filters.is_empty(), egui::Button::new("Show all"))
        .on_hover_text("Clear every filter: show all sectors, kinds, stances and ties")
        .on_disabled_hover_text("Nothing is hidden")
        .clicked()
    {
        *filters = Filters::default();
    }
    ui.heading("Sectors");
    let sectors: Vec<String> = network
        .sectors
        .iter()
        .filter(|s| counts.sectors.get(&s.name).is_some_and(|n| *n > 0))
        .map(|s| s.name.clone())
        .collect();
    for s in &network.sectors {
        let count = counts.sectors.get(&s.name).copied().unwrap_or(0);
        if count == 0 {
            continue;
        }
        ui.horizontal(|ui| {
            let boxed = toggle(
                ui,
                &mut filters.hidden_sectors,
                &s.name,
                &sectors,
                "",
                "Show or hide this sector on the map (Alt-click: show only this; right-click for more)",
            );
            row_menu(&boxed, &mut filters.hidden_sectors, &s.name, &sectors, "sector");
            sector_swatch(ui, s, 16.0);
            let label = row_label(ui, &format!("{} ({count})", s.name));
            row_menu(&label, &mut filters.hidden_sectors, &s.name, &sectors, "sector");
        });
    }
    ui.add_space(8.0);
    ui.heading("Ties");
    let kinds: Vec<String> = network
        .tie_kinds
        .iter()
        .filter(|k| counts.tie_kinds.get(&k.name).is_some_and(|n| *n > 0))
        .map(|k| k.name.clone())
        .collect();
    for k in &network.tie_kinds {
        let count = counts.tie_kinds.get(&k.name).copied().unwrap_or(0);
        if count == 0 {
            continue;
        }
        ui.horizontal(|ui| {
            let boxed = toggle(
                ui,
                &mut filters.hidden_kinds,
                &k.name,
                &kinds,
                "",
                "Show or hide this kind of tie (Alt-click: show only this; right-click for more)",
            );
            row_menu(
                &boxed,
                &mut filters.hidden_kinds,
                &k.name,
                &kinds,
                "tie kind",
            );
            tie_swatch(ui, k, 16.0);
            let arrow = if k.directed { ", directed" } else { "" };
            let label = row_label(ui, &format!("{}{arrow} ({count})", k.name));
            row_menu(
                &label,
                &mut filters.hidden_kinds,
                &k.name,
                &kinds,
                "tie kind",
            );
        });
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new("Kinds of actor")
        .default_open(!filters.hidden_actor_kinds.is_empty())
        .show(ui, |ui| {
            let all: Vec<ActorKind> = counts.actor_kinds.keys().copied().collect();
            for (kind, count) in &counts.actor_kinds {
                toggle(
                    ui,
                    &mut filters.hidden_actor_kinds,
                    kind,
                    &all,
                    &format!("{} ({count})", enum_label(kind)),
                    "Show or hide this kind of actor",
                );
            }
        });
    egui::CollapsingHeader::new("Stance (private)")
        .default_open(!filters.hidden_stances.is_empty())
        .show(ui, |ui| {
            ui.label("Stance is a private judgement: use this filter in your own preparation, not on a shared screen.");
            let all: Vec<Stance> = counts.stances.keys().copied().collect();
            for (stance, count) in &counts.stances {
                toggle(
                    ui,
                    &mut filters.hidden_stances,
                    stance,
                    &all,
                    &format!("{} ({count})", enum_label(stance)),
                    "Show or hide actors with this stance",
                );
            }
        });
    if !counts.tags.is_empty() {
        egui::CollapsingHeader::new("Groups")
            .default_open(true)
            .show(ui, |ui| {
                for (tag, n) in &counts.tags {
                    if ui
                        .add(egui::Label::new(format!("{tag} ({n})")).truncate().sense(Sense::click()))
                        .on_hover_text("A group saved on the map (a tag its members carry): click to select them")
                        .clicked()
                    {
                        picked = Some(tag.clone());
                    }
                }
            });
    }
    picked
}

/// The legend's line on what an actor's size shows (`text`, e.g.
/// "Size: betweenness"), a small and a large circle beside it, `hover`
/// explaining the scale, and an optional `note` underneath (e.g. that the
/// sizes are being worked out again).
pub fn size_key_ui(ui: &mut egui::Ui, text: &str, hover: &str, note: Option<&str>) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(28.0, 16.0), Sense::hover());
        let colour = ui.visuals().text_color();
        let stroke = Stroke::new(1.0, colour);
        ui.painter()
            .circle_stroke(rect.left_center() + vec2(4.0, 0.0), 3.0, stroke);
        ui.painter()
            .circle_stroke(rect.right_center() - vec2(7.5, 0.0), 7.0, stroke);
        ui.label(egui::RichText::new(text).strong())
            .on_hover_text(hover);
    });
    if let Some(note) = note {
        ui.label(egui::RichText::new(note).weak().italics());
    }
    ui.add_space(8.0);
}
