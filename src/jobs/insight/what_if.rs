//! "What if X leaves?": the single points of failure at any time
//! (articulation points, bridges, the key-player set), and for the actors
//! marked as leaving, who would be cut off, how much the map would
//! fragment, the cross-sector ties lost and the pairs of sectors no path
//! would join any more. Marking actors as leaving is a view: the map is
//! not changed.

use crate::analysis::{
    Control, CutPoints, Grouping, KeyPlayerOptions, KeyPlayers, RemovalImpact, cut_points,
    key_players, removal_impact,
};
use crate::jobs::JobError;
use crate::model::{ActorId, AnalysisView, Network, ViewOptions};
use std::collections::BTreeSet;

/// Single points of failure of the map as it is.
#[derive(Clone, Debug, PartialEq)]
pub struct ResilienceInsight {
    /// Actors whose leaving alone splits a piece of the map.
    pub articulation_points: BTreeSet<ActorId>,
    /// Ties whose loss alone splits a piece of the map (the two actors).
    pub bridges: Vec<(ActorId, ActorId)>,
    /// The `k` actors whose loss fragments the map most.
    pub key_players: Vec<ActorId>,
    /// Their fragmentation scores.
    pub key_player_scores: KeyPlayers,
}

/// Works out the single points of failure and the key-player set of size
/// `k`. O(n + m) for the cut points, O(k(n + m)) per pass for the key
/// players.
pub fn resilience_insight(
    network: &Network,
    view: &ViewOptions,
    k: usize,
    control: &Control,
) -> Result<ResilienceInsight, JobError> {
    let view = AnalysisView::new(network, view);
    let CutPoints {
        articulation_points,
        bridges,
    } = cut_points(&view);
    control.check()?;
    let players = key_players(&view, k, &KeyPlayerOptions::default(), control)?;
    let id = |v: usize| view.id(v).cloned();
    Ok(ResilienceInsight {
        articulation_points: articulation_points.into_iter().filter_map(id).collect(),
        bridges: bridges
            .into_iter()
            .filter_map(|(a, b)| Some((id(a)?, id(b)?)))
            .collect(),
        key_players: players.members.iter().copied().filter_map(id).collect(),
        key_player_scores: players,
    })
}

/// What leaving would do.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    /// Those leaving (on the map).
    pub leaving: BTreeSet<ActorId>,
    /// Actors cut off from the rest of their piece of the map.
    pub cut_off: BTreeSet<ActorId>,
    /// Remaining actors left with no tie at all.
    pub isolated: BTreeSet<ActorId>,
    /// Pieces of the map before and after.
    pub pieces: (usize, usize),
    /// The analysis's account (fragmentation before and after, ties lost,
    /// group pairs losing direct ties; node indices of `ids`).
    pub impact: RemovalImpact,
    /// The actor of each node of `impact`.
    pub ids: Vec<ActorId>,
    /// The sectors, for the group indices of `impact`.
    pub sectors: Grouping,
    /// Pairs of sectors joined by some path now that no path would join
    /// afterwards (names, in name order).
    pub sectors_cut_apart: Vec<(String, String)>,
}

/// The pairs of sectors some path joins, with the nodes in `gone` left out.
fn joined_sector_pairs(
    view: &AnalysisView,
    sectors: &Grouping,
    gone: &[bool],
) -> BTreeSet<(usize, usize)> {
    let n = view.node_count();
    let mut piece = vec![usize::MAX; n];
    let mut pairs = BTreeSet::new();
    let mut stack = Vec::new();
    for s in 0..n {
        if gone.get(s).copied().unwrap_or(true) || piece.get(s) != Some(&usize::MAX) {
            continue;
        }
        let mut in_piece = BTreeSet::new();
        piece[s] = s;
        stack.push(s);
        while let Some(v) = stack.pop() {
            if let Some(&g) = sectors.of.get(v) {
                in_piece.insert(g);
            }
            let out = view.out_neighbours(v).0.iter();
            let inc = view.in_neighbours(v).0.iter();
            for &w in out.chain(inc) {
                if !gone.get(w).copied().unwrap_or(true) && piece.get(w) == Some(&usize::MAX) {
                    piece[w] = s;
                    stack.push(w);
                }
            }
        }
        let groups: Vec<usize> = in_piece.into_iter().collect();
        for (i, &a) in groups.iter().enumerate() {
            for &b in groups.iter().skip(i + 1) {
                pairs.insert((a, b));
            }
        }
    }
    pairs
}

