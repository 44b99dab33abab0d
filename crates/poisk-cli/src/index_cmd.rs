//! `poisk index`: read articles, add them to the index, report.
//!
//! Bad input never stops the run: each bad file or line is reported and
//! counted, and the rest is indexed. Articles are committed after the first
//! `--commit-every` megabytes and then at gaps that grow with the run
//! (`COMMIT_GROWTH`), always between two articles, so a run that is
//! killed leaves whole articles only, and running it again completes it.
//!
//! Reading and parsing (decompressing, JSON, the seed format, leads and
//! related-article boxes) run on a thread of their own, a few articles
//! ahead of this one, which extracts quotations and builds the documents
//! while tantivy's threads index the ones before.
//!
//! Memory stays within the writer's budget plus a fixed part (the articles
//! read ahead among it), whatever the
//! input's shape, except for 24 bytes for each distinct id read (the check
//! for ids read twice, which `--prune` uses too): articles new to the index
//! are added without a deletion, an id read again soon replaces its
//! article before it reaches the writer ([`Pending`]), and the deletions
//! that remain are committed every 100,000.

mod seen;

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use poisk::index::WriterOptions;
use poisk::input::{collect_inputs, read_input};
use poisk::{Article, Writer};

use self::seen::{Key, Place, SeenIds};
use crate::args::{IndexArgs, When};
use crate::printer::Tally;
use crate::{Outcome, open, printer};

/// With commits on, a commit also falls after this many articles that
/// replace one the index may hold, however small they are: the deletion of
/// the old one waits in memory (about 100 bytes) until the next commit.
const COMMIT_DELETIONS: usize = 100_000;

/// After the first commit, the next falls when the text since the last one
/// reaches `--commit-every`, or 1/`COMMIT_GROWTH` of what the run has
/// committed (at most [`COMMIT_GAP_MAX`]), whichever is more.
///
/// A commit every 32 MB made 14 commits on four copies of the corpus
/// (446 MB of text) and 56 on sixteen, and tantivy merged their segments
/// again and again: four copies took 63 s, against 43.5 s with one commit
/// at the end. Commits that grow with the run are 7 there (48.8 s) and 11
/// on sixteen copies (BENCHMARKS.md, "Growth"), and a killed run still
/// keeps two thirds or more of the text it read.
const COMMIT_GROWTH: usize = 2;

/// The most text between two commits once they have grown: 1 GB.
const COMMIT_GAP_MAX: usize = 1_000_000_000;

/// How many bytes of articles are held back before they go to the writer
/// (see [`Pending`]).
const PENDING_BYTES: usize = 4_000_000;

/// How many articles the reading thread may parse ahead of this one: enough
/// to smooth the two out; each article is at most 10 MB.
const READ_AHEAD: usize = 4;

/// What the reading thread hands on.
struct Read {
    result: poisk::Result<Article>,
    place: Place,
    /// Bytes of all inputs read so far, as on disk.
    position: u64,
}

/// An article on its way to the writer.
struct Entry {
    key: Key,
    article: Article,
    input: u32,
    /// An article of the same id may be in the index: delete it first.
    replace: bool,
}

/// The last few megabytes of articles, held back from the writer so that
/// an id read again soon replaces its article here, at no cost. Handing
/// every version to tantivy made each a deletion that tantivy applies to
/// every earlier version when it writes a segment: a file of one line
/// repeated took time quadratic in its length.
#[derive(Default)]
struct Pending {
    entries: Vec<Option<Entry>>,
    /// Where each key's entry is in `entries`.
    slots: HashMap<Key, usize>,
    bytes: usize,
}

impl Pending {
    fn push(&mut self, entry: Entry) {
        self.bytes += size_in_memory(&entry.article);
        self.slots.insert(entry.key, self.entries.len());
        self.entries.push(Some(entry));
    }

    /// Takes out the entry of `key`, if it is here.
    fn remove(&mut self, key: Key) -> Option<Entry> {
        let entry = self.entries.get_mut(self.slots.remove(&key)?)?.take()?;
        self.bytes -= size_in_memory(&entry.article);
        Some(entry)
    }

    /// Empties it, giving the entries in the order they came.
    fn drain(&mut self) -> impl Iterator<Item = Entry> + use<> {
        self.slots.clear();
        self.bytes = 0;
        std::mem::take(&mut self.entries).into_iter().flatten()
    }
}

/// About how many bytes an article takes in [`Pending`]: its text, its
/// paragraphs, its entry and slot.
fn size_in_memory(article: &Article) -> usize {
    let text = article.id.len() + article.title.len() + article.body.len();
    let source = article.source.as_ref().map_or(0, String::len);
    text + source + 16 * article.paragraphs.len() + std::mem::size_of::<Option<Entry>>() + 64
}

