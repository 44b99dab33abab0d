//! The seed articles compiled into the binary, so that search works before
//! any index is built.

use crate::article::{Article, parse_article};
use crate::error::Result;
use crate::index::Index;

/// File name and text of each seed article (the repository's `seeds/`).
const SEEDS: &[(&str, &str)] = &[(
    "2025-09-03-putin-kim-talks-beijing.txt",
    include_str!("../../../seeds/2025-09-03-putin-kim-talks-beijing.txt"),
)];

/// The seed articles, parsed.
///
/// ```
/// let seeds = poisk::seed_articles()?;
/// assert_eq!(seeds[0].source.as_deref(), Some("CentralAsia (CA)"));
/// # Ok::<(), poisk::Error>(())
/// ```
///
/// # Errors
/// Never for the seeds shipped; the signature allows for bad ones.
pub fn seed_articles() -> Result<Vec<Article>> {
    SEEDS.iter().map(|(name, text)| parse_article(text, name, &format!("seeds/{name}"))).collect()
}

/// An in-memory index of the seed articles.
///
/// # Errors
/// As [`seed_articles`] and [`Index::in_memory`].
pub fn seed_index() -> Result<Index> {
    let index = Index::in_memory()?;
    let mut writer = index.writer_with(&crate::index::WriterOptions { threads: Some(1), memory_mb: 15 })?;
    for article in seed_articles()? {
        let origin = format!("seeds/{}", article.id);
        writer.add_from(&article, Some(&origin))?;
    }
    writer.commit()?;
    let searcher = index.searcher()?;
    searcher.reload()?;
    Ok(index)
}
