//! The coalition of the willing: a small, diverse set of influential,
//! willing people from which change can build outwards.
//!
//! System leaders say change "starts with a coalition of the willing, from
//! which one can build outwards", with "the most diverse group of clinical
//! leaders you can muster", and with patients and carers in the room. This
//! module picks such a **set** (not a top-k list: a second cardiologist adds
//! less than a first social worker) and explains each choice.
//!
//! # Definition
//! For a set S of k actors the score is the weighted mean of four terms in
//! [0, 1] (weights default to 1 each):
//! * **willingness** W(S): the mean of each member's stance value —
//!   champion 1, supporter 0.75, neutral 0.4, unknown 0.3, sceptic 0.1,
//!   opposed 0;
//! * **influence** I(S): the mean over members of ½·perceived influence
//!   ((influence − 1)/4; unknown counts 0.4) + ½·network standing (the mean
//!   percentile rank of PageRank and betweenness, the latter counting
//!   steps, as in `bridgework analyse`'s report);
//! * **reach** R(S) (KPP-Pos style): (|N₁| + ½·|N₂|)/(n − k), where N₁ are
//!   the non-members tied to a member and N₂ those two steps away (direction
//!   ignored: a conversation flows both ways);
//! * **diversity** D(S): ½·(sectors covered / min(k, sectors available)) +
//!   0.3·(professions covered / min(k, professions available)) + 0.2·(1 if S
//!   has a patient or carer voice, or none is eligible).
//!
//! Constraints: must-include actors are always in; excluded actors never;
//! sceptics and opposed actors are eligible only if asked
//! ([`CoalitionOptions::include_sceptics`]); at least
//! [`CoalitionOptions::min_sectors`] sectors and, by default, one patient or
//! carer voice when the map has an eligible one — each as far as the
//! eligible actors allow (a shortfall is reported in the notes).
//!
//! # Method and complexity
//! Greedy construction (each step adds the candidate that raises the score
//! most, filling constraint shortfalls first when the remaining places
//! require it), then swap improvement (replace a member by a non-member
//! while the score rises; at most 20 passes). Candidates are the eligible
//! actors, or on large maps the 300 best by individual merit plus the best
//! 5 of every sector and every patient voice. One evaluation costs the size
//! of the set's two-step neighbourhood, so a run is O(passes · k · C · Δ²)
//! for C candidates and typical degree Δ. Ties break by node order:
//! deterministic.
//!
//! # Example
//! ```
//! use bridgework::analysis::{coalition, CoalitionOptions, CoalitionInputs};
//! use bridgework::model::{Actor, AnalysisView, Network, Stance, Tie, ViewOptions};
//! let mut n = Network::new();
//! for (id, sector, stance) in [
//!     ("gp", "primary care", Stance::Champion),
//!     ("nurse", "primary care", Stance::Supporter),
//!     ("sw", "social care", Stance::Supporter),
//!     ("cons", "hospital care", Stance::Opposed),
//! ] {
//!     let mut a = Actor::new(id, id, sector);
//!     a.stance = stance;
//!     n.add_actor(a).unwrap();
//! }
//! for (i, (f, t)) in [("gp", "nurse"), ("gp", "sw"), ("sw", "cons")].into_iter().enumerate() {
//!     n.add_tie(Tie::new(format!("t{i}"), f, t, "collaboration", false)).unwrap();
//! }
//! let view = AnalysisView::new(&n, &ViewOptions::default());
//! let inputs = CoalitionInputs::compute(&n, &view);
//! let c = coalition(&n, &view, &inputs, &CoalitionOptions { size: 2, ..Default::default() });
//! let ids: Vec<&str> = c.members.iter().map(|m| view.id(m.node).unwrap().as_str()).collect();
//! assert_eq!(ids, vec!["gp", "sw"]); // willing, central, and two sectors
//! assert_eq!(c.to_win_over.first().map(|p| p.node), Some(3)); // the opposed consultant
//! ```

use super::betweenness::betweenness;
use super::control::{Cancelled, Control};
use super::pagerank::pagerank;
use super::rank::percentile_ranks;
use super::shortest_paths::PathLength;
use crate::model::{ActorId, ActorKind, AnalysisView, CsrRef, Network, Profession, Stance};
use std::collections::{BTreeMap, BTreeSet};

