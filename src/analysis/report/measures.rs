//! One function per measure: runs it (or takes the shared results it
//! needs) and returns its part of the report, node columns and sections.

use super::nodes::{
    BetweennessColumns, ClosenessColumns, ClusteringColumns, DegreeColumns, DirectedDegreeColumns,
    EiColumns, EigenvectorColumns, PagerankColumns, Roles, StructuralHolesColumns,
};
use super::sections::{
    Actors, BrokerLine, CommunitiesSection, CommunityGraph, CommunityLine, EiGraph, EiGroup, Fit,
    GraphValues, HiddenSection, KeyPlayersLine, NamedValues, ResilienceGraph, ResilienceSection,
    SectorCutLine, SiloSection, SinglePointLine, StandingLine,
};
use super::{ReportError, ReportOptions};
use crate::analysis::brokerage::{brokerage, describe_brokers};
use crate::analysis::community::{LouvainOptions, louvain, modularity};
use crate::analysis::control::{Cancelled, Control};
use crate::analysis::groups::Grouping;
use crate::analysis::hidden::hidden_influencers;
use crate::analysis::resilience::{
    KeyPlayerOptions, distance_fragmentation, fragmentation, key_players,
};
use crate::analysis::sector_cut::sector_cuts;
use crate::analysis::shortest_paths::PathLength;
use crate::analysis::silo::{GapOptions, ei_index, silo_gaps, tie_matrix};
use crate::analysis::structural_holes::{Redundancy, structural_holes, structural_holes_with};
use crate::analysis::{
    Betweenness, Closeness, Degrees, clustering, cut_points, eigenvector, pagerank,
    strong_components, two_step_reach, weak_components,
};
use crate::model::AnalysisView;
use std::collections::BTreeMap;

/// n, m, direction, density, the groups and their sizes, and what a
/// weight means in the weighted path measures.
pub(super) fn graph_values(
    view: &AnalysisView,
    grouping: &Grouping,
    options: &ReportOptions,
) -> GraphValues {
    let n = view.node_count();
    let m = view.edge_count();
    let directed = view.is_directed();
    let pairs = n as f64 * (n as f64 - 1.0);
    let density = if n < 2 {
        0.0
    } else if directed {
        m as f64 / pairs
    } else {
        2.0 * m as f64 / pairs
    };
    let sector_sizes = grouping
        .names
        .iter()
        .enumerate()
        .map(|(g, name)| {
            let size = grouping.of.iter().filter(|&&x| x == g).count();
            (name.clone(), size)
        })
        .collect();
    GraphValues {
        n,
        m,
        directed,
        density,
        group_by: grouping.attribute.clone(),
        sector_sizes: NamedValues(sector_sizes),
        weighted_paths: match options.weighted_paths {
            PathLength::Distance => "distance",
            PathLength::InverseStrength => "strength",
            PathLength::Hops => "hops",
        },
        brokerage_totals: None,
        ei: None,
        resilience: None,
        communities: None,
    }
}

/// Degree, strength and degree centrality (in and out when directed).
pub(super) fn degree_columns(deg: &Degrees, directed: bool) -> DegreeColumns {
    DegreeColumns {
        degree: deg.degree.clone(),
        strength: deg.strength.clone(),
        degree_centrality: deg.degree_centrality.clone(),
        directed: directed.then(|| DirectedDegreeColumns {
            in_degree: deg.in_degree.clone(),
            out_degree: deg.out_degree.clone(),
            in_strength: deg.in_strength.clone(),
            out_strength: deg.out_strength.clone(),
            in_degree_centrality: deg.in_degree_centrality.clone(),
            out_degree_centrality: deg.out_degree_centrality.clone(),
        }),
    }
}

/// Betweenness in hops and weighted.
pub(super) fn betweenness_columns(hops: &Betweenness, weighted: Betweenness) -> BetweennessColumns {
    BetweennessColumns {
        betweenness: hops.normalised.clone(),
        betweenness_raw: hops.raw.clone(),
        betweenness_weighted: weighted.normalised,
        betweenness_weighted_raw: weighted.raw,
    }
}

