//! One job on a named worker thread, and a runner that keeps at most one
//! going and drops stale results.

use super::error::JobError;
use super::progress::Progress;
use crate::analysis::Control;
use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::{self, JoinHandle};

/// The name of every analysis worker thread (shown by debuggers,
/// profilers and panic messages).
pub const THREAD_NAME: &str = "bridgework-analysis";

/// What the worker thread sends back.
enum Event<T> {
    Progress(Progress),
    Finished(Result<T, JobError>),
}

/// A job's result, with the revision of the map it was computed for.
#[derive(Debug, PartialEq)]
pub struct Finished<T> {
    /// The revision the job was started (or [retagged](JobRunner::retag))
    /// for.
    pub revision: u64,
    /// The result, or why there is none.
    pub result: Result<T, JobError>,
}

/// One piece of work running on its own named thread ([`THREAD_NAME`]).
///
/// The work gets a [`Control`] whose cancel flag is this job's and whose
/// progress callback feeds [`Job::progress`]; it should pass it on to the
/// analysis, which checks the flag at least once per source node. Nothing
/// here blocks except [`Job::join`]. Dropping a job cancels it (its thread
/// stops at the next check and its result is thrown away).
pub struct Job<T> {
    revision: u64,
    cancel: Arc<AtomicBool>,
    events: Receiver<Event<T>>,
    progress: Progress,
    handle: Option<JoinHandle<()>>,
    finished: bool,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread named [`THREAD_NAME`], for the map at
    /// `revision`. A panic in `work` becomes [`JobError::Failed`]; if the
    /// job is cancelled before `work` returns, the result is
    /// [`JobError::Cancelled`] whatever `work` returned.
    pub fn spawn<F>(revision: u64, work: F) -> Result<Self, JobError>
    where
        F: FnOnce(&Control) -> Result<T, JobError> + Send + 'static,
    {
        let cancel = Arc::new(AtomicBool::new(false));
        let (tx, events) = mpsc::channel();
        let flag = Arc::clone(&cancel);
        let handle = thread::Builder::new()
            .name(THREAD_NAME.to_owned())
            .spawn(move || work_on_thread(&flag, &tx, work))
            .map_err(|e| JobError::Spawn(e.to_string()))?;
        Ok(Self {
            revision,
            cancel,
            events,
            progress: Progress::default(),
            handle: Some(handle),
            finished: false,
        })
    }
}

impl<T> Job<T> {
    /// Tells the job to stop. Returns at once; the thread ends at the
    /// analysis's next check, and [`Job::poll`] then gives
    /// [`JobError::Cancelled`].
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Takes in what the thread has reported since the last call, without
    /// waiting: `Some` once, with the result, when the job has finished;
    /// `None` while it runs (and after the result was taken).
    pub fn poll(&mut self) -> Option<Result<T, JobError>> {
        if self.finished {
            return None;
        }
        loop {
            match self.events.try_recv() {
                Ok(Event::Progress(p)) => {
                    if self.progress.superseded_by(&p) {
                        self.progress = p;
                    }
                }
                Ok(Event::Finished(result)) => {
                    self.finished = true;
                    return Some(result);
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    self.finished = true;
                    return Some(Err(JobError::Failed(
                        "the analysis thread ended without a result".to_owned(),
                    )));
                }
            }
        }
    }

    /// The latest progress taken in by [`Job::poll`].
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The revision of the map this job computes for.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Whether the thread has ended (its result may still wait in
    /// [`Job::poll`]).
    pub fn is_finished(&self) -> bool {
        self.handle.as_ref().is_none_or(JoinHandle::is_finished)
    }

    /// Waits for the thread to end. Blocks: for tests and the command line,
    /// never for the UI thread.
    pub fn join(mut self) {
        if let Some(handle) = self.handle.take() {
            // A panic in the work was caught on the thread; nothing to add.
            let _ = handle.join();
        }
    }
}

impl<T> Drop for Job<T> {
    fn drop(&mut self) {
        // Nobody will read the result: let the thread stop early.
        self.cancel();
    }
}

/// The body of the worker thread.
fn work_on_thread<T, F>(flag: &AtomicBool, tx: &Sender<Event<T>>, work: F)
where
    T: Send,
    F: FnOnce(&Control) -> Result<T, JobError>,
{
    let report = |stage: &str, done: usize, total: usize| {
        // The receiver is gone when the job was dropped: nothing to tell.
        let _ = tx.send(Event::Progress(Progress {
            stage: stage.to_owned(),
            done,
            total,
        }));
    };
    let control = Control::new(Some(flag), Some(&report));
    let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| work(&control)));
    let result = match outcome {
        _ if flag.load(Ordering::Relaxed) => Err(JobError::Cancelled),
        Ok(result) => result,
        Err(payload) => Err(JobError::Failed(crate::panic_message(payload.as_ref()))),
    };
    let _ = tx.send(Event::Finished(result));
}

