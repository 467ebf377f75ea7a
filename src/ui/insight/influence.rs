//! Influence (Ctrl+5): a ranking bar chart of any measure (click a bar to
//! select the actor), its distribution, and formal position against
//! network standing, naming the hidden influencers and the senior but
//! peripheral with the sentence that explains each. Charts are egui_plot.

use super::{Freshness, InsightEvent, InsightPanel, heading_ui, person_ui};
use crate::jobs::insight::{InfluenceInsight, InfluenceMeasure};
use crate::model::Network;
use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints, Points};

/// The panel's own state.
#[derive(Clone, Debug, PartialEq)]
pub struct InfluenceState {
    /// The measure ranked.
    pub measure: InfluenceMeasure,
    /// How many bars.
    pub top: usize,
    /// Where each bar was drawn last frame, for tests and tools that click
    /// one.
    pub bars: Vec<(crate::model::ActorId, egui::Rect)>,
}

impl Default for InfluenceState {
    fn default() -> Self {
        Self {
            measure: InfluenceMeasure::Betweenness,
            top: 15,
            bars: Vec::new(),
        }
    }
}

/// The actors ranked by `values`, highest first (map order on a tie).
pub fn ranking(values: &[f64], top: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
    order.truncate(top);
    order
}

/// The influence panel.
pub fn influence_ui(
    ui: &mut egui::Ui,
    network: &Network,
    result: Option<&InfluenceInsight>,
    fresh: Freshness,
    state: &mut InfluenceState,
) -> Vec<InsightEvent> {
    let mut events = Vec::new();
    heading_ui(ui, InsightPanel::Influence, fresh);
    let Some(r) = result else {
        ui.label("Working out the measures…");
        return events;
    };
    ui.horizontal(|ui| {
        let label = ui.label("Rank by:");
        egui::ComboBox::from_id_salt("influence_measure")
            .selected_text(state.measure.label())
            .show_ui(ui, |ui| {
                for m in InfluenceMeasure::ALL {
                    ui.selectable_value(&mut state.measure, m, m.label())
                        .on_hover_text(m.meaning());
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(state.measure.meaning());
    });
    let width = (ui.available_width() - 8.0).max(160.0);
    match r.values_of(state.measure) {
        None => {
            ui.label(format!(
                "{} is not defined on this map (it needs a map in one piece with mutual ties); pick another measure.",
                state.measure.label()
            ));
        }
        Some(values) => {
            let order = ranking(values, state.top);
            let n = order.len();
            // Highest at the top: bar i (from the top) sits at y = n − 1 − i.
            let bars: Vec<Bar> = order
                .iter()
                .enumerate()
                .map(|(i, &v)| {
                    let name = r
                        .ids
                        .get(v)
                        .map(|id| super::name_of(network, id))
                        .unwrap_or_default();
                    Bar::new((n - 1 - i) as f64, values[v])
                        .name(name)
                        .width(0.75)
                })
                .collect();
            let names: Vec<String> = order
                .iter()
                .map(|&v| {
                    r.ids
                        .get(v)
                        .map(|id| super::name_of(network, id))
                        .unwrap_or_default()
                })
                .collect();
            let response = Plot::new("influence_ranking")
                .width(width)
                .height(18.0 * n as f32 + 40.0)
                .allow_drag(false)
                .allow_zoom(false)
                .allow_scroll(false)
                .allow_boxed_zoom(false)
                .show_grid([true, false])
                .y_grid_spacer(move |_| {
                    (0..n)
                        .map(|i| egui_plot::GridMark {
                            value: i as f64,
                            step_size: 1.0,
                        })
                        .collect()
                })
                .custom_y_axes(vec![
                    egui_plot::AxisHints::new_y()
                        .label_spacing(8.0..=12.0)
                        .min_thickness(110.0)
                        .formatter(move |m, _| {
                            let i = m.value.round();
                            if (m.value - i).abs() > 0.01 || i < 0.0 {
                                return String::new();
                            }
                            let k = n.checked_sub(1 + i as usize);
                            k.and_then(|k| names.get(k))
                                .map(|s| s.chars().take(18).collect())
                                .unwrap_or_default()
                        }),
                ])
                .show(ui, |plot| {
                    plot.bar_chart(
                        BarChart::new(state.measure.label(), bars)
                            .horizontal()
                            .color(Color32::from_rgb(0x00, 0x72, 0xB2)),
                    );
                    plot.response()
                        .clicked()
                        .then(|| plot.pointer_coordinate())
                        .flatten()
                });
            state.bars = order
                .iter()
                .enumerate()
                .filter_map(|(i, &v)| {
                    let y = (n - 1 - i) as f64;
                    let rect = response.transform.rect_from_values(
                        &egui_plot::PlotPoint::new(0.0, y - 0.375),
                        &egui_plot::PlotPoint::new(values[v], y + 0.375),
                    );
                    Some((r.ids.get(v)?.clone(), rect))
                })
                .collect();
            if let Some(p) = response.inner {
                let i = p.y.round();
                if i >= 0.0 && (p.y - i).abs() <= 0.4 {
                    let k = n.checked_sub(1 + i as usize);
                    if let Some(id) = k.and_then(|k| order.get(k)).and_then(|&v| r.ids.get(v)) {
                        events.push(InsightEvent::Centre(id.clone()));
                    }
                }
            }
            distribution_ui(ui, values, state.measure, width);
        }
    }
    ui.separator();
    scatter_ui(ui, r, width);
    ui.label(RichText::new("Hidden influencers").strong())
        .on_hover_text("More central in the network than their formal position suggests");
    if let Some(note) = &r.hidden.note {
        ui.label(RichText::new(note).italics());
    } else if r.hidden_influencers.is_empty() {
        ui.label("None stand out.");
    }
    for s in &r.hidden_influencers {
        ui.horizontal_wrapped(|ui| {
            person_ui(ui, network, &s.id, &mut events);
        });
        ui.label(&s.sentence);
    }
    ui.label(RichText::new("Senior but peripheral").strong())
        .on_hover_text("Senior on the org chart, on the edge of the network");
    if r.hidden.note.is_none() && r.peripheral_seniors.is_empty() {
        ui.label("None stand out.");
    }
    for s in &r.peripheral_seniors {
        ui.horizontal_wrapped(|ui| {
            person_ui(ui, network, &s.id, &mut events);
        });
        ui.label(&s.sentence);
    }
    events
}

/// A histogram of `values` in ten bins.
fn distribution_ui(ui: &mut egui::Ui, values: &[f64], measure: InfluenceMeasure, width: f32) {
    let (lo, hi) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
            (a.min(v), b.max(v))
        });
    if !lo.is_finite() || !hi.is_finite() {
        return;
    }
    let bins = 10usize;
    let span = (hi - lo).max(f64::EPSILON);
    let mut counts = vec![0usize; bins];
    for &v in values {
        let b = (((v - lo) / span) * bins as f64).floor() as usize;
        if let Some(c) = counts.get_mut(b.min(bins - 1)) {
            *c += 1;
        }
    }
    let step = span / bins as f64;
    let bars: Vec<Bar> = counts
        .iter()
        .enumerate()
        .map(|(i, &c)| Bar::new(lo + step * (i as f64 + 0.5), c as f64).width(step * 0.9))
        .collect();
    ui.label(RichText::new(format!("How {} is spread", measure.label())).weak());
    Plot::new("influence_distribution")
        .width(width)
        .height(110.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("actors", bars).color(Color32::from_gray(150)));
        });
}

