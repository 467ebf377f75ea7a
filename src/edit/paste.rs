//! Copy, paste and duplicate: the edits that put copies of actors and the
//! ties among them on a map under fresh ids.

use super::edit::Edit;
use crate::model::{Actor, ActorId, Network, Tie, TieId};
use std::collections::{HashMap, HashSet};

/// The actors with these ids and the ties between two of them, both in map
/// order: what the editor puts on its clipboard. Ids not on the map are
/// skipped; ties to actors outside the selection are left out.
///
/// # Complexity
/// O(k + actors + ties) for k ids.
pub fn copy_selection(network: &Network, ids: &[ActorId]) -> (Vec<Actor>, Vec<Tie>) {
    let mut positions: Vec<usize> = ids
        .iter()
        .filter_map(|id| network.actor_position(id))
        .collect();
    positions.sort_unstable();
    positions.dedup();
    let actors: Vec<Actor> = positions
        .into_iter()
        .filter_map(|i| network.actors().get(i).cloned())
        .collect();
    let chosen: HashSet<&ActorId> = actors.iter().map(Actor::id).collect();
    let ties = network
        .ties()
        .iter()
        .filter(|t| chosen.contains(t.from()) && chosen.contains(t.to()))
        .cloned()
        .collect();
    (actors, ties)
}

/// The edit that pastes copies of `actors`, and of those `ties` whose both
/// ends are among them, onto `network`, as one undo step.
///
/// Each copy gets a fresh id in the map's own scheme (`a17`, `t40`: the
/// first ones [`Network::fresh_actor_id`] and [`Network::fresh_tie_id`]
/// would give, then the next free ones), ties are rewired to the copies,
/// and placed copies are shifted by `offset` (unplaced ones stay
/// unplaced). Sectors and tie kinds the map lacks (pasting from another
/// map) are added first, styled as [`Network::ensure_sector`] and
/// [`Network::ensure_tie_kind`] would. Ties with an end outside `actors`
/// are left out.
///
/// The edit is only built here; [`crate::edit::apply`] checks it, so
/// copies that break the map's rules are refused there as a whole. After
/// applying, [`Edit::added_actors`] lists the new ids (to select them).
///
/// # Returns
/// A [`Edit::Batch`]: the list changes if any, then one [`Edit::AddActor`]
/// per actor and one [`Edit::AddTie`] per tie, at the end of the lists.
///
/// # Example
/// ```
/// use bridgework::edit::{apply, paste_edit};
/// use bridgework::model::{Actor, Network, Tie};
///
/// let mut network = Network::new();
/// let mut ann = Actor::new("a1", "Ann", "primary care");
/// (ann.x, ann.y) = (Some(10.0), Some(20.0));
/// let bo = Actor::new("a2", "Bo", "social care");
/// let tie = Tie::new("t1", "a1", "a2", "referral", true);
/// let paste = paste_edit(&network, &[ann, bo], &[tie], [5.0, 5.0]);
/// apply(&mut network, paste).unwrap();
/// // The map was empty, so the copies get the first free ids.
/// let copy = network.actor(&"a1".into()).unwrap();
/// assert_eq!((copy.x, copy.y), (Some(15.0), Some(25.0)));
/// assert_eq!(network.ties().len(), 1);
/// ```
pub fn paste_edit(network: &Network, actors: &[Actor], ties: &[Tie], offset: [f64; 2]) -> Edit {
    let mut lists = Network::with_lists(network.sectors.clone(), network.tie_kinds.clone());
    for actor in actors {
        if !actor.sector.trim().is_empty() {
            lists.ensure_sector(&actor.sector);
        }
    }
    let mut new_ids: HashMap<&ActorId, ActorId> = HashMap::new();
    let mut actor_ids = FreshIds::new("a", network.actors().len(), |id| {
        network.actor(&ActorId::new(id)).is_some()
    });
    let mut steps = Vec::new();
    for actor in actors {
        let id = ActorId::from(actor_ids.next_id());
        new_ids.entry(actor.id()).or_insert_with(|| id.clone());
        let mut copy = actor.clone().with_id(id);
        copy.x = copy.x.map(|x| x + offset[0]);
        copy.y = copy.y.map(|y| y + offset[1]);
        steps.push(Edit::AddActor {
            position: None,
            actor: copy,
        });
    }
    let mut tie_ids = FreshIds::new("t", network.ties().len(), |id| {
        network.tie(&TieId::new(id)).is_some()
    });
    for tie in ties {
        let (Some(from), Some(to)) = (new_ids.get(tie.from()), new_ids.get(tie.to())) else {
            continue;
        };
        if !tie.kind.trim().is_empty() {
            lists.ensure_tie_kind(&tie.kind, tie.directed);
        }
        let id = TieId::from(tie_ids.next_id());
        steps.push(Edit::AddTie {
            position: None,
            tie: tie.clone().with_ids(id, from.clone(), to.clone()),
        });
    }
    let mut list_steps = Vec::new();
    if lists.sectors != network.sectors {
        list_steps.push(Edit::SetSectors(lists.sectors));
    }
    if lists.tie_kinds != network.tie_kinds {
        list_steps.push(Edit::SetTieKinds(lists.tie_kinds));
    }
    list_steps.extend(steps);
    Edit::Batch(list_steps)
}

