//! `bridgework bench --latency`: how long the editor's insight panels take
//! to catch up with what the user just did, on generated maps, timed
//! through the very jobs and [`Refresher`]s the app runs (each section on
//! its own `bridgework-analysis` thread):
//!
//! * **edit**: a tie is added; from a fresh [`Snapshot`] every insight
//!   section (silo map, brokers, coalition, what if with one actor marked
//!   as leaving, the single points of failure, influence, communities) is
//!   worked out again, all at once as their panels would ask; timed until
//!   the last lands;
//! * **leaving**: an actor of high betweenness is marked as leaving; the
//!   what-if result (cut off, fragmentation, sectors cut apart) lands;
//! * **coalition**: a coalition weight changes; the new set lands (the
//!   costly inputs are kept from the last edit, as in the app).
//!
//! The app waits until the map has been still for 0.3 s before starting
//! the jobs; that pause is not counted. Speed is measured here, never
//! asserted in tests.

use super::Outcome;
use super::bench::median;
use crate::analysis::{CoalitionOptions, Control};
use crate::generate::{GenerateOptions, generate};
use crate::jobs::insight::{
    InputsCache, Refresher, brokers_insight, coalition_insight, communities_insight, forget_shared,
    influence_insight, inputs_key, insight_view, resilience_insight, silo_insight, view_key,
    what_if,
};
use crate::jobs::{JobError, Snapshot, insight_fingerprint};
use crate::model::{ActorId, Network, Tie, ViewOptions};
use std::collections::BTreeSet;
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The key-player set size the what-if panel opens with.
const KEY_PLAYERS: usize = 3;

/// The interactive latencies the issue asks for: (scenario, actors,
/// seconds).
const TARGETS: [(Scenario, usize, f64); 6] = [
    (Scenario::Edit, 1000, 0.2),
    (Scenario::Edit, 5000, 2.0),
    (Scenario::Leaving, 2000, 0.05),
    (Scenario::Leaving, 20000, 1.0),
    (Scenario::Coalition, 1000, 0.1),
    (Scenario::Coalition, 5000, 1.0),
];

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scenario {
    Edit,
    Leaving,
    Coalition,
}

impl Scenario {
    fn label(self) -> &'static str {
        match self {
            Scenario::Edit => "edit a tie → every insight section updated",
            Scenario::Leaving => "mark an actor as leaving → what-if result",
            Scenario::Coalition => "change a coalition weight → new set",
        }
    }

    fn target(self, actors: usize) -> Option<f64> {
        TARGETS
            .iter()
            .find(|(s, n, _)| *s == self && *n == actors)
            .map(|(_, _, t)| *t)
    }
}

/// A section's result with how long its job took on its thread.
type Timed<T> = (T, Duration);

/// Every insight section's refresher, as the app keeps them.
#[derive(Default)]
struct Sections {
    silo: Refresher<Timed<crate::jobs::insight::SiloInsight>>,
    brokers: Refresher<Timed<crate::jobs::insight::BrokersInsight>>,
    coalition: Refresher<Timed<crate::jobs::insight::CoalitionInsight>>,
    resilience: Refresher<Timed<crate::jobs::insight::ResilienceInsight>>,
    what_if: Refresher<Timed<crate::jobs::insight::WhatIf>>,
    influence: Refresher<Timed<crate::jobs::insight::InfluenceInsight>>,
    communities: Refresher<Timed<crate::jobs::insight::CommunitiesInsight>>,
}

/// Starts (or takes in) one section's job for `key`: the work runs on the
/// snapshot with the view, timed on its own thread.
fn keep<T, W>(
    refresher: &mut Refresher<Timed<T>>,
    key: u64,
    net: &Arc<Network>,
    view: &ViewOptions,
    work: W,
) -> bool
where
    T: Send + Sync + 'static,
    W: FnOnce(&Network, &ViewOptions, &Control) -> Result<T, JobError> + Send + 'static,
{
    let net = Arc::clone(net);
    let view = view.clone();
    refresher.tick(key, move || {
        move |c: &Control| {
            let t = Instant::now();
            let r = work(&net, &view, c)?;
            Ok((r, t.elapsed()))
        }
    })
}

