//! The network: a map's title, sector and tie-kind lists, actors and ties,
//! with an id index kept in step with every change.

use super::actor::Actor;
use super::ids::{ActorId, TieId};
use super::sector::{Sector, TieKind, default_sectors, default_tie_kinds};
use super::style::{Colour, Dash, GREY, MIN_DELTA_E, OKABE_ITO, Shape, auto_style, sector_colours};
use super::tie::Tie;
use super::validate::{ValidationIssue, validate_network};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What [`Network::ensure_sector_in`] and [`Network::ensure_tie_kind_in`]
/// remember of a map's sector and tie-kind lists, so that adding many
/// sectors or kinds is not quadratic. Make one with `ListIndex::default()`
/// and keep it beside the map while its lists are only added to.
#[derive(Clone, Debug, Default)]
pub struct ListIndex {
    /// How many sectors and tie kinds have been taken in.
    sectors_seen: usize,
    kinds_seen: usize,
    sector_names: HashSet<String>,
    kind_names: HashSet<String>,
    /// Every (colour, shape) a sector has.
    styles: HashSet<(Colour, Shape)>,
    /// How many sectors have each shape, in [`Shape::ALL`] order.
    shape_uses: [usize; Shape::ALL.len()],
    /// Every [`sector_colours`] colour before this one is near a sector's
    /// colour; as sectors are only added, it stays so.
    free_colour_from: usize,
    /// Likewise for [`auto_style`]: every pair before this one is taken.
    free_pair_from: usize,
}

impl ListIndex {
    /// Whether `network` has a sector called `name`: [`Network::sector`]
    /// in O(1).
    pub fn has_sector(&mut self, network: &Network, name: &str) -> bool {
        self.catch_up(network);
        self.sector_names.contains(name)
    }

    /// Whether `network` has a tie kind called `name`: [`Network::tie_kind`]
    /// in O(1).
    pub fn has_tie_kind(&mut self, network: &Network, name: &str) -> bool {
        self.catch_up(network);
        self.kind_names.contains(name)
    }

    /// Takes in the sectors and tie kinds added to `network` since last time.
    fn catch_up(&mut self, network: &Network) {
        for s in network.sectors.iter().skip(self.sectors_seen) {
            self.sector_names.insert(s.name.clone());
            self.styles.insert((s.colour, s.shape));
            if let Some(i) = Shape::ALL.iter().position(|&sh| sh == s.shape)
                && let Some(uses) = self.shape_uses.get_mut(i)
            {
                *uses += 1;
            }
        }
        self.sectors_seen = network.sectors.len();
        for k in network.tie_kinds.iter().skip(self.kinds_seen) {
            self.kind_names.insert(k.name.clone());
        }
        self.kinds_seen = network.tie_kinds.len();
    }

    /// The shape fewest sectors have, the first in [`Shape::ALL`] on a tie.
    fn least_used_shape(&self) -> Shape {
        Shape::ALL
            .into_iter()
            .zip(self.shape_uses)
            .min_by_key(|&(_, uses)| uses)
            .map_or(Shape::Circle, |(shape, _)| shape)
    }
}

/// Why a structural change to a network was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModelError {
    /// An actor with this id is already on the map.
    #[error("an actor with id \"{0}\" already exists")]
    DuplicateActor(ActorId),
    /// A tie with this id is already on the map.
    #[error("a tie with id \"{0}\" already exists")]
    DuplicateTie(TieId),
    /// The tie names an actor that is not on the map.
    #[error("no actor with id \"{0}\"")]
    UnknownActor(ActorId),
    /// Ids must not be empty.
    #[error("an id must not be empty")]
    EmptyId,
}

