//! Applying the edits to actors and ties (see [`super::apply`]).

use super::apply::{Applied, Mode, first_repeat};
use super::bulk::{self, Taken};
use super::check::{check_actors, check_ties};
use super::edit::Edit;
use super::error::EditError;
use crate::model::{Actor, ActorId, ModelError, Network, Tie, TieId};
use std::collections::HashSet;

/// [`Edit::AddActor`]: one insertion.
pub(super) fn add_actor(
    network: &mut Network,
    position: Option<usize>,
    actor: Actor,
    mode: Mode,
) -> Result<Applied, EditError> {
    let id = actor.id().clone();
    if id.as_str().is_empty() {
        return Err(EditError::EmptyId);
    }
    if network.actor(&id).is_some() {
        return Err(EditError::DuplicateActor(id));
    }
    if mode == Mode::Checked {
        check_actors(network, [&actor])?;
    }
    let position = position.unwrap_or(usize::MAX);
    network.insert_actor(position, actor).map_err(model_error)?;
    Ok(Applied {
        inverse: Edit::RemoveActors(vec![id]),
        changed: true,
    })
}

/// The model's refusal in the words of this module.
fn model_error(e: ModelError) -> EditError {
    match e {
        ModelError::DuplicateActor(id) => EditError::DuplicateActor(id),
        ModelError::DuplicateTie(id) => EditError::DuplicateTie(id),
        ModelError::UnknownActor(id) => EditError::UnknownActor(id),
        ModelError::EmptyId => EditError::EmptyId,
    }
}

/// [`Edit::RemoveActors`]: one actor through the model, several in one pass.
pub(super) fn remove_actors(
    network: &mut Network,
    ids: Vec<ActorId>,
) -> Result<Applied, EditError> {
    if let Some(id) = first_repeat(&ids) {
        return Err(EditError::RepeatedActor(id.clone()));
    }
    if let Some(id) = ids.iter().find(|id| network.actor(id).is_none()) {
        return Err(EditError::UnknownActor(id.clone()));
    }
    let taken = match ids.as_slice() {
        [] => Taken {
            actors: Vec::new(),
            ties: Vec::new(),
        },
        [id] => match network.remove_actor(id) {
            Some(removed) => Taken {
                actors: vec![(removed.position, removed.actor)],
                ties: removed.ties,
            },
            None => return Err(EditError::UnknownActor(id.clone())),
        },
        _ => {
            let removing: HashSet<&ActorId> = ids.iter().collect();
            let actor_positions = ids
                .iter()
                .filter_map(|id| network.actor_position(id))
                .collect();
            let tie_positions = network
                .ties()
                .iter()
                .enumerate()
                .filter(|(_, t)| removing.contains(t.from()) || removing.contains(t.to()))
                .map(|(i, _)| i)
                .collect();
            bulk::remove_at(network, &actor_positions, &tie_positions).map_err(model_error)?
        }
    };
    Ok(Applied {
        changed: !taken.actors.is_empty(),
        inverse: Edit::Restore {
            actors: taken.actors,
            ties: taken.ties,
        },
    })
}

/// Inserts actors, then ties, at their positions; see [`Edit::Restore`].
pub(super) fn restore(
    network: &mut Network,
    actors: Vec<(usize, Actor)>,
    ties: Vec<(usize, Tie)>,
    mode: Mode,
) -> Result<Applied, EditError> {
    if actors.iter().any(|(_, a)| a.id().as_str().is_empty())
        || ties.iter().any(|(_, t)| t.id().as_str().is_empty())
    {
        return Err(EditError::EmptyId);
    }
    if let Some(id) = first_repeat(actors.iter().map(|(_, a)| a.id())) {
        return Err(EditError::RepeatedActor(id.clone()));
    }
    if let Some((_, a)) = actors.iter().find(|(_, a)| network.actor(a.id()).is_some()) {
        return Err(EditError::DuplicateActor(a.id().clone()));
    }
    if let Some(id) = first_repeat(ties.iter().map(|(_, t)| t.id())) {
        return Err(EditError::RepeatedTie(id.clone()));
    }
    if let Some((_, t)) = ties.iter().find(|(_, t)| network.tie(t.id()).is_some()) {
        return Err(EditError::DuplicateTie(t.id().clone()));
    }
    let new_actors: HashSet<&ActorId> = actors.iter().map(|(_, a)| a.id()).collect();
    for (_, tie) in &ties {
        for end in [tie.from(), tie.to()] {
            if network.actor(end).is_none() && !new_actors.contains(end) {
                return Err(EditError::TieEndUnknown {
                    tie: tie.id().clone(),
                    actor: end.clone(),
                });
            }
        }
    }
    if mode == Mode::Checked {
        check_actors(network, actors.iter().map(|(_, a)| a))?;
        check_ties(network, ties.iter().map(|(_, t)| t))?;
    }
    // Removing the actors takes the ties that touch them; other ties go
    // on their own.
    let actor_ids: Vec<ActorId> = actors.iter().map(|(_, a)| a.id().clone()).collect();
    let other_ties: Vec<TieId> = ties
        .iter()
        .filter(|(_, t)| !new_actors.contains(t.from()) && !new_actors.contains(t.to()))
        .map(|(_, t)| t.id().clone())
        .collect();
    drop(new_actors);
    let inverse = match (actor_ids.is_empty(), other_ties.is_empty()) {
        (true, _) => Edit::RemoveTies(other_ties),
        (false, true) => Edit::RemoveActors(actor_ids),
        (false, false) => Edit::Batch(vec![
            Edit::RemoveTies(other_ties),
            Edit::RemoveActors(actor_ids),
        ]),
    };
    let changed = !(actors.is_empty() && ties.is_empty());
    if actors.len() + ties.len() >= bulk::BULK_FROM
        && bulk::ascending(&actors)
        && bulk::ascending(&ties)
    {
        bulk::insert_at(network, actors, ties).map_err(model_error)?;
    } else {
        insert_one_by_one(network, actors, ties)?;
    }
    Ok(Applied { inverse, changed })
}

