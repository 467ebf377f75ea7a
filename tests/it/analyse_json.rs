//! `bridgework analyse --format json --weights distance` reproduces every
//! reference value of every dataset: node measures under the reference key
//! names, graph values, brokerage, E-I, modularity, and a Louvain result at
//! least as good as networkx's.

use crate::{DATASETS, data, expected};
use serde_json::Value;
use std::process::Command;

fn analyse(name: &str) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_bridgework"))
        .args([
            "analyse",
            data(&format!("{name}.graphml")).to_str().unwrap(),
            "--weights",
            "distance",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn close(got: &Value, want: &Value, tol: f64) -> bool {
    match (got, want) {
        (_, Value::Null) => true,
        (Value::Number(g), Value::Number(w)) => {
            let (g, w) = (g.as_f64().unwrap(), w.as_f64().unwrap());
            (g - w).abs() <= tol * w.abs().max(1.0)
        }
        (Value::Object(g), Value::Object(w)) => w
            .iter()
            .all(|(k, wv)| g.get(k).is_some_and(|gv| close(gv, wv, tol))),
        (g, w) => g == w,
    }
}

#[test]
fn every_reference_node_and_graph_value_matches() {
    for name in DATASETS {
        let got = analyse(name);
        let exp = expected(name);
        let classes = exp["tolerances"]["classes"].as_object().unwrap();
        let tol_of = |key: &str| match classes.get(key).and_then(Value::as_str) {
            Some("iterative") => 1e-4,
            _ => 1e-6,
        };
        let mut checked = 0;
        for (id, metrics) in exp["nodes"].as_object().unwrap() {
            let node = &got["nodes"][id];
            assert!(node.is_object(), "{name}: node {id} missing");
            for (key, want) in metrics.as_object().unwrap() {
                let g = &node[key];
                assert!(
                    !g.is_null() || want.is_null(),
                    "{name}/{id}: {key} missing (expected {want})"
                );
                assert!(
                    close(g, want, tol_of(key)),
                    "{name}/{id}: {key} = {g}, expected {want}"
                );
                checked += 1;
            }
        }
        let graph = &got["graph"];
        for key in [
            "n",
            "m",
            "density",
            "isolates",
            "components",
            "weak_components",
            "strong_components",
            "ei_index",
            "ei_external",
            "ei_internal",
            "ei_by_sector",
            "brokerage_totals",
            "sector_sizes",
            "modularity_sector",
            "modularity_sector_unweighted",
        ] {
            let want = &exp["graph"][key];
            if want.is_null() {
                continue;
            }
            assert!(
                close(&graph[key], want, 1e-6),
                "{name}: graph.{key} = {}, expected {want}",
                graph[key]
            );
            checked += 1;
        }
        let as_set = |v: &Value| -> Vec<String> {
            let mut s: Vec<String> = v
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.to_string())
                .collect();
            s.sort();
            s
        };
        assert_eq!(
            as_set(&graph["articulation_points"]),
            as_set(&exp["graph"]["articulation_points"]),
            "{name}"
        );
        let pairs = |v: &Value| -> Vec<Vec<String>> {
            let mut s: Vec<Vec<String>> = v
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    let mut p: Vec<String> = p
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|x| x.to_string())
                        .collect();
                    p.sort();
                    p
                })
                .collect();
            s.sort();
            s
        };
        assert_eq!(
            pairs(&graph["bridges"]),
            pairs(&exp["graph"]["bridges"]),
            "{name}: bridges"
        );
        let louvain = exp["graph"]["louvain_nx_seed1"]["modularity"]
            .as_f64()
            .unwrap();
        let got_q = graph["community_modularity"].as_f64().unwrap();
        assert!(
            got_q >= louvain - 1e-4,
            "{name}: community_modularity {got_q} < networkx {louvain}"
        );
        let louvain_u = exp["graph"]["louvain_nx_seed1_unweighted"]["modularity"]
            .as_f64()
            .unwrap();
        let got_u = graph["community_modularity_unweighted"].as_f64().unwrap();
        assert!(
            got_u >= louvain_u - 1e-4,
            "{name}: unweighted community modularity {got_u} < {louvain_u}"
        );
        assert!(checked > 50, "{name}: only {checked} values checked");
    }
}

#[test]
fn metrics_limits_the_run_and_unknown_names_are_refused() {
    let file = data("kite.graphml");
    let out = Command::new(env!("CARGO_BIN_EXE_bridgework"))
        .args([
            "analyse",
            file.to_str().unwrap(),
            "--metrics",
            "degree,pagerank",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let node = v["nodes"]["0"].as_object().unwrap();
    assert!(node.contains_key("degree") && node.contains_key("pagerank"));
    assert!(!node.contains_key("betweenness") && v.get("coalition").is_none());
    let out = Command::new(env!("CARGO_BIN_EXE_bridgework"))
        .args(["analyse", file.to_str().unwrap(), "--metrics", "importance"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown measure \"importance\""));
}

#[test]
fn csv_and_table_formats_name_every_actor() {
    let file = data("care_toy.graphml");
    for (format, want) in [
        (
            "csv",
            "id,name,sector,degree,strength,degree_centrality,betweenness",
        ),
        ("table", "Single points of failure"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_bridgework"))
            .args(["analyse", file.to_str().unwrap(), "--format", format])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(want), "{format}: {text}");
        assert!(
            text.contains("Chloë Price (practice manager)"),
            "{format}: {text}"
        );
    }
}

#[test]
fn sector_cuts_list_every_pair_of_sectors_with_who_joins_them() {
    let v = analyse("care_toy");
    let cuts = v["sector_cuts"].as_array().expect("a sector_cuts array");
    let nodes = v["nodes"].as_object().unwrap();
    let map = bridgework::io::load(&data("care_toy.graphml"), &Default::default())
        .unwrap()
        .network;
    let mut sectors: Vec<String> = map.actors().iter().map(|a| a.sector.clone()).collect();
    sectors.sort();
    sectors.dedup();
    let k = sectors.len();
    assert_eq!(cuts.len(), k * (k - 1) / 2, "one entry per unordered pair");
    let mut seen = std::collections::BTreeSet::new();
    for c in cuts {
        let (a, b) = (c["a"].as_str().unwrap(), c["b"].as_str().unwrap());
        assert!(a < b, "{a} < {b}");
        assert!(seen.insert((a.to_owned(), b.to_owned())));
        let actors = c["actors"].as_array().unwrap();
        assert_eq!(c["size"].as_u64().unwrap() as usize, actors.len());
        for id in actors {
            assert!(nodes.contains_key(id.as_str().unwrap()), "{id}");
        }
    }
    // Only sector cuts, when asked for only them.
    let out = Command::new(env!("CARGO_BIN_EXE_bridgework"))
        .args([
            "analyse",
            data("care_toy.graphml").to_str().unwrap(),
            "--metrics",
            "sector_cuts",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let only: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(only["sector_cuts"], v["sector_cuts"]);
    assert!(only.get("silo").is_none());
}
