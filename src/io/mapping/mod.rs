//! The mapping step: which field of an imported file becomes an actor's
//! name, sector, kind, organisation and role, and a tie's strength,
//! direction and kind.
//!
//! Every reader turns its file into actors and ties through
//! [`MapBuilder`](super::builder::MapBuilder), deciding on its own which
//! source field is which built-in field (a `Sector` column is the sector,
//! Kumu's `Type` is the sector unless there is one, ...). The mapping step
//! sits in the builder, so it works the same for every format:
//!
//! * **Source fields** are what the reader found for each actor or tie: the
//!   built-in fields it filled, named as the file names them (a column's
//!   header, Kumu's `Type`, else the built-in name such as `label`), and
//!   every other field, kept as an attribute. [`FieldInventory`] lists
//!   them with how many actors (ties) have a value and a few samples.
//! * An [`Assignment`] says, for some [`FieldRole`]s, which source field
//!   that role takes its value from, or that it takes none. A role not in
//!   the assignment keeps what the reader made of the file. A source field
//!   that loses its role is kept as an attribute under its own name, so
//!   nothing is dropped.
//! * A value that does not fit its role is reported at the row or line it
//!   came from (a strength that is not a number); an actor kind that is not
//!   one of Bridgework's kinds leaves the actor a person and is counted in
//!   one warning. When a sector field is chosen, actors with a blank value
//!   go to "unassigned" (announced) rather than failing the import.
//! * [`guess`] proposes a field for each role the reader left empty, from
//!   common column names ("Type", "Category", "Department" → sector;
//!   "Employer", "Organization" → organisation; ...).
//! * [`ImportPlan`] is what the app's preview shows and the CLI's `--map`
//!   options choose: the file's fields, the assignment in force, and the
//!   map that assignment gives (with every warning), re-made whenever the
//!   assignment changes. Nothing outside the plan changes until the caller
//!   takes its map.
//!
//! Depends on `model` and the rest of `io` only; never on egui.

mod guess;
mod inventory;
mod plan;
mod remap;
#[cfg(test)]
mod tests;

pub use guess::guess;
pub use inventory::{FieldInventory, FieldSink, SourceField};
pub use plan::{ImportPlan, Loader, Opened, Reread, plan_or_load};
pub use remap::Entry;
pub(crate) use remap::{
    ACTOR_SOURCES, KindMisses, TIE_SOURCES, actor_entries, apply_actor, apply_tie, tie_entries,
};

use std::collections::BTreeMap;

/// A built-in field that an imported source field can become.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldRole {
    /// The actor's name (shown on the map).
    Name,
    /// The actor's sector (its colour and group).
    Sector,
    /// The actor's kind: person, organisation, team, patient voice, other.
    Kind,
    /// The actor's organisation.
    Organisation,
    /// The actor's role or job title.
    Role,
    /// A tie's strength (a number; 1 when not given).
    Strength,
    /// Whether a tie is directed (yes/no, true/false, directed/undirected,
    /// mutual).
    Direction,
    /// A tie's kind (collaboration, advice, reports to, ...).
    TieKind,
}

impl FieldRole {
    /// Every role, actors' first, in the order the preview lists them.
    pub const ALL: [FieldRole; 8] = [
        FieldRole::Name,
        FieldRole::Sector,
        FieldRole::Kind,
        FieldRole::Organisation,
        FieldRole::Role,
        FieldRole::Strength,
        FieldRole::Direction,
        FieldRole::TieKind,
    ];

    /// Whether the role is a tie's field (else an actor's).
    pub fn is_tie(self) -> bool {
        matches!(
            self,
            FieldRole::Strength | FieldRole::Direction | FieldRole::TieKind
        )
    }

    /// The built-in column it fills, as in [`super::fields::ACTOR_COLUMNS`]
    /// and [`super::fields::TIE_COLUMNS`].
    pub fn column(self) -> &'static str {
        match self {
            FieldRole::Name => "label",
            FieldRole::Sector => "sector",
            FieldRole::Kind | FieldRole::TieKind => "kind",
            FieldRole::Organisation => "organisation",
            FieldRole::Role => "role",
            FieldRole::Strength => "weight",
            FieldRole::Direction => "directed",
        }
    }

    /// Its name for people and on the command line (`--map sector=Type`).
    pub fn label(self) -> &'static str {
        match self {
            FieldRole::Name => "name",
            FieldRole::Sector => "sector",
            FieldRole::Kind => "kind",
            FieldRole::Organisation => "organisation",
            FieldRole::Role => "role",
            FieldRole::Strength => "strength",
            FieldRole::Direction => "direction",
            FieldRole::TieKind => "tie-kind",
        }
    }

    /// The role a word names (case ignored; `organization`, `label`,
    /// `weight`, `directed`, `tie kind` accepted too).
    pub fn parse(word: &str) -> Option<FieldRole> {
        let w = word.trim().to_lowercase().replace(['_', ' '], "-");
        Some(match w.as_str() {
            "name" | "label" => FieldRole::Name,
            "sector" => FieldRole::Sector,
            "kind" | "actor-kind" => FieldRole::Kind,
            "organisation" | "organization" | "org" => FieldRole::Organisation,
            "role" | "job-title" => FieldRole::Role,
            "strength" | "weight" => FieldRole::Strength,
            "direction" | "directed" => FieldRole::Direction,
            "tie-kind" | "connection-type" => FieldRole::TieKind,
            _ => return None,
        })
    }
}

/// Which source field some roles take their value from. A role not in
/// `choices` keeps what the reader made of the file; `Some(None)` means the
/// role takes no field (names then default to ids, sectors to
/// "unassigned", strengths to 1, ties are undirected).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assignment {
    /// Role → the source field's name (as [`SourceField::name`], case
    /// ignored), or `None` for no field.
    pub choices: BTreeMap<FieldRole, Option<String>>,
}

impl Assignment {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.choices.is_empty()
    }

    /// Whether it changes any actor role (`ties == false`) or tie role.
    pub fn touches(&self, ties: bool) -> bool {
        self.choices.keys().any(|r| r.is_tie() == ties)
    }

    /// Chooses `field` (or none) for `role`.
    pub fn set(&mut self, role: FieldRole, field: Option<String>) {
        self.choices.insert(role, field);
    }

    /// Parses `ROLE=FIELD` (an empty FIELD: the role takes no field), as
    /// the command line's `--map` gives it.
    pub fn parse_choice(text: &str) -> Result<(FieldRole, Option<String>), String> {
        let Some((role, field)) = text.split_once('=') else {
            return Err(format!(
                "--map {text}: write ROLE=FIELD, e.g. --map sector=Type (roles: {})",
                role_list()
            ));
        };
        let Some(role) = FieldRole::parse(role) else {
            return Err(format!(
                "--map {text}: \"{}\" is not a role; the roles are {}",
                role.trim(),
                role_list()
            ));
        };
        let field = field.trim();
        Ok((role, (!field.is_empty()).then(|| field.to_owned())))
    }
}

/// `name, sector, ...` for messages.
fn role_list() -> String {
    FieldRole::ALL
        .iter()
        .map(|r| r.label())
        .collect::<Vec<_>>()
        .join(", ")
}
