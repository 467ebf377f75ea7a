//! [`Attributes`]: the free attributes of an actor or a tie (the extra
//! columns of an imported file), name → value, in name order.
//!
//! A sorted `Vec` of pairs rather than a `BTreeMap`: most actors and ties
//! have none or a few, and a `BTreeMap` allocates a node for eleven
//! entries on its first insert (about 540 bytes for `String` pairs), which
//! made a 1.8 MB CSV of 220,000 ties with one extra column take 200 MB.
//! Here one attribute costs its two strings and 48 bytes. Lookups are a
//! binary search (O(log k)); an insert is O(k), and k is small.
//!
//! It reads and writes as a JSON object, as the `BTreeMap` did, in the
//! same order.

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// Name → value, in name order, each name once; see the module docs.
#[derive(Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Attributes {
    entries: Vec<(String, String)>,
}

impl Attributes {
    /// No attributes.
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }

    /// The value of `name`.
    pub fn get(&self, name: &str) -> Option<&String> {
        let i = self.find(name).ok()?;
        self.entries.get(i).map(|(_, v)| v)
    }

    /// The value of `name`, to change in place.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut String> {
        let i = self.find(name).ok()?;
        self.entries.get_mut(i).map(|(_, v)| v)
    }

    /// Whether `name` has a value.
    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Sets `name` to `value`; the value it had, if any.
    pub fn insert(&mut self, name: String, value: String) -> Option<String> {
        match self.find(&name) {
            Ok(i) => self
                .entries
                .get_mut(i)
                .map(|(_, v)| std::mem::replace(v, value)),
            Err(i) => {
                self.entries.insert(i, (name, value));
                None
            }
        }
    }

    /// Sets `name` to `value` unless it has a value already; whether it
    /// was set.
    pub fn insert_if_absent(&mut self, name: impl Into<String>, value: impl Into<String>) -> bool {
        let name = name.into();
        match self.find(&name) {
            Ok(_) => false,
            Err(i) => {
                self.entries.insert(i, (name, value.into()));
                true
            }
        }
    }

    /// Takes `name` out; its value, if it had one.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        let i = self.find(name).ok()?;
        Some(self.entries.remove(i).1)
    }

    /// Keeps only the attributes `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut String) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    /// How many attributes there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Takes them all out.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Name and value, in name order.
    pub fn iter(&self) -> Iter<'_> {
        Iter(self.entries.iter())
    }

    /// The names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values, in name order.
    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(_, v)| v)
    }
}

/// The attributes of an [`Attributes`], as `(&name, &value)`.
#[derive(Clone, Debug)]
pub struct Iter<'a>(std::slice::Iter<'a, (String, String)>);

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a String, &'a String);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|(k, v)| (k, v))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back().map(|(k, v)| (k, v))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Attributes {
    type Item = (&'a String, &'a String);
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Attributes {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

/// A later value for the same name wins, as in a `BTreeMap`.
impl<K: Into<String>, V: Into<String>> Extend<(K, V)> for Attributes {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k.into(), v.into());
        }
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Attributes {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut entries: Vec<(String, String)> = iter
            .into_iter()
            .map(|(k, v)| (k.into(), v.into()))
            .collect();
        // Stable: of equal names the later stays last, and wins below.
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out: Vec<(String, String)> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            match out.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => out.push((k, v)),
            }
        }
        out.shrink_to_fit();
        Self { entries: out }
    }
}

impl<const N: usize> From<[(&str, &str); N]> for Attributes {
    fn from(pairs: [(&str, &str); N]) -> Self {
        pairs.into_iter().collect()
    }
}

impl From<BTreeMap<String, String>> for Attributes {
    fn from(map: BTreeMap<String, String>) -> Self {
        Self {
            entries: map.into_iter().collect(),
        }
    }
}

impl From<Attributes> for BTreeMap<String, String> {
    fn from(a: Attributes) -> Self {
        a.entries.into_iter().collect()
    }
}

impl PartialEq<BTreeMap<String, String>> for Attributes {
    fn eq(&self, other: &BTreeMap<String, String>) -> bool {
        self.len() == other.len() && self.iter().zip(other).all(|(a, b)| a == b)
    }
}

impl fmt::Debug for Attributes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl Serialize for Attributes {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.len()))?;
        for (k, v) in self {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Attributes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> Visitor<'de> for Pairs {
            type Value = Attributes;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of text values")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Attributes, A::Error> {
                let mut pairs: Vec<(String, String)> = Vec::new();
                while let Some((k, v)) = access.next_entry::<String, String>()? {
                    pairs.push((k, v));
                }
                Ok(pairs.into_iter().collect())
            }
        }
        deserializer.deserialize_map(Pairs)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_behaves_as_a_btreemap_of_strings() {
        let mut a = Attributes::new();
        let mut b: BTreeMap<String, String> = BTreeMap::new();
        let mut state = 11u64;
        for _ in 0..2_000 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let name = format!("k{}", (state >> 33) % 23);
            let value = format!("v{}", (state >> 20) % 1000);
            match (state >> 60) % 4 {
                0 | 1 => assert_eq!(a.insert(name.clone(), value.clone()), b.insert(name, value)),
                2 => assert_eq!(a.remove(&name), b.remove(&name)),
                _ => assert_eq!(
                    a.insert_if_absent(name.clone(), value.clone()),
                    !b.contains_key(&name) && b.insert(name, value).is_none()
                ),
            }
            assert_eq!(a, b);
            assert!(a.iter().map(|(k, _)| k).eq(b.keys()));
            assert_eq!(a.len(), b.len());
        }
        a.retain(|k, _| k.ends_with('1'));
        b.retain(|k, _| k.ends_with('1'));
        assert_eq!(a, b);
        assert_eq!(Attributes::from(b.clone()), b);
        assert_eq!(BTreeMap::from(a.clone()), b);
    }

    #[test]
    fn a_later_value_for_a_name_wins_and_json_is_an_object_in_name_order() {
        let a: Attributes = [("b", "1"), ("a", "2"), ("b", "3")].into();
        assert_eq!(a.get("b").map(String::as_str), Some("3"));
        assert_eq!(a.len(), 2);
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, r#"{"a":"2","b":"3"}"#);
        let back: Attributes = serde_json::from_str(r#"{"b":"3","a":"2","b":"4"}"#).unwrap();
        assert_eq!(back.get("b").map(String::as_str), Some("4"));
        assert!(serde_json::from_str::<Attributes>(r#"{"a":1}"#).is_err());
        assert_eq!(format!("{a:?}"), r#"{"a": "2", "b": "3"}"#);
    }
}
