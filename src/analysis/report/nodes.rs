//! The node measures of a report: one column (a value per node) per
//! reference key, grouped by the measure that makes them, written out as
//! one object per actor id with the keys in report order.

use super::super::brokerage::RoleCounts;
use serde::ser::{Serialize, SerializeMap, Serializer};

/// Brokerage role counts as the report writes them (with their total).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Roles {
    /// g(a) = g(v) = g(c).
    pub coordinator: u64,
    /// g(a) = g(c) ≠ g(v).
    pub itinerant: u64,
    /// g(a) = g(v) ≠ g(c).
    pub representative: u64,
    /// g(v) = g(c) ≠ g(a).
    pub gatekeeper: u64,
    /// All different.
    pub liaison: u64,
    /// The sum of the five.
    pub total: u64,
}

impl From<&RoleCounts> for Roles {
    fn from(r: &RoleCounts) -> Self {
        Self {
            coordinator: r.coordinator,
            itinerant: r.itinerant,
            representative: r.representative,
            gatekeeper: r.gatekeeper,
            liaison: r.liaison,
            total: r.total(),
        }
    }
}

/// `degree`, `strength`, `degree_centrality` (and the in/out ones when the
/// view is directed).
#[derive(Clone, Debug, PartialEq)]
pub struct DegreeColumns {
    /// Distinct neighbours.
    pub degree: Vec<usize>,
    /// Summed strength.
    pub strength: Vec<f64>,
    /// Degree / (n − 1).
    pub degree_centrality: Vec<f64>,
    /// In a directed view: the in- and out- versions.
    pub directed: Option<DirectedDegreeColumns>,
}

/// The in- and out-degree columns of a directed view.
#[derive(Clone, Debug, PartialEq)]
pub struct DirectedDegreeColumns {
    /// `in_degree`.
    pub in_degree: Vec<usize>,
    /// `out_degree`.
    pub out_degree: Vec<usize>,
    /// `in_strength`.
    pub in_strength: Vec<f64>,
    /// `out_strength`.
    pub out_strength: Vec<f64>,
    /// `in_degree_centrality`.
    pub in_degree_centrality: Vec<f64>,
    /// `out_degree_centrality`.
    pub out_degree_centrality: Vec<f64>,
}

/// `betweenness` (hops) and `betweenness_weighted` (the report's path
/// length), normalised and raw.
#[derive(Clone, Debug, PartialEq)]
pub struct BetweennessColumns {
    /// `betweenness`.
    pub betweenness: Vec<f64>,
    /// `betweenness_raw`.
    pub betweenness_raw: Vec<f64>,
    /// `betweenness_weighted`.
    pub betweenness_weighted: Vec<f64>,
    /// `betweenness_weighted_raw`.
    pub betweenness_weighted_raw: Vec<f64>,
}

/// Closeness and harmonic centrality, in hops and weighted.
#[derive(Clone, Debug, PartialEq)]
pub struct ClosenessColumns {
    /// `closeness`.
    pub closeness: Vec<f64>,
    /// `harmonic`.
    pub harmonic: Vec<f64>,
    /// `closeness_weighted`.
    pub closeness_weighted: Vec<f64>,
    /// `harmonic_weighted`.
    pub harmonic_weighted: Vec<f64>,
}

/// Eigenvector centrality; `None` where undefined (a disconnected map).
#[derive(Clone, Debug, PartialEq)]
pub struct EigenvectorColumns {
    /// `eigenvector`.
    pub eigenvector: Vec<Option<f64>>,
    /// `eigenvector_weighted`.
    pub eigenvector_weighted: Vec<Option<f64>>,
}

/// PageRank (damping 0.85), weighted by strength and not.
#[derive(Clone, Debug, PartialEq)]
pub struct PagerankColumns {
    /// `pagerank`.
    pub pagerank: Vec<f64>,
    /// `pagerank_unweighted`.
    pub pagerank_unweighted: Vec<f64>,
}

/// Local clustering.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusteringColumns {
    /// `clustering`.
    pub clustering: Vec<f64>,
    /// `clustering_undirected` (directed views only).
    pub clustering_undirected: Option<Vec<f64>>,
}

