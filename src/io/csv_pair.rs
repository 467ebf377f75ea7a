//! CSV import and export (being written).
use super::{ImportOptions, IoError, Loaded};
use crate::model::Network;
use std::path::Path;

/// Reads a CSV edges file and its nodes file.
pub fn read_csv_pair(
    edges_path: &Path,
    _edges_text: &str,
    _nodes: Option<(&Path, &str)>,
    _options: &ImportOptions,
) -> Result<Loaded, IoError> {
    Err(IoError::invalid_file(edges_path, "CSV reading is not written yet"))
}

/// Writes the nodes and edges files' text.
pub fn write_csv_pair(_network: &Network) -> (String, String) {
    (String::new(), String::new())
}
