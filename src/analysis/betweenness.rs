//! Betweenness centrality (Brandes 2001), exact, unweighted or weighted.
//!
//! # Definition
//! `b(v) = Σ σ_st(v) / σ_st` over pairs of distinct nodes s, t ≠ v, where
//! σ_st is the number of shortest s–t paths and σ_st(v) the number through
//! v. Endpoints are not counted.
//!
//! # Conventions (networkx `betweenness_centrality`, igraph `betweenness`)
//! * **raw**: undirected graphs sum over **unordered** pairs {s, t} (each
//!   pair once), directed graphs over ordered pairs. Equal to igraph's
//!   `betweenness()` and networkx `normalized=False`.
//! * **normalised**: raw × 2/((n−1)(n−2)) undirected, raw × 1/((n−1)(n−2))
//!   directed (networkx `normalized=True`); for n ≤ 2 every value is 0.
//! * Weights: [`PathLength::Hops`] ignores them; [`PathLength::Distance`]
//!   uses the merged weight as the path length (networkx `weight='weight'`);
//!   [`PathLength::InverseStrength`] uses 1/strength.
//!
//! # Complexity
//! O(nm) for hops, O(nm log n) weighted; memory O(n + m) per worker thread.
//! Sources are processed in parallel (rayon) in a fixed number of chunks
//! whose partial sums are added in order, so the result is bit-identical
//! whatever the number of threads. The cancel flag is checked once per
//! source.
//!
//! # Example
//! ```
//! use bridgework::analysis::{betweenness, Control, PathLength};
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! // The path a – b – c: b lies on the only a–c path.
//! let mut n = Network::new();
//! for id in ["a", "b", "c"] {
//!     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
//! }
//! n.add_tie(Tie::new("t1", "a", "b", "collaboration", false)).unwrap();
//! n.add_tie(Tie::new("t2", "b", "c", "collaboration", false)).unwrap();
//! let view = AnalysisView::new(&n, &ViewOptions::default());
//! let b = betweenness(&view, PathLength::Hops, &Control::none()).unwrap();
//! assert_eq!(b.raw, vec![0.0, 1.0, 0.0]);
//! assert_eq!(b.normalised, vec![0.0, 1.0, 0.0]);
//! ```

use super::closeness::{Closeness, Sums};
use super::control::{Cancelled, Control};
use super::parallel::in_chunks;
use super::shortest_paths::{PathLength, Paths, Workspace};
use crate::model::AnalysisView;

/// Betweenness of every node, raw and normalised.
#[derive(Clone, Debug, PartialEq)]
pub struct Betweenness {
    /// Raw betweenness (unordered pairs if undirected).
    pub raw: Vec<f64>,
    /// Normalised betweenness (networkx `normalized=True`).
    pub normalised: Vec<f64>,
}

/// Exact betweenness of every node of `view`; see the module docs.
pub fn betweenness(
    view: &AnalysisView,
    length: PathLength,
    control: &Control,
) -> Result<Betweenness, Cancelled> {
    brandes(view, length, false, control).map(|(b, _)| b)
}

/// Betweenness, and from the same searches closeness and harmonic
/// centrality (as [`super::closeness()`] defines them) — on an undirected view a
/// search from s gives the distances *to* s as well, so one pass serves
/// both, which matters for the weighted measures. On a directed view the
/// closeness measures need incoming distances and are computed separately.
pub fn betweenness_and_closeness(
    view: &AnalysisView,
    length: PathLength,
    control: &Control,
) -> Result<(Betweenness, Closeness), Cancelled> {
    if view.is_directed() {
        let b = betweenness(view, length, control)?;
        let c = super::closeness::closeness(view, length, control)?;
        return Ok((b, c));
    }
    let (b, sums) = brandes(view, length, true, control)?;
    Ok((b, super::closeness::from_sums(view.node_count(), sums)))
}

/// Brandes' algorithm; with `sums`, also (Σ d, Σ 1/d, reached) per source.
fn brandes(
    view: &AnalysisView,
    length: PathLength,
    sums: bool,
    control: &Control,
) -> Result<(Betweenness, Sums), Cancelled> {
    let n = view.node_count();
    let paths = Paths::new(view, length, false);
    let stage = "betweenness";
    control.begin(stage, n);
    type Part = (Vec<f64>, Sums);
    let partials: Vec<Part> = in_chunks(n, |sources| {
        let mut acc = vec![0.0; n];
        let mut source_sums = Vec::new();
        let mut ws = Workspace::new(n);
        for s in sources {
            control.check()?;
            ws.run(&paths, s, true);
            if sums {
                source_sums.push(ws.distance_sums(&paths));
            }
            ws.accumulate(&paths, s, &mut acc);
            control.step(stage, 1, n);
        }
        Ok((acc, source_sums))
    })?;
    let mut raw = vec![0.0; n];
    let mut all_sums = Vec::with_capacity(if sums { n } else { 0 });
    for (p, s) in partials {
        for (r, x) in raw.iter_mut().zip(&p) {
            *r += x;
        }
        all_sums.extend(s);
    }
    if !view.is_directed() {
        for r in &mut raw {
            *r /= 2.0;
        }
    }
    let normalised = if n <= 2 {
        vec![0.0; n]
    } else {
        let pairs = ((n - 1) * (n - 2)) as f64;
        let scale = if view.is_directed() {
            1.0 / pairs
        } else {
            2.0 / pairs
        };
        raw.iter().map(|r| r * scale).collect()
    };
    Ok((Betweenness { raw, normalised }, all_sums))
}
