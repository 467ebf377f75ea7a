//! The insight dock wired into the app: which panel is open, the
//! background jobs that keep each open panel's result current
//! (`jobs::insight`), the "leaving" view of what-if, and what the panels
//! ask for turned into selections, edits and canvas highlights.
//!
//! A result is worked out again once the map has been still for
//! [`DEBOUNCE`] seconds after a change, or at once when a panel's options
//! change; until it lands the old one stays, marked "updating…".

use super::BridgeworkApp;
use crate::edit::Edit;
use crate::jobs::Snapshot;
use crate::jobs::insight::{
    BrokersInsight, CoalitionInsight, CommunitiesInsight, InfluenceInsight, InputsCache, Refresher,
    ResilienceInsight, SiloInsight, WhatIf, brokers_insight, coalition_insight,
    communities_insight, influence_insight, inputs_key, insight_view, resilience_insight,
    silo_insight, view_key, what_if,
};
use crate::model::{ActorId, Network, TieId, ViewOptions};
use crate::ui::insight::brokers::{BrokersState, brokers_ui};
use crate::ui::insight::coalition::{CoalitionState, coalition_ui};
use crate::ui::insight::communities::{CommunitiesState, communities_ui};
use crate::ui::insight::influence::{InfluenceState, influence_ui};
use crate::ui::insight::silo::{SiloState, silo_ui};
use crate::ui::insight::what_if::{WhatIfState, what_if_ui};
use crate::ui::insight::{Freshness, InsightEvent, InsightPanel, failure_ui};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

/// Seconds the map must be still after a change before results are worked
/// out again.
pub const DEBOUNCE: f64 = 0.3;

/// The dock's state.
#[derive(Default)]
pub struct InsightDock {
    /// The panel shown in the side dock (`None`: the inspector).
    pub open: Option<InsightPanel>,
    /// Count only the tie kinds the legend shows.
    pub only_shown: bool,
    /// Keep private judgements (stances) out of the panels: workshop mode.
    pub private: bool,
    /// Actors marked as leaving (what if): a view, not an edit.
    pub leaving: BTreeSet<ActorId>,
    /// The silo cell lit on the map: its ties and bridgers.
    pub cell: Option<(Vec<TieId>, Vec<ActorId>)>,
    silo: Refresher<SiloInsight>,
    brokers: Refresher<BrokersInsight>,
    coalition: Refresher<CoalitionInsight>,
    resilience: Refresher<ResilienceInsight>,
    what_if: Refresher<WhatIf>,
    influence: Refresher<InfluenceInsight>,
    communities: Refresher<CommunitiesInsight>,
    /// Each panel's own controls.
    pub silo_state: SiloState,
    /// The brokers panel's controls.
    pub brokers_state: BrokersState,
    /// The coalition builder's options.
    pub coalition_state: CoalitionState,
    /// The what-if panel's controls.
    pub what_if_state: WhatIfState,
    /// The influence panel's controls.
    pub influence_state: InfluenceState,
    /// The communities panel's controls.
    pub communities_state: CommunitiesState,
    inputs_cache: InputsCache,
    /// The [`InsightDock::overlay_key`] the canvas's overlay was made for.
    pub(super) overlay_for: Option<u64>,
    snapshot: Snapshot,
    /// The content key results are worked out for (the map once still).
    settled: Option<u64>,
    last_key: Option<u64>,
    changed_at: f64,
    /// Keys of this frame, per section.
    keys: Keys,
    /// The insight fingerprint of the map, for the content key it was taken at.
    fingerprint: Option<(u64, u64)>,
    /// When (egui time) the current run of jobs started, to show progress
    /// only for work that takes a while.
    working_since: Option<f64>,
}

#[derive(Default, Clone, Copy)]
struct Keys {
    base: u64,
    coalition: u64,
    resilience: u64,
    what_if: u64,
    /// The results are for the map as it is (not waiting to settle).
    settled: bool,
}

