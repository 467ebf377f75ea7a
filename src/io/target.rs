//! What is at a path a save is about to write, and what the save would do
//! to it: a regular file is replaced (atomically, see [`super::atomic`]);
//! a symbolic link is written through (the file it points to gets the new
//! map and the link stays, as text editors do); a read-only file, a named
//! pipe or a socket is replaced only when the user agrees; a device or a
//! folder never. Saves, exports (pictures, measures, the report, a
//! pseudonymised copy's key) and the CLI's `convert`, `render` and
//! `report` all check their targets here ([`check_targets`],
//! [`write_file`]).

use super::{ExportOptions, IoError};
use std::path::{Path, PathBuf};

/// What kind of thing a save target is (after following links).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    /// Nothing there yet: the save creates a file.
    Missing,
    /// A regular file the user may write.
    Regular,
    /// A regular file marked read-only.
    ReadOnly,
    /// A named pipe (FIFO).
    Fifo,
    /// A socket.
    Socket,
    /// A character or block device (`/dev/null`, a disk).
    Device,
    /// A folder.
    Folder,
}

/// A save target as it is on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveTarget {
    /// The path the user named.
    pub path: PathBuf,
    /// Where the save writes, when `path` is a symbolic link.
    pub link_to: Option<PathBuf>,
    /// What is there (at the link's end).
    pub kind: TargetKind,
}

impl SaveTarget {
    /// Looks at `path` (following links) without changing anything.
    pub fn inspect(path: &Path) -> SaveTarget {
        let resolved = super::atomic::resolve_target(path);
        let link_to = (resolved != path).then(|| resolved.clone());
        let kind = match std::fs::metadata(&resolved) {
            Err(_) => TargetKind::Missing,
            Ok(m) => {
                let t = m.file_type();
                if t.is_dir() {
                    TargetKind::Folder
                } else if t.is_file() && m.permissions().readonly() {
                    TargetKind::ReadOnly
                } else if t.is_file() {
                    TargetKind::Regular
                } else {
                    special_kind(&t)
                }
            }
        };
        SaveTarget {
            path: path.to_owned(),
            link_to,
            kind,
        }
    }

    fn shown(&self) -> String {
        match &self.link_to {
            Some(to) => format!("{} (a link to {})", self.path.display(), to.display()),
            None => self.path.display().to_string(),
        }
    }

    /// Why a save there is refused whatever the user says (a device, a
    /// folder), if it is.
    pub fn refusal(&self) -> Option<String> {
        match self.kind {
            TargetKind::Device => Some(format!(
                "{} is a device, not a file; Bridgework does not save to devices: choose a file name",
                self.shown()
            )),
            TargetKind::Folder => Some(format!(
                "{} is a folder; choose a file name inside it",
                self.shown()
            )),
            _ => None,
        }
    }

    /// What the save would do that the user should agree to first, if
    /// anything: replace a read-only file, a named pipe or a socket.
    pub fn question(&self) -> Option<String> {
        let what = match self.kind {
            TargetKind::ReadOnly => {
                return Some(format!(
                    "{} is read-only; saving replaces it with the new file (still read-only)",
                    self.shown()
                ));
            }
            TargetKind::Fifo => "a named pipe (FIFO)",
            TargetKind::Socket => "a socket",
            _ => return None,
        };
        Some(format!(
            "{} is {what}, not a file; saving removes it and puts a regular file in its place",
            self.shown()
        ))
    }

    /// A note for a save that goes through a link: where the map goes.
    pub fn note(&self) -> Option<String> {
        self.link_to.as_ref().map(|to| {
            format!(
                "{} is a link; the map is saved to {}, the file it points to, and the link is kept",
                self.path.display(),
                to.display()
            )
        })
    }
}

