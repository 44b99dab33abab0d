//! Command-line arguments. These structs only parse and validate; the
//! subcommand modules turn them into library calls.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Full-text search for Russian news and the quotations in it.
///
/// Without an index, `poisk search` searches the seed articles built into
/// the binary. Build an index with `poisk index PATH...`.
#[derive(Debug, Parser)]
#[command(name = "poisk", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Index articles: seed-format .txt files, .jsonl or .jsonl.gz, directories, or - for JSONL on stdin.
    Index(IndexArgs),
    /// Search the index (or the built-in seed articles when there is no index).
    Search(SearchArgs),
    /// Articles about the same story as the article ID: more like this, by its most distinctive words.
    Similar(SimilarArgs),
    /// Print one article whole (title, date, source, url, paragraphs, its quotes with speakers) by its id.
    Show(ShowArgs),
    /// List quotations with their speakers: of the index, or of the given files without indexing them.
    Quotes(QuotesArgs),
    /// Speakers of the index by number of quotes.
    Speakers(SpeakersArgs),
    /// How many articles (or quotes) match per day, week, month or year, drawn as a bar chart.
    Timeline(TimelineArgs),
    /// What the index holds: articles, quotes, speakers, dates, terms, size on disk.
    Stats(StatsArgs),
    /// Read every file of the index against its checksum and open every segment; exit 2 when damaged.
    Check(CheckArgs),
    /// Serve the index over HTTP: the JSON API of these commands and a search page, at http://127.0.0.1:7700/.
    Serve(ServeArgs),
    /// Measure indexing and search speed on your files against stock tantivy, in temporary indexes.
    Bench(BenchArgs),
    /// Print a shell completion script: `poisk completions bash > ~/.local/share/bash-completion/completions/poisk`.
    Completions(CompletionsArgs),
    /// Print the man page (roff), made from this help: `poisk man | man -l -`.
    Man(ManArgs),
    /// Set up a Sphinx/Manticore cluster to index and search with --engine.
    #[command(subcommand)]
    Cluster(ClusterCommand),
}

#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// Write the searchd configs of N shards and one aggregator under DIR, and print how to start and use them.
    Config(ClusterConfigArgs),
}

#[derive(Debug, Args)]
pub struct ClusterConfigArgs {
    /// How many shards.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub shards: usize,
    /// The directory for the nodes' configs, data, logs and pid files (one directory per node).
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// The aggregator's SphinxQL port; shard i takes BASE+2i (SphinxQL) and BASE+2i+1 (agent).
    #[arg(long, value_name = "PORT", default_value_t = 9306)]
    pub base_port: u16,
    /// The address the nodes listen on.
    #[arg(long, value_name = "HOST", default_value = "127.0.0.1")]
    pub host: String,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// The article's id, as a hit shows it (a quote's id ARTICLE_ID#qN shows its article).
    #[arg(value_name = "ID", allow_hyphen_values = true)]
    pub id: String,
    /// Highlight the words of this query (in the language of `poisk search`).
    #[arg(short = 'q', long, value_name = "QUERY", allow_hyphen_values = true)]
    pub query: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = When::Auto, value_name = "WHEN")]
    pub color: When,
}

