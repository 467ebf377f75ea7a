//! Layouts: where each actor goes on the canvas.
//!
//! Every algorithm works on plain data, a [`LayoutGraph`] (positions, pinned
//! flags, sector groups and merged ties indexed `0..n`), so the desktop
//! editor, the command line and tests drive them the same way:
//!
//! 1. [`LayoutGraph::from_network`] makes the graph and the actor ids of its
//!    indices (actors with no position get a deterministic one);
//! 2. a layout computes new positions: [`ForceLayout`] (force-directed,
//!    Barnes–Hut, ticked a frame at a time), [`grouped`] (one region per
//!    sector), [`circle`] (a ring ordered by sector), [`tidy`] (remove
//!    overlaps);
//! 3. [`moves`] turns the positions back into `(ActorId, [x, y])` pairs,
//!    only the actors that moved, for one `MoveActors` edit.
//!
//! Every layout leaves pinned actors exactly where they are, never produces
//! a NaN or infinite coordinate, and is deterministic: the same input and
//! options (and, for [`ForceLayout`], the same number of steps) give
//! bit-identical positions on every machine and thread count.
//!
//! Must not depend on egui, rfd, `io` or `analysis`: only on `model`.

mod circle;
mod coarsen;
mod force;
mod graph;
mod grouped;
mod quadtree;
mod tidy;

pub use circle::{CircleOptions, CircleOrder, circle};
pub use force::{ForceLayout, ForceOptions, SECTOR_PULL, Status};
pub use graph::{LayoutGraph, moves};
pub use grouped::{GroupedOptions, grouped};
pub use tidy::{Radii, TidyOptions, TidyOutcome, count_overlaps, tidy};
