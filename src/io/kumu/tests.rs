//! Tests of the Kumu JSON reader and writer.

use super::*;
use crate::io::{ImportOptions, Loaded};
use std::path::Path;

fn read(text: &str) -> Result<Loaded, crate::io::IoError> {
    read_kumu_json(Path::new("kumu.json"), text, &ImportOptions::default())
}

fn ok(text: &str) -> Loaded {
    match read(text) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn the_smallest_blueprint_from_kumus_guide() {
    let text = r#"{
  "elements": [
    {"label": "A"},
    {"label": "B"}
  ],
  "connections": [
    {"from": "A", "to": "B"}
  ]
}"#;
    assert!(is_kumu_json(text));
    let l = ok(text);
    let n = &l.network;
    let ids: Vec<&str> = n.actors().iter().map(|a| a.id().as_str()).collect();
    assert_eq!(ids, ["A", "B"]);
    assert!(
        n.ties()[0].directed,
        "Kumu's connections are directed by default"
    );
    assert!(n.actors().iter().all(|a| a.sector == "unassigned"));
}

#[test]
fn fields_types_tags_directions_and_loops() {
    let l = ok(r#"{
  "elements": [
    {"id": "amara", "label": "Dr Amara Okafor", "type": "Primary care",
     "description": "GP lead", "tags": ["frailty", "lead"],
     "Organisation": "Riverside", "Years in post": 12},
    {"label": "Ward 7", "type": "Acute", "tags": "discharge | nursing"},
    {"label": "Carers' hub", "type": "Voluntary"}
  ],
  "connections": [
    {"from": "amara", "to": "Ward 7", "type": "referral", "strength": 2.5, "label": "refers"},
    {"from": "Ward 7", "to": "Carers' hub", "direction": "mutual"},
    {"from": "Carers' hub", "to": "Social prescriber", "direction": "undirected"}
  ],
  "loops": [
    {"label": "Discharge loop", "elements": ["amara", "Ward 7"]}
  ]
}"#);
    let n = &l.network;
    let a = &n.actors()[0];
    assert_eq!(a.name, "Dr Amara Okafor");
    assert_eq!(a.sector, "Primary care", "type is the sector");
    assert_eq!(a.organisation, "Riverside");
    assert_eq!(a.tags, ["frailty", "lead", "loop: Discharge loop"]);
    assert_eq!(
        a.attributes.get("description").map(String::as_str),
        Some("GP lead")
    );
    assert_eq!(
        a.attributes.get("Years in post").map(String::as_str),
        Some("12")
    );
    let w = &n.actors()[1];
    assert_eq!(w.id().as_str(), "Ward 7", "no id: the label is the id");
    assert_eq!(w.tags, ["discharge", "nursing", "loop: Discharge loop"]);
    // An element only named in a connection is made, and that is said.
    assert_eq!(n.actors()[3].id().as_str(), "Social prescriber");
    let t = &n.ties()[0];
    assert_eq!((t.from().as_str(), t.to().as_str()), ("amara", "Ward 7"));
    assert_eq!(t.kind, "referral");
    assert_eq!(t.strength, 2.5);
    assert_eq!(
        t.attributes.get("label").map(String::as_str),
        Some("refers")
    );
    let directed: Vec<bool> = n.ties().iter().map(|t| t.directed).collect();
    assert_eq!(directed, [true, false, false]);
    assert_eq!(l.warnings.len(), 2, "{:?}", l.warnings);
    assert!(
        l.warnings
            .iter()
            .any(|w| w.contains("made from the ties' ends"))
    );
    assert!(l.warnings.iter().any(|w| w.contains("1 loop was kept")));
}

#[test]
fn with_a_sector_field_type_is_the_kind() {
    let l = ok(r#"{"elements": [
        {"label": "A", "type": "Organization", "sector": "social care"},
        {"label": "B", "type": "Person", "Sector": "social care"},
        {"label": "C", "type": "Committee", "sector": "social care"}
    ]}"#);
    let n = &l.network;
    assert_eq!(n.actors()[0].kind, crate::model::ActorKind::Organisation);
    assert_eq!(n.actors()[1].kind, crate::model::ActorKind::Person);
    assert_eq!(
        n.actors()[2].attributes.get("type").map(String::as_str),
        Some("Committee"),
        "not a kind: kept"
    );
    assert!(n.actors().iter().all(|a| a.sector == "social care"));
}