/// A stakeholder map.
///
/// Actors and ties keep the order they were added in (files are written in
/// that order, so saves diff cleanly). Ids are unique; every tie's endpoints
/// are actors of the map. Attribute rules (known sector, influence 1–5, ...)
/// are checked by [`Network::validate`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "NetworkData")]
pub struct Network {
    /// The map's title.
    pub title: String,
    /// A longer description: purpose, date, who drew it.
    pub description: String,
    /// Free key/value metadata, sorted by key.
    pub metadata: BTreeMap<String, String>,
    /// The sector list, in display order.
    pub sectors: Vec<Sector>,
    /// The tie-kind list, in display order.
    pub tie_kinds: Vec<TieKind>,
    actors: Vec<Actor>,
    ties: Vec<Tie>,
    #[serde(skip)]
    actor_index: HashMap<ActorId, usize>,
    #[serde(skip)]
    tie_index: HashMap<TieId, usize>,
}

/// The serialised fields of a [`Network`], in file order. Everything but
/// `actors` has a default, so a script can write a minimal file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkData {
    /// The file's format name and version, checked by `io::native` before
    /// the network is read; accepted here so the file reads in one pass.
    #[serde(default, rename = "format")]
    _format: Option<serde::de::IgnoredAny>,
    #[serde(default, rename = "version")]
    _version: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    metadata: BTreeMap<String, String>,
    #[serde(default = "default_sectors")]
    sectors: Vec<Sector>,
    #[serde(default = "default_tie_kinds")]
    tie_kinds: Vec<TieKind>,
    #[serde(default, deserialize_with = "at_most_actors")]
    actors: Vec<Actor>,
    #[serde(default, deserialize_with = "at_most_ties")]
    ties: Vec<Tie>,
}

/// The most actors a map may have when it is read from a file (500,000):
/// five times the largest map measured (README, Big files), about 1.5 GB
/// in memory. Files are refused at the actor that passes it.
pub const MAX_ACTORS: usize = 500_000;

/// The most ties a map may have when it is read from a file (1,000,000,
/// about 400 bytes each): an edges file of 8-byte rows within the 512 MB
/// read limit would otherwise ask for 25 GB.
pub const MAX_TIES: usize = 1_000_000;

fn at_most_actors<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Actor>, D::Error> {
    d.deserialize_seq(AtMost::new(MAX_ACTORS, "actors"))
}

fn at_most_ties<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Tie>, D::Error> {
    d.deserialize_seq(AtMost::new(MAX_TIES, "ties"))
}

/// A list of at most `limit` items, refused at the one past it.
struct AtMost<T> {
    limit: usize,
    noun: &'static str,
    items: std::marker::PhantomData<T>,
}

impl<T> AtMost<T> {
    fn new(limit: usize, noun: &'static str) -> Self {
        Self {
            limit,
            noun,
            items: std::marker::PhantomData,
        }
    }
}

impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for AtMost<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "a list of {}", self.noun)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element()? {
            if items.len() >= self.limit {
                return Err(serde::de::Error::custom(format!(
                    "more than {} {}, more than Bridgework opens (a map that size would take gigabytes of memory); split the map",
                    self.limit, self.noun
                )));
            }
            items.push(item);
        }
        Ok(items)
    }
}

impl From<NetworkData> for Network {
    fn from(d: NetworkData) -> Self {
        let mut n = Network {
            title: d.title,
            description: d.description,
            metadata: d.metadata,
            sectors: d.sectors,
            tie_kinds: d.tie_kinds,
            actors: d.actors,
            ties: d.ties,
            actor_index: HashMap::new(),
            tie_index: HashMap::new(),
        };
        n.reindex();
        n
    }
}

impl Default for Network {
    fn default() -> Self {
        Self::new()
    }
}

impl Network {
    /// An empty map with the default sector and tie-kind lists.
    pub fn new() -> Self {
        Self::with_lists(default_sectors(), default_tie_kinds())
    }

    /// An empty map with the given sector and tie-kind lists.
    pub fn with_lists(sectors: Vec<Sector>, tie_kinds: Vec<TieKind>) -> Self {
        Self {
            title: String::new(),
            description: String::new(),
            metadata: BTreeMap::new(),
            sectors,
            tie_kinds,
            actors: Vec::new(),
            ties: Vec::new(),
            actor_index: HashMap::new(),
            tie_index: HashMap::new(),
        }
    }

