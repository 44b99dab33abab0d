//! Runs the real `poisk` binary in temporary directories.

mod util;

mod index;
mod search;
