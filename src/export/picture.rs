//! A picture of the map as plain data ([`Picture`]): every actor and tie
//! in view with its position, shape, colours, dash, arrowhead and halo,
//! the labels the canvas would place, the badges of an insight, the
//! legend, the map's title and the date — worked out from the map and a
//! [`View`] by the same rules the canvas draws with
//! ([`crate::drawing`]), so that what you see is what you export.
//! [`super::svg`] writes it as SVG, [`super::png`] renders that.
//!
//! Coordinates are points of the picture (y down): a header band, the map
//! area under it, the legend to the map's right. The map area is the
//! view's, grown where a drawn name would otherwise be cut at its edge
//! (text measured in the embedded font, [`super::text`]).

use super::labels::place_labels;
use super::legend::{Legend, legend};
use super::text;
use super::view::{Mark, Tone, View, world_positions};
use crate::drawing::{
    self, FAINT, OUTLINE, SMALL_RADIUS, Theme, arrowhead_length, edge_colour, outline,
    radius_scale, screen_radius, tie_width, world_radius, world_radius_by_measure,
};
use crate::model::{ActorId, Colour, Dash, Network, SELECTION, Shape, TieId};
use std::collections::HashMap;

/// What to draw besides the map, and in which look.
#[derive(Clone, Debug, PartialEq)]
pub struct PictureOptions {
    /// The look: light, dark or projector.
    pub theme: Theme,
    /// The date printed under the title (e.g. "2026-12-03").
    pub date: String,
    /// A line under the title (e.g. "Shareable copy: private fields left
    /// out"); empty for none.
    pub note: String,
}

/// A rectangle: left, top, width, height (points).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Area {
    /// Left.
    pub x: f32,
    /// Top.
    pub y: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

/// A ring around an actor: a disc of the background out to `inner`, the
/// ring from `inner` to `outer` in `colour`, a one-point `edge` outside.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Halo {
    /// Where the ring starts (points from the centre).
    pub inner: f32,
    /// Where it ends.
    pub outer: f32,
    /// Its colour.
    pub colour: Colour,
    /// A thin edge around it.
    pub edge: Option<Colour>,
}

/// One actor as drawn.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorItem {
    /// The actor.
    pub id: ActorId,
    /// Its name.
    pub name: String,
    /// Its sector.
    pub sector: String,
    /// Centre (points).
    pub centre: [f32; 2],
    /// Radius on screen (points).
    pub radius: f32,
    /// Its sector's shape.
    pub shape: Shape,
    /// The shape's corners (points).
    pub points: Vec<[f32; 2]>,
    /// Fill colour.
    pub fill: Colour,
    /// Opacity (faint actors are drawn at [`FAINT`]).
    pub opacity: f32,
    /// An outline [`OUTLINE`] points wide outside the fill, in this colour.
    pub outline: Option<Colour>,
    /// A selection or insight ring.
    pub halo: Option<Halo>,
    /// Selected.
    pub selected: bool,
}

/// One tie as drawn: a straight line or a quadratic curve from `start` to
/// `end` (the edges of its actors, short of the arrowhead).
#[derive(Clone, Debug, PartialEq)]
pub struct TieItem {
    /// The tie.
    pub id: TieId,
    /// Its kind.
    pub kind: String,
    /// The names of its two actors.
    pub ends: (String, String),
    /// Where the line starts.
    pub start: [f32; 2],
    /// The control point of its curve, if it bows (parallel ties).
    pub control: Option<[f32; 2]>,
    /// Where the line ends.
    pub end: [f32; 2],
    /// Colour.
    pub colour: Colour,
    /// Opacity.
    pub opacity: f32,
    /// Width (points).
    pub width: f32,
    /// The dash runs (drawn, gap, …; empty: solid).
    pub dashes: Vec<f32>,
    /// The arrowhead's corners (tip first), for a directed tie.
    pub arrow: Option<[[f32; 2]; 3]>,
    /// Selected or lit by an insight.
    pub emphasised: bool,
}

