//! Removing and inserting many actors and ties in one pass.
//!
//! The model's `remove_actor`, `remove_tie`, and `insert_actor` or
//! `insert_tie` anywhere but at the end, each rebuild the id index:
//! O(actors + ties) per item, so deleting 1000 actors of a 20 000-actor map
//! one by one takes most of a minute, and undoing it longer. Here the actor
//! and tie lists are rebuilt once instead, appending at the end (O(1) per
//! item): O(actors + ties) for the whole change.
//!
//! The rebuilt network copies the map's public fields (title, description,
//! metadata, sectors, tie kinds) from the old one; a field added to
//! `Network` later must be copied in [`rebuild`] too.

use crate::model::{Actor, ModelError, Network, Tie};
use std::collections::HashSet;

/// From how many items a removal or restoration takes the one-pass path;
/// below this, the model's per-item calls are cheaper (no copies).
pub(super) const BULK_FROM: usize = 4;

/// Actors and ties taken out of a map, each with its former position,
/// ascending.
pub(super) struct Taken {
    /// The actors.
    pub actors: Vec<(usize, Actor)>,
    /// The ties.
    pub ties: Vec<(usize, Tie)>,
}

/// Replaces the network's actors and ties with these, keeping everything
/// else. Changes nothing and returns the model's refusal if the lists repeat
/// an id or a tie's end is not among the actors.
fn rebuild(
    network: &mut Network,
    actors: impl IntoIterator<Item = Actor>,
    ties: impl IntoIterator<Item = Tie>,
) -> Result<(), ModelError> {
    let mut fresh = Network::with_lists(network.sectors.clone(), network.tie_kinds.clone());
    fresh.title.clone_from(&network.title);
    fresh.description.clone_from(&network.description);
    fresh.metadata.clone_from(&network.metadata);
    for actor in actors {
        fresh.add_actor(actor)?;
    }
    for tie in ties {
        fresh.add_tie(tie)?;
    }
    *network = fresh;
    Ok(())
}

/// Removes the actors and the ties at these positions in one pass.
///
/// # Complexity
/// O(actors + ties).
pub(super) fn remove_at(
    network: &mut Network,
    actor_positions: &HashSet<usize>,
    tie_positions: &HashSet<usize>,
) -> Result<Taken, ModelError> {
    let (taken_actors, kept_actors) = split(network.actors(), actor_positions);
    let (taken_ties, kept_ties) = split(network.ties(), tie_positions);
    rebuild(network, kept_actors, kept_ties)?;
    Ok(Taken {
        actors: taken_actors,
        ties: taken_ties,
    })
}

/// Copies of the items at `positions` (with their positions) and of the rest.
fn split<T: Clone>(items: &[T], positions: &HashSet<usize>) -> (Vec<(usize, T)>, Vec<T>) {
    let mut taken = Vec::with_capacity(positions.len());
    let mut kept = Vec::with_capacity(items.len().saturating_sub(positions.len()));
    for (i, item) in items.iter().enumerate() {
        if positions.contains(&i) {
            taken.push((i, item.clone()));
        } else {
            kept.push(item.clone());
        }
    }
    (taken, kept)
}

/// Inserts the actors, then the ties, at these positions in one pass. Each
/// list's positions must be strictly ascending; the result is then the
/// same as inserting the items one by one in that order (a position past
/// the end meaning the end).
///
/// # Complexity
/// O(actors + ties).
pub(super) fn insert_at(
    network: &mut Network,
    actors: Vec<(usize, Actor)>,
    ties: Vec<(usize, Tie)>,
) -> Result<(), ModelError> {
    let actors = merge(network.actors(), actors);
    let ties = merge(network.ties(), ties);
    rebuild(network, actors, ties)
}

/// `old` with the `new` items inserted so that each lands at its position
/// (strictly ascending), or at the end if the list is shorter by then.
fn merge<T: Clone>(old: &[T], new: Vec<(usize, T)>) -> Vec<T> {
    let mut out = Vec::with_capacity(old.len() + new.len());
    let mut new = new.into_iter().peekable();
    let mut old = old.iter();
    loop {
        if let Some((_, item)) = new.next_if(|(position, _)| *position <= out.len()) {
            out.push(item);
            continue;
        }
        match old.next() {
            Some(item) => out.push(item.clone()),
            None => {
                out.extend(new.map(|(_, item)| item));
                return out;
            }
        }
    }
}

/// Whether positions are strictly ascending, as [`insert_at`] needs.
pub(super) fn ascending<T>(items: &[(usize, T)]) -> bool {
    items.windows(2).all(|w| match w {
        [a, b] => a.0 < b.0,
        _ => true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Inserting one by one, as `Vec::insert` with clamping does.
    fn one_by_one(old: &[u32], new: &[(usize, u32)]) -> Vec<u32> {
        let mut v = old.to_vec();
        for &(p, x) in new {
            v.insert(p.min(v.len()), x);
        }
        v
    }

    #[test]
    fn merge_puts_items_at_their_final_positions() {
        assert_eq!(
            merge(&[1, 2, 3], vec![(0, 10), (2, 20), (9, 30), (10, 40)]),
            [10, 1, 20, 2, 3, 30, 40]
        );
        assert_eq!(merge::<u32>(&[], vec![(3, 7)]), [7]);
        assert_eq!(merge(&[1], vec![]), [1]);
    }

    proptest! {
        #[test]
        fn merge_equals_inserting_one_by_one(
            old in proptest::collection::vec(any::<u32>(), 0..10),
            mut positions in proptest::collection::btree_set(0usize..25, 0..8),
        ) {
            let new: Vec<(usize, u32)> = std::mem::take(&mut positions)
                .into_iter()
                .enumerate()
                .map(|(i, p)| (p, 1000 + i as u32))
                .collect();
            prop_assert!(ascending(&new));
            prop_assert_eq!(merge(&old, new.clone()), one_by_one(&old, &new));
        }
    }
}
