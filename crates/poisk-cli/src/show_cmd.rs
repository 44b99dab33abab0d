//! `poisk show ID`: one article, whole, with its quotes; `poisk similar
//! ID`: articles about the same story.

use std::io::{self, BufWriter, Write};

use crate::args::{ShowArgs, SimilarArgs};
use crate::printer::{self, SearchPrinter, use_color};
use crate::search_cmd::explain_query_error;
use crate::{Outcome, open};

pub fn run(args: &ShowArgs) -> anyhow::Result<Outcome> {
    let searcher = open::backend(&args.location, "showing")?;
    let found = match searcher.article(&args.id)? {
        Some(article) => Some(article),
        // A quote's id names its article.
        None => match article_of_quote(&args.id) {
            Some(article_id) => searcher.article(article_id)?,
            None => None,
        },
    };
    let Some(mut article) = found else {
        anyhow::bail!("no article with the id {:?} in the index (ids are as `poisk search` shows them)", args.id);
    };
    if let Some(query) = &args.query {
        article.highlight(query).map_err(|e| explain_query_error(query, e))?;
    }
    let mut out = BufWriter::new(io::stdout().lock());
    printer::article(&mut out, args.format, &article, use_color(args.color))?;
    out.flush()?;
    Ok(Outcome::Found)
}

pub fn similar(args: &SimilarArgs) -> anyhow::Result<Outcome> {
    let index = open::to_read(&args.location, "searching")?;
    let searcher = index.searcher()?;
    let id = match article_of_quote(&args.id) {
        Some(article) if searcher.article(&args.id)?.is_none() => article,
        _ => args.id.as_str(),
    };
    let Some(results) = searcher.similar(id, usize::from(args.limit))? else {
        anyhow::bail!("no article with the id {:?} in the index (ids are as `poisk search` shows them)", args.id);
    };
    let mut out = BufWriter::new(io::stdout().lock());
    SearchPrinter::new(args.format, use_color(args.color), false).results(&mut out, &results)?;
    out.flush()?;
    Ok(if results.hits.is_empty() { Outcome::NotFound } else { Outcome::Found })
}

/// The article id of a quote's id, `ARTICLE_ID#qN`.
fn article_of_quote(id: &str) -> Option<&str> {
    let (article, n) = id.rsplit_once("#q")?;
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(article)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_id_names_its_article() {
        assert_eq!(article_of_quote("rt-00001#q12"), Some("rt-00001"));
        assert_eq!(article_of_quote("a#q#q3"), Some("a#q"));
        assert_eq!(article_of_quote("rt-00001"), None);
        assert_eq!(article_of_quote("rt-00001#q"), None);
        assert_eq!(article_of_quote("rt#qx"), None);
    }
}