#[derive(Debug, Args)]
pub struct SimilarArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// The article's id, as a hit shows it.
    #[arg(value_name = "ID", allow_hyphen_values = true)]
    pub id: String,
    /// How many articles to show.
    #[arg(short = 'n', long = "limit", value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u16).range(1..=1000))]
    pub limit: u16,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = When::Auto, value_name = "WHEN")]
    pub color: When,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// The query, in the language of `poisk search` (see `poisk search --help`); none counts
    /// everything the filters let through.
    #[arg(value_name = "QUERY", allow_hyphen_values = true, default_value = "", hide_default_value = true)]
    pub query: String,
    /// One bar per day, ISO week (Monday to Sunday, labelled 2018-W10), month or year.
    #[arg(long, value_enum, default_value_t = Interval::Month)]
    pub by: Interval,
    #[command(flatten)]
    pub filters: Filters,
    /// Stop counting after this many seconds and show the counts so far, marked partial; 0 for no limit.
    #[arg(long, value_name = "SECONDS", value_parser = seconds, default_value_t = poisk::limits::DEFAULT_TIME_BUDGET.as_secs_f64())]
    pub timeout: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ChartFormat::Text)]
    pub format: ChartFormat,
    /// When to colour the bars.
    #[arg(long, value_enum, default_value_t = When::Auto, value_name = "WHEN")]
    pub color: When,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Interval {
    Day,
    Week,
    Month,
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartFormat {
    /// A bar chart, as wide as the terminal.
    Text,
    /// A header line `period,start,end,count`, then one line per bar.
    Csv,
    /// One JSON object, on one line.
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Address and port to listen on; the default answers this machine only. 0.0.0.0:7700 answers every network the
    /// machine is on (then set --api-key for writes, or the server stays read-only).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:7700")]
    pub listen: std::net::SocketAddr,
    /// The key that POST /articles must send as `Authorization: Bearer KEY` [env: POISK_API_KEY]; without a key the
    /// server is read-only.
    #[arg(long, value_name = "KEY")]
    pub api_key: Option<String>,
    /// Stop a search after this many seconds and answer with what was found so far, marked partial (at most 60).
    #[arg(long, value_name = "SECONDS", value_parser = server_seconds, default_value_t = poisk::limits::DEFAULT_TIME_BUDGET.as_secs_f64())]
    pub timeout: f64,
    /// Searches run at once; more wait their turn [default: one per core, and one more].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    pub workers: Option<u16>,
    /// The largest request body (POST /articles), in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub max_body: u32,
    /// Close a connection that has not sent a whole request head for this many seconds (idle keep-alive included).
    #[arg(long, value_name = "SECONDS", value_parser = server_seconds, default_value_t = 10.0)]
    pub idle_timeout: f64,
}

/// A number of seconds for the server: more than 0, at most a minute.
fn server_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 60.0 => Ok(s),
        _ => Err(format!("{text:?} is not a number of seconds from more than 0 to 60")),
    }
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The page of one subcommand (poisk-timeline(1)) instead of poisk(1).
    #[arg(value_name = "SUBCOMMAND")]
    pub subcommand: Option<String>,
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Files or directories to read quotes from instead of the index (.txt, .jsonl, .jsonl.gz, - for stdin).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Only quotes by this speaker (any form of the name).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// What to list: quotations (someone's words), terms (the author's own words in guillemets) or names.
    #[arg(long, value_enum, default_value_t = SpanKind::Quote)]
    pub kind: SpanKind,
    /// Only quotes whose speaker is a person, an organisation, a group or a document.
    #[arg(long, value_enum, value_name = "KIND")]
    pub speaker_kind: Option<WhoKind>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// What the words in guillemets are (`--kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SpanKind {
    Quote,
    Term,
    Name,
}

impl From<SpanKind> for poisk::quotes::QuoteKind {
    fn from(kind: SpanKind) -> Self {
        match kind {
            SpanKind::Quote => poisk::quotes::QuoteKind::Quote,
            SpanKind::Term => poisk::quotes::QuoteKind::Term,
            SpanKind::Name => poisk::quotes::QuoteKind::Name,
        }
    }
}

/// What a speaker is (`--speaker-kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WhoKind {
    Person,
    Organisation,
    Group,
    Document,
}

impl From<WhoKind> for poisk::quotes::SpeakerKind {
    fn from(kind: WhoKind) -> Self {
        match kind {
            WhoKind::Person => poisk::quotes::SpeakerKind::Person,
            WhoKind::Organisation => poisk::quotes::SpeakerKind::Organisation,
            WhoKind::Group => poisk::quotes::SpeakerKind::Group,
            WhoKind::Document => poisk::quotes::SpeakerKind::Document,
        }
    }
}

#[derive(Debug, Args)]
pub struct SpeakersArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// How many speakers to show (0 for all).
    #[arg(short = 'n', long = "limit", value_name = "N", default_value_t = 50)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Where the index lives.
#[derive(Debug, Args)]
pub struct IndexLocation {
    /// Index directory [default: $POISK_INDEX, else ./poisk-index].
    #[arg(long = "index", value_name = "DIR", global = true)]
    pub dir: Option<PathBuf>,
    /// A Sphinx/Manticore cluster instead of a local index: sphinxql://HOST:PORT of the aggregator to search, or
    /// sphinxql://HOST:PORT,HOST:PORT… of the shards to index (see `poisk cluster config`).
    #[arg(long = "engine", value_name = "URL", global = true)]
    pub engine: Option<String>,
}

