//! Tests of the mapping step: the guesser, re-mapping a file's fields,
//! and the plan the preview shows.

use super::*;
use crate::io::{ImportOptions, Loaded, load};
use crate::model::ActorKind;
use std::path::{Path, PathBuf};

/// Writes `text` to `dir/name`.
fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, text).unwrap();
    p
}

fn plan(path: &Path) -> ImportPlan {
    ImportPlan::new(path, &ImportOptions::default(), load).unwrap()
}

/// The plan's problem as its message ("" if it reads).
fn problem(plan: &ImportPlan) -> String {
    plan.result
        .as_ref()
        .err()
        .map(ToString::to_string)
        .unwrap_or_default()
}

fn loaded(plan: &ImportPlan) -> &Loaded {
    match &plan.result {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    }
}

const NODES: &str = "id,label,Type,Employer,Grade\n\
a,Amara,GP practice,Riverside,7\n\
b,Ben,Hospital,St Jude's,8\n\
c,Cat,,Council,6\n";
const EDGES: &str = "source,target,Frequency,Direction\n\
a,b,3,directed\n\
b,c,1.5,mutual\n";

fn pair(dir: &tempfile::TempDir) -> PathBuf {
    file(dir, "map.nodes.csv", NODES);
    file(dir, "map.edges.csv", EDGES)
}

#[test]
fn the_guesser_takes_common_names_for_roles_the_file_left_empty() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan(&pair(&dir));
    let g = guess(&p.fields);
    let chosen = |r: FieldRole| g.choices.get(&r).cloned().flatten();
    assert_eq!(chosen(FieldRole::Sector).as_deref(), Some("Type"));
    assert_eq!(chosen(FieldRole::Organisation).as_deref(), Some("Employer"));
    assert_eq!(chosen(FieldRole::Strength).as_deref(), Some("Frequency"));
    assert_eq!(chosen(FieldRole::Direction).as_deref(), Some("Direction"));
    // The reader already took the name from `label`: no guess for it.
    assert_eq!(g.choices.get(&FieldRole::Name), None);
    assert_eq!(g.choices.get(&FieldRole::Role), None);
    assert_eq!(
        p.field_for(FieldRole::Name).map(|f| f.name.as_str()),
        Some("label")
    );
}

#[test]
fn the_plan_starts_from_the_guesses_and_blank_sectors_are_unassigned() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan(&pair(&dir));
    let l = loaded(&p);
    let n = &l.network;
    let sectors: Vec<&str> = n.actors().iter().map(|a| a.sector.as_str()).collect();
    assert_eq!(sectors, ["GP practice", "Hospital", "unassigned"]);
    assert_eq!(n.actors()[1].organisation, "St Jude's");
    assert!(!n.actors()[1].attributes.contains_key("Employer"));
    assert!(!n.actors()[1].attributes.contains_key("Type"));
    assert_eq!(
        n.actors()[1].attributes.get("Grade").map(String::as_str),
        Some("8")
    );
    assert_eq!(n.ties()[0].strength, 3.0);
    assert!(n.ties()[0].directed);
    assert!(!n.ties()[1].directed);
    assert!(
        l.warnings
            .iter()
            .any(|w| w.contains("1 actor had no sector") && w.contains("their Type is blank")),
        "{:?}",
        l.warnings
    );
}

#[test]
fn changing_a_role_reads_the_file_again_and_a_field_losing_its_role_stays() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = plan(&pair(&dir));
    p.set(FieldRole::Sector, Some("Employer".into()));
    let n = &loaded(&p).network;
    let sectors: Vec<&str> = n.actors().iter().map(|a| a.sector.as_str()).collect();
    assert_eq!(sectors, ["Riverside", "St Jude's", "Council"]);
    // Type lost its role: kept as an attribute.
    assert_eq!(
        n.actors()[0].attributes.get("Type").map(String::as_str),
        Some("GP practice")
    );

    p.set(FieldRole::Name, None);
    let n = &loaded(&p).network;
    assert_eq!(n.actors()[0].name, "a", "no name field: named by id");
    assert_eq!(
        n.actors()[0].attributes.get("label").map(String::as_str),
        Some("Amara")
    );

    p.set(FieldRole::Sector, None);
    let n = &loaded(&p).network;
    assert!(n.actors().iter().all(|a| a.sector == "unassigned"));
}

