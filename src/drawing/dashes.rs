//! Tie kinds' dash patterns, as the canvas draws them and the exports
//! write them (`stroke-dasharray`).

use crate::model::Dash;

/// The dash pattern of `dash` as (length, drawn) runs in points at line
/// width 1; at width `w` every run is `√max(w, 1)` times as long.
///
/// # Example
///
/// ```
/// use bridgework::drawing::dash_pattern;
/// use bridgework::model::Dash;
/// assert_eq!(dash_pattern(Dash::Dashed), &[(9.0, true), (6.0, false)]);
/// ```
pub fn dash_pattern(dash: Dash) -> &'static [(f32, bool)] {
    match dash {
        Dash::Solid => &[(1.0, true)],
        Dash::Dashed => &[(9.0, true), (6.0, false)],
        Dash::Dotted => &[(2.5, true), (4.0, false)],
        Dash::DashDot => &[(9.0, true), (4.0, false), (2.5, true), (4.0, false)],
    }
}

/// The run lengths of `dash` for a line `width` points wide (empty for a
/// solid line): drawn, gap, drawn, gap …, as `stroke-dasharray` takes them.
pub fn dash_array(dash: Dash, width: f32) -> Vec<f32> {
    if dash == Dash::Solid {
        return Vec::new();
    }
    let k = width.max(1.0).sqrt();
    dash_pattern(dash).iter().map(|(l, _)| l * k).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dash_arrays_grow_with_the_root_of_the_width() {
        assert!(dash_array(Dash::Solid, 4.0).is_empty());
        assert_eq!(dash_array(Dash::Dashed, 4.0), vec![18.0, 12.0]);
        assert_eq!(dash_array(Dash::Dotted, 0.5), vec![2.5, 4.0]);
    }
}
