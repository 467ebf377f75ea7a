//! Tests of the CSV pair reader and writer.

use super::*;
use crate::io::error::{IoError, Location};
use crate::io::{ImportOptions, Loaded};
use crate::model::{Actor, Network, Tie, default_tie_kinds};
use crate::model::{ActorField, ActorKind, Profession, Stance, TieField};
use std::path::Path;
use std::path::PathBuf;

fn np() -> &'static Path {
    Path::new("data/nodes.csv")
}

fn ep() -> &'static Path {
    Path::new("data/edges.csv")
}

fn opts() -> ImportOptions {
    ImportOptions::default()
}

fn read_with(nodes: &str, edges: &str, options: &ImportOptions) -> Result<Loaded, IoError> {
    read_csv_pair(ep(), edges, Some((np(), nodes)), options)
}

fn read(nodes: &str, edges: &str) -> Loaded {
    match read_with(nodes, edges, &opts()) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    }
}

/// The error's file, location and message.
fn parts(e: IoError) -> (PathBuf, Option<Location>, String) {
    match e {
        IoError::Invalid { path, at, message } => (path, at, message),
        other => panic!("not an Invalid error: {other}"),
    }
}

fn cell(line: usize, column: &str) -> Option<Location> {
    Some(Location::Cell {
        line,
        column: column.to_owned(),
    })
}

fn line(line: usize) -> Option<Location> {
    Some(Location::Line { line, column: None })
}

/// Reads, expects an error in `file` at `at` whose message holds every
/// one of `words`, and returns the whole message for further checks.
#[track_caller]
fn expect_err(
    result: Result<Loaded, IoError>,
    file: &Path,
    at: Option<Location>,
    words: &[&str],
) -> String {
    let e = match result {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    };
    let full = e.to_string();
    assert!(!full.contains('\n'), "one line: {full}");
    let (path, got_at, message) = parts(e);
    assert_eq!(path, file, "{full}");
    assert_eq!(got_at, at, "{full}");
    for w in words {
        assert!(message.contains(w), "missing {w:?} in {full}");
    }
    full
}

const NODES: &str = "id,label,sector\na,Ann,GP\nb,Bo,Acute\nc,Cy,GP\n";
const EDGES: &str = "source,target,weight\na,b,2\nb,c,1.5\n";

// ---- reading: the basics -------------------------------------------

#[test]
fn a_simple_pair_reads() {
    let l = read(NODES, EDGES);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let n = &l.network;
    let ids: Vec<&str> = n.actors().iter().map(|a| a.id().as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert_eq!(n.actors()[0].name, "Ann");
    let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sectors, ["GP", "Acute"]);
    assert_eq!(n.ties().len(), 2);
    let t = &n.ties()[0];
    assert_eq!(
        (t.id().as_str(), t.from().as_str(), t.to().as_str()),
        ("t1", "a", "b")
    );
    assert_eq!(t.strength, 2.0);
    assert_eq!(t.kind, "collaboration");
    assert!(!t.directed);
    assert_eq!(n.ties()[1].strength, 1.5);
    assert_eq!(n.tie_kinds, default_tie_kinds());
    // Fields the file does not give keep the model's defaults.
    assert_eq!(
        n.actors()[0].private,
        crate::model::default_private_actor_fields()
    );
    assert!(n.validate().is_empty());
}

