//! Related-article boxes: the links to other stories that news sites set
//! between paragraphs.
//!
//! RT puts one or more of these in most of its articles (4,423 of the
//! corpus's 7,144), each three paragraphs long: a marker, the other story's
//! headline and the opening of its text, cut off with `...`:
//!
//! ```text
//! Также по теме
//! «Дорога не для всех»: мэрия объяснила закрытие моста на ремонт
//! Власти города заявили, что старый мост через реку закроют для машин на три месяца, …
//! ```
//!
//! That text belongs to the other article. Left in the body, it makes this
//! article a hit for searches about the other story (often ahead of the
//! other story itself, whose lead it copies word for word), puts the other
//! story's words into snippets, and lends its quotations to this article.
//! So the parser takes the box out of the body.
//!
//! The rule is narrow, like the agency lead's: a paragraph that is only a
//! marker, followed by two short paragraphs (a headline and a teaser, at
//! most [`MAX_BOX_PARAGRAPH_CHARS`] characters each). A marker followed by
//! anything longer is left alone: removing real text is worse than keeping a
//! teaser.

use std::ops::Range;

use super::Article;

/// The paragraphs that open a box, compared lowercase and without a final
/// colon.
const MARKERS: &[&str] = &["также по теме", "читайте также", "смотрите также"];

/// Longest headline or teaser of a box, in characters. RT's are at most 120
/// and 193.
const MAX_BOX_PARAGRAPH_CHARS: usize = 300;

/// Paragraphs in a box: marker, headline, teaser.
const BOX_PARAGRAPHS: usize = 3;

/// Removes every related-article box from `article`'s body and paragraphs.
///
/// The text between the paragraphs that stay is kept as it was. An article
/// that is nothing but boxes is left whole, since its body must not be empty.
pub(super) fn drop_related_boxes(article: &mut Article) {
    let boxes = find_boxes(article);
    if boxes.is_empty() || boxes.len() * BOX_PARAGRAPHS == article.paragraphs.len() {
        return;
    }
    let paragraphs = &article.paragraphs;
    let cuts: Vec<Range<usize>> = boxes
        .iter()
        .map(|&first| {
            let last = first + BOX_PARAGRAPHS - 1;
            match (first.checked_sub(1), paragraphs.get(last + 1)) {
                // Cut from the end of the paragraph before, so the separator
                // after the box stays, and the body does not end with one.
                (Some(before), Some(_)) => paragraphs[before].end..paragraphs[last].end,
                (Some(before), None) => paragraphs[before].end..article.body.len(),
                (None, Some(next)) => 0..next.start,
                (None, None) => 0..article.body.len(),
            }
        })
        .collect();
    let mut body = String::with_capacity(article.body.len());
    let mut kept = Vec::with_capacity(paragraphs.len() - boxes.len() * BOX_PARAGRAPHS);
    let mut from = 0;
    for cut in &cuts {
        body.push_str(&article.body[from..cut.start]);
        from = cut.end;
    }
    body.push_str(&article.body[from..]);
    for range in paragraphs {
        if cuts.iter().any(|cut| cut.start <= range.start && range.start < cut.end) {
            continue;
        }
        let shift: usize = cuts.iter().filter(|cut| cut.end <= range.start).map(|cut| cut.len()).sum();
        kept.push(range.start - shift..range.end - shift);
    }
    article.body = body;
    article.paragraphs = kept;
}

/// Indexes of the paragraphs that open a box, in order, boxes not
/// overlapping.
fn find_boxes(article: &Article) -> Vec<usize> {
    let texts: Vec<&str> = article.paragraph_texts().collect();
    let mut boxes = Vec::new();
    let mut i = 0;
    while i + BOX_PARAGRAPHS <= texts.len() {
        let rest = &texts[i + 1..i + BOX_PARAGRAPHS];
        if is_marker(texts[i]) && rest.iter().all(|text| text.chars().count() <= MAX_BOX_PARAGRAPH_CHARS) {
            boxes.push(i);
            i += BOX_PARAGRAPHS;
        } else {
            i += 1;
        }
    }
    boxes
}

/// Whether `paragraph` is a box marker (`Также по теме`, `Читайте также:`).
fn is_marker(paragraph: &str) -> bool {
    let text = paragraph.trim().trim_end_matches(':').trim_end();
    // The markers are under 30 bytes; longer paragraphs are not lowered.
    text.len() <= 40 && MARKERS.contains(&text.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `body` as a JSONL body, boxes removed by this module alone
    /// (`Article::new` would remove them first).
    fn stripped(body: &str) -> Article {
        let mut article = Article {
            id: "a".into(),
            date: None,
            title: String::new(),
            source: None,
            url: None,
            paragraphs: super::super::record::line_ranges(body),
            body: body.into(),
        };
        drop_related_boxes(&mut article);
        article
    }

    fn paragraphs(article: &Article) -> Vec<&str> {
        article.paragraph_texts().collect()
    }

    // Invented, shaped like the corpus's boxes (rt-03946 has one): each line
    // between spaces, a headline with a quote, a teaser cut off at `...`.
    const BOX: &str = " Также по теме \n «Дорога не для всех»: мэрия объяснила закрытие моста на ремонт \n Власти города заявили, что старый мост через реку закроют для машин на три месяца, а водителям предложат объезд. По словам чиновников, «это... \n";

    #[test]
    fn removes_a_box_between_paragraphs_and_keeps_the_rest_as_it_was() {
        let body = format!("Первый абзац.\n{BOX}Сам мэр поначалу не делал комментариев.\nТретий.");
        let article = stripped(&body);
        // The teaser's line ended in a space, which stays.
        assert_eq!(article.body, "Первый абзац. \nСам мэр поначалу не делал комментариев.\nТретий.");
        assert_eq!(paragraphs(&article), ["Первый абзац.", "Сам мэр поначалу не делал комментариев.", "Третий."]);
    }

    #[test]
    fn removes_boxes_one_after_another_and_at_the_end() {
        let body = format!("Первый абзац.\n{BOX}{BOX}Второй.\n{BOX}");
        let article = stripped(&body);
        assert_eq!(article.body, "Первый абзац. \nВторой.");
        assert_eq!(paragraphs(&article), ["Первый абзац.", "Второй."]);
    }

    #[test]
    fn removes_a_box_opening_the_body_and_other_markers() {
        let article = stripped("Читайте также:\nЗаголовок\nНачало другой статьи...\nТекст.");
        assert_eq!(article.body, "Текст.");
        let article = stripped("Текст.\n\nСмотрите также\n\nЗаголовок\n\nНачало...\n\nЕщё.");
        assert_eq!(paragraphs(&article), ["Текст.", "Ещё."]);
        assert_eq!(article.body, "Текст.\n\nЕщё.");
    }

    #[test]
    fn leaves_a_marker_followed_by_long_text_or_too_little() {
        let long = "Длинный абзац статьи. ".repeat(20);
        let body = format!("Также по теме\nЗаголовок\n{long}\nКонец.");
        assert_eq!(stripped(&body).body, body);
        // A marker word inside a sentence, and a box cut short at the end.
        for body in ["Также по теме выступил министр.\nА\nБ", "Текст.\nТакже по теме\nЗаголовок"]
        {
            assert_eq!(stripped(body).body, body);
        }
    }

    #[test]
    fn an_article_that_is_only_a_box_keeps_it() {
        let article = stripped(BOX);
        assert_eq!(paragraphs(&article).len(), 3);
    }
}
