//! "Open in another window": a map just read whose lock record another
//! Bridgework window holds (see [`crate::io::lock`]) waits here for the
//! user's answer. "Open anyway" puts it in place and takes the lock over
//! (if the open map was edited meanwhile, the unsaved-changes question
//! comes first); "Cancel" drops it and leaves the open map as it was.

use super::BridgeworkApp;
use super::Document;
use crate::io::lock::LockHeld;
use std::path::Path;

/// A map read and ready, waiting because another window has its file.
pub struct LockQuestion {
    /// The map as read, with its file.
    pub(super) doc: Box<Document>,
    /// Who holds it.
    pub(super) held: LockHeld,
    /// The open map's content when the question was asked.
    pub(super) key: u64,
}

impl BridgeworkApp {
    /// Puts a map just read from `path` in place of the open one, unless
    /// another window holds its file: then asks first.
    pub(super) fn open_document(&mut self, mut doc: Document, path: &Path) {
        match doc.acquire_lock() {
            Ok(()) => self.put_opened(doc, path),
            Err(held) => {
                self.files.lock_question = Some(LockQuestion {
                    doc: Box::new(doc),
                    held,
                    key: self.doc.content_key(),
                });
            }
        }
    }

    fn put_opened(&mut self, doc: Document, path: &Path) {
        self.set_document(doc);
        self.remember(path.to_path_buf());
        self.status.set(format!("Opened {}", path.display()));
    }

    /// Who holds the file of the map waiting to open, if one waits (for
    /// tests).
    pub fn lock_question(&self) -> Option<&LockHeld> {
        self.files.lock_question.as_ref().map(|q| &q.held)
    }

    /// Draws the question while a map waits for it.
    pub(super) fn lock_question_ui(&mut self, ctx: &egui::Context) {
        let Some(q) = &self.files.lock_question else {
            return;
        };
        let text = format!("{}.", q.held);
        let mut answer = None;
        egui::Window::new("Open in another window")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.label(text);
                ui.horizontal(|ui| {
                    if ui
                        .button("Open anyway")
                        .on_hover_text(
                            "Open it here too; this window then holds the file, and the other window is warned when it saves",
                        )
                        .clicked()
                    {
                        answer = Some(true);
                    }
                    if ui
                        .button("Cancel")
                        .on_hover_text("Do not open it; keep the map that is open here")
                        .clicked()
                    {
                        answer = Some(false);
                    }
                });
            });
        let Some(open) = answer else {
            return;
        };
        let Some(q) = self.files.lock_question.take() else {
            return;
        };
        if open && self.doc.content_key() != q.key && self.doc.is_dirty() {
            // Edited while the question was on show: the unsaved-changes
            // question first (the file is then read, and asked about, again).
            self.status.set(format!(
                "The map changed while you were asked about {}: save or discard the changes to open it",
                q.held.map.display()
            ));
            self.files.pending = Some(super::files::Pending::Open(Some(q.held.map.clone())));
        } else if open {
            let mut doc = *q.doc;
            doc.take_over_lock();
            self.put_opened(doc, &q.held.map);
        } else {
            self.status.set(format!(
                "Did not open {}; the map is as it was",
                q.held.map.display()
            ));
        }
    }
}

#[cfg(test)]
#[cfg(target_os = "linux")]
mod tests {
    use super::super::{BridgeworkApp, Command, Document, Preferences, UiCommand};
    use crate::io::lock::{MapLock, write_record_of};
    use crate::model::{Actor, Network};
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;
    use std::path::{Path, PathBuf};

    fn net(id: &str, name: &str) -> Network {
        let mut net = Network::new();
        net.add_actor(Actor::new(id, name, "primary care")).unwrap();
        net
    }

    /// Opens `path` as File > Open does and steps until it is read.
    fn open(h: &mut Harness<'static, BridgeworkApp>, path: &std::path::Path) {
        h.state_mut().command(Command::OpenPath(path.to_owned()));
        h.run_steps(2);
        wait(h);
    }

    /// Steps until the file being read on its thread is in.
    fn wait(h: &mut Harness<'static, BridgeworkApp>) {
        let started = std::time::Instant::now();
        while h.state().opening().is_some() {
            assert!(started.elapsed().as_secs() < 10, "the open never finished");
            std::thread::sleep(std::time::Duration::from_millis(5));
            h.step();
        }
        h.run_steps(2);
    }

    /// Another window: a live process of this host (a `sleep`) whose lock
    /// record is on a file; ended when dropped.
    struct OtherWindow(std::process::Child);

    impl OtherWindow {
        fn on(path: &Path) -> OtherWindow {
            let child = std::process::Command::new("sleep")
                .arg("60")
                .spawn()
                .unwrap();
            write_record_of(path, child.id());
            OtherWindow(child)
        }

        fn pid(&self) -> u32 {
            self.0.id()
        }
    }

    impl Drop for OtherWindow {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    fn harness(app: BridgeworkApp) -> Harness<'static, BridgeworkApp> {
        let mut h = Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .build_ui_state(|ui, app: &mut BridgeworkApp| app.frame_ui(ui), app);
        h.run_steps(2);
        h
    }