#[test]
fn kumus_type_becomes_the_kind_or_the_sector_as_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        &dir,
        "types.json",
        r#"{"elements": [
            {"label": "A", "Type": "Person", "Department": "Primary care"},
            {"label": "B", "Type": "Organisation", "Department": "Acute"},
            {"label": "C", "Type": "Committee", "Department": "Acute"}
        ], "connections": [{"from": "A", "to": "B", "type": "advice"}]}"#,
    );
    let mut p = plan(&path);
    // Kumu's Type is the sector unless the file has one.
    assert_eq!(
        p.field_for(FieldRole::Sector).map(|f| f.name.as_str()),
        Some("Type")
    );
    assert_eq!(
        p.field_for(FieldRole::TieKind).map(|f| f.name.as_str()),
        Some("type")
    );
    assert_eq!(loaded(&p).network.actors()[2].sector, "Committee");

    let mut a = Assignment::default();
    a.set(FieldRole::Kind, Some("Type".into()));
    a.set(FieldRole::Sector, Some("Department".into()));
    p.choose(a);
    let l = loaded(&p);
    let n = &l.network;
    let kinds: Vec<ActorKind> = n.actors().iter().map(|x| x.kind).collect();
    assert_eq!(
        kinds,
        [
            ActorKind::Person,
            ActorKind::Organisation,
            ActorKind::Person
        ]
    );
    let sectors: Vec<&str> = n.actors().iter().map(|x| x.sector.as_str()).collect();
    assert_eq!(sectors, ["Primary care", "Acute", "Acute"]);
    assert!(!n.actors()[0].attributes.contains_key("Department"));
    // A Type that is no kind is kept, and counted once.
    assert_eq!(
        n.actors()[2].attributes.get("Type").map(String::as_str),
        Some("Committee")
    );
    assert!(
        l.warnings
            .iter()
            .any(|w| w.contains("1 element had a Type that is not an actor kind")),
        "{:?}",
        l.warnings
    );
}

#[test]
fn a_value_that_does_not_fit_its_role_is_an_error_naming_the_row_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let nodes = file(&dir, "bad.nodes.csv", "id,label,sector\na,A,GP\nb,B,GP\n");
    let edges = file(
        &dir,
        "bad.edges.csv",
        "source,target,Often\na,b,3\nb,a,weekly\n",
    );
    let mut p = ImportPlan::new(
        &edges,
        &ImportOptions {
            nodes: Some(nodes),
            ..ImportOptions::default()
        },
        load,
    )
    .unwrap();
    p.set(FieldRole::Strength, Some("Often".into()));
    let e = problem(&p);
    assert!(e.contains("line 3") && e.contains("Often"), "{e}");
    // The fields are still there to choose another.
    assert!(p.fields.find(true, "often").is_some());
}

#[test]
fn a_chosen_field_the_file_lacks_is_named_with_the_fields_there_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut o = ImportOptions::default();
    o.mapping.set(FieldRole::Sector, Some("Sectr".into()));
    let p = ImportPlan::new(&pair(&dir), &o, load).unwrap();
    let u = p.unknown_fields();
    assert_eq!(u.len(), 1);
    assert!(
        u[0].contains("no field \"Sectr\"") && u[0].contains("Employer") && u[0].contains("Type"),
        "{}",
        u[0]
    );
}

#[test]
fn command_line_choices_parse_with_clear_errors() {
    assert_eq!(
        Assignment::parse_choice("sector=Type"),
        Ok((FieldRole::Sector, Some("Type".into())))
    );
    assert_eq!(
        Assignment::parse_choice("Organization= "),
        Ok((FieldRole::Organisation, None))
    );
    assert!(
        Assignment::parse_choice("sector")
            .unwrap_err()
            .contains("ROLE=FIELD")
    );
    assert!(
        Assignment::parse_choice("colour=x")
            .unwrap_err()
            .contains("not a role")
    );
}

