//! What the user has set up for this sitting, apart from the map itself:
//! filters, focus, search, and what new actors and ties get. Owned by the
//! app; the panels read it and the canvas is told what follows from it
//! (see `derived.rs`). Nothing here is saved with the map.

use crate::model::{ActorId, Network};
use crate::ui::legend::Filters;

/// The actor whose neighbourhood is in focus and how many steps it
/// reaches, if a focus is on.
pub type Focus = Option<(ActorId, usize)>;

/// The session's state.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Session {
    /// What the legend hides.
    pub filters: Filters,
    /// The focus, if any.
    pub focus: Focus,
    /// The search box's text.
    pub search: String,
    /// The tie kind new ties get.
    pub new_tie_kind: String,
    /// The sector new actors get.
    pub new_actor_sector: String,
}

impl Session {
    /// A fresh session on `network`: nothing hidden, new actors in its
    /// first sector, new ties of the kind "collaboration" (or its first).
    pub fn new(network: &Network) -> Self {
        let mut s = Self {
            new_tie_kind: "collaboration".to_owned(),
            ..Self::default()
        };
        s.follow_lists(network);
        s
    }

    /// Keeps the sector for new actors and the kind for new ties on
    /// entries of the map's lists after a removal, an undone rename or
    /// another map: the first entry of the list takes over.
    pub fn follow_lists(&mut self, network: &Network) {
        if network.sector(&self.new_actor_sector).is_none()
            && let Some(first) = network.sectors.first()
        {
            self.new_actor_sector = first.name.clone();
        }
        if network.tie_kind(&self.new_tie_kind).is_none()
            && let Some(first) = network.tie_kinds.first()
        {
            self.new_tie_kind = first.name.clone();
        }
        if self
            .focus
            .as_ref()
            .is_some_and(|(id, _)| network.actor(id).is_none())
        {
            self.focus = None;
        }
    }
}
