//! How the map is drawn, in numbers: the rules the editor's canvas and the
//! exported pictures share, so that what you see is what you export —
//! sector shapes as outlines ([`shapes`]), actor radii, tie widths,
//! arrowheads and label sizes ([`sizes`]), the lanes parallel ties bow
//! apart in ([`mod@lanes`]), dash patterns ([`dashes`]) and the looks (light,
//! dark, projector: [`theme`]).
//!
//! Pure arithmetic over the model; must not depend on egui, rfd, `io`,
//! `app` or `ui` (the canvas converts to egui types, the exports to SVG).

pub mod dashes;
pub mod lanes;
pub mod shapes;
pub mod sizes;
pub mod theme;

pub use dashes::dash_pattern;
pub use lanes::{LANE_BOW, bow_control, lanes};
pub use shapes::{outline, regular};
pub use sizes::{
    FAINT, OUTLINE, SMALL_RADIUS, arrowhead_length, fallback_position, fit, label_size, max_labels,
    radius_scale, screen_radius, tie_width, world_radius, world_radius_by_measure,
};
pub use theme::{Theme, Tone, edge_colour};
