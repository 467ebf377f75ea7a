//! The force layout for the editor, run to the end on a named thread
//! ([`LAYOUT_THREAD_NAME`]) instead of a few milliseconds per drawn frame,
//! so a slow renderer no longer slows the layout down.
//!
//! [`LayoutJob::start`] takes a [`LayoutGraph`] and [`ForceOptions`] and
//! steps a [`ForceLayout`] until it finishes or is cancelled. At most every
//! `publish_every` (about 30 times a second by default) it publishes the
//! current positions as an `Arc<Vec<[f64; 2]>>` with a [`LayoutProgress`];
//! the app calls [`LayoutJob::poll`] once per frame, which never waits for
//! the layout (it takes the newest update, if there is one) and asks for a
//! repaint after about 33 ms while [`LayoutJob::is_running`].
//! [`LayoutJob::cancel`] (Esc) stops it after the step in progress and
//! keeps the positions it got to; [`LayoutJob::finish`] waits for the
//! thread and returns the last positions.
//!
//! Deterministic: the thread takes the same steps as
//! [`ForceLayout::run_to_end`], so a layout run to the end gives
//! bit-identical positions; only how many intermediate updates are
//! published depends on time.

use super::JobError;
use crate::layout::{ForceLayout, ForceOptions, LayoutGraph, Status};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The name of the layout thread.
pub const LAYOUT_THREAD_NAME: &str = "bridgework-layout";

/// How often a running layout publishes its positions by default (about
/// 30 times a second).
pub const PUBLISH_EVERY: Duration = Duration::from_millis(33);

/// Where a layout job is.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LayoutProgress {
    /// Steps taken so far, over all levels.
    pub steps: usize,
    /// The level being laid out, counted from the coarsest: 1 of `levels`
    /// first, `levels` of `levels` last (every actor on its own).
    pub level: usize,
    /// How many levels the layout has (1 without multilevel).
    pub levels: usize,
    /// An estimate of how far along the layout is, in [0, 1]; 1 once
    /// finished.
    pub fraction: f64,
    /// The layout ran to its end.
    pub finished: bool,
    /// The layout was cancelled before its end.
    pub cancelled: bool,
}

impl LayoutProgress {
    fn of(layout: &ForceLayout, cancelled: bool) -> Self {
        let levels = layout.levels();
        let (fraction, finished) = match layout.status() {
            Status::Finished { .. } => (1.0, true),
            Status::Running { progress, .. } => (progress, false),
        };
        Self {
            steps: layout.steps(),
            level: levels.saturating_sub(layout.level()),
            levels,
            fraction,
            finished,
            cancelled,
        }
    }

    /// Whether the layout has stopped (finished or cancelled).
    pub fn stopped(&self) -> bool {
        self.finished || self.cancelled
    }
}

/// Positions published by a layout job, actor `i` at index `i` of the
/// [`LayoutGraph`] it was started with.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutUpdate {
    /// The positions when published.
    pub positions: Arc<Vec<[f64; 2]>>,
    /// Where the layout was then.
    pub progress: LayoutProgress,
}

/// What the layout thread shares with the app.
#[derive(Debug, Default)]
struct Published {
    /// The newest update, and a serial number bumped with each one.
    latest: Option<LayoutUpdate>,
    serial: u64,
    /// Set if the thread stopped on a panic.
    failed: Option<String>,
}

/// A force layout running on its own thread; see the module docs.
///
/// # Example
/// ```
/// use bridgework::jobs::LayoutJob;
/// use bridgework::layout::{ForceOptions, LayoutGraph};
///
/// let mut graph = LayoutGraph::new(vec![[0.0, 0.0]; 3]);
/// graph.edges = vec![(0, 1, 1.0), (1, 2, 1.0)];
/// let job = LayoutJob::start(graph, ForceOptions::default()).unwrap();
/// let last = job.finish().unwrap();
/// assert!(last.progress.finished);
/// assert_eq!(last.positions.len(), 3);
/// ```
#[derive(Debug)]
pub struct LayoutJob {
    shared: Arc<Mutex<Published>>,
    cancel: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
    /// The serial of the last update [`LayoutJob::poll`] returned.
    seen: u64,
}

