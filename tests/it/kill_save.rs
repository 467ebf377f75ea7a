//! Kill -9 during a save: `bridgework convert` saving a large map (one
//! JSON file, and a CSV pair) is killed at random moments, again and
//! again. After every kill the target is the complete old or the complete
//! new map, the `.bak` is one of the two as well, a CSV pair opens as one
//! matching pair (an interrupted pair save is finished on open), and after
//! the next save no temporary file of ours is left. The same for autosave:
//! a child process (this test binary, running `autosave_writer_child`)
//! writes the recovery file over and over, as the editor's autosave
//! thread does, and is killed at random moments.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_bridgework"));
    c.env_remove("RUST_BACKTRACE");
    c
}

fn run(args: &[&std::ffi::OsStr]) {
    let o = bin().args(args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn generate(seed: u64, out: &Path) {
    run(&[
        "generate".as_ref(),
        "--actors".as_ref(),
        "2000".as_ref(),
        "--seed".as_ref(),
        seed.to_string().as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
}

fn convert(input: &Path, out: &Path) {
    run(&["convert".as_ref(), input.as_os_str(), out.as_os_str()]);
}

fn ours_left(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".bridgework-") || n.ends_with(".bridgework-pair"))
        .collect()
}

#[test]
fn kill_9_during_saves_leaves_old_or_new_and_no_litter() {
    let src = tempfile::tempdir().unwrap();
    let (a, b) = (src.path().join("a.json"), src.path().join("b.json"));
    generate(1, &a);
    generate(2, &b);
    // What a finished save of each writes, for comparison.
    let refs = tempfile::tempdir().unwrap();
    let mut want: Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> = Vec::new();
    for input in [&a, &b] {
        let json = refs.path().join("r.json");
        let csv = refs.path().join("r.csv");
        let _ = std::fs::remove_file(&json);
        let _ = std::fs::remove_file(&csv);
        let _ = std::fs::remove_file(refs.path().join("r.nodes.csv"));
        convert(input, &json);
        convert(input, &csv);
        want.push((
            std::fs::read(&json).unwrap(),
            std::fs::read(&csv).unwrap(),
            std::fs::read(refs.path().join("r.nodes.csv")).unwrap(),
        ));
    }
    assert_ne!(want[0].0, want[1].0);

    let dir = tempfile::tempdir().unwrap();
    let json: PathBuf = dir.path().join("map.json");
    let csv: PathBuf = dir.path().join("map.csv");
    let nodes: PathBuf = dir.path().join("map.nodes.csv");
    convert(&a, &json);
    convert(&a, &csv);
    // How long one save takes, to kill within it.
    let t = Instant::now();
    convert(&b, &json);
    let span = t.elapsed().as_micros().max(1000) as u64;
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut kills = 0;
    let mut littered = 0;
    let mut round = 0;
    // Until 20 saves were killed mid-way and one of them left something to
    // clear (under load, early kills may all land before a temp file).
    while (kills < 20 || littered == 0) && round < 200 {
        round += 1;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let input = if round % 4 < 2 { &a } else { &b };
        let target = if round % 2 == 0 { &json } else { &csv };
        let mut child = bin()
            .args(["convert".as_ref(), input.as_os_str(), target.as_os_str()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(x % span));
        if child.try_wait().unwrap().is_none() {
            kills += 1;
        }
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        if !ours_left(dir.path()).is_empty() {
            littered += 1;
        }

        let a_whole_map = |bytes: &[u8]| want.iter().any(|w| w.0 == bytes);
        let now = std::fs::read(&json).unwrap();
        assert!(a_whole_map(&now), "round {round}: torn map.json");
        if let Ok(bak) = std::fs::read(dir.path().join("map.json.bak")) {
            assert!(a_whole_map(&bak), "round {round}: torn .bak");
        }
        // Opening the pair finishes an interrupted pair save; then the two
        // files are the same map's.
        let loaded = bridgework::io::load(&csv, &Default::default());
        assert!(loaded.is_ok(), "round {round}: {:?}", loaded.err());
        let (e, n) = (std::fs::read(&csv).unwrap(), std::fs::read(&nodes).unwrap());
        assert!(
            want.iter().any(|w| w.1 == e && w.2 == n),
            "round {round}: ties and actors files do not match"
        );
    }
    assert!(
        kills >= 20,
        "only {kills} of {round} saves were killed mid-way"
    );
    eprintln!("{kills} kills in {round} saves, {littered} left temporary files or a record");
    assert!(
        littered >= 1,
        "no kill left anything to clear: the sweep went untested"
    );
    // The next saves clear what the killed ones left.
    convert(&a, &json);
    convert(&a, &csv);
    assert_eq!(ours_left(dir.path()), Vec::<String>::new());
}

const AUTOSAVE_DIR: &str = "BRIDGEWORK_TEST_AUTOSAVE_DIR";

/// Run by `kill_9_during_autosave_leaves_the_old_or_new_recovery_file` as
/// its child: autosaves `a.json` and `b.json` of the folder named in
/// `BRIDGEWORK_TEST_AUTOSAVE_DIR` in turn to its `app/recovery.json`, until
/// killed. Does nothing when run on its own.
#[test]
#[ignore = "run as a child process by the autosave kill test"]
fn autosave_writer_child() {
    let Some(dir) = std::env::var_os(AUTOSAVE_DIR) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let maps: Vec<(PathBuf, bridgework::model::Network)> = ["a.json", "b.json"]
        .iter()
        .map(|n| {
            let p = dir.join(n);
            let net = bridgework::io::load(&p, &Default::default())
                .unwrap()
                .network;
            (p, net)
        })
        .collect();
    let recovery = dir.join("app").join("recovery.json");
    for i in 0.. {
        let (source, net) = &maps[i % 2];
        bridgework::io::recovery::write_recovery(&recovery, net, Some(source)).unwrap();
    }
}

#[test]
fn kill_9_during_autosave_leaves_the_old_or_new_recovery_file() {
    use bridgework::io::recovery::{read_source, write_recovery};
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    generate(11, &a);
    generate(12, &b);
    let load = |p: &Path| {
        bridgework::io::load(p, &Default::default())
            .unwrap()
            .network
    };
    let want: Vec<(String, PathBuf)> = [&a, &b]
        .iter()
        .map(|p| {
            (
                bridgework::io::native::to_string(&load(p)).unwrap(),
                p.to_path_buf(),
            )
        })
        .collect();
    assert_ne!(want[0].0, want[1].0);
    let app = dir.path().join("app");
    let recovery = app.join("recovery.json");
    // One write, to know how long a write takes.
    let t = Instant::now();
    write_recovery(&recovery, &load(&a), Some(&a)).unwrap();
    let span = t.elapsed().as_micros().max(1000) as u64 * 3;
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let (mut kills, mut littered, mut round) = (0, 0, 0);
    while (kills < 20 || littered == 0) && round < 200 {
        round += 1;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let mut child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["kill_save::autosave_writer_child", "--exact", "--ignored"])
            .env(AUTOSAVE_DIR, dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Past the child's start (loading both maps), into its writes.
        std::thread::sleep(Duration::from_micros(span + x % (4 * span)));
        if child.try_wait().unwrap().is_none() {
            kills += 1;
        }
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        if !ours_left(&app).is_empty() {
            littered += 1;
        }
        let now = std::fs::read_to_string(&recovery).unwrap();
        assert!(
            want.iter().any(|w| w.0 == now),
            "round {round}: torn recovery.json"
        );
        let source = read_source(&recovery);
        assert!(
            want.iter().any(|w| Some(&w.1) == source.as_ref()),
            "round {round}: torn recovery.source: {source:?}"
        );
    }
    assert!(kills >= 20, "only {kills} of {round} autosaves were killed");
    eprintln!("{kills} kills in {round} autosave runs, {littered} left temporary files");
    assert!(
        littered >= 1,
        "no kill left anything to clear: the sweep went untested"
    );
    // The next autosave clears what the killed ones left.
    write_recovery(&recovery, &load(&b), Some(&b)).unwrap();
    assert_eq!(ours_left(&app), Vec::<String>::new());
    assert_eq!(std::fs::read_to_string(&recovery).unwrap(), want[1].0);
}