/// How much each term counts. Weights are relative; all zero means equal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CoalitionWeights {
    /// Weight of willingness.
    pub willingness: f64,
    /// Weight of influence.
    pub influence: f64,
    /// Weight of reach.
    pub reach: f64,
    /// Weight of diversity.
    pub diversity: f64,
}

impl Default for CoalitionWeights {
    fn default() -> Self {
        Self {
            willingness: 1.0,
            influence: 1.0,
            reach: 1.0,
            diversity: 1.0,
        }
    }
}

/// What to ask for.
#[derive(Clone, Debug, PartialEq)]
pub struct CoalitionOptions {
    /// How many people (k).
    pub size: usize,
    /// Actors who must be in the coalition.
    pub must_include: Vec<ActorId>,
    /// Actors who must not be.
    pub exclude: Vec<ActorId>,
    /// Term weights.
    pub weights: CoalitionWeights,
    /// The fewest sectors the coalition should span.
    pub min_sectors: usize,
    /// Whether sceptics and opposed actors may be chosen.
    pub include_sceptics: bool,
    /// Whether to insist on a patient or carer voice when one is eligible.
    pub require_patient_voice: bool,
}

impl Default for CoalitionOptions {
    fn default() -> Self {
        Self {
            size: 6,
            must_include: Vec::new(),
            exclude: Vec::new(),
            weights: CoalitionWeights::default(),
            min_sectors: 0,
            include_sceptics: false,
            require_patient_voice: true,
        }
    }
}

/// Per-actor inputs: network standing from PageRank and betweenness.
#[derive(Clone, Debug, PartialEq)]
pub struct CoalitionInputs {
    /// Mean percentile rank of PageRank and betweenness, per node.
    pub standing: Vec<f64>,
}

impl CoalitionInputs {
    /// Computes the inputs: PageRank (weighted by strength) and exact
    /// betweenness counting steps (the report's `betweenness`). O(nm).
    pub fn compute(_network: &Network, view: &AnalysisView) -> Self {
        Self::compute_with(view, &Control::none()).unwrap_or_else(|_| Self::from_measures(&[], &[]))
    }

    /// [`CoalitionInputs::compute`], reporting progress to and stopping at
    /// the cancel flag of `control` (once per source node).
    pub fn compute_with(view: &AnalysisView, control: &Control) -> Result<Self, Cancelled> {
        let pr = pagerank(view, 0.85, true);
        let bt = betweenness(view, PathLength::Hops, control)?.normalised;
        Ok(Self::from_measures(&pr, &bt))
    }

    /// From already computed PageRank and betweenness.
    pub fn from_measures(pagerank: &[f64], betweenness: &[f64]) -> Self {
        let a = percentile_ranks(pagerank);
        let b = percentile_ranks(betweenness);
        Self {
            standing: a.iter().zip(&b).map(|(x, y)| (x + y) / 2.0).collect(),
        }
    }
}

/// One member and why they were chosen.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// Node index.
    pub node: usize,
    /// Reasons, in plain words, most important first.
    pub reasons: Vec<String>,
}

/// Someone to approach next.
#[derive(Clone, Debug, PartialEq)]
pub struct Prospect {
    /// Node index.
    pub node: usize,
    /// How many coalition members they are tied to.
    pub ties_to_coalition: usize,
    /// Their stance.
    pub stance: Stance,
}

/// The chosen coalition and what it reaches.
#[derive(Clone, Debug, PartialEq)]
pub struct Coalition {
    /// Members in the order chosen, with reasons.
    pub members: Vec<Member>,
    /// The overall score, 0–1.
    pub score: f64,
    /// The four terms: willingness, influence, reach, diversity.
    pub terms: [f64; 4],
    /// Non-members tied directly to a member.
    pub reach_one_step: usize,
    /// Non-members within two steps (including one step).
    pub reach_two_steps: usize,
    /// reach_two_steps / (n − k).
    pub reach_share: f64,
    /// Sectors the coalition spans, in sector-list order.
    pub sectors_covered: Vec<String>,
    /// Sectors on the map the coalition leaves out.
    pub sectors_missing: Vec<String>,
    /// The next ring: willing (champion, supporter, neutral, unknown)
    /// neighbours of the coalition, most connected to it first.
    pub next_ring: Vec<Prospect>,
    /// Sceptical or opposed neighbours: people to win over, named apart.
    pub to_win_over: Vec<Prospect>,
    /// Shortfalls and other things worth saying.
    pub notes: Vec<String>,
}

