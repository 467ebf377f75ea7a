//! The silo map (Ctrl+1): which sectors barely talk to each other, and
//! who bridges them. A sector × sector heatmap (tie counts, densities or
//! E-I), the gaps and the fragile links in words, and, for a clicked cell,
//! the ties between the two sectors (lit on the map), the people who
//! bridge them, the sector cut and the introductions that would close a
//! gap. A collapsed view draws each sector as one bubble.

use super::{
    Freshness, InsightEvent, InsightPanel, and_list, capitalise, heading_ui, name_of, person_ui,
};
use crate::analysis::{GapKind, cut_sentence};
use crate::jobs::insight::SiloInsight;
use crate::model::{ActorId, Network, Tie, TieId};
use egui::{Color32, RichText};
use egui_plot::{Heatmap, Line, Plot, PlotPoint, PlotPoints, Points, Text};
use std::collections::{BTreeSet, HashMap};

/// What a heatmap cell shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CellMeasure {
    /// Ties between (within, on the diagonal).
    #[default]
    Counts,
    /// Ties over possible ties.
    Density,
    /// (between − within) / (between + within) for the pair: how far the
    /// two look outward to each other rather than inward; on the diagonal
    /// the sector's own E-I index.
    Ei,
}

/// The panel's own state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SiloState {
    /// What the cells show.
    pub measure: CellMeasure,
    /// The clicked cell: two sector names (the same twice for a diagonal).
    pub cell: Option<(String, String)>,
    /// Sectors as bubbles instead of the matrix.
    pub bubbles: bool,
    /// Where the matrix's cells were drawn last frame (on screen), for
    /// tests and tools that click a cell.
    pub cells_rect: Option<egui::Rect>,
}

impl SiloState {
    /// The screen position of cell (row sector `a`, column sector `b`),
    /// by index in the sector list, as drawn last frame.
    pub fn cell_centre(&self, k: usize, a: usize, b: usize) -> Option<egui::Pos2> {
        let r = self.cells_rect?;
        let w = r.width() / k as f32;
        let h = r.height() / k as f32;
        Some(egui::pos2(
            r.left() + w * (b as f32 + 0.5),
            r.top() + h * (a as f32 + 0.5),
        ))
    }
}

/// The value a cell shows (and colours by), `None` where undefined.
fn cell_value(s: &SiloInsight, measure: CellMeasure, a: usize, b: usize) -> Option<f64> {
    let m = &s.matrix;
    match measure {
        CellMeasure::Counts => Some(m.between(a, b) as f64),
        CellMeasure::Density => m.between_density(a, b),
        CellMeasure::Ei if a == b => s.ei.groups.get(a).and_then(|c| c.index()),
        CellMeasure::Ei => {
            let e = m.between(a, b) as f64;
            let i = (m.between(a, a) + m.between(b, b)) as f64;
            (e + i > 0.0).then(|| (e - i) / (e + i))
        }
    }
}

/// A cell's colour: pale for few ties, deep for many; a gap is drawn in the
/// warning colour so it stands out whatever the measure.
fn cell_colour(
    value: Option<f64>,
    max: f64,
    measure: CellMeasure,
    gap: bool,
    dark: bool,
) -> Color32 {
    let base = if dark {
        Color32::from_rgb(40, 44, 52)
    } else {
        Color32::from_rgb(246, 246, 246)
    };
    let Some(v) = value else {
        return base;
    };
    if gap {
        return Color32::from_rgb(0xD5, 0x5E, 0x00).gamma_multiply(if dark { 0.8 } else { 0.55 });
    }
    let t = match measure {
        CellMeasure::Ei => ((v + 1.0) / 2.0).clamp(0.0, 1.0),
        _ if max > 0.0 => (v / max).clamp(0.0, 1.0).sqrt(),
        _ => 0.0,
    } as f32;
    let deep = Color32::from_rgb(0x00, 0x72, 0xB2);
    base.lerp_to_gamma(deep, 0.12 + 0.88 * t)
}

