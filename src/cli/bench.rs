//! `bridgework bench`: times every measure on generated powerlaw-cluster
//! maps (m ≈ 3n) and, when python-igraph is installed, igraph on the very
//! same graphs in the same run, and prints a Markdown table.
//!
//! Speed is measured here, never asserted in tests.

use super::Outcome;
use crate::analysis::{self, Control, PathLength};
use crate::generate::{GenerateOptions, generate};
use crate::model::{AnalysisView, Direction, ViewOptions};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

type Measure<'a> = (&'static str, Box<dyn Fn() + 'a>);

/// The median of `xs` (the upper one of an even count; NaN if empty).
pub(super) fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

fn time_it(f: &dyn Fn(), repeats: usize) -> f64 {
    median(
        (0..repeats.max(1))
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed().as_secs_f64()
            })
            .collect(),
    )
}

fn measures<'a>(network: &'a crate::model::Network, view: &'a AnalysisView) -> Vec<Measure<'a>> {
    let c = || Control::none();
    vec![
        (
            "betweenness",
            Box::new(move || drop(analysis::betweenness(view, PathLength::Hops, &c()))),
        ),
        (
            "betweenness_weighted",
            Box::new(move || drop(analysis::betweenness(view, PathLength::Distance, &c()))),
        ),
        (
            "closeness",
            Box::new(move || drop(analysis::closeness(view, PathLength::Hops, &c()))),
        ),
        (
            "pagerank",
            Box::new(move || drop(analysis::pagerank(view, 0.85, true))),
        ),
        (
            "eigenvector",
            Box::new(move || drop(analysis::eigenvector(view, false))),
        ),
        (
            "clustering",
            Box::new(move || drop(analysis::clustering(view))),
        ),
        (
            "constraint",
            Box::new(move || drop(analysis::structural_holes(view, true))),
        ),
        (
            "louvain",
            Box::new(move || {
                drop(analysis::louvain(
                    view,
                    &analysis::LouvainOptions::default(),
                    &c(),
                ))
            }),
        ),
        (
            "sector_cuts",
            Box::new(move || {
                if let Ok(g) = analysis::Grouping::by(network, view, "sector") {
                    drop(analysis::sector_cuts(view, &g));
                }
            }),
        ),
        (
            "cut_points",
            Box::new(move || {
                drop(analysis::cut_points(view));
                drop(analysis::weak_components(view));
            }),
        ),
        (
            "silo_gaps",
            Box::new(move || {
                if let Ok(g) = analysis::Grouping::by(network, view, "sector") {
                    drop(analysis::silo_gaps(
                        view,
                        &g,
                        &analysis::GapOptions::default(),
                        &c(),
                    ));
                }
            }),
        ),
        (
            "distance_fragmentation",
            Box::new(move || {
                let _ = std::hint::black_box(analysis::distance_fragmentation(view, &[], &c()));
            }),
        ),
        (
            "key_players",
            Box::new(move || {
                drop(analysis::key_players(
                    view,
                    3,
                    &analysis::KeyPlayerOptions::default(),
                    &c(),
                ))
            }),
        ),
        (
            "key_players_distance (k = 2, 10 candidates)",
            Box::new(move || {
                let options = analysis::KeyPlayerOptions {
                    objective: analysis::KeyPlayerObjective::DistanceWeighted,
                    candidates: 10,
                    ..analysis::KeyPlayerOptions::default()
                };
                drop(analysis::key_players(view, 2, &options, &c()))
            }),
        ),
        (
            "what_if (one actor leaves)",
            Box::new(move || {
                let g = analysis::Grouping::by(network, view, "sector").ok();
                drop(analysis::removal_impact(view, &[0], g.as_ref(), &c()))
            }),
        ),
        (
            "coalition (inputs and choice)",
            Box::new(move || {
                let inputs = analysis::CoalitionInputs::compute(network, view);
                drop(analysis::coalition(
                    network,
                    view,
                    &inputs,
                    &analysis::CoalitionOptions::default(),
                ))
            }),
        ),
    ]
}

