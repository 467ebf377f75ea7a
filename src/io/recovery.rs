//! Autosave's recovery file: the editor writes unsaved work once a minute
//! to its own folder (`recovery.json`, a native map), with a sidecar
//! (`recovery.source`, one line) naming the map's own file, so a
//! recovered map saves back where it came from.
//!
//! Both are written atomically ([`super::atomic`]): an autosave killed at
//! any moment leaves the previous recovery file whole (or the new one),
//! and the temporary file it leaves is cleared by the next write into the
//! folder. The sidecar is written first: a kill between the two can pair
//! the previous map with the new file name, which differs only if the map
//! was saved under another name within that minute.
//!
//! [`write_recovery`] takes the map by reference and does the whole job
//! (serialise, write, fsync, rename), so the editor runs it on a worker
//! thread with a copy of the map. Depends on `model` and `io` only.

use super::IoError;
use super::atomic::write_atomic;
use crate::model::Network;
use std::path::{Path, PathBuf};

/// The sidecar beside the recovery file that names the map's own file.
pub fn source_path(recovery: &Path) -> PathBuf {
    recovery.with_extension("source")
}

/// The map's own file, as the sidecar beside `recovery` names it.
pub fn read_source(recovery: &Path) -> Option<PathBuf> {
    let text = std::fs::read_to_string(source_path(recovery)).ok()?;
    let line = text.lines().next()?.trim();
    (!line.is_empty()).then(|| PathBuf::from(line))
}

/// Writes `network` to `recovery` and its own file (`source`, if it has
/// one) to the sidecar, each atomically; creates the folder if needed.
pub fn write_recovery(
    recovery: &Path,
    network: &Network,
    source: Option<&Path>,
) -> Result<(), IoError> {
    if let Some(dir) = recovery.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).map_err(|source| IoError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    let line = source
        .map(|p| format!("{}\n", p.display()))
        .unwrap_or_default();
    write_atomic(&source_path(recovery), line.as_bytes(), false)?;
    let text = super::native::to_string(network).map_err(|e| IoError::Write {
        path: recovery.to_path_buf(),
        source: std::io::Error::other(e),
    })?;
    write_atomic(recovery, text.as_bytes(), false)
}

/// Removes the recovery file and its sidecar (the work is saved, or thrown
/// away); missing files are fine.
pub fn clear_recovery(recovery: &Path) {
    let _ = std::fs::remove_file(recovery);
    let _ = std::fs::remove_file(source_path(recovery));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Actor, ActorId};

    #[test]
    fn a_recovery_file_reads_back_with_its_source() {
        let dir = tempfile::tempdir().unwrap();
        let recovery = dir.path().join("app").join("recovery.json");
        let mut net = Network::new();
        net.add_actor(Actor::new(ActorId::new("a"), "Ann", "primary care"))
            .unwrap();
        let own = dir.path().join("care map.json");
        write_recovery(&recovery, &net, Some(&own)).unwrap();
        let back = crate::io::load(&recovery, &Default::default()).unwrap();
        assert_eq!(back.network, net);
        assert_eq!(read_source(&recovery), Some(own));
        // No own file yet: the sidecar is empty, and says none.
        write_recovery(&recovery, &net, None).unwrap();
        assert_eq!(read_source(&recovery), None);
        clear_recovery(&recovery);
        assert!(!recovery.exists() && !source_path(&recovery).exists());
    }
}
