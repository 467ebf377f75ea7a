//! [`History`]: unlimited undo and redo within a session, a revision that
//! names the network's content, and whether it differs from the saved file.

use super::apply::{Mode, apply_in};
use super::edit::Edit;
use super::error::EditError;
use crate::model::{ActorId, Network, TieId};
use std::collections::HashSet;

/// One undo or redo step.
#[derive(Clone, Debug)]
struct Step {
    /// What the step did, for the menu.
    label: String,
    /// Undoes the step (on the undo stack) or redoes it (on the redo stack).
    edit: Edit,
    /// The revision before the step.
    before: u64,
    /// The revision after the step.
    after: u64,
}

/// The undo and redo stacks of one open map, and its revision.
///
/// Every change to the map goes through [`History::apply`] (or
/// [`History::apply_coalescing`]), which applies the edit and records its
/// inverse. Steps are kept for the whole session; an edit after an undo
/// drops the redo stack.
///
/// **Revisions.** [`History::revision`] names the content of the network:
/// every apply that changes something moves to a new revision, and undo
/// and redo move back to the revision the network had in that state. So a
/// result computed for a revision (an analysis, say) is valid whenever the
/// history is at that revision again, and [`History::is_dirty`] is `false`
/// again after undoing back to the saved state. Revisions are never reused
/// within one `History`, even after [`History::clear`].
///
/// An edit that changes nothing (setting what is already there, a drag
/// that ends where it started) is not recorded and keeps the revision.
///
/// The network is not owned: the caller passes the same network to every
/// call, and must not change it in any other way, or the recorded inverses
/// no longer fit (a step that no longer applies is then refused, see
/// [`History::try_undo`]).
///
/// # Example
/// ```
/// use bridgework::edit::{Edit, History};
/// use bridgework::model::{Actor, Network};
///
/// let mut network = Network::new();
/// let mut history = History::new();
/// let add = Edit::AddActor { position: None, actor: Actor::new("a1", "Ann", "primary care") };
/// history.apply(&mut network, add).unwrap();
/// assert!(history.is_dirty());
/// assert_eq!(history.undo(&mut network).as_deref(), Some("Add actor “Ann”"));
/// assert!(network.actors().is_empty());
/// assert!(!history.is_dirty());
/// history.redo(&mut network);
/// assert_eq!(network.actors().len(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    revision: u64,
    next_revision: u64,
    saved: u64,
    /// The key of the top undo step while it may still absorb edits.
    coalescing: Option<String>,
}

impl Default for History {
    fn default() -> Self {
        Self::new()
    }
}