/// Burt's measures; `None` for isolates.
#[derive(Clone, Debug, PartialEq)]
pub struct StructuralHolesColumns {
    /// `constraint`.
    pub constraint: Vec<Option<f64>>,
    /// `constraint_weighted`.
    pub constraint_weighted: Vec<Option<f64>>,
    /// `effective_size`.
    pub effective_size: Vec<Option<f64>>,
    /// `effective_size_weighted` (networkx 3.6.1's vectorised path, as the
    /// reference).
    pub effective_size_weighted: Vec<Option<f64>>,
    /// `effective_size_weighted_burt` (Burt's definition).
    pub effective_size_weighted_burt: Vec<Option<f64>>,
    /// `efficiency`.
    pub efficiency: Vec<Option<f64>>,
}

/// The E-I index of every node.
#[derive(Clone, Debug, PartialEq)]
pub struct EiColumns {
    /// `ei_index` (all ties).
    pub ei_index: Vec<Option<f64>>,
    /// `ei_external`.
    pub ei_external: Vec<u64>,
    /// `ei_internal`.
    pub ei_internal: Vec<u64>,
    /// `ei_index_out`: out-ties only (directed views only).
    pub ei_index_out: Option<Vec<Option<f64>>>,
    /// `ei_index_in`: in-ties only (directed views only).
    pub ei_index_in: Option<Vec<Option<f64>>>,
}

/// Every node measure of a report, column by column; a section is `None`
/// when its measure was not asked for. Written out as `{id: {key: value}}`
/// in node order, with each node's keys in report order (non-finite
/// numbers and undefined values as `null`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeMeasures {
    /// The actor id of each node.
    pub ids: Vec<String>,
    /// Degree and strength.
    pub degree: Option<DegreeColumns>,
    /// Betweenness.
    pub betweenness: Option<BetweennessColumns>,
    /// Closeness and harmonic.
    pub closeness: Option<ClosenessColumns>,
    /// Eigenvector.
    pub eigenvector: Option<EigenvectorColumns>,
    /// PageRank.
    pub pagerank: Option<PagerankColumns>,
    /// Clustering.
    pub clustering: Option<ClusteringColumns>,
    /// `reach_2step`: the share of others within two steps.
    pub reach_2step: Option<Vec<f64>>,
    /// Constraint, effective size, efficiency.
    pub structural_holes: Option<StructuralHolesColumns>,
    /// `brokerage`: Gould–Fernandez role counts.
    pub brokerage: Option<Vec<Roles>>,
    /// E-I index.
    pub ei: Option<EiColumns>,
    /// `community`: the Louvain community of each node.
    pub community: Option<Vec<usize>>,
    /// `network_standing`: the mean percentile of degree, betweenness and
    /// harmonic closeness.
    pub network_standing: Option<Vec<f64>>,
}

/// One node's values, keys in report order; absent keys are skipped.
#[derive(serde::Serialize)]
struct NodeRow<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    degree: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    strength: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    degree_centrality: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_degree: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    out_degree: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_strength: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    out_strength: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    in_degree_centrality: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    out_degree_centrality: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    betweenness: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    betweenness_raw: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    betweenness_weighted: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    betweenness_weighted_raw: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closeness: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    harmonic: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closeness_weighted: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    harmonic_weighted: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eigenvector: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    eigenvector_weighted: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagerank: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pagerank_unweighted: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clustering: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    clustering_undirected: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reach_2step: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraint: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    constraint_weighted: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective_size: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective_size_weighted: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    effective_size_weighted_burt: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    efficiency: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    brokerage: Option<&'a Roles>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ei_index: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ei_external: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ei_internal: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ei_index_out: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ei_index_in: Option<Option<f64>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    community: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    network_standing: Option<f64>,
}

/// Node `v`'s entry of a column, if the column is there.
fn at<T: Copy>(column: Option<&Vec<T>>, v: usize) -> Option<T> {
    column.and_then(|c| c.get(v).copied())
}