/// What the app's insight dock holds between frames.
struct Dock {
    sections: Sections,
    snapshot: Snapshot,
    cache: InputsCache,
    coalition: CoalitionOptions,
    leaving: BTreeSet<ActorId>,
    view: ViewOptions,
}

/// The keys of one frame (as `app::insight` makes them).
struct Keys {
    base: u64,
    coalition: u64,
    resilience: u64,
    what_if: u64,
}

impl Dock {
    fn keys(&self, network: &Network) -> Keys {
        let fingerprint = insight_fingerprint(network);
        let base = inputs_key(fingerprint, &view_key(&self.view));
        Keys {
            base,
            coalition: inputs_key(base, &format!("{:?}", self.coalition)),
            resilience: inputs_key(base, &KEY_PLAYERS),
            what_if: inputs_key(base, &self.leaving),
        }
    }

    /// One frame with the panels of `which` open: starts what is out of
    /// date, takes in what has landed. Returns whether all are current.
    fn tick(&mut self, k: &Keys, net: &Arc<Network>, which: &[Scenario]) -> bool {
        let view = self.view.clone();
        let s = &mut self.sections;
        let mut current = true;
        if which.contains(&Scenario::Edit) {
            keep(&mut s.silo, k.base, net, &view, silo_insight);
            keep(&mut s.brokers, k.base, net, &view, brokers_insight);
            keep(&mut s.resilience, k.resilience, net, &view, |n, v, c| {
                resilience_insight(n, v, KEY_PLAYERS, c)
            });
            keep(&mut s.influence, k.base, net, &view, influence_insight);
            keep(&mut s.communities, k.base, net, &view, communities_insight);
            current &= s.silo.is_current(k.base)
                && s.brokers.is_current(k.base)
                && s.resilience.is_current(k.resilience)
                && s.influence.is_current(k.base)
                && s.communities.is_current(k.base);
        }
        if which.contains(&Scenario::Edit) || which.contains(&Scenario::Coalition) {
            let options = self.coalition.clone();
            let cache = self.cache.clone();
            let base = k.base;
            keep(&mut s.coalition, k.coalition, net, &view, move |n, v, c| {
                coalition_insight(n, v, &options, &cache, base, c)
            });
            current &= s.coalition.is_current(k.coalition);
        }
        if which.contains(&Scenario::Edit) || which.contains(&Scenario::Leaving) {
            let leaving = self.leaving.clone();
            keep(&mut s.what_if, k.what_if, net, &view, move |n, v, c| {
                what_if(n, v, &leaving, c)
            });
            current &= s.what_if.is_current(k.what_if);
        }
        current
    }

    /// What the app does once the map is still: the map's fingerprint and
    /// the inputs' keys, the snapshot (a copy of the map at a new
    /// revision), then a tick per frame (here every half millisecond)
    /// until everything `which` covers is current. Returns the time taken.
    fn settle(&mut self, network: &Network, revision: u64, which: &[Scenario]) -> Duration {
        let t = Instant::now();
        let k = self.keys(network);
        let net = self.snapshot.get(revision, network);
        while !self.tick(&k, &net, which) {
            std::thread::sleep(Duration::from_micros(500));
        }
        t.elapsed()
    }
}

/// Adds a tie between two actors that are not tied yet (a different pair
/// on each call): the edit of the first scenario.
fn add_tie(network: &mut Network, round: usize) -> Result<(), String> {
    let ids: Vec<ActorId> = network.actors().iter().map(|a| a.id().clone()).collect();
    let n = ids.len();
    for step in 0..n {
        let a = (round * 7919 + step) % n;
        let b = (a + n / 2 + step) % n;
        let (Some(x), Some(y)) = (ids.get(a), ids.get(b)) else {
            continue;
        };
        let tied = network
            .ties()
            .iter()
            .any(|t| (t.from() == x && t.to() == y) || (t.from() == y && t.to() == x));
        if a != b && !tied {
            let tie = Tie::new(
                format!("latency-{round}"),
                x.as_str(),
                y.as_str(),
                "collaboration",
                false,
            );
            return network.add_tie(tie).map_err(|e| e.to_string());
        }
    }
    Err("no pair of actors left to tie".to_owned())
}

