//! Writing GraphML: see the module docs of `graphml`.

use super::{DESCRIPTION, METADATA, NAMESPACE_ATTRIBUTES, SECTORS, TIE_KINDS, TITLE, VISUAL_KEYS};
use crate::io::fields;
use crate::io::xml::{attr, is_xml_char, push_escaped};
use crate::model::Network;
use std::collections::BTreeMap;

/// The GraphML `attr.type` of a built-in column.
fn column_type(column: &str) -> &'static str {
    match column {
        "x" | "y" | "weight" => "double",
        "formal_position" | "influence" => "int",
        "pinned" | "directed" | "confirmed" => "boolean",
        _ => "string",
    }
}

pub(super) fn is_visual(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    VISUAL_KEYS.contains(&n.as_str())
}

fn actor_builtin(name: &str) -> bool {
    fields::actor_column(name).is_some() || is_visual(name)
}

fn tie_builtin(name: &str) -> bool {
    fields::tie_column(name).is_some() || is_visual(name)
}

/// JSON text with the characters XML cannot hold (serde_json already
/// escapes the controls; U+FFFE and U+FFFF remain, and can only be inside
/// strings) written as JSON escapes, so the JSON survives exactly.
fn json_for_xml(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_xml_char(c) {
            out.push(c);
        } else {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        }
    }
    out
}

fn push_key(out: &mut String, id: &str, domain: &str, name: &str, ty: &str) {
    out.push_str(&format!(
        "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{ty}\"/>\n",
        attr(name)
    ));
}

fn push_data(out: &mut String, indent: &str, key: &str, value: &str) {
    out.push_str(indent);
    out.push_str("<data key=\"");
    out.push_str(key);
    out.push_str("\">");
    push_escaped(out, value, false);
    out.push_str("</data>\n");
}

/// The keys of one kind of element (`node` or `edge`): one per built-in
/// column, `{prefix}0`, `{prefix}1`, ..., then one per attribute name that
/// has a value somewhere (empty values are not written).
struct ElementKeys<'a> {
    /// `n` for nodes, `e` for edges.
    prefix: &'static str,
    /// The GraphML `for` of the keys.
    domain: &'static str,
    /// The built-in columns written as data.
    columns: Vec<&'static str>,
    /// Each attribute name with its key id.
    attributes: BTreeMap<&'a str, String>,
}

impl<'a> ElementKeys<'a> {
    fn new(
        prefix: &'static str,
        domain: &'static str,
        columns: Vec<&'static str>,
        attribute_maps: impl Iterator<Item = &'a crate::model::Attributes>,
    ) -> Self {
        let attributes = fields::attribute_names(attribute_maps)
            .into_iter()
            .enumerate()
            .map(|(i, name)| (name, format!("{prefix}{}", columns.len() + i)))
            .collect();
        ElementKeys {
            prefix,
            domain,
            columns,
            attributes,
        }
    }

    /// Appends the `<key>` elements; `builtin` says which attribute names
    /// must be written as `attr:NAME`.
    fn push_keys(&self, out: &mut String, builtin: fn(&str) -> bool) {
        for (i, c) in self.columns.iter().enumerate() {
            let id = format!("{}{i}", self.prefix);
            push_key(out, &id, self.domain, c, column_type(c));
        }
        for (name, id) in &self.attributes {
            let column = fields::attribute_column(name, builtin);
            push_key(out, id, self.domain, &column, "string");
        }
    }

    /// Appends the `<data>` of one element: each built-in column's value
    /// (`value`) unless it is empty (`private` always), then each
    /// non-empty attribute.
    fn push_data(
        &self,
        out: &mut String,
        value: impl Fn(&str) -> String,
        attributes: &crate::model::Attributes,
    ) {
        for (i, c) in self.columns.iter().enumerate() {
            let v = value(c);
            if !v.is_empty() || *c == "private" {
                push_data(out, "      ", &format!("{}{i}", self.prefix), &v);
            }
        }
        for (name, v) in attributes {
            if let Some(id) = self.attributes.get(name.as_str())
                && !v.is_empty()
            {
                push_data(out, "      ", id, v);
            }
        }
    }
}

/// The map as GraphML text: standard GraphML 1.0, pretty-printed and
/// deterministic, that [`read_graphml`] reads back as exactly the same map
/// (see the module documentation for the one exception, characters XML
/// cannot hold).
pub fn write_graphml(network: &Network) -> String {
    let node_keys = ElementKeys::new(
        "n",
        "node",
        fields::ACTOR_COLUMNS
            .iter()
            .copied()
            .filter(|c| *c != "id")
            .collect(),
        network.actors().iter().map(|a| &a.attributes),
    );
    let edge_keys = ElementKeys::new(
        "e",
        "edge",
        fields::TIE_COLUMNS
            .iter()
            .copied()
            .filter(|c| !matches!(*c, "source" | "target" | "id"))
            .collect(),
        network.ties().iter().map(|t| &t.attributes),
    );

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!("<graphml {NAMESPACE_ATTRIBUTES}>\n"));

    let graph_keys = [TITLE, DESCRIPTION, METADATA, SECTORS, TIE_KINDS];
    for (i, name) in graph_keys.iter().enumerate() {
        push_key(&mut out, &format!("g{i}"), "graph", name, "string");
    }
    node_keys.push_keys(&mut out, actor_builtin);
    edge_keys.push_keys(&mut out, tie_builtin);

    let all_directed = !network.ties().is_empty() && network.ties().iter().all(|t| t.directed);
    let edgedefault = if all_directed {
        "directed"
    } else {
        "undirected"
    };
    out.push_str(&format!(
        "  <graph id=\"G\" edgedefault=\"{edgedefault}\">\n"
    ));

    let json = |r: Result<String, serde_json::Error>| json_for_xml(&r.unwrap_or_default());
    let graph_values = [
        network.title.clone(),
        network.description.clone(),
        if network.metadata.is_empty() {
            String::new()
        } else {
            json(serde_json::to_string(&network.metadata))
        },
        json(serde_json::to_string(&network.sectors)),
        json(serde_json::to_string(&network.tie_kinds)),
    ];
    for (i, value) in graph_values.iter().enumerate() {
        if !value.is_empty() {
            push_data(&mut out, "    ", &format!("g{i}"), value);
        }
    }

    for a in network.actors() {
        out.push_str(&format!("    <node id=\"{}\">\n", attr(a.id().as_str())));
        node_keys.push_data(&mut out, |c| fields::actor_value(a, c), &a.attributes);
        out.push_str("    </node>\n");
    }

    for t in network.ties() {
        out.push_str(&format!(
            "    <edge id=\"{}\" source=\"{}\" target=\"{}\"{}>\n",
            attr(t.id().as_str()),
            attr(t.from().as_str()),
            attr(t.to().as_str()),
            if t.directed && !all_directed {
                " directed=\"true\""
            } else {
                ""
            }
        ));
        edge_keys.push_data(&mut out, |c| fields::tie_value(t, c), &t.attributes);
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}
