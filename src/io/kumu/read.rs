//! Reading Kumu JSON: see the module docs of `kumu`.

use super::LOOP_TAG;
use crate::io::builder::{MapBuilder, Origin};
use crate::io::error::{IoError, LineCounter, Location};
use crate::io::fields;
use crate::io::{ImportOptions, Loaded};
use crate::model::{Actor, Tie};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

/// Keys of an element or connection that are not fields or attributes
/// (compared in lower case).
pub(super) const ELEMENT_KEYS: [&str; 5] = ["_id", "type", "element type", "attributes", "id"];
/// See [`ELEMENT_KEYS`].
pub(super) const CONNECTION_KEYS: [&str; 5] =
    ["_id", "connection type", "direction", "attributes", "id"];

#[derive(Deserialize)]
struct Top<'a> {
    #[serde(borrow, default)]
    elements: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    connections: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    loops: Vec<&'a RawValue>,
    #[serde(default)]
    maps: Vec<Value>,
}

/// Whether `text` (a `.json` file) is a Kumu blueprint or backup rather
/// than a Bridgework map: its top level has `elements` or `connections`
/// and no `format`.
pub fn is_kumu_json(text: &str) -> bool {
    match serde_json::from_str::<BTreeMap<String, &RawValue>>(text) {
        Ok(top) => {
            !top.contains_key("format")
                && (top.contains_key("elements") || top.contains_key("connections"))
        }
        Err(_) => false,
    }
}

/// One element or connection: its fields (top level, then a backup's
/// `attributes`), keys as written, and where it is.
struct Item {
    fields: Vec<(String, Value)>,
    origin: Origin,
    /// `elements[3]`, for messages.
    place: String,
}

impl Item {
    /// The first field whose key (in lower case) is one of `keys`.
    fn get(&self, keys: &[&str]) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(k, _)| keys.contains(&k.trim().to_lowercase().as_str()))
            .map(|(_, v)| v)
    }

    fn text(&self, keys: &[&str]) -> Option<String> {
        self.get(keys).and_then(value_text)
    }

    fn error(&self, field: &str, message: impl AsRef<str>) -> IoError {
        self.origin.error(
            None,
            format!("{}.{field}: {}", self.place, message.as_ref()),
        )
    }
}

/// A JSON value as text: strings as they are, numbers and true/false as
/// written, arrays joined with ` | `; `null` is no value.
fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(value_text)
                .collect::<Vec<_>>()
                .join(" | "),
        ),
        Value::Object(_) => Some(v.to_string()),
    }
}

