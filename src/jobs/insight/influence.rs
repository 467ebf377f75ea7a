//! Influence: every centrality measure per actor (for the ranking chart
//! and its distribution), and formal position against network standing
//! (for the scatter), naming the hidden influencers and the senior but
//! peripheral with a sentence that explains each.

use crate::analysis::{
    Control, HiddenInfluence, PathLength, Standing, closeness, degrees, eigenvector,
    hidden_influencers, pagerank,
};
use crate::jobs::JobError;
use crate::model::{ActorId, AnalysisView, Network, ViewOptions};

/// A measure the ranking chart can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InfluenceMeasure {
    /// Distinct neighbours.
    Degree,
    /// Normalised betweenness, counting steps.
    Betweenness,
    /// Harmonic closeness, counting steps.
    Closeness,
    /// PageRank, weighted by strength.
    PageRank,
    /// Eigenvector centrality (a connected map only).
    Eigenvector,
    /// Network standing: the mean percentile of degree, betweenness and
    /// harmonic closeness.
    Standing,
}

impl InfluenceMeasure {
    /// Every measure, in menu order.
    pub const ALL: [InfluenceMeasure; 6] = [
        InfluenceMeasure::Degree,
        InfluenceMeasure::Betweenness,
        InfluenceMeasure::Closeness,
        InfluenceMeasure::PageRank,
        InfluenceMeasure::Eigenvector,
        InfluenceMeasure::Standing,
    ];

    /// Its name in menus and axes.
    pub fn label(self) -> &'static str {
        match self {
            InfluenceMeasure::Degree => "Degree",
            InfluenceMeasure::Betweenness => "Betweenness",
            InfluenceMeasure::Closeness => "Closeness (harmonic)",
            InfluenceMeasure::PageRank => "PageRank",
            InfluenceMeasure::Eigenvector => "Eigenvector",
            InfluenceMeasure::Standing => "Network standing",
        }
    }

    /// What it tells the user.
    pub fn meaning(self) -> &'static str {
        match self {
            InfluenceMeasure::Degree => "how many people someone deals with directly",
            InfluenceMeasure::Betweenness => {
                "how often someone sits on the shortest paths between others"
            }
            InfluenceMeasure::Closeness => "how near someone is to everyone else",
            InfluenceMeasure::PageRank => "influence that flows along ties from the influential",
            InfluenceMeasure::Eigenvector => "being tied to the well-connected",
            InfluenceMeasure::Standing => {
                "the mean percentile of degree, betweenness and closeness"
            }
        }
    }
}

/// One actor singled out by the scatter, with the sentence for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Standout {
    /// The actor.
    pub id: ActorId,
    /// The numbers behind it.
    pub standing: Standing,
    /// Why, in words.
    pub sentence: String,
}

/// What the influence panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct InfluenceInsight {
    /// The actor of each row of the value lists.
    pub ids: Vec<ActorId>,
    /// Values per measure, in the order of [`InfluenceMeasure::ALL`];
    /// `None` where the measure is undefined on this map (eigenvector on a
    /// map in several pieces).
    pub values: Vec<Option<Vec<f64>>>,
    /// Formal positions (1–5) of each actor, if recorded.
    pub positions: Vec<Option<u8>>,
    /// The standing analysis (fit line, lists, a note when data is short).
    pub hidden: HiddenInfluence,
    /// Hidden influencers, most surprising first.
    pub hidden_influencers: Vec<Standout>,
    /// Senior people on the periphery, most surprising first.
    pub peripheral_seniors: Vec<Standout>,
}

impl InfluenceInsight {
    /// The values of `m`, if defined.
    pub fn values_of(&self, m: InfluenceMeasure) -> Option<&[f64]> {
        let i = InfluenceMeasure::ALL.iter().position(|x| *x == m)?;
        self.values.get(i)?.as_deref()
    }
}

fn percent(x: f64) -> u32 {
    (x * 100.0).round().clamp(0.0, 100.0) as u32
}

/// Works out every measure and the standing scatter. O(nm) (betweenness
/// and closeness), cancellable.
pub fn influence_insight(
    network: &Network,
    view: &ViewOptions,
    control: &Control,
) -> Result<InfluenceInsight, JobError> {
    let view = AnalysisView::new(network, view);
    let n = view.node_count();
    let deg: Vec<f64> = degrees(&view).degree.iter().map(|&d| d as f64).collect();
    // Shared with the coalition's standing when both are worked out.
    let bt = super::shared::hops_betweenness(&view, control)?
        .normalised
        .clone();
    let harmonic = closeness(&view, PathLength::Hops, control)?.harmonic;
    control.check()?;
    let pr = pagerank(&view, 0.85, true);
    let ev = eigenvector(&view, false);
    let positions: Vec<Option<u8>> = (0..n)
        .map(|v| {
            view.id(v)
                .and_then(|i| network.actor(i))
                .and_then(|a| a.formal_position)
        })
        .collect();
    let hidden = hidden_influencers(&positions, &deg, &bt, &harmonic);
    let name = |v: usize| {
        view.id(v)
            .and_then(|i| network.actor(i))
            .map(|a| a.name.clone())
            .unwrap_or_default()
    };
    let standouts = |list: &[Standing], hidden_one: bool| -> Vec<Standout> {
        list.iter()
            .filter_map(|s| {
                let id = view.id(s.node)?.clone();
                let sentence = if hidden_one {
                    format!(
                        "{} is more central than their formal position ({} of 5) suggests: network standing in the {}th percentile, where their position predicts the {}th.",
                        name(s.node),
                        s.position,
                        percent(s.standing),
                        percent(s.expected)
                    )
                } else {
                    format!(
                        "{} is senior (position {} of 5) but on the edge of the network: standing in the {}th percentile, where their position predicts the {}th.",
                        name(s.node),
                        s.position,
                        percent(s.standing),
                        percent(s.expected)
                    )
                };
                Some(Standout {
                    id,
                    standing: s.clone(),
                    sentence,
                })
            })
            .collect()
    };
    let hidden_influencers = standouts(&hidden.hidden, true);
    let peripheral_seniors = standouts(&hidden.peripheral_seniors, false);
    let values = vec![
        Some(deg),
        Some(bt),
        Some(harmonic),
        Some(pr),
        ev,
        Some(hidden.standing.clone()),
    ];
    Ok(InfluenceInsight {
        ids: view.ids().to_vec(),
        values,
        positions,
        hidden,
        hidden_influencers,
        peripheral_seniors,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_measure_has_a_value_per_actor_and_standouts_have_sentences() {
        let net = crate::io::native::from_str(
            std::path::Path::new("sample.json"),
            include_str!("../../../sample_networks/diabetes_network.json"),
        )
        .unwrap();
        let i = influence_insight(&net, &ViewOptions::default(), &Control::none()).unwrap();
        assert_eq!(i.values.len(), InfluenceMeasure::ALL.len());
        for m in InfluenceMeasure::ALL {
            if let Some(v) = i.values_of(m) {
                assert_eq!(v.len(), net.actors().len(), "{m:?}");
            }
        }
        for s in i.hidden_influencers.iter().chain(&i.peripheral_seniors) {
            let name = &net.actor(&s.id).unwrap().name;
            assert!(s.sentence.starts_with(name.as_str()), "{}", s.sentence);
        }
    }
}
