//! The sample networks load, are valid, and are as rich as promised.

use bridgework::io::{ImportOptions, load};
use bridgework::model::{ActorKind, Stance};
use std::collections::BTreeSet;
use std::path::PathBuf;

fn samples() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_networks");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

#[test]
fn at_least_three_samples_of_40_to_150_actors_with_every_attribute_filled() {
    let files = samples();
    assert!(files.len() >= 3, "{files:?}");
    for f in files {
        let n = load(&f, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .network;
        let name = f.display();
        assert!(
            (40..=150).contains(&n.actors().len()),
            "{name}: {} actors",
            n.actors().len()
        );
        assert!(!n.title.is_empty() && !n.description.is_empty(), "{name}");
        for a in n.actors() {
            assert!(
                !a.organisation.is_empty() && !a.role.is_empty(),
                "{name}: {}",
                a.id()
            );
            assert!(
                a.formal_position.is_some() && a.influence.is_some(),
                "{name}: {}",
                a.id()
            );
            assert!(
                !a.tags.is_empty() && !a.notes.is_empty(),
                "{name}: {}",
                a.id()
            );
            assert!(a.x.is_some() && a.y.is_some(), "{name}: {}", a.id());
            if a.kind == ActorKind::Person {
                assert!(
                    a.profession.is_some(),
                    "{name}: {} has no profession",
                    a.id()
                );
            }
        }
        let stances: BTreeSet<Stance> = n.actors().iter().map(|a| a.stance).collect();
        assert!(
            stances.len() >= 5,
            "{name}: stance should vary: {stances:?}"
        );
        let influences: BTreeSet<u8> = n.actors().iter().filter_map(|a| a.influence).collect();
        assert!(influences.len() >= 4, "{name}: influence should vary");
        assert!(
            n.actors().iter().any(|a| a.kind == ActorKind::PatientVoice),
            "{name}: needs a patient or carer voice"
        );
        let sectors: BTreeSet<&str> = n.actors().iter().map(|a| a.sector.as_str()).collect();
        assert!(sectors.len() >= 6, "{name}: only {} sectors", sectors.len());
        assert!(
            n.ties().len() >= 2 * n.actors().len(),
            "{name}: too few ties"
        );
    }
}
