//! Bridgework: offline stakeholder-network mapping and analysis for system
//! leadership in health and care.
//!
//! The library half of the crate holds everything that needs no window:
//! * [`model`]: actors, ties, sectors, the network and its analysis view;
//! * [`edit`]: every change as an `Edit` value with its inverse, and the
//!   undo/redo `History` the desktop editor applies them through;
//! * [`io`]: the native JSON format (versioned, atomic saves), CSV and
//!   GraphML import and export;
//! * [`layout`]: force-directed (Barnes–Hut), grouped-by-sector, circle
//!   and overlap-removal layouts over plain data, tickable by the editor;
//! * [`cli`]: the headless command line (`validate`, `convert`).
//!
//! None of these modules imports egui or rfd; the desktop editor builds on
//! them. See `ARCHITECTURE.md` for how the pieces depend on each other.

pub mod analysis;
pub mod cli;
pub mod edit;
pub mod generate;
pub mod io;
pub mod layout;
pub mod model;
