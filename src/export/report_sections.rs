//! The sections of the HTML report ([`super::report_html`]), each written
//! from the analyses' results into the page; every text from the map is
//! escaped ([`xml_text`]).

use super::svg::xml_text;
use crate::analysis::{Coalition, cut_sentence};
use crate::jobs::insight::{
    BrokersInsight, InfluenceInsight, InfluenceMeasure, ResilienceInsight, SiloInsight,
};
use crate::model::{ActorId, AnalysisView, Network};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Brokers, bars, gaps and points of failure listed at most.
const TOP: usize = 10;

fn name_of(net: &Network, id: &ActorId) -> String {
    net.actor(id)
        .map_or_else(|| id.to_string(), |a| a.name.clone())
}

fn node_name(net: &Network, view: &AnalysisView, v: usize) -> String {
    view.id(v).map(|id| name_of(net, id)).unwrap_or_default()
}

/// "a, b and c"
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Each single point of failure with the actors its leaving alone cuts
/// off from the rest of their piece of the map (everyone outside the
/// largest piece that remains), most cut off first, then by name order of
/// id. O(n + m) per point.
pub fn single_points(
    view: &AnalysisView,
    points: &BTreeSet<ActorId>,
) -> Vec<(ActorId, Vec<ActorId>)> {
    let n = view.node_count();
    let index: std::collections::HashMap<&ActorId, usize> = view
        .ids()
        .iter()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let mut out = Vec::new();
    let mut seen = vec![usize::MAX; n];
    for (round, id) in points.iter().enumerate() {
        let Some(&v) = index.get(id) else { continue };
        let neighbours = |u: usize| {
            view.out_neighbours(u)
                .0
                .iter()
                .chain(view.in_neighbours(u).0.iter())
                .copied()
                .collect::<Vec<usize>>()
        };
        let mut pieces: Vec<Vec<usize>> = Vec::new();
        for s in neighbours(v) {
            if s == v || seen.get(s) == Some(&round) {
                continue;
            }
            let mut piece = vec![s];
            seen[s] = round;
            let mut k = 0;
            while let Some(&u) = piece.get(k) {
                k += 1;
                for w in neighbours(u) {
                    if w != v && seen.get(w).is_some_and(|&r| r != round) {
                        seen[w] = round;
                        piece.push(w);
                    }
                }
            }
            pieces.push(piece);
        }
        pieces.sort_by_key(|p| std::cmp::Reverse(p.len()));
        let mut cut: Vec<ActorId> = pieces
            .iter()
            .skip(1)
            .flatten()
            .filter_map(|&u| view.id(u).cloned())
            .collect();
        cut.sort();
        if !cut.is_empty() {
            out.push((id.clone(), cut));
        }
    }
    out.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    out
}

/// The summary: the map in numbers and the headlines of each section.
pub fn summary(
    h: &mut String,
    net: &Network,
    view: &AnalysisView,
    silo: &SiloInsight,
    spof: &[(ActorId, Vec<ActorId>)],
    influence: &InfluenceInsight,
    chosen: &Coalition,
) {
    let sectors: Vec<String> = silo.sectors.names.clone();
    let ei = silo
        .ei
        .graph
        .index()
        .map_or_else(|| "–".to_owned(), |x| format!("{x:+.2}"));
    let rows: Vec<(&str, String)> = vec![
        ("Actors", net.actors().len().to_string()),
        (
            "Ties",
            if view.is_directed() {
                format!(
                    "{} on the map; the analysis counts {} links (a mutual tie once each way)",
                    net.ties().len(),
                    view.edge_count()
                )
            } else {
                format!(
                    "{} on the map; the analysis counts {} links between different people",
                    net.ties().len(),
                    view.edge_count()
                )
            },
        ),
        (
            "Sectors",
            format!("{}: {}", sectors.len(), sectors.join(", ")),
        ),
        (
            "E-I index by sector",
            format!("{ei} (−1: every tie within a sector; +1: every tie between sectors)"),
        ),
        (
            "Silo gaps",
            format!(
                "{} pair(s) of sectors with no or thin ties",
                silo.gaps.gap_count
            ),
        ),
        (
            "Single points of failure",
            format!(
                "{} actor(s) whose leaving alone cuts others off",
                spof.len()
            ),
        ),
        (
            "Hidden influencers",
            format!(
                "{} more central than their formal position suggests",
                influence.hidden_influencers.len()
            ),
        ),
        (
            "Coalition of the willing",
            format!(
                "{} people reaching {:.0} % of the rest within two steps",
                chosen.members.len(),
                chosen.reach_share * 100.0
            ),
        ),
    ];
    h.push_str("<h2>Summary</h2>\n<dl class=\"summary\">\n");
    for (k, v) in rows {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", xml_text(k), xml_text(&v));
    }
    h.push_str("</dl>\n");
}

