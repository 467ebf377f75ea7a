//! Writing a Kumu blueprint: see the module docs of `kumu`.

use super::read::{is_connection_key, is_element_key};
use crate::io::fields;
use crate::model::{Actor, Network, Tie};
use serde_json::{Map, Value, json};

/// The built-in fields written besides the ones a blueprint has a place
/// for, when they differ from a new item's.
fn extra_fields<T>(
    item: &T,
    blank: &T,
    columns: &[&'static str],
    skip: &[&str],
    value: impl Fn(&T, &str) -> String,
    out: &mut Map<String, Value>,
) {
    for c in columns.iter().filter(|c| !skip.contains(c)) {
        let v = value(item, c);
        if v != value(blank, c) {
            out.insert((*c).to_owned(), Value::String(v));
        }
    }
}

fn element(a: &Actor) -> Value {
    let mut e = Map::new();
    e.insert("id".into(), json!(a.id().as_str()));
    e.insert("label".into(), json!(a.name));
    e.insert("type".into(), json!(a.sector));
    if !a.tags.is_empty() {
        e.insert("tags".into(), json!(a.tags));
    }
    let blank = Actor::new(a.id().clone(), "", "");
    extra_fields(
        a,
        &blank,
        &fields::ACTOR_COLUMNS,
        &["id", "label", "sector", "tags"],
        fields::actor_value,
        &mut e,
    );
    for (k, v) in &a.attributes {
        if !v.is_empty() {
            e.insert(fields::attribute_column(k, is_element_key), json!(v));
        }
    }
    Value::Object(e)
}

fn connection(t: &Tie) -> Value {
    let mut c = Map::new();
    c.insert("id".into(), json!(t.id().as_str()));
    c.insert("from".into(), json!(t.from().as_str()));
    c.insert("to".into(), json!(t.to().as_str()));
    c.insert("type".into(), json!(t.kind));
    c.insert(
        "direction".into(),
        json!(if t.directed { "directed" } else { "mutual" }),
    );
    c.insert("strength".into(), json!(t.strength));
    let blank = Tie::new(t.id().clone(), "", "", "", false);
    extra_fields(
        t,
        &blank,
        &fields::TIE_COLUMNS,
        &["source", "target", "id", "kind", "weight", "directed"],
        fields::tie_value,
        &mut c,
    );
    for (k, v) in &t.attributes {
        if !v.is_empty() {
            c.insert(fields::attribute_column(k, is_connection_key), json!(v));
        }
    }
    Value::Object(c)
}

/// The Kumu blueprint of `network` (pretty JSON, trailing newline); see
/// the module docs.
pub fn write_kumu_json(network: &Network) -> String {
    let doc = json!({
        "elements": network.actors().iter().map(element).collect::<Vec<_>>(),
        "connections": network.ties().iter().map(connection).collect::<Vec<_>>(),
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
