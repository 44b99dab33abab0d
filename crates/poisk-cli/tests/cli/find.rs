//! Finding and citing: ids and urls on every hit, `poisk show`.

use crate::util::Dir;

/// Five short articles of two sources, with urls, dates and quotes.
const NEWS: &str = concat!(
    r#"{"id":"a-1","date":"2018-03-05","title":"Мост через реку открыт","source":"ng.ru","url":"https://ng.example/a-1","body":"В городе открыли новый мост через реку.\n«Мост простоит сто лет», — сказал мэр Иван Петров."}"#,
    "\n",
    r#"{"id":"a-2","date":"2018-03-20","title":"Ремонт моста начнётся весной","source":"ng.ru","url":"https://ng.example/a-2","body":"Ремонт старого моста начнётся весной.\n«Работы займут два месяца», — заявил инженер Пётр Сидоров."}"#,
    "\n",
    r#"{"id":"b-1","date":"2018-03-10","title":"Новый мост и пробки","source":"rt.example","url":"https://rt.example/b-1","body":"Пробки в центре стали меньше после открытия моста.\n«Пробок станет ещё меньше», — сказал мэр Иван Петров."}"#,
    "\n",
    r#"{"id":"b-2","date":"2019-01-15","title":"Зимой мост чистят ночью","source":"rt.example","body":"Снег с моста убирают ночью, чтобы не мешать движению."}"#,
    "\n",
    r#"{"id":"c-1","title":"Без даты о реке","source":"ng.ru","url":"https://ng.example/c-1","body":"Река замёрзла раньше обычного."}"#,
    "\n",
);

