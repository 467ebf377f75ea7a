//! Synthetic maps for benchmarks and demos: a powerlaw-cluster graph
//! (Holme & Kim 2002, as networkx `powerlaw_cluster_graph` and igraph use
//! for benchmarks) dressed as a plausible, entirely fictional health and
//! care system — sectors, organisations, roles, stances, influence and
//! positions — so that analysis has something to say.
//!
//! Deterministic: the same size and seed give the same map on every
//! machine (ChaCha8 stream cipher RNG).

use crate::model::{Actor, ActorKind, Network, Profession, Stance, Tie};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// How to generate a map.
#[derive(Clone, Debug, PartialEq)]
pub struct GenerateOptions {
    /// Number of actors (≥ 1).
    pub actors: usize,
    /// Edges each new actor brings (the graph has about `ties_per_actor · n`
    /// ties). 3 gives m ≈ 3n, the benchmark setting.
    pub ties_per_actor: usize,
    /// Probability of closing a triangle after each preferential tie
    /// (Holme–Kim's p): higher means more clustering.
    pub triangle_probability: f64,
    /// RNG seed.
    pub seed: u64,
}

impl Default for GenerateOptions {
    fn default() -> Self {
        Self {
            actors: 1000,
            ties_per_actor: 3,
            triangle_probability: 0.3,
            seed: 1,
        }
    }
}

const FIRST: [&str; 40] = [
    "Amara", "Ben", "Chloë", "Dev", "Ella", "Fiona", "Gareth", "Hana", "Imran", "Jo", "Kemi",
    "Liam", "Mei", "Niamh", "Olu", "Priya", "Quinn", "Rosa", "Sam", "Tomasz", "Uma", "Vikram",
    "Wen", "Xavier", "Yasmin", "Zac", "Aoife", "Bilal", "Carys", "Dmitri", "Esi", "Farah", "Gwen",
    "Hamza", "Iris", "Jonah", "Kofi", "Lena", "Marek", "Nadia",
];
const LAST: [&str; 40] = [
    "Okafor",
    "Hughes",
    "Price",
    "Mistry",
    "Novák",
    "O'Neil",
    "Kim",
    "Rahman",
    "Adeyemi",
    "Byrne",
    "Chowdhury",
    "Davies",
    "Evans",
    "Fernandes",
    "Greene",
    "Haddad",
    "Ibrahim",
    "Jones",
    "Kowalski",
    "Lewis",
    "Mensah",
    "Nair",
    "Owusu",
    "Patel",
    "Quigley",
    "Reid",
    "Singh",
    "Taylor",
    "Usman",
    "Varga",
    "Walsh",
    "Xu",
    "Young",
    "Zielinski",
    "Abbott",
    "Bello",
    "Costa",
    "Doyle",
    "Eze",
    "Farrell",
];