/// Formal position against network standing, with the fitted line; the
/// hidden influencers and peripheral seniors in colour.
fn scatter_ui(ui: &mut egui::Ui, r: &InfluenceInsight, width: f32) {
    let Some(standing) = r.values_of(InfluenceMeasure::Standing) else {
        return;
    };
    ui.label(RichText::new("Formal position against network standing").weak())
        .on_hover_text("Each dot an actor with a formal position (1 frontline … 5 board); the line is what position predicts");
    let hidden: std::collections::BTreeSet<usize> =
        r.hidden.hidden.iter().map(|s| s.node).collect();
    let seniors: std::collections::BTreeSet<usize> =
        r.hidden.peripheral_seniors.iter().map(|s| s.node).collect();
    let mut plain = Vec::new();
    let mut high = Vec::new();
    let mut low = Vec::new();
    for (v, p) in r.positions.iter().enumerate() {
        let (Some(p), Some(&s)) = (p, standing.get(v)) else {
            continue;
        };
        // A little spread sideways, so people at one position do not hide
        // each other (deterministic).
        let jitter = ((v * 37 % 11) as f64 - 5.0) * 0.03;
        let point = [f64::from(*p) + jitter, s];
        if hidden.contains(&v) {
            high.push(point);
        } else if seniors.contains(&v) {
            low.push(point);
        } else {
            plain.push(point);
        }
    }
    if plain.is_empty() && high.is_empty() && low.is_empty() {
        ui.label("Nobody has a formal position recorded yet (the inspector's Formal position).");
        return;
    }
    Plot::new("influence_scatter")
        .width(width)
        .height(200.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_x(0.5)
        .include_x(5.5)
        .include_y(0.0)
        .include_y(1.0)
        .x_axis_label("formal position")
        .y_axis_label("standing")
        .show(ui, |plot| {
            if let Some((a, b)) = r.hidden.fit {
                let line: PlotPoints = vec![[1.0, a + b], [5.0, a + 5.0 * b]].into();
                plot.line(Line::new("what position predicts", line).color(Color32::from_gray(120)));
            }
            plot.add(
                Points::new("actors", plain)
                    .radius(3.0)
                    .color(Color32::from_gray(140)),
            );
            plot.add(
                Points::new("hidden influencers", high)
                    .radius(5.0)
                    .color(HIDDEN),
            );
            plot.add(
                Points::new("senior but peripheral", low)
                    .radius(5.0)
                    .color(SENIOR),
            );
        });
    // The key under the chart, where it hides no dot.
    ui.horizontal_wrapped(|ui| {
        key_item(ui, Color32::from_gray(140), 3.0, "actors");
        key_item(ui, HIDDEN, 5.0, "hidden influencers");
        key_item(ui, SENIOR, 5.0, "senior but peripheral");
        if r.hidden.fit.is_some() {
            key_item(ui, Color32::from_gray(120), 0.0, "what position predicts");
        }
    });
}

/// The colour of hidden influencers' dots.
const HIDDEN: Color32 = Color32::from_rgb(0x00, 0x9E, 0x73);
/// The colour of senior but peripheral actors' dots.
const SENIOR: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);

/// One entry of the scatter's key: a dot of `radius` (a short line when
/// 0) in `colour`, then `text`.
fn key_item(ui: &mut egui::Ui, colour: Color32, radius: f32, text: &str) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
    if radius > 0.0 {
        ui.painter().circle_filled(rect.center(), radius, colour);
    } else {
        ui.painter().line_segment(
            [rect.left_center(), rect.right_center()],
            egui::Stroke::new(1.5, colour),
        );
    }
    ui.label(RichText::new(text).small());
    ui.add_space(6.0);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranking_is_highest_first_and_stable() {
        assert_eq!(ranking(&[1.0, 3.0, 3.0, 2.0], 3), vec![1, 2, 3]);
        assert_eq!(ranking(&[], 3), Vec::<usize>::new());
    }
}
