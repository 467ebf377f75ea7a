//! Round trips: any valid map survives native save/load exactly, and the
//! parts each exchange format can hold survive CSV and GraphML.

use bridgework::io::{ExportOptions, ImportOptions, load, save};
use bridgework::model::{
    Actor, ActorField, ActorKind, Network, Profession, Stance, Tie, TieField, default_tie_kinds,
};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// Text with the characters that break naive writers: separators, quotes,
/// markup, line ends, non-ASCII and astral-plane characters.
fn text() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9 ,;\"'<>&=\\n\\r\\tëáÖ€中😀]{0,12}").unwrap()
}

fn word() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[a-zA-Z0-9ëá][a-zA-Z0-9 _.ëá-]{0,8}[a-zA-Z0-9]").unwrap()
}

fn attr_key() -> impl Strategy<Value = String> {
    prop_oneof![
        word(),
        Just("label".to_owned()),
        Just("Title".to_owned()),
        Just("attr:weight".to_owned()),
        Just("sector".to_owned()),
    ]
}

fn non_empty_text() -> impl Strategy<Value = String> {
    (word(), text()).prop_map(|(w, t)| format!("{w}{t}"))
}

fn pick<T: Clone + std::fmt::Debug + 'static>(items: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(items)
}

#[derive(Debug, Clone)]
struct ActorSpec {
    id: String,
    name: String,
    sector: usize,
    kind: ActorKind,
    organisation: String,
    role: String,
    profession: Option<Profession>,
    formal_position: Option<u8>,
    stance: Stance,
    influence: Option<u8>,
    tags: Vec<String>,
    notes: String,
    xy: Option<(f64, f64)>,
    pinned: bool,
    private: BTreeSet<ActorField>,
    attributes: Vec<(String, String)>,
}

fn actor_spec() -> impl Strategy<Value = ActorSpec> {
    (
        (
            word(),
            non_empty_text(),
            0usize..4,
            pick(&ActorKind::ALL),
            text(),
            text(),
        ),
        (
            proptest::option::of(pick(&Profession::ALL)),
            proptest::option::of(1u8..=5),
            pick(&Stance::ALL),
            proptest::option::of(1u8..=5),
            proptest::collection::vec(word(), 0..3),
            text(),
        ),
        (
            proptest::option::of((-1e6f64..1e6, -1e6f64..1e6)),
            any::<bool>(),
            proptest::collection::btree_set(pick(&ActorField::ALL), 0..4),
            proptest::collection::vec((attr_key(), non_empty_text()), 0..3),
        ),
    )
        .prop_map(
            |(
                (id, name, sector, kind, organisation, role),
                (profession, formal_position, stance, influence, tags, notes),
                (xy, pinned, private, attributes),
            )| ActorSpec {
                id,
                name,
                sector,
                kind,
                organisation,
                role,
                profession,
                formal_position,
                stance,
                influence,
                tags,
                notes,
                xy,
                pinned,
                private,
                attributes,
            },
        )
}

#[derive(Debug, Clone)]
struct TieSpec {
    from: usize,
    to: usize,
    kind: usize,
    directed: bool,
    strength: f64,
    confirmed: bool,
    notes: String,
    private: BTreeSet<TieField>,
    attributes: Vec<(String, String)>,
}

fn tie_spec() -> impl Strategy<Value = TieSpec> {
    (
        (0usize..64, 0usize..64, 0usize..7, any::<bool>()),
        (1e-6f64..1e6, any::<bool>(), text()),
        proptest::collection::btree_set(pick(&TieField::ALL), 0..2),
        proptest::collection::vec((attr_key(), non_empty_text()), 0..2),
    )
        .prop_map(
            |((from, to, kind, directed), (strength, confirmed, notes), private, attributes)| {
                TieSpec {
                    from,
                    to,
                    kind,
                    directed,
                    strength,
                    confirmed,
                    notes,
                    private,
                    attributes,
                }
            },
        )
}

const SECTORS: [&str; 4] = ["primary care", "Acute trust", "Social care ë", "Mr. Hi"];

