//! GraphML import and export (being written).
use super::{ImportOptions, IoError, Loaded};
use crate::model::Network;
use std::path::Path;

/// Reads GraphML.
pub fn read_graphml(path: &Path, _text: &str, _options: &ImportOptions) -> Result<Loaded, IoError> {
    Err(IoError::invalid_file(path, "GraphML reading is not written yet"))
}

/// Writes GraphML.
pub fn write_graphml(_network: &Network) -> String {
    String::new()
}
