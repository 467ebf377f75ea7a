//! The map model: actors, ties, sectors, tie kinds and the network that
//! holds them, plus the analysis view that turns a map into a simple graph.
//!
//! Must not depend on egui, rfd, or any other module of this crate: `io`,
//! `analysis`, `layout`, `edit` and the UI all build on this.

mod actor;
mod analysis_view;
#[cfg(test)]
pub(crate) mod arbitrary;
mod attributes;
mod field_set;
mod ids;
mod network;
mod pseudonymise;
mod sector;
mod style;
mod tie;
mod validate;

pub use actor::{Actor, ActorField, ActorKind, Profession, Stance, default_private_actor_fields};
pub use analysis_view::{AnalysisView, CsrRef, Direction, Edge, KindFilter, ViewOptions};
pub use attributes::Attributes;
pub use field_set::{Field, FieldSet, Fields};
pub use ids::{ActorId, TieId};
pub use network::{ListIndex, MAX_ACTORS, MAX_TIES, ModelError, Network, RemovedActor};
pub use pseudonymise::{KEPT_ATTRIBUTE, KeyEntry, Pseudonymised};
pub use sector::{Sector, TieKind, default_sectors, default_tie_kinds};
pub use style::{
    Colour, ColourParseError, Dash, GENERATED_LIGHTNESS, GREY, Lab, MIN_DELTA_E, OKABE_ITO,
    PALETTE, SELECTION, Shape, auto_style, generated_colours, sector_colour, sector_colours,
};
pub use tie::{MAX_STRENGTH, MIN_STRENGTH, Tie, TieField, default_private_tie_fields};
pub use validate::{ValidationIssue, did_you_mean};
