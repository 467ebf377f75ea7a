//! Saving a CSV pair as one save: both new files are written and synced to
//! temporary files first, then a small record of the replacement is put
//! beside the ties file, then both files are renamed into place, then the
//! record is removed.
//!
//! The record, `.NAME.bridgework-pair` beside the ties file `NAME`, is JSON:
//!
//! ```json
//! {"bridgework_csv_pair_save": 1,
//!  "files": [{"target": "map.csv", "temp": ".bridgework-save-4242-a1B2c3.tmp"},
//!            {"target": "map.nodes.csv", "temp": ".bridgework-save-4242-Z9y8x7.tmp"}]}
//! ```
//!
//! A target is a file name in the record's folder, or a full path; a temp
//! is a file name in its target's folder, always one of our temporary
//! names. The record is written only once both temporary files are
//! complete on disk, so an interrupted replacement can always be finished:
//! opening or validating the pair (see [`finish_unfinished_save`]) renames
//! whichever temporary file is still there over its target and removes the
//! record. Before the record exists nothing has been replaced: the old
//! pair is intact and the temporary files are cleared by a later save.

use crate::io::atomic::{Staged, folder_of, our_temp_name, resolve_target, write_atomic};
use crate::io::error::IoError;
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The record's name ends with this.
const RECORD_SUFFIX: &str = ".bridgework-pair";
/// The record is small; a larger file of that name is not ours.
const RECORD_MAX_BYTES: u64 = 64 * 1024;

#[derive(Serialize, Deserialize)]
struct Record {
    bridgework_csv_pair_save: u32,
    files: Vec<RecordFile>,
}

#[derive(Serialize, Deserialize)]
struct RecordFile {
    target: PathBuf,
    temp: String,
}

/// Where the record of an unfinished save of the pair whose ties file is
/// `edges` goes: `.NAME.bridgework-pair` beside the ties file (links
/// followed).
pub fn record_path(edges: &Path) -> PathBuf {
    let target = resolve_target(edges);
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(RECORD_SUFFIX);
    folder_of(&target).join(name)
}

