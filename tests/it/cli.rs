//! The command line as a user runs it: exit codes, one or two readable
//! lines on stderr for bad input, never a panic (exit 101) or a backtrace.

use crate::data;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub(crate) fn bridgework(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bridgework"))
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub(crate) fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Asserts a clean failure: exit 1, a short message naming the file.
fn assert_refused(o: &Output, file: &Path, words: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "stderr: {err}");
    assert!(
        err.contains(p(file)) || err.contains(&*file.file_name().unwrap().to_string_lossy()),
        "{err}"
    );
    assert!(err.contains(words), "expected {words:?} in: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert!(
        err.lines().count() <= 3 || err.contains("problems"),
        "too long: {err}"
    );
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Deterministic pseudo-random bytes (xorshift), `len` of them.
fn noise(len: usize, printable: bool) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let b = (x >> 24) as u8;
            if printable { b' ' + b % 95 } else { b }
        })
        .collect()
}

#[test]
fn without_a_display_the_editor_says_so_in_one_line() {
    let out = Command::new(env!("CARGO_BIN_EXE_bridgework"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.starts_with("bridgework: "), "{err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
}

#[test]
fn validate_prints_counts_for_graphml_csv_and_native() {
    let o = bridgework(&["validate", p(&data("karate.graphml"))]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("usable map")
            && out.contains("actors:    34")
            && out.contains("ties:      78"),
        "{out}"
    );
    assert!(out.contains("Mr. Hi") && out.contains("17"), "{out}");

    let o = bridgework(&[
        "validate",
        p(&data("toy4_directed.edges.csv")),
        "--nodes",
        p(&data("toy4_directed.nodes.csv")),
        "--directed",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("6 directed, 0 mutual"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn convert_goes_between_all_formats_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("care.json");
    let graphml = dir.path().join("care.graphml");
    let csv = dir.path().join("care.edges.csv");
    let back = dir.path().join("back.json");
    let o = bridgework(&["convert", p(&data("care_toy.graphml")), p(&json)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("8 actors, 10 ties"), "{}", stdout(&o));
    let o = bridgework(&["convert", p(&json), p(&graphml)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = bridgework(&["convert", p(&graphml), p(&csv)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.path().join("care.nodes.csv").is_file());
    let o = bridgework(&["convert", p(&csv), p(&back)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let a = bridgework::io::load(&json, &Default::default())
        .unwrap()
        .network;
    let b = bridgework::io::load(&back, &Default::default())
        .unwrap()
        .network;
    assert_eq!(a.actors(), b.actors());
    assert_eq!(a.ties(), b.ties());
}

#[test]
fn convert_refuses_unknown_extensions_and_writing_over_its_input() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("m.json");
    bridgework(&["convert", p(&data("kite.graphml")), p(&json)]);
    let o = bridgework(&["convert", p(&json), p(&dir.path().join("m.docx"))]);
    assert_refused(&o, Path::new("m.docx"), "unknown file type");
    let o = bridgework(&["convert", p(&json), p(&json)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("is also the input"), "{}", stderr(&o));
}

#[test]
fn bad_files_get_one_clear_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let karate = std::fs::read(data("karate.graphml")).unwrap();
    let cases: Vec<(PathBuf, &str)> = vec![
        (write(d, "empty.json", b""), "empty"),
        (write(d, "blank.csv", b"\n\n  \n"), "empty"),
        (
            write(d, "random.json", &noise(4096, false)),
            "not a text file",
        ),
        (
            write(d, "random.graphml", &noise(4096, false)),
            "not a text file",
        ),
        (write(d, "text.json", &noise(4096, true)), "not valid JSON"),
        (
            write(d, "truncated.graphml", &karate[..karate.len() / 2]),
            "truncated",
        ),
        (
            write(
                d,
                "mismatch.graphml",
                b"<graphml><graph edgedefault=\"undirected\"><node id=\"a\"></graph></graphml>",
            ),
            "line 1",
        ),
        (
            write(
                d,
                "truncated.json",
                b"{\"format\": \"bridgework\", \"version\": 1, \"actors\": [{\"id\": ",
            ),
            "not valid JSON",
        ),
        (
            write(d, "other.json", b"{\"nodes\": [], \"links\": []}"),
            "not a Bridgework map",
        ),
        (
            write(
                d,
                "newer.json",
                b"{\"format\": \"bridgework\", \"version\": 99}",
            ),
            "newer Bridgework",
        ),
        (
            write(
                d,
                "latin1.edges.csv",
                b"source,target,weight\nChlo\xEB,b,1\n",
            ),
            "not valid UTF-8",
        ),
        (write(d, "notes.txt", b"hello"), "unknown file type"),
    ];
    for (file, words) in &cases {
        let o = bridgework(&["validate", p(file)]);
        assert_refused(&o, file, words);
    }
}

#[test]
fn csv_row_errors_name_the_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let nodes = write(d, "m.nodes.csv", b"id,label,sector\na,Ann,GP\nb,Bo,Acute\n");
    let cases: Vec<(&str, &[u8], &str)> = vec![
        (
            "unknown.edges.csv",
            b"source,target,weight\na,b,1\na,zz,1\n",
            "line 3",
        ),
        (
            "nan.edges.csv",
            b"source,target,weight\na,b,NaN\n",
            "line 2",
        ),
        (
            "neg.edges.csv",
            b"source,target,weight\na,b,-1\n",
            "not positive",
        ),
        (
            "inf.edges.csv",
            b"source,target,weight\na,b,inf\n",
            "infinite",
        ),
        (
            "text.edges.csv",
            b"source,target,weight\na,b,strong\n",
            "not a number",
        ),
        ("cols.edges.csv", b"from_id,to_id\na,b\n", "source"),
    ];
    for (name, bytes, words) in cases {
        let file = write(d, name, bytes);
        let o = bridgework(&["validate", p(&file), "--nodes", p(&nodes)]);
        assert_refused(&o, &file, words);
    }
    let dup = write(
        d,
        "dup.nodes.csv",
        b"id,label,sector\na,Ann,GP\na,Ann again,GP\n",
    );
    let edges = write(d, "ok.edges.csv", b"source,target,weight\n");
    let o = bridgework(&["validate", p(&edges), "--nodes", p(&dup)]);
    assert_refused(&o, &dup, "duplicate id");
    let o = bridgework(&[
        "validate",
        p(&edges),
        "--nodes",
        p(&dup),
        "--merge-duplicates",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("actors:    1"), "{}", stdout(&o));
    assert!(
        stdout(&o).to_lowercase().contains("merged"),
        "the repair is announced: {}",
        stdout(&o)
    );

    // Some actors without a sector: refused at the first.
    let some = write(d, "some.nodes.csv", b"id,label,sector\na,Ann,GP\nb,Bo,\n");
    let o = bridgework(&["validate", p(&edges), "--nodes", p(&some)]);
    assert_refused(&o, &some, "has no sector, though others have one");
    // No actor with a sector: every actor "unassigned", and said so.
    let no_sector = write(d, "ns.nodes.csv", b"id,label,sector\na,Ann,\n");
    let o = bridgework(&["validate", p(&edges), "--nodes", p(&no_sector)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("unassigned"), "{}", stdout(&o));
    let o = bridgework(&[
        "validate",
        p(&edges),
        "--nodes",
        p(&no_sector),
        "--default-sector",
        "primary care",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn latin1_files_open_when_asked_to() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let nodes = write(
        d,
        "l.nodes.csv",
        b"id,label,sector\na,Chlo\xEB Price,GP\nb,Bo,GP\n",
    );
    let edges = write(d, "l.edges.csv", b"source,target,weight\na,b,1\n");
    let o = bridgework(&["validate", p(&edges)]);
    assert_refused(&o, &nodes, "--encoding latin1");
    let json = d.join("l.json");
    let o = bridgework(&["convert", p(&edges), p(&json), "--encoding", "latin1"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let n = bridgework::io::load(&json, &Default::default())
        .unwrap()
        .network;
    assert_eq!(n.actors()[0].name, "Chloë Price");
}

#[test]
fn awkward_but_valid_csv_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let big_label = "x".repeat(1 << 20);
    let nodes = format!(
        "\u{FEFF}id,label,sector,team\r\na,\"Ann, \"\"the\"\" lead\nsecond line\",GP,blue\r\nb,{big_label},Acute,\r\n"
    );
    let nodes = write(d, "w.nodes.csv", nodes.as_bytes());
    let edges = write(d, "w.edges.csv", b"source,target,weight\r\n");
    let o = bridgework(&["validate", p(&edges), "--nodes", p(&nodes)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("actors:    2") && stdout(&o).contains("ties:      0"),
        "{}",
        stdout(&o)
    );
    let n = bridgework::io::load(
        &edges,
        &bridgework::io::ImportOptions {
            nodes: Some(nodes),
            ..Default::default()
        },
    )
    .unwrap()
    .network;
    assert_eq!(n.actors()[0].name, "Ann, \"the\" lead\nsecond line");
    assert_eq!(
        n.actors()[0].attributes.get("team").map(String::as_str),
        Some("blue")
    );
    assert_eq!(n.actors()[1].name.len(), 1 << 20);
}

#[test]
fn fifty_megabytes_of_noise_fail_fast_and_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let printable = noise(50 << 20, true);
    for name in ["noise.csv", "noise.graphml", "noise.json"] {
        let file = write(d, name, &printable);
        let o = bridgework(&["validate", p(&file)]);
        assert_eq!(o.status.code(), Some(1), "{name}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
        assert!(stderr(&o).lines().count() <= 2, "{name}: {}", stderr(&o));
    }
    let file = write(d, "bytes.csv", &noise(50 << 20, false));
    let o = bridgework(&["validate", p(&file)]);
    assert_refused(&o, &file, "not a text file");
}

#[test]
fn samples_validate() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_networks");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let o = bridgework(&["validate", p(&path)]);
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}: {}",
                path.display(),
                stderr(&o)
            );
        }
    }
}

/// `validate` printed "491 ties (directed)" for a map the editor shows with
/// 279 ties: it now names both counts and what makes them differ.
#[test]
fn validate_and_analyse_say_ties_on_the_map_and_arcs_in_the_analysis_view() {
    use bridgework::model::{AnalysisView, ViewOptions};
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_networks/frailty_discharge.json");
    let n = bridgework::io::load(&path, &Default::default())
        .unwrap()
        .network;
    let arcs = AnalysisView::new(&n, &ViewOptions::default()).edge_count();
    assert!(
        arcs > n.ties().len(),
        "the sample should show the difference"
    );

    let o = bridgework(&["validate", p(&path)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    for words in [
        format!(
            "ties:      {} on the map, as the editor counts them",
            n.ties().len()
        ),
        format!("analysis:  the analysis view has {arcs} arcs (directed"),
        "a mutual tie counts once each way".to_owned(),
        "left out (conflict".to_owned(),
        "joining an actor to itself dropped".to_owned(),
    ] {
        assert!(out.contains(&words), "{words:?} missing from\n{out}");
    }

    let o = bridgework(&["analyse", p(&path), "--format", "table"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let head = format!(
        "{} actors, {} ties on the map, as the editor counts them\nThe analysis view has {arcs} arcs (directed",
        n.actors().len(),
        n.ties().len()
    );
    assert!(out.starts_with(&head), "{out}");
    assert!(!out.contains("ties (directed)"), "{out}");
}

/// `bench --latency` runs the insight panels' jobs on a small generated map
/// and prints one row per scenario with its target where the issue sets
/// one (the figures themselves are not checked: speed is benchmarked, not
/// tested).
#[test]
fn bench_latency_prints_every_scenario_with_its_target() {
    let o = bridgework(&["bench", "--latency", "--sizes", "80,1000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for scenario in [
        "edit a tie → every insight section updated",
        "mark an actor as leaving → what-if result",
        "change a coalition weight → new set",
    ] {
        assert_eq!(text.matches(scenario).count(), 2, "{scenario}: {text}");
    }
    assert!(
        text.contains("| 1000 |") && text.contains("≤ 200.0 ms"),
        "{text}"
    );
    assert!(text.contains("| 80 | silo map |"), "{text}");
}

// ---- render and report ----

fn sample_map(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample_networks")
        .join(name)
}

#[test]
fn render_writes_svg_and_png_and_refuses_other_names() {
    let dir = tempfile::tempdir().unwrap();
    let map = sample_map("diabetes_network.json");
    let svg = dir.path().join("map.svg");
    let o = bridgework(&["render", p(&map), "-o", p(&svg), "--width", "1000"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Wrote"), "{}", stdout(&o));
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<?xml") && text.contains("width=\"1000\""));
    let read = crate::exports::read_svg(&text);
    let net = crate::exports::sample("diabetes_network.json");
    assert_eq!(read.actors.len(), net.actors().len());

    let png_path = dir.path().join("map.PNG");
    let o = bridgework(&[
        "render",
        p(&map),
        "-o",
        p(&png_path),
        "--width",
        "700",
        "--theme",
        "projector",
        "--shareable",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let reader = png::Decoder::new(std::io::BufReader::new(
        std::fs::File::open(&png_path).unwrap(),
    ))
    .read_info()
    .unwrap();
    // Twice the width asked for, or more: at 700 points the projector's
    // legend leaves a map narrower than its longest 24-point name, and the
    // picture grows rather than cut it.
    assert!(reader.info().width >= 1400, "{}", reader.info().width);

    let jpg = dir.path().join("map.jpg");
    let o = bridgework(&["render", p(&map), "-o", p(&jpg)]);
    assert_refused(&o, &jpg, ".svg");
    assert!(!jpg.exists());
    let nowhere = dir.path().join("no such folder").join("map.svg");
    let o = bridgework(&["render", p(&map), "-o", p(&nowhere)]);
    assert_refused(&o, &nowhere, "cannot save");
    let o = bridgework(&["render", p(&map), "-o", p(&svg), "--width", "5"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--width"), "{}", stderr(&o));
}

#[test]
fn report_leaves_private_fields_out_unless_asked_and_then_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut net = crate::exports::sample("frailty_discharge.json");
    let ids: Vec<_> = net.actors().iter().map(|a| a.id().clone()).collect();
    for (i, id) in ids.iter().enumerate() {
        net.actor_mut(id).unwrap().notes = format!("PRIVATE-NOTE-{i}");
    }
    let map = dir.path().join("secret map.json");
    bridgework::io::save(&net, &map, &Default::default()).unwrap();

    let out = dir.path().join("board.html");
    let o = bridgework(&["report", p(&map), "-o", p(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.contains("PRIVATE-NOTE"));
    assert!(!page.to_lowercase().contains("http"));

    let private = dir.path().join("private.html");
    let o = bridgework(&["report", p(&map), "-o", p(&private), "--include-private"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("INCLUDES PRIVATE FIELDS"),
        "{}",
        stderr(&o)
    );
    let page = std::fs::read_to_string(&private).unwrap();
    assert!(page.contains("PRIVATE-NOTE-0"));
    assert!(page.contains("INCLUDES PRIVATE FIELDS"));

    let txt = dir.path().join("board.txt");
    let o = bridgework(&["report", p(&map), "-o", p(&txt)]);
    assert_refused(&o, &txt, ".html");
}

#[test]
fn analyse_csv_is_the_measures_export() {
    let map = sample_map("mental_health_crisis.json");
    let o = bridgework(&["analyse", p(&map), "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let net = crate::exports::sample("mental_health_crisis.json");
    let bytes = bridgework::export::measures_csv::measures_csv(
        &net,
        &bridgework::analysis::Control::none(),
    )
    .unwrap();
    assert_eq!(String::from_utf8(bytes).unwrap(), stdout(&o));
    let header = stdout(&o).lines().next().unwrap().to_owned();
    assert!(header.starts_with("id,name,sector,") && header.contains("betweenness"));
    assert_eq!(stdout(&o).lines().count(), net.actors().len() + 1);
}

#[test]
fn convert_takes_the_mapping_steps_choices_as_options() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "staff.nodes.csv",
        b"id,label,Type,Category\na,Amara,Primary care,organisation\nb,Ben,Acute,person\n",
    );
    let edges = write(dir.path(), "staff.edges.csv", b"source,target\na,b\n");
    let out = dir.path().join("staff.json");
    let o = bridgework(&[
        "convert",
        p(&edges),
        p(&out),
        "--map",
        "sector=Type",
        "--map",
        "kind=Category",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let n = bridgework::io::load(&out, &Default::default())
        .unwrap()
        .network;
    assert_eq!(n.actors()[0].sector, "Primary care");
    assert_eq!(
        n.actors()[0].kind,
        bridgework::model::ActorKind::Organisation
    );
    assert!(n.actors()[0].attributes.is_empty());

    // Without --map, the sectors are "unassigned"; --guess-fields takes Type.
    let o = bridgework(&["validate", p(&edges), "--guess-fields"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("Primary care "), "{}", stdout(&o));

    // --fields lists the fields with samples, and the guesses.
    let o = bridgework(&["validate", p(&edges), "--fields"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("sector        ← (none)   (guess: Type;"),
        "{text}"
    );
    assert!(text.contains("e.g. Primary care, Acute"), "{text}");
    let o = bridgework(&["validate", p(&edges), "--fields", "--map", "sector=Type"]);
    assert!(
        stdout(&o).contains("sector        ← Type\n"),
        "{}",
        stdout(&o)
    );

    let o = bridgework(&["validate", p(&edges), "--map", "sector=Sectr"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no field \"Sectr\""), "{}", stderr(&o));
    let o = bridgework(&["validate", p(&edges), "--map", "colour=Type"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("not a role"), "{}", stderr(&o));
}
