//! The coalition builder: the coalition of the willing for the panel's
//! options, with its one- and two-step reach for the canvas. The inputs
//! that cost most (PageRank and betweenness, O(nm)) are kept between option
//! changes, so moving a slider only re-runs the choice itself; working them
//! out reports progress and stops when the job is cancelled.

use crate::analysis::{Coalition, CoalitionInputs, CoalitionOptions, Control, coalition, pagerank};
use crate::jobs::JobError;
use crate::model::{ActorId, AnalysisView, Network, Stance, ViewOptions};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

/// A person to approach next, by id.
#[derive(Clone, Debug, PartialEq)]
pub struct ProspectRow {
    /// The actor.
    pub id: ActorId,
    /// How many members they are tied to.
    pub ties_to_coalition: usize,
    /// Their stance (private: the UI decides whether to show it).
    pub stance: Stance,
}

/// What the coalition panel and the canvas show.
#[derive(Clone, Debug, PartialEq)]
pub struct CoalitionInsight {
    /// Members in the order chosen, with the reasons for each.
    pub members: Vec<(ActorId, Vec<String>)>,
    /// Non-members one step from a member.
    pub reach_one: BTreeSet<ActorId>,
    /// Non-members exactly two steps from the nearest member.
    pub reach_two: BTreeSet<ActorId>,
    /// The result as the analysis gives it (scores, sectors, notes).
    pub coalition: Coalition,
    /// The next ring, by id.
    pub next_ring: Vec<ProspectRow>,
    /// Sceptics and opponents worth winning over, by id.
    pub to_win_over: Vec<ProspectRow>,
}

/// The costly inputs, kept for the view they were worked out for.
pub type InputsCache = Arc<Mutex<Option<(u64, Arc<CoalitionInputs>)>>>;

/// Chooses the coalition for `options`; the inputs come from `cache` when
/// it holds them for `inputs_key` (the map and view), else are worked out
/// and kept there. O(nm) the first time for a map, then the greedy choice
/// with swaps.
pub fn coalition_insight(
    network: &Network,
    view: &ViewOptions,
    options: &CoalitionOptions,
    cache: &InputsCache,
    inputs_key: u64,
    control: &Control,
) -> Result<CoalitionInsight, JobError> {
    let view = AnalysisView::new(network, view);
    let kept = cache.lock().ok().and_then(|c| {
        c.as_ref()
            .filter(|(k, _)| *k == inputs_key)
            .map(|(_, i)| i.clone())
    });
    let inputs = match kept {
        Some(i) => i,
        None => {
            // As `CoalitionInputs::compute`, with the betweenness shared
            // with the influence chart when both are worked out.
            let pr = pagerank(&view, 0.85, true);
            let bt = super::shared::hops_betweenness(&view, control)?;
            let i = Arc::new(CoalitionInputs::from_measures(&pr, &bt.normalised));
            if let Ok(mut c) = cache.lock() {
                *c = Some((inputs_key, i.clone()));
            }
            i
        }
    };
    control.check()?;
    let c = coalition(network, &view, &inputs, options);
    let id = |v: usize| view.id(v).cloned();
    let members: Vec<(ActorId, Vec<String>)> = c
        .members
        .iter()
        .filter_map(|m| Some((id(m.node)?, m.reasons.clone())))
        .collect();
    // One and two steps from the nearest member, ties read as mutual.
    let n = view.node_count();
    let mut dist = vec![u8::MAX; n];
    let mut frontier: Vec<usize> = c.members.iter().map(|m| m.node).collect();
    for &v in &frontier {
        if let Some(d) = dist.get_mut(v) {
            *d = 0;
        }
    }
    for step in 1..=2u8 {
        let mut next = Vec::new();
        for &v in &frontier {
            let out = view.out_neighbours(v).0.iter();
            let inc = view.in_neighbours(v).0.iter();
            for &w in out.chain(inc) {
                if let Some(d) = dist.get_mut(w)
                    && *d == u8::MAX
                {
                    *d = step;
                    next.push(w);
                }
            }
        }
        frontier = next;
    }
    let at = |k: u8| -> BTreeSet<ActorId> {
        (0..n)
            .filter(|&v| dist.get(v) == Some(&k))
            .filter_map(id)
            .collect()
    };
    let prospects = |list: &[crate::analysis::Prospect]| -> Vec<ProspectRow> {
        list.iter()
            .filter_map(|p| {
                Some(ProspectRow {
                    id: id(p.node)?,
                    ties_to_coalition: p.ties_to_coalition,
                    stance: p.stance,
                })
            })
            .collect()
    };
    Ok(CoalitionInsight {
        members,
        reach_one: at(1),
        reach_two: at(2),
        next_ring: prospects(&c.next_ring),
        to_win_over: prospects(&c.to_win_over),
        coalition: c,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn sample() -> Network {
        crate::io::native::from_str(
            std::path::Path::new("sample.json"),
            include_str!("../../../sample_networks/diabetes_network.json"),
        )
        .unwrap()
    }

    #[test]
    fn the_same_members_as_the_command_line_defaults_and_the_inputs_are_kept() {
        let net = sample();
        let options = CoalitionOptions {
            size: 6,
            ..Default::default()
        };
        let cache = InputsCache::default();
        let a = coalition_insight(
            &net,
            &ViewOptions::default(),
            &options,
            &cache,
            7,
            &Control::none(),
        )
        .unwrap();
        // What `bridgework coalition MAP --size 6` computes.
        let view = AnalysisView::new(&net, &ViewOptions::default());
        let want = coalition(
            &net,
            &view,
            &CoalitionInputs::compute(&net, &view),
            &options,
        );
        let ids: Vec<ActorId> = want
            .members
            .iter()
            .map(|m| view.id(m.node).unwrap().clone())
            .collect();
        let got: Vec<ActorId> = a.members.iter().map(|(id, _)| id.clone()).collect();
        assert_eq!(got, ids);
        assert!(cache.lock().unwrap().as_ref().is_some_and(|(k, _)| *k == 7));
        // Reach: no member in it, one-step and two-step apart.
        for (id, _) in &a.members {
            assert!(!a.reach_one.contains(id) && !a.reach_two.contains(id));
        }
        assert!(a.reach_one.is_disjoint(&a.reach_two));
        assert_eq!(a.reach_one.len(), a.coalition.reach_one_step);
        assert_eq!(
            a.reach_one.len() + a.reach_two.len(),
            a.coalition.reach_two_steps
        );
    }
}
