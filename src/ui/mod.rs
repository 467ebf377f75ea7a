//! The user interface: canvas, legend, inspector, tables, map settings,
//! and an in-app file chooser.
//! Only `ui/` and `app/` import egui; everything here reads the network
//! and returns what the user asked for (changed copies, or [`Edit`] values
//! in an [`edit_request::EditRequest`]), and the app applies it as edits.
//!
//! [`Edit`]: crate::edit::Edit

pub mod canvas;
pub mod edit_request;
/// An in-app file chooser (open / save as), for desktops without a native one.
pub mod file_chooser;
pub mod import_preview;
pub mod insight;
pub mod inspector;
pub mod legend;
pub mod settings;
mod shapes;
pub mod tables;