/// A horizontal bar chart as inline SVG: one bar per (label, value), the
/// value printed at the bar's end.
pub fn bar_chart(rows: &[(String, f64)], caption: &str) -> String {
    let (label_w, bar_w, row_h) = (230.0_f64, 420.0_f64, 26.0_f64);
    let width = label_w + bar_w + 70.0;
    let height = row_h * rows.len() as f64 + 10.0;
    let max = rows.iter().map(|r| r.1).fold(0.0_f64, f64::max).max(1e-12);
    let mut s = format!(
        "<svg viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{}\" font-family=\"Ubuntu, Arial, sans-serif\" font-size=\"13\">",
        xml_text(caption)
    );
    for (i, (label, value)) in rows.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let w = (value / max * bar_w).max(1.0);
        let shown: String = if label.chars().count() > 30 {
            format!("{}…", label.chars().take(29).collect::<String>())
        } else {
            label.clone()
        };
        let _ = write!(
            s,
            "<g class=\"bar\"><title>{t}: {value:.3}</title><text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" fill=\"#1a1a1a\">{l}</text><rect x=\"{label_w}\" y=\"{ry}\" width=\"{w:.1}\" height=\"{bh}\" fill=\"#0072B2\"/><text x=\"{vx:.1}\" y=\"{ty}\" fill=\"#1a1a1a\">{value:.3}</text></g>",
            t = xml_text(label),
            l = xml_text(&shown),
            lx = label_w - 8.0,
            ty = y + row_h * 0.62,
            ry = y + 3.0,
            bh = row_h - 8.0,
            vx = label_w + w + 6.0,
        );
    }
    s.push_str("</svg>");
    s
}

/// Brokers: the most between, with their roles and sentences, and a bar
/// chart of betweenness.
pub fn brokers(h: &mut String, net: &Network, b: &BrokersInsight, influence: &InfluenceInsight) {
    h.push_str("<section id=\"brokers\">\n<h2>Brokers</h2>\n<p>Brokers carry word between people who are not tied to each other. The roles follow Gould and Fernandez: a <em>liaison</em> links two sectors neither of which is their own; a <em>gatekeeper</em> lets their own sector hear from another; a <em>representative</em> speaks for their sector to another; a <em>coordinator</em> links people of their own sector; an <em>itinerant</em> links two people of one other sector.</p>\n");
    if b.rows.is_empty() {
        h.push_str("<p class=\"none\">No one brokers: every two people tied to someone are tied to each other, or the map has no ties.</p>\n");
    } else {
        h.push_str("<ol class=\"brokers\">\n");
        for r in b.rows.iter().take(TOP) {
            let _ = writeln!(
                h,
                "<li><span class=\"who\">{}</span> <span class=\"facts\">({}; mostly {}; {} paths brokered)</span><br/>{}</li>",
                xml_text(&name_of(net, &r.id)),
                xml_text(&r.sector),
                xml_text(r.strongest.name()),
                r.paths,
                xml_text(&r.sentence)
            );
        }
        h.push_str("</ol>\n");
    }
    if let Some(values) = influence.values_of(InfluenceMeasure::Betweenness) {
        let mut ranked: Vec<(String, f64)> = influence
            .ids
            .iter()
            .zip(values)
            .filter(|(_, v)| **v > 0.0)
            .map(|(id, v)| (name_of(net, id), *v))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(TOP);
        if !ranked.is_empty() {
            let caption = "Betweenness: the share of shortest paths between others that pass through each person (normalised, counting steps)";
            let _ = writeln!(
                h,
                "<h3>Most between</h3>\n<figure class=\"chart\">{}<figcaption>{}</figcaption></figure>",
                bar_chart(&ranked, caption),
                xml_text(caption)
            );
        }
    }
    h.push_str("</section>\n");
}

