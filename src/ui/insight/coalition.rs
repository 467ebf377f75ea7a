//! The coalition builder (Ctrl+3): who should be in the first core group.
//! Size, the four weights, must-include and exclude (from the map's
//! selection), minimum sectors, sceptics and patient voice; the members
//! with the reasons for each (the coalition lights up on the map with its
//! reach), the sectors left out, the next ring and the sceptics worth
//! winning over, and "Save as group".

use super::{Freshness, InsightEvent, InsightPanel, and_list, heading_ui, name_of, person_ui};
use crate::analysis::CoalitionOptions;
use crate::jobs::insight::CoalitionInsight;
use crate::model::{ActorId, Network};
use egui::RichText;
use std::collections::BTreeSet;

/// The panel's own state: the options (what the job runs with) and the
/// name for "Save as group".
#[derive(Clone, Debug, PartialEq)]
pub struct CoalitionState {
    /// The options, as `bridgework coalition MAP --size 6` by default.
    pub options: CoalitionOptions,
    /// The name a saved group gets.
    pub group_name: String,
}

impl Default for CoalitionState {
    fn default() -> Self {
        Self {
            options: CoalitionOptions {
                size: 6,
                ..Default::default()
            },
            group_name: "Core group".to_owned(),
        }
    }
}

/// A list of people with a × to take each off.
fn people_list_ui(ui: &mut egui::Ui, network: &Network, list: &mut Vec<ActorId>, what: &str) {
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        for (i, id) in list.iter().enumerate() {
            if ui
                .small_button(format!("{} ×", name_of(network, id)))
                .on_hover_text(format!("Take {} off the {what} list", name_of(network, id)))
                .clicked()
            {
                remove = Some(i);
            }
        }
    });
    if let Some(i) = remove {
        list.remove(i);
    }
}

