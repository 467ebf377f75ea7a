//! The legend: every sector (colour and shape) and tie kind (colour and
//! dash) on the map, with counts and a show/hide box that filters the
//! canvas — so the legend always matches what is drawn.

use super::shapes::outline;
use crate::model::{Dash, Network};
use egui::{Color32, Sense, Stroke, vec2};
use std::collections::BTreeSet;

/// Which sectors and tie kinds are hidden.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Filters {
    /// Hidden sector names.
    pub hidden_sectors: BTreeSet<String>,
    /// Hidden tie-kind names.
    pub hidden_kinds: BTreeSet<String>,
}

fn c(colour: crate::model::Colour) -> Color32 {
    Color32::from_rgb(colour.r, colour.g, colour.b)
}

/// Draws the legend; toggling a box changes `filters`.
pub fn legend_ui(ui: &mut egui::Ui, network: &Network, filters: &mut Filters) {
    ui.heading("Sectors");
    for s in &network.sectors {
        let count = network
            .actors()
            .iter()
            .filter(|a| a.sector == s.name)
            .count();
        if count == 0 {
            continue;
        }
        ui.horizontal(|ui| {
            let mut shown = !filters.hidden_sectors.contains(&s.name);
            if ui
                .checkbox(&mut shown, "")
                .on_hover_text("Show or hide this sector on the map")
                .changed()
            {
                if shown {
                    filters.hidden_sectors.remove(&s.name);
                } else {
                    filters.hidden_sectors.insert(s.name.clone());
                }
            }
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
        let count = network.ties().iter().filter(|t| t.kind == k.name).count();
        if count == 0 {
            continue;
        }
        ui.horizontal(|ui| {
            let mut shown = !filters.hidden_kinds.contains(&k.name);
            if ui
                .checkbox(&mut shown, "")
                .on_hover_text("Show or hide this kind of tie")
                .changed()
            {
                if shown {
                    filters.hidden_kinds.remove(&k.name);
                } else {
                    filters.hidden_kinds.insert(k.name.clone());
                }
            }
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
}
