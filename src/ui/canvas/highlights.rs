//! How selection, hover, search and focus change what an actor or a tie
//! looks like. Every emphasis the canvas draws is decided here, per frame,
//! from [`CanvasState`] and the cache's flags; the drawing code only asks
//! for an actor's or a tie's look. A new highlight (a coalition, a what-if,
//! a silo cell) is a new field of [`Highlights`] and a case in its looks.

use super::CanvasState;
use super::cache::{Cache, flag};
use crate::model::Network;
use egui::Color32;

/// The selection colour.
pub(super) const SELECTED: Color32 = Color32::from_rgb(0xD5, 0x5E, 0x00);

/// Faint when `dimmed`.
pub(super) fn dim(c: Color32, dimmed: bool) -> Color32 {
    if dimmed { c.gamma_multiply(0.18) } else { c }
}

/// What is emphasised this frame, by actor and tie index.
pub(super) struct Highlights {
    selected: Vec<bool>,
    tie_selected: Vec<bool>,
}

/// How to draw an actor's surroundings.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Ring {
    /// Nothing around the fill.
    None,
    /// A thin edge in this colour, `width` points outside the fill.
    Edge { colour: Color32, width: f32 },
    /// The selection ring.
    Selected,
}

/// How to draw one actor.
#[derive(Clone, Copy, Debug)]
pub(super) struct ActorLook {
    /// The fill colour (dimmed already).
    pub fill: Color32,
    /// What goes around it.
    pub ring: Ring,
}

/// How to draw one tie.
#[derive(Clone, Copy, Debug)]
pub(super) struct TieLook {
    /// The colour (dimmed already).
    pub colour: Color32,
    /// Added to the tie's width.
    pub extra_width: f32,
}

impl Highlights {
    /// Flags the selected actors and ties by index.
    pub fn new(network: &Network, state: &CanvasState) -> Self {
        let mut selected = vec![false; network.actors().len()];
        for id in &state.selected {
            if let Some(s) = network.actor_position(id).and_then(|i| selected.get_mut(i)) {
                *s = true;
            }
        }
        let mut tie_selected = vec![false; network.ties().len()];
        for id in &state.selected_ties {
            if let Some(s) = network
                .tie_position(id)
                .and_then(|i| tie_selected.get_mut(i))
            {
                *s = true;
            }
        }
        Self {
            selected,
            tie_selected,
        }
    }

    /// Whether actor `i` is selected.
    pub fn is_selected(&self, i: usize) -> bool {
        flag(&self.selected, i)
    }

    /// The look of actor `i`, drawn `radius` points wide, on `background`.
    pub fn actor(&self, cache: &Cache, i: usize, radius: f32, background: Color32) -> ActorLook {
        let dimmed = cache.is_dimmed(i);
        let fill = cache.fill.get(i).copied().unwrap_or(Color32::GRAY);
        let edge = if background.r() < 128 {
            Color32::from_gray(230)
        } else {
            Color32::from_gray(40)
        };
        let ring = if self.is_selected(i) {
            Ring::Selected
        } else if radius >= 5.0 {
            Ring::Edge {
                colour: dim(edge, dimmed),
                width: 1.2,
            }
        } else {
            Ring::None
        };
        ActorLook {
            fill: dim(fill, dimmed),
            ring,
        }
    }

    /// The look of tie `k` (of colour `colour`) between actors `a` and `b`.
    pub fn tie(&self, cache: &Cache, k: usize, a: usize, b: usize, colour: Color32) -> TieLook {
        let selected = flag(&self.tie_selected, k);
        let dimmed = cache.is_dimmed(a) || cache.is_dimmed(b);
        TieLook {
            colour: dim(if selected { SELECTED } else { colour }, dimmed),
            extra_width: if selected { 2.0 } else { 0.0 },
        }
    }
}