/// Silos: the sector × sector matrix with the empty cells marked, the
/// gaps with their bridgers and introductions, and the sector cuts.
pub fn silos(h: &mut String, net: &Network, silo: &SiloInsight) {
    let names = &silo.sectors.names;
    let m = &silo.matrix;
    h.push_str("<section id=\"silos\">\n<h2>Silos</h2>\n<p>Ties between the sectors: each cell counts the ties between the sector of its row and that of its column (the diagonal: ties within a sector). A shaded cell with 0 is a pair of sectors with no tie at all.</p>\n");
    h.push_str(
        "<div class=\"scroll\"><table class=\"matrix\">\n<thead><tr><th>Sector (people)</th>",
    );
    for n in names {
        let _ = write!(h, "<th>{}</th>", xml_text(n));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    for (g, row) in names.iter().enumerate() {
        let _ = write!(
            h,
            "<tr><th>{} ({})</th>",
            xml_text(row),
            m.sizes.get(g).copied().unwrap_or(0)
        );
        for k in 0..names.len() {
            let ties = m.between(g, k);
            let class = if g == k {
                " class=\"self\""
            } else if ties == 0 {
                " class=\"empty\""
            } else {
                ""
            };
            let _ = write!(h, "<td{class}>{ties}</td>");
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table></div>\n<h3>Gaps, worst first</h3>\n");
    let name = |v: usize| silo.id(v).map(|id| name_of(net, id)).unwrap_or_default();
    let group = |g: usize| names.get(g).cloned().unwrap_or_default();
    if silo.gaps.gaps.is_empty() {
        h.push_str("<p class=\"none\">No pair of sectors is short of ties.</p>\n");
    } else {
        h.push_str("<ul>\n");
        for gap in silo.gaps.gaps.iter().take(TOP) {
            let kind = match gap.kind {
                crate::analysis::GapKind::NoTies => "no ties at all".to_owned(),
                crate::analysis::GapKind::Thin => format!("only {} tie(s), thin", gap.ties),
            };
            let bridgers: Vec<String> = gap.bridgers.iter().take(3).map(|b| name(b.node)).collect();
            let mut line = format!("{} and {}: {kind}", group(gap.first), group(gap.second));
            if !bridgers.is_empty() {
                line.push_str(&format!("; already bridged by {}", and_list(&bridgers)));
            }
            if let Some(i) = gap.introductions.first() {
                line.push_str(&format!(
                    "; introducing {} to {} would bring them closest",
                    name(i.first),
                    name(i.second)
                ));
            }
            let _ = writeln!(h, "<li>{}</li>", xml_text(&line));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<h3>Sector cuts: the fewest people joining two sectors</h3>\n");
    let members = |s: &str| net.actors().iter().filter(|a| a.sector == s).count();
    let mut fragile: Vec<&crate::analysis::SectorCut> = silo
        .cuts
        .iter()
        .filter(|c| {
            c.size <= 2 && (c.size == 0 || (c.size < members(&c.a) && c.size < members(&c.b)))
        })
        .collect();
    fragile.sort_by(|x, y| x.size.cmp(&y.size).then(x.a.cmp(&y.a)).then(x.b.cmp(&y.b)));
    if fragile.is_empty() {
        h.push_str("<p class=\"none\">No pair of sectors hangs on one or two people (sectors of one or two people aside).</p>\n");
    } else {
        h.push_str("<ul>\n");
        for c in fragile.iter().take(2 * TOP) {
            let names: Vec<String> = c.actors.iter().map(|&v| name(v)).collect();
            let _ = writeln!(
                h,
                "<li>{}</li>",
                xml_text(&cut_sentence(&c.a, &c.b, &names))
            );
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</section>\n");
}

/// Single points of failure and the key players.
pub fn resilience(
    h: &mut String,
    net: &Network,
    spof: &[(ActorId, Vec<ActorId>)],
    r: &ResilienceInsight,
) {
    h.push_str("<section id=\"resilience\">\n<h2>Single points of failure</h2>\n<p>People whose leaving alone would cut others off from the rest of the map: the relationships that rest on one person.</p>\n");
    if spof.is_empty() {
        h.push_str("<p class=\"none\">None: no one person's leaving cuts anyone off.</p>\n");
    } else {
        h.push_str("<ul>\n");
        for (id, cut) in spof.iter().take(TOP) {
            let names: Vec<String> = cut.iter().take(8).map(|c| name_of(net, c)).collect();
            let more = cut.len().saturating_sub(names.len());
            let mut who = and_list(&names);
            if more > 0 {
                who.push_str(&format!(" and {more} more"));
            }
            let _ = writeln!(
                h,
                "<li>{}</li>",
                xml_text(&format!(
                    "If {} leaves, {} {} cut off: {who}",
                    name_of(net, id),
                    cut.len(),
                    if cut.len() == 1 {
                        "actor is"
                    } else {
                        "actors are"
                    }
                ))
            );
        }
        h.push_str("</ul>\n");
    }
    if !r.key_players.is_empty() {
        let names: Vec<String> = r.key_players.iter().map(|id| name_of(net, id)).collect();
        let _ = writeln!(
            h,
            "<p>{}</p>",
            xml_text(&format!(
                "Key players: losing {} together would fragment the map most.",
                and_list(&names)
            ))
        );
    }
    h.push_str("</section>\n");
}

/// Hidden influencers and senior people on the edge.
pub fn hidden(h: &mut String, influence: &InfluenceInsight) {
    h.push_str("<section id=\"hidden\">\n<h2>Hidden influencers</h2>\n<p>People whose place in the network (the mean percentile of their degree, betweenness and closeness) is well above what their formal position predicts — and senior people on the edge of the network.</p>\n");
    let list = |h: &mut String, heading: &str, items: &[crate::jobs::insight::Standout]| {
        let _ = writeln!(h, "<h3>{}</h3>", xml_text(heading));
        if items.is_empty() {
            let why = influence
                .hidden
                .note
                .clone()
                .unwrap_or_else(|| "none found".to_owned());
            let _ = writeln!(h, "<p class=\"none\">{}</p>", xml_text(&why));
            return;
        }
        h.push_str("<ul>\n");
        for s in items.iter().take(TOP) {
            let _ = writeln!(h, "<li>{}</li>", xml_text(&s.sentence));
        }
        h.push_str("</ul>\n");
    };
    list(
        h,
        "More central than their position",
        &influence.hidden_influencers,
    );
    list(h, "Senior but peripheral", &influence.peripheral_seniors);
    h.push_str("</section>\n");
}

/// The coalition of the willing with the reasons for each member.
pub fn coalition(
    h: &mut String,
    net: &Network,
    view: &AnalysisView,
    c: &Coalition,
    include_private: bool,
) {
    h.push_str("<section id=\"coalition\">\n<h2>Coalition of the willing</h2>\n<p>A small, diverse first group to build outwards from: willing, influential, well placed, and spanning the sectors (as <code>bridgework coalition MAP --size 6</code> chooses it).</p>\n");
    if !include_private {
        h.push_str("<p class=\"privacy\">Stances are private and left out of this report, so the coalition was chosen without them.</p>\n");
    }
    if c.members.is_empty() {
        h.push_str(
            "<p class=\"none\">No one could be chosen: the map has no actors who qualify.</p>\n",
        );
    } else {
        h.push_str("<div class=\"scroll\"><table>\n<thead><tr><th class=\"num\">#</th><th>Name</th><th>Sector</th><th>Why</th></tr></thead>\n<tbody>\n");
        for (i, m) in c.members.iter().enumerate() {
            let sector = view
                .id(m.node)
                .and_then(|id| net.actor(id))
                .map(|a| a.sector.clone())
                .unwrap_or_default();
            let _ = writeln!(
                h,
                "<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                i + 1,
                xml_text(&node_name(net, view, m.node)),
                xml_text(&sector),
                xml_text(&m.reasons.join("; "))
            );
        }
        h.push_str("</tbody></table></div>\n");
    }
    let others = view.node_count().saturating_sub(c.members.len());
    let _ = writeln!(
        h,
        "<p>{}</p>",
        xml_text(&format!(
            "Reaches {} of the other {others} directly and {} ({:.0} %) within two steps. Sectors covered: {}. Sectors left out: {}.",
            c.reach_one_step,
            c.reach_two_steps,
            c.reach_share * 100.0,
            if c.sectors_covered.is_empty() {
                "none".to_owned()
            } else {
                c.sectors_covered.join(", ")
            },
            if c.sectors_missing.is_empty() {
                "none".to_owned()
            } else {
                c.sectors_missing.join(", ")
            },
        ))
    );
    let ring = |h: &mut String, heading: &str, ps: &[crate::analysis::Prospect]| {
        if ps.is_empty() {
            return;
        }
        let _ = writeln!(h, "<h3>{}</h3>\n<ul>", xml_text(heading));
        for p in ps.iter().take(TOP) {
            let stance = if include_private {
                serde_json::to_value(p.stance)
                    .ok()
                    .and_then(|v| v.as_str().map(|s| format!(" [{s}]")))
                    .unwrap_or_default()
            } else {
                String::new()
            };
            let _ = writeln!(
                h,
                "<li>{}</li>",
                xml_text(&format!(
                    "{}{stance}: tied to {} member{}",
                    node_name(net, view, p.node),
                    p.ties_to_coalition,
                    if p.ties_to_coalition == 1 { "" } else { "s" }
                ))
            );
        }
        h.push_str("</ul>\n");
    };
    ring(h, "Build outwards: the next ring", &c.next_ring);
    ring(h, "To win over", &c.to_win_over);
    for note in &c.notes {
        let _ = writeln!(h, "<p class=\"none\">{}</p>", xml_text(note));
    }
    h.push_str("</section>\n");
}

/// The private judgements (stance and notes of each actor that has
/// either), only in a report that includes private fields.
pub fn private_fields(h: &mut String, net: &Network) {
    h.push_str("<section id=\"private\">\n<h2>Private judgements</h2>\n<p class=\"privacy private\">Included because private fields were asked for: stances and notes about named people.</p>\n");
    let rows: Vec<&crate::model::Actor> = net
        .actors()
        .iter()
        .filter(|a| a.stance != crate::model::Stance::Unknown || !a.notes.trim().is_empty())
        .collect();
    if rows.is_empty() {
        h.push_str("<p class=\"none\">No actor has a stance or notes recorded.</p>\n</section>\n");
        return;
    }
    h.push_str("<div class=\"scroll\"><table>\n<thead><tr><th>Name</th><th>Sector</th><th>Stance</th><th>Notes</th></tr></thead>\n<tbody>\n");
    for a in rows {
        let stance = serde_json::to_value(a.stance)
            .ok()
            .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
            .unwrap_or_default();
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            xml_text(&a.name),
            xml_text(&a.sector),
            xml_text(&stance),
            xml_text(a.notes.trim())
        );
    }
    h.push_str("</tbody></table></div>\n</section>\n");
}
