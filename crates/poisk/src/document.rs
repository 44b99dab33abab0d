//! Articles and quotes → tantivy documents.

use tantivy::TantivyDocument;

use crate::article::Article;
use crate::query::build::day_start;
use crate::quote::Quote;
use crate::schema::{Fields, kinds};

/// The id of the `n`-th (0-based) quote of an article.
pub(crate) fn quote_id(article_id: &str, n: usize) -> String {
    format!("{article_id}#q{}", n + 1)
}

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

fn article_document(f: &Fields, article: &Article, origin: Option<&str>) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, kinds::ARTICLE);
    doc.add_text(f.id, &article.id);
    doc.add_text(f.article_id, &article.id);
    if let Some(date) = article.date {
        doc.add_date(f.date, day_start(date));
    }
    doc.add_text(f.title, &article.title);
    if let Some(source) = &article.source {
        doc.add_text(f.source, source);
    }
    doc.add_text(f.body, &article.body);
    if let Some(origin) = origin {
        doc.add_text(f.path, origin);
    }
    doc
}

fn quote_document(f: &Fields, article: &Article, origin: Option<&str>, quote: &Quote, n: usize) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(f.kind, kinds::QUOTE);
    doc.add_text(f.id, quote_id(&article.id, n));
    doc.add_text(f.article_id, &article.id);
    if let Some(date) = article.date {
        doc.add_date(f.date, day_start(date));
    }
    doc.add_text(f.article_title, &article.title);
    if let Some(source) = &article.source {
        doc.add_text(f.source, source);
    }
    doc.add_text(f.quote, &quote.text);
    if let (Some(speaker), Some(attribution)) = (&quote.speaker, &quote.attribution) {
        doc.add_text(f.speaker, speaker);
        doc.add_text(f.attribution, attribution.method.as_str());
        doc.add_text(f.mention, &attribution.mention);
    }
    if let Some(origin) = origin {
        doc.add_text(f.path, origin);
    }
    doc.add_u64(f.span, quote.start as u64);
    doc.add_u64(f.span, quote.end as u64);
    doc.add_u64(f.span, u64::from(quote.unclosed));
    doc
}
