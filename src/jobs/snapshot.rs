//! An `Arc` snapshot of the map for worker threads, copied only when the
//! map has changed since the last one.

use crate::model::Network;
use std::sync::Arc;

/// The last snapshot handed to a job and the revision it was taken at.
/// Asking again at the same revision (another measure, a rerun) shares the
/// same copy; a new revision copies the network once.
#[derive(Debug, Default)]
pub struct Snapshot {
    taken: Option<(u64, Arc<Network>)>,
}

impl Snapshot {
    /// An empty snapshot (the first [`Snapshot::get`] copies).
    pub fn new() -> Self {
        Self::default()
    }

    /// The network at `revision`: the kept copy if it was taken at that
    /// revision, else a fresh copy of `network` (which must be the map at
    /// `revision`). O(1) when unchanged, a clone of the network otherwise.
    pub fn get(&mut self, revision: u64, network: &Network) -> Arc<Network> {
        match &self.taken {
            Some((r, net)) if *r == revision => Arc::clone(net),
            _ => {
                let net = Arc::new(network.clone());
                self.taken = Some((revision, Arc::clone(&net)));
                net
            }
        }
    }

    /// The revision of the kept copy, if any.
    pub fn revision(&self) -> Option<u64> {
        self.taken.as_ref().map(|(r, _)| *r)
    }

    /// Lets go of the kept copy (jobs still running keep theirs).
    pub fn clear(&mut self) {
        self.taken = None;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::Actor;

    #[test]
    fn copies_once_per_revision() {
        let mut net = Network::new();
        net.add_actor(Actor::new("a", "A", "primary care")).unwrap();
        let mut snap = Snapshot::new();
        let first = snap.get(1, &net);
        let again = snap.get(1, &net);
        assert!(Arc::ptr_eq(&first, &again), "same revision, same copy");
        net.add_actor(Actor::new("b", "B", "primary care")).unwrap();
        let second = snap.get(2, &net);
        assert!(!Arc::ptr_eq(&first, &second));
        assert_eq!(second.actors().len(), 2);
        assert_eq!(first.actors().len(), 1, "a job's copy never changes");
        assert_eq!(snap.revision(), Some(2));
        snap.clear();
        assert_eq!(snap.revision(), None);
    }
}
