//! A ranking laboratory: exhaustive BM25 variants over poisk's stems of the
//! corpus, to learn which scoring is worth building into the engine before
//! building it.
//!
//! ```text
//! cargo run --release -p poisk-examples --example rank_lab -- [--all]
//! ```
//!
//! Every body of `../shared/corpus/news.jsonl.gz` is analysed with poisk's
//! analyzer and held in memory as a sequence of stem ids; each editorial lead
//! of `qa-dev/rt_summary_to_article.tsv` (the committed sample of 1,000, or
//! `--all`) is analysed the same way, stop words and repeated stems left out
//! as poisk does for prose, and scored against every article by each variant.
//! Printed: MRR@10, Recall@1 and Recall@10 per variant.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use anyhow::{Context, Result};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/corpus");
const SAMPLE_42: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/eval-sample-42.txt");
const LEAD_WORDS: usize = 60;

struct Corpus {
    ids: Vec<String>,
    docs: Vec<Vec<u32>>,
    vocab: HashMap<String, u32>,
    /// Per stem: (doc, tf in body, tf in the first LEAD_WORDS words).
    postings: Vec<Vec<(u32, u16, u16, u32)>>,
    stop: HashSet<u32>,
    avg_len: f32,
    avg_lead: f32,
}

fn load(path: &Path) -> Result<Corpus> {
    let mut vocab: HashMap<String, u32> = HashMap::new();
    let mut ids = Vec::new();
    let mut docs = Vec::new();
    for article in poisk::input::read_jsonl(path)? {
        let article = article?;
        let stems: Vec<u32> = poisk::analysis::analyze(&article.body)
            .into_iter()
            .map(|t| {
                let n = vocab.len() as u32;
                *vocab.entry(t.stem).or_insert(n)
            })
            .collect();
        ids.push(article.id);
        docs.push(stems);
    }
    let mut postings: Vec<Vec<(u32, u16, u16, u32)>> = vec![Vec::new(); vocab.len()];
    let mut tf: HashMap<u32, (u16, u16, u32)> = HashMap::new();
    for (d, stems) in docs.iter().enumerate() {
        tf.clear();
        for (i, &s) in stems.iter().enumerate() {
            let e = tf.entry(s).or_insert((0, 0, i as u32));
            e.0 = e.0.saturating_add(1);
            if i < LEAD_WORDS {
                e.1 += 1;
            }
        }
        for (&s, &(b, l, first)) in &tf {
            postings[s as usize].push((d as u32, b, l, first));
        }
    }
    let stop: HashSet<u32> = poisk::query::STOP_WORDS
        .iter()
        .flat_map(|w| poisk::analysis::analyze(w))
        .filter_map(|t| vocab.get(&t.stem).copied())
        .collect();
    let n = docs.len() as f32;
    let avg_len = docs.iter().map(|d| d.len() as f32).sum::<f32>() / n;
    let avg_lead = docs.iter().map(|d| d.len().min(LEAD_WORDS) as f32).sum::<f32>() / n;
    Ok(Corpus { ids, docs, vocab, postings, stop, avg_len, avg_lead })
}

#[derive(Clone, Copy)]
struct Params {
    k1: f32,
    b: f32,
    lead: f32,
    /// BM25F: lead and body frequencies summed before saturation.
    bm25f: bool,
    idf_pow: f32,
    /// Proximity rerank of the top 50: weight of the share of neighbouring
    /// query-stem pairs found within `window` positions.
    prox: f32,
    window: usize,
    /// Rerank of the top 50: weight of the share of the idf mass of the
    /// first `cover_words` distinct stems of the body found in the query.
    cover: f32,
    cover_words: usize,
    /// Adds `decay_w * exp(-first / decay)` per matched term, `first` being
    /// its first position in the body (0 = off).
    decay: f32,
    decay_w: f32,
    /// A second lead window: its first `lead2_words` words, weighted `lead2`.
    lead2: f32,
    lead2_words: usize,
    /// Query words weighted `1 + qpos_w * exp(-i / qpos)`, `i` being the
    /// word's place among the query's words.
    qpos: f32,
    qpos_w: f32,
}

fn idf(n: f32, df: f32) -> f32 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

