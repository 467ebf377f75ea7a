//! Brokers (Ctrl+2): actors ranked by Gould–Fernandez brokerage between
//! sectors, each with its strongest role (also marked on the map), the
//! sentence that says what it links, and Burt's constraint beside it.

use super::{Freshness, InsightEvent, InsightPanel, heading_ui, person_ui};
use crate::analysis::Role;
use crate::jobs::insight::BrokersInsight;
use crate::model::Network;
use egui::RichText;

/// The panel's own state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokersState {
    /// How many brokers are listed.
    pub shown: usize,
}

impl Default for BrokersState {
    fn default() -> Self {
        Self { shown: 15 }
    }
}

/// The one-letter mark the canvas puts on a broker, and its meaning.
pub fn role_mark(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Liaison => ("L", "liaison: links two other sectors"),
        Role::Representative => ("R", "representative: carries their own sector's word out"),
        Role::Gatekeeper => ("G", "gatekeeper: brings word into their own sector"),
        Role::Itinerant => ("I", "itinerant: links two people of another sector"),
        Role::Coordinator => ("C", "coordinator: links people within their own sector"),
    }
}

/// The brokers panel.
pub fn brokers_ui(
    ui: &mut egui::Ui,
    network: &Network,
    result: Option<&BrokersInsight>,
    fresh: Freshness,
    state: &mut BrokersState,
) -> Vec<InsightEvent> {
    let mut events = Vec::new();
    heading_ui(ui, InsightPanel::Brokers, fresh);
    let Some(b) = result else {
        ui.label("Working out who brokers…");
        return events;
    };
    if b.rows.is_empty() {
        ui.label("Nobody brokers a path yet: brokers stand between people who are not tied to each other.");
        return events;
    }
    ui.label(
        RichText::new("Marked on the map by their strongest role: L liaison, R representative, G gatekeeper, I itinerant, C coordinator. Low constraint: contacts who are not tied to each other, so the broker hears different things.")
            .weak(),
    );
    ui.add_space(4.0);
    for (rank, row) in b.rows.iter().take(state.shown).enumerate() {
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{}.", rank + 1)).monospace());
            let (mark, meaning) = role_mark(row.strongest);
            ui.label(RichText::new(mark).strong().monospace())
                .on_hover_text(format!("Strongest role: {meaning}"));
            person_ui(ui, network, &row.id, &mut events);
            ui.label(RichText::new(format!("{} paths", row.paths)).weak());
            if let Some(c) = row.constraint {
                ui.label(RichText::new(format!("constraint {c:.2}")).weak())
                    .on_hover_text("Burt's constraint: 0 open, 1 closed in by contacts who all know each other");
            }
        });
        ui.label(&row.sentence);
        ui.add_space(2.0);
    }
    if b.rows.len() > state.shown
        && ui
            .button(format!("Show more ({} in all)", b.rows.len()))
            .on_hover_text("List fifteen more brokers")
            .clicked()
    {
        state.shown += 15;
    }
    events
}
