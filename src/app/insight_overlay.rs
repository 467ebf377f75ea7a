//! What the insight dock shows on the map, as a canvas [`Overlay`]: the
//! open panel's picture (a silo cell's ties and bridgers, the brokers'
//! roles, the coalition and its reach, single points of failure), the
//! actors marked as leaving with those they would cut off, and the
//! communities' colours. Worked out again only when what it reads changes
//! (see [`InsightDock::overlay_key`]).

use super::insight::InsightDock;
use crate::model::{ActorId, Network, TieId};
use crate::ui::canvas::{ActorMark, KeyEntry, Overlay, Swatch, Tone};
use crate::ui::insight::brokers::role_mark;
use crate::ui::insight::communities::community_colour;
use crate::ui::insight::{InsightPanel, count};
use egui::Color32;
use std::collections::{BTreeSet, HashSet};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// Actors who would be cut off: a red no sector uses, with a ring.
pub const CUT_OFF: Color32 = Color32::from_rgb(0xE0, 0x10, 0x10);

/// The dark-on-light (light-on-dark) ink of rings and lit ties.
fn ink(dark: bool) -> Color32 {
    if dark {
        Color32::from_gray(240)
    } else {
        Color32::from_gray(25)
    }
}

/// A role's letter on the map.
fn letter(role: crate::analysis::Role) -> char {
    role_mark(role).0.chars().next().unwrap_or('?')
}

fn ptr<T>(a: Option<&Arc<T>>) -> usize {
    a.map_or(0, |a| Arc::as_ptr(a) as usize)
}

impl InsightDock {
    /// A key for everything [`InsightDock::overlay`] reads: the map (its
    /// content key), the open panel, the results on show (by identity), the
    /// leaving set, the silo cell and the theme.
    pub fn overlay_key(&self, content_key: u64, dark: bool) -> u64 {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        content_key.hash(&mut h);
        dark.hash(&mut h);
        self.open.hash(&mut h);
        ptr(self.coalition_shown()).hash(&mut h);
        ptr(self.what_if_shown()).hash(&mut h);
        ptr(self.brokers_shown()).hash(&mut h);
        ptr(self.weak_points_shown()).hash(&mut h);
        ptr(self.communities_shown()).hash(&mut h);
        self.leaving.hash(&mut h);
        if self.open == Some(InsightPanel::Silo) {
            self.cell.hash(&mut h);
            self.silo_state.cell.hash(&mut h);
        }
        h.finish()
    }

    /// The overlay for what the dock shows now (`None`: nothing to show).
    pub fn overlay(&self, network: &Network, dark: bool) -> Option<Overlay> {
        let mut parts: Vec<Overlay> = Vec::new();
        if let Some(c) = self.communities_shown() {
            parts.push(communities(c));
        }
        match self.open {
            Some(InsightPanel::Silo) => parts.extend(self.silo_cell(network, dark)),
            Some(InsightPanel::Brokers) => parts.extend(
                self.brokers_shown()
                    .map(|b| brokers(b, self.brokers_state.shown)),
            ),
            Some(InsightPanel::Coalition) => {
                parts.extend(self.coalition_shown().map(|c| coalition(c, dark)));
            }
            Some(InsightPanel::WhatIf) => {
                parts.extend(
                    self.weak_points_shown()
                        .map(|r| weak_points(network, r, dark)),
                );
            }
            _ => {}
        }
        if !self.leaving.is_empty() {
            parts.push(leaving(
                &self.leaving,
                self.what_if_shown().map(|w| &w.cut_off),
            ));
        }
        let mut all = parts.into_iter();
        let mut overlay = all.next()?;
        for o in all {
            overlay.merge(o);
        }
        Some(overlay)
    }

