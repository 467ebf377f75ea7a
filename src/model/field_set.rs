//! A set of the fields of an actor or a tie, such as the ones marked
//! private: a bit each, with no allocation.
//!
//! `BTreeSet` did the same job with a node of its own on the heap for
//! every actor and tie (about 56 bytes a tie more); this keeps its
//! behaviour and its file form: a list of field names in declaration
//! order, repeats in a file read as one.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A kind of field a [`FieldSet`] can hold: an enum with at most 16
/// values, listed in [`Field::ALL`] in declaration order.
pub trait Field: Copy + Eq + 'static {
    /// Every value, in declaration order (which is also the order the
    /// set lists them in).
    const ALL: &'static [Self];

    /// The field's bit in a [`FieldSet`]: its place in [`Field::ALL`].
    fn bit(self) -> u16 {
        Self::ALL
            .iter()
            .position(|&f| f == self)
            .and_then(|i| u32::try_from(i).ok())
            .and_then(|i| 1u16.checked_shl(i))
            .unwrap_or(0)
    }
}

/// A set of fields of kind `F`; see the module docs.
pub struct FieldSet<F> {
    bits: u16,
    kind: PhantomData<fn() -> F>,
}

impl<F: Field> FieldSet<F> {
    /// The empty set.
    pub const fn new() -> Self {
        Self {
            bits: 0,
            kind: PhantomData,
        }
    }

    /// Whether `field` is in the set.
    pub fn contains(&self, field: &F) -> bool {
        self.bits & field.bit() != 0
    }

    /// Adds `field`; `true` if it was not there.
    pub fn insert(&mut self, field: F) -> bool {
        let had = self.contains(&field);
        self.bits |= field.bit();
        !had
    }

    /// Removes `field`; `true` if it was there.
    pub fn remove(&mut self, field: &F) -> bool {
        let had = self.contains(field);
        self.bits &= !field.bit();
        had
    }

    /// Empties the set.
    pub fn clear(&mut self) {
        self.bits = 0;
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// How many fields the set holds.
    pub fn len(&self) -> usize {
        self.bits.count_ones() as usize
    }

    /// The fields in the set, in declaration order.
    pub fn iter(&self) -> Fields<F> {
        Fields {
            bits: self.bits,
            next: 0,
            kind: PhantomData,
        }
    }
}

impl<F: Field> Default for FieldSet<F> {
    fn default() -> Self {
        Self::new()
    }
}

impl<F> Clone for FieldSet<F> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<F> Copy for FieldSet<F> {}

impl<F> PartialEq for FieldSet<F> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
    }
}

impl<F> Eq for FieldSet<F> {}

impl<F> std::hash::Hash for FieldSet<F> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.bits.hash(state);
    }
}

impl<F: Field + fmt::Debug> fmt::Debug for FieldSet<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl<F: Field> FromIterator<F> for FieldSet<F> {
    fn from_iter<I: IntoIterator<Item = F>>(fields: I) -> Self {
        let mut set = Self::new();
        set.extend(fields);
        set
    }
}

impl<F: Field> Extend<F> for FieldSet<F> {
    fn extend<I: IntoIterator<Item = F>>(&mut self, fields: I) {
        for f in fields {
            self.insert(f);
        }
    }
}

/// The fields of a [`FieldSet`], in declaration order.
#[derive(Clone, Debug)]
pub struct Fields<F> {
    bits: u16,
    next: usize,
    kind: PhantomData<fn() -> F>,
}

impl<F: Field> Iterator for Fields<F> {
    type Item = F;

    fn next(&mut self) -> Option<F> {
        while let Some(&f) = F::ALL.get(self.next) {
            self.next += 1;
            if self.bits & f.bit() != 0 {
                return Some(f);
            }
        }
        None
    }
}

impl<F: Field> IntoIterator for FieldSet<F> {
    type Item = F;
    type IntoIter = Fields<F>;

    fn into_iter(self) -> Fields<F> {
        self.iter()
    }
}

impl<F: Field> IntoIterator for &FieldSet<F> {
    type Item = F;
    type IntoIter = Fields<F>;

    fn into_iter(self) -> Fields<F> {
        self.iter()
    }
}

impl<F: Field + Serialize> Serialize for FieldSet<F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

impl<'de, F: Field + DeserializeOwned> Deserialize<'de> for FieldSet<F> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<F>::deserialize(deserializer)?.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::model::{ActorField, TieField};
    use std::collections::BTreeSet;

    /// Every field kind fits in 16 bits, each field its own bit.
    #[test]
    fn each_field_has_a_bit_of_its_own() {
        let bits: BTreeSet<u16> = ActorField::ALL.iter().map(|f| f.bit()).collect();
        assert_eq!(bits.len(), ActorField::ALL.len());
        assert!(!bits.contains(&0));
        let bits: BTreeSet<u16> = TieField::ALL.iter().map(|f| f.bit()).collect();
        assert_eq!(bits.len(), TieField::ALL.len());
    }

    /// The set answers as a `BTreeSet` of the same inserts and removes
    /// would, lists in the same order and is written the same way.
    #[test]
    fn a_field_set_behaves_and_serialises_as_a_btree_set() {
        let mut state = 11u64;
        let mut set = FieldSet::<ActorField>::new();
        let mut tree = BTreeSet::new();
        for _ in 0..500 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let f = ActorField::ALL[(state >> 33) as usize % ActorField::ALL.len()];
            if (state >> 40).is_multiple_of(3) {
                assert_eq!(set.remove(&f), tree.remove(&f));
            } else {
                assert_eq!(set.insert(f), tree.insert(f));
            }
            assert_eq!(set.len(), tree.len());
            assert_eq!(set.is_empty(), tree.is_empty());
            assert!(set.iter().eq(tree.iter().copied()));
            assert_eq!(
                serde_json::to_string(&set).unwrap(),
                serde_json::to_string(&tree).unwrap()
            );
        }
        assert_eq!(format!("{:?}", set), format!("{:?}", tree));
    }

    #[test]
    fn a_field_set_reads_a_list_with_repeats_and_refuses_an_unknown_name() {
        let set: FieldSet<TieField> =
            serde_json::from_str(r#"["attributes", "notes", "notes"]"#).unwrap();
        assert_eq!(set.iter().collect::<Vec<_>>(), TieField::ALL.to_vec());
        assert!(serde_json::from_str::<FieldSet<TieField>>(r#"["colour"]"#).is_err());
        let empty: FieldSet<TieField> = serde_json::from_str("[]").unwrap();
        assert!(empty.is_empty());
    }
}
