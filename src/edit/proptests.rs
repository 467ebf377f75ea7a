//! Property tests: random valid maps, random sequences of edits (valid and
//! invalid mixed) with undo, redo, saves and coalescing through `History`.
//! Undoing everything gives back the original map, redoing everything the
//! final one; every state in between is valid; refused edits change nothing.

use super::lists::ListEntry;
use super::*;
use crate::model::arbitrary::{self, Alphabet, Lists};
use crate::model::{Actor, ActorId, Colour, Dash, Network, Sector, Shape, Tie, TieId, TieKind};
use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use std::collections::BTreeMap;

const SECTORS: [&str; 6] = [
    "primary care",
    "social care",
    "acute",
    "voluntary",
    "GP",
    " bad ",
];
const KINDS: [&str; 5] = ["collaboration", "referral", "conflict", "advice", ""];
const NAMES: [&str; 5] = ["Ann", "Bo", "Dr Okafor", "Ward 7", " "];

fn colour(i: u8) -> Colour {
    Colour::rgb(i, 255 - i, 7)
}

// ---- the map ------------------------------------------------------------------

/// The words of these tests: ids and names from the small sets edits pick
/// from, so that edits meet what is on the map (and sometimes clash).
struct EditWords;

impl Alphabet for EditWords {
    fn actor_id() -> impl Strategy<Value = String> {
        (0u8..12).prop_map(|i| format!("a{i}"))
    }

    fn tie_id() -> impl Strategy<Value = String> {
        (0u8..12).prop_map(|i| format!("t{i}"))
    }

    fn name() -> impl Strategy<Value = String> {
        select(&NAMES[..4]).prop_map(str::to_owned)
    }

    fn text() -> impl Strategy<Value = String> {
        "[a-z ]{0,6}"
    }

    fn tag() -> impl Strategy<Value = String> {
        select(vec!["board", "lead", "new in post"]).prop_map(str::to_owned)
    }

    fn coordinate() -> impl Strategy<Value = f64> {
        -100.0f64..100.0
    }

    fn strength() -> impl Strategy<Value = f64> {
        1.0f64..5.0
    }

    fn attributes() -> impl Strategy<Value = BTreeMap<String, String>> {
        btree_map("[a-z]{1,3}", "[a-z]{1,3}", 0..2)
    }
}

/// Some of the sectors and kinds edits pick from, each in its own style.
fn lists() -> impl Strategy<Value = Lists> {
    let sectors = proptest::sample::subsequence(&SECTORS[..5], 1..5);
    let kinds = proptest::sample::subsequence(&KINDS[..4], 1..4);
    (sectors, kinds).prop_map(|(sectors, kinds)| {
        Lists::given_out(
            sectors
                .iter()
                .enumerate()
                .map(|(i, name)| Sector {
                    name: (*name).to_owned(),
                    colour: colour(i as u8),
                    shape: Shape::ALL[i % Shape::ALL.len()],
                })
                .collect(),
            kinds
                .iter()
                .enumerate()
                .map(|(i, name)| TieKind {
                    name: (*name).to_owned(),
                    colour: colour(i as u8),
                    dash: Dash::ALL[i % Dash::ALL.len()],
                    directed: i % 2 == 0,
                    include_in_analysis: true,
                })
                .collect(),
        )
    })
}

fn network() -> impl Strategy<Value = Network> {
    arbitrary::network::<EditWords>(lists(), 7, 11)
}

// ---- edits, drawn as specs and built against the map of the moment -------------

/// An actor or tie: one on the map (by index), or an id that may not be.
#[derive(Clone, Debug)]
struct Pick {
    existing: bool,
    index: Index,
    raw: u8,
}

fn pick() -> impl Strategy<Value = Pick> {
    (prop::bool::weighted(0.85), any::<Index>(), 0u8..14).prop_map(|(existing, index, raw)| Pick {
        existing,
        index,
        raw,
    })
}

impl Pick {
    fn actor(&self, n: &Network) -> ActorId {
        match n.actors() {
            actors if self.existing && !actors.is_empty() => self.index.get(actors).id().clone(),
            _ => format!("a{}", self.raw).into(),
        }
    }

    fn tie(&self, n: &Network) -> TieId {
        match n.ties() {
            ties if self.existing && !ties.is_empty() => self.index.get(ties).id().clone(),
            _ => format!("t{}", self.raw).into(),
        }
    }