impl IndexLocation {
    /// The directory to use, and whether the user named it.
    pub fn resolve(&self) -> (PathBuf, bool) {
        if let Some(dir) = &self.dir {
            return (dir.clone(), true);
        }
        match std::env::var_os("POISK_INDEX") {
            Some(dir) if !dir.is_empty() => (PathBuf::from(dir), true),
            _ => (PathBuf::from(DEFAULT_INDEX), false),
        }
    }
}

/// The index directory when neither `--index` nor `POISK_INDEX` is given.
pub const DEFAULT_INDEX: &str = "./poisk-index";

/// `poisk index --commit-every`'s default, in megabytes of article text.
pub const COMMIT_EVERY_MB: f64 = 32.0;

#[derive(Debug, Args)]
pub struct IndexArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// Files or directories to index (directories are walked recursively); - reads JSONL from stdin.
    #[arg(required_unless_present = "merge", value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Indexing threads [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub threads: Option<u16>,
    /// Memory budget of the index writer, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 256, value_parser = clap::value_parser!(u32).range(16..=65536))]
    pub memory: u32,
    /// Delete everything in the index first, then index PATH.
    #[arg(long, requires = "paths")]
    pub rebuild: bool,
    /// Progress bar: auto shows it on a terminal.
    #[arg(long, value_enum, default_value_t = When::Auto, value_name = "WHEN")]
    pub progress: When,
    /// Commit (make durable and searchable) after the first MB megabytes of article text, then each
    /// time the text since the last commit reaches MB or half of what the run has committed (at most 1
    /// GB), whichever is more, and after every 100,000 articles that replace indexed ones: a long run
    /// that is killed keeps two thirds or more of its progress, and its commits stay few enough that
    /// merging their segments costs little. 0 commits only at the end, as --rebuild always does.
    #[arg(long, value_name = "MB", default_value_t = COMMIT_EVERY_MB, value_parser = megabytes)]
    pub commit_every: f64,
    /// Afterwards delete the articles that came from under PATH but were not read this time: their
    /// file is gone, or their id is no longer in their JSONL file.
    #[arg(long, requires = "paths")]
    pub prune: bool,
    /// Afterwards merge the index's segments into one (as Lucene's forceMerge and Manticore's OPTIMIZE
    /// do): searches get faster, for the price of rewriting the whole index once. Worth it after a bulk
    /// load; without it, the writer merges segments now and then on its own. Without PATH, merges the
    /// index as it is.
    #[arg(long)]
    pub merge: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Files or directories to index, as `poisk index` takes them (not -: each engine reads them).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Queries to time, one per line (# starts a comment) [default: a built-in set of 79 Russian news
    /// queries].
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,
    /// How many times each query is timed on each engine.
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    pub repeat: u32,
    /// Index with each engine this many times (alternating) and report the fastest run.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub runs: u32,
    /// Indexing threads of both engines [default: one per core].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub threads: Option<u16>,
    /// Memory budget of both engines' index writers, in megabytes.
    #[arg(long, value_name = "MB", default_value_t = 256, value_parser = clap::value_parser!(u32).range(16..=65536))]
    pub memory: u32,
    /// Keep the two indexes in DIR (DIR/poisk and DIR/stock) instead of deleting them.
    #[arg(long, value_name = "DIR")]
    pub keep: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Progress bar: auto shows it on a terminal.
    #[arg(long, value_enum, default_value_t = When::Auto, value_name = "WHEN")]
    pub progress: When,
    /// Internal: index with this engine into --child-dir and print what was measured as JSON.
    #[arg(long, value_enum, hide = true, requires = "child_dir")]
    pub child: Option<BenchEngine>,
    /// Internal: where --child indexes.
    #[arg(long, hide = true, value_name = "DIR")]
    pub child_dir: Option<PathBuf>,
}

/// The engines `poisk bench` compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BenchEngine {
    /// poisk, as `poisk index` runs.
    Poisk,
    /// Stock tantivy with its Russian stemmer.
    Stock,
}

/// A size in megabytes: a number, 0 or more (`0.5` is half a megabyte).
fn megabytes(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(mb) if mb.is_finite() && mb >= 0.0 => Ok(mb),
        _ => Err(format!("{text:?} is not a number of megabytes (0 or more)")),
    }
}

/// A number of seconds, 0 or more.
fn seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s >= 0.0 => Ok(s),
        _ => Err(format!("{text:?} is not a number of seconds (0 or more)")),
    }
}

