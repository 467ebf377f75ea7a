//! `bridgework coalition FILE --size K`: the coalition of the willing, with
//! the reason for each member and who to approach next.

use super::view_args::ViewArgs;
use super::{ImportArgs, Outcome};
use crate::analysis::{
    Coalition, CoalitionInputs, CoalitionOptions, CoalitionWeights, Prospect, coalition,
};
use crate::model::{ActorId, AnalysisView, Network};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `coalition`.
#[derive(Debug, Clone, Args)]
pub struct CoalitionArgs {
    /// The map file.
    pub file: PathBuf,
    /// How many people the coalition should have.
    #[arg(long, short = 'k', value_name = "K")]
    pub size: usize,
    /// Actors who must be in it (ids or exact names, comma-separated).
    #[arg(long, value_name = "ACTOR,...", value_delimiter = ',')]
    pub include: Vec<String>,
    /// Actors who must not be (ids or exact names, comma-separated).
    #[arg(long, value_name = "ACTOR,...", value_delimiter = ',')]
    pub exclude: Vec<String>,
    /// Relative weights of willingness, influence, reach and diversity.
    #[arg(long, value_name = "W,I,R,D", value_delimiter = ',', num_args = 4, default_values_t = [1.0, 1.0, 1.0, 1.0])]
    pub balance: Vec<f64>,
    /// The fewest sectors the coalition should span.
    #[arg(long, default_value_t = 0)]
    pub min_sectors: usize,
    /// Allow sceptics and opposed actors to be chosen.
    #[arg(long)]
    pub include_sceptics: bool,
    /// Do not insist on a patient or carer voice.
    #[arg(long)]
    pub no_patient_voice: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// How to read the file.
    #[command(flatten)]
    pub import: ImportArgs,
    /// How the map becomes a graph.
    #[command(flatten)]
    pub view: ViewArgs,
}

