//! Resilience: how fragmented a map is, what happens if some actors leave
//! ("what if our one enthusiastic consultant leaves?") and which few actors
//! hold it together (Borgatti's key-player problem, KPP-Neg).
//!
//! # Definitions (Borgatti 2006, "Identifying sets of key players in a
//! social network")
//! Over the n remaining actors, direction ignored (a directed view is taken
//! as its underlying undirected graph; reciprocal arcs are one edge) and
//! weights ignored:
//! * **fragmentation** F = 1 − Σ_k s_k(s_k − 1) / (n(n − 1)), where s_k are
//!   the sizes of the (weak) components: the share of pairs of actors with
//!   no path between them. 0 for a connected map, 1 when nobody is tied.
//! * **distance-weighted fragmentation** DF = 1 − Σ_{i≠j} (1/d_ij) /
//!   (n(n − 1)), with hop distances d_ij and 1/∞ = 0: like F, but a pair
//!   joined only by a long path counts as partly disconnected. 0 only for a
//!   complete map; always F ≤ DF.
//!
//! # Conventions
//! * Removing actors removes them and their ties; F and DF **after** a
//!   removal are those of the remaining map (n = the actors left), as in
//!   Borgatti.
//! * With fewer than two actors there are no pairs, and both are **0**.
//! * Node indices that are out of range or repeated are ignored.
//! * **Cut off** ([`RemovalImpact::cut_off`]): when a removal splits one of
//!   the map's components, its largest remaining piece is "the rest" (ties
//!   broken by the lowest node index) and the actors of every other piece
//!   are cut off from it. On a connected map this is exactly "no longer
//!   connected to the main body of the network".
//!   [`RemovalImpact::isolated`] lists, in addition, the remaining actors
//!   left with no tie at all.
//! * **Ties lost between groups** (of a [`Grouping`], e.g. by sector): the
//!   edges incident to a removed actor whose ends are in different groups;
//!   and, per pair of groups, the number of direct ties between them before
//!   and after. A pair with ties before and none after is **severed**
//!   ("primary care and social care would no longer be tied at all").
//!
//! # Key players (KPP-Neg)
//! [`key_players`] looks for the k actors whose removal fragments the map
//! most. Objective ([`KeyPlayerObjective`]):
//! * `Fragmentation` (default): maximise F; among sets with equal F, prefer
//!   the one leaving fewer ties. A greedy start adds, k times, the actor
//!   whose removal gives the best value (every actor is evaluated exactly,
//!   in O(n + m) for all of them at once, by the articulation-point
//!   low-link search: removing v splits its component into the DFS subtrees
//!   it separates and the rest). Then Borgatti's swap improvement: for each
//!   member in turn, the best replacement among **all** non-members (again
//!   one O(n + m) search) is swapped in if it strictly improves the set;
//!   passes repeat until none does or `max_passes` is reached.
//!   O((1 + passes) · k · (n + m)): a 20,000-actor map takes well under a
//!   second.
//! * `DistanceWeighted`: maximise DF (ties: F). Each evaluation is an
//!   all-pairs breadth-first search, O(n · m), so candidates are restricted
//!   to the `candidates` actors of highest betweenness (on the undirected
//!   graph, hops; ties: degree, then index): greedy start over them, then
//!   swaps as above. O((1 + passes) · k · M · n · m) with M candidates
//!   (each n · m search bit-parallel, see below); meant for maps of up to
//!   a few thousand actors (1,000 actors, k = 5: a fraction of a second).
//!
//! Both are deterministic (ties go to the lowest node index) and check the
//! cancel flag once per evaluation or source node.
//!
//! # Complexity
//! F: O(n + m). DF: O(n · m): breadth-first searches from every actor, run
//! 64 at a time as one bit-parallel search (as closeness does), O(n/64 ·
//! m · depth) word operations; batches run in parallel and are added in
//! order (bit-identical whatever the thread count); cancel checked once per
//! batch and level. A 20,000-actor, 60,000-tie map takes about a second.
//! [`removal_impact`] computes DF twice (before and after).
//!
//! # Example
//! ```
//! use bridgework::analysis::{
//!     Control, Grouping, KeyPlayerOptions, fragmentation, key_players, removal_impact,
//! };
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! // Two triangles a-b-c (primary care) and d-e-f (social care) joined by c-d.
//! let mut n = Network::new();
//! for (id, sector) in [("a", "primary care"), ("b", "primary care"), ("c", "primary care"),
//!                      ("d", "social care"), ("e", "social care"), ("f", "social care")] {
//!     n.add_actor(Actor::new(id, id, sector)).unwrap();
//! }
//! let pairs = [("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f"), ("c", "d")];
//! for (i, (f, t)) in pairs.into_iter().enumerate() {
//!     n.add_tie(Tie::new(format!("t{i}"), f, t, "collaboration", false)).unwrap();
//! }
//! let view = AnalysisView::new(&n, &ViewOptions::default());
//! assert_eq!(fragmentation(&view, &[]), 0.0);
//! // What if c leaves? a and b are cut off from d, e, f.
//! let sectors = Grouping::by(&n, &view, "sector").unwrap();
//! let what_if = removal_impact(&view, &[2], Some(&sectors), &Control::none()).unwrap();
//! assert_eq!(what_if.after.fragmentation, 0.6); // 1 − (2·1 + 3·2)/(5·4)
//! assert_eq!(what_if.cut_off_actors(), vec![0, 1]);
//! assert_eq!(what_if.cut_off[0].rest, 3);
//! assert_eq!(what_if.severed_group_pairs().count(), 1); // primary–social care
//! // DF before: Σ 1/d over the 15 pairs is 7 + 4/2 + 4/3 = 31/3.
//! assert!((what_if.before.distance_weighted - 14.0 / 45.0).abs() < 1e-12);
//! // The best single key player is c (d is as good; the lower index wins).
//! let kp = key_players(&view, 1, &KeyPlayerOptions::default(), &Control::none()).unwrap();
//! assert_eq!(kp.members, vec![2]);
//! assert_eq!(kp.fragmentation, 0.6);
//! ```