/// One label: a name on a backdrop under its actor.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelItem {
    /// The actor named.
    pub actor: ActorId,
    /// The text.
    pub text: String,
    /// Left of the text.
    pub x: f32,
    /// Baseline of the text.
    pub baseline: f32,
    /// Font size (points).
    pub size: f32,
    /// Text colour.
    pub colour: Colour,
    /// Text opacity.
    pub opacity: f32,
    /// The backdrop behind the text.
    pub backdrop: Area,
    /// The backdrop's opacity.
    pub backdrop_opacity: f32,
}

/// A letter an insight puts on an actor (a broker's role, × leaving).
#[derive(Clone, Debug, PartialEq)]
pub struct BadgeItem {
    /// Centre of the badge's disc.
    pub centre: [f32; 2],
    /// The letter.
    pub letter: char,
}

/// The whole picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// Width (points).
    pub width: f32,
    /// Height (points).
    pub height: f32,
    /// The look it is drawn in.
    pub theme: Theme,
    /// The map's title.
    pub title: String,
    /// The title's size.
    pub title_size: f32,
    /// The date and any note, under the title.
    pub subtitle: String,
    /// Their size.
    pub subtitle_size: f32,
    /// Where the map is drawn (everything in it is clipped to it).
    pub map: Area,
    /// The world rectangle the map area shows (left, top, right, bottom).
    pub world: [f64; 4],
    /// Ties, in drawing order.
    pub ties: Vec<TieItem>,
    /// Actors, in drawing order (later on top).
    pub actors: Vec<ActorItem>,
    /// Labels.
    pub labels: Vec<LabelItem>,
    /// Badges.
    pub badges: Vec<BadgeItem>,
    /// The legend.
    pub legend: Legend,
}

/// How much room the header takes, for `theme`: title and subtitle sizes
/// and the band's height.
fn header_sizes(theme: &Theme) -> (f32, f32, f32) {
    // Larger still than the names: the projector's title is 44 points.
    let scale = theme.label_scale.max(1.0);
    let title = (20.0 * scale).max(theme.min_label_size * 1.5).round();
    let sub = (12.0 * scale).max(theme.min_label_size * 0.8).round();
    let band = 12.0 + text::line_height(title) + text::line_height(sub) + 10.0;
    (title, sub, band.round())
}

/// The map area a view of `size` fills, under a header `header` high.
fn map_area(size: [f32; 2], header: f32) -> Area {
    Area {
        x: 0.0,
        y: header,
        w: size[0].max(1.0),
        h: size[1].max(1.0),
    }
}

/// The box (left, top, right, bottom; picture points) that `labels` and
/// the actors they name cover — every actor drawn too when `all` — or
/// `None` when it is empty.
fn drawn_box(
    network: &Network,
    scene: &Scene,
    labels: &[LabelItem],
    all: bool,
) -> Option<[f32; 4]> {
    let mut out: Option<[f32; 4]> = None;
    let mut take = |x0: f32, y0: f32, x1: f32, y1: f32| {
        if [x0, y0, x1, y1].iter().all(|v| v.is_finite()) {
            out = Some(match out {
                Some(o) => [o[0].min(x0), o[1].min(y0), o[2].max(x1), o[3].max(y1)],
                None => [x0, y0, x1, y1],
            });
        }
    };
    let mut actor = |i: usize| {
        if let Some(c) = scene.screen.get(i) {
            let reach = scene.reach(i);
            take(c[0] - reach, c[1] - reach, c[0] + reach, c[1] + reach);
        }
    };
    if all {
        (0..scene.screen.len())
            .filter(|&i| flag(&scene.visible, i))
            .for_each(&mut actor);
    }
    for l in labels {
        if let Some(i) = network.actor_position(&l.actor) {
            actor(i);
        }
    }
    for l in labels {
        let b = l.backdrop;
        take(b.x, b.y, b.x + b.w, b.y + b.h);
    }
    out
}

/// How far past `map` (left, top, right, bottom; 0 where nothing is) the
/// labels reach, with the shapes and rings of the actors they name, plus a
/// little air: the room a picture adds so that no name is cut.
fn label_overflow(network: &Network, scene: &Scene, labels: &[LabelItem], map: Area) -> [f32; 4] {
    let Some(b) = drawn_box(network, scene, labels, false) else {
        return [0.0; 4];
    };
    let air = |d: f32| if d > 0.0 { (d + 4.0).ceil() } else { 0.0 };
    [
        air(map.x - b[0]),
        air(map.y - b[1]),
        air(b[2] - (map.x + map.w)),
        air(b[3] - (map.y + map.h)),
    ]
}

