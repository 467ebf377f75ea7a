//! Exports: the map as a picture (SVG, PNG), its measures as CSV, and a
//! self-contained HTML report — for the desktop's File menu and the
//! command line alike, with no window and no GPU.
//!
//! * [`mod@picture`] works out what a view of the map shows, as plain data,
//!   by the canvas's own rules ([`crate::drawing`]); [`svg`] writes it as
//!   vector SVG and [`png`] renders that SVG (resvg) at twice the size;
//! * [`measures_csv`]: one row per actor, every node measure;
//! * [`report_html`]: the map, its legend and the key findings in one
//!   HTML file with no outside reference, built from the shareable copy
//!   unless private fields are asked for.
//!
//! Depends on `model`, `drawing`, `analysis`, `jobs` (the insight
//! sections) and `io` (atomic writes); never on egui, rfd, `app` or `ui`.

pub mod labels;
pub mod legend;
pub mod measures_csv;
pub mod picture;
pub mod png;
pub mod report_html;
mod report_sections;
pub mod svg;
pub mod text;
pub mod view;

pub use legend::{Legend, LegendRow, Swatch};
pub use picture::{ActorItem, Area, Picture, PictureOptions, TieItem, fitted_picture, picture};
pub use png::to_png;
pub use svg::to_svg;
pub use text::text_width;
pub use view::{KeySwatch, Mark, Marks, Tone, View};

/// Today's date (UTC) as `YYYY-MM-DD`, from the system clock.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date((secs / 86_400) as i64)
}

/// The date `days` days after 1970-01-01, as `YYYY-MM-DD` (the proleptic
/// Gregorian calendar; Howard Hinnant's `civil_from_days`).
///
/// # Example
///
/// ```
/// use bridgework::export::civil_date;
/// assert_eq!(civil_date(0), "1970-01-01");
/// assert_eq!(civil_date(20_788), "2026-12-01");
/// ```
pub fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A picture file's format, from its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureFormat {
    /// `.svg`: vector.
    Svg,
    /// `.png`: pixels, at twice the picture's size.
    Png,
}

impl PictureFormat {
    /// The format `path`'s extension names (any case), if it is one.
    pub fn from_path(path: &std::path::Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            _ => None,
        }
    }
}

/// How many pixels a PNG export has per point of the picture.
pub const PNG_SCALE: f32 = 2.0;

/// Why an export was not written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file name does not say which picture format.
    #[error(
        "{}: a picture is written as .svg (vector, for documents and Inkscape) or .png (pixels); end the file name with one of those",
        path.display()
    )]
    UnknownPictureFormat {
        /// The file asked for.
        path: std::path::PathBuf,
    },
    /// Rendering the PNG failed.
    #[error(transparent)]
    Png(#[from] png::PngError),
    /// Writing the file failed (nothing was changed).
    #[error(transparent)]
    Io(#[from] crate::io::IoError),
}

/// Writes `picture` to `path` as the extension says (SVG, or PNG at
/// [`PNG_SCALE`]), atomically: the file is complete or untouched. The
/// target is checked first ([`crate::io::target::write_file`]): a device
/// or a folder is refused, a read-only file, a pipe or a socket unless
/// `replace_unusual`. Returns the format written.
pub fn write_picture(
    picture: &Picture,
    path: &std::path::Path,
    replace_unusual: bool,
) -> Result<PictureFormat, ExportError> {
    let format =
        PictureFormat::from_path(path).ok_or_else(|| ExportError::UnknownPictureFormat {
            path: path.to_owned(),
        })?;
    let bytes = match format {
        PictureFormat::Svg => to_svg(picture, svg::SvgFlavour::File).into_bytes(),
        PictureFormat::Png => to_png(picture, PNG_SCALE)?,
    };
    let options = crate::io::ExportOptions {
        replace_unusual,
        ..Default::default()
    };
    crate::io::target::write_file(path, &bytes, &options)?;
    Ok(format)
}
