//! Reading and writing maps: the native JSON format, CSV (a nodes file and
//! an edges file), GraphML (yEd's too), GEXF, Kumu, spreadsheets, survey
//! responses (read only) and (written only) Graphviz DOT, with atomic
//! saves.
//!
//! Every reader takes the whole text and returns either a complete, valid
//! [`Network`] or an [`IoError`] naming the file and the line, column or
//! field — never a partial map. Readers parse their syntax only and feed a
//! [`builder::MapBuilder`], which holds the one policy for turning rows into
//! a map. Repairs (merging duplicate ids, filling a missing sector) happen
//! only when asked for in [`ImportOptions`]; a file in which no actor has a
//! sector opens with every actor "unassigned". Both are announced in
//! [`Loaded::warnings`].
//!
//! Depends on `model` only; never on egui or rfd.

mod atomic;
pub mod builder;
mod csv_pair;
mod dot;
mod error;
pub mod fields;
pub mod fuzz;
pub mod gexf;
mod graphml;
pub mod kumu;
pub mod lock;
pub mod mapping;
pub mod native;
pub mod pseudonymised;
pub mod recovery;
pub mod sheet;
pub mod survey;
pub mod target;
mod text;
pub mod xml;

pub use atomic::{STALE_TEMP_AGE, backup_path, clear_stale_temps, resolve_target, write_atomic};
pub use csv_pair::save::{finish_unfinished_save, record_path};
pub use csv_pair::{read_csv_pair, write_csv_pair};
pub use dot::write_dot;
pub use error::{IoError, Location, line_col};
pub use gexf::{read_gexf, write_gexf};
pub use graphml::{read_graphml, write_graphml};
pub use kumu::{read_kumu_json, write_kumu_json};
pub use text::{Encoding, MAX_FILE_BYTES, decode, read_bytes};

use crate::model::Network;
use std::path::{Path, PathBuf};

/// The file formats Bridgework reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Bridgework's own JSON (`.json`).
    Native,
    /// GraphML (`.graphml`, `.xml`).
    GraphMl,
    /// A CSV edges file with its nodes file (`.csv`).
    Csv,
    /// Graphviz DOT (`.dot`, `.gv`): written only, for drawing.
    Dot,
    /// GEXF 1.2/1.3, Gephi's format (`.gexf`).
    Gexf,
    /// A spreadsheet (`.xlsx`, `.xls`, `.xlsb`, `.ods`): actors and ties
    /// sheets, or Kumu's layout. Written as `.xlsx`.
    Sheet,
    /// A Kumu blueprint or project backup (`.json` with `elements`, or
    /// `.kumu.json` when writing).
    KumuJson,
}

impl Format {
    /// The format a file name's extension names, if any.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".kumu.json") {
            return Some(Format::KumuJson);
        }
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Format::Native),
            "graphml" | "xml" => Some(Format::GraphMl),
            "csv" => Some(Format::Csv),
            "dot" | "gv" => Some(Format::Dot),
            "gexf" => Some(Format::Gexf),
            "xlsx" | "xls" | "xlsb" | "ods" | "xlsm" => Some(Format::Sheet),
            _ => None,
        }
    }

    /// The format a file is in: by extension, else by its first character
    /// (`{` native, `<` XML: GEXF when a `<gexf` tag starts in the first
    /// 4 kB, else GraphML). An `.xml` file is GEXF or GraphML by the same
    /// look.
    pub fn detect(path: &Path, text: &str) -> Option<Format> {
        let xml = || {
            let mut end = text.len().min(4096);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if text.get(..end).is_some_and(|head| head.contains("<gexf")) {
                Format::Gexf
            } else {
                Format::GraphMl
            }
        };
        match Format::from_extension(path) {
            Some(Format::Native) if kumu::is_kumu_json(text) => Some(Format::KumuJson),
            Some(Format::GraphMl) if text.trim_start().starts_with('<') => Some(xml()),
            Some(f) => Some(f),
            None => match text.trim_start().chars().next() {
                Some('{') if kumu::is_kumu_json(text) => Some(Format::KumuJson),
                Some('{') => Some(Format::Native),
                Some('<') => Some(xml()),
                _ => None,
            },
        }
    }
}

/// A file filter for dialogs: its label and the extensions it shows.
pub type Filter = (String, Vec<String>);

fn filter(label: &str, extensions: &[&str]) -> Filter {
    (
        label.to_owned(),
        extensions.iter().map(|e| (*e).to_owned()).collect(),
    )
}

