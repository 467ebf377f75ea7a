//! Parallel work over source nodes that gives the same bits whatever the
//! thread count: the determinism rule of every parallel measure.
//!
//! The sources `0..total` are split into ranges fixed by `total` alone —
//! [`CHUNKS`] ranges of equal size ([`in_chunks`]), or consecutive batches
//! of a fixed size ([`in_batches`], for the bit-parallel searches that take
//! 64 sources at once) — never by the number of threads. Rayon runs the
//! ranges on any threads in any order, and the results come back in range
//! order, so a caller that adds them up in that order always adds the same
//! floating-point numbers in the same order.
//!
//! `work` gets a range and returns its result or [`Cancelled`]; the first
//! cancellation ends the whole run. Empty ranges are not run. Callers check
//! the cancel flag at least once per source inside `work`.

use super::control::Cancelled;
use rayon::prelude::*;
use std::ops::Range;

/// Sources are split into this many ranges, whatever the thread count.
pub(crate) const CHUNKS: usize = 64;

/// Runs `work` on [`CHUNKS`] equal ranges of `0..total` in parallel and
/// returns the results in range order (empty ranges skipped).
pub(crate) fn in_chunks<T, F>(total: usize, work: F) -> Result<Vec<T>, Cancelled>
where
    T: Send,
    F: Fn(Range<usize>) -> Result<T, Cancelled> + Sync + Send,
{
    let size = total.div_ceil(CHUNKS).max(1);
    ranges(total, size, CHUNKS, work)
}

/// Runs `work` on consecutive batches of `size` (the last one shorter) of
/// `0..total` in parallel and returns the results in batch order.
pub(crate) fn in_batches<T, F>(total: usize, size: usize, work: F) -> Result<Vec<T>, Cancelled>
where
    T: Send,
    F: Fn(Range<usize>) -> Result<T, Cancelled> + Sync + Send,
{
    let size = size.max(1);
    ranges(total, size, total.div_ceil(size), work)
}

fn ranges<T, F>(total: usize, size: usize, count: usize, work: F) -> Result<Vec<T>, Cancelled>
where
    T: Send,
    F: Fn(Range<usize>) -> Result<T, Cancelled> + Sync + Send,
{
    (0..count)
        .into_par_iter()
        .map(|c| (c * size).min(total)..((c + 1) * size).min(total))
        .filter(|r| !r.is_empty())
        .map(work)
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn ranges_cover_every_source_once_in_order() {
        for total in [0, 1, 63, 64, 65, 1000] {
            let chunks = in_chunks(total, Ok).unwrap();
            let flat: Vec<usize> = chunks.iter().cloned().flatten().collect();
            assert_eq!(flat, (0..total).collect::<Vec<_>>());
            assert!(chunks.len() <= CHUNKS);
            let batches = in_batches(total, 64, Ok).unwrap();
            let flat: Vec<usize> = batches.iter().cloned().flatten().collect();
            assert_eq!(flat, (0..total).collect::<Vec<_>>());
            assert!(batches.iter().all(|r| r.len() <= 64));
        }
    }

    #[test]
    fn sums_are_bit_identical_whatever_the_thread_count() {
        let values: Vec<f64> = (0..10_000).map(|i| 1.0 / (1.0 + i as f64)).collect();
        let sum = || {
            in_chunks(values.len(), |r| Ok(values[r].iter().sum::<f64>()))
                .unwrap()
                .iter()
                .sum::<f64>()
        };
        let one = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap()
            .install(sum);
        let many = rayon::ThreadPoolBuilder::new()
            .num_threads(7)
            .build()
            .unwrap()
            .install(sum);
        assert_eq!(one.to_bits(), many.to_bits());
    }

    #[test]
    fn a_cancelled_range_cancels_the_run() {
        let r = in_chunks(100, |r| {
            if r.contains(&50) {
                Err(Cancelled)
            } else {
                Ok(())
            }
        });
        assert!(r.is_err());
    }
}
