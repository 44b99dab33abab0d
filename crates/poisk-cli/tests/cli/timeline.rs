//! `poisk timeline`: counts per interval as a chart, CSV and JSON.

use std::collections::BTreeMap;

use crate::util::{Dir, copy_corpus_sample};

/// `(period, count)` of each bucket of a JSON timeline.
fn periods(json: &serde_json::Value) -> Vec<(String, u64)> {
    json["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["period"].as_str().unwrap().to_owned(), b["count"].as_u64().unwrap()))
        .collect()
}

/// An index of JSONL articles with these dates (null: undated), all about
/// sanctions, one of them (the first) without the word `ЕС`.
fn dated_index(dates: &[Option<&str>]) -> Dir {
    let dir = Dir::new();
    let mut lines = String::new();
    for (i, date) in dates.iter().enumerate() {
        let body = if i == 0 {
            "Новые санкции."
        } else {
            "ЕС ввёл новые санкции. Министр сказал: «Санкции не работают»."
        };
        let record =
            serde_json::json!({"id": format!("a{i}"), "date": date, "title": format!("Статья {i}"), "body": body});
        lines.push_str(&format!("{record}\n"));
    }
    dir.write("news.jsonl", lines);
    let run = dir.poisk(&["index", "--index", "idx", "news.jsonl"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    dir
}

#[test]
fn seed_fallback_draws_one_bar_and_says_so() {
    let run = Dir::new().poisk(&["timeline", "--color", "never", "Курской области"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(lines[0].starts_with("2025-09  1 ████"), "{}", lines[0]);
    // Piped output is 80 columns wide; the chart leaves the last one free.
    assert_eq!(lines[0].chars().count(), 79, "{}", lines[0]);
    assert!(
        lines[1].starts_with("1 article matches «Курской области», by month from 2025-09 to 2025-09"),
        "{}",
        lines[1]
    );
    assert!(run.stderr.contains("no index at ./poisk-index") && run.stderr.contains("seed"), "{}", run.stderr);
}

#[test]
fn gaps_show_as_empty_bars_and_undated_matches_are_counted_apart() {
    let dir = dated_index(&[Some("2024-01-10"), Some("2024-03-05"), Some("2024-03-31"), None, Some("2024-04-01")]);
    let run = dir.poisk(&["timeline", "--index", "idx", "--format", "json", "санкций"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let json = run.json();
    assert_eq!((json["total"].as_u64(), json["undated"].as_u64()), (Some(5), Some(1)));
    assert_eq!(json["kind"], "article");
    assert_eq!(json["by"], "month");
    let want = [("2024-01", 1), ("2024-02", 0), ("2024-03", 2), ("2024-04", 1)];
    assert_eq!(periods(&json), want.map(|(p, n)| (p.to_owned(), n)));
    assert_eq!(json["buckets"][1]["start"], "2024-02-01");
    assert_eq!(json["buckets"][1]["end"], "2024-02-29");

    let text = dir.poisk(&["timeline", "--index", "idx", "--color", "never", "санкций"]);
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert_eq!(lines[1], "2024-02  0", "an empty month has no bar: {}", text.stdout);
    assert!(lines[2].starts_with("2024-03  2 ") && lines[2].ends_with('█'), "{}", lines[2]);
    assert!(text.stdout.contains("5 articles match «санкций»") && text.stdout.contains("1 undated, not in the chart"));

    // Weeks, days and years add up to the same dated total.
    for by in ["day", "week", "year"] {
        let json = dir.poisk(&["timeline", "--index", "idx", "--format", "json", "--by", by, "санкций"]).json();
        let sum: u64 = periods(&json).iter().map(|(_, n)| n).sum();
        assert_eq!(sum, 4, "{by}");
    }
    let weeks = dir.poisk(&["timeline", "--index", "idx", "--format", "json", "--by", "week", "санкций"]).json();
    let weeks = periods(&weeks);
    assert_eq!(weeks.first(), Some(&("2024-W02".to_owned(), 1)));
    // 2024-03-31 is a Sunday, 2024-04-01 the next Monday.
    assert_eq!(weeks.last(), Some(&("2024-W14".to_owned(), 1)));
    assert!(weeks.contains(&("2024-W13".to_owned(), 1)), "{weeks:?}");
}

#[test]
fn filters_quotes_and_speakers_count_as_in_a_search() {
    let dir = dated_index(&[Some("2024-01-10"), Some("2024-03-05"), Some("2024-03-31"), None]);
    let count = |args: &[&str]| {
        let mut all = vec!["timeline", "--index", "idx", "--format", "json"];
        all.extend(args);
        dir.poisk(&all).json()["total"].as_u64().unwrap()
    };
    assert_eq!(count(&["--since", "2024-03-01", "санкций"]), 2);
    assert_eq!(count(&["--until", "2024-03-05", "санкций"]), 2);
    assert_eq!(count(&["санкций date:2024-01"]), 1);
    assert_eq!(count(&["санкций ЕС"]), 3);
    // Articles 1 to 3 have a quote each, article 0 none.
    assert_eq!(count(&["--quotes", "санкции"]), 3);
    let quotes = dir.poisk(&["timeline", "--index", "idx", "--format", "json", "--quotes", "санкции"]).json();
    assert_eq!((quotes["kind"].as_str(), quotes["undated"].as_u64()), (Some("quote"), Some(1)));
    let search = dir.poisk(&["search", "--index", "idx", "--format", "json", "--quotes", "санкции"]).json();
    assert_eq!(search["total"], quotes["total"]);
    // The seed's debt quote, by Kim Jong Un in any form of the name.
    let run = Dir::new().poisk(&["timeline", "--format", "json", "--speaker", "Ким Чен Ына", "долг"]);
    let json = run.json();
    assert_eq!((json["kind"].as_str(), json["total"].as_u64()), (Some("quote"), Some(1)));
    assert_eq!(periods(&json), [("2025-09".to_owned(), 1)]);
}

#[test]
fn csv_is_a_table_with_notes_on_stderr() {
    let dir = dated_index(&[Some("2023-12-30"), Some("2024-01-02"), None]);
    let run = dir.poisk(&["timeline", "--index", "idx", "--format", "csv", "--by", "year", "санкций"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "period,start,end,count\n2023,2023-01-01,2023-12-31,1\n2024,2024-01-01,2024-12-31,1\n");
    assert!(run.stderr.contains("1 of the 3 matches have no date"), "{}", run.stderr);
}

#[test]
fn no_match_exits_one_and_a_bad_query_points_at_the_problem() {
    let run = Dir::new().poisk(&["timeline", "--format", "json", "бегемот"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json = run.json();
    assert_eq!(json["total"], 0);
    assert_eq!(json["buckets"].as_array().map(Vec::len), Some(0));
    let run = Dir::new().poisk(&["timeline", "путин OR"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("position 8") && run.stderr.contains("\n          ^"), "{}", run.stderr);
    let run = Dir::new().poisk(&["timeline", "--by", "decade", "путин"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("month"), "{}", run.stderr);
}

#[test]
fn wrong_keyboard_layout_is_corrected_and_said() {
    let dir = Dir::new();
    let run = dir.poisk(&["timeline", "--color", "never", "rehcrjq j,kfcnb"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .starts_with("«rehcrjq j,kfcnb» looks typed on the Latin keyboard layout; counting «курской области»")
    );
    let json = dir.poisk(&["timeline", "--format", "json", "rehcrjq j,kfcnb"]).json();
    assert_eq!((json["corrected"].as_str(), json["total"].as_u64()), (Some("курской области"), Some(1)));
}

#[test]
fn colour_only_when_asked() {
    let dir = Dir::new();
    assert!(!dir.poisk(&["timeline", "Пекине"]).stdout.contains('\x1b'), "piped output has no colour");
    let coloured = dir.poisk(&["timeline", "--color", "always", "Пекине"]);
    assert!(coloured.stdout.contains("\x1b[36m█"), "{}", coloured.stdout);
}

/// The inflected forms of `санкция`: what the stemmer reduces to the stem
/// of `санкций`, counted here without poisk's analyzer.
const SANCTION_FORMS: [&str; 8] =
    ["санкция", "санкции", "санкций", "санкцию", "санкцией", "санкциям", "санкциями", "санкциях"];

fn mentions_sanctions(text: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|w| SANCTION_FORMS.contains(&w.to_lowercase().as_str()))
}

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn real_corpus_months_match_an_independent_count() {
    let dir = Dir::new();
    let sample = copy_corpus_sample(&dir, 8);
    let run = dir.poisk(&["index", "--index", "idx", "txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The month of each sampled article that names sanctions, by reading
    // the files: names start with the article's date.
    let mut want: BTreeMap<String, u64> = BTreeMap::new();
    for name in &sample {
        let text = std::fs::read_to_string(dir.path().join("txt").join(name)).unwrap();
        if mentions_sanctions(&text) {
            *want.entry(name[..7].to_owned()).or_default() += 1;
        }
    }
    assert!(want.len() >= 5, "the sample should span several months: {want:?}");
    let json = dir.poisk(&["timeline", "--index", "idx", "--format", "json", "санкций"]).json();
    let got = periods(&json);
    let nonzero: BTreeMap<String, u64> = got.iter().filter(|(_, n)| *n > 0).cloned().collect();
    assert_eq!(nonzero, want);
    assert_eq!(json["undated"], 0);
    assert_eq!(json["total"].as_u64(), Some(want.values().sum()));
    // Every month from the first to the last is there, gaps included.
    let first = got.first().unwrap().0.clone();
    let months: Vec<&str> = got.iter().map(|(p, _)| p.as_str()).collect();
    let mut month = (first[..4].parse::<u32>().unwrap(), first[5..].parse::<u32>().unwrap());
    for period in &months {
        assert_eq!(*period, format!("{:04}-{:02}", month.0, month.1));
        month = if month.1 == 12 { (month.0 + 1, 1) } else { (month.0, month.1 + 1) };
    }
    assert_eq!(months.last().copied(), want.keys().last().map(String::as_str));
    // And the total is the one a search reports.
    let search = dir.poisk(&["search", "--index", "idx", "--format", "json", "санкций"]).json();
    assert_eq!(search["total"], json["total"]);
}
