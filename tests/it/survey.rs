//! Survey responses (a name generator exported from an online form) on the
//! command line: `--from survey` with `convert`, `validate` and the column
//! options, on the hand-made `tests/data/formats/survey_form.csv`.

use crate::cli::bridgework;
use crate::data;
use bridgework::io::{ImportOptions, load};
use bridgework::model::{ActorId, Network};
use std::process::Output;

fn form() -> String {
    data("formats/survey_form.csv").to_str().unwrap().to_owned()
}

/// `convert` of the form to JSON with `extra` options: its output and the
/// map written.
fn convert_form(extra: &[&str]) -> (Output, Network) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("map.json");
    let form = form();
    let mut args = vec![
        "convert",
        form.as_str(),
        out.to_str().unwrap(),
        "--from",
        "survey",
    ];
    args.extend_from_slice(extra);
    let o = bridgework(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let n = load(&out, &ImportOptions::default()).unwrap().network;
    (o, n)
}

#[test]
fn convert_from_survey_writes_a_map_and_lists_near_duplicates() {
    let (o, n) = convert_form(&[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(String::from_utf8_lossy(&o.stdout).contains("9 actors, 14 ties"));
    assert!(
        err.contains("note: may be one person: \"Amara Okafor\" and \"Dr A. Okafor\""),
        "{err}"
    );
    assert_eq!(n.actors().len(), 9);
    let kinds: Vec<&str> = n.tie_kinds.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(kinds, ["advice", "works with most closely"]);
    let tom = n.actor(&ActorId::new("tom-reed")).unwrap();
    assert_eq!(
        tom.attributes.get("surveyed").map(String::as_str),
        Some("false")
    );
}

#[test]
fn same_person_and_question_columns_are_taken_from_the_command_line() {
    let (_, n) = convert_form(&[
        "--question-column",
        "Who do you go to for advice?",
        "--same-person",
        "Amara Okafor=Dr A. Okafor",
    ]);
    let kinds: Vec<&str> = n.tie_kinds.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(kinds, ["advice"]);
    assert!(n.actor(&ActorId::new("dr-a-okafor")).is_none());
    // advice: Amara → Ben, Dr Priya Shah; Ben → Amara, Priya; Priya → Amara.
    assert_eq!(n.ties().len(), 5);
}

/// Runs `validate` on the form with `options`: it fails with `words`.
fn refused(options: &[&str], words: &str) {
    let form = form();
    let mut args = vec!["validate", form.as_str()];
    args.extend_from_slice(options);
    let o = bridgework(&args);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(words), "{err}");
}

#[test]
fn survey_options_are_checked_and_errors_name_the_column() {
    refused(
        &["--question-column", "Advice"],
        "--question-column only applies with --from survey",
    );
    refused(
        &["--from", "survey", "--respondent-column", "Nom"],
        "survey_form.csv: --respondent-column \"Nom\": there is no such column",
    );
    refused(
        &["--from", "survey", "--same-person", "Amara"],
        "joined by '='",
    );
    let o = bridgework(&["validate", &form(), "--from", "survey"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn column_gives_any_column_a_role_as_the_preview_does() {
    // The second question as an attribute: one tie kind left, and its
    // answers kept on the respondent.
    let (_, n) = convert_form(&["--column", "Who do you work with most closely?=attribute"]);
    let kinds: Vec<&str> = n.tie_kinds.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(kinds, ["advice"]);
    let amara = n.actor(&ActorId::new("amara-okafor")).unwrap();
    assert!(
        amara
            .attributes
            .contains_key("Who do you work with most closely?"),
        "{:?}",
        amara.attributes
    );
    refused(
        &["--from", "survey", "--column", "Team=boss"],
        "--column \"Team=boss\": write HEADER=ROLE",
    );
    refused(
        &["--column", "Team=sector"],
        "--column only applies with --from survey",
    );
}
