//! `bridgework analyse FILE`: every measure, as one JSON object (reference
//! key names), a CSV table of node measures, or a readable summary.

use super::view_args::ViewArgs;
use super::{ImportArgs, Outcome};
use crate::analysis::report::{Metric, Report, ReportError, ReportOptions};
use crate::analysis::{CoalitionOptions, Control};
use crate::model::AnalysisView;
use clap::{Args, ValueEnum};
use serde_json::Value;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::Instant;

/// Arguments of `analyse`.
#[derive(Debug, Clone, Args)]
pub struct AnalyseArgs {
    /// The map file.
    pub file: PathBuf,
    /// Only these measures (comma-separated): degree, betweenness,
    /// closeness, eigenvector, pagerank, clustering, reach,
    /// structural_holes, brokerage, ei, silo, resilience, communities,
    /// hidden, coalition (reference key names work too). Default: all.
    #[arg(long, value_delimiter = ',', value_name = "LIST")]
    pub metrics: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    /// Size of the coalition of the willing in the report.
    #[arg(long, default_value_t = 6, value_name = "K")]
    pub coalition_size: usize,
    /// Size of the key-player set (the actors whose loss fragments the map most).
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub key_players: usize,
    /// How to read the file.
    #[command(flatten)]
    pub import: ImportArgs,
    /// How the map becomes a graph.
    #[command(flatten)]
    pub view: ViewArgs,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// One JSON object: "graph", "nodes" and the result sections.
    Json,
    /// One row per actor, one column per node measure.
    Csv,
    /// A readable summary.
    Table,
}

pub(super) fn run(
    args: &AnalyseArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let mut metrics = std::collections::BTreeSet::new();
    for name in &args.metrics {
        match Metric::parse(name) {
            Some(m) => {
                metrics.insert(m);
            }
            None => {
                let names: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
                writeln!(
                    err,
                    "bridgework: --metrics: unknown measure \"{name}\"; choose from {}",
                    names.join(", ")
                )?;
                return Ok(Outcome::Failed);
            }
        }
    }
    let Some(network) = super::load_map(&args.file, &args.import, err).map(|l| l.network) else {
        return Ok(Outcome::Failed);
    };
    let view_options = match args.view.options(&network, args.import.directed) {
        Ok(v) => v,
        Err(m) => {
            writeln!(err, "bridgework: {m}")?;
            return Ok(Outcome::Failed);
        }
    };
    let view = AnalysisView::new(&network, &view_options);
    let report_options = ReportOptions {
        weighted_paths: args.view.weights.path_length(),
        metrics,
        group_by: args.view.group_by.clone(),
        coalition: CoalitionOptions {
            size: args.coalition_size.max(1),
            ..CoalitionOptions::default()
        },
        key_players: args.key_players,
    };
    // Progress on stderr for long runs: a live line on a terminal, one line
    // per stage otherwise.
    let started = Instant::now();
    let tty = std::io::stderr().is_terminal();
    let long = view.node_count() * view.edge_count().max(1) > 20_000_000;
    let last_stage = Mutex::new(String::new());
    let progress = |stage: &str, done: usize, total: usize| {
        if !long {
            return;
        }
        let mut last = last_stage.lock().unwrap_or_else(|e| e.into_inner());
        if tty {
            eprint!(
                "\ranalyse: {stage} {}%   ",
                (done * 100).checked_div(total).unwrap_or(100)
            );
        } else if *last != stage {
            eprintln!(
                "analyse: {stage} ({:.1} s)",
                started.elapsed().as_secs_f64()
            );
        }
        *last = stage.to_owned();
    };
    let control = Control::new(None, Some(&progress));
    let report = match Report::compute(&network, &view, &report_options, &control) {
        Ok(r) => r,
        Err(ReportError::Grouping(m)) => {
            writeln!(err, "bridgework: --group-by: {m}")?;
            return Ok(Outcome::Failed);
        }
        Err(ReportError::Cancelled(_)) => return Ok(Outcome::Failed),
        Err(e @ ReportError::Json(_)) => {
            writeln!(err, "bridgework: {e}")?;
            return Ok(Outcome::Failed);
        }
    };
    if long {
        if tty {
            eprintln!();
        }
        eprintln!("analyse: done in {:.1} s", started.elapsed().as_secs_f64());
    }
    if std::env::var_os("BRIDGEWORK_REPORT_PEAK_MEMORY").is_some()
        && let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM"))
    {
        writeln!(
            err,
            "analyse: peak memory {}",
            line.trim_start_matches("VmHWM:").trim()
        )?;
    }
    match args.format {
        FormatArg::Json => {
            // Straight to the output: no second copy of a large report.
            let mut buffered = std::io::BufWriter::new(&mut *out);
            serde_json::to_writer_pretty(&mut buffered, &report).map_err(std::io::Error::other)?;
            writeln!(buffered)?;
            buffered.flush()?;
        }
        FormatArg::Csv => {
            let value = serde_json::to_value(&report).map_err(std::io::Error::other)?;
            crate::export::measures_csv::write_measures_csv(&network, &view, &value, out)?
        }
        FormatArg::Table => {
            let value = serde_json::to_value(&report).map_err(std::io::Error::other)?;
            write_table(&network, &view, &view_options, &value, out)?
        }
    }
    Ok(Outcome::Ok)
}

