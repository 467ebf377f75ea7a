//! Example tests of `apply` (every variant and every error) and `History`,
//! on a small hand-made map.

use super::*;
use crate::model::{Actor, ActorId, Colour, Network, Sector, Shape, Tie};
use std::collections::BTreeMap;

/// Four actors, five ties, interleaved so that removals take ties from the
/// middle of the list.
fn map() -> Network {
    let mut n = Network::new();
    n.title = "Diabetes pathway".into();
    for (id, name, sector) in [
        ("a", "Dr Okafor", "primary care"),
        ("b", "Ward 7", "hospital care"),
        ("c", "Carers' forum", "patients & carers"),
        ("d", "Social work team", "social care"),
    ] {
        let mut actor = Actor::new(id, name, sector);
        actor.x = Some(id.len() as f64);
        actor.y = Some(2.0);
        n.add_actor(actor).unwrap();
    }
    for (id, from, to, kind) in [
        ("t1", "a", "b", "referral"),
        ("t2", "c", "d", "collaboration"),
        ("t3", "b", "c", "collaboration"),
        ("t4", "d", "a", "informal/advice"),
        ("t5", "b", "b", "line management"),
    ] {
        n.add_tie(Tie::new(id, from, to, kind, false)).unwrap();
    }
    assert!(n.validate().is_empty());
    n
}

/// Applies `edit`, checks the result is valid, that the inverse restores
/// the map exactly and that the inverse's inverse redoes it exactly.
/// Returns the map after the edit.
fn round_trip(n: &Network, edit: Edit) -> Network {
    let mut net = n.clone();
    let undo = apply(&mut net, edit).unwrap();
    assert!(net.validate().is_empty(), "{:?}", net.validate());
    let after = net.clone();
    let redo = apply(&mut net, undo).unwrap();
    assert_eq!(&net, n, "the inverse did not restore the map");
    apply(&mut net, redo).unwrap();
    assert_eq!(net, after, "the inverse of the inverse did not redo");
    after
}

/// Applies `edit`, expects `error`, and checks nothing changed.
fn refused(n: &Network, edit: Edit, error: EditError) {
    let mut net = n.clone();
    assert_eq!(apply(&mut net, edit), Err(error));
    assert_eq!(&net, n, "a refused edit changed the map");
}

fn ids(n: &Network) -> Vec<&str> {
    n.actors().iter().map(|a| a.id().as_str()).collect()
}

fn tie_ids(n: &Network) -> Vec<&str> {
    n.ties().iter().map(|t| t.id().as_str()).collect()
}

fn sector(name: &str) -> Sector {
    Sector {
        name: name.into(),
        colour: Colour::rgb(1, 2, 3),
        shape: Shape::Circle,
    }
}

// ---- actors ---------------------------------------------------------------

#[test]
fn add_actor_at_end_at_a_position_and_past_the_end() {
    let n = map();
    let e = |position| Edit::AddActor {
        position,
        actor: Actor::new("e", "New", "public health"),
    };
    assert_eq!(ids(&round_trip(&n, e(None))), ["a", "b", "c", "d", "e"]);
    assert_eq!(ids(&round_trip(&n, e(Some(1)))), ["a", "e", "b", "c", "d"]);
    assert_eq!(ids(&round_trip(&n, e(Some(99)))), ["a", "b", "c", "d", "e"]);
}

#[test]
fn remove_actors_takes_their_ties_and_undo_puts_everything_back_in_place() {
    let n = map();
    let after = round_trip(&n, Edit::RemoveActors(vec!["c".into(), "a".into()]));
    assert_eq!(ids(&after), ["b", "d"]);
    assert_eq!(tie_ids(&after), ["t5"]);
    // One actor, and all of them.
    assert_eq!(
        tie_ids(&round_trip(&n, Edit::RemoveActors(vec!["b".into()]))),
        ["t2", "t4"]
    );
    let all = ["d", "b", "a", "c"].map(ActorId::from).to_vec();
    let empty = round_trip(&n, Edit::RemoveActors(all));
    assert!(empty.actors().is_empty() && empty.ties().is_empty());
    round_trip(&n, Edit::RemoveActors(vec![]));
}

