//! Workshop mode (F5): the map projected for a room. Full screen, a
//! projector look (large type, thick ties, high contrast), the menu bar and
//! editing panels out of the way, and every private judgement hidden: the
//! canvas, its tooltips, the legend and the panels read a shareable copy of
//! the map (private fields cleared), the legend has no stance filter, and
//! the coalition never shows a stance. The arrow keys reveal the map step
//! by step, N adds an actor from a box at the top, T ties the two selected,
//! a click focuses an actor's neighbourhood. F5 or Esc leaves the mode and
//! puts the editor back exactly as it was (filters, focus, panels, view,
//! full screen).

use super::BridgeworkApp;
use super::session::Focus;
use crate::edit::Edit;
use crate::model::{Actor, Network, Tie};
use crate::ui::canvas::{ActorMark, Camera, CanvasStyle, Overlay, Tone};
use crate::ui::insight::InsightPanel;
use crate::ui::legend::{Filters, LegendCounts};
use egui::RichText;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The order the arrow keys reveal the map in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RevealOrder {
    /// Everyone first with no ties; each step adds a tie kind; then each
    /// step lights up one more sector (the rest faint).
    #[default]
    KindsThenSectors,
    /// An empty map first; each step adds a sector's actors; then each step
    /// adds a tie kind.
    SectorsThenKinds,
}

impl RevealOrder {
    fn text(self) -> &'static str {
        match self {
            RevealOrder::KindsThenSectors => "Tie kinds, then sectors",
            RevealOrder::SectorsThenKinds => "Sectors, then tie kinds",
        }
    }
}

/// One step of the reveal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevealItem {
    /// A tie kind.
    Kind(String),
    /// A sector.
    Sector(String),
}

/// What a reveal step shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Revealed {
    /// Tie kinds not shown yet.
    pub hidden_kinds: BTreeSet<String>,
    /// Sectors not shown yet.
    pub hidden_sectors: BTreeSet<String>,
    /// Sectors shown faint (not lit up yet).
    pub faint_sectors: BTreeSet<String>,
    /// The step counter: "Step 2 of 9: referral ties".
    pub counter: String,
}

/// The steps for a map: its tie kinds and sectors in use, in its lists'
/// order, arranged by `order`.
pub fn reveal_steps(
    network: &Network,
    counts: &LegendCounts,
    order: RevealOrder,
) -> Vec<RevealItem> {
    let kinds = network
        .tie_kinds
        .iter()
        .filter(|k| counts.of_kind(&k.name) > 0)
        .map(|k| RevealItem::Kind(k.name.clone()));
    let sectors = network
        .sectors
        .iter()
        .filter(|s| counts.in_sector(&s.name) > 0)
        .map(|s| RevealItem::Sector(s.name.clone()));
    match order {
        RevealOrder::KindsThenSectors => kinds.chain(sectors).collect(),
        RevealOrder::SectorsThenKinds => sectors.chain(kinds).collect(),
    }
}

