//! Atomic saves: write a temporary file in the target's folder, flush it to
//! disk, keep the previous version as `NAME.bak`, then rename the new file
//! over the old one. A crash or kill at any moment leaves either the old file
//! or the new one at the target path, never a torn mix.

use super::error::IoError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The backup path kept beside `path`: `map.json` → `map.json.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `bytes` to `path` atomically. If `keep_backup` and a file is
/// already there, it is first copied (itself atomically) to
/// [`backup_path`]. The new file keeps the old file's permissions; a new
/// file is readable by its owner only, as befits notes about named people.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), IoError> {
    let err = |source| IoError::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let existing = std::fs::metadata(path).ok().filter(|m| m.is_file());

    let mut tmp = tempfile::Builder::new()
        .prefix(".bridgework-save-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.flush().map_err(err)?;
    if let Some(meta) = &existing {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(err)?;
    }
    tmp.as_file().sync_all().map_err(err)?;

    if keep_backup && existing.is_some() {
        let backup = backup_path(path);
        let mut btmp = tempfile::Builder::new()
            .prefix(".bridgework-backup-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(err)?;
        let old = std::fs::read(path).map_err(err)?;
        btmp.write_all(&old).map_err(err)?;
        btmp.as_file().sync_all().map_err(err)?;
        btmp.persist(&backup).map_err(|e| err(e.error))?;
    }

    tmp.persist(path).map_err(|e| err(e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Flushes the folder entry so the rename itself survives a power cut.
/// Best effort: not every platform lets a folder be opened for this.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn save_replaces_and_keeps_a_backup_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        write_atomic(&path, b"one", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        assert!(!backup_path(&path).exists(), "no backup of nothing");
        write_atomic(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), b"one");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_failed_save_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("map.json");
        let e = write_atomic(&path, b"x", true).unwrap_err();
        assert!(e.to_string().contains("cannot save"), "{e}");
    }
}