#[test]
fn every_reference_dataset_reads_with_its_counts_and_weights() {
    let sets: [(&str, &str, &str, &str); 8] = [
        (
            "karate",
            include_str!("../../../tests/data/karate.nodes.csv"),
            include_str!("../../../tests/data/karate.edges.csv"),
            include_str!("../../../tests/data/karate.expected.json"),
        ),
        (
            "florentine",
            include_str!("../../../tests/data/florentine.nodes.csv"),
            include_str!("../../../tests/data/florentine.edges.csv"),
            include_str!("../../../tests/data/florentine.expected.json"),
        ),
        (
            "kite",
            include_str!("../../../tests/data/kite.nodes.csv"),
            include_str!("../../../tests/data/kite.edges.csv"),
            include_str!("../../../tests/data/kite.expected.json"),
        ),
        (
            "care_toy",
            include_str!("../../../tests/data/care_toy.nodes.csv"),
            include_str!("../../../tests/data/care_toy.edges.csv"),
            include_str!("../../../tests/data/care_toy.expected.json"),
        ),
        (
            "toy4_cycle",
            include_str!("../../../tests/data/toy4_cycle.nodes.csv"),
            include_str!("../../../tests/data/toy4_cycle.edges.csv"),
            include_str!("../../../tests/data/toy4_cycle.expected.json"),
        ),
        (
            "toy4_paw",
            include_str!("../../../tests/data/toy4_paw.nodes.csv"),
            include_str!("../../../tests/data/toy4_paw.edges.csv"),
            include_str!("../../../tests/data/toy4_paw.expected.json"),
        ),
        (
            "toy4_star",
            include_str!("../../../tests/data/toy4_star.nodes.csv"),
            include_str!("../../../tests/data/toy4_star.edges.csv"),
            include_str!("../../../tests/data/toy4_star.expected.json"),
        ),
        (
            "toy4_directed",
            include_str!("../../../tests/data/toy4_directed.nodes.csv"),
            include_str!("../../../tests/data/toy4_directed.edges.csv"),
            include_str!("../../../tests/data/toy4_directed.expected.json"),
        ),
    ];
    for (name, nodes, edges, expected) in sets {
        let expected: serde_json::Value = serde_json::from_str(expected).unwrap();
        let directed = expected["directed"].as_bool().unwrap();
        let options = ImportOptions {
            directed,
            ..ImportOptions::default()
        };
        let l = read_with(nodes, edges, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(l.warnings.is_empty(), "{name}: {:?}", l.warnings);
        let n = &l.network;
        assert_eq!(
            n.actors().len() as u64,
            expected["n"].as_u64().unwrap(),
            "{name}"
        );
        assert_eq!(
            n.ties().len() as u64,
            expected["m"].as_u64().unwrap(),
            "{name}"
        );
        assert!(n.ties().iter().all(|t| t.directed == directed), "{name}");
        // Every node's strength (sum of incident weights) as expected.
        let nodes_expected = expected["nodes"].as_object().unwrap();
        assert_eq!(nodes_expected.len(), n.actors().len(), "{name}");
        for a in n.actors() {
            let want = nodes_expected[a.id().as_str()]["strength"]
                .as_f64()
                .unwrap();
            let got: f64 = n.ties_of(a.id()).map(|t| t.strength).sum();
            assert!(
                (got - want).abs() < 1e-9,
                "{name} {}: {got} vs {want}",
                a.id()
            );
        }
    }
}

#[test]
fn reference_sectors_labels_and_weights_are_exact() {
    let l = read(
        include_str!("../../../tests/data/karate.nodes.csv"),
        include_str!("../../../tests/data/karate.edges.csv"),
    );
    let n = &l.network;
    let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sectors, ["Mr. Hi", "Officer"]);
    assert_eq!(n.actors()[0].name, "Member 1");
    let t = &n.ties()[0];
    assert_eq!(
        (t.from().as_str(), t.to().as_str(), t.strength),
        ("0", "1", 4.0)
    );

    let l = read(
        include_str!("../../../tests/data/care_toy.nodes.csv"),
        include_str!("../../../tests/data/care_toy.edges.csv"),
    );
    let n = &l.network;
    let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sectors, ["GP practice", "Acute trust", "Social care"]);
    let kim = n.actor(&"sc_kim".into()).unwrap();
    assert_eq!(kim.name, "Grace \"GK\" Kim, social worker");
    assert_eq!(
        n.actor(&"gp_price".into()).unwrap().name,
        "Chloë Price (practice manager)"
    );
    assert_eq!(
        n.actor(&"at_novak".into()).unwrap().name,
        "Ella Novák, discharge coordinator"
    );
    let weights: Vec<f64> = n.ties().iter().map(|t| t.strength).collect();
    assert_eq!(weights, [3.0, 2.0, 1.5, 1.0, 0.5, 2.5, 1.0, 2.0, 4.0, 1.0]);

    let l = read(
        include_str!("../../../tests/data/florentine.nodes.csv"),
        include_str!("../../../tests/data/florentine.edges.csv"),
    );
    let mut sectors: Vec<&str> = l.network.sectors.iter().map(|s| s.name.as_str()).collect();
    sectors.sort_unstable();
    assert_eq!(sectors, ["alpha_1", "alpha_2", "alpha_3"]);
    let l = read(
        include_str!("../../../tests/data/kite.nodes.csv"),
        include_str!("../../../tests/data/kite.edges.csv"),
    );
    let sectors: Vec<&str> = l.network.sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sectors, ["Team A", "Team B", "Team C"]);
}

#[test]
fn every_column_and_alias_is_read() {
    let nodes = "Node ID,Name,Sector,Kind,Organization,Job Title,Profession,Seniority,Stance,Influence,Tags,Notes,X,Y,Pinned,Private,team,attr:Title\n\
                     a,Ann,GP,organisation,Riverside,Lead,nurse,3,supporter,4,lead; new ,hi,1.5,-2,yes,notes;tags,Blue,Dr\n\
                     b,,GP,,,,,,,,,,,,,,,\n";
    let edges = "From,To,Strength,Edge ID,Type,Directed,Confirmed,Notes,Private,since\n\
                     a,b,2,r1,referral,true,no,urgent,,2021\n\
                     b,a,,,,,,,notes,\n";
    let l = read(nodes, edges);
    let n = &l.network;
    let a = &n.actors()[0];
    assert_eq!(a.name, "Ann");
    assert_eq!(a.kind, ActorKind::Organisation);
    assert_eq!(a.organisation, "Riverside");
    assert_eq!(a.role, "Lead");
    assert_eq!(a.profession, Some(Profession::Nurse));
    assert_eq!(a.formal_position, Some(3));
    assert_eq!(a.stance, Stance::Supporter);
    assert_eq!(a.influence, Some(4));
    assert_eq!(a.tags, ["lead", "new"]);
    assert_eq!(a.notes, "hi");
    assert_eq!((a.x, a.y), (Some(1.5), Some(-2.0)));
    assert!(a.pinned);
    assert_eq!(
        a.private,
        [ActorField::Tags, ActorField::Notes].into_iter().collect()
    );
    assert_eq!(a.attributes.get("team").map(String::as_str), Some("Blue"));
    assert_eq!(a.attributes.get("Title").map(String::as_str), Some("Dr"));
    let b = &n.actors()[1];
    assert_eq!(b.name, "b", "a blank label falls back to the id");
    assert!(b.attributes.is_empty(), "empty cells make no attribute");
    assert!(
        b.private.is_empty(),
        "a blank private cell means nothing private"
    );
    let t = &n.ties()[0];
    assert_eq!(t.id().as_str(), "r1");
    assert_eq!(t.kind, "referral");
    assert!(t.directed && !t.confirmed);
    assert_eq!(t.notes, "urgent");
    assert!(t.private.is_empty());
    assert_eq!(t.attributes.get("since").map(String::as_str), Some("2021"));
    let u = &n.ties()[1];
    assert_eq!(u.id().as_str(), "t1");
    assert_eq!(
        (u.strength, u.kind.as_str(), u.directed, u.confirmed),
        (1.0, "collaboration", false, true)
    );
    assert_eq!(u.private, [TieField::Notes].into_iter().collect());
    assert!(u.attributes.is_empty());
}

