//! Two windows on one file, as two processes: a child process (this test
//! binary, running `lock_holder_child`) takes the lock on a map; this
//! process is then refused it, naming the child, and gets it silently once
//! the child is gone.

use bridgework::io::lock::MapLock;
use std::path::Path;
use std::time::{Duration, Instant};

const HOLD: &str = "BRIDGEWORK_TEST_HOLD_LOCK";

/// Run by `a_lock_held_by_another_process_is_refused_until_it_ends` as its
/// child: holds the lock on the file named in `BRIDGEWORK_TEST_HOLD_LOCK`
/// until killed. Does nothing when run on its own.
#[test]
#[ignore = "run as a child process by the lock test"]
fn lock_holder_child() {
    let Some(path) = std::env::var_os(HOLD) else {
        return;
    };
    let _lock = MapLock::acquire(Path::new(&path)).unwrap().unwrap();
    std::thread::sleep(Duration::from_secs(60));
}

/// Kills the child when the test ends, however it ends.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_lock_held_by_another_process_is_refused_until_it_ends() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("care.json");
    std::fs::write(&map, "{}").unwrap();
    let mut child = Child(
        std::process::Command::new(std::env::current_exe().unwrap())
            .args(["lock::lock_holder_child", "--exact", "--ignored"])
            .env(HOLD, &map)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let pid = child.0.id();
    let started = Instant::now();
    while MapLock::holder(&map).is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the child never took the lock"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let held = MapLock::acquire(&map).unwrap_err();
    assert_eq!(held.pid, pid);
    let text = held.to_string();
    assert!(
        text.starts_with("care.json is open in another Bridgework window (")
            && text.contains(&format!("pid {pid} on ")),
        "{text}"
    );
    // Killed: its record stays, stale, and is replaced without a word.
    child.0.kill().unwrap();
    child.0.wait().unwrap();
    assert!(bridgework::io::lock::record_path(&map).exists());
    assert_eq!(MapLock::holder(&map), None);
    let lock = MapLock::acquire(&map).unwrap().unwrap();
    assert!(lock.still_held());
    drop(lock);
    assert!(!bridgework::io::lock::record_path(&map).exists());
}
