//! Applying the edits to the sector and tie-kind lists (see
//! [`super::apply`]).
//!
//! Both lists follow the same rules: actors name a sector, ties name a tie
//! kind. [`ListEntry`] says where each list and its users live, and one
//! generic function per edit serves both.

use super::apply::{Applied, Mode, apply_in, one_or_batch};
use super::check::{check_sector_list, check_tie_kind_list};
use super::edit::Edit;
use super::error::{EditError, NameList};
use crate::model::{Actor, ActorId, Network, Sector, Tie, TieId, TieKind};
use std::collections::{HashMap, HashSet};

/// An entry of one of the map's name lists ([`Sector`], [`TieKind`]), with
/// the items that name it (actors, ties) and the edits that change them.
pub(super) trait ListEntry: Clone + PartialEq + Sized {
    /// What names an entry: an [`Actor`] (its sector) or a [`Tie`] (its kind).
    type User: Clone;
    /// The stable id of a user.
    type UserId: Clone;
    /// Which list this is, for errors.
    const LIST: NameList;
    /// The entry's name.
    fn name(&self) -> &str;
    /// The entry's name, to change.
    fn name_mut(&mut self) -> &mut String;
    /// The network's list.
    fn entries(network: &Network) -> &[Self];
    /// The network's list, to change.
    fn entries_mut(network: &mut Network) -> &mut Vec<Self>;
    /// Checks a whole list (names present, trimmed, unique).
    fn check_entries(list: &[Self]) -> Result<(), EditError>;
    /// Every item that could name an entry.
    fn users(network: &Network) -> &[Self::User];
    /// The name `user` uses.
    fn used(user: &Self::User) -> &str;
    /// The name `user` uses, to change.
    fn used_mut(user: &mut Self::User) -> &mut String;
    /// The id of `user`.
    fn user_id(user: &Self::User) -> &Self::UserId;
    /// The user with id `id`, to change.
    fn user_mut<'a>(network: &'a mut Network, id: &Self::UserId) -> Option<&'a mut Self::User>;
    /// The edit that sets the whole list.
    fn set_edit(list: Vec<Self>) -> Edit;
    /// The edit that renames `from` to `to`.
    fn rename_edit(from: String, to: String) -> Edit;
    /// The edit that updates `users`.
    fn update_users_edit(users: Vec<Self::User>) -> Edit;
}

impl ListEntry for Sector {
    type User = Actor;
    type UserId = ActorId;
    const LIST: NameList = NameList::Sectors;
    fn name(&self) -> &str {
        &self.name
    }
    fn name_mut(&mut self) -> &mut String {
        &mut self.name
    }
    fn entries(network: &Network) -> &[Self] {
        &network.sectors
    }
    fn entries_mut(network: &mut Network) -> &mut Vec<Self> {
        &mut network.sectors
    }
    fn check_entries(list: &[Self]) -> Result<(), EditError> {
        check_sector_list(list)
    }
    fn users(network: &Network) -> &[Actor] {
        network.actors()
    }
    fn used(actor: &Actor) -> &str {
        &actor.sector
    }
    fn used_mut(actor: &mut Actor) -> &mut String {
        &mut actor.sector
    }
    fn user_id(actor: &Actor) -> &ActorId {
        actor.id()
    }
    fn user_mut<'a>(network: &'a mut Network, id: &ActorId) -> Option<&'a mut Actor> {
        network.actor_mut(id)
    }
    fn set_edit(list: Vec<Self>) -> Edit {
        Edit::SetSectors(list)
    }
    fn rename_edit(from: String, to: String) -> Edit {
        Edit::RenameSector { from, to }
    }
    fn update_users_edit(actors: Vec<Actor>) -> Edit {
        Edit::UpdateActors(actors)
    }
}

