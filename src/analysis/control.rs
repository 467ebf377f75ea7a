//! Progress reporting and cancellation for long measures.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The measure was cancelled before it finished; no partial result exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the analysis was cancelled")]
pub struct Cancelled;

/// A progress callback: `(stage, done, total)`.
pub type ProgressFn<'a> = dyn Fn(&str, usize, usize) + Sync + 'a;

/// A cancel flag and a progress callback, both optional. Measures call
/// [`Control::check`] at least once per source node and [`Control::step`]
/// as work completes. Safe to share between worker threads.
pub struct Control<'a> {
    cancel: Option<&'a AtomicBool>,
    progress: Option<&'a ProgressFn<'a>>,
    done: AtomicUsize,
}

impl<'a> Control<'a> {
    /// No cancel flag, no progress: run to the end.
    pub fn none() -> Self {
        Self {
            cancel: None,
            progress: None,
            done: AtomicUsize::new(0),
        }
    }

    /// With a cancel flag (set it to `true` to stop) and a progress callback
    /// `(stage, done, total)`.
    pub fn new(cancel: Option<&'a AtomicBool>, progress: Option<&'a ProgressFn<'a>>) -> Self {
        Self {
            cancel,
            progress,
            done: AtomicUsize::new(0),
        }
    }

    /// `Err(Cancelled)` once the cancel flag is set.
    pub fn check(&self) -> Result<(), Cancelled> {
        match self.cancel {
            Some(flag) if flag.load(Ordering::Relaxed) => Err(Cancelled),
            _ => Ok(()),
        }
    }

    /// Starts a stage of `total` steps (progress restarts at 0).
    pub fn begin(&self, stage: &str, total: usize) {
        self.done.store(0, Ordering::Relaxed);
        if let Some(p) = self.progress {
            p(stage, 0, total);
        }
    }

    /// Records `n` more steps of the current stage done. Reports at most
    /// about a hundred times per stage.
    pub fn step(&self, stage: &str, n: usize, total: usize) {
        let before = self.done.fetch_add(n, Ordering::Relaxed);
        if let Some(p) = self.progress {
            let after = before + n;
            let every = (total / 100).max(1);
            if before / every != after / every || after >= total {
                p(stage, after.min(total), total);
            }
        }
    }
}

impl Default for Control<'_> {
    fn default() -> Self {
        Self::none()
    }
}
