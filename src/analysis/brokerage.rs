//! Gould–Fernandez brokerage roles, and a plain-English account of what
//! each broker links.
//!
//! # Definition (Gould & Fernandez 1989; the reference's `brokerage.py`)
//! An **open two-path** is an ordered triple a → v → c of three distinct
//! nodes with the arcs a→v and v→c and **no arc a→c** (in a directed view
//! only a→c closes the path; c→a does not). v is the broker. With g(·) the
//! group of a node (sector by default, any [`Grouping`]):
//!
//! | role | condition |
//! |---|---|
//! | coordinator | g(a) = g(v) = g(c) |
//! | itinerant (consultant) | g(a) = g(c) ≠ g(v) |
//! | representative | g(a) = g(v) ≠ g(c) |
//! | gatekeeper | g(v) = g(c) ≠ g(a) |
//! | liaison | all three different |
//!
//! The roles are disjoint, so `total` = the sum of the five counts.
//!
//! # Conventions
//! * An undirected edge is two arcs and the counts are over **ordered**
//!   paths, as the reference: every open path a–v–c counts twice, so
//!   coordinator, itinerant and liaison are even and representative =
//!   gatekeeper for every broker (equal to R's `sna::brokerage` on the
//!   symmetric matrix).
//! * Weights are ignored: any tie is a tie.
//! * The **account** ([`BrokerProfile`], [`describe_brokers`]) counts what
//!   a person would: in an undirected map each open path once (the ordered
//!   counts halved), and a path between the broker's own group and another
//!   once, as "representative/gatekeeper" (it is both). In a directed map
//!   the ordered counts are already what happens (a passes to c through v).
//!   Either way the unit is called "paths".
//!
//! # Complexity
//! O(m + Σ_v in(v)·out(v)) time, O(n) extra memory: for each a, the
//! out-neighbours of a are stamped once in a marker array, then every
//! two-path a→v→c is tested for the arc a→c in O(1). A profile of one
//! broker v is O(Σ_{a→v} out(a) + in(v)·out(v)).
//!
//! # Example
//! ```
//! use bridgework::analysis::{brokerage, broker_profile, Grouping};
//! use bridgework::model::{Actor, AnalysisView, Network, Tie, ViewOptions};
//! // A GP and a social worker who know each other only through a
//! // discharge coordinator at the hospital.
//! let mut n = Network::new();
//! n.add_actor(Actor::new("gp", "Dr Okafor", "primary care")).unwrap();
//! n.add_actor(Actor::new("dc", "Ella Novák", "hospital care")).unwrap();
//! n.add_actor(Actor::new("sw", "Grace Kim", "social care")).unwrap();
//! n.add_tie(Tie::new("t1", "gp", "dc", "collaboration", false)).unwrap();
//! n.add_tie(Tie::new("t2", "dc", "sw", "collaboration", false)).unwrap();
//! let view = AnalysisView::new(&n, &ViewOptions::default());
//! let groups = Grouping::by(&n, &view, "sector").unwrap();
//! let b = brokerage(&view, &groups);
//! // gp→dc→sw and sw→dc→gp: two ordered liaison paths.
//! assert_eq!(b.nodes[1].liaison, 2);
//! assert_eq!(b.nodes[1].total(), 2);
//! assert_eq!(b.totals.total(), 2);
//! let p = broker_profile(&view, &groups, 1);
//! assert_eq!(
//!     p.sentence("Ella Novák", &groups),
//!     "Ella Novák (hospital care) links primary care and social care (liaison, 1 path)."
//! );
//! ```

use super::groups::Grouping;
use crate::model::{AnalysisView, Network};
use std::collections::BTreeMap;

/// A Gould–Fernandez brokerage role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// All three in different groups.
    Liaison,
    /// The broker speaks for its own group towards another.
    Representative,
    /// The broker screens what comes into its own group.
    Gatekeeper,
    /// An outsider links two members of one group (consultant).
    Itinerant,
    /// All three in one group.
    Coordinator,
}

impl Role {
    /// Every role, in the order of [`Role`]'s sort (cross-group first).
    pub const ALL: [Role; 5] = [
        Role::Liaison,
        Role::Representative,
        Role::Gatekeeper,
        Role::Itinerant,
        Role::Coordinator,
    ];