impl InsightDock {
    /// Forgets every result (another map was opened).
    pub fn clear(&mut self) {
        self.silo.clear();
        self.brokers.clear();
        self.coalition.clear();
        self.resilience.clear();
        self.what_if.clear();
        self.influence.clear();
        self.communities.clear();
        self.leaving.clear();
        self.cell = None;
        self.settled = None;
        self.last_key = None;
        self.fingerprint = None;
        self.overlay_for = None;
        self.coalition_state.options.must_include.clear();
        self.coalition_state.options.exclude.clear();
    }

    /// The coalition shown, if the coalition panel is open.
    pub fn coalition_shown(&self) -> Option<&Arc<CoalitionInsight>> {
        (self.open == Some(InsightPanel::Coalition))
            .then(|| self.coalition.shown())
            .flatten()
    }

    /// The what-if result shown, while anyone is marked as leaving.
    pub fn what_if_shown(&self) -> Option<&Arc<WhatIf>> {
        (!self.leaving.is_empty())
            .then(|| self.what_if.shown())
            .flatten()
            .filter(|w| w.leaving == self.leaving)
    }

    /// The brokers shown, if the brokers panel is open.
    pub fn brokers_shown(&self) -> Option<&Arc<BrokersInsight>> {
        (self.open == Some(InsightPanel::Brokers))
            .then(|| self.brokers.shown())
            .flatten()
    }

    /// The brokers result, whichever panel is open (the inspector's
    /// sentence).
    pub fn brokers_any(&self) -> Option<&Arc<BrokersInsight>> {
        self.brokers.shown()
    }

    /// The single points of failure, when the what-if panel shows them.
    pub fn weak_points_shown(&self) -> Option<&Arc<ResilienceInsight>> {
        (self.open == Some(InsightPanel::WhatIf) && self.what_if_state.show_weak_points)
            .then(|| self.resilience.shown())
            .flatten()
    }

    /// The communities, when the map is coloured by them.
    pub fn communities_shown(&self) -> Option<&Arc<CommunitiesInsight>> {
        self.communities_state
            .colour_by_community
            .then(|| self.communities.shown())
            .flatten()
    }

    /// Why the open panel's analysis of the map as it is now gave
    /// nothing (too many sectors for the silo map, say), if it failed.
    pub fn failure(&self) -> Option<&str> {
        let k = self.keys;
        match self.open? {
            InsightPanel::Silo => self.silo.failure(k.base),
            InsightPanel::Brokers => self.brokers.failure(k.base),
            InsightPanel::Coalition => self.coalition.failure(k.coalition),
            InsightPanel::WhatIf if self.leaving.is_empty() => {
                self.resilience.failure(k.resilience)
            }
            InsightPanel::WhatIf => self.what_if.failure(k.what_if),
            InsightPanel::Influence => self.influence.failure(k.base),
            InsightPanel::Communities => self.communities.failure(k.base),
        }
    }

    /// Whether the open panel's result is for the map and options as they
    /// are now (what a test waits for).
    pub fn is_current(&self) -> bool {
        let k = self.keys;
        k.settled
            && match self.open {
                None => true,
                Some(InsightPanel::Silo) => self.silo.is_current(k.base),
                Some(InsightPanel::Brokers) => self.brokers.is_current(k.base),
                Some(InsightPanel::Coalition) => self.coalition.is_current(k.coalition),
                Some(InsightPanel::WhatIf) => {
                    if self.leaving.is_empty() {
                        self.resilience.is_current(k.resilience)
                    } else {
                        self.what_if.is_current(k.what_if)
                    }
                }
                Some(InsightPanel::Influence) => self.influence.is_current(k.base),
                Some(InsightPanel::Communities) => self.communities.is_current(k.base),
            }
    }

    /// The coalition on show (whether or not its panel is open).
    pub fn coalition_result(&self) -> Option<&Arc<CoalitionInsight>> {
        self.coalition.shown()
    }

    /// The what-if result on show.
    pub fn what_if_result(&self) -> Option<&Arc<WhatIf>> {
        self.what_if.shown()
    }

    /// Whether any section is working.
    pub fn working(&self) -> bool {
        self.silo.is_running()
            || self.brokers.is_running()
            || self.coalition.is_running()
            || self.resilience.is_running()
            || self.what_if.is_running()
            || self.influence.is_running()
            || self.communities.is_running()
    }