use super::betweenness::betweenness;
use super::components::weak_components_without;
use super::control::{Cancelled, Control};
use super::groups::Grouping;
use super::parallel::in_batches;
use super::shortest_paths::PathLength;
use crate::model::{AnalysisView, CsrRef};
use std::collections::BTreeMap;

/// Fragmentation of a map (or of what remains of it after a removal).
#[derive(Clone, Debug, PartialEq)]
pub struct FragmentationScores {
    /// Number of actors (remaining).
    pub actors: usize,
    /// Unordered pairs of (remaining) actors joined by a path.
    pub connected_pairs: u64,
    /// Number of (weak) components.
    pub components: usize,
    /// Fragmentation F, in [0, 1].
    pub fragmentation: f64,
    /// Distance-weighted fragmentation DF, in [0, 1].
    pub distance_weighted: f64,
}

/// Fragmentation F of the map without the actors `removed`; see the module
/// docs. O(n + m).
pub fn fragmentation(view: &AnalysisView, removed: &[usize]) -> f64 {
    let g = Undirected::new(view);
    let (mask, list) = mask(g.len(), removed);
    let (_, sizes) = components(&g, &mask);
    f_value(ordered_pairs(&sizes), g.len() - list.len())
}

/// Distance-weighted fragmentation DF of the map without the actors
/// `removed`; see the module docs. O(n · m), parallel, cancellable.
pub fn distance_fragmentation(
    view: &AnalysisView,
    removed: &[usize],
    control: &Control,
) -> Result<f64, Cancelled> {
    let g = Undirected::new(view);
    let (mask, list) = mask(g.len(), removed);
    let stage = "distance-weighted fragmentation";
    control.begin(stage, g.len() - list.len());
    let h = harmonic_sum(&g, &mask, control, Some(stage))?;
    Ok(df_value(h, g.len() - list.len()))
}

/// Both fragmentations, with the counts behind them, of the map without
/// the actors `removed`. O(n · m), cancellable.
pub fn fragmentation_scores(
    view: &AnalysisView,
    removed: &[usize],
    control: &Control,
) -> Result<FragmentationScores, Cancelled> {
    let g = Undirected::new(view);
    let (mask, list) = mask(g.len(), removed);
    let stage = "fragmentation";
    control.begin(stage, g.len() - list.len());
    scores(&g, &mask, control, stage)
}

/// Actors cut off from the rest of their component by a removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CutOff {
    /// The actors of one remaining piece, ascending node indices.
    pub actors: Vec<usize>,
    /// The size of the rest (the largest remaining piece of the same
    /// former component) they are no longer connected to.
    pub rest: usize,
}

/// A tie lost with a removed actor whose ends are in different groups.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LostTie {
    /// The smaller node index.
    pub a: usize,
    /// The larger node index.
    pub b: usize,
    /// The groups of `a` and `b`.
    pub groups: (usize, usize),
}

/// The direct ties between two groups before and after a removal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupTies {
    /// The two groups (smaller index first).
    pub groups: (usize, usize),
    /// Distinct tied pairs of actors between the groups before.
    pub ties_before: usize,
    /// The same after the removal.
    pub ties_after: usize,
}

impl GroupTies {
    /// Whether the groups are no longer tied at all.
    pub fn severed(&self) -> bool {
        self.ties_after == 0
    }
}

/// What happens if some actors leave; see the module docs.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovalImpact {
    /// The removed actors (valid, distinct), ascending.
    pub removed: Vec<usize>,
    /// The whole map.
    pub before: FragmentationScores,
    /// The map without the removed actors.
    pub after: FragmentationScores,
    /// Pieces cut off from the rest of their component, largest first
    /// (then by lowest actor).
    pub cut_off: Vec<CutOff>,
    /// Remaining actors who had ties and now have none, ascending.
    pub isolated: Vec<usize>,
    /// Number of distinct tied pairs lost (edges incident to a removed
    /// actor, direction ignored).
    pub ties_lost: usize,
    /// The lost ties between different groups, sorted by (a, b). Empty
    /// without a grouping.
    pub cross_group_ties_lost: Vec<LostTie>,
    /// Pairs of groups that lose direct ties, sorted by group pair. Empty
    /// without a grouping.
    pub group_ties: Vec<GroupTies>,
    /// Groups all of whose members were removed, ascending.
    pub groups_emptied: Vec<usize>,
}

impl RemovalImpact {
    /// F after − F before.
    pub fn fragmentation_change(&self) -> f64 {
        self.after.fragmentation - self.before.fragmentation
    }

    /// DF after − DF before.
    pub fn distance_weighted_change(&self) -> f64 {
        self.after.distance_weighted - self.before.distance_weighted
    }

    /// Every cut-off actor, ascending.
    pub fn cut_off_actors(&self) -> Vec<usize> {
        let mut all: Vec<usize> = self
            .cut_off
            .iter()
            .flat_map(|c| c.actors.iter().copied())
            .collect();
        all.sort_unstable();
        all
    }

    /// The pairs of groups left with no direct tie at all.
    pub fn severed_group_pairs(&self) -> impl Iterator<Item = &GroupTies> {
        self.group_ties.iter().filter(|l| l.severed())
    }
}

