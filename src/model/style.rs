//! Visual vocabulary shared by sectors and tie kinds: colours, node shapes,
//! line dashes, the colour-blind-safe default palette ([`PALETTE`]: Okabe–Ito
//! and Paul Tol), further colours generated to stay apart from it
//! ([`generated_colours`]), and the CIE Lab colour difference (ΔE76) that
//! says how far apart two colours look.
//!
//! Pure data and arithmetic; no egui here. The UI converts [`Colour`] to its
//! own type.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

/// An opaque sRGB colour, written in files as `"#RRGGBB"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

impl Colour {
    /// A colour from its three channels.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// The colour in CIE L\*a\*b\* (D65 white), see [`Lab`].
    pub fn to_lab(self) -> Lab {
        Lab::from(self)
    }

    /// The CIE 1976 colour difference ΔE\*ab between two colours: the
    /// straight-line distance between them in L\*a\*b\*. About 2.3 is a
    /// just-noticeable difference; colours meant to be told apart at a
    /// glance, as sector fills are, should be [`MIN_DELTA_E`] or more apart.
    ///
    /// # Example
    ///
    /// ```
    /// use bridgework::model::Colour;
    /// let black = Colour::rgb(0, 0, 0);
    /// let white = Colour::rgb(255, 255, 255);
    /// assert!((black.delta_e76(white) - 100.0).abs() < 1e-3);
    /// assert_eq!(black.delta_e76(black), 0.0);
    /// ```
    pub fn delta_e76(self, other: Colour) -> f64 {
        self.to_lab().delta_e76(other.to_lab())
    }
}

/// A colour in CIE L\*a\*b\* (1976), relative to the D65 white point.
///
/// Converted from sRGB the standard way: undo the sRGB transfer curve
/// (IEC 61966-2-1), multiply by the sRGB → XYZ matrix (D65), divide by the
/// white point (0.95047, 1, 1.08883) and apply the Lab function
/// f(t) = ∛t above (6/29)³, t ÷ (3·(6/29)²) + 4/29 below.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lab {
    /// Lightness, 0 (black) to 100 (white).
    pub l: f64,
    /// Green (negative) to red (positive).
    pub a: f64,
    /// Blue (negative) to yellow (positive).
    pub b: f64,
}

impl Lab {
    /// The CIE 1976 colour difference ΔE\*ab: the Euclidean distance in Lab.
    pub fn delta_e76(self, other: Lab) -> f64 {
        let (dl, da, db) = (self.l - other.l, self.a - other.a, self.b - other.b);
        (dl * dl + da * da + db * db).sqrt()
    }
}

impl From<Colour> for Lab {
    fn from(c: Colour) -> Self {
        fn linear(channel: u8) -> f64 {
            let v = f64::from(channel) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        }
        fn f(t: f64) -> f64 {
            const D: f64 = 6.0 / 29.0;
            if t > D * D * D {
                t.cbrt()
            } else {
                t / (3.0 * D * D) + 4.0 / 29.0
            }
        }
        let (r, g, b) = (linear(c.r), linear(c.g), linear(c.b));
        let x = 0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b;
        let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175_0 * b;
        let z = 0.019_333_9 * r + 0.119_192_0 * g + 0.950_304_1 * b;
        let (fx, fy, fz) = (f(x / 0.950_47), f(y), f(z / 1.088_83));
        Lab {
            l: 116.0 * fy - 16.0,
            a: 500.0 * (fx - fy),
            b: 200.0 * (fy - fz),
        }
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02X}{:02X}{:02X}", self.r, self.g, self.b)
    }
}

/// Why a colour string was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a colour; write it as \"#RRGGBB\", for example \"#0072B2\"")]
pub struct ColourParseError(pub String);

impl FromStr for Colour {
    type Err = ColourParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || ColourParseError(s.to_owned());
        let hex = s.trim().strip_prefix('#').ok_or_else(err)?;
        if hex.len() != 6 || !hex.is_ascii() {
            return Err(err());
        }
        let ch = |i: usize| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(err)
        };
        Ok(Self::rgb(ch(0)?, ch(2)?, ch(4)?))
    }
}