    /// Stops every running job (the status bar's Cancel).
    pub fn cancel(&mut self) {
        self.silo.cancel();
        self.brokers.cancel();
        self.coalition.cancel();
        self.resilience.cancel();
        self.what_if.cancel();
        self.influence.cancel();
        self.communities.cancel();
    }

    /// Once per frame: keeps the results of what is on show current.
    /// Returns whether a result landed (the canvas looks again).
    pub fn tick(
        &mut self,
        ctx: &egui::Context,
        network: &Network,
        content_key: u64,
        hidden_kinds: &BTreeSet<String>,
    ) -> bool {
        let now = ctx.input(|i| i.time);
        if self.last_key != Some(content_key) {
            self.last_key = Some(content_key);
            self.changed_at = now;
            if self.settled.is_none() {
                self.settled = Some(content_key);
            }
        }
        let wait = DEBOUNCE - (now - self.changed_at);
        if self.settled != Some(content_key) {
            if wait > 0.0 {
                ctx.request_repaint_after(Duration::from_secs_f64(wait));
            } else {
                self.settled = Some(content_key);
            }
        }
        let settled = self.settled == Some(content_key);
        // What the panels read, not the content key: moving actors or
        // typing a note leaves the results as they are.
        if settled && self.fingerprint.is_none_or(|(k, _)| k != content_key) {
            self.fingerprint = Some((content_key, crate::jobs::insight_fingerprint(network)));
        }
        let settled_key = self.fingerprint.map_or(content_key, |(_, f)| f);
        let view = insight_view(network, hidden_kinds, self.only_shown);
        let base = inputs_key(settled_key, &view_key(&view));
        let coalition = inputs_key(base, &format!("{:?}", self.coalition_state.options));
        let resilience = inputs_key(base, &self.what_if_state.key_players);
        let what_if_key = inputs_key(base, &self.leaving);
        self.keys = Keys {
            base,
            coalition,
            resilience,
            what_if: what_if_key,
            settled,
        };
        // Jobs start only for the map as it is now, once it is still.
        let can_start = settled;
        let net = if can_start {
            Some(self.snapshot.get(content_key, network))
        } else {
            None
        };
        let open = self.open;
        let mut landed = false;
        macro_rules! keep {
            ($field:ident, $key:expr, $work:expr) => {{
                let key = $key;
                if let Some(net) = &net {
                    let net = Arc::clone(net);
                    let view = view.clone();
                    let work = $work;
                    landed |= self.$field.tick(key, move || {
                        move |c: &crate::analysis::Control| work(&net, &view, c)
                    });
                } else {
                    // Take in what has finished; start nothing yet.
                    let _ = $work;
                    landed |= self.$field.poll(key);
                }
            }};
        }
        if open == Some(InsightPanel::Silo) {
            keep!(silo, base, silo_insight);
        }
        // The brokers also feed the inspector's "as a broker" line.
        if matches!(open, Some(InsightPanel::Brokers) | None) {
            keep!(brokers, base, brokers_insight);
        }
        if open == Some(InsightPanel::Coalition) {
            let options = self.coalition_state.options.clone();
            let cache = self.inputs_cache.clone();
            keep!(
                coalition,
                coalition,
                move |n: &Network, v: &ViewOptions, c: &crate::analysis::Control| {
                    coalition_insight(n, v, &options, &cache, base, c)
                }
            );
        }
        if open == Some(InsightPanel::WhatIf) {
            let k = self.what_if_state.key_players;
            keep!(
                resilience,
                resilience,
                move |n: &Network, v: &ViewOptions, c: &crate::analysis::Control| {
                    resilience_insight(n, v, k, c)
                }
            );
        }
        if !self.leaving.is_empty() {
            let leaving = self.leaving.clone();
            keep!(
                what_if,
                what_if_key,
                move |n: &Network, v: &ViewOptions, c: &crate::analysis::Control| {
                    what_if(n, v, &leaving, c)
                }
            );
        }
        if open == Some(InsightPanel::Influence) {
            keep!(influence, base, influence_insight);
        }
        if open == Some(InsightPanel::Communities) || self.communities_state.colour_by_community {
            keep!(communities, base, communities_insight);
        }
        if self.working() {
            self.working_since.get_or_insert(now);
            ctx.request_repaint_after(Duration::from_millis(50));
        } else {
            self.working_since = None;
        }
        landed
    }

