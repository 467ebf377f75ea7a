//! Hidden influencers: actors whose place in the network is far above what
//! their formal position predicts — and senior people who are peripheral.
//!
//! # Definition
//! * Network standing s(v) ∈ [0, 1]: the mean of v's percentile ranks
//!   ([`percentile_ranks`]) in degree, betweenness and harmonic centrality.
//! * Expected standing: the least-squares line s ≈ a + b·p over the actors
//!   with a formal position p (1 frontline … 5 board); residual
//!   r(v) = s(v) − (a + b·p(v)), standardised by the residuals' standard
//!   deviation into z(v).
//! * **Hidden influencer**: position ≤ 3, z ≥ 1 and s ≥ 0.6 (junior on the
//!   org chart, clearly above the line and in the upper part of the map). **Peripheral senior**: position ≥ 4 and
//!   z ≤ −1 and s ≤ 0.4.
//! * Needs at least 4 actors with a position and some spread in both
//!   positions and standing; otherwise both lists are empty and
//!   [`HiddenInfluence::note`] says why.
//!
//! # Complexity
//! O(n log n) given the centralities.
//!
//! # Example
//! ```
//! use bridgework::analysis::hidden_influencers;
//! // Five actors: positions 1..5; the frontline one (node 0) is the most central.
//! let positions = [Some(1), Some(2), Some(3), Some(4), Some(5)];
//! let degree = [9.0, 1.0, 2.0, 3.0, 4.0];
//! let betweenness = [0.9, 0.0, 0.1, 0.2, 0.3];
//! let harmonic = [5.0, 1.0, 2.0, 3.0, 4.0];
//! let h = hidden_influencers(&positions, &degree, &betweenness, &harmonic);
//! assert_eq!(h.hidden.len(), 1);
//! assert_eq!(h.hidden[0].node, 0);
//! ```

use super::rank::percentile_ranks;

/// One actor singled out, with the numbers behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    /// Node index.
    pub node: usize,
    /// Formal position, 1–5.
    pub position: u8,
    /// Network standing, 0–1.
    pub standing: f64,
    /// Standing the position predicts.
    pub expected: f64,
    /// Standardised residual.
    pub z: f64,
}

/// The result of [`hidden_influencers`].
#[derive(Clone, Debug, PartialEq)]
pub struct HiddenInfluence {
    /// Network standing of every node (NaN-free, 0–1).
    pub standing: Vec<f64>,
    /// Hidden influencers, most surprising first.
    pub hidden: Vec<Standing>,
    /// Senior people on the periphery, most surprising first.
    pub peripheral_seniors: Vec<Standing>,
    /// Intercept and slope of standing on position, if fitted.
    pub fit: Option<(f64, f64)>,
    /// Why the lists are empty, when they are for lack of data.
    pub note: Option<String>,
}

/// Hidden influencers and peripheral seniors; see the module docs. All
/// slices are indexed by node and must have the same length.
pub fn hidden_influencers(
    positions: &[Option<u8>],
    degree: &[f64],
    betweenness: &[f64],
    harmonic: &[f64],
) -> HiddenInfluence {
    let n = positions.len();
    let ranks = [
        percentile_ranks(degree),
        percentile_ranks(betweenness),
        percentile_ranks(harmonic),
    ];
    let standing: Vec<f64> = (0..n)
        .map(|v| {
            ranks
                .iter()
                .map(|r| r.get(v).copied().unwrap_or(0.0))
                .sum::<f64>()
                / 3.0
        })
        .collect();
    let mut result = HiddenInfluence {
        standing,
        hidden: Vec::new(),
        peripheral_seniors: Vec::new(),
        fit: None,
        note: None,
    };
    let points: Vec<(usize, f64, f64)> = (0..n)
        .filter_map(|v| positions[v].map(|p| (v, f64::from(p), result.standing[v])))
        .collect();
    if points.len() < 4 {
        result.note = Some(format!(
            "only {} actor(s) have a formal position; record positions (1 frontline … 5 board) to find hidden influencers",
            points.len()
        ));
        return result;
    }
    let k = points.len() as f64;
    let mean_p = points.iter().map(|p| p.1).sum::<f64>() / k;
    let mean_s = points.iter().map(|p| p.2).sum::<f64>() / k;
    let var_p = points.iter().map(|p| (p.1 - mean_p).powi(2)).sum::<f64>();
    let cov = points
        .iter()
        .map(|p| (p.1 - mean_p) * (p.2 - mean_s))
        .sum::<f64>();
    let slope = if var_p > 0.0 { cov / var_p } else { 0.0 };
    let intercept = mean_s - slope * mean_p;
    result.fit = Some((intercept, slope));
    let residuals: Vec<f64> = points
        .iter()
        .map(|p| p.2 - (intercept + slope * p.1))
        .collect();
    let sd = (residuals.iter().map(|r| r * r).sum::<f64>() / (k - 1.0)).sqrt();
    if sd < 1e-9 {
        result.note =
            Some("everyone's network standing is what their position predicts".to_owned());
        return result;
    }
    for (&(v, p, s), r) in points.iter().zip(&residuals) {
        let entry = Standing {
            node: v,
            position: p as u8,
            standing: s,
            expected: intercept + slope * p,
            z: r / sd,
        };
        if p <= 3.0 && entry.z >= 1.0 && s >= 0.6 {
            result.hidden.push(entry);
        } else if p >= 4.0 && entry.z <= -1.0 && s <= 0.4 {
            result.peripheral_seniors.push(entry);
        }
    }
    result
        .hidden
        .sort_by(|a, b| b.z.total_cmp(&a.z).then(a.node.cmp(&b.node)));
    result
        .peripheral_seniors
        .sort_by(|a, b| a.z.total_cmp(&b.z).then(a.node.cmp(&b.node)));
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_few_positions_explains_itself() {
        let h = hidden_influencers(
            &[Some(1), None, Some(5)],
            &[1.0, 2.0, 3.0],
            &[0.0; 3],
            &[1.0, 2.0, 3.0],
        );
        assert!(h.hidden.is_empty() && h.peripheral_seniors.is_empty());
        assert!(
            h.note
                .unwrap()
                .contains("only 2 actor(s) have a formal position")
        );
    }

    #[test]
    fn a_peripheral_board_member_is_found() {
        // Positions rise with centrality except node 5 (board, isolated).
        let positions = [
            Some(1),
            Some(2),
            Some(3),
            Some(4),
            Some(5),
            Some(5),
            Some(2),
            Some(3),
        ];
        let degree = [1.0, 2.0, 3.0, 4.0, 5.0, 0.0, 2.0, 3.0];
        let h = hidden_influencers(&positions, &degree, &degree, &degree);
        assert_eq!(h.peripheral_seniors.first().map(|s| s.node), Some(5));
        assert!(h.hidden.iter().all(|s| s.node != 5));
    }
}
