//! `poisk index`: read articles, add them to the index, report.
//!
//! Bad input never stops the run: each bad file or line is reported and
//! counted, and the rest is indexed. Articles are committed every
//! `--commit-every` megabytes, always between two articles, so a run that
//! is killed leaves whole articles only, and running it again completes it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use poisk::{Article, Index, InputFile, Writer, WriterOptions, collect_inputs, read_input};

use crate::Outcome;
use crate::args::{IndexArgs, When};

/// What one run of `poisk index` did.
#[derive(Debug, Default)]
struct Tally {
    /// Distinct articles indexed.
    articles: usize,
    quotes: usize,
    /// Bad files and lines.
    skipped: usize,
    /// Articles replaced by a later one with the same id in this run.
    replaced: usize,
    /// Articles deleted by `--prune`.
    pruned: usize,
    bytes: usize,
}

/// One run: the writer and what has been read so far.
struct Session {
    writer: Writer,
    progress: ProgressBar,
    tally: Tally,
    /// Ids read in this run, with where each was read and its quote count.
    seen: HashMap<String, (String, usize)>,
    /// Inputs that could not be read completely: `--prune` keeps their old
    /// articles, since what is missing may still be in the file.
    spoiled: Vec<PathBuf>,
    /// Bytes of article text between commits; 0 commits only at the end.
    commit_every: usize,
    uncommitted: usize,
}

pub fn run(args: &IndexArgs) -> anyhow::Result<Outcome> {
    let (dir, _) = args.location.resolve();
    let started = Instant::now();
    let index = open_index(&dir, args.rebuild)?;
    let options = WriterOptions { threads: args.threads.map(usize::from), memory_mb: args.memory as usize };
    let mut writer = index.writer_with(&options)?;
    if args.rebuild {
        writer.delete_all()?;
    }
    // A rebuild replaces the index in one commit, so until it ends searches
    // see the old index, and a crash leaves the old index as it was.
    let commit_every = if args.rebuild { 0 } else { (args.commit_every * 1_000_000.0) as usize };
    let mut session = Session {
        writer,
        progress: progress_bar(args.progress),
        tally: Tally::default(),
        seen: HashMap::new(),
        spoiled: Vec::new(),
        commit_every,
        uncommitted: 0,
    };
    let (inputs, errors) = collect_inputs(&args.paths);
    for err in &errors {
        session.skip(err);
    }
    for input in &inputs {
        session.read(input)?;
    }
    if args.prune {
        session.prune(&args.paths)?;
    }
    session.finish(started.elapsed(), &dir)
}

/// Opens the index at `dir`, creating it if needed. With `rebuild`, an
/// index of another format version (which cannot be opened to be emptied)
/// is removed and created anew.
fn open_index(dir: &Path, rebuild: bool) -> anyhow::Result<Index> {
    match Index::open_or_create(dir) {
        // Only a poisk index is `BadIndex`, and only a directory tantivy or
        // poisk wrote has meta.json or poisk.json: nothing else is ever
        // removed.
        Err(poisk::Error::BadIndex { .. })
            if rebuild && (dir.join("meta.json").is_file() || dir.join("poisk.json").is_file()) =>
        {
            std::fs::remove_dir_all(dir).with_context(|| format!("removing the old index at {}", dir.display()))?;
            Ok(Index::create(dir)?)
        }
        other => Ok(other?),
    }
}

impl Session {
    /// Reads one input and adds its articles.
    fn read(&mut self, input: &InputFile) -> anyhow::Result<()> {
        let origin = input.origin();
        let mut articles = read_input(input);
        while let Some(result) = articles.next() {
            match result {
                Ok(article) => {
                    let at = articles.line().map_or_else(|| origin.clone(), |line| format!("{origin}:{line}"));
                    self.add(&article, &origin, at)?;
                }
                Err(err) => self.skip(&err),
            }
        }
        Ok(())
    }

