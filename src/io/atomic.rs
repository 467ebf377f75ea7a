//! Atomic saves: write a temporary file in the target's folder, flush it to
//! disk, keep the previous version as `NAME.bak`, then rename the new file
//! over the old one. A crash or kill at any moment leaves either the old file
//! or the new one at the target path, never a torn mix.
//!
//! Temporary files are named `.bridgework-save-PID-XXXXXX.tmp` (and
//! `.bridgework-backup-PID-XXXXXX.tmp` for the `.bak` copy), PID being the
//! saving process. A save that is killed leaves its temporary file behind;
//! the next save into that folder removes the ones that are stale (see
//! [`clear_stale_temps`]), and only those: no other file is ever touched.
//!
//! A symbolic link as target is written through: the new map goes to the
//! file the link points to and the link stays, as text editors do.

use super::error::IoError;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How old a temporary file of ours must be before the next save removes
/// it when it cannot be told whether the process that wrote it is still
/// running (on Linux a file whose process is gone is removed at once).
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(10 * 60);

/// The backup path kept beside `path`: `map.json` → `map.json.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".bak");
    path.with_file_name(name)
}

/// The path a save to `path` writes: `path` itself, or where a symbolic
/// link there points (links followed to the end, at most 40 of them; a link
/// that points nowhere gives the path it names, so the save creates it).
pub fn resolve_target(path: &Path) -> PathBuf {
    let mut current = path.to_owned();
    for _ in 0..40 {
        let is_link = std::fs::symlink_metadata(&current)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false);
        if !is_link {
            return current;
        }
        match std::fs::read_link(&current) {
            Ok(to) => current = folder_of(&current).join(to),
            Err(_) => return current,
        }
    }
    current
}

/// The folder a file is in (`.` for a bare name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// A new file's bytes, complete and flushed to disk in a temporary file
/// beside its target, not yet in place. Dropping it removes the temporary
/// file.
pub(crate) struct Staged {
    tmp: tempfile::NamedTempFile,
    target: PathBuf,
    existing: Option<std::fs::Metadata>,
}

impl Staged {
    /// Writes `bytes` to a temporary file beside `target` (already resolved:
    /// see [`resolve_target`]) and syncs it; first clears stale temporary
    /// files of ours in that folder. Errors are reported on `shown` (the
    /// path the user named).
    pub(crate) fn write(target: &Path, shown: &Path, bytes: &[u8]) -> Result<Staged, IoError> {
        let err = |source| IoError::Write {
            path: shown.to_owned(),
            source,
        };
        let dir = folder_of(target);
        clear_stale_temps(&dir);
        let existing = std::fs::metadata(target).ok().filter(|m| m.is_file());
        let mut builder = tempfile::Builder::new();
        let prefix = temp_prefix("save");
        builder.prefix(&prefix).suffix(".tmp");
        if existing.is_none() {
            new_file_permissions(&mut builder);
        }
        let mut tmp = builder.tempfile_in(&dir).map_err(err)?;
        write_all(tmp.as_file_mut(), bytes).map_err(err)?;
        tmp.flush().map_err(err)?;
        if let Some(meta) = &existing {
            tmp.as_file()
                .set_permissions(meta.permissions())
                .map_err(err)?;
        }
        tmp.as_file().sync_all().map_err(err)?;
        Ok(Staged {
            tmp,
            target: target.to_owned(),
            existing,
        })
    }

    /// The temporary file's path.
    pub(crate) fn temp_path(&self) -> &Path {
        self.tmp.path()
    }

    /// The file it will replace.
    pub(crate) fn target(&self) -> &Path {
        &self.target
    }

    /// Copies the file it will replace, if any, to [`backup_path`]
    /// (atomically, with the same permissions).
    pub(crate) fn backup(&self, shown: &Path) -> Result<(), IoError> {
        let err = |source| IoError::Write {
            path: shown.to_owned(),
            source,
        };
        let Some(meta) = &self.existing else {
            return Ok(());
        };
        let dir = folder_of(&self.target);
        let prefix = temp_prefix("backup");
        let mut btmp = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(err)?;
        let old = std::fs::read(&self.target).map_err(err)?;
        write_all(btmp.as_file_mut(), &old).map_err(err)?;
        btmp.as_file()
            .set_permissions(meta.permissions())
            .map_err(err)?;
        btmp.as_file().sync_all().map_err(err)?;
        btmp.persist(backup_path(&self.target))
            .map_err(|e| err(e.error))?;
        Ok(())
    }