/// What the open and import dialogs offer: every readable format first,
/// then one filter a format.
pub fn open_filters() -> Vec<Filter> {
    vec![
        filter(
            "Maps",
            &[
                "json", "graphml", "xml", "csv", "gexf", "xlsx", "xls", "xlsb", "ods",
            ],
        ),
        filter("Bridgework map or Kumu blueprint", &["json"]),
        filter(
            "GraphML (Gephi, yEd, NetworkX, igraph)",
            &["graphml", "xml"],
        ),
        filter("GEXF (Gephi)", &["gexf"]),
        filter(
            "Spreadsheet (Excel, LibreOffice, Kumu)",
            &["xlsx", "xls", "xlsb", "ods"],
        ),
        filter("CSV ties file (with its nodes file beside it)", &["csv"]),
    ]
}

/// What the export dialog offers, one filter a format.
pub fn export_filters() -> Vec<Filter> {
    vec![
        filter("Bridgework map", &["json"]),
        filter("GraphML (Gephi, yEd, NetworkX, igraph)", &["graphml"]),
        filter(
            "CSV ties file (a nodes file is written beside it)",
            &["csv"],
        ),
        filter("Graphviz DOT (for drawing; not read back)", &["dot", "gv"]),
    ]
}

/// Choices for reading a file. The defaults read strictly: no repairs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// For a CSV pair (which cannot say): read ties as directed. A
    /// `directed` column in the edges file, where present, wins.
    pub directed: bool,
    /// How to decode the bytes.
    pub encoding: Encoding,
    /// For a CSV edges file: the nodes file. When `None`, a nodes file
    /// beside it is looked for (`x.edges.csv` → `x.nodes.csv`).
    pub nodes: Option<PathBuf>,
    /// Repair: merge actors that share an id (later rows fill fields the
    /// first left empty) instead of refusing the file.
    pub merge_duplicates: bool,
    /// Repair: the sector for actors that have none, instead of refusing
    /// the file. Also allows an edges file with no nodes file.
    pub default_sector: Option<String>,
    /// The mapping step: which field becomes which built-in field (see
    /// [`mapping`]). Empty: as the reader decides.
    pub mapping: mapping::Assignment,
    /// Where the builder records the fields it sees, for the mapping
    /// step's preview.
    pub record_fields: Option<mapping::FieldSink>,
    /// Read the file as survey responses (a name generator exported from
    /// an online form: CSV or a spreadsheet), with these column choices;
    /// see [`survey`].
    pub survey: Option<survey::SurveyOptions>,
}

/// A map read from a file, with anything the reader wants the user to know
/// (repairs made, a nodes file found beside the edges file, ...).
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    /// The map, complete and valid.
    pub network: Network,
    /// Announcements, one sentence each, for the user.
    pub warnings: Vec<String>,
}

/// Choices for writing a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// For CSV: where the nodes file goes. Default: beside the edges file,
    /// `x.edges.csv` or `x.csv` → `x.nodes.csv`.
    pub nodes_out: Option<PathBuf>,
    /// Write a shareable copy: every private field removed.
    pub shareable: bool,
    /// Keep the previous file as `NAME.bak` when overwriting.
    pub keep_backup: bool,
    /// For `.xlsx`: sheets written after Actors and Ties (name, rows; the
    /// first row the header), such as the measures.
    pub extra_sheets: Vec<(String, Vec<Vec<String>>)>,
    /// Replace a read-only file, a named pipe or a socket at a target (the
    /// user agreed: `--force`, or yes to the app's question). Without it
    /// such a save is refused; see [`target::SaveTarget`].
    pub replace_unusual: bool,
}

/// Reads a map from `path` in whichever format it is.
///
/// A CSV pair whose last save was interrupted between its two renames is
/// first finished (see [`finish_unfinished_save`]), and that is announced.
pub fn load(path: &Path, options: &ImportOptions) -> Result<Loaded, IoError> {
    let finished = if Format::from_extension(path) == Some(Format::Csv) {
        finish_unfinished_save(path)?
    } else {
        None
    };
    let mut loaded = load_file(path, options)?;
    if let Some(note) = finished {
        loaded.warnings.insert(0, note);
    }
    Ok(loaded)
}