/// The time budget of `--timeout SECONDS`: 0, or more than a clock can
/// hold, is no limit.
pub fn time_budget(seconds: f64) -> std::time::Duration {
    match std::time::Duration::try_from_secs_f64(seconds) {
        Ok(budget) if !budget.is_zero() => budget,
        _ => std::time::Duration::MAX,
    }
}

/// What `search` and `timeline` both narrow a query by.
#[derive(Debug, Args)]
pub struct Filters {
    /// Quotations instead of articles.
    #[arg(long)]
    pub quotes: bool,
    /// Only quotes by this speaker (any form: Путина, "Владимир Путин"); implies --quotes.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// With --quotes: quotations (the default), the author's terms in guillemets, or names; implies --quotes.
    #[arg(long, value_enum)]
    pub kind: Option<SpanKind>,
    /// Only quotes whose speaker is a person, an organisation, a group or a document; implies --quotes.
    #[arg(long, value_enum, value_name = "KIND")]
    pub speaker_kind: Option<WhoKind>,
    /// Only articles (or quotes) of this source, as written (ng.ru; see --facet source).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Only documents dated on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<poisk::Date>,
    /// Only documents dated on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<poisk::Date>,
    /// Search exactly as typed: no typo correction (Скрипль → Скрипаль) and no keyboard-layout fix
    /// (rehcrjq → курской).
    #[arg(long)]
    pub as_typed: bool,
}

impl Filters {
    /// What `query` matches, narrowed by these filters.
    pub fn matching(&self, query: &str) -> poisk::search::Match {
        let mut matching = poisk::search::Match::new(query);
        if self.quotes {
            matching = matching.kind(poisk::Kind::Quote);
        }
        if let Some(speaker) = &self.speaker {
            matching = matching.speaker(speaker.clone());
        }
        if let Some(kind) = self.kind {
            matching = matching.quote_kind(kind.into());
        }
        if let Some(kind) = self.speaker_kind {
            matching = matching.speaker_kind(kind.into());
        }
        if let Some(source) = &self.source {
            matching = matching.source(source.clone());
        }
        matching.since = self.since;
        matching.until = self.until;
        matching.fix_layout = !self.as_typed;
        matching.fix_typos = !self.as_typed;
        matching
    }
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub location: IndexLocation,
    /// The query; - reads one query per line from stdin and answers each in turn.
    ///
    /// Words match in any inflected form, all of them by default. "a phrase"~N, -word, a OR b,
    /// (groups), title:word, speaker:name, source:ng.ru, date:2025-09, date:>=2025-09,
    /// date:[2025-09-01 TO *], prefix*, ="exact form", typo~1 (up to ~2), word^2 (boost), a || b
    /// and a | b (OR), a NEAR/3 b (at most 3 words apart). A word the index lacks is corrected to
    /// the closest one it has (Скрипль → Скрипаль), and a query typed on the Latin layout by
    /// mistake (rehcrjq for курской) is retried on the Russian one when it finds almost nothing;
    /// --as-typed turns both off. No query (or *) lists everything the filters let through,
    /// newest first.
    #[arg(value_name = "QUERY", allow_hyphen_values = true, default_value = "", hide_default_value = true)]
    pub query: String,
    /// Print only the number of matches (the hits are not read).
    #[arg(short = 'c', long, conflicts_with_all = ["explain", "offset", "sort"])]
    pub count: bool,
    /// How many hits to show (with --offset, at most the first 10000 results).
    #[arg(short = 'n', long = "limit", value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// How many of the best hits to skip.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,
    #[command(flatten)]
    pub filters: Filters,
    /// Snippets per hit (at most 20).
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub snippets: usize,
    /// Order of hits: best match first, or newest first (undated last).
    #[arg(long, value_enum, default_value_t = SortBy::Relevance)]
    pub sort: SortBy,
    /// Count the matches by source, speaker (whom they quote), year or month, beside the hits; repeat
    /// or list with commas for several.
    #[arg(long, value_name = "FACET", value_delimiter = ',')]
    pub facet: Vec<FacetName>,
    /// How many values of a source or speaker facet to list, most frequent first (at most 100).
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub facet_values: usize,
    /// Show articles whose text is nearly the same as a better hit's as hits of their own, instead of
    /// once with "N more like this".
    #[arg(long)]
    pub no_collapse: bool,
    /// Show under each hit how its score was built (BM25 per field, boosts, proximity bonus); the first 100 hits.
    #[arg(long)]
    pub explain: bool,
    /// Stop searching after this many seconds and show what was found so far, marked partial; 0 for no limit.
    #[arg(long, value_name = "SECONDS", value_parser = seconds, default_value_t = poisk::limits::DEFAULT_TIME_BUDGET.as_secs_f64())]
    pub timeout: f64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = When::Auto, value_name = "WHEN")]
    pub color: When,
}