/// The picture of `network` as `view` shows it, in `options`' look.
///
/// The map area is the view's size, grown on any side where a name (and
/// the actor it names) would reach past it, so no drawn name is cut: the
/// labels are placed for the view as given, the area then widened at the
/// same zoom, and the same names drawn in it.
pub fn picture(network: &Network, view: &View, options: &PictureOptions) -> Picture {
    let theme = options.theme;
    let (title_size, subtitle_size, header) = header_sizes(&theme);
    let first = Scene::new(network, view, &theme, map_area(view.size, header));
    let named = if theme.labels {
        place_labels(network, view, &theme, &first.label_input())
    } else {
        Vec::new()
    };
    let room = label_overflow(network, &first, &named, first.map);
    let grown;
    let (view, scene, labels) = if room.iter().all(|&r| r <= 0.0) {
        (view, first, named)
    } else {
        grown = view.grown(room);
        let scene = Scene::new(network, &grown, &theme, map_area(grown.size, header));
        // The same names as placed above (whom to name is decided by what
        // the view as given shows), now all inside.
        let labels = place_labels(
            network,
            &grown,
            &theme,
            &super::labels::LabelInput {
                visible: &first.visible,
                ..scene.label_input()
            },
        );
        (&grown, scene, labels)
    };
    let map = scene.map;
    let ties = scene.ties(network, view);
    let actors = scene.actors(network, view);
    let badges = scene.badges();
    let legend = legend(network, view, &theme, [map.x + map.w, header]);
    let width = map.w + legend.width;
    let height = header + map.h.max(legend.height);
    let title = if network.title.trim().is_empty() {
        "Untitled map".to_owned()
    } else {
        network.title.trim().to_owned()
    };
    let mut subtitle = options.date.clone();
    if !options.note.is_empty() {
        if !subtitle.is_empty() {
            subtitle.push_str(" · ");
        }
        subtitle.push_str(&options.note);
    }
    Picture {
        width,
        height,
        theme,
        title,
        title_size,
        subtitle,
        subtitle_size,
        map,
        world: view.world_bounds(),
        ties,
        actors,
        labels,
        badges,
        legend,
    }
}

/// Per actor, what the drawing rules derive from the map and the view.
pub(super) struct Scene {
    /// Screen position (picture points).
    pub screen: Vec<[f32; 2]>,
    /// Screen radius.
    pub radius: Vec<f32>,
    /// Hidden by a filter.
    pub hidden: Vec<bool>,
    /// Drawn faint.
    pub dimmed: Vec<bool>,
    /// Within the visible area (the map plus a margin).
    pub visible: Vec<bool>,
    /// Insight marks by index.
    marks: Vec<Mark>,
    fill: Vec<Colour>,
    shape: Vec<Shape>,
    /// Hidden ties by index.
    tie_hidden: Vec<bool>,
    line_scale: f32,
    theme: Theme,
    map: Area,
}

/// `v[i]`, or `false` past its end.
fn flag(v: &[bool], i: usize) -> bool {
    v.get(i).copied().unwrap_or(false)
}

/// A selection ring's gap from the actor's outline and its width (points);
/// it has a one-point edge outside.
const SELECTION_RING: (f32, f32) = (2.0, 3.5);

/// An insight's ring: gap and width (narrower than the selection's).
const INSIGHT_RING: (f32, f32) = (1.5, 3.0);

/// The grey of actors with no sector colour and ties with no kind colour
/// (egui's `Color32::GRAY`, as the canvas draws them).
const NO_STYLE: Colour = Colour::rgb(160, 160, 160);