    /// The role of broker v on the path a → v → c, from the three groups.
    pub fn of(ga: usize, gv: usize, gc: usize) -> Role {
        if ga == gv && gv == gc {
            Role::Coordinator
        } else if ga == gc {
            Role::Itinerant
        } else if ga == gv {
            Role::Representative
        } else if gv == gc {
            Role::Gatekeeper
        } else {
            Role::Liaison
        }
    }

    /// The role's name as in the reference data (`itinerant`, not
    /// `consultant`).
    pub fn name(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Itinerant => "itinerant",
            Role::Representative => "representative",
            Role::Gatekeeper => "gatekeeper",
            Role::Liaison => "liaison",
        }
    }
}

/// Counts of open two-paths by role.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct RoleCounts {
    /// g(a) = g(v) = g(c).
    pub coordinator: u64,
    /// g(a) = g(c) ≠ g(v).
    pub itinerant: u64,
    /// g(a) = g(v) ≠ g(c).
    pub representative: u64,
    /// g(v) = g(c) ≠ g(a).
    pub gatekeeper: u64,
    /// All different.
    pub liaison: u64,
}

impl RoleCounts {
    /// The number of open two-paths (the sum of the five roles).
    pub fn total(&self) -> u64 {
        self.coordinator + self.itinerant + self.representative + self.gatekeeper + self.liaison
    }

    /// The count of one role.
    pub fn get(&self, role: Role) -> u64 {
        match role {
            Role::Coordinator => self.coordinator,
            Role::Itinerant => self.itinerant,
            Role::Representative => self.representative,
            Role::Gatekeeper => self.gatekeeper,
            Role::Liaison => self.liaison,
        }
    }

    fn slot(&mut self, role: Role) -> &mut u64 {
        match role {
            Role::Coordinator => &mut self.coordinator,
            Role::Itinerant => &mut self.itinerant,
            Role::Representative => &mut self.representative,
            Role::Gatekeeper => &mut self.gatekeeper,
            Role::Liaison => &mut self.liaison,
        }
    }

    /// Adds `n` paths of `role`.
    pub fn add(&mut self, role: Role, n: u64) {
        *self.slot(role) += n;
    }
}

/// Brokerage role counts of every node and their sums.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Brokerage {
    /// Whether the view was directed (if not, counts are over ordered
    /// paths: each open path twice).
    pub directed: bool,
    /// `nodes[v]`: the counts of broker v.
    pub nodes: Vec<RoleCounts>,
    /// The per-node counts summed (`brokerage_totals`).
    pub totals: RoleCounts,
}

/// The group of node v (`usize::MAX`, one more group, if the grouping
/// does not cover v).
fn group(grouping: &Grouping, v: usize) -> usize {
    grouping
        .of
        .get(v)
        .copied()
        .filter(|&g| g < grouping.names.len())
        .unwrap_or(usize::MAX)
}

/// Gould–Fernandez role counts of every node of `view` by `grouping`; see
/// the module docs.
pub fn brokerage(view: &AnalysisView, grouping: &Grouping) -> Brokerage {
    let n = view.node_count();
    let out = view.out_csr();
    let g: Vec<usize> = (0..n).map(|v| group(grouping, v)).collect();
    let mut nodes = vec![RoleCounts::default(); n];
    // stamp[c] == a  ⇔  the arc a→c exists (once a's row is stamped).
    let mut stamp = vec![usize::MAX; n];
    for a in 0..n {
        let row_a = &out.targets[out.range(a)];
        for &c in row_a {
            stamp[c] = a;
        }
        for &v in row_a {
            if v == a {
                continue;
            }
            for &c in &out.targets[out.range(v)] {
                if c == a || c == v || stamp[c] == a {
                    continue;
                }
                nodes[v].add(Role::of(g[a], g[v], g[c]), 1);
            }
        }
    }
    let mut totals = RoleCounts::default();
    for c in &nodes {
        for role in Role::ALL {
            totals.add(role, c.get(role));
        }
    }
    Brokerage {
        directed: view.is_directed(),
        nodes,
        totals,
    }
}

/// Open paths through a broker between two groups, in one role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupLink {
    /// The role. In an undirected map a path between the broker's own group
    /// and another is both representative and gatekeeper; it is listed
    /// once, as [`Role::Representative`], and never as gatekeeper.
    pub role: Role,
    /// The group of the path's start a (undirected: the smaller group index,
    /// or the broker's own group for representative).
    pub from: usize,
    /// The group of the path's end c.
    pub to: usize,
    /// The number of open paths: ordered in a directed map, unordered
    /// (each path once) in an undirected one.
    pub paths: u64,
}

