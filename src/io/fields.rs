//! The flat, text form of actor and tie fields shared by the table-like
//! formats (CSV columns, GraphML keys): column names and their aliases,
//! how each value is written, and how it is read back with a message a
//! person can act on.
//!
//! Writing then reading gives back exactly the same actor or tie. Extra
//! columns become [`Actor::attributes`]; an attribute whose name would be
//! read as a built-in column is written as `attr:NAME` (and read back).

use crate::model::{Actor, ActorField, ActorKind, FieldSet, Profession, Stance, Tie, TieField};
use std::collections::BTreeSet;

/// Prefix that marks a column as an attribute even if its name is built in.
pub const ATTRIBUTE_PREFIX: &str = "attr:";

/// The built-in actor columns, in the order they are written.
pub const ACTOR_COLUMNS: [&str; 16] = [
    "id",
    "label",
    "sector",
    "kind",
    "organisation",
    "role",
    "profession",
    "formal_position",
    "stance",
    "influence",
    "tags",
    "notes",
    "x",
    "y",
    "pinned",
    "private",
];

/// The built-in tie columns, in the order they are written. `source` and
/// `target` come first, as other tools expect.
pub const TIE_COLUMNS: [&str; 9] = [
    "source",
    "target",
    "weight",
    "id",
    "kind",
    "directed",
    "confirmed",
    "notes",
    "private",
];

/// The canonical actor column a header names, if any (case and
/// surrounding spaces ignored; common aliases accepted).
pub fn actor_column(header: &str) -> Option<&'static str> {
    let h = normalise(header);
    Some(match h.as_str() {
        "id" | "node" | "node id" | "key" => "id",
        "label" | "name" => "label",
        "sector" => "sector",
        "kind" | "actor kind" => "kind",
        "organisation" | "organization" | "org" => "organisation",
        "role" | "title" | "job title" => "role",
        "profession" => "profession",
        "formal_position" | "formal position" | "seniority" => "formal_position",
        "stance" => "stance",
        "influence" => "influence",
        "tags" => "tags",
        "notes" => "notes",
        "x" => "x",
        "y" => "y",
        "pinned" => "pinned",
        "private" => "private",
        _ => return None,
    })
}

/// The canonical tie column a header names, if any.
pub fn tie_column(header: &str) -> Option<&'static str> {
    let h = normalise(header);
    Some(match h.as_str() {
        "source" | "from" => "source",
        "target" | "to" => "target",
        "weight" | "strength" => "weight",
        "id" | "tie id" | "edge id" => "id",
        "kind" | "type" | "relationship" => "kind",
        "directed" => "directed",
        "confirmed" => "confirmed",
        "notes" => "notes",
        "private" => "private",
        _ => return None,
    })
}

fn normalise(s: &str) -> String {
    s.trim().to_lowercase().replace(['_', '-'], " ")
}

/// The attribute name a column stands for, if the column is an attribute:
/// `attr:X` is always attribute `X`; any other name that is not built in
/// (`is_builtin`) is an attribute of that name.
pub fn attribute_name(header: &str, is_builtin: impl Fn(&str) -> bool) -> Option<String> {
    if let Some(rest) = header.strip_prefix(ATTRIBUTE_PREFIX) {
        return Some(rest.to_owned());
    }
    (!is_builtin(header)).then(|| header.to_owned())
}

/// The column an attribute is written under: its own name, or `attr:NAME`
/// when that name would be read back as something else (or is blank, since
/// a blank column name is refused on reading).
pub fn attribute_column(name: &str, is_builtin: impl Fn(&str) -> bool) -> String {
    if is_builtin(name) || name.starts_with(ATTRIBUTE_PREFIX) || name.trim().is_empty() {
        format!("{ATTRIBUTE_PREFIX}{name}")
    } else {
        name.to_owned()
    }
}

