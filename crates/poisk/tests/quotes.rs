//! Quotations on real text: the seed article, a hand-labelled sample of the
//! corpus (quality figures with floors), and properties of the span finder.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::path::Path;
use std::time::Instant;

use poisk::Quote;
use poisk::quotes::{AttributionMethod, extract_quotes};
use proptest::prelude::*;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds/2025-09-03-putin-kim-talks-beijing.txt");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/news.jsonl.gz");
const LABELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/quote_labels.tsv");

// Floors for the labelled sample, a little below the figures reached (see
// QUALITY.md); a change that loses quality fails here.
const MIN_PRECISION: f64 = 0.97;
const MIN_RECALL: f64 = 0.97;
const MIN_F1: f64 = 0.97;
const MIN_SPEAKER_ACCURACY: f64 = 0.90;

/// The seed body as the article parser gives it: the text after the header
/// line and the blank line, paragraphs joined by `\n`, the agency lead gone.
fn seed_body() -> String {
    let file = std::fs::read_to_string(SEED).expect("seed article is in the repository");
    let text = file.split_once("\n\n").expect("header line, then a blank line").1;
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).collect();
    let body = paragraphs.join("\n");
    body.strip_prefix("CentralAsia (CA) - ").expect("seed starts with the agency lead").to_string()
}

fn speakers(quotes: &[Quote]) -> Vec<Option<&str>> {
    quotes.iter().map(|q| q.speaker.as_deref()).collect()
}

#[test]
fn seed_article_has_four_attributed_quotes() {
    let body = seed_body();
    let quotes = extract_quotes(&body);
    assert_eq!(
        speakers(&quotes),
        [Some("Владимир Путин"), Some("Владимир Путин"), Some("Ким Чен Ын"), Some("Ким Чен Ын")]
    );
    let methods: Vec<_> = quotes.iter().map(|q| q.attribution.as_ref().map(|a| a.method)).collect();
    assert_eq!(
        methods,
        [
            Some(AttributionMethod::After),
            Some(AttributionMethod::After),
            Some(AttributionMethod::Role),
            Some(AttributionMethod::Pronoun)
        ]
    );
    let mentions: Vec<_> = quotes.iter().map(|q| q.attribution.as_ref().map(|a| a.mention.as_str())).collect();
    assert_eq!(mentions, [Some("Путин"), Some("Путин"), Some("лидер КНДР"), Some("он")]);
    for q in &quotes {
        assert_eq!(&body[q.start..q.end], format!("«{}»", q.text));
        assert!(!q.unclosed);
    }
    assert!(quotes[0].text.contains("Договором [о всеобъемлющем"), "bracketed insert stays inside");
    assert!(quotes.iter().all(|q| q.text != "Аурус"), "«Аурус» is a name");
}

/// One labelled «…» span.
struct Label {
    id: String,
    start: usize,
    end: usize,
    quote: bool,
    speaker: String,
}

fn read_labels() -> Vec<Label> {
    let text = std::fs::read_to_string(LABELS).expect("labels are in the repository");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert!(f.len() >= 5, "label line has 5+ fields: {line}");
            Label {
                id: f[0].to_string(),
                start: f[1].parse().expect("start is a byte offset"),
                end: f[2].parse().expect("end is a byte offset"),
                quote: match f[3] {
                    "quote" => true,
                    "name" => false,
                    other => panic!("kind must be quote or name, not {other}"),
                },
                speaker: f[4].to_string(),
            }
        })
        .collect()
}

/// Calls `each(id, body)` for every article of the corpus whose id `wanted`
/// accepts. Returns false (after saying why) when the corpus is absent.
fn for_each_article(wanted: impl Fn(&str) -> bool, mut each: impl FnMut(&str, &str)) -> bool {
    if !Path::new(CORPUS).exists() {
        eprintln!("skipping: corpus not found at {CORPUS}");
        return false;
    }
    let file = std::fs::File::open(CORPUS).expect("corpus opens");
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    for line in reader.lines() {
        let line = line.expect("corpus decompresses");
        let article: serde_json::Value = serde_json::from_str(&line).expect("corpus line is JSON");
        let id = article["id"].as_str().expect("article has an id");
        if wanted(id) {
            each(id, article["body"].as_str().unwrap_or(""));
        }
    }
    true
}

