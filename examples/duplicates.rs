//! How many articles of a JSONL corpus the near-duplicate fingerprint
//! groups, and a sample of the groups to check by eye.
//!
//! ```sh
//! cargo run --release -p poisk-examples --example duplicates -- ../shared/corpus/news.jsonl.gz [SAMPLE]
//! ```
//!
//! Groups are the connected articles whose fingerprints are
//! `poisk::index::NEAR_BITS` bits apart or fewer, as `poisk search`
//! collapses them. Prints the counts, then SAMPLE groups (every n-th, 10
//! unless given), each article with its id, source, date, bits from the
//! group's first and the start of its title; then every group whose
//! articles are not all the same fingerprint.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use anyhow::Context;
use poisk::index::{bands, near};

/// A url without its scheme, `www.` and the address of a mobile copy
/// around it (`https://amp.ng.ru/?p=http://www.ng.ru/…`).
fn address(url: &str) -> &str {
    let rest = url.rsplit("://").next().unwrap_or(url);
    rest.trim_start_matches("www.").trim_end_matches('/')
}

/// The word 3-shingles of an article's title and body, lowercase.
fn shingles(article: &poisk::Article) -> HashSet<[String; 3]> {
    let text = format!("{}\n{}", article.title, article.body).to_lowercase();
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    words.windows(3).map(|w| [w[0].to_owned(), w[1].to_owned(), w[2].to_owned()]).collect()
}

fn jaccard(a: &HashSet<[String; 3]>, b: &HashSet<[String; 3]>) -> f64 {
    let union = a.union(b).count();
    if union == 0 { 1.0 } else { a.intersection(b).count() as f64 / union as f64 }
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().context("usage: duplicates CORPUS.jsonl[.gz] [SAMPLE]")?);
    let sample: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(10);
    let articles: Vec<poisk::Article> = poisk::input::read_jsonl(&path)?.collect::<Result<_, _>>()?;
    let prints: Vec<Option<u64>> =
        articles.iter().map(|a| poisk::index::documents(a, None, &[])[0].fingerprint()).collect();
    // Near fingerprints share a band, as in the index: compare within
    // each band's bucket only.
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, print) in prints.iter().enumerate() {
        for band in print.map(bands).into_iter().flatten() {
            buckets.entry(band).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..articles.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for members in buckets.values() {
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                if let (Some(pa), Some(pb)) = (prints[a], prints[b])
                    && near(pa, pb)
                {
                    let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..articles.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let groups: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    let grouped: usize = groups.iter().map(Vec::len).sum();
    let mut sizes: BTreeMap<usize, usize> = BTreeMap::new();
    for g in &groups {
        *sizes.entry(g.len()).or_default() += 1;
    }
    let fingerprinted = prints.iter().filter(|p| p.is_some()).count();
    println!("articles {}, fingerprinted {fingerprinted}", articles.len());
    println!(
        "groups {}, articles in them {grouped} ({:.1}%), shown once each: {} fewer hits",
        groups.len(),
        100.0 * grouped as f64 / articles.len() as f64,
        grouped - groups.len()
    );
    println!("group sizes: {sizes:?}");
    let mut spread: BTreeMap<u32, usize> = BTreeMap::new();
    for g in &groups {
        let bits = g.iter().map(|&i| (prints[i].unwrap_or_default() ^ prints[g[0]].unwrap_or_default()).count_ones());
        *spread.entry(bits.max().unwrap_or(0)).or_default() += 1;
    }
    println!("groups by the most bits from their first article: {spread:?}");
    // How alike the grouped texts are, by their word 3-shingles (Jaccard
    // similarity of each article with the group's first).
    let mut least = 1.0f64;
    let mut alike = 0;
    for g in &groups {
        let first = shingles(&articles[g[0]]);
        let worst = g[1..].iter().map(|&i| jaccard(&first, &shingles(&articles[i]))).fold(1.0, f64::min);
        least = least.min(worst);
        alike += usize::from(worst >= 0.9);
    }
    println!("groups whose texts share 90% of their word 3-shingles or more: {alike}; least alike: {least:.2}");
    // Recall, as far as urls tell: articles published at one address are
    // the same article read twice.
    let mut by_url: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, a) in articles.iter().enumerate() {
        if let Some(url) = a.url.as_deref().map(address) {
            by_url.entry(url).or_default().push(i);
        }
    }
    let same_url: Vec<&Vec<usize>> = by_url.values().filter(|v| v.len() > 1).collect();
    let together =
        same_url.iter().filter(|v| v.iter().all(|&i| root(&mut parent, i) == root(&mut parent, v[0]))).count();
    let url = |i: usize| articles[i].url.as_deref().map(address);
    let urls_in_groups = groups.iter().filter(|g| g.iter().all(|&i| url(i) == url(g[0]))).count();
    println!(
        "urls read more than once: {}, their articles grouped together: {together}; groups of one url: {urls_in_groups}",
        same_url.len()
    );
    for v in same_url.iter().filter(|v| v.iter().any(|&i| root(&mut parent, i) != root(&mut parent, v[0]))) {
        let bits: Vec<String> = v
            .iter()
            .map(|&i| match (prints[i], prints[v[0]]) {
                (Some(a), Some(b)) => (a ^ b).count_ones().to_string(),
                _ => "-".to_owned(),
            })
            .collect();
        let ids: Vec<&str> = v.iter().map(|&i| articles[i].id.as_str()).collect();
        println!("  one url, not grouped: {} ({} bits from the first)", ids.join(" "), bits.join(" "));
    }
    let step = (groups.len() / sample.max(1)).max(1);
    let differing = groups.iter().filter(|g| g.iter().any(|&i| prints[i] != prints[g[0]]));
    for group in groups.iter().step_by(step).take(sample).chain(differing) {
        println!();
        let first = prints[group[0]].unwrap_or_default();
        for &i in group {
            let a = &articles[i];
            let date = a.date.map_or_else(|| "undated".to_owned(), |d| d.to_string());
            let bits = (prints[i].unwrap_or_default() ^ first).count_ones();
            let title: String = a.title.chars().take(70).collect();
            println!("  {}  {}  {date}  {bits:>2} bits  {title}", a.id, a.source.as_deref().unwrap_or("-"));
        }
    }
    Ok(())
}
