//! `bridgework report MAP -o OUT.html`: the HTML report (see
//! [`crate::export::report_html`]) in one self-contained file, written
//! atomically. Private fields are left out unless `--include-private`
//! asks for them, which the report and this command both announce. OUT is
//! checked first: a device or a folder is refused, a read-only file, a
//! pipe or a socket needs `--force`, a link is written through.

use super::{ImportArgs, Outcome};
use crate::analysis::Control;
use crate::export::report_html::{ReportOptions, report_html};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `report`.
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// The map file.
    pub file: PathBuf,
    /// The report to write (.html).
    #[arg(short = 'o', long = "out", value_name = "OUT.html")]
    pub out: PathBuf,
    /// Include private fields (stances, notes, whatever is marked private).
    /// Left out by default, so the report is safe to email.
    #[arg(long)]
    pub include_private: bool,
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

pub(super) fn run(
    args: &ReportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let html = args
        .out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if !html {
        writeln!(
            err,
            "bridgework: {}: the report is a web page; end the file name with .html",
            args.out.display()
        )?;
        return Ok(Outcome::Failed);
    }
    if !super::targets_ok(std::slice::from_ref(&args.out), args.force, err)? {
        return Ok(Outcome::Failed);
    }
    let Some(loaded) = super::load_map(&args.file, &args.import, err) else {
        return Ok(Outcome::Failed);
    };
    if args.include_private {
        writeln!(
            err,
            "bridgework: note: this report INCLUDES PRIVATE FIELDS (stances, notes, whatever is marked private), as --include-private asks; do not share it beyond the people those judgements may be shown to"
        )?;
    }
    let options = ReportOptions {
        include_private: args.include_private,
        date: crate::export::today(),
    };
    let page = match report_html(&loaded.network, &options, &Control::none()) {
        Ok(p) => p,
        Err(e) => {
            writeln!(err, "bridgework: cannot make the report: {e}")?;
            return Ok(Outcome::Failed);
        }
    };
    let options = crate::io::ExportOptions {
        replace_unusual: args.force,
        ..Default::default()
    };
    if let Err(e) = crate::io::target::write_file(&args.out, page.as_bytes(), &options) {
        writeln!(err, "bridgework: {e}")?;
        return Ok(Outcome::Failed);
    }
    writeln!(
        out,
        "Wrote {} ({}; open it in any browser, print it on A4)",
        args.out.display(),
        if args.include_private {
            "private fields included"
        } else {
            "private fields left out"
        }
    )?;
    Ok(Outcome::Ok)
}
