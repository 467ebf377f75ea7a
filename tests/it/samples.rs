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

/// Every sector on a sample map has a colour of its own (CIE ΔE76 at least
/// 12 from every other sector's) and none is near the selection colour.
#[test]
fn sample_sector_colours_differ_and_keep_clear_of_the_selection_colour() {
    use bridgework::model::{MIN_DELTA_E, SELECTION};
    for f in samples() {
        let n = load(&f, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .network;
        let name = f.display();
        let sectors = &n.sectors;
        for (i, a) in sectors.iter().enumerate() {
            let d = a.colour.delta_e76(SELECTION);
            assert!(
                d >= MIN_DELTA_E,
                "{name}: {} is ΔE76 {d:.1} from SELECTION",
                a.name
            );
            for b in &sectors[i + 1..] {
                let d = a.colour.delta_e76(b.colour);
                assert!(
                    d >= MIN_DELTA_E,
                    "{name}: {} ({}) and {} ({}) are ΔE76 {d:.1} apart",
                    a.name,
                    a.colour,
                    b.name,
                    b.colour
                );
            }
        }
    }
}

/// The samples' sectors beyond the defaults are styled as the app would
/// style them (tools/make_samples.py hard-codes them in EXTRA_STYLES).
#[test]
fn sample_extra_sectors_have_the_styles_the_app_gives_new_sectors() {
    use bridgework::model::{Network, default_sectors};
    for f in samples() {
        let n = load(&f, &ImportOptions::default())
            .unwrap_or_else(|e| panic!("{e}"))
            .network;
        assert_eq!(n.sectors[..11], default_sectors()[..], "{}", f.display());
        let mut fresh = Network::new();
        for s in &n.sectors[11..] {
            fresh.ensure_sector(&s.name);
        }
        assert_eq!(fresh.sectors, n.sectors, "{}", f.display());
    }
}
