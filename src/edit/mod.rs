//! Editing a map: every change as an [`Edit`] value, [`apply`] that
//! carries it out and returns its inverse, and [`History`] for undo and
//! redo.
//!
//! The desktop editor never mutates a [`crate::model::Network`] itself: its
//! panels emit edits, and the app applies them after the frame through one
//! [`History`], which records each inverse. A whole drag or layout run is
//! one [`Edit::MoveActors`]; typing in one field can be merged into one step
//! with [`History::apply_coalescing`]; copy, paste and duplicate are built
//! by [`copy_selection`], [`paste_edit`] and [`duplicate_edit`].
//!
//! An edit is checked before anything changes: unknown or duplicate ids,
//! changed tie ends, name clashes, and the rules of
//! [`crate::model::Network::validate`] on whatever it touches, so a valid
//! map stays valid. A refused edit returns an [`EditError`] and leaves the
//! map exactly as it was. Inverses restore the previous map exactly, down
//! to the order of actors, ties, sectors and tie kinds.
//!
//! Depends on `model` only. Must not depend on egui, rfd, `io`, `analysis`
//! or any UI code: scripts, tests and the CLI drive it without a window.

mod apply;
mod bulk;
mod check;
#[allow(clippy::module_inception)] // the file is named after the type it holds
mod edit;
mod error;
mod history;
mod items;
mod lists;
mod paste;
#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use apply::apply;
pub use edit::Edit;
pub use error::{EditError, NameList};
pub use history::History;
pub use paste::{copy_selection, duplicate_edit, paste_edit};
