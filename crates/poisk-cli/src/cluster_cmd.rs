//! `poisk cluster config`, and the commands' `--engine` side: indexing
//! into the shards of a Sphinx/Manticore cluster, searching it through its
//! aggregator, its statistics.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use poisk::input::{collect_inputs, read_input};
use poisk::search::Backend;
use poisk_sphinx::{Cluster, ClusterWriter, Layout, parse_url};

use crate::args::{ClusterCommand, ClusterConfigArgs, Command, Format, IndexArgs};
use crate::printer::Tally;
use crate::{Outcome, printer};

pub fn run(command: &ClusterCommand) -> anyhow::Result<Outcome> {
    match command {
        ClusterCommand::Config(args) => config(args),
    }
}

/// Why a command given `--engine` does not take it; `None` when it does.
pub fn refusal(command: &Command) -> Option<&'static str> {
    let (engine, why) = match command {
        Command::Check(args) => (&args.location.engine, "check reads the local index's files"),
        Command::Serve(args) => (&args.location.engine, "serve answers from the local index"),
        Command::Similar(args) => (
            &args.location.engine,
            "similar compares the fingerprints of near-duplicate articles, which only the local index keeps",
        ),
        _ => return None,
    };
    engine.as_ref().map(|_| why)
}

/// Writes the nodes' configs and prints how to start and use them.
fn config(args: &ClusterConfigArgs) -> anyhow::Result<Outcome> {
    let dir = if args.dir.is_absolute() { args.dir.clone() } else { std::env::current_dir()?.join(&args.dir) };
    let layout = Layout::new(&dir, &args.host, args.base_port, args.shards).map_err(anyhow::Error::msg)?;
    let nodes = layout.nodes();
    for node in &nodes {
        let data = node.dir.join("data");
        fs::create_dir_all(&data).with_context(|| format!("creating {}", data.display()))?;
        fs::write(node.path(), &node.text).with_context(|| format!("writing {}", node.path().display()))?;
    }
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "Wrote the searchd configs of {} shards and an aggregator under {}.", args.shards, dir.display())?;
    writeln!(out, "\nStart the nodes (Sphinx 2.2 `searchd`, Debian package sphinxsearch), shards first:")?;
    for node in &nodes {
        writeln!(out, "  searchd --config {}", node.path().display())?;
    }
    writeln!(out, "\nIndex into the shards:\n  poisk index --engine {} PATH...", layout.index_url())?;
    writeln!(out, "\nSearch through the aggregator:\n  poisk search --engine {} QUERY", layout.search_url())?;
    writeln!(out, "\nStop the nodes:")?;
    for node in &nodes {
        writeln!(out, "  searchd --config {} --stopwait", node.path().display())?;
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// The cluster whose aggregator is `url`, to search.
pub fn search_backend(url: &str) -> anyhow::Result<Box<dyn Backend>> {
    let nodes = parse_url(url).map_err(anyhow::Error::msg)?;
    let [aggregator] = nodes.as_slice() else {
        anyhow::bail!("search through one aggregator: --engine sphinxql://HOST:PORT, not {} nodes", nodes.len());
    };
    Ok(Box::new(Cluster::connect(aggregator)?))
}

/// `poisk stats --engine URL`.
pub fn stats(url: &str, format: Format) -> anyhow::Result<Outcome> {
    let nodes = parse_url(url).map_err(anyhow::Error::msg)?;
    let [aggregator] = nodes.as_slice() else {
        anyhow::bail!("ask one aggregator: --engine sphinxql://HOST:PORT, not {} nodes", nodes.len());
    };
    let stats = Cluster::connect(aggregator)?.stats()?;
    let mut out = BufWriter::new(io::stdout().lock());
    match format {
        Format::Json => {
            serde_json::to_writer(&mut out, &stats)?;
            writeln!(out)?;
        }
        Format::Text => {
            let date = |d: Option<poisk::Date>| d.map_or_else(|| "-".to_owned(), |d| d.to_string());
            writeln!(out, "engine:     {}", stats.engine)?;
            writeln!(out, "articles:   {} ({} undated)", stats.articles, stats.undated_articles)?;
            writeln!(out, "quotes:     {}", stats.quotes)?;
            writeln!(out, "speakers:   {}", stats.speakers)?;
            writeln!(out, "dates:      {} to {}", date(stats.first_date), date(stats.last_date))?;
            for warning in &stats.warnings {
                writeln!(out, "warning:    {warning} (the counts leave that shard out)")?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Found)
}

/// `poisk index --engine URL PATH…`: each article with its quotes to the
/// shard of its id. Bad input is reported and skipped, as locally.
pub fn index(args: &IndexArgs, url: &str) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let nodes = parse_url(url).map_err(anyhow::Error::msg)?;
    let mut writer = ClusterWriter::connect(&nodes)?;
    if args.rebuild {
        writer.clear()?;
    }
    let (inputs, errors) = collect_inputs(&args.paths);
    let mut tally = Tally::default();
    let mut spoiled: HashSet<PathBuf> = HashSet::new();
    let skip = |err: &poisk::Error, tally: &mut Tally, spoiled: &mut HashSet<PathBuf>| {
        eprintln!("poisk: {}", crate::describe(err));
        tally.skipped += 1;
        match err {
            poisk::Error::Parse { origin, .. } => spoiled.insert(PathBuf::from(origin)),
            poisk::Error::Io { path, .. } => spoiled.insert(path.clone()),
            _ => false,
        };
    };
    for err in &errors {
        skip(err, &mut tally, &mut spoiled);
    }
    let mut seen: HashSet<String> = HashSet::new();
    for input in &inputs {
        let origin = input.origin();
        for result in read_input(input) {
            match result {
                Ok(article) => {
                    let quotes = writer.add(&article, Some(&origin))?;
                    tally.bytes += article.title.len() + article.body.len();
                    if seen.insert(article.id.clone()) {
                        tally.articles += 1;
                        tally.quotes += quotes;
                    } else {
                        eprintln!(
                            "poisk: {origin}: id {:?} was already read; this article replaces that one",
                            article.id
                        );
                        tally.replaced += 1;
                    }
                }
                Err(err) => skip(&err, &mut tally, &mut spoiled),
            }
        }
    }
    if args.prune {
        let roots: Vec<&Path> = args.paths.iter().filter(|p| p.as_os_str() != "-").map(PathBuf::as_path).collect();
        let spoiled: Vec<&Path> = spoiled.iter().map(PathBuf::as_path).collect();
        let under = |path: &Path, dirs: &[&Path]| dirs.iter().any(|dir| path.starts_with(dir));
        tally.pruned = writer.retain(|id, path| {
            let Some(path) = path.map(Path::new) else { return true };
            seen.contains(id) || !under(path, &roots) || under(path, &spoiled)
        })?;
    }
    writer.finish()?;
    printer::indexed(&mut io::stderr().lock(), &tally, started.elapsed(), Path::new(url))?;
    Ok(if tally.skipped + tally.replaced == 0 { Outcome::Found } else { Outcome::NotFound })
}
