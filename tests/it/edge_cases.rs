//! Sensible results, never a panic, on the maps that break naive code:
//! empty, one actor, no ties, everyone in one sector, self-ties only,
//! parallel ties, isolates beside a component.

use bridgework::analysis::report::{ReportOptions, report};
use bridgework::analysis::{self, Control, PathLength};
use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
use proptest::prelude::*;

fn map(actors: &[(&str, &str)], ties: &[(&str, &str)]) -> Network {
    let mut n = Network::new();
    for (id, sector) in actors {
        n.add_actor(Actor::new(*id, *id, *sector)).unwrap();
    }
    for (i, (a, b)) in ties.iter().enumerate() {
        n.add_tie(Tie::new(format!("t{i}"), *a, *b, "collaboration", false))
            .unwrap();
    }
    n
}

fn full(n: &Network) -> serde_json::Value {
    let v = AnalysisView::new(n, &ViewOptions::default());
    report(n, &v, &ReportOptions::default(), &Control::none()).unwrap()
}

#[test]
fn empty_map() {
    let r = full(&Network::new());
    assert_eq!(r["graph"]["n"], 0);
    assert_eq!(r["graph"]["components"], 0);
    assert_eq!(r["coalition"]["members"].as_array().unwrap().len(), 0);
    assert!(r["nodes"].as_object().unwrap().is_empty());
}

#[test]
fn one_actor() {
    let r = full(&map(&[("a", "primary care")], &[]));
    let a = &r["nodes"]["a"];
    assert_eq!(a["degree"], 0);
    assert_eq!(a["betweenness"], 0.0);
    assert_eq!(a["closeness"], 0.0);
    assert_eq!(a["pagerank"], 1.0);
    assert!(a["constraint"].is_null(), "undefined for an isolate");
    assert_eq!(r["graph"]["components"], 1);
    assert_eq!(r["coalition"]["members"].as_array().unwrap().len(), 1);
}

#[test]
fn no_ties() {
    let r = full(&map(
        &[
            ("a", "primary care"),
            ("b", "social care"),
            ("c", "social care"),
        ],
        &[],
    ));
    assert_eq!(r["graph"]["components"], 3);
    assert_eq!(r["graph"]["isolates"].as_array().unwrap().len(), 3);
    assert!(r["graph"]["ei_index"].is_null());
    assert_eq!(r["graph"]["fragmentation"], 1.0);
    for id in ["a", "b", "c"] {
        assert_eq!(r["nodes"][id]["harmonic"], 0.0);
        assert!((r["nodes"][id]["pagerank"].as_f64().unwrap() - 1.0 / 3.0).abs() < 1e-12);
    }
}

#[test]
fn everyone_in_one_sector() {
    let r = full(&map(
        &[
            ("a", "primary care"),
            ("b", "primary care"),
            ("c", "primary care"),
        ],
        &[("a", "b"), ("b", "c")],
    ));
    assert_eq!(r["graph"]["ei_index"], -1.0);
    assert_eq!(r["nodes"]["b"]["brokerage"]["coordinator"], 2);
    assert_eq!(r["silo"]["gaps"].as_array().unwrap().len(), 0);
    assert_eq!(r["graph"]["modularity_sector"], 0.0);
}

#[test]
fn self_ties_and_parallel_ties_are_cleaned() {
    let mut n = map(
        &[("a", "primary care"), ("b", "social care")],
        &[("a", "a"), ("a", "b"), ("b", "a")],
    );
    n.add_tie(Tie::new("x", "a", "b", "referral", false))
        .unwrap();
    let r = full(&n);
    assert_eq!(r["graph"]["m"], 1);
    assert_eq!(r["nodes"]["a"]["degree"], 1);
    assert_eq!(r["nodes"]["a"]["strength"], 3.0);
}