#[test]
fn update_actor_replaces_every_field() {
    let n = map();
    let mut a = n.actor(&"a".into()).unwrap().clone();
    a.name = "Dr A. Okafor".into();
    a.influence = Some(5);
    a.pinned = true;
    a.private.clear();
    a.sector = "commissioning (ICB)".into();
    let after = round_trip(&n, Edit::UpdateActor(a.clone()));
    assert_eq!(after.actor(&"a".into()), Some(&a));
    assert_eq!(after.actors()[0], a);

    let mut b = n.actor(&"b".into()).unwrap().clone();
    b.stance = crate::model::Stance::Champion;
    let mut d = n.actor(&"d".into()).unwrap().clone();
    d.stance = crate::model::Stance::Champion;
    let after = round_trip(&n, Edit::UpdateActors(vec![d, b]));
    assert_eq!(after.actors()[1].stance, crate::model::Stance::Champion);
    assert_eq!(after.actors()[3].stance, crate::model::Stance::Champion);
}

#[test]
fn move_actors_sets_and_clears_positions_and_undo_restores_half_placed_ones() {
    let mut n = map();
    n.actor_mut(&"c".into()).unwrap().y = None; // only x: possible in a file
    n.actor_mut(&"d".into()).unwrap().x = None;
    n.actor_mut(&"d".into()).unwrap().y = None;
    let after = round_trip(
        &n,
        Edit::MoveActors(vec![
            ("a".into(), Some([10.0, -3.5])),
            ("b".into(), None),
            ("c".into(), Some([1.0, 1.0])),
            ("d".into(), Some([0.0, 0.0])),
        ]),
    );
    let pos = |id: &str| {
        let a = after.actor(&id.into()).unwrap();
        (a.x, a.y)
    };
    assert_eq!(pos("a"), (Some(10.0), Some(-3.5)));
    assert_eq!(pos("b"), (None, None));
    assert_eq!(pos("c"), (Some(1.0), Some(1.0)));
    assert_eq!(pos("d"), (Some(0.0), Some(0.0)));
}

// ---- ties -----------------------------------------------------------------

#[test]
fn add_and_remove_ties_keep_positions() {
    let n = map();
    let tie = Tie::new("t9", "a", "c", "commissioning", true);
    let after = round_trip(
        &n,
        Edit::AddTie {
            position: Some(2),
            tie: tie.clone(),
        },
    );
    assert_eq!(tie_ids(&after), ["t1", "t2", "t9", "t3", "t4", "t5"]);
    let after = round_trip(
        &n,
        Edit::AddTie {
            position: None,
            tie,
        },
    );
    assert_eq!(tie_ids(&after), ["t1", "t2", "t3", "t4", "t5", "t9"]);
    let after = round_trip(
        &n,
        Edit::RemoveTies(vec!["t4".into(), "t1".into(), "t3".into()]),
    );
    assert_eq!(tie_ids(&after), ["t2", "t5"]);
}

#[test]
fn update_ties_changes_attributes_not_ends() {
    let n = map();
    let mut t = n.tie(&"t3".into()).unwrap().clone();
    t.strength = 4.0;
    t.kind = "conflict".into();
    t.notes = "tense since the merger".into();
    let after = round_trip(&n, Edit::UpdateTie(t.clone()));
    assert_eq!(after.ties()[2], t);
    let mut u = n.tie(&"t1".into()).unwrap().clone();
    u.confirmed = false;
    round_trip(&n, Edit::UpdateTies(vec![t, u]));
    let moved = Tie::new("t3", "b", "d", "collaboration", false);
    refused(
        &n,
        Edit::UpdateTie(moved.clone()),
        EditError::TieEndsChanged("t3".into()),
    );
    let reversed = Tie::new("t3", "c", "b", "collaboration", false);
    refused(
        &n,
        Edit::UpdateTies(vec![reversed]),
        EditError::TieEndsChanged("t3".into()),
    );
}

// ---- sectors and tie kinds -------------------------------------------------

