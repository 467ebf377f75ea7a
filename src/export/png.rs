//! A [`Picture`] as PNG: its SVG ([`super::svg`]) rendered by resvg on the
//! CPU at `scale` times its size (2× for exports), with egui's default
//! font (Ubuntu Light) and Ubuntu Bold loaded from memory
//! ([`super::text`]), so text renders the same on a machine with no fonts,
//! bold text in a real bold face, and no window or GPU is needed.

use super::picture::Picture;
use super::svg::{SvgFlavour, to_svg};
use super::text::{FAMILY, Weight};
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

/// The fonts a picture's text is rendered in: Ubuntu Light and Ubuntu
/// Bold, one family ([`FAMILY`]), which is also the sans-serif default.
pub fn font_database() -> usvg::fontdb::Database {
    let mut db = usvg::fontdb::Database::new();
    for weight in [Weight::Regular, Weight::Bold] {
        db.load_font_data(weight.font().to_vec());
    }
    db.set_sans_serif_family(FAMILY);
    db
}

/// Renders an SVG document at `scale` and encodes it as PNG, text in
/// egui's default font (bold in Ubuntu Bold).
pub fn render_svg(svg: &str, scale: f32) -> Result<Vec<u8>, PngError> {
    let options = usvg::Options {
        font_family: FAMILY.to_owned(),
        fontdb: Arc::new(font_database()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::text::FONT_FAMILY;
    use usvg::fontdb::{Family, Query, Weight as FontWeight};

    /// The families a picture's `font-family` names, in order.
    fn named_families() -> Vec<String> {
        FONT_FAMILY
            .split(',')
            .map(|f| f.trim().trim_matches('\'').to_owned())
            .collect()
    }

    fn face_weight(db: &usvg::fontdb::Database, weight: FontWeight) -> u16 {
        let names = named_families();
        let mut families: Vec<Family<'_>> =
            names.iter().map(|n| Family::Name(n.as_str())).collect();
        families.push(Family::SansSerif);
        let id = db
            .query(&Query {
                families: &families,
                weight,
                ..Query::default()
            })
            .unwrap();
        db.face(id).unwrap().weight.0
    }

    #[test]
    fn the_family_pictures_name_has_a_bold_face_and_a_light_one() {
        let db = font_database();
        assert_eq!(db.len(), 2);
        assert_eq!(named_families().first().map(String::as_str), Some(FAMILY));
        assert!(face_weight(&db, FontWeight::BOLD) >= 600);
        assert_eq!(face_weight(&db, FontWeight(300)), 300);
        assert_eq!(face_weight(&db, FontWeight::NORMAL), 300);
    }

    /// How many pixels of `text` in `weight` come out dark, rendered as a
    /// picture's text is (its `font-family`, the PNG path).
    fn ink(text: &str, weight: Weight) -> usize {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"400\" height=\"60\" font-family=\"{}\"><rect width=\"400\" height=\"60\" fill=\"#ffffff\"/><text x=\"5\" y=\"40\" font-size=\"32\" font-weight=\"{}\" fill=\"#000000\">{text}</text></svg>",
            crate::export::svg::xml_text(FONT_FAMILY),
            weight.svg()
        );
        let png = render_svg(&svg, 1.0).unwrap();
        let pixmap = tiny_skia::Pixmap::decode_png(&png).unwrap();
        pixmap
            .pixels()
            .iter()
            .filter(|p| p.demultiply().red() < 128)
            .count()
    }

    #[test]
    fn bold_text_renders_heavier_than_regular_text() {
        let light = ink("Sectors and ties", Weight::Regular);
        let bold = ink("Sectors and ties", Weight::Bold);
        assert!(light > 200, "the light text drew {light} dark pixels");
        assert!(
            bold as f32 > light as f32 * 1.4,
            "bold {bold} dark pixels, light {light}"
        );
    }
}
