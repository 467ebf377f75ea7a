//! Every measure matches the reference values (networkx 3.6.1, checked
//! with igraph) on every dataset, within the stated tolerances:
//! |got − expected| ≤ tol · max(1, |expected|), null = not checked.

use crate::{DATASETS, data, expected};
use bridgework::analysis::{self, Control, PathLength};
use bridgework::io::{ImportOptions, load};
use bridgework::model::{AnalysisView, ViewOptions};
use serde_json::Value;

pub const EXACT: f64 = 1e-6;
pub const ITERATIVE: f64 = 1e-4;

/// A dataset loaded from its GraphML, with its analysis view.
pub fn view(name: &str) -> (bridgework::model::Network, AnalysisView) {
    let n = load(&data(&format!("{name}.graphml")), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"))
        .network;
    let v = AnalysisView::new(&n, &ViewOptions::default());
    (n, v)
}

/// Compares one node-level metric for every node of a dataset.
pub fn check_nodes(name: &str, view: &AnalysisView, key: &str, got: &[f64], tol: f64) {
    let exp = expected(name);
    let nodes = exp["nodes"].as_object().unwrap();
    assert_eq!(got.len(), view.node_count(), "{name}/{key}: length");
    let mut checked = 0;
    for (i, id) in view.ids().iter().enumerate() {
        let want = &nodes[id.as_str()][key];
        if want.is_null() {
            continue;
        }
        let want = want
            .as_f64()
            .unwrap_or_else(|| panic!("{name}/{id}/{key}: {want}"));
        let g = got[i];
        assert!(
            (g - want).abs() <= tol * want.abs().max(1.0),
            "{name}: node {id}: {key} = {g}, expected {want}"
        );
        checked += 1;
    }
    assert!(
        checked > 0 || key.starts_with("eigenvector"),
        "{name}/{key}: nothing checked"
    );
}

fn as_f64(v: &[usize]) -> Vec<f64> {
    v.iter().map(|&x| x as f64).collect()
}

#[test]
fn degree_and_strength() {
    for name in DATASETS {
        let (_, v) = view(name);
        let d = analysis::degrees(&v);
        check_nodes(name, &v, "degree", &as_f64(&d.degree), 0.0);
        check_nodes(name, &v, "strength", &d.strength, EXACT);
        check_nodes(name, &v, "degree_centrality", &d.degree_centrality, EXACT);
        if v.is_directed() {
            check_nodes(name, &v, "in_degree", &as_f64(&d.in_degree), 0.0);
            check_nodes(name, &v, "out_degree", &as_f64(&d.out_degree), 0.0);
            check_nodes(name, &v, "in_strength", &d.in_strength, EXACT);
            check_nodes(name, &v, "out_strength", &d.out_strength, EXACT);
            check_nodes(
                name,
                &v,
                "in_degree_centrality",
                &d.in_degree_centrality,
                EXACT,
            );
            check_nodes(
                name,
                &v,
                "out_degree_centrality",
                &d.out_degree_centrality,
                EXACT,
            );
        }
    }
}

#[test]
fn betweenness_unweighted_and_weighted_raw_and_normalised() {
    for name in DATASETS {
        let (_, v) = view(name);
        let b = analysis::betweenness(&v, PathLength::Hops, &Control::none()).unwrap();
        check_nodes(name, &v, "betweenness", &b.normalised, EXACT);
        check_nodes(name, &v, "betweenness_raw", &b.raw, EXACT);
        let b = analysis::betweenness(&v, PathLength::Distance, &Control::none()).unwrap();
        check_nodes(name, &v, "betweenness_weighted", &b.normalised, EXACT);
        check_nodes(name, &v, "betweenness_weighted_raw", &b.raw, EXACT);
    }
}

#[test]
fn closeness_and_harmonic_unweighted_and_weighted() {
    for name in DATASETS {
        let (_, v) = view(name);
        let c = analysis::closeness(&v, PathLength::Hops, &Control::none()).unwrap();
        check_nodes(name, &v, "closeness", &c.closeness, EXACT);
        check_nodes(name, &v, "harmonic", &c.harmonic, EXACT);
        let c = analysis::closeness(&v, PathLength::Distance, &Control::none()).unwrap();
        check_nodes(name, &v, "closeness_weighted", &c.closeness, EXACT);
        check_nodes(name, &v, "harmonic_weighted", &c.harmonic, EXACT);
    }
}

/// The reference value of a graph-level key.
pub fn graph_value(name: &str, key: &str) -> Value {
    expected(name)["graph"][key].clone()
}

#[test]
fn eigenvector_pagerank_and_clustering() {
    for name in DATASETS {
        let (_, v) = view(name);
        let nodes = expected(name)["nodes"].clone();
        let defined = nodes
            .as_object()
            .unwrap()
            .values()
            .any(|m| !m["eigenvector"].is_null());
        match analysis::eigenvector(&v, false) {
            Some(x) => check_nodes(name, &v, "eigenvector", &x, ITERATIVE),
            None => assert!(!defined, "{name}: eigenvector should be defined"),
        }
        match analysis::eigenvector(&v, true) {
            Some(x) => check_nodes(name, &v, "eigenvector_weighted", &x, ITERATIVE),
            None => assert!(!defined, "{name}: eigenvector_weighted should be defined"),
        }
        check_nodes(
            name,
            &v,
            "pagerank",
            &analysis::pagerank(&v, 0.85, true),
            ITERATIVE,
        );
        check_nodes(
            name,
            &v,
            "pagerank_unweighted",
            &analysis::pagerank(&v, 0.85, false),
            ITERATIVE,
        );
        let c = analysis::clustering(&v);
        check_nodes(name, &v, "clustering", &c.clustering, EXACT);
        if v.is_directed() {
            check_nodes(name, &v, "clustering_undirected", &c.undirected, EXACT);
        }
    }
}

#[test]
fn components_articulation_points_and_bridges() {
    for name in DATASETS {
        let (_, v) = view(name);
        let g = &expected(name)["graph"];
        let weak = analysis::weak_components(&v);
        assert_eq!(
            weak.count as u64,
            g["components"].as_u64().unwrap(),
            "{name}: components"
        );
        if let Some(s) = g["strong_components"].as_u64() {
            assert_eq!(
                analysis::strong_components(&v).count as u64,
                s,
                "{name}: strong components"
            );
        }
        let cut = analysis::cut_points(&v);
        let id = |i: usize| v.id(i).unwrap().to_string();
        let mut aps: Vec<String> = cut.articulation_points.iter().map(|&i| id(i)).collect();
        aps.sort();
        let mut want: Vec<String> = g["articulation_points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_owned())
            .collect();
        want.sort();
        assert_eq!(aps, want, "{name}: articulation points");
        let mut bridges: Vec<(String, String)> = cut
            .bridges
            .iter()
            .map(|&(a, b)| {
                let (a, b) = (id(a), id(b));
                if a <= b { (a, b) } else { (b, a) }
            })
            .collect();
        bridges.sort();
        let mut want: Vec<(String, String)> = g["bridges"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let a = p[0].as_str().unwrap().to_owned();
                let b = p[1].as_str().unwrap().to_owned();
                if a <= b { (a, b) } else { (b, a) }
            })
            .collect();
        want.sort();
        assert_eq!(bridges, want, "{name}: bridges");
        let isolates: Vec<String> = (0..v.node_count())
            .filter(|&i| v.out_neighbours(i).0.is_empty() && v.in_neighbours(i).0.is_empty())
            .map(id)
            .collect();
        let want: Vec<String> = g["isolates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_owned())
            .collect();
        assert_eq!(isolates, want, "{name}: isolates");
    }
}

#[test]
fn the_combined_pass_gives_the_same_betweenness_and_closeness() {
    for name in DATASETS {
        let (_, v) = view(name);
        for length in [
            PathLength::Hops,
            PathLength::Distance,
            PathLength::InverseStrength,
        ] {
            let (b, c) = analysis::betweenness_and_closeness(&v, length, &Control::none()).unwrap();
            let b2 = analysis::betweenness(&v, length, &Control::none()).unwrap();
            let c2 = analysis::closeness(&v, length, &Control::none()).unwrap();
            assert_eq!(b, b2, "{name}");
            for (x, y) in c
                .closeness
                .iter()
                .zip(&c2.closeness)
                .chain(c.harmonic.iter().zip(&c2.harmonic))
            {
                assert!(
                    (x - y).abs() <= 1e-12 * y.abs().max(1.0),
                    "{name}: {x} vs {y}"
                );
            }
        }
    }
}
