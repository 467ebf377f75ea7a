//! Brokers: actors ranked by Gould–Fernandez brokerage between sectors,
//! each with its strongest role and the sentence that says what it links,
//! and Burt's constraint beside it.

use crate::analysis::{Control, Grouping, Role, RoleCounts, broker_profiles, structural_holes};
use crate::jobs::JobError;
use crate::model::{ActorId, AnalysisView, Network, ViewOptions};
use std::collections::HashMap;

/// One broker.
#[derive(Clone, Debug, PartialEq)]
pub struct BrokerRow {
    /// The actor.
    pub id: ActorId,
    /// Its sector.
    pub sector: String,
    /// Open two-paths it brokers (each unordered path once when the view
    /// is undirected).
    pub paths: u64,
    /// The role counts.
    pub roles: RoleCounts,
    /// The role with the most paths (cross-sector roles first on a tie).
    pub strongest: Role,
    /// What it links, in words.
    pub sentence: String,
    /// Burt's constraint (low: a broker between separate contacts);
    /// `None` for an isolate.
    pub constraint: Option<f64>,
}

/// Every broker with at least one open path, most paths first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BrokersInsight {
    /// The brokers, by paths (descending), then map order.
    pub rows: Vec<BrokerRow>,
    /// Every actor's constraint (brokers or not), by id.
    pub constraint: HashMap<ActorId, Option<f64>>,
}

impl BrokersInsight {
    /// The row of `id`, if it brokers any path.
    pub fn row(&self, id: &ActorId) -> Option<&BrokerRow> {
        self.rows.iter().find(|r| &r.id == id)
    }
}

/// The role with the most paths; on a tie the one first in [`Role::ALL`]
/// (cross-sector roles first).
pub fn strongest_role(roles: &RoleCounts) -> Role {
    let mut best = Role::Liaison;
    for r in Role::ALL {
        if roles.get(r) > roles.get(best) {
            best = r;
        }
    }
    best
}

/// Works out the brokers of `network` under `view`. O(Σ in·out) for
/// brokerage plus O(Σ d²) for constraint.
pub fn brokers_insight(
    network: &Network,
    view: &ViewOptions,
    control: &Control,
) -> Result<BrokersInsight, JobError> {
    let view = AnalysisView::new(network, view);
    let sectors = Grouping::by(network, &view, "sector").map_err(JobError::Undefined)?;
    control.check()?;
    let holes = structural_holes(&view, true);
    control.check()?;
    let name = |v: usize| {
        view.id(v)
            .and_then(|id| network.actor(id))
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let rows = broker_profiles(&view, &sectors)
        .into_iter()
        .filter_map(|p| {
            let id = view.id(p.node)?.clone();
            Some(BrokerRow {
                sector: sectors.name_of(p.node).to_owned(),
                paths: p.paths,
                roles: p.roles,
                strongest: strongest_role(&p.roles),
                sentence: p.sentence(&name(p.node), &sectors),
                constraint: holes.constraint.get(p.node).copied().flatten(),
                id,
            })
        })
        .collect();
    let constraint = view
        .ids()
        .iter()
        .cloned()
        .zip(holes.constraint.iter().copied())
        .collect();
    Ok(BrokersInsight { rows, constraint })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{Actor, Tie};

    #[test]
    fn a_liaison_between_two_sectors_is_ranked_first_with_its_sentence() {
        let mut net = Network::new();
        for (id, s) in [
            ("a", "primary care"),
            ("b", "hospital care"),
            ("c", "social care"),
        ] {
            net.add_actor(Actor::new(id, id.to_uppercase(), s)).unwrap();
        }
        net.add_tie(Tie::new("t1", "a", "b", "collaboration", false))
            .unwrap();
        net.add_tie(Tie::new("t2", "b", "c", "collaboration", false))
            .unwrap();
        let b = brokers_insight(&net, &ViewOptions::default(), &Control::none()).unwrap();
        assert_eq!(b.rows.len(), 1);
        let row = &b.rows[0];
        assert_eq!(row.id, "b".into());
        assert_eq!(row.strongest, Role::Liaison);
        assert!(
            row.sentence.starts_with("B (hospital care) links"),
            "{}",
            row.sentence
        );
        assert!(row.constraint.is_some());
        assert_eq!(b.constraint.len(), 3);
    }

    #[test]
    fn the_strongest_role_prefers_cross_sector_roles_on_a_tie() {
        let roles = RoleCounts {
            coordinator: 3,
            liaison: 3,
            ..Default::default()
        };
        assert_eq!(strongest_role(&roles), Role::Liaison);
        let roles = RoleCounts {
            coordinator: 4,
            liaison: 3,
            ..Default::default()
        };
        assert_eq!(strongest_role(&roles), Role::Coordinator);
    }
}