/// The attribute names in use (with a non-empty value) in `maps`, sorted
/// and each once: empty attributes are not written.
pub fn attribute_names<'a>(
    maps: impl Iterator<Item = &'a crate::model::Attributes>,
) -> Vec<&'a str> {
    let names: BTreeSet<&str> = maps
        .flat_map(|m| {
            m.iter()
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, _)| k.as_str())
        })
        .collect();
    names.into_iter().collect()
}

/// A cell value as it should appear in a message: control characters
/// escaped (so a message stays on one line) and long values cut to 60
/// characters.
pub fn short(value: &str) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

/// [`short`] in double quotes.
pub fn quoted(value: &str) -> String {
    format!("\"{}\"", short(value))
}

fn enum_text<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn parse_enum<T>(value: &str, aliases: &[(&str, &str)], all: &[T]) -> Result<T, String>
where
    T: serde::Serialize + serde::de::DeserializeOwned,
{
    let v = normalise(value).replace(' ', "_");
    let v = aliases
        .iter()
        .find(|(alias, _)| normalise(alias).replace(' ', "_") == v)
        .map(|(_, canon)| (*canon).to_owned())
        .unwrap_or(v);
    serde_json::from_value(serde_json::Value::String(v)).map_err(|_| {
        let names: Vec<String> = all.iter().map(enum_text).collect();
        format!("{} is not one of: {}", quoted(value), names.join(", "))
    })
}

fn parse_level(value: &str) -> Result<Option<u8>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<f64>() {
        Ok(f) if f.fract() == 0.0 && (1.0..=5.0).contains(&f) => Ok(Some(f as u8)),
        _ => Err(format!(
            "{} is not a whole number from 1 to 5",
            quoted(value)
        )),
    }
}

fn parse_coordinate(value: &str) -> Result<Option<f64>, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    match v.parse::<f64>() {
        Ok(f) if f.is_finite() => Ok(Some(f)),
        _ => Err(format!("{} is not a finite number", quoted(value))),
    }
}

/// Reads a yes/no cell: true/false, yes/no, 1/0, y/n (any case).
pub fn parse_bool(value: &str) -> Result<bool, String> {
    match value.trim().to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(format!("{} is not true or false", quoted(value))),
    }
}

/// Reads a weight: a finite number greater than zero. Empty means 1.
pub fn parse_weight(value: &str) -> Result<f64, String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(1.0);
    }
    match v.parse::<f64>() {
        Ok(w) if w.is_nan() => Err(format!(
            "{} is not a number; use a positive number such as 1 or 2.5",
            quoted(value)
        )),
        Ok(w) if w.is_infinite() => Err(format!(
            "{} is infinite; use a positive number such as 1 or 2.5",
            quoted(value)
        )),
        Ok(w) if w <= 0.0 => Err(format!(
            "{} is not positive; tie weights must be greater than 0",
            short(value.trim())
        )),
        Ok(w) => Ok(w),
        Err(_) => Err(format!(
            "{} is not a number; use a positive number such as 1 or 2.5",
            quoted(value)
        )),
    }
}

fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value.split(';').map(str::trim).filter(|s| !s.is_empty())
}

fn join_list<T: serde::Serialize>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|i| enum_text(&i))
        .collect::<Vec<_>>()
        .join(";")
}

fn fmt_opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// The value of built-in actor column `column` (one of [`ACTOR_COLUMNS`]).
pub fn actor_value(a: &Actor, column: &str) -> String {
    match column {
        "id" => a.id().to_string(),
        "label" => a.name.clone(),
        "sector" => a.sector.clone(),
        "kind" => enum_text(&a.kind),
        "organisation" => a.organisation.clone(),
        "role" => a.role.clone(),
        "profession" => a.profession.map(|p| enum_text(&p)).unwrap_or_default(),
        "formal_position" => fmt_opt(a.formal_position),
        "stance" => enum_text(&a.stance),
        "influence" => fmt_opt(a.influence),
        "tags" => a.tags.join(";"),
        "notes" => a.notes.clone(),
        "x" => fmt_opt(a.x),
        "y" => fmt_opt(a.y),
        "pinned" => a.pinned.to_string(),
        "private" => join_list(a.private.iter()),
        _ => String::new(),
    }
}

