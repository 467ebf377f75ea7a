//! Writing a map as a CSV pair: see the module docs of `csv_pair`.

use crate::io::fields;
use crate::model::{Actor, Network, Tie};
use csv::{Terminator, WriterBuilder};

fn write_table<T>(
    rows: &[T],
    columns: &[&str],
    attributes: &[&str],
    is_builtin: impl Fn(&str) -> bool + Copy,
    value: impl Fn(&T, &str) -> String,
    attribute: impl Fn(&T, &str) -> Option<String>,
) -> String {
    let mut w = WriterBuilder::new()
        .terminator(Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header: Vec<String> = columns
        .iter()
        .map(|c| (*c).to_owned())
        .chain(
            attributes
                .iter()
                .map(|a| fields::attribute_column(a, is_builtin)),
        )
        .collect();
    // Writing to a Vec cannot fail.
    let _ = w.write_record(&header);
    let mut record: Vec<String> = Vec::with_capacity(header.len());
    for row in rows {
        record.clear();
        record.extend(columns.iter().map(|c| value(row, c)));
        record.extend(
            attributes
                .iter()
                .map(|a| attribute(row, a).unwrap_or_default()),
        );
        let _ = w.write_record(&record);
    }
    let bytes = w.into_inner().map(|v| v.to_vec()).unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// Writes the nodes and edges files' text, in that order; see the module
/// docs for the layout.
pub fn write_csv_pair(network: &Network) -> (String, String) {
    let is_actor_col = |h: &str| fields::actor_column(h).is_some();
    let is_tie_col = |h: &str| fields::tie_column(h).is_some();
    let actor_attrs = fields::attribute_names(network.actors().iter().map(|a| &a.attributes));
    let tie_attrs = fields::attribute_names(network.ties().iter().map(|t| &t.attributes));
    let nodes = write_table(
        network.actors(),
        &fields::ACTOR_COLUMNS,
        &actor_attrs,
        is_actor_col,
        fields::actor_value,
        |a: &Actor, k| a.attributes.get(k).cloned(),
    );
    let edges = write_table(
        network.ties(),
        &fields::TIE_COLUMNS,
        &tie_attrs,
        is_tie_col,
        fields::tie_value,
        |t: &Tie, k| t.attributes.get(k).cloned(),
    );
    (nodes, edges)
}
