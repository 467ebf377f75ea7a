//! A fingerprint of what analysis reads from a map, to tell an edit that
//! changes the analysis from one that cannot (moving actors, typing a
//! name or a note).

use crate::model::Network;
use std::hash::{DefaultHasher, Hash, Hasher};

/// A 64-bit hash of everything [`AnalysisView`](crate::model::AnalysisView)
/// reads from `network`: the actor ids in order, each tie's ends, kind,
/// direction and strength in order, and which tie kinds count in analysis.
/// Two maps with the same fingerprint give the same analysis results (up
/// to a 2⁻⁶⁴ chance of collision); positions, names, sectors, stances and
/// notes do not enter it. O(n + m); stable within one run of the program,
/// not across versions (never store it).
pub fn analysis_fingerprint(network: &Network) -> u64 {
    let mut h = DefaultHasher::new();
    network.actors().len().hash(&mut h);
    for a in network.actors() {
        a.id().hash(&mut h);
    }
    network.ties().len().hash(&mut h);
    for t in network.ties() {
        t.from().hash(&mut h);
        t.to().hash(&mut h);
        t.kind.hash(&mut h);
        t.directed.hash(&mut h);
        t.strength.to_bits().hash(&mut h);
    }
    network.tie_kinds.len().hash(&mut h);
    for k in &network.tie_kinds {
        k.name.hash(&mut h);
        k.include_in_analysis.hash(&mut h);
    }
    h.finish()
}

/// [`analysis_fingerprint`] plus what the insight panels read and say
/// about each actor: name, sector, kind, stance, influence, formal
/// position, profession, tags, and the sector list. Still not positions or
/// notes, so moving actors does not set the panels working. O(n + m).
pub fn insight_fingerprint(network: &Network) -> u64 {
    let mut h = DefaultHasher::new();
    analysis_fingerprint(network).hash(&mut h);
    for a in network.actors() {
        a.name.hash(&mut h);
        a.sector.hash(&mut h);
        format!(
            "{:?}{:?}{:?}{:?}{:?}",
            a.kind, a.stance, a.influence, a.formal_position, a.profession
        )
        .hash(&mut h);
        a.tags.hash(&mut h);
    }
    for s in &network.sectors {
        s.name.hash(&mut h);
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{Actor, Tie};

    fn pair() -> Network {
        let mut n = Network::new();
        n.add_actor(Actor::new("a", "A", "primary care")).unwrap();
        n.add_actor(Actor::new("b", "B", "primary care")).unwrap();
        n.add_tie(Tie::new("t", "a", "b", "collaboration", false))
            .unwrap();
        n
    }

    #[test]
    fn insight_follows_names_not_moves() {
        let base = insight_fingerprint(&pair());
        let mut moved = pair();
        moved.actor_mut(&"a".into()).unwrap().x = Some(100.0);
        assert_eq!(insight_fingerprint(&moved), base);
        moved.actor_mut(&"a".into()).unwrap().name = "Someone else".into();
        assert_ne!(insight_fingerprint(&moved), base);
    }

    #[test]
    fn moves_and_names_do_not_count_ties_do() {
        let base = analysis_fingerprint(&pair());
        let mut moved = pair();
        let a = moved.actor_mut(&"a".into()).unwrap();
        a.x = Some(100.0);
        a.name = "Someone else".into();
        assert_eq!(analysis_fingerprint(&moved), base);

        let mut stronger = pair();
        stronger.tie_mut(&"t".into()).unwrap().strength = 3.0;
        assert_ne!(analysis_fingerprint(&stronger), base);

        let mut conflict = pair();
        conflict.tie_mut(&"t".into()).unwrap().kind = "conflict".into();
        assert_ne!(analysis_fingerprint(&conflict), base);

        let mut excluded = pair();
        for k in &mut excluded.tie_kinds {
            k.include_in_analysis = false;
        }
        assert_ne!(analysis_fingerprint(&excluded), base);

        let mut more = pair();
        more.add_actor(Actor::new("c", "C", "primary care"))
            .unwrap();
        assert_ne!(analysis_fingerprint(&more), base);
    }
}
