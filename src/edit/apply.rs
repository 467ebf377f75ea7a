//! [`apply`]: carries out an [`Edit`] on a network and returns its inverse.
//!
//! Every edit is checked before anything changes, or, for a
//! [`Edit::Batch`], rolled back step by step if a later step is refused; so
//! a refused edit leaves the network exactly as it was.

use super::edit::Edit;
use super::error::EditError;
use super::items::{
    add_actor, add_tie, move_actors, remove_actors, remove_ties, restore, update_actors,
    update_ties,
};
use super::lists::{remove, rename, set_list};
use crate::model::{Network, Sector, TieKind};
use std::collections::{BTreeMap, HashSet};
use std::hash::Hash;

/// How strictly an edit is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// A new edit: ids and structure, and the map's attribute rules
    /// ([`Network::validate`]) on everything it touches.
    Checked,
    /// An inverse being applied to undo or redo a step: ids and structure
    /// only. The state it restores is one the network was in before, so
    /// undo works even on a map that was invalid to begin with.
    Restore,
}

/// An applied edit: its inverse, and whether anything changed at all.
#[derive(Debug)]
pub(super) struct Applied {
    /// Puts the network back as it was.
    pub inverse: Edit,
    /// `false` if the network is exactly as before (an edit that sets what
    /// is already there); such an edit need not be an undo step.
    pub changed: bool,
}

/// Applies `edit` to `network` and returns its inverse: the edit that puts
/// the network back exactly as it was, down to the order of actors, ties,
/// sectors and tie kinds.
///
/// # Arguments
/// * `network`: the map to change.
/// * `edit`: the change; see [`Edit`] for what each variant does and
///   checks.
///
/// # Returns
/// The inverse edit, or why the edit was refused. A refused edit has
/// changed nothing. Applying the inverse to the network this call left
/// restores it exactly and returns an edit that redoes `edit`. (If the map
/// broke a rule before, this call may refuse to put the rule-breaking value
/// back; [`crate::edit::History`] applies inverses without the attribute
/// checks, so its undo works on such a map too.)
///
/// Exactness assumes what every map built through the model or loaded by
/// `io` has: unique ids and no tie to a missing actor.
///
/// # Complexity
/// Updates and moves are O(k) for k items. Adding one actor or tie at the
/// end is O(1), elsewhere O(actors + ties) (the model rebuilds its id
/// index). Removing any number of actors or ties, and restoring them, is
/// O(actors + ties) in all: one pass that rebuilds the lists. Renaming or
/// removing a sector or tie kind is O(actors) or O(ties).
///
/// # Example
/// ```
/// use bridgework::edit::{Edit, apply};
/// use bridgework::model::{Actor, Network};
///
/// let mut network = Network::new();
/// let before = network.clone();
/// let add = Edit::AddActor {
///     position: None,
///     actor: Actor::new("a1", "Dr Okafor", "primary care"),
/// };
/// let undo = apply(&mut network, add).unwrap();
/// assert_eq!(network.actors().len(), 1);
/// apply(&mut network, undo).unwrap();
/// assert_eq!(network, before);
/// ```
pub fn apply(network: &mut Network, edit: Edit) -> Result<Edit, EditError> {
    apply_in(network, edit, Mode::Checked).map(|applied| applied.inverse)
}