impl Scene {
    fn new(network: &Network, view: &View, theme: &Theme, map: Area) -> Self {
        let actors = network.actors();
        let world = world_positions(network, &view.positions);
        let scale = radius_scale(view.zoom);
        let screen: Vec<[f32; 2]> = world
            .iter()
            .map(|&p| {
                let [x, y] = view.to_screen(p);
                [map.x + x, map.y + y]
            })
            .collect();
        let radius: Vec<f32> = actors
            .iter()
            .map(|a| {
                let r = match &view.sizes {
                    Some(s) => world_radius_by_measure(s.get(a.id()).copied().unwrap_or(0.0)),
                    None => world_radius(a.influence),
                };
                screen_radius(r, scale)
            })
            .collect();
        let hidden: Vec<bool> = actors
            .iter()
            .map(|a| view.hidden_actors.contains(a.id()))
            .collect();
        let marks: Vec<Mark> = actors
            .iter()
            .map(|a| match &view.marks {
                Some(m) => m.actors.get(a.id()).copied().unwrap_or(Mark {
                    tone: m.rest,
                    ..Mark::default()
                }),
                None => Mark::default(),
            })
            .collect();
        let dimmed = actors
            .iter()
            .zip(&marks)
            .map(|(a, m)| {
                view.focus.as_ref().is_some_and(|f| !f.contains(a.id()))
                    || (view.dim_others
                        && !view.highlight.is_empty()
                        && !view.highlight.contains(a.id()))
                    || m.tone == Tone::Faint
            })
            .collect();
        let margin = 60.0;
        let visible = screen
            .iter()
            .zip(&hidden)
            .map(|(p, h)| {
                !h && p[0] >= map.x - margin
                    && p[0] <= map.x + map.w + margin
                    && p[1] >= map.y - margin
                    && p[1] <= map.y + map.h + margin
            })
            .collect();
        let sectors: HashMap<&str, (Colour, Shape)> = network
            .sectors
            .iter()
            .map(|s| (s.name.as_str(), (s.colour, s.shape)))
            .collect();
        let (fill, shape) = actors
            .iter()
            .map(|a| {
                sectors
                    .get(a.sector.as_str())
                    .copied()
                    .unwrap_or((NO_STYLE, Shape::Circle))
            })
            .unzip();
        let tie_hidden = network
            .ties()
            .iter()
            .map(|t| view.hidden_ties.contains(t.id()))
            .collect();
        Self {
            screen,
            radius,
            hidden,
            dimmed,
            visible,
            marks,
            fill,
            shape,
            tie_hidden,
            line_scale: theme.line_scale * scale.min(1.5),
            theme: *theme,
            map,
        }
    }

    /// How far from its centre actor `i` is drawn at most: its shape, its
    /// outline and room for a selection ring.
    fn reach(&self, i: usize) -> f32 {
        let r = self.radius.get(i).copied().unwrap_or(0.0);
        let shape = self.shape.get(i).copied().unwrap_or(Shape::Circle);
        let (gap, width) = SELECTION_RING;
        drawing::shapes::extent(shape) * r + OUTLINE + gap + width + 1.0
    }

    /// How far apart the drawn actors' centres lie, across and down
    /// (points).
    fn spread(&self) -> [f32; 2] {
        let (mut lo, mut hi) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
        for (i, c) in self.screen.iter().enumerate() {
            if flag(&self.visible, i) && c.iter().all(|v| v.is_finite()) {
                for k in 0..2 {
                    lo[k] = lo[k].min(c[k]);
                    hi[k] = hi[k].max(c[k]);
                }
            }
        }
        [0, 1].map(|k| (hi[k] - lo[k]).max(0.0))
    }

