//! The fuzz harness: every importer run on many broken variants of seed
//! files, in process, to prove that no file can crash Bridgework, hang
//! it or make it use unbounded memory.
//!
//! **What it does.** For each target (one importer, listed in
//! [`TARGETS`]) the harness reads the seed files in `SEEDS/<target>/`
//! and runs the importer on `inputs` inputs, each a seed changed by one to
//! four [`mutate`] mutations (bit flips, truncation, splicing, huge and
//! non-finite numbers, deep nesting, entity expansion, external entities,
//! NUL bytes, wrong encodings) and read with random import options. An
//! input that the importer accepts is written out again as native JSON,
//! and an error is formatted, so panics there count too. Input `i` of a
//! run is made from `(seed, target, i)` alone, so any input can be made
//! again with [`input`].
//!
//! **What it reports** ([`Report`]): inputs run, accepted and refused per
//! target, inputs per second, the slowest input, and every finding: a
//! panic (caught with `catch_unwind`), a hang (an input that takes longer
//! than [`Config::hang_limit`], 1 s by default) and a memory excess (the
//! process's peak resident memory, sampled every 20 ms from
//! `/proc/self/status`, above [`Config::memory_limit`]: by default 20 times
//! its size before the run or 1 GB, whichever is less; the finding names
//! the inputs that were running). Other inputs running beside it, and
//! other programs, can slow an input or add to the peak, so once a
//! target's workers stop, each hang, and each input running at a memory
//! excess, is run again by itself ([`Recheck`]; in a fresh process from
//! the command line): a hang or excess [stands](Finding::stands) only if
//! it happens again alone.
//!
//! **Adding an importer** is one line in [`TARGETS`] and a folder of seed
//! files.
//!
//! Depends on `io` only; never on egui.

mod mutate;
#[cfg(test)]
pub(crate) use mutate::utf16;
pub mod targets;

pub use mutate::{MAX_INPUT_BYTES, mutate};

use crate::io::{ImportOptions, IoError, Loaded};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The syntax of a target's files, which decides the structure-aware
/// mutations (deep nesting, entities, zip members).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Syntax {
    /// JSON.
    Json,
    /// XML.
    Xml,
    /// CSV.
    Csv,
    /// A zip archive of XML files (`.xlsx`, `.ods`).
    Zip,
}

/// An importer the harness runs.
#[derive(Clone, Copy, Debug)]
pub struct Target {
    /// Its name, also the folder of its seed files.
    pub name: &'static str,
    /// What its files are made of.
    pub syntax: Syntax,
    /// The extension for inputs saved from it.
    pub extension: &'static str,
    /// The importer, from a file's bytes.
    pub read: Read,
}

/// Every importer, in the order a run takes them.
pub const TARGETS: &[Target] = &[
    Target::new("native", Syntax::Json, "json", targets::native),
    Target::new("csv_pair", Syntax::Csv, "pair", targets::csv_pair),
    Target::new("graphml", Syntax::Xml, "graphml", targets::graphml),
    Target::new("gexf", Syntax::Xml, "gexf", targets::gexf),
    Target::new("kumu_json", Syntax::Json, "json", targets::kumu_json),
    Target::new("kumu_csv", Syntax::Csv, "csv", targets::kumu_csv),
    Target::new("sheet", Syntax::Zip, "xlsx", targets::sheet),
    Target::new("survey", Syntax::Csv, "csv", targets::survey),
    Target::new("survey_sheet", Syntax::Zip, "xlsx", targets::survey_sheet),
];

/// An importer from a file's bytes.
pub type Read = fn(&[u8], &ImportOptions) -> Result<Loaded, IoError>;

impl Target {
    /// A target: its name (and seed folder), syntax, extension and reader.
    pub const fn new(
        name: &'static str,
        syntax: Syntax,
        extension: &'static str,
        read: Read,
    ) -> Self {
        Self {
            name,
            syntax,
            extension,
            read,
        }
    }
}

