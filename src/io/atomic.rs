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
/// [`backup_path`].
///
/// Permissions: a file saved over an existing one keeps that file's
/// permissions, and so does its `.bak` copy. A new file gets the usual
/// permissions, as a text editor would give it: on Unix it is created with
/// mode `0o666`, which the operating system narrows by the process umask
/// (typically to `0o644`, `-rw-r--r--`) or by the folder's default ACL, so
/// a colleague can open a map saved on a shared drive when the folder lets
/// them. (The temporary file is created directly with that mode, so the
/// umask is never read and no unsafe code is needed.) Elsewhere new files
/// get the platform's defaults.
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

    let mut builder = tempfile::Builder::new();
    builder.prefix(".bridgework-save-").suffix(".tmp");
    if existing.is_none() {
        new_file_permissions(&mut builder);
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.flush().map_err(err)?;
    if let Some(meta) = &existing {
        tmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(err)?;
    }
    tmp.as_file().sync_all().map_err(err)?;

    if let (true, Some(meta)) = (keep_backup, &existing) {
        let backup = backup_path(path);
        let mut btmp = tempfile::Builder::new()
            .prefix(".bridgework-backup-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(err)?;
        let old = std::fs::read(path).map_err(err)?;
        btmp.write_all(&old).map_err(err)?;
        btmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(err)?;
        btmp.as_file().sync_all().map_err(err)?;
        btmp.persist(&backup).map_err(|e| err(e.error))?;
    }

    tmp.persist(path).map_err(|e| err(e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// Asks for the mode a new file normally gets: `0o666` less the umask (the
/// kernel applies the umask when the file is created).
#[cfg(unix)]
fn new_file_permissions(builder: &mut tempfile::Builder<'_, '_>) {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(std::fs::Permissions::from_mode(0o666));
}

/// Leaves the platform's default permissions for a new file.
#[cfg(not(unix))]
fn new_file_permissions(_builder: &mut tempfile::Builder<'_, '_>) {}

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

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
    }

    /// The umask as the kernel reports it, where it does (Linux 4.7+).
    #[cfg(unix)]
    fn umask_from_proc() -> Option<u32> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let line = status.lines().find(|l| l.starts_with("Umask:"))?;
        u32::from_str_radix(line.trim_start_matches("Umask:").trim(), 8).ok()
    }

    #[cfg(unix)]
    #[test]
    fn a_new_file_gets_the_usual_permissions_not_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let probe = dir.path().join("probe.txt");
        std::fs::File::create(&probe).unwrap();
        let usual = mode(&probe);
        let path = dir.path().join("map.json");
        write_atomic(&path, b"one", true).unwrap();
        assert_eq!(mode(&path), usual, "{:o} vs {usual:o}", mode(&path));
        if let Some(umask) = umask_from_proc() {
            assert_eq!(mode(&path), 0o666 & !umask, "umask {umask:o}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_saved_over_file_and_its_backup_keep_the_old_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        std::fs::write(&path, b"one").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"two", true).unwrap();
        assert_eq!(mode(&path), 0o640);
        assert_eq!(mode(&backup_path(&path)), 0o640);
        // A backup already there takes the mode of the file it now copies.
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
        write_atomic(&path, b"three", true).unwrap();
        assert_eq!(mode(&path), 0o604);
        assert_eq!(mode(&backup_path(&path)), 0o604);
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), b"two");
    }

    #[test]
    fn a_failed_save_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing-folder").join("map.json");
        let e = write_atomic(&path, b"x", true).unwrap_err();
        assert!(e.to_string().contains("cannot save"), "{e}");
    }
}
