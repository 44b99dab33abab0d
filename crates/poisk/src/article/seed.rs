//! The seed format: ` date YYYY-MM-DD Title`, a blank line, paragraphs.

use super::Article;
use crate::error::Result;

/// Parses one article in the seed format.
///
/// `id` becomes [`Article::id`]; `origin` (usually the file path) names the
/// input in errors.
///
/// # Errors
/// [`crate::Error::Parse`] naming `origin`, the line and the problem.
pub fn parse_article(text: &str, id: &str, origin: &str) -> Result<Article> {
    let _ = (text, id, origin);
    todo!("seed parser")
}