/// Runs at most one [`Job`] at a time for an app: starting a job cancels
/// the one running, and a result whose revision is not the map's current
/// one is dropped. Poll it once per frame.
pub struct JobRunner<T> {
    job: Option<Job<T>>,
}

impl<T> Default for JobRunner<T> {
    fn default() -> Self {
        Self { job: None }
    }
}

impl<T: Send + 'static> JobRunner<T> {
    /// Cancels the running job, if any, and starts `work` for the map at
    /// `revision` (see [`Job::spawn`]).
    pub fn start<F>(&mut self, revision: u64, work: F) -> Result<(), JobError>
    where
        F: FnOnce(&Control) -> Result<T, JobError> + Send + 'static,
    {
        self.cancel();
        self.job = Some(Job::spawn(revision, work)?);
        Ok(())
    }
}

impl<T> JobRunner<T> {
    /// A runner with nothing running.
    pub fn new() -> Self {
        Self::default()
    }

    /// Cancels the running job and hands it back (already told to stop):
    /// drop it to let its thread end on its own, or [`Job::join`] it.
    /// Its result will never come out of [`JobRunner::poll`].
    pub fn cancel(&mut self) -> Option<Job<T>> {
        let job = self.job.take()?;
        job.cancel();
        Some(job)
    }

    /// Takes in progress, without waiting; when the job has finished,
    /// returns its result if it was computed for `current_revision`, and
    /// drops it (returning `None`) if the map has changed since. Either
    /// way the runner is then idle.
    pub fn poll(&mut self, current_revision: u64) -> Option<Finished<T>> {
        let job = self.job.as_mut()?;
        let result = job.poll()?;
        let revision = job.revision();
        self.job = None;
        (revision == current_revision).then_some(Finished { revision, result })
    }

    /// Whether a job is running (or has finished but not been polled).
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// The running job's progress.
    pub fn progress(&self) -> Option<&Progress> {
        self.job.as_ref().map(Job::progress)
    }

    /// The revision the running job computes for.
    pub fn revision(&self) -> Option<u64> {
        self.job.as_ref().map(Job::revision)
    }