#[test]
fn set_sectors_reorders_restyles_adds_and_drops_unused() {
    let n = map();
    let mut list = n.sectors.clone();
    list.reverse();
    list[0].colour = Colour::rgb(9, 9, 9);
    list.push(sector("pharmacy"));
    list.retain(|s| s.name != "public health");
    let after = round_trip(&n, Edit::SetSectors(list.clone()));
    assert_eq!(after.sectors, list);
    let mut without_used = n.sectors.clone();
    without_used.retain(|s| s.name != "social care");
    refused(
        &n,
        Edit::SetSectors(without_used),
        EditError::NameInUse {
            list: NameList::Sectors,
            name: "social care".into(),
            count: 1,
        },
    );
    let mut renamed_in_place = n.sectors.clone();
    renamed_in_place[0].name = "GP".into();
    refused(
        &n,
        Edit::SetSectors(renamed_in_place),
        EditError::NameInUse {
            list: NameList::Sectors,
            name: "primary care".into(),
            count: 1,
        },
    );
    let mut twice = n.sectors.clone();
    twice.push(sector("primary care"));
    assert!(matches!(
        apply(&mut n.clone(), Edit::SetSectors(twice)),
        Err(EditError::InvalidName { list: NameList::Sectors, name, .. }) if name == "primary care"
    ));
}

#[test]
fn rename_sector_renames_it_everywhere_in_place() {
    let mut n = map();
    let mut extra = Actor::new("e", "Practice nurse", "primary care");
    extra.x = Some(0.0);
    n.add_actor(extra).unwrap();
    let after = round_trip(
        &n,
        Edit::RenameSector {
            from: "primary care".into(),
            to: "general practice".into(),
        },
    );
    assert_eq!(after.sectors[0].name, "general practice");
    assert_eq!(after.sectors[1..], n.sectors[1..]);
    assert_eq!(after.actor(&"a".into()).unwrap().sector, "general practice");
    assert_eq!(after.actor(&"e".into()).unwrap().sector, "general practice");
    assert_eq!(after.actor(&"b".into()).unwrap().sector, "hospital care");
    // Renaming to the same name changes nothing.
    let same = Edit::RenameSector {
        from: "social care".into(),
        to: "social care".into(),
    };
    assert_eq!(round_trip(&n, same), n);
}

#[test]
fn rename_sector_refusals() {
    let n = map();
    let rename = |from: &str, to: &str| Edit::RenameSector {
        from: from.into(),
        to: to.into(),
    };
    refused(
        &n,
        rename("primary care", "social care"),
        EditError::NameTaken {
            list: NameList::Sectors,
            name: "social care".into(),
        },
    );
    refused(
        &n,
        rename("GP", "x"),
        EditError::UnknownName {
            list: NameList::Sectors,
            name: "GP".into(),
        },
    );
    for bad in ["", "  ", " padded"] {
        let mut net = n.clone();
        assert!(
            matches!(
                apply(&mut net, rename("primary care", bad)),
                Err(EditError::InvalidName { list: NameList::Sectors, ref name, .. }) if name == bad
            ),
            "{bad:?}"
        );
        assert_eq!(net, n);
    }
}

#[test]
fn remove_sector_unused_used_and_reassigned() {
    let n = map();
    let remove = |name: &str, to: Option<&str>| Edit::RemoveSector {
        name: name.into(),
        reassign_to: to.map(str::to_owned),
    };
    let after = round_trip(&n, remove("public health", None));
    assert!(after.sector("public health").is_none());
    assert_eq!(after.sectors.len(), n.sectors.len() - 1);
    refused(
        &n,
        remove("social care", None),
        EditError::NameInUse {
            list: NameList::Sectors,
            name: "social care".into(),
            count: 1,
        },
    );
    // Reassigning puts the actors in the other sector; undo puts them back
    // and the sector back in its place in the list.
    let mut n2 = n.clone();
    n2.actor_mut(&"b".into()).unwrap().sector = "primary care".into();
    let after = round_trip(&n2, remove("primary care", Some("mental health")));
    assert_eq!(after.actor(&"a".into()).unwrap().sector, "mental health");
    assert_eq!(after.actor(&"b".into()).unwrap().sector, "mental health");
    assert_eq!(
        after.actor(&"c".into()).unwrap().sector,
        "patients & carers"
    );
    refused(
        &n,
        remove("social care", Some("social care")),
        EditError::ReassignToSame {
            list: NameList::Sectors,
            name: "social care".into(),
        },
    );
    refused(
        &n,
        remove("social care", Some("nowhere")),
        EditError::UnknownName {
            list: NameList::Sectors,
            name: "nowhere".into(),
        },
    );
    refused(
        &n,
        remove("nowhere", Some("social care")),
        EditError::UnknownName {
            list: NameList::Sectors,
            name: "nowhere".into(),
        },
    );
}

