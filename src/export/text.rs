//! The fonts pictures are drawn with — egui's own default font (Ubuntu
//! Light, from `epaint_default_fonts`), so exported labels match the
//! canvas, and Ubuntu Bold (`assets/fonts/Ubuntu-Bold.ttf`, under the
//! Ubuntu Font Licence beside it) for the title and the legend's headings
//! — and how wide a text is in each, for placing labels and laying out the
//! legend without a window. The PNG renderer loads the same bytes, so a
//! picture renders alike on a machine with no fonts installed.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::sync::OnceLock;

/// The regular font's bytes (Ubuntu Light, weight 300, as egui draws its
/// proportional text).
pub const FONT: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The bold font's bytes (Ubuntu Bold, weight 700, same family and
/// version as [`FONT`]; Ubuntu Font Licence 1.0).
pub const FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/Ubuntu-Bold.ttf");

/// The family both fonts belong to, as their name tables give it (and so
/// as the PNG renderer's font database knows them).
pub const FAMILY: &str = "Ubuntu";

/// The `font-family` pictures name: the fonts' own family first, then
/// what a browser without it should use.
pub const FONT_FAMILY: &str = "Ubuntu, 'Ubuntu Light', 'Helvetica Neue', Arial, sans-serif";

/// A weight text is drawn in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// Ubuntu Light (300): names, the legend's entries, the subtitle.
    Regular,
    /// Ubuntu Bold (700): the title and the legend's headings.
    Bold,
}

impl Weight {
    /// The weight as SVG's `font-weight` names it (a number, so that a
    /// renderer matches the face of exactly that weight).
    pub fn svg(self) -> &'static str {
        match self {
            Self::Regular => "300",
            Self::Bold => "700",
        }
    }

    /// The font's bytes.
    pub fn font(self) -> &'static [u8] {
        match self {
            Self::Regular => FONT,
            Self::Bold => FONT_BOLD,
        }
    }
}

/// The font's metrics per unit of font size.
#[derive(Debug)]
struct Metrics {
    /// Advance per character, in ems, for the characters the font has.
    advance: std::collections::HashMap<char, f32>,
    /// The advance of a character the font lacks (ems).
    missing: f32,
    /// Ascent (ems, positive).
    ascent: f32,
    /// Descent (ems, positive down).
    descent: f32,
    /// Line gap (ems).
    gap: f32,
}

/// The metrics of the regular weight (line heights are the same in both:
/// one family, one vertical design).
fn metrics() -> &'static Metrics {
    metrics_of(Weight::Regular)
}

fn metrics_of(weight: Weight) -> &'static Metrics {
    static REGULAR: OnceLock<Metrics> = OnceLock::new();
    static BOLD: OnceLock<Metrics> = OnceLock::new();
    let cell = match weight {
        Weight::Regular => &REGULAR,
        Weight::Bold => &BOLD,
    };
    cell.get_or_init(|| read_metrics(weight.font()))
}

fn read_metrics(bytes: &[u8]) -> Metrics {
    let fallback = Metrics {
        advance: Default::default(),
        missing: 0.55,
        ascent: 0.93,
        descent: 0.19,
        gap: 0.03,
    };
    let Ok(font) = FontRef::new(bytes) else {
        return fallback;
    };
    let m = font.metrics(Size::unscaled(), LocationRef::default());
    let em = f32::from(m.units_per_em).max(1.0);
    let glyphs = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let advance = font
        .charmap()
        .mappings()
        .filter_map(|(code, gid)| {
            let c = char::from_u32(code)?;
            Some((c, glyphs.advance_width(gid)? / em))
        })
        .collect();
    Metrics {
        advance,
        missing: 0.55,
        ascent: m.ascent / em,
        descent: -m.descent / em,
        gap: m.leading / em,
    }
}

/// How wide `text` is at `size` points (the sum of its characters'
/// advances; a character the font lacks counts as about half an em).
///
/// # Example
///
/// ```
/// use bridgework::export::text_width;
/// let w = text_width("Bridgework", 20.0);
/// assert!(w > 60.0 && w < 140.0, "{w}");
/// assert_eq!(text_width("", 20.0), 0.0);
/// ```
pub fn text_width(text: &str, size: f32) -> f32 {
    width_in(text, size, Weight::Regular)
}

/// How wide `text` is at `size` points in `weight` (as [`text_width`]).
///
/// # Example
///
/// ```
/// use bridgework::export::text::{Weight, width_in};
/// let light = width_in("Sectors", 13.0, Weight::Regular);
/// let bold = width_in("Sectors", 13.0, Weight::Bold);
/// assert!(bold > light, "{bold} vs {light}");
/// ```
pub fn width_in(text: &str, size: f32, weight: Weight) -> f32 {
    let m = metrics_of(weight);
    text.chars()
        .map(|c| m.advance.get(&c).copied().unwrap_or(m.missing))
        .sum::<f32>()
        * size
}

/// The height of a line of text at `size` points, as egui lays it out
/// (ascent + descent + line gap).
pub fn line_height(size: f32) -> f32 {
    let m = metrics();
    (m.ascent + m.descent + m.gap) * size
}

/// How far below the top of its line a text's baseline lies at `size`.
pub fn ascent(size: f32) -> f32 {
    metrics().ascent * size
}

/// `text` cut to at most `width` points at `size` in `weight`, with "…"
/// where it was cut.
pub fn truncate(text: &str, size: f32, width: f32, weight: Weight) -> String {
    let w = |t: &str| width_in(t, size, weight);
    if w(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if w(&out) + w("…") > width {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}