    fn sector(&self, n: &Network) -> String {
        match &n.sectors {
            list if self.existing && !list.is_empty() => self.index.get(list).name.clone(),
            _ => SECTORS[self.raw as usize % SECTORS.len()].to_owned(),
        }
    }

    fn kind(&self, n: &Network) -> String {
        match &n.tie_kinds {
            list if self.existing && !list.is_empty() => self.index.get(list).name.clone(),
            _ => KINDS[self.raw as usize % KINDS.len()].to_owned(),
        }
    }
}

/// A change to an actor's attributes, sometimes breaking a rule.
#[derive(Clone, Debug)]
struct ActorChange {
    name: Option<&'static str>,
    sector: Option<Pick>,
    influence: Option<Option<u8>>,
    tag: Option<&'static str>,
    pinned: bool,
}

fn actor_change() -> impl Strategy<Value = ActorChange> {
    (
        option::of(prop_oneof![9 => select(&NAMES[..4]), 1 => Just(NAMES[4])]),
        option::weighted(0.3, pick()),
        option::of(option::of(
            prop_oneof![9 => 1u8..=5, 1 => select(vec![0u8, 6])],
        )),
        option::weighted(
            0.2,
            prop_oneof![4 => Just("board"), 1 => select(vec!["a;b", " x"])],
        ),
        any::<bool>(),
    )
        .prop_map(|(name, sector, influence, tag, pinned)| ActorChange {
            name,
            sector,
            influence,
            tag,
            pinned,
        })
}

impl ActorChange {
    fn apply_to(&self, a: &mut Actor, n: &Network) {
        if let Some(name) = self.name {
            a.name = name.to_owned();
        }
        if let Some(s) = &self.sector {
            a.sector = s.sector(n);
        }
        if let Some(i) = self.influence {
            a.influence = i;
        }
        if let Some(tag) = self.tag {
            a.tags.push(tag.to_owned());
        }
        a.pinned ^= self.pinned;
    }
}

#[derive(Clone, Debug)]
enum Spec {
    AddActor {
        position: Option<usize>,
        raw: u8,
        change: ActorChange,
    },
    RemoveActors(Vec<Pick>),
    UpdateActors(Vec<(Pick, ActorChange)>),
    MoveActors(Vec<(Pick, Option<(f64, f64)>)>),
    AddTie {
        position: Option<usize>,
        raw: u8,
        from: Pick,
        to: Pick,
        kind: Pick,
        strength: f64,
    },
    RemoveTies(Vec<Pick>),
    Restore {
        actors: Vec<(usize, u8, ActorChange)>,
        ties: Vec<(usize, u8, Pick, Pick, Pick)>,
        ascending: bool,
    },
    UpdateTies(Vec<(Pick, Pick, f64, bool)>),
    SetSectors {
        keep: Vec<Index>,
        keep_used: bool,
        add: Option<u8>,
    },
    RenameSector(Pick, u8),
    RemoveSector(Pick, Option<Pick>),
    SetTieKinds {
        keep: Vec<Index>,
        keep_used: bool,
        add: Option<u8>,
    },
    RenameTieKind(Pick, u8),
    RemoveTieKind(Pick, Option<Pick>),
    SetMapInfo(u8),
    Paste(Vec<Pick>, f64),
    Batch(Vec<Spec>),
}

fn position() -> impl Strategy<Value = f64> {
    prop_oneof![
        20 => -500.0f64..500.0,
        1 => Just(f64::NAN),
        1 => Just(f64::INFINITY),
    ]
}

