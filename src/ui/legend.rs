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
}

impl LegendCounts {
    /// Counts `network`.
    pub fn of(network: &Network) -> Self {
        let mut c = LegendCounts::default();
        for a in network.actors() {
            *c.sectors.entry(a.sector.clone()).or_default() += 1;
            *c.actor_kinds.entry(a.kind).or_default() += 1;
            *c.stances.entry(a.stance).or_default() += 1;
        }
        for t in network.ties() {
            *c.tie_kinds.entry(t.kind.clone()).or_default() += 1;
        }
        c
    }
}

/// A show/hide box for one value of a set-valued filter.
fn toggle<T: Ord + Clone>(
    ui: &mut egui::Ui,
    hidden: &mut BTreeSet<T>,
    value: &T,
    label: &str,
    tip: &str,
) {
    let mut shown = !hidden.contains(value);
    if ui.checkbox(&mut shown, label).on_hover_text(tip).changed() {
        if shown {
            hidden.remove(value);
        } else {
            hidden.insert(value.clone());
        }
    }
}

fn c(colour: crate::model::Colour) -> Color32 {
    Color32::from_rgb(colour.r, colour.g, colour.b)
}

/// Draws the legend; toggling a box changes `filters`.
pub fn legend_ui(
    ui: &mut egui::Ui,
    network: &Network,
    counts: &LegendCounts,
    filters: &mut Filters,
) {
    if !filters.is_empty()
        && ui
            .button("Show all")
            .on_hover_text("Clear every filter: show all sectors, kinds, stances and ties")
            .clicked()
    {
        *filters = Filters::default();
    }
    ui.heading("Sectors");
    for s in &network.sectors {
        let count = counts.sectors.get(&s.name).copied().unwrap_or(0);
        if count == 0 {
            continue;
        }
        ui.horizontal(|ui| {
            toggle(
                ui,
                &mut filters.hidden_sectors,
                &s.name,
                "",
                "Show or hide this sector on the map",
            );
            let (rect, _) = ui.allocate_exact_size(vec2(16.0, 16.0), Sense::hover());
            let pts: Vec<egui::Pos2> = outline(s.shape)
                .into_iter()
                .map(|[x, y]| rect.center() + vec2(x, y) * 6.5)
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
            ui.label(format!("{} ({count})", s.name));
        });
    }
    ui.add_space(8.0);
    ui.heading("Ties");
    for k in &network.tie_kinds {
        let count = counts.tie_kinds.get(&k.name).copied().unwrap_or(0);
        if count == 0 {
            continue;
        }
        ui.horizontal(|ui| {
            toggle(
                ui,
                &mut filters.hidden_kinds,
                &k.name,
                "",
                "Show or hide this kind of tie",
            );
            let (rect, _) = ui.allocate_exact_size(vec2(28.0, 16.0), Sense::hover());
            let stroke = Stroke::new(2.5, c(k.colour));
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
            let arrow = if k.directed { ", directed" } else { "" };
            ui.label(format!("{}{arrow} ({count})", k.name));
        });
    }
    ui.add_space(8.0);
    egui::CollapsingHeader::new("Kinds of actor")
        .default_open(!filters.hidden_actor_kinds.is_empty())
        .show(ui, |ui| {
            for (kind, count) in &counts.actor_kinds {
                toggle(
                    ui,
                    &mut filters.hidden_actor_kinds,
                    kind,
                    &format!("{} ({count})", enum_label(kind)),
                    "Show or hide this kind of actor",
                );
            }
        });
    egui::CollapsingHeader::new("Stance (private)")
        .default_open(!filters.hidden_stances.is_empty())
        .show(ui, |ui| {
            ui.label("Stance is a private judgement: use this filter in your own preparation, not on a shared screen.");
            for (stance, count) in &counts.stances {
                toggle(
                    ui,
                    &mut filters.hidden_stances,
                    stance,
                    &format!("{} ({count})", enum_label(stance)),
                    "Show or hide actors with this stance",
                );
            }
        });
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
