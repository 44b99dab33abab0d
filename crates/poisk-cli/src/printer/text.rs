//! Text output for people: a header line per hit, snippets indented under
//! it, matched words in bold colour on a terminal.

use std::io::{self, Write};

use poisk::search::{Correction, Explanation, Facet, FacetCounts, HitKind, QuoteRef, StoredArticle};
use poisk::snippet::Snippet;
use poisk::{Hit, SearchResults};

const BOLD_RED: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";
const INDENT: &str = "    ";

/// Prints results as text, wrapped to the terminal when there is one.
pub struct TextPrinter {
    color: bool,
    width: Option<usize>,
}

impl TextPrinter {
    pub fn new(color: bool) -> TextPrinter {
        let width = super::terminal_width().map(|w| w.max(40));
        TextPrinter { color, width }
    }

    pub fn results(&mut self, out: &mut impl Write, results: &SearchResults) -> io::Result<()> {
        if let Some(corrected) = &results.corrected {
            let note = match results.correction {
                Some(Correction::Typos) => {
                    format!("showing results for «{corrected}» (--as-typed searches «{}»)", results.query)
                }
                _ => format!(
                    "«{}» looks typed on the Latin keyboard layout; showing results for «{corrected}»",
                    results.query
                ),
            };
            writeln!(out, "{}{note}{}", self.dim(), self.reset())?;
        }
        if results.relaxed {
            writeln!(
                out,
                "{}no article has all the words; showing those with any of them{}",
                self.dim(),
                self.reset()
            )?;
        }
        if results.partial {
            writeln!(
                out,
                "{}the search ran out of time (--timeout): these are the best of the matches found until then{}",
                self.dim(),
                self.reset()
            )?;
        }
        for warning in &results.warnings {
            writeln!(out, "{}warning: {warning}{}", self.dim(), self.reset())?;
        }
        for hit in &results.hits {
            self.hit(out, hit)?;
        }
        let query = results.corrected.as_deref().unwrap_or(&results.query);
        let query = if poisk::query::matches_all(query) { String::new() } else { format!(" for «{query}»") };
        let at_least = if results.partial { "at least " } else { "" };
        let matches = if results.total == 1 { "match" } else { "matches" };
        let (dim, reset) = (self.dim(), self.reset());
        let total = results.total;
        let ms = results.took_ms;
        match (results.hits.first(), results.hits.last()) {
            (Some(first), Some(last)) if first.rank > 1 => writeln!(
                out,
                "{dim}{}–{} of {at_least}{total} {matches}{query} in {ms:.1} ms{reset}",
                first.rank, last.rank
            ),
            (Some(_), _) => {
                let shown = results.hits.len();
                writeln!(out, "{dim}{shown} of {at_least}{total} {matches}{query} in {ms:.1} ms{reset}")
            }
            (None, _) if total > 0 || results.partial => {
                writeln!(out, "{dim}{at_least}{total} {matches}{query}, none shown, in {ms:.1} ms{reset}")
            }
            (None, _) => writeln!(out, "{dim}no matches{query} in {ms:.1} ms{reset}"),
        }?;
        for counts in &results.facets {
            self.facet(out, counts)?;
        }
        Ok(())
    }

    /// One facet's counts: its name, then each value and its count,
    /// wrapped under it.
    fn facet(&self, out: &mut impl Write, counts: &FacetCounts) -> io::Result<()> {
        let mut items: Vec<String> = counts.values.iter().map(|v| format!("{} {}", v.value, v.count)).collect();
        if counts.other_values > 0 {
            let (n, other) = (counts.other_values, counts.other);
            items.push(format!("{n} more {} {other}", if n == 1 { "value" } else { "values" }));
        }
        if counts.missing > 0 {
            let none = match counts.facet {
                Facet::Source => "no source",
                Facet::Speaker => "no speaker",
                Facet::Year | Facet::Month => "undated",
            };
            items.push(format!("{none} {}", counts.missing));
        }
        if items.is_empty() {
            items.push("none".to_owned());
        }
        writeln!(out, "{}by {}:{}", self.bold(), counts.facet.name(), self.reset())?;
        let text = items.join(" · ");
        self.wrapped(out, &text.chars().map(|c| (c, false)).collect::<Vec<_>>())
    }

