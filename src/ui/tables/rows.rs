//! Actors and ties as the tables sort and filter them.

use super::*;

/// An actor as the table sorts and filters it.
#[derive(Clone, Debug)]
pub(super) struct ActorRow {
    pub(super) id: ActorId,
    pub(super) name: String,
    pub(super) sector: String,
    pub(super) organisation: String,
    pub(super) role: String,
    pub(super) stance: Stance,
    pub(super) influence: Option<u8>,
    pub(super) ties: usize,
    /// The value of the measure chosen in "Size by", if worked out.
    pub(super) measure: Option<f64>,
    pub(super) haystack: String,
}

impl ActorRow {
    /// A row per actor, in map order, with each actor's value of
    /// `measure` if given. O(actors + ties).
    pub(super) fn build(
        network: &Network,
        measure: Option<&HashMap<ActorId, f64>>,
    ) -> Vec<ActorRow> {
        let mut degree: HashMap<&ActorId, usize> = HashMap::new();
        for t in network.ties() {
            *degree.entry(t.from()).or_default() += 1;
            if t.to() != t.from() {
                *degree.entry(t.to()).or_default() += 1;
            }
        }
        network
            .actors()
            .iter()
            .map(|a| {
                let name = a.name.to_lowercase();
                let sector = a.sector.to_lowercase();
                let organisation = a.organisation.to_lowercase();
                let role = a.role.to_lowercase();
                let influence = a.influence.map(|i| i.to_string()).unwrap_or_default();
                let haystack = [
                    name.as_str(),
                    &sector,
                    &organisation,
                    &role,
                    &enum_label(&a.stance),
                    &influence,
                ]
                .join("\u{1f}");
                ActorRow {
                    id: a.id().clone(),
                    name,
                    sector,
                    organisation,
                    role,
                    stance: a.stance,
                    influence: a.influence,
                    ties: degree.get(a.id()).copied().unwrap_or(0),
                    measure: measure.and_then(|m| m.get(a.id()).copied()),
                    haystack,
                }
            })
            .collect()
    }
}

impl Row for ActorRow {
    type Column = ActorColumn;
    type Id = ActorId;

    fn id(&self) -> &ActorId {
        &self.id
    }

    fn haystack(&self) -> &str {
        &self.haystack
    }

    fn compare(&self, other: &Self, column: ActorColumn) -> Ordering {
        match column {
            ActorColumn::Name => self.name.cmp(&other.name),
            ActorColumn::Sector => self.sector.cmp(&other.sector),
            ActorColumn::Organisation => self.organisation.cmp(&other.organisation),
            ActorColumn::Role => self.role.cmp(&other.role),
            ActorColumn::Stance => self.stance.cmp(&other.stance),
            ActorColumn::Influence => self.influence.cmp(&other.influence),
            ActorColumn::Ties => self.ties.cmp(&other.ties),
            ActorColumn::Measure => match (self.measure, other.measure) {
                (Some(a), Some(b)) => a.total_cmp(&b),
                (a, b) => a.is_some().cmp(&b.is_some()),
            },
        }
    }

    fn is_blank(&self, column: ActorColumn) -> bool {
        match column {
            ActorColumn::Name => self.name.trim().is_empty(),
            ActorColumn::Sector => self.sector.is_empty(),
            ActorColumn::Organisation => self.organisation.trim().is_empty(),
            ActorColumn::Role => self.role.trim().is_empty(),
            ActorColumn::Stance => self.stance == Stance::Unknown,
            ActorColumn::Influence => self.influence.is_none(),
            ActorColumn::Ties => false,
            ActorColumn::Measure => self.measure.is_none(),
        }
    }
}

/// A tie as the table sorts and filters it.
#[derive(Clone, Debug)]
pub(super) struct TieRow {
    pub(super) id: TieId,
    pub(super) from: String,
    pub(super) to: String,
    pub(super) kind: String,
    pub(super) strength: f64,
    pub(super) directed: bool,
    pub(super) haystack: String,
}

impl TieRow {
    /// A row per tie, in map order. O(ties).
    pub(super) fn build(network: &Network) -> Vec<TieRow> {
        let name = |id: &ActorId| {
            network
                .actor(id)
                .map(|a| a.name.to_lowercase())
                .unwrap_or_default()
        };
        network
            .ties()
            .iter()
            .map(|t| {
                let (from, to, kind) = (name(t.from()), name(t.to()), t.kind.to_lowercase());
                let haystack = [
                    from.as_str(),
                    &to,
                    &kind,
                    &t.strength.to_string(),
                    if t.directed { "directed" } else { "mutual" },
                ]
                .join("\u{1f}");
                TieRow {
                    id: t.id().clone(),
                    from,
                    to,
                    kind,
                    strength: t.strength,
                    directed: t.directed,
                    haystack,
                }
            })
            .collect()
    }
}

impl Row for TieRow {
    type Column = TieColumn;
    type Id = TieId;

    fn id(&self) -> &TieId {
        &self.id
    }

    fn haystack(&self) -> &str {
        &self.haystack
    }

    fn compare(&self, other: &Self, column: TieColumn) -> Ordering {
        match column {
            TieColumn::From => self.from.cmp(&other.from),
            TieColumn::To => self.to.cmp(&other.to),
            TieColumn::Kind => self.kind.cmp(&other.kind),
            TieColumn::Strength => self.strength.total_cmp(&other.strength),
            TieColumn::Directed => self.directed.cmp(&other.directed),
        }
    }

    fn is_blank(&self, column: TieColumn) -> bool {
        match column {
            TieColumn::From => self.from.trim().is_empty(),
            TieColumn::To => self.to.trim().is_empty(),
            _ => false,
        }
    }
}