/// A valid network whose sector list is exactly the sectors its actors use,
/// in first-use order, and whose tie kinds are the defaults plus, maybe, one
/// new kind: the shape a CSV round trip can reproduce exactly.
fn network() -> impl Strategy<Value = Network> {
    (
        proptest::collection::vec(actor_spec(), 0..10),
        proptest::collection::vec(tie_spec(), 0..16),
        text(),
    )
        .prop_map(|(actors, ties, title)| {
            let mut n = Network::with_lists(Vec::new(), default_tie_kinds());
            n.title = title;
            for s in actors {
                if n.actor(&s.id.as_str().into()).is_some() {
                    continue;
                }
                let sector = SECTORS[s.sector % SECTORS.len()];
                n.ensure_sector(sector);
                let mut a = Actor::new(s.id.as_str(), s.name, sector);
                a.kind = s.kind;
                a.organisation = s.organisation;
                a.role = s.role;
                a.profession = s.profession;
                a.formal_position = s.formal_position;
                a.stance = s.stance;
                a.influence = s.influence;
                a.tags = s.tags;
                a.notes = s.notes;
                a.x = s.xy.map(|p| p.0);
                a.y = s.xy.map(|p| p.1);
                a.pinned = s.pinned;
                a.private = s.private.into_iter().collect();
                a.attributes = s.attributes.into_iter().collect();
                n.add_actor(a).unwrap();
            }
            let ids: Vec<_> = n.actors().iter().map(|a| a.id().clone()).collect();
            if ids.is_empty() {
                return n;
            }
            for (i, s) in ties.into_iter().enumerate() {
                let kind = match n.tie_kinds.get(s.kind) {
                    Some(k) => k.name.clone(),
                    None => {
                        n.ensure_tie_kind("peer support", s.directed);
                        "peer support".to_owned()
                    }
                };
                let mut t = Tie::new(
                    format!("e{i}"),
                    ids[s.from % ids.len()].clone(),
                    ids[s.to % ids.len()].clone(),
                    kind,
                    s.directed,
                );
                t.strength = s.strength;
                t.confirmed = s.confirmed;
                t.notes = s.notes;
                t.private = s.private.into_iter().collect();
                t.attributes = s.attributes.into_iter().collect();
                n.add_tie(t).unwrap();
            }
            n
        })
        .prop_filter("valid", |n| n.validate().is_empty())
}

fn round_trip(n: &Network, ext: &str) -> Network {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(format!("map.{ext}"));
    save(n, &path, &ExportOptions::default()).unwrap_or_else(|e| panic!("{e}"));
    let mut options = ImportOptions::default();
    if ext == "csv" {
        options.nodes = Some(dir.path().join("map.nodes.csv"));
    }
    load(&path, &options)
        .unwrap_or_else(|e| panic!("{e}"))
        .network
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn native_save_and_load_keep_everything(n in network()) {
        let back = round_trip(&n, "json");
        prop_assert_eq!(&back, &n);
    }

    #[test]
    fn graphml_export_and_import_keep_everything(n in network()) {
        let back = round_trip(&n, "graphml");
        prop_assert_eq!(&back, &n);
    }

    #[test]
    fn csv_export_and_import_keep_actors_ties_and_sector_names(n in network()) {
        let back = round_trip(&n, "csv");
        prop_assert_eq!(back.actors(), n.actors());
        prop_assert_eq!(back.ties(), n.ties());
        let names = |n: &Network| n.sectors.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
        prop_assert_eq!(names(&back), names(&n));
        let kinds = |n: &Network| n.tie_kinds.iter().map(|k| k.name.clone()).collect::<Vec<_>>();
        prop_assert_eq!(kinds(&back), kinds(&n));
    }
}

#[test]
fn saving_over_a_map_keeps_the_previous_version_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.json");
    let mut n = Network::new();
    n.add_actor(Actor::new("a", "Ann", "primary care")).unwrap();
    let keep = ExportOptions {
        keep_backup: true,
        ..ExportOptions::default()
    };
    save(&n, &path, &keep).unwrap();
    n.title = "second".into();
    save(&n, &path, &keep).unwrap();
    let backup = bridgework::io::backup_path(&path);
    let old = load(&backup, &ImportOptions::default()).unwrap().network;
    assert_eq!(old.title, "");
    let new = load(&path, &ImportOptions::default()).unwrap().network;
    assert_eq!(new.title, "second");
}

#[test]
fn a_shareable_copy_has_no_private_text_in_any_format() {
    let mut n = Network::new();
    let mut a = Actor::new("a", "Ann", "primary care");
    a.notes = "SECRET-NOTE".into();
    a.stance = Stance::Opposed;
    n.add_actor(a).unwrap();
    n.add_actor(Actor::new("b", "Bo", "social care")).unwrap();
    let mut t = Tie::new("t", "a", "b", "collaboration", false);
    t.notes = "SECRET-TIE".into();
    n.add_tie(t).unwrap();
    let dir = tempfile::tempdir().unwrap();
    for ext in ["json", "graphml", "csv"] {
        let path = dir.path().join(format!("shared.{ext}"));
        let options = ExportOptions {
            shareable: true,
            ..ExportOptions::default()
        };
        for written in save(&n, &path, &options).unwrap() {
            let text = std::fs::read_to_string(&written).unwrap();
            for secret in ["SECRET-NOTE", "SECRET-TIE", "opposed"] {
                assert!(
                    !text.contains(secret),
                    "{} leaks {secret}",
                    written.display()
                );
            }
        }
    }
}