/// One row of the result table.
struct Row {
    scenario: Scenario,
    actors: usize,
    seconds: f64,
}

/// One row per section: its job's time when it runs alone (one panel
/// open) and when all run at once.
struct Breakdown {
    actors: usize,
    section: &'static str,
    alone: f64,
    together: f64,
}

/// The rows and breakdown of one map size, or why it could not be timed.
type Measured = Result<(Vec<Row>, Vec<Breakdown>), String>;

/// Runs the three scenarios on a map of `actors`.
fn measure(actors: usize, seed: u64, err: &mut dyn Write) -> std::io::Result<Measured> {
    let mut network = generate(&GenerateOptions {
        actors,
        seed,
        ..GenerateOptions::default()
    });
    let repeats = match actors {
        0..=2000 => 7,
        2001..=5000 => 3,
        _ => 1,
    };
    let mut dock = Dock {
        sections: Sections::default(),
        snapshot: Snapshot::new(),
        cache: InputsCache::default(),
        coalition: CoalitionOptions {
            size: 6,
            ..CoalitionOptions::default()
        },
        leaving: BTreeSet::new(),
        view: insight_view(&network, &BTreeSet::new(), false),
    };
    let mut revision = 1;
    // Warm up and find the actor of highest betweenness (the influence
    // panel's ranking) to mark as leaving.
    writeln!(err, "latency: {actors} actors, first run...")?;
    dock.settle(&network, revision, &[Scenario::Edit]);
    let leaving = dock
        .sections
        .influence
        .shown()
        .and_then(|r| {
            let values =
                r.0.values_of(crate::jobs::insight::InfluenceMeasure::Betweenness)?;
            let top = (0..values.len()).max_by(|&a, &b| values[a].total_cmp(&values[b]))?;
            r.0.ids.get(top).cloned()
        })
        .map(|id| [id].into_iter().collect::<BTreeSet<_>>());
    let Some(leaving) = leaving else {
        return Ok(Err("no influence result to choose who leaves".to_owned()));
    };
    dock.leaving = leaving;
    let mut rows = Vec::new();

    // (a) An edit: every section again, from a fresh snapshot.
    writeln!(err, "latency: {actors} actors, edits...")?;
    let mut times = Vec::new();
    let mut together: Vec<[f64; 7]> = Vec::new();
    for round in 0..repeats {
        if let Err(e) = add_tie(&mut network, round) {
            return Ok(Err(e));
        }
        revision += 1;
        times.push(
            dock.settle(&network, revision, &[Scenario::Edit])
                .as_secs_f64(),
        );
        together.push(section_times(&dock.sections));
    }
    rows.push(Row {
        scenario: Scenario::Edit,
        actors,
        seconds: median(times),
    });

    // (b) Marking someone as leaving (the other one leaving each time, so
    // the inputs change) and (c) a coalition weight: on the same map.
    writeln!(err, "latency: {actors} actors, what if and coalition...")?;
    let marked = dock.leaving.clone();
    let mut leave = Vec::new();
    let mut choose = Vec::new();
    for round in 0..repeats {
        dock.leaving = BTreeSet::new();
        dock.settle(&network, revision, &[Scenario::Leaving]);
        dock.leaving = marked.clone();
        leave.push(
            dock.settle(&network, revision, &[Scenario::Leaving])
                .as_secs_f64(),
        );
        dock.coalition.weights.willingness = 1.0 + (round % 4 + 1) as f64 * 0.5;
        choose.push(
            dock.settle(&network, revision, &[Scenario::Coalition])
                .as_secs_f64(),
        );
    }
    rows.push(Row {
        scenario: Scenario::Leaving,
        actors,
        seconds: median(leave),
    });
    rows.push(Row {
        scenario: Scenario::Coalition,
        actors,
        seconds: median(choose),
    });

    // Each section alone, after one more edit (one panel open).
    writeln!(err, "latency: {actors} actors, each section alone...")?;
    let alone = {
        if let Err(e) = add_tie(&mut network, repeats) {
            return Ok(Err(e));
        }
        revision += 1;
        let net = dock.snapshot.get(revision, &network);
        let k = dock.keys(&network);
        let view = dock.view.clone();
        let cache = InputsCache::default();
        let c = Control::none();
        let time = |f: &dyn Fn() -> Result<(), JobError>| -> Result<f64, String> {
            forget_shared();
            let t = Instant::now();
            f().map_err(|e| e.to_string())?;
            Ok(t.elapsed().as_secs_f64())
        };
        let run = || -> Result<[f64; 7], String> {
            Ok([
                time(&|| silo_insight(&net, &view, &c).map(drop))?,
                time(&|| brokers_insight(&net, &view, &c).map(drop))?,
                time(&|| {
                    coalition_insight(&net, &view, &dock.coalition, &cache, k.base, &c).map(drop)
                })?,
                time(&|| resilience_insight(&net, &view, KEY_PLAYERS, &c).map(drop))?,
                time(&|| what_if(&net, &view, &dock.leaving, &c).map(drop))?,
                time(&|| influence_insight(&net, &view, &c).map(drop))?,
                time(&|| communities_insight(&net, &view, &c).map(drop))?,
            ])
        };
        match run() {
            Ok(t) => t,
            Err(e) => return Ok(Err(e)),
        }
    };
    let names = [
        "silo map",
        "brokers",
        "coalition (inputs and choice)",
        "what if: single points of failure",
        "what if: actors leaving",
        "influence",
        "communities",
    ];
    let breakdown = names
        .iter()
        .enumerate()
        .map(|(i, &section)| Breakdown {
            actors,
            section,
            alone: alone[i],
            together: median(together.iter().map(|t| t[i]).collect()),
        })
        .collect();
    Ok(Ok((rows, breakdown)))
}

