//! The rules a map must satisfy, checked all at once so that a user who
//! edits a file by hand sees every problem with its place, not one at a time.

use super::network::Network;
use std::collections::HashMap;
use std::fmt;

/// One rule a map breaks, with the place it breaks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationIssue {
    /// Where: a path into the file, like `actors[12].sector`.
    pub place: String,
    /// What is wrong and, where it helps, what to do.
    pub message: String,
}

impl fmt::Display for ValidationIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

/// ` (did you mean "hospital care"?)` when a known name is close to `got`
/// (Jaro–Winkler similarity ≥ 0.85, ignoring case; favours a shared start,
/// as typos and abbreviations of sector names have).
pub fn did_you_mean<'a>(got: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let got_l = got.to_lowercase();
    let best = known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&got_l, &k.to_lowercase()), k))
        .filter(|(score, _)| *score >= 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((_, k)) => format!(" (did you mean \"{k}\"?)"),
        None => String::new(),
    }
}

pub(super) fn validate_network(n: &Network) -> Vec<ValidationIssue> {
    let mut issues = Vec::new();
    let mut push = |place: String, message: String| issues.push(ValidationIssue { place, message });

    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, s) in n.sectors.iter().enumerate() {
        if s.name.trim().is_empty() {
            push(format!("sectors[{i}].name"), "a sector needs a name".into());
        } else if s.name.trim() != s.name {
            push(
                format!("sectors[{i}].name"),
                format!("\"{}\" has spaces at either end; remove them", s.name),
            );
        } else if let Some(first) = seen.insert(&s.name, i) {
            push(
                format!("sectors[{i}].name"),
                format!("duplicate sector \"{}\" (also sectors[{first}])", s.name),
            );
        }
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, k) in n.tie_kinds.iter().enumerate() {
        if k.name.trim().is_empty() {
            push(
                format!("tie_kinds[{i}].name"),
                "a tie kind needs a name".into(),
            );
        } else if k.name.trim() != k.name {
            push(
                format!("tie_kinds[{i}].name"),
                format!("\"{}\" has spaces at either end; remove them", k.name),
            );
        } else if let Some(first) = seen.insert(&k.name, i) {
            push(
                format!("tie_kinds[{i}].name"),
                format!(
                    "duplicate tie kind \"{}\" (also tie_kinds[{first}])",
                    k.name
                ),
            );
        }
    }

    let sector_names = || n.sectors.iter().map(|s| s.name.as_str());
    let sectors = n.sectors_by_name();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, a) in n.actors().iter().enumerate() {
        let at = |field: &str| format!("actors[{i}].{field}");
        let id = a.id().as_str();
        if id.is_empty() {
            push(at("id"), "an actor needs a non-empty id".into());
        } else if let Some(first) = ids.insert(id, i) {
            push(
                at("id"),
                format!("duplicate id \"{id}\" (first used by actors[{first}])"),
            );
        }
        if a.name.trim().is_empty() {
            push(at("name"), format!("actor \"{id}\" has no name"));
        }
        if a.sector.is_empty() {
            push(
                at("sector"),
                format!("actor \"{id}\" has no sector; give it one of the map's sectors"),
            );
        } else if !sectors.contains_key(a.sector.as_str()) {
            push(
                at("sector"),
                format!(
                    "unknown sector \"{}\"{}; use a name from the map's \"sectors\" list or add it there",
                    a.sector,
                    did_you_mean(&a.sector, sector_names())
                ),
            );
        }
        for (field, value) in [
            ("formal_position", a.formal_position),
            ("influence", a.influence),
        ] {
            if let Some(v) = value
                && !(1..=5).contains(&v)
            {
                push(at(field), format!("{v} is out of range; use 1 to 5"));
            }
        }
        for (k, tag) in a.tags.iter().enumerate() {
            if tag.trim().is_empty() || tag.trim() != tag || tag.contains(';') {
                push(
                    format!("actors[{i}].tags[{k}]"),
                    format!(
                        "{tag:?} is not a valid tag; a tag is non-empty text without ';' or spaces at either end"
                    ),
                );
            }
        }
        for (field, value) in [("x", a.x), ("y", a.y)] {
            if let Some(v) = value
                && !v.is_finite()
            {
                push(at(field), "must be a finite number".into());
            }
        }
    }

    let kind_names = || n.tie_kinds.iter().map(|k| k.name.as_str());
    let kinds = n.tie_kinds_by_name();
    let mut tie_ids: HashMap<&str, usize> = HashMap::new();
    for (i, t) in n.ties().iter().enumerate() {
        let at = |field: &str| format!("ties[{i}].{field}");
        let id = t.id().as_str();
        if id.is_empty() {
            push(at("id"), "a tie needs a non-empty id".into());
        } else if let Some(first) = tie_ids.insert(id, i) {
            push(
                at("id"),
                format!("duplicate id \"{id}\" (first used by ties[{first}])"),
            );
        }
        for (field, end) in [("from", t.from()), ("to", t.to())] {
            if n.actor(end).is_none() {
                push(
                    at(field),
                    format!("no actor with id \"{end}\"; add the actor or remove the tie"),
                );
            }
        }
        if !kinds.contains_key(t.kind.as_str()) {
            push(
                at("kind"),
                format!(
                    "unknown tie kind \"{}\"{}; use a name from the map's \"tie_kinds\" list or add it there",
                    t.kind,
                    did_you_mean(&t.kind, kind_names())
                ),
            );
        }
        if !(t.strength.is_finite() && t.strength > 0.0) {
            push(
                at("strength"),
                format!(
                    "{} is not a valid strength; use a positive number",
                    t.strength
                ),
            );
        } else if !(super::tie::MIN_STRENGTH..=super::tie::MAX_STRENGTH).contains(&t.strength) {
            push(
                at("strength"),
                format!(
                    "{} is too {} a strength: Bridgework takes {:e} to {:e}, so that every measure stays a finite number; rescale the weights (divide or multiply them all by the same number)",
                    t.strength,
                    if t.strength < 1.0 { "small" } else { "large" },
                    super::tie::MIN_STRENGTH,
                    super::tie::MAX_STRENGTH
                ),
            );
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use crate::model::{Actor, Network, Tie};

    fn places(n: &Network) -> Vec<String> {
        n.validate().into_iter().map(|i| i.to_string()).collect()
    }

    #[test]
    fn a_default_map_with_good_actors_is_valid() {
        let mut n = Network::new();
        n.add_actor(Actor::new("a", "Ann", "primary care")).unwrap();
        assert!(n.validate().is_empty());
    }

    #[test]
    fn unknown_sector_names_the_place_and_suggests() {
        let mut n = Network::new();
        n.sectors.push(crate::model::Sector {
            name: "Hospital".into(),
            colour: crate::model::Colour::rgb(1, 2, 3),
            shape: crate::model::Shape::Circle,
        });
        n.add_actor(Actor::new("a", "Ann", "Hospitl")).unwrap();
        let p = places(&n);
        assert_eq!(p.len(), 1);
        assert!(
            p[0].starts_with(
                "actors[0].sector: unknown sector \"Hospitl\" (did you mean \"Hospital\"?)"
            ),
            "{p:?}"
        );
    }

    #[test]
    fn ranges_strengths_and_kinds_are_checked() {
        let mut n = Network::new();
        let mut a = Actor::new("a", "Ann", "primary care");
        a.influence = Some(7);
        a.formal_position = Some(0);
        a.x = Some(f64::NAN);
        a.tags = vec!["ok".into(), "a;b".into()];
        n.add_actor(a).unwrap();
        n.add_actor(Actor::new("b", " ", "")).unwrap();
        let mut t = Tie::new("t", "a", "b", "colaboration", false);
        t.strength = -1.0;
        n.add_tie(t).unwrap();
        for (id, w) in [("big", 1e308), ("tiny", 1e-300)] {
            let mut t = Tie::new(id, "a", "b", "collaboration", false);
            t.strength = w;
            n.add_tie(t).unwrap();
        }
        let p = places(&n).join("\n");
        for want in [
            "actors[0].influence: 7 is out of range",
            "actors[0].formal_position: 0 is out of range",
            "actors[0].x: must be a finite number",
            "actors[0].tags[1]: \"a;b\" is not a valid tag",
            "actors[1].name: actor \"b\" has no name",
            "actors[1].sector: actor \"b\" has no sector",
            "ties[0].kind: unknown tie kind \"colaboration\" (did you mean \"collaboration\"?)",
            "ties[0].strength: -1 is not a valid strength",
            "ties[1].strength: 100000000000000000000000000000000000",
            "is too large a strength: Bridgework takes 1e-9 to 1e12",
            "ties[2].strength: 0.0000000000",
            "is too small a strength",
        ] {
            assert!(p.contains(want), "missing {want:?} in\n{p}");
        }
    }

    #[test]
    fn duplicate_sector_and_kind_names_are_reported() {
        let mut n = Network::new();
        let s = n.sectors[0].clone();
        n.sectors.push(s);
        let k = n.tie_kinds[1].clone();
        n.tie_kinds.push(k);
        let p = places(&n).join("\n");
        assert!(
            p.contains("sectors[11].name: duplicate sector \"primary care\" (also sectors[0])"),
            "{p}"
        );
        assert!(
            p.contains("tie_kinds[6].name: duplicate tie kind \"referral\" (also tie_kinds[1])"),
            "{p}"
        );
    }
}