/// `Владимир Путин` and `Путин` are the same speaker: compare surnames,
/// case-folded, with `ё` as `е`.
fn same_speaker(predicted: &str, label: &str) -> bool {
    let surname = |s: &str| s.split_whitespace().last().unwrap_or("").to_lowercase().replace('ё', "е");
    !label.is_empty() && surname(predicted) == surname(label)
}

#[derive(Default, Debug)]
struct Figures {
    true_pos: usize,
    false_pos: usize,
    false_neg: usize,
    names: usize,
    speaker_total: usize,
    speaker_correct: usize,
    same_end: usize,
    spoken_unlabelled: usize,
    unlabelled_quotes: usize,
}

impl Figures {
    fn precision(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_pos) as f64
    }
    fn recall(&self) -> f64 {
        self.true_pos as f64 / (self.true_pos + self.false_neg) as f64
    }
    fn f1(&self) -> f64 {
        2.0 * self.precision() * self.recall() / (self.precision() + self.recall())
    }
    fn speaker_accuracy(&self) -> f64 {
        self.speaker_correct as f64 / self.speaker_total as f64
    }
}

fn score(label: &Label, quotes: &[Quote], figures: &mut Figures) {
    let found = quotes.iter().find(|q| q.start == label.start);
    match (label.quote, found) {
        (true, Some(q)) => {
            figures.true_pos += 1;
            figures.same_end += usize::from(q.end == label.end);
        }
        (true, None) => figures.false_neg += 1,
        (false, Some(q)) => {
            figures.false_pos += 1;
            eprintln!("name taken for a quote: {} {} «{}»", label.id, label.start, q.text);
        }
        (false, None) => figures.names += 1,
    }
    if label.quote && label.speaker.is_empty() {
        figures.unlabelled_quotes += 1;
        figures.spoken_unlabelled += usize::from(found.is_some_and(|q| q.speaker.is_some()));
    }
    if label.quote && !label.speaker.is_empty() {
        figures.speaker_total += 1;
        let predicted = found.and_then(|q| q.speaker.as_deref()).unwrap_or("");
        if same_speaker(predicted, &label.speaker) {
            figures.speaker_correct += 1;
        } else {
            eprintln!("speaker: {} {} want {} got {predicted:?}", label.id, label.start, label.speaker);
        }
    }
    if label.quote && found.is_none() {
        eprintln!("missed quote: {} {}", label.id, label.start);
    }
}

#[test]
fn labelled_sample_meets_quality_floors() {
    let labels = read_labels();
    assert!(labels.len() >= 150, "at least 150 labelled spans");
    let ids: HashSet<&str> = labels.iter().map(|l| l.id.as_str()).collect();
    let mut quotes_by_id: HashMap<String, Vec<Quote>> = HashMap::new();
    let present = for_each_article(
        |id| ids.contains(id),
        |id, body| {
            quotes_by_id.insert(id.to_string(), extract_quotes(body));
        },
    );
    if !present {
        return;
    }
    let mut figures = Figures::default();
    for label in &labels {
        let quotes = quotes_by_id.get(&label.id).map_or(&[][..], Vec::as_slice);
        score(label, quotes, &mut figures);
    }
    eprintln!(
        "n={} spans ({} quotes, {} names); precision {:.3} recall {:.3} F1 {:.3}; \
         speaker accuracy {:.3} ({}/{}); quote end agrees {}/{}; \
         quotes labelled without a person speaker but given one: {}/{}",
        labels.len(),
        figures.true_pos + figures.false_neg,
        figures.names + figures.false_pos,
        figures.precision(),
        figures.recall(),
        figures.f1(),
        figures.speaker_accuracy(),
        figures.speaker_correct,
        figures.speaker_total,
        figures.same_end,
        figures.true_pos,
        figures.spoken_unlabelled,
        figures.unlabelled_quotes,
    );
    assert!(figures.precision() >= MIN_PRECISION, "precision {:.3}", figures.precision());
    assert!(figures.recall() >= MIN_RECALL, "recall {:.3}", figures.recall());
    assert!(figures.f1() >= MIN_F1, "F1 {:.3}", figures.f1());
    assert!(figures.speaker_accuracy() >= MIN_SPEAKER_ACCURACY, "speaker accuracy {:.3}", figures.speaker_accuracy());
}