// ---- awkward but valid -------------------------------------------

#[test]
fn crlf_quoted_fields_non_ascii_and_trailing_blank_lines_load() {
    let nodes = "id,label,sector\r\n\
                     a,\"Hughes, Ben \"\"BH\"\"\",Soins primaires\r\n\
                     ö,\"two\r\nlines\",Soins primaires\r\n\
                     漢,Zoë 🎉,Santé mentale\r\n\r\n\r\n";
    let edges = "source,target\r\na,ö\r\nö,漢\r\n\r\n";
    let l = read(nodes, edges);
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    let n = &l.network;
    assert_eq!(n.actors()[0].name, "Hughes, Ben \"BH\"");
    assert_eq!(n.actors()[1].name, "two\r\nlines");
    assert_eq!(n.actors()[2].name, "Zoë 🎉");
    assert_eq!(n.actors()[2].sector, "Santé mentale");
    assert_eq!(n.ties().len(), 2);
    assert_eq!(n.ties()[1].to().as_str(), "漢");
}

#[test]
fn line_numbers_count_physical_lines_after_multi_line_fields() {
    let nodes = "id,label,sector\na,\"one\ntwo\nthree\",S\nb,B,S\nb,B again,S\n";
    expect_err(
        read_with(nodes, "source,target\n", &opts()),
        np(),
        cell(6, "id"),
        &["duplicate id \"b\" (first on line 5)", "--merge-duplicates"],
    );
    let crlf = nodes.replace('\n', "\r\n");
    expect_err(
        read_with(&crlf, "source,target\n", &opts()),
        np(),
        cell(6, "id"),
        &["first on line 5"],
    );
    // Blank lines before a row, and old Mac line ends (a lone CR).
    expect_err(
        read_with(
            "id,label,sector\n\n\na,A,S\n\r\n\na,B,S\n",
            "source,target\n",
            &opts(),
        ),
        np(),
        cell(7, "id"),
        &["first on line 4"],
    );
    expect_err(
        read_with(
            "id,label,sector\ra,A,S\r\ra,B,S\r",
            "source,target\n",
            &opts(),
        ),
        np(),
        cell(4, "id"),
        &["first on line 2"],
    );
    let edges = "source,target,notes\na,b,\"x\n\ny\"\n\nb,zz,\n";
    expect_err(
        read_with(nodes.split("b,B again").next().unwrap(), edges, &opts()),
        ep(),
        cell(6, "target"),
        &["no actor with id \"zz\""],
    );
}

#[test]
fn a_one_megabyte_label_loads() {
    let big = "é".repeat(500_000) + "x,y \"z\"";
    let nodes = format!(
        "id,label,sector\na,\"{}\",S\nb,B,S\n",
        big.replace('"', "\"\"")
    );
    let l = read(&nodes, "source,target\na,b\n");
    assert_eq!(l.network.actors()[0].name, big);
    assert!(l.network.actors()[0].name.len() > 1_000_000);
}

#[test]
fn header_only_files_give_maps_without_ties_or_actors() {
    let l = read(NODES, "source,target,weight\n");
    assert_eq!((l.network.actors().len(), l.network.ties().len()), (3, 0));
    let l = read("id,label,sector\n", "source,target,weight");
    assert_eq!((l.network.actors().len(), l.network.ties().len()), (0, 0));
    assert!(l.network.sectors.is_empty());
    assert!(l.warnings.is_empty());
}

#[test]
fn self_loops_and_parallel_ties_are_kept() {
    let l = read(
        NODES,
        "source,target,kind\na,a,\na,b,\na,b,\nb,a,referral\n",
    );
    let n = &l.network;
    assert_eq!(n.ties().len(), 4);
    assert_eq!(n.ties()[0].from(), n.ties()[0].to());
    let ids: Vec<&str> = n.ties().iter().map(|t| t.id().as_str()).collect();
    assert_eq!(ids, ["t1", "t2", "t3", "t4"]);
}