    /// What label placement needs.
    fn label_input(&self) -> super::labels::LabelInput<'_> {
        super::labels::LabelInput {
            screen: &self.screen,
            radius: &self.radius,
            visible: &self.visible,
            dimmed: &self.dimmed,
        }
    }

    fn ties(&self, network: &Network, view: &View) -> Vec<TieItem> {
        let kinds: HashMap<&str, (Colour, Dash)> = network
            .tie_kinds
            .iter()
            .map(|k| (k.name.as_str(), (k.colour, k.dash)))
            .collect();
        let ends: Vec<Option<(usize, usize)>> = network
            .ties()
            .iter()
            .enumerate()
            .map(|(k, t)| {
                let ends = network
                    .actor_position(t.from())
                    .zip(network.actor_position(t.to()));
                ends.filter(|&(a, b)| {
                    !flag(&self.tie_hidden, k) && !flag(&self.hidden, a) && !flag(&self.hidden, b)
                })
            })
            .collect();
        let lanes = drawing::lanes(&ends);
        let marks = view.marks.as_ref();
        let far = self.line_scale < 0.5;
        let mut out = Vec::new();
        for (k, t) in network.ties().iter().enumerate() {
            let Some(Some((a, b))) = ends.get(k).copied() else {
                continue;
            };
            let (Some(&pa), Some(&pb), Some(&ra), Some(&rb)) = (
                self.screen.get(a),
                self.screen.get(b),
                self.radius.get(a),
                self.radius.get(b),
            ) else {
                continue;
            };
            if a == b {
                continue;
            }
            let lane = lanes.get(k).copied().unwrap_or(0.0);
            let curve = Curve::new(pa, pb, lane);
            if !curve.touches(self.map, 60.0) {
                continue;
            }
            let (base, dash) = kinds
                .get(t.kind.as_str())
                .copied()
                .unwrap_or((NO_STYLE, Dash::Solid));
            let selected = view.selected_ties.contains(t.id());
            let lit = marks.is_some_and(|m| m.ties.contains(t.id()));
            let dimmed = flag(&self.dimmed, a) || flag(&self.dimmed, b);
            let (colour, mut opacity, extra) = if selected {
                (SELECTION, 1.0, 2.5)
            } else if lit {
                (marks.map_or(base, |m| m.tie_colour), 1.0, 2.0)
            } else {
                (base, if dimmed { FAINT } else { 1.0 }, 0.0)
            };
            let width = tie_width(t.strength as f32, self.line_scale) + extra;
            let len = curve.length();
            let (t0, t1) = (ra / len.max(1e-3), 1.0 - rb / len.max(1e-3));
            if t1 <= t0 || len * (t1 - t0) < 1.0 {
                continue;
            }
            let shown = len * (t1 - t0);
            let head = arrowhead_length(width);
            let arrow = t.directed && shown >= 1.5 * head;
            let line_t1 = if arrow {
                (t1 - head * 0.8 / len).max(t0)
            } else {
                t1
            };
            let dash = match dash {
                Dash::Solid => Dash::Solid,
                _ if far => {
                    opacity *= 0.6;
                    Dash::Solid
                }
                d => d,
            };
            let (start, control, end) = curve.part(t0, line_t1);
            let arrow = arrow.then(|| {
                let tip = curve.at(t1);
                let d = curve.tangent(t1);
                let l = d[0].hypot(d[1]).max(1e-6);
                let dir = [d[0] / l, d[1] / l];
                let n = [-dir[1], dir[0]];
                let base = [tip[0] - dir[0] * head, tip[1] - dir[1] * head];
                [
                    tip,
                    [base[0] + n[0] * head * 0.5, base[1] + n[1] * head * 0.5],
                    [base[0] - n[0] * head * 0.5, base[1] - n[1] * head * 0.5],
                ]
            });
            let name = |i: usize| {
                network
                    .actors()
                    .get(i)
                    .map(|x| x.name.clone())
                    .unwrap_or_default()
            };
            out.push(TieItem {
                id: t.id().clone(),
                kind: t.kind.clone(),
                ends: (name(a), name(b)),
                start,
                control,
                end,
                colour,
                opacity,
                width,
                dashes: drawing::dashes::dash_array(dash, width),
                arrow,
                emphasised: selected || lit,
            });
        }
        out
    }

    fn actors(&self, network: &Network, view: &View) -> Vec<ActorItem> {
        let background = self.theme.background;
        let edge = edge_colour(background);
        let mut out = Vec::new();
        for (i, a) in network.actors().iter().enumerate() {
            if !flag(&self.visible, i) {
                continue;
            }
            let (Some(&centre), Some(&r)) = (self.screen.get(i), self.radius.get(i)) else {
                continue;
            };
            let shape = self.shape.get(i).copied().unwrap_or(Shape::Circle);
            let mark = self.marks.get(i).copied().unwrap_or_default();
            let dimmed = flag(&self.dimmed, i);
            let base = mark
                .fill
                .or_else(|| self.fill.get(i).copied())
                .unwrap_or(NO_STYLE);
            let (fill, opacity) = if mark.tone == Tone::Soft && !dimmed {
                (soften(base, background), 1.0)
            } else {
                (base, if dimmed { FAINT } else { 1.0 })
            };
            let selected = view.selected.contains(a.id());
            let extent = drawing::shapes::extent(shape) * r;
            let halo = if selected {
                Some((SELECTION_RING.0, SELECTION_RING.1, SELECTION))
            } else {
                mark.ring.map(|c| (INSIGHT_RING.0, INSIGHT_RING.1, c))
            }
            .map(|(gap, width, colour)| {
                let inner = extent + OUTLINE + gap;
                Halo {
                    inner,
                    outer: inner + width,
                    colour,
                    edge: Some(edge),
                }
            });
            let points = outline(shape)
                .into_iter()
                .map(|[x, y]| [centre[0] + x * r, centre[1] + y * r])
                .collect();
            out.push(ActorItem {
                id: a.id().clone(),
                name: a.name.clone(),
                sector: a.sector.clone(),
                centre,
                radius: r,
                shape,
                points,
                fill,
                opacity,
                outline: (r >= SMALL_RADIUS).then_some(edge),
                halo,
                selected,
            });
        }
        out
    }

    fn badges(&self) -> Vec<BadgeItem> {
        let mut out = Vec::new();
        for (i, m) in self.marks.iter().enumerate() {
            let Some(letter) = m.badge else { continue };
            if flag(&self.hidden, i) {
                continue;
            }
            let (Some(&c), Some(&r)) = (self.screen.get(i), self.radius.get(i)) else {
                continue;
            };
            let inside = c[0] >= self.map.x
                && c[0] <= self.map.x + self.map.w
                && c[1] >= self.map.y
                && c[1] <= self.map.y + self.map.h;
            if inside {
                let d = r * 0.75 + 4.0;
                out.push(BadgeItem {
                    centre: [c[0] + d, c[1] - d],
                    letter,
                });
            }
        }
        out
    }
}