/// Refuses a mistyped option of `poisk search` (`--limt`), naming the one
/// it most likely meant. The query takes values that begin with `-`
/// (`-песков путин`), so clap would read `--limt` before it as the query,
/// or stop at the option's value; a `--word` that is no option of `search`
/// is refused here, before clap reads the arguments (after `--`, anything
/// goes).
pub fn check_search_options(args: &[std::ffi::OsString]) -> Result<(), String> {
    if args.get(1).and_then(|a| a.to_str()) != Some("search") {
        return Ok(());
    }
    let command = <Cli as clap::CommandFactory>::command();
    let Some(search) = command.find_subcommand("search") else {
        return Ok(());
    };
    let longs: Vec<String> =
        search.get_arguments().filter_map(|a| a.get_long().map(str::to_owned)).chain(["help".to_owned()]).collect();
    for arg in args.iter().skip(2).filter_map(|a| a.to_str()).take_while(|a| *a != "--") {
        let Some(name) = arg.strip_prefix("--").filter(|n| is_option_name(n)) else {
            continue;
        };
        let name = name.split('=').next().unwrap_or(name);
        if longs.iter().any(|l| l == name) {
            continue;
        }
        let tip = closest_option(name, &longs).map_or_else(String::new, |near| format!("; did you mean --{near}?"));
        return Err(format!("--{name} is not an option of poisk search{tip}"));
    }
    Ok(())
}

/// `name` could be an option: ASCII letters, digits and dashes, beginning
/// with a letter, and an optional `=value`.
fn is_option_name(text: &str) -> bool {
    let name = text.split('=').next().unwrap_or(text);
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The option among `longs` closest to `typed`, when at most two edits (or
/// one for a short name) away, or when `typed` begins it.
fn closest_option<'a>(typed: &str, longs: &'a [String]) -> Option<&'a str> {
    let allowed = if typed.len() <= 4 { 1 } else { 2 };
    longs
        .iter()
        .map(|long| (if long.starts_with(typed) { 0 } else { edits(typed, long) }, long))
        .filter(|(d, _)| *d <= allowed)
        .min_by_key(|(d, _)| *d)
        .map(|(_, long)| long.as_str())
}

/// Levenshtein distance between two short ASCII names.
fn edits(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1).min(row[j] + 1).min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// What `--facet` counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FacetName {
    /// The article's source.
    Source,
    /// Whom a match quotes (an article counts once for each speaker it quotes).
    Speaker,
    Year,
    Month,
}

impl FacetName {
    pub fn facet(self) -> poisk::search::Facet {
        use poisk::search::Facet;
        match self {
            FacetName::Source => Facet::Source,
            FacetName::Speaker => Facet::Speaker,
            FacetName::Year => Facet::Year,
            FacetName::Month => Facet::Month,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortBy {
    /// Best match first.
    Relevance,
    /// Newest first; undated articles last.
    Date,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people to read.
    Text,
    /// For programs: JSON, one object a line (one per query for search).
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum When {
    /// Only when writing to a terminal.
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mistyped_option_is_named_with_the_one_meant() {
        let check = |args: &[&str]| {
            let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
            check_search_options(&args)
        };
        let refused = "--limt is not an option of poisk search; did you mean --limit?";
        assert_eq!(check(&["poisk", "search", "--limt", "5", "путин"]).unwrap_err(), refused);
        assert_eq!(
            check(&["poisk", "search", "путин", "--snipets=3"]).unwrap_err(),
            "--snipets is not an option of poisk search; did you mean --snippets?"
        );
        assert_eq!(check(&["poisk", "search", "--zzzzzz"]).unwrap_err(), "--zzzzzz is not an option of poisk search");
        // Options, queries that begin with a dash, and anything after `--`.
        assert!(check(&["poisk", "search", "--limit", "5", "--index", "x", "путин"]).is_ok());
        assert!(check(&["poisk", "search", "-песков путин"]).is_ok());
        assert!(check(&["poisk", "search", "--", "--limt"]).is_ok());
        assert!(check(&["poisk", "stats", "--limt"]).is_ok());
    }
}