/// Checks every path in `targets` before anything is written: a device
/// or a folder is refused; a read-only file, a named pipe or a socket
/// unless `replace_unusual` (the user agreed). The first refused target
/// is named in the error.
pub fn check_targets(targets: &[PathBuf], replace_unusual: bool) -> Result<(), IoError> {
    for target in targets.iter().map(|t| SaveTarget::inspect(t)) {
        let refused = target
            .refusal()
            .or_else(|| target.question().filter(|_| !replace_unusual));
        if let Some(message) = refused {
            return Err(IoError::TargetRefused {
                path: target.path,
                message,
            });
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` as every export does: the target checked first
/// ([`check_targets`] with `options.replace_unusual`), then written
/// atomically ([`super::write_atomic`], a `.bak` kept when
/// `options.keep_backup`), a link written through.
pub fn write_file(path: &Path, bytes: &[u8], options: &ExportOptions) -> Result<(), IoError> {
    check_targets(&[path.to_owned()], options.replace_unusual)?;
    super::write_atomic(path, bytes, options.keep_backup)
}

#[cfg(unix)]
fn special_kind(t: &std::fs::FileType) -> TargetKind {
    use std::os::unix::fs::FileTypeExt;
    if t.is_fifo() {
        TargetKind::Fifo
    } else if t.is_socket() {
        TargetKind::Socket
    } else {
        TargetKind::Device
    }
}

#[cfg(not(unix))]
fn special_kind(_t: &std::fs::FileType) -> TargetKind {
    TargetKind::Device
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_and_missing_files_raise_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("m.json");
        let t = SaveTarget::inspect(&p);
        assert_eq!(t.kind, TargetKind::Missing);
        std::fs::write(&p, "x").unwrap();
        let t = SaveTarget::inspect(&p);
        assert_eq!(t.kind, TargetKind::Regular);
        assert_eq!((t.refusal(), t.question(), t.note()), (None, None, None));
        let t = SaveTarget::inspect(dir.path());
        assert!(t.refusal().unwrap().contains("is a folder"));
    }

    #[cfg(unix)]
    #[test]
    fn links_pipes_devices_and_read_only_files_are_named() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        std::fs::write(&real, "x").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        let t = SaveTarget::inspect(&link);
        assert_eq!(t.kind, TargetKind::Regular);
        assert_eq!(t.link_to.as_deref(), Some(real.as_path()));
        assert!(t.note().unwrap().contains("the link is kept"));
        assert_eq!(t.question(), None);

        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o444)).unwrap();
        let t = SaveTarget::inspect(&link);
        assert_eq!(t.kind, TargetKind::ReadOnly);
        assert!(t.question().unwrap().contains("read-only"));

        let t = SaveTarget::inspect(Path::new("/dev/null"));
        assert_eq!(t.kind, TargetKind::Device);
        assert!(t.refusal().unwrap().contains("device"));

        let fifo = dir.path().join("pipe.json");
        if std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
        {
            let t = SaveTarget::inspect(&fifo);
            assert_eq!(t.kind, TargetKind::Fifo);
            assert!(t.question().unwrap().contains("named pipe"));
        }
    }

    #[cfg(unix)]
    #[test]
    fn write_file_checks_the_target_first_and_writes_atomically() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("report.html");
        let plain = ExportOptions::default();
        let force = ExportOptions {
            replace_unusual: true,
            ..ExportOptions::default()
        };
        write_file(&path, b"one", &plain).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let e = write_file(&path, b"two", &plain).unwrap_err();
        assert!(e.to_string().contains("is read-only"), "{e}");
        assert!(e.to_string().ends_with("nothing was saved"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_file(&path, b"two", &force).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let e = write_file(Path::new("/dev/null"), b"x", &force).unwrap_err();
        assert!(e.to_string().contains("is a device"), "{e}");
        let e = write_file(dir.path(), b"x", &force).unwrap_err();
        assert!(e.to_string().contains("is a folder"), "{e}");
        // Every target is checked before any is written.
        let free = dir.path().join("free.csv");
        let e = check_targets(&[free.clone(), path.clone()], false).unwrap_err();
        assert!(e.to_string().contains("report.html"), "{e}");
        assert!(!free.exists());
    }
}