impl Serialize for Colour {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The Okabe–Ito palette (Okabe & Ito 2008), distinguishable under the common
/// forms of colour-blindness. Black is left out: it vanishes on a dark theme.
/// New tie kinds take their colours from it; sectors use [`PALETTE`].
pub const OKABE_ITO: [Colour; 7] = [
    Colour::rgb(0xE6, 0x9F, 0x00), // orange
    Colour::rgb(0x56, 0xB4, 0xE9), // sky blue
    Colour::rgb(0x00, 0x9E, 0x73), // bluish green
    Colour::rgb(0xF0, 0xE4, 0x42), // yellow
    Colour::rgb(0x00, 0x72, 0xB2), // blue
    Colour::rgb(0xD5, 0x5E, 0x00), // vermillion
    Colour::rgb(0xCC, 0x79, 0xA7), // reddish purple
];

/// The twelve-colour sector palette: Okabe–Ito without black, then five
/// colours from Paul Tol's muted and bright schemes (indigo, grey, olive,
/// red, wine). Chosen for colour-blind safety; every pair is at least
/// ΔE76 26 apart (sky blue and blue are the closest pair), and every colour
/// is far from [`SELECTION`].
pub const PALETTE: [Colour; 12] = [
    Colour::rgb(0xE6, 0x9F, 0x00), // orange
    Colour::rgb(0x56, 0xB4, 0xE9), // sky blue
    Colour::rgb(0x00, 0x9E, 0x73), // bluish green
    Colour::rgb(0xF0, 0xE4, 0x42), // yellow
    Colour::rgb(0x00, 0x72, 0xB2), // blue
    Colour::rgb(0xD5, 0x5E, 0x00), // vermillion
    Colour::rgb(0xCC, 0x79, 0xA7), // reddish purple
    Colour::rgb(0x33, 0x22, 0x88), // indigo
    Colour::rgb(0x88, 0x88, 0x88), // grey
    Colour::rgb(0x99, 0x99, 0x33), // olive
    Colour::rgb(0xEE, 0x66, 0x77), // red
    Colour::rgb(0x88, 0x22, 0x55), // wine
];

/// The least colour difference (CIE ΔE76) kept between sector colours that
/// are meant to look different: every pair among [`PALETTE`] and
/// [`generated_colours`], and each of them against [`SELECTION`].
pub const MIN_DELTA_E: f64 = 12.0;

/// The range of lightness (CIE L\*) generated colours keep to, so that they
/// read on a light and on a dark background alike.
pub const GENERATED_LIGHTNESS: std::ops::RangeInclusive<f64> = 35.0..=80.0;

/// Colours for sectors beyond the twelve of [`PALETTE`], in the order they
/// are handed out. Each is at least [`MIN_DELTA_E`] from every palette
/// colour, from every colour before it and from [`SELECTION`].
///
/// Made by farthest-point sampling, without randomness: the candidates are
/// the sRGB colours whose channels are multiples of 17 (`00`, `11`, … `FF`;
/// 4,096 in all) with a lightness in [`GENERATED_LIGHTNESS`]; each step
/// takes the candidate farthest (least ΔE76 to anything already chosen,
/// palette and [`SELECTION`] included) from everything chosen so far, the
/// first in channel order on a tie, and the sampling stops when the farthest
/// is nearer than [`MIN_DELTA_E`]. That gives a little over two hundred
/// colours, the first `#00DD00` (green), `#2222FF` (blue) and `#FF22AA`
/// (pink). Computed once, on first use.
///
/// # Complexity
///
/// O(candidates × colours) the first time (a few milliseconds); free after.
pub fn generated_colours() -> &'static [Colour] {
    static GENERATED: OnceLock<Vec<Colour>> = OnceLock::new();
    GENERATED.get_or_init(generate_colours)
}

/// The farthest-point sampling behind [`generated_colours`].
fn generate_colours() -> Vec<Colour> {
    let mut candidates: Vec<(Colour, Lab)> = Vec::new();
    for r in (0..=255u8).step_by(17) {
        for g in (0..=255u8).step_by(17) {
            for b in (0..=255u8).step_by(17) {
                let c = Colour::rgb(r, g, b);
                let lab = c.to_lab();
                if GENERATED_LIGHTNESS.contains(&lab.l) {
                    candidates.push((c, lab));
                }
            }
        }
    }
    let fixed: Vec<Lab> = PALETTE
        .iter()
        .chain(std::iter::once(&SELECTION))
        .map(|c| c.to_lab())
        .collect();
    // The least distance from each candidate to anything chosen so far.
    let mut nearest: Vec<f64> = candidates
        .iter()
        .map(|(_, lab)| {
            fixed
                .iter()
                .map(|f| lab.delta_e76(*f))
                .fold(f64::INFINITY, f64::min)
        })
        .collect();
    let mut chosen = Vec::new();
    loop {
        // The first candidate clearly farther than all before it, so that a
        // last-bit rounding difference cannot reorder near-ties.
        let mut best: Option<(usize, f64)> = None;
        for (i, &d) in nearest.iter().enumerate() {
            if best.is_none_or(|(_, b)| d > b + 1e-9) {
                best = Some((i, d));
            }
        }
        let Some((i, d)) = best else { break };
        if d < MIN_DELTA_E {
            break;
        }
        let (colour, lab) = candidates[i];
        chosen.push(colour);
        for (n, (_, other)) in nearest.iter_mut().zip(&candidates) {
            *n = n.min(lab.delta_e76(*other));
        }
    }
    chosen
}

