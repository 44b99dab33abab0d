//! Where the index lives: file permissions for other users, a read-only
//! mount, a full disk.
//!
//! Mounts need a private mount namespace (`unshare --map-root-user
//! --mount`); where the system allows none, those tests say so and pass.

use std::os::unix::fs::PermissionsExt;
use std::process::Command;

use super::{IDX, assert_error, index};
use crate::util::{Dir, Run, SEED};

/// Runs `script` with `sh` in `dir`, where `$POISK` is the binary.
fn sh(dir: &Dir, script: &str) -> Run {
    run(Command::new("sh").args(["-c", script]), dir)
}

/// Runs `script` as root of a new user and mount namespace, where it may
/// mount file systems that nobody else sees; `None` where the system
/// does not allow that.
fn in_namespace(dir: &Dir, script: &str) -> Option<Run> {
    let unshare = |script: &str| {
        let mut command = Command::new("unshare");
        command.args(["--map-root-user", "--mount", "sh", "-c", script]);
        run(&mut command, dir)
    };
    let probe = sh(
        dir,
        "command -v unshare >/dev/null || exit 99; unshare --map-root-user --mount sh -c 'mkdir -p probe && mount -t tmpfs -o size=1m tmpfs probe'",
    );
    if probe.code != 0 {
        eprintln!("skipping: no private mount namespace here: {}", probe.stderr.trim());
        return None;
    }
    Some(unshare(script))
}

fn run(command: &mut Command, dir: &Dir) -> Run {
    let output = command
        .current_dir(dir.path())
        .env("POISK", env!("CARGO_BIN_EXE_poisk"))
        .env_remove("POISK_INDEX")
        .output()
        .expect("run sh");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// The permission bits of every file in `dir`'s index, by name.
fn modes(dir: &Dir) -> Vec<(String, u32)> {
    let mut modes: Vec<(String, u32)> = std::fs::read_dir(dir.path().join(IDX))
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().into_string().unwrap(), e.metadata().unwrap().permissions().mode() & 0o777))
        .collect();
    modes.sort();
    modes
}

#[test]
fn index_files_follow_the_umask_so_other_users_can_search() {
    for (umask, mode) in [("022", 0o644), ("077", 0o600)] {
        let dir = Dir::new();
        dir.write("news/seed.txt", SEED);
        let run = sh(&dir, &format!("umask {umask} && \"$POISK\" index --index {IDX} news"));
        assert_eq!(run.code, 0, "{}", run.stderr);
        let modes = modes(&dir);
        assert!(
            modes.iter().any(|(name, _)| name == "meta.json") && modes.iter().any(|(name, _)| name == ".managed.json")
        );
        assert!(modes.iter().all(|&(_, m)| m == mode), "umask {umask}: {modes:?}");
    }
    // Another user, who may read the index but not write its directory,
    // searches it. Only root can become another user.
    if sh(&Dir::new(), "test \"$(id -u)\" = 0 && command -v setpriv >/dev/null").code != 0 {
        eprintln!("skipping the search as another user: not root, or no setpriv");
        return;
    }
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    let run = sh(&dir, &format!("umask 022 && \"$POISK\" index --index {IDX} news"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let search = format!("setpriv --reuid=65534 --regid=65534 --clear-groups \"$POISK\" search --index {IDX} Пекине");
    let run = sh(&dir, &search);
    assert_eq!(run.code, 0, "nobody searches root's index: {}", run.stderr);
    assert!(run.stdout.contains("Пекине"), "{}", run.stdout);
    let run = sh(&dir, &format!("setpriv --reuid=65534 --regid=65534 --clear-groups \"$POISK\" stats --index {IDX}"));
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn an_index_on_a_read_only_mount_is_searched() {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    assert_eq!(index(&dir, &["news"]).code, 0);
    let script = format!(
        "mount --bind -o ro {IDX} {IDX} || exit 99
         \"$POISK\" search --index {IDX} --format json -n 1 --snippets 0 Пекине || exit 1
         \"$POISK\" stats --index {IDX} >/dev/null || exit 2
         \"$POISK\" timeline --index {IDX} Пекине >/dev/null || exit 3
         \"$POISK\" index --index {IDX} news"
    );
    let Some(run) = in_namespace(&dir, &script) else { return };
    assert_ne!(run.code, 99, "{}", run.stderr);
    let total =
        run.stdout.lines().next().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["total"].clone());
    assert_eq!(total, Some(1.into()), "search: {}", run.stderr);
    // Only writing fails, with a clear error.
    assert_error(&run, &[]);
    assert_eq!(run.stderr, "poisk: idx: Read-only file system (os error 30)\n");
}

/// JSONL of `count` articles of the seed article's body, each under its
/// own id and title.
fn articles(count: usize) -> String {
    let body = SEED.split_once("\n\n").unwrap().1;
    (0..count)
        .map(|i| {
            format!("{}\n", serde_json::json!({"id": format!("a{i}"), "title": format!("Статья {i}"), "body": body}))
        })
        .collect()
}

#[test]
fn a_full_disk_fails_one_run_and_leaves_room_for_the_next() {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    dir.write("many.jsonl", articles(1500));
    let script = format!(
        "mkdir disk && mount -t tmpfs -o size=2m tmpfs disk || exit 99
         \"$POISK\" index --index disk/{IDX} news 2>/dev/null || exit 1
         ls -A disk/{IDX} > committed.txt
         \"$POISK\" index --index disk/{IDX} many.jsonl
         echo \"rc=$?\" >&2
         ls -A disk/{IDX} > failed.txt
         \"$POISK\" index --index disk/{IDX} --rebuild news || exit 2
         \"$POISK\" index --index disk/{IDX} news || exit 3
         \"$POISK\" search --index disk/{IDX} --format json -n 1 --snippets 0 Пекине"
    );
    let Some(run) = in_namespace(&dir, &script) else { return };
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Where tantivy meets the full disk decides how it words the error
    // (`disk/idx: No space …` or `index engine: Internal error: 'No space …'`).
    let failed: Vec<&str> = run.stderr.lines().filter(|l| !l.starts_with("poisk: indexed")).collect();
    assert_eq!(failed.len(), 2, "{}", run.stderr);
    assert!(
        failed[0].starts_with("poisk: ") && failed[0].contains("No space left on device (os error 28)"),
        "{failed:?}"
    );
    assert!(!failed[0].contains(".tmp") && !run.stderr.contains("panicked"), "{failed:?}");
    assert_eq!(failed[1], "rc=2");
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(read("failed.txt"), read("committed.txt"), "the failed run's files are gone");
    let hits: serde_json::Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(hits["total"], 1, "{}", run.stdout);
}