/// What happens if `leaving` leave; see the module docs. O(n · m) for the
/// distance-weighted fragmentation, O(n + m) for the rest.
pub fn what_if(
    network: &Network,
    view: &ViewOptions,
    leaving: &BTreeSet<ActorId>,
    control: &Control,
) -> Result<WhatIf, JobError> {
    let view = AnalysisView::new(network, view);
    let sectors = Grouping::by(network, &view, "sector").map_err(JobError::Undefined)?;
    let n = view.node_count();
    let removed: Vec<usize> = (0..n)
        .filter(|&v| view.id(v).is_some_and(|id| leaving.contains(id)))
        .collect();
    let impact = removal_impact(&view, &removed, Some(&sectors), control)?;
    let mut gone = vec![false; n];
    for &v in &removed {
        if let Some(g) = gone.get_mut(v) {
            *g = true;
        }
    }
    let before = joined_sector_pairs(&view, &sectors, &vec![false; n]);
    let after = joined_sector_pairs(&view, &sectors, &gone);
    let name = |g: usize| sectors.names.get(g).cloned().unwrap_or_default();
    let mut sectors_cut_apart: Vec<(String, String)> = before
        .difference(&after)
        .map(|&(a, b)| {
            let (x, y) = (name(a), name(b));
            if x <= y { (x, y) } else { (y, x) }
        })
        .collect();
    sectors_cut_apart.sort();
    let id = |v: usize| view.id(v).cloned();
    Ok(WhatIf {
        leaving: removed.iter().copied().filter_map(id).collect(),
        cut_off: impact.cut_off_actors().into_iter().filter_map(id).collect(),
        isolated: impact.isolated.iter().copied().filter_map(id).collect(),
        pieces: (impact.before.components, impact.after.components),
        ids: view.ids().to_vec(),
        impact,
        sectors,
        sectors_cut_apart,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{Actor, Tie};

    /// Two triangles joined through one bridge person m.
    fn bowtie() -> Network {
        let mut net = Network::new();
        for (id, s) in [
            ("a1", "primary care"),
            ("a2", "primary care"),
            ("m", "community health"),
            ("c1", "social care"),
            ("c2", "social care"),
        ] {
            net.add_actor(Actor::new(id, id, s)).unwrap();
        }
        for (k, (x, y)) in [
            ("a1", "a2"),
            ("a1", "m"),
            ("a2", "m"),
            ("m", "c1"),
            ("m", "c2"),
            ("c1", "c2"),
        ]
        .into_iter()
        .enumerate()
        {
            net.add_tie(Tie::new(format!("t{k}"), x, y, "collaboration", false))
                .unwrap();
        }
        net
    }

    #[test]
    fn the_bridge_person_leaving_cuts_off_one_side_and_parts_the_sectors() {
        let net = bowtie();
        let leaving: BTreeSet<ActorId> = ["m".into()].into_iter().collect();
        let w = what_if(&net, &ViewOptions::default(), &leaving, &Control::none()).unwrap();
        assert_eq!(w.pieces, (1, 2));
        assert_eq!(w.cut_off.len(), 2, "{:?}", w.cut_off);
        assert!(
            w.sectors_cut_apart
                .contains(&("primary care".to_owned(), "social care".to_owned()))
        );
        let r = resilience_insight(&net, &ViewOptions::default(), 1, &Control::none()).unwrap();
        assert!(r.articulation_points.contains(&ActorId::from("m")));
        assert_eq!(r.key_players, vec![ActorId::from("m")]);
    }

    #[test]
    fn nobody_leaving_changes_nothing() {
        let net = bowtie();
        let w = what_if(
            &net,
            &ViewOptions::default(),
            &BTreeSet::new(),
            &Control::none(),
        )
        .unwrap();
        assert_eq!(w.pieces, (1, 1));
        assert!(w.cut_off.is_empty() && w.sectors_cut_apart.is_empty());
    }
}