#[test]
fn tie_kinds_set_rename_and_remove() {
    let n = map();
    let mut list = n.tie_kinds.clone();
    list.swap(0, 2);
    list[1].directed = !list[1].directed;
    list.retain(|k| k.name != "conflict");
    assert_eq!(
        round_trip(&n, Edit::SetTieKinds(list.clone())).tie_kinds,
        list
    );
    let mut dropped = n.tie_kinds.clone();
    dropped.retain(|k| k.name != "collaboration");
    refused(
        &n,
        Edit::SetTieKinds(dropped),
        EditError::NameInUse {
            list: NameList::TieKinds,
            name: "collaboration".into(),
            count: 2,
        },
    );

    let after = round_trip(
        &n,
        Edit::RenameTieKind {
            from: "collaboration".into(),
            to: "joint work".into(),
        },
    );
    assert_eq!(after.tie_kinds[0].name, "joint work");
    assert_eq!(after.ties()[1].kind, "joint work");
    assert_eq!(after.ties()[2].kind, "joint work");
    refused(
        &n,
        Edit::RenameTieKind {
            from: "collaboration".into(),
            to: "referral".into(),
        },
        EditError::NameTaken {
            list: NameList::TieKinds,
            name: "referral".into(),
        },
    );

    let after = round_trip(
        &n,
        Edit::RemoveTieKind {
            name: "collaboration".into(),
            reassign_to: Some("conflict".into()),
        },
    );
    assert!(after.tie_kind("collaboration").is_none());
    assert_eq!(after.ties()[1].kind, "conflict");
    round_trip(
        &n,
        Edit::RemoveTieKind {
            name: "conflict".into(),
            reassign_to: None,
        },
    );
    refused(
        &n,
        Edit::RemoveTieKind {
            name: "referral".into(),
            reassign_to: None,
        },
        EditError::NameInUse {
            list: NameList::TieKinds,
            name: "referral".into(),
            count: 1,
        },
    );
    refused(
        &n,
        Edit::RemoveTieKind {
            name: "referral".into(),
            reassign_to: Some("referral".into()),
        },
        EditError::ReassignToSame {
            list: NameList::TieKinds,
            name: "referral".into(),
        },
    );
}

#[test]
fn set_map_info_replaces_title_description_and_metadata() {
    let n = map();
    let metadata: BTreeMap<_, _> = [("date".to_owned(), "2025-03-01".to_owned())].into();
    let after = round_trip(
        &n,
        Edit::SetMapInfo {
            title: "Frailty".into(),
            description: "Drawn at the March workshop".into(),
            metadata: metadata.clone(),
        },
    );
    assert_eq!(
        (after.title.as_str(), after.metadata),
        ("Frailty", metadata)
    );
}

// ---- batches ----------------------------------------------------------------

#[test]
fn batch_applies_in_order_and_undoes_in_reverse() {
    let n = map();
    let mut list = n.sectors.clone();
    list.push(sector("pharmacy"));
    let batch = Edit::Batch(vec![
        Edit::SetSectors(list),
        Edit::AddActor {
            position: Some(0),
            actor: Actor::new("p", "Community pharmacist", "pharmacy"),
        },
        Edit::AddTie {
            position: None,
            tie: Tie::new("t9", "p", "a", "referral", true),
        },
        Edit::RemoveActors(vec!["a".into()]),
        Edit::Batch(vec![Edit::RenameSector {
            from: "pharmacy".into(),
            to: "pharmacies".into(),
        }]),
    ]);
    let after = round_trip(&n, batch);
    assert_eq!(ids(&after), ["p", "b", "c", "d"]);
    assert_eq!(after.actors()[0].sector, "pharmacies");
    assert_eq!(tie_ids(&after), ["t2", "t3", "t5"]);
}

#[test]
fn a_failing_step_rolls_the_batch_back() {
    let n = map();
    let batch = Edit::Batch(vec![
        Edit::RemoveActors(vec!["b".into()]),
        Edit::AddActor {
            position: Some(0),
            actor: Actor::new("p", "Pharmacist", "primary care"),
        },
        Edit::Batch(vec![
            Edit::MoveActors(vec![("a".into(), Some([5.0, 5.0]))]),
            Edit::RenameSector {
                from: "primary care".into(),
                to: "GP".into(),
            },
        ]),
        Edit::RemoveTies(vec!["t1".into()]), // went with actor b
    ]);
    refused(&n, batch, EditError::UnknownTie("t1".into()));
}

