//! The user interface: canvas, legend, inspector. Only `ui/` and `app/`
//! import egui; everything here reads the network and returns what the
//! user asked for, and the app applies it as edits.

pub mod canvas;
pub mod inspector;
pub mod legend;
mod shapes;