/// Sets built-in actor column `column` (canonical, from [`actor_column`];
/// not `id`, which is fixed at creation) from its text. An empty cell
/// leaves the field at its default, except `private`, where an empty cell
/// means "nothing private".
pub fn set_actor_value(a: &mut Actor, column: &str, value: &str) -> Result<(), String> {
    let blank = value.trim().is_empty();
    match column {
        "label" => a.name = value.to_owned(),
        "sector" => a.sector = value.trim().to_owned(),
        "kind" if !blank => {
            a.kind = parse_enum(
                value,
                &[
                    ("organization", "organisation"),
                    ("org", "organisation"),
                    ("network", "team"),
                    ("team or network", "team"),
                    ("patient", "patient_voice"),
                    ("carer", "patient_voice"),
                    ("patient/carer voice", "patient_voice"),
                    ("patient or carer voice", "patient_voice"),
                ],
                &ActorKind::ALL,
            )?
        }
        "organisation" => a.organisation = value.to_owned(),
        "role" => a.role = value.to_owned(),
        "profession" => {
            a.profession = if blank {
                None
            } else {
                Some(parse_enum(
                    value,
                    &[
                        ("allied health professional", "ahp"),
                        ("social worker", "social_worker"),
                    ],
                    &Profession::ALL,
                )?)
            }
        }
        "formal_position" => a.formal_position = parse_level(value)?,
        "stance" if !blank => {
            a.stance = parse_enum(value, &[("skeptic", "sceptic")], &Stance::ALL)?
        }
        "influence" => a.influence = parse_level(value)?,
        "tags" => a.tags = split_list(value).map(str::to_owned).collect(),
        "notes" => a.notes = value.to_owned(),
        "x" => a.x = parse_coordinate(value)?,
        "y" => a.y = parse_coordinate(value)?,
        "pinned" if !blank => a.pinned = parse_bool(value)?,
        "private" => {
            a.private = split_list(value)
                .map(|f| parse_enum(f, &[], &ActorField::ALL))
                .collect::<Result<FieldSet<_>, _>>()?;
        }
        _ => {}
    }
    Ok(())
}

/// The value of built-in tie column `column` (one of [`TIE_COLUMNS`]).
pub fn tie_value(t: &Tie, column: &str) -> String {
    match column {
        "source" => t.from().to_string(),
        "target" => t.to().to_string(),
        "weight" => t.strength.to_string(),
        "id" => t.id().to_string(),
        "kind" => t.kind.clone(),
        "directed" => t.directed.to_string(),
        "confirmed" => t.confirmed.to_string(),
        "notes" => t.notes.clone(),
        "private" => join_list(t.private.iter()),
        _ => String::new(),
    }
}