/// Every sector colour in the order new sectors receive them: the twelve of
/// [`PALETTE`], then [`generated_colours`].
pub fn sector_colours() -> &'static [Colour] {
    static ALL: OnceLock<Vec<Colour>> = OnceLock::new();
    ALL.get_or_init(|| PALETTE.iter().chain(generated_colours()).copied().collect())
}

/// The `i`-th colour of [`sector_colours`], starting again from the first
/// once they run out (the shapes still tell sectors apart then).
pub fn sector_colour(i: usize) -> Colour {
    let all = sector_colours();
    all.get(i % all.len().max(1)).copied().unwrap_or(GREY)
}

/// The colour of the selection and hover halo on the canvas. No default or
/// generated sector colour and no default tie-kind colour is near it
/// (CIE ΔE76 well over 12), so a selected actor always looks selected,
/// whatever its sector; the halo's form (a thick ring) says so too.
pub const SELECTION: Colour = Colour::rgb(0xFF, 0x00, 0xFF);

/// A neutral grey used for ties and for things with no sector colour.
pub const GREY: Colour = Colour::rgb(0x88, 0x88, 0x88);

/// The shape an actor of a sector is drawn with, so that sectors stay
/// distinguishable in greyscale and on a washed-out projector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// A disc.
    Circle,
    /// An axis-aligned square.
    Square,
    /// A triangle pointing up.
    Triangle,
    /// A square standing on a corner.
    Diamond,
    /// A regular hexagon.
    Hexagon,
    /// A triangle pointing down.
    TriangleDown,
    /// A regular pentagon.
    Pentagon,
    /// A five-pointed star.
    Star,
    /// A plus sign with thick arms.
    Cross,
    /// A regular octagon.
    Octagon,
    /// Two triangles meeting at their tips (an hourglass on its side).
    Bowtie,
}

impl Shape {
    /// Every shape, in the order new sectors receive them.
    pub const ALL: [Shape; 11] = [
        Shape::Circle,
        Shape::Square,
        Shape::Triangle,
        Shape::Diamond,
        Shape::Hexagon,
        Shape::TriangleDown,
        Shape::Pentagon,
        Shape::Star,
        Shape::Cross,
        Shape::Octagon,
        Shape::Bowtie,
    ];
}

/// How a tie kind's line is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dash {
    /// A continuous line.
    Solid,
    /// Long dashes.
    Dashed,
    /// Dots.
    Dotted,
    /// Alternating dash and dot.
    DashDot,
}

impl Dash {
    /// Every dash style, in the order new tie kinds receive them.
    pub const ALL: [Dash; 4] = [Dash::Solid, Dash::Dashed, Dash::Dotted, Dash::DashDot];
}