fn load_file(path: &Path, options: &ImportOptions) -> Result<Loaded, IoError> {
    let bytes = read_bytes(path)?;
    if let Some(choices) = &options.survey {
        return survey::load_survey(path, &bytes, options, choices).map(|s| s.loaded);
    }
    if Format::from_extension(path) == Some(Format::Sheet) {
        let tables = sheet::read_workbook(path, &bytes)?;
        return sheet::tables_to_map(path, &tables, options);
    }
    let text = decode(path, &bytes, options.encoding)?;
    match Format::detect(path, &text) {
        Some(Format::Native) => Ok(Loaded {
            network: native::from_str(path, &text)?,
            warnings: Vec::new(),
        }),
        Some(Format::GraphMl) => read_graphml(path, &text, options),
        Some(Format::Csv) if options.nodes.is_none() && is_kumu_csv(&text) => {
            let tables = sheet::read_tables(path, &text)?;
            sheet::tables_to_map(path, &tables, options)
        }
        Some(Format::Csv) => {
            let mut warnings = Vec::new();
            let nodes_path = match &options.nodes {
                Some(p) => Some(p.clone()),
                None => {
                    let beside = nodes_path_beside(path).filter(|p| p.is_file());
                    if let Some(p) = &beside {
                        warnings.push(format!(
                            "read the actors from {}, found beside the ties file",
                            p.display()
                        ));
                    }
                    beside
                }
            };
            let nodes_bytes = match &nodes_path {
                Some(p) => Some(read_bytes(p)?),
                None => None,
            };
            let nodes_text = match (&nodes_path, &nodes_bytes) {
                (Some(p), Some(b)) => Some((p.as_path(), decode(p, b, options.encoding)?)),
                _ => None,
            };
            let nodes = nodes_text.as_ref().map(|(p, t)| (*p, t.as_ref()));
            let mut loaded = read_csv_pair(path, &text, nodes, options)?;
            warnings.append(&mut loaded.warnings);
            loaded.warnings = warnings;
            Ok(loaded)
        }
        Some(Format::Gexf) => read_gexf(path, &text, options),
        Some(Format::KumuJson) => read_kumu_json(path, &text, options),
        Some(Format::Sheet) => Err(IoError::invalid_file(
            path,
            "a spreadsheet is read from its bytes",
        )),
        Some(Format::Dot) => Err(IoError::invalid_file(
            path,
            "Bridgework writes Graphviz DOT files for drawing but does not read them; open the map this was exported from, or a GraphML, GEXF, CSV or JSON copy",
        )),
        None => Err(IoError::UnknownFormat {
            path: path.to_owned(),
        }),
    }
}

/// Whether a CSV text is laid out as Kumu's spreadsheet: its first cell is
/// `Label`, or after two blank lines a row starts `From`, `To`.
pub fn is_kumu_csv(text: &str) -> bool {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut first = true;
    for record in rdr.records().take(100_000) {
        let Ok(r) = record else { return false };
        let cell = |i: usize| r.get(i).unwrap_or("").trim().to_lowercase();
        if first {
            first = false;
            if cell(0) == "label" {
                return true;
            }
            if cell(0) != "id" {
                return false;
            }
        } else if cell(0) == "from" && cell(1) == "to" {
            return true;
        }
    }
    false
}

/// The nodes file conventionally beside an edges file:
/// `x.edges.csv`, `x_edges.csv`, `x-edges.csv` or `x.csv` → `x.nodes.csv`
/// (or `x_nodes.csv`, `x-nodes.csv`); `edges.csv` → `nodes.csv`.
pub fn nodes_path_beside(edges: &Path) -> Option<PathBuf> {
    let name = edges.file_name()?.to_str()?;
    let stem = name
        .strip_suffix(".csv")
        .or_else(|| name.strip_suffix(".CSV"))?;
    for (edges_suffix, nodes_suffix) in [
        (".edges", ".nodes"),
        ("_edges", "_nodes"),
        ("-edges", "-nodes"),
        ("edges", "nodes"),
        (".ties", ".actors"),
    ] {
        if let Some(base) = stem.strip_suffix(edges_suffix) {
            return Some(edges.with_file_name(format!("{base}{nodes_suffix}.csv")));
        }
    }
    Some(edges.with_file_name(format!("{stem}.nodes.csv")))
}

/// Where a CSV save to `path` puts the nodes file.
fn csv_nodes_out(path: &Path, options: &ExportOptions) -> Result<PathBuf, IoError> {
    match &options.nodes_out {
        Some(p) => Ok(p.clone()),
        None => nodes_path_beside(path).ok_or_else(|| IoError::UnknownFormat {
            path: path.to_owned(),
        }),
    }
}