/// Per sector: organisations, (role, profession) pairs.
fn sector_profile(
    sector: &str,
) -> (
    &'static [&'static str],
    &'static [(&'static str, Profession)],
) {
    use Profession::*;
    match sector {
        "primary care" => (
            &[
                "Riverside Medical Practice",
                "Northgate Surgery",
                "Millbrook PCN",
                "Hillview Health Centre",
            ],
            &[
                ("GP partner", Doctor),
                ("practice nurse", Nurse),
                ("practice manager", Manager),
                ("clinical pharmacist", Pharmacist),
            ],
        ),
        "hospital care" => (
            &["Northmoor Hospitals NHS Trust", "Eastvale General Hospital"],
            &[
                ("consultant", Doctor),
                ("ward sister", Nurse),
                ("discharge coordinator", Nurse),
                ("physiotherapist", Ahp),
                ("service manager", Manager),
            ],
        ),
        "community health" => (
            &["Eastvale Community Health", "Rapid Response Team"],
            &[
                ("district nurse", Nurse),
                ("occupational therapist", Ahp),
                ("team leader", Manager),
            ],
        ),
        "mental health" => (
            &["Westshire Mental Health Trust", "Crisis Resolution Team"],
            &[
                ("psychiatrist", Doctor),
                ("mental health nurse", Nurse),
                ("psychologist", Other),
            ],
        ),
        "social care" => (
            &["Eastvale Council Adult Social Care", "Brookside Care Home"],
            &[
                ("social worker", SocialWorker),
                ("care home manager", Manager),
                ("team manager", Manager),
            ],
        ),
        "voluntary & community sector" => (
            &[
                "Home from Hospital",
                "Eastvale Carers Centre",
                "Crisis Café",
            ],
            &[("volunteer coordinator", Other), ("chief officer", Manager)],
        ),
        "public health" => (
            &["Eastvale Public Health"],
            &[
                ("public health consultant", Doctor),
                ("health improvement lead", Other),
            ],
        ),
        "commissioning (ICB)" => (
            &["Westshire ICB"],
            &[
                ("commissioning manager", Commissioner),
                ("clinical director", Doctor),
            ],
        ),
        "local government" => (
            &["Eastvale Council"],
            &[("housing officer", Other), ("councillor", Other)],
        ),
        "patients & carers" => (
            &["Patient Participation Group", "Carers' Forum"],
            &[("patient representative", Other), ("carer", Other)],
        ),
        _ => (
            &["Westshire University"],
            &[("researcher", Other), ("educator", Other)],
        ),
    }
}

