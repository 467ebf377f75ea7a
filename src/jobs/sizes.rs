//! Actor sizes from a centrality measure: the job behind the canvas's
//! "Size by" choice.
//!
//! # Which values
//! The same values `bridgework analyse` reports, on the map's default
//! analysis view (the tie kinds that count in analysis; directed if any
//! counted tie is):
//! * **degree**: distinct neighbours (`degree`; in + out when directed);
//! * **betweenness**: exact betweenness counting steps (`betweenness`);
//! * **closeness**: harmonic closeness counting steps (`harmonic`), which,
//!   unlike classic closeness, stays meaningful on a map in several pieces;
//! * **eigenvector**: eigenvector centrality, unweighted (`eigenvector`),
//!   on the view with every tie read as mutual — it is defined only for
//!   undirected maps, and a map with a single referral arrow would
//!   otherwise have none. Undefined on a map in several pieces
//!   ([`JobError::Undefined`], saying so);
//! * **PageRank**: weighted by tie strength, α = 0.85 (`pagerank`).
//!
//! # Scaling
//! `size = √(value ÷ largest value)`, in 0..=1: the actor with the largest
//! value gets 1, an actor with 0 gets 0 (the smallest circle), order is
//! kept, and twice the value is about √2 the size — so on skewed measures
//! such as betweenness the few brokers stand out without everyone else
//! shrinking to the same dot. Sizes are relative to the largest value on
//! this map, not comparable between maps. If every value is 0 (no ties),
//! every actor gets 0.

use super::error::JobError;
use crate::analysis::{
    Control, PathLength, betweenness, closeness, degrees, eigenvector, pagerank, weak_components,
};
use crate::model::{ActorId, AnalysisView, Direction, Network, ViewOptions};
use std::collections::HashMap;

/// A centrality measure the canvas can size actors by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SizeMeasure {
    /// Distinct neighbours.
    Degree,
    /// Exact betweenness, counting steps.
    Betweenness,
    /// Harmonic closeness, counting steps.
    Closeness,
    /// Eigenvector centrality, ties read as mutual.
    Eigenvector,
    /// PageRank, weighted by strength.
    PageRank,
}

impl SizeMeasure {
    /// Every measure, in menu order.
    pub const ALL: [SizeMeasure; 5] = [
        SizeMeasure::Degree,
        SizeMeasure::Betweenness,
        SizeMeasure::Closeness,
        SizeMeasure::Eigenvector,
        SizeMeasure::PageRank,
    ];

    /// The name in a menu: "Closeness (harmonic)".
    pub fn label(self) -> &'static str {
        match self {
            SizeMeasure::Degree => "Degree",
            SizeMeasure::Betweenness => "Betweenness",
            SizeMeasure::Closeness => "Closeness (harmonic)",
            SizeMeasure::Eigenvector => "Eigenvector",
            SizeMeasure::PageRank => "PageRank",
        }
    }

    /// The name within a sentence or the legend: "harmonic closeness".
    pub fn name(self) -> &'static str {
        match self {
            SizeMeasure::Degree => "degree",
            SizeMeasure::Betweenness => "betweenness",
            SizeMeasure::Closeness => "harmonic closeness",
            SizeMeasure::Eigenvector => "eigenvector",
            SizeMeasure::PageRank => "PageRank",
        }
    }

    /// What a large value tells the user, in a sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            SizeMeasure::Degree => "how many people someone deals with directly",
            SizeMeasure::Betweenness => {
                "who sits on the shortest paths between others: the brokers and bottlenecks"
            }
            SizeMeasure::Closeness => {
                "who can reach everyone in few steps (harmonic: fine on a map in several pieces)"
            }
            SizeMeasure::Eigenvector => {
                "who is connected to the well-connected (ties read as mutual; needs a map in one piece)"
            }
            SizeMeasure::PageRank => "influence that flows along ties, stronger ties carrying more",
        }
    }

    /// Whether the measure takes seconds on large maps (betweenness: one
    /// full shortest-path search per actor, about 14 s at 20,000 actors in
    /// a release build; the others take well under a second there).
    pub fn is_long(self) -> bool {
        matches!(self, SizeMeasure::Betweenness)
    }
}