/// The files a [`save`] to `path` writes: `path`, and for a CSV pair the
/// nodes file too (their `.bak` copies aside). Check each with
/// [`target::SaveTarget::inspect`] before saving.
pub fn save_targets(path: &Path, options: &ExportOptions) -> Result<Vec<PathBuf>, IoError> {
    if Format::from_extension(path) == Some(Format::Csv) {
        Ok(vec![path.to_owned(), csv_nodes_out(path, options)?])
    } else {
        Ok(vec![path.to_owned()])
    }
}

/// Writes `network` to `path` in the format its extension names,
/// atomically. Returns the paths written (two for CSV: edges then nodes).
/// A target that is a device or a folder is refused; a read-only file, a
/// named pipe or a socket unless [`ExportOptions::replace_unusual`]; a
/// link is written through (see [`target`]).
pub fn save(
    network: &Network,
    path: &Path,
    options: &ExportOptions,
) -> Result<Vec<PathBuf>, IoError> {
    let shared;
    let network = if options.shareable {
        shared = network.shareable_copy();
        &shared
    } else {
        network
    };
    let format = Format::from_extension(path).ok_or_else(|| IoError::UnknownFormat {
        path: path.to_owned(),
    })?;
    target::check_targets(&save_targets(path, options)?, options.replace_unusual)?;
    let write_err = |source: std::io::Error| IoError::Write {
        path: path.to_owned(),
        source,
    };
    match format {
        Format::Native => {
            let text =
                native::to_string(network).map_err(|e| write_err(std::io::Error::other(e)))?;
            write_atomic(path, text.as_bytes(), options.keep_backup)?;
            Ok(vec![path.to_owned()])
        }
        Format::GraphMl => {
            write_atomic(path, write_graphml(network).as_bytes(), options.keep_backup)?;
            Ok(vec![path.to_owned()])
        }
        Format::Dot => {
            write_atomic(path, write_dot(network).as_bytes(), options.keep_backup)?;
            Ok(vec![path.to_owned()])
        }
        Format::Sheet => {
            let bytes = sheet::write_xlsx(network, &options.extra_sheets)
                .map_err(|e| write_err(std::io::Error::other(e.to_string())))?;
            write_atomic(path, &bytes, options.keep_backup)?;
            Ok(vec![path.to_owned()])
        }
        Format::Gexf => {
            write_atomic(path, write_gexf(network).as_bytes(), options.keep_backup)?;
            Ok(vec![path.to_owned()])
        }
        Format::KumuJson => {
            write_atomic(
                path,
                write_kumu_json(network).as_bytes(),
                options.keep_backup,
            )?;
            Ok(vec![path.to_owned()])
        }
        Format::Csv => {
            let nodes_out = csv_nodes_out(path, options)?;
            if nodes_out == path {
                return Err(IoError::invalid_file(
                    path,
                    "the nodes file and the edges file would be the same file; name the nodes file with --nodes-out",
                ));
            }
            if resolve_target(&nodes_out) == resolve_target(path) {
                return Err(IoError::invalid_file(
                    path,
                    "the nodes file and the edges file would be the same file (one is a link to the other); name the nodes file with --nodes-out",
                ));
            }
            let (nodes, edges) = write_csv_pair(network);
            csv_pair::save::save_pair(
                path,
                edges.as_bytes(),
                &nodes_out,
                nodes.as_bytes(),
                options.keep_backup,
            )?;
            Ok(vec![path.to_owned(), nodes_out])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_file_is_found_by_the_usual_names() {
        let p = |s: &str| nodes_path_beside(Path::new(s)).unwrap();
        assert_eq!(p("d/karate.edges.csv"), Path::new("d/karate.nodes.csv"));
        assert_eq!(p("ties_edges.csv"), Path::new("ties_nodes.csv"));
        assert_eq!(p("edges.csv"), Path::new("nodes.csv"));
        assert_eq!(p("map.csv"), Path::new("map.nodes.csv"));
    }

    #[test]
    fn format_from_extension_or_content() {
        assert_eq!(
            Format::detect(Path::new("a.JSON"), ""),
            Some(Format::Native)
        );
        assert_eq!(
            Format::detect(Path::new("a"), "  <?xml"),
            Some(Format::GraphMl)
        );
        assert_eq!(Format::detect(Path::new("a.txt"), "id,label"), None);
    }
}