/// Sets built-in tie column `column` (canonical, from [`tie_column`]; not
/// `id`, `source` or `target`, fixed at creation) from its text.
pub fn set_tie_value(t: &mut Tie, column: &str, value: &str) -> Result<(), String> {
    let blank = value.trim().is_empty();
    match column {
        "weight" => t.strength = parse_weight(value)?,
        "kind" if !blank => t.kind = value.trim().to_owned(),
        "directed" if !blank => t.directed = parse_bool(value)?,
        "confirmed" if !blank => t.confirmed = parse_bool(value)?,
        "notes" => t.notes = value.to_owned(),
        "private" => {
            t.private = split_list(value)
                .map(|f| parse_enum(f, &[], &TieField::ALL))
                .collect::<Result<FieldSet<_>, _>>()?;
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_actor_column_round_trips() {
        let mut a = Actor::new("a 1", "Chloë \"CJ\", RN", "primary care");
        a.kind = ActorKind::PatientVoice;
        a.organisation = "Riverside".into();
        a.role = "Lead".into();
        a.profession = Some(Profession::SocialWorker);
        a.formal_position = Some(2);
        a.stance = Stance::Sceptic;
        a.influence = Some(5);
        a.tags = vec!["lead".into(), "new in post".into()];
        a.notes = "line one\nline two".into();
        a.x = Some(-0.1);
        a.y = Some(1e300);
        a.pinned = true;
        a.private = [ActorField::Influence, ActorField::Tags]
            .into_iter()
            .collect();
        let mut b = Actor::new("a 1", "", "");
        b.private.clear();
        for c in ACTOR_COLUMNS.iter().skip(1) {
            set_actor_value(&mut b, c, &actor_value(&a, c)).unwrap();
        }
        assert_eq!(a, b);
    }

    #[test]
    fn every_tie_column_round_trips() {
        let mut t = Tie::new("t", "a", "b", "referral", true);
        t.strength = 0.1 + 0.2;
        t.confirmed = false;
        t.notes = "n".into();
        t.private.clear();
        let mut u = Tie::new("t", "a", "b", "collaboration", false);
        for c in TIE_COLUMNS.iter().skip(3) {
            set_tie_value(&mut u, c, &tie_value(&t, c)).unwrap();
        }
        set_tie_value(&mut u, "weight", &tie_value(&t, "weight")).unwrap();
        assert_eq!(t, u);
    }

    #[test]
    fn aliases_and_messages() {
        assert_eq!(actor_column(" Organization "), Some("organisation"));
        assert_eq!(actor_column("Name"), Some("label"));
        assert_eq!(tie_column("Weight"), Some("weight"));
        assert_eq!(tie_column("Type"), Some("kind"));
        let mut a = Actor::new("a", "A", "s");
        set_actor_value(&mut a, "kind", "Patient/carer voice").unwrap();
        assert_eq!(a.kind, ActorKind::PatientVoice);
        set_actor_value(&mut a, "profession", "Social worker").unwrap();
        assert_eq!(a.profession, Some(Profession::SocialWorker));
        let e = set_actor_value(&mut a, "stance", "keen").unwrap_err();
        assert!(
            e.contains("\"keen\" is not one of: champion, supporter"),
            "{e}"
        );
        let e = set_actor_value(&mut a, "influence", "6").unwrap_err();
        assert!(e.contains("1 to 5"), "{e}");
    }

    #[test]
    fn bad_weights_say_what_is_wrong() {
        for (w, want) in [
            ("abc", "not a number"),
            ("NaN", "not a number"),
            ("inf", "infinite"),
            ("-2", "not positive"),
            ("0", "not positive"),
        ] {
            let e = parse_weight(w).unwrap_err();
            assert!(e.contains(want), "{w}: {e}");
        }
        assert_eq!(parse_weight(" 2.5 "), Ok(2.5));
        assert_eq!(parse_weight(""), Ok(1.0));
    }

    #[test]
    fn messages_quote_values_on_one_line_and_cut_long_ones() {
        let e = parse_bool("yes\nno").unwrap_err();
        assert_eq!(e, "\"yes\\nno\" is not true or false");
        let e = parse_weight(&"9".repeat(1000).replace('9', "x")).unwrap_err();
        assert!(e.len() < 150, "{e}");
    }

    #[test]
    fn attribute_columns_escape_built_in_names() {
        let builtin = |h: &str| actor_column(h).is_some();
        assert_eq!(attribute_column("team", builtin), "team");
        assert_eq!(attribute_column("Title", builtin), "attr:Title");
        assert_eq!(attribute_column("attr:x", builtin), "attr:attr:x");
        assert_eq!(
            attribute_name("attr:Title", builtin).as_deref(),
            Some("Title")
        );
        assert_eq!(
            attribute_name("attr:attr:x", builtin).as_deref(),
            Some("attr:x")
        );
        assert_eq!(attribute_name("Title", builtin), None);
        assert_eq!(attribute_name("team", builtin).as_deref(), Some("team"));
    }
}