#[test]
fn blank_rows_are_skipped_and_announced() {
    let l = read(
        "id,label,sector\na,A,S\n,,\n  \nb,B,S\n",
        "source,target\n,\na,b\n",
    );
    assert_eq!(l.network.actors().len(), 2);
    assert_eq!(l.network.ties().len(), 1);
    assert_eq!(
        l.warnings,
        [
            "nodes.csv: skipped 2 empty rows with no values",
            "edges.csv: skipped 1 empty row with no values"
        ]
    );
}

#[test]
fn kinds_direction_and_fresh_ids() {
    let edges = "source,target,id,kind,directed\n\
                     a,b,,mentoring,true\n\
                     b,c,t1,,\n\
                     c,a,,Referral,\n\
                     a,c,t3,mentoring,false\n\
                     b,a,,referral,\n";
    let options = ImportOptions {
        directed: true,
        ..opts()
    };
    let l = read_with(NODES, edges, &options).unwrap();
    let n = &l.network;
    let ids: Vec<&str> = n.ties().iter().map(|t| t.id().as_str()).collect();
    assert_eq!(
        ids,
        ["t2", "t1", "t4", "t3", "t5"],
        "fresh ids skip t1 and t3, given later"
    );
    let dirs: Vec<bool> = n.ties().iter().map(|t| t.directed).collect();
    assert_eq!(
        dirs,
        [true, true, true, false, true],
        "blank directed cells take the option"
    );
    let kinds: Vec<&str> = n.tie_kinds.iter().map(|k| k.name.as_str()).collect();
    let defaults = default_tie_kinds();
    let mut want: Vec<&str> = defaults.iter().map(|k| k.name.as_str()).collect();
    want.extend(["mentoring", "Referral"]);
    assert_eq!(kinds, want);
    assert!(n.tie_kind("mentoring").unwrap().directed);
    assert!(
        n.tie_kind("Referral").unwrap().directed,
        "kinds match exactly"
    );
    // No directed column: the option decides.
    let l = read_with(NODES, EDGES, &options).unwrap();
    assert!(l.network.ties().iter().all(|t| t.directed));
}

#[test]
fn ids_are_exact_and_a_spaced_id_gets_a_hint() {
    let e = expect_err(
        read_with(NODES, "source,target\na, b\n", &opts()),
        ep(),
        cell(2, "target"),
        &[
            "no actor with id \" b\" in nodes.csv",
            "remove the spaces",
            "add it there or remove this tie",
        ],
    );
    assert!(
        e.starts_with("data/edges.csv: line 2, column \"target\": "),
        "{e}"
    );
}

// ---- header errors ----------------------------------------------

#[test]
fn nodes_without_id_column() {
    expect_err(
        read_with("name,sector\nAnn,GP\n", EDGES, &opts()),
        np(),
        line(1),
        &[
            "no \"id\" column",
            "\"name\", \"sector\"",
            "needs at least an \"id\" column",
        ],
    );
}

#[test]
fn nodes_without_sector_column_are_unassigned_with_a_message() {
    let l = read_with("id,label\na,Ann\nb,Bo\nc,Cy\n", EDGES, &opts()).unwrap();
    assert!(l.network.actors().iter().all(|a| a.sector == "unassigned"));
    let sectors: Vec<&str> = l.network.sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sectors, ["unassigned"]);
    assert_eq!(
        l.warnings,
        [
            "nodes.csv: no actor in the file has a sector, so all 3 actors are in \"unassigned\"; to assign sectors, choose a sector field in the import preview (--map sector=FIELD), edit the Sector column of the Actors table, or add a \"sector\" column to the file (or pass --default-sector NAME)"
        ]
    );
    // A blank sector column is the same.
    let l = read_with("id,sector\na,\nb, \nc,\n", EDGES, &opts()).unwrap();
    assert!(l.network.actors().iter().all(|a| a.sector == "unassigned"));
}

#[test]
fn edges_without_source_or_target_column() {
    expect_err(
        read_with(NODES, "source,weight\na,1\n", &opts()),
        ep(),
        line(1),
        &[
            "no \"target\" column",
            "\"source\", \"weight\"",
            "\"source\" and \"target\"",
        ],
    );
    expect_err(
        read_with(NODES, "a,b,1.0\nb,c,1.0\n", &opts()),
        ep(),
        line(1),
        &[
            "no \"source\" column",
            "\"a\", \"b\", \"1.0\"",
            "first line must name the columns",
        ],
    );
}

#[test]
fn a_nodes_file_given_as_the_edges_file_is_recognised() {
    expect_err(
        read_csv_pair(np(), NODES, None, &opts()),
        np(),
        line(1),
        &[
            "looks like an actors (nodes) file",
            "pass the ties (edges) file as FILE and this one with --nodes",
        ],
    );
}

#[test]
fn an_edges_file_given_as_the_nodes_file_is_recognised() {
    expect_err(
        read_csv_pair(ep(), EDGES, Some((np(), EDGES)), &opts()),
        np(),
        line(1),
        &["looks like a ties (edges) file", "--nodes"],
    );
}

