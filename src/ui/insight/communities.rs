//! Communities (Ctrl+6): clusters found by Louvain, the modularity, how far
//! they follow sector lines, and a legend toggle to colour the map by
//! community instead of sector.

use super::{Freshness, InsightEvent, InsightPanel, heading_ui};
use crate::jobs::insight::CommunitiesInsight;
use egui::{Color32, RichText};

/// The panel's own state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommunitiesState {
    /// Colour actors by community instead of sector.
    pub colour_by_community: bool,
}

/// The colour of community `k`: the sector palette, then generated ones.
pub fn community_colour(k: usize) -> Color32 {
    let c = crate::model::sector_colour(k);
    Color32::from_rgb(c.r, c.g, c.b)
}

/// The communities panel.
pub fn communities_ui(
    ui: &mut egui::Ui,
    result: Option<&CommunitiesInsight>,
    fresh: Freshness,
    state: &mut CommunitiesState,
) -> Vec<InsightEvent> {
    let events = Vec::new();
    heading_ui(ui, InsightPanel::Communities, fresh);
    ui.checkbox(&mut state.colour_by_community, "Colour the map by community")
        .on_hover_text("Each actor takes its community's colour (the legend shows them); shapes still show sectors");
    let Some(c) = result else {
        ui.label("Finding communities…");
        return events;
    };
    ui.label(&c.sentence);
    ui.add_space(4.0);
    for (k, com) in c.communities.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter()
                .circle_filled(rect.center(), 5.5, community_colour(k));
            ui.label(RichText::new(format!("Community {} ({})", k + 1, com.size)).strong());
            let parts: Vec<String> = com
                .sectors
                .iter()
                .take(4)
                .map(|(s, n)| format!("{s} {n}"))
                .collect();
            ui.label(RichText::new(parts.join(", ")).weak());
        });
    }
    events
}
