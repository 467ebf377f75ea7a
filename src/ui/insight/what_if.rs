//! What if (Ctrl+4): mark actors as leaving (this panel, the inspector,
//! right-click on the map, or L) and see who would be cut off (red on the
//! map), how far the map would fragment, the cross-sector ties lost and
//! the sectors no path would join any more. The single points of failure
//! and the key-player set are a click away. Leaving is a view: the map is
//! unchanged until someone edits it.

use super::{Freshness, InsightEvent, InsightPanel, and_list, heading_ui, name_of, person_ui};
use crate::jobs::insight::{ResilienceInsight, WhatIf};
use crate::model::{ActorId, Network};
use egui::RichText;
use std::collections::BTreeSet;

/// The panel's own state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhatIfState {
    /// Light up articulation points and bridges on the map.
    pub show_weak_points: bool,
    /// The size of the key-player set.
    pub key_players: usize,
}

impl Default for WhatIfState {
    fn default() -> Self {
        Self {
            show_weak_points: false,
            key_players: 3,
        }
    }
}

/// The what-if panel.
#[allow(clippy::too_many_arguments)]
pub fn what_if_ui(
    ui: &mut egui::Ui,
    network: &Network,
    leaving: &BTreeSet<ActorId>,
    result: Option<&WhatIf>,
    weak: Option<&ResilienceInsight>,
    fresh: Freshness,
    state: &mut WhatIfState,
    selection: &BTreeSet<ActorId>,
) -> Vec<InsightEvent> {
    let mut events = Vec::new();
    heading_ui(ui, InsightPanel::WhatIf, fresh);
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(!selection.is_empty(), egui::Button::new("Mark selection as leaving"))
            .on_hover_text("See what happens if the selected actors leave (L on the map); the map itself is not changed")
            .on_disabled_hover_text("Select one or more actors on the map first")
            .clicked()
        {
            let mut all = leaving.clone();
            all.extend(selection.iter().cloned());
            events.push(InsightEvent::SetLeaving(all));
        }
        if ui
            .add_enabled(!leaving.is_empty(), egui::Button::new("Clear"))
            .on_hover_text("Nobody leaves: the map as it is")
            .clicked()
        {
            events.push(InsightEvent::SetLeaving(BTreeSet::new()));
        }
    });
    if leaving.is_empty() {
        ui.label("Nobody is marked as leaving.");
    } else {
        let names: Vec<String> = leaving.iter().map(|id| name_of(network, id)).collect();
        ui.label(
            RichText::new(format!(
                "If {} leave{}:",
                and_list(&names),
                if leaving.len() == 1 { "s" } else { "" }
            ))
            .strong(),
        );
        match result {
            Some(w) if w.leaving == *leaving => impact_ui(ui, network, w, &mut events),
            _ => {
                ui.label("Working it out…");
            }
        }
    }
    ui.separator();
    ui.checkbox(&mut state.show_weak_points, "Show single points of failure")
        .on_hover_text("Light up on the map the actors and ties whose loss alone would split a piece of the map");
    match weak {
        Some(r) => {
            if r.articulation_points.is_empty() {
                ui.label("No single actor's leaving splits the map.");
            } else {
                ui.label(format!(
                    "{} actor{} whose leaving alone would split the map:",
                    r.articulation_points.len(),
                    if r.articulation_points.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                ));
                ui.horizontal_wrapped(|ui| {
                    for id in r.articulation_points.iter().take(20) {
                        person_ui(ui, network, id, &mut events);
                    }
                });
            }
            if !r.bridges.is_empty() {
                ui.label(format!(
                    "{} ties whose loss alone would split it.",
                    r.bridges.len()
                ));
            }
            ui.horizontal(|ui| {
                ui.label("Key players:");
                ui.add(egui::Slider::new(&mut state.key_players, 1..=10))
                    .on_hover_text(
                        "How many people: the set whose loss would fragment the map most",
                    );
            });
            if !r.key_players.is_empty() {
                let names: Vec<String> = r
                    .key_players
                    .iter()
                    .map(|id| name_of(network, id))
                    .collect();
                ui.label(format!(
                    "Losing {} would fragment the map most (fragmentation {:.2}).",
                    and_list(&names),
                    r.key_player_scores.fragmentation
                ));
                if ui
                    .button("Mark key players as leaving")
                    .on_hover_text("See what losing them would do")
                    .clicked()
                {
                    events.push(InsightEvent::SetLeaving(
                        r.key_players.iter().cloned().collect(),
                    ));
                }
            }
        }
        None => {
            ui.label("Finding the single points of failure…");
        }
    }
    events
}

fn impact_ui(ui: &mut egui::Ui, network: &Network, w: &WhatIf, events: &mut Vec<InsightEvent>) {
    let i = &w.impact;
    ui.label(format!(
        "Fragmentation {:.2} to {:.2} (0: everyone can reach everyone; 1: nobody can).",
        i.before.fragmentation, i.after.fragmentation
    ));
    ui.label(format!(
        "Pieces of the map: {} to {}.",
        w.pieces.0, w.pieces.1
    ));
    if w.cut_off.is_empty() {
        ui.label("Nobody would be cut off from the rest of their piece of the map.");
    } else {
        ui.label(
            RichText::new(format!(
                "{} would be cut off (red on the map):",
                super::count(w.cut_off.len(), "actor", "actors")
            ))
            .color(ui.visuals().error_fg_color),
        );
        ui.horizontal_wrapped(|ui| {
            for id in w.cut_off.iter().take(24) {
                person_ui(ui, network, id, events);
            }
            if w.cut_off.len() > 24 {
                ui.label(format!("and {} more", w.cut_off.len() - 24));
            }
        });
        if ui
            .small_button("Select them")
            .on_hover_text("Select the cut-off actors on the map")
            .clicked()
        {
            events.push(InsightEvent::SelectActors(
                w.cut_off.iter().cloned().collect(),
            ));
        }
    }
    ui.label(format!(
        "{} ties lost, {} of them between sectors.",
        i.ties_lost,
        i.cross_group_ties_lost.len()
    ));
    for (a, b) in &w.sectors_cut_apart {
        ui.label(
            RichText::new(format!("No path would join {a} and {b} any more."))
                .color(ui.visuals().error_fg_color),
        );
    }
    let severed: Vec<String> = i
        .severed_group_pairs()
        .filter_map(|g| {
            let (x, y) = (
                w.sectors.names.get(g.groups.0)?,
                w.sectors.names.get(g.groups.1)?,
            );
            Some(format!("{x} – {y}"))
        })
        .collect();
    if !severed.is_empty() {
        ui.label(format!(
            "Sector pairs left with no direct tie: {}.",
            and_list(&severed)
        ));
    }
}