#[test]
fn a_built_in_column_named_twice() {
    expect_err(
        read_with("id,label,sector,Name\na,A,S,B\n", EDGES, &opts()),
        np(),
        cell(1, "Name"),
        &[
            "\"label\" (column 2)",
            "both give the \"label\" column",
            "attr:Name",
        ],
    );
    expect_err(
        read_with(NODES, "source,target,weight,Strength\n", &opts()),
        ep(),
        cell(1, "Strength"),
        &["\"weight\" (column 3)", "both give the \"weight\" column"],
    );
}

#[test]
fn an_attribute_named_twice() {
    expect_err(
        read_with("id,label,sector,team,attr:team\n", EDGES, &opts()),
        np(),
        cell(1, "attr:team"),
        &["\"team\" (column 4)", "attribute \"team\""],
    );
}

#[test]
fn an_empty_header_cell() {
    expect_err(
        read_with("id,label,sector,\na,A,S,\n", EDGES, &opts()),
        np(),
        line(1),
        &["column 4 of the header has no name", "delete the column"],
    );
    expect_err(
        read_with(NODES, "source, ,target\n", &opts()),
        ep(),
        line(1),
        &["column 2 of the header has no name"],
    );
}

#[test]
fn garbage_fails_on_the_header_at_once() {
    // 50 MB of printable ASCII with no line break.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let garbage: String = (0..50_000_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(b' ' + (state % 95) as u8)
        })
        .collect();
    let start = std::time::Instant::now();
    let r = read_csv_pair(ep(), &garbage, None, &opts());
    let took = start.elapsed();
    expect_err(r, ep(), line(1), &["longer than 1 MB", "not a header row"]);
    assert!(took.as_millis() < 300, "took {took:?}");

    // The same with line breaks: the first line is checked as a header.
    let lines: String = garbage
        .as_bytes()
        .chunks(80)
        .take(200_000)
        .flat_map(|c| c.iter().map(|&b| char::from(b)).chain(['\n']))
        .collect();
    let start = std::time::Instant::now();
    let r = read_with(&lines, EDGES, &opts());
    let took = start.elapsed();
    let e = r.err().unwrap().to_string();
    assert!(e.starts_with("data/nodes.csv: line 1"), "{e}");
    assert!(took.as_millis() < 300, "took {took:?}");
}

// ---- row errors ------------------------------------------------

#[test]
fn a_row_with_the_wrong_number_of_values() {
    expect_err(
        read_with("id,label,sector\na,Hughes, Ben,GP\n", EDGES, &opts()),
        np(),
        line(2),
        &["4 values", "header has 3 columns", "quotes"],
    );
    expect_err(
        read_with(NODES, "source,target,weight\na,b\n", &opts()),
        ep(),
        line(2),
        &["2 values", "3 columns"],
    );
}

#[test]
fn an_empty_id() {
    expect_err(
        read_with("id,label,sector\na,A,S\n ,B,S\n", EDGES, &opts()),
        np(),
        cell(3, "id"),
        &["empty; every actor needs an id"],
    );
}

#[test]
fn an_empty_sector() {
    let e = expect_err(
        read_with("id,label,sector\na,A,S\nb,B, \n", EDGES, &opts()),
        np(),
        cell(3, "sector"),
        &["actor \"b\" has no sector, though others have one"],
    );
    assert_eq!(
        e,
        "data/nodes.csv: line 3, column \"sector\": actor \"b\" has no sector, though others have one; give it a sector, or pass --default-sector NAME"
    );
}

#[test]
fn a_duplicate_actor_id() {
    let e = expect_err(
        read_with("id,label,sector\nx,A,S\ny,B,S\nx,C,S\n", EDGES, &opts()),
        np(),
        cell(4, "id"),
        &[],
    );
    assert!(
        e.ends_with(
            "duplicate id \"x\" (first on line 2); ids must be unique, or pass --merge-duplicates"
        ),
        "{e}"
    );
}

#[test]
fn messages_quoting_line_breaks_stay_on_one_line() {
    let e = expect_err(
        read_with(
            "id,label,sector\n\"x\ny\",A,S\n\"x\ny\",B,S\n",
            EDGES,
            &opts(),
        ),
        np(),
        cell(4, "id"),
        &["duplicate id \"x\\ny\" (first on line 2)"],
    );
    assert!(!e.contains('\n'));
    expect_err(
        read_with("id,sector,\"te\nam\",\"attr:te\nam\"\n", EDGES, &opts()),
        np(),
        cell(1, "attr:te\\nam"),
        &["attribute \"te\\nam\""],
    );
    expect_err(
        read_with("id,label,sector,stance\na,A,S,\"so\rso\"\n", EDGES, &opts()),
        np(),
        cell(2, "stance"),
        &["\"so\\rso\" is not one of"],
    );
}

