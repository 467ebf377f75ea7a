//! GEXF 1.2 and 1.3 (Gephi's format) import and export.
//!
//! **Reading** takes GEXF 1.1, 1.2 (`http://www.gexf.net/1.2draft`) and 1.3
//! (`http://gexf.net/1.3`) as Gephi, NetworkX and igraph write them:
//!
//! * `<meta>`: `<title>` (1.3) is the map's title, `<description>` its
//!   description; `<creator>` and `<keywords>` go into the metadata.
//! * Direction: `defaultedgetype` on `<graph>` (missing means
//!   undirected; `mixed` means each edge says), overridden per edge by
//!   `type="directed|undirected|mutual"` (mutual is undirected).
//! * Nodes: `id`, `label` (the name; the id when missing). Attribute values
//!   (`<attvalue for="..." value="..."/>`, `<default>`s honoured) are matched
//!   by the attribute's `title` through the shared column names of
//!   [`fields`](crate::io::fields): a `sector`, `organisation`, `role`, ...
//!   attribute fills that field; any other is kept as an attribute under its
//!   title.
//! * Edges: `id` (a fresh `t1`, ... when missing), `source`, `target`,
//!   `weight` (strength, default 1), `kind` (GEXF 1.3's edge kind: the tie
//!   kind), `label` (kept as the tie's `label` attribute), attribute values.
//! * `viz`: a node's `<viz:position x y>` is its position; `<viz:color>`
//!   (`r`, `g`, `b` or 1.3's `hex`) and `<viz:size>` are kept as the
//!   attributes [`VIZ_COLOUR`] (`#RRGGBB`) and [`VIZ_SIZE`]; when every
//!   actor of a sector has the same colour the sector takes it, and a
//!   colour that is its sector's (or a size of [`DEFAULT_SIZE`]) is not
//!   kept. Likewise a sector whose actors share one `<viz:shape>` (disc,
//!   square, triangle, diamond) takes that shape, and a tie kind whose
//!   edges share one `<viz:color>` takes that colour; `<viz:thickness>` is
//!   drawing only and skipped.
//! * Skipped with one warning each: nested nodes (hierarchies), and time
//!   (`spells`, `start`/`end`) of dynamic graphs — the map is read as one
//!   static picture.
//! * Like every reader, what the elements become (duplicate ids, sectors,
//!   fresh tie ids) is the [`MapBuilder`](crate::io::builder::MapBuilder)'s
//!   policy. The XML is streamed; no DTD or entity but the five predefined
//!   ones and character references is read.
//!
//! **Writing** gives GEXF 1.3: every built-in actor and tie field that the
//! map uses as a declared attribute (typed), every attribute name as one
//! more, `viz:color` (the actor's [`VIZ_COLOUR`], else its sector's
//! colour), `viz:position` where the actor has one, `viz:size` (the actor's
//! [`VIZ_SIZE`], else [`DEFAULT_SIZE`]) and `viz:shape` from the sector's shape. Reading
//! the file back gives the same actors and ties; the sector and tie-kind
//! lists' styles other than colour are not kept.

mod read;
#[cfg(test)]
mod tests;
mod write;

pub use read::read_gexf;
pub use write::write_gexf;

/// The actor attribute holding a GEXF node's `viz:color`, as `#RRGGBB`.
pub const VIZ_COLOUR: &str = "viz:color";
/// The actor attribute holding a GEXF node's `viz:size`.
pub const VIZ_SIZE: &str = "viz:size";
/// The `viz:size` written for an actor without [`VIZ_SIZE`] (and so not
/// kept as an attribute when read).
pub const DEFAULT_SIZE: f64 = 10.0;
/// The GEXF 1.3 namespace.
const NAMESPACE: &str = "http://gexf.net/1.3";
/// The GEXF 1.3 viz namespace.
const VIZ_NAMESPACE: &str = "http://gexf.net/1.3/viz";
