//! What the canvas derives from the map once per
//! [`CanvasState::network_key`] (positions, colours, shapes, tie endpoints,
//! label order), and from the setters once per change of their
//! `flags_version` (radii, hidden and dimmed flags), so that a frame only
//! transforms, culls and fills meshes.

use super::CanvasState;
use super::overlay::{OverlayFlags, Tone};
use crate::drawing::{fallback_position, lanes, world_radius, world_radius_by_measure};
use crate::model::{Colour, Dash, Network, Shape};
use egui::Color32;
use std::collections::HashMap;

/// An egui colour for a model colour.
pub(super) fn colour(c: Colour) -> Color32 {
    Color32::from_rgb(c.r, c.g, c.b)
}

/// One tie as the canvas draws it (in the network's tie order).
#[derive(Clone, Debug)]
pub(super) struct TieDraw {
    /// Endpoint indices; `None` if an endpoint is not in the map.
    pub ends: Option<(usize, usize)>,
    pub colour: Color32,
    pub dash: Dash,
    pub strength: f32,
    pub directed: bool,
}

/// What the canvas derives from the map once per [`CanvasState::network_key`]
/// (and from the filters, focus and sizes once per change).
#[derive(Debug, Default)]
pub(super) struct Cache {
    /// `(network_key, flags_version)` this was built for.
    built_for: Option<(u64, u64)>,
    network_built: Option<u64>,
    /// World position per actor (its own, or a fallback).
    pub world: Vec<[f64; 2]>,
    /// Sector colour per actor.
    pub fill: Vec<Color32>,
    /// Sector shape per actor.
    pub shape: Vec<Shape>,
    /// Perceived influence per actor (label priority among search matches).
    pub weight: Vec<f32>,
    /// Actor indices, most influential first (label priority).
    pub label_order: Vec<usize>,
    /// Every tie, in the network's order.
    pub ties: Vec<TieDraw>,
    /// Ties per actor (each tie counted at both ends).
    pub degree: Vec<u32>,
    /// The keyboard's walk order (see [`super::keyboard::walk_order`]).
    pub walk_order: Vec<usize>,
    /// Tie indices, strongest first (then in map order): the order ties
    /// are drawn in, so that while the view moves on a crowded map the
    /// strongest ties are the ones that fit the budget.
    pub tie_order: Vec<usize>,
    /// World radius per actor.
    pub radius: Vec<f32>,
    /// Hidden by a filter, per actor.
    pub hidden: Vec<bool>,
    /// Drawn faint (outside the focus or the search), per actor.
    pub dimmed: Vec<bool>,
    /// Hidden by a filter, per tie.
    pub tie_hidden: Vec<bool>,
    /// Per tie, its lane among the ties drawn between the same two actors
    /// (see [`crate::drawing::lanes`]).
    pub lane: Vec<f32>,
    /// The insight overlay by index.
    pub overlay: OverlayFlags,
}