#[test]
fn bad_actor_values_name_their_cell() {
    for (column, value, words) in [
        ("stance", "keen", "\"keen\" is not one of: champion"),
        ("influence", "7", "\"7\" is not a whole number from 1 to 5"),
        ("Seniority", "0", "\"0\" is not a whole number from 1 to 5"),
        ("x", "abc", "\"abc\" is not a finite number"),
        ("y", "inf", "\"inf\" is not a finite number"),
        ("pinned", "maybe", "\"maybe\" is not true or false"),
        ("kind", "robot", "\"robot\" is not one of: person"),
        ("profession", "wizard", "\"wizard\" is not one of: doctor"),
        (
            "private",
            "stance;secrets",
            "\"secrets\" is not one of: organisation",
        ),
    ] {
        let nodes = format!("id,label,sector,{column}\na,A,S,\nb,B,S,{value}\n");
        expect_err(
            read_with(&nodes, EDGES, &opts()),
            np(),
            cell(3, column),
            &[words],
        );
    }
}

#[test]
fn bad_weights_name_line_and_column() {
    for (w, words) in [
        ("abc", "not a number"),
        ("NaN", "not a number"),
        ("inf", "infinite"),
        ("-1", "not positive"),
        ("0", "not positive"),
    ] {
        let edges = format!("source,target,Weight\na,b,1\nb,c,{w}\n");
        expect_err(
            read_with(NODES, &edges, &opts()),
            ep(),
            cell(3, "Weight"),
            &[words],
        );
    }
}

#[test]
fn bad_tie_values_name_their_cell() {
    for (column, value, words) in [
        (
            "directed",
            "sometimes",
            "\"sometimes\" is not true or false",
        ),
        ("confirmed", "2", "\"2\" is not true or false"),
        (
            "private",
            "weight",
            "\"weight\" is not one of: notes, attributes",
        ),
    ] {
        let edges = format!("source,target,{column}\na,b,{value}\n");
        expect_err(
            read_with(NODES, &edges, &opts()),
            ep(),
            cell(2, column),
            &[words],
        );
    }
}

#[test]
fn an_unknown_actor_in_a_tie() {
    let e = expect_err(
        read_with(NODES, "source,target\na,b\nb,c\nc,zz\n", &opts()),
        ep(),
        cell(4, "target"),
        &[],
    );
    assert_eq!(
        e,
        "data/edges.csv: line 4, column \"target\": no actor with id \"zz\" in nodes.csv; add it there or remove this tie"
    );
    expect_err(
        read_with(NODES, "from,to\nqq,a\n", &opts()),
        ep(),
        cell(2, "from"),
        &["\"qq\""],
    );
}

#[test]
fn an_empty_end_of_a_tie() {
    expect_err(
        read_with(NODES, "source,target,weight\na,,2\n", &opts()),
        ep(),
        cell(2, "target"),
        &["empty; every tie needs a target", "nodes.csv"],
    );
}

#[test]
fn a_duplicate_tie_id() {
    expect_err(
        read_with(NODES, "source,target,id\na,b,k\nb,c,\nc,a,k\n", &opts()),
        ep(),
        cell(4, "id"),
        &[
            "duplicate tie id \"k\" (first on line 2)",
            "--merge-duplicates",
        ],
    );
}

#[test]
fn no_nodes_file_and_no_default_sector_makes_unassigned_actors() {
    let l = read_csv_pair(Path::new("d/x.edges.csv"), EDGES, None, &opts()).unwrap();
    let ids: Vec<&str> = l.network.actors().iter().map(|a| a.id().as_str()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    assert!(l.network.actors().iter().all(|a| a.sector == "unassigned"));
    assert_eq!(
        l.warnings,
        [
            "no actors file, so 3 actors were made from the ties' ends, each labelled with its id and put in \"unassigned\""
        ]
    );
}

#[test]
fn merging_duplicates_fills_blank_cells_only_and_says_so() {
    let nodes = "id,label,sector,role,influence,team\n\
                     a,,GP,Lead,,\n\
                     b,Bo,GP,,,\n\
                     a,Ann,Acute,Lead,4,Blue\n\
                     a,Annie,,,5,\n\
                     b,Bo,,Nurse,,\n";
    let options = ImportOptions {
        merge_duplicates: true,
        ..opts()
    };
    let l = read_with(nodes, "source,target\na,b\n", &options).unwrap();
    let n = &l.network;
    assert_eq!(n.actors().len(), 2);
    let a = &n.actors()[0];
    assert_eq!(a.name, "Ann", "the first row's label was blank");
    assert_eq!(a.sector, "GP", "the first row's sector wins");
    assert_eq!(a.role, "Lead");
    assert_eq!(a.influence, Some(4));
    assert_eq!(a.attributes.get("team").map(String::as_str), Some("Blue"));
    assert_eq!(n.actors()[1].role, "Nurse");
    let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sectors, ["GP"], "a dropped value makes no sector");
    assert_eq!(
        l.warnings,
        [
            "nodes.csv: merged 3 duplicate actors into the first with the same id (\"a\", \"b\"); a later one only fills fields the earlier ones left blank, so 3 values that differed from the first's were dropped"
        ]
    );
    // A bad value in a merged row is still an error.
    let bad = "id,label,sector,influence\na,A,S,2\na,A,S,9\n";
    expect_err(
        read_with(bad, EDGES, &options),
        np(),
        cell(3, "influence"),
        &["\"9\""],
    );
}

