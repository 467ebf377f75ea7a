//! File ▸ Export picture…, Export measures… and Export report…: the file
//! dialog's settings for each, and the export itself. What the picture
//! shows is read from the canvas as it is on screen (camera, filters,
//! focus, search, selection, sizes, the insight overlay; the workshop's
//! projector look and shareable copy in workshop mode), so what you see is
//! what you export. The work (rendering a PNG, the measures, the report's
//! analyses) runs on a named thread ("bridgework-export"); the status bar
//! says when the file is written, or a problem box why not. A read-only
//! file, a pipe or a socket where the export goes is asked about first
//! ("Replace it?", `replace_target.rs`); a device or a folder is refused.

use super::BridgeworkApp;
use super::dialogs::Problem;
use super::files::DialogSpec;
use super::replace_target::{AfterReplace, ReplaceQuestion, targets_question};
use crate::drawing::Theme;
use crate::export::report_html::{ReportOptions, report_html};
use crate::export::{KeySwatch, Mark, Marks, PictureOptions, View, picture, today};
use crate::model::{Colour, Network};
use crate::ui::canvas::{Overlay, Swatch};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

/// What is exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The map as on screen, SVG or PNG.
    Picture,
    /// The measures, CSV.
    Measures,
    /// The HTML report (private fields left out).
    Report,
}

/// What the export thread does with the file name: the status line, or
/// what went wrong.
type ExportWork = Box<dyn FnOnce(&Path) -> Result<String, String> + Send>;

/// The export running on its thread: what it writes, and its answer (the
/// status line, or the problem).
#[derive(Default)]
pub struct Exports {
    running: Option<(PathBuf, Receiver<Result<String, String>>)>,
}

fn filter(label: &str, ext: &str) -> (String, Vec<String>) {
    (label.to_owned(), vec![ext.to_owned()])
}

/// The save dialog for `kind`, suggesting a name from the map's `stem`.
pub fn spec(kind: ExportKind, stem: &str, folder: Option<PathBuf>) -> DialogSpec {
    let (title, filters, name, ext) = match kind {
        ExportKind::Picture => (
            "Export a picture of the map as shown",
            vec![
                filter("PNG picture (twice the size on screen)", "png"),
                filter("SVG drawing (vector: documents, Inkscape)", "svg"),
            ],
            format!("{stem}.png"),
            "png",
        ),
        ExportKind::Measures => (
            "Export the measures (one row per actor)",
            vec![filter("CSV table", "csv")],
            format!("{stem} measures.csv"),
            "csv",
        ),
        ExportKind::Report => (
            "Export the report (private fields left out)",
            vec![filter("Web page (opens in any browser)", "html")],
            format!("{stem} report.html"),
            "html",
        ),
    };
    DialogSpec {
        title: title.to_owned(),
        save: true,
        filters,
        file_name: Some(name),
        folder,
        default_extension: Some(ext.to_owned()),
    }
}

fn model_colour(c: egui::Color32) -> Colour {
    Colour::rgb(c.r(), c.g(), c.b())
}

/// The canvas's overlay in the export's terms.
fn marks(o: &Overlay) -> Marks {
    Marks {
        title: o.title.clone(),
        actors: o
            .actors
            .iter()
            .map(|(id, m)| {
                let mark = Mark {
                    ring: m.ring.map(model_colour),
                    fill: m.fill.map(model_colour),
                    tone: m.tone,
                    badge: m.badge,
                };
                (id.clone(), mark)
            })
            .collect(),
        rest: o.rest,
        ties: o.ties.clone(),
        tie_colour: model_colour(o.tie_colour),
        key: o
            .key
            .iter()
            .map(|k| {
                let swatch = match k.swatch {
                    Swatch::Ring(c) => KeySwatch::Ring(model_colour(c)),
                    Swatch::Fill(c) => KeySwatch::Fill(model_colour(c)),
                    Swatch::Soft => KeySwatch::Soft,
                    Swatch::Faint => KeySwatch::Faint,
                    Swatch::Badge(l) => KeySwatch::Badge(l),
                    Swatch::Tie(c) => KeySwatch::Tie(model_colour(c)),
                };
                (swatch, k.text.clone())
            })
            .collect(),
    }
}

impl BridgeworkApp {
    /// The view the canvas shows now, as a picture's view, with the map it
    /// shows (the shareable copy in workshop mode) and its look.
    pub(super) fn picture_view(&mut self, ctx: &egui::Context) -> (Arc<Network>, View, Theme) {
        let c = &self.canvas;
        let size = c
            .last_rect
            .map_or([1280.0, 800.0], |r| [r.width(), r.height()]);
        let mut view = View::new(c.camera.center, c.camera.zoom, size);
        view.hidden_actors = c.hidden().clone();
        view.hidden_ties = c.hidden_ties().clone();
        view.focus = c.focus().cloned();
        view.highlight = c.highlight().clone();
        view.dim_others = c.dim_others();
        view.selected = c.selected.clone();
        view.selected_ties = c.selected_ties.clone();
        view.sizes = c.sizes().cloned();
        if let Some((label, _)) = self.sizing.values() {
            view.size_label = label.to_lowercase();
        }
        view.positions = c.preview.clone();
        view.marks = c.overlay().map(marks);
        let key = self.doc.content_key();
        if self.workshop.on {
            let shown = self.workshop.shareable(self.doc.network(), key);
            (shown, view, Theme::projector(self.workshop.dark))
        } else {
            let dark = ctx.global_style().visuals.dark_mode;
            let theme = if dark { Theme::dark() } else { Theme::light() };
            (Arc::new(self.doc.network().clone()), view, theme)
        }
    }

