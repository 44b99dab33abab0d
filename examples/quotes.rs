//! Who said what about a topic: the quotations that match a query, with
//! their speakers, grouped by speaker.
//!
//! ```text
//! cargo run -p poisk-examples --example quotes -- QUERY [PATH]
//! cargo run -p poisk-examples --example quotes -- "России"
//! cargo run --release -p poisk-examples --example quotes -- "санкции" ../shared/corpus/news.jsonl.gz
//! ```
//!
//! PATH is a seed-format `.txt` file, a `.jsonl` or `.jsonl.gz` file, or a
//! directory of them; without it, the seed article built into poisk is
//! searched. Articles that cannot be read are reported on stderr and
//! skipped.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use poisk::search::Match;
use poisk::{Hit, Index, Kind, SearchRequest};

/// How many quotes to list at most.
const LIMIT: usize = 20;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(query), path) = (args.next(), args.next().map(PathBuf::from)) else {
        bail!("usage: quotes QUERY [PATH]");
    };

    // 1. An index of the articles: the seed, or those under PATH.
    let index = match &path {
        None => poisk::builtin::index()?,
        Some(path) => index_files(path)?,
    };

    // 2. Search quotations only: each hit is one «…» with its speaker.
    let searcher = index.searcher()?;
    let request = SearchRequest::new(Match::new(query.as_str()).kind(Kind::Quote)).limit(LIMIT);
    let results = searcher.search(&request).with_context(|| format!("searching for «{query}»"))?;

    // 3. Group them by speaker, keeping each speaker's best quote first.
    let mut by_speaker: BTreeMap<String, Vec<&Hit>> = BTreeMap::new();
    for hit in &results.hits {
        let speaker = hit.quote().and_then(|found| found.quote.speaker.clone());
        by_speaker.entry(speaker.unwrap_or_else(|| "(speaker unknown)".into())).or_default().push(hit);
    }
    for (speaker, hits) in &by_speaker {
        println!("{speaker}:");
        for hit in hits {
            let Some(found) = hit.quote() else { continue };
            let date = hit.date.map(|d| d.to_string()).unwrap_or_default();
            println!("    «{}»", found.quote.text);
            println!("        {date} {}", hit.title);
        }
    }
    println!("{} of {} quotes about «{query}»", results.hits.len(), results.total);
    Ok(())
}

/// Indexes every article under `path` in memory.
fn index_files(path: &PathBuf) -> Result<Index> {
    let (files, errors) = poisk::input::collect_inputs(std::slice::from_ref(path));
    if let Some(error) = errors.first() {
        bail!("{error}");
    }
    let index = Index::in_memory()?;
    let mut writer = index.writer()?;
    let (mut added, mut skipped) = (0, 0);
    for file in &files {
        for article in poisk::input::read_input(file) {
            match article {
                Ok(article) => {
                    writer.add(&article)?;
                    added += 1;
                }
                Err(error) => {
                    eprintln!("skipped: {error}");
                    skipped += 1;
                }
            }
        }
    }
    writer.commit()?;
    index.searcher()?.reload()?;
    eprintln!("indexed {added} articles ({skipped} skipped)");
    Ok(index)
}