fn leaf_spec() -> impl Strategy<Value = Spec> {
    prop_oneof![
        3 => (option::of(0usize..10), 0u8..14, actor_change())
            .prop_map(|(position, raw, change)| Spec::AddActor { position, raw, change }),
        2 => vec(pick(), 0..3).prop_map(Spec::RemoveActors),
        3 => vec((pick(), actor_change()), 0..3).prop_map(Spec::UpdateActors),
        3 => vec((pick(), option::weighted(0.9, (position(), position()))), 0..4)
            .prop_map(Spec::MoveActors),
        3 => (option::of(0usize..14), 0u8..14, pick(), pick(), pick(), prop_oneof![9 => 0.5f64..5.0, 1 => Just(0.0)])
            .prop_map(|(position, raw, from, to, kind, strength)| Spec::AddTie { position, raw, from, to, kind, strength }),
        2 => vec(pick(), 0..3).prop_map(Spec::RemoveTies),
        1 => restore_spec(),
        2 => vec((pick(), pick(), 0.5f64..5.0, prop::bool::weighted(0.1)), 0..3).prop_map(Spec::UpdateTies),
        1 => (vec(any::<Index>(), 0..6), any::<bool>(), option::of(0u8..8))
            .prop_map(|(keep, keep_used, add)| Spec::SetSectors { keep, keep_used, add }),
        1 => (pick(), 0u8..8).prop_map(|(p, to)| Spec::RenameSector(p, to)),
        1 => (pick(), option::of(pick())).prop_map(|(p, to)| Spec::RemoveSector(p, to)),
        1 => (vec(any::<Index>(), 0..5), any::<bool>(), option::of(0u8..7))
            .prop_map(|(keep, keep_used, add)| Spec::SetTieKinds { keep, keep_used, add }),
        1 => (pick(), 0u8..7).prop_map(|(p, to)| Spec::RenameTieKind(p, to)),
        1 => (pick(), option::of(pick())).prop_map(|(p, to)| Spec::RemoveTieKind(p, to)),
        1 => (0u8..3).prop_map(Spec::SetMapInfo),
        1 => (vec(pick(), 0..4), -50.0f64..50.0).prop_map(|(p, o)| Spec::Paste(p, o)),
    ]
}

fn restore_spec() -> impl Strategy<Value = Spec> {
    (
        vec((0usize..12, 0u8..60, actor_change()), 0..4),
        vec((0usize..16, 0u8..60, pick(), pick(), pick()), 0..5),
        any::<bool>(),
    )
        .prop_map(|(actors, ties, ascending)| Spec::Restore {
            actors,
            ties,
            ascending,
        })
}

/// Edits that set values (updates, moves, lists, map details): the ones
/// coalescing merges without keeping every inverse.
fn setter_spec() -> impl Strategy<Value = Spec> {
    prop_oneof![
        3 => vec((pick(), actor_change()), 1..3).prop_map(Spec::UpdateActors),
        3 => vec((pick(), option::weighted(0.9, (position(), position()))), 1..3)
            .prop_map(Spec::MoveActors),
        2 => vec((pick(), pick(), 0.5f64..5.0, prop::bool::weighted(0.05)), 1..3)
            .prop_map(Spec::UpdateTies),
        1 => (vec(any::<Index>(), 0..6), Just(true), option::of(0u8..8))
            .prop_map(|(keep, keep_used, add)| Spec::SetSectors { keep, keep_used, add }),
        1 => (0u8..3).prop_map(Spec::SetMapInfo),
    ]
}

fn spec() -> impl Strategy<Value = Spec> {
    prop_oneof![
        8 => leaf_spec(),
        1 => vec(leaf_spec(), 0..4).prop_map(Spec::Batch),
    ]
}

