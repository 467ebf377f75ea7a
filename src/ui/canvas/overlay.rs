//! An insight shown on the map: the coalition with its reach, the actors
//! marked as leaving and those they would cut off, single points of
//! failure, a silo cell's ties and bridgers, brokers' roles, communities.
//!
//! The app builds an [`Overlay`] from the insight dock (only when what it
//! shows changes) and hands it to [`super::CanvasState::set_overlay`]; the
//! canvas turns it into per-actor and per-tie flags once per change
//! ([`OverlayFlags`], in the cache), [`super::highlights`] turns those into
//! looks, and [`draw_badges`] / [`key_ui`] draw the letters on actors and
//! the key that says what every mark means. Colour is never the only
//! signal: rings, badges and fading carry the meaning, and the key names
//! it in words.

use super::cache::Cache;
use super::frame::Frame;
use crate::model::{ActorId, Network, TieId};
use egui::{Color32, Rect, Sense, Stroke, vec2};
use std::collections::{HashMap, HashSet};

pub use crate::drawing::Tone;

/// How one actor is marked.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ActorMark {
    /// A ring around the actor in this colour.
    pub ring: Option<Color32>,
    /// A fill replacing the sector's colour.
    pub fill: Option<Color32>,
    /// How strongly it is drawn.
    pub tone: Tone,
    /// A letter on the actor (a broker's role, × for leaving, ! for a
    /// single point of failure).
    pub badge: Option<char>,
}

impl ActorMark {
    /// A mark of this tone only.
    pub fn tone(tone: Tone) -> Self {
        Self {
            tone,
            ..Self::default()
        }
    }
}

/// What a key entry's swatch shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Swatch {
    /// A ring in this colour.
    Ring(Color32),
    /// A disc filled with this colour.
    Fill(Color32),
    /// A pale disc (paler actors).
    Soft,
    /// A faint disc (faded actors).
    Faint,
    /// A letter on a disc.
    Badge(char),
    /// A thick line in this colour (lit ties).
    Tie(Color32),
}

/// One line of the overlay's key: a swatch and what it means.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyEntry {
    /// What the mark looks like.
    pub swatch: Swatch,
    /// What it means, in words (e.g. "in the coalition (6)").
    pub text: String,
}

impl KeyEntry {
    /// An entry.
    pub fn new(swatch: Swatch, text: impl Into<String>) -> Self {
        Self {
            swatch,
            text: text.into(),
        }
    }
}

/// An insight drawn over the map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overlay {
    /// The key's title (e.g. "Coalition of 6").
    pub title: String,
    /// Marked actors.
    pub actors: HashMap<ActorId, ActorMark>,
    /// How actors without a mark are drawn.
    pub rest: Tone,
    /// Ties drawn thick in [`Overlay::tie_colour`], whatever the tie budget.
    pub ties: HashSet<TieId>,
    /// The colour of [`Overlay::ties`].
    pub tie_colour: Color32,
    /// What each mark means.
    pub key: Vec<KeyEntry>,
}

impl Overlay {
    /// Merges `other` into this one: its marks over these (a field it
    /// sets wins), its ties and key entries added, the fainter rest.
    pub fn merge(&mut self, other: Overlay) {
        for (id, m) in other.actors {
            let e = self.actors.entry(id).or_default();
            e.ring = m.ring.or(e.ring);
            e.fill = m.fill.or(e.fill);
            e.badge = m.badge.or(e.badge);
            if m.tone != Tone::Full {
                e.tone = m.tone;
            }
        }
        if other.rest == Tone::Faint || (other.rest == Tone::Soft && self.rest == Tone::Full) {
            self.rest = other.rest;
        }
        if !other.ties.is_empty() {
            self.tie_colour = other.tie_colour;
        }
        self.ties.extend(other.ties);
        if self.title.is_empty() {
            self.title = other.title;
        } else if !other.title.is_empty() {
            self.title = format!("{}; {}", self.title, other.title);
        }
        self.key.extend(other.key);
    }
}

