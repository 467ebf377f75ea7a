//! The font pictures are drawn with — egui's own default font (Ubuntu
//! Light, from `epaint_default_fonts`), so exported labels match the
//! canvas — and how wide a text is in it, for placing labels and laying
//! out the legend without a window. The PNG renderer loads the same bytes,
//! so a picture renders alike on a machine with no fonts installed.

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::sync::OnceLock;

/// The font's bytes (Ubuntu Light, as egui draws its proportional text).
pub const FONT: &[u8] = epaint_default_fonts::UBUNTU_LIGHT;

/// The `font-family` pictures name: the font's own family first, then
/// what a browser without it should use.
pub const FONT_FAMILY: &str = "Ubuntu, 'Ubuntu Light', 'Helvetica Neue', Arial, sans-serif";

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

fn metrics() -> &'static Metrics {
    static METRICS: OnceLock<Metrics> = OnceLock::new();
    METRICS.get_or_init(|| {
        let fallback = Metrics {
            advance: Default::default(),
            missing: 0.55,
            ascent: 0.93,
            descent: 0.19,
            gap: 0.03,
        };
        let Ok(font) = FontRef::new(FONT) else {
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
    })
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
    let m = metrics();
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

/// `text` cut to at most `width` points at `size`, with "…" where it was
/// cut.
pub fn truncate(text: &str, size: f32, width: f32) -> String {
    if text_width(text, size) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if text_width(&out, size) + text_width("…", size) > width {
            out.pop();
            break;
        }
    }
    out.push('…');
    out
}