// ---- every error ------------------------------------------------------------

#[test]
fn actor_errors_name_the_actor() {
    let n = map();
    let add = |actor: Actor| Edit::AddActor {
        position: None,
        actor,
    };
    refused(
        &n,
        add(Actor::new("a", "Again", "primary care")),
        EditError::DuplicateActor("a".into()),
    );
    refused(
        &n,
        add(Actor::new("", "No id", "primary care")),
        EditError::EmptyId,
    );
    refused(
        &n,
        Edit::RemoveActors(vec!["a".into(), "zz".into()]),
        EditError::UnknownActor("zz".into()),
    );
    refused(
        &n,
        Edit::RemoveActors(vec!["a".into(), "b".into(), "a".into()]),
        EditError::RepeatedActor("a".into()),
    );
    refused(
        &n,
        Edit::UpdateActor(Actor::new("zz", "Who", "primary care")),
        EditError::UnknownActor("zz".into()),
    );
    let a = n.actors()[0].clone();
    refused(
        &n,
        Edit::UpdateActors(vec![a.clone(), a]),
        EditError::RepeatedActor("a".into()),
    );
    refused(
        &n,
        Edit::MoveActors(vec![("a".into(), None), ("a".into(), None)]),
        EditError::RepeatedActor("a".into()),
    );
    refused(
        &n,
        Edit::MoveActors(vec![("b".into(), None), ("zz".into(), None)]),
        EditError::UnknownActor("zz".into()),
    );
    refused(
        &n,
        Edit::MoveActors(vec![("b".into(), Some([1.0, f64::INFINITY]))]),
        EditError::InvalidActor {
            id: "b".into(),
            field: "y".into(),
            problem: "must be a finite number".into(),
        },
    );
    let mut bad = Actor::new("e", "New", "nowhere");
    refused(
        &n,
        add(bad.clone()),
        EditError::InvalidActor {
            id: "e".into(),
            field: "sector".into(),
            problem: "unknown sector \"nowhere\"; use a name from the map's \"sectors\" list or add it there".into(),
        },
    );
    bad.sector = "primary care".into();
    bad.tags = vec!["a;b".into()];
    let mut net = n.clone();
    let err = apply(&mut net, add(bad)).unwrap_err();
    assert!(
        matches!(&err, EditError::InvalidActor { id, field, .. } if id.as_str() == "e" && field == "tags[0]"),
        "{err:?}"
    );
    let mut blank = n.actors()[2].clone();
    blank.name = " ".into();
    refused(
        &n,
        Edit::UpdateActor(blank),
        EditError::InvalidActor {
            id: "c".into(),
            field: "name".into(),
            problem: "actor \"c\" has no name".into(),
        },
    );
}

#[test]
fn tie_errors_name_the_tie() {
    let n = map();
    let add = |tie: Tie| Edit::AddTie {
        position: None,
        tie,
    };
    refused(
        &n,
        add(Tie::new("t1", "a", "b", "referral", true)),
        EditError::DuplicateTie("t1".into()),
    );
    refused(
        &n,
        add(Tie::new("", "a", "b", "referral", true)),
        EditError::EmptyId,
    );
    refused(
        &n,
        add(Tie::new("t9", "a", "zz", "referral", true)),
        EditError::TieEndUnknown {
            tie: "t9".into(),
            actor: "zz".into(),
        },
    );
    let mut weak = Tie::new("t9", "a", "b", "referral", true);
    weak.strength = f64::NAN;
    let mut net = n.clone();
    let err = apply(&mut net, add(weak)).unwrap_err();
    assert!(
        matches!(&err, EditError::InvalidTie { id, field, .. } if id.as_str() == "t9" && field == "strength"),
        "{err:?}"
    );
    assert_eq!(net, n);
    refused(
        &n,
        Edit::RemoveTies(vec!["t9".into()]),
        EditError::UnknownTie("t9".into()),
    );
    refused(
        &n,
        Edit::RemoveTies(vec!["t2".into(), "t2".into()]),
        EditError::RepeatedTie("t2".into()),
    );
    let t2 = n.ties()[1].clone();
    refused(
        &n,
        Edit::UpdateTies(vec![t2.clone(), t2]),
        EditError::RepeatedTie("t2".into()),
    );
    refused(
        &n,
        Edit::UpdateTie(Tie::new("t9", "a", "b", "referral", true)),
        EditError::UnknownTie("t9".into()),
    );
    let mut unknown_kind = n.ties()[0].clone();
    unknown_kind.kind = "gossip".into();
    let mut net = n.clone();
    assert!(matches!(
        apply(&mut net, Edit::UpdateTie(unknown_kind)),
        Err(EditError::InvalidTie { field, .. }) if field == "kind"
    ));
}

