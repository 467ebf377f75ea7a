//! Applying the edits to the sector and tie-kind lists (see
//! [`super::apply`]).

use super::apply::{Applied, Mode, apply_in, one_or_batch};
use super::check::{check_sector_list, check_tie_kind_list};
use super::edit::Edit;
use super::error::{EditError, NameList};
use crate::model::{Actor, ActorId, Network, Sector, Tie, TieId, TieKind};
use std::collections::{HashMap, HashSet};

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

/// [`Edit::SetSectors`]: a valid list that keeps every sector in use.
pub(super) fn set_sectors(
    network: &mut Network,
    list: Vec<Sector>,
    mode: Mode,
) -> Result<Applied, EditError> {
    if mode == Mode::Checked {
        check_sector_list(&list)?;
        if let Some((name, count)) = dropped_in_use(
            network.sectors.iter().map(|s| s.name.as_str()),
            list.iter().map(|s| s.name.as_str()),
            network.actors().iter().map(|a| a.sector.as_str()),
        ) {
            return Err(EditError::NameInUse {
                list: NameList::Sectors,
                name: name.to_owned(),
                count,
            });
        }
    }
    let changed = network.sectors != list;
    let old = if changed {
        std::mem::replace(&mut network.sectors, list)
    } else {
        list
    };
    Ok(Applied {
        inverse: Edit::SetSectors(old),
        changed,
    })
}

/// [`Edit::SetTieKinds`]: a valid list that keeps every kind in use.
pub(super) fn set_tie_kinds(
    network: &mut Network,
    list: Vec<TieKind>,
    mode: Mode,
) -> Result<Applied, EditError> {
    if mode == Mode::Checked {
        check_tie_kind_list(&list)?;
        if let Some((name, count)) = dropped_in_use(
            network.tie_kinds.iter().map(|k| k.name.as_str()),
            list.iter().map(|k| k.name.as_str()),
            network.ties().iter().map(|t| t.kind.as_str()),
        ) {
            return Err(EditError::NameInUse {
                list: NameList::TieKinds,
                name: name.to_owned(),
                count,
            });
        }
    }
    let changed = network.tie_kinds != list;
    let old = if changed {
        std::mem::replace(&mut network.tie_kinds, list)
    } else {
        list
    };
    Ok(Applied {
        inverse: Edit::SetTieKinds(old),
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

/// [`Edit::RenameSector`]: the list entry and every actor that names it.
pub(super) fn rename_sector(
    network: &mut Network,
    from: String,
    to: String,
    mode: Mode,
) -> Result<Applied, EditError> {
    let names: Vec<&str> = network.sectors.iter().map(|s| s.name.as_str()).collect();
    let used = network.actors().iter().map(|a| a.sector == to);
    let Some(i) = check_rename(NameList::Sectors, &names, used, &from, &to)? else {
        return Ok(Applied {
            inverse: Edit::RenameSector { from: to, to: from },
            changed: false,
        });
    };
    if mode == Mode::Checked
        && let Some(sector) = network.sectors.get(i)
    {
        let renamed = Sector {
            name: to.clone(),
            ..sector.clone()
        };
        check_sector_list(&[renamed])?;
    }
    if let Some(sector) = network.sectors.get_mut(i) {
        sector.name = to.clone();
    }
    let users: Vec<ActorId> = network
        .actors()
        .iter()
        .filter(|a| a.sector == from)
        .map(|a| a.id().clone())
        .collect();
    for id in users {
        if let Some(actor) = network.actor_mut(&id) {
            actor.sector = to.clone();
        }
    }
    Ok(Applied {
        inverse: Edit::RenameSector { from: to, to: from },
        changed: true,
    })
}

/// [`Edit::RenameTieKind`]: the list entry and every tie that names it.
pub(super) fn rename_tie_kind(
    network: &mut Network,
    from: String,
    to: String,
    mode: Mode,
) -> Result<Applied, EditError> {
    let names: Vec<&str> = network.tie_kinds.iter().map(|k| k.name.as_str()).collect();
    let used = network.ties().iter().map(|t| t.kind == to);
    let Some(i) = check_rename(NameList::TieKinds, &names, used, &from, &to)? else {
        return Ok(Applied {
            inverse: Edit::RenameTieKind { from: to, to: from },
            changed: false,
        });
    };
    if mode == Mode::Checked
        && let Some(kind) = network.tie_kinds.get(i)
    {
        let renamed = TieKind {
            name: to.clone(),
            ..kind.clone()
        };
        check_tie_kind_list(&[renamed])?;
    }
    if let Some(kind) = network.tie_kinds.get_mut(i) {
        kind.name = to.clone();
    }
    let users: Vec<TieId> = network
        .ties()
        .iter()
        .filter(|t| t.kind == from)
        .map(|t| t.id().clone())
        .collect();
    for id in users {
        if let Some(tie) = network.tie_mut(&id) {
            tie.kind = to.clone();
        }
    }
    Ok(Applied {
        inverse: Edit::RenameTieKind { from: to, to: from },
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

/// Removing a sector is moving its actors, then setting the list without
/// it: applied as that batch, so its inverse and rollback come for free.
pub(super) fn remove_sector(
    network: &mut Network,
    name: String,
    reassign_to: Option<String>,
    mode: Mode,
) -> Result<Applied, EditError> {
    let names: Vec<&str> = network.sectors.iter().map(|s| s.name.as_str()).collect();
    let users: Vec<&Actor> = network
        .actors()
        .iter()
        .filter(|a| a.sector == name)
        .collect();
    let i = check_removal(
        NameList::Sectors,
        &names,
        users.len(),
        &name,
        reassign_to.as_deref(),
    )?;
    let mut steps = Vec::new();
    if let Some(to) = reassign_to
        && !users.is_empty()
    {
        let moved = users
            .into_iter()
            .map(|a| {
                let mut a = a.clone();
                a.sector.clone_from(&to);
                a
            })
            .collect();
        steps.push(Edit::UpdateActors(moved));
    }
    let list: Vec<Sector> = network
        .sectors
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != i)
        .map(|(_, entry)| entry.clone())
        .collect();
    steps.push(Edit::SetSectors(list));
    let applied = apply_in(network, Edit::Batch(steps), mode)?;
    Ok(Applied {
        inverse: flatten_single(applied.inverse),
        changed: applied.changed,
    })
}

/// As [`remove_sector`], for a tie kind and its ties.
pub(super) fn remove_tie_kind(
    network: &mut Network,
    name: String,
    reassign_to: Option<String>,
    mode: Mode,
) -> Result<Applied, EditError> {
    let names: Vec<&str> = network.tie_kinds.iter().map(|k| k.name.as_str()).collect();
    let users: Vec<&Tie> = network.ties().iter().filter(|t| t.kind == name).collect();
    let i = check_removal(
        NameList::TieKinds,
        &names,
        users.len(),
        &name,
        reassign_to.as_deref(),
    )?;
    let mut steps = Vec::new();
    if let Some(to) = reassign_to
        && !users.is_empty()
    {
        let moved = users
            .into_iter()
            .map(|t| {
                let mut t = t.clone();
                t.kind.clone_from(&to);
                t
            })
            .collect();
        steps.push(Edit::UpdateTies(moved));
    }
    let list: Vec<TieKind> = network
        .tie_kinds
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != i)
        .map(|(_, entry)| entry.clone())
        .collect();
    steps.push(Edit::SetTieKinds(list));
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