impl LayoutJob {
    /// Starts laying out `graph` with `options` on a new thread, publishing
    /// about 30 times a second ([`PUBLISH_EVERY`]).
    pub fn start(graph: LayoutGraph, options: ForceOptions) -> Result<Self, JobError> {
        Self::start_publishing_every(graph, options, PUBLISH_EVERY)
    }

    /// As [`LayoutJob::start`], publishing at most every `publish_every`
    /// (and always when the layout stops).
    pub fn start_publishing_every(
        graph: LayoutGraph,
        options: ForceOptions,
        publish_every: Duration,
    ) -> Result<Self, JobError> {
        let shared = Arc::new(Mutex::new(Published::default()));
        let cancel = Arc::new(AtomicBool::new(false));
        let (to_thread, flag) = (shared.clone(), cancel.clone());
        let handle = thread::Builder::new()
            .name(LAYOUT_THREAD_NAME.to_owned())
            .spawn(move || {
                let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    run_layout(graph, options, publish_every, &flag, &to_thread);
                }));
                if let Err(payload) = run {
                    lock(&to_thread).failed = Some(crate::panic_message(&*payload));
                }
            })
            .map_err(|e| JobError::Spawn(e.to_string()))?;
        Ok(Self {
            shared,
            cancel,
            handle: Some(handle),
            seen: 0,
        })
    }

    /// The newest positions published since the last call, if any; never
    /// waits for the layout. An error if the layout stopped on a bug.
    pub fn poll(&mut self) -> Result<Option<LayoutUpdate>, JobError> {
        let published = lock(&self.shared);
        if let Some(message) = &published.failed {
            return Err(JobError::Failed(message.clone()));
        }
        if published.serial == self.seen {
            return Ok(None);
        }
        self.seen = published.serial;
        Ok(published.latest.clone())
    }

    /// Where the layout was at its newest update (all zero before the
    /// first).
    pub fn progress(&self) -> LayoutProgress {
        lock(&self.shared)
            .latest
            .as_ref()
            .map(|u| u.progress)
            .unwrap_or_default()
    }

    /// Whether the layout thread is still working.
    pub fn is_running(&self) -> bool {
        self.handle.as_ref().is_some_and(|h| !h.is_finished())
    }

    /// Asks the layout to stop after the step in progress (a step takes a
    /// few milliseconds even on big maps); it then publishes the positions
    /// it got to, marked cancelled. Returns at once.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Waits for the thread to end (run [`LayoutJob::cancel`] first to end
    /// it early) and returns the last positions it published.
    pub fn finish(mut self) -> Result<LayoutUpdate, JobError> {
        if let Some(handle) = self.handle.take()
            && handle.join().is_err()
        {
            return Err(JobError::Failed("the layout thread panicked".into()));
        }
        let published = lock(&self.shared);
        if let Some(message) = &published.failed {
            return Err(JobError::Failed(message.clone()));
        }
        published
            .latest
            .clone()
            .ok_or_else(|| JobError::Failed("the layout published nothing".into()))
    }
}

impl Drop for LayoutJob {
    /// A job dropped while running is cancelled (not waited for).
    fn drop(&mut self) {
        self.cancel();
    }
}