/// Actor sizes from one measure.
#[derive(Clone, Debug, PartialEq)]
pub struct Sizes {
    /// The measure.
    pub measure: SizeMeasure,
    /// Each actor's value of the measure, in map order.
    pub values: Vec<(ActorId, f64)>,
    /// Each actor's size in 0..=1 (see the module docs for the scaling).
    pub sizes: HashMap<ActorId, f32>,
}

/// The sizes of every actor of `network` by `measure`; see the module docs.
/// Reports progress to and checks the cancel flag of `control`.
///
/// # Errors
/// [`JobError::Cancelled`] when cancelled, [`JobError::Undefined`] for
/// eigenvector centrality on a map in several pieces.
///
/// # Complexity
/// O(n + m) to build the view, then the measure's own cost (betweenness
/// O(nm), closeness O(nm/64) word operations; the others O(m) per
/// iteration).
///
/// # Example
/// ```
/// use bridgework::analysis::Control;
/// use bridgework::jobs::{sizes, SizeMeasure};
/// use bridgework::model::{Actor, Network, Tie};
/// // The path a – b – c: only b lies between others.
/// let mut n = Network::new();
/// for id in ["a", "b", "c"] {
///     n.add_actor(Actor::new(id, id, "primary care")).unwrap();
/// }
/// n.add_tie(Tie::new("t1", "a", "b", "collaboration", false)).unwrap();
/// n.add_tie(Tie::new("t2", "b", "c", "collaboration", false)).unwrap();
/// let s = sizes(&n, SizeMeasure::Betweenness, &Control::none()).unwrap();
/// assert_eq!(s.sizes[&"b".into()], 1.0);
/// assert_eq!(s.sizes[&"a".into()], 0.0);
/// ```
pub fn sizes(
    network: &Network,
    measure: SizeMeasure,
    control: &Control,
) -> Result<Sizes, JobError> {
    control.check()?;
    let stage = measure.name();
    control.begin(stage, 0);
    let options = match measure {
        SizeMeasure::Eigenvector => ViewOptions {
            direction: Direction::Undirected,
            ..ViewOptions::default()
        },
        _ => ViewOptions::default(),
    };
    let view = AnalysisView::new(network, &options);
    control.check()?;
    let values: Vec<f64> = match measure {
        SizeMeasure::Degree => degrees(&view).degree.iter().map(|&d| d as f64).collect(),
        SizeMeasure::Betweenness => betweenness(&view, PathLength::Hops, control)?.raw,
        SizeMeasure::Closeness => closeness(&view, PathLength::Hops, control)?.harmonic,
        SizeMeasure::Eigenvector => eigenvector_or_why(&view)?,
        SizeMeasure::PageRank => pagerank(&view, 0.85, true),
    };
    control.check()?;
    let scaled = scale_to_unit(&values);
    let ids = view.ids();
    Ok(Sizes {
        measure,
        sizes: ids.iter().cloned().zip(scaled).collect(),
        values: ids.iter().cloned().zip(values).collect(),
    })
}

/// Eigenvector centrality, or in words why this map has none.
fn eigenvector_or_why(view: &AnalysisView) -> Result<Vec<f64>, JobError> {
    if view.node_count() == 0 {
        return Ok(Vec::new());
    }
    if let Some(x) = eigenvector(view, false) {
        return Ok(x);
    }
    let pieces = weak_components(view).count;
    Err(JobError::Undefined(if pieces > 1 {
        format!(
            "Eigenvector centrality needs a map in one connected piece, and this map is in \
             {pieces} separate pieces (an actor with no ties counted in analysis is a piece \
             of its own). Size by PageRank or closeness instead, or tie the pieces together."
        )
    } else {
        "Eigenvector centrality could not be worked out for this map. Size by PageRank \
         instead."
            .to_owned()
    }))
}