fn label(measure: CellMeasure, v: Option<f64>) -> String {
    match (measure, v) {
        (_, None) => "–".to_owned(),
        (CellMeasure::Counts, Some(v)) => format!("{v:.0}"),
        (CellMeasure::Density, Some(v)) => format!("{:.0}%", v * 100.0),
        (CellMeasure::Ei, Some(v)) => format!("{v:+.2}"),
    }
}

/// Ties between sectors `a` and `b` (within, if the same) and the actors
/// who bridge them: tied to (or in) both. O(m).
pub fn cell_ties_and_bridgers(
    network: &Network,
    a: &str,
    b: &str,
    counts: &dyn Fn(&Tie) -> bool,
) -> (Vec<TieId>, Vec<ActorId>) {
    let sector: HashMap<&ActorId, &str> = network
        .actors()
        .iter()
        .map(|x| (x.id(), x.sector.as_str()))
        .collect();
    let mut ties = Vec::new();
    let mut touches: HashMap<&ActorId, (bool, bool)> = HashMap::new();
    for t in network.ties().iter().filter(|t| counts(t)) {
        let (Some(&sf), Some(&st)) = (sector.get(t.from()), sector.get(t.to())) else {
            continue;
        };
        if (sf == a && st == b) || (sf == b && st == a) {
            ties.push(t.id().clone());
        }
        for (x, other) in [(t.from(), st), (t.to(), sf)] {
            let e = touches.entry(x).or_default();
            e.0 |= other == a;
            e.1 |= other == b;
        }
    }
    let mut bridgers: Vec<ActorId> = network
        .actors()
        .iter()
        .filter(|x| {
            let (to_a, to_b) = touches.get(x.id()).copied().unwrap_or_default();
            let (in_a, in_b) = (x.sector == a, x.sector == b);
            a != b && (in_a || to_a) && (in_b || to_b) && (to_a || to_b)
        })
        .map(|x| x.id().clone())
        .collect();
    bridgers.sort_by_cached_key(|x| name_of(network, x));
    (ties, bridgers)
}

/// The silo panel.
pub fn silo_ui(
    ui: &mut egui::Ui,
    network: &Network,
    result: Option<&SiloInsight>,
    fresh: Freshness,
    state: &mut SiloState,
    counts: &dyn Fn(&Tie) -> bool,
) -> Vec<InsightEvent> {
    let mut events = Vec::new();
    heading_ui(ui, InsightPanel::Silo, fresh);
    let Some(s) = result else {
        ui.label("Working out the silo map…");
        return events;
    };
    let k = s.sectors.names.len();
    if k < 2 {
        ui.label("The map needs actors in at least two sectors for a silo map.");
        return events;
    }
    ui.horizontal(|ui| {
        for (m, text, tip) in [
            (CellMeasure::Counts, "Ties", "How many ties join the two sectors (within a sector on the diagonal)"),
            (CellMeasure::Density, "Density", "Ties as a share of the ties there could be between the two sectors"),
            (CellMeasure::Ei, "E-I", "−1: the two sectors' ties are all inward, within each sector; +1: all between them. On the diagonal, the sector's own E-I index"),
        ] {
            ui.selectable_value(&mut state.measure, m, text).on_hover_text(tip);
        }
        ui.separator();
        ui.checkbox(&mut state.bubbles, "Sectors as bubbles")
            .on_hover_text("Each sector one bubble sized by its actors, joined by its cross-sector ties (width by count)");
    });
    let gap_pairs: BTreeSet<(usize, usize)> = s
        .gaps
        .gaps
        .iter()
        .map(|g| (g.first.min(g.second), g.first.max(g.second)))
        .collect();
    let clicked = if state.bubbles {
        state.cells_rect = None;
        bubbles_ui(ui, network, s)
    } else {
        let (clicked, rect) = matrix_ui(ui, s, state.measure, &gap_pairs);
        state.cells_rect = Some(rect);
        clicked
    };
    if let Some((a, b)) = clicked {
        let names = (s.sectors.names[a].clone(), s.sectors.names[b].clone());
        if state.cell.as_ref() == Some(&names) {
            state.cell = None;
            events.push(InsightEvent::Highlight(None));
        } else {
            let (ties, bridgers) = cell_ties_and_bridgers(network, &names.0, &names.1, counts);
            events.push(InsightEvent::Highlight(Some((ties, bridgers))));
            state.cell = Some(names);
        }
    }
    if let Some((a, b)) = state.cell.clone() {
        cell_details_ui(ui, network, s, &a, &b, counts, &mut events, state);
    }
    ui.add_space(6.0);
    gaps_ui(ui, network, s, state, counts, &mut events);
    cuts_ui(ui, network, s);
    events
}