#[test]
fn errors_read_as_sentences() {
    let cases = [
        (
            EditError::NameInUse {
                list: NameList::Sectors,
                name: "social care".into(),
                count: 3,
            },
            "3 actors use sector \"social care\"; choose a sector to move them to",
        ),
        (
            EditError::ReassignToSame {
                list: NameList::TieKinds,
                name: "referral".into(),
            },
            "tie kind \"referral\" cannot take over its own ties; choose another tie kind",
        ),
        (
            EditError::TieEndsChanged("t3".into()),
            "tie \"t3\" cannot be moved to other actors; delete it and draw a new tie instead",
        ),
        (
            EditError::InvalidActor {
                id: "a".into(),
                field: "influence".into(),
                problem: "9 is out of range; use 1 to 5".into(),
            },
            "actor \"a\", influence: 9 is out of range; use 1 to 5",
        ),
    ];
    for (error, text) in cases {
        assert_eq!(error.to_string(), text);
    }
}

#[test]
fn edits_that_change_nothing_are_reported_as_such() {
    let n = map();
    let mut net = n.clone();
    let same_actor = Edit::UpdateActor(n.actors()[0].clone());
    let undo = apply(&mut net, same_actor.clone()).unwrap();
    assert_eq!(undo, same_actor);
    let mut h = History::new();
    h.apply(&mut net, same_actor).unwrap();
    h.apply(
        &mut net,
        Edit::MoveActors(vec![("a".into(), Some([1.0, 2.0]))]),
    )
    .unwrap();
    h.apply(&mut net, Edit::SetSectors(n.sectors.clone()))
        .unwrap();
    h.apply(&mut net, Edit::Batch(vec![])).unwrap();
    assert!(!h.can_undo());
    assert_eq!(h.revision(), 0);
    assert_eq!(net, n);
}

// ---- a map that was invalid to begin with ------------------------------------

#[test]
fn undo_restores_an_invalid_map_exactly() {
    let mut n = map();
    // Only possible by going round the editor (or an old file).
    n.actor_mut(&"a".into()).unwrap().influence = Some(9);
    n.actor_mut(&"b".into()).unwrap().sector = "gone".into();
    let start = n.clone();
    let mut h = History::new();
    let mut fixed = n.actors()[0].clone();
    fixed.influence = Some(5);
    h.apply(&mut n, Edit::UpdateActor(fixed)).unwrap();
    h.apply(&mut n, Edit::RemoveActors(vec!["b".into()]))
        .unwrap();
    // Other edits are still checked where they touch.
    let mut still_bad = n.actors()[0].clone();
    still_bad.influence = Some(0);
    assert!(h.apply(&mut n, Edit::UpdateActor(still_bad)).is_err());
    assert_eq!(h.undo(&mut n).as_deref(), Some("Delete actor"));
    assert_eq!(h.undo(&mut n).as_deref(), Some("Edit actor “Dr Okafor”"));
    assert_eq!(n, start);
    h.redo(&mut n);
    h.redo(&mut n);
    assert_eq!(ids(&n), ["a", "c", "d"]);
}

// ---- History ----------------------------------------------------------------

fn add(id: &str, name: &str) -> Edit {
    Edit::AddActor {
        position: None,
        actor: Actor::new(id, name, "primary care"),
    }
}