    /// Makes room for `actors` more actors and `ties` more ties, so that a
    /// reader adding many at once does not grow the lists and their
    /// indexes step by step (each step holds the old and the new copy).
    pub fn reserve(&mut self, actors: usize, ties: usize) {
        self.actors.reserve(actors);
        self.actor_index.reserve(actors);
        self.ties.reserve(ties);
        self.tie_index.reserve(ties);
    }

    /// Rebuilds the id indexes. With duplicate ids (only possible in a file
    /// that [`Network::validate`] will reject) the first occurrence wins.
    fn reindex(&mut self) {
        self.actor_index.clear();
        for (i, a) in self.actors.iter().enumerate() {
            self.actor_index.entry(a.id().clone()).or_insert(i);
        }
        self.tie_index.clear();
        for (i, t) in self.ties.iter().enumerate() {
            self.tie_index.entry(t.id().clone()).or_insert(i);
        }
    }

    /// Checks every rule a map must satisfy and returns each problem with
    /// its place (`actors[12].sector`). Empty means the map is valid.
    pub fn validate(&self) -> Vec<ValidationIssue> {
        validate_network(self)
    }

    /// All actors, in map order.
    pub fn actors(&self) -> &[Actor] {
        &self.actors
    }

    /// All ties, in map order.
    pub fn ties(&self) -> &[Tie] {
        &self.ties
    }

    /// The actor with this id.
    pub fn actor(&self, id: &ActorId) -> Option<&Actor> {
        self.actor_index.get(id).and_then(|&i| self.actors.get(i))
    }

    /// The position of this actor in [`Network::actors`].
    pub fn actor_position(&self, id: &ActorId) -> Option<usize> {
        self.actor_index.get(id).copied()
    }

    /// The actor with this id, to change its attributes (its id cannot change).
    pub fn actor_mut(&mut self, id: &ActorId) -> Option<&mut Actor> {
        let i = *self.actor_index.get(id)?;
        self.actors.get_mut(i)
    }

    /// The tie with this id.
    pub fn tie(&self, id: &TieId) -> Option<&Tie> {
        self.tie_index.get(id).and_then(|&i| self.ties.get(i))
    }

    /// The position of this tie in [`Network::ties`].
    pub fn tie_position(&self, id: &TieId) -> Option<usize> {
        self.tie_index.get(id).copied()
    }

    /// The tie with this id, to change its attributes (not its id or ends).
    pub fn tie_mut(&mut self, id: &TieId) -> Option<&mut Tie> {
        let i = *self.tie_index.get(id)?;
        self.ties.get_mut(i)
    }

    /// Adds an actor at the end.
    pub fn add_actor(&mut self, actor: Actor) -> Result<(), ModelError> {
        self.insert_actor(self.actors.len(), actor)
    }

    /// Inserts an actor at `position` (clamped to the end), as undo needs.
    pub fn insert_actor(&mut self, position: usize, actor: Actor) -> Result<(), ModelError> {
        if actor.id().as_str().is_empty() {
            return Err(ModelError::EmptyId);
        }
        if self.actor_index.contains_key(actor.id()) {
            return Err(ModelError::DuplicateActor(actor.id().clone()));
        }
        let position = position.min(self.actors.len());
        if position == self.actors.len() {
            self.actor_index.insert(actor.id().clone(), position);
            self.actors.push(actor);
        } else {
            self.actors.insert(position, actor);
            self.reindex();
        }
        Ok(())
    }

    /// Removes an actor and every tie that touches it. Returns the actor's
    /// position and the removed ties with their positions (ascending), which
    /// is what undo needs to put them back exactly.
    pub fn remove_actor(&mut self, id: &ActorId) -> Option<RemovedActor> {
        let position = *self.actor_index.get(id)?;
        let mut ties = Vec::new();
        let mut kept = Vec::with_capacity(self.ties.len());
        for (i, t) in std::mem::take(&mut self.ties).into_iter().enumerate() {
            if t.touches(id) {
                ties.push((i, t));
            } else {
                kept.push(t);
            }
        }
        self.ties = kept;
        let actor = self.actors.remove(position);
        self.reindex();
        Some(RemovedActor {
            position,
            actor,
            ties,
        })
    }

