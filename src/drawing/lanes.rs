//! Parallel ties: when several ties join the same two actors, each gets a
//! lane and is drawn as a gentle quadratic curve bowed to its side of the
//! straight line, so none hides another ([`lanes`], [`bow_control`]).

use std::collections::HashMap;

/// How far from the straight line a tie in lane ±1 bows at its middle
/// (points); lane ±½ (two parallel ties) half that.
pub const LANE_BOW: f32 = 16.0;

/// Each tie's lane among the ties drawn between the same two actors
/// (`None`: not drawn), whatever their kinds and directions, so that
/// parallel ties are drawn apart rather than on top of each other.
///
/// The `m` ties between one pair get lanes `j − (m − 1) / 2` for
/// `j = 0..m` in map order: one tie 0 (straight), two ±½, three −1, 0, 1.
/// Those lanes are sides of the line from the lower-indexed actor to the
/// other; each is returned in its tie's own direction (negated for a tie
/// from the higher-indexed actor), as [`bow_control`] takes it, so ties in
/// different lanes bow to different sides whichever way they point: A→B
/// and B→A end up mirrored. Self-ties get lane 0. O(m) (a hash map over
/// pairs).
///
/// # Example
///
/// ```
/// use bridgework::drawing::lanes;
/// let ends = [Some((0, 1)), Some((1, 0)), Some((1, 2)), None];
/// assert_eq!(lanes(&ends), vec![-0.5, -0.5, 0.0, 0.0]);
/// ```
pub fn lanes(ends: &[Option<(usize, usize)>]) -> Vec<f32> {
    let pair = |(a, b): (usize, usize)| (a.min(b), a.max(b));
    let mut count: HashMap<(usize, usize), u32> = HashMap::new();
    for &(a, b) in ends.iter().flatten() {
        if a != b {
            *count.entry(pair((a, b))).or_default() += 1;
        }
    }
    let mut seen: HashMap<(usize, usize), u32> = HashMap::new();
    ends.iter()
        .map(|e| match *e {
            Some((a, b)) if a != b => {
                let key = pair((a, b));
                let m = count.get(&key).copied().unwrap_or(1);
                let j = seen.entry(key).or_default();
                let lane = *j as f32 - (m as f32 - 1.0) / 2.0;
                *j += 1;
                if a < b { lane } else { -lane }
            }
            _ => 0.0,
        })
        .collect()
}

/// The control point of the quadratic Bézier a tie from `p0` to `p2` in
/// `lane` is drawn along (screen points, y down), or `None` when it is
/// straight (lane 0, or the ends on top of each other). The curve's middle
/// lies `lane × LANE_BOW` points to the left of the straight line (looking
/// from `p0`), at most a third of the distance between the ends; a
/// quadratic Bézier's middle is halfway to its control point.
///
/// # Example
///
/// ```
/// use bridgework::drawing::bow_control;
/// assert_eq!(bow_control([0.0, 0.0], [100.0, 0.0], 0.0), None);
/// // Lane ½ bows 8 points to the left (up, on screen): control 16 up.
/// assert_eq!(bow_control([0.0, 0.0], [100.0, 0.0], 0.5), Some([50.0, -16.0]));
/// ```
pub fn bow_control(p0: [f32; 2], p2: [f32; 2], lane: f32) -> Option<[f32; 2]> {
    let d = [p2[0] - p0[0], p2[1] - p0[1]];
    let len = d[0].hypot(d[1]);
    if lane == 0.0 || len < 1e-3 {
        return None;
    }
    let n = [d[1] / len, -d[0] / len];
    let bow = (lane * LANE_BOW).clamp(-len / 3.0, len / 3.0);
    Some([
        p0[0] + d[0] * 0.5 + n[0] * 2.0 * bow,
        p0[1] + d[1] * 0.5 + n[1] * 2.0 * bow,
    ])
}