/// What happens if the actors `removed` leave: fragmentation before and
/// after, who is cut off and which ties between the groups of `grouping`
/// are lost; see the module docs. O(n · m) (two DF computations),
/// cancellable.
pub fn removal_impact(
    view: &AnalysisView,
    removed: &[usize],
    grouping: Option<&Grouping>,
    control: &Control,
) -> Result<RemovalImpact, Cancelled> {
    let g = Undirected::new(view);
    let n = g.len();
    let none = vec![false; n];
    let (rm, removed) = mask(n, removed);
    control.begin("what if: before", n);
    let before = scores(&g, &none, control, "what if: before")?;
    control.begin("what if: after", n - removed.len());
    let after = scores(&g, &rm, control, "what if: after")?;

    // Pieces of every former component.
    let (old_of, _) = components(&g, &none);
    let (new_of, new_sizes) = components(&g, &rm);
    let mut pieces: Vec<Vec<usize>> = vec![Vec::new(); new_sizes.len()];
    for (v, &piece) in new_of.iter().enumerate() {
        if let Some(p) = pieces.get_mut(piece) {
            p.push(v);
        }
    }
    // Pieces are numbered by lowest node, so the first largest one of each
    // former component is "the rest".
    let mut by_former: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (p, members) in pieces.iter().enumerate() {
        if let Some(&first) = members.first() {
            by_former.entry(old_of[first]).or_default().push(p);
        }
    }
    let mut cut_off = Vec::new();
    for ps in by_former.values().filter(|ps| ps.len() > 1) {
        let mut main = ps[0];
        for &p in ps {
            if new_sizes[p] > new_sizes[main] {
                main = p;
            }
        }
        for &p in ps.iter().filter(|&&p| p != main) {
            cut_off.push(CutOff {
                actors: pieces[p].clone(),
                rest: new_sizes[main],
            });
        }
    }
    cut_off.sort_by(|x, y| {
        y.actors
            .len()
            .cmp(&x.actors.len())
            .then_with(|| x.actors.first().cmp(&y.actors.first()))
    });
    let isolated = (0..n)
        .filter(|&v| !rm[v] && !g.row(v).is_empty() && g.row(v).iter().all(|&w| rm[w]))
        .collect();

    let group = |v: usize| grouping.and_then(|gr| gr.of.get(v).copied());
    let mut ties_lost = 0;
    let mut cross_group_ties_lost = Vec::new();
    let mut links: BTreeMap<(usize, usize), (usize, usize)> = BTreeMap::new();
    for a in 0..n {
        for &b in g.row(a).iter().filter(|&&b| b > a) {
            let lost = rm[a] || rm[b];
            if lost {
                ties_lost += 1;
            }
            let (Some(ga), Some(gb)) = (group(a), group(b)) else {
                continue;
            };
            if ga == gb {
                continue;
            }
            if lost {
                cross_group_ties_lost.push(LostTie {
                    a,
                    b,
                    groups: (ga, gb),
                });
            }
            let link = links.entry((ga.min(gb), ga.max(gb))).or_default();
            link.0 += 1;
            if !lost {
                link.1 += 1;
            }
        }
    }
    let group_ties = links
        .into_iter()
        .filter(|(_, (b, a))| a < b)
        .map(|(groups, (ties_before, ties_after))| GroupTies {
            groups,
            ties_before,
            ties_after,
        })
        .collect();
    let mut groups_emptied = Vec::new();
    if let Some(gr) = grouping {
        let mut left = vec![(0usize, 0usize); gr.len()];
        for (v, &gone) in rm.iter().enumerate() {
            if let Some(c) = group(v).and_then(|x| left.get_mut(x)) {
                c.0 += 1;
                if !gone {
                    c.1 += 1;
                }
            }
        }
        groups_emptied = (0..left.len())
            .filter(|&x| left[x].0 > 0 && left[x].1 == 0)
            .collect();
    }
    Ok(RemovalImpact {
        removed,
        before,
        after,
        cut_off,
        isolated,
        ties_lost,
        cross_group_ties_lost,
        group_ties,
        groups_emptied,
    })
}

/// What a key-player set maximises; see the module docs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyPlayerObjective {
    /// Fragmentation F (ties: fewer ties left). Fast on any map.
    #[default]
    Fragmentation,
    /// Distance-weighted fragmentation DF (ties: F), over the top
    /// betweenness candidates. O(n · m) per evaluation.
    DistanceWeighted,
}

/// Options for [`key_players`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPlayerOptions {
    /// What to maximise.
    pub objective: KeyPlayerObjective,
    /// The most swap passes (each tries every member once). Default 20.
    pub max_passes: usize,
    /// `DistanceWeighted` only: how many actors of highest betweenness are
    /// candidates. Default 30.
    pub candidates: usize,
}

impl Default for KeyPlayerOptions {
    fn default() -> Self {
        Self {
            objective: KeyPlayerObjective::Fragmentation,
            max_passes: 20,
            candidates: 30,
        }
    }
}

/// A key-player set and how much its removal fragments the map.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyPlayers {
    /// The chosen actors, ascending (all of them if k ≥ n).
    pub members: Vec<usize>,
    /// F of the map without them.
    pub fragmentation: f64,
    /// DF of the map without them, computed for the `DistanceWeighted`
    /// objective only (use [`removal_impact`] for the full picture).
    pub distance_weighted: Option<f64>,
    /// The greedy start, ascending.
    pub greedy: Vec<usize>,
    /// Swap passes made.
    pub passes: usize,
    /// Swaps made.
    pub swaps: usize,
    /// Whether the last pass found no improving swap (false: stopped by
    /// `max_passes`).
    pub converged: bool,
}

/// The k actors whose removal fragments the map most (KPP-Neg): greedy
/// start and swap improvement; see the module docs.
pub fn key_players(
    view: &AnalysisView,
    k: usize,
    options: &KeyPlayerOptions,
    control: &Control,
) -> Result<KeyPlayers, Cancelled> {
    let g = Undirected::new(view);
    let n = g.len();
    if k == 0 || k >= n {
        let members: Vec<usize> = if k == 0 { Vec::new() } else { (0..n).collect() };
        let (rm, _) = mask(n, &members);
        let (_, sizes) = components(&g, &rm);
        let distance_weighted = match options.objective {
            KeyPlayerObjective::Fragmentation => None,
            KeyPlayerObjective::DistanceWeighted => Some(df_value(
                harmonic_sum(&g, &rm, control, None)?,
                n - members.len(),
            )),
        };
        return Ok(KeyPlayers {
            fragmentation: f_value(ordered_pairs(&sizes), n - members.len()),
            distance_weighted,
            greedy: members.clone(),
            members,
            passes: 0,
            swaps: 0,
            converged: true,
        });
    }
    match options.objective {
        KeyPlayerObjective::Fragmentation => kpp_fragmentation(&g, k, options, control),
        KeyPlayerObjective::DistanceWeighted => kpp_distance(&g, k, options, control),
    }
}

