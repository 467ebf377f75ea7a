//! Writing GEXF 1.3: see the module docs of `gexf`.

use super::{DEFAULT_SIZE, NAMESPACE, VIZ_COLOUR, VIZ_NAMESPACE, VIZ_SIZE};
use crate::io::fields;
use crate::io::xml::{attr, push_escaped};
use crate::model::{Actor, Colour, Network, Shape, Tie};

/// The GEXF type of a built-in column.
fn column_type(column: &str) -> &'static str {
    match column {
        "x" | "y" | "weight" => "double",
        "formal_position" | "influence" => "integer",
        "pinned" | "directed" | "confirmed" => "boolean",
        _ => "string",
    }
}

/// GEXF's node shapes: disc, square, triangle, diamond.
fn viz_shape(shape: Shape) -> &'static str {
    match shape {
        Shape::Square | Shape::Octagon => "square",
        Shape::Triangle | Shape::TriangleDown => "triangle",
        Shape::Diamond | Shape::Bowtie => "diamond",
        _ => "disc",
    }
}

/// The declared attributes of one class: built-in fields written as
/// attributes and attribute names, each with its id.
struct Columns<'n> {
    builtin: Vec<(&'static str, String)>,
    attributes: Vec<(&'n str, String)>,
    /// (id, title, type) of each, for `<attributes>`.
    declared: Vec<(String, String, &'static str)>,
}

impl<'n> Columns<'n> {
    /// The built-in fields of `all` (less `skip`) in which some item's
    /// value differs from a new item's (`used`).
    fn new(all: &[&'static str], skip: &[&str], used: impl Fn(&str) -> bool) -> Self {
        let mut c = Columns {
            builtin: Vec::new(),
            attributes: Vec::new(),
            declared: Vec::new(),
        };
        for f in all.iter().filter(|f| !skip.contains(f) && used(f)) {
            let id = c.declared.len().to_string();
            c.declared
                .push((id.clone(), (*f).to_owned(), column_type(f)));
            c.builtin.push((*f, id));
        }
        c
    }

    /// Adds the attribute names in use, except `own` (kept elsewhere).
    fn with_attributes(
        mut self,
        names: Vec<&'n str>,
        own: &[&str],
        is_builtin: impl Fn(&str) -> bool,
    ) -> Self {
        for name in names.into_iter().filter(|n| !own.contains(n)) {
            let id = self.declared.len().to_string();
            let title = fields::attribute_column(name, &is_builtin);
            self.declared.push((id.clone(), title, "string"));
            self.attributes.push((name, id));
        }
        self
    }
}

fn push_attributes(out: &mut String, class: &str, declared: &[(String, String, &str)]) {
    if declared.is_empty() {
        return;
    }
    out.push_str(&format!(
        "    <attributes class=\"{class}\" mode=\"static\">\n"
    ));
    for (id, title, ty) in declared {
        out.push_str(&format!(
            "      <attribute id=\"{id}\" title=\"{}\" type=\"{ty}\"/>\n",
            attr(title)
        ));
    }
    out.push_str("    </attributes>\n");
}

fn push_values(out: &mut String, indent: &str, values: impl Iterator<Item = (String, String)>) {
    let values: Vec<(String, String)> = values.collect();
    if values.is_empty() {
        return;
    }
    out.push_str(&format!("{indent}<attvalues>\n"));
    for (id, v) in values {
        out.push_str(&format!(
            "{indent}  <attvalue for=\"{id}\" value=\"{}\"/>\n",
            attr(&v)
        ));
    }
    out.push_str(&format!("{indent}</attvalues>\n"));
}

/// The GEXF 1.3 text of `network`; see the module docs.
pub fn write_gexf(network: &Network) -> String {
    let blank_actor = Actor::new("", "", "");
    let blank_tie = Tie::new("", "", "", "", false);
    let actor_cols = Columns::new(&fields::ACTOR_COLUMNS, &["id", "label", "x", "y"], |c| {
        network
            .actors()
            .iter()
            .any(|a| fields::actor_value(a, c) != fields::actor_value(&blank_actor, c))
    })
    .with_attributes(
        fields::attribute_names(network.actors().iter().map(|a| &a.attributes)),
        &[VIZ_COLOUR, VIZ_SIZE],
        |h| fields::actor_column(h).is_some(),
    );
    let tie_cols = Columns::new(
        &fields::TIE_COLUMNS,
        &["source", "target", "id", "weight", "kind", "directed"],
        |c| {
            network
                .ties()
                .iter()
                .any(|t| fields::tie_value(t, c) != fields::tie_value(&blank_tie, c))
        },
    )
    .with_attributes(
        fields::attribute_names(network.ties().iter().map(|t| &t.attributes)),
        &[],
        |h| fields::tie_column(h).is_some(),
    );

    let all_directed = !network.ties().is_empty() && network.ties().iter().all(|t| t.directed);
    let none_directed = network.ties().iter().all(|t| !t.directed);
    let default_type = if all_directed {
        "directed"
    } else if none_directed {
        "undirected"
    } else {
        "mixed"
    };

    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<gexf xmlns=\"{NAMESPACE}\" xmlns:viz=\"{VIZ_NAMESPACE}\" version=\"1.3\">\n"
    ));
    out.push_str("  <meta>\n    <creator>Bridgework</creator>\n");
    for (tag, value) in [
        ("title", &network.title),
        ("description", &network.description),
    ] {
        if !value.is_empty() {
            out.push_str(&format!("    <{tag}>"));
            push_escaped(&mut out, value, false);
            out.push_str(&format!("</{tag}>\n"));
        }
    }
    out.push_str("  </meta>\n");
    out.push_str(&format!(
        "  <graph mode=\"static\" defaultedgetype=\"{default_type}\">\n"
    ));
    push_attributes(&mut out, "node", &actor_cols.declared);
    push_attributes(&mut out, "edge", &tie_cols.declared);

    out.push_str("    <nodes>\n");
    let sectors = network.sectors_by_name();
    for a in network.actors() {
        out.push_str(&format!(
            "      <node id=\"{}\" label=\"{}\">\n",
            attr(a.id().as_str()),
            attr(&a.name)
        ));
        push_values(
            &mut out,
            "        ",
            actor_cols
                .builtin
                .iter()
                .map(|(c, id)| (id.clone(), fields::actor_value(a, c)))
                .chain(
                    actor_cols
                        .attributes
                        .iter()
                        .filter_map(|(n, id)| Some((id.clone(), a.attributes.get(n)?.clone())))
                        .filter(|(_, v)| !v.is_empty()),
                ),
        );
        let sector = sectors.get(a.sector.as_str()).copied();
        let colour = a
            .attributes
            .get(VIZ_COLOUR)
            .and_then(|c| c.parse::<Colour>().ok())
            .or(sector.map(|s| s.colour));
        if let Some(c) = colour {
            out.push_str(&format!(
                "        <viz:color r=\"{}\" g=\"{}\" b=\"{}\"/>\n",
                c.r, c.g, c.b
            ));
        }
        if a.x.is_some() || a.y.is_some() {
            let mut pos = String::from("        <viz:position");
            if let Some(x) = a.x {
                pos.push_str(&format!(" x=\"{x}\""));
            }
            if let Some(y) = a.y {
                pos.push_str(&format!(" y=\"{y}\""));
            }
            out.push_str(&pos);
            out.push_str("/>\n");
        }
        let size = a
            .attributes
            .get(VIZ_SIZE)
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite())
            .unwrap_or(DEFAULT_SIZE);
        out.push_str(&format!("        <viz:size value=\"{size}\"/>\n"));
        if let Some(s) = sector {
            out.push_str(&format!(
                "        <viz:shape value=\"{}\"/>\n",
                viz_shape(s.shape)
            ));
        }
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    let kinds = network.tie_kinds_by_name();
    for t in network.ties() {
        out.push_str(&format!(
            "      <edge id=\"{}\" source=\"{}\" target=\"{}\" weight=\"{}\" kind=\"{}\"",
            attr(t.id().as_str()),
            attr(t.from().as_str()),
            attr(t.to().as_str()),
            t.strength,
            attr(&t.kind)
        ));
        if default_type == "mixed" {
            out.push_str(if t.directed {
                " type=\"directed\""
            } else {
                " type=\"undirected\""
            });
        }
        out.push_str(">\n");
        push_values(
            &mut out,
            "        ",
            tie_cols
                .builtin
                .iter()
                .map(|(c, id)| (id.clone(), fields::tie_value(t, c)))
                .chain(
                    tie_cols
                        .attributes
                        .iter()
                        .filter_map(|(n, id)| Some((id.clone(), t.attributes.get(n)?.clone())))
                        .filter(|(_, v)| !v.is_empty()),
                ),
        );
        if let Some(k) = kinds.get(t.kind.as_str()) {
            out.push_str(&format!(
                "        <viz:color r=\"{}\" g=\"{}\" b=\"{}\"/>\n",
                k.colour.r, k.colour.g, k.colour.b
            ));
        }
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}
