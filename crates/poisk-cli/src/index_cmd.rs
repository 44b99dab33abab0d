//! `poisk index`: read articles, add them to the index, report.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use poisk::{Index, WriterOptions, collect_inputs, read_input};

use crate::Outcome;
use crate::args::{IndexArgs, When};

/// What one run of `poisk index` did.
#[derive(Debug, Default)]
struct Tally {
    articles: usize,
    quotes: usize,
    skipped: usize,
    duplicates: usize,
    bytes: usize,
}

pub fn run(args: &IndexArgs) -> anyhow::Result<Outcome> {
    let (dir, _) = args.location.resolve();
    let started = Instant::now();
    let index = match Index::open_or_create(&dir) {
        // An index of another format version cannot be opened to be
        // emptied; --rebuild replaces it. Only a directory tantivy wrote
        // (it has meta.json) gets here.
        Err(poisk::Error::BadIndex { .. }) if args.rebuild && dir.join("meta.json").is_file() => {
            std::fs::remove_dir_all(&dir).with_context(|| format!("removing the old index at {}", dir.display()))?;
            Index::create(&dir)?
        }
        other => other?,
    };
    let options = WriterOptions { threads: args.threads.map(usize::from), memory_mb: args.memory as usize };
    let mut writer = index.writer_with(&options)?;
    if args.rebuild {
        writer.delete_all()?;
    }
    let progress = progress_bar(args.progress);
    let mut tally = Tally::default();
    let (inputs, errors) = collect_inputs(&args.paths);
    for err in errors {
        progress.suspend(|| eprintln!("poisk: {err}"));
        tally.skipped += 1;
    }
    // Ids seen in this run: a second article with the same id replaces the
    // first, which is worth a word on stderr.
    let mut seen = HashSet::new();
    for input in &inputs {
        let origin = input.origin();
        for article in read_input(input) {
            let article = match article {
                Ok(article) => article,
                Err(err) => {
                    progress.suspend(|| eprintln!("poisk: {err}"));
                    tally.skipped += 1;
                    continue;
                }
            };
            if !seen.insert(article.id.clone()) {
                tally.duplicates += 1;
                progress.suspend(|| {
                    eprintln!(
                        "poisk: {origin}: id {:?} appears again; the later article replaces the earlier",
                        article.id
                    )
                });
            }
            tally.quotes += writer.add_from(&article, Some(&origin))?;
            tally.articles += 1;
            tally.bytes += article.title.len() + article.body.len();
            if tally.articles % 256 == 0 {
                progress.set_message(format!("{} articles, {:.1} MB", tally.articles, mb(tally.bytes)));
            }
        }
    }
    progress.set_message(format!("committing {} articles", tally.articles));
    writer.commit()?;
    writer.finish()?;
    progress.finish_and_clear();
    report(&tally, started.elapsed(), &dir);
    Ok(if tally.skipped == 0 { Outcome::Found } else { Outcome::NotFound })
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

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1_000_000.0
}

fn report(tally: &Tally, took: Duration, dir: &std::path::Path) {
    let secs = took.as_secs_f64();
    let mut line = format!(
        "poisk: indexed {} articles ({} quotes) into {}, skipped {}",
        tally.articles,
        tally.quotes,
        dir.display(),
        tally.skipped
    );
    if tally.duplicates > 0 {
        line.push_str(&format!(", {} replaced by a later duplicate id", tally.duplicates));
    }
    line.push_str(&format!(
        "; {:.1} MB in {secs:.1} s ({:.1} MB/s)",
        mb(tally.bytes),
        mb(tally.bytes) / secs.max(1e-9)
    ));
    eprintln!("{line}");
}
