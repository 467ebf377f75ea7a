//! The neighbourhood of one actor: everyone within a number of steps, for
//! "focus on her and who she works with" on the canvas.
//!
//! # Definition
//! N_k(v) = {u : d(v, u) ≤ k}, with v itself, where d counts ties in
//! either direction (who she refers to and who refers to her are both her
//! neighbours). Only the ties `include` accepts count, so a focus follows
//! the tie kinds on show. Self-loops and parallel ties change nothing.
//!
//! # Complexity
//! O(n + m) time and memory for any k (one breadth-first search, stopped
//! at depth k).

use crate::model::{ActorId, Network, Tie};
use std::collections::BTreeSet;

/// Everyone within `steps` ties of `centre` (with `centre`), counting only
/// the ties `include` accepts. Empty if `centre` is not in the map.
///
/// # Example
/// ```
/// use bridgework::analysis::neighbourhood;
/// use bridgework::model::{Actor, Network, Tie};
/// let mut n = Network::new();
/// for id in ["a", "b", "c", "d"] {
///     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
/// }
/// n.add_tie(Tie::new("t1", "a", "b", "collaboration", false)).unwrap();
/// n.add_tie(Tie::new("t2", "c", "b", "collaboration", false)).unwrap();
/// n.add_tie(Tie::new("t3", "c", "d", "collaboration", false)).unwrap();
/// let one = neighbourhood(&n, &"b".into(), 1, |_| true);
/// assert_eq!(one.len(), 3); // b, a and c
/// let two = neighbourhood(&n, &"b".into(), 2, |_| true);
/// assert_eq!(two.len(), 4);
/// ```
pub fn neighbourhood(
    network: &Network,
    centre: &ActorId,
    steps: usize,
    include: impl Fn(&Tie) -> bool,
) -> BTreeSet<ActorId> {
    let n = network.actors().len();
    let Some(start) = network.actor_position(centre) else {
        return BTreeSet::new();
    };
    let mut adjacent: Vec<Vec<usize>> = vec![Vec::new(); n];
    for t in network.ties().iter().filter(|t| include(t)) {
        if let (Some(a), Some(b)) = (
            network.actor_position(t.from()),
            network.actor_position(t.to()),
        ) && a != b
            && a < n
            && b < n
        {
            adjacent[a].push(b);
            adjacent[b].push(a);
        }
    }
    let mut depth = vec![usize::MAX; n];
    depth[start] = 0;
    let mut frontier = vec![start];
    for d in 1..=steps {
        let mut next = Vec::new();
        for &v in &frontier {
            for &u in &adjacent[v] {
                if depth[u] == usize::MAX {
                    depth[u] = d;
                    next.push(u);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    network
        .actors()
        .iter()
        .zip(&depth)
        .filter(|(_, d)| **d != usize::MAX)
        .map(|(a, _)| a.id().clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Actor;

    fn path() -> Network {
        let mut n = Network::new();
        for id in ["a", "b", "c", "d", "e"] {
            n.add_actor(Actor::new(id, id, "primary care")).unwrap();
        }
        for (i, (f, t)) in [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e")]
            .into_iter()
            .enumerate()
        {
            n.add_tie(Tie::new(format!("t{i}"), f, t, "referral", true))
                .unwrap();
        }
        n
    }

    fn ids(s: &BTreeSet<ActorId>) -> Vec<&str> {
        s.iter().map(|a| a.as_str()).collect()
    }

    #[test]
    fn follows_ties_both_ways_up_to_the_depth() {
        let n = path();
        assert_eq!(ids(&neighbourhood(&n, &"c".into(), 0, |_| true)), ["c"]);
        assert_eq!(
            ids(&neighbourhood(&n, &"c".into(), 1, |_| true)),
            ["b", "c", "d"]
        );
        assert_eq!(
            ids(&neighbourhood(&n, &"c".into(), 2, |_| true)),
            ["a", "b", "c", "d", "e"]
        );
    }

    #[test]
    fn only_included_ties_count_and_unknown_centres_are_empty() {
        let n = path();
        let no_ab = neighbourhood(&n, &"a".into(), 2, |t| t.id().as_str() != "t0");
        assert_eq!(ids(&no_ab), ["a"]);
        assert!(neighbourhood(&n, &"zz".into(), 2, |_| true).is_empty());
    }
}
