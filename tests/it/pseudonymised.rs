//! Pseudonymised share copies (`convert --pseudonymise`): no name,
//! organisation, role, notes or stance of any actor in the copy, a key
//! that maps every code back, and the same codes every time.

use crate::cli::bridgework;
use bridgework::io::{ImportOptions, load};
use bridgework::model::{Network, Stance};
use std::path::{Path, PathBuf};

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample_networks")
        .join(name)
}

/// Converts `input` to `out` with `--pseudonymise` (and `extra`); the
/// copy's text and the key's rows (without the header).
fn pseudonymise(input: &Path, out: &Path, extra: &[&str]) -> (String, Vec<Vec<String>>) {
    let mut args = vec![
        "convert",
        input.to_str().unwrap(),
        out.to_str().unwrap(),
        "--pseudonymise",
    ];
    args.extend_from_slice(extra);
    let o = bridgework(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let key = out.with_extension("key.csv");
    assert!(
        String::from_utf8_lossy(&o.stdout).contains(&format!(
            "the key is {}: keep it to yourself",
            key.display()
        )),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let mut rdr = csv::Reader::from_path(&key).unwrap();
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        ["code", "id", "name", "organisation", "role"]
    );
    let rows = rdr
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (std::fs::read_to_string(out).unwrap(), rows)
}

/// Every private detail of `original` that must not be in `copy`.
fn assert_nothing_personal(original: &Network, copy: &str) {
    for a in original.actors() {
        for secret in [&a.name, &a.organisation, &a.role, &a.notes] {
            let s = secret.trim();
            if s.chars().count() >= 3 {
                assert!(!copy.contains(s), "\"{s}\" is in the copy");
            }
        }
    }
}

#[test]
fn every_sample_map_pseudonymises_with_a_key_back_and_stable_codes() {
    for name in [
        "diabetes_network.json",
        "frailty_discharge.json",
        "mental_health_crisis.json",
    ] {
        let input = sample(name);
        let original = load(&input, &ImportOptions::default()).unwrap().network;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("share.json");
        let (text, key) = pseudonymise(&input, &out, &[]);
        assert_nothing_personal(&original, &text);
        let copy = load(&out, &ImportOptions::default()).unwrap().network;
        assert!(copy.actors().iter().all(|a| a.stance == Stance::Unknown));
        assert!(copy.actors().iter().all(|a| a.notes.is_empty()));
        assert_eq!(copy.ties().len(), original.ties().len());
        // The key: one row an actor, each code in the copy, back to the
        // actor's id and name.
        assert_eq!(key.len(), original.actors().len());
        for row in &key {
            let (code, id, name) = (&row[0], &row[1], &row[2]);
            assert!(
                copy.actors()
                    .iter()
                    .any(|a| a.id().as_str() == code && &a.name == code)
            );
            let a = original
                .actors()
                .iter()
                .find(|a| a.id().as_str() == id)
                .unwrap();
            assert_eq!(&a.name, name);
            assert_eq!(&a.organisation, &row[3]);
        }
        // Ties join the same people, by code.
        let code_of = |id: &str| key.iter().find(|r| r[1] == id).map(|r| r[0].clone());
        for (t, c) in original.ties().iter().zip(copy.ties()) {
            assert_eq!(
                code_of(t.from().as_str()).as_deref(),
                Some(c.from().as_str())
            );
            assert_eq!(code_of(t.to().as_str()).as_deref(), Some(c.to().as_str()));
        }
        // Stable: the same map gives the same copy and key.
        let again = dir.path().join("again.json");
        let (text2, key2) = pseudonymise(&input, &again, &[]);
        assert_eq!((text2, key2), (text, key));
    }
}

#[test]
fn a_survey_pseudonymises_in_one_step_keeping_who_responded() {
    let input = crate::data("formats/survey_form.csv");
    let original = load(
        &input,
        &ImportOptions {
            survey: Some(Default::default()),
            ..Default::default()
        },
    )
    .unwrap()
    .network;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("share.graphml");
    let (text, key) = pseudonymise(&input, &out, &["--from", "survey"]);
    assert_nothing_personal(&original, &text);
    assert!(!text.contains("Okafor") && !text.contains("example.org"));
    assert_eq!(key.len(), 9);
    assert_eq!(key[0][0], "P001");
    assert_eq!(key[0][1], "amara");
    let copy = load(&out, &ImportOptions::default()).unwrap().network;
    let surveyed = copy
        .actors()
        .iter()
        .filter(|a| a.attributes.get("surveyed").map(String::as_str) == Some("true"))
        .count();
    assert_eq!(surveyed, 4);
}
