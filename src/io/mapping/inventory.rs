//! What fields a file's actors and ties have: [`FieldInventory`], filled
//! by the builder through a [`FieldSink`] while a file is read.

use super::remap::Entry;
use crate::io::survey::SurveyColumns;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// How many different sample values a field keeps.
pub const SAMPLES: usize = 3;

/// One field of the actors (or ties) of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceField {
    /// Its name as the file writes it (a column header, a key, Kumu's
    /// `Type`), or the built-in name (`label`, `sector`) where the file
    /// names none.
    pub name: String,
    /// The built-in field the reader made of it (`sector`, `label`,
    /// `weight`, ...), or `None` for a field kept as an attribute.
    pub builtin: Option<&'static str>,
    /// How many actors (ties) have a value in it.
    pub filled: usize,
    /// Up to [`SAMPLES`] different values, in file order.
    pub samples: Vec<String>,
}

/// The fields of a file's actors and of its ties, in order of first use.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldInventory {
    /// The actors' fields.
    pub actor_fields: Vec<SourceField>,
    /// The ties' fields.
    pub tie_fields: Vec<SourceField>,
    /// How many actors were read.
    pub actors: usize,
    /// How many ties were read.
    pub ties: usize,
    /// For survey responses: the columns and their roles, and the names
    /// that may be one person (the last read's).
    pub survey: Option<SurveyColumns>,
    actor_index: HashMap<String, usize>,
    tie_index: HashMap<String, usize>,
}

impl FieldInventory {
    /// The actors' (`ties == false`) or ties' fields.
    pub fn fields(&self, ties: bool) -> &[SourceField] {
        if ties {
            &self.tie_fields
        } else {
            &self.actor_fields
        }
    }

    /// The field named `name` (case ignored).
    pub fn find(&self, ties: bool, name: &str) -> Option<&SourceField> {
        let index = if ties {
            &self.tie_index
        } else {
            &self.actor_index
        };
        index
            .get(&name.trim().to_lowercase())
            .and_then(|&i| self.fields(ties).get(i))
    }

    /// The field the reader made built-in `column` from, if any.
    pub fn builtin(&self, ties: bool, column: &str) -> Option<&SourceField> {
        self.fields(ties).iter().find(|f| f.builtin == Some(column))
    }

    /// Counts one actor's (tie's) fields.
    pub(crate) fn record(&mut self, ties: bool, entries: &[Entry]) {
        let (fields, index) = if ties {
            self.ties += 1;
            (&mut self.tie_fields, &mut self.tie_index)
        } else {
            self.actors += 1;
            (&mut self.actor_fields, &mut self.actor_index)
        };
        for e in entries {
            let key = e.name.trim().to_lowercase();
            let i = *index.entry(key).or_insert_with(|| {
                fields.push(SourceField {
                    name: e.name.clone(),
                    builtin: e.builtin,
                    ..SourceField::default()
                });
                fields.len() - 1
            });
            let Some(f) = fields.get_mut(i) else { continue };
            if f.builtin.is_none() {
                f.builtin = e.builtin;
            }
            if e.value.trim().is_empty() {
                continue;
            }
            f.filled += 1;
            if f.samples.len() < SAMPLES && !f.samples.iter().any(|s| s == &e.value) {
                f.samples.push(e.value.chars().take(40).collect());
            }
        }
    }
}

/// Where a builder records the fields it sees: shared with whoever asked
/// (the plan), so the fields are known even when the file then fails.
#[derive(Clone, Debug, Default)]
pub struct FieldSink(pub Arc<Mutex<FieldInventory>>);

impl FieldSink {
    /// A copy of what has been recorded so far.
    pub fn take(&self) -> FieldInventory {
        match self.0.lock() {
            Ok(mut g) => std::mem::take(&mut *g),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        }
    }

    /// Records what a survey read made of the columns (replacing what an
    /// earlier step of the same read recorded).
    pub(crate) fn record_survey(&self, survey: SurveyColumns) {
        match self.0.lock() {
            Ok(mut g) => g.survey = Some(survey),
            Err(poisoned) => poisoned.into_inner().survey = Some(survey),
        }
    }

    /// Records one actor's (tie's) fields.
    pub(crate) fn record(&self, ties: bool, entries: &[Entry]) {
        match self.0.lock() {
            Ok(mut g) => g.record(ties, entries),
            Err(poisoned) => poisoned.into_inner().record(ties, entries),
        }
    }
}

impl PartialEq for FieldSink {
    /// Two sinks are equal when they are the same sink.
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for FieldSink {}
