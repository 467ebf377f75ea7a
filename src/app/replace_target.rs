//! The question before a save or an export replaces something that is not
//! an ordinary file: a read-only file, a named pipe or a socket (what is
//! there and what saving does come from [`crate::io::target`]), or a map
//! another Bridgework window has open (its lock record, [`crate::io::lock`]).
//! Every writer asks it: Save, Save as, Export a copy, the pseudonymised
//! copy and its key, the picture, the measures and the report. A device
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
    /// Export a picture, the measures or the report there.
    ExportFile(super::exports::ExportKind),
    /// Export a pseudonymised copy there, and its key beside it.
    Pseudonymised,
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
    targets_question(&crate::io::save_targets(path, options).ok()?)
}

/// What writing `targets` would replace that the user should agree to
/// first, if anything.
pub fn targets_question(targets: &[PathBuf]) -> Option<String> {
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
                            AfterReplace::ExportFile(kind) => {
                                self.export_file_now(ctx, kind, q.path.clone(), true);
                            }
                            AfterReplace::Pseudonymised => {
                                self.export_pseudonymised_now(&q.path, true);
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

    /// Steps until the export thread has answered.
    fn wait_for_export(h: &mut Harness<'static, BridgeworkApp>) {
        let started = std::time::Instant::now();
        while h.state().status_text().starts_with("Exporting") {
            assert!(
                started.elapsed().as_secs() < 20,
                "the export never finished"
            );
            std::thread::sleep(std::time::Duration::from_millis(5));
            h.step();
        }
    }

    #[test]
    fn pictures_measures_the_report_and_a_pseudonymised_key_ask_before_replacing() {
        use super::super::exports::ExportKind;
        let dir = tempfile::tempdir().unwrap();
        let mut h = harness();
        for (name, kind) in [
            ("map.svg", Some(ExportKind::Picture)),
            ("measures.csv", Some(ExportKind::Measures)),
            ("report.html", Some(ExportKind::Report)),
            // The key of a pseudonymised copy written to copy.json.
            ("copy.key.csv", None),
        ] {
            let target = dir.path().join(name);
            std::fs::write(&target, "old").unwrap();
            std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o444)).unwrap();
            let start = |h: &mut Harness<'static, BridgeworkApp>| {
                let ctx = h.ctx.clone();
                match kind {
                    Some(kind) => h.state_mut().export_file(&ctx, kind, target.clone()),
                    None => h
                        .state_mut()
                        .export_pseudonymised(&dir.path().join("copy.json")),
                }
                h.run_steps(3);
            };
            start(&mut h);
            let _ = h.get_by_label_contains("is read-only; saving replaces it");
            h.get_by_label("Cancel").click();
            h.run_steps(3);
            assert_eq!(std::fs::read_to_string(&target).unwrap(), "old", "{name}");
            assert!(
                !dir.path().join("copy.json").exists(),
                "no copy without its key"
            );

            start(&mut h);
            h.get_by_label("Replace").click();
            h.run_steps(3);
            wait_for_export(&mut h);
            assert!(
                h.state().problem().is_none(),
                "{name}: {:?}",
                h.state().problem()
            );
            assert!(h.state().status_text().starts_with("Exported"), "{name}");
            let text = std::fs::read_to_string(&target).unwrap();
            assert!(text.len() > 20, "{name}: {text}");
            let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o444, "{name}: still read-only");
        }
        // A device is refused with one clear line, nothing asked.
        let null = dir.path().join("null.svg");
        std::os::unix::fs::symlink("/dev/null", &null).unwrap();
        let ctx = h.ctx.clone();
        h.state_mut().export_file(&ctx, ExportKind::Picture, null);
        h.run_steps(3);
        wait_for_export(&mut h);
        let problem = h.state().problem().unwrap();
        assert!(problem.what.contains("is a device"), "{problem:?}");
    }
}