/// The shared state, whether or not a panic poisoned it (it only holds
/// copies).
fn lock(shared: &Mutex<Published>) -> std::sync::MutexGuard<'_, Published> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The layout thread: steps to the end or until cancelled, publishing at
/// most every `publish_every` and once at the end.
fn run_layout(
    graph: LayoutGraph,
    options: ForceOptions,
    publish_every: Duration,
    cancel: &AtomicBool,
    shared: &Mutex<Published>,
) {
    let mut layout = ForceLayout::new(graph, options);
    let publish = |layout: &ForceLayout, cancelled: bool| {
        let update = LayoutUpdate {
            positions: Arc::new(layout.positions().to_vec()),
            progress: LayoutProgress::of(layout, cancelled),
        };
        let mut published = lock(shared);
        published.latest = Some(update);
        published.serial += 1;
    };
    let mut last = Instant::now();
    loop {
        if cancel.load(Ordering::Relaxed) {
            publish(&layout, !layout.finished());
            return;
        }
        if layout.finished() {
            publish(&layout, false);
            return;
        }
        layout.step();
        if last.elapsed() >= publish_every {
            publish(&layout, false);
            last = Instant::now();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenerateOptions, generate};

    fn generated(actors: usize) -> LayoutGraph {
        let network = generate(&GenerateOptions {
            actors,
            ..GenerateOptions::default()
        });
        LayoutGraph::from_network(&network).0
    }

    #[test]
    fn runs_on_a_named_thread_to_the_same_positions_as_run_to_end() {
        let graph = generated(300);
        let options = ForceOptions::default();
        let mut direct = ForceLayout::new(graph.clone(), options.clone());
        direct.run_to_end();
        let job = LayoutJob::start(graph, options).unwrap();
        let handle_name = job
            .handle
            .as_ref()
            .and_then(|h| h.thread().name().map(str::to_owned));
        assert_eq!(handle_name.as_deref(), Some(LAYOUT_THREAD_NAME));
        let last = job.finish().unwrap();
        assert_eq!(last.positions.as_slice(), direct.positions());
        assert!(last.progress.finished && !last.progress.cancelled);
        assert_eq!(last.progress.steps, direct.steps());
        assert_eq!(last.progress.level, last.progress.levels);
        assert_eq!(last.progress.fraction, 1.0);
    }

    #[test]
    fn publishes_intermediate_positions_while_it_runs() {
        let graph = generated(2000);
        // Publish after every step, so the test needs no timing.
        let mut job =
            LayoutJob::start_publishing_every(graph, ForceOptions::default(), Duration::ZERO)
                .unwrap();
        let mut updates = Vec::new();
        while job.is_running() || updates.is_empty() {
            if let Some(u) = job.poll().unwrap() {
                updates.push(u);
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        if let Some(u) = job.poll().unwrap() {
            updates.push(u);
        }
        let first = updates.first().unwrap().clone();
        let last = updates.last().unwrap().clone();
        assert!(updates.len() >= 2, "{} updates", updates.len());
        assert!(!first.progress.stopped());
        assert!(last.progress.finished);
        assert!(first.progress.steps < last.progress.steps);
        assert_ne!(first.positions, last.positions);
        // Progress never goes back.
        for w in updates.windows(2) {
            assert!(w[0].progress.steps <= w[1].progress.steps);
            assert!(w[0].progress.fraction <= w[1].progress.fraction);
        }
        // Nothing new after the end.
        assert_eq!(job.poll().unwrap(), None);
        assert_eq!(job.finish().unwrap(), last);
    }

    #[test]
    fn cancel_stops_promptly_and_keeps_the_latest_positions() {
        let graph = generated(5000);
        let start = graph.positions.clone();
        let mut job = LayoutJob::start(graph, ForceOptions::default()).unwrap();
        // Let it take a few steps.
        while job.progress().steps < 3 && job.is_running() {
            std::thread::sleep(Duration::from_millis(1));
        }
        let t = Instant::now();
        job.cancel();
        while job.is_running() {
            assert!(t.elapsed() < Duration::from_secs(5), "cancel was ignored");
            std::thread::sleep(Duration::from_millis(1));
        }
        let last = job.poll().unwrap().unwrap();
        assert!(last.progress.cancelled && !last.progress.finished);
        assert!(last.progress.steps >= 3);
        assert_ne!(last.positions.as_slice(), start.as_slice());
        assert!(last.positions.iter().flatten().all(|c| c.is_finite()));
        assert_eq!(job.finish().unwrap(), last);
    }
}
