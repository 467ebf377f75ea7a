//! Stable identifiers for actors and ties.
//!
//! Ids are strings so that ids from imported files (`"gp_okafor"`, `"17"`)
//! survive a round trip unchanged. They never change when a map is saved,
//! loaded, edited or undone; petgraph or vector indices never leave `model/`.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a string as an id. Validation (non-empty, unique) is the
            /// network's job, see [`crate::model::Network::validate`].
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as written in files.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
    };
}

string_id!(
    /// The stable id of an [`crate::model::Actor`].
    ActorId
);
string_id!(
    /// The stable id of a [`crate::model::Tie`].
    TieId
);
