//! Groupings of actors by an attribute (sector by default), for brokerage,
//! E-I index, silo gaps and modularity of a given partition.

use crate::model::{AnalysisView, Network};
use std::collections::{HashMap, HashSet};

/// A partition of the view's nodes into named groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Grouping {
    /// The attribute grouped by (e.g. `sector`).
    pub attribute: String,
    /// Group names, in order of first appearance among the nodes (for
    /// `sector`, in the map's sector-list order instead, unused ones left out).
    pub names: Vec<String>,
    /// `of[v]`: the group index of node v.
    pub of: Vec<usize>,
}

/// The attributes a grouping can use besides free attributes.
pub const GROUPABLE: [&str; 6] = [
    "sector",
    "kind",
    "organisation",
    "profession",
    "stance",
    "formal_position",
];

impl Grouping {
    /// Groups the view's nodes by `attribute`: one of [`GROUPABLE`] or the
    /// name of a free attribute (`attributes[NAME]`). Actors with no value
    /// form the group `(none)`. Errs with a message naming the choices if no
    /// actor has the attribute.
    pub fn by(network: &Network, view: &AnalysisView, attribute: &str) -> Result<Grouping, String> {
        let value = |i: usize| -> Option<String> {
            let a = network.actor(view.id(i)?)?;
            let text = |s: &str| (!s.is_empty()).then(|| s.to_owned());
            let enum_text = |v: serde_json::Value| v.as_str().map(str::to_owned);
            match attribute {
                "sector" => text(&a.sector),
                "kind" => serde_json::to_value(a.kind).ok().and_then(enum_text),
                "organisation" => text(&a.organisation),
                "profession" => a
                    .profession
                    .and_then(|p| serde_json::to_value(p).ok())
                    .and_then(enum_text),
                "stance" => serde_json::to_value(a.stance).ok().and_then(enum_text),
                "formal_position" => a.formal_position.map(|p| p.to_string()),
                other => a.attributes.get(other).and_then(|v| text(v)),
            }
        };
        let n = view.node_count();
        let values: Vec<Option<String>> = (0..n).map(value).collect();
        if n > 0 && values.iter().all(Option::is_none) && !GROUPABLE.contains(&attribute) {
            return Err(format!(
                "no actor has the attribute \"{attribute}\"; group by one of {} or an attribute the actors have",
                GROUPABLE.join(", ")
            ));
        }
        let mut names: Vec<String> = Vec::new();
        if attribute == "sector" {
            // The map's sector order, for the sectors someone is in.
            let mut used: HashSet<&str> = values.iter().flatten().map(String::as_str).collect();
            for s in &network.sectors {
                if used.remove(s.name.as_str()) {
                    names.push(s.name.clone());
                }
            }
        }
        let mut index: HashMap<String, usize> = names
            .iter()
            .enumerate()
            .map(|(i, s)| (s.clone(), i))
            .collect();
        let of = values
            .into_iter()
            .map(|v| {
                let key = v.unwrap_or_else(|| "(none)".to_owned());
                *index.entry(key.clone()).or_insert_with(|| {
                    names.push(key);
                    names.len() - 1
                })
            })
            .collect();
        Ok(Grouping {
            attribute: attribute.to_owned(),
            names,
            of,
        })
    }

    /// `Err` with a message for the user when there are more than `max`
    /// groups for `what` (say "the silo map"), whose cost grows with the
    /// square of the number of groups.
    pub fn at_most(&self, max: usize, what: &str) -> Result<(), String> {
        let k = self.len();
        if k <= max {
            return Ok(());
        }
        let noun = if self.attribute == "sector" {
            "sectors".to_owned()
        } else {
            format!("values of \"{}\"", self.attribute)
        };
        Err(format!(
            "the map has {k} {noun}; {what} compares at most {max}, each with every other. So many usually means they were read from the wrong column: give actors fewer {noun} (a column of a few dozen values at most), or group by another attribute"
        ))
    }

    /// Number of groups.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are no groups (an empty map).
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The group name of node v.
    pub fn name_of(&self, v: usize) -> &str {
        self.of
            .get(v)
            .and_then(|&g| self.names.get(g))
            .map(String::as_str)
            .unwrap_or("(none)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ViewOptions};

    #[test]
    fn sector_groups_follow_the_sector_list_and_other_attributes_first_use() {
        let mut n = Network::new();
        let mut a = Actor::new("a", "A", "social care");
        a.attributes.insert("team".into(), "red".into());
        n.add_actor(a).unwrap();
        n.add_actor(Actor::new("b", "B", "primary care")).unwrap();
        let v = AnalysisView::new(&n, &ViewOptions::default());
        let g = Grouping::by(&n, &v, "sector").unwrap();
        assert_eq!(g.names, vec!["primary care", "social care"]);
        assert_eq!(g.of, vec![1, 0]);
        let g = Grouping::by(&n, &v, "team").unwrap();
        assert_eq!(g.names, vec!["red", "(none)"]);
        assert!(
            Grouping::by(&n, &v, "colour")
                .unwrap_err()
                .contains("no actor has the attribute \"colour\"")
        );
    }

    /// A file that gives every actor a sector of its own is grouped in
    /// linear time, and the silo measures refuse it with a message.
    #[test]
    fn a_sector_for_every_actor_is_grouped_and_then_refused_by_count() {
        let mut n = Network::new();
        for i in 0..150 {
            let sector = format!("sector {i}");
            n.ensure_sector(&sector);
            let mut a = Actor::new(format!("a{i}"), "A", sector);
            a.organisation = ["GP", "trust", "council"]
                .get(i)
                .copied()
                .unwrap_or("")
                .into();
            n.add_actor(a).unwrap();
        }
        n.ensure_sector("nobody");
        let v = AnalysisView::new(&n, &ViewOptions::default());
        let g = Grouping::by(&n, &v, "sector").unwrap();
        assert_eq!(g.len(), 150, "the unused sector left out");
        assert_eq!(g.names[149], "sector 149");
        assert!(g.at_most(150, "the silo map").is_ok());
        let e = g.at_most(100, "the silo map").unwrap_err();
        assert!(
            e.starts_with("the map has 150 sectors; the silo map compares at most 100"),
            "{e}"
        );
        let g = Grouping::by(&n, &v, "organisation").unwrap();
        let e = g.at_most(3, "x").unwrap_err();
        assert!(e.contains("4 values of \"organisation\""), "{e}");
    }
}