/// `c` taken 60 % of the way towards `background` (an insight's paler
/// actors).
pub fn soften(c: Colour, background: Colour) -> Colour {
    let mix = |a: u8, b: u8| (f32::from(a) + (f32::from(b) - f32::from(a)) * 0.6).round() as u8;
    Colour::rgb(
        mix(c.r, background.r),
        mix(c.g, background.g),
        mix(c.b, background.b),
    )
}

/// A tie's centre line: a quadratic Bézier from `p0` to `p2` (straight
/// when `c` is `None`), as the canvas's.
#[derive(Clone, Copy, Debug)]
struct Curve {
    p0: [f32; 2],
    c: Option<[f32; 2]>,
    p2: [f32; 2],
}

impl Curve {
    fn new(p0: [f32; 2], p2: [f32; 2], lane: f32) -> Self {
        Self {
            p0,
            c: drawing::bow_control(p0, p2, lane),
            p2,
        }
    }

    fn control(&self) -> [f32; 2] {
        self.c.unwrap_or([
            (self.p0[0] + self.p2[0]) / 2.0,
            (self.p0[1] + self.p2[1]) / 2.0,
        ])
    }

    fn at(&self, t: f32) -> [f32; 2] {
        let c = self.control();
        let u = 1.0 - t;
        let f = |k: usize| self.p0[k] * u * u + c[k] * 2.0 * u * t + self.p2[k] * t * t;
        [f(0), f(1)]
    }

    fn tangent(&self, t: f32) -> [f32; 2] {
        let c = self.control();
        let f = |k: usize| (c[k] - self.p0[k]) * 2.0 * (1.0 - t) + (self.p2[k] - c[k]) * 2.0 * t;
        [f(0), f(1)]
    }