/// What one broker links: its role counts and the group pairs its open
/// paths join, most paths first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BrokerProfile {
    /// The broker's node index.
    pub node: usize,
    /// The broker's group.
    pub group: usize,
    /// Whether the view is directed.
    pub directed: bool,
    /// The role counts, exactly as [`brokerage`] (ordered paths).
    pub roles: RoleCounts,
    /// The number of paths in the account: `roles.total()` if directed,
    /// half of it if undirected.
    pub paths: u64,
    /// The group pairs joined, sorted by paths (descending), then role
    /// (liaison, representative, gatekeeper, itinerant, coordinator), then
    /// group indices.
    pub links: Vec<GroupLink>,
}

/// How many group pairs a sentence names before summing up the rest.
const SENTENCE_LINKS: usize = 3;

fn plural(n: u64) -> String {
    if n == 1 {
        "1 path".to_owned()
    } else {
        format!("{n} paths")
    }
}

impl BrokerProfile {
    /// One plain-English sentence naming the group pairs this broker links
    /// most (at most three), e.g. "Dr Okafor (primary care) links hospital
    /// care and social care (liaison, 12 paths), connects primary care with
    /// hospital care (representative/gatekeeper, 4 paths) and links people
    /// within social care (itinerant, 2 paths); 19 paths in all over 4
    /// group pairs." A broker with no open path "brokers no open paths".
    pub fn sentence(&self, label: &str, grouping: &Grouping) -> String {
        let name = |g: usize| {
            grouping
                .names
                .get(g)
                .map(String::as_str)
                .unwrap_or("(none)")
        };
        let own = name(self.group);
        if self.links.is_empty() {
            return format!("{label} ({own}) brokers no open paths.");
        }
        let clauses: Vec<String> = self
            .links
            .iter()
            .take(SENTENCE_LINKS)
            .map(|l| {
                let (from, to, p) = (name(l.from), name(l.to), plural(l.paths));
                match (l.role, self.directed) {
                    (Role::Liaison, false) => format!("links {from} and {to} (liaison, {p})"),
                    (Role::Liaison, true) => {
                        format!("passes from {from} to {to} (liaison, {p})")
                    }
                    (Role::Representative, false) => {
                        format!("connects {from} with {to} (representative/gatekeeper, {p})")
                    }
                    (Role::Representative, true) => {
                        format!("carries {from} out to {to} (representative, {p})")
                    }
                    (Role::Gatekeeper, _) => {
                        format!("brings {from} into {to} (gatekeeper, {p})")
                    }
                    (Role::Itinerant, _) => {
                        format!("links people within {to} (itinerant, {p})")
                    }
                    (Role::Coordinator, _) => {
                        format!("links people within {to} (coordinator, {p})")
                    }
                }
            })
            .collect();
        let mut text = format!("{label} ({own}) ");
        match clauses.split_last() {
            Some((last, [])) => text.push_str(last),
            Some((last, rest)) => {
                text.push_str(&rest.join(", "));
                text.push_str(" and ");
                text.push_str(last);
            }
            None => {}
        }
        if self.links.len() > SENTENCE_LINKS {
            text.push_str(&format!(
                "; {} in all over {} group pairs",
                plural(self.paths),
                self.links.len()
            ));
        }
        text.push('.');
        text
    }
}

/// Reusable work space for profiles: the arc marker and per-group counts.
struct Stamp {
    /// `marks[c] == a` ⇔ the arc a→c (once a's row is stamped).
    marks: Vec<usize>,
    /// Paths from the current a by the group of c (index k: uncovered).
    by_group: Vec<u64>,
    /// The groups counted in `by_group`.
    touched: Vec<usize>,
}

impl Stamp {
    fn new(view: &AnalysisView, grouping: &Grouping) -> Self {
        Self {
            marks: vec![usize::MAX; view.node_count()],
            by_group: vec![0; grouping.len() + 1],
            touched: Vec::new(),
        }
    }
}

