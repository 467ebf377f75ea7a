//! Ties: who works with, refers to, commissions or reports to whom.

use super::attributes::Attributes;
use super::field_set::{Field, FieldSet};
use super::ids::{ActorId, TieId};
use serde::{Deserialize, Serialize};

/// The tie fields that can be marked private.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieField {
    /// [`Tie::notes`].
    Notes,
    /// [`Tie::attributes`] (all of them).
    Attributes,
}

impl TieField {
    /// Every field that can be private, in declaration order.
    pub const ALL: [TieField; 2] = [TieField::Notes, TieField::Attributes];
}

impl Field for TieField {
    const ALL: &'static [Self] = &TieField::ALL;
}

/// The tie fields private by default.
pub fn default_private_tie_fields() -> FieldSet<TieField> {
    [TieField::Notes].into_iter().collect()
}

fn default_strength() -> f64 {
    1.0
}

fn yes() -> bool {
    true
}

/// The smallest strength a map may hold. With strengths in
/// [`MIN_STRENGTH`]..=[`MAX_STRENGTH`], every sum, product and inverse the
/// measures take (strength, distance = 1/strength, eigenvector, modularity)
/// stays finite for any map Bridgework can open.
pub const MIN_STRENGTH: f64 = 1e-9;
/// The largest strength a map may hold (see [`MIN_STRENGTH`]).
pub const MAX_STRENGTH: f64 = 1e12;

/// One tie between two actors. Several ties (of different kinds, or even
/// the same kind) may join the same pair; the analysis view merges them.
///
/// Id and endpoints are fixed at creation; see [`Tie::new`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tie {
    id: TieId,
    from: ActorId,
    to: ActorId,
    /// The name of a kind in the map's tie-kind list.
    pub kind: String,
    /// `true`: from → to only (an arrow); `false`: mutual.
    #[serde(default)]
    pub directed: bool,
    /// Strength, a finite positive number: 1 (weak) to 5 (strong) when drawn
    /// in Bridgework; imported weights are kept as given, from
    /// [`MIN_STRENGTH`] to [`MAX_STRENGTH`]. Missing means 1.
    #[serde(default = "default_strength")]
    pub strength: f64,
    /// `true` if the tie has been confirmed, `false` if it is assumed.
    #[serde(default = "yes")]
    pub confirmed: bool,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Which fields are private. Defaults to the notes.
    #[serde(default = "default_private_tie_fields")]
    pub private: FieldSet<TieField>,
    /// Further attributes, e.g. extra columns of an imported file.
    #[serde(default)]
    pub attributes: Attributes,
}

impl Tie {
    /// A new confirmed tie of strength 1; notes private.
    pub fn new(
        id: impl Into<TieId>,
        from: impl Into<ActorId>,
        to: impl Into<ActorId>,
        kind: impl Into<String>,
        directed: bool,
    ) -> Self {
        Self {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            kind: kind.into(),
            directed,
            strength: 1.0,
            confirmed: true,
            notes: String::new(),
            private: default_private_tie_fields(),
            attributes: Attributes::new(),
        }
    }

    /// The tie's stable id.
    pub fn id(&self) -> &TieId {
        &self.id
    }

    /// The actor the tie starts from.
    pub fn from(&self) -> &ActorId {
        &self.from
    }

    /// The actor the tie goes to.
    pub fn to(&self) -> &ActorId {
        &self.to
    }

    /// The same tie under another id (its ends kept as they are).
    pub fn with_id(self, id: impl Into<TieId>) -> Tie {
        Tie {
            id: id.into(),
            ..self
        }
    }

    /// This tie under id `id` and between `from` and `to`, every other
    /// field the same: how a copy of a tie gets an id and ends of its own
    /// (a tie's id and ends are fixed at creation).
    pub fn with_ids(
        self,
        id: impl Into<TieId>,
        from: impl Into<ActorId>,
        to: impl Into<ActorId>,
    ) -> Tie {
        Tie {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            ..self
        }
    }

    /// Whether the tie joins `a` (either end).
    pub fn touches(&self, a: &ActorId) -> bool {
        &self.from == a || &self.to == a
    }

    /// A copy with every private field cleared, privacy marks kept.
    pub fn without_private_fields(&self) -> Tie {
        let mut t = self.clone();
        for field in &self.private {
            match field {
                TieField::Notes => t.notes.clear(),
                TieField::Attributes => t.attributes.clear(),
            }
        }
        t
    }
}
