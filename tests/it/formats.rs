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

#[test]
fn the_gexf_primer_examples_open() {
    let l = load(&formats("gexf_hello.gexf"), &ImportOptions::default()).unwrap();
    let names: Vec<&str> = l.network.actors().iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["Hello", "Word"]);
    assert_eq!(l.network.description, "A hello world! file");
    assert_eq!(l.network.ties().len(), 1);
    assert!(l.network.ties()[0].directed);

    let l = load(&formats("gexf_data.gexf"), &ImportOptions::default()).unwrap();
    let n = &l.network;
    assert_eq!(n.actors().len(), 4);
    assert_eq!(n.ties().len(), 5);
    let frogs: Vec<&str> = n
        .actors()
        .iter()
        .map(|a| a.attributes.get("frog").map_or("", String::as_str))
        .collect();
    assert_eq!(
        frogs,
        ["true", "true", "true", "false"],
        "the default fills in"
    );
    assert_eq!(
        n.actors()[1].attributes.get("url").map(String::as_str),
        Some("http://webatlas.fr")
    );
    assert!(n.actors().iter().all(|a| a.sector == "unassigned"));
}

#[test]
fn a_gephi_coloured_gexf_keeps_sectors_colours_positions_and_kinds() {
    let path = formats("gexf_viz.gexf");
    let l = load(&path, &ImportOptions::default()).unwrap();
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let n = &l.network;
    assert_eq!(n.title, "Frailty network, coloured in Gephi");
    let b = &n.actors()[1];
    assert_eq!(b.name, "Grace \"GK\" Kim");
    assert_eq!(b.sector, "social care");
    assert_eq!((b.x, b.y), (Some(-20.5), Some(3.0)));
    assert_eq!(
        b.attributes.get("viz:size").map(String::as_str),
        Some("4.5")
    );
    assert_eq!(
        n.actors()[0].organisation,
        "Riverside Practice",
        "the Organisation attribute is the field"
    );
    assert_eq!(
        n.sector("primary care").unwrap().colour.to_string(),
        "#EFAD42"
    );
    assert_eq!(
        n.sector("social care").unwrap().colour.to_string(),
        "#0072B2"
    );
    assert_eq!(
        n.sector("social care").unwrap().shape,
        bridgework::model::Shape::Square
    );
    assert_eq!(
        n.tie_kind("referral").unwrap().colour.to_string(),
        "#009E73"
    );
    let kinds: Vec<&str> = n.ties().iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(kinds, ["referral", "referral", "advice"]);
    assert_eq!(n.ties()[0].strength, 2.5);
    assert_eq!(
        n.ties()[0].attributes.get("how often").map(String::as_str),
        Some("weekly")
    );
    assert_eq!(
        n.ties().iter().map(|t| t.directed).collect::<Vec<_>>(),
        [false, true, false]
    );
    // Written back and read again: the same actors and ties.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("again.gexf");
    bridgework::io::save(n, &out, &Default::default()).unwrap();
    let back = load(&out, &ImportOptions::default()).unwrap();
    assert_eq!(back.network.actors(), n.actors());
    assert_eq!(back.network.ties(), n.ties());
    // An .xml file holding GEXF is read as GEXF.
    let xml = dir.path().join("gephi.xml");
    std::fs::copy(&path, &xml).unwrap();
    assert_eq!(
        load(&xml, &ImportOptions::default())
            .unwrap()
            .network
            .ties()
            .len(),
        3
    );
}

#[test]
fn a_kumu_blueprint_opens_and_goes_back() {
    let path = formats("kumu_blueprint.json");
    let l = load(&path, &ImportOptions::default()).unwrap();
    let n = &l.network;
    let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        sectors,
        ["Primary care", "Social care", "Acute", "Voluntary"]
    );
    let a = &n.actors()[0];
    assert_eq!(a.organisation, "Riverside Practice");
    assert_eq!(a.role, "GP partner");
    assert_eq!(a.tags, ["frailty", "champion", "loop: Discharge to assess"]);
    assert_eq!(n.actors()[1].name, "Grace \"GK\" Kim");
    assert_eq!(
        n.actors()[1].tags,
        ["reablement", "lead", "loop: Discharge to assess"]
    );
    assert_eq!(n.actors()[2].id().as_str(), "Ward 7 | Discharge");
    assert_eq!(n.actors()[2].influence, Some(4));
    assert_eq!(
        n.actors()[3].attributes.get("Website").map(String::as_str),
        Some("https://example.org/carers")
    );
    let t: Vec<(&str, &str, bool)> = n
        .ties()
        .iter()
        .map(|t| (t.from().as_str(), t.kind.as_str(), t.directed))
        .collect();
    assert_eq!(
        t,
        [
            ("Dr Amara Okafor", "referral", true),
            ("Grace \"GK\" Kim", "collaboration", false),
            ("Ward 7 | Discharge", "referral", true),
            ("Carers' hub", "advice", false)
        ]
    );
    assert_eq!(n.ties()[0].strength, 3.0);
    // Back to Kumu: NAME.kumu.json is a blueprint, read back the same.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("back.kumu.json");
    bridgework::io::save(n, &out, &Default::default()).unwrap();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\"elements\"") && !text.contains("\"format\""));
    let back = load(&out, &ImportOptions::default()).unwrap();
    assert_eq!(back.network.actors(), n.actors());
    assert_eq!(back.network.ties(), n.ties());
}

#[test]
fn convert_to_xlsx_writes_actors_ties_and_measures_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.xlsx");
    let input = data("care_toy.graphml");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_bridgework"))
        .args(["convert", input.to_str().unwrap(), out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let bytes = std::fs::read(&out).unwrap();
    let tables = bridgework::io::sheet::read_workbook(&out, &bytes).unwrap();
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["Actors", "Ties", "Measures"]);
    let measures = &tables[2].rows;
    assert_eq!(measures[0].1[..3], ["id", "name", "sector"]);
    assert!(
        measures[0].1.iter().any(|h| h == "betweenness"),
        "{:?}",
        measures[0].1
    );
    let original = load(&input, &ImportOptions::default()).unwrap();
    assert_eq!(measures.len(), original.network.actors().len() + 1);
    let back = load(&out, &ImportOptions::default()).unwrap();
    assert_eq!(back.network.actors(), original.network.actors());
    assert_eq!(back.network.ties(), original.network.ties());
    assert!(
        back.warnings.iter().any(|w| w.contains("\"Measures\"")),
        "the measures sheet is not read as actors: {:?}",
        back.warnings
    );
}

#[test]
fn a_kumu_style_csv_opens_with_one_tie_per_name_in_to() {
    let l = load(&formats("kumu_sheet.csv"), &ImportOptions::default()).unwrap();
    let n = &l.network;
    assert_eq!(n.actors().len(), 3);
    assert_eq!(n.actors()[0].tags, ["frailty", "lead"]);
    assert_eq!(
        n.actors()[0]
            .attributes
            .get("Description")
            .map(String::as_str),
        Some("GP lead, frailty")
    );
    let ends: Vec<(&str, &str)> = n
        .ties()
        .iter()
        .map(|t| (t.from().as_str(), t.to().as_str()))
        .collect();
    assert_eq!(
        ends,
        [
            ("Dr Amara Okafor", "Grace \"GK\" Kim"),
            ("Dr Amara Okafor", "Ward 7"),
            ("Ward 7", "Grace \"GK\" Kim")
        ]
    );
    assert!(!n.ties()[2].directed);
}
