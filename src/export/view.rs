//! What part of the map a picture shows and how: the camera (centre and
//! zoom over a view of a given size), what the legend's filters hide, the
//! focus, the search highlight, the selection, sizes by a measure, and an
//! insight drawn over the map ([`Marks`]). The editor fills one from its
//! canvas; the command line fits the whole map ([`View::fit`]).

use crate::model::{ActorId, Colour, Network, TieId};
use std::collections::{BTreeSet, HashMap, HashSet};

pub use crate::drawing::Tone;

/// How an insight marks one actor.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Mark {
    /// A ring around the actor in this colour.
    pub ring: Option<Colour>,
    /// A fill replacing the sector's colour.
    pub fill: Option<Colour>,
    /// How strongly it is drawn.
    pub tone: Tone,
    /// A letter on the actor's upper right.
    pub badge: Option<char>,
}

/// What a key entry's swatch shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum KeySwatch {
    /// A ring in this colour.
    Ring(Colour),
    /// A disc of this colour.
    Fill(Colour),
    /// A pale disc.
    Soft,
    /// A faint disc.
    Faint,
    /// A letter on a disc.
    Badge(char),
    /// A thick line in this colour.
    Tie(Colour),
}

/// An insight drawn over the map, as the canvas's overlay.
#[derive(Clone, Debug, PartialEq)]
pub struct Marks {
    /// The key's title.
    pub title: String,
    /// Marked actors.
    pub actors: HashMap<ActorId, Mark>,
    /// How actors without a mark are drawn.
    pub rest: Tone,
    /// Ties drawn thick in `tie_colour`.
    pub ties: HashSet<TieId>,
    /// The colour of the lit ties.
    pub tie_colour: Colour,
    /// What each mark means, in words.
    pub key: Vec<(KeySwatch, String)>,
}

impl Default for Marks {
    fn default() -> Self {
        Self {
            title: String::new(),
            actors: HashMap::new(),
            rest: Tone::Full,
            ties: HashSet::new(),
            tie_colour: crate::model::GREY,
            key: Vec::new(),
        }
    }
}

/// The view a picture is drawn from.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The world point at the centre of the map area.
    pub center: [f64; 2],
    /// Screen points per world unit.
    pub zoom: f32,
    /// The map area's size (points): the canvas's size on screen.
    pub size: [f32; 2],
    /// Actors hidden by the legend's filters (their ties with them).
    pub hidden_actors: HashSet<ActorId>,
    /// Ties hidden by the legend's filters.
    pub hidden_ties: HashSet<TieId>,
    /// The focused neighbourhood: everyone else faint.
    pub focus: Option<HashSet<ActorId>>,
    /// Search matches (labelled first).
    pub highlight: HashSet<ActorId>,
    /// Draw everyone but the search matches faint.
    pub dim_others: bool,
    /// Selected actors (a halo, labelled first).
    pub selected: BTreeSet<ActorId>,
    /// Selected ties (drawn thick in the selection colour).
    pub selected_ties: BTreeSet<TieId>,
    /// Sizes by a measure (0..=1 each); `None`: by perceived influence.
    pub sizes: Option<HashMap<ActorId, f32>>,
    /// What actor sizes show, for the legend ("perceived influence").
    pub size_label: String,
    /// Positions shown instead of the map's (a layout in progress).
    pub positions: HashMap<ActorId, [f64; 2]>,
    /// An insight drawn over the map.
    pub marks: Option<Marks>,
}

impl View {
    /// A view of `size` points centred on `center` at `zoom`, showing
    /// everything, nothing selected.
    pub fn new(center: [f64; 2], zoom: f32, size: [f32; 2]) -> Self {
        Self {
            center,
            zoom,
            size,
            hidden_actors: HashSet::new(),
            hidden_ties: HashSet::new(),
            focus: None,
            highlight: HashSet::new(),
            dim_others: false,
            selected: BTreeSet::new(),
            selected_ties: BTreeSet::new(),
            sizes: None,
            size_label: "perceived influence".to_owned(),
            positions: HashMap::new(),
            marks: None,
        }
    }

    /// A view `width` points wide framing every actor of `network` as the
    /// editor's "Fit map to window" does; its height follows the map's
    /// shape (between half and one and a quarter times the width).
    pub fn fit(network: &Network, width: f32) -> Self {
        let width = width.max(1.0);
        let points: Vec<[f64; 2]> = world_positions(network, &HashMap::new());
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in &points {
            for k in 0..2 {
                lo[k] = lo[k].min(p[k]);
                hi[k] = hi[k].max(p[k]);
            }
        }
        let aspect = if lo[0].is_finite() {
            (((hi[1] - lo[1]) as f32).max(1.0) + 120.0)
                / (((hi[0] - lo[0]) as f32).max(1.0) + 120.0)
        } else {
            0.75
        };
        let size = [width, (width * aspect.clamp(0.5, 1.25)).round()];
        let (center, zoom) =
            crate::drawing::fit(points.into_iter(), size).unwrap_or(([0.0, 0.0], 1.0));
        Self::new(center, zoom, size)
    }

    /// This view with `room` points more on each side (left, top, right,
    /// bottom) at the same zoom: what was at a map-area point is then
    /// `left` points further right and `top` points further down.
    pub fn grown(&self, room: [f32; 4]) -> Self {
        let [left, top, right, bottom] = room.map(|r| r.max(0.0));
        let z = f64::from(self.zoom.max(1e-6));
        let mut out = self.clone();
        out.size = [self.size[0] + left + right, self.size[1] + top + bottom];
        out.center = [
            self.center[0] + f64::from(right - left) / 2.0 / z,
            self.center[1] + f64::from(bottom - top) / 2.0 / z,
        ];
        out
    }

    /// World → map-area points.
    pub fn to_screen(&self, p: [f64; 2]) -> [f32; 2] {
        [
            self.size[0] / 2.0 + ((p[0] - self.center[0]) as f32) * self.zoom,
            self.size[1] / 2.0 + ((p[1] - self.center[1]) as f32) * self.zoom,
        ]
    }

    /// The world rectangle the map area shows: (left, top, right, bottom).
    pub fn world_bounds(&self) -> [f64; 4] {
        let z = f64::from(self.zoom.max(1e-6));
        let (hw, hh) = (
            f64::from(self.size[0]) / 2.0 / z,
            f64::from(self.size[1]) / 2.0 / z,
        );
        [
            self.center[0] - hw,
            self.center[1] - hh,
            self.center[0] + hw,
            self.center[1] + hh,
        ]
    }
}

/// Every actor's world position, as the canvas shows it: `shown` where it
/// has one (a layout in progress), else its own, else the fallback spiral.
pub fn world_positions(network: &Network, shown: &HashMap<ActorId, [f64; 2]>) -> Vec<[f64; 2]> {
    network
        .actors()
        .iter()
        .enumerate()
        .map(|(i, a)| {
            shown.get(a.id()).copied().unwrap_or(match (a.x, a.y) {
                (Some(x), Some(y)) => [x, y],
                _ => crate::drawing::fallback_position(i),
            })
        })
        .collect()
}