/// Closeness and harmonic in hops and weighted.
pub(super) fn closeness_columns(hops: &Closeness, weighted: Closeness) -> ClosenessColumns {
    ClosenessColumns {
        closeness: hops.closeness.clone(),
        harmonic: hops.harmonic.clone(),
        closeness_weighted: weighted.closeness,
        harmonic_weighted: weighted.harmonic,
    }
}

/// Eigenvector centrality, plain and weighted (`None` where undefined).
pub(super) fn eigenvector_columns(view: &AnalysisView) -> EigenvectorColumns {
    let n = view.node_count();
    let column = |weighted: bool| {
        let e = eigenvector(view, weighted);
        (0..n)
            .map(|v| e.as_ref().and_then(|x| x.get(v).copied()))
            .collect()
    };
    EigenvectorColumns {
        eigenvector: column(false),
        eigenvector_weighted: column(true),
    }
}

/// PageRank weighted (given) and unweighted.
pub(super) fn pagerank_columns(view: &AnalysisView, weighted: &[f64]) -> PagerankColumns {
    PagerankColumns {
        pagerank: weighted.to_vec(),
        pagerank_unweighted: pagerank(view, 0.85, false),
    }
}

/// Local clustering (and that of the underlying undirected graph when
/// directed).
pub(super) fn clustering_columns(view: &AnalysisView) -> ClusteringColumns {
    let c = clustering(view);
    ClusteringColumns {
        clustering: c.clustering,
        clustering_undirected: view.is_directed().then_some(c.undirected),
    }
}

/// The share of others within two steps.
pub(super) fn reach_column(view: &AnalysisView) -> Vec<f64> {
    two_step_reach(view)
}

/// Constraint, effective size and efficiency, plain and weighted.
pub(super) fn structural_holes_columns(view: &AnalysisView) -> StructuralHolesColumns {
    let plain = structural_holes(view, false);
    // The reference's weighted effective size is networkx 3.6.1's
    // vectorised path; Burt's own definition is given beside it.
    let weighted_ref = structural_holes_with(view, true, Redundancy::NetworkxVectorised);
    let weighted_burt = structural_holes(view, true);
    StructuralHolesColumns {
        constraint: plain.constraint,
        constraint_weighted: weighted_burt.constraint,
        effective_size: plain.effective_size,
        effective_size_weighted: weighted_ref.effective_size,
        effective_size_weighted_burt: weighted_burt.effective_size,
        efficiency: plain.efficiency,
    }
}

/// Brokerage: each node's role counts, the totals, and the first 50
/// brokers with their sentences.
pub(super) fn brokerage_section(
    actors: Actors<'_>,
    grouping: &Grouping,
) -> (Vec<Roles>, Roles, Vec<BrokerLine>) {
    let b = brokerage(actors.view, grouping);
    let brokers = describe_brokers(actors.network, actors.view, grouping)
        .into_iter()
        .take(50)
        .map(|(v, sentence)| BrokerLine {
            id: actors.id(v),
            name: actors.name(v),
            sentence,
        })
        .collect();
    (
        b.nodes.iter().map(Roles::from).collect(),
        Roles::from(&b.totals),
        brokers,
    )
}

/// The E-I index of each node, the map and each group.
pub(super) fn ei_section(view: &AnalysisView, grouping: &Grouping) -> (EiColumns, EiGraph) {
    let ei = ei_index(view, grouping);
    let directed = view.is_directed();
    let columns = EiColumns {
        ei_index: ei.nodes.iter().map(|e| e.all.index()).collect(),
        ei_external: ei.nodes.iter().map(|e| e.all.external).collect(),
        ei_internal: ei.nodes.iter().map(|e| e.all.internal).collect(),
        ei_index_out: directed.then(|| ei.nodes.iter().map(|e| e.out.index()).collect()),
        ei_index_in: directed.then(|| ei.nodes.iter().map(|e| e.inc.index()).collect()),
    };
    let by_group = ei
        .groups
        .iter()
        .enumerate()
        .filter_map(|(g, counts)| {
            let name = grouping.names.get(g)?;
            let group = EiGroup {
                ei_index: counts.index(),
                external: counts.external,
                internal: counts.internal,
            };
            Some((name.clone(), group))
        })
        .collect();
    let graph = EiGraph {
        ei_index: ei.graph.index(),
        ei_external: ei.graph.external,
        ei_internal: ei.graph.internal,
        ei_by_sector: NamedValues(by_group),
    };
    (columns, graph)
}