/// The edit a spec describes on the map as it is now. Later steps of a
/// batch are built against the same map, so they may no longer fit once
/// the earlier steps are applied: a source of refused batches.
fn build(spec: &Spec, n: &Network) -> Edit {
    let new_name = |raw: u8| {
        [
            "pharmacy",
            "ICB",
            "",
            " padded",
            "primary care",
            "acute",
            "new",
            "x y",
        ][raw as usize % 8]
            .to_owned()
    };
    match spec {
        Spec::AddActor {
            position,
            raw,
            change,
        } => {
            let sector = n
                .sectors
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_default();
            let mut a = Actor::new(format!("a{raw}"), "New", sector);
            change.apply_to(&mut a, n);
            Edit::AddActor {
                position: *position,
                actor: a,
            }
        }
        Spec::RemoveActors(picks) => Edit::RemoveActors(picks.iter().map(|p| p.actor(n)).collect()),
        Spec::UpdateActors(changes) => {
            let actors: Vec<Actor> = changes
                .iter()
                .map(|(p, change)| {
                    let id = p.actor(n);
                    let mut a = n
                        .actor(&id)
                        .cloned()
                        .unwrap_or_else(|| Actor::new(id, "Ghost", "primary care"));
                    change.apply_to(&mut a, n);
                    a
                })
                .collect();
            match <[Actor; 1]>::try_from(actors) {
                Ok([one]) => Edit::UpdateActor(one),
                Err(many) => Edit::UpdateActors(many),
            }
        }
        Spec::MoveActors(moves) => Edit::MoveActors(
            moves
                .iter()
                .map(|(p, xy)| (p.actor(n), xy.map(|(x, y)| [x, y])))
                .collect(),
        ),
        Spec::AddTie {
            position,
            raw,
            from,
            to,
            kind,
            strength,
        } => {
            let mut t = Tie::new(
                format!("s{raw}"),
                from.actor(n),
                to.actor(n),
                kind.kind(n),
                false,
            );
            t.strength = *strength;
            Edit::AddTie {
                position: *position,
                tie: t,
            }
        }
        Spec::RemoveTies(picks) => Edit::RemoveTies(picks.iter().map(|p| p.tie(n)).collect()),
        Spec::Restore {
            actors,
            ties,
            ascending,
        } => {
            let mut actors: Vec<(usize, Actor)> = actors
                .iter()
                .map(|(position, raw, change)| {
                    let sector = n
                        .sectors
                        .first()
                        .map(|s| s.name.clone())
                        .unwrap_or_default();
                    let mut a = Actor::new(format!("r{raw}"), "Back", sector);
                    change.apply_to(&mut a, n);
                    (*position, a)
                })
                .collect();
            let new_ids: Vec<ActorId> = actors.iter().map(|(_, a)| a.id().clone()).collect();
            let end = |p: &Pick| {
                if p.raw.is_multiple_of(2) && !new_ids.is_empty() {
                    p.index.get(&new_ids).clone()
                } else {
                    p.actor(n)
                }
            };
            let mut ties: Vec<(usize, Tie)> = ties
                .iter()
                .map(|(position, raw, from, to, kind)| {
                    (
                        *position,
                        Tie::new(format!("s{raw}"), end(from), end(to), kind.kind(n), true),
                    )
                })
                .collect();
            if *ascending {
                actors.sort_by_key(|(p, _)| *p);
                actors.dedup_by_key(|(p, _)| *p);
                ties.sort_by_key(|(p, _)| *p);
                ties.dedup_by_key(|(p, _)| *p);
            }
            Edit::Restore { actors, ties }
        }
        Spec::UpdateTies(changes) => {
            let ties: Vec<Tie> = changes
                .iter()
                .map(|(p, kind, strength, move_end)| {
                    let id = p.tie(n);
                    let old = n
                        .tie(&id)
                        .cloned()
                        .unwrap_or_else(|| Tie::new(id.clone(), "a0", "a1", "referral", false));
                    let to = if *move_end {
                        kind.actor(n)
                    } else {
                        old.to().clone()
                    };
                    let mut t = Tie::new(id, old.from().clone(), to, kind.kind(n), !old.directed);
                    t.strength = *strength;
                    t
                })
                .collect();
            match <[Tie; 1]>::try_from(ties) {
                Ok([one]) => Edit::UpdateTie(one),
                Err(many) => Edit::UpdateTies(many),
            }
        }
        Spec::SetSectors {
            keep,
            keep_used,
            add,
        } => {
            let mut list: Vec<Sector> = kept(n, keep, *keep_used);
            if let Some(raw) = add {
                list.push(Sector {
                    name: new_name(*raw),
                    colour: colour(*raw),
                    shape: Shape::Star,
                });
            }
            Edit::SetSectors(list)
        }
        Spec::RenameSector(p, to) => Edit::RenameSector {
            from: p.sector(n),
            to: new_name(*to),
        },
        Spec::RemoveSector(p, to) => Edit::RemoveSector {
            name: p.sector(n),
            reassign_to: to.as_ref().map(|t| t.sector(n)),
        },
        Spec::SetTieKinds {
            keep,
            keep_used,
            add,
        } => {
            let mut list: Vec<TieKind> = kept(n, keep, *keep_used);
            if let Some(raw) = add {
                list.push(TieKind {
                    name: new_name(*raw),
                    colour: colour(*raw),
                    dash: Dash::Dotted,
                    directed: true,
                    include_in_analysis: false,
                });
            }
            Edit::SetTieKinds(list)
        }
        Spec::RenameTieKind(p, to) => Edit::RenameTieKind {
            from: p.kind(n),
            to: new_name(*to),
        },
        Spec::RemoveTieKind(p, to) => Edit::RemoveTieKind {
            name: p.kind(n),
            reassign_to: to.as_ref().map(|t| t.kind(n)),
        },
        Spec::SetMapInfo(raw) => Edit::SetMapInfo {
            title: ["", "Frailty", "Diabetes"][*raw as usize % 3].to_owned(),
            description: format!("v{raw}"),
            metadata: [("k".to_owned(), raw.to_string())].into(),
        },
        Spec::Paste(picks, offset) => {
            let ids: Vec<ActorId> = picks.iter().map(|p| p.actor(n)).collect();
            duplicate_edit(n, &ids, [*offset, -offset])
        }
        Spec::Batch(specs) => Edit::Batch(specs.iter().map(|s| build(s, n)).collect()),
    }
}

