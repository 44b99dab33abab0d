//! Articles and quotes → tantivy documents.

use tantivy::TantivyDocument;

use crate::analyzer::leading_words;
use crate::article::Article;
use crate::query::build::day_start;
use crate::quote::Quote;
use crate::schema::{Fields, kinds};

/// The id of the `n`-th (0-based) quote of an article, as the index and
/// search hits give it: `ARTICLE_ID#qN`, counting from 1.
///
/// ```
/// assert_eq!(poisk::quote_id("seed.txt", 0), "seed.txt#q1");
/// ```
pub fn quote_id(article_id: &str, n: usize) -> String {
    format!("{article_id}#q{}", n + 1)
}

/// How many words of an article's body its `lead` field holds. Measured on
/// 7,011 RT leads (QUALITY.md, "Ranking"): 40 to 100 words all gain, 60
/// gains most.
const LEAD_WORDS: usize = 60;

/// One document for the article, then one per quote.
pub(crate) fn documents(
    fields: &Fields,
    article: &Article,
    origin: Option<&str>,
    quotes: &[Quote],
) -> Vec<TantivyDocument> {
    let mut docs = Vec::with_capacity(1 + quotes.len());
    docs.push(article_document(fields, article, origin));
    for (n, quote) in quotes.iter().enumerate() {
        docs.push(quote_document(fields, article, origin, quote, n));
    }
    docs
}

/// The fields every document of an article carries: kind, ids, date,
/// source and where it was read from.
fn common(f: &Fields, kind: &str, id: &str, article: &Article, origin: Option<&str>) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, kind);
    doc.add_text(f.id, id);
    doc.add_text(f.article_id, &article.id);
    if let Some(date) = article.date {
        doc.add_date(f.date, day_start(date));
    }
    if let Some(source) = &article.source {
        doc.add_text(f.source, source);
    }
    if let Some(origin) = origin {
        doc.add_text(f.path, origin);
    }
    doc
}

fn article_document(f: &Fields, article: &Article, origin: Option<&str>) -> TantivyDocument {
    let mut doc = common(f, kinds::ARTICLE, &article.id, article, origin);
    doc.add_text(f.title, &article.title);
    doc.add_text(f.body, &article.body);
    doc.add_text(f.lead, leading_words(&article.body, LEAD_WORDS));
    doc.add_text(f.title_exact, &article.title);
    doc.add_text(f.body_exact, &article.body);
    doc
}

fn quote_document(f: &Fields, article: &Article, origin: Option<&str>, quote: &Quote, n: usize) -> TantivyDocument {
    let mut doc = common(f, kinds::QUOTE, &quote_id(&article.id, n), article, origin);
    doc.add_text(f.article_title, &article.title);
    doc.add_text(f.quote, &quote.text);
    doc.add_text(f.quote_exact, &quote.text);
    if let (Some(speaker), Some(attribution)) = (&quote.speaker, &quote.attribution) {
        doc.add_text(f.speaker, speaker);
        doc.add_text(f.attribution, attribution.method.as_str());
        doc.add_text(f.mention, &attribution.mention);
    }
    doc.add_u64(f.span, quote.start as u64);
    doc.add_u64(f.span, quote.end as u64);
    doc.add_u64(f.span, u64::from(quote.unclosed));
    doc
}
