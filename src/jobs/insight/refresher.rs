//! Keeps one insight section up to date: a job per change of its inputs,
//! the last result shown until the next lands.

use super::super::{JobError, JobRunner, Progress};
use crate::analysis::Control;
use std::sync::Arc;

/// One section's runner and the result on show.
pub struct Refresher<T> {
    runner: JobRunner<T>,
    shown: Option<(u64, Arc<T>)>,
    /// The inputs the last job was started for (so it is not started twice).
    started: Option<u64>,
    /// The last failure, for inputs that have not changed since.
    failed: Option<(u64, String)>,
}

impl<T> Default for Refresher<T> {
    fn default() -> Self {
        Self {
            runner: JobRunner::new(),
            shown: None,
            started: None,
            failed: None,
        }
    }
}

impl<T: Send + Sync + 'static> Refresher<T> {
    /// Once per frame: takes in a finished job for `key` (the inputs now),
    /// and when the result on show is for other inputs and no job runs for
    /// these, starts `work` (made by `start`, only then). Returns whether a
    /// new result landed.
    pub fn tick<F, W>(&mut self, key: u64, start: F) -> bool
    where
        F: FnOnce() -> W,
        W: FnOnce(&Control) -> Result<T, JobError> + Send + 'static,
    {
        let landed = self.poll(key);
        let current = self.shown.as_ref().is_some_and(|(k, _)| *k == key);
        let failed_here = self.failed.as_ref().is_some_and(|(k, _)| *k == key);
        let running_here = self.runner.is_running() && self.started == Some(key);
        if !current && !failed_here && !running_here {
            match self.runner.start(key, start()) {
                Ok(()) => self.started = Some(key),
                Err(e) => self.failed = Some((key, e.to_string())),
            }
        }
        landed
    }

    /// Takes in a finished job for `key` without starting one. Returns
    /// whether a new result landed.
    pub fn poll(&mut self, key: u64) -> bool {
        let Some(done) = self.runner.poll(key) else {
            return false;
        };
        match done.result {
            Ok(result) => {
                self.shown = Some((key, Arc::new(result)));
                self.failed = None;
                true
            }
            Err(JobError::Cancelled) => false,
            Err(e) => {
                self.failed = Some((key, e.to_string()));
                false
            }
        }
    }

    /// The result on show (perhaps for earlier inputs: see
    /// [`Refresher::is_current`]).
    pub fn shown(&self) -> Option<&Arc<T>> {
        self.shown.as_ref().map(|(_, r)| r)
    }

    /// Whether the result on show is for inputs `key`.
    pub fn is_current(&self, key: u64) -> bool {
        self.shown.as_ref().is_some_and(|(k, _)| *k == key)
    }

    /// Whether a job is working.
    pub fn is_running(&self) -> bool {
        self.runner.is_running()
    }

    /// The running job's progress.
    pub fn progress(&self) -> Option<&Progress> {
        self.runner.progress()
    }

    /// Why the last job for `key` gave nothing, if it failed.
    pub fn failure(&self, key: u64) -> Option<&str> {
        self.failed
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, m)| m.as_str())
    }

    /// Stops the running job; what is on show stays. The job is not
    /// started again until the inputs change.
    pub fn cancel(&mut self) {
        if self.runner.cancel().is_some()
            && let Some(k) = self.started
        {
            self.failed = Some((k, "cancelled".to_owned()));
        }
    }

    /// Forgets everything (another map).
    pub fn clear(&mut self) {
        self.runner.cancel();
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn wait<T: Clone + Send + Sync + 'static>(r: &mut Refresher<T>, key: u64, value: T) {
        for _ in 0..2000 {
            let v = value.clone();
            if r.tick(key, move || move |_c: &Control| Ok(v)) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        panic!("no result");
    }

    #[test]
    fn a_result_shows_until_the_next_lands_and_is_marked_by_its_key() {
        let mut r = Refresher::<u32>::default();
        assert!(r.shown().is_none());
        wait(&mut r, 1, 10);
        assert_eq!(**r.shown().unwrap(), 10);
        assert!(r.is_current(1));
        // New inputs: the old result stays on show, marked stale.
        r.tick(2, || {
            |_c: &Control| {
                std::thread::sleep(std::time::Duration::from_millis(50));
                Ok(20)
            }
        });
        assert_eq!(**r.shown().unwrap(), 10);
        assert!(!r.is_current(2));
        assert!(r.is_running());
        wait(&mut r, 2, 20);
        assert_eq!(**r.shown().unwrap(), 20);
    }

    #[test]
    fn a_result_for_inputs_that_moved_on_is_dropped() {
        let mut r = Refresher::<u32>::default();
        r.tick(1, || {
            |_c: &Control| {
                std::thread::sleep(std::time::Duration::from_millis(30));
                Ok(1)
            }
        });
        // The inputs change at once: the job for 1 is replaced by one for 2.
        wait(&mut r, 2, 2);
        assert_eq!(**r.shown().unwrap(), 2);
    }

    #[test]
    fn a_failure_is_kept_and_not_retried_until_the_inputs_change() {
        let mut r = Refresher::<u32>::default();
        let mut starts = 0;
        for _ in 0..200 {
            r.tick(5, || {
                starts += 1;
                |_c: &Control| Err(JobError::Undefined("no sectors".into()))
            });
            if r.failure(5).is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert_eq!(r.failure(5), Some("no sectors"));
        r.tick(5, || {
            starts += 1;
            |_c: &Control| Ok(1)
        });
        assert_eq!(starts, 1, "not started again for the same inputs");
    }
}
