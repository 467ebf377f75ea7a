//! `bridgework layout-bench`: times every layout on generated
//! powerlaw-cluster maps (m ≈ 3n, starting from the generator's positions)
//! and prints a Markdown table.
//!
//! The force layout is timed to `Finished` twice: on one thread, and on all
//! of rayon's threads (the positions are the same). The "tied / random"
//! column is the mean distance between tied actors divided by the mean
//! distance between random pairs after the force layout: lower means tied
//! actors sit closer together.
//!
//! Speed is measured here, never asserted in tests.

use super::Outcome;
use crate::generate::{GenerateOptions, generate};
use crate::layout::{
    CircleOptions, ForceLayout, ForceOptions, GroupedOptions, LayoutGraph, Status, TidyOptions,
    circle, grouped, tidy,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::io::Write;
use std::time::Instant;

/// Mean tied distance over mean random-pair distance (1,000 pairs, seeded).
fn tied_over_random(graph: &LayoutGraph, positions: &[[f64; 2]], seed: u64) -> f64 {
    let dist = |a: usize, b: usize| match (positions.get(a), positions.get(b)) {
        (Some(p), Some(q)) => (p[0] - q[0]).hypot(p[1] - q[1]),
        _ => 0.0,
    };
    let tied = graph.edges.iter().map(|&(a, b, _)| dist(a, b)).sum::<f64>()
        / graph.edges.len().max(1) as f64;
    let n = positions.len().max(1);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let random = (0..1000)
        .map(|_| dist(rng.random_range(0..n), rng.random_range(0..n)))
        .sum::<f64>()
        / 1000.0;
    if random > 0.0 {
        tied / random
    } else {
        f64::NAN
    }
}

/// Runs the force layout to the end; returns seconds, steps and positions.
fn settle(graph: &LayoutGraph, options: &ForceOptions) -> (f64, usize, Vec<[f64; 2]>) {
    let t = Instant::now();
    let mut layout = ForceLayout::new(graph.clone(), options.clone());
    let steps = match layout.run_to_end() {
        Status::Finished { steps } => steps,
        Status::Running { steps, .. } => steps,
    };
    (
        t.elapsed().as_secs_f64(),
        steps,
        layout.positions().to_vec(),
    )
}

pub(super) fn run(
    sizes: &[usize],
    seed: u64,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let single = match rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|i| format!("layout-bench-{i}"))
        .build()
    {
        Ok(pool) => pool,
        Err(e) => {
            writeln!(err, "bridgework: cannot start a thread: {e}")?;
            return Ok(Outcome::Failed);
        }
    };
    let threads = rayon::current_num_threads();
    writeln!(
        out,
        "Layouts on powerlaw-cluster maps (m ≈ 3n, seed {seed}), from the generator's positions; seconds"
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "| n | m | force, 1 thread (s) | steps | per step (ms) | force, {threads} threads (s) | tied / random | grouped (s) | circle (s) | tidy (s) | overlaps before → after (passes) |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|---|---|---|---|")?;
    for &n in sizes {
        if n == 0 || n > 1_000_000 {
            writeln!(err, "bridgework: sizes must be between 1 and 1000000")?;
            return Ok(Outcome::Failed);
        }
        writeln!(err, "layout-bench: {n} actors...")?;
        let network = generate(&GenerateOptions {
            actors: n,
            seed,
            ..GenerateOptions::default()
        });
        let (graph, _) = LayoutGraph::from_network(&network);
        let options = ForceOptions {
            seed,
            ..ForceOptions::default()
        };
        let (one, steps, positions) = single.install(|| settle(&graph, &options));
        let (all, _, parallel_positions) = settle(&graph, &options);
        if parallel_positions != positions {
            writeln!(
                err,
                "layout-bench: warning: parallel and single-threaded positions differ"
            )?;
        }
        let quality = tied_over_random(&graph, &positions, seed);
        let t = Instant::now();
        let g = grouped(&graph, &GroupedOptions::default());
        let grouped_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let c = circle(&graph, &CircleOptions::default());
        let circle_s = t.elapsed().as_secs_f64();
        drop((g, c));
        let mut settled = graph.clone();
        settled.positions = positions;
        let t = Instant::now();
        let tidied = tidy(&settled, &TidyOptions::default());
        let tidy_s = t.elapsed().as_secs_f64();
        writeln!(
            out,
            "| {n} | {} | {one:.3} | {steps} | {:.2} | {all:.3} | {quality:.3} | {grouped_s:.4} | {circle_s:.4} | {tidy_s:.4} | {} → {} ({}) |",
            graph.edges.len(),
            1000.0 * one / steps.max(1) as f64,
            tidied.overlaps_before,
            tidied.overlaps_after,
            tidied.passes,
        )?;
    }
    Ok(Outcome::Ok)
}
