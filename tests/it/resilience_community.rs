//! Modularity of the sector partition and Louvain communities against the
//! reference (networkx 3.6.1), and resilience measures on the datasets.

use crate::metrics::{EXACT, view};
use crate::{DATASETS, expected};
use bridgework::analysis::{self, Control, Grouping, LouvainOptions};

#[test]
fn modularity_of_the_sector_partition() {
    for name in DATASETS {
        let (n, v) = view(name);
        let g = Grouping::by(&n, &v, "sector").unwrap();
        let exp = &expected(name)["graph"];
        for (key, weighted) in [
            ("modularity_sector", true),
            ("modularity_sector_unweighted", false),
        ] {
            let want = exp[key].as_f64().unwrap();
            let got = analysis::modularity(&v, &g.of, weighted);
            assert!(
                (got - want).abs() <= EXACT * want.abs().max(1.0),
                "{name}: {key} = {got}, expected {want}"
            );
        }
    }
}

#[test]
fn louvain_beats_networkx_seed_1() {
    for name in DATASETS {
        let (_, v) = view(name);
        let exp = &expected(name)["graph"];
        for (key, weighted) in [
            ("louvain_nx_seed1", true),
            ("louvain_nx_seed1_unweighted", false),
        ] {
            let want = exp[key]["modularity"].as_f64().unwrap();
            let opts = LouvainOptions {
                weighted,
                ..LouvainOptions::default()
            };
            let c = analysis::louvain(&v, &opts, &Control::none()).unwrap();
            assert!(
                c.modularity >= want - 1e-4,
                "{name}: {key}: found {}, networkx {want}",
                c.modularity
            );
            assert_eq!(c.modularity, analysis::modularity(&v, &c.of, weighted));
        }
    }
}

#[test]
fn removing_an_articulation_point_and_only_one_splits_a_component() {
    for name in DATASETS {
        let (n, v) = view(name);
        let sectors = Grouping::by(&n, &v, "sector").unwrap();
        let exp = &expected(name)["graph"];
        let aps: Vec<&str> = exp["articulation_points"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap())
            .collect();
        for i in 0..v.node_count() {
            let r = analysis::removal_impact(&v, &[i], Some(&sectors), &Control::none()).unwrap();
            assert_eq!(
                r.before.components as u64,
                exp["components"].as_u64().unwrap()
            );
            let id = v.id(i).unwrap().as_str();
            assert_eq!(
                r.after.components > r.before.components,
                aps.contains(&id),
                "{name}: removing {id}"
            );
            assert_eq!(!r.cut_off.is_empty(), aps.contains(&id), "{name}: {id}");
            assert!(r.after.fragmentation <= r.after.distance_weighted + 1e-12);
            assert_eq!(
                r.after.fragmentation,
                analysis::fragmentation(&v, &[i]),
                "{name}: {id}"
            );
        }
        let kp = analysis::key_players(
            &v,
            1,
            &analysis::KeyPlayerOptions::default(),
            &Control::none(),
        )
        .unwrap();
        let best = (0..v.node_count())
            .map(|i| analysis::fragmentation(&v, &[i]))
            .fold(0.0, f64::max);
        assert_eq!(kp.fragmentation, best, "{name}");
    }
}