fn profile_with(
    view: &AnalysisView,
    grouping: &Grouping,
    v: usize,
    stamp: &mut Stamp,
) -> BrokerProfile {
    let out = view.out_csr();
    let inc = view.in_csr();
    let k = grouping.len();
    let gv = group(grouping, v);
    let mut pairs: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    for &a in &inc.targets[inc.range(v)] {
        if a == v {
            continue;
        }
        for &c in &out.targets[out.range(a)] {
            if let Some(s) = stamp.marks.get_mut(c) {
                *s = a;
            }
        }
        for &c in &out.targets[out.range(v)] {
            if c == a || c == v || stamp.marks.get(c) == Some(&a) {
                continue;
            }
            let slot = group(grouping, c).min(k);
            if let Some(count) = stamp.by_group.get_mut(slot) {
                if *count == 0 {
                    stamp.touched.push(slot);
                }
                *count += 1;
            }
        }
        // One map update per group reached from a, not per path.
        let ga = group(grouping, a);
        for slot in stamp.touched.drain(..) {
            let Some(count) = stamp.by_group.get_mut(slot) else {
                continue;
            };
            let gc = if slot == k { usize::MAX } else { slot };
            *pairs.entry((ga, gc)).or_insert(0) += std::mem::take(count);
        }
    }
    let mut roles = RoleCounts::default();
    for (&(ga, gc), &count) in &pairs {
        roles.add(Role::of(ga, gv, gc), count);
    }
    let directed = view.is_directed();
    let mut merged: BTreeMap<(Role, usize, usize), u64> = BTreeMap::new();
    for (&(ga, gc), &count) in &pairs {
        let role = Role::of(ga, gv, gc);
        let key = if directed {
            (role, ga, gc)
        } else {
            match role {
                Role::Representative => (Role::Representative, gv, gc),
                Role::Gatekeeper => (Role::Representative, gv, ga),
                _ => (role, ga.min(gc), ga.max(gc)),
            }
        };
        *merged.entry(key).or_insert(0) += count;
    }
    let halve = |x: u64| if directed { x } else { x / 2 };
    let mut links: Vec<GroupLink> = merged
        .into_iter()
        .map(|((role, from, to), paths)| GroupLink {
            role,
            from,
            to,
            paths: halve(paths),
        })
        .filter(|l| l.paths > 0)
        .collect();
    links.sort_by(|x, y| {
        y.paths
            .cmp(&x.paths)
            .then(x.role.cmp(&y.role))
            .then(x.from.cmp(&y.from))
            .then(x.to.cmp(&y.to))
    });
    BrokerProfile {
        node: v,
        group: gv,
        directed,
        roles,
        paths: halve(roles.total()),
        links,
    }
}

/// The profile of broker `v`: its role counts and the group pairs its open
/// paths join; see the module docs. An out-of-range `v` gets an empty
/// profile.
pub fn broker_profile(view: &AnalysisView, grouping: &Grouping, v: usize) -> BrokerProfile {
    let mut stamp = Stamp::new(view, grouping);
    profile_with(view, grouping, v, &mut stamp)
}

/// The profiles of every broker with at least one open path, by number of
/// paths (descending), then node index.
pub fn broker_profiles(view: &AnalysisView, grouping: &Grouping) -> Vec<BrokerProfile> {
    let mut stamp = Stamp::new(view, grouping);
    let mut all: Vec<BrokerProfile> = (0..view.node_count())
        .map(|v| profile_with(view, grouping, v, &mut stamp))
        .filter(|p| p.roles.total() > 0)
        .collect();
    all.sort_by(|x, y| y.paths.cmp(&x.paths).then(x.node.cmp(&y.node)));
    all
}