fn rank(c: &Corpus, q: &[u32], p: Params, scores: &mut [f32]) -> Vec<u32> {
    scores.iter_mut().for_each(|s| *s = 0.0);
    let n = c.docs.len() as f32;
    let mut touched = Vec::new();
    let mut weights = Vec::with_capacity(q.len());
    for (i, &t) in q.iter().enumerate() {
        let post = &c.postings[t as usize];
        let w = idf(n, post.len() as f32).powf(p.idf_pow);
        let w = if p.qpos > 0.0 { w * (1.0 + p.qpos_w * (-(i as f32) / p.qpos).exp()) } else { w };
        weights.push(w);
        for &(d, tf_b, tf_l, first) in post {
            let len = c.docs[d as usize].len() as f32;
            let lead_len = len.min(LEAD_WORDS as f32);
            let nb = 1.0 - p.b + p.b * len / c.avg_len;
            let nl = 1.0 - p.b + p.b * lead_len / c.avg_lead;
            let s = if p.bm25f {
                let f = tf_b as f32 / nb + p.lead * tf_l as f32 / nl;
                w * f * (p.k1 + 1.0) / (p.k1 + f)
            } else {
                let fb = tf_b as f32;
                let fl = tf_l as f32;
                let body = w * fb * (p.k1 + 1.0) / (fb + p.k1 * nb);
                let lead = if fl > 0.0 { w * fl * (p.k1 + 1.0) / (fl + p.k1 * nl) } else { 0.0 };
                body + p.lead * lead
            };
            let s = if p.lead2 > 0.0 && (first as usize) < p.lead2_words {
                let doc = &c.docs[d as usize];
                let fl = doc[..doc.len().min(p.lead2_words)].iter().filter(|&&x| x == t).count() as f32;
                let l2 = doc.len().min(p.lead2_words) as f32;
                let avg2 = p.lead2_words as f32;
                let n2 = 1.0 - p.b + p.b * l2 / avg2;
                s + p.lead2 * w * fl * (p.k1 + 1.0) / (fl + p.k1 * n2)
            } else {
                s
            };
            let s = if p.decay > 0.0 { s + w * p.decay_w * (-(first as f32) / p.decay).exp() } else { s };
            if scores[d as usize] == 0.0 {
                touched.push(d);
            }
            scores[d as usize] += s;
        }
    }
    let by_score = |a: &u32, b: &u32| scores[*b as usize].total_cmp(&scores[*a as usize]).then(a.cmp(b));
    touched.sort_unstable_by(by_score);
    if p.prox > 0.0 && q.len() >= 2 {
        let top = touched.len().min(50);
        let pair_weight: f32 = weights.windows(2).map(|w| w[0].min(w[1])).sum();
        let best = scores[touched[0] as usize];
        let mut reranked: Vec<(u32, f32)> = touched[..top]
            .iter()
            .map(|&d| {
                let doc = &c.docs[d as usize];
                let mut found = 0.0;
                for (i, pair) in q.windows(2).enumerate() {
                    if near(doc, pair[0], pair[1], p.window) {
                        found += weights[i].min(weights[i + 1]);
                    }
                }
                (d, scores[d as usize] + p.prox * best * found / pair_weight)
            })
            .collect();
        reranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        return reranked.into_iter().map(|(d, _)| d).take(10).collect();
    }
    if p.cover > 0.0 {
        let top = touched.len().min(50);
        let best = scores[touched[0] as usize];
        let in_query: HashSet<u32> = q.iter().copied().collect();
        let mut seen = HashSet::new();
        let mut reranked: Vec<(u32, f32)> = touched[..top]
            .iter()
            .map(|&d| {
                seen.clear();
                let (mut found, mut all) = (0.0, 0.0);
                for &s in &c.docs[d as usize] {
                    if seen.len() >= p.cover_words {
                        break;
                    }
                    if c.stop.contains(&s) || !seen.insert(s) {
                        continue;
                    }
                    let w = idf(n, c.postings[s as usize].len() as f32);
                    all += w;
                    if in_query.contains(&s) {
                        found += w;
                    }
                }
                let cover = if all > 0.0 { found / all } else { 0.0 };
                (d, scores[d as usize] / best + p.cover * cover)
            })
            .collect();
        reranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        return reranked.into_iter().map(|(d, _)| d).take(10).collect();
    }
    touched.truncate(10);
    touched
}

/// True when `a` and `b` stand within `window` positions of each other.
fn near(doc: &[u32], a: u32, b: u32, window: usize) -> bool {
    let mut last_a: Option<usize> = None;
    let mut last_b: Option<usize> = None;
    for (i, &s) in doc.iter().enumerate() {
        if s == a {
            if last_b.is_some_and(|j| i - j <= window) {
                return true;
            }
            last_a = Some(i);
        }
        if s == b {
            if last_a.is_some_and(|j| i - j <= window) {
                return true;
            }
            last_b = Some(i);
        }
    }
    false
}