impl ListEntry for TieKind {
    type User = Tie;
    type UserId = TieId;
    const LIST: NameList = NameList::TieKinds;
    fn name(&self) -> &str {
        &self.name
    }
    fn name_mut(&mut self) -> &mut String {
        &mut self.name
    }
    fn entries(network: &Network) -> &[Self] {
        &network.tie_kinds
    }
    fn entries_mut(network: &mut Network) -> &mut Vec<Self> {
        &mut network.tie_kinds
    }
    fn check_entries(list: &[Self]) -> Result<(), EditError> {
        check_tie_kind_list(list)
    }
    fn users(network: &Network) -> &[Tie] {
        network.ties()
    }
    fn used(tie: &Tie) -> &str {
        &tie.kind
    }
    fn used_mut(tie: &mut Tie) -> &mut String {
        &mut tie.kind
    }
    fn user_id(tie: &Tie) -> &TieId {
        tie.id()
    }
    fn user_mut<'a>(network: &'a mut Network, id: &TieId) -> Option<&'a mut Tie> {
        network.tie_mut(id)
    }
    fn set_edit(list: Vec<Self>) -> Edit {
        Edit::SetTieKinds(list)
    }
    fn rename_edit(from: String, to: String) -> Edit {
        Edit::RenameTieKind { from, to }
    }
    fn update_users_edit(ties: Vec<Tie>) -> Edit {
        Edit::UpdateTies(ties)
    }
}

/// The first name of `old` that is missing from `new` and still used,
/// with how many use it.
fn dropped_in_use<'a>(
    old: impl Iterator<Item = &'a str>,
    new: impl Iterator<Item = &'a str>,
    used: impl Iterator<Item = &'a str>,
) -> Option<(&'a str, usize)> {
    let kept: HashSet<&str> = new.collect();
    let dropped: Vec<&str> = old.filter(|name| !kept.contains(name)).collect();
    if dropped.is_empty() {
        return None;
    }
    let mut uses: HashMap<&str, usize> = dropped.iter().map(|&name| (name, 0)).collect();
    for name in used {
        if let Some(n) = uses.get_mut(name) {
            *n += 1;
        }
    }
    dropped.into_iter().find_map(|name| match uses.get(name) {
        Some(&n) if n > 0 => Some((name, n)),
        _ => None,
    })
}

/// [`Edit::SetSectors`] and [`Edit::SetTieKinds`]: a valid list that keeps
/// every name in use.
pub(super) fn set_list<E: ListEntry>(
    network: &mut Network,
    list: Vec<E>,
    mode: Mode,
) -> Result<Applied, EditError> {
    if mode == Mode::Checked {
        E::check_entries(&list)?;
        if let Some((name, count)) = dropped_in_use(
            E::entries(network).iter().map(E::name),
            list.iter().map(E::name),
            E::users(network).iter().map(E::used),
        ) {
            return Err(EditError::NameInUse {
                list: E::LIST,
                name: name.to_owned(),
                count,
            });
        }
    }
    let changed = E::entries(network) != list.as_slice();
    let old = if changed {
        std::mem::replace(E::entries_mut(network), list)
    } else {
        list
    };
    Ok(Applied {
        inverse: E::set_edit(old),
        changed,
    })
}

/// The checks a rename needs before anything changes: `from` is in the
/// list, and `to` is neither in the list nor used by anything (which only
/// an invalid map allows), so that renaming back touches exactly what this
/// rename touched. Returns the index of `from`, or `None` if the names are
/// equal (nothing to do).
fn check_rename(
    list: NameList,
    names: &[&str],
    used: impl Iterator<Item = bool>,
    from: &str,
    to: &str,
) -> Result<Option<usize>, EditError> {
    let Some(i) = names.iter().position(|&n| n == from) else {
        return Err(EditError::UnknownName {
            list,
            name: from.to_owned(),
        });
    };
    if from == to {
        return Ok(None);
    }
    if names.contains(&to) || used.into_iter().any(|u| u) {
        return Err(EditError::NameTaken {
            list,
            name: to.to_owned(),
        });
    }
    Ok(Some(i))
}