    /// Declares the running job's result valid for `revision` as well: for
    /// when the map has changed only in what the job does not read (actors
    /// moved, a name typed), so its answer is the same. The result then
    /// carries `revision`.
    pub fn retag(&mut self, revision: u64) {
        if let Some(job) = &mut self.job {
            job.revision = revision;
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::analysis::{PathLength, betweenness};
    use crate::generate::{GenerateOptions, generate};
    use crate::model::{AnalysisView, ViewOptions};
    use std::time::{Duration, Instant};

    /// Calls `f` until it gives `Some`, with short sleeps. The deadline
    /// only stops a broken test from hanging; it asserts nothing about
    /// speed.
    fn wait_for<R>(what: &str, mut f: impl FnMut() -> Option<R>) -> R {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(r) = f() {
                return r;
            }
            assert!(Instant::now() < deadline, "gave up waiting for {what}");
            thread::sleep(Duration::from_millis(2));
        }
    }

    #[test]
    fn the_result_arrives_from_a_named_thread() {
        let mut runner = JobRunner::new();
        runner
            .start(7, |_| Ok(thread::current().name().map(str::to_owned)))
            .unwrap();
        assert!(runner.is_running());
        let done = wait_for("the result", || runner.poll(7));
        assert_eq!(done.revision, 7);
        assert_eq!(done.result, Ok(Some(THREAD_NAME.to_owned())));
        assert!(!runner.is_running());
        assert_eq!(runner.poll(7), None, "a result comes out once");
    }

    #[test]
    fn cancel_gives_cancelled_and_the_thread_ends() {
        let mut job = Job::spawn(1, |control| -> Result<(), JobError> {
            loop {
                control.check()?;
                thread::sleep(Duration::from_millis(1));
            }
        })
        .unwrap();
        assert_eq!(job.poll(), None, "still running");
        job.cancel();
        let result = wait_for("the cancelled result", || job.poll());
        assert_eq!(result, Err(JobError::Cancelled));
        wait_for("the thread to end", || job.is_finished().then_some(()));
        job.join();
    }

    #[test]
    fn cancel_reaches_the_analysis() {
        // The flag is set before betweenness starts, so its first check
        // (at the first source node) must stop it.
        let net = generate(&GenerateOptions {
            actors: 300,
            ..GenerateOptions::default()
        });
        let (gate, opened) = mpsc::channel::<()>();
        let mut job = Job::spawn(1, move |control| {
            opened.recv().ok();
            let view = AnalysisView::new(&net, &ViewOptions::default());
            Ok(betweenness(&view, PathLength::Hops, control)?)
        })
        .unwrap();
        job.cancel();
        gate.send(()).unwrap();
        assert_eq!(
            wait_for("the result", || job.poll()),
            Err(JobError::Cancelled)
        );
        job.join();
    }

    #[test]
    fn starting_a_job_cancels_the_running_one() {
        let stopped = Arc::new(AtomicBool::new(false));
        let seen = Arc::clone(&stopped);
        let mut runner = JobRunner::new();
        runner
            .start(1, move |control| -> Result<u32, JobError> {
                loop {
                    if control.check().is_err() {
                        seen.store(true, Ordering::Relaxed);
                        return Err(JobError::Cancelled);
                    }
                    thread::sleep(Duration::from_millis(1));
                }
            })
            .unwrap();
        runner.start(2, |_| Ok(2)).unwrap();
        wait_for("the first job to stop", || {
            stopped.load(Ordering::Relaxed).then_some(())
        });
        let done = wait_for("the second result", || runner.poll(2));
        assert_eq!(done.result, Ok(2));
    }

    #[test]
    fn a_stale_result_is_dropped() {
        let mut runner = JobRunner::new();
        runner.start(1, |_| Ok("for revision 1")).unwrap();
        // The map moved on to revision 2 while the job ran.
        wait_for("the job to end", || {
            assert_eq!(runner.poll(2), None, "never delivered");
            (!runner.is_running()).then_some(())
        });
        assert_eq!(runner.poll(1), None, "and gone for good");
    }

    #[test]
    fn a_retagged_result_is_kept() {
        let (gate, opened) = mpsc::channel::<()>();
        let mut runner = JobRunner::new();
        runner
            .start(1, move |_| {
                opened.recv().ok();
                Ok(1)
            })
            .unwrap();
        runner.retag(2);
        assert_eq!(runner.revision(), Some(2));
        gate.send(()).unwrap();
        let done = wait_for("the result", || runner.poll(2));
        assert_eq!(done.revision, 2);
        assert_eq!(done.result, Ok(1));
    }

    #[test]
    fn progress_advances() {
        let (gate, opened) = mpsc::channel::<()>();
        let mut job = Job::spawn(1, move |control| {
            control.begin("test", 4);
            for _ in 0..4 {
                opened.recv().ok();
                control.step("test", 1, 4);
            }
            Ok(())
        })
        .unwrap();
        wait_for("the stage to begin", || {
            job.poll();
            (job.progress().stage == "test").then_some(())
        });
        assert_eq!(job.progress().done, 0);
        let mut result = None;
        for k in 1..=4 {
            gate.send(()).unwrap();
            wait_for("a step", || {
                if let Some(r) = job.poll() {
                    result = Some(r);
                }
                (job.progress().done == k).then_some(())
            });
            assert_eq!(job.progress().label(), format!("test {k} / 4"));
            assert!(
                result.is_none() || k == 4,
                "finished only after the last step"
            );
        }
        assert!((job.progress().fraction() - 1.0).abs() < f32::EPSILON);
        let result = match result {
            Some(r) => r,
            None => wait_for("the result", || job.poll()),
        };
        assert_eq!(result, Ok(()));
    }

    #[test]
    fn a_panic_becomes_an_error() {
        let mut job = Job::spawn(1, |_| -> Result<(), JobError> { panic!("boom") }).unwrap();
        match wait_for("the result", || job.poll()) {
            Err(JobError::Failed(msg)) => assert!(msg.contains("boom")),
            other => panic!("expected a failure, got {other:?}"),
        }
    }
}
