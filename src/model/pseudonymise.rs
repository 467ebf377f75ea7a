//! A pseudonymised copy of a map: names replaced by stable codes, with the
//! key (code → name) kept apart, for sharing a map of named people with
//! someone who should see its shape but not who is who.
//!
//! **Codes.** Actors are numbered in the order of their ids (sorted as
//! text), one series per kind: `P001`, `P002`, … for people (and patient
//! voices and others), `O001`, … for organisations, `T001`, … for teams;
//! three digits, more when a series has a thousand or more. The same map
//! gives the same codes every time, whatever its actors' order. The code
//! is the actor's id and name in the copy (ids are often made from names).
//!
//! **What the copy leaves out**, on top of every private field (as
//! [`Network::shareable_copy`]): organisations, roles, notes, stances and
//! attributes of actors (except `surveyed`, set by the survey import and
//! saying nothing about who someone is), tags that contain a name, and
//! the notes and attributes of ties; ties are renumbered `t1`, `t2`, … in
//! map order. The title, the description and each metadata entry are kept
//! only when they hold no actor's name, organisation or role (the title
//! becomes "Pseudonymised map"). Sectors, tie kinds, kinds, professions,
//! influence, positions and the ties themselves are kept.
//!
//! Depends on nothing outside `model`.

use super::{ActorKind, ModelError, Network, Stance};
use std::collections::{BTreeMap, HashMap};

/// The one attribute a pseudonymised copy keeps.
pub const KEPT_ATTRIBUTE: &str = "surveyed";

/// One line of the key: a code and who it stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyEntry {
    /// The code in the copy (`P001`).
    pub code: String,
    /// The actor's id in the map.
    pub id: String,
    /// The actor's name.
    pub name: String,
    /// The actor's organisation (left out of the copy).
    pub organisation: String,
    /// The actor's role (left out of the copy).
    pub role: String,
}

/// A pseudonymised copy and its key.
#[derive(Clone, Debug, PartialEq)]
pub struct Pseudonymised {
    /// The copy, safe to share.
    pub network: Network,
    /// Code → actor, sorted by code; keep it local.
    pub key: Vec<KeyEntry>,
}

/// The series letter for an actor kind.
fn series(kind: ActorKind) -> char {
    match kind {
        ActorKind::Organisation => 'O',
        ActorKind::Team => 'T',
        ActorKind::Person | ActorKind::PatientVoice | ActorKind::Other => 'P',
    }
}

