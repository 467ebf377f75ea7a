//! The JSON that `bridgework analyse --format json` and `bridgework
//! coalition --json` write, pinned byte for byte (key order, number
//! formatting, `null` for undefined and non-finite values) against files
//! in `tests/data/golden/` made before the report became a typed struct.
//!
//! After a change that is meant to alter the output, write the files
//! again with `BRIDGEWORK_BLESS=1 cargo test --test it report_golden` and
//! read the diff before committing it.

use crate::data;
use std::path::PathBuf;
use std::process::Command;

/// (golden file, arguments; `@NAME` is a file in tests/data, `%NAME` one
/// in sample_networks).
const CASES: [(&str, &[&str]); 6] = [
    (
        "care_toy.analyse.json",
        &["analyse", "@care_toy.graphml", "--format", "json"],
    ),
    (
        "toy4_directed.analyse.json",
        &["analyse", "@toy4_directed.graphml", "--format", "json"],
    ),
    (
        "diabetes_network.analyse.json",
        &["analyse", "%diabetes_network.json", "--format", "json"],
    ),
    (
        "kite.undirected_by_kind.analyse.json",
        &[
            "analyse",
            "@kite.graphml",
            "--format",
            "json",
            "--undirected",
            "--group-by",
            "kind",
        ],
    ),
    (
        "karate.silo_coalition.analyse.json",
        &[
            "analyse",
            "@karate.graphml",
            "--format",
            "json",
            "--metrics",
            "silo,coalition",
            "--coalition-size",
            "3",
        ],
    ),
    (
        "diabetes_network.coalition.json",
        &[
            "coalition",
            "%diabetes_network.json",
            "--size",
            "6",
            "--json",
        ],
    ),
];

fn golden(name: &str) -> PathBuf {
    data("golden").join(name)
}

fn argument(a: &str) -> String {
    if let Some(name) = a.strip_prefix('@') {
        data(name).to_string_lossy().into_owned()
    } else if let Some(name) = a.strip_prefix('%') {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("sample_networks")
            .join(name)
            .to_string_lossy()
            .into_owned()
    } else {
        a.to_owned()
    }
}

#[test]
fn report_json_is_byte_for_byte_as_pinned() {
    let bless = std::env::var_os("BRIDGEWORK_BLESS").is_some();
    for (file, args) in CASES {
        let out = Command::new(env!("CARGO_BIN_EXE_bridgework"))
            .args(args.iter().map(|a| argument(a)))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if bless {
            std::fs::write(golden(file), &out.stdout).unwrap();
            continue;
        }
        let want = std::fs::read(golden(file)).unwrap();
        if out.stdout != want {
            let got = String::from_utf8_lossy(&out.stdout);
            let want = String::from_utf8_lossy(&want);
            let line = got
                .lines()
                .zip(want.lines())
                .position(|(g, w)| g != w)
                .unwrap_or_else(|| got.lines().count().min(want.lines().count()));
            panic!(
                "{file} differs from the pinned output at line {}:\n got: {:?}\nwant: {:?}",
                line + 1,
                got.lines().nth(line),
                want.lines().nth(line)
            );
        }
    }
}

#[test]
fn the_typed_report_and_its_json_value_agree() {
    use bridgework::analysis::report::report;
    use bridgework::analysis::{Control, Report, ReportOptions};
    use bridgework::model::{AnalysisView, ViewOptions};
    let loaded = bridgework::io::load(
        &data("toy4_directed.graphml"),
        &bridgework::io::ImportOptions::default(),
    )
    .unwrap();
    let net = loaded.network;
    let view = AnalysisView::new(&net, &ViewOptions::default());
    let options = ReportOptions::default();
    let typed = Report::compute(&net, &view, &options, &Control::none()).unwrap();
    let value = report(&net, &view, &options, &Control::none()).unwrap();
    assert_eq!(serde_json::to_value(&typed).unwrap(), value);
    // The typed columns are the JSON's values.
    let degree = typed.nodes.degree.as_ref().unwrap();
    let first = &typed.nodes.ids[0];
    assert_eq!(value["nodes"][first]["degree"], degree.degree[0]);
    assert!(
        degree.directed.is_some(),
        "a directed map has in/out degree"
    );
    assert_eq!(value["graph"]["n"], typed.graph.n);
}

/// `bridgework coalition` and the coalition section of `bridgework
/// analyse` rank network standing the same way, so they name the same
/// coalition (they did not for mental_health_crisis while `coalition`
/// counted betweenness by 1/strength).
#[test]
fn the_coalition_command_and_the_report_choose_the_same_coalition() {
    for file in [
        "%mental_health_crisis.json",
        "%diabetes_network.json",
        "@karate.graphml",
    ] {
        let run = |args: &[&str]| -> serde_json::Value {
            let out = Command::new(env!("CARGO_BIN_EXE_bridgework"))
                .args(args.iter().map(|a| argument(a)))
                .output()
                .unwrap();
            assert!(out.status.success(), "{file}");
            serde_json::from_slice(&out.stdout).unwrap()
        };
        let command = run(&["coalition", file, "--size", "6", "--json"]);
        let report = run(&[
            "analyse",
            file,
            "--format",
            "json",
            "--metrics",
            "coalition",
        ]);
        assert_eq!(command, report["coalition"], "{file}");
    }
}
