//! Visual vocabulary shared by sectors and tie kinds: colours, node shapes,
//! line dashes, and the colour-blind-safe default palette (Okabe–Ito).
//!
//! Pure data; no egui here. The UI converts [`Colour`] to its own type.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

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
pub const OKABE_ITO: [Colour; 7] = [
    Colour::rgb(0xE6, 0x9F, 0x00), // orange
    Colour::rgb(0x56, 0xB4, 0xE9), // sky blue
    Colour::rgb(0x00, 0x9E, 0x73), // bluish green
    Colour::rgb(0xF0, 0xE4, 0x42), // yellow
    Colour::rgb(0x00, 0x72, 0xB2), // blue
    Colour::rgb(0xD5, 0x5E, 0x00), // vermillion
    Colour::rgb(0xCC, 0x79, 0xA7), // reddish purple
];

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

/// The style the `i`-th automatically added sector receives: colours cycle
/// through Okabe–Ito and shapes through [`Shape::ALL`] at a different period,
/// so no two of the first 77 sectors share both.
pub fn auto_style(i: usize) -> (Colour, Shape) {
    let colour = OKABE_ITO[i % OKABE_ITO.len()];
    let shape = Shape::ALL[i % Shape::ALL.len()];
    (colour, shape)
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

    #[test]
    fn bad_colours_are_refused_with_an_example() {
        for bad in ["", "0072B2", "#0072B", "#GG0000", "#0072B2FF", "#ÿÿÿ"] {
            let e = bad.parse::<Colour>().unwrap_err();
            assert!(e.to_string().contains("#RRGGBB"), "{bad}: {e}");
        }
    }
}
