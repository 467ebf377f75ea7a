//! Structural holes, brokerage and E-I index match the reference values on
//! every dataset (networkx 3.6.1 for constraint and effective size; the
//! reference's `brokerage.py` and `ei_stats` for the rest), and silo gaps
//! behave on the reference maps.

use crate::metrics::{EXACT, check_nodes, graph_value, view};
use crate::{DATASETS, expected};
use bridgework::analysis::{
    self, Control, GapOptions, Grouping, Redundancy, Role, RoleCounts, broker_profiles,
    describe_brokers,
};
use serde_json::Value;

fn defined(values: &[Option<f64>]) -> Vec<f64> {
    // `check_nodes` skips nodes whose expected value is null; an undefined
    // value we give must be expected null, checked separately.
    values.iter().map(|v| v.unwrap_or(f64::NAN)).collect()
}

/// Our `None`s are exactly the reference's nulls.
fn same_nulls(name: &str, ids: &[bridgework::model::ActorId], key: &str, got: &[Option<f64>]) {
    let exp = expected(name);
    for (i, id) in ids.iter().enumerate() {
        let want = &exp["nodes"][id.as_str()][key];
        assert_eq!(
            got[i].is_none(),
            want.is_null(),
            "{name}: node {id}: {key} = {:?}, expected {want}",
            got[i]
        );
    }
}

#[test]
fn constraint_and_effective_size_unweighted_and_weighted() {
    for name in DATASETS {
        let (_, v) = view(name);
        for (weighted, suffix) in [(false, ""), (true, "_weighted")] {
            // The reference ran networkx's vectorised path (see
            // `structural_holes.rs`): reproduce it exactly.
            let h = analysis::structural_holes_with(&v, weighted, Redundancy::NetworkxVectorised);
            let c = format!("constraint{suffix}");
            let e = format!("effective_size{suffix}");
            check_nodes(name, &v, &c, &defined(&h.constraint), EXACT);
            check_nodes(name, &v, &e, &defined(&h.effective_size), EXACT);
            same_nulls(name, v.ids(), &c, &h.constraint);
            same_nulls(name, v.ids(), &e, &h.effective_size);
            assert_eq!(analysis::constraint(&v, weighted), h.constraint);
            let burt = analysis::structural_holes(&v, weighted);
            same_nulls(name, v.ids(), &e, &burt.effective_size);
            if !weighted && !v.is_directed() {
                // Burt's definition and networkx's vectorised path agree.
                check_nodes(name, &v, &e, &defined(&burt.effective_size), EXACT);
            }
        }
    }
}

/// Burt's weighted effective size where networkx 3.6.1's vectorised path
/// (the reference) differs: values from networkx's per-node path,
/// `nx.effective_size(G, nodes=list(G), weight="weight")`.
#[test]
fn burt_weighted_effective_size_where_the_reference_differs() {
    let cases: [(&str, &[(&str, f64)]); 2] = [
        (
            "care_toy",
            &[
                ("gp_okafor", 2.6666666666666665),
                ("gp_hughes", 2.185185185185185),
                ("gp_price", 1.0),
                ("at_mistry", 2.4),
                ("at_novak", 2.7588235294117647),
                ("at_oneil", 1.125),
                ("sc_kim", 3.0),
                ("sc_rahman", 1.0),
            ],
        ),
        (
            "karate",
            &[
                ("0", 13.775000000000002),
                ("2", 7.946969696969698),
                ("33", 15.22891865079365),
            ],
        ),
    ];
    for (name, values) in cases {
        let (_, v) = view(name);
        let es = analysis::effective_size(&v, true);
        for &(id, want) in values {
            let i = v.ids().iter().position(|x| x.as_str() == id).unwrap();
            let got = es[i].unwrap();
            assert!(
                (got - want).abs() <= EXACT * want.max(1.0),
                "{name}/{id}: {got} vs {want}"
            );
        }
    }
}

fn counts(value: &Value) -> RoleCounts {
    let get = |k: &str| {
        value[k]
            .as_u64()
            .unwrap_or_else(|| panic!("{k} in {value}"))
    };
    let c = RoleCounts {
        coordinator: get("coordinator"),
        itinerant: get("itinerant"),
        representative: get("representative"),
        gatekeeper: get("gatekeeper"),
        liaison: get("liaison"),
    };
    assert_eq!(c.total(), get("total"));
    c
}