fn willingness(s: Stance) -> f64 {
    match s {
        Stance::Champion => 1.0,
        Stance::Supporter => 0.75,
        Stance::Neutral => 0.4,
        Stance::Unknown => 0.3,
        Stance::Sceptic => 0.1,
        Stance::Opposed => 0.0,
    }
}

struct Actors<'a> {
    stance: Vec<Stance>,
    influence: Vec<f64>,
    sector: Vec<usize>,
    profession: Vec<Option<Profession>>,
    patient: Vec<bool>,
    /// The underlying undirected graph ([`AnalysisView::undirected`]).
    adj: CsrRef<'a>,
}

impl Actors<'_> {
    /// The neighbours of `v`, direction ignored.
    fn nbrs(&self, v: usize) -> &[usize] {
        &self.adj.targets[self.adj.range(v)]
    }
}

struct Evaluator<'a> {
    actors: &'a Actors<'a>,
    weights: [f64; 4],
    n: usize,
    sectors_available: usize,
    professions_available: usize,
    patient_available: bool,
    stamp: Vec<u32>,
    epoch: u32,
}

impl Evaluator<'_> {
    /// (score, terms, reach one, reach two) of set `s`.
    fn eval(&mut self, s: &[usize]) -> (f64, [f64; 4], usize, usize) {
        let k = s.len();
        if k == 0 {
            return (0.0, [0.0; 4], 0, 0);
        }
        let a = self.actors;
        let w = s.iter().map(|&v| willingness(a.stance[v])).sum::<f64>() / k as f64;
        let inf = s.iter().map(|&v| a.influence[v]).sum::<f64>() / k as f64;
        // Reach: stamp members 1, one-step 2, two-step 3 (fresh epoch).
        self.epoch = self.epoch.wrapping_add(3);
        if self.epoch < 3 {
            self.stamp.iter_mut().for_each(|x| *x = 0);
            self.epoch = 3;
        }
        let (m1, m2, m3) = (self.epoch, self.epoch + 1, self.epoch + 2);
        for &v in s {
            self.stamp[v] = m1;
        }
        let mut one = 0usize;
        for &v in s {
            for &u in a.nbrs(v) {
                if self.stamp[u] < m1 {
                    self.stamp[u] = m2;
                    one += 1;
                }
            }
        }
        let mut two = 0usize;
        for &v in s {
            for &u in a.nbrs(v) {
                if self.stamp[u] != m2 {
                    continue;
                }
                for &x in a.nbrs(u) {
                    if self.stamp[x] < m1 {
                        self.stamp[x] = m3;
                        two += 1;
                    }
                }
            }
        }
        let others = self.n.saturating_sub(k);
        let reach = if others == 0 {
            1.0
        } else {
            (one as f64 + 0.5 * two as f64) / others as f64
        };
        let sectors: BTreeSet<usize> = s.iter().map(|&v| a.sector[v]).collect();
        let profs: BTreeSet<Profession> = s.iter().filter_map(|&v| a.profession[v]).collect();
        let sec = sectors.len() as f64 / k.min(self.sectors_available).max(1) as f64;
        let prof = if self.professions_available == 0 {
            1.0
        } else {
            profs.len() as f64 / k.min(self.professions_available).max(1) as f64
        };
        let pv = if !self.patient_available || s.iter().any(|&v| a.patient[v]) {
            1.0
        } else {
            0.0
        };
        let div = 0.5 * sec.min(1.0) + 0.3 * prof.min(1.0) + 0.2 * pv;
        let terms = [w, inf, reach, div];
        let total: f64 = self.weights.iter().sum();
        let score = terms
            .iter()
            .zip(&self.weights)
            .map(|(t, w)| t * w)
            .sum::<f64>()
            / total;
        (score, terms, one, one + two)
    }
}

