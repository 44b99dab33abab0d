//! Tells the tests whether the shared corpus (`../shared/corpus` beside the
//! checkout) is there: tests that read it are `#[cfg_attr(not(corpus),
//! ignore = …)]`, so that without it they show as ignored, not as passed.
//! With `POISK_REQUIRE_CORPUS=1` (CI) a missing corpus fails the build.
//!
//! Only the variable and this file trigger a rerun (a path that does not
//! exist would rerun the script on every build, the crate's dependents'
//! builds included): after adding the corpus, `touch crates/poisk/build.rs`.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(corpus)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=POISK_REQUIRE_CORPUS");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let corpus = Path::new(&manifest).join("../../../shared/corpus");
    let present = ["news.jsonl.gz", "txt", "qa-dev/rt_summary_to_article.tsv"].iter().all(|p| corpus.join(p).exists());
    if present {
        println!("cargo::rustc-cfg=corpus");
    } else if std::env::var_os("POISK_REQUIRE_CORPUS").is_some_and(|v| v == "1") {
        panic!("POISK_REQUIRE_CORPUS=1 but the corpus is not at {}", corpus.display());
    }
}