/// The `i`-th style of the automatic sequence: the colour is
/// [`sector_colour`]`(i)` (the palette, then generated colours, then again
/// from the start) and the shape cycles through [`Shape::ALL`]. The first
/// [`sector_colours`]`().len()` styles all differ in colour; since that
/// length and the eleven shapes have no common factor, colour and shape
/// together repeat only after their product.
///
/// [`Network::ensure_sector`](crate::model::Network::ensure_sector) prefers
/// a colour no sector of the map has; it falls back to this sequence.
pub fn auto_style(i: usize) -> (Colour, Shape) {
    (sector_colour(i), Shape::ALL[i % Shape::ALL.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_round_trips_through_text() {
        let c: Colour = "#0072b2".parse().unwrap();
        assert_eq!(c, Colour::rgb(0, 0x72, 0xB2));
        assert_eq!(c.to_string(), "#0072B2");
    }

    /// Every pair in `colours` that is nearer than [`MIN_DELTA_E`].
    fn close_pairs(colours: &[Colour]) -> Vec<(Colour, Colour, f64)> {
        let mut close = Vec::new();
        for (i, a) in colours.iter().enumerate() {
            for b in &colours[i + 1..] {
                let d = a.delta_e76(*b);
                if d < MIN_DELTA_E {
                    close.push((*a, *b, d));
                }
            }
        }
        close
    }

    #[test]
    fn lab_matches_published_values() {
        // Reference values from Bruce Lindbloom's calculator (sRGB, D65).
        let cases = [
            (Colour::rgb(255, 255, 255), (100.0, 0.0, 0.0)),
            (Colour::rgb(0, 0, 0), (0.0, 0.0, 0.0)),
            (Colour::rgb(255, 0, 0), (53.2408, 80.0925, 67.2032)),
            (Colour::rgb(0, 0, 255), (32.2970, 79.1875, -107.8602)),
            (Colour::rgb(0x88, 0x88, 0x88), (56.7, 0.0, 0.0)),
        ];
        for (c, (l, a, b)) in cases {
            let lab = c.to_lab();
            assert!(
                (lab.l - l).abs() < 0.05 && (lab.a - a).abs() < 0.05 && (lab.b - b).abs() < 0.05,
                "{c}: {lab:?}, expected ({l}, {a}, {b})"
            );
        }
    }

    #[test]
    fn palette_pairs_are_at_least_26_apart_and_far_from_selection() {
        let mut least = f64::INFINITY;
        for (i, a) in PALETTE.iter().enumerate() {
            for b in &PALETTE[i + 1..] {
                least = least.min(a.delta_e76(*b));
            }
            assert!(
                a.delta_e76(SELECTION) > 50.0,
                "{a} is near the selection colour"
            );
        }
        assert!((26.0..27.0).contains(&least), "least palette ΔE76 {least}");
        assert_eq!(PALETTE[..7], OKABE_ITO);
        assert!(PALETTE.contains(&GREY));
    }

    #[test]
    fn generated_colours_keep_apart_from_the_palette_each_other_and_selection() {
        let generated = generated_colours();
        assert!(generated.len() >= 24, "only {} generated", generated.len());
        let mut with_selection = sector_colours().to_vec();
        with_selection.push(SELECTION);
        assert_eq!(close_pairs(&with_selection), Vec::new());
        for c in generated {
            let l = c.to_lab().l;
            assert!(GENERATED_LIGHTNESS.contains(&l), "{c} has lightness {l}");
        }
    }

    #[test]
    fn the_check_finds_close_colours() {
        // The test above must be able to fail: near-identical colours are caught.
        let close = close_pairs(&[PALETTE[4], Colour::rgb(0x00, 0x74, 0xB0), PALETTE[0]]);
        assert_eq!(close.len(), 1, "{close:?}");
    }

    #[test]
    fn generated_colours_are_deterministic_and_start_as_documented() {
        assert_eq!(generate_colours(), generated_colours());
        let first: Vec<String> = generated_colours()[..3]
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(first, ["#00DD00", "#2222FF", "#FF22AA"]);
        assert_eq!(sector_colours()[..12], PALETTE);
        assert_eq!(sector_colours()[12..], *generated_colours());
    }

    #[test]
    fn auto_styles_differ_in_colour_then_cycle() {
        let n = sector_colours().len();
        let colours: std::collections::HashSet<Colour> = (0..n).map(|i| auto_style(i).0).collect();
        assert_eq!(colours.len(), n);
        assert_eq!(
            auto_style(n),
            (PALETTE[0], Shape::ALL[n % Shape::ALL.len()])
        );
        assert_eq!(auto_style(0), (PALETTE[0], Shape::Circle));
        assert_eq!(auto_style(12), (generated_colours()[0], Shape::Square));
        // Colour and shape periods share no factor, so pairs repeat late.
        let pairs: std::collections::HashSet<(Colour, Shape)> =
            (0..n * Shape::ALL.len()).map(auto_style).collect();
        assert_eq!(pairs.len(), n * Shape::ALL.len());
    }

    #[test]
    fn bad_colours_are_refused_with_an_example() {
        for bad in ["", "0072B2", "#0072B", "#GG0000", "#0072B2FF", "#ÿÿÿ"] {
            let e = bad.parse::<Colour>().unwrap_err();
            assert!(e.to_string().contains("#RRGGBB"), "{bad}: {e}");
        }
    }
}
