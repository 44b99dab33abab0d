#!/usr/bin/env bash
# Search time over the segments `poisk index` leaves, and over the same index
# merged into one segment by `poisk index --merge` (BENCHMARKS.md, "Segments").
#
#   bash benches/segments.sh [ROUNDS]   # default 5
#   INDEX_ARGS="--commit-every 0" bash benches/segments.sh   # one commit: 2 segments, as the search bench's
#
# Builds the release binary, indexes ../shared/corpus/news.jsonl.gz into a
# temporary directory with the default options (and $INDEX_ARGS), then, alternating between the
# index as written and a merged copy, runs the 79 queries of
# benches/queries.txt as one `poisk search -` batch (top 10, 2 snippets),
# ROUNDS times each. Prints the segment counts, the merge's time and the
# percentiles of each query's took_ms, and the batch's CPU time (user +
# system, from /usr/bin/time), which the machine's other work moves less.
# Needs python3 (percentiles) and /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
corpus=../shared/corpus/news.jsonl.gz
[ -f "$corpus" ] || { echo "segments: no corpus at $corpus" >&2; exit 2; }
cargo build --release -q -p poisk-cli
poisk=target/release/poisk
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# shellcheck disable=SC2086 # options, split on purpose
"$poisk" index --index "$scratch/as-written" --progress never ${INDEX_ARGS:-} "$corpus" 2>"$scratch/index.txt"
cp -r "$scratch/as-written" "$scratch/merged"
"$poisk" index --index "$scratch/merged" --merge 2>"$scratch/merge.txt"
segments() { find "$1" -maxdepth 1 -name '*.store' | wc -l; }
grep -v '^#' benches/queries.txt | grep -v '^[[:space:]]*$' >"$scratch/queries.txt"

for round in $(seq "$rounds"); do
    for index in as-written merged; do
        /usr/bin/time -f "%U %S" -a -o "$scratch/$index.cpu" \
            "$poisk" search --index "$scratch/$index" --format json -n 10 --snippets 2 - \
            <"$scratch/queries.txt" >>"$scratch/$index.json"
    done
done

echo "Indexing: $(cat "$scratch/index.txt")"
echo "Merging: $(cat "$scratch/merge.txt")"
echo
echo "| index | segments | query runs | p50 ms | p90 ms | p99 ms | CPU s a batch (median of $rounds) |"
echo "|---|---|---|---|---|---|---|"
for index in as-written merged; do
    python3 - "$scratch/$index.json" "$scratch/$index.cpu" "$index" "$(segments "$scratch/$index")" <<'EOF'
import json, sys
took = sorted(json.loads(line)["took_ms"] for line in open(sys.argv[1]) if line.strip())
pick = lambda q: took[min(len(took) - 1, int(q * len(took)))]
cpu = sorted(sum(map(float, line.split())) for line in open(sys.argv[2]) if line.strip())
print(f"| {sys.argv[3]} | {sys.argv[4]} | {len(took)} | {pick(0.5):.2f} | {pick(0.9):.2f} | {pick(0.99):.2f} | {cpu[len(cpu) // 2]:.2f} |")
EOF
done