/// One run: the writer and what has been read so far.
struct Session {
    writer: Writer,
    progress: ProgressBar,
    tally: Tally,
    /// How errors name each input, by number.
    origins: Vec<String>,
    /// Every id read in this run.
    seen: SeenIds,
    pending: Pending,
    /// The index held no article when the run began (or `--rebuild`
    /// emptied it): an id not read before in this run is new to it.
    fresh: bool,
    /// Inputs that could not be read completely: `--prune` keeps their old
    /// articles, since what is missing may still be in the file.
    spoiled: HashSet<PathBuf>,
    /// Bytes of article text before the first commit, and the least
    /// between two; 0 commits only at the end.
    commit_every: usize,
    uncommitted: usize,
    /// Bytes of article text this run has committed.
    committed: usize,
    /// Articles handed to the writer since the last commit that replace one.
    deletions: usize,
}

pub fn run(args: &IndexArgs) -> anyhow::Result<Outcome> {
    if let Some(url) = &args.location.engine {
        return crate::cluster_cmd::index(args, url);
    }
    index(args).map(|(outcome, _)| outcome)
}

/// `poisk index`, and what it counted (`poisk bench` reports it).
pub fn index(args: &IndexArgs) -> anyhow::Result<(Outcome, Tally)> {
    let (dir, _) = args.location.resolve();
    let started = Instant::now();
    // `--merge` alone merges an index that must be there already.
    let index = if args.paths.is_empty() {
        match poisk::Index::open(&dir) {
            Err(poisk::Error::NoIndex { path }) => return Err(open::no_index(&path)),
            other => other?,
        }
    } else {
        open::to_write(&dir, args.rebuild)?
    };
    let options = WriterOptions { threads: args.threads.map(usize::from), memory_mb: args.memory as usize };
    let fresh = args.rebuild || index.is_empty()?;
    let mut writer = index.writer_with(&options)?;
    if args.rebuild {
        writer.delete_all()?;
    }
    // A rebuild replaces the index in one commit, so until it ends searches
    // see the old index, and a crash leaves the old index as it was.
    let commit_every = if args.rebuild { 0 } else { (args.commit_every * 1_000_000.0) as usize };
    let (inputs, errors) = collect_inputs(&args.paths);
    let mut session = Session {
        writer,
        progress: progress_bar(args.progress, total_size(&inputs)),
        tally: Tally::default(),
        origins: inputs.iter().map(poisk::input::InputFile::origin).collect(),
        seen: SeenIds::new(),
        pending: Pending::default(),
        fresh,
        spoiled: HashSet::new(),
        commit_every,
        uncommitted: 0,
        committed: 0,
        deletions: 0,
    };
    for err in &errors {
        session.skip(err);
    }
    u32::try_from(inputs.len()).context("more than four billion inputs")?;
    std::thread::scope(|scope| {
        let (sender, received) = std::sync::mpsc::sync_channel(READ_AHEAD);
        scope.spawn(|| read_all(&inputs, sender));
        // An error here drops the receiver, which ends the reading thread.
        for read in received {
            session.progress.set_position(read.position);
            match read.result {
                Ok(article) => session.add(article, read.place)?,
                Err(err) => session.skip(&err),
            }
        }
        anyhow::Ok(())
    })?;
    if args.prune {
        session.prune(&args.paths)?;
    }
    session.finish(started, &dir, args.merge.then_some(&index))
}

/// Reads every input in order and sends each article or error on, until
/// the inputs end or nobody receives.
fn read_all(inputs: &[poisk::input::InputFile], sender: std::sync::mpsc::SyncSender<Read>) {
    // Bytes of the inputs before the one being read, as on disk.
    let mut done: u64 = 0;
    for (number, input) in (0u32..).zip(inputs) {
        let mut articles = read_input(input);
        while let Some(result) = articles.next() {
            let place = Place { input: number, line: articles.line().map_or(0, |line| line as u64) };
            let read = Read { result, place, position: done + articles.bytes_read() };
            if sender.send(read).is_err() {
                return;
            }
        }
        done += input.size().unwrap_or(0);
    }
}