    /// Test only: leaves the temporary file where it is, as a killed
    /// process would.
    #[cfg(test)]
    pub(crate) fn leave(self) {
        let _ = self.tmp.keep();
    }

    /// Puts the new file at its target only if nothing is there (a link
    /// made then the temporary name removed, so two processes cannot both
    /// succeed); `AlreadyExists` if something is.
    pub(crate) fn commit_if_absent(self) -> std::io::Result<()> {
        let dir = folder_of(&self.target);
        self.tmp
            .persist_noclobber(&self.target)
            .map_err(|e| e.error)?;
        sync_dir(&dir);
        Ok(())
    }

    /// Renames the new file over its target. On failure the temporary file
    /// is kept when `keep_on_error` (a pair's record still names it).
    pub(crate) fn commit(self, shown: &Path, keep_on_error: bool) -> Result<(), IoError> {
        let dir = folder_of(&self.target);
        match self.tmp.persist(&self.target) {
            Ok(_) => {
                sync_dir(&dir);
                Ok(())
            }
            Err(e) => {
                if keep_on_error {
                    let _ = e.file.keep();
                }
                Err(IoError::Write {
                    path: shown.to_owned(),
                    source: e.error,
                })
            }
        }
    }
}

/// Writes `bytes` to `path` atomically. If `keep_backup` and a file is
/// already there, it is first copied (itself atomically) to
/// [`backup_path`]. A symbolic link at `path` is written through (see the
/// module docs).
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
    let target = resolve_target(path);
    let staged = Staged::write(&target, path, bytes)?;
    if keep_backup {
        staged.backup(path)?;
    }
    staged.commit(path, false)
}

/// `.bridgework-KIND-PID-`: the start of our temporary files' names.
fn temp_prefix(kind: &str) -> String {
    format!(".bridgework-{kind}-{}-", std::process::id())
}

/// If `name` is one of our temporary files, the process id it carries
/// (`Some(None)` for the older names without one): exactly
/// `.bridgework-save-` or `.bridgework-backup-`, optionally digits and `-`,
/// six ASCII letters or digits, `.tmp`.
pub(crate) fn our_temp_name(name: &str) -> Option<Option<u32>> {
    let rest = name.strip_prefix(".bridgework-")?;
    let rest = rest
        .strip_prefix("save-")
        .or_else(|| rest.strip_prefix("backup-"))?;
    let rest = rest.strip_suffix(".tmp")?;
    let random_ok = |r: &str| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric());
    match rest.split_once('-') {
        None if random_ok(rest) => Some(None),
        Some((pid, random))
            if !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()) && random_ok(random) =>
        {
            pid.parse().ok().map(Some)
        }
        _ => None,
    }
}