/// The group × group matrix and the silo gaps.
pub(super) fn silo_section(
    actors: Actors<'_>,
    grouping: &Grouping,
    control: &Control,
) -> Result<SiloSection, ReportError> {
    let matrix = tie_matrix(actors.view, grouping);
    let gaps = silo_gaps(actors.view, grouping, &GapOptions::default(), control)?;
    Ok(SiloSection::new(actors, grouping, &matrix, &gaps))
}

/// The sector cut of every pair of sectors (always by sector, whatever
/// the grouping of the other sections), actors sorted by id.
pub(super) fn sector_cuts_section(actors: Actors<'_>, sectors: &Grouping) -> Vec<SectorCutLine> {
    sector_cuts(actors.view, sectors)
        .iter()
        .map(|c| {
            let mut ids: Vec<String> = c.actors.iter().map(|&v| actors.id(v)).collect();
            ids.sort();
            SectorCutLine {
                a: c.a.clone(),
                b: c.b.clone(),
                size: c.size,
                actors: ids,
            }
        })
        .collect()
}

/// Components, cut points, fragmentation, the single points of failure
/// and the key players.
pub(super) fn resilience_section(
    actors: Actors<'_>,
    key_player_count: usize,
    control: &Control,
) -> Result<(ResilienceGraph, ResilienceSection), Cancelled> {
    let view = actors.view;
    let weak = weak_components(view);
    let strong = strong_components(view);
    let cut = cut_points(view);
    let isolates: Vec<String> = (0..view.node_count())
        .filter(|&v| view.out_neighbours(v).0.is_empty() && view.in_neighbours(v).0.is_empty())
        .map(|v| actors.id(v))
        .collect();
    let mut articulation_points: Vec<String> = cut
        .articulation_points
        .iter()
        .map(|&v| actors.id(v))
        .collect();
    articulation_points.sort();
    let mut bridges: Vec<[String; 2]> = cut
        .bridges
        .iter()
        .map(|&(a, b)| {
            let (a, b) = (actors.id(a), actors.id(b));
            if a <= b { [a, b] } else { [b, a] }
        })
        .collect();
    bridges.sort();
    let f = fragmentation(view, &[]);
    let df = distance_fragmentation(view, &[], control)?;
    // Single points of failure: who each articulation point alone holds on.
    let mut spof: Vec<(usize, Vec<usize>)> = cut
        .articulation_points
        .iter()
        .map(|&v| (v, cut_off_by(view, &weak.of, v)))
        .collect();
    spof.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let kp = key_players(
        view,
        key_player_count,
        &KeyPlayerOptions::default(),
        control,
    )?;
    let graph = ResilienceGraph {
        components: weak.count,
        weak_components: weak.count,
        strong_components: strong.count,
        isolates,
        articulation_points,
        bridges,
        fragmentation: f,
        distance_weighted_fragmentation: df,
    };
    let section = ResilienceSection {
        fragmentation: f,
        distance_weighted_fragmentation: df,
        single_points_of_failure: spof
            .iter()
            .take(25)
            .map(|(v, cut)| SinglePointLine {
                id: actors.id(*v),
                name: actors.name(*v),
                cut_off: cut.len(),
                cut_off_actors: cut.iter().take(20).map(|&u| actors.named(u)).collect(),
            })
            .collect(),
        key_players: KeyPlayersLine {
            size: kp.members.len(),
            members: kp.members.iter().map(|&v| actors.named(v)).collect(),
            fragmentation_after: kp.fragmentation,
            distance_weighted_fragmentation_after: kp.distance_weighted,
        },
    };
    Ok((graph, section))
}

