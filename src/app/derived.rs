//! What follows from the map and the session, worked out in one place once
//! per change instead of every frame: the actors and ties the filters hide,
//! the focus neighbourhood, the search matches and the legend's counts.
//! Each is remembered with what it was worked out from (the document's
//! content key and the session values it reads) and handed to the canvas
//! only when that changes.

use super::session::{Focus, Session};
use crate::model::{ActorId, Network};
use crate::ui::canvas::CanvasState;
use crate::ui::legend::{Filters, LegendCounts};
use std::collections::HashSet;

/// The memo.
#[derive(Debug, Default)]
pub struct Derived {
    filters: Option<(Filters, u64)>,
    focus: Option<(Focus, Filters, u64)>,
    search: Option<(String, u64)>,
    legend: Option<(u64, LegendCounts)>,
}

impl Derived {
    /// Forgets everything (another map was opened).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// The legend's counts for the map with content key `key`.
    pub fn legend_counts(&mut self, network: &Network, key: u64) -> &LegendCounts {
        if self.legend.as_ref().is_some_and(|(k, _)| *k != key) {
            self.legend = None;
        }
        &self
            .legend
            .get_or_insert_with(|| (key, LegendCounts::of(network)))
            .1
    }

    /// Brings the canvas's hidden set, focus and search highlight up to
    /// date with `session` and the map (content key `key`). Compared in
    /// place: nothing is cloned on a frame where nothing changed.
    pub fn refresh(
        &mut self,
        network: &Network,
        key: u64,
        session: &Session,
        canvas: &mut CanvasState,
    ) {
        let filters = &session.filters;
        if !self
            .filters
            .as_ref()
            .is_some_and(|(f, k)| f == filters && *k == key)
        {
            let actors = network
                .actors()
                .iter()
                .filter(|a| filters.hides_actor(a))
                .map(|a| a.id().clone())
                .collect();
            let ties = network
                .ties()
                .iter()
                .filter(|t| filters.hides_tie(t))
                .map(|t| t.id().clone())
                .collect();
            canvas.set_hidden(actors, ties);
            self.filters = Some((filters.clone(), key));
        }
        // The focus is the neighbourhood over the ties on show: a focus
        // follows the filters.
        if !self
            .focus
            .as_ref()
            .is_some_and(|(f, fl, k)| *f == session.focus && fl == filters && *k == key)
        {
            let focus = session.focus.as_ref().map(|(id, steps)| {
                let hidden = canvas.hidden();
                crate::analysis::neighbourhood(network, id, *steps, |t| {
                    !filters.hides_tie(t) && !hidden.contains(t.from()) && !hidden.contains(t.to())
                })
                .into_iter()
                .collect()
            });
            canvas.set_focus(focus);
            self.focus = Some((session.focus.clone(), filters.clone(), key));
        }
        let needle = session.search.trim().to_lowercase();
        if !self
            .search
            .as_ref()
            .is_some_and(|(s, k)| *s == needle && *k == key)
        {
            let matches: HashSet<ActorId> = if needle.is_empty() {
                HashSet::new()
            } else {
                network
                    .actors()
                    .iter()
                    .filter(|a| a.name.to_lowercase().contains(&needle))
                    .map(|a| a.id().clone())
                    .collect()
            };
            canvas.set_highlight(matches, !needle.is_empty());
            self.search = Some((needle, key));
        }
    }
}
