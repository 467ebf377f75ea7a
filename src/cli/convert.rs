//! `bridgework convert IN OUT`: read a map in one format, write it in
//! another (by extension), atomically.
//!
//! It takes no lock record ([`crate::io::lock`]): IN is only read, and OUT
//! is written in one atomic save, not held open as a window holds a map.

use super::{ImportArgs, Outcome, report};
use crate::io::{ExportOptions, Format, IoError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What the written copy holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sharing {
    /// The whole map, private fields included.
    Everything,
    /// Every private field removed (`--shareable`).
    Shareable,
    /// Names replaced by codes, the key written beside it
    /// (`--pseudonymise`).
    Pseudonymised,
}

/// How `convert` writes OUT.
pub(super) struct Writing {
    /// `--nodes-out`.
    pub nodes_out: Option<PathBuf>,
    /// What the copy holds (`--shareable`, `--pseudonymise`).
    pub sharing: Sharing,
    /// `--force`: replace a read-only file, a named pipe or a socket.
    pub force: bool,
}

pub(super) fn run(
    input: &Path,
    output: &Path,
    import: &ImportArgs,
    writing: &Writing,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let (nodes_out, sharing, force) = (writing.nodes_out.clone(), writing.sharing, writing.force);
    let options = match import.options() {
        Ok(o) => o,
        Err(msg) => {
            writeln!(err, "bridgework: {msg}")?;
            return Ok(Outcome::Failed);
        }
    };
    if Format::from_extension(output).is_none() {
        report(
            err,
            &IoError::UnknownFormat {
                path: output.to_owned(),
            },
        );
        return Ok(Outcome::Failed);
    }
    if nodes_out.is_some() && Format::from_extension(output) != Some(Format::Csv) {
        writeln!(
            err,
            "bridgework: --nodes-out only applies when OUT is a .csv file"
        )?;
        return Ok(Outcome::Failed);
    }
    if same_file(input, output)
        || options
            .nodes
            .as_deref()
            .is_some_and(|n| same_file(n, output))
    {
        writeln!(
            err,
            "bridgework: {} is also the input; write to a different file",
            output.display()
        )?;
        return Ok(Outcome::Failed);
    }
    let probe = ExportOptions {
        nodes_out: nodes_out.clone(),
        ..ExportOptions::default()
    };
    let targets = if sharing == Sharing::Pseudonymised {
        crate::io::pseudonymised::pseudonymised_targets(output, &probe)
    } else {
        crate::io::save_targets(output, &probe)
    };
    let targets = match targets {
        Ok(t) => t,
        Err(e) => {
            report(err, &e);
            return Ok(Outcome::Failed);
        }
    };
    if !super::targets_ok(&targets, force, err)? {
        return Ok(Outcome::Failed);
    }
    let Some(loaded) = super::read_map(input, &options, import.guess_fields, err) else {
        return Ok(Outcome::Failed);
    };
    for w in &loaded.warnings {
        writeln!(err, "bridgework: note: {w}")?;
    }
    let shareable = sharing != Sharing::Everything;
    let extra_sheets = match Format::from_extension(output) {
        Some(Format::Sheet) => {
            let shown = match sharing {
                Sharing::Everything => loaded.network.clone(),
                Sharing::Shareable => loaded.network.shareable_copy(),
                Sharing::Pseudonymised => match loaded.network.pseudonymised_copy() {
                    Ok(p) => p.network,
                    Err(e) => {
                        writeln!(err, "bridgework: {}: {e}", input.display())?;
                        return Ok(Outcome::Failed);
                    }
                },
            };
            super::analyse::measures_rows(&shown)
                .map(|rows| vec![("Measures".to_owned(), rows)])
                .unwrap_or_default()
        }
        _ => Vec::new(),
    };
    let export = ExportOptions {
        nodes_out,
        shareable,
        keep_backup: true,
        extra_sheets,
        replace_unusual: force,
    };
    let saved = if sharing == Sharing::Pseudonymised {
        crate::io::pseudonymised::save_pseudonymised(&loaded.network, output, &export)
    } else {
        crate::io::save(&loaded.network, output, &export)
    };
    match saved {
        Ok(paths) => {
            let written: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            let n = &loaded.network;
            writeln!(
                out,
                "wrote {} ({} actors, {} ties{})",
                written.join(" and "),
                n.actors().len(),
                n.ties().len(),
                match sharing {
                    Sharing::Everything => String::new(),
                    Sharing::Shareable => ", private fields removed".to_owned(),
                    Sharing::Pseudonymised => format!(
                        ", names replaced by codes; the key is {}: keep it to yourself",
                        crate::io::pseudonymised::key_path(output).display()
                    ),
                }
            )?;
            Ok(Outcome::Ok)
        }
        Err(e) => {
            report(err, &e);
            Ok(Outcome::Failed)
        }
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