/// The actors that lose their connection to the rest of their component
/// when `v` leaves: every piece of v's component but the largest, after v
/// is removed. O(n + m).
fn cut_off_by(view: &AnalysisView, component: &[usize], v: usize) -> Vec<usize> {
    let n = view.node_count();
    let comp = component.get(v).copied();
    let mut piece = vec![usize::MAX; n];
    let mut pieces: Vec<Vec<usize>> = Vec::new();
    let adj = view.undirected().out_csr();
    for s in 0..n {
        if s == v || piece[s] != usize::MAX || component.get(s).copied() != comp {
            continue;
        }
        let p = pieces.len();
        let mut members = vec![s];
        piece[s] = p;
        let mut i = 0;
        while let Some(&x) = members.get(i) {
            i += 1;
            for &y in &adj.targets[adj.range(x)] {
                if y != v && piece[y] == usize::MAX {
                    piece[y] = p;
                    members.push(y);
                }
            }
        }
        pieces.push(members);
    }
    let largest = pieces
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.len().cmp(&b.1.len()).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i);
    let mut cut: Vec<usize> = pieces
        .into_iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != largest)
        .flat_map(|(_, m)| m)
        .collect();
    cut.sort_unstable();
    cut
}

/// Louvain communities (weighted and not) and the groups' modularity:
/// each node's community, the graph values and the list.
pub(super) fn communities_section(
    actors: Actors<'_>,
    grouping: &Grouping,
    control: &Control,
) -> Result<(Vec<usize>, CommunityGraph, CommunitiesSection), Cancelled> {
    let view = actors.view;
    let by_group = modularity(view, &grouping.of, true);
    let by_group_unweighted = modularity(view, &grouping.of, false);
    let found = louvain(view, &LouvainOptions::default(), control)?;
    let found_unweighted = louvain(
        view,
        &LouvainOptions {
            weighted: false,
            ..LouvainOptions::default()
        },
        control,
    )?;
    let graph = CommunityGraph {
        modularity_sector: by_group,
        modularity_sector_unweighted: by_group_unweighted,
        community_modularity: found.modularity,
        community_modularity_unweighted: found_unweighted.modularity,
        communities: found.count,
    };
    let list = found
        .members()
        .iter()
        .enumerate()
        .map(|(c, vs)| {
            let mut groups: BTreeMap<String, usize> = BTreeMap::new();
            for &v in vs {
                *groups.entry(grouping.name_of(v).to_owned()).or_insert(0) += 1;
            }
            CommunityLine {
                community: c,
                size: vs.len(),
                groups,
                members: vs.iter().map(|&v| actors.id(v)).collect(),
            }
        })
        .collect();
    let section = CommunitiesSection {
        count: found.count,
        modularity: found.modularity,
        modularity_by_group: by_group,
        list,
    };
    Ok((found.of, graph, section))
}

/// Network standing against formal position: each node's standing and
/// the hidden influencers and peripheral seniors. `betweenness` and
/// `harmonic` are zeros when not computed.
pub(super) fn hidden_section(
    actors: Actors<'_>,
    degree: &[usize],
    betweenness: &[f64],
    harmonic: &[f64],
) -> (Vec<f64>, HiddenSection) {
    let positions: Vec<Option<u8>> = (0..actors.view.node_count())
        .map(|v| {
            actors
                .view
                .id(v)
                .and_then(|i| actors.network.actor(i))
                .and_then(|a| a.formal_position)
        })
        .collect();
    let degree: Vec<f64> = degree.iter().map(|&d| d as f64).collect();
    let hidden = hidden_influencers(&positions, &degree, betweenness, harmonic);
    let section = HiddenSection {
        hidden: hidden
            .hidden
            .iter()
            .map(|s| StandingLine::new(actors, s))
            .collect(),
        peripheral_seniors: hidden
            .peripheral_seniors
            .iter()
            .map(|s| StandingLine::new(actors, s))
            .collect(),
        fit: hidden
            .fit
            .map(|(intercept, slope)| Fit { intercept, slope }),
        note: hidden.note,
    };
    (hidden.standing, section)
}