/// The target called `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// What a run does.
#[derive(Clone, Debug)]
pub struct Config {
    /// The targets to run.
    pub targets: Vec<&'static Target>,
    /// Inputs per target.
    pub inputs: u64,
    /// The random seed: the same seed gives the same inputs.
    pub seed: u64,
    /// The folder holding one folder of seed files per target.
    pub seeds: PathBuf,
    /// Worker threads.
    pub threads: usize,
    /// An input taking longer than this is a hang.
    pub hang_limit: Duration,
    /// Peak resident memory (bytes) above which the process has used too
    /// much; `None`: 20 times the size before the run, at most 1 GB.
    pub memory_limit: Option<u64>,
    /// Where inputs that panicked or hung are saved, if anywhere.
    pub artifacts: Option<PathBuf>,
    /// How a hang or memory excess is run again by itself.
    pub recheck: Recheck,
}

/// How a hang, or the inputs running at a memory excess, are run again
/// one at a time once the target's workers have stopped ([`Alone`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Recheck {
    /// In this process. Its time is exact; its memory can come out low, as
    /// the allocator may reuse memory earlier inputs freed.
    #[default]
    InProcess,
    /// In a fresh process of this program, run as `PROGRAM fuzz --target
    /// NAME --seed SEED --seeds DIR --reproduce N --figures`: its peak is
    /// that of a process that read nothing but this input.
    Fresh(PathBuf),
}

impl Config {
    /// A run of `inputs` inputs per target over every target, with the
    /// seed files in `seeds`, one thread per core.
    pub fn new(seeds: impl Into<PathBuf>, inputs: u64, seed: u64) -> Self {
        Self {
            targets: TARGETS.iter().collect(),
            inputs,
            seed,
            seeds: seeds.into(),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            hang_limit: Duration::from_secs(1),
            memory_limit: None,
            artifacts: None,
            recheck: Recheck::InProcess,
        }
    }
}

/// What went wrong with one input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The importer panicked, with this message.
    Panic(String),
    /// The importer took this long.
    Hang(Duration),
    /// The process's peak memory reached this many bytes while these
    /// inputs (first, last, inclusive) ran.
    Memory {
        /// Peak resident bytes.
        peak: u64,
        /// The last input number each worker had started before the
        /// sample, up to the one each had started at it.
        inputs: (u64, u64),
    },
}

/// One finding: which target, which input, what happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The target's name.
    pub target: &'static str,
    /// The input's number (the first one for a memory finding).
    pub input: u64,
    /// What happened.
    pub problem: Problem,
    /// Where the input was saved.
    pub saved: Option<PathBuf>,
    /// A hang or memory excess run again by itself once the target's
    /// workers have stopped: for a memory excess, the input of those that
    /// were running that took the most.
    pub alone: Option<Alone>,
}

/// One input run by itself, with no other input running: see
/// [`Finding::alone`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alone {
    /// The input's number.
    pub input: u64,
    /// Its time.
    pub took: Duration,
    /// What the process would peak at had the run started with it: the
    /// size before the run plus what the input added to the process while
    /// it ran (bytes).
    pub peak: u64,
}

impl Finding {
    /// Whether the finding stands: every panic does; a hang or memory
    /// excess only if it happens again with the input run alone, not when
    /// it came from other inputs or programs running at the same time.
    pub fn stands(&self, hang_limit: Duration, memory_limit: u64) -> bool {
        match (&self.problem, self.alone) {
            (Problem::Panic(_), _) => true,
            (Problem::Hang(_), Some(a)) => a.took > hang_limit,
            (Problem::Memory { .. }, Some(a)) => a.peak > memory_limit,
            (_, None) => true,
        }
    }
}

/// The figures for one target.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TargetReport {
    /// The target's name.
    pub name: &'static str,
    /// Seed files used.
    pub seeds: usize,
    /// Inputs run.
    pub inputs: u64,
    /// Inputs the importer accepted (the rest were refused with an error).
    pub accepted: u64,
    /// Inputs that panicked.
    pub panics: u64,
    /// Inputs that took longer than the hang limit.
    pub hangs: u64,
    /// The slowest input's time.
    pub slowest: Duration,
    /// The whole target's time.
    pub elapsed: Duration,
}

