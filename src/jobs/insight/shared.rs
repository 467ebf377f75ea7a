//! Work more than one insight section needs, done once when they run
//! together: betweenness counting steps, which both the influence chart
//! and the coalition's network standing read, is the costliest part of
//! bringing the panels up to date after an edit (O(nm)).
//!
//! The sections run at once on their own threads. The first to ask for
//! the betweenness of a graph works it out; any other asking for the same
//! graph meanwhile waits for that result (checking its own cancel flag),
//! and takes the work over if the first is cancelled. The last graph's
//! result is kept, so a section started later for the same graph (another
//! panel opened) gets it at once. A graph is known by a hash of exactly
//! what the measure reads (direction, node count, arcs), so a result is
//! only ever shared between identical graphs.

use crate::analysis::{Betweenness, Cancelled, Control, PathLength, betweenness};
use crate::model::AnalysisView;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

enum State {
    /// Nobody is working it out.
    Idle,
    /// A section is working it out.
    Working,
    /// Worked out.
    Done(Arc<Betweenness>),
}

struct Slot {
    state: Mutex<State>,
    ready: Condvar,
}

/// The graph last asked about and its slot.
static LAST: Mutex<Option<(u64, Arc<Slot>)>> = Mutex::new(None);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// What betweenness reads of `view`: direction, node count and arcs.
fn graph_key(view: &AnalysisView) -> u64 {
    let mut h = DefaultHasher::new();
    view.is_directed().hash(&mut h);
    view.node_count().hash(&mut h);
    for e in view.edges() {
        (e.source, e.target).hash(&mut h);
    }
    h.finish()
}

/// The slot of `key`, made (replacing the last graph's) if new.
fn slot(key: u64) -> Arc<Slot> {
    let mut last = lock(&LAST);
    match &*last {
        Some((k, s)) if *k == key => Arc::clone(s),
        _ => {
            let s = Arc::new(Slot {
                state: Mutex::new(State::Idle),
                ready: Condvar::new(),
            });
            *last = Some((key, Arc::clone(&s)));
            s
        }
    }
}

/// Lets go of the kept result (another map, or to time a section on its
/// own); sections working now are not disturbed.
pub fn forget_shared() {
    *lock(&LAST) = None;
}

/// Betweenness of `view` counting steps ([`betweenness`] with
/// [`PathLength::Hops`]), worked out once for sections asking together;
/// see the module docs. Cancellable whether working or waiting.
pub fn hops_betweenness(
    view: &AnalysisView,
    control: &Control,
) -> Result<Arc<Betweenness>, Cancelled> {
    let slot = slot(graph_key(view));
    loop {
        let mut state = lock(&slot.state);
        match &*state {
            State::Done(b) => return Ok(Arc::clone(b)),
            State::Working => {
                let (guard, _) = slot
                    .ready
                    .wait_timeout(state, Duration::from_millis(20))
                    .unwrap_or_else(PoisonError::into_inner);
                drop(guard);
                control.check()?;
            }
            State::Idle => {
                *state = State::Working;
                drop(state);
                let result = betweenness(view, PathLength::Hops, control).map(Arc::new);
                let mut state = lock(&slot.state);
                *state = match &result {
                    Ok(b) => State::Done(Arc::clone(b)),
                    Err(_) => State::Idle,
                };
                slot.ready.notify_all();
                return result;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{Actor, Network, Tie, ViewOptions};

    fn path(n: usize) -> Network {
        let mut net = Network::new();
        for i in 0..n {
            net.add_actor(Actor::new(format!("a{i}"), format!("A{i}"), "primary care"))
                .unwrap();
        }
        for i in 1..n {
            let (a, b) = (format!("a{}", i - 1), format!("a{i}"));
            net.add_tie(Tie::new(
                format!("t{i}"),
                a.as_str(),
                b.as_str(),
                "collaboration",
                false,
            ))
            .unwrap();
        }
        net
    }

    #[test]
    fn sections_asking_at_once_get_the_same_exact_result() {
        let net = path(300);
        let view = AnalysisView::new(&net, &ViewOptions::default());
        let want = betweenness(&view, PathLength::Hops, &Control::none()).unwrap();
        let got: Vec<Arc<Betweenness>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|_| s.spawn(|| hops_betweenness(&view, &Control::none()).unwrap()))
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        for b in &got {
            assert_eq!(**b, want);
        }
        // Another graph is not mixed up with it.
        let other = AnalysisView::new(&path(5), &ViewOptions::default());
        let b = hops_betweenness(&other, &Control::none()).unwrap();
        assert_eq!(b.raw.len(), 5);
        assert_eq!(b.raw[2], 4.0, "the middle of a 5-path");
    }

    #[test]
    fn a_cancelled_request_leaves_the_work_to_the_next() {
        let view = AnalysisView::new(&path(40), &ViewOptions::default());
        let cancel = std::sync::atomic::AtomicBool::new(true);
        let stopped = Control::new(Some(&cancel), None);
        assert!(hops_betweenness(&view, &stopped).is_err());
        let b = hops_betweenness(&view, &Control::none()).unwrap();
        let want = betweenness(&view, PathLength::Hops, &Control::none()).unwrap();
        assert_eq!(*b, want);
    }
}