#[test]
fn a_native_map_opens_without_a_plan_and_a_broken_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let native = file(
        &dir,
        "native.json",
        &crate::io::native::to_string(&crate::model::Network::new()).unwrap(),
    );
    assert!(matches!(
        plan_or_load(&native, &ImportOptions::default()),
        Ok(Opened::Map(_))
    ));
    let broken = file(&dir, "broken.graphml", "<graphml><node id=");
    assert!(plan_or_load(&broken, &ImportOptions::default()).is_err());
    assert!(matches!(
        plan_or_load(&pair(&dir), &ImportOptions::default()),
        Ok(Opened::Plan(_))
    ));
}

#[test]
fn directions_read_as_words_or_yes_no() {
    assert_eq!(remap::direction_value("Directed"), Ok(true));
    assert_eq!(remap::direction_value("mutual"), Ok(false));
    assert_eq!(remap::direction_value("yes"), Ok(true));
    assert!(remap::direction_value("sideways").is_err());
}

#[test]
fn graphml_keys_are_fields_by_their_names_and_department_is_guessed_as_the_sector() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        &dir,
        "yed.graphml",
        r#"<?xml version="1.0"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="d0" for="node" attr.name="Name" attr.type="string"/>
<key id="d1" for="node" attr.name="Department" attr.type="string"/>
<key id="d2" for="edge" attr.name="Weight" attr.type="double"/>
<graph edgedefault="directed">
<node id="a"><data key="d0">Amara</data><data key="d1">Primary care</data></node>
<node id="b"><data key="d0">Ben</data><data key="d1">Acute</data></node>
<edge source="a" target="b"><data key="d2">2</data></edge>
</graph></graphml>"#,
    );
    let p = plan(&path);
    assert_eq!(
        p.field_for(FieldRole::Name).map(|f| f.name.as_str()),
        Some("Name")
    );
    assert_eq!(
        p.field_for(FieldRole::Sector).map(|f| f.name.as_str()),
        Some("Department")
    );
    assert_eq!(
        p.field_for(FieldRole::Strength).map(|f| f.name.as_str()),
        Some("Weight")
    );
    let n = &loaded(&p).network;
    assert_eq!(n.actors()[1].sector, "Acute");
    assert_eq!(n.ties()[0].strength, 2.0);
}

#[test]
fn a_kumu_sheet_with_a_sector_column_offers_type_as_the_kind() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        &dir,
        "kumu.csv",
        "Label,Type,Sector\nAmara,Person,Primary care\nRiverside,Practice,Primary care\n",
    );
    let mut p = plan(&path);
    assert_eq!(
        p.field_for(FieldRole::Kind).map(|f| f.name.as_str()),
        Some("Type")
    );
    assert_eq!(
        p.field_for(FieldRole::Sector).map(|f| f.name.as_str()),
        Some("Sector")
    );
    // Type as the sector instead; the kind from no field.
    let mut a = Assignment::default();
    a.set(FieldRole::Sector, Some("Type".into()));
    a.set(FieldRole::Kind, None);
    p.choose(a);
    let n = &loaded(&p).network;
    let sectors: Vec<&str> = n.actors().iter().map(|x| x.sector.as_str()).collect();
    // A Type the reader read as a kind comes back as the kind's name.
    assert_eq!(sectors, ["person", "Practice"]);
    assert_eq!(n.actors()[0].kind, ActorKind::Person);
    assert_eq!(
        n.actors()[0].attributes.get("Sector").map(String::as_str),
        Some("Primary care")
    );
}

#[test]
fn merging_duplicates_in_the_plan_gets_past_the_row_that_stopped_it_and_finds_more_fields() {
    let dir = tempfile::tempdir().unwrap();
    file(&dir, "dup.nodes.csv", "id,label\na,A\na,A again\nb,B\n");
    let edges = file(&dir, "dup.edges.csv", "source,target,Often\na,b,2\n");
    let mut p = plan(&edges);
    let e = problem(&p);
    assert!(e.contains("duplicate id \"a\""), "{e}");
    assert_eq!(
        p.fields.actors, 2,
        "the first read stopped at the repeated row"
    );
    assert!(p.fields.find(true, "Often").is_none());
    assert!(!p.merges_duplicates());
    p.set_merge_duplicates(true);
    let a = p.assignment.clone();
    p.choose(a);
    let l = loaded(&p);
    assert_eq!(l.network.actors().len(), 2);
    assert_eq!(p.fields.actors, 3);
    assert!(p.fields.find(true, "Often").is_some());
}
