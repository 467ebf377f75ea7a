//! `bridgework generate --actors N --seed S [--out FILE]`: a synthetic map
//! for benchmarks and demos.

use super::Outcome;
use crate::generate::{GenerateOptions, generate};
use crate::io::{ExportOptions, save};
use std::io::Write;
use std::path::Path;

pub(super) fn run(
    actors: usize,
    seed: u64,
    ties_per_actor: usize,
    out_file: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    if actors == 0 || actors > 1_000_000 {
        writeln!(err, "bridgework: --actors must be between 1 and 1000000")?;
        return Ok(Outcome::Failed);
    }
    let network = generate(&GenerateOptions {
        actors,
        seed,
        ties_per_actor: ties_per_actor.max(1),
        ..GenerateOptions::default()
    });
    match out_file {
        None => {
            let text = crate::io::native::to_string(&network).map_err(std::io::Error::other)?;
            out.write_all(text.as_bytes())?;
        }
        Some(path) => match save(&network, path, &ExportOptions::default()) {
            Ok(paths) => {
                let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                writeln!(
                    err,
                    "wrote {} ({} actors, {} ties)",
                    names.join(" and "),
                    network.actors().len(),
                    network.ties().len()
                )?;
            }
            Err(e) => {
                super::report(err, &e);
                return Ok(Outcome::Failed);
            }
        },
    }
    Ok(Outcome::Ok)
}