/// [`Edit::RenameSector`] and [`Edit::RenameTieKind`]: the list entry and
/// every actor or tie that names it.
pub(super) fn rename<E: ListEntry>(
    network: &mut Network,
    from: String,
    to: String,
    mode: Mode,
) -> Result<Applied, EditError> {
    let names: Vec<&str> = E::entries(network).iter().map(E::name).collect();
    let used = E::users(network).iter().map(|u| E::used(u) == to);
    let Some(i) = check_rename(E::LIST, &names, used, &from, &to)? else {
        return Ok(Applied {
            inverse: E::rename_edit(to, from),
            changed: false,
        });
    };
    if mode == Mode::Checked
        && let Some(entry) = E::entries(network).get(i)
    {
        let mut renamed = entry.clone();
        *renamed.name_mut() = to.clone();
        E::check_entries(&[renamed])?;
    }
    if let Some(entry) = E::entries_mut(network).get_mut(i) {
        *entry.name_mut() = to.clone();
    }
    let users: Vec<E::UserId> = E::users(network)
        .iter()
        .filter(|u| E::used(u) == from)
        .map(|u| E::user_id(u).clone())
        .collect();
    for id in users {
        if let Some(user) = E::user_mut(network, &id) {
            *E::used_mut(user) = to.clone();
        }
    }
    Ok(Applied {
        inverse: E::rename_edit(to, from),
        changed: true,
    })
}

/// The checks a removal needs: `name` is in the list; `reassign_to`, if
/// given, is another name of the list; without it, nothing may use `name`.
fn check_removal(
    list: NameList,
    names: &[&str],
    users: usize,
    name: &str,
    reassign_to: Option<&str>,
) -> Result<usize, EditError> {
    let Some(i) = names.iter().position(|&n| n == name) else {
        return Err(EditError::UnknownName {
            list,
            name: name.to_owned(),
        });
    };
    match reassign_to {
        Some(to) if to == name => Err(EditError::ReassignToSame {
            list,
            name: name.to_owned(),
        }),
        Some(to) if !names.contains(&to) => Err(EditError::UnknownName {
            list,
            name: to.to_owned(),
        }),
        None if users > 0 => Err(EditError::NameInUse {
            list,
            name: name.to_owned(),
            count: users,
        }),
        _ => Ok(i),
    }
}

/// [`Edit::RemoveSector`] and [`Edit::RemoveTieKind`]: removing an entry is
/// moving its actors or ties, then setting the list without it: applied as
/// that batch, so its inverse and rollback come for free.
pub(super) fn remove<E: ListEntry>(
    network: &mut Network,
    name: String,
    reassign_to: Option<String>,
    mode: Mode,
) -> Result<Applied, EditError> {
    let names: Vec<&str> = E::entries(network).iter().map(E::name).collect();
    let users: Vec<&E::User> = E::users(network)
        .iter()
        .filter(|u| E::used(u) == name)
        .collect();
    let i = check_removal(E::LIST, &names, users.len(), &name, reassign_to.as_deref())?;
    let mut steps = Vec::new();
    if let Some(to) = reassign_to
        && !users.is_empty()
    {
        let moved = users
            .into_iter()
            .map(|u| {
                let mut u = u.clone();
                E::used_mut(&mut u).clone_from(&to);
                u
            })
            .collect();
        steps.push(E::update_users_edit(moved));
    }
    let list: Vec<E> = E::entries(network)
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != i)
        .map(|(_, entry)| entry.clone())
        .collect();
    steps.push(E::set_edit(list));
    let applied = apply_in(network, Edit::Batch(steps), mode)?;
    Ok(Applied {
        inverse: flatten_single(applied.inverse),
        changed: applied.changed,
    })
}

/// A batch of one edit as that edit.
fn flatten_single(edit: Edit) -> Edit {
    match edit {
        Edit::Batch(edits) => one_or_batch(edits),
        other => other,
    }
}