impl Cache {
    fn rebuild_network(&mut self, network: &Network) {
        let actors = network.actors();
        let sectors: HashMap<&str, (Color32, Shape)> = network
            .sectors
            .iter()
            .map(|s| (s.name.as_str(), (colour(s.colour), s.shape)))
            .collect();
        self.world = actors
            .iter()
            .enumerate()
            .map(|(i, a)| match (a.x, a.y) {
                (Some(x), Some(y)) => [x, y],
                _ => fallback_position(i),
            })
            .collect();
        (self.fill, self.shape) = actors
            .iter()
            .map(|a| {
                sectors
                    .get(a.sector.as_str())
                    .copied()
                    .unwrap_or((Color32::GRAY, Shape::Circle))
            })
            .unzip();
        self.weight = actors
            .iter()
            .map(|a| f32::from(a.influence.unwrap_or(2)))
            .collect();
        let mut order: Vec<usize> = (0..actors.len()).collect();
        order.sort_by(|&x, &y| self.weight[y].total_cmp(&self.weight[x]).then(x.cmp(&y)));
        self.label_order = order;
        let kinds: HashMap<&str, (Color32, Dash)> = network
            .tie_kinds
            .iter()
            .map(|k| (k.name.as_str(), (colour(k.colour), k.dash)))
            .collect();
        self.ties = network
            .ties()
            .iter()
            .map(|t| {
                let ends = network
                    .actor_position(t.from())
                    .zip(network.actor_position(t.to()));
                let (colour, dash) = kinds
                    .get(t.kind.as_str())
                    .copied()
                    .unwrap_or((Color32::GRAY, Dash::Solid));
                TieDraw {
                    ends,
                    colour,
                    dash,
                    strength: t.strength.clamp(0.0, 5.0) as f32,
                    directed: t.directed,
                }
            })
            .collect();
        self.degree = vec![0; actors.len()];
        for (a, b) in self.ties.iter().filter_map(|t| t.ends) {
            for i in [a, b] {
                if let Some(d) = self.degree.get_mut(i) {
                    *d += 1;
                }
            }
        }
        self.walk_order = super::keyboard::walk_order(network);
        let mut tie_order: Vec<usize> = (0..self.ties.len()).collect();
        tie_order.sort_by(|&x, &y| {
            let s = |k: usize| self.ties.get(k).map_or(0.0, |t| t.strength);
            s(y).total_cmp(&s(x)).then(x.cmp(&y))
        });
        self.tie_order = tie_order;
    }

    fn rebuild_flags(&mut self, network: &Network, state: &CanvasState) {
        let actors = network.actors();
        self.radius = actors
            .iter()
            .map(|a| match &state.sizes {
                Some(sizes) => world_radius_by_measure(sizes.get(a.id()).copied().unwrap_or(0.0)),
                None => world_radius(a.influence),
            })
            .collect();
        self.hidden = vec![false; actors.len()];
        for id in &state.hidden {
            if let Some(i) = network.actor_position(id)
                && let Some(h) = self.hidden.get_mut(i)
            {
                *h = true;
            }
        }
        self.overlay = OverlayFlags::new(network, state.overlay.as_ref());
        self.dimmed = actors
            .iter()
            .enumerate()
            .map(|(i, a)| state.is_dimmed(a.id()) || self.overlay.of(i).tone == Tone::Faint)
            .collect();
        self.tie_hidden = vec![false; network.ties().len()];
        for id in &state.hidden_ties {
            if let Some(i) = network.tie_position(id)
                && let Some(h) = self.tie_hidden.get_mut(i)
            {
                *h = true;
            }
        }
        let drawn: Vec<Option<(usize, usize)>> = self
            .ties
            .iter()
            .enumerate()
            .map(|(k, t)| {
                t.ends.filter(|&(a, b)| {
                    !flag(&self.tie_hidden, k) && !flag(&self.hidden, a) && !flag(&self.hidden, b)
                })
            })
            .collect();
        self.lane = lanes(&drawn);
    }

    /// Brings the cache up to date with the map and the canvas state.
    pub fn update(&mut self, network: &Network, state: &CanvasState) {
        let key = state.network_key;
        let fresh_network = match (key, self.network_built) {
            (Some(k), Some(b)) => {
                k == b
                    && self.world.len() == network.actors().len()
                    && self.ties.len() == network.ties().len()
            }
            _ => false,
        };
        if !fresh_network {
            self.rebuild_network(network);
            self.network_built = key;
        }
        let want = key.map(|k| (k, state.flags_version));
        if !fresh_network || want.is_none() || self.built_for != want {
            self.rebuild_flags(network, state);
            self.built_for = want;
        }
    }

    /// Whether actor `i` is hidden by a filter.
    pub fn is_hidden(&self, i: usize) -> bool {
        flag(&self.hidden, i)
    }

    /// Whether actor `i` is drawn faint.
    pub fn is_dimmed(&self, i: usize) -> bool {
        flag(&self.dimmed, i)
    }

    /// Whether tie `k` is hidden by a filter.
    pub fn is_tie_hidden(&self, k: usize) -> bool {
        flag(&self.tie_hidden, k)
    }
}

/// `v[i]`, or `false` past its end.
pub(super) fn flag(v: &[bool], i: usize) -> bool {
    v.get(i).copied().unwrap_or(false)
}