/// The entries of a sector or tie-kind list that `keep` picks (each once),
/// then, if `keep_used`, every other entry still in use.
fn kept<E: ListEntry>(n: &Network, keep: &[Index], keep_used: bool) -> Vec<E> {
    let entries = E::entries(n);
    let mut list: Vec<E> = Vec::new();
    if !entries.is_empty() {
        for i in keep {
            let e = i.get(entries);
            if !list.contains(e) {
                list.push(e.clone());
            }
        }
    }
    if keep_used {
        for e in entries {
            if !list.contains(e) && E::users(n).iter().any(|u| E::used(u) == e.name()) {
                list.push(e.clone());
            }
        }
    }
    list
}

#[derive(Clone, Debug)]
enum Op {
    Apply(Spec),
    Coalesce(Spec, u8),
    Undo,
    Redo,
    Save,
    EndCoalescing,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        10 => spec().prop_map(Op::Apply),
        3 => (spec(), 0u8..2).prop_map(|(s, k)| Op::Coalesce(s, k)),
        3 => Just(Op::Undo),
        2 => Just(Op::Redo),
        1 => Just(Op::Save),
        1 => Just(Op::EndCoalescing),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any sequence through `History` (applies, coalescing applies, undo,
    /// redo, saves) follows a timeline of states: every step can be undone
    /// to the exact previous state and redone to the exact next one.
    #[test]
    fn history_walks_a_timeline_of_exact_states(
        start in network(),
        ops in vec(op(), 0..20),
    ) {
        prop_assert!(start.validate().is_empty(), "{:?}", start.validate());
        let mut n = start.clone();
        let mut h = History::new();
        // timeline[i] is the state after i undo steps from the start, with
        // its revision; `at` is where the history is.
        let mut timeline = vec![(start.clone(), h.revision())];
        let mut at = 0;
        let mut saved = h.revision();
        for op in &ops {
            match op {
                Op::Apply(spec) | Op::Coalesce(spec, _) => {
                    let edit = build(spec, &n);
                    let before = n.clone();
                    let steps = h.undo_labels().count();
                    let label = edit.label();
                    let result = match op {
                        Op::Coalesce(_, key) => h.apply_coalescing(&mut n, edit, &format!("k{key}")),
                        _ => h.apply(&mut n, edit),
                    };
                    let steps_now = h.undo_labels().count();
                    match result {
                        Err(_) => {
                            prop_assert_eq!(&n, &before, "a refused edit changed the map");
                            prop_assert_eq!(steps_now, steps);
                            prop_assert_eq!(h.revision(), timeline[at].1);
                        }
                        Ok(()) if n == before && steps_now == steps => {
                            prop_assert_eq!(h.revision(), timeline[at].1);
                        }
                        Ok(()) if steps_now == steps + 1 => {
                            // A single edit that changes nothing is not
                            // recorded; a batch whose parts undo each other
                            // (rename a tie kind, then set the list back as
                            // it was) changed the map on the way, and is
                            // recorded as a step like any other.
                            prop_assert!(
                                n != before || matches!(spec, Spec::Batch(_)),
                                "a no-op was recorded"
                            );
                            prop_assert_eq!(h.undo_label(), Some(label.as_str()));
                            timeline.truncate(at + 1);
                            timeline.push((n.clone(), h.revision()));
                            at += 1;
                        }
                        Ok(()) => {
                            // Merged into the previous step.
                            prop_assert!(matches!(op, Op::Coalesce(..)));
                            prop_assert_eq!(steps_now, steps);
                            prop_assert!(at > 0);
                            prop_assert_eq!(h.undo_label(), Some(label.as_str()));
                            timeline.truncate(at + 1);
                            timeline[at] = (n.clone(), h.revision());
                        }
                    }
                    prop_assert!(!h.can_redo() || at + 1 < timeline.len());
                }
                Op::Undo => {
                    let undone = h.undo(&mut n);
                    prop_assert_eq!(undone.is_some(), at > 0);
                    at = at.saturating_sub(1);
                }
                Op::Redo => {
                    let redone = h.redo(&mut n);
                    prop_assert_eq!(redone.is_some(), at + 1 < timeline.len());
                    if redone.is_some() {
                        at += 1;
                    }
                }
                Op::Save => {
                    h.mark_saved();
                    saved = h.revision();
                }
                Op::EndCoalescing => h.end_coalescing(),
            }
            prop_assert_eq!(&n, &timeline[at].0);
            prop_assert_eq!(h.revision(), timeline[at].1);
            prop_assert_eq!(h.is_dirty(), h.revision() != saved);
            prop_assert!(n.validate().is_empty(), "{:?}", n.validate());
        }
        let revisions: std::collections::HashSet<u64> = timeline.iter().map(|t| t.1).collect();
        prop_assert_eq!(revisions.len(), timeline.len(), "two states share a revision");
        // Undo everything, then redo everything.
        while at > 0 {
            prop_assert!(h.undo(&mut n).is_some());
            at -= 1;
            prop_assert_eq!(&n, &timeline[at].0);
            prop_assert_eq!(h.revision(), timeline[at].1);
        }
        prop_assert!(!h.can_undo());
        prop_assert_eq!(&n, &start);
        while at + 1 < timeline.len() {
            prop_assert!(h.redo(&mut n).is_some());
            at += 1;
            prop_assert_eq!(&n, &timeline[at].0);
        }
        prop_assert!(!h.can_redo());
    }

    /// A run of coalescing edits with one key is one step, whatever the
    /// edits: undoing it gives back the start, redoing it the end.
    #[test]
    fn a_coalesced_run_undoes_as_one_step(
        start in network(),
        specs in vec(prop_oneof![1 => spec(), 2 => setter_spec()], 1..12),
    ) {
        let mut n = start.clone();
        let mut h = History::new();
        for spec in &specs {
            let edit = build(spec, &n);
            let _ = h.apply_coalescing(&mut n, edit, "run");
            prop_assert!(h.undo_labels().count() <= 1);
            prop_assert!(n.validate().is_empty(), "{:?}", n.validate());
        }
        let end = n.clone();
        h.undo(&mut n);
        prop_assert_eq!(&n, &start);
        prop_assert!(!h.is_dirty());
        h.redo(&mut n);
        prop_assert_eq!(&n, &end);
    }

    /// A restoration, whichever way it is carried out, is the same as
    /// inserting its items one by one.
    #[test]
    fn restore_equals_inserting_one_by_one(start in network(), spec in restore_spec()) {
        let edit = build(&spec, &start);
        let Edit::Restore { actors, ties } = edit.clone() else {
            unreachable!()
        };
        let mut n = start.clone();
        if apply(&mut n, edit).is_ok() {
            let mut by_hand = start.clone();
            for (p, a) in actors {
                by_hand.insert_actor(p, a).unwrap();
            }
            for (p, t) in ties {
                by_hand.insert_tie(p, t).unwrap();
            }
            prop_assert_eq!(n, by_hand);
        } else {
            prop_assert_eq!(n, start);
        }
    }

    /// Without `History`: an applied edit's inverse, applied with the same
    /// checks, restores the map, and the inverse of that redoes the edit.
    #[test]
    fn public_inverses_round_trip(start in network(), spec in spec()) {
        let mut n = start.clone();
        let edit = build(&spec, &n);
        match apply(&mut n, edit) {
            Err(_) => prop_assert_eq!(&n, &start),
            Ok(undo) => {
                prop_assert!(n.validate().is_empty(), "{:?}", n.validate());
                let after = n.clone();
                let redo = apply(&mut n, undo);
                prop_assert!(redo.is_ok(), "{:?}", redo);
                prop_assert_eq!(&n, &start);
                if let Ok(redo) = redo {
                    prop_assert!(apply(&mut n, redo).is_ok());
                    prop_assert_eq!(&n, &after);
                }
            }
        }
    }
}
