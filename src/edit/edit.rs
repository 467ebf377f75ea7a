//! [`Edit`]: one change to a map, as a value, with a label for the undo menu.

use crate::model::{Actor, ActorId, Sector, Tie, TieId, TieKind};
use std::collections::BTreeMap;

/// One change to a [`crate::model::Network`], as a value.
///
/// The editor never mutates a network itself: it builds an `Edit` and hands
/// it to [`crate::edit::apply`] (or [`crate::edit::History::apply`]), which
/// checks it, carries it out and returns its inverse, another `Edit` that
/// puts the network back exactly as it was (ids, attributes, and the order
/// of actors, ties, sectors and tie kinds).
///
/// Edits refer to actors and ties by their stable ids, never by position,
/// so an edit stays meaningful after other edits; the `position` of
/// [`Edit::AddActor`] and [`Edit::AddTie`] is only where the new item goes.
///
/// An edit is refused (and changes nothing) if it names something that is
/// not there, would duplicate an id, or would break one of the rules of
/// [`crate::model::Network::validate`] on the items it touches: an actor
/// must name a sector of the map's list, a tie a kind of the tie-kind list.
/// A new sector is not added on the fly; add it first with
/// [`Edit::SetSectors`] (in the same [`Edit::Batch`] if it should undo as
/// one step), as [`crate::edit::paste_edit`] does.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Adds an actor at `position` in the actor list (`None`, or a position
    /// past the end: at the end). Its id must be new (see
    /// [`crate::model::Network::fresh_actor_id`]).
    /// Inverse: [`Edit::RemoveActors`] of its id.
    AddActor {
        /// Where in [`crate::model::Network::actors`] it goes.
        position: Option<usize>,
        /// The actor.
        actor: Actor,
    },
    /// Removes these actors and every tie that touches them. Inverse: an
    /// [`Edit::Restore`] that puts each back at its former position.
    RemoveActors(Vec<ActorId>),
    /// Replaces the actor that has this actor's id: any attribute, privacy
    /// marks, pin, position. Inverse: the old actor.
    UpdateActor(Actor),
    /// [`Edit::UpdateActor`] for several actors as one step (an edit to a
    /// multiple selection). Each actor may appear once.
    UpdateActors(Vec<Actor>),
    /// Sets canvas positions: `Some([x, y])` places the actor, `None`
    /// unplaces it. A whole drag or a whole layout run is one edit. Each
    /// actor may appear once; coordinates must be finite.
    MoveActors(Vec<(ActorId, Option<[f64; 2]>)>),
    /// Adds a tie at `position` in the tie list (`None`, or past the end:
    /// at the end). Its id must be new and both ends on the map.
    /// Inverse: [`Edit::RemoveTies`] of its id.
    AddTie {
        /// Where in [`crate::model::Network::ties`] it goes.
        position: Option<usize>,
        /// The tie.
        tie: Tie,
    },
    /// Removes these ties. Inverse: an [`Edit::Restore`] of them.
    RemoveTies(Vec<TieId>),
    /// Inserts actors, then ties, in the order given, each at its position
    /// (past the end: at the end). Ids must be new, and each tie's ends on
    /// the map or among these actors. This is the inverse of
    /// [`Edit::RemoveActors`] and [`Edit::RemoveTies`], which list the items
    /// with the positions they had, ascending; the editor adds items with
    /// [`Edit::AddActor`] and [`Edit::AddTie`]. Inverse: removal of the
    /// actors (with the ties that touch them) and of the other ties.
    ///
    /// With ascending positions the whole insertion is one pass over the
    /// lists, however many items; so is a removal.
    Restore {
        /// Actors and where each goes in [`crate::model::Network::actors`].
        actors: Vec<(usize, Actor)>,
        /// Ties and where each goes in [`crate::model::Network::ties`].
        ties: Vec<(usize, Tie)>,
    },
    /// Replaces the tie that has this tie's id. Its ends must stay the same
    /// (a tie cannot be moved to other actors). Inverse: the old tie.
    UpdateTie(Tie),
    /// [`Edit::UpdateTie`] for several ties as one step. Each tie may
    /// appear once.
    UpdateTies(Vec<Tie>),
    /// Replaces the sector list: reorder, restyle, add, or drop sectors no
    /// actor uses. A name change here is a drop plus an add, so it is
    /// refused for a used sector; use [`Edit::RenameSector`].
    SetSectors(Vec<Sector>),
    /// Renames a sector and every actor's reference to it. The new name must
    /// not be in use. Inverse: the rename back.
    RenameSector {
        /// The current name.
        from: String,
        /// The new name.
        to: String,
    },
    /// Removes a sector. If actors use it, `reassign_to` must name another
    /// sector of the list, and they move there. Inverse: the old list and
    /// the moved actors as they were.
    RemoveSector {
        /// The sector to remove.
        name: String,
        /// Where its actors go.
        reassign_to: Option<String>,
    },
    /// Replaces the tie-kind list, as [`Edit::SetSectors`] does sectors.
    SetTieKinds(Vec<TieKind>),
    /// Renames a tie kind and every tie's reference to it.
    RenameTieKind {
        /// The current name.
        from: String,
        /// The new name.
        to: String,
    },
    /// Removes a tie kind; if ties use it, they move to `reassign_to`.
    RemoveTieKind {
        /// The kind to remove.
        name: String,
        /// Where its ties go.
        reassign_to: Option<String>,
    },
    /// Sets the map's title, description and metadata.
    SetMapInfo {
        /// The title.
        title: String,
        /// The description.
        description: String,
        /// The whole metadata table.
        metadata: BTreeMap<String, String>,
    },
    /// Several edits as one step, applied in order; each sees the network
    /// the previous one left. If one is refused, those already applied are
    /// undone and the error returned, so the network is unchanged.
    /// Inverse: the inverses in reverse order.
    Batch(Vec<Edit>),
}