/// Every measure with the default view, as `analyse --format csv` writes
/// it: the rows of the Measures sheet of an `.xlsx` export. `None` when the
/// report cannot be made (it never is cancelled here).
pub fn measures_rows(network: &crate::model::Network) -> Option<Vec<Vec<String>>> {
    let view = AnalysisView::new(network, &crate::model::ViewOptions::default());
    let control = Control::new(None, None);
    let report = Report::compute(network, &view, &ReportOptions::default(), &control).ok()?;
    let value = serde_json::to_value(&report).ok()?;
    let mut text = Vec::new();
    crate::export::measures_csv::write_measures_csv(network, &view, &value, &mut text).ok()?;
    Some(
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_slice())
            .records()
            .filter_map(Result::ok)
            .map(|r| r.iter().map(str::to_owned).collect())
            .collect(),
    )
}

fn f(v: &Value) -> String {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(x) if x.fract() == 0.0 && x.abs() < 1e15 => format!("{x:.0}"),
            Some(x) => format!("{x:.3}"),
            None => n.to_string(),
        },
        Value::Null => "–".to_owned(),
        other => other.to_string(),
    }
}

/// A readable summary for people, not scripts.
fn write_table(
    network: &crate::model::Network,
    view: &AnalysisView,
    view_options: &crate::model::ViewOptions,
    value: &Value,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let g = &value["graph"];
    writeln!(
        out,
        "{} actors, {} ties on the map, as the editor counts them",
        f(&g["n"]),
        network.ties().len(),
    )?;
    let mut lines = super::summary::view_lines(network, view, view_options).into_iter();
    if let Some(head) = lines.next() {
        writeln!(out, "The analysis view has {head}:")?;
    }
    for line in lines {
        writeln!(out, "  - {line}")?;
    }
    writeln!(
        out,
        "Density {}, {} component(s)",
        f(&g["density"]),
        f(&g["components"]),
    )?;
    if !g["ei_index"].is_null() {
        writeln!(
            out,
            "E-I index {} (−1 all ties within {}s, +1 all between)",
            f(&g["ei_index"]),
            g["group_by"].as_str().unwrap_or("group")
        )?;
    }
    if !g["community_modularity"].is_null() {
        writeln!(
            out,
            "{} communities found (modularity {}; by {}: {})",
            f(&g["communities"]),
            f(&g["community_modularity"]),
            g["group_by"].as_str().unwrap_or("group"),
            f(&g["modularity_sector"])
        )?;
    }
    let empty = serde_json::Map::new();
    let nodes = value["nodes"].as_object().unwrap_or(&empty);
    for (key, title) in [
        ("betweenness", "Most between (brokers of paths)"),
        ("pagerank", "Most influential by PageRank"),
        ("harmonic", "Closest to everyone (harmonic)"),
    ] {
        let mut ranked: Vec<(&String, f64)> = nodes
            .iter()
            .filter_map(|(id, m)| m[key].as_f64().map(|x| (id, x)))
            .collect();
        if ranked.is_empty() {
            continue;
        }
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let lines = ranked.iter().take(5).map(|(id, x)| {
            let name = network
                .actor(&id.as_str().into())
                .map(|a| a.name.as_str())
                .unwrap_or(id.as_str());
            format!("{x:>8.3}  {name}")
        });
        write_list(out, &format!("\n{title}:"), None, lines)?;
    }
    if let Some(brokers) = value["brokers"].as_array() {
        let lines = brokers.iter().take(5).map(|b| text(&b["sentence"]));
        write_list(out, "\nBrokers:", None, lines)?;
    }
    if let Some(gaps) = value["silo"]["gaps"].as_array() {
        let lines = gaps.iter().take(8).map(gap_line);
        write_list(out, "\nSilo gaps (worst first):", Some("none"), lines)?;
    }
    if let Some(cuts) = value["sector_cuts"].as_array() {
        // A cut that is a whole (small) sector says only that the sector is
        // small; the cuts worth a line are those through a few people.
        let members = |sector: &str| {
            network
                .actors()
                .iter()
                .filter(|a| a.sector == sector)
                .count() as u64
        };
        let mut fragile: Vec<&Value> = cuts
            .iter()
            .filter(|c| c["size"].as_u64().is_some_and(|k| k <= 2))
            .filter(|c| {
                let k = c["size"].as_u64().unwrap_or(0);
                k == 0 || (k < members(&text(&c["a"])) && k < members(&text(&c["b"])))
            })
            .collect();
        fragile.sort_by_key(|c| c["size"].as_u64());
        let lines = fragile.into_iter().take(8).map(|c| {
            let names: Vec<String> = c["actors"]
                .as_array()
                .map(|ids| {
                    ids.iter()
                        .filter_map(Value::as_str)
                        .map(|id| {
                            network
                                .actor(&id.into())
                                .map_or_else(|| id.to_owned(), |a| a.name.clone())
                        })
                        .collect()
                })
                .unwrap_or_default();
            crate::analysis::cut_sentence(&text(&c["a"]), &text(&c["b"]), &names)
        });
        let none =
            "no pair of sectors hangs on one or two people (sectors of one or two people aside)";
        write_list(
            out,
            "\nSector cuts (the fewest people joining two sectors):",
            Some(none),
            lines,
        )?;
    }
    if let Some(spof) = value["resilience"]["single_points_of_failure"].as_array() {
        let lines = spof.iter().take(5).map(|s| {
            format!(
                "if {} leaves, {} actor(s) are cut off",
                text(&s["name"]),
                f(&s["cut_off"])
            )
        });
        let none = "none: no one actor's departure cuts anyone off";
        write_list(out, "\nSingle points of failure:", Some(none), lines)?;
        let kp: Vec<&str> = value["resilience"]["key_players"]["members"]
            .as_array()
            .map(|m| m.iter().filter_map(|p| p["name"].as_str()).collect())
            .unwrap_or_default();
        if !kp.is_empty() {
            writeln!(
                out,
                "  key players (losing them fragments the map most): {} (fragmentation {} → {})",
                kp.join(", "),
                f(&value["resilience"]["fragmentation"]),
                f(&value["resilience"]["key_players"]["fragmentation_after"])
            )?;
        }
    }
    if let Some(h) = value["hidden_influencers"].as_object() {
        let list = |k: &str| {
            h.get(k)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let with_position = |p: &Value| {
            format!(
                "{} (position {})",
                text(&p["name"]),
                f(&p["formal_position"])
            )
        };
        let none = format!(
            "none found{}",
            h.get("note")
                .and_then(Value::as_str)
                .map(|n| format!(": {n}"))
                .unwrap_or_default()
        );
        let hidden = list("hidden");
        write_list(
            out,
            "\nHidden influencers (more central than their position suggests):",
            Some(&none),
            hidden.iter().take(5).map(with_position),
        )?;
        let seniors = list("peripheral_seniors");
        if !seniors.is_empty() {
            let lines = seniors.iter().take(5).map(with_position);
            write_list(out, "Senior but peripheral:", None, lines)?;
        }
    }
    if let Some(members) = value["coalition"]["members"].as_array() {
        let heading = format!("\nCoalition of the willing ({}):", members.len());
        let lines = members.iter().map(|m| text(&m["name"]));
        write_list(out, &heading, None, lines)?;
        writeln!(out, "  (details: bridgework coalition FILE --size K)")?;
    }
    Ok(())
}

/// Writes one list of the summary: `heading`, then each of `lines`
/// indented by two spaces, or `none` (when given) if there are no lines.
fn write_list(
    out: &mut dyn Write,
    heading: &str,
    none: Option<&str>,
    lines: impl ExactSizeIterator<Item = String>,
) -> std::io::Result<()> {
    writeln!(out, "{heading}")?;
    if lines.len() == 0
        && let Some(none) = none
    {
        writeln!(out, "  {none}")?;
    }
    for line in lines {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// A text value of the report, or nothing.
fn text(v: &Value) -> String {
    v.as_str().unwrap_or("").to_owned()
}

/// A silo gap of the report: the two groups, how weak the tie between
/// them is and who bridges it, with the first introduction to make on a
/// second line.
fn gap_line(gap: &Value) -> String {
    let bridgers: Vec<&str> = gap["bridgers"]
        .as_array()
        .map(|b| {
            b.iter()
                .filter_map(|p| p["name"].as_str())
                .take(3)
                .collect()
        })
        .unwrap_or_default();
    let mut line = format!(
        "{} – {}: {} ({} ties){}",
        text(&gap["groups"][0]),
        text(&gap["groups"][1]),
        text(&gap["kind"]),
        f(&gap["ties"]),
        if bridgers.is_empty() {
            String::new()
        } else {
            format!("; bridged by {}", bridgers.join(", "))
        }
    );
    if let Some(intro) = gap["introductions"].as_array().and_then(|i| i.first()) {
        line.push_str(&format!(
            "\n      introduce {} to {}",
            text(&intro["between"][0]["name"]),
            text(&intro["between"][1]["name"])
        ));
    }
    line
}