    fn hit(&self, out: &mut impl Write, hit: &Hit) -> io::Result<()> {
        self.header(out, hit)?;
        // Where to read the whole article: its address, else the file.
        if let Some(place) = hit.url.as_deref().or(hit.path.as_deref()) {
            writeln!(out, "{INDENT}{}{place}{}", self.dim(), self.reset())?;
        }
        if !hit.duplicates.is_empty() {
            let n = hit.duplicates.len();
            let ids = hit.duplicates.join(", ");
            writeln!(out, "{INDENT}{}{n} more like this (nearly the same text): {ids}{}", self.dim(), self.reset())?;
        }
        match &hit.kind {
            HitKind::Quote { quote } => self.quote(out, quote, "")?,
            HitKind::Article { quotes } => {
                for snippet in &hit.snippets {
                    self.snippet(out, snippet)?;
                }
                for quote in quotes {
                    self.quote(out, quote, "❝ ")?;
                }
            }
        }
        if let Some(explanation) = &hit.explanation {
            self.explanation(out, explanation, 0)?;
        }
        writeln!(out)
    }

    /// The hit's header line: rank, date, title, source and id, score;
    /// wrapped at spaces to the terminal width, the lines after the first
    /// indented as the snippets are.
    fn header(&self, out: &mut impl Write, hit: &Hit) -> io::Result<()> {
        let date = hit.date.map_or_else(|| "----------".to_owned(), |d| d.to_string());
        let mut meta = Vec::new();
        meta.extend(hit.source.as_deref());
        meta.push(&hit.id);
        let meta = format!("{}  score {:.2}", meta.join(" · "), hit.score);
        // Each word with the spaces before it and its style.
        let rank = format!("{:>2}.", hit.rank);
        let mut words: Vec<(&str, &str, &str)> = vec![("", &rank, self.bold())];
        words.push((" ", &date, ""));
        for (i, word) in hit.title.split_whitespace().enumerate() {
            words.push((if i == 0 { "  " } else { " " }, word, self.bold()));
        }
        for (i, word) in meta.split(' ').enumerate() {
            words.push((if i == 0 { "  " } else { " " }, word, self.dim()));
        }
        let width = self.width.unwrap_or(usize::MAX);
        let mut line_len = 0;
        for (space, word, style) in words {
            let len = word.chars().count();
            if line_len > INDENT.len() && line_len + space.len() + len > width {
                write!(out, "\n{INDENT}")?;
                line_len = INDENT.len();
            } else {
                out.write_all(space.as_bytes())?;
                line_len += space.len();
            }
            let reset = if style.is_empty() { "" } else { self.reset() };
            write!(out, "{style}{word}{reset}")?;
            line_len += len;
        }
        writeln!(out)
    }

    /// One article whole: its title, a line of date, source and id, its
    /// address, each paragraph wrapped with the query's words marked, and
    /// its quotes with their speakers.
    pub fn article(&self, out: &mut impl Write, article: &StoredArticle) -> io::Result<()> {
        writeln!(out, "{}{}{}", self.bold(), article.title, self.reset())?;
        let date = article.date.map_or_else(|| "undated".to_owned(), |d| d.to_string());
        let mut meta = vec![date.as_str()];
        meta.extend(article.source.as_deref());
        meta.push(&article.id);
        writeln!(out, "{}{}{}", self.dim(), meta.join(" · "), self.reset())?;
        for place in article.url.iter().chain(&article.path) {
            writeln!(out, "{}{place}{}", self.dim(), self.reset())?;
        }
        let mut start = 0;
        for line in article.body.split_inclusive('\n') {
            let (text, at) = (line.trim(), start + (line.len() - line.trim_start().len()));
            start += line.len();
            if text.is_empty() {
                continue;
            }
            writeln!(out)?;
            let marks: Vec<(usize, usize)> = article
                .highlights
                .iter()
                .filter(|&&(s, e)| s < at + text.len() && e > at)
                .map(|&(s, e)| (s.saturating_sub(at), e.saturating_sub(at)))
                .collect();
            self.wrapped(out, &styled_chars(text, &marks).collect::<Vec<_>>())?;
        }
        if !article.quotes.is_empty() {
            let n = article.quotes.len();
            writeln!(out, "\n{}{n} {}:{}", self.bold(), if n == 1 { "quote" } else { "quotes" }, self.reset())?;
            for quote in &article.quotes {
                self.quote(out, quote, "❝ ")?;
            }
        }
        Ok(())
    }

