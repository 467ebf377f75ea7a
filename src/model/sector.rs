//! Sectors (the parts of a health and care system an actor belongs to) and
//! tie kinds (what a tie means), with the defaults a new map starts from.

use super::style::{Colour, Dash, GREY, OKABE_ITO, PALETTE, Shape};
use serde::{Deserialize, Serialize};

/// One entry of a map's sector list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    /// The sector's name, unique within the map (compared exactly).
    pub name: String,
    /// Fill colour of its actors.
    pub colour: Colour,
    /// Shape of its actors, distinct per sector in the defaults.
    pub shape: Shape,
}

/// One entry of a map's tie-kind list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TieKind {
    /// The kind's name, unique within the map (compared exactly).
    pub name: String,
    /// Line colour.
    pub colour: Colour,
    /// Line dash.
    pub dash: Dash,
    /// Whether a new tie of this kind starts out directed (an arrow).
    /// Each tie records its own direction; this is only the default.
    #[serde(default)]
    pub directed: bool,
    /// Whether ties of this kind count in analysis by default. A conflict
    /// tie is a relationship but not a channel for influence, so the default
    /// `conflict` kind is left out unless the user asks for it.
    #[serde(default = "yes")]
    pub include_in_analysis: bool,
}

fn yes() -> bool {
    true
}

/// The default sectors of a new map, in display order. Each has its own
/// colour from the colour-blind-safe [`PALETTE`] (red, the twelfth, is left
/// for the first sector a user adds) and its own shape, so no two defaults
/// look alike, even in greyscale.
pub fn default_sectors() -> Vec<Sector> {
    let [
        orange,
        sky,
        green,
        yellow,
        blue,
        vermillion,
        purple,
        indigo,
        grey,
        olive,
        _red,
        wine,
    ] = PALETTE;
    let s = |name: &str, colour: Colour, shape: Shape| Sector {
        name: name.to_owned(),
        colour,
        shape,
    };
    vec![
        s("primary care", orange, Shape::Circle),
        s("hospital care", blue, Shape::Square),
        s("community health", green, Shape::Triangle),
        s("mental health", purple, Shape::Diamond),
        s("social care", vermillion, Shape::Hexagon),
        s("voluntary & community sector", sky, Shape::TriangleDown),
        s("public health", yellow, Shape::Pentagon),
        s("commissioning (ICB)", grey, Shape::Star),
        s("local government", indigo, Shape::Cross),
        s("patients & carers", wine, Shape::Octagon),
        s("education & research", olive, Shape::Bowtie),
    ]
}

/// The default tie kinds of a new map.
pub fn default_tie_kinds() -> Vec<TieKind> {
    let [_orange, sky, green, _yellow, blue, vermillion, purple] = OKABE_ITO;
    let k = |name: &str, colour: Colour, dash: Dash, directed: bool, include: bool| TieKind {
        name: name.to_owned(),
        colour,
        dash,
        directed,
        include_in_analysis: include,
    };
    vec![
        k("collaboration", GREY, Dash::Solid, false, true),
        k("referral", blue, Dash::Solid, true, true),
        k("commissioning", green, Dash::Dashed, true, true),
        k("line management", purple, Dash::DashDot, true, true),
        k("informal/advice", sky, Dash::Dotted, false, true),
        k("conflict", vermillion, Dash::Dashed, false, false),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::style::{MIN_DELTA_E, SELECTION, generated_colours};
    use std::collections::HashSet;

    #[test]
    fn default_sector_colours_differ_pairwise() {
        let sectors = default_sectors();
        for (i, a) in sectors.iter().enumerate() {
            for b in &sectors[i + 1..] {
                let d = a.colour.delta_e76(b.colour);
                assert!(d >= MIN_DELTA_E, "{} and {}: ΔE76 {d:.1}", a.name, b.name);
            }
            assert!(PALETTE.contains(&a.colour), "{} is off the palette", a.name);
        }
    }

    #[test]
    fn selection_is_far_from_every_default_and_generated_colour() {
        let sectors = default_sectors().into_iter().map(|s| s.colour);
        let kinds = default_tie_kinds().into_iter().map(|k| k.colour);
        let generated = generated_colours().iter().copied();
        for c in sectors.chain(kinds).chain(generated) {
            let d = c.delta_e76(SELECTION);
            assert!(
                d >= MIN_DELTA_E,
                "{c}: ΔE76 {d:.1} from the selection colour"
            );
        }
    }

    #[test]
    fn default_sectors_are_the_eleven_named_and_look_distinct() {
        let sectors = default_sectors();
        assert_eq!(sectors.len(), 11);
        let looks: HashSet<_> = sectors.iter().map(|s| (s.colour, s.shape)).collect();
        assert_eq!(looks.len(), 11, "two default sectors look alike");
        let shapes: HashSet<_> = sectors.iter().map(|s| s.shape).collect();
        assert_eq!(shapes.len(), 11, "shapes must differ so greyscale reads");
        assert!(sectors.iter().any(|s| s.name == "patients & carers"));
    }

    #[test]
    fn default_tie_kinds_have_unique_names() {
        let kinds = default_tie_kinds();
        let names: HashSet<_> = kinds.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names.len(), kinds.len());
        assert!(
            !kinds
                .iter()
                .find(|k| k.name == "conflict")
                .unwrap()
                .include_in_analysis
        );
    }
}
