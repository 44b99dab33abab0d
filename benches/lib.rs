//! Shared helpers of the benchmarks in this folder (`cargo bench`).