/// Inserts actors, then ties, in the order given, each at its position.
/// The caller has checked every id and end; if the model still refuses one
/// (a map with repeated ids), what was inserted is taken out again.
fn insert_one_by_one(
    network: &mut Network,
    actors: Vec<(usize, Actor)>,
    ties: Vec<(usize, Tie)>,
) -> Result<(), EditError> {
    let mut inserted_actors = Vec::with_capacity(actors.len());
    let mut inserted_ties = Vec::with_capacity(ties.len());
    let mut result = Ok(());
    for (position, actor) in actors {
        let id = actor.id().clone();
        match network.insert_actor(position, actor) {
            Ok(()) => inserted_actors.push(id),
            Err(e) => {
                result = Err(model_error(e));
                break;
            }
        }
    }
    if result.is_ok() {
        for (position, tie) in ties {
            let id = tie.id().clone();
            match network.insert_tie(position, tie) {
                Ok(()) => inserted_ties.push(id),
                Err(e) => {
                    result = Err(model_error(e));
                    break;
                }
            }
        }
    }
    if result.is_err() {
        for id in inserted_ties.iter().rev() {
            network.remove_tie(id);
        }
        for id in inserted_actors.iter().rev() {
            network.remove_actor(id);
        }
    }
    result
}

/// Replaces actors by id; returns the old ones (same order) and whether
/// any differs.
pub(super) fn update_actors(
    network: &mut Network,
    actors: Vec<Actor>,
    mode: Mode,
) -> Result<(Vec<Actor>, bool), EditError> {
    if let Some(id) = first_repeat(actors.iter().map(Actor::id)) {
        return Err(EditError::RepeatedActor(id.clone()));
    }
    let mut old = Vec::with_capacity(actors.len());
    for actor in &actors {
        match network.actor(actor.id()) {
            Some(a) => old.push(a.clone()),
            None => return Err(EditError::UnknownActor(actor.id().clone())),
        }
    }
    let differs: Vec<bool> = old.iter().zip(&actors).map(|(o, a)| o != a).collect();
    if mode == Mode::Checked {
        let touched = actors.iter().zip(&differs).filter(|(_, d)| **d);
        check_actors(network, touched.map(|(a, _)| a))?;
    }
    let changed = differs.contains(&true);
    for (actor, differs) in actors.into_iter().zip(differs) {
        if differs && let Some(slot) = network.actor_mut(actor.id()) {
            *slot = actor;
        }
    }
    Ok((old, changed))
}

/// [`Edit::MoveActors`].
pub(super) fn move_actors(
    network: &mut Network,
    moves: Vec<(ActorId, Option<[f64; 2]>)>,
    mode: Mode,
) -> Result<Applied, EditError> {
    if let Some(id) = first_repeat(moves.iter().map(|(id, _)| id)) {
        return Err(EditError::RepeatedActor(id.clone()));
    }
    let mut back = Vec::with_capacity(moves.len());
    // Actors placed on one axis only (possible in a file) cannot be put
    // back by a move; they are put back whole.
    let mut half_placed = Vec::new();
    let mut changes = Vec::with_capacity(moves.len());
    for (id, position) in moves {
        let Some(actor) = network.actor(&id) else {
            return Err(EditError::UnknownActor(id));
        };
        if mode == Mode::Checked
            && let Some([x, y]) = position
        {
            for (field, v) in [("x", x), ("y", y)] {
                if !v.is_finite() {
                    return Err(EditError::InvalidActor {
                        id,
                        field: field.to_owned(),
                        problem: "must be a finite number".to_owned(),
                    });
                }
            }
        }
        let new = match position {
            Some([x, y]) => (Some(x), Some(y)),
            None => (None, None),
        };
        match (actor.x, actor.y) {
            (Some(x), Some(y)) => back.push((id.clone(), Some([x, y]))),
            (None, None) => back.push((id.clone(), None)),
            _ => half_placed.push(actor.clone()),
        }
        if (actor.x, actor.y) != new {
            changes.push((id, new));
        }
    }
    let changed = !changes.is_empty();
    for (id, (x, y)) in changes {
        if let Some(actor) = network.actor_mut(&id) {
            actor.x = x;
            actor.y = y;
        }
    }
    let inverse = if half_placed.is_empty() {
        Edit::MoveActors(back)
    } else {
        Edit::Batch(vec![
            Edit::MoveActors(back),
            Edit::UpdateActors(half_placed),
        ])
    };
    Ok(Applied { inverse, changed })
}

