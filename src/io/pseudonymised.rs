//! Writing a pseudonymised copy of a map and its key: the copy (see
//! [`Network::pseudonymised_copy`]) in the format its extension names, and
//! the key — which code stands for whom — beside it as `NAME.key.csv`
//! (`map.json` → `map.key.csv`), to be kept local.
//!
//! The key is a CSV file with the columns `code,id,name,organisation,role`,
//! one row per actor in code order. It is written first, so a copy on disk
//! always has its key.
//!
//! Depends on `model` only.

use super::{ExportOptions, IoError, save, write_atomic};
use crate::model::{KeyEntry, Network};
use std::path::{Path, PathBuf};

/// Where the key of a pseudonymised copy written to `copy` goes: beside
/// it, its file name less the extension, then `.key.csv`.
pub fn key_path(copy: &Path) -> PathBuf {
    copy.with_extension("key.csv")
}

/// The key as CSV text (header `code,id,name,organisation,role`).
pub fn key_csv(key: &[KeyEntry]) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["code", "id", "name", "organisation", "role"])?;
    for e in key {
        w.write_record([&e.code, &e.id, &e.name, &e.organisation, &e.role])?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The files [`save_pseudonymised`] to `path` writes: the copy's (two
/// for a CSV pair) and the key.
pub fn pseudonymised_targets(
    path: &Path,
    options: &ExportOptions,
) -> Result<Vec<PathBuf>, IoError> {
    let mut targets = super::save_targets(path, options)?;
    targets.push(key_path(path));
    Ok(targets)
}

/// Writes the pseudonymised copy of `network` to `path` (as
/// [`save`] does, atomically) and its key beside it ([`key_path`]).
/// Returns the paths written, the key last. `options.shareable` is implied.
/// Every target is checked first ([`super::target::check_targets`]): a
/// read-only file, a pipe or a socket only with `options.replace_unusual`.
pub fn save_pseudonymised(
    network: &Network,
    path: &Path,
    options: &ExportOptions,
) -> Result<Vec<PathBuf>, IoError> {
    let write_err = |p: &Path, e: String| IoError::Write {
        path: p.to_owned(),
        source: std::io::Error::other(e),
    };
    let copy = network
        .pseudonymised_copy()
        .map_err(|e| write_err(path, e.to_string()))?;
    let key = key_path(path);
    if key == path || options.nodes_out.as_deref() == Some(key.as_path()) {
        return Err(IoError::invalid_file(
            path,
            format!(
                "the key would be written over the copy ({}); choose another name",
                key.display()
            ),
        ));
    }
    // Every target is checked before the key is written, so a refused
    // copy leaves no key behind.
    super::target::check_targets(
        &pseudonymised_targets(path, options)?,
        options.replace_unusual,
    )?;
    let text = key_csv(&copy.key).map_err(|e| write_err(&key, e.to_string()))?;
    write_atomic(&key, text.as_bytes(), options.keep_backup)?;
    // The copy is already without private fields: written as it is.
    let as_is = ExportOptions {
        shareable: false,
        ..options.clone()
    };
    let mut written = save(&copy.network, path, &as_is)?;
    written.push(key);
    Ok(written)
}
