//! Analysis for the desktop app, off the UI thread.
//!
//! A [`Job`] runs one piece of analysis on a named worker thread
//! ([`THREAD_NAME`]) over an `Arc` [`Snapshot`] of the map, reports
//! [`Progress`] and stops when told to (the cancel flag of the analysis
//! [`Control`](crate::analysis::Control), checked at least once per source
//! node). Its result carries the revision of the map it was computed for; a
//! [`JobRunner`] runs one job at a time (starting one cancels the last) and
//! drops a result whose revision is no longer the map's. Nothing here
//! blocks: the app polls once per frame.
//!
//! [`sizes`] is the job the canvas uses: actor sizes from a chosen
//! centrality measure, scaled to 0..=1.
//!
//! [`LayoutJob`] runs the force layout to its end on its own thread
//! ("bridgework-layout"), publishing positions about 30 times a second.
//!
//! Must not depend on egui, rfd, `io`, `app` or `ui`.

mod error;
mod fingerprint;
pub mod insight;
mod layout;
mod progress;
mod runner;
mod sizes;
mod snapshot;

pub use error::JobError;
pub use fingerprint::{analysis_fingerprint, insight_fingerprint};
pub use layout::{LAYOUT_THREAD_NAME, LayoutJob, LayoutProgress, LayoutUpdate, PUBLISH_EVERY};
pub use progress::Progress;
pub use runner::{Finished, Job, JobRunner, THREAD_NAME};
pub use sizes::{SizeMeasure, Sizes, scale_to_unit, sizes};
pub use snapshot::Snapshot;