/// Extraction speed over the whole corpus. Ignored by default; run it with
/// an optimised build (see QUALITY.md for the command).
#[test]
#[ignore = "benchmark over the whole corpus"]
fn throughput_over_corpus() {
    let mut bodies = Vec::new();
    if !for_each_article(|_| true, |_, body| bodies.push(body.to_string())) {
        return;
    }
    let bytes: usize = bodies.iter().map(String::len).sum();
    let (started, cpu_started) = (Instant::now(), thread_cpu_seconds());
    let quotes: usize = bodies.iter().map(|b| extract_quotes(b).len()).sum();
    let seconds = started.elapsed().as_secs_f64();
    let megabytes = bytes as f64 / 1e6;
    eprintln!(
        "{} articles, {megabytes:.1} MB, {quotes} quotes in {seconds:.2} s: {:.1} MB/s",
        bodies.len(),
        megabytes / seconds
    );
    // On a shared machine wall time counts other processes' turns too; the
    // thread's own CPU time is the figure to compare between runs.
    if let (Some(cpu_started), Some(cpu_ended)) = (cpu_started, thread_cpu_seconds()) {
        let cpu = cpu_ended - cpu_started;
        eprintln!("CPU time {cpu:.2} s: {:.1} MB/s of CPU", megabytes / cpu);
    }
    assert!(quotes > 0);
}

/// CPU time this thread has run, from Linux's `/proc/thread-self/schedstat`
/// (nanoseconds first); `None` elsewhere.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos / 1e9)
}

/// Text made of the characters that matter to the span finder.
fn quote_soup() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "«",
        "»",
        "„",
        "“",
        "\n",
        ", — ",
        "» — ",
        ": ",
        "сказал",
        " он ",
        "Путин ",
        "Ким Чен Ын ",
        "лидер КНДР ",
        "По словам ",
        ". ",
        "а",
        "Ё",
        "n",
        " ",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

fn assert_spans_sound(body: &str) {
    let quotes = extract_quotes(body);
    let mut last_end = 0;
    for q in &quotes {
        assert!(q.start < q.end, "empty span in {body:?}");
        assert!(q.start >= last_end, "overlapping spans in {body:?}");
        assert!(body.is_char_boundary(q.start) && body.is_char_boundary(q.end));
        assert!(q.end <= body.len());
        assert!(body[q.start..].starts_with('«'));
        assert!(body[q.start..q.end].contains(q.text.as_str()));
        last_end = q.end;
    }
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(body in any::<String>()) {
        assert_spans_sound(&body);
    }

    #[test]
    fn guillemet_soup_gives_sound_spans(body in quote_soup()) {
        assert_spans_sound(&body);
    }
}

#[test]
#[ignore = "debug"]
fn debug_article() {
    let want: Vec<String> = std::env::var("QID").unwrap_or_default().split(',').map(String::from).collect();
    for_each_article(
        |id| want.iter().any(|w| w == id),
        |id, body| {
            for q in extract_quotes(body) {
                let t: String = q.text.chars().take(40).collect();
                let after: String = body[q.end..].chars().take(60).collect();
                eprintln!("{id} {} {:?} {:?} | {t} | {after}", q.start, q.speaker, q.attribution);
            }
        },
    );
}
