//! `bridgework convert IN OUT`: read a map in one format, write it in
//! another (by extension), atomically.

use super::{ImportArgs, Outcome, report};
use crate::io::target::SaveTarget;
use crate::io::{ExportOptions, Format, IoError};
use std::io::Write;
use std::path::{Path, PathBuf};

/// How `convert` writes OUT.
pub(super) struct Writing {
    /// `--nodes-out`.
    pub nodes_out: Option<PathBuf>,
    /// `--shareable`.
    pub shareable: bool,
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
    let Writing {
        nodes_out,
        shareable,
        force,
    } = writing;
    let (nodes_out, shareable, force) = (nodes_out.clone(), *shareable, *force);
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
    let targets = match crate::io::save_targets(output, &probe) {
        Ok(t) => t,
        Err(e) => {
            report(err, &e);
            return Ok(Outcome::Failed);
        }
    };
    for target in targets.iter().map(|t| SaveTarget::inspect(t)) {
        if let Some(why) = target.refusal() {
            writeln!(err, "bridgework: {why}; nothing was written")?;
            return Ok(Outcome::Failed);
        }
        match (target.question(), force) {
            (Some(what), false) => {
                writeln!(
                    err,
                    "bridgework: {what}; nothing was written: add --force to do so"
                )?;
                return Ok(Outcome::Failed);
            }
            (Some(what), true) => writeln!(err, "bridgework: note: {what} (--force)")?,
            (None, _) => {}
        }
        if let Some(note) = target.note() {
            writeln!(err, "bridgework: note: {note}")?;
        }
    }
    let loaded = match crate::io::load(input, &options) {
        Ok(l) => l,
        Err(e) => {
            report(err, &e);
            return Ok(Outcome::Failed);
        }
    };
    for w in &loaded.warnings {
        writeln!(err, "bridgework: note: {w}")?;
    }
    let extra_sheets = match Format::from_extension(output) {
        Some(Format::Sheet) => {
            let shown = if shareable {
                loaded.network.shareable_copy()
            } else {
                loaded.network.clone()
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
    match crate::io::save(&loaded.network, output, &export) {
        Ok(paths) => {
            let written: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
            let n = &loaded.network;
            writeln!(
                out,
                "wrote {} ({} actors, {} ties{})",
                written.join(" and "),
                n.actors().len(),
                n.ties().len(),
                if shareable {
                    ", private fields removed"
                } else {
                    ""
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