    /// Ada's map open (no file); Bea's map in `theirs.json`, which another
    /// window has open.
    fn ada_and_theirs() -> (
        tempfile::TempDir,
        PathBuf,
        OtherWindow,
        Harness<'static, BridgeworkApp>,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let theirs = dir.path().join("theirs.json");
        crate::io::save(&net("b", "Bea"), &theirs, &Default::default()).unwrap();
        let other = OtherWindow::on(&theirs);
        let app = BridgeworkApp::new(
            Document::new(net("a", "Ada"), None),
            Preferences::default(),
            None,
        );
        (dir, theirs, other, harness(app))
    }

    #[test]
    fn opening_a_map_another_window_has_asks_and_cancel_keeps_the_open_map() {
        let (_dir, theirs, other, mut h) = ada_and_theirs();
        open(&mut h, &theirs);
        let asked = format!(
            "theirs.json is open in another Bridgework window (pid {} on",
            other.pid()
        );
        let _ = h.get_by_label_contains(&asked);
        assert_eq!(h.state().lock_question().map(|q| q.pid), Some(other.pid()));
        h.get_by_label("Cancel").click();
        h.run_steps(3);
        assert!(h.state().lock_question().is_none());
        assert_eq!(h.state().doc.network().actors()[0].name, "Ada");
        assert_eq!(h.state().doc.path(), None);
        assert!(h.state().status_text().starts_with("Did not open"));
        assert_eq!(MapLock::holder(&theirs).map(|q| q.pid), Some(other.pid()));

        open(&mut h, &theirs);
        h.get_by_label("Open anyway").click();
        h.run_steps(3);
        assert_eq!(h.state().doc.network().actors()[0].name, "Bea");
        assert_eq!(h.state().doc.path(), Some(theirs.as_path()));
        assert!(h.state().doc.holds_lock(), "this window took the file over");
        assert_eq!(MapLock::holder(&theirs), None);

        // Saving it there again is no question: the file is this window's.
        h.state_mut().command(Command::Ui(UiCommand::Save));
        h.run_steps(3);
        assert!(
            h.state().status_text().starts_with("Saved"),
            "{}",
            h.state().status_text()
        );

        // The other window takes it back: Save now asks first.
        write_record_of(&theirs, other.pid());
        h.state_mut().command(Command::Ui(UiCommand::Save));
        h.run_steps(3);
        let _ = h.get_by_label_contains("theirs.json is open in another Bridgework window");
        h.get_by_label("Replace").click();
        h.run_steps(3);
        assert!(h.state().doc.holds_lock(), "saving took it back");

        // A new map lets the file go.
        h.state_mut().command(Command::Ui(UiCommand::New));
        h.run_steps(3);
        assert!(!crate::io::lock::record_path(&theirs).exists());
    }

    #[test]
    fn opening_a_free_map_takes_its_lock_and_another_map_lets_it_go() {
        let dir = tempfile::tempdir().unwrap();
        let one = dir.path().join("one.json");
        let two = dir.path().join("two.json");
        crate::io::save(&net("a", "Ada"), &one, &Default::default()).unwrap();
        crate::io::save(&net("b", "Bea"), &two, &Default::default()).unwrap();
        let app = BridgeworkApp::starting_with(Some(one.clone()), Preferences::default(), None);
        let mut h = harness(app);
        wait(&mut h);
        assert_eq!(h.state().doc.path(), Some(one.as_path()));
        assert!(h.state().doc.holds_lock());
        assert!(crate::io::lock::record_path(&one).exists());
        open(&mut h, &two);
        assert!(h.state().doc.holds_lock());
        assert!(!crate::io::lock::record_path(&one).exists());
        // Save as moves it.
        let three = dir.path().join("three.json");
        assert!(h.state_mut().save_to_now(&three, false));
        h.run_steps(1);
        assert_eq!(h.state().doc.path(), Some(three.as_path()));
        assert!(crate::io::lock::record_path(&three).exists());
        assert!(!crate::io::lock::record_path(&two).exists());
        drop(h);
        assert!(!crate::io::lock::record_path(&three).exists());
    }

    #[test]
    fn an_edit_while_asked_brings_the_unsaved_changes_question_back_first() {
        let (_dir, theirs, _other, mut h) = ada_and_theirs();
        open(&mut h, &theirs);
        assert!(h.state().lock_question().is_some());
        h.state_mut()
            .command(Command::Edit(Box::new(crate::edit::Edit::AddActor {
                position: None,
                actor: Actor::new("c", "Cy", "primary care"),
            })));
        h.run_steps(2);
        h.get_by_label("Open anyway").click();
        h.run_steps(3);
        let _ = h.get_by_label_contains("has changes that are not saved");
        assert_eq!(
            h.state().doc.network().actors().len(),
            2,
            "the edited map stays"
        );
        assert_eq!(h.state().doc.path(), None);
    }
}