/// [`apply`] with the given strictness, also saying whether anything changed.
pub(super) fn apply_in(
    network: &mut Network,
    edit: Edit,
    mode: Mode,
) -> Result<Applied, EditError> {
    match edit {
        Edit::AddActor { position, actor } => add_actor(network, position, actor, mode),
        Edit::RemoveActors(ids) => remove_actors(network, ids),
        Edit::UpdateActor(actor) => {
            let (mut old, changed) = update_actors(network, vec![actor], mode)?;
            let inverse = match old.pop() {
                Some(old) => Edit::UpdateActor(old),
                None => Edit::UpdateActors(old),
            };
            Ok(Applied { inverse, changed })
        }
        Edit::UpdateActors(actors) => {
            let (old, changed) = update_actors(network, actors, mode)?;
            Ok(Applied {
                inverse: Edit::UpdateActors(old),
                changed,
            })
        }
        Edit::MoveActors(moves) => move_actors(network, moves, mode),
        Edit::AddTie { position, tie } => add_tie(network, position, tie, mode),
        Edit::RemoveTies(ids) => remove_ties(network, ids),
        Edit::Restore { actors, ties } => restore(network, actors, ties, mode),
        Edit::UpdateTie(tie) => {
            let (mut old, changed) = update_ties(network, vec![tie], mode)?;
            let inverse = match old.pop() {
                Some(old) => Edit::UpdateTie(old),
                None => Edit::UpdateTies(old),
            };
            Ok(Applied { inverse, changed })
        }
        Edit::UpdateTies(ties) => {
            let (old, changed) = update_ties(network, ties, mode)?;
            Ok(Applied {
                inverse: Edit::UpdateTies(old),
                changed,
            })
        }
        Edit::SetSectors(list) => set_list(network, list, mode),
        Edit::RenameSector { from, to } => rename::<Sector>(network, from, to, mode),
        Edit::RemoveSector { name, reassign_to } => {
            remove::<Sector>(network, name, reassign_to, mode)
        }
        Edit::SetTieKinds(list) => set_list(network, list, mode),
        Edit::RenameTieKind { from, to } => rename::<TieKind>(network, from, to, mode),
        Edit::RemoveTieKind { name, reassign_to } => {
            remove::<TieKind>(network, name, reassign_to, mode)
        }
        Edit::SetMapInfo {
            title,
            description,
            metadata,
        } => Ok(set_map_info(network, title, description, metadata)),
        Edit::Batch(edits) => batch(network, edits, mode),
    }
}

/// The first item that occurs twice.
pub(super) fn first_repeat<'a, T: Hash + Eq + 'a>(
    items: impl IntoIterator<Item = &'a T>,
) -> Option<&'a T> {
    let mut seen = HashSet::new();
    items.into_iter().find(|&item| !seen.insert(item))
}

/// One edit as itself, several as a batch.
pub(super) fn one_or_batch(mut edits: Vec<Edit>) -> Edit {
    if edits.len() == 1
        && let Some(only) = edits.pop()
    {
        return only;
    }
    Edit::Batch(edits)
}

fn set_map_info(
    network: &mut Network,
    title: String,
    description: String,
    metadata: BTreeMap<String, String>,
) -> Applied {
    let changed = network.title != title
        || network.description != description
        || network.metadata != metadata;
    let inverse = if changed {
        Edit::SetMapInfo {
            title: std::mem::replace(&mut network.title, title),
            description: std::mem::replace(&mut network.description, description),
            metadata: std::mem::replace(&mut network.metadata, metadata),
        }
    } else {
        Edit::SetMapInfo {
            title,
            description,
            metadata,
        }
    };
    Applied { inverse, changed }
}

fn batch(network: &mut Network, edits: Vec<Edit>, mode: Mode) -> Result<Applied, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    let mut changed = false;
    for edit in edits {
        match apply_in(network, edit, mode) {
            Ok(applied) => {
                changed |= applied.changed;
                inverses.push(applied.inverse);
            }
            Err(error) => {
                roll_back(network, inverses);
                return Err(error);
            }
        }
    }
    let mut inverse = Vec::with_capacity(inverses.len());
    for edit in inverses.into_iter().rev() {
        push_joining_removals(&mut inverse, edit);
    }
    Ok(Applied {
        inverse: Edit::Batch(inverse),
        changed,
    })
}

/// Pushes `edit`, joining it to the last edit if both remove actors or
/// both remove ties: the undo of a paste is then one pass over the map,
/// not one per pasted item. Removing a set of actors or ties gives the
/// same map in any order, so the joined edit does exactly what the two did.
fn push_joining_removals(edits: &mut Vec<Edit>, edit: Edit) {
    match (edits.last_mut(), edit) {
        (Some(Edit::RemoveActors(ids)), Edit::RemoveActors(more)) => ids.extend(more),
        (Some(Edit::RemoveTies(ids)), Edit::RemoveTies(more)) => ids.extend(more),
        (_, edit) => edits.push(edit),
    }
}

/// Undoes the steps of a batch that were applied, last first.
fn roll_back(network: &mut Network, inverses: Vec<Edit>) {
    for inverse in inverses.into_iter().rev() {
        let undone = apply_in(network, inverse, Mode::Restore);
        debug_assert!(undone.is_ok(), "an inverse failed: {undone:?}");
    }
}
