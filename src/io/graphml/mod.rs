//! GraphML import and export.
//!
//! **Reading** works on GraphML as NetworkX, igraph, Gephi and yEd write
//! it. Keys are matched by their `attr.name` (never by their id, which is
//! `d0`, `v_name`, ... depending on the tool) through the shared column
//! names of [`super::fields`]; `for` and `<default>` are honoured; every
//! value is read as text and parsed by `fields`. The XML is streamed with
//! quick-xml, so memory grows with the map (and the depth of element
//! nesting), not with the file; and no entity is expanded but the five predefined ones and
//! character references: any other `&name;`, external or not, is an error.
//!
//! * Direction: `edgedefault` on `<graph>` (missing means undirected),
//!   overridden per edge by `directed="true|false"`, and then by a
//!   `directed` data key.
//! * Label: the `label` key, else `name` (igraph), else yEd's
//!   `<y:NodeLabel>` (inside the `nodegraphics` data), else the node id.
//!   Position: `x`/`y` keys (Gephi), else the centre of yEd's
//!   `<y:Geometry>`. A yEd edge label (`<y:EdgeLabel>` inside the
//!   `edgegraphics` data) becomes the tie's `label` attribute.
//! * When two keys name the same built-in field (`label` and `name`,
//!   `kind` and `type`), the one spelt like the field wins and the other
//!   is kept as an attribute under its own name (a `name` beside `label`
//!   still labels the nodes that have no `label`).
//! * Visual-only keys are ignored: yEd's `yfiles.type` keys (the
//!   `nodegraphics` blob is only mined for label and geometry, the
//!   `edgegraphics` blob for the label) and Gephi's
//!   `r`, `g`, `b`, `size`, `z`. An attribute of the map with one of those
//!   names is written as `attr:NAME`, so it still comes back.
//! * Keys with no `attr.name` are named by their id. Graph-level data
//!   other than title, description and Bridgework's own keys goes into
//!   the map's metadata.
//! * What the elements become (duplicate ids, missing sectors, fresh tie
//!   ids, tie kinds) is the policy of
//!   [`MapBuilder`](crate::io::builder::MapBuilder), shared by every format.
//! * Nested graphs (yEd groups), hyperedges and ports are skipped with one
//!   warning per kind; edges to nodes inside a skipped nested graph are
//!   dropped and counted in that warning.
//! * An attribute with an **empty value is the same as no attribute**: an
//!   empty `<data>` for an attribute key is not read (igraph writes one for
//!   every node), and an empty attribute is not written.
//!
//! **Writing** gives standard GraphML 1.0, pretty-printed and
//! deterministic, with one key per built-in field (typed so Gephi, yEd,
//! networkx and igraph read numbers and booleans as such), one per
//! attribute name, and graph-level keys `title`, `description`,
//! `bridgework.metadata`, `bridgework.sectors` and `bridgework.tie_kinds`
//! (compact JSON) so that reading the file back gives exactly the same
//! map. `private` is always written (empty means "nothing private";
//! missing means the defaults). A map whose ties are all directed gets
//! `edgedefault="directed"`; otherwise `"undirected"` with
//! `directed="true"` on each directed edge (standard, read by Gephi and
//! yEd; networkx refuses such mixed files).
//!
//! Text is escaped; a carriage return is written as `&#13;`, and tab and
//! newline inside attribute values (ids) as `&#9;` and `&#10;`, so XML's
//! line-end and attribute normalisation cannot change them. Characters
//! that XML 1.0 cannot hold at all (U+0000–U+0008, U+000B, U+000C,
//! U+000E–U+001F, U+FFFE, U+FFFF) are written as U+FFFD, the replacement
//! character: that is the one way writing loses text. (The JSON lists
//! escape them and keep them; but a sector or tie-kind name holding one
//! then no longer matches its actors' or ties' text.)

mod read;
#[cfg(test)]
pub(crate) mod tests;
mod write;
mod yed;

pub use read::read_graphml;
pub use write::write_graphml;

/// Graph-level key: the map's title.
const TITLE: &str = "title";
/// Graph-level key: the map's description.
const DESCRIPTION: &str = "description";
/// Graph-level key: the map's metadata as a JSON object.
const METADATA: &str = "bridgework.metadata";
/// Graph-level key: the map's sector list as JSON.
const SECTORS: &str = "bridgework.sectors";
/// Graph-level key: the map's tie-kind list as JSON.
const TIE_KINDS: &str = "bridgework.tie_kinds";

/// Keys Gephi writes for drawing only; ignored when reading.
const VISUAL_KEYS: [&str; 5] = ["r", "g", "b", "size", "z"];

const NAMESPACE_ATTRIBUTES: &str = concat!(
    r#"xmlns="http://graphml.graphdrawing.org/xmlns" "#,
    r#"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" "#,
    r#"xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns "#,
    r#"http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd""#
);
