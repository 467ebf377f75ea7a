//! How far a job has got.

/// The progress of a job's current stage, as the analysis reported it
/// through its [`Control`](crate::analysis::Control).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// The stage, as the measure names it (`"betweenness"`).
    pub stage: String,
    /// Steps done (source nodes, for path measures).
    pub done: usize,
    /// Steps in the stage; 0 when not known yet.
    pub total: usize,
}

impl Progress {
    /// Done as a fraction of the stage, in 0..=1 (0 when the total is not
    /// known).
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            0.0
        } else {
            (self.done.min(self.total) as f64 / self.total as f64) as f32
        }
    }

    /// A short line for a status bar: `"betweenness 3,120 / 20,000"`, or
    /// the stage alone while the total is not known.
    pub fn label(&self) -> String {
        if self.total == 0 {
            self.stage.clone()
        } else {
            format!(
                "{} {} / {}",
                self.stage,
                thousands(self.done.min(self.total)),
                thousands(self.total)
            )
        }
    }

    /// Whether `next` (reported later) should replace this: a new stage, a
    /// restart (`done == 0`) or more done. Reports from parallel workers can
    /// arrive slightly out of order; this keeps the shown count from going
    /// backwards.
    pub(crate) fn superseded_by(&self, next: &Progress) -> bool {
        next.stage != self.stage
            || next.total != self.total
            || next.done == 0
            || next.done >= self.done
    }
}

/// `n` with a comma between thousands: 20000 → "20,000".
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_and_fraction() {
        let p = Progress {
            stage: "betweenness".into(),
            done: 3120,
            total: 20000,
        };
        assert_eq!(p.label(), "betweenness 3,120 / 20,000");
        assert!((p.fraction() - 0.156).abs() < 1e-6);
        assert_eq!(Progress::default().fraction(), 0.0);
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn never_goes_backwards_within_a_stage() {
        let at = |done| Progress {
            stage: "closeness".into(),
            done,
            total: 100,
        };
        assert!(!at(40).superseded_by(&at(39)));
        assert!(at(40).superseded_by(&at(41)));
        assert!(at(40).superseded_by(&at(0)), "a restart");
        let other = Progress {
            stage: "betweenness".into(),
            done: 1,
            total: 100,
        };
        assert!(at(40).superseded_by(&other));
    }
}