    /// Adds a tie at the end. Both ends must be actors of the map.
    pub fn add_tie(&mut self, tie: Tie) -> Result<(), ModelError> {
        self.insert_tie(self.ties.len(), tie)
    }

    /// Inserts a tie at `position` (clamped to the end).
    pub fn insert_tie(&mut self, position: usize, tie: Tie) -> Result<(), ModelError> {
        if tie.id().as_str().is_empty() {
            return Err(ModelError::EmptyId);
        }
        if self.tie_index.contains_key(tie.id()) {
            return Err(ModelError::DuplicateTie(tie.id().clone()));
        }
        for end in [tie.from(), tie.to()] {
            if !self.actor_index.contains_key(end) {
                return Err(ModelError::UnknownActor(end.clone()));
            }
        }
        let position = position.min(self.ties.len());
        if position == self.ties.len() {
            self.tie_index.insert(tie.id().clone(), position);
            self.ties.push(tie);
        } else {
            self.ties.insert(position, tie);
            self.reindex();
        }
        Ok(())
    }

    /// Removes a tie; returns its position and the tie.
    pub fn remove_tie(&mut self, id: &TieId) -> Option<(usize, Tie)> {
        let position = *self.tie_index.get(id)?;
        let tie = self.ties.remove(position);
        self.reindex();
        Some((position, tie))
    }

