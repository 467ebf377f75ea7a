//! [`EditRequest`]: an edit a panel asks the app to apply after the frame.

use crate::edit::Edit;

/// An [`Edit`] a panel asks for, and whether it may be merged into the
/// previous undo step.
///
/// Panels build edits from `&Network` and return them; the app applies
/// them after the frame through the document's history (see
/// `app::Command::Edit` and `app::Command::EditCoalescing`).
#[derive(Clone, Debug, PartialEq)]
pub struct EditRequest {
    /// The change.
    pub edit: Edit,
    /// `Some(key)`: merge into the previous undo step if that had the same
    /// key (typing in one cell, dragging one colour), so a burst of small
    /// changes undoes as one step. `None`: a step of its own.
    pub coalesce: Option<String>,
}

impl EditRequest {
    /// An edit that is one undo step of its own.
    pub fn step(edit: Edit) -> Self {
        Self {
            edit,
            coalesce: None,
        }
    }

    /// An edit merged with the previous one of the same `key`.
    pub fn coalescing(edit: Edit, key: impl Into<String>) -> Self {
        Self {
            edit,
            coalesce: Some(key.into()),
        }
    }
}
