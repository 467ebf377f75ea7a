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
//! A second table runs the force layout with "keep sectors together" on the
//! same maps: its time and steps, and the mean distance of actors to their
//! own sector's centroid over the mean distance to the other sectors'
//! centroids, with the option and without it (lower: sectors form separate
//! clusters).
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

/// Mean distance of actors to their own group's centroid over the mean
/// distance to the other groups' centroids.
fn own_over_other(graph: &LayoutGraph, positions: &[[f64; 2]]) -> f64 {
    let groups = graph.groups.iter().max().map_or(0, |g| g + 1);
    let mut sums = vec![[0.0, 0.0, 0.0]; groups];
    for (p, &g) in positions.iter().zip(&graph.groups) {
        if let Some(s) = sums.get_mut(g) {
            *s = [s[0] + p[0], s[1] + p[1], s[2] + 1.0];
        }
    }
    let centroids: Vec<[f64; 2]> = sums
        .iter()
        .filter(|s| s[2] > 0.0)
        .map(|s| [s[0] / s[2], s[1] / s[2]])
        .collect();
    let own_of: Vec<Option<[f64; 2]>> = sums
        .iter()
        .map(|s| (s[2] > 0.0).then(|| [s[0] / s[2], s[1] / s[2]]))
        .collect();
    let d = |a: &[f64; 2], b: &[f64; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
    let (mut own, mut other, mut n_own, mut n_other) = (0.0, 0.0, 0usize, 0usize);
    for (p, &g) in positions.iter().zip(&graph.groups) {
        let Some(Some(mine)) = own_of.get(g) else {
            continue;
        };
        own += d(p, mine);
        n_own += 1;
        for c in &centroids {
            if c != mine {
                other += d(p, c);
                n_other += 1;
            }
        }
    }
    if n_own == 0 || n_other == 0 || other == 0.0 {
        return f64::NAN;
    }
    (own / n_own as f64) / (other / n_other as f64)
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
    let mut sector_rows = Vec::new();
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
        let free_ratio = own_over_other(&graph, &positions);
        let together = ForceOptions {
            keep_sectors_together: true,
            ..options.clone()
        };
        let (sectors_s, sectors_steps, sectors_positions) = settle(&graph, &together);
        sector_rows.push(format!(
            "| {n} | {} | {sectors_s:.3} | {sectors_steps} | {:.3} | {:.3} | {free_ratio:.3} |",
            graph.edges.len(),
            tied_over_random(&graph, &sectors_positions, seed),
            own_over_other(&graph, &sectors_positions),
        ));
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
    writeln!(out)?;
    writeln!(
        out,
        "Force layout with keep sectors together, {threads} threads; own / other: mean distance to the own sector's centroid over that to other sectors' centroids"
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "| n | m | force, sectors together (s) | steps | tied / random | own / other | own / other without it |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|---|")?;
    for row in sector_rows {
        writeln!(out, "{row}")?;
    }
    Ok(Outcome::Ok)
}