    /// The ties touching `actor`, in map order. O(ties).
    pub fn ties_of<'a>(&'a self, actor: &'a ActorId) -> impl Iterator<Item = &'a Tie> + 'a {
        self.ties.iter().filter(move |t| t.touches(actor))
    }

    /// An actor id not used on the map: `a1`, `a2`, ... (the first free).
    pub fn fresh_actor_id(&self) -> ActorId {
        fresh_id("a", self.actors.len(), |s| {
            self.actor_index.contains_key(&ActorId::new(s))
        })
        .into()
    }

    /// A tie id not used on the map: `t1`, `t2`, ...
    pub fn fresh_tie_id(&self) -> TieId {
        fresh_id("t", self.ties.len(), |s| {
            self.tie_index.contains_key(&TieId::new(s))
        })
        .into()
    }

    /// The sector with this name.
    pub fn sector(&self, name: &str) -> Option<&Sector> {
        self.sectors.iter().find(|s| s.name == name)
    }

    /// The tie kind with this name.
    pub fn tie_kind(&self, name: &str) -> Option<&TieKind> {
        self.tie_kinds.iter().find(|k| k.name == name)
    }

    /// The sectors by name, for looking many up: the first of a name, as
    /// [`Network::sector`] finds. O(S) to make, then O(1) a lookup, where
    /// [`Network::sector`] is O(S) each.
    pub fn sectors_by_name(&self) -> HashMap<&str, &Sector> {
        let mut by_name = HashMap::with_capacity(self.sectors.len());
        for s in &self.sectors {
            by_name.entry(s.name.as_str()).or_insert(s);
        }
        by_name
    }

    /// The tie kinds by name (the first of a name); see
    /// [`Network::sectors_by_name`].
    pub fn tie_kinds_by_name(&self) -> HashMap<&str, &TieKind> {
        let mut by_name = HashMap::with_capacity(self.tie_kinds.len());
        for k in &self.tie_kinds {
            by_name.entry(k.name.as_str()).or_insert(k);
        }
        by_name
    }

    /// Adds a sector unless one of that name exists; returns `true` if it
    /// was added. A name that matches a default sector (ignoring case) gets
    /// that sector's colour and shape, unless a sector on the map already
    /// has a colour near it (then it is styled as any other). Any other gets the first of
    /// [`sector_colours`](crate::model::sector_colours) (the palette, then
    /// generated colours) that is at least ΔE76 12 from every sector colour
    /// on the map, with the shape fewest sectors have (the first in
    /// [`Shape::ALL`] on a tie). When every such colour is taken, it gets
    /// the first automatic colour and shape pair
    /// ([`auto_style`](crate::model::auto_style)) no sector uses yet.
    pub fn ensure_sector(&mut self, name: &str) -> bool {
        if self.sector(name).is_some() {
            return false;
        }
        let (colour, shape) = self
            .free_default_look(name)
            .unwrap_or_else(|| self.unused_sector_style());
        self.sectors.push(Sector {
            name: name.to_owned(),
            colour,
            shape,
        });
        true
    }

    /// The look of the default sector called `name` (in any case), while
    /// no sector on the map is near its colour (a sector added earlier may
    /// have taken it).
    fn free_default_look(&self, name: &str) -> Option<(Colour, Shape)> {
        default_sectors()
            .into_iter()
            .find(|s| s.name.eq_ignore_ascii_case(name.trim()))
            .filter(|s| self.colour_is_free(s.colour))
            .map(|s| (s.colour, s.shape))
    }

    /// Whether `colour` is at least ΔE76 [`MIN_DELTA_E`] from every sector
    /// colour on the map.
    fn colour_is_free(&self, colour: Colour) -> bool {
        self.sectors
            .iter()
            .all(|s| s.colour.delta_e76(colour) >= MIN_DELTA_E)
    }

    /// The style a new sector that matches no default receives; see
    /// [`Network::ensure_sector`].
    fn unused_sector_style(&self) -> (Colour, Shape) {
        if let Some(&colour) = sector_colours().iter().find(|&&c| self.colour_is_free(c)) {
            let uses = |shape: Shape| self.sectors.iter().filter(|s| s.shape == shape).count();
            let shape = Shape::ALL
                .into_iter()
                .min_by_key(|&sh| uses(sh))
                .unwrap_or(Shape::Circle);
            return (colour, shape);
        }
        (0..sector_colours().len() * Shape::ALL.len())
            .map(auto_style)
            .find(|&(c, sh)| !self.sectors.iter().any(|s| s.colour == c && s.shape == sh))
            .unwrap_or_else(|| auto_style(self.sectors.len()))
    }

    /// [`Network::ensure_sector`] for adding many sectors: the same sector,
    /// colour and shape, but O(1) a name already there, where
    /// `ensure_sector` looks through every sector. `lists` remembers what it
    /// has seen of this map's sector and tie-kind lists; keep one per map
    /// for as long as those lists are only added to, through it or not
    /// (renaming, restyling or removing one calls for a new `lists`).
    ///
    /// A colour near a sector's stays so as sectors are added, so each of
    /// the P [`sector_colours`] is checked against the sectors at most
    /// twice: adding S sectors to a map of S₀ costs O(S + P·(P + S₀ + S))
    /// rather than `ensure_sector`'s O(S·P·(S₀ + S)).
    pub fn ensure_sector_in(&mut self, lists: &mut ListIndex, name: &str) -> bool {
        if lists.has_sector(self, name) {
            return false;
        }
        let (colour, shape) = match self.free_default_look(name) {
            Some(look) => look,
            None => {
                let palette = sector_colours();
                while let Some(&c) = palette.get(lists.free_colour_from) {
                    if self.colour_is_free(c) {
                        break;
                    }
                    lists.free_colour_from += 1;
                }
                match palette.get(lists.free_colour_from) {
                    Some(&colour) => (colour, lists.least_used_shape()),
                    None => {
                        let pairs = palette.len() * Shape::ALL.len();
                        while lists.free_pair_from < pairs
                            && lists.styles.contains(&auto_style(lists.free_pair_from))
                        {
                            lists.free_pair_from += 1;
                        }
                        if lists.free_pair_from < pairs {
                            auto_style(lists.free_pair_from)
                        } else {
                            auto_style(self.sectors.len())
                        }
                    }
                }
            }
        };
        self.sectors.push(Sector {
            name: name.to_owned(),
            colour,
            shape,
        });
        lists.catch_up(self);
        true
    }

    /// [`Network::ensure_tie_kind`] for adding many: O(1) a name already
    /// there; see [`Network::ensure_sector_in`].
    pub fn ensure_tie_kind_in(
        &mut self,
        lists: &mut ListIndex,
        name: &str,
        directed: bool,
    ) -> bool {
        if lists.has_tie_kind(self, name) {
            return false;
        }
        let added = self.ensure_new_tie_kind(name, directed);
        lists.catch_up(self);
        added
    }

    /// Adds a tie kind with an automatic colour and dash unless one of that
    /// name exists; it counts in analysis. Returns `true` if it was added.
    pub fn ensure_tie_kind(&mut self, name: &str, directed: bool) -> bool {
        if self.tie_kind(name).is_some() {
            return false;
        }
        self.ensure_new_tie_kind(name, directed)
    }

    /// Adds a tie kind the map does not have; see [`Network::ensure_tie_kind`].
    fn ensure_new_tie_kind(&mut self, name: &str, directed: bool) -> bool {
        let i = self.tie_kinds.len();
        let colour = if i == 0 {
            GREY
        } else {
            OKABE_ITO[i % OKABE_ITO.len()]
        };
        self.tie_kinds.push(TieKind {
            name: name.to_owned(),
            colour,
            dash: Dash::ALL[i % Dash::ALL.len()],
            directed,
            include_in_analysis: true,
        });
        true
    }

    /// A copy safe to share: every field marked private is cleared on every
    /// actor and tie, and the metadata notes that the copy was redacted.
    pub fn shareable_copy(&self) -> Network {
        let mut n = self.clone();
        for a in &mut n.actors {
            *a = a.without_private_fields();
        }
        for t in &mut n.ties {
            *t = t.without_private_fields();
        }
        n.metadata
            .insert("redacted".to_owned(), "private fields removed".to_owned());
        n
    }
}

