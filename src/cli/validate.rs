//! `bridgework validate FILE`: read a map, say what is in it, exit 0 if it
//! is usable and 1 (with the error) if not.

use super::{ImportArgs, Outcome, summary};
use std::io::Write;
use std::path::Path;

pub(super) fn run(
    file: &Path,
    import: &ImportArgs,
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
    Ok(Outcome::Ok)
}
