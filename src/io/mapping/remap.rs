//! Applying an [`Assignment`] to one actor or tie as the builder receives
//! it: its source fields as [`Entry`]s, then each chosen role refilled
//! from its field.

use super::{Assignment, FieldRole};
use crate::io::builder::Origin;
use crate::io::error::IoError;
use crate::io::fields;
use crate::model::{Actor, ActorKind, Tie};
use std::collections::{BTreeMap, BTreeSet};

/// One source field of one actor or tie, with its value as text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The field's name (see [`super::SourceField::name`]).
    pub name: String,
    /// Its value as text.
    pub value: String,
    /// The built-in field the reader made of it, if any.
    pub builtin: Option<&'static str>,
}

/// Built-in actor fields offered as source fields: every column from
/// `label` to `notes` (not the id, positions, pins or the private list).
pub(crate) const ACTOR_SOURCES: &[&str] = fields::ACTOR_COLUMNS.split_at(12).0.split_at(1).1;

/// Built-in tie fields offered as source fields.
pub(crate) const TIE_SOURCES: &[&str] = &["weight", "kind", "directed", "confirmed", "notes"];

/// The source fields of an actor: the built-in fields the reader filled
/// (`provided`), named by `name_of`, then its attributes.
pub(crate) fn actor_entries(
    actor: &Actor,
    provided: &BTreeSet<&'static str>,
    name_of: &BTreeMap<&'static str, String>,
) -> Vec<Entry> {
    let builtins = ACTOR_SOURCES
        .iter()
        .filter(|c| provided.contains(*c))
        .map(|&c| Entry {
            name: name_of.get(c).cloned().unwrap_or_else(|| c.to_owned()),
            value: fields::actor_value(actor, c),
            builtin: Some(c),
        });
    with_attributes(builtins.collect(), &actor.attributes)
}

/// The source fields of a tie: strength (when not 1), kind (when given),
/// direction (when directed), confirmed (when not), notes (when given), then its
/// attributes.
pub(crate) fn tie_entries(tie: &Tie, name_of: &BTreeMap<&'static str, String>) -> Vec<Entry> {
    let given = |c: &str| match c {
        "weight" => tie.strength != 1.0,
        "kind" => !tie.kind.trim().is_empty(),
        "directed" => tie.directed,
        "confirmed" => !tie.confirmed,
        _ => !tie.notes.is_empty(),
    };
    let builtins = TIE_SOURCES.iter().filter(|c| given(c)).map(|&c| Entry {
        name: name_of.get(c).cloned().unwrap_or_else(|| c.to_owned()),
        value: match c {
            "directed" => "directed".to_owned(),
            _ => fields::tie_value(tie, c),
        },
        builtin: Some(c),
    });
    with_attributes(builtins.collect(), &tie.attributes)
}

fn with_attributes(mut entries: Vec<Entry>, attributes: &crate::model::Attributes) -> Vec<Entry> {
    for (k, v) in attributes {
        if !v.trim().is_empty() && !entries.iter().any(|e| e.name.eq_ignore_ascii_case(k)) {
            entries.push(Entry {
                name: k.clone(),
                value: v.clone(),
                builtin: None,
            });
        }
    }
    entries
}

/// The entry named `name` (case and surrounding spaces ignored).
fn find<'a>(entries: &'a [Entry], name: &str) -> Option<&'a Entry> {
    let name = name.trim();
    entries
        .iter()
        .find(|e| e.name.trim().eq_ignore_ascii_case(name))
}

/// Whether some role of the assignment takes the field `name`.
fn taken(assignment: &Assignment, ties: bool, name: &str) -> bool {
    assignment.choices.iter().any(|(r, c)| {
        r.is_tie() == ties
            && c.as_deref()
                .is_some_and(|c| c.trim().eq_ignore_ascii_case(name.trim()))
    })
}