/// The heatmap; returns the cell clicked (row, column sector indices) and
/// where the cells are on screen.
fn matrix_ui(
    ui: &mut egui::Ui,
    s: &SiloInsight,
    measure: CellMeasure,
    gaps: &BTreeSet<(usize, usize)>,
) -> (Option<(usize, usize)>, egui::Rect) {
    let k = s.sectors.names.len();
    let dark = ui.visuals().dark_mode;
    let values: Vec<Option<f64>> = (0..k * k)
        .map(|i| {
            // Display row r (from the bottom) is sector k − 1 − r, so the
            // first sector is on top as in a table.
            let (r, c) = (i / k, i % k);
            cell_value(s, measure, k - 1 - r, c)
        })
        .collect();
    let max = values.iter().flatten().fold(0.0f64, |m, v| m.max(*v));
    // Every pair with no tie, or thinner than the map's usual density, is a
    // gap (the list below names the worst).
    let thin = s.gaps.thin_below;
    let is_gap = |a: usize, b: usize| {
        a != b
            && s.matrix.sizes.get(a).is_some_and(|&n| n > 0)
            && s.matrix.sizes.get(b).is_some_and(|&n| n > 0)
            && (s.matrix.between(a, b) == 0
                || gaps.contains(&(a.min(b), a.max(b)))
                || s.matrix.between_density(a, b).is_some_and(|d| d < thin))
    };
    let colours: Vec<Color32> = (0..k * k)
        .map(|i| {
            let (r, c) = (i / k, i % k);
            let (a, b) = (k - 1 - r, c);
            cell_colour(values[i], max, measure, is_gap(a, b), dark)
        })
        .collect();
    let describe: Vec<String> = (0..k * k)
        .map(|i| {
            let (r, c) = (i / k, i % k);
            let (a, b) = (k - 1 - r, c);
            let (x, y) = (&s.sectors.names[a], &s.sectors.names[b]);
            let ties = s.matrix.between(a, b);
            let what = match ties {
                0 => "no tie".to_owned(),
                1 => "1 tie".to_owned(),
                t => format!("{t} ties"),
            };
            if a == b {
                format!("within {x}: {what}")
            } else {
                format!(
                    "{x} – {y}: {what}{}",
                    if is_gap(a, b) { " (a gap)" } else { "" }
                )
            }
        })
        .collect();
    let labels: Vec<String> = values.iter().map(|v| label(measure, *v)).collect();
    let names = s.sectors.names.clone();
    // Marks at the cells' centres: rows named "1 primary care", columns
    // numbered the same way.
    let centres = move |_input: egui_plot::GridInput| -> Vec<egui_plot::GridMark> {
        (0..k)
            .map(|i| egui_plot::GridMark {
                value: i as f64 + 0.5,
                step_size: 1.0,
            })
            .collect()
    };
    let indices: Vec<f64> = (0..k * k).map(|i| i as f64).collect();
    let side = (ui.available_width() - 8.0).clamp(160.0, 460.0);
    // The row names take up to two fifths of the plot; a name longer than
    // fits ends in "…" (hovering a cell names both sectors in full).
    let axis = (side * 0.4).clamp(96.0, 200.0);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let names: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let width = |t: &str| {
                ui.fonts_mut(|f| {
                    f.layout_no_wrap(t.to_owned(), font.clone(), Color32::PLACEHOLDER)
                        .size()
                        .x
                })
            };
            let full = format!("{} {n}", i + 1);
            if width(&full) <= axis - 10.0 {
                return full;
            }
            let chars: Vec<char> = n.chars().collect();
            (1..chars.len())
                .rev()
                .map(|keep| {
                    let cut: String = chars.iter().take(keep).collect();
                    format!("{} {}…", i + 1, cut.trim_end())
                })
                .find(|t| width(t) <= axis - 10.0)
                .unwrap_or_else(|| format!("{}", i + 1))
        })
        .collect();
    let response = Plot::new("silo_matrix")
        .width(side)
        .height((side - 100.0).max(120.0))
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_grid(false)
        .show_x(false)
        .show_y(false)
        .label_formatter(move |pos| {
            let p = match pos {
                egui_plot::HoverPosition::NearDataPoint { position, .. }
                | egui_plot::HoverPosition::Elsewhere { position } => *position,
            };
            if p.x < 0.0 || p.y < 0.0 {
                return None;
            }
            let (c, r) = (p.x.floor() as usize, p.y.floor() as usize);
            (c < k && r < k)
                .then(|| describe.get(r * k + c).cloned())
                .flatten()
                .map(|d| format!("{d}\nclick to see who bridges them"))
        })
        .include_x(0.0)
        .include_x(k as f64)
        .include_y(0.0)
        .include_y(k as f64)
        .set_margin_fraction(egui::vec2(0.0, 0.0))
        .x_grid_spacer(centres)
        .y_grid_spacer(centres)
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .label_spacing(6.0..=10.0)
                .formatter(move |m, _| format!("{}", m.value.floor() as usize + 1)),
        ])
        .custom_y_axes(vec![
            egui_plot::AxisHints::new_y()
                .label_spacing(8.0..=12.0)
                .min_thickness(axis)
                .formatter(move |m, _| {
                    let r = m.value.floor();
                    let i = k.checked_sub(1 + r.max(0.0) as usize);
                    i.and_then(|i| names.get(i).cloned()).unwrap_or_default()
                }),
        ])
        .show(ui, |plot| {
            let cols = colours.clone();
            let labs = labels.clone();
            plot.add(
                Heatmap::new(indices, k)
                    .custom_mapping(Box::new(move |v| {
                        cols.get(v.round() as usize)
                            .copied()
                            .unwrap_or(Color32::GRAY)
                    }))
                    .formatter(Box::new(move |v| {
                        labs.get(v.round() as usize).cloned().unwrap_or_default()
                    }))
                    .show_labels(true)
                    .name("silo"),
            );
            plot.response()
                .clicked()
                .then(|| plot.pointer_coordinate())
                .flatten()
        });
    let rect = response.transform.rect_from_values(
        &PlotPoint::new(0.0, k as f64),
        &PlotPoint::new(k as f64, 0.0),
    );
    let cell = response.inner.and_then(|p| {
        if p.x < 0.0 || p.y < 0.0 {
            return None;
        }
        let (c, r) = (p.x.floor() as usize, p.y.floor() as usize);
        (c < k && r < k).then(|| (k - 1 - r, c))
    });
    (cell, rect)
}

