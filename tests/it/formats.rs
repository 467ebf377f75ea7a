//! Files in the shapes other tools save (`tests/data/formats/`): each is
//! read and checked for what it holds.

use crate::data;
use bridgework::io::{ImportOptions, load};

fn formats(name: &str) -> std::path::PathBuf {
    data(&format!("formats/{name}"))
}

#[test]
fn a_yed_saved_file_opens_with_labels_positions_and_edge_labels() {
    let l = load(&formats("yed_referrals.graphml"), &ImportOptions::default()).unwrap();
    let n = &l.network;
    let names: Vec<&str> = n.actors().iter().map(|a| a.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Amara Okafor (GP)",
            "Ward 7 discharge team",
            "Reablement",
            "Carers' hub"
        ]
    );
    // The centre of each <y:Geometry> (80 × 30 boxes).
    let a = &n.actors()[1];
    assert_eq!((a.x, a.y), (Some(260.0), Some(-25.0)));
    // yEd has no sectors: every actor is unassigned, and the user is told.
    assert!(n.actors().iter().all(|a| a.sector == "unassigned"));
    assert_eq!(l.warnings.len(), 1, "{:?}", l.warnings);
    assert!(
        l.warnings[0].contains("no actor in the file has a sector"),
        "{:?}",
        l.warnings
    );
    let labels: Vec<Option<&str>> = n
        .ties()
        .iter()
        .map(|t| t.attributes.get("label").map(String::as_str))
        .collect();
    assert_eq!(
        labels,
        [Some("refers"), Some("hands over to"), None, Some("advises")]
    );
    assert!(n.ties().iter().all(|t| t.directed));
}

#[test]
fn dot_export_by_extension_and_dot_is_not_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let l = load(&data("care_toy.graphml"), &ImportOptions::default()).unwrap();
    for name in ["map.dot", "map.gv"] {
        let out = dir.path().join(name);
        bridgework::io::save(&l.network, &out, &Default::default()).unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with("graph "), "{text}");
        assert_eq!(text.matches(" -- ").count(), l.network.ties().len());
        assert_eq!(text.matches("label = ").count(), l.network.actors().len());
        let e = load(&out, &ImportOptions::default())
            .unwrap_err()
            .to_string();
        assert!(e.contains("does not read them"), "{e}");
    }
}