#[test]
fn merging_lets_a_later_row_fill_a_blank_sector() {
    let options = ImportOptions {
        merge_duplicates: true,
        ..opts()
    };
    let l = read_with(
        "id,label,sector\na,A,\nb,B,S\na,A,T\n",
        "source,target\n",
        &options,
    )
    .unwrap();
    let sectors: Vec<&str> = l.network.sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sectors, ["T", "S"]);
    assert_eq!(l.warnings.len(), 1);
    assert!(!l.warnings[0].contains("dropped"), "{:?}", l.warnings);
}

#[test]
fn merging_gives_repeated_tie_ids_fresh_ones() {
    let options = ImportOptions {
        merge_duplicates: true,
        ..opts()
    };
    let l = read_with(NODES, "source,target,id\na,b,t2\nb,c,t2\nc,a,\n", &options).unwrap();
    let ids: Vec<&str> = l.network.ties().iter().map(|t| t.id().as_str()).collect();
    assert_eq!(ids, ["t2", "t1", "t3"]);
    assert_eq!(
        l.warnings,
        [
            "edges.csv: 1 tie reused an earlier tie's id and got a fresh one (line 3: \"t2\" is now \"t1\")"
        ]
    );
}

#[test]
fn a_default_sector_fills_blanks_and_is_announced() {
    let options = ImportOptions {
        default_sector: Some("Unsorted".into()),
        ..opts()
    };
    let l = read_with("id,label,sector\na,A,\nb,B,GP\nc,C,\n", EDGES, &options).unwrap();
    let n = &l.network;
    let sectors: Vec<&str> = n.sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(sectors, ["Unsorted", "GP"]);
    assert_eq!(n.actors()[2].sector, "Unsorted");
    assert_eq!(
        l.warnings,
        ["nodes.csv: 2 actors had no sector and were put in \"Unsorted\" (--default-sector)"]
    );
    // With no sector column at all.
    let l = read_with("id,label\na,A\nb,B\nc,C\n", EDGES, &options).unwrap();
    assert!(l.network.actors().iter().all(|a| a.sector == "Unsorted"));
    assert_eq!(
        l.warnings,
        ["nodes.csv: 3 actors had no sector and were put in \"Unsorted\" (--default-sector)"]
    );
    // Without blanks there is nothing to announce.
    let l = read_with(NODES, EDGES, &options).unwrap();
    assert!(l.warnings.is_empty());
}

#[test]
fn no_nodes_file_with_a_default_sector_makes_actors_from_the_ties() {
    let options = ImportOptions {
        default_sector: Some(" Unsorted ".into()),
        ..opts()
    };
    let l = read_csv_pair(ep(), "source,target\nq,p\np,r\nq,q\n", None, &options).unwrap();
    let n = &l.network;
    let ids: Vec<&str> = n.actors().iter().map(|a| a.id().as_str()).collect();
    assert_eq!(ids, ["q", "p", "r"]);
    assert!(
        n.actors()
            .iter()
            .all(|a| a.name == a.id().as_str() && a.sector == "Unsorted")
    );
    assert_eq!(n.ties().len(), 3);
    assert_eq!(
        l.warnings,
        [
            "no actors file, so 3 actors were made from the ties' ends, each labelled with its id and put in \"Unsorted\" (--default-sector)"
        ]
    );
}

// ---- writing -------------------------------------------------------

fn sample() -> Network {
    let mut n = Network::with_lists(Vec::new(), default_tie_kinds());
    n.ensure_sector("GP");
    let mut a = Actor::new("a", "Hughes, Ben \"BH\"", "GP");
    a.notes = "two\nlines".into();
    a.attributes.insert("team".into(), "Blue".into());
    a.attributes.insert("Label".into(), "x".into());
    a.attributes.insert("empty".into(), String::new());
    n.add_actor(a).unwrap();
    n.add_actor(Actor::new("b", "Zoë", "GP")).unwrap();
    let mut t = Tie::new("t1", "a", "b", "referral", true);
    t.strength = 0.1 + 0.2;
    n.add_tie(t).unwrap();
    n
}

#[test]
fn written_files_have_the_documented_layout() {
    let (nodes, edges) = write_csv_pair(&sample());
    let mut lines = nodes.split('\n');
    assert_eq!(
        lines.next().unwrap(),
        "id,label,sector,kind,organisation,role,profession,formal_position,stance,influence,tags,notes,x,y,pinned,private,attr:Label,team"
    );
    assert_eq!(
        lines.next().unwrap(),
        "a,\"Hughes, Ben \"\"BH\"\"\",GP,person,,,,,unknown,,,\"two"
    );
    assert!(
        nodes.contains("\nb,Zoë,GP,person,,,,,unknown,,,,,,false,stance;notes,,\n"),
        "{nodes}"
    );
    assert!(nodes.ends_with('\n') && !nodes.contains('\r') && !nodes.starts_with('\u{feff}'));
    assert_eq!(
        edges,
        "source,target,weight,id,kind,directed,confirmed,notes,private\na,b,0.30000000000000004,t1,referral,true,true,,notes\n"
    );
    assert_eq!(write_csv_pair(&sample()), (nodes, edges), "deterministic");
}

