//! Holder crate for the runnable examples in this folder (`cargo run -p poisk-examples --example NAME`).
