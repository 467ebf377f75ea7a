//! Layouts run from the Layout menu: the quick ones (grouped, circle,
//! tidy) at once, the force-directed one animated until it settles. Each
//! run is one undoable move of every actor it placed, and the view is
//! fitted to the result.

use super::BridgeworkApp;
use super::commands::LayoutKind;
use crate::edit::Edit;
use crate::model::ActorId;
use std::time::Duration;

impl BridgeworkApp {
    /// Whether an animated layout is running.
    pub(super) fn layout_running(&self) -> bool {
        self.force.is_some()
    }

    pub(super) fn layout(&mut self, kind: LayoutKind) {
        use crate::layout::{self as lay, LayoutGraph};
        self.finish_force();
        let (graph, ids) = LayoutGraph::from_network(&self.doc.network);
        let positions = match kind {
            LayoutKind::Force | LayoutKind::ForceBySector => {
                let opts = lay::ForceOptions::default();
                self.force = Some((lay::ForceLayout::new(graph, opts), ids));
                self.status.set("Laying out… (Esc stops)");
                return;
            }
            LayoutKind::Grouped => lay::grouped(&graph, &lay::GroupedOptions::default()),
            LayoutKind::Circle => lay::circle(&graph, &lay::CircleOptions::default()),
            LayoutKind::Tidy => lay::tidy(&graph, &lay::TidyOptions::default()).positions,
        };
        self.commit_layout(&ids, &positions);
        self.canvas.fit_requested = true;
    }

    fn commit_layout(&mut self, ids: &[ActorId], positions: &[[f64; 2]]) {
        let moves: Vec<(ActorId, Option<[f64; 2]>)> =
            crate::layout::moves(&self.doc.network, ids, positions)
                .into_iter()
                .map(|(id, p)| (id, Some(p)))
                .collect();
        if !moves.is_empty() {
            self.apply(Edit::MoveActors(moves));
        }
    }

    /// Ends an animated layout: its positions become one undoable move.
    pub(super) fn finish_force(&mut self) {
        if let Some((layout, ids)) = self.force.take() {
            let positions = layout.positions().to_vec();
            self.canvas.preview.clear();
            self.commit_layout(&ids, &positions);
            self.canvas.fit_requested = true;
            self.status
                .set(format!("Layout done ({} steps)", layout.steps()));
        }
    }

    /// Advances an animated layout within a frame budget.
    pub(super) fn tick_force(&mut self, ctx: &egui::Context) {
        let Some((layout, ids)) = &mut self.force else {
            return;
        };
        let status = layout.run_for(Duration::from_millis(8));
        self.canvas.preview = ids
            .iter()
            .cloned()
            .zip(layout.positions().iter().copied())
            .collect();
        if matches!(status, crate::layout::Status::Finished { .. }) {
            self.finish_force();
        } else {
            ctx.request_repaint();
        }
    }

    /// Progress of a running layout, for the status bar.
    pub(super) fn layout_status_ui(&mut self, ui: &mut egui::Ui) {
        if self.force.is_none() {
            return;
        }
        ui.separator();
        if ui
            .button("Stop layout")
            .on_hover_text("Stop the layout and keep where it got to (Esc)")
            .clicked()
        {
            self.commands
                .push(super::commands::UiCommand::StopLayout.into());
        }
    }
}