    /// Adds one article read at `at` (`path` or `path:line`), then commits
    /// when enough text has piled up.
    fn add(&mut self, article: &Article, origin: &str, at: String) -> anyhow::Result<()> {
        let quotes = self.writer.add_from(article, Some(origin))?;
        if let Some((first, first_quotes)) = self.seen.insert(article.id.clone(), (at.clone(), quotes)) {
            self.say(&format!(
                "{at}: id {:?} was already read from {first}; this article replaces that one",
                article.id
            ));
            self.tally.replaced += 1;
            self.tally.quotes -= first_quotes;
        } else {
            self.tally.articles += 1;
        }
        self.tally.quotes += quotes;
        let size = article.title.len() + article.body.len();
        self.tally.bytes += size;
        self.uncommitted += size;
        if self.commit_every > 0 && self.uncommitted >= self.commit_every {
            self.progress.set_message(format!("committing {} articles", self.tally.articles));
            self.writer.commit()?;
            self.uncommitted = 0;
        }
        if self.tally.articles.is_multiple_of(256) {
            self.progress.set_message(format!("{} articles, {:.1} MB", self.tally.articles, mb(self.tally.bytes)));
        }
        Ok(())
    }

    /// Reports a bad input or article, and remembers its file for `--prune`.
    fn skip(&mut self, err: &poisk::Error) {
        self.say(&err.to_string());
        self.tally.skipped += 1;
        let path = match err {
            poisk::Error::Parse { origin, .. } => Some(PathBuf::from(origin)),
            poisk::Error::Io { path, .. } => Some(path.clone()),
            _ => None,
        };
        self.spoiled.extend(path);
    }

    /// Prints a line on stderr without tearing the progress bar.
    fn say(&self, message: &str) {
        self.progress.suspend(|| eprintln!("poisk: {message}"));
    }

    /// Deletes the committed articles read from under one of `paths` that
    /// this run did not read, except those of inputs that failed.
    fn prune(&mut self, paths: &[PathBuf]) -> anyhow::Result<()> {
        let roots: Vec<&Path> = paths.iter().filter(|p| p.as_os_str() != "-").map(PathBuf::as_path).collect();
        let (seen, spoiled) = (&self.seen, &self.spoiled);
        let under = |path: &Path, dirs: &[&Path]| dirs.iter().any(|dir| path.starts_with(dir));
        let spoiled: Vec<&Path> = spoiled.iter().map(PathBuf::as_path).collect();
        self.tally.pruned = self.writer.retain(|id, path| {
            let Some(path) = path.map(Path::new) else { return true };
            seen.contains_key(id) || !under(path, &roots) || under(path, &spoiled)
        })?;
        Ok(())
    }

    /// Commits, waits for merges, reports.
    fn finish(self, took: Duration, dir: &Path) -> anyhow::Result<Outcome> {
        let Session { mut writer, progress, tally, .. } = self;
        progress.set_message(format!("committing {} articles", tally.articles));
        writer.commit()?;
        writer.finish()?;
        progress.finish_and_clear();
        report(&tally, took, dir);
        Ok(if tally.skipped + tally.replaced == 0 { Outcome::Found } else { Outcome::NotFound })
    }
}

fn progress_bar(when: When) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if when == When::Never || (when == When::Auto && bar.is_hidden()) {
        return ProgressBar::hidden();
    }
    if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// `1 article`, `2 articles`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn report(tally: &Tally, took: Duration, dir: &Path) {
    let secs = took.as_secs_f64();
    let mut line = format!(
        "poisk: indexed {} ({}) into {}, skipped {}",
        count(tally.articles, "article", "articles"),
        count(tally.quotes, "quote", "quotes"),
        dir.display(),
        tally.skipped + tally.replaced
    );
    if tally.replaced > 0 {
        line.push_str(&format!(" ({} of them replaced by a later article with the same id)", tally.replaced));
    }
    if tally.pruned > 0 {
        line.push_str(&format!(", pruned {} whose input is gone", tally.pruned));
    }
    line.push_str(&format!(
        "; {:.1} MB in {secs:.1} s ({:.1} MB/s)",
        mb(tally.bytes),
        mb(tally.bytes) / secs.max(1e-9)
    ));
    eprintln!("{line}");
}