impl TargetReport {
    /// Inputs per second.
    pub fn rate(&self) -> f64 {
        self.inputs as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// What a run found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// One entry a target, in the order run.
    pub targets: Vec<TargetReport>,
    /// Every panic, hang and memory excess.
    pub findings: Vec<Finding>,
    /// Resident memory before the run (bytes; 0 where unknown).
    pub baseline_rss: u64,
    /// The process's peak resident memory during the run (bytes; 0 where
    /// unknown).
    pub peak_rss: u64,
    /// The memory limit applied (bytes).
    pub memory_limit: u64,
    /// The hang limit applied.
    pub hang_limit: Duration,
}

impl Report {
    /// Whether nothing went wrong: no finding [stands](Finding::stands).
    pub fn is_clean(&self) -> bool {
        !self
            .findings
            .iter()
            .any(|f| f.stands(self.hang_limit, self.memory_limit))
    }
}

/// A problem with the run itself (not with an importer).
#[derive(Debug, thiserror::Error)]
pub enum FuzzError {
    /// A seed folder cannot be read or holds no files.
    #[error("no seed files for {target} in {}: {reason}", dir.display())]
    Seeds {
        /// The target.
        target: &'static str,
        /// Its seed folder.
        dir: PathBuf,
        /// Why.
        reason: String,
    },
}

/// The seed files of `target` in `seeds/<name>/`, sorted by file name.
pub fn load_seeds(seeds: &Path, target: &'static Target) -> Result<Vec<Vec<u8>>, FuzzError> {
    let dir = seeds.join(target.name);
    let err = |reason: String| FuzzError::Seeds {
        target: target.name,
        dir: dir.clone(),
        reason,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| err(e.to_string()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    paths.sort();
    let files = paths
        .iter()
        .map(|p| std::fs::read(p).map_err(|e| err(format!("{}: {e}", p.display()))))
        .collect::<Result<Vec<_>, _>>()?;
    if files.is_empty() {
        return Err(err("the folder is empty".to_owned()));
    }
    Ok(files)
}

/// The random generator for input `index` of `target` in a run with
/// `seed`.
fn rng_for(seed: u64, target: &Target, index: u64) -> ChaCha8Rng {
    let name = target.name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ name);
    rng.set_stream(index);
    rng
}

/// Input `index` of `target` in a run with `seed`: its bytes and the
/// options it is read with.
pub fn input(
    seeds: &[Vec<u8>],
    target: &Target,
    seed: u64,
    index: u64,
) -> (Vec<u8>, ImportOptions) {
    let mut rng = rng_for(seed, target, index);
    // Drawn in this order since the harness began, so that `--reproduce`
    // makes the inputs of earlier runs again.
    let directed = rng.random_bool(0.5);
    let latin1 = rng.random_bool(0.25);
    let merge = rng.random_bool(0.5);
    let sector = rng.random_bool(0.5);
    let options = options_from_byte(
        u8::from(directed)
            | u8::from(merge) << 1
            | u8::from(sector) << 2
            | if latin1 { LATIN1 } else { 0 },
    );
    // One input in ten is a seed unchanged, under other options.
    let bytes = if index.is_multiple_of(10) {
        seeds
            .get((index / 10) as usize % seeds.len().max(1))
            .cloned()
            .unwrap_or_default()
    } else {
        mutate(seeds, target.syntax, &mut rng)
    };
    (bytes, options)
}

/// Bits 3 and 4 of an options byte: both set (one byte in four) decode
/// Latin-1, as the harness does for one input in four.
const LATIN1: u8 = 0b1_1000;

/// The import options an input is read with, from one byte of choices:
/// bit 0 reads ties as directed, bit 1 merges actors that share an id,
/// bit 2 gives actors without a sector the sector "Other", and bits 3
/// and 4 both set decode Latin-1 instead of UTF-8. The other bits are
/// unused. Both harnesses choose their options with it.
pub fn options_from_byte(choices: u8) -> ImportOptions {
    ImportOptions {
        directed: choices & 1 != 0,
        encoding: if choices & LATIN1 == LATIN1 {
            crate::io::Encoding::Latin1
        } else {
            crate::io::Encoding::Utf8
        },
        nodes: None,
        merge_duplicates: choices & 0b10 != 0,
        default_sector: (choices & 0b100 != 0).then(|| "Other".to_owned()),
        ..ImportOptions::default()
    }
}

/// The options a libFuzzer input is read with: [`options_from_byte`] of
/// a hash of all its bytes. Not its first byte, taken off: the seeds are
/// real files, and each would lose its `{`, `<` or `PK`. Any change to an
/// input may change its options, as each input of the in-process harness
/// draws its own.
pub fn libfuzzer_options(data: &[u8]) -> ImportOptions {
    let hash = data.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    options_from_byte(hash.to_le_bytes().iter().fold(0, |a, b| a ^ b))
}

/// One input of a cargo-fuzz target (`fuzz/`): the importer called
/// `name` run by [`exercise`] on `data`, with [`libfuzzer_options`].
/// A panic is not caught: libFuzzer reports it as a crash.
///
/// # Panics
///
/// When no importer in [`TARGETS`] is called `name` (a fuzz target
/// misnamed), and when the importer panics.
pub fn libfuzzer_one(name: &str, data: &[u8]) {
    let Some(target) = target(name) else {
        panic!("no importer {name:?} in io::fuzz::TARGETS");
    };
    exercise(target, data, &libfuzzer_options(data));
}

/// Runs `target` on `bytes`: the importer, then writing an accepted map
/// out again or formatting the error. Whether it was accepted; a panic
/// is not caught.
pub fn exercise(target: &Target, bytes: &[u8], options: &ImportOptions) -> bool {
    match (target.read)(bytes, options) {
        Ok(loaded) => {
            // Written out, but not held: the text of a big map would count
            // against the importer's memory.
            let _ = crate::io::native::to_writer(&loaded.network, std::io::sink());
            let _ = loaded.warnings.join("\n");
            true
        }
        Err(e) => {
            let _ = e.to_string();
            false
        }
    }
}

/// [`exercise`], with a panic caught: `Ok(accepted)`, or the panic's
/// message.
pub fn run_one(target: &Target, bytes: &[u8], options: &ImportOptions) -> Result<bool, String> {
    std::panic::catch_unwind(|| exercise(target, bytes, options))
        .map_err(|payload| crate::panic_message(payload.as_ref()))
}

/// Resident memory figures of this process from `/proc/self/status`:
/// (current, peak) in bytes; `None` where there is no such file.
pub fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map(|kb| kb * 1024)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Starts peak-memory counting again from the current size (Linux).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Saves a finding's input; returns where.
fn save(config: &Config, target: &Target, index: u64, kind: &str, bytes: &[u8]) -> Option<PathBuf> {
    let dir = config.artifacts.as_ref()?;
    std::fs::create_dir_all(dir).ok()?;
    let path = dir.join(format!(
        "{}-{kind}-seed{}-input{index}.{}",
        target.name, config.seed, target.extension
    ));
    std::fs::write(&path, bytes).ok()?;
    Some(path)
}

/// Runs every target of `config`, `progress` told of each target's figures
/// as it ends.
pub fn run(config: &Config, mut progress: impl FnMut(&TargetReport)) -> Result<Report, FuzzError> {
    let (baseline, _) = memory().unwrap_or((0, 0));
    let memory_limit = config.memory_limit.unwrap_or_else(|| {
        if baseline == 0 {
            1 << 30
        } else {
            (baseline * 20).min(1 << 30)
        }
    });
    let mut report = Report {
        baseline_rss: baseline,
        memory_limit,
        hang_limit: config.hang_limit,
        ..Report::default()
    };
    reset_peak();
    for target in &config.targets {
        let seeds = load_seeds(&config.seeds, target)?;
        let (figures, mut findings, peak) = run_target(config, target, &seeds, memory_limit);
        let mut ran = HashMap::new();
        for f in &mut findings {
            f.alone = again_alone(config, target, &seeds, f, baseline, &mut ran);
        }
        let mut findings = merge_excesses(findings);
        report.peak_rss = report.peak_rss.max(peak);
        progress(&figures);
        report.targets.push(figures);
        report.findings.append(&mut findings);
    }
    Ok(report)
}

/// Runs `target` on `bytes` by itself: its outcome as [`run_one`] gives
/// it, its time, and what it added to the process's resident memory at
/// its peak (bytes; 0 where unknown).
pub fn measure_alone(
    target: &Target,
    bytes: &[u8],
    options: &ImportOptions,
) -> (Result<bool, String>, Duration, u64) {
    reset_peak();
    let before = memory().map_or(0, |m| m.0);
    let t = Instant::now();
    let outcome = run_one(target, bytes, options);
    let took = t.elapsed();
    let peak = memory().map_or(0, |m| m.1);
    (outcome, took, peak.saturating_sub(before))
}

/// A hang, or the inputs running at a memory excess, run again one at a
/// time: the slowest, or the one that added most memory.
/// Each input is run alone once (`ran` keeps what it gave), however many
/// excesses it was running at.
fn again_alone(
    config: &Config,
    target: &Target,
    seeds: &[Vec<u8>],
    finding: &Finding,
    baseline: u64,
    ran: &mut HashMap<u64, Option<Alone>>,
) -> Option<Alone> {
    let range = match &finding.problem {
        Problem::Panic(_) => return None,
        Problem::Hang(_) => finding.input..=finding.input,
        Problem::Memory { inputs, .. } => inputs.0..=inputs.1,
    };
    range
        .filter_map(|index| {
            *ran.entry(index).or_insert_with(|| match &config.recheck {
                Recheck::InProcess => {
                    let (bytes, options) = self::input(seeds, target, config.seed, index);
                    let (_, took, added) = measure_alone(target, &bytes, &options);
                    Some(Alone {
                        input: index,
                        took,
                        peak: baseline.saturating_add(added),
                    })
                }
                Recheck::Fresh(program) => fresh(program, config, target, index),
            })
        })
        .max_by_key(|a| match finding.problem {
            Problem::Hang(_) => a.took.as_nanos() as u64,
            _ => a.peak,
        })
}

/// Memory excesses whose heaviest input alone is the same input, as one:
/// the highest peak, over all the inputs that were running.
fn merge_excesses(findings: Vec<Finding>) -> Vec<Finding> {
    let mut merged: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        if let (Problem::Memory { peak, inputs }, Some(alone)) = (&f.problem, f.alone)
            && let Some(Problem::Memory {
                peak: into_peak,
                inputs: into_inputs,
            }) = merged
                .iter_mut()
                .find(|m| {
                    matches!(m.problem, Problem::Memory { .. })
                        && m.alone.map(|a| a.input) == Some(alone.input)
                })
                .map(|m| &mut m.problem)
        {
            *into_peak = (*into_peak).max(*peak);
            into_inputs.0 = into_inputs.0.min(inputs.0);
            into_inputs.1 = into_inputs.1.max(inputs.1);
            continue;
        }
        merged.push(f);
    }
    merged
}

/// The line `--figures` ends with: the input's time in nanoseconds, the
/// process's resident memory before it and its peak, in bytes.
pub fn figures_line(took: Duration, before: u64, peak: u64) -> String {
    format!("figures: {} {before} {peak}", took.as_nanos())
}

/// Input `index` run in a fresh process of `program` (see
/// [`Recheck::Fresh`]); `None` if it could not be run or said nothing.
fn fresh(program: &Path, config: &Config, target: &Target, index: u64) -> Option<Alone> {
    let output = std::process::Command::new(program)
        .arg("fuzz")
        .args(["--target", target.name])
        .args(["--seed", &config.seed.to_string()])
        .arg("--seeds")
        .arg(&config.seeds)
        .args(["--reproduce", &index.to_string(), "--figures"])
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let line = text
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("figures: "))?;
    let mut numbers = line.split(' ').map(|n| n.parse::<u64>().ok());
    let took = Duration::from_nanos(numbers.next()??);
    let _before = numbers.next()??;
    let peak = numbers.next()??;
    Some(Alone {
        input: index,
        took,
        peak,
    })
}