impl NodeMeasures {
    /// Node `v`'s values as one row.
    fn row(&self, v: usize) -> NodeRow<'_> {
        let d = self.degree.as_ref();
        let dd = d.and_then(|d| d.directed.as_ref());
        let b = self.betweenness.as_ref();
        let c = self.closeness.as_ref();
        let e = self.eigenvector.as_ref();
        let p = self.pagerank.as_ref();
        let cl = self.clustering.as_ref();
        let sh = self.structural_holes.as_ref();
        let ei = self.ei.as_ref();
        NodeRow {
            degree: at(d.map(|d| &d.degree), v),
            strength: at(d.map(|d| &d.strength), v),
            degree_centrality: at(d.map(|d| &d.degree_centrality), v),
            in_degree: at(dd.map(|d| &d.in_degree), v),
            out_degree: at(dd.map(|d| &d.out_degree), v),
            in_strength: at(dd.map(|d| &d.in_strength), v),
            out_strength: at(dd.map(|d| &d.out_strength), v),
            in_degree_centrality: at(dd.map(|d| &d.in_degree_centrality), v),
            out_degree_centrality: at(dd.map(|d| &d.out_degree_centrality), v),
            betweenness: at(b.map(|b| &b.betweenness), v),
            betweenness_raw: at(b.map(|b| &b.betweenness_raw), v),
            betweenness_weighted: at(b.map(|b| &b.betweenness_weighted), v),
            betweenness_weighted_raw: at(b.map(|b| &b.betweenness_weighted_raw), v),
            closeness: at(c.map(|c| &c.closeness), v),
            harmonic: at(c.map(|c| &c.harmonic), v),
            closeness_weighted: at(c.map(|c| &c.closeness_weighted), v),
            harmonic_weighted: at(c.map(|c| &c.harmonic_weighted), v),
            eigenvector: at(e.map(|e| &e.eigenvector), v),
            eigenvector_weighted: at(e.map(|e| &e.eigenvector_weighted), v),
            pagerank: at(p.map(|p| &p.pagerank), v),
            pagerank_unweighted: at(p.map(|p| &p.pagerank_unweighted), v),
            clustering: at(cl.map(|c| &c.clustering), v),
            clustering_undirected: at(cl.and_then(|c| c.clustering_undirected.as_ref()), v),
            reach_2step: at(self.reach_2step.as_ref(), v),
            constraint: at(sh.map(|s| &s.constraint), v),
            constraint_weighted: at(sh.map(|s| &s.constraint_weighted), v),
            effective_size: at(sh.map(|s| &s.effective_size), v),
            effective_size_weighted: at(sh.map(|s| &s.effective_size_weighted), v),
            effective_size_weighted_burt: at(sh.map(|s| &s.effective_size_weighted_burt), v),
            efficiency: at(sh.map(|s| &s.efficiency), v),
            brokerage: self.brokerage.as_ref().and_then(|b| b.get(v)),
            ei_index: at(ei.map(|e| &e.ei_index), v),
            ei_external: at(ei.map(|e| &e.ei_external), v),
            ei_internal: at(ei.map(|e| &e.ei_internal), v),
            ei_index_out: at(ei.and_then(|e| e.ei_index_out.as_ref()), v),
            ei_index_in: at(ei.and_then(|e| e.ei_index_in.as_ref()), v),
            community: at(self.community.as_ref(), v),
            network_standing: at(self.network_standing.as_ref(), v),
        }
    }
}

impl Serialize for NodeMeasures {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.ids.len()))?;
        for (v, id) in self.ids.iter().enumerate() {
            map.serialize_entry(id, &self.row(v))?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn non_finite_and_undefined_values_are_null_and_absent_sections_left_out() {
        let nodes = NodeMeasures {
            ids: vec!["a".into(), "b".into()],
            reach_2step: Some(vec![f64::NAN, 0.5]),
            eigenvector: Some(EigenvectorColumns {
                eigenvector: vec![None, Some(f64::INFINITY)],
                eigenvector_weighted: vec![Some(1.0), None],
            }),
            ..NodeMeasures::default()
        };
        let text = serde_json::to_string(&nodes).unwrap();
        assert_eq!(
            text,
            r#"{"a":{"eigenvector":null,"eigenvector_weighted":1.0,"reach_2step":null},"b":{"eigenvector":null,"eigenvector_weighted":null,"reach_2step":0.5}}"#
        );
        // The same through a JSON value.
        assert_eq!(
            serde_json::to_string(&serde_json::to_value(&nodes).unwrap()).unwrap(),
            text
        );
    }
}