/// What step `step` of `steps` shows (`None`: everything).
pub fn revealed(
    network: &Network,
    steps: &[RevealItem],
    order: RevealOrder,
    step: Option<usize>,
) -> Revealed {
    let n = steps.len();
    let Some(s) = step.map(|s| s.min(n)) else {
        return Revealed {
            counter: format!("Everything shown ({n} steps: the arrow keys step through them)"),
            ..Revealed::default()
        };
    };
    let shown = steps.get(..s).unwrap_or(steps);
    let kind_shown = |k: &str| shown.iter().any(|i| *i == RevealItem::Kind(k.to_owned()));
    let sector_shown = |x: &str| shown.iter().any(|i| *i == RevealItem::Sector(x.to_owned()));
    let all_kinds = network.tie_kinds.iter().map(|k| k.name.clone());
    let all_sectors = network.sectors.iter().map(|k| k.name.clone());
    let hidden_kinds: BTreeSet<String> = all_kinds.filter(|k| !kind_shown(k)).collect();
    let any_sector = shown.iter().any(|i| matches!(i, RevealItem::Sector(_)));
    let unshown: BTreeSet<String> = all_sectors.filter(|x| !sector_shown(x)).collect();
    let (hidden_sectors, faint_sectors) = match order {
        RevealOrder::SectorsThenKinds => (unshown, BTreeSet::new()),
        RevealOrder::KindsThenSectors if any_sector => (BTreeSet::new(), unshown),
        RevealOrder::KindsThenSectors => (BTreeSet::new(), BTreeSet::new()),
    };
    let what = match shown.last() {
        None if order == RevealOrder::SectorsThenKinds => {
            "an empty map: the arrow keys add each sector".to_owned()
        }
        None => "the people, no ties yet: the arrow keys add each kind of tie".to_owned(),
        Some(RevealItem::Kind(k)) => format!("{k} ties"),
        Some(RevealItem::Sector(x)) => x.clone(),
    };
    Revealed {
        hidden_kinds,
        hidden_sectors,
        faint_sectors,
        counter: format!("Step {s} of {n}: {what}"),
    }
}

/// The editor as it was when the mode began.
struct Saved {
    filters: Filters,
    focus: Focus,
    tables: bool,
    insight: Option<InsightPanel>,
    camera: Camera,
    fullscreen: bool,
}

/// Workshop mode's state.
#[derive(Default)]
pub struct Workshop {
    /// The mode is on.
    pub on: bool,
    saved: Option<Saved>,
    /// The reveal order.
    pub order: RevealOrder,
    /// How many reveal steps are shown (`None`: everything).
    pub step: Option<usize>,
    /// The Add box's name.
    pub add_name: String,
    /// The sector the Add box gives.
    pub add_sector: String,
    /// Put the keyboard in the Add box on the next frame.
    focus_add: bool,
    /// The Add box had the keyboard last frame (egui lets go of it on Esc
    /// before the frame's code runs, and that Esc is the box's, not the
    /// mode's).
    add_had_focus: bool,
    /// The shareable copy of the map, for the content key it was made at.
    share: Option<(u64, Arc<Network>)>,
    /// A dark projector background.
    pub dark: bool,
}

impl Workshop {
    /// The map with every private field cleared, for content key `key`
    /// (made once per change).
    pub fn shareable(&mut self, network: &Network, key: u64) -> Arc<Network> {
        match &self.share {
            Some((k, n)) if *k == key => Arc::clone(n),
            _ => {
                let n = Arc::new(network.shareable_copy());
                self.share = Some((key, Arc::clone(&n)));
                n
            }
        }
    }
}

/// The projector look: names at least 24 points (and never smaller than
/// the workshop's body text), thick ties, high contrast.
pub fn projector_style(dark: bool) -> CanvasStyle {
    crate::drawing::Theme::projector(dark).into()
}

/// The workshop's body text size (points).
pub const BODY: f32 = 22.0;

/// Large type for the workshop's own panels.
fn large_type(ui: &mut egui::Ui) {
    use egui::{FontId, TextStyle};
    let style = ui.style_mut();
    style.text_styles = [
        (TextStyle::Heading, FontId::proportional(34.0)),
        (TextStyle::Body, FontId::proportional(BODY)),
        (TextStyle::Button, FontId::proportional(BODY)),
        (TextStyle::Small, FontId::proportional(18.0)),
        (TextStyle::Monospace, FontId::monospace(BODY)),
    ]
    .into();
    style.spacing.interact_size.y = 34.0;
    style.spacing.item_spacing = egui::vec2(12.0, 8.0);
}

impl BridgeworkApp {
    /// F5: enters workshop mode, or leaves it.
    pub(super) fn toggle_workshop(&mut self, ctx: &egui::Context) {
        if self.workshop.on {
            self.leave_workshop(ctx);
        } else {
            self.enter_workshop(ctx);
        }
    }