/// The overlay by actor and tie index, worked out once per change.
#[derive(Debug, Default)]
pub(super) struct OverlayFlags {
    /// Per actor: its mark (the rest's tone for unmarked actors).
    pub mark: Vec<ActorMark>,
    /// Per tie: lit.
    pub tie_lit: Vec<bool>,
    /// The lit ties' colour.
    pub tie_colour: Color32,
    /// Actors with a badge: index and letter.
    pub badges: Vec<(usize, char)>,
}

impl OverlayFlags {
    /// The flags for `overlay` on `network` (none without an overlay).
    pub fn new(network: &Network, overlay: Option<&Overlay>) -> Self {
        let Some(o) = overlay else {
            return Self::default();
        };
        let mut mark = vec![ActorMark::tone(o.rest); network.actors().len()];
        let mut badges = Vec::new();
        for (id, m) in &o.actors {
            if let Some(i) = network.actor_position(id)
                && let Some(slot) = mark.get_mut(i)
            {
                *slot = *m;
                if let Some(b) = m.badge {
                    badges.push((i, b));
                }
            }
        }
        badges.sort_unstable();
        let mut tie_lit = vec![false; network.ties().len()];
        for id in &o.ties {
            if let Some(l) = network.tie_position(id).and_then(|k| tie_lit.get_mut(k)) {
                *l = true;
            }
        }
        Self {
            mark,
            tie_lit,
            tie_colour: o.tie_colour,
            badges,
        }
    }

    /// Actor `i`'s mark (a plain one past the end).
    pub fn of(&self, i: usize) -> ActorMark {
        self.mark.get(i).copied().unwrap_or_default()
    }

    /// Whether tie `k` is lit.
    pub fn is_tie_lit(&self, k: usize) -> bool {
        super::cache::flag(&self.tie_lit, k)
    }
}

/// The ink for badges and key text on `background`.
fn ink(background: Color32) -> Color32 {
    super::highlights::edge_colour(background)
}

/// Draws each badge on its actor's upper right, on a disc of the
/// background, so the letter reads over any fill.
pub(super) fn draw_badges(
    painter: &egui::Painter,
    cache: &Cache,
    frame: &Frame,
    background: Color32,
) {
    let font = egui::FontId::proportional(11.0);
    for &(i, letter) in &cache.overlay.badges {
        if cache.is_hidden(i) {
            continue;
        }
        let (Some(&centre), Some(&r)) = (frame.screen.get(i), frame.radius.get(i)) else {
            continue;
        };
        if !frame.rect.contains(centre) {
            continue;
        }
        let at = centre + vec2(r * 0.75 + 4.0, -(r * 0.75 + 4.0));
        painter.circle(at, 7.5, background, Stroke::new(1.2, ink(background)));
        painter.text(
            at,
            egui::Align2::CENTER_CENTER,
            letter,
            font.clone(),
            ink(background),
        );
    }
}

/// Draws the overlay's key in the canvas's lower left corner: its title and
/// one line per mark, as labels (readable by a screen reader).
pub(super) fn key_ui(ui: &mut egui::Ui, rect: Rect, overlay: &Overlay, background: Color32) {
    if overlay.key.is_empty() && overlay.title.is_empty() {
        return;
    }
    let width = 300.0_f32.min(rect.width() - 16.0).max(120.0);
    // Pinned by its lower left corner, so it grows upwards with its lines.
    egui::Area::new(egui::Id::unique("bridgework canvas overlay key"))
        .order(egui::Order::Middle)
        .pivot(egui::Align2::LEFT_BOTTOM)
        .fixed_pos(rect.left_bottom() + vec2(8.0, -8.0))
        .interactable(false)
        .constrain_to(rect)
        .show(ui.ctx(), |ui| {
            key_frame_ui(ui, overlay, background, width);
        });
}

fn key_frame_ui(ui: &mut egui::Ui, overlay: &Overlay, background: Color32, width: f32) {
    egui::Frame::popup(ui.style())
        .fill(background.gamma_multiply(0.92))
        .show(ui, |ui| {
            ui.set_max_width(width - 16.0);
            if !overlay.title.is_empty() {
                ui.add(egui::Label::new(egui::RichText::new(&overlay.title).strong()).truncate());
            }
            for entry in &overlay.key {
                ui.horizontal(|ui| {
                    swatch_ui(ui, entry.swatch, background);
                    ui.add(egui::Label::new(&entry.text).truncate());
                });
            }
        });
}

