//! poisk's Russian analyzer inside a tantivy schema of your own.
//!
//! ```text
//! cargo run -p poisk-examples --example custom_schema
//! ```
//!
//! Your index keeps its own fields and its own tantivy code; poisk only
//! turns text into terms (UAX #29 words, lowercase, ё→е, Snowball stems), so
//! `Курскую область` finds `Курской области`. The tantivy used here is the
//! one poisk re-exports, so the two cannot disagree on versions.

use anyhow::Result;
use poisk::tantivy::collector::TopDocs;
use poisk::tantivy::query::QueryParser;
use poisk::tantivy::schema::{IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value};
use poisk::tantivy::{Index, IndexWriter, TantivyDocument, doc};

fn main() -> Result<()> {
    // 1. A schema whose text fields name poisk's analyzer. Positions let
    //    phrase queries work.
    let russian = TextOptions::default().set_stored().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(poisk::tantivy::RUSSIAN_ANALYZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let mut schema = Schema::builder();
    let sku = schema.add_text_field("sku", STRING | STORED);
    let name = schema.add_text_field("name", russian.clone());
    let description = schema.add_text_field("description", russian);
    let index = Index::create_in_ram(schema.build());

    // 2. Register the analyzer before any writer or query parser is made:
    //    both copy the index's tokenizers when they are created.
    poisk::tantivy::register_analyzers(index.tokenizers());

    // 3. Index some documents with plain tantivy.
    let mut writer: IndexWriter = index.writer(15_000_000)?;
    writer.add_document(
        doc!(sku => "A-1", name => "Яблоки из Курской области", description => "Свежий урожай, ящик 10 кг."),
    )?;
    writer
        .add_document(doc!(sku => "B-2", name => "Курская антоновка", description => "Зелёные яблоки для пирогов."))?;
    writer.add_document(doc!(sku => "C-3", name => "Груши", description => "Из садов Крыма."))?;
    writer.commit()?;

    // 4. Search with tantivy's query parser: query words go through the
    //    same analyzer, so any form of a word matches any other.
    let searcher = index.reader()?.searcher();
    let parser = QueryParser::for_index(&index, vec![name, description]);
    for query in ["курскую область", "яблоко", "\"курская область\"", "зеленое"]
    {
        let top = searcher.search(&parser.parse_query(query)?, &TopDocs::with_limit(5).order_by_score())?;
        let mut found = Vec::new();
        for (_score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            found.push(doc.get_first(sku).and_then(|v| v.as_str()).unwrap_or("?").to_string());
        }
        println!("{query}: {}", found.join(", "));
    }

    // The same analyzer is there to call directly.
    let stems: Vec<String> = poisk::analysis::analyze("Зелёные яблоки").into_iter().map(|t| t.stem).collect();
    println!("stems of «Зелёные яблоки»: {}", stems.join(" "));
    Ok(())
}