/// Runs `bridgework analyse MAP --format json --undirected` as a separate
/// process (so its peak memory is its own) and returns its wall time and
/// peak resident memory.
fn full_analyse(network: &crate::model::Network) -> Result<(f64, String), String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let file = dir.path().join("map.json");
    crate::io::save(network, &file, &crate::io::ExportOptions::default())
        .map_err(|e| e.to_string())?;
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let t = Instant::now();
    let out = std::process::Command::new(exe)
        .args(["analyse", "--format", "json", "--undirected"])
        .arg(&file)
        .env("BRIDGEWORK_REPORT_PEAK_MEMORY", "1")
        .stdout(std::process::Stdio::null())
        .output()
        .map_err(|e| e.to_string())?;
    let secs = t.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if !out.status.success() {
        return Err(stderr.lines().last().unwrap_or("failed").to_owned());
    }
    let peak = stderr
        .lines()
        .find_map(|l| l.strip_prefix("analyse: peak memory "))
        .unwrap_or("?")
        .to_owned();
    Ok((secs, peak))
}

/// Writes the view's edges as `source,target,weight` with 0-based ids.
fn write_edges(view: &AnalysisView, path: &Path) -> std::io::Result<()> {
    let mut text = String::from("source,target,weight\n");
    for e in view.edges() {
        text.push_str(&format!("{},{},{}\n", e.source, e.target, e.weight));
    }
    std::fs::write(path, text)
}

fn igraph_times(
    view: &AnalysisView,
    repeats: usize,
    script: &Path,
) -> Result<BTreeMap<String, f64>, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let edges = dir.path().join("edges.csv");
    write_edges(view, &edges).map_err(|e| e.to_string())?;
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(&edges)
        .arg(view.node_count().to_string())
        .arg(repeats.to_string())
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(err
            .lines()
            .last()
            .unwrap_or("igraph benchmark failed")
            .to_owned());
    }
    serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())
}

pub(super) fn run(
    sizes: &[usize],
    seed: u64,
    igraph: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/igraph_bench.py");
    writeln!(
        out,
        "Bridgework vs python-igraph, powerlaw-cluster graphs (m ≈ 3n, seed {seed}), {} threads; median seconds",
        rayon::current_num_threads()
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "| n | m | measure | bridgework (s) | igraph (s) | speed-up |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for &n in sizes {
        writeln!(err, "bench: generating {n} actors...")?;
        let network = generate(&GenerateOptions {
            actors: n,
            seed,
            ..GenerateOptions::default()
        });
        let view = AnalysisView::new(
            &network,
            &ViewOptions {
                kinds: None,
                direction: Direction::Undirected,
            },
        );
        let repeats = if n <= 5000 { 3 } else { 1 };
        let theirs = if igraph {
            writeln!(err, "bench: igraph on {n} actors...")?;
            match igraph_times(&view, repeats, &script) {
                Ok(t) => t,
                Err(e) => {
                    writeln!(
                        err,
                        "bench: igraph not measured ({e}); install it with: pip install igraph"
                    )?;
                    BTreeMap::new()
                }
            }
        } else {
            BTreeMap::new()
        };
        for (name, f) in measures(&network, &view) {
            writeln!(err, "bench: {name} on {n} actors...")?;
            let ours = time_it(&*f, repeats);
            let (theirs_s, ratio) = match theirs.get(name) {
                Some(t) => (format!("{t:.4}"), format!("{:.1}x", t / ours)),
                None => ("–".to_owned(), "–".to_owned()),
            };
            writeln!(
                out,
                "| {n} | {} | {name} | {ours:.4} | {theirs_s} | {ratio} |",
                view.edge_count()
            )?;
        }
        writeln!(err, "bench: full analyse on {n} actors...")?;
        match full_analyse(&network) {
            Ok((secs, peak)) => writeln!(
                out,
                "| {n} | {} | full `analyse` (all measures, file to JSON; peak memory {peak}) | {secs:.4} | – | – |",
                view.edge_count()
            )?,
            Err(e) => writeln!(err, "bench: full analyse not measured: {e}")?,
        }
    }
    Ok(Outcome::Ok)
}
