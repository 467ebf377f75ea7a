//! The question before a save or an export replaces something that is not
//! an ordinary file: a read-only file, a named pipe or a socket (what is
//! there and what saving does come from [`crate::io::target`]), or a map
//! another Bridgework window has open (its lock record, [`crate::io::lock`]). A device
//! or a folder is refused by the save itself; a link is written through
//! without asking, as text editors do.

use super::BridgeworkApp;
use super::files::Pending;
use crate::io::ExportOptions;
use crate::io::lock::MapLock;
use crate::io::target::SaveTarget;
use std::path::{Path, PathBuf};

/// What to do once the user agrees.
#[derive(Clone, Debug, PartialEq)]
pub enum AfterReplace {
    /// Save the map there, then carry on with what waited for the save.
    Save {
        /// What the unsaved-changes question was about, if it asked.
        then: Option<Pending>,
    },
    /// Export a copy there.
    Export {
        /// Leave out every private field.
        shareable: bool,
    },
}

/// A save waiting for "Replace it?".
#[derive(Clone, Debug, PartialEq)]
pub struct ReplaceQuestion {
    /// Where the save goes.
    pub path: PathBuf,
    /// What is there and what saving would do, one sentence a target.
    pub question: String,
    /// The save to run on "Replace".
    pub after: AfterReplace,
}

/// What a save to `path` with `options` would replace that the user should
/// agree to first, if anything (every file it writes: both of a CSV pair;
/// a file another window has open too).
pub fn replace_question(path: &Path, options: &ExportOptions) -> Option<String> {
    let targets = crate::io::save_targets(path, options).ok()?;
    let mut questions: Vec<String> = targets
        .iter()
        .filter_map(|t| SaveTarget::inspect(t).question())
        .collect();
    questions.extend(targets.iter().filter_map(|t| {
        MapLock::holder(t).map(|held| {
            format!(
                "{} is open in another Bridgework window ({}); saving here replaces it, and a save in that window would then replace what you save",
                t.display(),
                held.who()
            )
        })
    }));
    (!questions.is_empty()).then(|| format!("{}.", questions.join(". ")))
}

impl BridgeworkApp {
    /// Draws "Replace it?" while a save waits for it.
    pub(super) fn replace_ui(&mut self, ctx: &egui::Context) {
        let Some(q) = self.files.replace.clone() else {
            return;
        };
        egui::Window::new("Replace it?")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.label(&q.question);
                ui.horizontal(|ui| {
                    if ui
                        .button("Replace")
                        .on_hover_text("Save there anyway, as described above")
                        .clicked()
                    {
                        self.files.replace = None;
                        match q.after.clone() {
                            AfterReplace::Save { then } => {
                                if self.save_to_now(&q.path, true)
                                    && let Some(p) = then
                                {
                                    self.proceed(ctx, p);
                                }
                            }
                            AfterReplace::Export { shareable } => {
                                self.export_to_now(&q.path, shareable, true);
                            }
                        }
                    }
                    if ui
                        .button("Cancel")
                        .on_hover_text("Save nothing; choose another name with Save as… or Export")
                        .clicked()
                    {
                        self.files.replace = None;
                        self.status.set("Nothing was saved");
                    }
                });
            });
    }
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use super::super::{BridgeworkApp, Command, Document, Preferences};
    use crate::model::{Actor, Network};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use std::os::unix::fs::PermissionsExt;

    fn harness() -> Harness<'static, BridgeworkApp> {
        let mut net = Network::new();
        net.add_actor(Actor::new("a", "Ada", "primary care"))
            .unwrap();
        let app = BridgeworkApp::new(Document::new(net, None), Preferences::default(), None);
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .build_ui_state(|ui, app: &mut BridgeworkApp| app.frame_ui(ui), app);
        h.run_steps(2);
        h
    }

    #[test]
    fn exporting_over_a_read_only_file_asks_first_and_cancel_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("locked.json");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let mut h = harness();
        h.state_mut().command(Command::ExportTo {
            path: path.clone(),
            shareable: false,
        });
        h.run_steps(3);
        // The question is on show (this panics if it is not).
        let _ = h.get_by_label_contains("is read-only; saving replaces it");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        h.get_by_label("Cancel").click();
        h.run_steps(3);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(h.state().status_text(), "Nothing was saved");

        h.state_mut().command(Command::ExportTo {
            path: path.clone(),
            shareable: false,
        });
        h.run_steps(3);
        h.get_by_label("Replace").click();
        h.run_steps(3);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("Ada"), "{text}");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o444, "still read-only, as the question said");
        assert!(h.state().problem().is_none());
    }
}
