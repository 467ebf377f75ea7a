//! `bridgework validate FILE`: read a map, say what is in it, exit 0 if it
//! is usable and 1 (with the error) if not. The map is only read, so no
//! lock record is taken ([`crate::io::lock`]).

use super::{ImportArgs, Outcome, summary};
use std::io::Write;
use std::path::Path;

pub(super) fn run(
    file: &Path,
    import: &ImportArgs,
    fields: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let Some(loaded) = super::load_map(file, import, err) else {
        return Ok(Outcome::Failed);
    };
    writeln!(out, "{}: usable map", file.display())?;
    write!(out, "{}", summary::summary(&loaded.network))?;
    let notices = summary::notices(&loaded.network);
    if !loaded.warnings.is_empty() || !notices.is_empty() {
        writeln!(out, "  warnings:")?;
        for w in loaded.warnings.iter().chain(&notices) {
            writeln!(out, "    - {w}")?;
        }
    }
    if fields {
        // The options were checked by load_map.
        let options = import.options().unwrap_or_default();
        match super::fields::fields_text(file, &options, import.guess_fields) {
            Ok(text) => write!(out, "{text}")?,
            Err(e) => super::report(err, &e),
        }
    }
    Ok(Outcome::Ok)
}