/// The coalition panel. `selection`: the actors selected on the map (for
/// must-include and exclude); `private`: hide stances (projection).
pub fn coalition_ui(
    ui: &mut egui::Ui,
    network: &Network,
    result: Option<&CoalitionInsight>,
    fresh: Freshness,
    state: &mut CoalitionState,
    selection: &BTreeSet<ActorId>,
    private: bool,
) -> Vec<InsightEvent> {
    let mut events = Vec::new();
    heading_ui(ui, InsightPanel::Coalition, fresh);
    let o = &mut state.options;
    let sectors = network.sectors.len().max(1);
    egui::Grid::new("coalition_options")
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label("Size");
            ui.add(egui::Slider::new(&mut o.size, 1..=20))
                .on_hover_text("How many people the core group has");
            ui.end_row();
            for (label, w, tip) in [
                (
                    "Willingness",
                    &mut o.weights.willingness,
                    if private {
                        "How much each member's willingness counts"
                    } else {
                        "How much a champion's or supporter's stance counts"
                    },
                ),
                (
                    "Influence",
                    &mut o.weights.influence,
                    "How much network standing (PageRank and betweenness) counts",
                ),
                (
                    "Reach",
                    &mut o.weights.reach,
                    "How much the group's reach within two steps counts",
                ),
                (
                    "Diversity",
                    &mut o.weights.diversity,
                    "How much spanning sectors and professions counts",
                ),
            ] {
                ui.label(label);
                ui.add(egui::Slider::new(w, 0.0..=3.0).step_by(0.1))
                    .on_hover_text(tip);
                ui.end_row();
            }
            ui.label("Min. sectors");
            ui.add(egui::Slider::new(&mut o.min_sectors, 0..=sectors))
                .on_hover_text("The group spans at least this many sectors (0: no minimum)");
            ui.end_row();
        });
    // Who is a sceptic is a private judgement: not an option in front of
    // a room.
    if !private {
        ui.checkbox(&mut o.include_sceptics, "Include sceptics")
            .on_hover_text("Let sceptical or opposed people be chosen (left out by default)");
    }
    ui.checkbox(&mut o.require_patient_voice, "Patient voice")
        .on_hover_text("The group includes a patient or carer voice when the map has one");
    ui.horizontal(|ui| {
        let some = !selection.is_empty();
        if ui
            .add_enabled(some, egui::Button::new("Must include selection"))
            .on_hover_text("Everyone selected on the map is in the group")
            .on_disabled_hover_text("Select actors on the map first")
            .clicked()
        {
            for id in selection {
                if !o.must_include.contains(id) {
                    o.must_include.push(id.clone());
                }
                o.exclude.retain(|x| x != id);
            }
        }
        if ui
            .add_enabled(some, egui::Button::new("Exclude selection"))
            .on_hover_text("Nobody selected on the map is in the group")
            .on_disabled_hover_text("Select actors on the map first")
            .clicked()
        {
            for id in selection {
                if !o.exclude.contains(id) {
                    o.exclude.push(id.clone());
                }
                o.must_include.retain(|x| x != id);
            }
        }
    });
    if !o.must_include.is_empty() {
        ui.label("Must include:");
        people_list_ui(ui, network, &mut o.must_include, "must-include");
    }
    if !o.exclude.is_empty() {
        ui.label("Excluded:");
        people_list_ui(ui, network, &mut o.exclude, "excluded");
    }
    ui.separator();
    let Some(c) = result else {
        ui.label("Choosing the coalition…");
        return events;
    };
    ui.label(RichText::new(format!("The coalition ({})", c.members.len())).strong());
    for (id, reasons) in &c.members {
        ui.horizontal_wrapped(|ui| {
            person_ui(ui, network, id, &mut events);
            let sector = network
                .actor(id)
                .map(|a| a.sector.clone())
                .unwrap_or_default();
            ui.label(RichText::new(sector).weak());
        });
        let shown: Vec<&String> = reasons
            .iter()
            .filter(|r| !private || !mentions_stance(r))
            .collect();
        for r in shown {
            ui.label(format!("  · {r}"));
        }
    }
    let a = &c.coalition;
    ui.label(format!(
        "Reaches {} people directly and {} within two steps ({:.0}% of the rest of the map).",
        a.reach_one_step,
        a.reach_two_steps,
        a.reach_share * 100.0
    ));
    if !a.sectors_missing.is_empty() {
        ui.label(
            RichText::new(format!(
                "Sectors left out: {}.",
                and_list(&a.sectors_missing)
            ))
            .color(ui.visuals().warn_fg_color),
        );
    }
    for n in &a.notes {
        if !private || !mentions_stance(n) {
            ui.label(RichText::new(n).italics());
        }
    }
    if !c.next_ring.is_empty() {
        ui.label(RichText::new("The next ring: who to approach next").strong());
        ui.horizontal_wrapped(|ui| {
            for p in c.next_ring.iter().take(10) {
                person_ui(ui, network, &p.id, &mut events);
                ui.label(RichText::new(format!("({} ties)", p.ties_to_coalition)).weak());
            }
        });
    }
    if !private && !c.to_win_over.is_empty() {
        ui.label(RichText::new("Sceptics worth winning over").strong())
            .on_hover_text("Sceptical or opposed people tied to the coalition (stance is private: hidden when projecting)");
        ui.horizontal_wrapped(|ui| {
            for p in c.to_win_over.iter().take(8) {
                person_ui(ui, network, &p.id, &mut events);
            }
        });
    }
    ui.separator();
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(&mut state.group_name).desired_width(140.0))
            .on_hover_text(
                "The name of the group: it becomes a tag on each member, kept with the map",
            );
        let name = state.group_name.trim().to_owned();
        if ui
            .add_enabled(
                !name.is_empty() && !c.members.is_empty(),
                egui::Button::new("Save as group"),
            )
            .on_hover_text(
                "Tag each member with this name (one undo step); the legend lists the group",
            )
            .clicked()
        {
            events.push(InsightEvent::SaveGroup {
                name,
                members: c.members.iter().map(|(id, _)| id.clone()).collect(),
            });
        }
    });
    events
}

/// Whether a reason or note names a stance (private in projection).
fn mentions_stance(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "champion",
        "supporter",
        "sceptic",
        "skeptic",
        "opposed",
        "neutral",
        "stance",
        "willing",
    ]
    .iter()
    .any(|w| t.contains(w))
}
