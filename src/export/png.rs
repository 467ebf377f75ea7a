//! A [`Picture`] as PNG: its SVG ([`super::svg`]) rendered by resvg on the
//! CPU at `scale` times its size (2× for exports), with egui's default
//! font loaded from memory, so text renders the same on a machine with no
//! fonts and no window or GPU is needed.

use super::picture::Picture;
use super::svg::{SvgFlavour, to_svg};
use super::text::FONT;
use resvg::{tiny_skia, usvg};
use std::sync::Arc;

/// Why a picture could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// The SVG did not parse (a bug: Bridgework wrote it).
    #[error("the picture could not be read back to render it: {0}")]
    Svg(String),
    /// The picture is too large (or empty) to render.
    #[error(
        "the picture is too large to render at {width} × {height} pixels; choose a smaller width"
    )]
    Size {
        /// Width asked for (pixels).
        width: u32,
        /// Height asked for (pixels).
        height: u32,
    },
    /// PNG encoding failed.
    #[error("the PNG could not be encoded: {0}")]
    Encode(String),
}

/// The largest picture rendered, in pixels (width × height): 100
/// megapixels, 400 MB of pixels.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Renders `picture` at `scale` times its size in points and encodes it
/// as PNG (8-bit RGBA).
pub fn to_png(picture: &Picture, scale: f32) -> Result<Vec<u8>, PngError> {
    render_svg(&to_svg(picture, SvgFlavour::File), scale)
}

/// Renders an SVG document at `scale` and encodes it as PNG, text in
/// egui's default font.
pub fn render_svg(svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    let mut db = usvg::fontdb::Database::new();
    db.load_font_data(FONT.to_vec());
    let family = db
        .faces()
        .next()
        .and_then(|f| f.families.first().map(|(name, _)| name.clone()))
        .unwrap_or_else(|| "Ubuntu".to_owned());
    db.set_sans_serif_family(family.clone());
    let options = usvg::Options {
        font_family: family,
        fontdb: Arc::new(db),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| PngError::Svg(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (
        (size.width() * scale).ceil().max(1.0) as u32,
        (size.height() * scale).ceil().max(1.0) as u32,
    );
    let too_big = PngError::Size {
        width: w,
        height: h,
    };
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_big);
    }
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(too_big)?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}
