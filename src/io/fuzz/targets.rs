//! Each importer as the fuzz harness calls it: from a file's bytes, as
//! [`load`](crate::io::load) reads that format (decoding, then parsing,
//! then building the map), without touching the disk.

use crate::io::{
    ImportOptions, IoError, Loaded, decode, gexf, is_kumu_csv, kumu, native, read_csv_pair,
    read_graphml, sheet, survey,
};
use std::path::Path;

/// Between the edges file and the nodes file in a `csv_pair` input.
pub const PAIR_MARKER: &[u8] = b"\n=== nodes ===\n";

/// Bridgework's own JSON (after the look `load` gives a `.json` file to
/// tell a Kumu blueprint apart).
pub fn native(bytes: &[u8], options: &ImportOptions) -> Result<Loaded, IoError> {
    let p = Path::new("fuzz.json");
    let text = decode(p, bytes, options.encoding)?;
    let _ = kumu::is_kumu_json(&text);
    Ok(Loaded {
        network: native::from_str(p, &text)?,
        warnings: Vec::new(),
    })
}

/// A CSV edges file and its nodes file, joined by [`PAIR_MARKER`] (an
/// input without the marker is an edges file alone).
pub fn csv_pair(bytes: &[u8], options: &ImportOptions) -> Result<Loaded, IoError> {
    let edges_path = Path::new("fuzz.edges.csv");
    let nodes_path = Path::new("fuzz.nodes.csv");
    let (edges, nodes) = match bytes
        .windows(PAIR_MARKER.len())
        .position(|w| w == PAIR_MARKER)
    {
        Some(i) => (
            bytes.get(..i).unwrap_or(&[]),
            bytes.get(i + PAIR_MARKER.len()..),
        ),
        None => (bytes, None),
    };
    let edges = decode(edges_path, edges, options.encoding)?;
    let nodes = match nodes {
        Some(n) => Some(decode(nodes_path, n, options.encoding)?),
        None => None,
    };
    read_csv_pair(
        edges_path,
        &edges,
        nodes.as_deref().map(|n| (nodes_path, n)),
        options,
    )
}

/// GraphML, yEd's included.
pub fn graphml(bytes: &[u8], options: &ImportOptions) -> Result<Loaded, IoError> {
    let p = Path::new("fuzz.graphml");
    let text = decode(p, bytes, options.encoding)?;
    read_graphml(p, &text, options)
}

/// GEXF 1.2/1.3.
pub fn gexf(bytes: &[u8], options: &ImportOptions) -> Result<Loaded, IoError> {
    let p = Path::new("fuzz.gexf");
    let text = decode(p, bytes, options.encoding)?;
    gexf::read_gexf(p, &text, options)
}

/// A Kumu blueprint or project backup.
pub fn kumu_json(bytes: &[u8], options: &ImportOptions) -> Result<Loaded, IoError> {
    let p = Path::new("fuzz.json");
    let text = decode(p, bytes, options.encoding)?;
    let _ = kumu::is_kumu_json(&text);
    kumu::read_kumu_json(p, &text, options)
}

/// A Kumu-style CSV (elements, blank rows, connections).
pub fn kumu_csv(bytes: &[u8], options: &ImportOptions) -> Result<Loaded, IoError> {
    let p = Path::new("fuzz.csv");
    let text = decode(p, bytes, options.encoding)?;
    let _ = is_kumu_csv(&text);
    let tables = sheet::read_tables(p, &text)?;
    sheet::tables_to_map(p, &tables, options)
}

/// A spreadsheet (the seeds are `.xlsx` and one `.xls`; calamine tells
/// the kind by the bytes, so the `.ods` reader is reached too).
pub fn sheet(bytes: &[u8], options: &ImportOptions) -> Result<Loaded, IoError> {
    let p = Path::new("fuzz.xlsx");
    let tables = sheet::read_workbook(p, bytes)?;
    sheet::tables_to_map(p, &tables, options)
}

/// Survey responses exported from a form as CSV (read as `load` reads a
/// file with `--from survey`).
pub fn survey(bytes: &[u8], options: &ImportOptions) -> Result<Loaded, IoError> {
    let choices = options.survey.clone().unwrap_or_default();
    survey::load_survey(Path::new("fuzz.csv"), bytes, options, &choices).map(|s| s.loaded)
}

/// Survey responses exported from a form as a workbook (`.xlsx`).
pub fn survey_sheet(bytes: &[u8], options: &ImportOptions) -> Result<Loaded, IoError> {
    let choices = options.survey.clone().unwrap_or_default();
    survey::load_survey(Path::new("fuzz.xlsx"), bytes, options, &choices).map(|s| s.loaded)
}