fn kpp_fragmentation(
    g: &Undirected<'_>,
    k: usize,
    options: &KeyPlayerOptions,
    control: &Control,
) -> Result<KeyPlayers, Cancelled> {
    let n = g.len();
    let mut rm = vec![false; n];
    let mut set: Vec<usize> = Vec::with_capacity(k);
    let stage = "key players";
    control.begin(stage, k);
    // Greedy: add the best single removal k times.
    for _ in 0..k {
        control.check()?;
        let keys = removal_keys(g, &rm);
        if let Some(best) = best_key(&keys) {
            rm[best] = true;
            set.push(best);
        }
        control.step(stage, 1, k);
    }
    let mut greedy = set.clone();
    greedy.sort_unstable();
    // Swaps: for each member, the best replacement among all others.
    let (mut passes, mut swaps, mut converged) = (0, 0, false);
    while passes < options.max_passes {
        passes += 1;
        control.begin(stage, k);
        let mut improved = false;
        for slot in set.iter_mut() {
            control.check()?;
            let i = *slot;
            rm[i] = false;
            let keys = removal_keys(g, &rm);
            let chosen = match best_key(&keys) {
                Some(j) if j != i && better(keys[j], keys[i]) => {
                    swaps += 1;
                    improved = true;
                    j
                }
                _ => i,
            };
            rm[chosen] = true;
            *slot = chosen;
            control.step(stage, 1, k);
        }
        if !improved {
            converged = true;
            break;
        }
    }
    set.sort_unstable();
    let (_, sizes) = components(g, &rm);
    Ok(KeyPlayers {
        fragmentation: f_value(ordered_pairs(&sizes), n - k),
        distance_weighted: None,
        members: set,
        greedy,
        passes,
        swaps,
        converged,
    })
}

fn kpp_distance(
    g: &Undirected<'_>,
    k: usize,
    options: &KeyPlayerOptions,
    control: &Control,
) -> Result<KeyPlayers, Cancelled> {
    let n = g.len();
    let stage = "key players";
    control.begin("key players: betweenness", n);
    let b = betweenness(g.view, PathLength::Hops, control)?.raw;
    let mut pool: Vec<usize> = (0..n).collect();
    pool.sort_by(|&x, &y| {
        b[y].total_cmp(&b[x])
            .then_with(|| g.row(y).len().cmp(&g.row(x).len()))
            .then_with(|| x.cmp(&y))
    });
    pool.truncate(options.candidates.max(k));
    pool.sort_unstable();
    // (harmonic sum H: smaller is better; connected ordered pairs P: ties)
    let eval = |rm: &[bool]| -> Result<(f64, u64), Cancelled> {
        let h = harmonic_sum(g, rm, control, None)?;
        let (_, sizes) = components(g, rm);
        Ok((h, ordered_pairs(&sizes)))
    };
    let improves = |new: (f64, u64), old: (f64, u64)| {
        let eps = 1e-12 * old.0.abs().max(1.0);
        new.0 < old.0 - eps || (new.0 <= old.0 + eps && new.1 < old.1)
    };
    let mut rm = vec![false; n];
    let mut set: Vec<usize> = Vec::with_capacity(k);
    control.begin(stage, k);
    for _ in 0..k {
        let mut best: Option<(usize, (f64, u64))> = None;
        for &j in &pool {
            if rm[j] {
                continue;
            }
            rm[j] = true;
            let value = eval(&rm)?;
            rm[j] = false;
            if best.is_none_or(|(_, b)| improves(value, b)) {
                best = Some((j, value));
            }
        }
        if let Some((j, _)) = best {
            rm[j] = true;
            set.push(j);
        }
        control.step(stage, 1, k);
    }
    let mut greedy = set.clone();
    greedy.sort_unstable();
    let mut current = eval(&rm)?;
    let (mut passes, mut swaps, mut converged) = (0, 0, false);
    while passes < options.max_passes {
        passes += 1;
        control.begin(stage, k);
        let mut improved = false;
        for slot in set.iter_mut() {
            let i = *slot;
            rm[i] = false;
            let mut best: Option<(usize, (f64, u64))> = None;
            for &j in &pool {
                if rm[j] || j == i {
                    continue;
                }
                rm[j] = true;
                let value = eval(&rm)?;
                rm[j] = false;
                if improves(value, best.map_or(current, |(_, b)| b)) {
                    best = Some((j, value));
                }
            }
            match best {
                Some((j, value)) => {
                    *slot = j;
                    rm[j] = true;
                    current = value;
                    swaps += 1;
                    improved = true;
                }
                None => rm[i] = true,
            }
            control.step(stage, 1, k);
        }
        if !improved {
            converged = true;
            break;
        }
    }
    set.sort_unstable();
    Ok(KeyPlayers {
        fragmentation: f_value(current.1, n - k),
        distance_weighted: Some(df_value(current.0, n - k)),
        members: set,
        greedy,
        passes,
        swaps,
        converged,
    })
}

/// The view's underlying undirected graph ([`AnalysisView::undirected`],
/// made once per view), read as rows: ascending, no duplicates, no
/// self-loops.
#[derive(Clone, Copy)]
struct Undirected<'a> {
    view: &'a AnalysisView,
    adj: CsrRef<'a>,
}

impl<'a> Undirected<'a> {
    fn new(view: &'a AnalysisView) -> Self {
        let view = view.undirected();
        Self {
            view,
            adj: view.out_csr(),
        }
    }

    fn len(&self) -> usize {
        self.view.node_count()
    }

    /// The neighbours of `v` (< `len()`).
    #[inline]
    fn row(&self, v: usize) -> &'a [usize] {
        &self.adj.targets[self.adj.offsets[v]..self.adj.offsets[v + 1]]
    }
}

/// The removal mask and the valid, distinct removed nodes (ascending).
fn mask(n: usize, removed: &[usize]) -> (Vec<bool>, Vec<usize>) {
    let mut rm = vec![false; n];
    for &v in removed {
        if let Some(x) = rm.get_mut(v) {
            *x = true;
        }
    }
    let list = (0..n).filter(|&v| rm[v]).collect();
    (rm, list)
}

/// Components of the graph without the masked nodes: `of[v]` (usize::MAX
/// for removed nodes), numbered by lowest node, and their sizes.
fn components(g: &Undirected<'_>, rm: &[bool]) -> (Vec<usize>, Vec<usize>) {
    let c = weak_components_without(g.view, rm);
    let sizes = c.sizes();
    (c.of, sizes)
}

