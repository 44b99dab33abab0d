//! Runs the real `poisk` binary in temporary directories.
#![allow(clippy::unwrap_used)] // Tests may panic on failure.

mod util;

mod bench;
mod cluster;
mod completions;
mod find;
mod index;
mod options;
mod quotes;
mod readme;
mod reliability;
mod search;
mod serve;
mod stats;
mod timeline;
