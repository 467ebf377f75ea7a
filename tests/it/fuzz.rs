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