/// Chooses a coalition; see the module docs.
pub fn coalition(
    network: &Network,
    view: &AnalysisView,
    inputs: &CoalitionInputs,
    options: &CoalitionOptions,
) -> Coalition {
    let n = view.node_count();
    let sector_index: BTreeMap<&str, usize> = network
        .sectors
        .iter()
        .enumerate()
        .map(|(i, s)| (s.name.as_str(), i))
        .collect();
    let actor = |v: usize| view.id(v).and_then(|id| network.actor(id));
    let actors = Actors {
        stance: (0..n)
            .map(|v| actor(v).map(|a| a.stance).unwrap_or_default())
            .collect(),
        influence: (0..n)
            .map(|v| {
                let perceived = actor(v)
                    .and_then(|a| a.influence)
                    .map(|i| (f64::from(i) - 1.0) / 4.0)
                    .unwrap_or(0.4);
                0.5 * perceived + 0.5 * inputs.standing.get(v).copied().unwrap_or(0.0)
            })
            .collect(),
        sector: (0..n)
            .map(|v| {
                actor(v)
                    .and_then(|a| sector_index.get(a.sector.as_str()).copied())
                    .unwrap_or(usize::MAX)
            })
            .collect(),
        profession: (0..n)
            .map(|v| actor(v).and_then(|a| a.profession))
            .collect(),
        patient: (0..n)
            .map(|v| actor(v).is_some_and(|a| a.kind == ActorKind::PatientVoice))
            .collect(),
        adj: view.undirected().out_csr(),
    };
    let index_of = |id: &ActorId| network.actor_position(id).filter(|&i| i < n);
    let must: Vec<usize> = {
        let mut m: Vec<usize> = options.must_include.iter().filter_map(index_of).collect();
        m.dedup();
        m
    };
    let excluded: BTreeSet<usize> = options.exclude.iter().filter_map(index_of).collect();
    let eligible: Vec<usize> = (0..n)
        .filter(|v| !excluded.contains(v) && !must.contains(v))
        .filter(|&v| {
            options.include_sceptics
                || !matches!(actors.stance[v], Stance::Sceptic | Stance::Opposed)
        })
        .collect();
    let mut notes = Vec::new();
    let k = options
        .size
        .min(must.len() + eligible.len())
        .max(must.len());
    if k < options.size {
        notes.push(format!(
            "only {} eligible actor(s), so the coalition has {k} rather than {}",
            must.len() + eligible.len(),
            options.size
        ));
    }

    // Candidates: all eligible, or on big maps the best by individual merit
    // plus the best few of each sector and every patient voice.
    let merit = |v: usize| willingness(actors.stance[v]) + actors.influence[v];
    let candidates: Vec<usize> = if eligible.len() <= 300 {
        eligible.clone()
    } else {
        let mut by_merit = eligible.clone();
        by_merit.sort_by(|&a, &b| merit(b).total_cmp(&merit(a)).then(a.cmp(&b)));
        let mut keep: BTreeSet<usize> = by_merit.iter().take(300).copied().collect();
        let mut per_sector: BTreeMap<usize, usize> = BTreeMap::new();
        for &v in &by_merit {
            let c = per_sector.entry(actors.sector[v]).or_insert(0);
            if *c < 5 {
                keep.insert(v);
                *c += 1;
            }
            if actors.patient[v] {
                keep.insert(v);
            }
        }
        keep.into_iter().collect()
    };
    let pool: Vec<usize> = must.iter().chain(&candidates).copied().collect();
    let sectors_available = pool
        .iter()
        .map(|&v| actors.sector[v])
        .collect::<BTreeSet<_>>()
        .len();
    let professions_available = pool
        .iter()
        .filter_map(|&v| actors.profession[v])
        .collect::<BTreeSet<_>>()
        .len();
    let patient_available = pool.iter().any(|&v| actors.patient[v]);
    let w = options.weights;
    let mut weights = [w.willingness, w.influence, w.reach, w.diversity]
        .map(|x| if x.is_finite() { x.max(0.0) } else { 0.0 });
    if weights.iter().sum::<f64>() <= 0.0 {
        weights = [1.0; 4];
    }
    let mut ev = Evaluator {
        actors: &actors,
        weights,
        n,
        sectors_available,
        professions_available,
        patient_available,
        stamp: vec![0; n],
        epoch: 0,
    };
    let want_sectors = options.min_sectors.min(sectors_available);
    let want_patient = options.require_patient_voice && patient_available;
    let shortfall = |s: &[usize]| -> usize {
        let sectors = s
            .iter()
            .map(|&v| actors.sector[v])
            .collect::<BTreeSet<_>>()
            .len();
        let pv = usize::from(want_patient && !s.iter().any(|&v| actors.patient[v]));
        want_sectors.saturating_sub(sectors) + pv
    };

    // Greedy construction.
    let mut set: Vec<usize> = must.clone();
    while set.len() < k {
        let places = k - set.len();
        let need = shortfall(&set);
        let mut best: Option<(f64, usize)> = None;
        for &c in &candidates {
            if set.contains(&c) {
                continue;
            }
            set.push(c);
            let fixes = shortfall(&set) < need;
            let (score, ..) = ev.eval(&set);
            set.pop();
            if need >= places && !fixes {
                continue;
            }
            if best.is_none_or(|(b, _)| score > b + 1e-12) {
                best = Some((score, c));
            }
        }
        match best {
            Some((_, c)) => set.push(c),
            None => break,
        }
    }

    // Swap improvement, never breaking a satisfied constraint.
    for _ in 0..20 {
        let (current, ..) = ev.eval(&set);
        let base_short = shortfall(&set);
        let mut best: Option<(f64, usize, usize)> = None;
        for pos in must.len()..set.len() {
            let out = set[pos];
            for &c in &candidates {
                if set.contains(&c) {
                    continue;
                }
                set[pos] = c;
                let ok = shortfall(&set) <= base_short;
                let (score, ..) = ev.eval(&set);
                set[pos] = out;
                if ok && score > current + 1e-12 && best.is_none_or(|(b, ..)| score > b + 1e-12) {
                    best = Some((score, pos, c));
                }
            }
        }
        match best {
            Some((_, pos, c)) => set[pos] = c,
            None => break,
        }
    }

    let (score, terms, one, two) = ev.eval(&set);
    if want_sectors > 0 && shortfall(&set) > 0 {
        notes.push(format!(
            "could not span {} sectors with the eligible actors",
            options.min_sectors
        ));
    }
    if options.min_sectors > sectors_available {
        notes.push(format!(
            "asked for {} sectors but the eligible actors span only {sectors_available}",
            options.min_sectors
        ));
    }
    if options.require_patient_voice && !set.iter().any(|&v| actors.patient[v]) {
        notes.push(if patient_available {
            "no patient or carer voice could be included".to_owned()
        } else {
            "the map has no willing patient or carer voice: add patients and carers, they must be in the room".to_owned()
        });
    }

    let members = explain(network, view, &actors, &set, &must, inputs);
    let in_set: BTreeSet<usize> = set.iter().copied().collect();
    let mut ring: BTreeMap<usize, usize> = BTreeMap::new();
    for &v in &set {
        for &u in actors.nbrs(v) {
            if !in_set.contains(&u) {
                *ring.entry(u).or_insert(0) += 1;
            }
        }
    }
    let mut prospects: Vec<Prospect> = ring
        .into_iter()
        .filter(|(u, _)| !excluded.contains(u))
        .map(|(node, ties)| Prospect {
            node,
            ties_to_coalition: ties,
            stance: actors.stance[node],
        })
        .collect();
    prospects.sort_by(|a, b| {
        b.ties_to_coalition
            .cmp(&a.ties_to_coalition)
            .then(willingness(b.stance).total_cmp(&willingness(a.stance)))
            .then(actors.influence[b.node].total_cmp(&actors.influence[a.node]))
            .then(a.node.cmp(&b.node))
    });
    let (to_win_over, next_ring): (Vec<Prospect>, Vec<Prospect>) = prospects
        .into_iter()
        .partition(|p| matches!(p.stance, Stance::Sceptic | Stance::Opposed));
    let covered: BTreeSet<usize> = set.iter().map(|&v| actors.sector[v]).collect();
    let present: BTreeSet<usize> = actors.sector.iter().copied().collect();
    let name = |i: &usize| network.sectors.get(*i).map(|s| s.name.clone());
    Coalition {
        members,
        score,
        terms,
        reach_one_step: one,
        reach_two_steps: two,
        reach_share: if n > set.len() {
            two as f64 / (n - set.len()) as f64
        } else {
            1.0
        },
        sectors_covered: covered.iter().filter_map(name).collect(),
        sectors_missing: present.difference(&covered).filter_map(name).collect(),
        next_ring,
        to_win_over,
        notes,
    }
}

