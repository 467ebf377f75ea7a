//! The open document: the network, where it lives on disk, and its
//! history. Every change goes through [`Document::apply`], which records the
//! inverse for undo.
//!
//! A document with a file holds that file's lock record (see
//! [`crate::io::lock`]) while it is open: the app takes it when it opens a
//! map (asking first when another window holds it), a save to another file
//! moves it there, and dropping the document (a new map, another map
//! opened, quitting) releases it.

use crate::edit::{Edit, History};
use crate::io::lock::{LockHeld, MapLock};
use crate::io::{ExportOptions, ImportOptions, IoError};
use crate::model::Network;
use std::path::{Path, PathBuf};

/// A map being edited.
pub struct Document {
    /// The map: changed only through [`Document::apply`], undo and redo.
    network: Network,
    /// The file it was opened from or last saved to (native JSON), if any.
    path: Option<PathBuf>,
    /// Undo/redo.
    history: History,
    /// Recovered after a crash and not yet saved: unsaved even with an
    /// empty history.
    recovered: bool,
    /// Distinguishes this document from every other opened in this run.
    serial: u64,
    /// The lock record on `path` while this window has it (none when
    /// another window holds it and the user did not take it over, or the
    /// folder cannot take a record).
    lock: Option<MapLock>,
}

static NEXT_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl Document {
    /// A document for `network`, not yet saved anywhere.
    pub fn new(network: Network, path: Option<PathBuf>) -> Self {
        Self {
            network,
            path,
            history: History::default(),
            recovered: false,
            serial: NEXT_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            lock: None,
        }
    }

    /// Takes the lock on the map's file, unless another Bridgework window
    /// that still runs holds it (then nothing changes). No file, a lock
    /// already held, or a folder that cannot take a record: `Ok`.
    pub fn acquire_lock(&mut self) -> Result<(), LockHeld> {
        if let Some(path) = &self.path
            && self.lock.as_ref().is_none_or(|l| l.map() != path)
        {
            self.lock = MapLock::acquire(path)?;
        }
        Ok(())
    }

    /// Takes the lock on the map's file whoever holds it ("Open anyway").
    pub fn take_over_lock(&mut self) {
        self.lock = None;
        if let Some(path) = &self.path {
            self.lock = MapLock::acquire_anyway(path);
        }
    }

    /// Whether this document holds its file's lock record now.
    pub fn holds_lock(&self) -> bool {
        self.lock.as_ref().is_some_and(MapLock::still_held)
    }

    /// Lets go of the lock (the record is removed if still ours).
    pub fn release_lock(&mut self) {
        self.lock = None;
    }

    /// The map.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// The file the map is saved to, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The undo history (read-only: edits go through [`Document::apply`]).
    pub fn history(&self) -> &History {
        &self.history
    }

    /// A map recovered after a crash from the file `source` (if it had
    /// one): unsaved until the user saves it.
    pub fn recovered(network: Network, source: Option<PathBuf>) -> Self {
        let mut doc = Self::new(network, source);
        doc.recovered = true;
        doc
    }

    /// Names the map's content: changes whenever the network may have
    /// changed (an edit, undo, redo, another document), and comes back when
    /// undo returns to a state. What is derived from the map (canvas
    /// caches, analysis results) is valid while this stays the same.
    pub fn content_key(&self) -> u64 {
        self.serial.rotate_left(40) ^ self.history.revision()
    }

    /// Reads a map in any supported format. A native JSON file keeps its
    /// path (Save writes back to it); an imported file does not.
    pub fn open(path: &Path) -> Result<(Self, Vec<String>), IoError> {
        let loaded = crate::io::load(path, &ImportOptions::default())?;
        let native = crate::io::Format::from_extension(path) == Some(crate::io::Format::Native);
        Ok((
            Self::new(loaded.network, native.then(|| path.to_owned())),
            loaded.warnings,
        ))
    }

    /// Applies an edit through the history (one undo step).
    pub fn apply(&mut self, edit: Edit) -> Result<(), crate::edit::EditError> {
        self.history.apply(&mut self.network, edit)
    }

    /// Applies an edit, merged into the previous undo step if that had the
    /// same `key` (typing in one field is one step).
    pub fn apply_coalescing(
        &mut self,
        edit: Edit,
        key: &str,
    ) -> Result<(), crate::edit::EditError> {
        self.history.apply_coalescing(&mut self.network, edit, key)
    }

    /// Undoes the last edit; its label, or `None` if there was none.
    pub fn undo(&mut self) -> Option<String> {
        self.history.undo(&mut self.network)
    }

    /// Redoes the last undone edit; its label, or `None`.
    pub fn redo(&mut self) -> Option<String> {
        self.history.redo(&mut self.network)
    }

    /// Saves to `path` as native JSON (atomically, keeping a backup).
    pub fn save_to(&mut self, path: &Path) -> Result<(), IoError> {
        self.save_replacing(path, false)
    }

    /// Saves to `path`; with `replace_unusual`, also over a read-only
    /// file, a named pipe or a socket (the user agreed).
    pub fn save_replacing(&mut self, path: &Path, replace_unusual: bool) -> Result<(), IoError> {
        crate::io::save(
            &self.network,
            path,
            &ExportOptions {
                keep_backup: true,
                replace_unusual,
                ..ExportOptions::default()
            },
        )?;
        // The lock follows the file (Save as), and is taken back from a
        // window that took it over meanwhile: the user was asked first.
        if !self
            .lock
            .as_ref()
            .is_some_and(|l| l.map() == path && l.still_held())
        {
            self.lock = None;
            self.lock = MapLock::acquire_anyway(path);
        }
        self.path = Some(path.to_owned());
        self.history.mark_saved();
        self.recovered = false;
        Ok(())
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.recovered || self.history.is_dirty()
    }

    /// The file name for the title bar.
    pub fn title(&self) -> String {
        match &self.path {
            Some(p) => p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            None if self.network.title.is_empty() => "Untitled map".to_owned(),
            None => self.network.title.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Actor;

    #[test]
    fn a_failed_save_keeps_the_map_its_file_and_its_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        let mut doc = Document::new(Network::default(), None);
        doc.save_to(&path).unwrap();
        let actor = Actor::new("a", "A", "primary care");
        doc.apply(Edit::AddActor {
            position: None,
            actor,
        })
        .unwrap();
        let elsewhere = dir.path().join("no-such-folder").join("map.json");
        let e = doc.save_to(&elsewhere).unwrap_err();
        assert!(e.to_string().contains("cannot save"), "{e}");
        assert_eq!(doc.path(), Some(path.as_path()));
        assert!(doc.is_dirty());
        assert_eq!(doc.network().actors().len(), 1);
        assert!(!std::fs::read_to_string(&path).unwrap().contains("\"a\""));
    }
}
