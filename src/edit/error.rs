//! The one error type of `edit`: why an edit was refused, naming the actor,
//! tie, sector or tie kind and what is wrong, in words the user can act on.

use crate::model::{ActorId, TieId};
use std::fmt;

/// Which of the map's two name lists an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NameList {
    /// The sector list ([`crate::model::Network::sectors`]); actors use it.
    Sectors,
    /// The tie-kind list ([`crate::model::Network::tie_kinds`]); ties use it.
    TieKinds,
}

impl NameList {
    /// What one entry of the list is called: `sector` or `tie kind`.
    pub fn entry(self) -> &'static str {
        match self {
            NameList::Sectors => "sector",
            NameList::TieKinds => "tie kind",
        }
    }

    /// What uses the list's names: `actors` or `ties`.
    pub fn users(self) -> &'static str {
        match self {
            NameList::Sectors => "actors",
            NameList::TieKinds => "ties",
        }
    }
}

impl fmt::Display for NameList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.entry())
    }
}

/// Why [`crate::edit::apply`] refused an edit. A refused edit has changed
/// nothing: the network is exactly as it was before the call.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The edit names an actor that is not on the map.
    #[error("no actor with id \"{0}\" on the map")]
    UnknownActor(ActorId),
    /// The edit adds an actor whose id is already taken.
    #[error("an actor with id \"{0}\" is already on the map")]
    DuplicateActor(ActorId),
    /// One edit lists the same actor twice.
    #[error("actor \"{0}\" is listed twice in one change")]
    RepeatedActor(ActorId),
    /// An actor's attribute breaks a rule of the map.
    #[error("actor \"{id}\", {field}: {problem}")]
    InvalidActor {
        /// The actor.
        id: ActorId,
        /// The field, as in files: `sector`, `influence`, `tags[2]`, `x`.
        field: String,
        /// What is wrong and what to do.
        problem: String,
    },
    /// The edit names a tie that is not on the map.
    #[error("no tie with id \"{0}\" on the map")]
    UnknownTie(TieId),
    /// The edit adds a tie whose id is already taken.
    #[error("a tie with id \"{0}\" is already on the map")]
    DuplicateTie(TieId),
    /// One edit lists the same tie twice.
    #[error("tie \"{0}\" is listed twice in one change")]
    RepeatedTie(TieId),
    /// A new tie names an actor that is not on the map.
    #[error("tie \"{tie}\" joins actor \"{actor}\", who is not on the map")]
    TieEndUnknown {
        /// The tie.
        tie: TieId,
        /// The missing actor.
        actor: ActorId,
    },
    /// An update would change which actors a tie joins.
    #[error("tie \"{0}\" cannot be moved to other actors; delete it and draw a new tie instead")]
    TieEndsChanged(TieId),
    /// A tie's attribute breaks a rule of the map.
    #[error("tie \"{id}\", {field}: {problem}")]
    InvalidTie {
        /// The tie.
        id: TieId,
        /// The field, as in files: `kind`, `strength`.
        field: String,
        /// What is wrong and what to do.
        problem: String,
    },
    /// An actor or tie id is empty.
    #[error("an id must not be empty")]
    EmptyId,
    /// The edit names a sector or tie kind the map does not have.
    #[error("no {list} named \"{name}\" on the map")]
    UnknownName {
        /// Sectors or tie kinds.
        list: NameList,
        /// The name.
        name: String,
    },
    /// A rename would give a sector or tie kind a name already in use.
    #[error("a {list} named \"{name}\" already exists; choose another name")]
    NameTaken {
        /// Sectors or tie kinds.
        list: NameList,
        /// The name.
        name: String,
    },
    /// A sector or tie kind that actors or ties use cannot simply go.
    #[error(
        "{count} {users} use {list} \"{name}\"; choose a {list} to move them to",
        users = list.users()
    )]
    NameInUse {
        /// Sectors or tie kinds.
        list: NameList,
        /// The name.
        name: String,
        /// How many actors (sectors) or ties (tie kinds) use it.
        count: usize,
    },
    /// A sector or tie-kind name breaks a rule (blank, spaces at either
    /// end, listed twice).
    #[error("{list} \"{name}\": {problem}")]
    InvalidName {
        /// Sectors or tie kinds.
        list: NameList,
        /// The name.
        name: String,
        /// What is wrong and what to do.
        problem: String,
    },
    /// A sector or tie kind cannot be removed in favour of itself.
    #[error("{list} \"{name}\" cannot take over its own {users}; choose another {list}", users = list.users())]
    ReassignToSame {
        /// Sectors or tie kinds.
        list: NameList,
        /// The name.
        name: String,
    },
}
