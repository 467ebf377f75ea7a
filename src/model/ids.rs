//! Stable identifiers for actors and ties.
//!
//! Ids are strings so that ids from imported files (`"gp_okafor"`, `"17"`)
//! survive a round trip unchanged. They never change when a map is saved,
//! loaded, edited or undone; petgraph or vector indices never leave `model/`.
//!
//! An id of up to 24 bytes is held inline, with no allocation of its own
//! ([`CompactString`]): a tie holds three (its own and its ends') and the
//! map's index a fourth, so a map of many ties takes about 130 bytes less
//! a tie than with `String`.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(CompactString);

        impl $name {
            /// Wraps a string as an id. Validation (non-empty, unique) is the
            /// network's job, see [`crate::model::Network::validate`].
            pub fn new(id: impl Into<String>) -> Self {
                Self(CompactString::from(id.into()))
            }

            /// The id as written in files.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(CompactString::from(s))
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(CompactString::from(s))
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