impl Network {
    /// A copy with names replaced by codes and the key to them; see the
    /// module docs of `model::pseudonymise`.
    ///
    /// # Errors
    /// Only if the map breaks its own rules (a tie to a missing actor).
    pub fn pseudonymised_copy(&self) -> Result<Pseudonymised, ModelError> {
        let shared = self.shareable_copy();
        // Codes: by id, one series a kind.
        let mut order: Vec<usize> = (0..shared.actors().len()).collect();
        order.sort_by(|&a, &b| {
            let id = |i: usize| shared.actors().get(i).map(|a| a.id().as_str());
            id(a).cmp(&id(b))
        });
        let mut counts: BTreeMap<char, usize> = BTreeMap::new();
        for a in shared.actors() {
            *counts.entry(series(a.kind)).or_default() += 1;
        }
        let mut next: BTreeMap<char, usize> = BTreeMap::new();
        let mut codes: HashMap<String, String> = HashMap::new();
        let mut key = Vec::new();
        for i in order {
            let (Some(a), Some(original)) = (shared.actors().get(i), self.actors().get(i)) else {
                continue;
            };
            let s = series(a.kind);
            let n = next.entry(s).or_default();
            *n += 1;
            let width = counts.get(&s).map_or(0, |c| c.to_string().len()).max(3);
            let code = format!("{s}{:0width$}", *n);
            codes.insert(a.id().as_str().to_owned(), code.clone());
            key.push(KeyEntry {
                code,
                id: original.id().as_str().to_owned(),
                name: original.name.clone(),
                organisation: original.organisation.clone(),
                role: original.role.clone(),
            });
        }
        key.sort_by(|a, b| a.code.cmp(&b.code));

        let secrets = Secrets::of(self);
        let mut copy = Network::with_lists(shared.sectors.clone(), shared.tie_kinds.clone());
        copy.title = if secrets.in_text(&shared.title) {
            "Pseudonymised map".to_owned()
        } else {
            shared.title.clone()
        };
        if !secrets.in_text(&shared.description) {
            copy.description = shared.description.clone();
        }
        copy.metadata = shared
            .metadata
            .iter()
            .filter(|(k, v)| !secrets.in_text(k) && !secrets.in_text(v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        copy.metadata.insert(
            "redacted".to_owned(),
            "pseudonymised: names replaced by codes (the key is kept apart); organisations, roles, notes, stances, attributes and private fields removed".to_owned(),
        );
        for a in shared.actors() {
            let Some(code) = codes.get(a.id().as_str()) else {
                continue;
            };
            let mut p = a.clone().with_id(code.as_str());
            p.name = code.clone();
            p.organisation.clear();
            p.role.clear();
            p.notes.clear();
            p.stance = Stance::Unknown;
            p.attributes.retain(|k, _| k == KEPT_ATTRIBUTE);
            p.tags.retain(|t| !secrets.in_text(t));
            copy.add_actor(p)?;
        }
        for (i, t) in shared.ties().iter().enumerate() {
            let end = |id: &super::ActorId| {
                codes
                    .get(id.as_str())
                    .cloned()
                    .ok_or_else(|| ModelError::UnknownActor(id.clone()))
            };
            let (from, to) = (end(t.from())?, end(t.to())?);
            let mut p = t.clone().with_ids(format!("t{}", i + 1), from, to);
            p.notes.clear();
            p.attributes.clear();
            copy.add_tie(p)?;
        }
        Ok(Pseudonymised { network: copy, key })
    }
}

/// The texts a pseudonymised copy must not hold: every actor's name,
/// organisation and role (folded to lower case; shorter than three
/// letters they are too common to check).
struct Secrets(Vec<String>);

impl Secrets {
    fn of(n: &Network) -> Self {
        let mut texts: Vec<String> = n
            .actors()
            .iter()
            .flat_map(|a| [&a.name, &a.organisation, &a.role])
            .map(|t| t.trim().to_lowercase())
            .filter(|t| t.chars().count() >= 3)
            .collect();
        texts.sort();
        texts.dedup();
        Self(texts)
    }

    /// Whether `text` holds one of them.
    fn in_text(&self, text: &str) -> bool {
        let text = text.to_lowercase();
        self.0.iter().any(|s| text.contains(s.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorField, Tie};

    fn map() -> Network {
        let mut n = Network::new();
        n.title = "Riverside diabetes network".to_owned();
        n.description = "Drawn with Zed Quinn at City Hospital".to_owned();
        let people = [
            ("zed", "Zed Quinn", ActorKind::Person),
            ("amara", "Amara Okafor", ActorKind::Person),
            ("city", "City Hospital", ActorKind::Organisation),
            ("crisis", "Crisis team", ActorKind::Team),
        ];
        for (id, name, kind) in people {
            let mut a = Actor::new(id, name, "primary care");
            a.kind = kind;
            a.organisation = "City Hospital".to_owned();
            a.role = "Clinical lead".to_owned();
            a.notes = format!("{name} is wary");
            a.stance = Stance::Sceptic;
            a.private.remove(&ActorField::Stance);
            a.attributes
                .insert("email".into(), format!("{id}@example.org"));
            a.attributes.insert("surveyed".into(), "true".into());
            a.tags = vec!["diabetes".into(), "ex-Zed Quinn".into()];
            n.add_actor(a).unwrap();
        }
        let mut t = Tie::new("amara-zed", "amara", "zed", "collaboration", true);
        t.notes = "Amara trusts Zed".into();
        n.add_tie(t).unwrap();
        n
    }

    #[test]
    fn codes_follow_ids_by_kind_and_the_key_maps_them_back() {
        let p = map().pseudonymised_copy().unwrap();
        let codes: Vec<(&str, &str)> = p
            .key
            .iter()
            .map(|e| (e.code.as_str(), e.id.as_str()))
            .collect();
        assert_eq!(
            codes,
            [
                ("O001", "city"),
                ("P001", "amara"),
                ("P002", "zed"),
                ("T001", "crisis")
            ]
        );
        let t = &p.network.ties()[0];
        assert_eq!((t.from().as_str(), t.to().as_str()), ("P001", "P002"));
        assert_eq!(t.id().as_str(), "t1");
        // The same map in another order gives the same codes.
        let mut reversed = Network::new();
        for a in map().actors().iter().rev() {
            reversed.add_actor(a.clone()).unwrap();
        }
        assert_eq!(reversed.pseudonymised_copy().unwrap().key, p.key);
    }

    #[test]
    fn nothing_about_who_anyone_is_is_left() {
        let original = map();
        let p = original.pseudonymised_copy().unwrap();
        let text = format!("{:?}", p.network);
        for a in original.actors() {
            for secret in [&a.name, &a.organisation, &a.role, &a.notes] {
                assert!(!text.contains(secret.as_str()), "{secret} in {text}");
            }
        }
        assert!(!text.contains("example.org"));
        assert!(!text.contains("Amara trusts"));
        assert!(
            p.network
                .actors()
                .iter()
                .all(|a| a.stance == Stance::Unknown)
        );
        assert_eq!(p.network.title, "Riverside diabetes network");
        assert!(p.network.description.is_empty());
        let a = &p.network.actors()[0];
        assert_eq!(a.tags, ["diabetes"]);
        assert_eq!(
            a.attributes.get("surveyed").map(String::as_str),
            Some("true")
        );
        assert!(p.network.validate().is_empty());
    }
}