#[test]
fn undo_and_redo_walk_the_steps_with_their_labels() {
    let mut n = map();
    let start = n.clone();
    let mut h = History::new();
    assert!(!h.can_undo() && !h.can_redo());
    assert_eq!(h.undo(&mut n), None);
    assert_eq!(h.redo(&mut n), None);
    h.apply(&mut n, add("e", "Eve")).unwrap();
    let one = n.clone();
    h.apply(&mut n, Edit::RemoveActors(vec!["a".into(), "b".into()]))
        .unwrap();
    let two = n.clone();
    assert_eq!(h.undo_label(), Some("Delete 2 actors"));
    assert_eq!(
        h.undo_labels().collect::<Vec<_>>(),
        ["Delete 2 actors", "Add actor “Eve”"]
    );
    assert_eq!(h.undo(&mut n).as_deref(), Some("Delete 2 actors"));
    assert_eq!(n, one);
    assert_eq!(h.redo_label(), Some("Delete 2 actors"));
    assert_eq!(h.undo(&mut n).as_deref(), Some("Add actor “Eve”"));
    assert_eq!(n, start);
    assert!(!h.can_undo() && h.can_redo());
    assert_eq!(
        h.redo_labels().collect::<Vec<_>>(),
        ["Add actor “Eve”", "Delete 2 actors"]
    );
    assert_eq!(h.redo(&mut n).as_deref(), Some("Add actor “Eve”"));
    assert_eq!(h.redo(&mut n).as_deref(), Some("Delete 2 actors"));
    assert_eq!(n, two);
    assert!(!h.can_redo());
    // A new edit after an undo drops the redo stack.
    h.undo(&mut n);
    h.apply(&mut n, add("f", "Fay")).unwrap();
    assert!(!h.can_redo());
    assert_eq!(h.undo_labels().count(), 2);
    // A refused edit records nothing.
    assert!(h.apply(&mut n, add("f", "Fay again")).is_err());
    assert_eq!(h.undo_label(), Some("Add actor “Fay”"));
}

#[test]
fn revision_names_the_content_and_dirty_follows_the_saved_one() {
    let mut n = map();
    let mut h = History::new();
    assert_eq!(h.revision(), 0);
    assert!(!h.is_dirty());
    h.apply(&mut n, add("e", "Eve")).unwrap();
    let r1 = h.revision();
    assert_ne!(r1, 0);
    assert!(h.is_dirty());
    h.mark_saved();
    assert!(!h.is_dirty());
    h.apply(&mut n, add("f", "Fay")).unwrap();
    let r2 = h.revision();
    assert!(h.is_dirty());
    h.undo(&mut n);
    assert_eq!(h.revision(), r1);
    assert!(!h.is_dirty(), "back at the saved state");
    h.undo(&mut n);
    assert_eq!(h.revision(), 0);
    assert!(h.is_dirty());
    h.redo(&mut n);
    h.redo(&mut n);
    assert_eq!(h.revision(), r2);
    // A different edit from the saved state gets a new revision.
    h.undo(&mut n);
    h.apply(&mut n, add("g", "Gus")).unwrap();
    assert!(![0, r1, r2].contains(&h.revision()));
    assert!(h.is_dirty());
    // Clearing moves on and counts as unsaved.
    let before_clear = h.revision();
    h.clear();
    assert!(!h.can_undo() && !h.can_redo());
    assert_ne!(h.revision(), before_clear);
    assert!(h.is_dirty());
    h.mark_saved();
    assert!(!h.is_dirty());
}

#[test]
fn saved_state_dropped_from_redo_stays_dirty() {
    let mut n = map();
    let mut h = History::new();
    h.apply(&mut n, add("e", "Eve")).unwrap();
    h.mark_saved();
    h.undo(&mut n);
    h.apply(&mut n, add("f", "Fay")).unwrap();
    assert!(h.is_dirty());
    h.undo(&mut n);
    assert!(h.is_dirty());
}

#[test]
fn apply_labelled_names_the_step() {
    let mut n = map();
    let mut h = History::new();
    let paste = paste_edit(&n, &n.actors()[..2], &[], [10.0, 10.0]);
    h.apply_labelled(&mut n, paste, "Paste 2 actors").unwrap();
    assert_eq!(h.undo(&mut n).as_deref(), Some("Paste 2 actors"));
    assert_eq!(n, map());
}

fn renamed(n: &Network, id: &str, name: &str) -> Edit {
    let mut a = n.actor(&id.into()).unwrap().clone();
    a.name = name.into();
    Edit::UpdateActor(a)
}

