//! The seed articles compiled into poisk (the repository's `seeds/`), so
//! that search works before any index is built, and every example has an
//! index to run on.
//!
//! ```
//! let seeds = poisk::builtin::articles()?;
//! assert_eq!(seeds[0].source.as_deref(), Some("CentralAsia (CA)"));
//! let searcher = poisk::builtin::index()?.searcher()?;
//! assert_eq!(searcher.num_articles(), seeds.len());
//! # Ok::<(), poisk::Error>(())
//! ```

use crate::article::{Article, parse_article};
use crate::error::Result;
use crate::index::{Index, WriterOptions};

/// File name and text of each seed article.
const SEEDS: &[(&str, &str)] = &[(
    "2025-09-03-putin-kim-talks-beijing.txt",
    include_str!("../../../seeds/2025-09-03-putin-kim-talks-beijing.txt"),
)];

/// The seed articles, parsed.
///
/// # Errors
/// Never for the seeds shipped; the signature allows for bad ones.
pub fn articles() -> Result<Vec<Article>> {
    SEEDS.iter().map(|(name, text)| parse_article(text, name, &format!("seeds/{name}"))).collect()
}

/// An in-memory index of the seed articles, committed and searchable.
///
/// # Errors
/// As [`articles`] and [`Index::in_memory`].
pub fn index() -> Result<Index> {
    let index = Index::in_memory()?;
    let mut writer = index.writer_with(&WriterOptions { threads: Some(1), memory_mb: 15 })?;
    for article in articles()? {
        let origin = format!("seeds/{}", article.id);
        writer.add_from(&article, Some(&origin))?;
    }
    writer.commit()?;
    let searcher = index.searcher()?;
    searcher.reload()?;
    Ok(index)
}