    fn silo_cell(&self, network: &Network, dark: bool) -> Option<Overlay> {
        let (ties, bridgers) = self.cell.as_ref()?;
        let mut o = Overlay {
            rest: Tone::Faint,
            tie_colour: ink(dark),
            ..Overlay::default()
        };
        o.title = match &self.silo_state.cell {
            Some((a, b)) if a == b => format!("Ties within {a}"),
            Some((a, b)) => format!("Ties between {a} and {b}"),
            None => "A pair of sectors".into(),
        };
        o.ties = ties.iter().cloned().collect();
        for t in ties.iter().filter_map(|id| network.tie(id)) {
            for end in [t.from(), t.to()] {
                o.actors.entry(end.clone()).or_default();
            }
        }
        for b in bridgers {
            o.actors.insert(
                b.clone(),
                ActorMark {
                    ring: Some(ink(dark)),
                    ..ActorMark::default()
                },
            );
        }
        o.key = vec![
            KeyEntry::new(Swatch::Tie(ink(dark)), count(ties.len(), "tie", "ties")),
            KeyEntry::new(
                Swatch::Ring(ink(dark)),
                format!("bridges the two ({})", bridgers.len()),
            ),
            KeyEntry::new(Swatch::Faint, "everyone else"),
        ];
        Some(o)
    }
}

fn communities(c: &crate::jobs::insight::CommunitiesInsight) -> Overlay {
    let mut o = Overlay {
        title: format!(
            "Colour: {} (modularity {:.2})",
            count(c.communities.len(), "community", "communities"),
            c.modularity
        ),
        ..Overlay::default()
    };
    for (id, &k) in &c.of {
        o.actors.insert(
            id.clone(),
            ActorMark {
                fill: Some(community_colour(k)),
                ..ActorMark::default()
            },
        );
    }
    o
}

/// The strongest role of each of the first `shown` brokers (those the
/// panel lists) as a letter.
fn brokers(b: &Arc<crate::jobs::insight::BrokersInsight>, shown: usize) -> Overlay {
    let mut o = Overlay {
        title: "Strongest brokering role".into(),
        ..Overlay::default()
    };
    let mut roles = BTreeSet::new();
    for row in b.rows.iter().filter(|r| r.paths > 0).take(shown) {
        let letter = letter(row.strongest);
        roles.insert(row.strongest);
        o.actors.insert(
            row.id.clone(),
            ActorMark {
                badge: Some(letter),
                ..ActorMark::default()
            },
        );
    }
    o.key = roles
        .into_iter()
        .map(|r| KeyEntry::new(Swatch::Badge(letter(r)), role_mark(r).1))
        .collect();
    o
}

fn coalition(c: &crate::jobs::insight::CoalitionInsight, dark: bool) -> Overlay {
    let mut o = Overlay {
        title: format!("Coalition of {}", c.members.len()),
        rest: Tone::Faint,
        ..Overlay::default()
    };
    for id in &c.reach_two {
        o.actors.insert(id.clone(), ActorMark::tone(Tone::Soft));
    }
    for id in &c.reach_one {
        o.actors.insert(id.clone(), ActorMark::default());
    }
    for (id, _) in &c.members {
        o.actors.insert(
            id.clone(),
            ActorMark {
                ring: Some(ink(dark)),
                ..ActorMark::default()
            },
        );
    }
    let one = c.reach_one.iter().filter(|id| !is_member(c, id)).count();
    let two = c
        .reach_two
        .iter()
        .filter(|id| !c.reach_one.contains(*id) && !is_member(c, id))
        .count();
    o.key = vec![
        KeyEntry::new(
            Swatch::Ring(ink(dark)),
            format!("in the coalition ({})", c.members.len()),
        ),
        KeyEntry::new(
            Swatch::Fill(Color32::from_gray(140)),
            format!("one step away ({one})"),
        ),
        KeyEntry::new(Swatch::Soft, format!("two steps away ({two})")),
        KeyEntry::new(Swatch::Faint, "further"),
    ];
    o
}

fn is_member(c: &crate::jobs::insight::CoalitionInsight, id: &ActorId) -> bool {
    c.members.iter().any(|(m, _)| m == id)
}

fn weak_points(
    network: &Network,
    r: &crate::jobs::insight::ResilienceInsight,
    dark: bool,
) -> Overlay {
    let mut o = Overlay {
        title: "Single points of failure".into(),
        tie_colour: ink(dark),
        ..Overlay::default()
    };
    for id in &r.articulation_points {
        o.actors.insert(
            id.clone(),
            ActorMark {
                ring: Some(ink(dark)),
                badge: Some('!'),
                ..ActorMark::default()
            },
        );
    }
    let pairs: HashSet<(&ActorId, &ActorId)> = r
        .bridges
        .iter()
        .flat_map(|(a, b)| [(a, b), (b, a)])
        .collect();
    o.ties = network
        .ties()
        .iter()
        .filter(|t| pairs.contains(&(t.from(), t.to())))
        .map(|t| t.id().clone())
        .collect::<HashSet<TieId>>();
    o.key = vec![
        KeyEntry::new(
            Swatch::Badge('!'),
            format!(
                "their leaving splits the map ({})",
                r.articulation_points.len()
            ),
        ),
        KeyEntry::new(
            Swatch::Tie(ink(dark)),
            format!("the only tie across ({})", r.bridges.len()),
        ),
    ];
    o
}

