//! Why a job gave no result.

/// Why a job gave no result. Each message says what happened in words a
/// user can act on; the map itself is never touched by a job.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JobError {
    /// The job was cancelled (by the user, or because a newer one started).
    #[error("the analysis was cancelled")]
    Cancelled,
    /// The measure has no value on this map (for example eigenvector
    /// centrality on a map in several separate pieces); says why and what
    /// to do instead.
    #[error("{0}")]
    Undefined(String),
    /// The worker thread could not be started.
    #[error("could not start the analysis ({0}); try again")]
    Spawn(String),
    /// The analysis stopped on a bug (a panic on the worker thread).
    #[error("the analysis stopped because of a bug in Bridgework ({0})")]
    Failed(String),
}

impl From<crate::analysis::Cancelled> for JobError {
    fn from(_: crate::analysis::Cancelled) -> Self {
        JobError::Cancelled
    }
}