    fn enter_workshop(&mut self, ctx: &egui::Context) {
        self.stop_force();
        let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        self.workshop.saved = Some(Saved {
            filters: self.session.filters.clone(),
            focus: self.session.focus.clone(),
            tables: self.tables.open,
            insight: self.insight.open,
            camera: self.canvas.camera,
            fullscreen,
        });
        self.workshop.on = true;
        self.workshop.step = None;
        self.workshop.dark = ctx.global_style().visuals.dark_mode;
        if self.workshop.add_sector.is_empty() {
            self.workshop.add_sector = self.session.new_actor_sector.clone();
        }
        self.tables.open = false;
        self.insight.private = true;
        if !matches!(
            self.insight.open,
            Some(InsightPanel::Coalition | InsightPanel::WhatIf)
        ) {
            self.insight.open = None;
        }
        self.session.focus = None;
        self.canvas.fit_requested = true;
        if !fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
        self.status.set(
            "Workshop mode: private judgements hidden. The arrow keys reveal the map step by step, N adds an actor, F5 or Esc leaves",
        );
    }

    fn leave_workshop(&mut self, ctx: &egui::Context) {
        self.workshop.on = false;
        self.insight.private = false;
        if let Some(s) = self.workshop.saved.take() {
            self.session.filters = s.filters;
            self.session.focus = s.focus;
            self.tables.open = s.tables;
            self.insight.open = s.insight;
            self.canvas.camera = s.camera;
            if !s.fullscreen {
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            }
        }
        self.status.set("Left workshop mode");
    }

    /// What the reveal shows now.
    fn current_reveal(&mut self) -> Revealed {
        let key = self.doc.content_key();
        let counts = self.derived.legend_counts(self.doc.network(), key);
        let steps = reveal_steps(self.doc.network(), counts, self.workshop.order);
        revealed(
            self.doc.network(),
            &steps,
            self.workshop.order,
            self.workshop.step,
        )
    }

    /// The reveal step's filters, put in the session each frame of the
    /// mode (compared in place: nothing changes on a still frame).
    fn follow_reveal(&mut self) -> Revealed {
        let r = self.current_reveal();
        let filters = Filters {
            hidden_sectors: r.hidden_sectors.clone(),
            hidden_kinds: r.hidden_kinds.clone(),
            ..Filters::default()
        };
        if self.session.filters != filters {
            self.session.filters = filters;
        }
        r
    }

    /// A reveal step forward (`+1`) or back (`-1`); from "everything", back
    /// goes to the last step and forward to the start.
    pub(super) fn reveal_step(&mut self, by: isize) {
        let key = self.doc.content_key();
        let counts = self.derived.legend_counts(self.doc.network(), key);
        let n = reveal_steps(self.doc.network(), counts, self.workshop.order).len();
        self.workshop.step = match (self.workshop.step, by) {
            (None, b) if b > 0 => Some(0),
            (None, _) => Some(n.saturating_sub(1)),
            (Some(s), b) if b > 0 && s >= n => None,
            (Some(s), b) if b > 0 => Some(s + 1),
            (Some(s), _) => Some(s.saturating_sub(1)),
        };
    }

    /// N: the keyboard to the Add box.
    pub(super) fn quick_add(&mut self) {
        self.workshop.focus_add = true;
    }

    /// T: ties the two selected actors with the kind for new ties.
    pub(super) fn tie_selected(&mut self) {
        let ids: Vec<_> = self.canvas.selected.iter().cloned().collect();
        let [a, b] = ids.as_slice() else {
            self.status
                .set("Select two actors (Ctrl-click), then press T to tie them");
            return;
        };
        let id = self.doc.network().fresh_tie_id();
        let kind = self.session.new_tie_kind.clone();
        let directed = self
            .doc
            .network()
            .tie_kind(&kind)
            .is_some_and(|k| k.directed);
        self.apply(Edit::AddTie {
            position: None,
            tie: Tie::new(id, a.clone(), b.clone(), kind.clone(), directed),
        });
        self.status
            .set(format!("Tied them: {kind} (Ctrl+Z undoes it)"));
    }

