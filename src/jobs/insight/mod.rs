//! What the editor's insight panels show, worked out off the UI thread:
//! one section per panel (silo map, brokers, coalition, what if, influence,
//! communities), each a pure function of a snapshot of the map, the tie
//! kinds that count and the panel's own options, returning results keyed
//! by actor id so the UI never sees node indices.
//!
//! [`Refresher`] keeps one section up to date for the app: it starts a job
//! when the inputs' key changes, keeps showing the last result (marked
//! stale) until the new one lands, and drops results for inputs that have
//! moved on. Betweenness, which the influence chart and the coalition
//! both read, is worked out once when they run together ([`hops_betweenness`]).
//!
//! Must not depend on egui, rfd, `io`, `app` or `ui`.

mod brokers;
mod coalition;
mod communities;
mod influence;
mod refresher;
mod shared;
mod silo;
mod what_if;

pub use brokers::{BrokerRow, BrokersInsight, brokers_insight, strongest_role};
pub use coalition::{CoalitionInsight, InputsCache, ProspectRow, coalition_insight};
pub use communities::{CommunitiesInsight, CommunitySummary, communities_insight};
pub use influence::{InfluenceInsight, InfluenceMeasure, Standout, influence_insight};
pub use refresher::Refresher;
pub use shared::{forget_shared, hops_betweenness};
pub use silo::{SiloInsight, silo_insight};
pub use what_if::{ResilienceInsight, WhatIf, resilience_insight, what_if};

use crate::model::{Network, ViewOptions};
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

/// The view the panels analyse: the kinds that count in analysis (the
/// map's defaults), or, when `only_shown`, those of them not hidden by the
/// legend.
pub fn insight_view(
    network: &Network,
    hidden_kinds: &BTreeSet<String>,
    only_shown: bool,
) -> ViewOptions {
    let defaults = ViewOptions::default();
    if !only_shown || hidden_kinds.is_empty() {
        return defaults;
    }
    let filter = defaults.kind_filter(network);
    let kinds: BTreeSet<String> = network
        .tie_kinds
        .iter()
        .map(|k| k.name.clone())
        .chain(network.ties().iter().map(|t| t.kind.clone()))
        .filter(|k| filter.counts(k) && !hidden_kinds.contains(k))
        .collect();
    ViewOptions {
        kinds: Some(kinds),
        ..defaults
    }
}

/// A key for a section's inputs: the map's content key with anything else
/// the section reads (its options, the view), so a change of either starts
/// the section again.
pub fn inputs_key(content_key: u64, extra: &impl Hash) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    content_key.hash(&mut h);
    extra.hash(&mut h);
    h.finish()
}

/// Hashes view options (for [`inputs_key`]).
pub fn view_key(view: &ViewOptions) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    view.kinds.hash(&mut h);
    format!("{:?}", view.direction).hash(&mut h);
    h.finish()
}
