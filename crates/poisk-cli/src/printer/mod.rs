//! Printers of search results: text for people, JSON for programs.

mod json;
mod text;

pub use json::JsonPrinter;
pub use text::TextPrinter;