    /// Adds the Add box's actor near the selection (or the view's centre),
    /// selects it and clears the box for the next name.
    fn add_from_box(&mut self) {
        let name = self.workshop.add_name.trim().to_owned();
        if name.is_empty() {
            return;
        }
        let net = self.doc.network();
        let near = self
            .canvas
            .selected
            .iter()
            .filter_map(|id| net.actor(id))
            .find_map(|a| a.x.zip(a.y));
        let n = net.actors().len() as f64;
        let at = match near {
            Some((x, y)) => {
                let angle = n * 2.399_963;
                [x + 90.0 * angle.cos(), y + 90.0 * angle.sin()]
            }
            None => self.canvas.camera.center,
        };
        let sector = if net.sector(&self.workshop.add_sector).is_some() {
            self.workshop.add_sector.clone()
        } else {
            self.session.new_actor_sector.clone()
        };
        let id = net.fresh_actor_id();
        let mut actor = Actor::new(id.clone(), name.clone(), sector.clone());
        actor.x = Some(at[0]);
        actor.y = Some(at[1]);
        self.apply(Edit::AddActor {
            position: None,
            actor,
        });
        self.canvas.selected = [id].into_iter().collect();
        self.canvas.selected_ties.clear();
        self.workshop.add_name.clear();
        self.workshop.focus_add = true;
        self.status
            .set(format!("Added {name} ({sector}); Ctrl+Z undoes it"));
    }