impl Session {
    /// Takes one article read at `place`; it reaches the writer with the
    /// pending ones, and a commit follows when enough has piled up.
    fn add(&mut self, article: Article, place: Place) -> anyhow::Result<()> {
        let key = self.seen.key(&article.id);
        let replace = match self.seen.insert(key, place) {
            Some((first, first_quotes)) => {
                self.say(&format!(
                    "{}: id {:?} was already read from {}; this article replaces that one",
                    self.at(place),
                    article.id,
                    self.at(first)
                ));
                self.tally.replaced += 1;
                match self.pending.remove(key) {
                    // The earlier one never reached the writer.
                    Some(earlier) => earlier.replace,
                    None => {
                        self.tally.quotes -= first_quotes as usize;
                        true
                    }
                }
            }
            None => {
                self.tally.articles += 1;
                !self.fresh
            }
        };
        let size = article.title.len() + article.body.len();
        self.pending.push(Entry { key, article, input: place.input, replace });
        self.tally.bytes += size;
        self.uncommitted += size;
        if self.pending.bytes >= PENDING_BYTES {
            self.flush()?;
        }
        let gap = self.commit_every.max((self.committed / COMMIT_GROWTH).min(COMMIT_GAP_MAX));
        let due = self.uncommitted >= gap || self.deletions >= COMMIT_DELETIONS;
        if self.commit_every > 0 && due {
            self.progress.set_message(format!("committing {} articles", self.tally.articles));
            self.commit()?;
        }
        if self.tally.articles.is_multiple_of(256) {
            self.progress.set_message(format!(
                "{} articles, {:.1} MB",
                self.tally.articles,
                printer::mb(self.tally.bytes)
            ));
        }
        Ok(())
    }

    /// Hands the pending articles to the writer.
    fn flush(&mut self) -> anyhow::Result<()> {
        for entry in self.pending.drain() {
            let origin = Some(self.origins[entry.input as usize].as_str());
            let quotes = if entry.replace {
                self.deletions += 1;
                self.writer.add_from(&entry.article, origin)?
            } else {
                self.writer.add_new_from(&entry.article, origin)?
            };
            self.tally.quotes += quotes;
            self.seen.set_quotes(entry.key, quotes);
        }
        Ok(())
    }

    fn commit(&mut self) -> anyhow::Result<()> {
        self.flush()?;
        self.writer.commit()?;
        self.committed += self.uncommitted;
        self.uncommitted = 0;
        self.deletions = 0;
        Ok(())
    }

    /// `path:line`, or `path` for a seed file.
    fn at(&self, place: Place) -> String {
        let origin = &self.origins[place.input as usize];
        if place.line == 0 { origin.clone() } else { format!("{origin}:{}", place.line) }
    }

    /// Reports a bad input or article, and remembers its file for `--prune`.
    fn skip(&mut self, err: &poisk::Error) {
        self.say(&crate::describe(err));
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
        self.flush()?;
        let roots: Vec<&Path> = paths.iter().filter(|p| p.as_os_str() != "-").map(PathBuf::as_path).collect();
        let (seen, spoiled) = (&self.seen, &self.spoiled);
        let under = |path: &Path, dirs: &[&Path]| dirs.iter().any(|dir| path.starts_with(dir));
        let spoiled: Vec<&Path> = spoiled.iter().map(PathBuf::as_path).collect();
        self.tally.pruned = self.writer.retain(|id, path| {
            let Some(path) = path.map(Path::new) else { return true };
            seen.contains(seen.key(id)) || !under(path, &roots) || under(path, &spoiled)
        })?;
        Ok(())
    }

    /// Commits, waits for merges, merges the segments into one when
    /// `merge` is given, reports.
    /// `started` is when the run began: the time reported includes the
    /// last commit and the merges.
    ///
    /// The articles are committed before the segments are merged, so a
    /// merge that fails loses nothing: it is reported, and the run
    /// succeeds.
    fn finish(
        mut self,
        started: Instant,
        dir: &Path,
        merge: Option<&poisk::Index>,
    ) -> anyhow::Result<(Outcome, Tally)> {
        self.progress.set_message(format!("committing {} articles", self.tally.articles));
        self.commit()?;
        let Session { writer, progress, mut tally, .. } = self;
        writer.finish()?;
        if let Some(index) = merge {
            progress.set_message("merging the segments");
            let merging = Instant::now();
            match index.merge_segments() {
                Ok(segments) => tally.merged = Some((segments, merging.elapsed())),
                Err(err) => progress.suspend(|| {
                    eprintln!(
                        "poisk: the articles are indexed, but merging the index's segments failed ({}); \
                         searches work, only slower, until a run with --merge merges them",
                        crate::describe(&err)
                    );
                }),
            }
        }
        progress.finish_and_clear();
        printer::indexed(&mut io::stderr().lock(), &tally, started.elapsed(), dir)?;
        Ok((if tally.skipped + tally.replaced == 0 { Outcome::Found } else { Outcome::NotFound }, tally))
    }
}

/// The size of all inputs on disk, when each is a file (not stdin).
fn total_size(inputs: &[poisk::input::InputFile]) -> Option<u64> {
    inputs.iter().map(poisk::input::InputFile::size).sum()
}

/// A bar with the share of the input read and the time left when the
/// input's size is known (files), a spinner otherwise (stdin).
fn progress_bar(when: When, total: Option<u64>) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    if when == When::Never || (when == When::Auto && bar.is_hidden()) {
        return ProgressBar::hidden();
    }
    let template = match total {
        Some(_) => "{bar:30} {percent:>3}% of {total_bytes}, {eta} left  {msg}",
        None => "{spinner} {elapsed} {msg}",
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}