fn random_map(edges: Vec<(u8, u8)>, n: u8) -> Network {
    let mut net = Network::new();
    for i in 0..n {
        let sector = if i % 3 == 0 {
            "primary care"
        } else {
            "social care"
        };
        net.add_actor(Actor::new(format!("v{i}"), format!("v{i}"), sector))
            .unwrap();
    }
    for (k, (a, b)) in edges.into_iter().enumerate() {
        let (a, b) = (a % n, b % n);
        net.add_tie(Tie::new(
            format!("t{k}"),
            format!("v{a}"),
            format!("v{b}"),
            "collaboration",
            false,
        ))
        .unwrap();
    }
    net
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    /// Σ raw betweenness = Σ over connected pairs of (d(s,t) − 1): every
    /// shortest path of length d passes d − 1 intermediate nodes.
    #[test]
    fn betweenness_sums_to_the_intermediate_nodes_of_all_shortest_paths(
        edges in prop::collection::vec((any::<u8>(), any::<u8>()), 0..40), n in 1u8..16
    ) {
        let net = random_map(edges, n);
        let view = AnalysisView::new(&net, &ViewOptions::default());
        let b = analysis::betweenness(&view, PathLength::Hops, &Control::none()).unwrap();
        let total: f64 = b.raw.iter().sum();
        // Σ over unordered pairs of (d − 1) = ½ Σ_s Σ_t (d(s,t) − 1), distances
        // by a plain BFS from every node.
        let mut want = 0.0;
        for s in 0..view.node_count() {
            let mut dist = vec![usize::MAX; view.node_count()];
            dist[s] = 0;
            let mut q = std::collections::VecDeque::from([s]);
            while let Some(v) = q.pop_front() {
                for &w in view.out_neighbours(v).0 {
                    if dist[w] == usize::MAX {
                        dist[w] = dist[v] + 1;
                        q.push_back(w);
                    }
                }
            }
            want += dist.iter().filter(|&&d| d != usize::MAX && d > 0).map(|&d| (d - 1) as f64).sum::<f64>();
        }
        want /= 2.0;
        prop_assert!((total - want).abs() < 1e-9 * want.max(1.0), "{} vs {}", total, want);
    }

    /// A bigger set never reaches fewer people: the coalition's reach term
    /// is monotone in the set (checked through growing must-include sets).
    #[test]
    fn coalition_reach_grows_with_the_set(
        edges in prop::collection::vec((any::<u8>(), any::<u8>()), 0..40), n in 2u8..14, k in 1usize..5
    ) {
        let net = random_map(edges, n);
        let view = AnalysisView::new(&net, &ViewOptions::default());
        let inputs = analysis::CoalitionInputs::compute(&net, &view);
        let ids: Vec<_> = net.actors().iter().map(|a| a.id().clone()).collect();
        let mut last = 0usize;
        for size in 1..=k.min(ids.len()) {
            let o = analysis::CoalitionOptions {
                size,
                must_include: ids[..size].to_vec(),
                require_patient_voice: false,
                ..Default::default()
            };
            let c = analysis::coalition(&net, &view, &inputs, &o);
            let covered = c.reach_two_steps + c.members.len();
            prop_assert!(covered >= last, "size {}: {} < {}", size, covered, last);
            last = covered;
        }
    }

    /// Fragmentation and E-I stay in range; the full report never panics.
    #[test]
    fn the_full_report_is_in_range(
        edges in prop::collection::vec((any::<u8>(), any::<u8>()), 0..30), n in 1u8..12
    ) {
        let net = random_map(edges, n);
        let r = full(&net);
        let f = r["graph"]["fragmentation"].as_f64().unwrap();
        prop_assert!((0.0..=1.0).contains(&f));
        if let Some(ei) = r["graph"]["ei_index"].as_f64() {
            prop_assert!((-1.0..=1.0).contains(&ei));
        }
        for (_, node) in r["nodes"].as_object().unwrap() {
            let b = node["betweenness"].as_f64().unwrap();
            prop_assert!((0.0..=1.0 + 1e-12).contains(&b));
        }
    }
}