/// A directory with `news.jsonl` indexed into `./poisk-index`.
fn indexed() -> Dir {
    let dir = Dir::new();
    dir.write("news.jsonl", NEWS);
    let run = dir.poisk(&["index", "--progress", "never", "news.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

#[test]
fn every_hit_shows_its_id_and_url() {
    let dir = indexed();
    let run = dir.poisk(&["search", "--color", "never", "мост"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (id, url) in
        [("a-1", "https://ng.example/a-1"), ("a-2", "https://ng.example/a-2"), ("b-1", "https://rt.example/b-1")]
    {
        assert!(run.stdout.contains(&format!("· {id}  score")), "{id} missing: {}", run.stdout);
        assert!(run.stdout.contains(&format!("    {url}\n")), "{url} missing: {}", run.stdout);
    }
    // No url: the file it was read from.
    assert!(run.stdout.contains("    news.jsonl\n"), "{}", run.stdout);
    let json = dir.poisk(&["search", "--format", "json", "мост"]).json();
    let hits = json["hits"].as_array().unwrap();
    let b2 = hits.iter().find(|h| h["id"] == "b-2").expect("b-2 is a hit");
    assert_eq!(b2["url"], serde_json::Value::Null);
    for hit in hits.iter().filter(|h| h["id"] != "b-2") {
        assert!(hit["url"].as_str().unwrap().ends_with(hit["id"].as_str().unwrap()), "{hit}");
    }
    let quotes = dir.poisk(&["search", "--format", "json", "--quotes", "пробок"]).json();
    assert_eq!(quotes["hits"][0]["id"], "b-1#q1");
    assert_eq!(quotes["hits"][0]["url"], "https://rt.example/b-1");
}

#[test]
fn show_prints_the_whole_article_with_its_quotes() {
    let dir = indexed();
    let run = dir.poisk(&["show", "--color", "never", "a-1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[..3], ["Мост через реку открыт", "2018-03-05 · ng.ru · a-1", "https://ng.example/a-1"]);
    assert!(run.stdout.contains("    В городе открыли новый мост через реку.\n"), "{}", run.stdout);
    assert!(run.stdout.contains("1 quote:\n    ❝ «Мост простоит сто лет» — Иван Петров"), "{}", run.stdout);
    // A quote's id shows its article.
    let by_quote = dir.poisk(&["show", "--color", "never", "a-1#q1"]);
    assert_eq!(by_quote.stdout, run.stdout);
    let missing = dir.poisk(&["show", "a-9"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no article with the id \"a-9\""), "{}", missing.stderr);
}

#[test]
fn show_highlights_the_query_in_text_and_json() {
    let dir = indexed();
    let run = dir.poisk(&["show", "--format", "json", "--query", "мосты", "a-1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!((json["id"].as_str(), json["url"].as_str()), (Some("a-1"), Some("https://ng.example/a-1")));
    let body = json["body"].as_str().unwrap();
    let marked: Vec<&str> = json["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &body[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(marked, ["мост", "Мост"]);
    assert_eq!(json["quotes"][0]["highlights"], serde_json::json!([[0, 8]]));
    assert_eq!(json["quotes"][0]["speaker"], "Иван Петров");
    let plain = dir.poisk(&["show", "--format", "json", "a-1"]).json();
    assert!(plain.get("highlights").is_none(), "{plain}");
    let colored = dir.poisk(&["show", "--color", "always", "-q", "мосты", "a-1"]);
    assert!(colored.stdout.contains("новый \x1b[1;31mмост"), "{}", colored.stdout);
    // A query that cannot be read is an error (a stray '(' would only
    // be left out with a warning).
    let bad = dir.poisk(&["show", "-q", "мост OR", "a-1"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("OR needs a word after it"), "{}", bad.stderr);
}

#[test]
fn filters_alone_list_a_source_newest_first_with_counts() {
    let dir = indexed();
    let args = ["search", "--color", "never", "--source", "ng.ru", "--since", "2018-03-01", "--until", "2018-03-31"];
    let run = dir.poisk(&[&args[..], &["--facet", "speaker"]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let a2 = run.stdout.find("· a-2 ").expect("a-2 listed");
    let a1 = run.stdout.find("· a-1 ").expect("a-1 listed");
    assert!(a2 < a1, "newest first: {}", run.stdout);
    assert!(!run.stdout.contains("b-1") && !run.stdout.contains("c-1"), "{}", run.stdout);
    assert!(run.stdout.contains("2 of 2 matches in "), "{}", run.stdout);
    assert!(run.stdout.contains("by speaker:\n    Иван Петров 1 · Пётр Сидоров 1\n"), "{}", run.stdout);
    // The same in JSON, several facets at once; `source:` in the query.
    let json =
        dir.poisk(&["search", "--format", "json", "--facet", "source,year", "--facet", "month", "source:ng.ru"]).json();
    let ids: Vec<&str> = json["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a-2", "a-1", "c-1"]);
    let facets = json["facets"].as_array().unwrap();
    assert_eq!(facets[0]["values"], serde_json::json!([{"value": "ng.ru", "count": 3}]));
    assert_eq!((facets[1]["facet"].as_str(), facets[1]["missing"].as_u64()), (Some("year"), Some(1)));
    assert_eq!(facets[2]["values"], serde_json::json!([{"value": "2018-03", "count": 2}]));
    // An open range: from a day on.
    let since = dir.poisk(&["search", "--format", "json", "--since", "2018-03-15", "мост"]).json();
    assert_eq!(since["total"], 2);
    let bad = dir.poisk(&["search", "--facet", "colour", "мост"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("possible values: source, speaker, year, month"), "{}", bad.stderr);
}

#[test]
fn a_speaker_alone_lists_the_quotes() {
    let dir = indexed();
    let json = dir.poisk(&["search", "--format", "json", "--speaker", "Иван Петров", "--sort", "date"]).json();
    let ids: Vec<&str> = json["hits"].as_array().unwrap().iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["b-1#q1", "a-1#q1"]);
    let timeline = dir.poisk(&["timeline", "--format", "csv", "--by", "year", "--source", "rt.example"]);
    assert_eq!(timeline.code, 0, "{}", timeline.stderr);
    assert!(
        timeline.stdout.contains("2018,2018-01-01,2018-12-31,1\n2019,2019-01-01,2019-12-31,1"),
        "{}",
        timeline.stdout
    );
}

/// The same story twice (a hundred-odd words, republished under another
/// id), and another story.
fn republished() -> Dir {
    let story = "Городской совет утвердил план строительства нового моста через реку. По словам чиновников, \
работы начнутся весной и продлятся два года, а движение по старому мосту не прекратится. Жители давно просили \
построить второй мост, потому что в часы пик пробки растягиваются на несколько километров вдоль набережной. \
Проект обойдётся городу в четыре миллиарда рублей, половину суммы выделит область. Подрядчика выберут на \
открытом конкурсе в феврале, заявки уже подали шесть компаний, среди них две иностранные.";
    let record = |id: &str, title: &str, body: &str| {
        serde_json::json!({"id": id, "date": "2018-03-01", "title": title, "source": "ng.ru", "body": body}).to_string()
    };
    let lines = [
        record("s-1", "Новый мост", story),
        record("s-2", "Новый мост", story),
        record(
            "o-1",
            "Старый мост",
            "Старый мост закроют на ремонт летом, движение по мосту пустят в объезд по набережной.",
        ),
    ];
    let dir = Dir::new();
    dir.write("news.jsonl", lines.join("\n"));
    let run = dir.poisk(&["index", "--progress", "never", "news.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

#[test]
fn a_story_republished_is_shown_once() {
    let dir = republished();
    let run = dir.poisk(&["search", "--color", "never", "мост"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let shown = run.stdout.matches("Новый мост").count();
    assert_eq!(shown, 1, "{}", run.stdout);
    assert!(run.stdout.contains("    1 more like this (nearly the same text): s-"), "{}", run.stdout);
    assert!(run.stdout.contains("2 of 3 matches for «мост»"), "{}", run.stdout);
    let json = dir.poisk(&["search", "--format", "json", "мост"]).json();
    let story = json["hits"].as_array().unwrap().iter().find(|h| h["title"] == "Новый мост").unwrap();
    let other = if story["id"] == "s-1" { "s-2" } else { "s-1" };
    assert_eq!(story["duplicates"], serde_json::json!([other]));
    let each = dir.poisk(&["search", "--format", "json", "--no-collapse", "мост"]).json();
    assert_eq!(each["hits"].as_array().unwrap().len(), 3);
    assert!(each["hits"][0].get("duplicates").is_none());
}

#[test]
fn similar_lists_other_articles_of_the_story() {
    let dir = republished();
    let run = dir.poisk(&["similar", "--format", "json", "s-1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["hits"][0]["id"], "s-2");
    assert_eq!(json["hits"][0]["duplicates"], serde_json::json!(["s-1"]));
    let missing = dir.poisk(&["similar", "x-9"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("no article with the id \"x-9\""), "{}", missing.stderr);
}