/// Σ s(s − 1): ordered pairs of distinct nodes joined by a path.
fn ordered_pairs(sizes: &[usize]) -> u64 {
    sizes
        .iter()
        .map(|&s| (s as u64) * (s as u64).saturating_sub(1))
        .sum()
}

fn f_value(ordered_pairs: u64, remaining: usize) -> f64 {
    if remaining < 2 {
        return 0.0;
    }
    let pairs = remaining as f64 * (remaining as f64 - 1.0);
    1.0 - ordered_pairs as f64 / pairs
}

fn df_value(harmonic: f64, remaining: usize) -> f64 {
    if remaining < 2 {
        return 0.0;
    }
    let pairs = remaining as f64 * (remaining as f64 - 1.0);
    1.0 - harmonic / pairs
}

fn scores(
    g: &Undirected<'_>,
    rm: &[bool],
    control: &Control,
    stage: &str,
) -> Result<FragmentationScores, Cancelled> {
    let actors = rm.iter().filter(|&&x| !x).count();
    let (_, sizes) = components(g, rm);
    let pairs = ordered_pairs(&sizes);
    let h = harmonic_sum(g, rm, control, Some(stage))?;
    Ok(FragmentationScores {
        actors,
        connected_pairs: pairs / 2,
        components: sizes.len(),
        fragmentation: f_value(pairs, actors),
        distance_weighted: df_value(h, actors),
    })
}

/// Σ over ordered pairs of remaining nodes of 1/d (hops), by multi-source
/// breadth-first search (as in closeness): 64 sources at once, one bit
/// each, frontiers pulled from the neighbours level by level, counting the
/// nodes first reached at each depth. O(n/64 · m · depth) word operations.
/// Batches of 64 remaining nodes (in index order) run in parallel and are
/// added in order, so the sum is bit-identical whatever the thread count.
/// Cancel checked once per batch and level; progress reported if `stage`.
fn harmonic_sum(
    g: &Undirected<'_>,
    rm: &[bool],
    control: &Control,
    stage: Option<&str>,
) -> Result<f64, Cancelled> {
    let n = g.len();
    let sources: Vec<usize> = (0..n).filter(|&v| !rm[v]).collect();
    let parts: Vec<f64> = in_batches(sources.len(), 64, |range| {
        let batch = &sources[range];
        control.check()?;
        let full = if batch.len() == 64 {
            u64::MAX
        } else {
            (1u64 << batch.len()) - 1
        };
        let mut seen = vec![0u64; n];
        let mut frontier = vec![0u64; n];
        let mut next = vec![0u64; n];
        for (k, &s) in batch.iter().enumerate() {
            seen[s] |= 1 << k;
            frontier[s] |= 1 << k;
        }
        let mut sum = 0.0;
        let mut depth = 0u32;
        loop {
            control.check()?;
            depth += 1;
            let mut reached = 0u64;
            for v in 0..n {
                if rm[v] || seen[v] == full {
                    next[v] = 0;
                    continue;
                }
                let mut acc = 0u64;
                for &w in g.row(v) {
                    acc |= frontier[w];
                }
                let new = acc & !seen[v];
                next[v] = new;
                seen[v] |= new;
                reached += u64::from(new.count_ones());
            }
            std::mem::swap(&mut frontier, &mut next);
            if reached == 0 {
                break;
            }
            sum += reached as f64 / f64::from(depth);
        }
        if let Some(stage) = stage {
            control.step(stage, batch.len(), sources.len());
        }
        Ok(sum)
    })?;
    Ok(parts.iter().sum())
}

/// For every remaining node j: the ordered connected pairs Σ s(s − 1) of
/// the graph without the masked nodes and without j, and j's remaining
/// degree; `None` for masked nodes. One low-link depth-first search,
/// O(n + m): removing j splits its component into the DFS subtrees of the
/// children w with low(w) ≥ disc(j) and the rest.
fn removal_keys(g: &Undirected<'_>, rm: &[bool]) -> Vec<Option<(u64, usize)>> {
    let n = g.len();
    const UNSEEN: usize = usize::MAX;
    let mut disc = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut sub = vec![1u64; n];
    let mut sep_pairs = vec![0u64; n];
    let mut sep_size = vec![0u64; n];
    let mut comp_size = vec![0u64; n];
    let mut time = 0;
    let mut stack: Vec<(usize, usize, usize)> = Vec::new();
    let mut trees: Vec<(usize, usize)> = Vec::new(); // (start in order, size)
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for root in 0..n {
        if rm[root] || disc[root] != UNSEEN {
            continue;
        }
        let start = order.len();
        disc[root] = time;
        low[root] = time;
        time += 1;
        order.push(root);
        stack.push((root, UNSEEN, 0));
        while let Some(top) = stack.last_mut() {
            let (v, parent, pos) = *top;
            if let Some(&w) = g.row(v).get(pos) {
                top.2 += 1;
                if rm[w] || w == parent {
                    continue;
                }
                if disc[w] == UNSEEN {
                    disc[w] = time;
                    low[w] = time;
                    time += 1;
                    order.push(w);
                    stack.push((w, v, 0));
                } else {
                    low[v] = low[v].min(disc[w]);
                }
            } else {
                stack.pop();
                if parent != UNSEEN {
                    low[parent] = low[parent].min(low[v]);
                    sub[parent] += sub[v];
                    if low[v] >= disc[parent] {
                        sep_pairs[parent] += sub[v] * (sub[v] - 1);
                        sep_size[parent] += sub[v];
                    }
                }
            }
        }
        trees.push((start, order.len() - start));
    }
    let mut base = 0u64;
    for &(start, size) in &trees {
        let c = size as u64;
        base += c * (c - 1);
        for &v in &order[start..start + size] {
            comp_size[v] = c;
        }
    }
    (0..n)
        .map(|j| {
            if rm[j] {
                return None;
            }
            let c = comp_size[j];
            let rest = c - 1 - sep_size[j];
            let pairs = base - c * (c - 1) + sep_pairs[j] + rest * rest.saturating_sub(1);
            let degree = g.row(j).iter().filter(|&&w| !rm[w]).count();
            Some((pairs, degree))
        })
        .collect()
}