/// Whether process `pid` is known to have ended: only Linux can say (by
/// `/proc`); elsewhere `false`.
fn process_gone(pid: u32) -> bool {
    let proc = Path::new("/proc");
    pid != std::process::id() && proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

/// Removes the temporary files of ours in `dir` that a killed save left:
/// names exactly as [`our_temp_name`] reads them, regular files only, whose
/// process is gone (Linux) or that are older than [`STALE_TEMP_AGE`], and
/// not named by a CSV pair's record of an unfinished save. Best effort:
/// what cannot be removed stays. Returns how many were removed.
pub fn clear_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut names = Vec::new();
    for entry in entries.flatten() {
        if let Ok(name) = entry.file_name().into_string() {
            names.push(name);
        }
    }
    let pending = super::csv_pair::save::temps_named_by_records(dir, &names);
    let mut removed = 0;
    for name in &names {
        let Some(pid) = our_temp_name(name) else {
            continue;
        };
        if pending.iter().any(|p| p == name) {
            continue;
        }
        let path = dir.join(name);
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age > STALE_TEMP_AGE);
        if (pid.is_some_and(process_gone) || old) && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Writes all of `bytes`. In tests a simulated full disk can stop it (see
/// [`fail_writes_after`]).
fn write_all(file: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<()> {
    #[cfg(test)]
    {
        let allowed = FULL_AFTER.with(|c| c.get());
        if let Some(left) = allowed {
            let n = bytes.len().min(left);
            file.write_all(&bytes[..n])?;
            FULL_AFTER.with(|c| c.set(Some(left - n)));
            if n < bytes.len() {
                return Err(std::io::Error::from_raw_os_error(28));
            }
            return Ok(());
        }
    }
    file.write_all(bytes)
}

#[cfg(test)]
thread_local! {
    static FULL_AFTER: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
}

/// Test only: this thread's saves find the disk full after `bytes` more
/// bytes (`None`: never). The error is the system's "No space left on
/// device".
#[cfg(test)]
pub(crate) fn fail_writes_after(bytes: Option<usize>) {
    FULL_AFTER.with(|c| c.set(bytes));
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

/// Test only: a 64 kB tmpfs mounted on a temporary folder, where mounting
/// is allowed (root on Linux), for real full disks and read-only file
/// systems; unmounted when dropped, a failed test too.
#[cfg(all(test, target_os = "linux"))]
pub(crate) struct Tmpfs {
    dir: tempfile::TempDir,
}

#[cfg(all(test, target_os = "linux"))]
impl Tmpfs {
    /// Mounts it; `None`, with a note that the test is skipped, where
    /// mounting is not allowed.
    pub(crate) fn mount() -> Option<Tmpfs> {
        let fs = Tmpfs {
            dir: tempfile::tempdir().ok()?,
        };
        if fs.run("mount", &["-t", "tmpfs", "-o", "size=64k", "tmpfs"]) {
            Some(fs)
        } else {
            // Not mounted: its drop's umount fails, quietly.
            eprintln!("skipped: cannot mount a tmpfs here");
            None
        }
    }

    /// Its folder.
    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Makes it read-only; false, with a note that the test is skipped,
    /// where that is not allowed.
    pub(crate) fn remount_read_only(&self) -> bool {
        let done = self.run("mount", &["-o", "remount,ro"]);
        if !done {
            eprintln!("skipped: cannot remount read-only here");
        }
        done
    }

    fn run(&self, command: &str, args: &[&str]) -> bool {
        std::process::Command::new(command)
            .args(args)
            .arg(self.dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }
}

#[cfg(all(test, target_os = "linux"))]
impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = self.run("umount", &[]);
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

    #[test]
    fn our_temp_names_are_matched_exactly() {
        assert_eq!(
            our_temp_name(".bridgework-save-42-aB3dE9.tmp"),
            Some(Some(42))
        );
        assert_eq!(
            our_temp_name(".bridgework-backup-7-zzzzzz.tmp"),
            Some(Some(7))
        );
        assert_eq!(our_temp_name(".bridgework-save-aB3dE9.tmp"), Some(None));
        for not_ours in [
            "bridgework-save-42-aB3dE9.tmp",
            ".bridgework-save-42-aB3dE9.tmp.keep",
            ".bridgework-save-42-aB3dE.tmp",
            ".bridgework-save-42-aB3dE9x.tmp",
            ".bridgework-save--aB3dE9.tmp",
            ".bridgework-save-4x-aB3dE9.tmp",
            ".bridgework-other-42-aB3dE9.tmp",
            ".bridgework-save-42-aB-dE9.tmp",
            ".bridgework-save-42-aB3dE9.TMP",
            "notes.tmp",
        ] {
            assert_eq!(our_temp_name(not_ours), None, "{not_ours}");
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_next_save_clears_stale_temp_files_of_ours_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        // Above Linux's largest process id: a process that is gone.
        let gone = ".bridgework-save-4194305-aB3dE9.tmp";
        let gone_backup = ".bridgework-backup-4194305-zzzzzz.tmp";
        let old_unnamed = ".bridgework-save-oldold.tmp";
        let young_unnamed = ".bridgework-save-young1.tmp";
        let mine = format!(".bridgework-save-{}-live00.tmp", std::process::id());
        let others = [
            "bridgework-save-4194305-aB3dE9.tmp",
            ".bridgework-save-4194305-aB3dE9.tmp.keep",
            "notes.tmp",
            ".bridgework-save-4194305-abcdefg.tmp",
        ];
        for name in [gone, gone_backup, old_unnamed, young_unnamed, mine.as_str()]
            .into_iter()
            .chain(others)
        {
            std::fs::write(d.join(name), "private notes").unwrap();
        }
        std::fs::create_dir(d.join(".bridgework-save-4194305-folder.tmp")).unwrap();
        let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(d.join(old_unnamed))
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
        write_atomic(&d.join("map.json"), b"{}", true).unwrap();
        let mut left: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        let mut want: Vec<String> = others
            .iter()
            .map(|s| s.to_string())
            .chain([
                young_unnamed.to_owned(),
                mine.clone(),
                "map.json".to_owned(),
                ".bridgework-save-4194305-folder.tmp".to_owned(),
            ])
            .collect();
        want.sort();
        assert_eq!(left, want);
    }

    #[test]
    fn a_full_disk_leaves_the_old_file_and_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.json");
        write_atomic(&path, b"old map", true).unwrap();
        for allowed in [0, 3] {
            fail_writes_after(Some(allowed));
            let e = write_atomic(&path, b"a new and longer map", true).unwrap_err();
            fail_writes_after(None);
            let msg = e.to_string();
            assert!(msg.contains("No space left"), "{msg}");
            assert!(msg.contains("previous file is unchanged"), "{msg}");
            assert!(!msg.contains('\n'));
            assert_eq!(std::fs::read(&path).unwrap(), b"old map");
            let n = std::fs::read_dir(dir.path()).unwrap().count();
            assert_eq!(n, 1, "only map.json: no temp, no .bak of a failed save");
        }
    }

    /// A real full disk: a 64 kB tmpfs, where mounting is allowed (root on
    /// Linux); skipped, with a note, elsewhere.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_real_full_disk_leaves_the_old_file() {
        let Some(fs) = Tmpfs::mount() else {
            return;
        };
        let path = fs.path().join("map.json");
        write_atomic(&path, &[b'o'; 20_000], true).unwrap();
        let e = write_atomic(&path, &[b'n'; 60_000], true).unwrap_err();
        assert!(e.to_string().contains("No space left"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), vec![b'o'; 20_000]);
        assert_eq!(
            std::fs::read_dir(fs.path()).unwrap().count(),
            1,
            "map.json only: no temp file, no .bak of a failed save"
        );
    }

    /// A read-only file system (a 64 kB tmpfs remounted read-only, where
    /// mounting is allowed): the save says so in one line and changes
    /// nothing, for one file and for a CSV pair.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_read_only_folder_says_so_and_changes_nothing() {
        use crate::io::{ExportOptions, save};
        use crate::model::{Actor, Network};
        let Some(fs) = Tmpfs::mount() else {
            return;
        };
        let mut net = Network::default();
        net.add_actor(Actor::new("a", "A", "primary care")).unwrap();
        let json = fs.path().join("map.json");
        let edges = fs.path().join("map.csv");
        let opts = ExportOptions {
            keep_backup: true,
            ..ExportOptions::default()
        };
        save(&net, &json, &opts).unwrap();
        save(&net, &edges, &opts).unwrap();
        if !fs.remount_read_only() {
            return;
        }
        net.add_actor(Actor::new("b", "B", "primary care")).unwrap();
        let e = save(&net, &json, &opts).unwrap_err().to_string();
        assert!(e.contains("Read-only file system"), "{e}");
        assert!(
            e.contains("the previous file is unchanged") && !e.contains('\n'),
            "{e}"
        );
        let e = save(&net, &edges, &opts).unwrap_err().to_string();
        assert!(e.contains("both previous files are unchanged"), "{e}");
        let left = std::fs::read_dir(fs.path()).unwrap().count();
        assert_eq!(left, 3, "map.json, map.csv, map.nodes.csv");
        assert!(!std::fs::read_to_string(&json).unwrap().contains("\"b\""));
    }
}