/// Inputs a worker takes at a time.
const CHUNK: u64 = 32;

/// One target over all workers: its figures, findings and peak memory.
fn run_target(
    config: &Config,
    target: &'static Target,
    seeds: &[Vec<u8>],
    memory_limit: u64,
) -> (TargetReport, Vec<Finding>, u64) {
    let next = AtomicU64::new(0);
    let accepted = AtomicU64::new(0);
    let ran = AtomicU64::new(0);
    let slowest = AtomicU64::new(0);
    let findings = Mutex::new(Vec::new());
    let finished_workers = AtomicUsize::new(0);
    let threads = config.threads.max(1);
    // The input each worker is running (u64::MAX: none yet).
    let current: Vec<AtomicU64> = (0..threads).map(|_| AtomicU64::new(u64::MAX)).collect();
    let peak = AtomicU64::new(0);
    let started = Instant::now();
    let record = |f: Finding| {
        if let Ok(mut all) = findings.lock() {
            all.push(f);
        }
    };
    std::thread::scope(|scope| {
        let mut spawned_workers = 0;
        for worker in 0..threads {
            let (next, accepted, ran, slowest, current, record, finished_workers) = (
                &next,
                &accepted,
                &ran,
                &slowest,
                &current,
                &record,
                &finished_workers,
            );
            let spawned = std::thread::Builder::new()
                .name(format!("fuzz-{}-{worker}", target.name))
                .spawn_scoped(scope, move || {
                    loop {
                        let first = next.fetch_add(CHUNK, Ordering::Relaxed);
                        if first >= config.inputs {
                            break;
                        }
                        for index in first..(first + CHUNK).min(config.inputs) {
                            if let Some(c) = current.get(worker) {
                                c.store(index, Ordering::Relaxed);
                            }
                            let (bytes, options) = input(seeds, target, config.seed, index);
                            let t = Instant::now();
                            let outcome = run_one(target, &bytes, &options);
                            let took = t.elapsed();
                            ran.fetch_add(1, Ordering::Relaxed);
                            slowest.fetch_max(took.as_nanos() as u64, Ordering::Relaxed);
                            match outcome {
                                Ok(true) => {
                                    accepted.fetch_add(1, Ordering::Relaxed);
                                }
                                Ok(false) => {}
                                Err(message) => record(Finding {
                                    target: target.name,
                                    input: index,
                                    problem: Problem::Panic(message),
                                    saved: save(config, target, index, "panic", &bytes),
                                    alone: None,
                                }),
                            }
                            if took > config.hang_limit {
                                record(Finding {
                                    target: target.name,
                                    input: index,
                                    problem: Problem::Hang(took),
                                    saved: save(config, target, index, "hang", &bytes),
                                    alone: None,
                                });
                            }
                        }
                    }
                    finished_workers.fetch_add(1, Ordering::Relaxed);
                });
            if spawned.is_ok() {
                spawned_workers += 1;
            }
        }
        if spawned_workers == 0 {
            // No thread could start: nothing ran, and the figures say so.
            return;
        }
        // The memory watch, on this thread.
        let mut before: Vec<u64> = current.iter().map(|c| c.load(Ordering::Relaxed)).collect();
        // One finding for each excess, however many samples it lasts: the
        // allocator keeps freed memory, so the process can stay over the
        // limit after the input that took it there; a new finding needs
        // a peak a tenth higher, or the process back under the limit first.
        let mut reported: Option<u64> = None;
        loop {
            std::thread::sleep(Duration::from_millis(20));
            let finished = finished_workers.load(Ordering::Relaxed) >= spawned_workers;
            let now: Vec<u64> = current.iter().map(|c| c.load(Ordering::Relaxed)).collect();
            if let Some((rss, hwm)) = memory() {
                peak.fetch_max(hwm, Ordering::Relaxed);
                if rss <= memory_limit {
                    reported = None;
                }
                if hwm > memory_limit {
                    let started_ones = before.iter().chain(&now).filter(|&&i| i != u64::MAX);
                    let first = started_ones.clone().min().copied().unwrap_or(0);
                    let last = started_ones.max().copied().unwrap_or(0);
                    if reported.is_none_or(|r| hwm > r.saturating_add(r / 10)) {
                        reported = Some(hwm);
                        record(Finding {
                            target: target.name,
                            input: first,
                            problem: Problem::Memory {
                                peak: hwm,
                                inputs: (first, last),
                            },
                            saved: None,
                            alone: None,
                        });
                    }
                    reset_peak();
                }
            }
            before = now;
            if finished {
                break;
            }
        }
    });
    let mut findings = findings.into_inner().unwrap_or_default();
    findings.sort_by_key(|f| f.input);
    let panics = findings
        .iter()
        .filter(|f| matches!(f.problem, Problem::Panic(_)))
        .count() as u64;
    let hangs = findings
        .iter()
        .filter(|f| matches!(f.problem, Problem::Hang(_)))
        .count() as u64;
    let figures = TargetReport {
        name: target.name,
        seeds: seeds.len(),
        inputs: ran.load(Ordering::Relaxed),
        accepted: accepted.load(Ordering::Relaxed),
        panics,
        hangs,
        slowest: Duration::from_nanos(slowest.load(Ordering::Relaxed)),
        elapsed: started.elapsed(),
    };
    (figures, findings, peak.load(Ordering::Relaxed))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::Encoding;

    fn finding(problem: Problem, alone: Option<(Duration, u64)>) -> Finding {
        Finding {
            target: "csv_pair",
            input: 9,
            problem,
            saved: None,
            alone: alone.map(|(took, peak)| Alone {
                input: 9,
                took,
                peak,
            }),
        }
    }

    #[test]
    fn a_hang_or_memory_excess_stands_only_if_it_happens_again_alone() {
        let limit = Duration::from_secs(1);
        let memory = 100 << 20;
        let hang = Problem::Hang(Duration::from_secs(3));
        let excess = Problem::Memory {
            peak: 200 << 20,
            inputs: (9, 9),
        };
        let quick = Some((Duration::from_millis(20), 10 << 20));
        let slow = Some((Duration::from_secs(2), 10 << 20));
        let big = Some((Duration::from_millis(20), 150 << 20));
        assert!(!finding(hang.clone(), quick).stands(limit, memory));
        assert!(finding(hang.clone(), slow).stands(limit, memory));
        assert!(!finding(hang.clone(), big).stands(limit, memory));
        assert!(!finding(excess.clone(), quick).stands(limit, memory));
        assert!(finding(excess.clone(), big).stands(limit, memory));
        // Not run again: it stands, as it cannot be ruled out.
        assert!(finding(hang.clone(), None).stands(limit, memory));
        assert!(finding(excess, None).stands(limit, memory));
        // A panic stands, whatever it took alone.
        assert!(finding(Problem::Panic("boom".into()), quick).stands(limit, memory));

        let mut report = Report {
            memory_limit: memory,
            hang_limit: limit,
            findings: vec![finding(hang.clone(), quick)],
            ..Report::default()
        };
        assert!(report.is_clean(), "a hang that went away alone");
        report.findings.push(finding(hang, slow));
        assert!(!report.is_clean());
    }

    #[test]
    fn excesses_whose_heaviest_input_alone_is_the_same_are_one_finding() {
        let excess = |peak: u64, inputs: (u64, u64), heaviest: u64| Finding {
            input: inputs.0,
            alone: Some(Alone {
                input: heaviest,
                took: Duration::from_millis(5),
                peak: 100,
            }),
            ..finding(Problem::Memory { peak, inputs }, None)
        };
        let hang = finding(Problem::Hang(Duration::from_secs(2)), None);
        let merged = merge_excesses(vec![
            excess(300, (10, 20), 12),
            hang.clone(),
            excess(500, (12, 30), 12),
            excess(400, (40, 41), 41),
            excess(200, (5, 12), 12),
        ]);
        assert_eq!(merged.len(), 3, "{merged:#?}");
        assert_eq!(
            merged[0].problem,
            Problem::Memory {
                peak: 500,
                inputs: (5, 30)
            }
        );
        assert_eq!(merged[1], hang);
        assert_eq!(merged[2].alone.map(|a| a.input), Some(41));
    }

    #[test]
    fn a_hang_is_run_again_in_this_process_and_keeps_its_number() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
        let Some(target) = target("csv_pair") else {
            panic!("csv_pair is a target");
        };
        let mut config = Config::new(dir, 3, 11);
        config.targets = vec![target];
        config.threads = 1;
        // Every input takes longer than no time at all.
        config.hang_limit = Duration::ZERO;
        let report = run(&config, |_| {}).unwrap();
        assert_eq!(report.findings.len(), 3, "{:#?}", report.findings);
        for f in &report.findings {
            let Some(alone) = f.alone else {
                panic!("{f:?} was not run again");
            };
            assert_eq!(alone.input, f.input);
            assert!(alone.took > Duration::ZERO);
            assert!(f.stands(report.hang_limit, report.memory_limit));
        }
        assert!(!report.is_clean());
    }

    #[test]
    fn options_from_byte_reads_each_choice_from_its_bit() {
        let plain = options_from_byte(0);
        assert!(!plain.directed && !plain.merge_duplicates);
        assert_eq!(plain.encoding, Encoding::Utf8);
        assert_eq!(plain.default_sector, None);
        assert!(options_from_byte(0b1).directed);
        assert!(options_from_byte(0b10).merge_duplicates);
        assert_eq!(
            options_from_byte(0b100).default_sector.as_deref(),
            Some("Other")
        );
        assert_eq!(options_from_byte(0b1000).encoding, Encoding::Utf8);
        assert_eq!(options_from_byte(0b1_0000).encoding, Encoding::Utf8);
        assert_eq!(options_from_byte(0b1_1000).encoding, Encoding::Latin1);
        // Over all bytes: each yes/no choice half the time, Latin-1 a quarter.
        let all: Vec<ImportOptions> = (0..=255).map(options_from_byte).collect();
        let count = |f: fn(&ImportOptions) -> bool| all.iter().filter(|o| f(o)).count();
        assert_eq!(count(|o| o.directed), 128);
        assert_eq!(count(|o| o.merge_duplicates), 128);
        assert_eq!(count(|o| o.default_sector.is_some()), 128);
        assert_eq!(count(|o| o.encoding == Encoding::Latin1), 64);
    }

    #[test]
    fn the_in_process_harness_draws_its_options_as_before() {
        // As `input` drew them before `options_from_byte`, so that
        // `--reproduce` still makes the inputs of earlier runs.
        let seeds = vec![b"a,b\n1,2\n".to_vec()];
        for target in TARGETS {
            for index in 0..40 {
                let mut rng = rng_for(2026, target, index);
                let expected = ImportOptions {
                    directed: rng.random_bool(0.5),
                    encoding: if rng.random_bool(0.25) {
                        Encoding::Latin1
                    } else {
                        Encoding::Utf8
                    },
                    nodes: None,
                    merge_duplicates: rng.random_bool(0.5),
                    default_sector: rng.random_bool(0.5).then(|| "Other".to_owned()),
                    ..ImportOptions::default()
                };
                let (_, options) = input(&seeds, target, 2026, index);
                assert_eq!(options, expected, "{} {index}", target.name);
            }
        }
    }

    #[test]
    fn libfuzzer_options_depend_on_every_byte() {
        let a = libfuzzer_options(b"");
        assert_eq!(a, libfuzzer_options(b""));
        // Some one-byte change at the end changes the options.
        let base = b"x,y\n".to_vec();
        let differs = (0..=255u8).any(|b| {
            let mut other = base.clone();
            other.push(b);
            libfuzzer_options(&other) != libfuzzer_options(&base)
        });
        assert!(differs);
        // And the inputs reach every choice.
        let all: Vec<ImportOptions> = (0..=255u8).map(|b| libfuzzer_options(&[b])).collect();
        assert!(all.iter().any(|o| o.directed) && all.iter().any(|o| !o.directed));
        assert!(all.iter().any(|o| o.encoding == Encoding::Latin1));
        assert!(all.iter().any(|o| o.merge_duplicates));
        assert!(all.iter().any(|o| o.default_sector.is_some()));
    }

    #[test]
    fn libfuzzer_one_runs_every_importer_on_its_seeds() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fuzz");
        for target in TARGETS {
            for seed in load_seeds(&dir, target).unwrap() {
                libfuzzer_one(target.name, &seed);
                libfuzzer_one(target.name, seed.get(..seed.len() / 2).unwrap_or(&[]));
            }
        }
    }

    #[test]
    #[should_panic(expected = "no importer \"nope\"")]
    fn libfuzzer_one_refuses_an_unknown_importer() {
        libfuzzer_one("nope", b"");
    }

    #[test]
    fn every_importer_has_a_cargo_fuzz_target() {
        let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
        let manifest = std::fs::read_to_string(fuzz.join("Cargo.toml")).unwrap();
        for target in TARGETS {
            let file = fuzz
                .join("fuzz_targets")
                .join(format!("{}.rs", target.name));
            let source = std::fs::read_to_string(&file).unwrap();
            assert!(
                source.contains(&format!("libfuzzer_one(\"{}\", data)", target.name)),
                "{}",
                file.display()
            );
            assert!(
                manifest.contains(&format!("name = \"{}\"", target.name)),
                "{}",
                target.name
            );
            assert!(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("tests/data/fuzz")
                    .join(target.name)
                    .is_dir()
            );
        }
    }
}
