//! How selection, hover, search and focus change what an actor or a tie
//! looks like. Every emphasis the canvas draws is decided here, per frame,
//! from [`CanvasState`] and the cache's flags; the drawing code only asks
//! for an actor's or a tie's look. A new highlight (a coalition, a what-if,
//! a silo cell) is a new field of [`Highlights`] and a case in its looks.

use super::CanvasState;
use super::cache::{Cache, flag};
use super::overlay::{SOFT, Tone};
use crate::model::Network;
use egui::Color32;

/// The selection and hover colour ([`crate::model::SELECTION`]): no
/// sector or tie kind uses it.
pub(super) const SELECTION: Color32 = Color32::from_rgb(
    crate::model::SELECTION.r,
    crate::model::SELECTION.g,
    crate::model::SELECTION.b,
);

/// How faint a dimmed actor or tie is drawn.
pub(super) const FAINT: f32 = crate::drawing::FAINT;

/// `c` taken [`SOFT`] of the way towards `background`, opaque.
pub(super) fn soften(c: Color32, background: Color32) -> Color32 {
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * SOFT).round() as u8;
    Color32::from_rgb(
        mix(c.r(), background.r()),
        mix(c.g(), background.g()),
        mix(c.b(), background.b()),
    )
}

/// Faint when `dimmed`.
pub(super) fn dim(c: Color32, dimmed: bool) -> Color32 {
    if dimmed { c.gamma_multiply(FAINT) } else { c }
}

/// The outline's colour for actors on `background`: dark on a light
/// theme, light on a dark one.
pub(super) fn edge_colour(background: Color32) -> Color32 {
    let background = crate::model::Colour::rgb(background.r(), background.g(), background.b());
    super::cache::colour(crate::drawing::edge_colour(background))
}

/// What is emphasised this frame, by actor and tie index.
pub(super) struct Highlights {
    selected: Vec<bool>,
    tie_selected: Vec<bool>,
    hovered: Option<usize>,
}

/// A ring drawn around an actor, clear of it: no sector's shape or colour
/// looks like it. From the inside out: a `gap` of background, `width`
/// points of `colour`, then, if `edge` is set, one point of that colour so
/// the ring reads on light and dark backgrounds alike.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Halo {
    /// Background between the actor and the ring (points).
    pub gap: f32,
    /// The ring's width (points).
    pub width: f32,
    /// The ring's colour.
    pub colour: Color32,
    /// A thin edge around the ring.
    pub edge: Option<Color32>,
}

/// How to draw one actor.
#[derive(Clone, Copy, Debug)]
pub(super) struct ActorLook {
    /// The fill colour (dimmed already).
    pub fill: Color32,
    /// A thin outline in this colour (left out when the actor is too small
    /// on screen for it to show).
    pub outline: Option<Color32>,
    /// A selection or hover halo.
    pub halo: Option<Halo>,
}

/// How to draw one tie.
#[derive(Clone, Copy, Debug)]
pub(super) struct TieLook {
    /// The colour (dimmed already).
    pub colour: Color32,
    /// Added to the tie's width.
    pub extra_width: f32,
    /// Selected (drawn whatever the budget).
    pub emphasised: bool,
}

/// The selected actor's halo: a thick ring with an edge.
fn selected_halo(background: Color32) -> Halo {
    Halo {
        gap: 2.0,
        width: 3.5,
        colour: SELECTION,
        edge: Some(edge_colour(background)),
    }
}

/// An overlay's ring (a coalition member, a bridger, a weak point):
/// as thick as the selection's, in the overlay's colour, with an edge.
fn marked_halo(colour: Color32, background: Color32) -> Halo {
    Halo {
        gap: 1.5,
        width: 3.0,
        colour,
        edge: Some(edge_colour(background)),
    }
}