/// Whether key `a` is strictly better than `b`: fewer connected pairs,
/// then more ties removed.
fn better(a: Option<(u64, usize)>, b: Option<(u64, usize)>) -> bool {
    match (a, b) {
        (Some((pa, da)), Some((pb, db))) => pa < pb || (pa == pb && da > db),
        (Some(_), None) => true,
        _ => false,
    }
}

/// The node with the best key (ties: lowest index).
fn best_key(keys: &[Option<(u64, usize)>]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (j, &key) in keys.iter().enumerate() {
        if key.is_some() && best.is_none_or(|b| better(key, keys[b])) {
            best = Some(j);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Network, Tie, ViewOptions};
    use proptest::prelude::*;

    fn network(n: usize, edges: &[(usize, usize)], sectors: &[&str]) -> Network {
        let mut net = Network::new();
        for i in 0..n {
            let sector = sectors.get(i).copied().unwrap_or("primary care");
            net.add_actor(Actor::new(format!("a{i}"), format!("A{i}"), sector))
                .unwrap();
        }
        for (k, &(a, b)) in edges.iter().enumerate() {
            net.add_tie(Tie::new(
                format!("t{k}"),
                format!("a{a}"),
                format!("a{b}"),
                "collaboration",
                false,
            ))
            .unwrap();
        }
        net
    }

    fn view_of(n: usize, edges: &[(usize, usize)]) -> AnalysisView {
        AnalysisView::new(&network(n, edges, &[]), &ViewOptions::default())
    }

    fn df(v: &AnalysisView, removed: &[usize]) -> f64 {
        distance_fragmentation(v, removed, &Control::none()).unwrap()
    }

    const TRIANGLES: [(usize, usize); 7] = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)];

    #[test]
    fn path_of_three() {
        let v = view_of(3, &[(0, 1), (1, 2)]);
        assert_eq!(fragmentation(&v, &[]), 0.0);
        // Σ 1/d over ordered pairs: 2·(1 + 1 + 1/2) = 5 of 6.
        assert!((df(&v, &[]) - 1.0 / 6.0).abs() < 1e-15);
        assert_eq!(fragmentation(&v, &[1]), 1.0);
        assert_eq!(df(&v, &[1]), 1.0);
        // One actor left: no pairs, 0 by convention.
        assert_eq!(fragmentation(&v, &[0, 1]), 0.0);
        assert_eq!(fragmentation(&v, &[0, 1, 2]), 0.0);
        // An end leaving changes nothing.
        assert_eq!(fragmentation(&v, &[0]), 0.0);
        assert_eq!(df(&v, &[0]), 0.0);
        // Out-of-range and repeated indices are ignored.
        assert_eq!(fragmentation(&v, &[1, 1, 7]), 1.0);
    }

    #[test]
    fn star_loses_its_centre() {
        let v = view_of(4, &[(0, 1), (0, 2), (0, 3)]);
        // 3 pairs at 1, 3 at 2: 1 − 2·4.5/12.
        assert_eq!(df(&v, &[]), 0.25);
        let r = removal_impact(&v, &[0], None, &Control::none()).unwrap();
        assert_eq!(r.before.fragmentation, 0.0);
        assert_eq!(r.after.fragmentation, 1.0);
        assert_eq!(r.after.distance_weighted, 1.0);
        assert_eq!(r.fragmentation_change(), 1.0);
        assert_eq!(r.distance_weighted_change(), 0.75);
        assert_eq!((r.before.connected_pairs, r.after.connected_pairs), (6, 0));
        assert_eq!((r.before.components, r.after.components), (1, 3));
        assert_eq!(r.isolated, vec![1, 2, 3]);
        // Three equal pieces: the lowest is "the rest".
        assert_eq!(r.cut_off_actors(), vec![2, 3]);
        assert_eq!(r.ties_lost, 3);
        assert!(r.cross_group_ties_lost.is_empty() && r.group_ties.is_empty());
        let kp = key_players(&v, 1, &KeyPlayerOptions::default(), &Control::none()).unwrap();
        assert_eq!(kp.members, vec![0]);
        assert_eq!(kp.fragmentation, 1.0);
    }

    #[test]
    fn removing_a_bridge_end_cuts_off_the_other_triangle() {
        let sectors = [
            "primary care",
            "primary care",
            "primary care",
            "social care",
            "social care",
            "social care",
        ];
        let net = network(6, &TRIANGLES, &sectors);
        let v = AnalysisView::new(&net, &ViewOptions::default());
        let g = Grouping::by(&net, &v, "sector").unwrap();
        let (pc, sc) = (g.of[0], g.of[3]);
        let r = removal_impact(&v, &[3], Some(&g), &Control::none()).unwrap();
        assert_eq!(r.removed, vec![3]);
        assert_eq!(
            r.cut_off,
            vec![CutOff {
                actors: vec![4, 5],
                rest: 3
            }]
        );
        assert!(r.isolated.is_empty());
        assert_eq!(r.ties_lost, 3);
        assert_eq!(
            r.cross_group_ties_lost,
            vec![LostTie {
                a: 2,
                b: 3,
                groups: (pc, sc)
            }]
        );
        assert_eq!(
            r.group_ties,
            vec![GroupTies {
                groups: (pc.min(sc), pc.max(sc)),
                ties_before: 1,
                ties_after: 0
            }]
        );
        assert_eq!(r.severed_group_pairs().count(), 1);
        assert!(r.groups_emptied.is_empty());
        // 1 − (3·2 + 2·1)/(5·4)
        assert_eq!(r.after.fragmentation, 0.6);
        assert!((r.before.distance_weighted - 14.0 / 45.0).abs() < 1e-15);
        // Removing the whole social-care triangle empties the group.
        let r = removal_impact(&v, &[3, 4, 5], Some(&g), &Control::none()).unwrap();
        assert_eq!(r.groups_emptied, vec![sc]);
        assert!(r.cut_off.is_empty());
        assert_eq!(r.after.fragmentation, 0.0);
        // Nothing removed: nothing changes.
        let r = removal_impact(&v, &[], Some(&g), &Control::none()).unwrap();
        assert_eq!(r.before, r.after);
        assert!(r.cut_off.is_empty() && r.group_ties.is_empty() && r.ties_lost == 0);
    }

    #[test]
    fn key_players_of_two_triangles() {
        let v = view_of(6, &TRIANGLES);
        let kp = key_players(&v, 1, &KeyPlayerOptions::default(), &Control::none()).unwrap();
        assert_eq!(kp.members, vec![2]);
        assert!(kp.converged);
        // Two: c and d leave two separate pairs: 1 − (2 + 2)/12.
        let kp = key_players(&v, 2, &KeyPlayerOptions::default(), &Control::none()).unwrap();
        assert_eq!(kp.members, vec![2, 3]);
        assert!((kp.fragmentation - 2.0 / 3.0).abs() < 1e-15);
        let opts = KeyPlayerOptions {
            objective: KeyPlayerObjective::DistanceWeighted,
            ..KeyPlayerOptions::default()
        };
        let kp = key_players(&v, 2, &opts, &Control::none()).unwrap();
        assert_eq!(kp.members, vec![2, 3]);
        // Two pairs: 4 ordered pairs at distance 1 of 12.
        assert_eq!(kp.distance_weighted, Some(1.0 - 4.0 / 12.0));
    }

    #[test]
    fn swaps_improve_on_the_greedy_start() {
        // 6 is the best single removal, but {0, 1} beats {6, anything}.
        let edges = [(0, 6), (1, 6), (0, 3), (1, 5), (3, 5), (4, 6), (1, 0)];
        let v = view_of(7, &edges);
        let kp = key_players(&v, 2, &KeyPlayerOptions::default(), &Control::none()).unwrap();
        assert_eq!(kp.greedy, vec![0, 6]);
        assert_eq!(fragmentation(&v, &kp.greedy), 0.7);
        assert_eq!(kp.members, vec![0, 1]);
        assert_eq!(kp.fragmentation, 0.8);
        assert_eq!((kp.passes, kp.swaps, kp.converged), (2, 1, true));
    }

    #[test]
    fn key_player_edge_cases() {
        let opts = KeyPlayerOptions::default();
        let v = view_of(0, &[]);
        let kp = key_players(&v, 3, &opts, &Control::none()).unwrap();
        assert!(kp.members.is_empty());
        assert_eq!(kp.fragmentation, 0.0);
        let r = removal_impact(&v, &[0], None, &Control::none()).unwrap();
        assert!(r.removed.is_empty());
        assert_eq!(r.before.fragmentation, 0.0);
        let v = view_of(3, &[(0, 1)]);
        let kp = key_players(&v, 0, &opts, &Control::none()).unwrap();
        assert!(kp.members.is_empty());
        assert!((kp.fragmentation - (1.0 - 2.0 / 6.0)).abs() < 1e-15);
        let kp = key_players(&v, 5, &opts, &Control::none()).unwrap();
        assert_eq!(kp.members, vec![0, 1, 2]);
        assert_eq!(kp.fragmentation, 0.0);
    }

    #[test]
    fn directed_views_are_taken_as_undirected() {
        let mut net = network(3, &[], &[]);
        net.add_tie(Tie::new("t1", "a0", "a1", "referral", true))
            .unwrap();
        net.add_tie(Tie::new("t2", "a2", "a1", "referral", true))
            .unwrap();
        net.add_tie(Tie::new("t3", "a1", "a2", "referral", true))
            .unwrap();
        let v = AnalysisView::new(&net, &ViewOptions::default());
        assert!(v.is_directed());
        assert_eq!(fragmentation(&v, &[]), 0.0);
        assert!((df(&v, &[]) - 1.0 / 6.0).abs() < 1e-15);
        assert_eq!(fragmentation(&v, &[1]), 1.0);
    }

    #[test]
    fn cancelled() {
        let flag = std::sync::atomic::AtomicBool::new(true);
        let control = Control::new(Some(&flag), None);
        let v = view_of(6, &TRIANGLES);
        assert_eq!(distance_fragmentation(&v, &[], &control), Err(Cancelled));
        assert_eq!(
            removal_impact(&v, &[2], None, &control).map(|_| ()),
            Err(Cancelled)
        );
        assert_eq!(
            key_players(&v, 2, &KeyPlayerOptions::default(), &control).map(|_| ()),
            Err(Cancelled)
        );
    }

    #[test]
    fn key_players_of_a_large_map_take_seconds_at_most() {
        let n = 20_000;
        let mut s: u64 = 3;
        let mut next = || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        // A random tree plus 40,000 random ties between nearby actors.
        let mut edges: Vec<(usize, usize)> =
            (1..n).map(|v| (v, (next() % v as u64) as usize)).collect();
        for _ in 0..40_000 {
            let a = (next() % n as u64) as usize;
            edges.push((a, (a + 1 + (next() % 50) as usize) % n));
        }
        let v = view_of(n, &edges);
        let start = std::time::Instant::now();
        let kp = key_players(&v, 5, &KeyPlayerOptions::default(), &Control::none()).unwrap();
        assert_eq!(kp.members.len(), 5);
        assert!(kp.fragmentation >= 0.0);
        assert!(
            start.elapsed().as_secs_f64() < 30.0,
            "{:?}",
            start.elapsed()
        );
    }

    #[test]
    fn distance_fragmentation_does_not_depend_on_the_thread_count() {
        let n = 3_000;
        let edges: Vec<(usize, usize)> = (0..n)
            .flat_map(|v| [(v, (v * 7 + 1) % n), (v, (v * 13 + 5) % n)])
            .collect();
        let v = view_of(n, &edges);
        let many = df(&v, &[5, 17]);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        assert_eq!(many, pool.install(|| df(&v, &[5, 17])));
        assert!(many > 0.0 && many < 1.0);
    }

    fn graph() -> impl Strategy<Value = (usize, Vec<(usize, usize)>)> {
        (1usize..13).prop_flat_map(|n| (Just(n), proptest::collection::vec((0..n, 0..n), 0..30)))
    }

    /// Ordered connected pairs and Σ 1/d, brute force (Floyd–Warshall).
    fn brute(n: usize, edges: &[(usize, usize)], rm: &[bool]) -> (u64, f64) {
        let inf = usize::MAX / 4;
        let mut d = vec![vec![inf; n]; n];
        for (i, row) in d.iter_mut().enumerate() {
            row[i] = 0;
        }
        for &(a, b) in edges {
            if a != b && !rm[a] && !rm[b] {
                d[a][b] = 1;
                d[b][a] = 1;
            }
        }
        for k in 0..n {
            for i in 0..n {
                for j in 0..n {
                    if d[i][k] + d[k][j] < d[i][j] {
                        d[i][j] = d[i][k] + d[k][j];
                    }
                }
            }
        }
        let (mut pairs, mut h) = (0, 0.0);
        for i in (0..n).filter(|&i| !rm[i]) {
            for j in (0..n).filter(|&j| !rm[j] && j != i) {
                if d[i][j] < inf {
                    pairs += 1;
                    h += 1.0 / d[i][j] as f64;
                }
            }
        }
        (pairs, h)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        #[test]
        fn fragmentations_are_in_range_and_match_brute_force(
            (n, edges) in graph(),
            removed in proptest::collection::vec(0usize..13, 0..4),
        ) {
            let v = view_of(n, &edges);
            let s = fragmentation_scores(&v, &removed, &Control::none()).unwrap();
            prop_assert!((0.0..=1.0).contains(&s.fragmentation));
            prop_assert!((0.0..=1.0).contains(&s.distance_weighted));
            prop_assert!(s.fragmentation <= s.distance_weighted + 1e-12);
            let (rm, _) = mask(n, &removed);
            let (pairs, h) = brute(n, &edges, &rm);
            prop_assert_eq!(s.connected_pairs * 2, pairs);
            prop_assert!((df_value(h, s.actors) - s.distance_weighted).abs() < 1e-12);
            prop_assert_eq!(s.fragmentation, fragmentation(&v, &removed));
        }

        #[test]
        fn removing_more_actors_never_joins_pairs(
            (n, edges) in graph(),
            removed in proptest::collection::vec(0usize..13, 0..4),
            extra in proptest::collection::vec(0usize..13, 0..4),
        ) {
            // Among the actors left after the larger removal, connected
            // pairs and Σ 1/d can only fall when more actors leave.
            let v = view_of(n, &edges);
            let (small, _) = mask(n, &removed);
            let all: Vec<usize> = removed.iter().chain(&extra).copied().collect();
            let (big, _) = mask(n, &all);
            let g = Undirected::new(&v);
            let restricted = |rm: &[bool]| {
                let (of, _) = components(&g, rm);
                (0..n).filter(|&i| !big[i]).flat_map(|i| (0..n).map(move |j| (i, j)))
                    .filter(|&(i, j)| j != i && !big[j] && of[i] == of[j]).count()
            };
            prop_assert!(restricted(&big) <= restricted(&small));
            let r = removal_impact(&v, &all, None, &Control::none()).unwrap();
            prop_assert!(r.after.connected_pairs <= r.before.connected_pairs);
        }

        #[test]
        fn cut_off_actors_are_outside_the_largest_piece_of_a_connected_map(
            n in 2usize..12,
            extra in proptest::collection::vec((0usize..12, 0usize..12), 0..12),
            removed in proptest::collection::vec(0usize..12, 1..3),
        ) {
            // A path keeps the map connected; extra ties add cycles.
            let mut edges: Vec<(usize, usize)> = (1..n).map(|i| (i - 1, i)).collect();
            edges.extend(extra.iter().map(|&(a, b)| (a % n, b % n)));
            let v = view_of(n, &edges);
            let r = removal_impact(&v, &removed, None, &Control::none()).unwrap();
            let g = Undirected::new(&v);
            let (rm, _) = mask(n, &removed);
            let (of, sizes) = components(&g, &rm);
            let Some(&largest) = sizes.iter().max() else { return Ok(()); };
            let main = sizes.iter().position(|&s| s == largest).unwrap();
            let want: Vec<usize> = (0..n).filter(|&i| !rm[i] && of[i] != main).collect();
            prop_assert_eq!(r.cut_off_actors(), want);
            for c in &r.cut_off {
                prop_assert_eq!(c.rest, largest);
            }
        }

        #[test]
        fn the_best_single_key_player_is_optimal_and_swaps_are_locally_optimal(
            (n, edges) in graph(),
            k in 1usize..4,
        ) {
            let v = view_of(n, &edges);
            let opts = KeyPlayerOptions::default();
            let one = key_players(&v, 1, &opts, &Control::none()).unwrap();
            let best = (0..n).map(|j| fragmentation(&v, &[j])).fold(0.0, f64::max);
            prop_assert_eq!(one.fragmentation, best);
            let kp = key_players(&v, k, &opts, &Control::none()).unwrap();
            prop_assert_eq!(kp.members.len(), k.min(n));
            prop_assert_eq!(kp.fragmentation, fragmentation(&v, &kp.members));
            prop_assert!(kp.converged);
            // No single swap improves F.
            for i in 0..kp.members.len() {
                for j in (0..n).filter(|j| !kp.members.contains(j)) {
                    let mut s = kp.members.clone();
                    s[i] = j;
                    prop_assert!(fragmentation(&v, &s) <= kp.fragmentation + 1e-12);
                }
            }
            // Same with DF over all candidates.
            let opts = KeyPlayerOptions {
                objective: KeyPlayerObjective::DistanceWeighted,
                candidates: n,
                ..KeyPlayerOptions::default()
            };
            let kp = key_players(&v, k, &opts, &Control::none()).unwrap();
            let got = kp.distance_weighted.unwrap();
            prop_assert!((got - df(&v, &kp.members)).abs() < 1e-12);
            for i in 0..kp.members.len() {
                for j in (0..n).filter(|j| !kp.members.contains(j)) {
                    let mut s = kp.members.clone();
                    s[i] = j;
                    prop_assert!(df(&v, &s) <= got + 1e-9);
                }
            }
        }
    }
}