/// Tags from an array, or from text with `|` between them.
fn tags(v: &Value) -> Vec<String> {
    let parts: Vec<String> = match v {
        Value::Array(items) => items.iter().filter_map(value_text).collect(),
        other => value_text(other)
            .map(|t| t.split('|').map(str::to_owned).collect())
            .unwrap_or_default(),
    };
    parts
        .into_iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Reads a Kumu blueprint or backup. `text` is already decoded; `path` is
/// only used in messages.
pub fn read_kumu_json(path: &Path, text: &str, options: &ImportOptions) -> Result<Loaded, IoError> {
    let top: Top<'_> = serde_json::from_str(text).map_err(|e| {
        let what = if e.classify() == serde_json::error::Category::Data {
            "not a Kumu blueprint: \"elements\", \"connections\" and \"loops\" must be lists of objects"
        } else {
            "not valid JSON"
        };
        IoError::invalid(
            path,
            Location::Line {
                line: e.line(),
                column: Some(e.column()),
            },
            format!("{what} ({e})"),
        )
    })?;
    let shared: Arc<Path> = Arc::from(path);
    let mut lines = LineCounter::default();
    let mut items = |list: &[&RawValue], name: &str| -> Result<Vec<Item>, IoError> {
        list.iter()
            .enumerate()
            .map(|(i, raw)| item(&shared, text, &mut lines, raw, &format!("{name}[{i}]")))
            .collect()
    };
    let elements = items(&top.elements, "elements")?;
    let connections = items(&top.connections, "connections")?;
    let loops = items(&top.loops, "loops")?;

    let mut builder = MapBuilder::new(options);
    builder.call_them("element", "connection");
    builder.make_actors_from_tie_ends("the connections name elements the file does not list");
    let type_is_kind = elements.iter().any(|e| e.get(&["sector"]).is_some());
    // The mapping step names the built-in fields Kumu's own keys fill.
    if let Some(key) = first_key(&elements, &["type", "element type"]) {
        builder.field_source(false, if type_is_kind { "kind" } else { "sector" }, key);
    }
    if let Some(key) = first_key(&connections, &["connection type", "type"]) {
        builder.field_source(true, "kind", key);
    }
    if let Some(key) = first_key(&connections, &["direction"]) {
        builder.field_source(true, "directed", key);
    }
    for (items, ties) in [(&elements, false), (&connections, true)] {
        for (key, _) in items.iter().flat_map(|i| i.fields.iter()) {
            let column = if ties {
                fields::tie_column(key)
            } else {
                fields::actor_column(key)
            };
            if let Some(c) = column.filter(|c| !matches!(*c, "id" | "source" | "target")) {
                builder.field_source_once(ties, c, key.clone());
            }
        }
    }

    // Elements by id and by label, for connections and loops.
    let mut by_key: HashMap<String, String> = HashMap::new();
    let mut ids = Vec::with_capacity(elements.len());
    for e in &elements {
        let id = e.text(&["_id", "id"]).filter(|i| !i.is_empty());
        let label = e.text(&["label", "name"]).filter(|l| !l.trim().is_empty());
        let Some(actor_id) = id.clone().or(label.clone()) else {
            return Err(e.error(
                "label",
                "an element needs a label (or an id); give it \"label\": \"NAME\"",
            ));
        };
        if let Some(l) = label {
            by_key.entry(l).or_insert_with(|| actor_id.clone());
        }
        ids.push(actor_id);
    }
    for id in &ids {
        by_key.insert(id.clone(), id.clone());
    }
    let resolve = |key: &str| by_key.get(key).cloned().unwrap_or_else(|| key.to_owned());

    // Loops: a tag on each member.
    let connection_ends: HashMap<String, (String, String)> = connections
        .iter()
        .filter_map(|c| {
            let id = c.text(&["_id", "id"])?;
            Some((
                id,
                (resolve(&c.text(&["from"])?), resolve(&c.text(&["to"])?)),
            ))
        })
        .collect();
    let mut loop_tags: HashMap<String, Vec<String>> = HashMap::new();
    for (i, l) in loops.iter().enumerate() {
        let label = l
            .text(&["label", "name"])
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| format!("{}", i + 1));
        let mut members = BTreeSet::new();
        if let Some(Value::Array(list)) = l.get(&["elements"]) {
            members.extend(list.iter().filter_map(value_text).map(|k| resolve(&k)));
        }
        if let Some(Value::Array(list)) = l.get(&["connections"]) {
            for c in list.iter().filter_map(value_text) {
                if let Some((a, b)) = connection_ends.get(&c) {
                    members.insert(a.clone());
                    members.insert(b.clone());
                }
            }
        }
        for m in members {
            loop_tags
                .entry(m)
                .or_default()
                .push(format!("{LOOP_TAG}{}", label.trim()));
        }
    }
    let positions = positions(&top.maps, &resolve);

    for (e, id) in elements.iter().zip(ids) {
        let mut actor = element(e, &id, type_is_kind)?;
        if let Some(tags) = loop_tags.get(&id) {
            for t in tags {
                if !actor.tags.contains(t) {
                    actor.tags.push(t.clone());
                }
            }
        }
        if let Some(&(x, y)) = positions.get(&id) {
            actor.x = actor.x.or(Some(x));
            actor.y = actor.y.or(Some(y));
        }
        // A type that became the kind is given even when it is the
        // default kind (the mapping step can move it).
        let mut provided = crate::io::builder::provided_fields(&actor);
        let typed = first_key(std::slice::from_ref(e), &["type", "element type"])
            .filter(|k| !actor.attributes.contains_key(k))
            .and_then(|_| e.text(&["type", "element type"]))
            .is_some_and(|t| !t.trim().is_empty());
        if type_is_kind && typed {
            provided.insert("kind");
        }
        builder.add_actor_with(actor, provided, e.origin.clone())?;
    }
    for c in &connections {
        let (id, tie) = connection(c, &resolve)?;
        builder.add_tie(id, tie, c.origin.clone())?;
    }
    if !loops.is_empty() {
        builder.warn(format!(
            "{} kept as tags on their members (\"{LOOP_TAG}NAME\"); select one in the legend's groups",
            crate::io::builder::plural(loops.len(), "loop was", "loops were")
        ));
    }
    builder.finish()
}

