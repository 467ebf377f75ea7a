//! `bridgework fuzz`: runs the importers' fuzz harness
//! ([`crate::io::fuzz`]) and prints a Markdown table of what it found;
//! with `--reproduce N`, makes input N again, saves it and runs it alone.

use crate::io::fuzz::{self, Config, Problem, TARGETS, Target};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

/// What `fuzz` runs.
#[derive(Debug, Clone, Args)]
pub struct FuzzArgs {
    /// Importers to run, comma-separated (default: all): native, csv_pair,
    /// graphml, gexf, kumu_json, kumu_csv, sheet, survey, survey_sheet.
    #[arg(long, value_delimiter = ',')]
    pub target: Vec<String>,
    /// Inputs per importer.
    #[arg(long, default_value_t = 100_000)]
    pub inputs: u64,
    /// Random seed: the same seed makes the same inputs.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The folder of seed files, one folder per importer.
    #[arg(long, default_value = "tests/data/fuzz")]
    pub seeds: PathBuf,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// An input slower than this many milliseconds is a hang.
    #[arg(long, default_value_t = 1000)]
    pub hang_ms: u64,
    /// Where inputs that panicked or hung are saved.
    #[arg(long, default_value = "target/fuzz-artifacts")]
    pub artifacts: PathBuf,
    /// Make input N of the (one) --target again, save it to --artifacts
    /// and run it alone, with its time and memory.
    #[arg(long, value_name = "N")]
    pub reproduce: Option<u64>,
    /// Run the (one) --target on this file alone (a saved input, say),
    /// with the default import options, and print its time and memory.
    #[arg(long, value_name = "FILE", conflicts_with = "reproduce")]
    pub input: Option<PathBuf>,
    /// With --reproduce: save nothing and end with a line of figures
    /// (time in ns, memory before and peak in bytes), for the run that
    /// checks a hang or memory excess in a fresh process.
    #[arg(long, requires = "reproduce", hide = true)]
    pub figures: bool,
}

/// Runs `fuzz`: `Ok(Failed)` when anything panicked, hung or used too
/// much memory.
pub fn run(
    args: &FuzzArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<super::Outcome> {
    let mut targets: Vec<&'static Target> = Vec::new();
    for name in &args.target {
        match fuzz::target(name.trim()) {
            Some(t) => targets.push(t),
            None => {
                let names: Vec<&str> = TARGETS.iter().map(|t| t.name).collect();
                writeln!(
                    err,
                    "bridgework: fuzz: no importer called \"{name}\"; choose from {}",
                    names.join(", ")
                )?;
                return Ok(super::Outcome::Failed);
            }
        }
    }
    if targets.is_empty() {
        targets = TARGETS.iter().collect();
    }
    let mut config = Config::new(&args.seeds, args.inputs, args.seed);
    config.targets = targets;
    if let Some(t) = args.threads {
        config.threads = t.max(1);
    }
    config.hang_limit = Duration::from_millis(args.hang_ms);
    config.artifacts = (!args.figures).then(|| args.artifacts.clone());
    if let Some(index) = args.reproduce {
        return reproduce(&config, index, args.figures, out, err);
    }
    // A hang or memory excess is run again in a fresh process of this
    // program, whose peak is that input's alone.
    if let Ok(program) = std::env::current_exe() {
        config.recheck = fuzz::Recheck::Fresh(program);
    }
    if let Some(file) = &args.input {
        let [target] = config.targets.as_slice() else {
            writeln!(err, "bridgework: fuzz: --input needs one --target")?;
            return Ok(super::Outcome::Failed);
        };
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                writeln!(err, "bridgework: fuzz: cannot read {}: {e}", file.display())?;
                return Ok(super::Outcome::Failed);
            }
        };
        let options = crate::io::ImportOptions::default();
        return run_alone(&config, target, &bytes, &options, false, out);
    }
    // Panics are counted and reported below, not printed as they happen.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    writeln!(
        out,
        "| importer | seeds | inputs | accepted | panics | hangs | slowest | inputs/s |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|---:|---:|---:|")?;
    let mut rows = Vec::new();
    let result = fuzz::run(&config, |t| {
        rows.push(format!(
            "| {} | {} | {} | {} | {} | {} | {:.0} ms | {:.0} |",
            t.name,
            t.seeds,
            t.inputs,
            t.accepted,
            t.panics,
            t.hangs,
            t.slowest.as_secs_f64() * 1000.0,
            t.rate()
        ));
        // Each row as its target ends; a closed output only loses rows.
        let _ = rows.last().map(|r| writeln!(out, "{r}"));
        let _ = out.flush();
    });
    std::panic::set_hook(hook);
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            writeln!(err, "bridgework: fuzz: {e}")?;
            return Ok(super::Outcome::Failed);
        }
    };
    let mb = |b: u64| b as f64 / (1024.0 * 1024.0);
    writeln!(
        out,
        "\nmemory: {:.1} MB before the run, peak {:.1} MB (limit {:.1} MB)",
        mb(report.baseline_rss),
        mb(report.peak_rss),
        mb(report.memory_limit)
    )?;
    for f in &report.findings {
        let what = match &f.problem {
            Problem::Panic(m) => format!("panic: {m}"),
            Problem::Hang(d) => format!("hang: {:.2} s", d.as_secs_f64()),
            Problem::Memory { peak, inputs } => format!(
                "memory: peak {:.1} MB while inputs {}..={} ran",
                mb(*peak),
                inputs.0,
                inputs.1
            ),
        };
        let saved = f
            .saved
            .as_ref()
            .map(|p| format!(" (saved as {})", p.display()))
            .unwrap_or_default();
        let alone = match (&f.problem, f.alone) {
            (Problem::Panic(_), _) => String::new(),
            (_, None) => "; could not be run again alone".to_owned(),
            (_, Some(a)) => format!(
                "; alone, input {} took {:.2} s and peaked at {:.1} MB: {}",
                a.input,
                a.took.as_secs_f64(),
                mb(a.peak),
                if f.stands(report.hang_limit, report.memory_limit) {
                    "it stands"
                } else {
                    "within the limits, so other work running at the same time made it"
                }
            ),
        };
        writeln!(
            out,
            "{} input {} (--seed {}): {what}{saved}{alone}",
            f.target, f.input, config.seed
        )?;
    }
    if report.is_clean() {
        writeln!(
            out,
            "no panics, and no input over the time or memory limit when run alone"
        )?;
        Ok(super::Outcome::Ok)
    } else {
        Ok(super::Outcome::Failed)
    }
}

