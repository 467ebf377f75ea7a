//! The looks a map is drawn in: the editor's light and dark themes and the
//! workshop's projector look (large names, thick ties, black on white or
//! white on black). The canvas turns a [`Theme`] into its style; the
//! exports draw with it.

use crate::model::Colour;

/// How the map is drawn: sizes and colours that do not depend on the map.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Multiplies every label size.
    pub label_scale: f32,
    /// Multiplies every line width.
    pub line_scale: f32,
    /// The smallest label size (points): labels are never drawn smaller.
    pub min_label_size: f32,
    /// Draw labels at all.
    pub labels: bool,
    /// Background colour.
    pub background: Colour,
    /// Text colour.
    pub text: Colour,
}

impl Theme {
    /// The editor's light theme.
    pub const fn light() -> Self {
        Self {
            label_scale: 1.0,
            line_scale: 1.0,
            min_label_size: 0.0,
            labels: true,
            background: Colour::rgb(250, 250, 250),
            text: Colour::rgb(20, 20, 20),
        }
    }

    /// The editor's dark theme.
    pub const fn dark() -> Self {
        Self {
            background: Colour::rgb(24, 24, 24),
            text: Colour::rgb(235, 235, 235),
            ..Self::light()
        }
    }

    /// The workshop's projector look: names at least 24 points, ties twice
    /// as thick, black on white (or white on black when `dark`).
    pub const fn projector(dark: bool) -> Self {
        Self {
            label_scale: 2.2,
            line_scale: 2.0,
            min_label_size: 24.0,
            labels: true,
            background: if dark {
                Colour::rgb(0, 0, 0)
            } else {
                Colour::rgb(255, 255, 255)
            },
            text: if dark {
                Colour::rgb(255, 255, 255)
            } else {
                Colour::rgb(0, 0, 0)
            },
        }
    }

    /// Whether the background is dark.
    pub fn is_dark(&self) -> bool {
        self.background.r < 128
    }
}

/// The colour of actors' outlines and halo edges on `background`: dark on
/// a light background, light on a dark one.
pub fn edge_colour(background: Colour) -> Colour {
    if background.r < 128 {
        Colour::rgb(230, 230, 230)
    } else {
        Colour::rgb(40, 40, 40)
    }
}

/// How strongly an insight draws an actor (the canvas's overlay, an
/// exported picture's marks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tone {
    /// As usual.
    #[default]
    Full,
    /// Paler: the fill taken 60 % of the way to the background.
    Soft,
    /// Faint (outside what the insight is about, or leaving).
    Faint,
}
