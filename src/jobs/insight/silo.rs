//! The silo map: sector × sector ties (counts, densities, E-I), the gaps
//! with their bridgers and introductions, and the sector cuts.

use crate::analysis::{
    Control, EiIndex, GapOptions, Grouping, MAX_CUT_GROUPS, SectorCut, SiloGaps, TieMatrix,
    ei_index, sector_cuts, silo_gaps, tie_matrix,
};
use crate::jobs::JobError;
use crate::model::{ActorId, AnalysisView, Network, ViewOptions};

/// What the silo panel shows. Node indices in the analysis results are
/// those of `ids` (`ids[v]` is node v's actor).
#[derive(Clone, Debug)]
pub struct SiloInsight {
    /// The actor of each node.
    pub ids: Vec<ActorId>,
    /// The sectors (the map's sector-list order, unused ones left out) and
    /// each node's.
    pub sectors: Grouping,
    /// Ties within and between sectors.
    pub matrix: TieMatrix,
    /// The E-I index of the map, each sector and each actor.
    pub ei: EiIndex,
    /// The gaps, worst first, with bridgers and introductions.
    pub gaps: SiloGaps,
    /// The sector cut of every pair of sectors, pairs in name order.
    pub cuts: Vec<SectorCut>,
}

impl SiloInsight {
    /// The actor of node `v`.
    pub fn id(&self, v: usize) -> Option<&ActorId> {
        self.ids.get(v)
    }

    /// The sector cut between sectors named `a` and `b` (either order).
    pub fn cut(&self, a: &str, b: &str) -> Option<&SectorCut> {
        self.cuts
            .iter()
            .find(|c| (c.a == a && c.b == b) || (c.a == b && c.b == a))
    }
}

/// Works out the silo map of `network` under `view`. Cost: the silo gaps'
/// bounded searches (see `analysis::silo`) and one max-flow per pair of
/// sectors.
pub fn silo_insight(
    network: &Network,
    view: &ViewOptions,
    control: &Control,
) -> Result<SiloInsight, JobError> {
    let view = AnalysisView::new(network, view);
    let sectors = Grouping::by(network, &view, "sector").map_err(JobError::Undefined)?;
    sectors
        .at_most(MAX_CUT_GROUPS, "the silo map")
        .map_err(JobError::Undefined)?;
    control.check()?;
    let matrix = tie_matrix(&view, &sectors);
    let ei = ei_index(&view, &sectors);
    let gaps = silo_gaps(&view, &sectors, &GapOptions::default(), control)?;
    control.begin("sector cuts", 1);
    let cuts = sector_cuts(&view, &sectors);
    control.check()?;
    Ok(SiloInsight {
        ids: view.ids().to_vec(),
        sectors,
        matrix,
        ei,
        gaps,
        cuts,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_sample_map_has_every_sector_and_a_cut_per_pair() {
        let net = crate::io::native::from_str(
            std::path::Path::new("sample.json"),
            include_str!("../../../sample_networks/diabetes_network.json"),
        )
        .unwrap();
        let s = silo_insight(&net, &ViewOptions::default(), &Control::none()).unwrap();
        let k = s.sectors.names.len();
        assert_eq!(s.matrix.len(), k);
        assert_eq!(s.cuts.len(), k * (k - 1) / 2);
        assert_eq!(s.ids.len(), net.actors().len());
        let first = &s.cuts[0];
        assert!(s.cut(&first.b, &first.a).is_some(), "either order");
    }

    #[test]
    fn a_map_with_more_sectors_than_the_silo_map_compares_says_so() {
        let mut net = crate::model::Network::new();
        for i in 0..=MAX_CUT_GROUPS {
            let sector = format!("team {i}");
            net.ensure_sector(&sector);
            net.add_actor(crate::model::Actor::new(format!("a{i}"), "A", sector))
                .unwrap();
        }
        match silo_insight(&net, &ViewOptions::default(), &Control::none()) {
            Err(JobError::Undefined(e)) => assert!(
                e.starts_with("the map has 101 sectors; the silo map compares at most 100"),
                "{e}"
            ),
            other => panic!("{:?}", other.map(|s| s.sectors.names.len())),
        }
    }
}
