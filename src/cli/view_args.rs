//! Options shared by the analysis commands: which ties count, direction,
//! how weights are read as path lengths, and what to group by.

use crate::analysis::PathLength;
use crate::model::{Direction, Network, ViewOptions};
use clap::{Args, ValueEnum};

/// How the map becomes the graph an analysis runs on.
#[derive(Debug, Clone, Args)]
pub struct ViewArgs {
    /// Count only these tie kinds (comma-separated names). Default: every
    /// kind marked "include in analysis" (all but conflict, by default).
    #[arg(long, value_name = "KIND,...", value_delimiter = ',')]
    pub ties: Vec<String>,
    /// How tie weights count as path lengths for the weighted path measures
    /// (betweenness_weighted, closeness_weighted, harmonic_weighted):
    /// strength (default; a strong tie is a short path: length 1/weight) or
    /// distance (the weight is the length, as networkx and igraph read it).
    #[arg(long, value_enum, default_value_t = WeightsArg::Strength)]
    pub weights: WeightsArg,
    /// Treat every tie as mutual, whatever the map says.
    #[arg(long)]
    pub undirected: bool,
    /// Group actors by this attribute for brokerage, E-I and silo gaps:
    /// sector (default), kind, organisation, profession, stance,
    /// formal_position, or any attribute name.
    #[arg(long, value_name = "ATTR", default_value = "sector")]
    pub group_by: String,
}

/// `--weights`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WeightsArg {
    /// Length = 1 / strength.
    Strength,
    /// Length = weight.
    Distance,
}

impl WeightsArg {
    /// The path-length rule for weighted path measures.
    pub fn path_length(self) -> PathLength {
        match self {
            WeightsArg::Strength => PathLength::InverseStrength,
            WeightsArg::Distance => PathLength::Distance,
        }
    }
}

impl ViewArgs {
    /// The checked view options for `network`; unknown tie kinds are an error
    /// that lists the map's kinds.
    pub fn options(&self, network: &Network, directed_flag: bool) -> Result<ViewOptions, String> {
        let kinds = if self.ties.is_empty() {
            None
        } else {
            let mut set = std::collections::BTreeSet::new();
            for k in &self.ties {
                let k = k.trim();
                if network.tie_kind(k).is_none() {
                    let known: Vec<&str> =
                        network.tie_kinds.iter().map(|t| t.name.as_str()).collect();
                    return Err(format!(
                        "--ties: the map has no tie kind \"{k}\"{}; its kinds are: {}",
                        crate::model::did_you_mean(k, known.iter().copied()),
                        known.join(", ")
                    ));
                }
                set.insert(k.to_owned());
            }
            Some(set)
        };
        let direction = if self.undirected {
            Direction::Undirected
        } else if directed_flag {
            Direction::Directed
        } else {
            Direction::Auto
        };
        Ok(ViewOptions { kinds, direction })
    }
}
