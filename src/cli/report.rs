//! `bridgework report MAP -o OUT.html`: the HTML report (see
//! [`crate::export::report_html`]) in one self-contained file, written
//! atomically. Private fields are left out unless `--include-private`
//! asks for them, which the report and this command both announce.

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
    if let Err(e) = crate::io::write_atomic(&args.out, page.as_bytes(), false) {
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