/// A 16-point swatch for a key entry (also used by the legend).
pub fn swatch_ui(ui: &mut egui::Ui, swatch: Swatch, background: Color32) {
    let (rect, _) = ui.allocate_exact_size(vec2(18.0, 16.0), Sense::hover());
    let c = rect.center();
    let p = ui.painter();
    let grey = Color32::from_gray(140);
    match swatch {
        Swatch::Ring(colour) => {
            p.circle_stroke(c, 6.0, Stroke::new(3.0, colour));
            p.circle_filled(c, 3.0, grey);
        }
        Swatch::Fill(colour) => {
            p.circle(c, 6.0, colour, Stroke::new(1.0, ink(background)));
        }
        Swatch::Soft => {
            p.circle_filled(c, 6.0, super::highlights::soften(grey, background));
        }
        Swatch::Faint => {
            p.circle_filled(c, 6.0, grey.gamma_multiply(super::highlights::FAINT));
        }
        Swatch::Badge(letter) => {
            p.circle(c, 7.0, background, Stroke::new(1.2, ink(background)));
            p.text(
                c,
                egui::Align2::CENTER_CENTER,
                letter,
                egui::FontId::proportional(11.0),
                ink(background),
            );
        }
        Swatch::Tie(colour) => {
            p.line_segment(
                [rect.left_center(), rect.right_center()],
                Stroke::new(3.5, colour),
            );
        }
    }
}

/// How far towards the background a [`Tone::Soft`] actor's fill is taken.
pub(super) const SOFT: f32 = 0.6;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Tie};

    #[test]
    fn flags_follow_ids_and_ignore_unknown_ones() {
        let mut network = Network::new();
        for id in ["a", "b", "c"] {
            network.add_actor(Actor::new(id, id, "s")).unwrap();
        }
        network
            .add_tie(Tie::new("t", "a", "b", "collaboration", false))
            .unwrap();
        let mut overlay = Overlay {
            rest: Tone::Faint,
            tie_colour: Color32::RED,
            ..Overlay::default()
        };
        overlay.actors.insert(
            "b".into(),
            ActorMark {
                ring: Some(Color32::BLACK),
                badge: Some('G'),
                ..ActorMark::default()
            },
        );
        overlay.actors.insert("gone".into(), ActorMark::default());
        overlay.ties.insert("t".into());
        overlay.ties.insert("nope".into());
        let flags = OverlayFlags::new(&network, Some(&overlay));
        assert_eq!(flags.of(0).tone, Tone::Faint);
        assert_eq!(flags.of(1).ring, Some(Color32::BLACK));
        assert_eq!(flags.of(1).tone, Tone::Full);
        assert_eq!(flags.badges, vec![(1, 'G')]);
        assert!(flags.is_tie_lit(0) && !flags.is_tie_lit(1));
        assert_eq!(flags.of(99), ActorMark::default());
        let none = OverlayFlags::new(&network, None);
        assert_eq!(none.of(0), ActorMark::default());
    }

    #[test]
    fn merging_keeps_what_each_overlay_sets() {
        let mut a = Overlay {
            title: "Communities".into(),
            ..Overlay::default()
        };
        a.actors.insert(
            "x".into(),
            ActorMark {
                fill: Some(Color32::BLUE),
                ..ActorMark::default()
            },
        );
        let mut b = Overlay {
            title: "1 leaving".into(),
            ..Overlay::default()
        };
        b.actors.insert("x".into(), ActorMark::tone(Tone::Faint));
        a.merge(b);
        let m = a.actors[&ActorId::from("x")];
        assert_eq!(m.fill, Some(Color32::BLUE));
        assert_eq!(m.tone, Tone::Faint);
        assert_eq!(a.title, "Communities; 1 leaving");
    }
}