/// `√(value ÷ largest)` for every value, in 0..=1; values that are not
/// finite or not positive give 0, and all give 0 when none is positive.
///
/// ```
/// use bridgework::jobs::scale_to_unit;
/// assert_eq!(scale_to_unit(&[0.0, 1.0, 4.0]), vec![0.0, 0.5, 1.0]);
/// assert_eq!(scale_to_unit(&[0.0, 0.0]), vec![0.0, 0.0]);
/// ```
pub fn scale_to_unit(values: &[f64]) -> Vec<f32> {
    let largest = values
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    values
        .iter()
        .map(|&v| {
            if largest > 0.0 && v.is_finite() && v > 0.0 {
                ((v / largest).sqrt().clamp(0.0, 1.0)) as f32
            } else {
                0.0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{Actor, Tie};

    /// The star v–a, v–b, v–c plus an isolate z when `isolate`.
    fn star(isolate: bool) -> Network {
        let mut n = Network::new();
        for id in ["v", "a", "b", "c"] {
            n.add_actor(Actor::new(id, id, "primary care")).unwrap();
        }
        for leaf in ["a", "b", "c"] {
            n.add_tie(Tie::new(
                format!("t{leaf}"),
                "v",
                leaf,
                "collaboration",
                false,
            ))
            .unwrap();
        }
        if isolate {
            n.add_actor(Actor::new("z", "z", "primary care")).unwrap();
        }
        n
    }

    #[test]
    fn the_centre_of_a_star_is_largest_by_every_measure() {
        for m in SizeMeasure::ALL {
            let s = sizes(&star(false), m, &Control::none()).unwrap();
            assert_eq!(s.measure, m);
            assert_eq!(s.sizes.len(), 4);
            assert_eq!(s.sizes[&"v".into()], 1.0, "{m:?}");
            for leaf in ["a", "b", "c"] {
                let x = s.sizes[&leaf.into()];
                assert!((0.0..1.0).contains(&x), "{m:?} {leaf} {x}");
            }
            assert_eq!(s.values.first().map(|(id, _)| id.as_str()), Some("v"));
        }
    }

    #[test]
    fn degree_sizes_are_square_roots_of_shares_of_the_largest() {
        let s = sizes(&star(true), SizeMeasure::Degree, &Control::none()).unwrap();
        // Degrees 3, 1, 1, 1, 0.
        assert_eq!(s.sizes[&"v".into()], 1.0);
        assert!((s.sizes[&"a".into()] - (1.0f32 / 3.0).sqrt()).abs() < 1e-6);
        assert_eq!(s.sizes[&"z".into()], 0.0);
    }

    #[test]
    fn eigenvector_on_a_map_in_pieces_says_why() {
        let err = sizes(&star(true), SizeMeasure::Eigenvector, &Control::none()).unwrap_err();
        match err {
            JobError::Undefined(msg) => {
                assert!(msg.contains("2 separate pieces"), "{msg}");
                assert!(msg.contains("PageRank"), "{msg}");
            }
            other => panic!("{other:?}"),
        }
        // Harmonic closeness is fine on the same map.
        let s = sizes(&star(true), SizeMeasure::Closeness, &Control::none()).unwrap();
        assert_eq!(s.sizes[&"z".into()], 0.0);
    }

    #[test]
    fn eigenvector_reads_directed_ties_as_mutual() {
        let mut n = star(false);
        n.add_tie(Tie::new("r", "a", "b", "referral", true))
            .unwrap();
        let s = sizes(&n, SizeMeasure::Eigenvector, &Control::none()).unwrap();
        assert_eq!(s.sizes[&"v".into()], 1.0);
    }

    #[test]
    fn an_empty_map_has_no_sizes() {
        for m in SizeMeasure::ALL {
            let s = sizes(&Network::new(), m, &Control::none()).unwrap();
            assert!(s.sizes.is_empty());
        }
    }

    #[test]
    fn a_cancelled_control_stops_before_work() {
        let flag = std::sync::atomic::AtomicBool::new(true);
        let control = Control::new(Some(&flag), None);
        assert_eq!(
            sizes(&star(false), SizeMeasure::Betweenness, &control),
            Err(JobError::Cancelled)
        );
    }

    #[test]
    fn scaling_edge_cases() {
        assert_eq!(scale_to_unit(&[]), Vec::<f32>::new());
        assert_eq!(scale_to_unit(&[f64::NAN, 2.0, -1.0]), vec![0.0, 1.0, 0.0]);
        assert_eq!(scale_to_unit(&[5.0]), vec![1.0]);
    }
}
