//! Communities: clusters found by Louvain, their modularity, and how far
//! they follow sector lines.

use crate::analysis::{Control, Grouping, LouvainOptions, louvain, modularity};
use crate::jobs::JobError;
use crate::model::{ActorId, AnalysisView, Network, ViewOptions};
use std::collections::{BTreeMap, HashMap};

/// One community, described by its sectors.
#[derive(Clone, Debug, PartialEq)]
pub struct CommunitySummary {
    /// Its members.
    pub size: usize,
    /// The sector most of its members are in, and how many are.
    pub main_sector: (String, usize),
    /// Members by sector, most first (then by name).
    pub sectors: Vec<(String, usize)>,
}

/// What the communities panel and the legend show.
#[derive(Clone, Debug, PartialEq)]
pub struct CommunitiesInsight {
    /// Each actor's community (numbered from 0, largest first).
    pub of: HashMap<ActorId, usize>,
    /// The communities, largest first.
    pub communities: Vec<CommunitySummary>,
    /// Modularity of the communities found (weighted).
    pub modularity: f64,
    /// Modularity of the sectors as a partition (weighted): near the
    /// found value means the sectors are the natural clusters — silos.
    pub modularity_sectors: f64,
    /// The share of actors in a community whose main sector is their own
    /// (1: communities follow sector lines exactly).
    pub follows_sectors: f64,
    /// The finding in words.
    pub sentence: String,
}

/// Finds the communities of `network` under `view`. Louvain with seeded
/// restarts, ≈ O(m) per pass; cancellable.
pub fn communities_insight(
    network: &Network,
    view: &ViewOptions,
    control: &Control,
) -> Result<CommunitiesInsight, JobError> {
    let view = AnalysisView::new(network, view);
    let found = louvain(&view, &LouvainOptions::default(), control)?;
    let sectors = Grouping::by(network, &view, "sector").map_err(JobError::Undefined)?;
    let modularity_sectors = modularity(&view, &sectors.of, true);
    // Renumber the communities largest first (then by lowest node).
    let mut sizes: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (v, &c) in found.of.iter().enumerate() {
        let e = sizes.entry(c).or_insert((0, v));
        e.0 += 1;
    }
    let mut order: Vec<(usize, usize, usize)> = sizes
        .iter()
        .map(|(&c, &(s, first))| (c, s, first))
        .collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let renumber: HashMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(i, (c, _, _))| (*c, i))
        .collect();
    let mut by_sector: Vec<BTreeMap<String, usize>> = vec![BTreeMap::new(); order.len()];
    let mut of = HashMap::new();
    for (v, &c) in found.of.iter().enumerate() {
        let k = renumber.get(&c).copied().unwrap_or(0);
        if let Some(id) = view.id(v) {
            of.insert(id.clone(), k);
        }
        if let Some(m) = by_sector.get_mut(k) {
            *m.entry(sectors.name_of(v).to_owned()).or_default() += 1;
        }
    }
    let communities: Vec<CommunitySummary> = by_sector
        .into_iter()
        .map(|m| {
            let mut sectors: Vec<(String, usize)> = m.into_iter().collect();
            sectors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let size = sectors.iter().map(|(_, k)| k).sum();
            CommunitySummary {
                size,
                main_sector: sectors.first().cloned().unwrap_or_default(),
                sectors,
            }
        })
        .collect();
    let n = view.node_count().max(1);
    let in_main: usize = communities.iter().map(|c| c.main_sector.1).sum();
    let follows_sectors = in_main as f64 / n as f64;
    let how = if follows_sectors >= 0.8 {
        "closely: most clusters are one sector, a sign of silos"
    } else if follows_sectors >= 0.5 {
        "in part: clusters mix sectors but one usually leads"
    } else {
        "hardly: people cluster across sector lines"
    };
    let sentence = format!(
        "{} communities found (modularity {:.2}); they follow sector lines {how} ({:.0}% of actors are in a community led by their own sector; the sectors' own modularity is {:.2}).",
        communities.len(),
        found.modularity,
        follows_sectors * 100.0,
        modularity_sectors
    );
    Ok(CommunitiesInsight {
        of,
        communities,
        modularity: found.modularity,
        modularity_sectors,
        follows_sectors,
        sentence,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_actor_has_a_community_numbered_largest_first() {
        let net = crate::io::native::from_str(
            std::path::Path::new("sample.json"),
            include_str!("../../../sample_networks/diabetes_network.json"),
        )
        .unwrap();
        let c = communities_insight(&net, &ViewOptions::default(), &Control::none()).unwrap();
        assert_eq!(c.of.len(), net.actors().len());
        assert!(c.communities.windows(2).all(|w| w[0].size >= w[1].size));
        assert_eq!(
            c.communities.iter().map(|x| x.size).sum::<usize>(),
            net.actors().len()
        );
        assert!((0.0..=1.0).contains(&c.follows_sectors));
        assert!(c.sentence.contains("communities found"));
    }
}