/// The edit that duplicates the actors with these ids and the ties among
/// them, shifted by `offset`: [`copy_selection`] then [`paste_edit`].
pub fn duplicate_edit(network: &Network, ids: &[ActorId], offset: [f64; 2]) -> Edit {
    let (actors, ties) = copy_selection(network, ids);
    paste_edit(network, &actors, &ties, offset)
}

/// Ids `prefix` + number, from one past `count` up, skipping taken ones and
/// ones already handed out: the scheme of [`Network::fresh_actor_id`].
struct FreshIds<F> {
    prefix: &'static str,
    next: usize,
    taken: F,
}

impl<F: Fn(&str) -> bool> FreshIds<F> {
    fn new(prefix: &'static str, count: usize, taken: F) -> Self {
        Self {
            prefix,
            next: count.saturating_add(1),
            taken,
        }
    }

    fn next_id(&mut self) -> String {
        loop {
            let id = format!("{}{}", self.prefix, self.next);
            self.next = self.next.saturating_add(1);
            if !(self.taken)(&id) {
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::model::{ActorField, Profession, Stance, TieField};

    fn full_actor(id: &str) -> Actor {
        let mut a = Actor::new(id, "Dr Okafor", "primary care");
        a.kind = crate::model::ActorKind::Team;
        a.organisation = "Riverside PCN".into();
        a.role = "Clinical director".into();
        a.profession = Some(Profession::Doctor);
        a.formal_position = Some(4);
        a.stance = Stance::Champion;
        a.influence = Some(5);
        a.tags = vec!["board".into()];
        a.notes = "met in May".into();
        a.x = Some(1.0);
        a.y = Some(-2.0);
        a.pinned = true;
        a.private = [ActorField::Notes, ActorField::Role].into_iter().collect();
        a.attributes.insert("team".into(), "north".into());
        a
    }

    /// Serialised without the id, to compare everything else.
    fn without_id<T: serde::Serialize>(v: &T) -> serde_json::Value {
        let mut json = serde_json::to_value(v).unwrap();
        let obj = json.as_object_mut().unwrap();
        for key in ["id", "from", "to"] {
            obj.remove(key);
        }
        json
    }

    #[test]
    fn copies_keep_every_field_but_the_id() {
        let a = full_actor("x");
        let copy = a.clone().with_id("y");
        assert_eq!(copy.id().as_str(), "y");
        assert_eq!(without_id(&copy), without_id(&a));

        let mut t = Tie::new("t", "x", "x", "referral", true);
        t.strength = 3.5;
        t.confirmed = false;
        t.notes = "informal".into();
        t.private = [TieField::Attributes].into_iter().collect();
        t.attributes.insert("since".into(), "2021".into());
        let copy = t.clone().with_ids("u", "p", "q");
        assert_eq!(
            (copy.id().as_str(), copy.from().as_str(), copy.to().as_str()),
            ("u", "p", "q")
        );
        assert_eq!(without_id(&copy), without_id(&t));
    }

    fn small_map() -> Network {
        let mut n = Network::new();
        n.add_actor(full_actor("a1")).unwrap();
        n.add_actor(Actor::new("a2", "Bo", "social care")).unwrap();
        n.add_actor(Actor::new("a3", "Cy", "mental health"))
            .unwrap();
        n.add_tie(Tie::new("t1", "a1", "a2", "referral", true))
            .unwrap();
        n.add_tie(Tie::new("t2", "a2", "a3", "collaboration", false))
            .unwrap();
        n
    }

    #[test]
    fn duplicate_copies_inner_ties_with_fresh_ids_and_offsets() {
        let mut n = small_map();
        let before = n.clone();
        let dup = duplicate_edit(&n, &["a2".into(), "a1".into(), "zz".into()], [10.0, 10.0]);
        assert_eq!(
            dup.added_actors(),
            vec![ActorId::new("a4"), ActorId::new("a5")]
        );
        assert_eq!(dup.added_ties(), vec![TieId::new("t3")]);
        assert_eq!(dup.label(), "Add 2 actors and 1 tie");
        let undo = apply(&mut n, dup).unwrap();
        assert!(n.validate().is_empty());
        let a4 = n.actor(&"a4".into()).unwrap();
        assert_eq!(a4.name, "Dr Okafor");
        assert_eq!((a4.x, a4.y), (Some(11.0), Some(8.0)));
        let a5 = n.actor(&"a5".into()).unwrap();
        assert_eq!((a5.x, a5.y), (None, None));
        let t3 = n.tie(&"t3".into()).unwrap();
        assert_eq!((t3.from().as_str(), t3.to().as_str()), ("a4", "a5"));
        apply(&mut n, undo).unwrap();
        assert_eq!(n, before);
    }

    #[test]
    fn fresh_ids_skip_taken_and_handed_out_ones() {
        let mut n = Network::new();
        n.add_actor(Actor::new("a2", "B", "primary care")).unwrap();
        let paste = paste_edit(
            &n,
            &[
                Actor::new("a2", "B", "primary care"),
                Actor::new("zz", "Z", "primary care"),
            ],
            &[],
            [0.0, 0.0],
        );
        assert_eq!(n.fresh_actor_id().as_str(), "a3");
        assert_eq!(
            paste.added_actors(),
            vec![ActorId::new("a3"), ActorId::new("a4")]
        );
    }

    #[test]
    fn pasting_from_another_map_adds_missing_sectors_and_kinds() {
        let mut n = small_map();
        let before = n.clone();
        let a = Actor::new("x1", "Ward 7", "Acute medicine");
        let b = Actor::new("x2", "Ward 8", "primary care");
        let t = Tie::new("y1", "x1", "x2", "escalation", true);
        let outside = Tie::new("y2", "x1", "nobody", "referral", true);
        let paste = paste_edit(&n, &[a, b], &[t, outside], [0.0, 0.0]);
        let Edit::Batch(steps) = &paste else {
            panic!("{paste:?}")
        };
        assert!(matches!(steps[0], Edit::SetSectors(_)));
        assert!(matches!(steps[1], Edit::SetTieKinds(_)));
        assert_eq!(paste.added_ties().len(), 1);
        let undo = apply(&mut n, paste).unwrap();
        assert!(n.validate().is_empty(), "{:?}", n.validate());
        assert!(n.sector("Acute medicine").is_some());
        assert!(n.tie_kind("escalation").unwrap().directed);
        apply(&mut n, undo).unwrap();
        assert_eq!(n, before);
    }
}