/// One sentence per broker (see [`BrokerProfile::sentence`]), in the order
/// of [`broker_profiles`], labelled with the actors' names.
pub fn describe_brokers(
    network: &Network,
    view: &AnalysisView,
    grouping: &Grouping,
) -> Vec<(usize, String)> {
    broker_profiles(view, grouping)
        .into_iter()
        .map(|p| {
            let label = view
                .id(p.node)
                .and_then(|id| network.actor(id))
                .map(|a| a.name.clone())
                .unwrap_or_else(|| format!("node {}", p.node));
            (p.node, p.sentence(&label, grouping))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, Direction, Network, Tie, ViewOptions};
    use proptest::prelude::*;

    /// A map of actors named by one letter, with the given sectors and
    /// ties (undirected collaboration or directed referral).
    fn map(actors: &[(&str, &str)], ties: &[(&str, &str)], directed: bool) -> Network {
        let mut n = Network::new();
        for &(id, sector) in actors {
            n.add_actor(Actor::new(id, id.to_uppercase(), sector))
                .unwrap();
        }
        for (k, &(a, b)) in ties.iter().enumerate() {
            let kind = if directed {
                "referral"
            } else {
                "collaboration"
            };
            n.add_tie(Tie::new(format!("t{k}"), a, b, kind, directed))
                .unwrap();
        }
        n
    }

    fn run(n: &Network) -> (AnalysisView, Grouping, Brokerage) {
        let v = AnalysisView::new(n, &ViewOptions::default());
        let g = Grouping::by(n, &v, "sector").unwrap();
        let b = brokerage(&v, &g);
        (v, g, b)
    }

    fn rc(c: u64, i: u64, r: u64, g: u64, l: u64) -> RoleCounts {
        RoleCounts {
            coordinator: c,
            itinerant: i,
            representative: r,
            gatekeeper: g,
            liaison: l,
        }
    }

    #[test]
    fn paw_toy() {
        let n = map(
            &[("a", "X"), ("b", "Y"), ("c", "X"), ("d", "Y")],
            &[("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")],
            false,
        );
        let (_, _, b) = run(&n);
        assert_eq!(b.nodes[2], rc(0, 2, 1, 1, 0));
        for i in [0, 1, 3] {
            assert_eq!(b.nodes[i].total(), 0);
        }
        assert_eq!(b.totals, rc(0, 2, 1, 1, 0));
    }

    #[test]
    fn cycle_and_star_toys() {
        let n = map(
            &[("a", "X"), ("b", "X"), ("c", "X"), ("d", "Y")],
            &[("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")],
            false,
        );
        let (_, _, b) = run(&n);
        assert_eq!(
            b.nodes,
            vec![
                rc(0, 0, 1, 1, 0),
                rc(2, 0, 0, 0, 0),
                rc(0, 0, 1, 1, 0),
                rc(0, 2, 0, 0, 0)
            ]
        );
        let n = map(
            &[("v", "Y"), ("a", "X"), ("b", "Z"), ("c", "X")],
            &[("v", "a"), ("v", "b"), ("v", "c")],
            false,
        );
        let (v, g, b) = run(&n);
        assert_eq!(b.nodes[0], rc(0, 2, 0, 0, 4));
        let p = broker_profile(&v, &g, 0);
        assert_eq!(p.paths, 3);
        assert_eq!(
            p.links,
            vec![
                GroupLink {
                    role: Role::Liaison,
                    from: 1,
                    to: 2,
                    paths: 2
                },
                GroupLink {
                    role: Role::Itinerant,
                    from: 1,
                    to: 1,
                    paths: 1
                },
            ]
        );
        assert_eq!(
            p.sentence("V", &g),
            "V (Y) links X and Z (liaison, 2 paths) and links people within X (itinerant, 1 path)."
        );
    }

    #[test]
    fn directed_toy_and_its_sentences() {
        let n = map(
            &[("a", "X"), ("v", "Y"), ("c", "X"), ("d", "Z")],
            &[
                ("a", "v"),
                ("v", "c"),
                ("v", "d"),
                ("a", "d"),
                ("d", "c"),
                ("c", "a"),
            ],
            true,
        );
        let (v, g, b) = run(&n);
        assert!(b.directed);
        assert_eq!(
            b.nodes,
            vec![
                rc(0, 0, 2, 0, 0),
                rc(0, 1, 0, 0, 0),
                rc(0, 0, 0, 2, 0),
                rc(0, 1, 0, 0, 0)
            ]
        );
        assert_eq!(b.totals, rc(0, 2, 2, 2, 0));
        let sentences = describe_brokers(&n, &v, &g);
        assert_eq!(
            sentences,
            vec![
                (0, "A (X) carries X out to Y (representative, 1 path) and carries X out to Z (representative, 1 path).".to_owned()),
                (2, "C (X) brings Y into X (gatekeeper, 1 path) and brings Z into X (gatekeeper, 1 path).".to_owned()),
                (1, "V (Y) links people within X (itinerant, 1 path).".to_owned()),
                (3, "D (Z) links people within X (itinerant, 1 path).".to_owned()),
            ]
        );
    }

    #[test]
    fn long_sentences_sum_up_the_rest() {
        // A hub in Y tied to two actors in each of X, Z, W.
        let n = map(
            &[
                ("h", "Y"),
                ("a", "X"),
                ("b", "X"),
                ("c", "Z"),
                ("d", "Z"),
                ("e", "W"),
                ("f", "W"),
                ("g", "Y"),
            ],
            &[
                ("h", "a"),
                ("h", "b"),
                ("h", "c"),
                ("h", "d"),
                ("h", "e"),
                ("h", "f"),
                ("h", "g"),
            ],
            false,
        );
        let (v, g, b) = run(&n);
        // 7 leaves, no tie among them: 7·6 ordered paths.
        assert_eq!(b.nodes[0].total(), 42);
        assert_eq!(b.nodes[0].representative, b.nodes[0].gatekeeper);
        let p = broker_profile(&v, &g, 0);
        assert_eq!(p.paths, 21);
        assert_eq!(
            p.sentence("Hub", &g),
            "Hub (Y) links X and Z (liaison, 4 paths), links X and W (liaison, 4 paths) and \
             links Z and W (liaison, 4 paths); 21 paths in all over 9 group pairs."
        );
        let q = broker_profile(&v, &g, 1);
        assert_eq!(q.sentence("A", &g), "A (X) brokers no open paths.");
    }

    #[test]
    fn edge_cases() {
        let n = map(&[], &[], false);
        let (_, _, b) = run(&n);
        assert!(b.nodes.is_empty());
        assert_eq!(b.totals.total(), 0);
        let n = map(&[("a", "X")], &[], false);
        let (v, g, b) = run(&n);
        assert_eq!(b.nodes, vec![RoleCounts::default()]);
        assert!(broker_profiles(&v, &g).is_empty());
        assert_eq!(broker_profile(&v, &g, 7).links, vec![]);
        // All in one sector: only coordinators.
        let n = map(
            &[("a", "X"), ("b", "X"), ("c", "X")],
            &[("a", "b"), ("b", "c")],
            false,
        );
        let (_, _, b) = run(&n);
        assert_eq!(b.totals, rc(2, 0, 0, 0, 0));
    }

    fn brute(v: &AnalysisView, g: &Grouping) -> Vec<RoleCounts> {
        let n = v.node_count();
        let arc = |a: usize, c: usize| v.out_neighbours(a).0.contains(&c);
        let mut res = vec![RoleCounts::default(); n];
        for (b, counts) in res.iter_mut().enumerate() {
            for a in 0..n {
                for c in 0..n {
                    if a == b || c == b || a == c || !arc(a, b) || !arc(b, c) || arc(a, c) {
                        continue;
                    }
                    counts.add(Role::of(g.of[a], g.of[b], g.of[c]), 1);
                }
            }
        }
        res
    }

    proptest! {
        #[test]
        fn matches_brute_force_and_laws(
            sectors in proptest::collection::vec(0usize..3, 1..9),
            edges in proptest::collection::vec((0usize..9, 0usize..9, any::<bool>()), 0..30),
            directed in any::<bool>(),
        ) {
            let names = ["X", "Y", "Z"];
            let ids: Vec<String> = (0..sectors.len()).map(|i| format!("n{i}")).collect();
            let actors: Vec<(&str, &str)> = ids.iter().zip(&sectors).map(|(id, &s)| (id.as_str(), names[s])).collect();
            let mut n = map(&actors, &[], false);
            for (k, &(a, b, d)) in edges.iter().enumerate() {
                if a < ids.len() && b < ids.len() {
                    let kind = if d { "referral" } else { "collaboration" };
                    n.add_tie(Tie::new(format!("t{k}"), ids[a].as_str(), ids[b].as_str(), kind, d)).unwrap();
                }
            }
            let dir = if directed { Direction::Directed } else { Direction::Undirected };
            let v = AnalysisView::new(&n, &ViewOptions { kinds: None, direction: dir });
            let g = Grouping::by(&n, &v, "sector").unwrap();
            let b = brokerage(&v, &g);
            prop_assert_eq!(&b.nodes, &brute(&v, &g));
            let mut sum = 0;
            for (i, c) in b.nodes.iter().enumerate() {
                sum += c.total();
                let p = broker_profile(&v, &g, i);
                prop_assert_eq!(p.roles, *c);
                let linked: u64 = p.links.iter().map(|l| l.paths).sum();
                prop_assert_eq!(linked, p.paths);
                if !directed {
                    prop_assert_eq!(c.representative, c.gatekeeper);
                    prop_assert_eq!(c.coordinator % 2, 0);
                    prop_assert_eq!(c.itinerant % 2, 0);
                    prop_assert_eq!(c.liaison % 2, 0);
                    prop_assert_eq!(p.paths * 2, c.total());
                }
            }
            prop_assert_eq!(sum, b.totals.total());
        }
    }
}
