//! A short run of the importers' fuzz harness (`bridgework fuzz` runs the
//! long one; see README, Robustness): every importer on broken variants of
//! the seed files in tests/data/fuzz, with no panic, hang or runaway
//! memory.

use bridgework::io::fuzz::{self, Config, TARGETS};
use std::time::Duration;

#[test]
fn a_short_fuzz_run_finds_no_panic_hang_or_memory_excess() {
    let mut config = Config::new(crate::data("fuzz"), 400, 20261206);
    // Tests run in parallel on an unoptimised build: the 1 s limit is for
    // the release run; here only a real hang should fail.
    config.hang_limit = Duration::from_secs(20);
    let report = fuzz::run(&config, |_| {}).unwrap();
    assert!(report.is_clean(), "{:#?}", report.findings);
    assert_eq!(report.targets.len(), TARGETS.len());
    for t in &report.targets {
        assert_eq!(t.inputs, 400, "{}", t.name);
        assert!(t.accepted > 0, "{}: some inputs are read", t.name);
        assert!(t.accepted < t.inputs, "{}: some are refused", t.name);
    }
}

#[test]
fn an_input_is_made_again_from_its_seed_and_number() {
    for target in TARGETS {
        let seeds = fuzz::load_seeds(&crate::data("fuzz"), target).unwrap();
        let a = fuzz::input(&seeds, target, 7, 12345);
        let b = fuzz::input(&seeds, target, 7, 12345);
        assert_eq!(a, b, "{}", target.name);
        assert_ne!(
            a.0,
            fuzz::input(&seeds, target, 7, 12346).0,
            "{}",
            target.name
        );
    }
}

#[test]
fn a_hang_is_run_again_in_a_fresh_process_that_reports_its_figures() {
    let Some(target) = fuzz::target("csv_pair") else {
        panic!("csv_pair is a target");
    };
    let mut config = Config::new(crate::data("fuzz"), 2, 11);
    config.targets = vec![target];
    config.threads = 1;
    // Every input takes longer than no time at all, so each is a hang
    // that is run again by `bridgework fuzz --reproduce N --figures`.
    config.hang_limit = Duration::ZERO;
    config.recheck = fuzz::Recheck::Fresh(env!("CARGO_BIN_EXE_bridgework").into());
    let report = fuzz::run(&config, |_| {}).unwrap();
    assert_eq!(report.findings.len(), 2, "{:#?}", report.findings);
    for f in &report.findings {
        let Some(alone) = f.alone else {
            panic!("{f:?} was not run again");
        };
        assert_eq!(alone.input, f.input);
        assert!(alone.took > Duration::ZERO);
        // The fresh process's own peak: a whole program, not nothing.
        assert!(alone.peak > 1 << 20, "{alone:?}");
        assert!(f.stands(report.hang_limit, report.memory_limit));
    }
}

#[test]
fn reproducing_with_figures_saves_nothing_and_ends_with_the_figures() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bridgework"))
        .current_dir(dir.path())
        .args(["fuzz", "--target", "csv_pair", "--seed", "11", "--seeds"])
        .arg(crate::data("fuzz"))
        .args(["--reproduce", "4", "--figures"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let Some(line) = text.lines().last() else {
        panic!("no output: {}", String::from_utf8_lossy(&out.stderr));
    };
    let numbers: Vec<u64> = line
        .strip_prefix("figures: ")
        .unwrap_or_else(|| panic!("{text}"))
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(numbers.len(), 3, "{line}");
    assert!(numbers[1] > 0 && numbers[2] >= numbers[1], "{line}");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "saved nothing"
    );
}