#[test]
fn a_project_backup_reads_nested_attributes_and_positions() {
    let l = ok(r#"{
  "elements": [
    {"_id": "elem-1", "attributes": {"label": "Amara", "element type": "GP"}},
    {"_id": "elem-2", "attributes": {"label": "Grace", "element type": "Social care", "tags": ["lead"]}}
  ],
  "connections": [
    {"_id": "conn-1", "from": "elem-1", "to": "elem-2", "direction": "directed",
     "attributes": {"connection type": "advice"}}
  ],
  "loops": [{"_id": "loop-1", "attributes": {"label": "Core"}, "connections": ["conn-1"]}],
  "maps": [{"name": "Main", "elements": [
    {"element": "elem-1", "position": {"x": 10.5, "y": -3}},
    {"element": "elem-2", "position": {"x": 40, "y": 7}}
  ]}]
}"#);
    let n = &l.network;
    let a = &n.actors()[0];
    assert_eq!(
        (a.id().as_str(), a.name.as_str(), a.sector.as_str()),
        ("elem-1", "Amara", "GP")
    );
    assert_eq!((a.x, a.y), (Some(10.5), Some(-3.0)));
    assert_eq!(n.actors()[1].tags, ["lead", "loop: Core"]);
    assert_eq!(n.ties()[0].kind, "advice");
    assert_eq!(n.ties()[0].id().as_str(), "conn-1");
}

#[test]
fn problems_name_the_element_and_its_line() {
    let e = read("{\"elements\": [\n {\"label\": \"A\"},\n {\"type\": \"x\"}\n]}")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("kumu.json: line 3, column 2: elements[1].label"),
        "{e}"
    );
    let e = read("{\"elements\": [{\"label\": \"A\"}], \"connections\": [\n{\"from\": \"A\", \"to\": \"A\", \"strength\": \"lots\"}]}")
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("line 2") && e.contains("connections[0].strength"),
        "{e}"
    );
    let e = read("{\"elements\": [{\"label\": \"A\"}], \"connections\": [{\"from\": \"A\", \"to\": \"A\", \"direction\": \"sideways\"}]}")
        .unwrap_err()
        .to_string();
    assert!(e.contains("\"sideways\" is not"), "{e}");
    let e = read("{\"elements\": 3}").unwrap_err().to_string();
    assert!(e.contains("not a Kumu blueprint"), "{e}");
    let e = read("{\"elements\": [").unwrap_err().to_string();
    assert!(e.contains("not valid JSON"), "{e}");
    assert!(!is_kumu_json(
        "{\"format\": \"bridgework\", \"elements\": []}"
    ));
}

mod round_trip {
    use super::*;
    use crate::io::graphml::tests::{XmlText, lists};
    use crate::model::arbitrary;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// A blueprint holds the actors and ties with every field: they
        /// come back.
        #[test]
        fn what_a_blueprint_holds_survives_a_write_and_read(
            n in arbitrary::network::<XmlText>(lists(), 5, 7)
        ) {
            let text = write_kumu_json(&n);
            prop_assert!(is_kumu_json(&text));
            let back = read(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(back.network.actors(), n.actors());
            prop_assert_eq!(back.network.ties(), n.ties());
            prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
            prop_assert_eq!(write_kumu_json(&back.network), text);
        }
    }
}

/// Found by the fuzz harness: every element's place was counted from the
/// start of the file, so 20,000 connections took minutes (quadratic).
/// Places are now counted on from the one before; they must still be
/// right, on one long line as on many.
#[test]
fn many_connections_on_one_line_do_not_rescan_the_file() {
    let n = 20_000;
    let mut text = String::from(r#"{"elements":[{"label":"A"},{"label":"B"}],"connections":["#);
    for _ in 0..n {
        text.push_str(r#"{"from":"A","to":"B"},"#);
    }
    let last = text.len();
    text.push_str(r#"{"from":"A","to":"B","direction":"sideways"}]}"#);
    let e = read(&text).unwrap_err().to_string();
    assert!(
        e.contains(&format!("line 1, column {}", last + 1)),
        "the last connection is placed exactly: {e}"
    );
    assert!(e.contains(&format!("connections[{n}].direction")), "{e}");
    let many_lines = text.replace("},{", "},\n{");
    let e = read(&many_lines).unwrap_err().to_string();
    assert!(e.contains(&format!("line {}, column 1", n + 2)), "{e}");
}