    /// The mode's own panels: the bar at the top (indicator, step counter,
    /// Add box, panels), the legend, and the coalition or what-if panel.
    pub(super) fn workshop_panels_ui(&mut self, ui: &mut egui::Ui) {
        let revealed = self.follow_reveal();
        let ctx = ui.ctx().clone();
        let esc = !ctx.egui_wants_keyboard_input()
            && !self.workshop.add_had_focus
            && self.session.focus.is_none()
            && !self.layout_running()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
        if esc {
            self.leave_workshop(&ctx);
            return;
        }
        egui::Panel::top("workshop bar").show(ui, |ui| {
            large_type(ui);
            self.workshop_bar_ui(ui, &revealed);
        });
        self.status_bar_ui(ui);
        egui::Panel::left("workshop legend")
            .resizable(true)
            .default_size(340.0)
            .show(ui, |ui| {
                large_type(ui);
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| self.workshop_legend_ui(ui, &revealed));
            });
        if self.insight.open.is_some() {
            egui::Panel::right("workshop dock")
                .resizable(true)
                .default_size(460.0)
                .show(ui, |ui| {
                    large_type(ui);
                    let share = self
                        .workshop
                        .shareable(self.doc.network(), self.doc.content_key());
                    egui::ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            let events = self.insight.dock_ui(
                                ui,
                                &share,
                                &self.canvas.selected,
                                &self.session.filters.hidden_kinds,
                            );
                            self.insight_events(events);
                        });
                });
        }
    }

    fn workshop_bar_ui(&mut self, ui: &mut egui::Ui, revealed: &Revealed) {
        ui.horizontal_wrapped(|ui| {
            let title = if self.doc.network().title.is_empty() {
                self.doc.title()
            } else {
                self.doc.network().title.clone()
            };
            ui.heading(title);
            ui.separator();
            ui.label(
                RichText::new("Private judgements hidden")
                    .strong()
                    .color(ui.visuals().warn_fg_color),
            )
            .on_hover_text("Stances, notes and every field marked private are kept off the screen while workshop mode is on");
            ui.separator();
            ui.label(&revealed.counter);
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Add:");
            let edit = ui.add(
                egui::TextEdit::singleline(&mut self.workshop.add_name)
                    .hint_text("a name (N)")
                    // Tab picks the sector instead of moving the keyboard on.
                    .lock_focus(true)
                    .desired_width(280.0),
            );
            if std::mem::take(&mut self.workshop.focus_add) {
                edit.request_focus();
            }
            if edit.has_focus() {
                let (tab, back) = ui.input_mut(|i| {
                    (
                        i.consume_key(egui::Modifiers::NONE, egui::Key::Tab),
                        i.consume_key(egui::Modifiers::SHIFT, egui::Key::Tab),
                    )
                });
                if tab || back {
                    self.next_add_sector(if back { -1 } else { 1 });
                }
            }
            if edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                self.add_from_box();
            }
            self.workshop.add_had_focus = edit.has_focus();
            egui::ComboBox::from_id_salt("workshop sector")
                .selected_text(self.workshop.add_sector.clone())
                .show_ui(ui, |ui| {
                    for s in &self.doc.network().sectors {
                        ui.selectable_value(&mut self.workshop.add_sector, s.name.clone(), &s.name);
                    }
                })
                .response
                .on_hover_text("The new actor's sector (Tab in the name box picks the next)");
            if ui
                .button("Add")
                .on_hover_text("Add the actor near the selection (Enter)")
                .clicked()
            {
                self.add_from_box();
            }
            ui.separator();
            for (panel, text) in [
                (InsightPanel::Coalition, "Coalition"),
                (InsightPanel::WhatIf, "What if"),
            ] {
                if ui
                    .selectable_label(self.insight.open == Some(panel), text)
                    .on_hover_text(panel.question())
                    .clicked()
                {
                    self.toggle_insight(panel);
                }
            }
            ui.separator();
            egui::ComboBox::from_id_salt("reveal order")
                .selected_text(self.workshop.order.text())
                .show_ui(ui, |ui| {
                    for o in [RevealOrder::KindsThenSectors, RevealOrder::SectorsThenKinds] {
                        if ui
                            .selectable_value(&mut self.workshop.order, o, o.text())
                            .clicked()
                        {
                            self.workshop.step = Some(0);
                        }
                    }
                })
                .response
                .on_hover_text(
                    "The order the arrow keys reveal the map in (Home shows everything)",
                );
            if ui.button("Show all").on_hover_text("Home").clicked() {
                self.workshop.step = None;
            }
            ui.checkbox(&mut self.workshop.dark, "Dark")
                .on_hover_text("A black background (for a dim room) or a white one");
            if ui
                .button("Leave (F5)")
                .on_hover_text("Back to the editor, as it was")
                .clicked()
            {
                self.leave_workshop(&ui.ctx().clone());
            }
        });
    }

    fn next_add_sector(&mut self, by: isize) {
        let sectors = &self.doc.network().sectors;
        if sectors.is_empty() {
            return;
        }
        let n = sectors.len() as isize;
        let at = sectors
            .iter()
            .position(|s| s.name == self.workshop.add_sector)
            .map_or(0, |i| i as isize);
        let next = (at + by).rem_euclid(n) as usize;
        if let Some(s) = sectors.get(next) {
            self.workshop.add_sector = s.name.clone();
        }
    }

    /// The projector legend: every sector and tie kind, revealed ones as
    /// usual and the rest marked "not yet shown"; no stance filter.
    fn workshop_legend_ui(&mut self, ui: &mut egui::Ui, revealed: &Revealed) {
        let key = self.doc.content_key();
        let net = self.doc.network();
        let counts = self.derived.legend_counts(net, key).clone();
        ui.heading("Sectors");
        for s in &net.sectors {
            let n = counts.in_sector(&s.name);
            if n == 0 {
                continue;
            }
            let later = revealed.hidden_sectors.contains(&s.name)
                || revealed.faint_sectors.contains(&s.name);
            ui.horizontal(|ui| {
                crate::ui::legend::sector_swatch(ui, s, 26.0);
                let text = format!("{} ({n})", s.name);
                ui.label(if later {
                    RichText::new(format!("{text}: not yet shown")).weak()
                } else {
                    RichText::new(text)
                });
            });
        }
        ui.add_space(12.0);
        ui.heading("Ties");
        for k in &net.tie_kinds {
            let n = counts.of_kind(&k.name);
            if n == 0 {
                continue;
            }
            let later = revealed.hidden_kinds.contains(&k.name);
            ui.horizontal(|ui| {
                crate::ui::legend::tie_swatch(ui, k, 26.0);
                let text = format!("{} ({n})", k.name);
                ui.label(if later {
                    RichText::new(format!("{text}: not yet shown")).weak()
                } else {
                    RichText::new(text)
                });
            });
        }
    }

    /// In the mode, a click on an actor focuses its neighbourhood, and a
    /// click on empty space ends the focus.
    pub(super) fn workshop_follow_selection(&mut self, before: &BTreeSet<crate::model::ActorId>) {
        if !self.workshop.on || self.canvas.selected == *before {
            return;
        }
        self.session.focus = match self.canvas.selected.iter().collect::<Vec<_>>().as_slice() {
            [one] => Some(((*one).clone(), 1)),
            _ => None,
        };
    }

    /// The sectors not lit up yet, drawn faint over the map.
    pub(super) fn workshop_overlay(&mut self) -> Option<Overlay> {
        if !self.workshop.on {
            return None;
        }
        let r = self.current_reveal();
        if r.faint_sectors.is_empty() {
            return None;
        }
        let mut o = Overlay::default();
        for a in self.doc.network().actors() {
            if r.faint_sectors.contains(&a.sector) {
                o.actors
                    .insert(a.id().clone(), ActorMark::tone(Tone::Faint));
            }
        }
        Some(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> Network {
        let mut n = Network::new();
        for (id, s) in [("a", "primary care"), ("b", "social care")] {
            n.add_actor(Actor::new(id, id, s)).unwrap();
        }
        n.add_tie(Tie::new("t1", "a", "b", "collaboration", false))
            .unwrap();
        n.add_tie(Tie::new("t2", "a", "b", "referral", true))
            .unwrap();
        n
    }

    #[test]
    fn kinds_then_sectors_adds_each_kind_then_lights_each_sector() {
        let n = map();
        let counts = LegendCounts::of(&n);
        let steps = reveal_steps(&n, &counts, RevealOrder::KindsThenSectors);
        assert_eq!(steps.len(), 4);
        let o = RevealOrder::KindsThenSectors;
        let r0 = revealed(&n, &steps, o, Some(0));
        assert!(r0.hidden_kinds.contains("collaboration") && r0.hidden_kinds.contains("referral"));
        assert!(r0.hidden_sectors.is_empty() && r0.faint_sectors.is_empty());
        let r1 = revealed(&n, &steps, o, Some(1));
        let first = match &steps[0] {
            RevealItem::Kind(k) => k.clone(),
            RevealItem::Sector(_) => unreachable!(),
        };
        assert!(!r1.hidden_kinds.contains(&first));
        assert_eq!(r1.hidden_kinds.len(), n.tie_kinds.len() - 1);
        assert!(r1.counter.starts_with("Step 1 of 4"), "{}", r1.counter);
        let r3 = revealed(&n, &steps, o, Some(3));
        assert!(r3.hidden_kinds.iter().all(|k| counts.of_kind(k) == 0));
        assert_eq!(r3.faint_sectors.len(), n.sectors.len() - 1);
        let all = revealed(&n, &steps, o, None);
        assert!(all.hidden_kinds.is_empty() && all.faint_sectors.is_empty());
    }

    #[test]
    fn sectors_then_kinds_starts_empty_and_adds_sectors() {
        let n = map();
        let counts = LegendCounts::of(&n);
        let o = RevealOrder::SectorsThenKinds;
        let steps = reveal_steps(&n, &counts, o);
        let r0 = revealed(&n, &steps, o, Some(0));
        assert_eq!(r0.hidden_sectors.len(), n.sectors.len());
        let r1 = revealed(&n, &steps, o, Some(1));
        assert_eq!(r1.hidden_sectors.len(), n.sectors.len() - 1);
        assert!(r1.faint_sectors.is_empty());
        let r4 = revealed(&n, &steps, o, Some(4));
        assert!(r4.counter.starts_with("Step 4 of 4"));
    }
}
