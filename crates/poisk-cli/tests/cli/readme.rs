//! Every `console` example of README.md, run against the binary by
//! trycmd and compared with what the README shows, so that the README
//! cannot go stale. `[..]` in an example stands for a part of a line that
//! varies (timings, sizes), a line `...` for lines left out.
//!
//! The examples run where a reader of the README would run them: in a
//! checkout with `../shared/corpus` beside it, with no `./poisk-index`
//! (the seed articles) and an index of `../shared/corpus/txt` at
//! `txt-idx`. To rewrite the examples from the binary after a change:
//! `TRYCMD=overwrite cargo test -p poisk-cli --test cli readme`, then read
//! the diff.

use std::path::Path;
use std::process::Command;

#[test]
#[cfg_attr(not(corpus), ignore = "needs ../shared/corpus beside the checkout")]
fn readme_examples_show_what_the_binary_prints() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = repo.join("../shared").canonicalize().unwrap();
    // <tmp>/checkout/README.md, and its examples run in
    // <tmp>/checkout/README.in (trycmd's working directory for README.md),
    // with <tmp>/checkout/shared standing for ../shared.
    let tmp = tempfile::tempdir().unwrap();
    let checkout = tmp.path().join("checkout");
    let work = checkout.join("README.in");
    std::fs::create_dir_all(&work).unwrap();
    std::os::unix::fs::symlink(&shared, checkout.join("shared")).unwrap();
    std::fs::copy(repo.join("README.md"), checkout.join("README.md")).unwrap();
    let indexed = Command::new(env!("CARGO_BIN_EXE_poisk"))
        .current_dir(&work)
        // One thread: one segment order, so that equal scores always fall
        // in the same order.
        .args(["index", "--index", "txt-idx", "--threads", "1", "--progress", "never", "../shared/corpus/txt"])
        .env_remove("POISK_INDEX")
        .output()
        .unwrap();
    assert!(indexed.status.success(), "{}", String::from_utf8_lossy(&indexed.stderr));

    trycmd::TestCases::new()
        .register_bin("poisk", Path::new(env!("CARGO_BIN_EXE_poisk")))
        .env("POISK_INDEX", "")
        .env("NO_COLOR", "1")
        .case(checkout.join("README.md"))
        .run();

    // `TRYCMD=overwrite` rewrote the copy: bring it back.
    if std::env::var_os("TRYCMD").is_some_and(|v| v == "overwrite") {
        std::fs::copy(checkout.join("README.md"), repo.join("README.md")).unwrap();
    }
}