/// The chosen roles for actors (`ties == false`) or ties that change
/// something: a role whose choice is the field the reader already took it
/// from is left alone.
fn changed<'a>(
    assignment: &'a Assignment,
    ties: bool,
    name_of: &'a BTreeMap<&'static str, String>,
) -> impl Iterator<Item = (FieldRole, Option<&'a str>)> + 'a {
    assignment
        .choices
        .iter()
        .filter(move |(r, _)| r.is_tie() == ties)
        .filter(move |(r, c)| {
            let own = name_of.get(r.column()).map(String::as_str).unwrap_or("");
            !c.as_deref()
                .is_some_and(|c| c.trim().eq_ignore_ascii_case(own.trim()))
        })
        .map(|(r, c)| (*r, c.as_deref()))
}

/// Actors whose chosen kind field held something that is not an actor
/// kind: how many, and the field.
#[derive(Clone, Debug, Default)]
pub(crate) struct KindMisses {
    /// How many actors.
    pub count: usize,
    /// The field, as named in the file.
    pub field: String,
    /// The file's name.
    pub file: String,
}

/// Refills `actor`'s chosen roles from `entries` (its source fields, see
/// [`actor_entries`]); `provided` follows. A built-in value that loses its
/// role is kept as an attribute under its field's name; an attribute that
/// becomes a built-in field is no longer kept as an attribute.
pub(crate) fn apply_actor(
    actor: &mut Actor,
    provided: &mut BTreeSet<&'static str>,
    entries: &[Entry],
    assignment: &Assignment,
    name_of: &BTreeMap<&'static str, String>,
    origin: &Origin,
    misses: &mut KindMisses,
) -> Result<(), IoError> {
    let mut freed = Vec::new();
    let mut took: Vec<String> = Vec::new();
    let mut became_builtin = Vec::new();
    for (role, choice) in changed(assignment, false, name_of) {
        let column = role.column();
        if provided.remove(column) {
            let own = name_of
                .get(column)
                .cloned()
                .unwrap_or_else(|| column.to_owned());
            freed.push((own, fields::actor_value(actor, column)));
        }
        match column {
            "label" => actor.name.clear(),
            "sector" => actor.sector.clear(),
            "kind" => actor.kind = ActorKind::default(),
            "organisation" => actor.organisation.clear(),
            _ => actor.role.clear(),
        }
        let Some(entry) = choice.and_then(|c| find(entries, c)) else {
            continue;
        };
        if entry.value.trim().is_empty() {
            continue;
        }
        let mut probe = actor.clone();
        match fields::set_actor_value(&mut probe, column, &entry.value) {
            Ok(()) => *actor = probe,
            Err(_) if role == FieldRole::Kind => {
                misses.count += 1;
                misses.field.clone_from(&entry.name);
                misses.file = crate::io::builder::file_name(&origin.path);
                continue;
            }
            Err(m) => return Err(origin.error(None, format!("{}: {m}", entry.name))),
        }
        provided.insert(column);
        took.push(entry.name.clone());
        if entry.builtin.is_none() {
            became_builtin.push(entry.name.clone());
        }
    }
    for (name, value) in freed {
        let kept_elsewhere = took
            .iter()
            .any(|t| t.trim().eq_ignore_ascii_case(name.trim()));
        if !kept_elsewhere && !value.trim().is_empty() {
            actor.attributes.insert_if_absent(name, value);
        }
    }
    for name in became_builtin {
        actor.attributes.remove(&name);
    }
    Ok(())
}

/// Refills `tie`'s chosen roles from `entries` (see [`tie_entries`]), as
/// [`apply_actor`] does for actors.
pub(crate) fn apply_tie(
    tie: &mut Tie,
    entries: &[Entry],
    assignment: &Assignment,
    name_of: &BTreeMap<&'static str, String>,
    origin: &Origin,
) -> Result<(), IoError> {
    let mut freed = Vec::new();
    let mut became_builtin = Vec::new();
    for (role, choice) in changed(assignment, true, name_of) {
        let column = role.column();
        // A tie's direction is always known, so the old one is not kept.
        if role != FieldRole::Direction
            && let Some(old) = entries.iter().find(|e| e.builtin == Some(column))
        {
            freed.push((old.name.clone(), old.value.clone()));
        }
        match role {
            FieldRole::Strength => tie.strength = 1.0,
            FieldRole::Direction => tie.directed = false,
            _ => tie.kind.clear(),
        }
        let Some(entry) = choice.and_then(|c| find(entries, c)) else {
            continue;
        };
        let value = entry.value.trim();
        if value.is_empty() {
            continue;
        }
        let set = match role {
            FieldRole::Strength => fields::parse_weight(value).map(|w| tie.strength = w),
            FieldRole::Direction => direction_value(value).map(|d| tie.directed = d),
            _ => {
                tie.kind = value.to_owned();
                Ok(())
            }
        };
        set.map_err(|m| origin.error(None, format!("{}: {m}", entry.name)))?;
        if entry.builtin.is_none() {
            became_builtin.push(entry.name.clone());
        }
    }
    for (name, value) in freed {
        if !value.trim().is_empty() && !taken(assignment, true, &name) {
            tie.attributes.insert_if_absent(name, value);
        }
    }
    for name in became_builtin {
        tie.attributes.remove(&name);
    }
    Ok(())
}

/// Reads a direction: yes/no, true/false, 1/0 as [`fields::parse_bool`],
/// or `directed`, `one-way`, `->` (directed) and `undirected`, `mutual`,
/// `two-way`, `both`, `<->`, `--` (undirected).
pub fn direction_value(value: &str) -> Result<bool, String> {
    let v = value.trim().to_lowercase();
    match v.as_str() {
        "directed" | "one-way" | "one way" | "->" | "→" => Ok(true),
        "undirected" | "mutual" | "two-way" | "two way" | "both" | "<->" | "--" | "↔" => {
            Ok(false)
        }
        _ => fields::parse_bool(value).map_err(|_| {
            format!(
                "\"{}\" is not a direction; write directed or undirected (or yes/no)",
                fields::short(value)
            )
        }),
    }
}
