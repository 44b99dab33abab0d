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
#      (MB/s of title + body text), each shard's RSS and table size;
#   2. queries: the 79 queries of benches/queries.txt REPEATS times over as
#      one `poisk search -` batch (top 10, 2 snippets, 3 quotes per hit) on
#      each: p50 and p99 of each query's took_ms (the cluster's includes the
#      round trips to the aggregator and the shards);
#   3. the first pass's totals (equal or not) and top-10 overlap per query,
#      against a local pass with near-duplicates not collapsed, since the
#      cluster keeps no fingerprints to collapse them by;
#   4. ranking: examples/eval_cluster.rs, MRR@10 of both on the relevance
#      sample of 1,000 leads.
# Prints Markdown tables. Needs searchd (Debian package sphinxsearch) and
# python3.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
corpus=../shared/corpus/news.jsonl.gz
[ -f "$corpus" ] || { echo "cluster: no corpus at $corpus" >&2; exit 2; }
command -v searchd >/dev/null || { echo "cluster: searchd is missing (apt-get install sphinxsearch)" >&2; exit 2; }

# Two builds: a target flag (--example) would select the example alone.
cargo build --release -q -p poisk-cli
cargo build --release -q -p poisk-examples --example eval_cluster
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

# What the cluster holds: each shard's resident memory, then its table on
# disk (stopping a shard writes its RAM chunk out; the binlog is left out).
echo
echo "| shard | searchd RSS MB | table on disk MB |"
echo "|---|---|---|"
for node in shard1 shard2; do
    rss=$(ps -o rss= -p "$(cat "$scratch/c/$node/searchd.pid")")
    searchd --config "$scratch/c/$node/sphinx.conf" --stopwait >/dev/null 2>&1
    disk=$(cat "$scratch/c/$node/data"/poisk.* | wc -c)
    searchd --config "$scratch/c/$node/sphinx.conf" >/dev/null
    echo "| $node | $((rss / 1024)) | $((disk / 1000000)) |"
done
echo "local index on disk: $(du -sb "$scratch/local" | cut -f1 | awk '{printf "%d", $1 / 1000000}') MB"

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
# The first pass over benches/queries.txt: equal totals, and how many of the
# local top 10 the cluster's top 10 holds. Locally each near-duplicate is a
# hit of its own here, as on the cluster, which cannot collapse them.
"$poisk" search --index "$scratch/local" --format json -n 10 --no-collapse - <benches/queries.txt >"$scratch/local-all.jsonl" || true
python3 - "$scratch/local-all.jsonl" "$scratch/cluster.jsonl" "$(grep -c . benches/queries.txt)" <<'PY'
import json, sys
n = int(sys.argv[3])
local, cluster = ([json.loads(line) for line in open(path)][:n] for path in sys.argv[1:3])
equal = sum(l["total"] == c["total"] for l, c in zip(local, cluster))
overlaps = []
for l, c in zip(local, cluster):
    top = {h["id"] for h in l["hits"][:10]}
    if top:
        overlaps.append(len(top & {h["id"] for h in c["hits"][:10]}) / len(top))
print(f"benches/queries.txt on the corpus: equal totals for {equal} of {len(local)} queries; "
      f"top-10 overlap {sum(overlaps) / len(overlaps):.3f} on average, {min(overlaps):.1f} at worst")
PY
echo
"$target/release/examples/eval_cluster" --shards "$shards" --aggregator "$aggregator"
