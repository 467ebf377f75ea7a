//! The insight panels: one file per question the panels answer (silo map,
//! brokers, coalition builder, what if, influence, communities). Each
//! reads the map and a result worked out in the background
//! (`jobs::insight`) and returns [`InsightEvent`]s for the app to carry
//! out; none changes the map itself. Charts are egui_plot.

pub mod brokers;
pub mod coalition;
pub mod communities;
pub mod influence;
pub mod silo;
pub mod what_if;

use crate::model::{ActorId, Network, TieId};
use std::collections::BTreeSet;

/// The panels, in their shortcut order (Ctrl+1 … Ctrl+6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum InsightPanel {
    /// Which sectors barely talk to each other, and who bridges them?
    Silo,
    /// Who links which sectors?
    Brokers,
    /// Who should be in the first core group?
    Coalition,
    /// What if she leaves?
    WhatIf,
    /// Who is central, and who is a hidden influencer?
    Influence,
    /// What are the natural clusters?
    Communities,
}

impl InsightPanel {
    /// Every panel, in tab order.
    pub const ALL: [InsightPanel; 6] = [
        InsightPanel::Silo,
        InsightPanel::Brokers,
        InsightPanel::Coalition,
        InsightPanel::WhatIf,
        InsightPanel::Influence,
        InsightPanel::Communities,
    ];

    /// The tab's title.
    pub fn title(self) -> &'static str {
        match self {
            InsightPanel::Silo => "Silo map",
            InsightPanel::Brokers => "Brokers",
            InsightPanel::Coalition => "Coalition",
            InsightPanel::WhatIf => "What if",
            InsightPanel::Influence => "Influence",
            InsightPanel::Communities => "Communities",
        }
    }

    /// The question it answers.
    pub fn question(self) -> &'static str {
        match self {
            InsightPanel::Silo => "Which sectors barely talk to each other, and who bridges them?",
            InsightPanel::Brokers => "Who carries word between sectors?",
            InsightPanel::Coalition => "Who should be in the first core group?",
            InsightPanel::WhatIf => "What happens if they leave?",
            InsightPanel::Influence => "Who is central, and who is more central than their role?",
            InsightPanel::Communities => {
                "What are the natural clusters, and do they follow sectors?"
            }
        }
    }
}

/// What a panel asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum InsightEvent {
    /// Select these actors on the map.
    SelectActors(Vec<ActorId>),
    /// Select this actor and centre the map on it.
    Centre(ActorId),
    /// Mark these actors as leaving (a view; the map is not changed).
    SetLeaving(BTreeSet<ActorId>),
    /// Store this set on the map as a named group (a tag on each member).
    SaveGroup {
        /// The group's name.
        name: String,
        /// Its members.
        members: Vec<ActorId>,
    },
    /// Light up these ties and actors on the canvas (a silo cell), or
    /// nothing (`None`).
    Highlight(Option<(Vec<TieId>, Vec<ActorId>)>),
}

/// Whether the result on show is for the map as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Freshness {
    /// The result is for the map and options as they are now.
    pub current: bool,
    /// A job is working on a newer one.
    pub working: bool,
}

/// The line under a panel's heading: "updating…" while a newer result is
/// being worked out, "from before the last change" if one is due.
pub fn freshness_ui(ui: &mut egui::Ui, f: Freshness) {
    if f.current {
        return;
    }
    let text = if f.working {
        "updating…"
    } else {
        "from before the last change"
    };
    ui.label(egui::RichText::new(text).italics().weak())
        .on_hover_text("The figures below are for the map as it was; new ones are on their way");
}

/// The panel's heading: its question, and how fresh the answer is.
/// `s` with its first letter upper-case, to start a sentence.
pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A panel whose analysis failed: its question, and why, as a sentence.
pub fn failure_ui(ui: &mut egui::Ui, panel: InsightPanel, why: &str) {
    heading_ui(
        ui,
        panel,
        Freshness {
            current: true,
            working: false,
        },
    );
    ui.colored_label(ui.visuals().warn_fg_color, capitalise(why));
}

pub fn heading_ui(ui: &mut egui::Ui, panel: InsightPanel, f: Freshness) {
    ui.label(egui::RichText::new(panel.question()).strong());
    freshness_ui(ui, f);
    ui.add_space(4.0);
}

/// An actor's name, or its id if it has gone.
pub fn name_of(network: &Network, id: &ActorId) -> String {
    network
        .actor(id)
        .map(|a| a.name.clone())
        .unwrap_or_else(|| id.to_string())
}

/// A clickable name that selects and centres the actor.
pub fn person_ui(
    ui: &mut egui::Ui,
    network: &Network,
    id: &ActorId,
    events: &mut Vec<InsightEvent>,
) {
    let (name, sector) = network
        .actor(id)
        .map(|a| (a.name.clone(), a.sector.clone()))
        .unwrap_or_else(|| (id.to_string(), String::new()));
    if ui
        .link(name)
        .on_hover_text(format!("{sector}: click to select and centre on the map"))
        .clicked()
    {
        events.push(InsightEvent::Centre(id.clone()));
    }
}

/// `n` and the noun, singular or plural: "1 actor", "3 actors".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "a, b and c".
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(and_list(&s(&[])), "");
        assert_eq!(and_list(&s(&["a"])), "a");
        assert_eq!(and_list(&s(&["a", "b", "c"])), "a, b and c");
    }
}
