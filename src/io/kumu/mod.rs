//! Kumu JSON: blueprints (`elements`, `connections`, optional `loops`)
//! and Kumu's project backups, in and out.
//!
//! **Reading** (a `.json` file whose top level has `elements` or
//! `connections` and no `"format": "bridgework"`):
//!
//! * Elements: `id` (or a backup's `_id`) is the actor's id, else its
//!   `label`; `label` (or `name`) the name. Fields may stand at the top of
//!   the element or, as in backups, inside its `attributes` object; keys
//!   are matched ignoring case.
//! * `type` (or `element type`) is the **sector**, unless some element has
//!   a `sector` field: then `type` is the actor kind where it names one
//!   (person, organisation, team, patient voice, ...) and is kept as an
//!   attribute otherwise. The import preview lets the user choose.
//! * `tags` (an array, or text with `|` between values) are the tags;
//!   `description` is kept as the attribute `description`; any field named
//!   like a Bridgework column (`Organisation`, `Role`, `Influence`, ...)
//!   fills it; every other field is kept as an attribute (arrays joined
//!   with ` | `, numbers and true/false as written).
//! * Connections: `from` and `to` name an element **by id, else by
//!   label**; `type` (or `connection type`) is the tie kind; `direction` is
//!   `directed` (Kumu's default), `undirected` or `mutual` (both mutual
//!   ties in Bridgework); `strength` (or `weight`) the strength; `label`,
//!   `description` and `tags` are kept as attributes.
//! * Loops (`{"label": ..., "elements": [...]}` or `"connections"`) become
//!   a tag `loop: LABEL` on each member, so a loop is a saved group.
//! * A backup's first map (`maps[0].elements[].position`) gives positions.
//! * Problems name the element or connection (`elements[3].label`) and its
//!   line. What the elements become is the
//!   [`MapBuilder`](crate::io::builder::MapBuilder)'s policy.
//!
//! **Writing** gives a blueprint Kumu imports: each actor an element with
//! `id`, `label`, `type` (its sector), `tags`, `kind` and every other
//! field in use under its column name, and its attributes; each tie a
//! connection with `id`, `from`, `to` (ids), `type` (its kind),
//! `direction` (`directed` or `mutual`), `strength` and its other fields
//! and attributes. Reading it back gives the same actors and ties.

mod read;
#[cfg(test)]
mod tests;
mod write;

pub use read::{is_kumu_json, read_kumu_json};
pub use write::write_kumu_json;

/// The tag prefix that marks a Kumu loop's members.
pub const LOOP_TAG: &str = "loop: ";
