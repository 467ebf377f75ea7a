//! The measures as CSV: one row per actor, every node measure — exactly
//! what `bridgework analyse --format csv` prints, and what the editor's
//! File ▸ Export measures… writes, from the one writer here.

use crate::analysis::Control;
use crate::analysis::report::{ReportError, ReportOptions, report};
use crate::model::{AnalysisView, Network, ViewOptions};
use serde_json::Value;
use std::io::Write;

/// The measures of `network` as `bridgework analyse --format csv` writes
/// them with its defaults (every measure; the tie kinds marked for
/// analysis; path lengths 1 ÷ strength; groups by sector; a coalition of
/// six and three key players). O(n·m) for the path measures; `control`
/// can cancel it between measures.
pub fn measures_csv(network: &Network, control: &Control) -> Result<Vec<u8>, ReportError> {
    let view = AnalysisView::new(network, &ViewOptions::default());
    let value = report(network, &view, &ReportOptions::default(), control)?;
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write_measures_csv(network, &view, &value, &mut out);
    Ok(out)
}

/// Writes the node measures of `report` (the JSON object
/// [`crate::analysis::report::report`] returns for `network` and `view`)
/// as CSV: one row per actor in the view's order — `id`, `name`,
/// `sector`, then every scalar node measure in the report's key order,
/// brokerage flattened to `brokerage_ROLE` — with `\n` line ends. A
/// measure with no value for an actor (null) is an empty cell.
pub fn write_measures_csv(
    network: &crate::model::Network,
    view: &AnalysisView,
    value: &Value,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let empty = serde_json::Map::new();
    let nodes = value["nodes"].as_object().unwrap_or(&empty);
    let mut columns: Vec<String> = Vec::new();
    if let Some(first) = nodes.values().next().and_then(Value::as_object) {
        for (k, v) in first {
            match v {
                Value::Object(roles) => columns.extend(roles.keys().map(|r| format!("{k}_{r}"))),
                _ => columns.push(k.clone()),
            }
        }
    }
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let mut header = vec!["id".to_owned(), "name".to_owned(), "sector".to_owned()];
    header.extend(columns.iter().cloned());
    w.write_record(&header).map_err(std::io::Error::other)?;
    for id in view.ids() {
        let actor = network.actor(id);
        let metrics = nodes
            .get(id.as_str())
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let mut row = vec![
            id.to_string(),
            actor.map(|a| a.name.clone()).unwrap_or_default(),
            actor.map(|a| a.sector.clone()).unwrap_or_default(),
        ];
        for c in &columns {
            let v = metrics.get(c.as_str()).cloned().or_else(|| {
                c.split_once('_')
                    .and_then(|(k, r)| metrics.get(k).and_then(|o| o.get(r)).cloned())
            });
            row.push(match v {
                Some(Value::Null) | None => String::new(),
                Some(Value::String(s)) => s,
                Some(other) => other.to_string(),
            });
        }
        w.write_record(&row).map_err(std::io::Error::other)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    out.write_all(&bytes)
}