#[test]
fn brokerage_per_node_and_totals() {
    for name in DATASETS {
        let (n, v) = view(name);
        let groups = Grouping::by(&n, &v, "sector").unwrap();
        let b = analysis::brokerage(&v, &groups);
        let exp = expected(name);
        for (i, id) in v.ids().iter().enumerate() {
            let want = counts(&exp["nodes"][id.as_str()]["brokerage"]);
            assert_eq!(b.nodes[i], want, "{name}: node {id}");
            assert_eq!(
                b.nodes[i].total(),
                exp["nodes"][id.as_str()]["brokerage"]["total"],
                "{name}: node {id}: total"
            );
        }
        assert_eq!(
            b.totals,
            counts(&exp["graph"]["brokerage_totals"]),
            "{name}: totals"
        );
        // Every broker gets a profile and a sentence; the profile's role
        // counts are the node's.
        let profiles = broker_profiles(&v, &groups);
        let brokers = b.nodes.iter().filter(|c| c.total() > 0).count();
        assert_eq!(profiles.len(), brokers, "{name}: profiles");
        for p in &profiles {
            assert_eq!(p.roles, b.nodes[p.node]);
        }
        let sentences = describe_brokers(&n, &v, &groups);
        assert_eq!(sentences.len(), brokers);
        for (node, s) in &sentences {
            let actor = n.actor(&v.ids()[*node]).unwrap();
            assert!(s.starts_with(&actor.name), "{name}: {s}");
            assert!(s.ends_with('.'), "{name}: {s}");
        }
    }
}

#[test]
fn care_toy_broker_sentences() {
    let (n, v) = view("care_toy");
    let groups = Grouping::by(&n, &v, "sector").unwrap();
    let s = describe_brokers(&n, &v, &groups);
    let kim = s
        .iter()
        .find(|(i, _)| v.ids()[*i].as_str() == "sc_kim")
        .unwrap();
    // Kim (social care) is tied to Hughes (GP), Novák (acute) and Rahman
    // (social care), none of them tied to each other: 3 open paths.
    assert_eq!(
        kim.1,
        "Grace \"GK\" Kim, social worker (Social care) links GP practice and Acute trust \
         (liaison, 1 path), connects Social care with GP practice \
         (representative/gatekeeper, 1 path) and connects Social care with Acute trust \
         (representative/gatekeeper, 1 path)."
    );
    // Kim brokers most: the list is sorted by paths.
    assert_eq!(s[0].0, kim.0);
    let p = &broker_profiles(&v, &groups)[0];
    assert_eq!(p.paths, 3);
    assert_eq!(p.links[0].role, Role::Liaison);
}

fn ei_value(v: &Value) -> Option<f64> {
    v.as_f64()
}

#[test]
fn ei_index_node_and_graph_values() {
    for name in DATASETS {
        let (n, v) = view(name);
        let groups = Grouping::by(&n, &v, "sector").unwrap();
        let ei = analysis::ei_index(&v, &groups);
        let all: Vec<Option<f64>> = ei.node_index();
        check_nodes(name, &v, "ei_index", &defined(&all), EXACT);
        same_nulls(name, v.ids(), "ei_index", &all);
        let ext: Vec<f64> = ei.nodes.iter().map(|c| c.all.external as f64).collect();
        let int: Vec<f64> = ei.nodes.iter().map(|c| c.all.internal as f64).collect();
        check_nodes(name, &v, "ei_external", &ext, 0.0);
        check_nodes(name, &v, "ei_internal", &int, 0.0);
        if v.is_directed() {
            let out: Vec<Option<f64>> = ei.nodes.iter().map(|c| c.out.index()).collect();
            let inc: Vec<Option<f64>> = ei.nodes.iter().map(|c| c.inc.index()).collect();
            check_nodes(name, &v, "ei_index_out", &defined(&out), EXACT);
            check_nodes(name, &v, "ei_index_in", &defined(&inc), EXACT);
            same_nulls(name, v.ids(), "ei_index_out", &out);
            same_nulls(name, v.ids(), "ei_index_in", &inc);
        }
        let graph = |key: &str| graph_value(name, key);
        assert_eq!(graph("ei_external"), ei.graph.external, "{name}");
        assert_eq!(graph("ei_internal"), ei.graph.internal, "{name}");
        assert_eq!(ei.graph.total() as usize, v.edge_count(), "{name}");
        let want = ei_value(&graph("ei_index"));
        let got = ei.graph.index();
        assert_eq!(want.is_some(), got.is_some(), "{name}: ei_index");
        if let (Some(w), Some(g)) = (want, got) {
            assert!((w - g).abs() <= EXACT, "{name}: ei_index {g} vs {w}");
        }
        let by = graph("ei_by_sector");
        let by = by.as_object().unwrap();
        assert_eq!(by.len(), groups.len(), "{name}: sectors");
        for (g, sector) in groups.names.iter().enumerate() {
            let want = &by[sector.as_str()];
            let c = ei.groups[g];
            assert_eq!(want["external"], c.external, "{name}/{sector}");
            assert_eq!(want["internal"], c.internal, "{name}/{sector}");
            let (w, got) = (ei_value(&want["ei_index"]), c.index());
            assert_eq!(w.is_some(), got.is_some(), "{name}/{sector}");
            if let (Some(w), Some(x)) = (w, got) {
                assert!((w - x).abs() <= EXACT, "{name}/{sector}: {x} vs {w}");
            }
        }
    }
}

