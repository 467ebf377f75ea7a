//! Actors: the people, organisations, teams and patient/carer voices on a map.

use super::attributes::Attributes;
use super::field_set::{Field, FieldSet};
use super::ids::ActorId;
use serde::{Deserialize, Serialize};

/// What sort of actor this is.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// A named individual.
    #[default]
    Person,
    /// An organisation (a trust, a practice, a council, a charity).
    Organisation,
    /// A team or a network (a crisis team, a primary care network).
    Team,
    /// A patient or carer voice: a representative, a forum, a carers' group.
    PatientVoice,
    /// Anything else.
    Other,
}

impl ActorKind {
    /// Every kind, in display order.
    pub const ALL: [ActorKind; 5] = [
        ActorKind::Person,
        ActorKind::Organisation,
        ActorKind::Team,
        ActorKind::PatientVoice,
        ActorKind::Other,
    ];
}

/// An actor's profession, where one applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profession {
    /// Medical doctor (GP, consultant, trainee).
    Doctor,
    /// Nurse or midwife.
    Nurse,
    /// Allied health professional (physiotherapist, OT, dietitian, ...).
    Ahp,
    /// Pharmacist or pharmacy technician.
    Pharmacist,
    /// Manager or administrator.
    Manager,
    /// Social worker.
    SocialWorker,
    /// Commissioner.
    Commissioner,
    /// Any other profession.
    Other,
}

impl Profession {
    /// Every profession, in display order.
    pub const ALL: [Profession; 8] = [
        Profession::Doctor,
        Profession::Nurse,
        Profession::Ahp,
        Profession::Pharmacist,
        Profession::Manager,
        Profession::SocialWorker,
        Profession::Commissioner,
        Profession::Other,
    ];
}

/// An actor's stance toward the change the map is about.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    /// Actively drives the change.
    Champion,
    /// In favour.
    Supporter,
    /// Neither for nor against.
    Neutral,
    /// Doubtful.
    Sceptic,
    /// Against.
    Opposed,
    /// Not known yet.
    #[default]
    Unknown,
}

impl Stance {
    /// Every stance, from most to least willing, then unknown.
    pub const ALL: [Stance; 6] = [
        Stance::Champion,
        Stance::Supporter,
        Stance::Neutral,
        Stance::Sceptic,
        Stance::Opposed,
        Stance::Unknown,
    ];
}

/// The actor fields that can be marked private. A private field never
/// appears in projection mode or in a shared copy
/// ([`crate::model::Network::shareable_copy`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorField {
    /// [`Actor::organisation`].
    Organisation,
    /// [`Actor::role`].
    Role,
    /// [`Actor::profession`].
    Profession,
    /// [`Actor::formal_position`].
    FormalPosition,
    /// [`Actor::stance`].
    Stance,
    /// [`Actor::influence`].
    Influence,
    /// [`Actor::tags`].
    Tags,
    /// [`Actor::notes`].
    Notes,
    /// [`Actor::attributes`] (all of them).
    Attributes,
}

impl ActorField {
    /// Every field that can be private, in declaration order.
    pub const ALL: [ActorField; 9] = [
        ActorField::Organisation,
        ActorField::Role,
        ActorField::Profession,
        ActorField::FormalPosition,
        ActorField::Stance,
        ActorField::Influence,
        ActorField::Tags,
        ActorField::Notes,
        ActorField::Attributes,
    ];
}

impl Field for ActorField {
    const ALL: &'static [Self] = &ActorField::ALL;
}

/// The fields private by default: the judgements about a named person.
pub fn default_private_actor_fields() -> FieldSet<ActorField> {
    [ActorField::Stance, ActorField::Notes]
        .into_iter()
        .collect()
}

/// One actor on the map.
///
/// The id is fixed at creation ([`Actor::new`]) and cannot change, so that
/// the network's index and every reference to the actor stay valid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    id: ActorId,
    /// Display name.
    pub name: String,
    /// Person, organisation, team, patient/carer voice or other.
    #[serde(default)]
    pub kind: ActorKind,
    /// The name of a sector in the map's sector list.
    pub sector: String,
    /// The organisation the actor belongs to (free text, may be empty).
    #[serde(default)]
    pub organisation: String,
    /// Role or job title (free text, may be empty).
    #[serde(default)]
    pub role: String,
    /// Profession, if one applies.
    #[serde(default)]
    pub profession: Option<Profession>,
    /// Formal position, 1 (frontline) to 5 (board/executive), if known.
    #[serde(default)]
    pub formal_position: Option<u8>,
    /// Stance toward the change.
    #[serde(default)]
    pub stance: Stance,
    /// Perceived influence, 1 (little) to 5 (great), if judged.
    #[serde(default)]
    pub influence: Option<u8>,
    /// Free tags, in the user's order.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Free notes.
    #[serde(default)]
    pub notes: String,
    /// Canvas x position, if placed.
    #[serde(default)]
    pub x: Option<f64>,
    /// Canvas y position, if placed.
    #[serde(default)]
    pub y: Option<f64>,
    /// Whether layouts must leave this actor where it is.
    #[serde(default)]
    pub pinned: bool,
    /// Which fields are private. Defaults to stance and notes.
    #[serde(default = "default_private_actor_fields")]
    pub private: FieldSet<ActorField>,
    /// Further attributes, e.g. extra columns of an imported file.
    #[serde(default)]
    pub attributes: Attributes,
}

impl Actor {
    /// A new actor with the given id, name and sector; every other field
    /// takes its default (a person, stance unknown, stance and notes private).
    pub fn new(id: impl Into<ActorId>, name: impl Into<String>, sector: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            kind: ActorKind::default(),
            sector: sector.into(),
            organisation: String::new(),
            role: String::new(),
            profession: None,
            formal_position: None,
            stance: Stance::default(),
            influence: None,
            tags: Vec::new(),
            notes: String::new(),
            x: None,
            y: None,
            pinned: false,
            private: default_private_actor_fields(),
            attributes: Attributes::new(),
        }
    }

    /// The actor's stable id.
    pub fn id(&self) -> &ActorId {
        &self.id
    }

    /// This actor under id `id`, every other field the same: how a copy of
    /// an actor gets an id of its own (an actor's id is fixed at creation).
    pub fn with_id(self, id: impl Into<ActorId>) -> Actor {
        Actor {
            id: id.into(),
            ..self
        }
    }

    /// Whether `field` is marked private.
    pub fn is_private(&self, field: ActorField) -> bool {
        self.private.contains(&field)
    }

    /// A copy with every private field cleared to its "unknown" value and
    /// the privacy marks kept (so a reader sees that something was withheld).
    pub fn without_private_fields(&self) -> Actor {
        let mut a = self.clone();
        for field in &self.private {
            match field {
                ActorField::Organisation => a.organisation.clear(),
                ActorField::Role => a.role.clear(),
                ActorField::Profession => a.profession = None,
                ActorField::FormalPosition => a.formal_position = None,
                ActorField::Stance => a.stance = Stance::Unknown,
                ActorField::Influence => a.influence = None,
                ActorField::Tags => a.tags.clear(),
                ActorField::Notes => a.notes.clear(),
                ActorField::Attributes => a.attributes.clear(),
            }
        }
        a
    }
}