/// What [`Network::remove_actor`] took away.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedActor {
    /// Where the actor was in [`Network::actors`].
    pub position: usize,
    /// The actor.
    pub actor: Actor,
    /// The ties that touched it, each with its former position, ascending.
    pub ties: Vec<(usize, Tie)>,
}

fn fresh_id(prefix: &str, start: usize, taken: impl Fn(&str) -> bool) -> String {
    let mut n = start + 1;
    loop {
        let id = format!("{prefix}{n}");
        if !taken(&id) {
            return id;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PALETTE;

    fn two_actor_map() -> Network {
        let mut n = Network::new();
        n.add_actor(Actor::new("a", "Ann", "primary care")).unwrap();
        n.add_actor(Actor::new("b", "Bo", "social care")).unwrap();
        n.add_tie(Tie::new("t", "a", "b", "collaboration", false))
            .unwrap();
        n
    }

    #[test]
    fn duplicate_ids_and_dangling_ties_are_refused() {
        let mut n = two_actor_map();
        assert_eq!(
            n.add_actor(Actor::new("a", "Again", "primary care")),
            Err(ModelError::DuplicateActor("a".into()))
        );
        assert_eq!(
            n.add_tie(Tie::new("t2", "a", "zz", "collaboration", false)),
            Err(ModelError::UnknownActor("zz".into()))
        );
        assert_eq!(
            n.add_actor(Actor::new("", "No id", "primary care")),
            Err(ModelError::EmptyId)
        );
    }

    #[test]
    fn removing_an_actor_takes_its_ties_and_reinserting_restores_the_map() {
        let mut n = two_actor_map();
        let before = n.clone();
        let removed = n.remove_actor(&"a".into()).unwrap();
        assert_eq!(removed.position, 0);
        assert_eq!(removed.ties.len(), 1);
        assert!(n.ties().is_empty());
        assert!(n.actor(&"a".into()).is_none());
        assert_eq!(n.actor(&"b".into()).unwrap().name, "Bo");
        n.insert_actor(removed.position, removed.actor).unwrap();
        for (i, t) in removed.ties {
            n.insert_tie(i, t).unwrap();
        }
        assert_eq!(n, before);
    }

    #[test]
    fn fresh_ids_skip_taken_ones() {
        let mut n = Network::new();
        n.add_actor(Actor::new("a1", "x", "primary care")).unwrap();
        let id = n.fresh_actor_id();
        assert_eq!(id.as_str(), "a2");
        n.add_actor(Actor::new("a2", "y", "primary care")).unwrap();
        assert_eq!(n.fresh_actor_id().as_str(), "a3");
        assert_eq!(n.fresh_tie_id().as_str(), "t1");
    }

    #[test]
    fn ensured_sectors_take_default_or_unused_styles() {
        let mut n = Network::with_lists(Vec::new(), Vec::new());
        assert!(n.ensure_sector("Mental Health"));
        assert!(!n.ensure_sector("Mental Health"));
        let mh = &n.sectors[0];
        let default_mh = default_sectors()
            .into_iter()
            .find(|s| s.name == "mental health")
            .unwrap();
        assert_eq!((mh.colour, mh.shape), (default_mh.colour, default_mh.shape));
        for name in ["A", "B", "C", "D", "E", "F", "G", "H"] {
            n.ensure_sector(name);
        }
        let looks: std::collections::HashSet<_> =
            n.sectors.iter().map(|s| (s.colour, s.shape)).collect();
        assert_eq!(looks.len(), n.sectors.len());
        // Mental health took reddish purple, so "A" gets orange, the first
        // palette colour still free, with the first unused shape.
        assert_eq!(
            (n.sectors[1].colour, n.sectors[1].shape),
            (PALETTE[0], Shape::Circle)
        );
        assert_eq!(n.sectors[2].shape, Shape::Square);
    }

    #[test]
    fn a_default_sector_added_after_one_that_took_its_colour_gets_another() {
        let mut n = Network::new();
        n.sectors.clear();
        n.ensure_sector("Acute trust");
        n.ensure_sector("Primary care");
        n.ensure_sector("Social care");
        assert_eq!(n.sectors[0].colour, PALETTE[0]);
        let colours: std::collections::HashSet<_> = n.sectors.iter().map(|s| s.colour).collect();
        assert_eq!(colours.len(), 3, "{:?}", n.sectors);
        // A default whose colour is free keeps its own look.
        let social = default_sectors()
            .into_iter()
            .find(|s| s.name == "social care")
            .unwrap();
        assert_eq!(n.sectors[2].colour, social.colour);
    }

    #[test]
    fn a_sector_added_to_the_defaults_gets_red_then_generated_colours() {
        let mut n = Network::new();
        assert_eq!(n.sectors.len(), 11);
        n.ensure_sector("care homes & home care");
        n.ensure_sector("police & ambulance");
        n.ensure_sector("housing");
        let added: Vec<_> = n.sectors[11..]
            .iter()
            .map(|s| (s.colour, s.shape))
            .collect();
        let generated = crate::model::generated_colours();
        assert_eq!(
            added,
            [
                (Colour::rgb(0xEE, 0x66, 0x77), Shape::Circle),
                (generated[0], Shape::Square),
                (generated[1], Shape::Triangle),
            ]
        );
        // The same map gives the same styles every time.
        let mut again = Network::new();
        for name in ["care homes & home care", "police & ambulance", "housing"] {
            again.ensure_sector(name);
        }
        assert_eq!(again.sectors, n.sectors);
    }

    #[test]
    fn many_added_sectors_keep_distinct_colours_then_distinct_looks() {
        let mut n = Network::new();
        let total = crate::model::sector_colours().len();
        for i in 0..total - 11 {
            n.ensure_sector(&format!("extra {i}"));
        }
        let colours: std::collections::HashSet<_> = n.sectors.iter().map(|s| s.colour).collect();
        assert_eq!(colours.len(), n.sectors.len(), "every colour used once");
        for i in 0..30 {
            n.ensure_sector(&format!("more {i}"));
        }
        let looks: std::collections::HashSet<_> =
            n.sectors.iter().map(|s| (s.colour, s.shape)).collect();
        assert_eq!(
            looks.len(),
            n.sectors.len(),
            "colour and shape pairs differ"
        );
    }

    #[test]
    fn a_list_longer_than_its_limit_is_refused_at_the_item_past_it() {
        let read = |text: &str| {
            let mut de = serde_json::Deserializer::from_str(text);
            serde::Deserializer::deserialize_seq(&mut de, AtMost::<u32>::new(2, "things"))
        };
        assert_eq!(read("[1, 2]").unwrap(), [1, 2]);
        let e = read("[1, 2, 3]").unwrap_err().to_string();
        assert!(
            e.starts_with("more than 2 things, more than Bridgework opens"),
            "{e}"
        );
        // A map's own JSON reads its actors and ties through it.
        let map: Network = serde_json::from_str(
            r#"{"actors": [{"id": "a", "name": "A", "sector": "primary care"}], "ties": []}"#,
        )
        .unwrap();
        assert_eq!(map.actors().len(), 1);
        assert_eq!((MAX_ACTORS, MAX_TIES), (500_000, 1_000_000));
    }

    /// `ensure_sector_in` and `ensure_tie_kind_in` give the map
    /// `ensure_sector` and `ensure_tie_kind` give, name by name: past the
    /// palette and every automatic look, with default names in any case,
    /// repeats, spaces, custom colours and sectors added beside the index.
    #[test]
    fn adding_through_a_list_index_gives_the_same_map_as_one_at_a_time() {
        let pairs = crate::model::sector_colours().len() * Shape::ALL.len();
        let mut names: Vec<String> = Vec::new();
        let mut state = 7u64;
        for i in 0..pairs + pairs / 4 + 40 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let name = match (state >> 33) % 20 {
                0 => "Primary Care".to_owned(),
                1 => " social care ".to_owned(),
                2 => format!("sector {}", (state >> 40) % (i as u64 + 1)),
                _ => format!("s{i}"),
            };
            names.push(name);
        }
        let mut one = Network::new();
        let mut many = Network::new();
        let mut lists = ListIndex::default();
        for (i, name) in names.iter().enumerate() {
            if i == 5 {
                // A custom colour set before the index first looks.
                for n in [&mut one, &mut many] {
                    n.ensure_sector("custom");
                    if let Some(s) = n.sectors.last_mut() {
                        s.colour = Colour::rgb(0xE6, 0xA0, 0x02);
                    }
                }
            }
            if i % 50 == 9 {
                // Added beside the index, which catches up.
                one.ensure_sector(&format!("beside {i}"));
                many.ensure_sector(&format!("beside {i}"));
                one.ensure_tie_kind(&format!("kind beside {i}"), false);
                many.ensure_tie_kind(&format!("kind beside {i}"), false);
            }
            assert_eq!(
                one.ensure_sector(name),
                many.ensure_sector_in(&mut lists, name),
                "{name}"
            );
            let kind = format!("kind {}", i % 97);
            assert_eq!(
                one.ensure_tie_kind(&kind, i % 2 == 0),
                many.ensure_tie_kind_in(&mut lists, &kind, i % 2 == 0)
            );
            assert!(lists.has_sector(&many, name));
        }
        assert!(one.sectors.len() > pairs, "past every automatic look");
        assert_eq!(one.sectors, many.sectors);
        assert_eq!(one.tie_kinds, many.tie_kinds);
    }

    #[test]
    fn a_custom_colour_near_a_palette_colour_counts_as_taken() {
        let mut n = Network::with_lists(Vec::new(), Vec::new());
        n.ensure_sector("A");
        n.sectors[0].colour = Colour::rgb(0xE6, 0xA0, 0x02); // almost orange
        n.ensure_sector("B");
        assert_eq!(n.sectors[1].colour, PALETTE[1]);
    }

    #[test]
    fn shareable_copy_drops_private_fields() {
        let mut n = two_actor_map();
        let a = n.actor_mut(&"a".into()).unwrap();
        a.notes = "hard to work with".into();
        a.stance = crate::model::Stance::Sceptic;
        a.role = "GP partner".into();
        let shared = n.shareable_copy();
        let a = shared.actor(&"a".into()).unwrap();
        assert_eq!(a.notes, "");
        assert_eq!(a.stance, crate::model::Stance::Unknown);
        assert_eq!(a.role, "GP partner");
    }
}