    fn fresh<T: Send + Sync + 'static>(&self, r: &Refresher<T>, key: u64) -> Freshness {
        Freshness {
            current: self.keys.settled && r.is_current(key),
            working: r.is_running() || !self.keys.settled,
        }
    }

    /// The tab row and the open panel; returns what the panel asked for.
    pub fn dock_ui(
        &mut self,
        ui: &mut egui::Ui,
        network: &Network,
        selection: &BTreeSet<ActorId>,
        hidden_kinds: &BTreeSet<String>,
    ) -> Vec<InsightEvent> {
        let Some(panel) = self.open else {
            return Vec::new();
        };
        ui.checkbox(&mut self.only_shown, "Count only the ties on show")
            .on_hover_text("Analyse only the tie kinds the legend shows (otherwise every kind that counts in analysis)");
        ui.add_space(4.0);
        let view = insight_view(network, hidden_kinds, self.only_shown);
        let filter = view.kind_filter(network);
        let counts = |t: &crate::model::Tie| filter.counts(&t.kind);
        let k = self.keys;
        // A job that failed says why in the panel (a cancelled one leaves
        // what was on show).
        if let Some(why) = self.failure().filter(|w| *w != "cancelled") {
            failure_ui(ui, panel, why);
            return Vec::new();
        }
        match panel {
            InsightPanel::Silo => {
                let f = self.fresh(&self.silo, k.base);
                let r = self.silo.shown().cloned();
                silo_ui(ui, network, r.as_deref(), f, &mut self.silo_state, &counts)
            }
            InsightPanel::Brokers => {
                let f = self.fresh(&self.brokers, k.base);
                let r = self.brokers.shown().cloned();
                brokers_ui(ui, network, r.as_deref(), f, &mut self.brokers_state)
            }
            InsightPanel::Coalition => {
                let f = self.fresh(&self.coalition, k.coalition);
                let r = self.coalition.shown().cloned();
                coalition_ui(
                    ui,
                    network,
                    r.as_deref(),
                    f,
                    &mut self.coalition_state,
                    selection,
                    self.private,
                )
            }
            InsightPanel::WhatIf => {
                // With nobody leaving, the panel shows the single points
                // of failure and key players: their freshness is the one
                // that counts.
                let f = if self.leaving.is_empty() {
                    self.fresh(&self.resilience, k.resilience)
                } else {
                    self.fresh(&self.what_if, k.what_if)
                };
                let r = self.what_if.shown().cloned();
                let weak = self.resilience.shown().cloned();
                what_if_ui(
                    ui,
                    network,
                    &self.leaving,
                    r.as_deref(),
                    weak.as_deref(),
                    f,
                    &mut self.what_if_state,
                    selection,
                )
            }
            InsightPanel::Influence => {
                let f = self.fresh(&self.influence, k.base);
                let r = self.influence.shown().cloned();
                influence_ui(ui, network, r.as_deref(), f, &mut self.influence_state)
            }
            InsightPanel::Communities => {
                let f = self.fresh(&self.communities, k.base);
                let r = self.communities.shown().cloned();
                communities_ui(ui, r.as_deref(), f, &mut self.communities_state)
            }
        }
    }

    /// Progress and Cancel for the status bar, while a section works.
    pub fn status_ui(&mut self, ui: &mut egui::Ui) {
        let now = ui.input(|i| i.time);
        if !self.working() || self.working_since.is_none_or(|t| now - t < 0.25) {
            return;
        }
        let progress = [
            self.silo.progress(),
            self.brokers.progress(),
            self.coalition.progress(),
            self.resilience.progress(),
            self.what_if.progress(),
            self.influence.progress(),
            self.communities.progress(),
        ]
        .into_iter()
        .flatten()
        .next()
        .cloned();
        ui.separator();
        let (fraction, text) = match &progress {
            Some(p) if p.total > 0 => (p.fraction(), format!("Insight: {}", p.label())),
            _ => (0.0, "Insight: working…".to_owned()),
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(200.0)
                .animate(progress.as_ref().is_none_or(|p| p.total == 0))
                .text(text),
        )
        .on_hover_text("The insight panels are being worked out again; the map stays editable");
        if ui
            .button("Cancel")
            .on_hover_text("Stop working out the insight panels; what they show stays")
            .clicked()
        {
            self.cancel();
        }
    }
}

