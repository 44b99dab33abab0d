#!/usr/bin/env bash
# poisk on a 2-shard Sphinx cluster beside the local index, on the news
# corpus, in the same run (BENCHMARKS.md, "Cluster").
#
#   bash benches/cluster.sh [REPEATS]      # default 5
#
# Builds the release binaries, writes the configs of 2 shards and an
# aggregator with `poisk cluster config` in a temporary directory, starts
# them on loopback ports (stopped by their pid files when the script ends),
# then:
#   1. indexing: ../shared/corpus/news.jsonl.gz into a local index and into
#      the cluster (`poisk index --engine`), each run's own summary line
#      (MB/s of title + body text);
#   2. queries: the 79 queries of benches/queries.txt REPEATS times over as
#      one `poisk search -` batch (top 10, 2 snippets, 3 quotes per hit) on
#      each: p50 and p99 of each query's took_ms (the cluster's includes the
#      round trips to the aggregator and the shards);
#   3. ranking: examples/eval_cluster.rs, MRR@10 of both on the relevance
#      sample of 1,000 leads.
# Prints Markdown tables. Needs searchd (Debian package sphinxsearch) and
# python3.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
corpus=../shared/corpus/news.jsonl.gz
[ -f "$corpus" ] || { echo "cluster: no corpus at $corpus" >&2; exit 2; }
command -v searchd >/dev/null || { echo "cluster: searchd is missing (apt-get install sphinxsearch)" >&2; exit 2; }

cargo build --release -q -p poisk-cli -p poisk-examples --example eval_cluster
target=$(cargo metadata -q --format-version 1 --no-deps | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
poisk=$target/release/poisk
scratch=$(mktemp -d)
port=49306
cleanup() {
    for pid_file in "$scratch"/c/*/searchd.pid; do
        [ -s "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null || true
    done
    sleep 1
    rm -rf "$scratch"
}
trap cleanup EXIT
"$poisk" cluster config --shards 2 --dir "$scratch/c" --base-port $port >/dev/null
for node in shard1 shard2 aggregator; do
    searchd --config "$scratch/c/$node/sphinx.conf" >/dev/null
done
shards="127.0.0.1:$((port + 2)),127.0.0.1:$((port + 4))"
aggregator="127.0.0.1:$port"

echo "cluster: $(git rev-parse --short HEAD), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| engine | indexing (the run's summary) |"
echo "|---|---|"
"$poisk" index --index "$scratch/local" --progress never "$corpus" 2>"$scratch/local.log"
echo "| local | $(grep -o 'indexed.*' "$scratch/local.log" | sed "s|$scratch/||") |"
"$poisk" index --engine "sphinxql://$shards" "$corpus" 2>"$scratch/cluster.log"
echo "| 2-shard cluster | $(grep -o 'indexed.*' "$scratch/cluster.log") |"

for _ in $(seq "$repeats"); do cat benches/queries.txt; done >"$scratch/queries.txt"
percentiles() {
    python3 - "$1" <<'PY'
import json, sys
took = sorted(json.loads(line)["took_ms"] for line in open(sys.argv[1]))
pick = lambda p: took[min(len(took) - 1, int(p * len(took)))]
print(f"{len(took)} | {pick(0.5):.2f} | {pick(0.99):.2f}")
PY
}
"$poisk" search --index "$scratch/local" --format json -n 10 --snippets 2 - <"$scratch/queries.txt" >"$scratch/local.jsonl" || true
"$poisk" search --engine "sphinxql://$aggregator" --format json -n 10 --snippets 2 - <"$scratch/queries.txt" >"$scratch/cluster.jsonl" || true
echo
echo "| engine | queries | p50 ms | p99 ms |"
echo "|---|---|---|---|"
echo "| local | $(percentiles "$scratch/local.jsonl") |"
echo "| 2-shard cluster | $(percentiles "$scratch/cluster.jsonl") |"
echo
echo "load average after the queries: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
"$target/release/examples/eval_cluster" --shards "$shards" --aggregator "$aggregator"