fn bubbles_ui(ui: &mut egui::Ui, network: &Network, s: &SiloInsight) -> Option<(usize, usize)> {
    let k = s.sectors.names.len();
    let at = |g: usize| {
        let a = std::f64::consts::TAU * g as f64 / k as f64 - std::f64::consts::FRAC_PI_2;
        [a.cos(), -a.sin()]
    };
    let max_ties = (0..k)
        .flat_map(|a| (0..k).filter(move |&b| b != a).map(move |b| (a, b)))
        .map(|(a, b)| s.matrix.between(a, b))
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    let max_size = s.matrix.sizes.iter().copied().max().unwrap_or(1).max(1) as f32;
    let side = (ui.available_width() - 8.0).clamp(160.0, 420.0);
    let text = ui.visuals().text_color();
    let response = Plot::new("silo_bubbles")
        .width(side)
        .height(side)
        .data_aspect(1.0)
        .show_axes(false)
        .show_grid(false)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_x(-1.5)
        .include_x(1.5)
        .include_y(-1.5)
        .include_y(1.5)
        .show(ui, |plot| {
            for a in 0..k {
                for b in a + 1..k {
                    let ties = s.matrix.between(a, b);
                    if ties == 0 {
                        continue;
                    }
                    let w = 0.8 + 7.0 * ties as f32 / max_ties;
                    let pts: PlotPoints = vec![at(a), at(b)].into();
                    plot.line(
                        Line::new(format!("{a}-{b}"), pts)
                            .width(w)
                            .color(Color32::from_gray(140)),
                    );
                }
            }
            for g in 0..k {
                let size = s.matrix.sizes.get(g).copied().unwrap_or(0) as f32;
                let colour = network
                    .sector(&s.sectors.names[g])
                    .map(|x| Color32::from_rgb(x.colour.r, x.colour.g, x.colour.b))
                    .unwrap_or(Color32::GRAY);
                plot.add(
                    Points::new(s.sectors.names[g].clone(), vec![at(g)])
                        .radius(6.0 + 22.0 * (size / max_size).sqrt())
                        .color(colour),
                );
                let [x, y] = at(g);
                plot.add(Text::new(
                    format!("label{g}"),
                    PlotPoint::new(x * 1.28, y * 1.22),
                    RichText::new(format!("{} ({})", s.sectors.names[g], size as usize))
                        .color(text)
                        .size(11.0),
                ));
            }
            plot.response()
                .clicked()
                .then(|| plot.pointer_coordinate())
                .flatten()
        });
    // A click on a bubble picks its row of the matrix (the sector alone);
    // near a line, the pair it joins.
    let p = response.inner?;
    let nearest = (0..k).min_by(|&x, &y| {
        let d = |g: usize| {
            let [a, b] = at(g);
            (a - p.x).powi(2) + (b - p.y).powi(2)
        };
        d(x).total_cmp(&d(y))
    })?;
    Some((nearest, nearest))
}