/// The hovered actor's halo: thinner and lighter, no edge.
fn hovered_halo() -> Halo {
    Halo {
        gap: 2.0,
        width: 2.0,
        colour: SELECTION.gamma_multiply(0.6),
        edge: None,
    }
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
        let hovered = state
            .hovered
            .as_ref()
            .and_then(|id| network.actor_position(id));
        Self {
            selected,
            tie_selected,
            hovered,
        }
    }

    /// Whether actor `i` is selected.
    pub fn is_selected(&self, i: usize) -> bool {
        flag(&self.selected, i)
    }

    /// The look of actor `i`, drawn `radius` points wide, on `background`.
    pub fn actor(&self, cache: &Cache, i: usize, radius: f32, background: Color32) -> ActorLook {
        let dimmed = cache.is_dimmed(i);
        let mark = cache.overlay.of(i);
        let fill = mark
            .fill
            .or_else(|| cache.fill.get(i).copied())
            .unwrap_or(Color32::GRAY);
        let fill = if mark.tone == Tone::Soft && !dimmed {
            // Opaque, so the outline drawn under the fill does not show
            // through it.
            soften(fill, background)
        } else {
            dim(fill, dimmed)
        };
        let halo = if self.is_selected(i) {
            Some(selected_halo(background))
        } else if self.hovered == Some(i) {
            Some(hovered_halo())
        } else {
            mark.ring.map(|colour| marked_halo(colour, background))
        };
        ActorLook {
            fill,
            outline: (radius >= super::super::shapes::SMALL_RADIUS)
                .then(|| dim(edge_colour(background), dimmed)),
            halo,
        }
    }

    /// The look of tie `k` (of colour `colour`) between actors `a` and `b`.
    pub fn tie(&self, cache: &Cache, k: usize, a: usize, b: usize, colour: Color32) -> TieLook {
        let selected = flag(&self.tie_selected, k);
        let lit = cache.overlay.is_tie_lit(k);
        let dimmed = cache.is_dimmed(a) || cache.is_dimmed(b);
        TieLook {
            colour: if selected {
                SELECTION
            } else if lit {
                cache.overlay.tie_colour
            } else {
                dim(colour, dimmed)
            },
            extra_width: if selected {
                2.5
            } else if lit {
                2.0
            } else {
                0.0
            },
            emphasised: selected || lit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Tie};

    fn two_social_care_actors() -> (Network, CanvasState, Cache) {
        let mut network = Network::new();
        for id in ["a", "b", "c"] {
            network
                .add_actor(Actor::new(id, id, "social care"))
                .unwrap();
        }
        network
            .add_tie(Tie::new("t", "a", "b", "collaboration", false))
            .unwrap();
        let mut state = CanvasState {
            network_key: Some(1),
            ..CanvasState::default()
        };
        state.selected.insert("a".into());
        state.selected_ties.insert("t".into());
        state.hovered = Some("b".into());
        let mut cache = Cache::default();
        cache.update(&network, &state);
        (network, state, cache)
    }

    #[test]
    fn selection_and_hover_use_a_colour_and_form_no_sector_uses() {
        let (network, state, cache) = two_social_care_actors();
        let looks = Highlights::new(&network, &state);
        for background in [Color32::from_gray(250), Color32::from_gray(24)] {
            let selected = looks.actor(&cache, 0, 12.0, background);
            let hovered = looks.actor(&cache, 1, 12.0, background);
            let plain = looks.actor(&cache, 2, 12.0, background);
            let halo = selected.halo.unwrap();
            assert_eq!(halo.colour, SELECTION);
            assert!(halo.gap > 0.0 && halo.width >= 3.0);
            // The edge contrasts with the background.
            let edge = halo.edge.unwrap();
            assert!((i32::from(edge.r()) - i32::from(background.r())).abs() > 150);
            let hover = hovered.halo.unwrap();
            assert!(hover.width < halo.width && hover.colour.a() < 255);
            assert!(plain.halo.is_none());
            // The sector colour (the old selection colour) stays the fill.
            for look in [selected, hovered, plain] {
                assert_eq!(look.fill, Color32::from_rgb(0xD5, 0x5E, 0x00));
                assert_ne!(look.fill, SELECTION);
            }
        }
        let tie = looks.tie(&cache, 0, 0, 1, Color32::GRAY);
        assert_eq!(tie.colour, SELECTION);
        assert!(tie.extra_width > 0.0);
    }

    #[test]
    fn an_overlay_rings_refills_fades_and_lights_ties() {
        use super::super::overlay::{ActorMark, Overlay};
        let (network, mut state, _) = two_social_care_actors();
        state.selected.clear();
        state.selected_ties.clear();
        state.hovered = None;
        let mut overlay = Overlay {
            rest: Tone::Faint,
            tie_colour: Color32::BLACK,
            ..Overlay::default()
        };
        overlay.actors.insert(
            "a".into(),
            ActorMark {
                ring: Some(Color32::BLACK),
                ..ActorMark::default()
            },
        );
        overlay.actors.insert(
            "b".into(),
            ActorMark {
                fill: Some(Color32::RED),
                tone: Tone::Soft,
                ..ActorMark::default()
            },
        );
        overlay.ties.insert("t".into());
        state.set_overlay(Some(overlay));
        let mut cache = Cache::default();
        cache.update(&network, &state);
        let looks = Highlights::new(&network, &state);
        let bg = Color32::from_gray(250);
        let member = looks.actor(&cache, 0, 12.0, bg);
        assert_eq!(member.halo.unwrap().colour, Color32::BLACK);
        let soft = looks.actor(&cache, 1, 12.0, bg);
        assert_eq!(soft.fill, soften(Color32::RED, bg));
        assert_eq!(soft.fill.a(), 255);
        let rest = looks.actor(&cache, 2, 12.0, bg);
        assert!(cache.is_dimmed(2) && rest.halo.is_none());
        assert_eq!(rest.fill, dim(Color32::from_rgb(0xD5, 0x5E, 0x00), true));
        let tie = looks.tie(&cache, 0, 0, 1, Color32::GRAY);
        assert!(tie.emphasised && tie.extra_width > 0.0);
        assert_eq!(tie.colour, Color32::BLACK);
        // Selection still wins over the overlay's ring.
        state.selected.insert("a".into());
        let looks = Highlights::new(&network, &state);
        assert_eq!(
            looks.actor(&cache, 0, 12.0, bg).halo.unwrap().colour,
            SELECTION
        );
        // Taking the overlay away restores the plain map.
        state.set_overlay(None);
        cache.update(&network, &state);
        assert!(!cache.is_dimmed(2));
    }
}
