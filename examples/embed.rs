//! Index your own articles in memory and search them.
//!
//! ```text
//! cargo run -p poisk-examples --example embed
//! ```

use poisk::search::HitKind;
use poisk::{Article, Date, Index, SearchRequest};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // 1. Articles from your own data: an id, a title, a body (one paragraph a line).
    let articles = [
        Article::new(
            "rain",
            "В Москве похолодает",
            "Синоптики обещают дожди и северный ветер.\nК выходным похолодает.",
        )
        .with_date(Date::new(2025, 9, 1)?),
        Article::new(
            "port",
            "Порт Владивостока расширят",
            "«Новые причалы примут суда к весне», — сказал губернатор Олег Кожемяко.",
        )
        .with_date(Date::new(2025, 9, 2)?)
        .with_source("Восток-Медиа"),
    ];

    // 2. Index them in memory (`Index::create(dir)` keeps an index on disk).
    let index = Index::in_memory()?;
    let mut writer = index.writer()?;
    writer.add_many(&articles)?;
    writer.commit()?;

    // 3. Search: any form of the words matches (`новых судов` finds `Новые … суда`).
    let searcher = index.searcher()?;
    searcher.reload()?;
    let results = searcher.search(&SearchRequest::new("новых судов").limit(5))?;
    for hit in &results.hits {
        println!("{}  {}", hit.id, hit.title);
        for snippet in &hit.snippets {
            // Highlights are byte ranges in the snippet text: mark them [like this].
            let mut marked = snippet.text.clone();
            for &(start, end) in snippet.highlights.iter().rev() {
                marked.insert(end, ']');
                marked.insert(start, '[');
            }
            println!("    {marked}");
        }
        if let HitKind::Article { quotes } = &hit.kind {
            for found in quotes {
                let quote = &found.quote;
                println!("    {} said «{}»", quote.speaker.as_deref().unwrap_or("someone"), quote.text);
            }
        }
    }
    println!("{} of {} matches", results.hits.len(), results.total);
    Ok(())
}