// ---- ties -----------------------------------------------------------------

/// [`Edit::AddTie`]: one insertion; both ends must be on the map.
pub(super) fn add_tie(
    network: &mut Network,
    position: Option<usize>,
    tie: Tie,
    mode: Mode,
) -> Result<Applied, EditError> {
    let id = tie.id().clone();
    if id.as_str().is_empty() {
        return Err(EditError::EmptyId);
    }
    if network.tie(&id).is_some() {
        return Err(EditError::DuplicateTie(id));
    }
    for end in [tie.from(), tie.to()] {
        if network.actor(end).is_none() {
            return Err(EditError::TieEndUnknown {
                tie: id,
                actor: end.clone(),
            });
        }
    }
    if mode == Mode::Checked {
        check_ties(network, [&tie])?;
    }
    let position = position.unwrap_or(usize::MAX);
    network.insert_tie(position, tie).map_err(|e| match e {
        ModelError::DuplicateTie(id) => EditError::DuplicateTie(id),
        ModelError::UnknownActor(actor) => EditError::TieEndUnknown {
            tie: id.clone(),
            actor,
        },
        ModelError::DuplicateActor(actor) => EditError::DuplicateActor(actor),
        ModelError::EmptyId => EditError::EmptyId,
    })?;
    Ok(Applied {
        inverse: Edit::RemoveTies(vec![id]),
        changed: true,
    })
}

/// [`Edit::RemoveTies`]: a few ties through the model, more in one pass.
pub(super) fn remove_ties(network: &mut Network, ids: Vec<TieId>) -> Result<Applied, EditError> {
    if let Some(id) = first_repeat(&ids) {
        return Err(EditError::RepeatedTie(id.clone()));
    }
    if let Some(id) = ids.iter().find(|id| network.tie(id).is_none()) {
        return Err(EditError::UnknownTie(id.clone()));
    }
    let removing: HashSet<&TieId> = ids.iter().collect();
    let positions: Vec<usize> = network
        .ties()
        .iter()
        .enumerate()
        .filter(|(_, t)| removing.contains(t.id()))
        .map(|(i, _)| i)
        .collect();
    drop(removing);
    let ties = if positions.len() < bulk::BULK_FROM {
        // Last first, so each reported position is the one before the edit.
        let mut taken = Vec::with_capacity(positions.len());
        for &i in positions.iter().rev() {
            let id = network.ties().get(i).map(|t| t.id().clone());
            if let Some(removed) = id.and_then(|id| network.remove_tie(&id)) {
                taken.push(removed);
            }
        }
        taken.reverse();
        taken
    } else {
        let positions = positions.into_iter().collect();
        bulk::remove_at(network, &HashSet::new(), &positions)
            .map_err(model_error)?
            .ties
    };
    Ok(Applied {
        changed: !ties.is_empty(),
        inverse: Edit::Restore {
            actors: Vec::new(),
            ties,
        },
    })
}

/// Replaces ties by id; returns the old ones (same order) and whether any
/// differs.
pub(super) fn update_ties(
    network: &mut Network,
    ties: Vec<Tie>,
    mode: Mode,
) -> Result<(Vec<Tie>, bool), EditError> {
    if let Some(id) = first_repeat(ties.iter().map(Tie::id)) {
        return Err(EditError::RepeatedTie(id.clone()));
    }
    let mut old = Vec::with_capacity(ties.len());
    for tie in &ties {
        match network.tie(tie.id()) {
            Some(t) if t.from() != tie.from() || t.to() != tie.to() => {
                return Err(EditError::TieEndsChanged(tie.id().clone()));
            }
            Some(t) => old.push(t.clone()),
            None => return Err(EditError::UnknownTie(tie.id().clone())),
        }
    }
    let differs: Vec<bool> = old.iter().zip(&ties).map(|(o, t)| o != t).collect();
    if mode == Mode::Checked {
        let touched = ties.iter().zip(&differs).filter(|(_, d)| **d);
        check_ties(network, touched.map(|(t, _)| t))?;
    }
    let changed = differs.contains(&true);
    for (tie, differs) in ties.into_iter().zip(differs) {
        if differs && let Some(slot) = network.tie_mut(tie.id()) {
            *slot = tie;
        }
    }
    Ok((old, changed))
}
