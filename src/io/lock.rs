//! Two windows on one file: while a map is open, a small lock record
//! beside it says which Bridgework window has it, so a second window that
//! opens the same file can warn before both save over each other.
//!
//! The record for `folder/NAME` is `folder/.NAME.bridgework-lock` (a link
//! is followed first, so two names for one file share one record). For a
//! CSV pair it is the record of the file the pair is opened by (the edges
//! file), one record for the pair. It is a small JSON object: the process
//! id, host name, user, when it was taken (seconds since 1970), the boot it
//! was taken in (Linux) and a random token, written atomically (see
//! [`super::atomic`]).
//!
//! A record counts as *held by another window* when it is
//! * from another host (a shared network folder: that host cannot be
//!   asked, so the record counts as live), or
//! * from this host, another process, the same boot, and that process is
//!   running (`/proc/PID` exists on Linux; elsewhere, where that cannot be
//!   told, a record younger than [`STALE_AFTER`]).
//!
//! Anything else is stale and is replaced without a word: a dead process,
//! an earlier boot, a record that cannot be read or makes no sense. A
//! record of this very process is no conflict (the same window opening its
//! own file again).
//!
//! The lock is advice, not enforcement: a folder where the record cannot
//! be written (read-only, full, no permission) is no error, the map just
//! opens without one. [`MapLock`] removes its record when dropped, and
//! only while the record is still its own (another window may have taken
//! it over with "Open anyway").
//!
//! Commands that only read a map (`validate`, `convert`'s input, `analyse`,
//! `render`, `report`) take no lock. Depends on nothing outside `io`.

use super::atomic::{Staged, folder_of, resolve_target};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Where it cannot be told whether a process is running (not Linux), a
/// record from this host younger than this counts as live.
pub const STALE_AFTER: Duration = Duration::from_secs(12 * 60 * 60);

/// What a lock record holds.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct LockRecord {
    /// The process that has the map open.
    pid: u32,
    /// Its host's name.
    host: String,
    /// The user it runs as (may be empty).
    user: String,
    /// When it took the lock: seconds since 1970 (UTC).
    since: u64,
    /// The boot it was taken in (Linux's boot id), if known.
    #[serde(default)]
    boot: Option<String>,
    /// Random: tells this lock from an earlier one of the same process.
    token: u64,
}

impl LockRecord {
    /// A record for this process, now.
    fn ours() -> LockRecord {
        LockRecord {
            pid: std::process::id(),
            host: host_name(),
            user: user_name(),
            since: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            boot: boot_id(),
            token: rand::random(),
        }
    }

    /// Whether the window that wrote it is another one that still runs.
    fn held_by_another(&self) -> bool {
        if self.host != host_name() {
            return true;
        }
        if self.pid == std::process::id() {
            return false;
        }
        if let (Some(theirs), Some(ours)) = (&self.boot, boot_id())
            && *theirs != ours
        {
            return false;
        }
        let proc = Path::new("/proc");
        if proc.join("self").exists() {
            return proc.join(self.pid.to_string()).exists();
        }
        self.age() < STALE_AFTER
    }

    /// How long ago it was taken (zero if in the future).
    fn age(&self) -> Duration {
        let since = UNIX_EPOCH + Duration::from_secs(self.since);
        SystemTime::now()
            .duration_since(since)
            .unwrap_or(Duration::ZERO)
    }

    fn held(&self, map: &Path) -> LockHeld {
        LockHeld {
            map: map.to_owned(),
            pid: self.pid,
            host: self.host.clone(),
            user: self.user.clone(),
            age: self.age(),
        }
    }
}

/// A map is open in another Bridgework window.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{} is open in another Bridgework window ({}). If both save, one will overwrite the other's changes",
    file_name(map),
    self.who()
)]
pub struct LockHeld {
    /// The map.
    pub map: PathBuf,
    /// That window's process id.
    pub pid: u32,
    /// Its host.
    pub host: String,
    /// The user it runs as (may be empty).
    pub user: String,
    /// How long it has had the map open.
    pub age: Duration,
}

impl LockHeld {
    /// Who has it: "ada, pid 1234 on laptop, opened 12 minutes ago".
    pub fn who(&self) -> String {
        let user = if self.user.is_empty() {
            String::new()
        } else {
            format!("{}, ", self.user)
        };
        format!(
            "{user}pid {} on {}, opened {}",
            self.pid,
            self.host,
            ago(self.age)
        )
    }
}