    /// The explanation tree, one value and label a line, each level
    /// indented two more spaces.
    fn explanation(&self, out: &mut impl Write, e: &Explanation, depth: usize) -> io::Result<()> {
        let pad = "  ".repeat(depth);
        writeln!(out, "{INDENT}{}{pad}{:.4}  {}{}", self.dim(), e.value, e.label, self.reset())?;
        for child in &e.children {
            self.explanation(out, child, depth + 1)?;
        }
        Ok(())
    }

    fn snippet(&self, out: &mut impl Write, snippet: &Snippet) -> io::Result<()> {
        let mut styled = Vec::with_capacity(snippet.text.len() + 2);
        if snippet.cut_before {
            styled.push(('…', false));
        }
        styled.extend(styled_chars(&snippet.text, &snippet.highlights));
        if snippet.cut_after {
            styled.push(('…', false));
        }
        self.wrapped(out, &styled)
    }

    fn quote(&self, out: &mut impl Write, found: &QuoteRef, marker: &str) -> io::Result<()> {
        let quote = &found.quote;
        let mut styled: Vec<(char, bool)> = marker.chars().map(|c| (c, false)).collect();
        styled.push(('«', false));
        styled.extend(styled_chars(&quote.text, &found.highlights));
        styled.push(('»', false));
        let speaker = match (&quote.speaker, &quote.attribution) {
            (Some(name), Some(a)) if a.mention != *name => format!(" — {name} ({}: {})", a.method.as_str(), a.mention),
            (Some(name), _) => format!(" — {name}"),
            (None, _) => " — speaker unknown".to_owned(),
        };
        styled.extend(speaker.chars().map(|c| (c, false)));
        self.wrapped(out, &styled)
    }

    /// Writes styled characters indented, wrapped at spaces to the terminal
    /// width, turning highlight on and off at the edges of matches.
    fn wrapped(&self, out: &mut impl Write, styled: &[(char, bool)]) -> io::Result<()> {
        let width = self.width.map(|w| w.saturating_sub(INDENT.len()).max(20));
        let mut line_len = 0;
        let mut on = false;
        out.write_all(INDENT.as_bytes())?;
        let words = styled.split(|&(c, _)| c.is_whitespace()).filter(|w| !w.is_empty());
        for (i, word) in words.enumerate() {
            if i > 0 {
                if width.is_some_and(|w| line_len + 1 + word.len() > w) {
                    if on {
                        out.write_all(self.reset().as_bytes())?;
                        on = false;
                    }
                    write!(out, "\n{INDENT}")?;
                    line_len = 0;
                } else {
                    out.write_all(b" ")?;
                    line_len += 1;
                }
            }
            for &(c, highlighted) in word {
                if highlighted != on && self.color {
                    out.write_all(if highlighted { BOLD_RED } else { RESET }.as_bytes())?;
                    on = highlighted;
                }
                write!(out, "{c}")?;
            }
            line_len += word.len();
        }
        if on {
            out.write_all(RESET.as_bytes())?;
        }
        writeln!(out)
    }

    fn bold(&self) -> &'static str {
        if self.color { BOLD } else { "" }
    }

    fn dim(&self) -> &'static str {
        if self.color { DIM } else { "" }
    }

    fn reset(&self) -> &'static str {
        if self.color { RESET } else { "" }
    }
}

/// Each character of `text` with whether it lies in a highlight.
fn styled_chars<'a>(text: &'a str, highlights: &'a [(usize, usize)]) -> impl Iterator<Item = (char, bool)> + 'a {
    text.char_indices().map(move |(i, c)| (c, highlights.iter().any(|&(s, e)| s <= i && i < e)))
}
