//! Test support: proptest strategies for valid maps, shared by the property
//! tests of `io` (the CSV and GraphML round trips) and `edit`.
//!
//! Every test draws a map the same way: actors and ties with every field
//! set, on sector and tie-kind lists. What differs is the text each test
//! finds hard (an [`Alphabet`]) and the lists it starts from (a [`Lists`]).
//! When the model gains a field, it is drawn here, once.
//!
//! Compiled for tests only. Depends on `model` and proptest.

use super::{
    Actor, ActorField, ActorId, ActorKind, Network, Profession, Sector, Stance, Tie, TieField,
    TieId, TieKind,
};
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select, subsequence};
use std::collections::BTreeMap;

/// The values a test draws for each kind of field: the text a format finds
/// hard, or the small set of ids an edit test wants to collide.
pub(crate) trait Alphabet {
    /// An actor id (not empty).
    fn actor_id() -> impl Strategy<Value = String>;
    /// A tie id (not empty); by default drawn as actor ids are.
    fn tie_id() -> impl Strategy<Value = String> {
        Self::actor_id()
    }
    /// An actor's name (not blank).
    fn name() -> impl Strategy<Value = String>;
    /// Free text: an actor's organisation, role and notes, a tie's notes.
    fn text() -> impl Strategy<Value = String>;
    /// A valid tag: trimmed, not empty, no `;`.
    fn tag() -> impl Strategy<Value = String>;
    /// A finite coordinate.
    fn coordinate() -> impl Strategy<Value = f64>;
    /// A positive, finite tie strength.
    fn strength() -> impl Strategy<Value = f64>;
    /// Attributes, every value non-empty.
    fn attributes() -> impl Strategy<Value = BTreeMap<String, String>>;
}

/// The sector and tie-kind lists a map starts from, and the names its
/// actors and ties are given. A name not on its list is added to it (in
/// the default style) when the first actor or tie using it is added.
#[derive(Clone, Debug)]
pub(crate) struct Lists {
    /// The sector list to start from.
    pub sectors: Vec<Sector>,
    /// The tie-kind list to start from.
    pub tie_kinds: Vec<TieKind>,
    /// The sectors actors are given; not empty.
    pub sector_names: Vec<String>,
    /// The kinds ties are given; not empty.
    pub kind_names: Vec<String>,
}

impl Lists {
    /// Lists whose every entry (and nothing else) is given out.
    pub(crate) fn given_out(sectors: Vec<Sector>, tie_kinds: Vec<TieKind>) -> Self {
        Lists {
            sector_names: sectors.iter().map(|s| s.name.clone()).collect(),
            kind_names: tie_kinds.iter().map(|k| k.name.clone()).collect(),
            sectors,
            tie_kinds,
        }
    }
}

/// An actor with every field drawn, and which of [`Lists::sector_names`]
/// it is in. `x` and `y` are drawn apart, so some actors are placed on one
/// axis only, as a file may have them.
pub(crate) fn actor<A: Alphabet>() -> impl Strategy<Value = (Index, Actor)> {
    (
        (
            A::actor_id(),
            A::name(),
            any::<Index>(),
            select(ActorKind::ALL.to_vec()),
            A::text(),
            A::text(),
        ),
        (
            option::of(select(Profession::ALL.to_vec())),
            option::of(1u8..=5),
            select(Stance::ALL.to_vec()),
            option::of(1u8..=5),
            vec(A::tag(), 0..3),
            A::text(),
        ),
        (
            option::of(A::coordinate()),
            option::of(A::coordinate()),
            any::<bool>(),
            subsequence(ActorField::ALL.to_vec(), 0..=ActorField::ALL.len()),
            A::attributes(),
        ),
    )
        .prop_map(
            |(
                (id, name, sector, kind, organisation, role),
                (profession, formal_position, stance, influence, tags, notes),
                (x, y, pinned, private, attributes),
            )| {
                let mut a = Actor::new(id, name, "");
                a.kind = kind;
                a.organisation = organisation;
                a.role = role;
                a.profession = profession;
                a.formal_position = formal_position;
                a.stance = stance;
                a.influence = influence;
                a.tags = tags;
                a.notes = notes;
                a.x = x;
                a.y = y;
                a.pinned = pinned;
                a.private = private.into_iter().collect();
                a.attributes = attributes.into();
                (sector, a)
            },
        )
}

/// A tie drawn apart from the map it goes on: its ends are picked from the
/// map's actors and its kind from [`Lists::kind_names`].
#[derive(Clone, Debug)]
pub(crate) struct TieDraw {
    id: String,
    from: Index,
    to: Index,
    kind: Index,
    directed: bool,
    strength: f64,
    confirmed: bool,
    notes: String,
    private: Vec<TieField>,
    attributes: BTreeMap<String, String>,
}

impl TieDraw {
    /// The tie between two of `actors` (not empty), of one of `kinds` (not
    /// empty).
    fn build(self, actors: &[ActorId], kinds: &[String]) -> Tie {
        let from = self.from.get(actors).clone();
        let to = self.to.get(actors).clone();
        let kind = self.kind.get(kinds).clone();
        let mut t = Tie::new(self.id, from, to, kind, self.directed);
        t.strength = self.strength;
        t.confirmed = self.confirmed;
        t.notes = self.notes;
        t.private = self.private.into_iter().collect();
        t.attributes = self.attributes.into();
        t
    }
}

/// A tie with every field drawn.
pub(crate) fn tie<A: Alphabet>() -> impl Strategy<Value = TieDraw> {
    (
        (A::tie_id(), any::<(Index, Index, Index)>(), any::<bool>()),
        (A::strength(), any::<bool>(), A::text()),
        subsequence(TieField::ALL.to_vec(), 0..=TieField::ALL.len()),
        A::attributes(),
    )
        .prop_map(
            |(
                (id, (from, to, kind), directed),
                (strength, confirmed, notes),
                private,
                attributes,
            )| {
                TieDraw {
                    id,
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

/// A valid map on `lists`: up to `max_actors` actors and `max_ties` ties
/// (none if there is no actor), every field drawn from `A`. An actor or tie
/// whose id is already taken is left out, and so is the sector or kind it
/// would have added.
pub(crate) fn network<A: Alphabet>(
    lists: impl Strategy<Value = Lists>,
    max_actors: usize,
    max_ties: usize,
) -> impl Strategy<Value = Network> {
    (
        lists,
        vec(actor::<A>(), 0..=max_actors),
        vec(tie::<A>(), 0..=max_ties),
    )
        .prop_map(|(lists, actors, ties)| {
            let mut n = Network::with_lists(lists.sectors, lists.tie_kinds);
            for (sector, mut a) in actors {
                if n.actor(a.id()).is_some() {
                    continue;
                }
                a.sector = sector.get(&lists.sector_names).clone();
                n.ensure_sector(&a.sector);
                let _ = n.add_actor(a);
            }
            let ids: Vec<ActorId> = n.actors().iter().map(|a| a.id().clone()).collect();
            if ids.is_empty() {
                return n;
            }
            for t in ties {
                if n.tie(&TieId::new(t.id.as_str())).is_some() {
                    continue;
                }
                let t = t.build(&ids, &lists.kind_names);
                n.ensure_tie_kind(&t.kind, t.directed);
                let _ = n.add_tie(t);
            }
            n
        })
}