/// Makes input `index` of the one target again, saves it and runs it.
fn reproduce(
    config: &Config,
    index: u64,
    figures: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<super::Outcome> {
    let [target] = config.targets.as_slice() else {
        writeln!(err, "bridgework: fuzz: --reproduce needs one --target")?;
        return Ok(super::Outcome::Failed);
    };
    let seeds = match fuzz::load_seeds(&config.seeds, target) {
        Ok(s) => s,
        Err(e) => {
            writeln!(err, "bridgework: fuzz: {e}")?;
            return Ok(super::Outcome::Failed);
        }
    };
    let (bytes, options) = fuzz::input(&seeds, target, config.seed, index);
    let path = config.artifacts.as_ref().map(|dir| {
        dir.join(format!(
            "{}-seed{}-input{index}.{}",
            target.name, config.seed, target.extension
        ))
    });
    if let Some(p) = &path {
        let saved = p
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(p, &bytes));
        match saved {
            Ok(()) => writeln!(
                out,
                "input saved as {} ({} bytes)",
                p.display(),
                bytes.len()
            )?,
            Err(e) => writeln!(err, "bridgework: fuzz: cannot save {}: {e}", p.display())?,
        }
    }
    run_alone(config, target, &bytes, &options, figures, out)
}

/// Runs `target` on `bytes` alone and prints its outcome, time and memory
/// (and, with `figures`, ends with [`fuzz::figures_line`]).
fn run_alone(
    config: &Config,
    target: &Target,
    bytes: &[u8],
    options: &crate::io::ImportOptions,
    figures: bool,
    out: &mut dyn Write,
) -> std::io::Result<super::Outcome> {
    writeln!(out, "options: {options:?}")?;
    let before = fuzz::memory().map_or(0, |m| m.0);
    let (outcome, took, added) = fuzz::measure_alone(target, bytes, options);
    let peak = before.saturating_add(added);
    writeln!(
        out,
        "{}: {:.1} ms, memory {:.1} MB before, peak {:.1} MB",
        match &outcome {
            Ok(true) => "accepted".to_owned(),
            Ok(false) => "refused".to_owned(),
            Err(m) => format!("panic: {m}"),
        },
        took.as_secs_f64() * 1000.0,
        before as f64 / 1048576.0,
        peak as f64 / 1048576.0
    )?;
    if figures {
        writeln!(out, "{}", fuzz::figures_line(took, before, peak))?;
    }
    Ok(if outcome.is_err() || took > config.hang_limit {
        super::Outcome::Failed
    } else {
        super::Outcome::Ok
    })
}
