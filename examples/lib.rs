//! Holder crate for the runnable examples in this folder (`cargo run -p poisk-examples --example NAME`).

/// The text with every character poisk's query language reads as syntax
/// turned into a space: quotes, parentheses, a leading `-` or `+`, and the
/// upper-case operators: how `eval` and `eval_cluster` retry a lead that
/// does not parse as a query.
pub fn words_only(query: &str) -> String {
    let spaced: String = query.chars().map(|c| if matches!(c, '"' | '(' | ')') { ' ' } else { c }).collect();
    spaced
        .split_whitespace()
        .map(|w| w.trim_start_matches(['-', '+']))
        .filter(|w| !matches!(*w, "OR" | "AND" | "NOT"))
        .collect::<Vec<_>>()
        .join(" ")
}
