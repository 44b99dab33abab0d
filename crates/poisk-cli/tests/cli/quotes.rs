//! `poisk quotes`, `poisk speakers` and `poisk search --quotes`.

use crate::util::{Dir, SEED};

#[test]
fn search_quotes_by_speaker_finds_the_debt_quote() {
    let run = Dir::new().poisk(&["search", "--format", "json", "--quotes", "--speaker", "Ким Чен Ын", "долг"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["total"], 1);
    let hit = &json["hits"][0];
    assert_eq!(hit["kind"], "quote");
    assert_eq!(hit["speaker"], "Ким Чен Ын");
    assert_eq!(hit["attribution"]["method"], "role");
    assert_eq!(hit["attribution"]["mention"], "лидер КНДР");
    assert!(hit["text"].as_str().unwrap().starts_with("Если что-то есть, чем мы можем помочь России"));
    assert_eq!(hit["article_id"], "2025-09-03-putin-kim-talks-beijing.txt");
}

#[test]
fn quote_offsets_point_at_the_guillemets_in_the_body() {
    let dir = Dir::new();
    let body = "Министр заявил: «Мы готовы к переговорам». Остальное неважно.";
    let record = serde_json::json!({"id": "q", "title": "Т", "body": body});
    dir.write("in.jsonl", format!("{record}\n"));
    let run = dir.poisk(&["quotes", "--format", "json", "in.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let line = run.json();
    let (start, end) = (line["start"].as_u64().unwrap() as usize, line["end"].as_u64().unwrap() as usize);
    assert_eq!(&body[start..end], "«Мы готовы к переговорам»");
    assert_eq!(line["text"], "Мы готовы к переговорам");
}

#[test]
fn speaker_filter_accepts_any_form_of_the_name() {
    let dir = Dir::new();
    dir.write("seeds/seed.txt", SEED);
    for name in ["Путина", "Владимир Путин", "путин"] {
        let run = dir.poisk(&["quotes", "--format", "json", "--speaker", name, "seeds"]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let lines = run.json_lines();
        assert_eq!(lines.len(), 2, "{name}");
        assert!(lines.iter().all(|l| l["speaker"] == "Владимир Путин"));
    }
}

#[test]
fn speakers_of_the_seed_index() {
    let dir = Dir::new();
    dir.write("seeds/seed.txt", SEED);
    assert_eq!(dir.poisk(&["index", "--index", "idx", "seeds"]).code, 0);
    let run = dir.poisk(&["speakers", "--index", "idx", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.json_lines();
    let pairs: Vec<(String, u64)> =
        lines.iter().map(|l| (l["speaker"].as_str().unwrap().to_owned(), l["quotes"].as_u64().unwrap())).collect();
    assert_eq!(pairs, [("Владимир Путин".to_owned(), 2), ("Ким Чен Ын".to_owned(), 2)]);
    let quotes = dir.poisk(&["quotes", "--index", "idx", "--format", "json"]);
    assert_eq!(quotes.json_lines().len(), 4);
}

#[test]
fn article_hits_list_their_matching_quotes() {
    let run = Dir::new().poisk(&["search", "--format", "json", "братским долгом"]);
    let hit = &run.json()["hits"][0];
    let quotes = hit["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0]["speaker"], "Ким Чен Ын");
    assert!(quotes[0]["id"].as_str().unwrap().ends_with("#q4"));
}