#[test]
fn written_files_read_back() {
    let n = sample();
    let (nodes, edges) = write_csv_pair(&n);
    let l = read(&nodes, &edges);
    assert!(l.warnings.is_empty());
    let mut want = n.clone();
    want.actor_mut(&"a".into())
        .unwrap()
        .attributes
        .remove("empty");
    assert_eq!(l.network.actors(), want.actors());
    assert_eq!(l.network.ties(), want.ties());
    assert_eq!(l.network.sectors, want.sectors);
    assert_eq!(l.network.tie_kinds, want.tie_kinds);
}

#[test]
fn an_empty_map_writes_headers_only_and_reads_back() {
    let n = Network::with_lists(Vec::new(), default_tie_kinds());
    let (nodes, edges) = write_csv_pair(&n);
    assert_eq!(nodes.lines().count(), 1);
    assert_eq!(edges.lines().count(), 1);
    let l = read(&nodes, &edges);
    assert_eq!(l.network, n);
}

// ---- the round trip --------------------------------------------

mod round_trip {
    use super::*;
    use crate::model::arbitrary::{self, Alphabet, Lists};
    use proptest::collection::{btree_map, vec};
    use proptest::prelude::*;
    use proptest::sample::select;

    /// What a CSV pair finds hard: separators, quotes, line ends and
    /// characters beyond ASCII, or anything at all.
    struct CsvText;

    impl Alphabet for CsvText {
        fn actor_id() -> impl Strategy<Value = String> {
            Self::name()
        }

        /// Not blank: a blank draw gets a letter added.
        fn name() -> impl Strategy<Value = String> {
            Self::text().prop_map(|s| if s.trim().is_empty() { s + "x" } else { s })
        }

        fn text() -> impl Strategy<Value = String> {
            prop_oneof![
                3 => r#"[a-c ,"\r\n;:éΩ漢🎉\t']{0,8}"#,
                1 => any::<String>(),
            ]
        }

        /// A valid tag: no ';', trimmed, not empty.
        fn tag() -> impl Strategy<Value = String> {
            Self::text().prop_map(|s| {
                let t = s.replace(';', "");
                let t = t.trim();
                if t.is_empty() {
                    "tag".to_owned()
                } else {
                    t.to_owned()
                }
            })
        }

        fn coordinate() -> impl Strategy<Value = f64> {
            use proptest::num::f64::{NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
            prop_oneof![
                -1e3f64..1e3,
                POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO
            ]
        }

        fn strength() -> impl Strategy<Value = f64> {
            use crate::model::{MAX_STRENGTH, MIN_STRENGTH};
            prop_oneof![Just(1.0), 1e-3f64..10.0, MIN_STRENGTH..=MAX_STRENGTH]
        }

        fn attributes() -> impl Strategy<Value = std::collections::BTreeMap<String, String>> {
            let key = prop_oneof![
                1 => select(vec!["", " ", "label", "Source", "ID", "attr:", "attr:id", "team", " team "])
                    .prop_map(str::to_owned),
                2 => Self::text(),
            ];
            let value = Self::text().prop_map(|v| if v.is_empty() { "v".to_owned() } else { v });
            btree_map(key, value, 0..3)
        }
    }

    /// Trimmed and not empty, as sector and tie-kind names are read.
    fn trimmed() -> impl Strategy<Value = String> {
        CsvText::name().prop_map(|s| s.trim().to_owned())
    }

    /// The lists a CSV pair can hold: the sectors in order of first
    /// use; the default tie kinds, then new kinds in order of first use.
    fn lists() -> impl Strategy<Value = Lists> {
        let default_kinds = default_tie_kinds()
            .into_iter()
            .map(|k| k.name)
            .collect::<Vec<_>>();
        (
            vec(trimmed(), 1..4),
            vec(prop_oneof![select(default_kinds), trimmed()], 1..4),
        )
            .prop_map(|(sector_names, kind_names)| Lists {
                sectors: Vec::new(),
                tie_kinds: default_tie_kinds(),
                sector_names,
                kind_names,
            })
    }

    fn network() -> impl Strategy<Value = Network> {
        arbitrary::network::<CsvText>(lists(), 5, 7)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn writing_then_reading_gives_the_same_map(n in network()) {
            prop_assert!(n.validate().is_empty(), "{:?}", n.validate());
            let (nodes, edges) = write_csv_pair(&n);
            let back = match read_csv_pair(ep(), &edges, Some((np(), &nodes)), &ImportOptions::default()) {
                Ok(l) => l,
                Err(e) => return Err(TestCaseError::fail(format!("{e}\n--- nodes\n{nodes}\n--- edges\n{edges}"))),
            };
            prop_assert!(back.warnings.is_empty(), "{:?}", back.warnings);
            let m = &back.network;
            prop_assert_eq!(m.actors(), n.actors());
            prop_assert_eq!(m.ties(), n.ties());
            let names = |n: &Network| n.sectors.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
            prop_assert_eq!(names(m), names(&n));
            prop_assert_eq!(&m.sectors, &n.sectors);
            prop_assert_eq!(&m.tie_kinds, &n.tie_kinds);
            prop_assert_eq!(write_csv_pair(m), (nodes, edges));
        }
    }
}