#[test]
fn coalescing_merges_a_burst_of_typing_into_one_step() {
    let mut n = map();
    let start = n.clone();
    let mut h = History::new();
    h.apply(&mut n, add("e", "Eve")).unwrap();
    let after_add = n.clone();
    let r_add = h.revision();
    for name in ["D", "Dr", "Dr O", "Dr Ok"] {
        let e = renamed(&n, "a", name);
        h.apply_coalescing(&mut n, e, "name a").unwrap();
    }
    assert_ne!(h.revision(), r_add);
    assert_eq!(h.undo_labels().count(), 2);
    assert_eq!(h.undo_label(), Some("Edit actor “Dr Ok”"));
    let typed = n.clone();
    assert_eq!(h.undo(&mut n).as_deref(), Some("Edit actor “Dr Ok”"));
    assert_eq!(n, after_add);
    assert_eq!(h.revision(), r_add);
    h.redo(&mut n);
    assert_eq!(n, typed);
    // After redo (or any other step) a new burst is a new step.
    let e = renamed(&n, "a", "Dr Oka");
    h.apply_coalescing(&mut n, e, "name a").unwrap();
    assert_eq!(h.undo_labels().count(), 3);
    // A different key, end_coalescing and mark_saved each start a new step.
    let e = renamed(&n, "b", "W7");
    h.apply_coalescing(&mut n, e, "name b").unwrap();
    assert_eq!(h.undo_labels().count(), 4);
    h.end_coalescing();
    let e = renamed(&n, "b", "W8");
    h.apply_coalescing(&mut n, e, "name b").unwrap();
    assert_eq!(h.undo_labels().count(), 5);
    h.mark_saved();
    let e = renamed(&n, "b", "W9");
    h.apply_coalescing(&mut n, e, "name b").unwrap();
    assert_eq!(h.undo_labels().count(), 6);
    // A refused edit and a no-op leave the run open.
    let mut bad = n.actor(&"b".into()).unwrap().clone();
    bad.influence = Some(8);
    assert!(
        h.apply_coalescing(&mut n, Edit::UpdateActor(bad), "name b")
            .is_err()
    );
    let same = renamed(&n, "b", "W9");
    h.apply_coalescing(&mut n, same, "name b").unwrap();
    let e = renamed(&n, "b", "W10");
    h.apply_coalescing(&mut n, e, "name b").unwrap();
    assert_eq!(h.undo_labels().count(), 6);
    while h.undo(&mut n).is_some() {}
    assert_eq!(n, start);
}

#[test]
fn coalescing_edits_of_different_things_still_undo_exactly() {
    let mut n = map();
    let start = n.clone();
    let mut h = History::new();
    let steps = [
        Edit::MoveActors(vec![("a".into(), Some([1.0, 1.0]))]),
        Edit::MoveActors(vec![("b".into(), Some([2.0, 2.0]))]),
        renamed(&n, "c", "Forum"),
        Edit::RenameSector {
            from: "social care".into(),
            to: "adult social care".into(),
        },
        Edit::MoveActors(vec![("a".into(), Some([3.0, 3.0]))]),
    ];
    for e in steps {
        h.apply_coalescing(&mut n, e, "drag").unwrap();
    }
    assert_eq!(h.undo_labels().count(), 1);
    let end = n.clone();
    h.undo(&mut n);
    assert_eq!(n, start);
    h.redo(&mut n);
    assert_eq!(n, end);
}

#[test]
fn a_step_that_no_longer_applies_is_refused_and_kept() {
    let mut n = map();
    let mut h = History::new();
    h.apply(&mut n, add("e", "Eve")).unwrap();
    // Changed behind the history's back.
    n.remove_actor(&"e".into());
    let before = n.clone();
    assert_eq!(h.try_undo(&mut n), Err(EditError::UnknownActor("e".into())));
    assert_eq!(h.undo(&mut n), None);
    assert_eq!(n, before);
    assert!(h.can_undo());
}

#[test]
fn coalescing_updates_of_different_actors_keeps_both_inverses() {
    let mut n = map();
    let start = n.clone();
    let mut h = History::new();
    let e = renamed(&n, "a", "A");
    h.apply_coalescing(&mut n, e, "k").unwrap();
    let e = renamed(&n, "b", "B");
    h.apply_coalescing(&mut n, e, "k").unwrap();
    let e = Edit::MoveActors(vec![("a".into(), Some([9.0, 9.0]))]);
    h.apply_coalescing(&mut n, e, "k").unwrap();
    assert_eq!(h.undo_labels().count(), 1);
    h.undo(&mut n);
    assert_eq!(n, start);
}