impl History {
    /// An empty history at revision 0, which counts as saved.
    pub fn new() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            revision: 0,
            next_revision: 1,
            saved: 0,
            coalescing: None,
        }
    }

    /// Applies `edit` to `network` as a new undo step labelled
    /// [`Edit::label`], and drops the redo stack. A refused edit changes
    /// nothing (network, stacks, revision) and returns why.
    pub fn apply(&mut self, network: &mut Network, edit: Edit) -> Result<(), EditError> {
        let label = edit.label();
        self.apply_labelled(network, edit, label)
    }

    /// [`History::apply`] with a label of the caller's choosing, for a
    /// batch the editor can name better (`Paste 3 actors`, `Auto layout`).
    pub fn apply_labelled(
        &mut self,
        network: &mut Network,
        edit: Edit,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        let applied = apply_in(network, edit, Mode::Checked)?;
        self.coalescing = None;
        if applied.changed {
            self.push(label.into(), applied.inverse);
        }
        Ok(())
    }

    /// Applies `edit` and merges it into the previous step if that step
    /// was also applied here with the same `key` and nothing happened in
    /// between (no other apply, undo, redo, save, or
    /// [`History::end_coalescing`]). For the inspector: typing in one name
    /// field is one key (say `"name a17"`), so a whole burst of typing
    /// undoes as one step, labelled after the latest edit.
    ///
    /// The merged step undoes to the state before the first edit of the
    /// run. Where the first edit's inverse already restores everything the
    /// later ones touch (updates of the same actors or ties, moves of the
    /// same actors, list or map-detail edits), it is kept as it is; other
    /// runs keep the inverses of all their edits.
    pub fn apply_coalescing(
        &mut self,
        network: &mut Network,
        edit: Edit,
        key: &str,
    ) -> Result<(), EditError> {
        let label = edit.label();
        let applied = apply_in(network, edit, Mode::Checked)?;
        if !applied.changed {
            return Ok(());
        }
        let open = self.coalescing.as_deref() == Some(key);
        match self.undo.last_mut() {
            Some(top) if open => {
                let first = std::mem::replace(&mut top.edit, Edit::Batch(Vec::new()));
                top.edit = merge_inverses(first, applied.inverse);
                top.label = label;
                self.revision = self.next_revision;
                self.next_revision += 1;
                top.after = self.revision;
                self.redo.clear();
            }
            _ => {
                self.push(label, applied.inverse);
                self.coalescing = Some(key.to_owned());
            }
        }
        Ok(())
    }

    /// Closes the current run of [`History::apply_coalescing`], so the next
    /// edit with the same key is a step of its own (call it when a field
    /// loses focus).
    pub fn end_coalescing(&mut self) {
        self.coalescing = None;
    }

    fn push(&mut self, label: String, inverse: Edit) {
        let before = self.revision;
        self.revision = self.next_revision;
        self.next_revision += 1;
        self.undo.push(Step {
            label,
            edit: inverse,
            before,
            after: self.revision,
        });
        self.redo.clear();
    }

    /// The edit the next undo would apply (the inverse of the last step).
    pub fn undo_edit(&self) -> Option<&Edit> {
        self.undo.last().map(|s| &s.edit)
    }

    /// The edit the next redo would apply (the step last undone).
    pub fn redo_edit(&self) -> Option<&Edit> {
        self.redo.last().map(|s| &s.edit)
    }

    /// Undoes the last step; returns its label, or `None` if there is
    /// nothing to undo (or the step no longer applies; see
    /// [`History::try_undo`]).
    pub fn undo(&mut self, network: &mut Network) -> Option<String> {
        self.try_undo(network).ok().flatten()
    }

    /// Redoes the last undone step; returns its label, or `None` if there
    /// is nothing to redo (or it no longer applies).
    pub fn redo(&mut self, network: &mut Network) -> Option<String> {
        self.try_redo(network).ok().flatten()
    }

    /// [`History::undo`], saying why if the step no longer applies. That
    /// only happens if the network was changed outside this history; the
    /// network and the stacks are then left as they were.
    pub fn try_undo(&mut self, network: &mut Network) -> Result<Option<String>, EditError> {
        self.coalescing = None;
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        match apply_in(network, step.edit.clone(), Mode::Restore) {
            Ok(applied) => {
                self.revision = step.before;
                let label = step.label.clone();
                self.redo.push(Step {
                    edit: applied.inverse,
                    ..step
                });
                Ok(Some(label))
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    /// [`History::redo`], saying why if the step no longer applies.
    pub fn try_redo(&mut self, network: &mut Network) -> Result<Option<String>, EditError> {
        self.coalescing = None;
        let Some(step) = self.redo.pop() else {
            return Ok(None);
        };
        match apply_in(network, step.edit.clone(), Mode::Restore) {
            Ok(applied) => {
                self.revision = step.after;
                let label = step.label.clone();
                self.undo.push(Step {
                    edit: applied.inverse,
                    ..step
                });
                Ok(Some(label))
            }
            Err(e) => {
                self.redo.push(step);
                Err(e)
            }
        }
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The label of the step [`History::undo`] would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    /// The label of the step [`History::redo`] would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// The labels of every step that can be undone, most recent first
    /// (for a history list).
    pub fn undo_labels(&self) -> impl Iterator<Item = &str> {
        self.undo.iter().rev().map(|s| s.label.as_str())
    }

    /// The labels of every step that can be redone, next first.
    pub fn redo_labels(&self) -> impl Iterator<Item = &str> {
        self.redo.iter().rev().map(|s| s.label.as_str())
    }

    /// The revision of the network's current content. It changes on every
    /// apply that changes something, and on every undo and redo, to the
    /// revision that content had before.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records that the network as it is now has been saved.
    pub fn mark_saved(&mut self) {
        self.coalescing = None;
        self.saved = self.revision;
    }

    /// Whether the network differs from the last save (or, before any
    /// save, from the start): `false` again after undoing back to it.
    pub fn is_dirty(&self) -> bool {
        self.revision != self.saved
    }

    /// Forgets every step, e.g. after another map was loaded into the
    /// same document. The revision moves on (so results for the old
    /// content are stale) and counts as unsaved until
    /// [`History::mark_saved`].
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.coalescing = None;
        self.revision = self.next_revision;
        self.next_revision += 1;
    }
}

/// The inverse of two edits applied one after the other, given the inverse
/// of each: the first alone where it restores everything the second
/// touched, else both (the second's first).
fn merge_inverses(first: Edit, second: Edit) -> Edit {
    if covers(&first, &second) {
        return first;
    }
    match first {
        Edit::Batch(mut edits) => {
            edits.insert(0, second);
            Edit::Batch(edits)
        }
        first => Edit::Batch(vec![second, first]),
    }
}

/// Whether applying `first` sets everything `second` would set, to values
/// that do not depend on what `second` did: both replace the same whole
/// items (or `first` replaces whole actors that `second` only moves), or
/// both replace the same list.
fn covers(first: &Edit, second: &Edit) -> bool {
    fn actor_ids(edit: &Edit) -> Option<HashSet<&ActorId>> {
        match edit {
            Edit::UpdateActor(a) => Some([a.id()].into_iter().collect()),
            Edit::UpdateActors(actors) => Some(actors.iter().map(|a| a.id()).collect()),
            _ => None,
        }
    }
    fn moved_ids(edit: &Edit) -> Option<HashSet<&ActorId>> {
        match edit {
            Edit::MoveActors(moves) => Some(moves.iter().map(|(id, _)| id).collect()),
            _ => None,
        }
    }
    fn tie_ids(edit: &Edit) -> Option<HashSet<&TieId>> {
        match edit {
            Edit::UpdateTie(t) => Some([t.id()].into_iter().collect()),
            Edit::UpdateTies(ties) => Some(ties.iter().map(|t| t.id()).collect()),
            _ => None,
        }
    }
    match (first, second) {
        (Edit::SetSectors(_), Edit::SetSectors(_))
        | (Edit::SetTieKinds(_), Edit::SetTieKinds(_))
        | (Edit::SetMapInfo { .. }, Edit::SetMapInfo { .. }) => true,
        _ => {
            if let Some(set) = actor_ids(first) {
                let touched = actor_ids(second).or_else(|| moved_ids(second));
                touched.is_some_and(|t| t.is_subset(&set))
            } else if let Some(set) = moved_ids(first) {
                moved_ids(second).is_some_and(|t| t.is_subset(&set))
            } else if let Some(set) = tie_ids(first) {
                tie_ids(second).is_some_and(|t| t.is_subset(&set))
            } else {
                false
            }
        }
    }
}
