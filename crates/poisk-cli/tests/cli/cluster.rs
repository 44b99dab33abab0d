//! `poisk cluster config`, and `--engine` on the commands: addresses
//! checked, and, with a running cluster (`POISK_CLUSTER_SHARDS`,
//! `POISK_CLUSTER_AGGREGATOR`, as `.ci/run` sets them), the same output
//! as the local index.

use crate::util::Dir;

#[test]
fn config_writes_a_node_each_and_says_how_to_run_them() {
    let dir = Dir::new();
    let run = dir.poisk(&["cluster", "config", "--shards", "3", "--dir", "c", "--base-port", "19306"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (node, listen) in [("shard1", "19308:mysql41"), ("shard3", "19312:mysql41"), ("aggregator", "19306:mysql41")] {
        let config = std::fs::read_to_string(dir.path().join("c").join(node).join("sphinx.conf")).unwrap();
        assert!(config.contains(&format!("listen = 127.0.0.1:{listen}")), "{node}: {config}");
        assert!(
            run.stdout.contains(&format!(
                "searchd --config {}",
                dir.path().join("c").join(node).join("sphinx.conf").display()
            ))
        );
    }
    assert!(
        run.stdout.contains("poisk index --engine sphinxql://127.0.0.1:19308,127.0.0.1:19310,127.0.0.1:19312 PATH")
    );
    assert!(run.stdout.contains("poisk search --engine sphinxql://127.0.0.1:19306 QUERY"));
    let bad = dir.poisk(&["cluster", "config", "--shards", "0", "--dir", "c"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("1 to 64 shards"), "{}", bad.stderr);
}

#[test]
fn bad_engine_addresses_are_errors_that_say_why() {
    let dir = Dir::new();
    for (args, says) in [
        (vec!["search", "--engine", "mysql://127.0.0.1:1", "x"], "must begin with sphinxql://"),
        (vec!["search", "--engine", "sphinxql://127.0.0.1", "x"], "has no port"),
        (vec!["search", "--engine", "sphinxql://127.0.0.1:1,127.0.0.1:2", "x"], "one aggregator"),
        (vec!["index", "--engine", "sphinxql://127.0.0.1:1,127.0.0.1:1", "."], "named twice"),
        (vec!["check", "--engine", "sphinxql://127.0.0.1:1"], "--engine works with"),
        (vec!["similar", "--engine", "sphinxql://127.0.0.1:1", "a.txt"], "only the local index keeps"),
        // Nothing listens on port 1.
        (vec!["stats", "--engine", "sphinxql://127.0.0.1:1"], "cannot connect"),
    ] {
        let run = dir.poisk(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
}

/// The JSON of a search with what differs between runs taken out.
fn comparable(json: &str) -> serde_json::Value {
    let mut value: serde_json::Value = serde_json::from_str(json).unwrap();
    value.as_object_mut().unwrap().remove("took_ms");
    for hit in value["hits"].as_array_mut().unwrap() {
        hit.as_object_mut().unwrap().remove("score");
    }
    value
}

#[test]
fn a_cluster_answers_as_the_local_index_does() {
    let (Ok(shards), Ok(aggregator)) =
        (std::env::var("POISK_CLUSTER_SHARDS"), std::env::var("POISK_CLUSTER_AGGREGATOR"))
    else {
        assert_ne!(std::env::var("POISK_REQUIRE_CLUSTER").as_deref(), Ok("1"), "no cluster given");
        eprintln!("skipping: no cluster (POISK_CLUSTER_SHARDS, POISK_CLUSTER_AGGREGATOR)");
        return;
    };
    let dir = Dir::new();
    dir.write("in/a.txt", crate::util::SEED);
    let (index, search) = (format!("sphinxql://{shards}"), format!("sphinxql://{aggregator}"));
    let indexed = dir.poisk(&["index", "--engine", &index, "--rebuild", "in"]);
    assert_eq!(indexed.code, 0, "{}", indexed.stderr);
    assert!(indexed.stderr.contains("indexed 1 article (4 quotes)"), "{}", indexed.stderr);
    assert_eq!(dir.poisk(&["index", "--index", "local", "in"]).code, 0);
    for args in [
        vec!["search", "Курской области", "--format", "json"],
        vec!["search", "долг", "--speaker", "Ким Чен Ына", "--format", "json"],
    ] {
        let local = dir.poisk(&[&args[..], &["--index", "local"]].concat());
        let cluster = dir.poisk(&[&args[..], &["--engine", &search]].concat());
        assert_eq!((cluster.code, comparable(&cluster.stdout)), (local.code, comparable(&local.stdout)), "{args:?}");
    }
    for args in [vec!["speakers"], vec!["quotes", "--speaker", "Путин"], vec!["timeline", "Пекин", "--format", "csv"]]
    {
        let local = dir.poisk(&[&args[..], &["--index", "local"]].concat());
        let cluster = dir.poisk(&[&args[..], &["--engine", &search]].concat());
        // `quotes` lists in each engine's own storage order (locally, the
        // order the indexing threads handed out): the same entries, in any order.
        let entries = |out: &str| {
            let mut blocks: Vec<String> = out.split("\n\n").map(str::to_owned).collect();
            if args[0] == "quotes" {
                blocks.sort();
            }
            blocks
        };
        assert_eq!((cluster.code, entries(&cluster.stdout)), (local.code, entries(&local.stdout)), "{args:?}");
    }
    for args in [vec!["show", "a.txt", "--format", "json"], vec!["show", "a.txt#q2", "--query", "Курской"]] {
        let local = dir.poisk(&[&args[..], &["--index", "local"]].concat());
        let cluster = dir.poisk(&[&args[..], &["--engine", &search]].concat());
        assert_eq!((cluster.code, &cluster.stdout), (local.code, &local.stdout), "{args:?}");
    }
    let text = dir.poisk(&["search", "Курской области", "--engine", &search, "--color", "never"]);
    assert!(text.stdout.contains("Путин и Ким Чен Ын проводят переговоры в Пекине"), "{}", text.stdout);
    let stats = dir.poisk(&["stats", "--engine", &search, "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_str(&stats.stdout).unwrap();
    assert_eq!(
        (stats["articles"].as_u64(), stats["quotes"].as_u64(), stats["partial"].as_bool()),
        (Some(1), Some(4), Some(false))
    );
}