#[allow(clippy::too_many_arguments)]
fn cell_details_ui(
    ui: &mut egui::Ui,
    network: &Network,
    s: &SiloInsight,
    a: &str,
    b: &str,
    counts: &dyn Fn(&Tie) -> bool,
    events: &mut Vec<InsightEvent>,
    state: &mut SiloState,
) {
    ui.separator();
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(if a == b {
                a.to_owned()
            } else {
                format!("{a} and {b}")
            })
            .strong(),
        );
        if ui
            .small_button("Clear")
            .on_hover_text("Stop lighting up this cell on the map")
            .clicked()
        {
            state.cell = None;
            events.push(InsightEvent::Highlight(None));
        }
    });
    let (ties, bridgers) = cell_ties_and_bridgers(network, a, b, counts);
    if a == b {
        ui.label(format!("{} ties within {a} (lit on the map).", ties.len()));
        return;
    }
    ui.label(if ties.is_empty() {
        format!("No tie between {a} and {b}.")
    } else {
        format!(
            "{} tie{} between {a} and {b} (lit on the map).",
            ties.len(),
            if ties.len() == 1 { "" } else { "s" }
        )
    });
    if let Some(cut) = s.cut(a, b) {
        let names: Vec<String> = cut
            .actors
            .iter()
            .filter_map(|&v| s.id(v))
            .map(|id| name_of(network, id))
            .collect();
        ui.label(format!(
            "{}.",
            capitalise(&cut_sentence(&cut.a, &cut.b, &names))
        ));
    }
    if bridgers.is_empty() {
        ui.label("Nobody is tied to both sectors yet.");
    } else {
        ui.label(format!("Tied to both ({}):", bridgers.len()));
        ui.horizontal_wrapped(|ui| {
            for id in bridgers.iter().take(12) {
                person_ui(ui, network, id, events);
            }
            if bridgers.len() > 12 {
                ui.label(format!("and {} more", bridgers.len() - 12));
            }
        });
        if ui
            .small_button("Select them")
            .on_hover_text("Select everyone tied to both sectors on the map")
            .clicked()
        {
            events.push(InsightEvent::SelectActors(bridgers.clone()));
        }
    }
    let gap = s.gaps.gaps.iter().find(|g| {
        let names = (&s.sectors.names[g.first], &s.sectors.names[g.second]);
        (names.0 == a && names.1 == b) || (names.0 == b && names.1 == a)
    });
    if let Some(g) = gap
        && !g.introductions.is_empty()
    {
        ui.label(RichText::new("Introductions that would close the gap:").strong());
        for intro in &g.introductions {
            let (Some(x), Some(y)) = (s.id(intro.first), s.id(intro.second)) else {
                continue;
            };
            ui.horizontal_wrapped(|ui| {
                ui.label("Introduce");
                person_ui(ui, network, x, events);
                ui.label("to");
                person_ui(ui, network, y, events);
            });
            ui.label(
                RichText::new(format!(
                    "  would bring the two sectors closer: closeness {:.2} to {:.2}, pairs within two steps {:.0}% to {:.0}%",
                    g.closeness,
                    intro.closeness_after,
                    g.within_two * 100.0,
                    intro.within_two_after * 100.0
                ))
                .weak(),
            );
        }
    }
}