/// Longest name shown in a label, in characters; longer ones are cut with `…`.
const LABEL_NAME_CHARS: usize = 40;

/// `“name”`, cut to [`LABEL_NAME_CHARS`].
fn quoted(name: &str) -> String {
    let name = name.trim();
    if name.chars().count() > LABEL_NAME_CHARS {
        let cut: String = name.chars().take(LABEL_NAME_CHARS - 1).collect();
        format!("“{}…”", cut.trim_end())
    } else {
        format!("“{name}”")
    }
}

/// `"actor"` or `"12 actors"`.
fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_owned()
    } else {
        format!("{n} {many}")
    }
}

/// `"1 actor"` or `"12 actors"`.
fn number(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

impl Edit {
    /// A short label for the undo menu: `Add actor “Dr Okafor”`,
    /// `Move 12 actors`, `Rename sector “A” to “B”`, `Edit 3 actors`.
    ///
    /// A [`Edit::Batch`] of one edit takes that edit's label; a batch that
    /// only adds actors and ties (with the sectors and kinds they need) is
    /// `Add 3 actors and 2 ties`; any other batch counts its changes.
    /// [`crate::edit::History::apply_labelled`] can name a batch instead
    /// (`Paste`, `Auto layout`).
    pub fn label(&self) -> String {
        match self {
            Edit::AddActor { actor, .. } => format!("Add actor {}", quoted(&actor.name)),
            Edit::RemoveActors(ids) => format!("Delete {}", count(ids.len(), "actor", "actors")),
            Edit::UpdateActor(actor) => format!("Edit actor {}", quoted(&actor.name)),
            Edit::UpdateActors(actors) => match actors.as_slice() {
                [actor] => format!("Edit actor {}", quoted(&actor.name)),
                _ => format!("Edit {} actors", actors.len()),
            },
            Edit::MoveActors(moves) => format!("Move {}", count(moves.len(), "actor", "actors")),
            Edit::AddTie { .. } => "Add tie".to_owned(),
            Edit::RemoveTies(ids) => format!("Delete {}", count(ids.len(), "tie", "ties")),
            Edit::Restore { actors, ties } => match (actors.len(), ties.len()) {
                (a, 0) => format!("Restore {}", count(a, "actor", "actors")),
                (0, t) => format!("Restore {}", count(t, "tie", "ties")),
                (a, t) => format!(
                    "Restore {} and {}",
                    number(a, "actor", "actors"),
                    number(t, "tie", "ties")
                ),
            },
            Edit::UpdateTie(_) => "Edit tie".to_owned(),
            Edit::UpdateTies(ties) => format!("Edit {}", count(ties.len(), "tie", "ties")),
            Edit::SetSectors(_) => "Edit sectors".to_owned(),
            Edit::RenameSector { from, to } => {
                format!("Rename sector {} to {}", quoted(from), quoted(to))
            }
            Edit::RemoveSector { name, .. } => format!("Delete sector {}", quoted(name)),
            Edit::SetTieKinds(_) => "Edit tie kinds".to_owned(),
            Edit::RenameTieKind { from, to } => {
                format!("Rename tie kind {} to {}", quoted(from), quoted(to))
            }
            Edit::RemoveTieKind { name, .. } => format!("Delete tie kind {}", quoted(name)),
            Edit::SetMapInfo { .. } => "Edit map details".to_owned(),
            Edit::Batch(edits) => batch_label(edits),
        }
    }

    /// The ids of the actors this edit adds, in order (including inside
    /// batches): after a paste, the editor selects these.
    pub fn added_actors(&self) -> Vec<ActorId> {
        let mut ids = Vec::new();
        self.visit(&mut |e| match e {
            Edit::AddActor { actor, .. } => ids.push(actor.id().clone()),
            Edit::Restore { actors, .. } => ids.extend(actors.iter().map(|(_, a)| a.id().clone())),
            _ => {}
        });
        ids
    }

    /// The ids of the ties this edit adds, in order (including inside
    /// batches).
    pub fn added_ties(&self) -> Vec<TieId> {
        let mut ids = Vec::new();
        self.visit(&mut |e| match e {
            Edit::AddTie { tie, .. } => ids.push(tie.id().clone()),
            Edit::Restore { ties, .. } => ids.extend(ties.iter().map(|(_, t)| t.id().clone())),
            _ => {}
        });
        ids
    }

    /// Calls `f` on this edit and, for a batch, on every edit inside it,
    /// depth first.
    fn visit(&self, f: &mut impl FnMut(&Edit)) {
        f(self);
        if let Edit::Batch(edits) = self {
            for e in edits {
                e.visit(f);
            }
        }
    }
}

fn batch_label(edits: &[Edit]) -> String {
    if let [only] = edits {
        return only.label();
    }
    let (mut actors, mut ties, mut other) = (0, 0, 0);
    for e in edits {
        e.visit(&mut |e| match e {
            Edit::AddActor { .. } => actors += 1,
            Edit::AddTie { .. } => ties += 1,
            Edit::Restore { actors: a, ties: t } => {
                actors += a.len();
                ties += t.len();
            }
            Edit::Batch(_) | Edit::SetSectors(_) | Edit::SetTieKinds(_) => {}
            _ => other += 1,
        });
    }
    match (actors, ties, other) {
        (0, 0, 0) if edits.is_empty() => "No change".to_owned(),
        (0, 0, 0) => count(edits.len(), "change", "changes"),
        (a, 0, 0) => format!("Add {}", count(a, "actor", "actors")),
        (0, t, 0) => format!("Add {}", count(t, "tie", "ties")),
        (a, t, 0) => format!(
            "Add {} and {}",
            number(a, "actor", "actors"),
            number(t, "tie", "ties")
        ),
        _ => format!("{} changes", edits.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(name: &str) -> Actor {
        Actor::new("a1", name, "primary care")
    }

    #[test]
    fn labels_name_what_changed() {
        let add = Edit::AddActor {
            position: None,
            actor: actor("Dr Okafor"),
        };
        assert_eq!(add.label(), "Add actor “Dr Okafor”");
        assert_eq!(Edit::RemoveActors(vec!["a".into()]).label(), "Delete actor");
        assert_eq!(
            Edit::RemoveActors(vec!["a".into(), "b".into()]).label(),
            "Delete 2 actors"
        );
        assert_eq!(Edit::UpdateActor(actor("Ann")).label(), "Edit actor “Ann”");
        assert_eq!(
            Edit::UpdateActors(vec![actor("Ann")]).label(),
            "Edit actor “Ann”"
        );
        assert_eq!(
            Edit::UpdateActors(vec![actor("A"), actor("B"), actor("C")]).label(),
            "Edit 3 actors"
        );
        let moves = (0..12)
            .map(|i| (ActorId::new(format!("a{i}")), Some([0.0, 1.0])))
            .collect();
        assert_eq!(Edit::MoveActors(moves).label(), "Move 12 actors");
        let tie = Tie::new("t", "a", "b", "referral", true);
        assert_eq!(
            Edit::AddTie {
                position: None,
                tie: tie.clone()
            }
            .label(),
            "Add tie"
        );
        assert_eq!(Edit::RemoveTies(vec!["t".into()]).label(), "Delete tie");
        let restore = |a: usize, t: usize| Edit::Restore {
            actors: vec![(0, actor("A")); a],
            ties: vec![(0, tie.clone()); t],
        };
        assert_eq!(restore(1, 0).label(), "Restore actor");
        assert_eq!(restore(0, 3).label(), "Restore 3 ties");
        assert_eq!(restore(2, 1).label(), "Restore 2 actors and 1 tie");
        assert_eq!(Edit::UpdateTie(tie.clone()).label(), "Edit tie");
        assert_eq!(
            Edit::UpdateTies(vec![tie.clone(), tie]).label(),
            "Edit 2 ties"
        );
        assert_eq!(Edit::SetSectors(vec![]).label(), "Edit sectors");
        assert_eq!(
            Edit::RenameSector {
                from: "GP".into(),
                to: "primary care".into()
            }
            .label(),
            "Rename sector “GP” to “primary care”"
        );
        assert_eq!(
            Edit::RemoveSector {
                name: "GP".into(),
                reassign_to: None
            }
            .label(),
            "Delete sector “GP”"
        );
        assert_eq!(Edit::SetTieKinds(vec![]).label(), "Edit tie kinds");
        assert_eq!(
            Edit::RenameTieKind {
                from: "a".into(),
                to: "b".into()
            }
            .label(),
            "Rename tie kind “a” to “b”"
        );
        assert_eq!(
            Edit::RemoveTieKind {
                name: "conflict".into(),
                reassign_to: None
            }
            .label(),
            "Delete tie kind “conflict”"
        );
        assert_eq!(
            Edit::SetMapInfo {
                title: String::new(),
                description: String::new(),
                metadata: BTreeMap::new()
            }
            .label(),
            "Edit map details"
        );
    }

    #[test]
    fn batch_labels_summarise() {
        let add = |id: &str| Edit::AddActor {
            position: None,
            actor: Actor::new(id, "X", "primary care"),
        };
        let tie = Edit::AddTie {
            position: None,
            tie: Tie::new("t", "a", "b", "referral", true),
        };
        assert_eq!(Edit::Batch(vec![]).label(), "No change");
        assert_eq!(Edit::Batch(vec![add("a")]).label(), "Add actor “X”");
        assert_eq!(
            Edit::Batch(vec![Edit::SetSectors(vec![]), add("a"), add("b")]).label(),
            "Add 2 actors"
        );
        assert_eq!(
            Edit::Batch(vec![add("a"), add("b"), tie.clone()]).label(),
            "Add 2 actors and 1 tie"
        );
        assert_eq!(
            Edit::Batch(vec![tie.clone(), tie.clone()]).label(),
            "Add 2 ties"
        );
        assert_eq!(
            Edit::Batch(vec![add("a"), Edit::RemoveTies(vec![])]).label(),
            "2 changes"
        );
    }

    #[test]
    fn long_names_are_cut() {
        let long = "A very long name for a board that nobody can remember at all";
        let label = Edit::UpdateActor(actor(long)).label();
        assert!(label.ends_with("…”"), "{label}");
        assert!(label.chars().count() < 60, "{label}");
    }

    #[test]
    fn added_ids_are_found_inside_batches() {
        let e = Edit::Batch(vec![
            Edit::AddActor {
                position: None,
                actor: Actor::new("x", "X", "primary care"),
            },
            Edit::Batch(vec![
                Edit::AddActor {
                    position: Some(0),
                    actor: Actor::new("y", "Y", "primary care"),
                },
                Edit::AddTie {
                    position: None,
                    tie: Tie::new("t", "x", "y", "referral", true),
                },
            ]),
        ]);
        assert_eq!(e.added_actors(), vec![ActorId::new("x"), ActorId::new("y")]);
        assert_eq!(e.added_ties(), vec![TieId::new("t")]);
    }
}
