//! Which actors are named in a picture, and where: the canvas's rules
//! (selected actors always, then search matches, then the most influential
//! first, none overlapping another, none smaller than 7 points, fewer the
//! further out), with text measured in the picture's font.

use super::picture::{Area, LabelItem};
use super::text::{ascent, line_height, text_width};
use super::view::View;
use crate::drawing::{FAINT, Theme, label_size, max_labels};
use crate::model::Network;

/// What placing labels reads of a picture's actors (by index).
pub(super) struct LabelInput<'a> {
    /// Screen positions.
    pub screen: &'a [[f32; 2]],
    /// Screen radii.
    pub radius: &'a [f32],
    /// Within the visible area and not hidden.
    pub visible: &'a [bool],
    /// Drawn faint.
    pub dimmed: &'a [bool],
}

fn flag(v: &[bool], i: usize) -> bool {
    v.get(i).copied().unwrap_or(false)
}

fn overlaps(a: &Area, b: &Area) -> bool {
    a.x <= b.x + b.w && b.x <= a.x + a.w && a.y <= b.y + b.h && b.y <= a.y + a.h
}

/// The labels of a picture, in drawing order.
pub(super) fn place_labels(
    network: &Network,
    view: &View,
    theme: &Theme,
    input: &LabelInput<'_>,
) -> Vec<LabelItem> {
    let actors = network.actors();
    let size = label_size(view.zoom, theme.label_scale, theme.min_label_size);
    let max = max_labels(view.zoom);
    let weight = |i: usize| {
        actors
            .get(i)
            .map_or(0.0, |a| f32::from(a.influence.unwrap_or(2)))
    };
    let visible = |i: usize| flag(input.visible, i);
    let mut important: Vec<usize> = view
        .selected
        .iter()
        .filter_map(|id| network.actor_position(id))
        .filter(|&i| visible(i))
        .collect();
    important.sort_unstable();
    important.dedup();
    let mut searched: Vec<usize> = if view.dim_others {
        view.highlight
            .iter()
            .filter_map(|id| network.actor_position(id))
            .filter(|&i| visible(i))
            .collect()
    } else {
        Vec::new()
    };
    searched.sort_unstable_by(|&x, &y| weight(y).total_cmp(&weight(x)).then(x.cmp(&y)));
    let mut order: Vec<usize> = (0..actors.len()).collect();
    order.sort_by(|&x, &y| weight(y).total_cmp(&weight(x)).then(x.cmp(&y)));
    let candidates = important
        .iter()
        .map(|&i| (i, true))
        .chain(searched.iter().map(|&i| (i, false)))
        .chain(
            order
                .into_iter()
                .filter(|&i| !flag(input.dimmed, i) || view.focus.is_none())
                .filter(|&i| visible(i))
                .map(|i| (i, false)),
        );
    let height = line_height(size);
    let mut placed: Vec<Area> = Vec::new();
    let mut out = Vec::new();
    for (tried, (i, must)) in candidates.enumerate() {
        if !must && (out.len() >= max || size < 7.0 || tried >= 4 * max) {
            break;
        }
        let (Some(actor), Some(at), Some(&r)) =
            (actors.get(i), input.screen.get(i), input.radius.get(i))
        else {
            continue;
        };
        let width = text_width(&actor.name, size);
        let (x, y) = (at[0] - width / 2.0, at[1] + r + 2.0);
        let backdrop = Area {
            x: x - 1.0,
            y: y - 1.0,
            w: width + 2.0,
            h: height + 2.0,
        };
        if !must && placed.iter().any(|p| overlaps(p, &backdrop)) {
            continue;
        }
        let dimmed = flag(input.dimmed, i);
        placed.push(backdrop);
        out.push(LabelItem {
            actor: actor.id().clone(),
            text: actor.name.clone(),
            x,
            baseline: y + ascent(size),
            size,
            colour: theme.text,
            opacity: if dimmed { FAINT } else { 1.0 },
            backdrop,
            backdrop_opacity: if dimmed { 0.3 } else { 0.75 },
        });
    }
    out
}