#[test]
fn tie_matrix_and_gaps_on_every_dataset() {
    for name in DATASETS {
        let (n, v) = view(name);
        let groups = Grouping::by(&n, &v, "sector").unwrap();
        let m = analysis::tie_matrix(&v, &groups);
        let sizes = expected(name)["graph"]["sector_sizes"].clone();
        for (g, sector) in groups.names.iter().enumerate() {
            assert_eq!(sizes[sector.as_str()], m.sizes[g], "{name}/{sector}");
        }
        let mut sum = 0;
        for g in 0..m.len() {
            for h in g..m.len() {
                sum += m.between(g, h);
            }
        }
        assert_eq!(sum as usize, v.edge_count(), "{name}: every edge once");
        let s = analysis::silo_gaps(&v, &groups, &GapOptions::default(), &Control::none()).unwrap();
        assert!(s.gaps.len() <= s.gap_count);
        for gap in &s.gaps {
            assert!(gap.first < gap.second);
            assert_eq!(gap.ties, m.between(gap.first, gap.second));
            for i in &gap.introductions {
                assert_eq!(groups.of[i.first], gap.first, "{name}");
                assert_eq!(groups.of[i.second], gap.second, "{name}");
                assert!(!v.out_neighbours(i.first).0.contains(&i.second));
                assert!(!v.in_neighbours(i.first).0.contains(&i.second));
                assert!(i.gain > 0.0);
            }
        }
    }
}

#[test]
fn care_toy_gaps_name_the_bridges() {
    // Three sectors, one tie between each pair: GP–acute (Okafor–Mistry),
    // GP–social (Hughes–Kim), acute–social (Novák–Kim). Densities 1/9,
    // 1/6, 1/6 against a baseline of 3/21: GP–acute is the thinnest but
    // not thin at the default ½; at 0.9 it is.
    let (n, v) = view("care_toy");
    let groups = Grouping::by(&n, &v, "sector").unwrap();
    let s = analysis::silo_gaps(&v, &groups, &GapOptions::default(), &Control::none()).unwrap();
    assert_eq!(s.gap_count, 0);
    assert!((s.baseline_density.unwrap() - 3.0 / 21.0).abs() < 1e-12);
    let opts = GapOptions {
        thin_fraction: 0.9,
        ..GapOptions::default()
    };
    let s = analysis::silo_gaps(&v, &groups, &opts, &Control::none()).unwrap();
    assert_eq!(s.gap_count, 1);
    let gap = &s.gaps[0];
    let name = |g: usize| groups.names[g].as_str();
    let mut pair = [name(gap.first), name(gap.second)];
    pair.sort();
    assert_eq!(pair, ["Acute trust", "GP practice"]);
    let ids: Vec<&str> = gap
        .bridgers
        .iter()
        .map(|b| v.ids()[b.node].as_str())
        .collect();
    // Okafor and Mistry hold the tie; Kim reaches both sides.
    assert_eq!(&ids[..2], ["gp_okafor", "at_mistry"].as_slice());
    assert!(ids.contains(&"sc_kim"));
    assert!(!gap.introductions.is_empty());
}