fn explain(
    network: &Network,
    view: &AnalysisView,
    actors: &Actors<'_>,
    set: &[usize],
    must: &[usize],
    inputs: &CoalitionInputs,
) -> Vec<Member> {
    let name = |v: usize| view.id(v).and_then(|id| network.actor(id));
    set.iter()
        .map(|&v| {
            let mut reasons = Vec::new();
            if must.contains(&v) {
                reasons.push("included at your request".to_owned());
            }
            let stance = actors.stance[v];
            reasons.push(match stance {
                Stance::Champion => "a champion of the change".to_owned(),
                Stance::Supporter => "a supporter of the change".to_owned(),
                Stance::Neutral => "neutral, but well placed".to_owned(),
                Stance::Unknown => "stance not yet known: worth asking".to_owned(),
                Stance::Sceptic => "sceptical: winning them over would carry weight".to_owned(),
                Stance::Opposed => "opposed: included only because you asked".to_owned(),
            });
            if let Some(i) = name(v).and_then(|a| a.influence)
                && i >= 4
            {
                reasons.push(format!("perceived influence {i}/5"));
            }
            let standing = inputs.standing.get(v).copied().unwrap_or(0.0);
            if standing >= 0.9 {
                reasons.push(format!(
                    "in the top {}% of the map by network position",
                    ((1.0 - standing) * 100.0).ceil().max(1.0)
                ));
            } else if standing >= 0.75 {
                reasons.push("in the top quarter of the map by network position".to_owned());
            }
            let sector = actors.sector[v];
            let same_sector = set.iter().filter(|&&u| actors.sector[u] == sector).count();
            if same_sector == 1
                && let Some(s) = network.sectors.get(sector)
            {
                reasons.push(format!("the coalition's only voice from {}", s.name));
            }
            if actors.patient[v] {
                reasons.push("brings a patient or carer voice".to_owned());
            } else if let Some(p) = actors.profession[v]
                && p != Profession::Other
                && set
                    .iter()
                    .filter(|&&u| actors.profession[u] == Some(p))
                    .count()
                    == 1
                && set.len() > 1
            {
                let label = serde_json::to_value(p)
                    .ok()
                    .and_then(|x| x.as_str().map(|s| s.replace('_', " ")))
                    .unwrap_or_default();
                reasons.push(format!("the only {label}"));
            }
            let others: BTreeSet<usize> = set
                .iter()
                .filter(|&&u| u != v)
                .flat_map(|&u| actors.nbrs(u).iter().copied())
                .collect();
            let own = actors
                .nbrs(v)
                .iter()
                .filter(|u| !set.contains(u) && !others.contains(u))
                .count();
            if own > 0 {
                reasons.push(format!("ties to {own} people no other member is tied to"));
            }
            Member { node: v, reasons }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Tie, ViewOptions};

    fn map() -> Network {
        let mut n = Network::new();
        let people = [
            (
                "gp1",
                "primary care",
                Stance::Champion,
                Some(Profession::Doctor),
                ActorKind::Person,
            ),
            (
                "gp2",
                "primary care",
                Stance::Champion,
                Some(Profession::Doctor),
                ActorKind::Person,
            ),
            (
                "gp3",
                "primary care",
                Stance::Supporter,
                Some(Profession::Doctor),
                ActorKind::Person,
            ),
            (
                "sw",
                "social care",
                Stance::Supporter,
                Some(Profession::SocialWorker),
                ActorKind::Person,
            ),
            (
                "pt",
                "patients & carers",
                Stance::Neutral,
                None,
                ActorKind::PatientVoice,
            ),
            (
                "cons",
                "hospital care",
                Stance::Sceptic,
                Some(Profession::Doctor),
                ActorKind::Person,
            ),
            (
                "nurse",
                "hospital care",
                Stance::Supporter,
                Some(Profession::Nurse),
                ActorKind::Person,
            ),
        ];
        for (id, sector, stance, prof, kind) in people {
            let mut a = Actor::new(id, id, sector);
            a.stance = stance;
            a.profession = prof;
            a.kind = kind;
            n.add_actor(a).unwrap();
        }
        let ties = [
            ("gp1", "gp2"),
            ("gp1", "gp3"),
            ("gp2", "gp3"),
            ("gp1", "sw"),
            ("sw", "pt"),
            ("sw", "cons"),
            ("cons", "nurse"),
            ("gp3", "nurse"),
        ];
        for (i, (f, t)) in ties.into_iter().enumerate() {
            n.add_tie(Tie::new(format!("t{i}"), f, t, "collaboration", false))
                .unwrap();
        }
        n
    }

    fn run(n: &Network, o: &CoalitionOptions) -> (Coalition, Vec<String>) {
        let v = AnalysisView::new(n, &ViewOptions::default());
        let c = coalition(n, &v, &CoalitionInputs::compute(n, &v), o);
        let ids = c
            .members
            .iter()
            .map(|m| v.id(m.node).unwrap().to_string())
            .collect();
        (c, ids)
    }

    #[test]
    fn prefers_diversity_over_a_second_gp_and_brings_in_the_patient_voice() {
        let n = map();
        let (c, ids) = run(
            &n,
            &CoalitionOptions {
                size: 3,
                ..Default::default()
            },
        );
        assert_eq!(
            ids.iter().filter(|i| i.starts_with("gp")).count(),
            1,
            "{ids:?}"
        );
        assert!(ids.contains(&"pt".to_string()), "{ids:?}");
        assert!(
            !ids.contains(&"cons".to_string()),
            "sceptics are not chosen by default"
        );
        assert!(c.to_win_over.iter().any(|p| p.stance == Stance::Sceptic));
        for m in &c.members {
            assert!(!m.reasons.is_empty());
        }
    }

    #[test]
    fn must_include_exclude_and_determinism() {
        let n = map();
        let o = CoalitionOptions {
            size: 3,
            must_include: vec!["nurse".into()],
            exclude: vec!["gp1".into()],
            ..Default::default()
        };
        let (a, ids) = run(&n, &o);
        assert!(
            ids.contains(&"nurse".to_string()) && !ids.contains(&"gp1".to_string()),
            "{ids:?}"
        );
        assert!(a.members[0].reasons[0].contains("at your request"));
        let (b, _) = run(&n, &o);
        assert_eq!(a, b);
    }

    #[test]
    fn too_large_a_coalition_is_capped_and_said() {
        let n = map();
        let (c, ids) = run(
            &n,
            &CoalitionOptions {
                size: 50,
                ..Default::default()
            },
        );
        assert_eq!(ids.len(), 6, "everyone but the sceptic");
        assert!(
            c.notes.iter().any(|s| s.contains("only 6 eligible")),
            "{:?}",
            c.notes
        );
    }

    #[test]
    fn empty_map_gives_an_empty_coalition() {
        let n = Network::new();
        let (c, ids) = run(&n, &CoalitionOptions::default());
        assert!(ids.is_empty());
        assert_eq!(c.score, 0.0);
    }

    #[test]
    fn min_sectors_is_met_when_possible() {
        let n = map();
        let (c, _) = run(
            &n,
            &CoalitionOptions {
                size: 3,
                min_sectors: 3,
                require_patient_voice: false,
                ..Default::default()
            },
        );
        assert!(c.sectors_covered.len() >= 3, "{:?}", c.sectors_covered);
    }
}