/// A synthetic map; see the module docs.
pub fn generate(options: &GenerateOptions) -> Network {
    let n = options.actors.max(1);
    let m = options
        .ties_per_actor
        .max(1)
        .min(n.saturating_sub(1).max(1));
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut net = Network::new();
    net.title = format!("Synthetic system map ({n} actors, seed {})", options.seed);
    net.description = "Generated by `bridgework generate`: a powerlaw-cluster graph dressed as a fictional health and care system. Every name is invented.".to_owned();
    let sectors: Vec<String> = net.sectors.iter().map(|s| s.name.clone()).collect();
    // Sector sizes: primary and hospital care largest, as in real systems.
    let sector_weights = [18u32, 18, 12, 10, 12, 8, 4, 4, 4, 6, 4];
    let total_weight: u32 = sector_weights.iter().sum();
    let stances = [
        (Stance::Champion, 10u32),
        (Stance::Supporter, 25),
        (Stance::Neutral, 30),
        (Stance::Sceptic, 15),
        (Stance::Opposed, 5),
        (Stance::Unknown, 15),
    ];
    for i in 0..n {
        let mut r = rng.random_range(0..total_weight);
        let mut s = 0;
        for (k, w) in sector_weights.iter().enumerate() {
            if r < *w {
                s = k;
                break;
            }
            r -= w;
        }
        let sector = sectors
            .get(s)
            .cloned()
            .unwrap_or_else(|| "primary care".to_owned());
        let (orgs, roles) = sector_profile(&sector);
        let first = FIRST[rng.random_range(0..FIRST.len())];
        let last = LAST[rng.random_range(0..LAST.len())];
        let mut a = Actor::new(
            format!("a{}", i + 1),
            format!("{first} {last}"),
            sector.clone(),
        );
        let (role, profession) = roles[rng.random_range(0..roles.len())];
        a.role = role.to_owned();
        a.organisation = orgs[rng.random_range(0..orgs.len())].to_owned();
        if sector == "patients & carers" {
            a.kind = ActorKind::PatientVoice;
            a.profession = None;
        } else {
            a.profession = Some(profession);
        }
        a.formal_position = Some(1 + rng.random_range(0..5u8).min(rng.random_range(0..5u8)));
        a.influence = Some(1 + rng.random_range(0..5u8));
        let mut r = rng.random_range(0..100u32);
        for (stance, w) in stances {
            if r < w {
                a.stance = stance;
                break;
            }
            r -= w;
        }
        let angle = (s as f64 / sectors.len() as f64) * std::f64::consts::TAU;
        let radius = 40.0 * (n as f64).sqrt();
        a.x = Some(
            ((radius * angle.cos() + rng.random_range(-1.0..1.0) * radius * 0.3) * 10.0).round()
                / 10.0,
        );
        a.y = Some(
            ((radius * angle.sin() + rng.random_range(-1.0..1.0) * radius * 0.3) * 10.0).round()
                / 10.0,
        );
        a.tags = vec![format!("cohort {}", 1 + i % 4)];
        a.notes = format!("Synthetic actor {}", i + 1);
        // Generated ids are unique by construction.
        let _ = net.add_actor(a);
    }

    // Holme–Kim: start from m isolated nodes; each new node v makes m
    // preferential ties, each followed with probability p by a tie to a
    // random neighbour of the last target (triad formation).
    let mut adjacency: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut repeated: Vec<usize> = Vec::new();
    let mut edges: Vec<(usize, usize)> = Vec::new();
    let mut targets: Vec<usize> = (0..m).collect();
    for v in m..n {
        let mut chosen: Vec<usize> = Vec::with_capacity(m);
        let mut last: Option<usize> = None;
        let mut attempts = 0;
        while chosen.len() < m && attempts < 50 * m {
            attempts += 1;
            let triad = last
                .filter(|_| rng.random::<f64>() < options.triangle_probability)
                .and_then(|t| {
                    let nb: Vec<usize> = adjacency[t]
                        .iter()
                        .copied()
                        .filter(|u| *u != v && !chosen.contains(u))
                        .collect();
                    (!nb.is_empty()).then(|| nb[rng.random_range(0..nb.len())])
                });
            let u = match triad {
                Some(u) => u,
                None if v == m && targets.len() == m => targets[chosen.len()],
                None if repeated.is_empty() => rng.random_range(0..v),
                None => repeated[rng.random_range(0..repeated.len())],
            };
            if u == v || chosen.contains(&u) {
                continue;
            }
            chosen.push(u);
            if triad.is_none() {
                last = Some(u);
            }
        }
        for &u in &chosen {
            adjacency[u].push(v);
            adjacency[v].push(u);
            repeated.push(u);
            repeated.push(v);
            edges.push((u, v));
        }
        targets.clear();
    }
    let ids: Vec<_> = net.actors().iter().map(|a| a.id().clone()).collect();
    let kinds = [
        "collaboration",
        "collaboration",
        "collaboration",
        "referral",
        "informal/advice",
        "line management",
    ];
    for (k, (u, v)) in edges.into_iter().enumerate() {
        let kind = kinds[rng.random_range(0..kinds.len())];
        let directed = kind == "referral" || kind == "line management";
        let (from, to) = if rng.random::<bool>() { (u, v) } else { (v, u) };
        let mut t = Tie::new(
            format!("t{}", k + 1),
            ids[from].clone(),
            ids[to].clone(),
            kind,
            directed,
        );
        t.strength = f64::from(1 + rng.random_range(0..5u8));
        t.confirmed = rng.random::<f64>() < 0.8;
        let _ = net.add_tie(t);
    }
    net
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_map_and_about_three_ties_per_actor() {
        let o = GenerateOptions {
            actors: 500,
            seed: 7,
            ..GenerateOptions::default()
        };
        let a = generate(&o);
        let b = generate(&o);
        assert_eq!(a, b);
        assert!(a.validate().is_empty(), "{:?}", a.validate().first());
        assert_eq!(a.actors().len(), 500);
        let m = a.ties().len();
        assert!((1400..=1500).contains(&m), "{m} ties");
        let c = generate(&GenerateOptions { seed: 8, ..o });
        assert_ne!(a, c);
    }

    #[test]
    fn tiny_maps_do_not_panic() {
        for actors in 0..5 {
            let n = generate(&GenerateOptions {
                actors,
                ..GenerateOptions::default()
            });
            assert!(n.validate().is_empty());
        }
    }
}
