//! The JSON API: the CLI's answers over HTTP, writes behind the key, errors
//! as JSON with their status, a clean stop.

use std::io::Write;

use super::{Server, encode, without_timing};
use crate::util::{Dir, SEED_TITLE, copy_corpus_sample};

const SEED_ID: &str = "2025-09-03-putin-kim-talks-beijing.txt";

#[test]
fn without_an_index_the_seed_is_served_with_the_clis_json() {
    let dir = Dir::new();
    let server = Server::start(&dir, &[]);
    assert!(server.stderr().contains("serving the seed articles built into poisk"), "{}", server.stderr());
    let reply = server.get(&format!("/search?q={}", encode("Курской области")));
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let http = reply.json();
    assert_eq!(http["hits"][0]["title"], SEED_TITLE);
    let cli = dir.poisk(&["search", "--format", "json", "Курской области"]).json();
    assert_eq!(without_timing(http), without_timing(cli));
    // Every parameter the CLI has, by the same name.
    let quotes = server.search("России", "&quotes=true&speaker=%D0%9A%D0%B8%D0%BC&limit=1&snippets=1&sort=date");
    let cli = dir.poisk(&[
        "search",
        "--format",
        "json",
        "--quotes",
        "--speaker",
        "Ким",
        "-n",
        "1",
        "--snippets",
        "1",
        "--sort",
        "date",
        "России",
    ]);
    assert_eq!(without_timing(quotes), without_timing(cli.json()));
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn a_corpus_search_over_http_is_the_clis() {
    let dir = Dir::new();
    copy_corpus_sample(&dir, 10);
    let run = dir.poisk(&["index", "--index", "idx", "txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let server = Server::start(&dir, &["--index", "idx"]);
    for (query, more, args) in [
        ("санкций против России", "", vec![]),
        ("Путин", "&limit=5&offset=5&sort=date", vec!["-n", "5", "--offset", "5", "--sort", "date"]),
        (
            "Путин",
            "&since=2018-03-15&until=2018-03-20&snippets=0",
            vec!["--since", "2018-03-15", "--until", "2018-03-20", "--snippets", "0"],
        ),
        ("\"против России\"", "&quotes=true", vec!["--quotes"]),
    ] {
        let http = server.search(query, more);
        let mut all = vec!["search", "--index", "idx", "--format", "json"];
        all.extend(args);
        all.push(query);
        let cli = dir.poisk(&all);
        assert!(cli.code <= 1, "{}", cli.stderr);
        assert!(http["total"].as_u64().unwrap() > 0 || query.starts_with('"'), "{query}: {http}");
        assert_eq!(without_timing(http), without_timing(cli.json()), "{query} {more}");
    }
    // The timeline, speakers, quotes and stats are the CLI's too.
    let reply = server.get(&format!("/timeline?q={}&by=day", encode("Путин")));
    let mut http = reply.json();
    let mut cli = dir.poisk(&["timeline", "--index", "idx", "--format", "json", "--by", "day", "Путин"]).json();
    http.as_object_mut().unwrap().remove("took_ms");
    cli.as_object_mut().unwrap().remove("took_ms");
    assert_eq!(http, cli);
    let speakers = server.get("/speakers?limit=5").json();
    let cli = dir.poisk(&["speakers", "--index", "idx", "--format", "json", "-n", "5"]).json_lines();
    assert_eq!(speakers["speakers"], serde_json::Value::Array(cli));
    let quotes = server.get("/quotes?limit=3&offset=2").json();
    let cli = dir.poisk(&["quotes", "--index", "idx", "--format", "json"]).json_lines();
    assert_eq!(quotes["total"].as_u64(), Some(cli.len() as u64));
    assert_eq!(quotes["quotes"], serde_json::Value::Array(cli[2..5].to_vec()));
    let stats = server.get("/stats").json();
    assert_eq!(stats, dir.poisk(&["stats", "--index", "idx", "--format", "json"]).json());
}

#[test]
fn an_article_is_served_whole_with_its_quotes() {
    let dir = Dir::new();
    let server = Server::start(&dir, &[]);
    let article = server.get(&format!("/articles/{SEED_ID}")).json();
    assert_eq!(article["title"], SEED_TITLE);
    let body = article["body"].as_str().unwrap();
    let quotes = article["quotes"].as_array().unwrap();
    assert_eq!(quotes.len(), 4);
    for quote in quotes {
        let (start, end) = (quote["start"].as_u64().unwrap() as usize, quote["end"].as_u64().unwrap() as usize);
        assert!(body[start..end].starts_with('«'), "{}", &body[start..end]);
        assert!(body[start..end].contains(quote["text"].as_str().unwrap()));
    }
    let error = server.get("/articles/no-such-article").error(404);
    assert!(error.contains("no-such-article"), "{error}");
    // As `poisk show --query`: the query's words marked in the body.
    let marked = server.get(&format!("/articles/{SEED_ID}?q=Пекине")).json();
    let cli = dir.poisk(&["show", "--format", "json", "-q", "Пекине", SEED_ID]).json();
    assert_eq!(marked, cli);
    let [start, end] = [0, 1].map(|i| marked["highlights"][0][i].as_u64().unwrap() as usize);
    assert_eq!(&marked["body"].as_str().unwrap()[start..end], "Пекине");
    assert!(server.get(&format!("/articles/{SEED_ID}?q=OR")).error(400).contains("OR needs a word"));
}

#[test]
fn hits_name_their_article_and_where_it_was_published() {
    let dir = Dir::new();
    let lines = [
        r#"{"id": "port-1", "date": "2019-05-01", "title": "Причал открыт", "source": "Вестник", "url": "https://example.org/port-1", "body": "Новый причал принял первое судно. «Причал готов к работе», — сказал директор порта Андрей Ветров."}"#,
        r#"{"id": "port-2", "date": "2019-05-02", "title": "Причал и туристы", "source": "Вестник", "url": null, "body": "Туристы пришли посмотреть на причал и маяк."}"#,
    ];
    dir.write("news.jsonl", lines.join("\n"));
    let run = dir.poisk(&["index", "--index", "idx", "news.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let server = Server::start(&dir, &["--index", "idx"]);
    let http = server.search("причал", "&sort=date");
    let cli = dir.poisk(&["search", "--index", "idx", "--format", "json", "--sort", "date", "причал"]).json();
    assert_eq!(without_timing(http.clone()), without_timing(cli));
    let hits = http["hits"].as_array().unwrap();
    let named: Vec<_> = hits.iter().map(|h| (&h["id"], &h["article_id"], &h["url"])).collect();
    assert_eq!(
        named,
        [
            (&"port-2".into(), &"port-2".into(), &serde_json::Value::Null),
            (&"port-1".into(), &"port-1".into(), &"https://example.org/port-1".into()),
        ]
    );
    // A quote hit names itself and its article; the article answers at
    // `/articles/{article_id}` with the same url.
    let quote = &server.search("готов", "&quotes=true")["hits"][0];
    assert_eq!((&quote["id"], &quote["article_id"]), (&"port-1#q1".into(), &"port-1".into()));
    assert_eq!(quote["url"], "https://example.org/port-1");
    let article = server.get("/articles/port-1").json();
    assert_eq!((&article["id"], &article["url"]), (&"port-1".into(), &"https://example.org/port-1".into()));
}

#[test]
fn source_filters_and_facets_count_as_the_cli_does() {
    let dir = Dir::new();
    let server = Server::start(&dir, &[]);
    let source = "CentralAsia (CA)";
    let mut api = server.search("Пекине", &format!("&source={}&facets=source,year&facet_values=5", encode(source)));
    let mut cli = dir
        .poisk(&[
            "search",
            "--format",
            "json",
            "--source",
            source,
            "--facet",
            "source,year",
            "--facet-values",
            "5",
            "Пекине",
        ])
        .json();
    for answer in [&mut api, &mut cli] {
        answer.as_object_mut().unwrap().remove("took_ms");
    }
    assert_eq!(api, cli);
    assert_eq!(api["total"], 1);
    assert_eq!(
        api["facets"][0],
        serde_json::json!({"facet": "source", "values": [{"value": source, "count": 1}], "other_values": 0, "other": 0, "missing": 0})
    );
    assert_eq!(api["facets"][1]["values"][0], serde_json::json!({"value": "2025", "count": 1}));
    assert_eq!(server.search("Пекине", "&source=RT")["total"], 0);
    // No query: everything the filters let through.
    let browsed = server.search("", &format!("&source={}", encode(source)));
    assert_eq!(browsed["hits"][0]["source"], source);
    assert!(server.get("/search?q=x&facets=source,colour").error(400).contains("\"colour\" is not a facet"));
}

#[test]
fn bad_parameters_are_json_errors_naming_them() {
    let dir = Dir::new();
    let server = Server::start(&dir, &[]);
    let reply = server.get(&format!("/search?q={}", encode("путин OR")));
    assert_eq!(reply.error(400), "query error at position 8: OR needs a word after it");
    assert_eq!(reply.json()["position"], 8);
    assert!(server.get("/search?q=x&sicne=2018-01-01").error(400).contains("unknown field `sicne`"));
    assert!(server.get("/search?q=x&limit=many").error(400).contains("limit"));
    assert!(server.get("/search?q=x&since=2018-13-01").error(400).contains("month 13"));
    assert_eq!(server.get("/search").json()["total"], server.get("/health").json()["articles"]);
    assert!(server.get("/search?q=x&offset=9999&limit=10").error(400).contains("10000"));
    // An empty value is no value, as a cleared form field sends it.
    assert_eq!(server.search("Пекин", "&since=&speaker=")["total"], 1);
    // Past the page size: lowered, with a warning.
    let many = server.search("Пекин", "&limit=500");
    assert_eq!(many["warnings"][0], "at most 100 hits per request: 500 lowered to 100");
    // A client may shorten the time budget, and gets what was found.
    assert_eq!(server.search("Пекин", "&timeout=0.000000001")["partial"], true);
    assert!(server.post("/health", &[], b"").error(405).contains("Method Not Allowed"));
    let unknown = server.get("/nowhere").error(404);
    assert!(unknown.contains("/openapi.json"), "{unknown}");
}

#[test]
fn writes_need_the_key_and_are_searchable_when_answered() {
    let dir = Dir::new();
    dir.write("news/seed.txt", crate::util::SEED);
    assert_eq!(dir.poisk(&["index", "--index", "idx", "news"]).code, 0);
    let article = r#"{"id": "w1", "date": "2025-10-01", "title": "Новый причал", "body": "«Причал примет суда к весне», — сказал губернатор Олег Кожемяко."}"#;
    let found = |server: &Server| server.search("причал", "")["total"].as_u64().unwrap();

    // A read-only server refuses every write.
    let server = Server::start(&dir, &["--index", "idx"]);
    assert!(server.post("/articles", &[], article.as_bytes()).error(403).contains("--api-key"));
    assert_eq!(server.get("/health").json()["writable"], false);
    drop(server);

    let server = Server::start_with_env(&dir, &["--index", "idx"], &[("POISK_API_KEY", "s3cret-key")]);
    // Read (and kept by the server) before the write.
    assert_eq!(server.get("/stats").json()["articles"], 1);
    assert_eq!(server.get("/speakers").json()["total"], 2);
    let reply = server.post("/articles", &[], article.as_bytes());
    assert!(reply.error(401).contains("Authorization: Bearer"));
    assert_eq!(reply.header("www-authenticate"), Some("Bearer"));
    let wrong = server.post("/articles", &["Authorization: Bearer s3cret-kez"], article.as_bytes());
    wrong.error(401);
    assert_eq!(found(&server), 0, "nothing is indexed without the key");

    let body = format!("{article}\n[1, 2]\n");
    let reply = server.post("/articles", &["Authorization: Bearer s3cret-key"], body.as_bytes());
    assert_eq!(reply.status, 200, "{}", reply.body);
    let added = reply.json();
    assert_eq!(
        (added["indexed"].as_u64(), added["quotes"].as_u64(), added["skipped"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(added["errors"][0]["line"], 2);
    // Searchable as soon as the answer came, with its quote and speaker.
    let results = server.search("причал", "");
    assert_eq!(results["total"], 1);
    assert_eq!(results["hits"][0]["quotes"][0]["speaker"], "Олег Кожемяко");
    // What the server kept from before the write is computed anew.
    assert_eq!(server.get("/stats").json()["articles"], 2);
    let speakers = server.get("/speakers").json();
    assert!(speakers["speakers"].as_array().unwrap().iter().any(|s| s["speaker"] == "Олег Кожемяко"), "{speakers}");
    // Nothing but bad lines: 422, each line named.
    let reply = server.post("/articles", &["Authorization: Bearer s3cret-key"], b"{\"id\": 1}\nnot json\n");
    assert!(reply.error(422).contains("2 skipped"));
    assert_eq!(reply.json()["errors"].as_array().unwrap().len(), 2);
    assert!(server.post("/articles", &["Authorization: Bearer s3cret-key"], b"  \n").error(400).contains("empty"));
    let (status, stderr) = server.stop();
    assert!(status.success(), "{stderr}");
    // The article is in the index on disk, for the CLI too.
    assert_eq!(dir.poisk(&["search", "--index", "idx", "--format", "json", "причал"]).json()["total"], 1);
}

#[test]
fn the_seed_cannot_be_written_and_an_empty_key_is_refused() {
    let dir = Dir::new();
    let server = Server::start(&dir, &["--api-key", "k"]);
    let reply =
        server.post("/articles", &["Authorization: Bearer k"], b"{\"id\": \"x\", \"title\": \"t\", \"body\": \"b\"}");
    assert!(reply.error(409).contains("--index DIR"));
    drop(server);
    let run = dir.poisk(&["serve", "--listen", "127.0.0.1:0", "--api-key", " "]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("the API key is empty"), "{}", run.stderr);
}

#[test]
fn a_write_under_way_at_sigterm_is_finished_and_committed() {
    let dir = Dir::new();
    dir.write("news/seed.txt", crate::util::SEED);
    assert_eq!(dir.poisk(&["index", "--index", "idx", "news"]).code, 0);
    let server = Server::start(&dir, &["--index", "idx", "--api-key", "k"]);
    let body = r#"{"id": "late", "title": "Поздняя статья", "body": "Текст о причалах."}"#;
    // The request is in flight, its body half sent, when the signal comes.
    let mut stream = server.connect();
    let head = format!(
        "POST /articles HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body.as_bytes()[..10]).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    server.signal_stop();
    std::thread::sleep(std::time::Duration::from_millis(300));
    stream.write_all(&body.as_bytes()[10..]).unwrap();
    let reply = super::Reply::read(&mut stream);
    assert_eq!(reply.status, 200, "{}", reply.body);
    let (status, stderr) = server.wait();
    assert!(status.success(), "{stderr}");
    assert!(stderr.contains("finishing the requests in flight"), "{stderr}");
    assert_eq!(dir.poisk(&["search", "--index", "idx", "--format", "json", "причалах"]).json()["total"], 1);
}

#[test]
fn the_openapi_description_is_served() {
    let dir = Dir::new();
    let server = Server::start(&dir, &[]);
    let doc = server.get("/openapi.json").json();
    assert_eq!(doc["info"]["title"], "poisk");
    assert!(doc["paths"]["/search"]["get"]["parameters"].as_array().unwrap().iter().any(|p| p["name"] == "speaker"));
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json")).unwrap();
    assert_eq!(doc, serde_json::from_str::<serde_json::Value>(&committed).unwrap());
}

#[test]
fn a_commit_of_poisk_index_beside_the_server_is_seen() {
    let dir = Dir::new();
    dir.write("news/seed.txt", crate::util::SEED);
    assert_eq!(dir.poisk(&["index", "--index", "idx", "news"]).code, 0);
    let server = Server::start(&dir, &["--index", "idx"]);
    assert_eq!(server.search("причалы", "")["total"], 0);
    dir.write("more/port.txt", " date 2025-10-02 Порт\n\nНовые причалы откроют весной.\n");
    let run = dir.poisk(&["index", "--index", "idx", "more"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The server's searcher follows commits a moment after they land.
    let started = std::time::Instant::now();
    while server.search("причалы", "")["total"] == 0 {
        assert!(started.elapsed() < std::time::Duration::from_secs(20), "the commit was never seen");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(server.get("/health").json()["articles"], 2);
}

#[test]
fn listening_beyond_this_machine_is_said() {
    let dir = Dir::new();
    let server = Server::start(&dir, &["--listen", "0.0.0.0:0"]);
    let warning = "answers other machines too; without --api-key it is read-only";
    assert!(server.stderr().contains(warning), "{}", server.stderr());
    let local = Server::start(&dir, &[]);
    assert!(!local.stderr().contains("warning"), "{}", local.stderr());
    let keyed = Server::start(&dir, &["--listen", "0.0.0.0:0", "--api-key", "k"]);
    assert!(keyed.stderr().contains("the API key travels unencrypted"), "{}", keyed.stderr());
}

#[test]
fn as_typed_turns_the_corrections_off_as_in_the_cli() {
    let dir = Dir::new();
    let server = Server::start(&dir, &[]);
    // `пекине` typed with the Latin layout.
    let corrected = server.search("gtrbyt", "");
    assert_eq!((corrected["total"].as_u64(), corrected["corrected"].as_str()), (Some(1), Some("пекине")));
    let typed = server.search("gtrbyt", "&as_typed=true");
    assert_eq!((typed["total"].as_u64(), typed["corrected"].as_str()), (Some(0), None), "{typed}");
    let cli = dir.poisk(&["search", "--as-typed", "--format", "json", "gtrbyt"]).json();
    assert_eq!(cli["total"], typed["total"]);
    let timeline = server.get("/timeline?q=gtrbyt&as_typed=true").json();
    assert_eq!(timeline["total"], 0, "{timeline}");
    assert_eq!(server.get("/timeline?q=gtrbyt").json()["total"], 1);
}