    /// About how long the curve is, as the canvas reckons it.
    fn length(&self) -> f32 {
        let chord = (self.p2[0] - self.p0[0]).hypot(self.p2[1] - self.p0[1]);
        if self.c.is_none() || chord < 1e-3 {
            return chord;
        }
        let mid = self.at(0.5);
        let h = (mid[0] - (self.p0[0] + self.p2[0]) / 2.0)
            .hypot(mid[1] - (self.p0[1] + self.p2[1]) / 2.0);
        chord + 8.0 * h * h / (3.0 * chord)
    }

    /// The piece from `t0` to `t1`: its ends and, if curved, the control
    /// point of that piece (a quadratic's piece is a quadratic).
    fn part(&self, t0: f32, t1: f32) -> ([f32; 2], Option<[f32; 2]>, [f32; 2]) {
        let (a, b) = (self.at(t0), self.at(t1));
        let c = self.c.map(|_| {
            let d = self.tangent(t0);
            let h = (t1 - t0) / 2.0;
            [a[0] + d[0] * h, a[1] + d[1] * h]
        });
        (a, c, b)
    }

    /// Whether the curve's bounding box meets `area` grown by `margin`.
    fn touches(&self, area: Area, margin: f32) -> bool {
        let c = self.control();
        let xs = [self.p0[0], c[0], self.p2[0]];
        let ys = [self.p0[1], c[1], self.p2[1]];
        let (x0, x1) = (
            xs.iter().copied().fold(f32::INFINITY, f32::min),
            xs.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        );
        let (y0, y1) = (
            ys.iter().copied().fold(f32::INFINITY, f32::min),
            ys.iter().copied().fold(f32::NEG_INFINITY, f32::max),
        );
        x1 >= area.x - margin
            && x0 <= area.x + area.w + margin
            && y1 >= area.y - margin
            && y0 <= area.y + area.h + margin
    }
}

/// The picture of the whole of `network`, `width` points wide in all
/// (the map framed as "Fit map to window" frames it, the legend beside
/// it): what the command line draws.
pub fn fitted_picture(network: &Network, width: f32, options: &PictureOptions) -> Picture {
    let probe = View::new([0.0, 0.0], 1.0, [1.0, 1.0]);
    let theme = options.theme;
    let legend_width = legend(network, &probe, &theme, [0.0, 0.0]).width;
    let mut view = View::fit(network, (width - legend_width).max(100.0));
    // Frame what is drawn — every actor and every name — rather than the
    // actors' centres alone: centre it, and zoom out while it is larger
    // than the view, so the picture keeps the width asked for and no name
    // is cut. What is drawn is the centres' spread, which scales with the
    // zoom, plus what names and shapes add, which does not (names have a
    // smallest size): the zoom that fits solves for that. Past a quarter
    // less than the fitted zoom the map would shrink for its names' sake
    // (names longer than the map is wide): it stays, and `picture` grows
    // the map instead.
    let fitted_zoom = view.zoom;
    for step in 0..6 {
        let scene = Scene::new(network, &view, &theme, map_area(view.size, 0.0));
        let labels = if theme.labels {
            place_labels(network, &view, &theme, &scene.label_input())
        } else {
            Vec::new()
        };
        let Some(b) = drawn_box(network, &scene, &labels, true) else {
            break;
        };
        let z = f64::from(view.zoom.max(1e-6));
        view.center[0] += f64::from((b[0] + b[2] - view.size[0]) / 2.0) / z;
        view.center[1] += f64::from((b[1] + b[3] - view.size[1]) / 2.0) / z;
        // A little air at the edges, as `picture` leaves.
        let drawn = [b[2] - b[0] + 8.0, b[3] - b[1] + 8.0];
        if (drawn[0] <= view.size[0] && drawn[1] <= view.size[1]) || step == 5 {
            break;
        }
        let spread = scene.spread();
        let fit = |k: usize| {
            let fixed = drawn[k] - spread[k];
            if spread[k] > 1.0 && drawn[k] > view.size[k] {
                view.zoom * ((view.size[k] - fixed) / spread[k]).max(0.0) * 0.99
            } else {
                view.zoom
            }
        };
        let smaller = fit(0).min(fit(1));
        if smaller >= view.zoom || smaller < fitted_zoom * 0.75 {
            break;
        }
        view.zoom = smaller;
    }
    picture(network, &view, options)
}