impl BridgeworkApp {
    /// Opens `panel` in the dock, or goes back to the inspector if it is
    /// open already.
    pub(super) fn toggle_insight(&mut self, panel: InsightPanel) {
        self.insight.open = if self.insight.open == Some(panel) {
            None
        } else {
            Some(panel)
        };
    }

    /// L: marks the selected actors as leaving, or takes them off the list
    /// if they all are on it already.
    pub(super) fn mark_leaving(&mut self) {
        let selected = &self.canvas.selected;
        if selected.is_empty() {
            self.status
                .set("Select the actors who might leave first, then press L");
            return;
        }
        if selected.is_subset(&self.insight.leaving) {
            for id in selected {
                self.insight.leaving.remove(id);
            }
        } else {
            self.insight.leaving.extend(selected.iter().cloned());
            if self.insight.open.is_none() {
                self.insight.open = Some(InsightPanel::WhatIf);
            }
        }
    }

    /// Carries out what a panel asked for.
    pub(super) fn insight_events(&mut self, events: Vec<InsightEvent>) {
        for e in events {
            match e {
                InsightEvent::SelectActors(ids) => {
                    self.canvas.selected = ids.into_iter().collect();
                    self.canvas.selected_ties.clear();
                }
                InsightEvent::Centre(id) => {
                    self.canvas.selected = [id.clone()].into_iter().collect();
                    self.canvas.selected_ties.clear();
                    self.canvas.centre_on = Some(id);
                }
                InsightEvent::SetLeaving(set) => self.insight.leaving = set,
                InsightEvent::SaveGroup { name, members } => self.save_group(&name, &members),
                InsightEvent::Highlight(cell) => self.insight.cell = cell,
            }
        }
    }

    /// Tags each member with `name` (one undo step), so the group is kept
    /// with the map and listed in the legend.
    fn save_group(&mut self, name: &str, members: &[ActorId]) {
        let changed: Vec<crate::model::Actor> = members
            .iter()
            .filter_map(|id| self.doc.network().actor(id))
            .filter(|a| !a.tags.iter().any(|t| t == name))
            .map(|a| {
                let mut a = a.clone();
                a.tags.push(name.to_owned());
                a
            })
            .collect();
        if changed.is_empty() {
            self.status.set(format!(
                "Everyone in the coalition is already in \"{name}\""
            ));
            return;
        }
        let n = changed.len();
        self.apply(Edit::UpdateActors(changed));
        self.status.set(format!(
            "Saved the group \"{name}\": {} tagged (Ctrl+Z undoes it)",
            super::status_bar::count(n, "actor", "actors")
        ));
    }
}

impl BridgeworkApp {
    /// The right-hand dock: the inspector, or an insight panel, chosen by
    /// the tabs at its top (Ctrl+1 … Ctrl+6 open a panel, again to close).
    pub(super) fn dock_panel_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            if ui
                .selectable_label(self.insight.open.is_none(), "Inspector")
                .on_hover_text("Edit the selected actor or tie")
                .clicked()
            {
                self.insight.open = None;
            }
            for (i, p) in InsightPanel::ALL.into_iter().enumerate() {
                if ui
                    .selectable_label(self.insight.open == Some(p), p.title())
                    .on_hover_text(format!("{} (Ctrl+{})", p.question(), i + 1))
                    .clicked()
                {
                    self.toggle_insight(p);
                }
            }
        });
        ui.separator();
        if self.insight.open.is_none() {
            self.inspector_panel_ui(ui);
            return;
        }
        let events = self.insight.dock_ui(
            ui,
            self.doc.network(),
            &self.canvas.selected,
            &self.session.filters.hidden_kinds,
        );
        self.insight_events(events);
    }
}