/// The variants of QUALITY.md's "Ranking laboratory" table, each against poisk's
/// committed scoring (BM25 k1 1.2, b 0.75, lead ×0.4).
fn variants() -> Vec<(&'static str, Params)> {
    let base = Params {
        k1: 1.2,
        b: 0.75,
        lead: 0.4,
        bm25f: false,
        idf_pow: 1.0,
        prox: 0.0,
        window: 2,
        cover: 0.0,
        cover_words: 40,
        decay: 0.0,
        decay_w: 0.0,
        lead2: 0.0,
        lead2_words: 20,
        qpos: 0.0,
        qpos_w: 0.0,
    };
    let bm25f = Params { bm25f: true, ..base };
    vec![
        ("committed: BM25 + lead x0.4", base),
        ("no lead", Params { lead: 0.0, ..base }),
        ("k1 0.9", Params { k1: 0.9, ..base }),
        ("BM25F, lead x1", Params { lead: 1.0, ..bm25f }),
        ("BM25F, lead x3", Params { lead: 3.0, ..bm25f }),
        ("BM25F, lead x9", Params { lead: 9.0, ..bm25f }),
        ("BM25F, lead x30", Params { lead: 30.0, ..bm25f }),
        ("BM25F, lead x9, k1 2", Params { lead: 9.0, k1: 2.0, ..bm25f }),
        ("pairs within 1 word, x0.05 of the best score", Params { prox: 0.05, window: 1, ..base }),
        ("pairs within 3 words, x0.1", Params { prox: 0.1, window: 3, ..base }),
        ("lead coverage of 40 stems x0.2", Params { cover: 0.2, cover_words: 40, ..base }),
        ("lead coverage of 80 stems x0.4", Params { cover: 0.4, cover_words: 80, ..base }),
        ("second lead window, 20 words x0.4", Params { lead2: 0.4, lead2_words: 20, ..base }),
        ("first position, exp(-p/30) x0.5", Params { decay: 30.0, decay_w: 0.5, ..base }),
        ("first position, exp(-p/50) x0.5", Params { decay: 50.0, decay_w: 0.5, ..base }),
        ("first position, exp(-p/80) x0.5", Params { decay: 80.0, decay_w: 0.5, ..base }),
        ("first position, exp(-p/80) x0.5, no lead", Params { decay: 80.0, decay_w: 0.5, lead: 0.0, ..base }),
        ("query words by place, 1 + 0.3 exp(-i/10)", Params { qpos: 10.0, qpos_w: 0.3, ..base }),
        ("idf^0.7", Params { idf_pow: 0.7, ..base }),
    ]
}

fn main() -> Result<()> {
    let all = std::env::args().any(|a| a == "--all");
    let corpus_dir = Path::new(CORPUS);
    let c = load(&corpus_dir.join("news.jsonl.gz"))?;
    eprintln!("{} articles, {} stems", c.docs.len(), c.vocab.len());
    let tsv = std::fs::read_to_string(corpus_dir.join("qa-dev/rt_summary_to_article.tsv")).context("qrels")?;
    let sample = std::fs::read_to_string(SAMPLE_42)?;
    let wanted: HashSet<&str> = sample.lines().collect();
    let stop: HashSet<String> =
        poisk::query::STOP_WORDS.iter().flat_map(|w| poisk::analysis::analyze(w)).map(|t| t.stem).collect();
    let by_id: HashMap<&str, u32> = c.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i as u32)).collect();
    let mut queries = Vec::new();
    for line in tsv.split('\n').skip(1).filter(|l| !l.is_empty()) {
        let mut f = line.splitn(3, '\t');
        let (Some(id), Some(text), Some(article)) = (f.next(), f.next(), f.next()) else { continue };
        if !all && !wanted.contains(id) {
            continue;
        }
        let mut seen = HashSet::new();
        let q: Vec<u32> = poisk::analysis::analyze(text)
            .into_iter()
            .filter(|t| !stop.contains(&t.stem) && seen.insert(t.stem.clone()))
            .filter_map(|t| c.vocab.get(&t.stem).copied())
            .collect();
        let Some(&target) = by_id.get(article) else { continue };
        queries.push((q, target));
    }
    eprintln!("{} queries", queries.len());
    let mut scores = vec![0.0f32; c.docs.len()];
    for (name, p) in variants() {
        let (mut rr, mut r1, mut r10) = (0.0, 0, 0);
        for (q, target) in &queries {
            let top = rank(&c, q, p, &mut scores);
            if let Some(pos) = top.iter().position(|d| d == target) {
                rr += 1.0 / (pos + 1) as f64;
                r1 += usize::from(pos == 0);
                r10 += 1;
            }
        }
        let n = queries.len() as f64;
        println!("{:.4}  R@1 {:.3}  R@10 {:.3}  {name}", rr / n, r1 as f64 / n, r10 as f64 / n);
    }
    Ok(())
}
