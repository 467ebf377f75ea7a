//! How much of a crowded map's ties a frame may draw while the view moves,
//! adapted to how long frames take on this machine.
//!
//! A software renderer (Mesa llvmpipe) spends its time filling long thin
//! ties: a 5,000-actor map zoomed out has about 14 million points of tie
//! length on screen, half a second a frame there, while a GPU draws it in a
//! few milliseconds. So a moving view draws its strongest ties up to a
//! length budget, and the budget follows the measured frame time: it
//! shrinks while moving frames take longer than [`TARGET_SECONDS`] and grows
//! again while they are quick, so the same code keeps a wheel zoom fluid on
//! llvmpipe and draws every tie on a GPU.
//!
//! At rest a frame may take longer, but not half a second: once moving
//! frames have shown this machine to be slow (the budget is below its
//! ceiling), a frame at rest draws up to [`REST_FACTOR`] times the moving
//! budget — level of detail when zoomed out on a software renderer, said
//! on the map in words. Until then (and always on a fast machine) a frame
//! at rest draws every tie.

/// The frame time a moving view aims for (seconds): under the 50 ms a
/// frame may take, with room for the frames that vary.
pub(super) const TARGET_SECONDS: f32 = 0.030;

/// The budget a session starts with (points of tie length on screen).
pub(super) const START_POINTS: f32 = 1_000_000.0;

/// Never fewer than this many points: enough for the strongest ties of
/// any map to stay visible while it moves.
pub(super) const MIN_POINTS: f32 = 100_000.0;

/// Never more than this (a GPU frame): beyond any map's ties on screen.
pub(super) const MAX_POINTS: f32 = 100_000_000.0;

/// A frame at rest may draw this many times the moving budget.
pub(super) const REST_FACTOR: f32 = 2.5;

/// The moving-view tie budget (see the module documentation).
#[derive(Debug, Clone)]
pub(super) struct TieBudget {
    points: f32,
    /// Whether the last frame was drawn with the view moving.
    last_moving: bool,
    /// Whether the last frame left ties out to keep within the budget.
    last_skipped: bool,
    /// Whether a moving frame has been timed (the budget says something
    /// about this machine).
    measured: bool,
}

impl Default for TieBudget {
    fn default() -> Self {
        Self {
            points: START_POINTS,
            last_moving: false,
            last_skipped: false,
            measured: false,
        }
    }
}

impl TieBudget {
    /// The budget for this frame: `None` draws every tie. `dt` is the time since the last frame began (seconds); it
    /// measures a moving frame only when the last frame moved too, so the
    /// pause before a gesture never counts.
    pub(super) fn for_frame(&mut self, moving: bool, dt: f32) -> Option<f32> {
        if moving && self.last_moving && dt.is_finite() && dt > 0.0 && dt < 2.0 {
            if dt > TARGET_SECONDS {
                // Slower than the target: shrink in proportion (at most
                // halving a frame, so one slow frame cannot empty the map).
                self.points *= (TARGET_SECONDS / dt).max(0.5);
            } else if dt < 0.6 * TARGET_SECONDS && self.last_skipped {
                // Quick, and ties were left out: draw a quarter more.
                self.points *= 1.25;
            }
            self.points = self.points.clamp(MIN_POINTS, MAX_POINTS);
            self.measured = true;
        }
        self.last_moving = moving;
        if moving {
            Some(self.points)
        } else {
            (self.measured && self.points < MAX_POINTS).then_some(self.points * REST_FACTOR)
        }
    }

    /// Records whether the frame just drawn left ties out.
    pub(super) fn drew(&mut self, skipped: bool) {
        self.last_skipped = skipped;
    }

    /// The current budget (points of tie length on screen).
    #[cfg(test)]
    pub(super) fn points(&self) -> f32 {
        self.points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_rest_every_tie_is_drawn_until_the_machine_is_known_to_be_slow() {
        let mut b = TieBudget::default();
        assert_eq!(b.for_frame(false, 0.5), None);
        assert_eq!(b.for_frame(false, 0.01), None);
        // A quick machine: the budget climbs to its ceiling; at rest, all.
        for _ in 0..200 {
            b.for_frame(true, 0.001);
            b.drew(true);
        }
        assert_eq!(b.for_frame(false, 0.5), None);
        // A slow one: at rest, a few times what a moving frame draws.
        let mut b = TieBudget::default();
        b.for_frame(true, 0.02);
        b.drew(true);
        let moving = b.for_frame(true, 0.120).unwrap_or(f32::NAN);
        assert_eq!(moving, START_POINTS * 0.5);
        assert_eq!(b.for_frame(false, 0.5), Some(moving * REST_FACTOR));
    }

    #[test]
    fn slow_moving_frames_shrink_the_budget_until_the_floor() {
        let mut b = TieBudget::default();
        // The first moving frame follows a pause: its dt says nothing.
        assert_eq!(b.for_frame(true, 1.5), Some(START_POINTS));
        b.drew(true);
        let after_one = b.for_frame(true, 0.070).unwrap_or(f32::NAN);
        assert!((after_one - START_POINTS * 0.5).abs() < 1.0, "{after_one}");
        b.drew(true);
        let after_two = b.for_frame(true, 0.050).unwrap_or(f32::NAN);
        assert!(
            (after_two - after_one * TARGET_SECONDS / 0.050).abs() < 1.0,
            "{after_two}"
        );
        for _ in 0..100 {
            b.drew(true);
            b.for_frame(true, 1.0);
        }
        assert_eq!(b.points(), MIN_POINTS);
    }

    #[test]
    fn quick_frames_grow_it_only_while_ties_are_left_out() {
        let mut b = TieBudget::default();
        b.for_frame(true, 0.3);
        b.drew(false);
        assert_eq!(b.for_frame(true, 0.005), Some(START_POINTS));
        b.drew(true);
        assert_eq!(b.for_frame(true, 0.005), Some(START_POINTS * 1.25));
        // A frame at the target neither grows nor shrinks it.
        b.drew(true);
        assert_eq!(
            b.for_frame(true, TARGET_SECONDS * 0.9),
            Some(START_POINTS * 1.25)
        );
        for _ in 0..200 {
            b.drew(true);
            b.for_frame(true, 0.001);
        }
        assert_eq!(b.points(), MAX_POINTS);
    }

    #[test]
    fn the_pause_before_a_gesture_is_not_a_slow_frame() {
        let mut b = TieBudget::default();
        b.for_frame(true, 0.02);
        b.for_frame(false, 0.02);
        // Resting, then moving again after three seconds.
        assert_eq!(b.for_frame(true, 3.0), Some(START_POINTS));
        // A dt beyond two seconds is a stall, not a frame.
        assert_eq!(b.for_frame(true, 3.0), Some(START_POINTS));
    }
}
