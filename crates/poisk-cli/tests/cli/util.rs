//! A fixture that runs the `poisk` binary inside a temporary directory.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const SEED: &str = include_str!("../../../../seeds/2025-09-03-putin-kim-talks-beijing.txt");
pub const SEED_TITLE: &str = "Путин и Ким Чен Ын проводят переговоры в Пекине";

/// A temporary working directory with no index in it.
pub struct Dir {
    dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Dir {
    pub fn new() -> Dir {
        Dir { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }

    pub fn poisk(&self, args: &[&str]) -> Run {
        self.poisk_with_stdin(args, "")
    }

    pub fn poisk_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        let mut child = Command::new(env!("CARGO_BIN_EXE_poisk"))
            .args(args)
            .current_dir(self.path())
            .env_remove("POISK_INDEX")
            .env_remove("NO_COLOR")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run poisk");
        child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
        let Output { status, stdout, stderr } = child.wait_with_output().expect("wait for poisk");
        Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
        }
    }
}

impl Run {
    /// The stdout lines parsed as JSON.
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect()
    }

    /// The single JSON object on stdout.
    pub fn json(&self) -> serde_json::Value {
        let mut lines = self.json_lines();
        assert_eq!(lines.len(), 1, "expected one JSON line, got {}", self.stdout);
        lines.remove(0)
    }
}

/// The highlighted words of every snippet of a JSON hit.
pub fn highlighted_words(hit: &serde_json::Value) -> Vec<String> {
    let mut words = Vec::new();
    for snippet in hit["snippets"].as_array().expect("snippets") {
        let text = snippet["text"].as_str().expect("text");
        for pair in snippet["highlights"].as_array().expect("highlights") {
            let (s, e) = (pair[0].as_u64().expect("s") as usize, pair[1].as_u64().expect("e") as usize);
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e) && s < e, "bad range {s}..{e}");
            words.push(text[s..e].to_owned());
        }
    }
    words
}

/// The seed-format articles of the shared corpus (see
/// `../shared/corpus/README.md`). Tests that need it are
/// `#[cfg_attr(not(corpus), ignore = …)]` (see `build.rs`).
pub fn corpus_txt() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/txt")
}

/// Copies every `every`-th file of the corpus (in name order) into
/// `txt/` of `dir`; returns the names copied. The corpus text stays out of
/// the repository; tests read it.
pub fn copy_corpus_sample(dir: &Dir, every: usize) -> Vec<String> {
    let corpus = corpus_txt();
    let mut names: Vec<String> = std::fs::read_dir(&corpus)
        .expect("read corpus")
        .map(|e| e.expect("entry").file_name().into_string().expect("UTF-8 name"))
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let sample: Vec<String> = names.into_iter().step_by(every).collect();
    for name in &sample {
        dir.write(&format!("txt/{name}"), std::fs::read(corpus.join(name)).expect("read article"));
    }
    sample
}