/// Finds actors by id, or else by exact name (ignoring case).
pub(super) fn resolve(network: &Network, refs: &[String]) -> Result<Vec<ActorId>, String> {
    refs.iter()
        .filter(|r| !r.trim().is_empty())
        .map(|r| {
            let r = r.trim();
            let id = ActorId::new(r);
            if network.actor(&id).is_some() {
                return Ok(id);
            }
            let by_name: Vec<&ActorId> = network
                .actors()
                .iter()
                .filter(|a| a.name.eq_ignore_ascii_case(r))
                .map(|a| a.id())
                .collect();
            match by_name.as_slice() {
                [one] => Ok((*one).clone()),
                [] => Err(format!(
                    "no actor with id or name \"{r}\"{}",
                    crate::model::did_you_mean(r, network.actors().iter().map(|a| a.name.as_str()))
                )),
                many => Err(format!(
                    "{} actors are called \"{r}\"; use an id: {}",
                    many.len(),
                    many.iter()
                        .map(|i| i.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        })
        .collect()
}

pub(super) fn run(
    args: &CoalitionArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let Some(network) = super::load_map(&args.file, &args.import, err).map(|l| l.network) else {
        return Ok(Outcome::Failed);
    };
    let setup = (|| -> Result<_, String> {
        let view_options = args.view.options(&network, args.import.directed)?;
        let include = resolve(&network, &args.include).map_err(|e| format!("--include: {e}"))?;
        let exclude = resolve(&network, &args.exclude).map_err(|e| format!("--exclude: {e}"))?;
        if let Some(both) = include.iter().find(|i| exclude.contains(i)) {
            return Err(format!("\"{both}\" is both included and excluded"));
        }
        if args.size == 0 {
            return Err("--size must be at least 1".into());
        }
        if args.balance.iter().any(|w| !w.is_finite() || *w < 0.0) {
            return Err("--balance takes four non-negative numbers, e.g. 1,1,1,1".into());
        }
        Ok((view_options, include, exclude))
    })();
    let (view_options, include, exclude) = match setup {
        Ok(s) => s,
        Err(m) => {
            writeln!(err, "bridgework: {m}")?;
            return Ok(Outcome::Failed);
        }
    };
    let view = AnalysisView::new(&network, &view_options);
    let inputs = CoalitionInputs::compute(&network, &view);
    let balance = |i: usize| args.balance.get(i).copied().unwrap_or(1.0);
    let c = coalition(
        &network,
        &view,
        &inputs,
        &CoalitionOptions {
            size: args.size,
            must_include: include,
            exclude,
            weights: CoalitionWeights {
                willingness: balance(0),
                influence: balance(1),
                reach: balance(2),
                diversity: balance(3),
            },
            min_sectors: args.min_sectors,
            include_sceptics: args.include_sceptics,
            require_patient_voice: !args.no_patient_voice,
        },
    );
    if args.json {
        let section = crate::analysis::report::CoalitionSection::new(&network, &view, &c);
        let text = serde_json::to_string_pretty(&section).map_err(std::io::Error::other)?;
        writeln!(out, "{text}")?;
    } else {
        write_text(&network, &view, &c, out)?;
    }
    Ok(Outcome::Ok)
}

fn label(network: &Network, view: &AnalysisView, v: usize) -> String {
    match view.id(v).and_then(|id| network.actor(id)) {
        Some(a) if a.role.is_empty() => format!("{} ({})", a.name, a.sector),
        Some(a) => format!("{} ({}, {})", a.name, a.sector, a.role),
        None => format!("node {v}"),
    }
}

fn stance_text(s: crate::model::Stance) -> String {
    serde_json::to_value(s)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn write_text(
    network: &Network,
    view: &AnalysisView,
    c: &Coalition,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let n = view.node_count();
    writeln!(
        out,
        "Coalition of the willing: {} people (score {:.2})",
        c.members.len(),
        c.score
    )?;
    writeln!(
        out,
        "  willingness {:.2} · influence {:.2} · reach {:.2} · diversity {:.2}",
        c.terms[0], c.terms[1], c.terms[2], c.terms[3]
    )?;
    writeln!(out)?;
    for (i, m) in c.members.iter().enumerate() {
        writeln!(out, "{:>2}. {}", i + 1, label(network, view, m.node))?;
        writeln!(out, "    {}", m.reasons.join("; "))?;
    }
    let others = n.saturating_sub(c.members.len());
    writeln!(out)?;
    writeln!(
        out,
        "Reaches {} of the other {others} directly and {} ({:.0}%) within two steps.",
        c.reach_one_step,
        c.reach_two_steps,
        c.reach_share * 100.0
    )?;
    writeln!(out, "Sectors covered: {}", list_or_none(&c.sectors_covered))?;
    writeln!(
        out,
        "Sectors left out: {}",
        list_or_none(&c.sectors_missing)
    )?;
    let prospects = |ps: &[Prospect], out: &mut dyn Write| -> std::io::Result<()> {
        if ps.is_empty() {
            writeln!(out, "  (none)")?;
        }
        for p in ps.iter().take(10) {
            writeln!(
                out,
                "  - {} [{}]: tied to {} member{}",
                label(network, view, p.node),
                stance_text(p.stance),
                p.ties_to_coalition,
                if p.ties_to_coalition == 1 { "" } else { "s" }
            )?;
        }
        if ps.len() > 10 {
            writeln!(out, "  ... and {} more", ps.len() - 10)?;
        }
        Ok(())
    };
    writeln!(out)?;
    writeln!(out, "Build outwards: the next ring, most connected first")?;
    prospects(&c.next_ring, out)?;
    writeln!(out, "Sceptics and opponents to win over")?;
    prospects(&c.to_win_over, out)?;
    for note in &c.notes {
        writeln!(out, "Note: {note}")?;
    }
    Ok(())
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_owned()
    } else {
        items.join(", ")
    }
}