/// "just now", "1 minute ago", "3 hours ago", "2 days ago".
fn ago(age: Duration) -> String {
    let minutes = age.as_secs() / 60;
    let (n, unit) = match minutes {
        0 => return "just now".to_owned(),
        1..60 => (minutes, "minute"),
        60..2880 => (minutes / 60, "hour"),
        _ => (minutes / 1440, "day"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// The lock record's path for the map at `map`: `.NAME.bridgework-lock`
/// beside the file (beside the file a link points to).
pub fn record_path(map: &Path) -> PathBuf {
    let target = resolve_target(map);
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".bridgework-lock");
    folder_of(&target).join(name)
}

/// Reads the record at `record`: `None` when there is none or it cannot be
/// read as one (both stale).
fn read_record(record: &Path) -> Option<LockRecord> {
    let meta = std::fs::symlink_metadata(record).ok()?;
    if !meta.is_file() || meta.len() > 64 * 1024 {
        return None;
    }
    let text = std::fs::read_to_string(record).ok()?;
    serde_json::from_str(&text).ok()
}

/// Writes `mine` at `record`: over what is there when `replace`, else only
/// if nothing is there (so two windows taking a free lock at once cannot
/// both win). `Err` when it could not be written.
fn write_record(record: &Path, mine: &LockRecord, replace: bool) -> std::io::Result<()> {
    let text = serde_json::to_string(mine).map_err(std::io::Error::other)?;
    let staged = Staged::write(record, record, text.as_bytes()).map_err(std::io::Error::other)?;
    if replace {
        staged.commit(record, false).map_err(std::io::Error::other)
    } else {
        staged.commit_if_absent()
    }
}

/// A map held open by this window: its record is removed when dropped.
#[derive(Debug)]
pub struct MapLock {
    map: PathBuf,
    record: PathBuf,
    mine: LockRecord,
}

impl MapLock {
    /// Takes the lock on `map`, unless another window that still runs
    /// holds it. `Ok(None)`: the record could not be written (a read-only
    /// folder, say); the map may still be opened, only without a lock.
    pub fn acquire(map: &Path) -> Result<Option<MapLock>, LockHeld> {
        Self::take(map, false)
    }

    /// Takes the lock on `map` whoever holds it ("Open anyway"); `None`
    /// when the record could not be written.
    pub fn acquire_anyway(map: &Path) -> Option<MapLock> {
        Self::take(map, true).ok().flatten()
    }

    /// Which other window holds `map`, if one does (nothing is written).
    pub fn holder(map: &Path) -> Option<LockHeld> {
        read_record(&record_path(map))
            .filter(LockRecord::held_by_another)
            .map(|r| r.held(map))
    }

    fn take(map: &Path, anyway: bool) -> Result<Option<MapLock>, LockHeld> {
        let record = record_path(map);
        let mine = LockRecord::ours();
        // A second try when a window took the free lock between our read
        // and our write.
        for _ in 0..2 {
            let there = std::fs::symlink_metadata(&record).is_ok();
            if let Some(theirs) = read_record(&record)
                && !anyway
                && theirs.held_by_another()
            {
                return Err(theirs.held(map));
            }
            match write_record(&record, &mine, there) {
                Ok(()) => {
                    return Ok(Some(MapLock {
                        map: map.to_owned(),
                        record,
                        mine,
                    }));
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(_) => return Ok(None),
            }
        }
        Ok(None)
    }

    /// The map it is on.
    pub fn map(&self) -> &Path {
        &self.map
    }

    /// Where its record is.
    pub fn record(&self) -> &Path {
        &self.record
    }

    /// Whether the record is still this lock's (not taken over by another
    /// window, not removed).
    pub fn still_held(&self) -> bool {
        read_record(&self.record).is_some_and(|r| r == self.mine)
    }
}

impl Drop for MapLock {
    fn drop(&mut self) {
        if self.still_held() {
            let _ = std::fs::remove_file(&self.record);
        }
    }
}

/// Test only: writes a record at `map` as process `pid` of this host
/// would (for the app's tests of a map open elsewhere).
#[cfg(test)]
pub(crate) fn write_record_of(map: &Path, pid: u32) {
    let r = LockRecord {
        pid,
        ..LockRecord::ours()
    };
    let _ = write_record(&record_path(map), &r, true);
}

/// This machine's name ("" if it has none the system will tell).
fn host_name() -> String {
    gethostname::gethostname().to_string_lossy().into_owned()
}

/// The user this process runs as, from the environment ("" if not set).
fn user_name() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()))
        .unwrap_or_default()
}