/// Saves the ties file `edges` and the actors file `nodes` as one save (see
/// the module docs); with `keep_backup`, each previous file is kept as
/// `NAME.bak` first.
pub fn save_pair(
    edges: &Path,
    edges_bytes: &[u8],
    nodes: &Path,
    nodes_bytes: &[u8],
    keep_backup: bool,
) -> Result<(), IoError> {
    let unchanged = |e: IoError| match e {
        IoError::Write { source, .. } => IoError::PairWrite {
            edges: edges.to_owned(),
            nodes: nodes.to_owned(),
            source,
        },
        other => other,
    };
    let edges_target = resolve_target(edges);
    let nodes_target = resolve_target(nodes);
    let new_edges = Staged::write(&edges_target, edges, edges_bytes).map_err(unchanged)?;
    let new_nodes = Staged::write(&nodes_target, nodes, nodes_bytes).map_err(unchanged)?;
    if keep_backup {
        new_edges.backup(edges).map_err(unchanged)?;
        new_nodes.backup(nodes).map_err(unchanged)?;
    }
    let record = record_path(edges);
    let record_dir = folder_of(&record);
    let entry = |s: &Staged| RecordFile {
        target: relative_to(&record_dir, s.target()),
        temp: s
            .temp_path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let text = serde_json::to_string(&Record {
        bridgework_csv_pair_save: 1,
        files: vec![entry(&new_edges), entry(&new_nodes)],
    })
    .map_err(|e| unchanged(write_error(edges, e)))?;
    #[cfg(test)]
    if killed_at(Stop::BeforeRecord) {
        new_edges.leave();
        new_nodes.leave();
        return Ok(());
    }
    write_atomic(&record, text.as_bytes(), false).map_err(unchanged)?;
    #[cfg(test)]
    if killed_at(Stop::AfterRecord) {
        new_edges.leave();
        new_nodes.leave();
        return Ok(());
    }
    if let Err(e) = new_edges.commit(edges, false) {
        // Nothing is replaced yet: forget the record, drop the new files.
        let _ = std::fs::remove_file(&record);
        return Err(unchanged(e));
    }
    #[cfg(test)]
    if killed_at(Stop::AfterFirstRename) {
        new_nodes.leave();
        return Ok(());
    }
    if let Err(e) = new_nodes.commit(nodes, true) {
        let source = match e {
            IoError::Write { source, .. } => source,
            other => std::io::Error::other(other.to_string()),
        };
        return Err(IoError::PairHalfSaved {
            edges: edges.to_owned(),
            nodes: nodes.to_owned(),
            source,
        });
    }
    let _ = std::fs::remove_file(&record);
    if let Ok(d) = std::fs::File::open(&record_dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> IoError {
    IoError::Write {
        path: path.to_owned(),
        source: std::io::Error::other(e.to_string()),
    }
}

/// `target` as a name in `dir` when it is there, else as a full path.
fn relative_to(dir: &Path, target: &Path) -> PathBuf {
    let same = folder_of(target).canonicalize().ok() == dir.canonicalize().ok();
    match target.file_name() {
        Some(name) if same => PathBuf::from(name),
        _ => std::path::absolute(target).unwrap_or_else(|_| target.to_owned()),
    }
}

fn read_record(record: &Path) -> Result<Option<Record>, IoError> {
    let bad = |what: String| {
        IoError::invalid_file(
            record,
            format!(
                "{what}; this file records a CSV pair save that did not finish. Check that the ties and actors files match, then delete it"
            ),
        )
    };
    match std::fs::symlink_metadata(record) {
        Err(_) => return Ok(None),
        Ok(m) if !m.is_file() || m.len() > RECORD_MAX_BYTES => {
            return Err(bad("not a record Bridgework wrote".into()));
        }
        Ok(_) => {}
    }
    let mut text = String::new();
    std::fs::File::open(record)
        .and_then(|f| f.take(RECORD_MAX_BYTES).read_to_string(&mut text))
        .map_err(|e| IoError::Read {
            path: record.to_owned(),
            source: e,
        })?;
    let parsed: Record = serde_json::from_str(&text).map_err(|e| bad(e.to_string()))?;
    if parsed.bridgework_csv_pair_save != 1 {
        return Err(bad(format!(
            "record version {} is newer than this Bridgework",
            parsed.bridgework_csv_pair_save
        )));
    }
    Ok(Some(parsed))
}

/// Finishes a save of the pair whose ties file is `edges` that was
/// interrupted between its renames (a kill, a power cut, a full disk at the
/// wrong moment): every temporary file the record names that is still
/// there is renamed over its target, then the record is removed. Returns a
/// note for the user when there was something to finish.
pub fn finish_unfinished_save(edges: &Path) -> Result<Option<String>, IoError> {
    let record = record_path(edges);
    let Some(parsed) = read_record(&record)? else {
        return Ok(None);
    };
    let record_dir = folder_of(&record);
    let mut targets = Vec::new();
    for file in &parsed.files {
        let target = record_dir.join(&file.target);
        if our_temp_name(&file.temp).is_none() || file.temp.contains(['/', '\\']) {
            return Err(IoError::invalid_file(
                &record,
                format!(
                    "names {:?}, which is not a temporary file of Bridgework's; delete this record and check that the ties and actors files match",
                    file.temp
                ),
            ));
        }
        let temp = folder_of(&target).join(&file.temp);
        if std::fs::symlink_metadata(&temp).is_ok_and(|m| m.is_file()) {
            std::fs::rename(&temp, &target).map_err(|source| IoError::Write {
                path: target.clone(),
                source,
            })?;
            if let Ok(d) = std::fs::File::open(folder_of(&target)) {
                let _ = d.sync_all();
            }
        }
        targets.push(target.display().to_string());
    }
    std::fs::remove_file(&record).map_err(|source| IoError::Write {
        path: record.clone(),
        source,
    })?;
    Ok(Some(format!(
        "the last save of this CSV pair was interrupted; it has now been finished, so {} match",
        targets.join(" and ")
    )))
}

/// The temporary file names that records of unfinished pair saves in `dir`
/// (whose entries are `names`) still need; the stale-file sweep leaves
/// them.
pub fn temps_named_by_records(dir: &Path, names: &[String]) -> Vec<String> {
    names
        .iter()
        .filter(|n| n.starts_with('.') && n.ends_with(RECORD_SUFFIX))
        .filter_map(|n| read_record(&dir.join(n)).ok().flatten())
        .flat_map(|r| r.files.into_iter().map(|f| f.temp))
        .collect()
}

/// Test only: where a simulated kill stops a pair save.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// Both new files written, no record yet.
    BeforeRecord,
    /// The record written, nothing renamed.
    AfterRecord,
    /// The ties file renamed, the actors file not.
    AfterFirstRename,
}

#[cfg(test)]
thread_local! {
    static STOP: std::cell::Cell<Option<Stop>> = const { std::cell::Cell::new(None) };
}

/// Test only: this thread's next pair saves stop at `at`, as if killed.
#[cfg(test)]
pub(crate) fn kill_at(at: Option<Stop>) {
    STOP.with(|c| c.set(at));
}

#[cfg(test)]
fn killed_at(at: Stop) -> bool {
    STOP.with(|c| c.get()) == Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{ExportOptions, ImportOptions, load, save};
    use crate::model::{Actor, Network, Tie};

    fn map(n: usize) -> Network {
        let mut net = Network::default();
        for i in 0..n {
            net.add_actor(Actor::new(
                format!("a{i}"),
                format!("Actor {i}"),
                "primary care",
            ))
            .unwrap();
        }
        for i in 1..n {
            net.add_tie(Tie::new(
                format!("t{i}"),
                "a0",
                format!("a{i}"),
                "collaboration",
                false,
            ))
            .unwrap();
        }
        net
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        v.sort();
        v
    }

    fn opts() -> ExportOptions {
        ExportOptions {
            keep_backup: true,
            ..ExportOptions::default()
        }
    }

    fn actors_read(edges: &Path) -> (usize, usize, Vec<String>) {
        let l = load(edges, &ImportOptions::default()).unwrap();
        (l.network.actors().len(), l.network.ties().len(), l.warnings)
    }

    #[test]
    fn a_pair_save_leaves_both_files_their_backups_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let edges = dir.path().join("m.csv");
        save(&map(3), &edges, &opts()).unwrap();
        save(&map(5), &edges, &opts()).unwrap();
        assert_eq!(
            names(dir.path()),
            ["m.csv", "m.csv.bak", "m.nodes.csv", "m.nodes.csv.bak"]
        );
        assert_eq!(actors_read(&edges).0, 5);
    }

    #[test]
    fn a_kill_between_the_renames_is_finished_by_the_next_open() {
        for stop in [Stop::AfterRecord, Stop::AfterFirstRename] {
            let dir = tempfile::tempdir().unwrap();
            let edges = dir.path().join("m.csv");
            save(&map(3), &edges, &opts()).unwrap();
            kill_at(Some(stop));
            save(&map(6), &edges, &opts()).unwrap();
            kill_at(None);
            assert!(record_path(&edges).exists(), "{stop:?}");
            let (actors, ties, warnings) = actors_read(&edges);
            assert_eq!((actors, ties), (6, 5), "{stop:?}: the new pair, whole");
            assert!(warnings[0].contains("interrupted"), "{warnings:?}");
            assert_eq!(
                names(dir.path()),
                ["m.csv", "m.csv.bak", "m.nodes.csv", "m.nodes.csv.bak"],
                "{stop:?}"
            );
            // Opened again: nothing left to finish.
            assert!(
                !actors_read(&edges)
                    .2
                    .iter()
                    .any(|w| w.contains("interrupted"))
            );
        }
    }

    #[test]
    fn a_kill_before_the_record_leaves_the_old_pair() {
        let dir = tempfile::tempdir().unwrap();
        let edges = dir.path().join("m.csv");
        save(&map(3), &edges, &opts()).unwrap();
        kill_at(Some(Stop::BeforeRecord));
        save(&map(6), &edges, &opts()).unwrap();
        kill_at(None);
        assert!(!record_path(&edges).exists());
        let (actors, ties, warnings) = actors_read(&edges);
        assert_eq!((actors, ties), (3, 2));
        assert!(warnings.iter().all(|w| !w.contains("interrupted")));
    }

    #[test]
    fn a_full_disk_on_the_second_file_changes_neither() {
        let dir = tempfile::tempdir().unwrap();
        let edges = dir.path().join("m.csv");
        save(&map(3), &edges, &opts()).unwrap();
        let before = names(dir.path());
        let old_edges = std::fs::read(&edges).unwrap();
        let old_nodes = std::fs::read(dir.path().join("m.nodes.csv")).unwrap();
        let (_, new_edges) = crate::io::write_csv_pair(&map(50));
        crate::io::atomic::fail_writes_after(Some(new_edges.len() + 10));
        let e = save(&map(50), &edges, &opts()).unwrap_err();
        crate::io::atomic::fail_writes_after(None);
        let msg = e.to_string();
        assert!(msg.contains("both previous files are unchanged"), "{msg}");
        assert!(msg.contains("No space left"), "{msg}");
        assert!(!msg.contains('\n'));
        assert_eq!(std::fs::read(&edges).unwrap(), old_edges);
        assert_eq!(
            std::fs::read(dir.path().join("m.nodes.csv")).unwrap(),
            old_nodes
        );
        assert_eq!(names(dir.path()), before, "no temporary files left");
    }

    #[test]
    fn a_record_naming_someone_elses_file_is_refused_and_nothing_moves() {
        let dir = tempfile::tempdir().unwrap();
        let edges = dir.path().join("m.csv");
        save(&map(3), &edges, &opts()).unwrap();
        std::fs::write(dir.path().join("precious.txt"), "mine").unwrap();
        std::fs::write(
            record_path(&edges),
            r#"{"bridgework_csv_pair_save":1,"files":[{"target":"m.csv","temp":"precious.txt"}]}"#,
        )
        .unwrap();
        let e = load(&edges, &ImportOptions::default()).unwrap_err();
        assert!(e.to_string().contains("not a temporary file"), "{e}");
        assert_eq!(
            std::fs::read(dir.path().join("precious.txt")).unwrap(),
            b"mine"
        );
        assert_eq!(actors_read_raw(&edges), 2);
    }

    fn actors_read_raw(edges: &Path) -> usize {
        std::fs::read_to_string(edges).unwrap().lines().count() - 1
    }
}
