//! `bridgework render MAP -o OUT.svg|OUT.png`: the whole map as a picture
//! with its legend, title and date, without a window: SVG (vector) or PNG
//! (rendered on the CPU at twice the size), written atomically. OUT is
//! checked first: a device or a folder is refused, a read-only file, a
//! pipe or a socket needs `--force`, a link is written through.

use super::{ImportArgs, Outcome};
use crate::drawing::Theme;
use crate::export::{
    PNG_SCALE, PictureFormat, PictureOptions, fitted_picture, today, write_picture,
};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `render`.
#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// The map file.
    pub file: PathBuf,
    /// The picture to write: .svg or .png.
    #[arg(short = 'o', long = "out", value_name = "OUT.svg|OUT.png")]
    pub out: PathBuf,
    /// The picture's width in points, legend included (a PNG has twice as
    /// many pixels).
    #[arg(long, default_value_t = 1600, value_name = "W")]
    pub width: u32,
    /// Leave out every private field (stance, notes, whatever is marked
    /// private): a picture safe to email.
    #[arg(long)]
    pub shareable: bool,
    /// The look.
    #[arg(long, value_enum, default_value_t = ThemeArg::Light)]
    pub theme: ThemeArg,
    /// Replace OUT even when it is read-only, a named pipe or a socket
    /// (without it, such an OUT is refused with what would happen). A
    /// device or a folder is never replaced; a link is written through to
    /// the file it points to.
    #[arg(long)]
    pub force: bool,
    /// How to read the file.
    #[command(flatten)]
    pub import: ImportArgs,
}

/// `--theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    /// Dark text on a light background, as the editor's light theme.
    Light,
    /// Light text on a dark background, as the editor's dark theme.
    Dark,
    /// The workshop's projector look: large names, thick ties, black on white.
    Projector,
}

impl ThemeArg {
    fn theme(self) -> Theme {
        match self {
            ThemeArg::Light => Theme::light(),
            ThemeArg::Dark => Theme::dark(),
            ThemeArg::Projector => Theme::projector(false),
        }
    }
}

/// The narrowest and widest pictures `render` draws (points).
const WIDTHS: std::ops::RangeInclusive<u32> = 320..=16_000;

pub(super) fn run(
    args: &RenderArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let Some(format) = PictureFormat::from_path(&args.out) else {
        writeln!(
            err,
            "bridgework: {}",
            crate::export::ExportError::UnknownPictureFormat {
                path: args.out.clone()
            }
        )?;
        return Ok(Outcome::Failed);
    };
    if !WIDTHS.contains(&args.width) {
        writeln!(
            err,
            "bridgework: --width {} is outside {}–{} points",
            args.width,
            WIDTHS.start(),
            WIDTHS.end()
        )?;
        return Ok(Outcome::Failed);
    }
    if !super::targets_ok(std::slice::from_ref(&args.out), args.force, err)? {
        return Ok(Outcome::Failed);
    }
    let Some(loaded) = super::load_map(&args.file, &args.import, err) else {
        return Ok(Outcome::Failed);
    };
    let network = if args.shareable {
        loaded.network.shareable_copy()
    } else {
        loaded.network
    };
    let options = PictureOptions {
        theme: args.theme.theme(),
        date: today(),
        note: if args.shareable {
            "shareable copy: private fields left out".to_owned()
        } else {
            String::new()
        },
    };
    let picture = fitted_picture(&network, args.width as f32, &options);
    match write_picture(&picture, &args.out, args.force) {
        Ok(_) => {
            let scale = if format == PictureFormat::Png {
                PNG_SCALE
            } else {
                1.0
            };
            writeln!(
                out,
                "Wrote {} ({} × {} {}; {} actors and {} ties drawn)",
                args.out.display(),
                (picture.width * scale).ceil(),
                (picture.height * scale).ceil(),
                if format == PictureFormat::Png {
                    "pixels"
                } else {
                    "points"
                },
                picture.actors.len(),
                picture.ties.len()
            )?;
            Ok(Outcome::Ok)
        }
        Err(e) => {
            writeln!(err, "bridgework: {e}")?;
            Ok(Outcome::Failed)
        }
    }
}