/// The job times of the results on show, in the order of the breakdown.
fn section_times(s: &Sections) -> [f64; 7] {
    fn t<T: Send + Sync + 'static>(r: &Refresher<Timed<T>>) -> f64 {
        r.shown().map_or(f64::NAN, |x| x.1.as_secs_f64())
    }
    [
        t(&s.silo),
        t(&s.brokers),
        t(&s.coalition),
        t(&s.resilience),
        t(&s.what_if),
        t(&s.influence),
        t(&s.communities),
    ]
}

fn seconds(x: f64) -> String {
    if x < 1.0 {
        format!("{:.1} ms", x * 1000.0)
    } else {
        format!("{x:.2} s")
    }
}

pub(super) fn run(
    sizes: &[usize],
    seed: u64,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<Outcome> {
    let mut rows = Vec::new();
    let mut breakdown = Vec::new();
    for &n in sizes {
        match measure(n, seed, err)? {
            Ok((r, b)) => {
                rows.extend(r);
                breakdown.extend(b);
            }
            Err(e) => {
                writeln!(err, "bridgework: bench --latency: {n} actors: {e}")?;
                return Ok(Outcome::Failed);
            }
        }
    }
    writeln!(
        out,
        "Interactive latency, powerlaw-cluster maps (m ≈ 3n, seed {seed}), {} threads; median, from the start of the jobs to the last result taken in",
        rayon::current_num_threads()
    )?;
    writeln!(out)?;
    writeln!(out, "| what the user does | actors | time | target | met |")?;
    writeln!(out, "|---|---|---|---|---|")?;
    for scenario in [Scenario::Edit, Scenario::Leaving, Scenario::Coalition] {
        for r in rows.iter().filter(|r| r.scenario == scenario) {
            let (target, met) = match scenario.target(r.actors) {
                Some(t) if r.seconds <= t => (format!("≤ {}", seconds(t)), "yes"),
                Some(t) => (format!("≤ {}", seconds(t)), "**no**"),
                None => ("–".to_owned(), "–"),
            };
            writeln!(
                out,
                "| {} | {} | {} | {target} | {met} |",
                scenario.label(),
                r.actors,
                seconds(r.seconds)
            )?;
        }
    }
    writeln!(out)?;
    writeln!(
        out,
        "Each section's job after an edit: alone (its panel open) and with all at once"
    )?;
    writeln!(out)?;
    writeln!(out, "| actors | section | alone | all at once |")?;
    writeln!(out, "|---|---|---|---|")?;
    for b in &breakdown {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            b.actors,
            b.section,
            seconds(b.alone),
            seconds(b.together)
        )?;
    }
    Ok(Outcome::Ok)
}
