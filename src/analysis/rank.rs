//! Percentile ranks, used to put measures on a common 0–1 scale.

/// The percentile rank of every value: (number of values below it + half
/// the number of others equal to it) / (n − 1), so the smallest is 0, the
/// largest 1, and ties share the average. NaN counts as smallest. A single
/// value gets 0.5. O(n log n).
///
/// ```
/// use bridgework::analysis::percentile_ranks;
/// assert_eq!(percentile_ranks(&[3.0, 1.0, 2.0]), vec![1.0, 0.0, 0.5]);
/// assert_eq!(percentile_ranks(&[1.0, 1.0]), vec![0.5, 0.5]);
/// ```
pub fn percentile_ranks(values: &[f64]) -> Vec<f64> {
    let n = values.len();
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![0.5];
    }
    let key = |v: f64| if v.is_nan() { f64::NEG_INFINITY } else { v };
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| key(values[a]).total_cmp(&key(values[b])).then(a.cmp(&b)));
    let mut ranks = vec![0.0; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && key(values[order[j + 1]]) == key(values[order[i]]) {
            j += 1;
        }
        // Positions i..=j are tied: average rank (i + j) / 2.
        let r = (i + j) as f64 / 2.0 / (n - 1) as f64;
        for &k in &order[i..=j] {
            ranks[k] = r;
        }
        i = j + 1;
    }
    ranks
}
