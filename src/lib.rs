//! Bridgework: offline stakeholder-network mapping and analysis for system
//! leadership in health and care.
//!
//! Everything but `app` and `ui` needs no window:
//! * [`model`]: actors, ties, sectors, the network and its analysis view;
//! * [`edit`]: every change as an `Edit` value with its inverse, and the
//!   undo/redo `History` the desktop editor applies them through;
//! * [`io`]: the native JSON format (versioned, atomic saves), CSV and
//!   GraphML import and export;
//! * [`analysis`]: centrality, brokerage, silo gaps, resilience,
//!   communities, hidden influencers and the coalition of the willing;
//! * [`layout`]: force-directed (Barnes–Hut), grouped-by-sector, circle
//!   and overlap-removal layouts over plain data, tickable by the editor;
//! * [`jobs`]: analysis for the editor on a named worker thread, with
//!   progress, cancel and results tagged by the map's revision;
//! * [`drawing`]: how the map is drawn, in numbers (shapes, sizes, lanes,
//!   dashes, looks), shared by the canvas and the exports;
//! * [`export`]: a picture of the map (SVG, PNG), the measures as CSV and
//!   the HTML report, without a window;
//! * [`generate`]: synthetic maps for demos and benchmarks;
//! * [`cli`]: the headless command line;
//! * [`app`] and [`ui`]: the desktop editor (eframe/egui), the only modules
//!   that import egui or rfd; they read the model and send edits.
//!
//! See `ARCHITECTURE.md` for how the pieces depend on each other.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod drawing;
pub mod edit;
pub mod export;
pub mod generate;
pub mod io;
pub mod jobs;
pub mod layout;
pub mod model;
pub mod ui;

/// The text of a panic payload (the message of `panic!` with a literal or
/// a formatted string), for reporting a panic in one line: used by the
/// binary's panic hook and by worker threads that turn a panic into an
/// error.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".to_owned()
    }
}
