//! Opening an index of another version, a directory that is not an index,
//! or a damaged index: a clear error with a hint, never a panic, and
//! `--rebuild` repairs what it can.

use std::path::PathBuf;

use super::{IDX, assert_error, index, total};
use crate::util::{Dir, SEED};

/// A directory with the seed article indexed into `idx`.
fn indexed() -> Dir {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    let run = index(&dir, &["news"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

fn search(dir: &Dir) -> crate::util::Run {
    dir.poisk(&["search", "--index", IDX, "Пекине"])
}

/// The index's files whose names end with `suffix`.
fn files_ending(dir: &Dir, suffix: &str) -> Vec<PathBuf> {
    let entries = std::fs::read_dir(dir.path().join(IDX)).unwrap();
    entries.map(|e| e.unwrap().path()).filter(|p| p.to_string_lossy().ends_with(suffix)).collect()
}

/// Both reading and writing the index fail with `needles` in the error;
/// `--rebuild` then makes a working index again.
fn assert_refused_then_rebuilt(dir: &Dir, needles: &[&str]) {
    assert_error(&search(dir), needles);
    assert_error(&index(dir, &["news"]), needles);
    let run = index(dir, &["--rebuild", "news"]);
    assert_eq!(run.code, 0, "--rebuild repairs it: {}", run.stderr);
    assert_eq!(total(dir, "Пекине"), 1);
}

#[test]
fn an_index_of_another_format_version() {
    let dir = indexed();
    dir.write("idx/poisk.json", "{\"format\": 999}\n");
    assert_refused_then_rebuilt(&dir, &["index at idx cannot be read", "format version 999", "--rebuild"]);
}

#[test]
fn a_directory_that_is_not_an_index() {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    let notes = dir.write("idx/notes.txt", "мои заметки");
    let run = search(&dir);
    assert_error(&run, &["no index at idx"]);
    for args in [&["news"][..], &["--rebuild", "news"]] {
        let run = index(&dir, args);
        assert_error(&run, &["idx is not a poisk index", "holds notes.txt", "name a new or empty directory"]);
    }
    assert_eq!(std::fs::read_to_string(notes).unwrap(), "мои заметки", "nothing of it was touched");
    assert_eq!(std::fs::read_dir(dir.path().join(IDX)).unwrap().count(), 1);
    // A file where the index should be.
    dir.write("file-idx", "x");
    let run = dir.poisk(&["index", "--index", "file-idx", "news"]);
    assert_error(&run, &["file-idx"]);
}

#[test]
fn a_damaged_format_marker() {
    let dir = indexed();
    dir.write("idx/poisk.json", "{\"form");
    assert_refused_then_rebuilt(&dir, &["index at idx cannot be read", "poisk.json is damaged", "--rebuild"]);
    std::fs::remove_file(dir.path().join("idx/poisk.json")).unwrap();
    assert_refused_then_rebuilt(&dir, &["poisk.json, which records its format version, is missing", "--rebuild"]);
}

#[test]
fn a_damaged_tantivy_meta_file() {
    let dir = indexed();
    dir.write("idx/meta.json", "{\"segments\": [tr");
    assert_refused_then_rebuilt(&dir, &["index at idx cannot be read: it is damaged", "--rebuild"]);
}

#[test]
fn a_deleted_tantivy_meta_file() {
    let dir = indexed();
    std::fs::remove_file(dir.path().join("idx/meta.json")).unwrap();
    assert_refused_then_rebuilt(
        &dir,
        &["index at idx cannot be read: meta.json, tantivy's list of segments, is missing", "--rebuild"],
    );
}

#[test]
fn an_index_whose_schema_differs_from_this_poisks() {
    let dir = indexed();
    // As a poisk of another schema with the same format version would leave
    // it: one field fewer in tantivy's meta file.
    let path = dir.path().join("idx/meta.json");
    let mut meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let dropped = meta["schema"].as_array_mut().unwrap().pop().unwrap();
    std::fs::write(&path, meta.to_string()).unwrap();
    let checked = dir.poisk(&["check", "--index", IDX]);
    assert_eq!(checked.code, 2, "without the field {}: {}", dropped["name"], checked.stdout);
    assert!(format!("{}{}", checked.stdout, checked.stderr).contains("its schema differs from this poisk's"));
    assert_refused_then_rebuilt(
        &dir,
        &["index at idx cannot be read", "its schema differs from this poisk's", "--rebuild"],
    );
}

#[test]
fn a_missing_segment_file() {
    let dir = indexed();
    let postings = files_ending(&dir, ".idx");
    assert!(!postings.is_empty());
    std::fs::remove_file(&postings[0]).unwrap();
    assert_refused_then_rebuilt(&dir, &["index at idx cannot be read: it is damaged", "--rebuild"]);
}

#[test]
fn a_truncated_segment_file() {
    let dir = indexed();
    for store in files_ending(&dir, ".store") {
        let bytes = std::fs::read(&store).unwrap();
        std::fs::write(&store, &bytes[..bytes.len() / 2]).unwrap();
    }
    assert_refused_then_rebuilt(&dir, &["index at idx cannot be read: it is damaged", "--rebuild"]);
}

/// Copies the index `idx` of `dir` to `to`, with 200 bytes changed in
/// place, at `fraction` of the length, in each of its files ending with
/// `suffix` (never the last 16 bytes, the footer that opening checks).
fn damaged_copy(dir: &Dir, to: &str, suffix: &str, fraction: f64) -> Vec<String> {
    let target = dir.path().join(to);
    let _ = std::fs::remove_dir_all(&target);
    std::fs::create_dir(&target).unwrap();
    let mut changed = Vec::new();
    for entry in std::fs::read_dir(dir.path().join(IDX)).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut bytes = std::fs::read(&path).unwrap();
        if name.ends_with(suffix) {
            let room = bytes.len().saturating_sub(16);
            let at = ((bytes.len() as f64 * fraction) as usize).min(room.saturating_sub(200));
            for (i, b) in bytes[at..room.min(at + 200)].iter_mut().enumerate() {
                *b = (i * 37 + 11) as u8;
            }
            changed.push(name.clone());
        }
        std::fs::write(target.join(&name), bytes).unwrap();
    }
    changed
}

#[test]
fn changed_bytes_inside_segment_files_are_damage_not_a_crash() {
    let dir = Dir::new();
    dir.write("news/seed.txt", SEED);
    assert_eq!(index(&dir, &["--threads", "1", "news"]).code, 0);
    let sound = dir.poisk(&["check", "--index", IDX]);
    assert_eq!(sound.code, 0, "{}", sound.stderr);
    assert!(
        sound.stdout.starts_with("idx: 6 files of 1 segment read against their checksums")
            && sound.stdout.ends_with(": sound\n"),
        "{}",
        sound.stdout
    );
    let mut engine_failures = 0;
    for suffix in [".term", ".fast", ".idx"] {
        for fraction in [0.0, 0.3, 0.5, 0.7, 0.9] {
            let changed = damaged_copy(&dir, "bad", suffix, fraction);
            for args in [&["search", "п*"][..], &["stats"], &["timeline", "п*"]] {
                let run = dir.poisk(&[args, &["--index", "bad"]].concat());
                let what = format!("{args:?} with {suffix} changed at {fraction}");
                assert!(!run.stderr.contains("panicked"), "{what}: {}", run.stderr);
                if run.code == 2 {
                    assert!(
                        run.stderr.starts_with("poisk: index at bad cannot be read: it is damaged"),
                        "{what}: {}",
                        run.stderr
                    );
                    assert!(
                        run.stderr.ends_with("; rebuild it with `poisk index --rebuild`\n"),
                        "{what}: {}",
                        run.stderr
                    );
                    engine_failures += usize::from(run.stderr.contains("the index engine failed reading it"));
                } else {
                    assert!(run.code <= 1, "{what}: {}", run.stderr);
                }
            }
            let check = dir.poisk(&["check", "--index", "bad"]);
            assert_eq!(check.code, 2, "{}", check.stdout);
            assert!(check.stdout.contains(&format!("damaged  {}: ", changed[0])), "{}", check.stdout);
            assert!(check.stderr.starts_with("poisk: index at bad is damaged ("), "{}", check.stderr);
        }
    }
    // Some of the damage made the engine fail inside: those were panics.
    assert!(engine_failures >= 3, "only {engine_failures} failures inside the engine");
}
