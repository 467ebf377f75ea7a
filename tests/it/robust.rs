//! Files that are not what they seem, as the command line meets them: save
//! targets that are links, pipes, devices or read-only files; inputs that
//! are not regular files.

use crate::cli::{bridgework, p, stderr};
use crate::data;
use std::process::Command;

#[cfg(unix)]
#[test]
fn convert_refuses_a_read_only_or_fifo_out_without_force_and_says_what_force_does() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let input = data("kite.graphml");
    let out = dir.path().join("locked.json");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = bridgework(&["convert", p(&input), p(&out)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("is read-only") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    let o = bridgework(&["convert", p(&input), p(&out), "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('{'));
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444, "still read-only");

    let fifo = dir.path().join("pipe.json");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let o = bridgework(&["convert", p(&input), p(&fifo)]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(
            err.contains("named pipe") && err.contains("--force"),
            "{err}"
        );
        let o = bridgework(&["convert", p(&input), p(&fifo), "--force"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(std::fs::metadata(&fifo).unwrap().is_file());
    }
}

#[cfg(unix)]
#[test]
fn convert_never_writes_to_a_device_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("null.json");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let input = data("kite.graphml");
    for args in [vec![], vec!["--force"]] {
        let mut all = vec!["convert", p(&input)];
        all.push(p(&link));
        all.extend(args);
        let o = bridgework(&all);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("is a device"), "{err}");
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[cfg(unix)]
#[test]
fn convert_writes_through_a_link_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let o = bridgework(&["convert", p(&data("kite.graphml")), p(&link)]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("is a link") && err.contains("real.json"),
        "{err}"
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&real).unwrap().starts_with('{'));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("real.json.bak")).unwrap(),
        "old"
    );
}

#[cfg(unix)]
#[test]
fn validate_and_convert_refuse_a_device_or_a_link_to_one_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("map.json");
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    for args in [
        vec!["validate", "/dev/zero"],
        vec!["validate", p(&link)],
        vec!["convert", p(&link), "/tmp/never-written-by-robust.json"],
    ] {
        let o = bridgework(&args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains("this is a device, not a file"), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn weights_whose_sums_would_overflow_are_refused_naming_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let edges = dir.path().join("w.edges.csv");
    std::fs::write(&edges, "source,target,weight\na,b,2\nb,c,1e308\n").unwrap();
    std::fs::write(
        dir.path().join("w.nodes.csv"),
        "id,sector\na,GP\nb,GP\nc,GP\n",
    )
    .unwrap();
    let o = bridgework(&["validate", p(&edges)]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("too large a strength"), "{err}");
}

/// The exports on the command line check OUT as `convert` does (issue 11,
/// "Targets that are not what they seem"): a read-only file or a named
/// pipe only with `--force` (and nothing read or written without it), a
/// device never, a link written through.
#[cfg(unix)]
#[test]
fn render_and_report_check_their_out_as_convert_does() {
    use std::os::unix::fs::PermissionsExt;
    let input = data("kite.graphml");
    for (command, ext) in [("render", "svg"), ("render", "png"), ("report", "html")] {
        let dir = tempfile::tempdir().unwrap();
        let run = |out: &std::path::Path, force: bool| {
            let mut args = vec![command, p(&input), "-o", p(out)];
            if force {
                args.push("--force");
            }
            bridgework(&args)
        };
        let refused = |o: &std::process::Output, words: &str| {
            let err = stderr(o);
            assert_eq!(o.status.code(), Some(1), "{command} .{ext}: {err}");
            assert!(err.contains(words), "{command} .{ext}: {err}");
            assert_eq!(err.lines().count(), 1, "{command} .{ext}: {err}");
        };

        let locked = dir.path().join(format!("locked.{ext}"));
        std::fs::write(&locked, "old").unwrap();
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).unwrap();
        refused(&run(&locked, false), "is read-only");
        assert_eq!(std::fs::read_to_string(&locked).unwrap(), "old");
        let o = run(&locked, true);
        assert!(o.status.success(), "{command}: {}", stderr(&o));
        assert!(stderr(&o).contains("(--force)"), "{}", stderr(&o));
        assert!(std::fs::metadata(&locked).unwrap().len() > 100);
        let mode = std::fs::metadata(&locked).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o444, "still read-only");

        let fifo = dir.path().join(format!("pipe.{ext}"));
        let made = Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success());
        if made {
            // Refused at once: nothing ever opens the pipe (that would block).
            refused(&run(&fifo, false), "named pipe");
            let o = run(&fifo, true);
            assert!(o.status.success(), "{command}: {}", stderr(&o));
            assert!(std::fs::metadata(&fifo).unwrap().is_file());
        }

        let null = dir.path().join(format!("null.{ext}"));
        std::os::unix::fs::symlink("/dev/null", &null).unwrap();
        for force in [false, true] {
            refused(&run(&null, force), "is a device");
        }
        assert!(std::fs::symlink_metadata(&null).unwrap().is_symlink());

        let real = dir.path().join(format!("real.{ext}"));
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join(format!("link.{ext}"));
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let o = run(&link, false);
        assert!(o.status.success(), "{command}: {}", stderr(&o));
        assert!(stderr(&o).contains("is a link"), "{}", stderr(&o));
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert!(std::fs::metadata(&real).unwrap().len() > 100);

        let folder = dir.path().join(format!("folder.{ext}"));
        std::fs::create_dir(&folder).unwrap();
        refused(&run(&folder, true), "is a folder");
    }
}

/// A pseudonymised copy's key is a target too: a read-only key refuses the
/// whole export before anything is written, and `--force` writes both.
#[cfg(unix)]
#[test]
fn a_read_only_key_refuses_the_pseudonymised_copy_until_forced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let input = data("kite.graphml");
    let copy = dir.path().join("copy.json");
    let key = dir.path().join("copy.key.csv");
    std::fs::write(&key, "old").unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = bridgework(&["convert", p(&input), p(&copy), "--pseudonymise"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("copy.key.csv is read-only") && err.contains("--force"),
        "{err}"
    );
    assert!(!copy.exists(), "no copy without its key");
    assert_eq!(std::fs::read_to_string(&key).unwrap(), "old");
    let o = bridgework(&["convert", p(&input), p(&copy), "--pseudonymise", "--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(copy.exists());
    assert!(std::fs::read_to_string(&key).unwrap().starts_with("code,"));
}