    /// Exports `kind` to `path` (on the export thread); a read-only file,
    /// a pipe or a socket there is asked about first ("Replace it?").
    pub(super) fn export_file(&mut self, ctx: &egui::Context, kind: ExportKind, path: PathBuf) {
        let mut path = path;
        let ext = match kind {
            ExportKind::Picture => "png",
            ExportKind::Measures => "csv",
            ExportKind::Report => "html",
        };
        if path.extension().is_none() {
            path.set_extension(ext);
        }
        if let Some(question) = targets_question(std::slice::from_ref(&path)) {
            self.files.replace = Some(ReplaceQuestion {
                path,
                question,
                after: AfterReplace::ExportFile(kind),
            });
            return;
        }
        self.export_file_now(ctx, kind, path, false);
    }

    /// Exports `kind` to `path` now, on the export thread (over a
    /// read-only file, a pipe or a socket too when `replace_unusual`).
    pub(super) fn export_file_now(
        &mut self,
        ctx: &egui::Context,
        kind: ExportKind,
        path: PathBuf,
        replace_unusual: bool,
    ) {
        if self.exports.running.is_some() {
            self.status
                .set("An export is still being written: wait for it to finish");
            return;
        }
        let write_options = crate::io::ExportOptions {
            replace_unusual,
            ..Default::default()
        };
        let work: ExportWork = match kind {
            ExportKind::Picture => {
                let (network, view, theme) = self.picture_view(ctx);
                let options = PictureOptions {
                    theme,
                    date: today(),
                    note: if self.workshop.on {
                        "private judgements hidden".to_owned()
                    } else {
                        String::new()
                    },
                };
                let pic = picture(&network, &view, &options);
                Box::new(move |p: &Path| {
                    crate::export::write_picture(&pic, p, replace_unusual)
                        .map(|_| {
                            format!(
                                "Exported a picture of {} actors and {} ties to {}",
                                pic.actors.len(),
                                pic.ties.len(),
                                p.display()
                            )
                        })
                        .map_err(|e| e.to_string())
                })
            }
            ExportKind::Measures => {
                let network = self.doc.network().clone();
                Box::new(move |p: &Path| {
                    let control = crate::analysis::Control::none();
                    let bytes = crate::export::measures_csv::measures_csv(&network, &control)
                        .map_err(|e| e.to_string())?;
                    crate::io::target::write_file(p, &bytes, &write_options)
                        .map_err(|e| e.to_string())?;
                    Ok(format!(
                        "Exported the measures of {} actors to {}",
                        network.actors().len(),
                        p.display()
                    ))
                })
            }
            ExportKind::Report => {
                let network = self.doc.network().clone();
                Box::new(move |p: &Path| {
                    let options = ReportOptions {
                        include_private: false,
                        date: today(),
                    };
                    let page = report_html(&network, &options, &crate::analysis::Control::none())
                        .map_err(|e| e.to_string())?;
                    crate::io::target::write_file(p, page.as_bytes(), &write_options)
                        .map_err(|e| e.to_string())?;
                    Ok(format!(
                        "Exported the report to {} (private fields left out)",
                        p.display()
                    ))
                })
            }
        };
        let (tx, rx) = std::sync::mpsc::channel();
        let waker = ctx.clone();
        let target = path.clone();
        let spawned = std::thread::Builder::new()
            .name("bridgework-export".to_owned())
            .spawn(move || {
                let answer =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&target)))
                        .unwrap_or_else(|p| Err(crate::panic_message(p.as_ref())));
                let _ = tx.send(answer);
                waker.request_repaint();
            });
        match spawned {
            Ok(_) => {
                self.status.set(format!("Exporting to {}…", path.display()));
                self.exports.running = Some((path, rx));
            }
            Err(e) => {
                self.error = Some(Problem::new(
                    format!("Could not start the export: {e}"),
                    "Nothing was written. Try again.",
                ));
            }
        }
    }

    /// Once per frame: takes the export's answer when it has come.
    pub(super) fn poll_exports(&mut self) {
        let Some((path, rx)) = &self.exports.running else {
            return;
        };
        let answer = match rx.try_recv() {
            Ok(a) => a,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => {
                Err("the export stopped before it finished".to_owned())
            }
        };
        let path = path.clone();
        self.exports.running = None;
        match answer {
            Ok(done) => self.status.set(done),
            Err(e) => {
                self.error = Some(Problem::new(
                    format!("Could not export to {}: {e}", path.display()),
                    "Nothing was written and the map is unchanged. Choose another name or folder and export again.",
                ));
            }
        }
    }
}
