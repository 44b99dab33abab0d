//! Quotations on real text: the seed article, a hand-labelled sample of the
//! corpus (quality figures with floors), and properties of the span finder.

use std::collections::{HashMap, HashSet};
use std::io::BufRead;
use std::time::Instant;

use poisk::Quote;
use poisk::quotes::{AttributionMethod, QuoteKind, extract_quotes, extract_spans};
use proptest::prelude::*;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../seeds/2025-09-03-putin-kim-talks-beijing.txt");
const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/news.jsonl.gz");
const LABELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/quote_labels.tsv");
const DEV_LABELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/quote-sample-dev.tsv");
const TEST_LABELS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/quote-sample-test.tsv");

// Floors: each sample's measured figures less a margin of two spans, so
// that two more errors in a figure pass and a third fails (QUALITY.md,
// "Floors"). Extraction is deterministic, so the margin is no measuring
// noise: it leaves room for a change that trades one span for another.
//
// The test half is only scored, never read: its floors guard against a
// regression on text no rule was written from, and are no target to tune
// for. Measured: precision 223/233, recall 223/230, speaker 168/214.
const MIN_TEST_PRECISION: f64 = 0.946;
const MIN_TEST_RECALL: f64 = 0.96;
const MIN_TEST_SPEAKER_ACCURACY: f64 = 0.775;
// The dev half, tuned on. Measured: 194/208, 194/201, 156/188.
const MIN_PRECISION: f64 = 0.92;
const MIN_RECALL: f64 = 0.955;
const MIN_SPEAKER_ACCURACY: f64 = 0.819;
// The old sample, tuned on in the past. Measured: 87/88, 87/88, 40/40.
const MIN_OLD_PRECISION: f64 = 0.965;
const MIN_OLD_RECALL: f64 = 0.965;
const MIN_OLD_SPEAKER_ACCURACY: f64 = 0.95;
// The issue's target for both halves: a speaker where the label has none
// for at most 3% of quotations.
const MAX_SPURIOUS: f64 = 0.03;

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
    /// `quote`, `term` or `name` (`skip` rows are not read).
    kind: String,
    speaker: String,
    /// The article names the speaker of this quotation explicitly (the old
    /// sample, which has no such column: a speaker is labelled).
    explicit: bool,
}

/// Reads a labelled sample: `id start end kind speaker [speaker_kind explicit] note`
/// (the old sample has no `speaker_kind` and `explicit` columns). Rows of
/// kind `skip` (related-article boxes, stray marks) are left out.
fn read_labels(path: &str, old_format: bool) -> Vec<Label> {
    let text = std::fs::read_to_string(path).expect("labels are in the repository");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert!(f.len() >= 5, "label line has 5+ fields: {line}");
            let kind = f[3].to_string();
            assert!(["quote", "term", "name", "skip"].contains(&kind.as_str()), "unknown kind {kind}: {line}");
            let speaker = f[4].to_string();
            let explicit = if old_format { !speaker.is_empty() } else { f.get(6) == Some(&"yes") };
            Label {
                id: f[0].to_string(),
                start: f[1].parse().expect("start is a byte offset"),
                end: f[2].parse().expect("end is a byte offset"),
                kind,
                speaker,
                explicit,
            }
        })
        .filter(|l| l.kind != "skip")
        .collect()
}

/// Calls `each(id, body)` for every article of the corpus whose id `wanted`
/// accepts. The tests that call it are ignored without the corpus.
fn for_each_article(wanted: impl Fn(&str) -> bool, mut each: impl FnMut(&str, &str)) {
    let file = std::fs::File::open(CORPUS).unwrap_or_else(|e| panic!("corpus at {CORPUS}: {e}"));
    let reader = std::io::BufReader::new(flate2::read::GzDecoder::new(file));
    for line in reader.lines() {
        let line = line.expect("corpus decompresses");
        let article: serde_json::Value = serde_json::from_str(&line).expect("corpus line is JSON");
        let id = article["id"].as_str().expect("article has an id");
        if wanted(id) {
            each(id, article["body"].as_str().unwrap_or(""));
        }
    }
}