/// The element or connection `raw`, flattened, with its origin.
fn item(
    path: &Arc<Path>,
    text: &str,
    lines: &mut LineCounter,
    raw: &RawValue,
    place: &str,
) -> Result<Item, IoError> {
    let body = raw.get();
    let offset = (body.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let (line, column) = lines.at(text.as_bytes(), offset);
    let origin = Origin::text(path.clone(), line, Some(column));
    let object: Map<String, Value> = serde_json::from_str(body).map_err(|_| {
        origin.error(
            None,
            format!("{place} is not an object; write it as {{\"label\": \"NAME\", ...}}"),
        )
    })?;
    let mut fields: Vec<(String, Value)> = Vec::with_capacity(object.len());
    let mut nested = None;
    for (k, v) in object {
        if k.trim().eq_ignore_ascii_case("attributes")
            && let Value::Object(inner) = v
        {
            nested = Some(inner);
        } else {
            fields.push((k, v));
        }
    }
    if let Some(inner) = nested {
        for (k, v) in inner {
            if !fields.iter().any(|(f, _)| f.eq_ignore_ascii_case(&k)) {
                fields.push((k, v));
            }
        }
    }
    Ok(Item {
        fields,
        origin,
        place: place.to_owned(),
    })
}

/// The first key, as written, of any of `items` that is one of `keys`
/// (lower case).
fn first_key(items: &[Item], keys: &[&str]) -> Option<String> {
    items
        .iter()
        .flat_map(|i| i.fields.iter())
        .map(|(k, _)| k)
        .find(|k| keys.contains(&k.trim().to_lowercase().as_str()))
        .cloned()
}

/// The actor an element describes.
fn element(e: &Item, id: &str, type_is_kind: bool) -> Result<Actor, IoError> {
    let mut actor = Actor::new(id, "", "");
    for (key, value) in &e.fields {
        let lower = key.trim().to_lowercase();
        let Some(text) = value_text(value) else {
            continue;
        };
        match lower.as_str() {
            "_id" | "id" => {}
            "type" | "element type" if !type_is_kind => actor.sector = text,
            "type" | "element type" => {
                let mut probe = actor.clone();
                if !text.trim().is_empty()
                    && fields::set_actor_value(&mut probe, "kind", &text).is_ok()
                {
                    actor.kind = probe.kind;
                } else if !text.is_empty() {
                    actor.attributes.insert(key.clone(), text);
                }
            }
            "tags" => actor.tags = tags(value),
            _ => match fields::actor_column(key) {
                Some("id") | None => {
                    let name =
                        fields::attribute_name(key, is_element_key).unwrap_or_else(|| key.clone());
                    if !text.is_empty() {
                        actor.attributes.insert(name, text);
                    }
                }
                Some(c) => {
                    fields::set_actor_value(&mut actor, c, &text).map_err(|m| e.error(key, m))?
                }
            },
        }
    }
    Ok(actor)
}

/// Whether `key` names an element's field rather than an attribute.
pub(super) fn is_element_key(key: &str) -> bool {
    ELEMENT_KEYS.contains(&key.trim().to_lowercase().as_str())
        || fields::actor_column(key).is_some()
}

/// Whether `key` names a connection's field rather than an attribute.
pub(super) fn is_connection_key(key: &str) -> bool {
    CONNECTION_KEYS.contains(&key.trim().to_lowercase().as_str())
        || fields::tie_column(key).is_some()
}

/// The tie a connection describes, with the id it gives.
fn connection(
    c: &Item,
    resolve: &impl Fn(&str) -> String,
) -> Result<(Option<String>, Tie), IoError> {
    let end = |key: &str| -> Result<String, IoError> {
        c.text(&[key]).filter(|t| !t.is_empty()).ok_or_else(|| {
            c.error(
                key,
                format!("a connection needs \"{key}\": the id or label of an element"),
            )
        })
    };
    let (from, to) = (resolve(&end("from")?), resolve(&end("to")?));
    let directed = match c.text(&["direction"]).as_deref().map(str::trim) {
        None | Some("directed" | "") => true,
        Some("undirected" | "mutual") => false,
        Some(other) => {
            return Err(c.error(
                "direction",
                format!("\"{other}\" is not \"directed\", \"undirected\" or \"mutual\""),
            ));
        }
    };
    let mut tie = Tie::new("", from, to, "", directed);
    let mut id = None;
    for (key, value) in &c.fields {
        let lower = key.trim().to_lowercase();
        let Some(text) = value_text(value) else {
            continue;
        };
        match lower.as_str() {
            "_id" | "id" => id = Some(text),
            "direction" | "from" | "to" => {}
            "connection type" => tie.kind = text,
            _ => match fields::tie_column(key) {
                Some("source" | "target" | "id") | None => {
                    let name = fields::attribute_name(key, is_connection_key)
                        .unwrap_or_else(|| key.clone());
                    if !text.is_empty() {
                        tie.attributes.insert(name, text);
                    }
                }
                Some("kind") => tie.kind = text,
                Some(f) => {
                    fields::set_tie_value(&mut tie, f, &text).map_err(|m| c.error(key, m))?
                }
            },
        }
    }
    Ok((id, tie))
}

/// Positions from a backup's first map: `elements[].element` (or `_id`)
/// and `position.x`, `position.y`.
fn positions(maps: &[Value], resolve: &impl Fn(&str) -> String) -> HashMap<String, (f64, f64)> {
    let mut out = HashMap::new();
    let Some(Value::Array(list)) = maps.first().and_then(|m| m.get("elements")) else {
        return out;
    };
    for e in list {
        let key = e
            .get("element")
            .or_else(|| e.get("_id"))
            .and_then(value_text);
        let pos = e.get("position");
        let coord = |axis: &str| {
            pos.and_then(|p| p.get(axis))
                .and_then(Value::as_f64)
                .filter(|f| f.is_finite())
        };
        if let (Some(k), Some(x), Some(y)) = (key, coord("x"), coord("y")) {
            out.insert(resolve(&k), (x, y));
        }
    }
    out
}