fn gaps_ui(
    ui: &mut egui::Ui,
    network: &Network,
    s: &SiloInsight,
    state: &mut SiloState,
    counts: &dyn Fn(&Tie) -> bool,
    events: &mut Vec<InsightEvent>,
) {
    ui.label(RichText::new("Gaps").strong());
    if s.gaps.gaps.is_empty() {
        ui.label("No pair of sectors is without ties or thinly tied.");
        return;
    }
    for g in &s.gaps.gaps {
        let (a, b) = (&s.sectors.names[g.first], &s.sectors.names[g.second]);
        let text = match g.kind {
            GapKind::NoTies => format!("no tie between {a} and {b}"),
            GapKind::Thin => format!(
                "only {} tie{} between {a} and {b} ({:.0}% of the map's usual density)",
                g.ties,
                if g.ties == 1 { "" } else { "s" },
                g.relative_density * 100.0
            ),
        };
        let bridgers: Vec<String> = g
            .bridgers
            .iter()
            .take(3)
            .filter_map(|br| s.id(br.node))
            .map(|id| name_of(network, id))
            .collect();
        let suffix = if bridgers.is_empty() {
            String::new()
        } else {
            format!("; bridged by {}", and_list(&bridgers))
        };
        if ui
            .link(format!("{}{suffix}", capitalise(&text)))
            .on_hover_text(
                "Show this pair of sectors: its ties, who bridges it, the introductions to make",
            )
            .clicked()
        {
            let (ties, br) = cell_ties_and_bridgers(network, a, b, counts);
            events.push(InsightEvent::Highlight(Some((ties, br))));
            state.cell = Some((a.clone(), b.clone()));
        }
    }
    if s.gaps.gap_count > s.gaps.gaps.len() {
        ui.label(format!("and {} more", s.gaps.gap_count - s.gaps.gaps.len()));
    }
}

fn cuts_ui(ui: &mut egui::Ui, network: &Network, s: &SiloInsight) {
    let members = |name: &str| {
        s.sectors
            .of
            .iter()
            .filter(|&&g| s.sectors.names.get(g).is_some_and(|n| n == name))
            .count()
    };
    let fragile: Vec<String> = s
        .cuts
        .iter()
        .filter(|c| c.size <= 2 && c.size < members(&c.a) && c.size < members(&c.b))
        .map(|c| {
            let names: Vec<String> = c
                .actors
                .iter()
                .filter_map(|&v| s.id(v))
                .map(|id| name_of(network, id))
                .collect();
            capitalise(&cut_sentence(&c.a, &c.b, &names))
        })
        .collect();
    ui.add_space(4.0);
    ui.label(RichText::new("Links that hang on one or two people").strong())
        .on_hover_text("Sector cuts: the fewest people whose leaving would leave no path of ties between two sectors");
    if fragile.is_empty() {
        ui.label("None: every pair of sectors is joined through at least three people (small sectors aside).");
    }
    for f in fragile.iter().take(10) {
        ui.label(format!("{f}."));
    }
}