/// A word folded for comparing names: lower case, `ё` as `е`, letters and
/// digits only.
fn fold_word(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// Two words are forms of one word: equal, or sharing all but the last two
/// letters of the shorter one (`Лавров`/`Лаврова`, `Захарова`/`Захаровой`,
/// `прохожая`/`прохожей`), at least four letters.
fn same_word(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (fold_word(a).chars().collect(), fold_word(b).chars().collect());
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    a == b || (common >= 4 && common + 2 >= a.len().min(b.len()))
}

/// The same person or organisation, in any form: for a person the surnames
/// (last words) are forms of one word (`Путин`, `Владимир Путин`, `Путина`);
/// for an organisation, group or document the head (first) word of one is
/// a form of some word of the other (`пресс-служба МВД` and `МВД`,
/// `Минобороны России` and `Минобороны`, `источник в полиции` and
/// `источник`).
fn same_speaker(predicted: &str, label: &str, person: bool) -> bool {
    let (p, l): (Vec<&str>, Vec<&str>) = (predicted.split_whitespace().collect(), label.split_whitespace().collect());
    let (Some(p_last), Some(l_last)) = (p.last(), l.last()) else {
        return false;
    };
    if person {
        return same_word(p_last, l_last);
    }
    let in_other = |head: &str, other: &[&str]| other.iter().any(|w| same_word(head, w));
    in_other(p[0], &l) || in_other(l[0], &p)
}

/// The figures of one labelled sample.
#[derive(Default, Debug)]
struct Figures {
    spans: usize,
    true_pos: usize,
    false_pos: usize,
    false_neg: usize,
    /// Quotations whose speaker the article names explicitly.
    explicit: usize,
    explicit_correct: usize,
    /// Quotations given a speaker the label does not have.
    quotes: usize,
    spurious: usize,
    same_end: usize,
}

impl Figures {
    fn ratio(part: usize, whole: usize) -> f64 {
        if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
    }
    fn precision(&self) -> f64 {
        Self::ratio(self.true_pos, self.true_pos + self.false_pos)
    }
    fn recall(&self) -> f64 {
        Self::ratio(self.true_pos, self.true_pos + self.false_neg)
    }
    fn speaker_accuracy(&self) -> f64 {
        Self::ratio(self.explicit_correct, self.explicit)
    }
    fn spurious_rate(&self) -> f64 {
        Self::ratio(self.spurious, self.quotes)
    }

    fn line(&self, name: &str) -> String {
        format!(
            "{name}: {} spans, {} quotations; quotation precision {:.3} ({}/{}) recall {:.3} ({}/{}); \
             speaker correct {:.3} ({}/{} explicit); speaker where the label has none {:.3} ({}/{} quotations); \
             quote end agrees {}/{}",
            self.spans,
            self.quotes,
            self.precision(),
            self.true_pos,
            self.true_pos + self.false_pos,
            self.recall(),
            self.true_pos,
            self.true_pos + self.false_neg,
            self.speaker_accuracy(),
            self.explicit_correct,
            self.explicit,
            self.spurious_rate(),
            self.spurious,
            self.quotes,
            self.same_end,
            self.true_pos,
        )
    }
}

/// Scores one label against the quotations extracted from its article.
/// `errors` prints what went wrong (for the dev half and the old sample
/// only: the test half is scored, never read).
fn score(label: &Label, spans: &[Quote], positive: &[QuoteKind], person: bool, figures: &mut Figures, errors: bool) {
    figures.spans += 1;
    let found = spans.iter().find(|q| q.start < label.end && label.start < q.end && positive.contains(&q.kind));
    let gold_quote = label.kind == "quote";
    match (gold_quote, found) {
        (true, Some(q)) => {
            figures.true_pos += 1;
            figures.same_end += usize::from(q.end == label.end);
        }
        (true, None) => {
            figures.false_neg += 1;
            if errors {
                eprintln!("missed quotation: {} {}", label.id, label.start);
            }
        }
        (false, Some(q)) => {
            figures.false_pos += 1;
            if errors {
                eprintln!("{} taken for a quotation: {} {} «{}»", label.kind, label.id, label.start, q.text);
            }
        }
        (false, None) => {}
    }
    if !gold_quote {
        return;
    }
    figures.quotes += 1;
    let predicted = found.and_then(|q| q.speaker.as_deref());
    if label.speaker.is_empty() {
        if let Some(p) = predicted {
            figures.spurious += 1;
            if errors {
                eprintln!("speaker where none is named: {} {} got {p:?}", label.id, label.start);
            }
        }
    } else if label.explicit {
        figures.explicit += 1;
        if predicted.is_some_and(|p| same_speaker(p, &label.speaker, person)) {
            figures.explicit_correct += 1;
        } else if errors {
            eprintln!("speaker: {} {} want {} got {predicted:?}", label.id, label.start, label.speaker);
        }
    }
}

/// Scores the sample at `path` against [`extract_spans`] over the corpus.
fn evaluate(path: &str, old_format: bool, errors: bool) -> Figures {
    let labels = read_labels(path, old_format);
    let ids: HashSet<&str> = labels.iter().map(|l| l.id.as_str()).collect();
    let mut quotes_by_id: HashMap<String, Vec<Quote>> = HashMap::new();
    for_each_article(
        |id| ids.contains(id),
        |id, body| {
            quotes_by_id.insert(id.to_string(), extract_spans(body));
        },
    );
    // The old sample labelled the author's terms as quotes (its guide had
    // no `term`): it is scored as it was labelled.
    let positive: &[QuoteKind] = if old_format { &[QuoteKind::Quote, QuoteKind::Term] } else { &[QuoteKind::Quote] };
    assert_eq!(quotes_by_id.len(), ids.len(), "every labelled article of {path} is in the corpus");
    let kinds = read_speaker_kinds(path, old_format);
    let mut figures = Figures::default();
    for (label, person) in labels.iter().zip(kinds) {
        let quotes = quotes_by_id.get(&label.id).map_or(&[][..], Vec::as_slice);
        score(label, quotes, positive, person, &mut figures, errors);
    }
    figures
}

/// For each scored row of the sample at `path`: its speaker is a person
/// (the old sample labels persons only).
fn read_speaker_kinds(path: &str, old_format: bool) -> Vec<bool> {
    let text = std::fs::read_to_string(path).expect("labels are in the repository");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .filter(|f| f[3] != "skip")
        .map(|f| old_format || f.get(5).is_none_or(|k| *k == "person" || k.is_empty()))
        .collect()
}

/// The quality figures on the three labelled samples: the dev half (read
/// and tuned on), the test half (only scored here: no rule comes from it)
/// and the older sample. `QUOTE_ERRORS=1` lists the dev half's and the old
/// sample's errors by article id and byte offset.
///
/// ```text
/// cargo test -p poisk --test quotes labelled_samples_meet_quality_floors -- --nocapture
/// ```
#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn labelled_samples_meet_quality_floors() {
    let errors = std::env::var_os("QUOTE_ERRORS").is_some();
    let dev = evaluate(DEV_LABELS, false, errors);
    let test = evaluate(TEST_LABELS, false, false);
    let old = evaluate(LABELS, true, errors);
    eprintln!("{}", dev.line("dev"));
    eprintln!("{}", test.line("test"));
    eprintln!("{}", old.line("old"));
    assert!(dev.spans >= 300 && test.spans >= 300, "both halves are scored");
    assert!(dev.precision() >= MIN_PRECISION, "dev precision {:.3}", dev.precision());
    assert!(dev.recall() >= MIN_RECALL, "dev recall {:.3}", dev.recall());
    assert!(dev.speaker_accuracy() >= MIN_SPEAKER_ACCURACY, "dev speaker accuracy {:.3}", dev.speaker_accuracy());
    assert!(dev.spurious_rate() <= MAX_SPURIOUS, "dev spurious speakers {:.3}", dev.spurious_rate());
    assert!(test.precision() >= MIN_TEST_PRECISION, "test precision {:.3}", test.precision());
    assert!(test.recall() >= MIN_TEST_RECALL, "test recall {:.3}", test.recall());
    assert!(
        test.speaker_accuracy() >= MIN_TEST_SPEAKER_ACCURACY,
        "test speaker accuracy {:.3}",
        test.speaker_accuracy()
    );
    assert!(test.spurious_rate() <= MAX_SPURIOUS, "test spurious speakers {:.3}", test.spurious_rate());
    assert!(old.precision() >= MIN_OLD_PRECISION, "old precision {:.3}", old.precision());
    assert!(old.recall() >= MIN_OLD_RECALL, "old recall {:.3}", old.recall());
    assert!(old.speaker_accuracy() >= MIN_OLD_SPEAKER_ACCURACY, "old speaker accuracy {:.3}", old.speaker_accuracy());
}

#[test]
fn speakers_compare_in_any_form() {
    assert!(same_speaker("Владимир Путин", "Путин", true));
    assert!(same_speaker("Захаровой", "Мария Захарова", true));
    assert!(!same_speaker("Владимир Путин", "Дмитрий Песков", true));
    assert!(same_speaker("МВД", "пресс-служба МВД", false));
    assert!(same_speaker("Минобороны России", "Минобороны", false));
    assert!(!same_speaker("МИД России", "Следственный комитет России", false));
}

/// Extraction speed over the whole corpus. Ignored by default; run it with
/// an optimised build (see QUALITY.md for the command).
#[test]
#[ignore = "benchmark over the whole corpus"]
fn throughput_over_corpus() {
    let mut bodies = Vec::new();
    for_each_article(|_| true, |_, body| bodies.push(body.to_string()));
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