fn leaving(leaving: &BTreeSet<ActorId>, cut_off: Option<&BTreeSet<ActorId>>) -> Overlay {
    let mut o = Overlay {
        title: format!("What if {} left", count(leaving.len(), "actor", "actors")),
        ..Overlay::default()
    };
    for id in leaving {
        o.actors.insert(
            id.clone(),
            ActorMark {
                tone: Tone::Faint,
                badge: Some('×'),
                ..ActorMark::default()
            },
        );
    }
    o.key = vec![KeyEntry::new(
        Swatch::Badge('×'),
        format!("leaving ({})", leaving.len()),
    )];
    match cut_off {
        Some(cut) => {
            for id in cut {
                o.actors.insert(
                    id.clone(),
                    ActorMark {
                        fill: Some(CUT_OFF),
                        ring: Some(CUT_OFF),
                        ..ActorMark::default()
                    },
                );
            }
            o.key.push(KeyEntry::new(
                Swatch::Ring(CUT_OFF),
                format!("cut off from the largest piece ({})", cut.len()),
            ));
        }
        None => o
            .key
            .push(KeyEntry::new(Swatch::Soft, "working out who is cut off…")),
    }
    o
}

impl InsightDock {
    /// The legend's "Communities" section: the toggle that colours the map
    /// by community and, while it is on, one entry per community (a click
    /// selects its members). Returns the members to select, if any.
    pub fn legend_ui(&mut self, ui: &mut egui::Ui, background: Color32) -> Option<Vec<ActorId>> {
        let mut picked = None;
        let on = self.communities_state.colour_by_community;
        egui::CollapsingHeader::new("Community colours")
            .default_open(on)
            .show(ui, |ui| {
                ui.checkbox(
                    &mut self.communities_state.colour_by_community,
                    "Colour by community",
                )
                .on_hover_text(
                    "Each actor takes the colour of the community found in its ties \
                     (shapes still show sectors)",
                );
                if !on {
                    return;
                }
                let Some(c) = self.communities_shown() else {
                    ui.label("Finding communities…");
                    return;
                };
                for (k, com) in c.communities.iter().enumerate() {
                    ui.horizontal(|ui| {
                        crate::ui::canvas::swatch_ui(
                            ui,
                            Swatch::Fill(community_colour(k)),
                            background,
                        );
                        let text = format!(
                            "Community {} ({}): mostly {}",
                            k + 1,
                            com.size,
                            com.main_sector.0
                        );
                        if ui
                            .add(
                                egui::Label::new(text)
                                    .truncate()
                                    .sense(egui::Sense::click()),
                            )
                            .on_hover_text("Click to select its members")
                            .clicked()
                        {
                            picked = Some(
                                c.of.iter()
                                    .filter(|(_, v)| **v == k)
                                    .map(|(id, _)| id.clone())
                                    .collect(),
                            );
                        }
                    });
                }
            });
        picked
    }
}

impl super::BridgeworkApp {
    /// Hands the canvas the overlay for what the dock shows, when that
    /// changed since the last frame.
    pub(super) fn refresh_overlay(&mut self, dark: bool) {
        let mut key = self.insight.overlay_key(self.doc.content_key(), dark);
        if self.workshop.on {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (key, self.workshop.step, self.workshop.order as u8).hash(&mut h);
            key = h.finish();
        }
        if self.insight.overlay_for != Some(key) {
            self.insight.overlay_for = Some(key);
            let mut overlay = self.insight.overlay(self.doc.network(), dark);
            if let Some(w) = self.workshop_overlay() {
                match &mut overlay {
                    Some(o) => o.merge(w),
                    None => overlay = Some(w),
                }
            }
            self.canvas.set_overlay(overlay);
        }
    }
}
