//! Tells the tests whether the shared corpus is there, as the library's
//! `build.rs` does (read it for why): `cfg(corpus)`. The cluster tests
//! index a sample of `news.jsonl.gz`.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(corpus)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=POISK_REQUIRE_CORPUS");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let corpus = Path::new(&manifest).join("../../../shared/corpus/news.jsonl.gz");
    if corpus.exists() {
        println!("cargo::rustc-cfg=corpus");
    } else if std::env::var_os("POISK_REQUIRE_CORPUS").is_some_and(|v| v == "1") {
        panic!("POISK_REQUIRE_CORPUS=1 but the corpus is not at {}", corpus.display());
    }
}
