#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Integration tests: one binary, one module per area.
//!
//! The reference data in `tests/data/` is copied from the project's shared
//! reference set (networkx 3.6.1 values, cross-checked with igraph), so the
//! tests pass on a fresh clone.

mod analyse_json;
mod cli;
mod edge_cases;
mod exports;
mod formats;
mod fuzz;
mod groups_metrics;
mod kill_save;
mod lock;
mod metrics;
mod pseudonymised;
mod reference;
mod report_golden;
mod resilience_community;
mod robust;
mod round_trip;
mod samples;
mod survey;

use std::path::PathBuf;

/// A file in `tests/data/`.
pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

/// The reference datasets.
pub const DATASETS: [&str; 8] = [
    "karate",
    "florentine",
    "kite",
    "care_toy",
    "toy4_cycle",
    "toy4_paw",
    "toy4_star",
    "toy4_directed",
];

/// A dataset's expected values.
pub fn expected(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(data(&format!("{name}.expected.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}
