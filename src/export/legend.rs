//! A picture's legend: what each colour, shape and dash means — the
//! sectors and tie kinds in view with their counts, what actor size shows,
//! the selection, the focus, an insight's key — and what the filters leave
//! out, laid out as rows in a column to the right of the map.

use super::text::{Weight, line_height, truncate, width_in};
use super::view::{KeySwatch, View};
use crate::drawing::{Theme, dashes::dash_array};
use crate::model::{Colour, Network, SELECTION, Shape};
use std::collections::BTreeMap;

/// What a legend row shows before its text.
#[derive(Clone, Debug, PartialEq)]
pub enum Swatch {
    /// A sector: its shape in its colour.
    Shape(Shape, Colour),
    /// A tie kind: a line in its colour and dash (runs at the swatch's
    /// width); with an arrowhead when directed.
    Line {
        /// Colour.
        colour: Colour,
        /// Dash runs (empty: solid).
        dashes: Vec<f32>,
        /// Line width (points).
        width: f32,
        /// Directed.
        arrow: bool,
    },
    /// An insight's mark (or the selection's ring).
    Key(KeySwatch),
}

/// One row of the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct LegendRow {
    /// A heading (bold, no swatch).
    pub heading: bool,
    /// The swatch, if any.
    pub swatch: Option<Swatch>,
    /// The text (cut to fit).
    pub text: String,
    /// The top of the row (points).
    pub y: f32,
}

/// The legend, laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct Legend {
    /// Left edge (points).
    pub x: f32,
    /// Top edge.
    pub y: f32,
    /// Width.
    pub width: f32,
    /// Height.
    pub height: f32,
    /// Text size.
    pub text_size: f32,
    /// Row height.
    pub row: f32,
    /// Swatch width.
    pub swatch: f32,
    /// Padding at the edges.
    pub pad: f32,
    /// Rows, top to bottom.
    pub rows: Vec<LegendRow>,
}

/// The rows' content, before layout.
fn rows(network: &Network, view: &View, line: f32) -> Vec<(bool, Option<Swatch>, String)> {
    let mut actors_in: BTreeMap<&str, usize> = BTreeMap::new();
    let mut hidden_sectors: BTreeMap<&str, usize> = BTreeMap::new();
    for a in network.actors() {
        if view.hidden_actors.contains(a.id()) {
            *hidden_sectors.entry(a.sector.as_str()).or_default() += 1;
        } else {
            *actors_in.entry(a.sector.as_str()).or_default() += 1;
        }
    }
    let mut ties_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut hidden_kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for t in network.ties() {
        let shown = !view.hidden_ties.contains(t.id())
            && !view.hidden_actors.contains(t.from())
            && !view.hidden_actors.contains(t.to());
        let map = if shown {
            &mut ties_of
        } else {
            &mut hidden_kinds
        };
        *map.entry(t.kind.as_str()).or_default() += 1;
    }
    let mut out = vec![(true, None, "Sectors".to_owned())];
    for s in &network.sectors {
        if let Some(&n) = actors_in.get(s.name.as_str()) {
            out.push((
                false,
                Some(Swatch::Shape(s.shape, s.colour)),
                format!("{} ({n})", s.name),
            ));
        }
    }
    out.push((true, None, "Ties".to_owned()));
    for k in &network.tie_kinds {
        if let Some(&n) = ties_of.get(k.name.as_str()) {
            out.push((
                false,
                Some(Swatch::Line {
                    colour: k.colour,
                    dashes: dash_array(k.dash, line),
                    width: line,
                    arrow: k.directed,
                }),
                format!("{} ({n})", k.name),
            ));
        }
    }
    out.push((false, None, format!("Size: {}", view.size_label)));
    if !view.selected.is_empty() {
        out.push((
            false,
            Some(Swatch::Key(KeySwatch::Ring(SELECTION))),
            format!("selected ({})", view.selected.len()),
        ));
    }
    if view.focus.is_some() {
        out.push((
            false,
            Some(Swatch::Key(KeySwatch::Faint)),
            "outside the focus".to_owned(),
        ));
    } else if view.dim_others && !view.highlight.is_empty() {
        out.push((
            false,
            Some(Swatch::Key(KeySwatch::Faint)),
            "not matching the search".to_owned(),
        ));
    }
    if let Some(m) = &view.marks
        && (!m.title.is_empty() || !m.key.is_empty())
    {
        out.push((true, None, m.title.clone()));
        for (swatch, text) in &m.key {
            out.push((false, Some(Swatch::Key(*swatch)), text.clone()));
        }
    }
    let only_hidden = |shown: &BTreeMap<&str, usize>, hidden: &BTreeMap<&str, usize>| {
        hidden
            .keys()
            .filter(|k| !shown.contains_key(*k))
            .map(|k| (*k).to_owned())
            .collect::<Vec<_>>()
    };
    let sectors_out = only_hidden(&actors_in, &hidden_sectors);
    let kinds_out = only_hidden(&ties_of, &hidden_kinds);
    if !sectors_out.is_empty() || !kinds_out.is_empty() {
        out.push((true, None, "Not shown".to_owned()));
        for s in sectors_out {
            out.push((false, None, format!("sector {s}")));
        }
        for k in kinds_out {
            out.push((false, None, format!("{k} ties")));
        }
    }
    out
}

/// The weight a row is drawn in: headings bold.
fn weight(heading: bool) -> Weight {
    if heading {
        Weight::Bold
    } else {
        Weight::Regular
    }
}

/// The legend for `network` as `view` shows it, its top left at `at`.
pub fn legend(network: &Network, view: &View, theme: &Theme, at: [f32; 2]) -> Legend {
    // Never smaller than the names on the map (larger, in the projector
    // look).
    let text_size = if theme.min_label_size > 0.0 {
        (theme.min_label_size * 1.15).max(13.0)
    } else {
        13.0 * theme.label_scale.sqrt()
    }
    .round();
    let row = (line_height(text_size) * 1.35).round();
    let swatch = (text_size * 1.6).round();
    let pad = (text_size * 0.9).round();
    let max_text = 22.0 * text_size;
    let line = (2.0 * theme.line_scale).max(2.0);
    let content = rows(network, view, line);
    let widest = content
        .iter()
        .map(|(heading, s, t)| {
            let w = width_in(t, text_size, weight(*heading)).min(max_text);
            if s.is_some() {
                w + swatch + pad / 2.0
            } else {
                w
            }
        })
        .fold(0.0f32, f32::max);
    let width = (widest + 2.0 * pad).max(10.0 * text_size).ceil();
    let mut y = at[1] + pad;
    let rows = content
        .into_iter()
        .map(|(heading, swatch_of, text)| {
            if heading {
                y += row * 0.3;
            }
            let room = if swatch_of.is_some() {
                max_text.min(width - 2.0 * pad - swatch - pad / 2.0)
            } else {
                max_text.min(width - 2.0 * pad)
            };
            let r = LegendRow {
                heading,
                swatch: swatch_of,
                text: truncate(&text, text_size, room, weight(heading)),
                y,
            };
            y += row;
            r
        })
        .collect();
    Legend {
        x: at[0],
        y: at[1],
        width,
        height: y + pad - at[1],
        text_size,
        row,
        swatch,
        pad,
        rows,
    }
}
