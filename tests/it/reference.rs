//! Every reference file loads, as GraphML and as a CSV pair, with the
//! expected counts, direction, sectors and weights; and the analysis view
//! has the expected simple graph.

use crate::{DATASETS, data, expected};
use bridgework::io::{ImportOptions, load};
use bridgework::model::{AnalysisView, Network, ViewOptions};
use std::collections::BTreeMap;

fn sector_sizes(n: &Network) -> BTreeMap<String, u64> {
    let mut sizes = BTreeMap::new();
    for a in n.actors() {
        *sizes.entry(a.sector.clone()).or_insert(0) += 1;
    }
    sizes
}

fn check(name: &str, n: &Network) {
    let exp = expected(name);
    let directed = exp["directed"].as_bool().unwrap();
    assert_eq!(
        n.actors().len() as u64,
        exp["n"].as_u64().unwrap(),
        "{name}: actors"
    );
    assert_eq!(
        n.ties().len() as u64,
        exp["m"].as_u64().unwrap(),
        "{name}: ties"
    );
    assert!(
        n.ties().iter().all(|t| t.directed == directed),
        "{name}: direction"
    );
    let want: BTreeMap<String, u64> = exp["graph"]["sector_sizes"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
        .collect();
    assert_eq!(sector_sizes(n), want, "{name}: sector sizes");
    for id in exp["nodes"].as_object().unwrap().keys() {
        assert!(n.actor(&id.as_str().into()).is_some(), "{name}: actor {id}");
    }
    let view = AnalysisView::new(n, &ViewOptions::default());
    assert_eq!(view.is_directed(), directed, "{name}: view direction");
    assert_eq!(
        view.edge_count() as u64,
        exp["m"].as_u64().unwrap(),
        "{name}: view edges"
    );
    // Strength in the reference is the weighted degree: check it node by node.
    for (id, metrics) in exp["nodes"].as_object().unwrap() {
        let i = n.actor_position(&id.as_str().into()).unwrap();
        let out: f64 = view.out_neighbours(i).1.iter().sum();
        let inc: f64 = view.in_neighbours(i).1.iter().sum();
        let strength = if directed { out + inc } else { out };
        let want = metrics["strength"].as_f64().unwrap();
        assert!(
            (strength - want).abs() <= 1e-9 * want.max(1.0),
            "{name}/{id}: strength {strength} vs {want}"
        );
    }
    assert!(n.validate().is_empty(), "{name}: {:?}", n.validate());
}

#[test]
fn every_reference_graphml_loads_with_the_right_counts() {
    for name in DATASETS {
        let loaded = load(&data(&format!("{name}.graphml")), &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        check(name, &loaded.network);
    }
}

#[test]
fn every_reference_csv_pair_loads_with_the_right_counts() {
    for name in DATASETS {
        let directed = expected(name)["directed"].as_bool().unwrap();
        let options = ImportOptions {
            directed,
            nodes: Some(data(&format!("{name}.nodes.csv"))),
            ..ImportOptions::default()
        };
        let loaded =
            load(&data(&format!("{name}.edges.csv")), &options).unwrap_or_else(|e| panic!("{e}"));
        check(name, &loaded.network);
    }
}

#[test]
fn the_nodes_file_beside_the_edges_file_is_found_and_announced() {
    let options = ImportOptions::default();
    let loaded = load(&data("care_toy.edges.csv"), &options).unwrap();
    assert_eq!(loaded.network.actors().len(), 8);
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.contains("care_toy.nodes.csv")),
        "{:?}",
        loaded.warnings
    );
}

#[test]
fn csv_labels_with_commas_quotes_and_accents_survive() {
    let loaded = load(&data("care_toy.graphml"), &ImportOptions::default()).unwrap();
    let csv = load(&data("care_toy.edges.csv"), &ImportOptions::default()).unwrap();
    let names = |n: &Network| {
        n.actors()
            .iter()
            .map(|a| a.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&loaded.network), names(&csv.network));
    assert!(
        names(&csv.network)
            .iter()
            .any(|n| n == "Chloë Price (practice manager)")
    );
    assert!(
        names(&csv.network)
            .iter()
            .any(|n| n == "Ben Hughes, practice nurse")
    );
}