/// Linux's id of this boot, if the system gives one.
fn boot_id() -> Option<String> {
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .ok()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_in(dir: &Path) -> PathBuf {
        let map = dir.join("map.json");
        std::fs::write(&map, "{}").unwrap();
        map
    }

    /// A record as another process of this host would write it.
    fn foreign(pid: u32) -> LockRecord {
        LockRecord {
            pid,
            ..LockRecord::ours()
        }
    }

    fn put(map: &Path, r: &LockRecord) {
        std::fs::write(record_path(map), serde_json::to_string(r).unwrap()).unwrap();
    }

    #[test]
    fn the_record_sits_beside_the_map_hidden() {
        assert_eq!(
            record_path(Path::new("/maps/care.json")),
            Path::new("/maps/.care.json.bridgework-lock")
        );
        assert_eq!(
            record_path(Path::new("care.json")),
            Path::new("./.care.json.bridgework-lock")
        );
    }

    #[test]
    fn acquire_writes_a_record_and_drop_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let lock = MapLock::acquire(&map).unwrap().unwrap();
        let r = read_record(lock.record()).unwrap();
        assert_eq!(r.pid, std::process::id());
        assert_eq!(r.host, host_name());
        assert!(lock.still_held());
        // Our own process opening it again is no conflict.
        assert_eq!(MapLock::holder(&map), None);
        drop(lock);
        assert!(!record_path(&map).exists());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "only the map: no temp file left");
    }

    #[test]
    fn a_second_lock_of_this_process_takes_over_and_the_first_leaves_it() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let first = MapLock::acquire(&map).unwrap().unwrap();
        let second = MapLock::acquire(&map).unwrap().unwrap();
        assert!(!first.still_held());
        drop(first);
        assert!(
            second.still_held(),
            "the first's drop left the second's record"
        );
        drop(second);
        assert!(!record_path(&map).exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_live_process_of_this_host_holds_it_and_a_dead_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .unwrap();
        put(&map, &foreign(child.id()));
        let held = MapLock::acquire(&map).unwrap_err();
        assert_eq!(held.pid, child.id());
        assert_eq!(MapLock::holder(&map).map(|h| h.pid), Some(child.id()));
        let text = held.to_string();
        assert!(
            text.starts_with("map.json is open in another Bridgework window ("),
            "{text}"
        );
        assert!(
            text.contains(&format!("pid {} on {}", child.id(), host_name())),
            "{text}"
        );
        assert!(
            text.contains("one will overwrite the other's changes"),
            "{text}"
        );
        child.kill().unwrap();
        child.wait().unwrap();
        let lock = MapLock::acquire(&map).unwrap().unwrap();
        assert_eq!(read_record(lock.record()).unwrap().pid, std::process::id());
    }

    #[test]
    fn another_host_counts_as_live_and_anyway_takes_it_over() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        let theirs = LockRecord {
            host: format!("{}-elsewhere", host_name()),
            since: 0,
            ..foreign(1)
        };
        put(&map, &theirs);
        let held = MapLock::acquire(&map).unwrap_err();
        assert!(held.to_string().contains("-elsewhere"), "{held}");
        let lock = MapLock::acquire_anyway(&map).unwrap();
        assert!(lock.still_held());
        assert_eq!(MapLock::holder(&map), None);
        // Taken back by the other window: our drop leaves its record.
        put(&map, &theirs);
        drop(lock);
        assert_eq!(read_record(&record_path(&map)), Some(theirs));
    }

    #[test]
    fn an_earlier_boot_or_garbage_is_stale_and_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        for text in [
            String::new(),
            "not json at all".to_owned(),
            "{\"pid\": \"twelve\"}".to_owned(),
            serde_json::to_string(&LockRecord {
                boot: Some("an-earlier-boot".to_owned()),
                ..foreign(1)
            })
            .unwrap(),
        ] {
            std::fs::write(record_path(&map), &text).unwrap();
            assert_eq!(MapLock::holder(&map), None, "{text}");
            let lock = MapLock::acquire(&map).unwrap().unwrap();
            assert!(lock.still_held(), "{text}");
        }
    }

    #[test]
    fn a_record_that_cannot_be_written_is_no_error() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        // A folder where the record would go: it cannot be replaced.
        std::fs::create_dir(record_path(&map)).unwrap();
        assert!(MapLock::acquire(&map).unwrap().is_none());
        assert!(MapLock::acquire_anyway(&map).is_none());
        assert!(record_path(&map).is_dir());
        // A folder that does not exist.
        let nowhere = dir.path().join("gone").join("map.json");
        assert!(MapLock::acquire(&nowhere).unwrap().is_none());
    }

    /// A read-only file system (a tmpfs remounted read-only, where
    /// mounting is allowed): the map opens without a lock.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_read_only_folder_gives_no_lock_and_no_error() {
        let Some(fs) = crate::io::atomic::Tmpfs::mount() else {
            return;
        };
        let map = map_in(fs.path());
        if !fs.remount_read_only() {
            return;
        }
        assert_eq!(MapLock::acquire(&map).map(|l| l.is_some()), Ok(false));
    }

    #[test]
    fn a_link_shares_the_record_of_the_file_it_points_to() {
        let dir = tempfile::tempdir().unwrap();
        let map = map_in(dir.path());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.json");
            std::os::unix::fs::symlink("map.json", &link).unwrap();
            assert_eq!(record_path(&link), record_path(&map));
        }
    }

    #[test]
    fn ages_read_as_words() {
        let m = |n: u64| Duration::from_secs(n * 60);
        assert_eq!(ago(m(0)), "just now");
        assert_eq!(ago(m(1)), "1 minute ago");
        assert_eq!(ago(m(59)), "59 minutes ago");
        assert_eq!(ago(m(60)), "1 hour ago");
        assert_eq!(ago(m(47 * 60)), "47 hours ago");
        assert_eq!(ago(m(3 * 1440)), "3 days ago");
    }
}
