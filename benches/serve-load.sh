#!/usr/bin/env bash
# Load on `poisk serve` over the news corpus (BENCHMARKS.md, "Serving").
#
#   bash benches/serve-load.sh [SECONDS_PER_LEVEL [SOAK_SECONDS]]   # defaults 30 and 300
#   SERVE_ARGS="--workers 3" bash benches/serve-load.sh 10 30          # options of poisk serve
#
# Builds the release binary, indexes ../shared/corpus/news.jsonl.gz into a
# temporary directory, then:
#   1. in process: the 79 queries of benches/queries.txt five times over as one
#      `poisk search -` batch (top 10, 2 snippets: what GET /search answers); p50 and
#      p99 of each query's took_ms, before the HTTP levels and again after them,
#      and the throughput ceiling 2 cores ÷ the faster of the two p50s;
#   2. over HTTP: wrk at 1, 8 and 64 connections, each request the next of the
#      79 queries (a Lua script rotates the URLs): requests per second, p50,
#      p99, errors (non-2xx or socket errors);
#   3. memory: the server's resident set (VmRSS) every 10 s through a soak run
#      at 8 connections.
# Beside each level, the server's CPU time per request (/proc/PID/stat) and
# the in-process CPU time per query over it: a ratio that the machine's
# other work moves much less than the throughput.
# Prints Markdown tables. Needs wrk (Debian package) and python3 (to
# percent-encode the queries). Every request goes to 127.0.0.1 only, and each
# run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
level_seconds=${1:-30}
soak_seconds=${2:-300}
corpus=../shared/corpus/news.jsonl.gz
[ -f "$corpus" ] || { echo "serve-load: no corpus at $corpus" >&2; exit 2; }
command -v wrk >/dev/null || { echo "serve-load: wrk is missing (apt-get install wrk)" >&2; exit 2; }

cargo build --release -q -p poisk-cli
target=$(cargo metadata -q --format-version 1 --no-deps | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
poisk=$target/release/poisk
scratch=$(mktemp -d)
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
    rm -rf "$scratch"
}
trap cleanup EXIT

echo "serve-load: $(git rev-parse --short HEAD), $(nproc) cores, poisk serve ${SERVE_ARGS:-with its defaults}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
"$poisk" index --index "$scratch/idx" --progress never "$corpus"

# 1. In process: the queries five times over as one batch, with the CPU
# time it took (user + system: opening the index once, searching, writing
# the JSON). Run before the HTTP levels and again after them: the ceiling
# comes from the faster of the two, so that a slow moment of this shared
# machine cannot lower it.
for _ in 1 2 3 4 5; do cat benches/queries.txt; done >"$scratch/queries5.txt"
TIMEFORMAT='%U %S'
# inprocess NAME: prints "runs p50 p99 cpu_ms_a_query".
inprocess() {
    { time ("$poisk" search --index "$scratch/idx" --format json -n 10 --snippets 2 - <"$scratch/queries5.txt" \
        >"$scratch/$1.jsonl" || true); } 2>"$scratch/$1.cpu"
    python3 - "$scratch/$1.jsonl" "$scratch/$1.cpu" <<'EOF'
import json, sys
took = sorted(json.loads(line)["took_ms"] for line in open(sys.argv[1]))
user, system = map(float, open(sys.argv[2]).read().split())
pick = lambda p: took[min(len(took) - 1, int(p * len(took)))]
print(f"{len(took)} {pick(0.50):.2f} {pick(0.99):.2f} {(user + system) * 1000 / len(took):.3f}")
EOF
}
read -r inproc_n inproc_p50 inproc_p99 inproc_cpu_ms < <(inprocess before)

# 2. Over HTTP: the queries as request paths, rotated by wrk.
python3 - benches/queries.txt >"$scratch/paths.txt" <<'EOF'
import sys, urllib.parse
for line in open(sys.argv[1], encoding="utf-8"):
    if line.strip():
        print("/search?limit=10&snippets=2&q=" + urllib.parse.quote(line.strip(), safe=""))
EOF
cat >"$scratch/rotate.lua" <<EOF
local paths = {}
for line in io.lines("$scratch/paths.txt") do paths[#paths + 1] = line end
local i = 0
request = function()
    i = i % #paths + 1
    return wrk.format("GET", paths[i])
end
EOF
# shellcheck disable=SC2086 # SERVE_ARGS is a list of options
"$poisk" serve --index "$scratch/idx" --listen 127.0.0.1:0 ${SERVE_ARGS:-} 2>"$scratch/serve.err" &
server=$!
for _ in $(seq 100); do
    grep -q 'listening on' "$scratch/serve.err" && break
    sleep 0.1
done
address=$(sed -n 's|.*listening on http://\([^/]*\)/.*|\1|p' "$scratch/serve.err")
[ -n "$address" ] || { cat "$scratch/serve.err" >&2; exit 1; }

rss() { awk '/VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$server/status"; }
# The server's CPU time so far (user + system), in clock ticks.
ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }
hz=$(getconf CLK_TCK)

# load CONNECTIONS SECONDS: one table row.
load() {
    local connections=$1 seconds=$2 threads=2 before after
    [ "$connections" -eq 1 ] && threads=1
    before=$(ticks)
    wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$scratch/rotate.lua" \
        "http://$address" >"$scratch/wrk-$connections.txt"
    after=$(ticks)
    echo "$connections $((after - before))" >>"$scratch/levels.txt"
}

for connections in 1 8 64; do
    load "$connections" "$level_seconds"
done
read -r _ after_p50 after_p99 after_cpu_ms < <(inprocess after)

echo
echo "In process (\`poisk search -\`, $inproc_n query runs each): before the HTTP levels p50 $inproc_p50 ms, p99 $inproc_p99 ms, CPU $inproc_cpu_ms ms a query; after them p50 $after_p50 ms, p99 $after_p99 ms, CPU $after_cpu_ms ms a query"
python3 - "$scratch" "$hz" "$inproc_p50" "$after_p50" "$inproc_cpu_ms" "$after_cpu_ms" <<'EOF'
import re, sys
scratch, hz = sys.argv[1], int(sys.argv[2])
p50 = min(float(sys.argv[3]), float(sys.argv[4]))
inproc_cpu = min(float(sys.argv[5]), float(sys.argv[6]))
ceiling = 2000 / p50
print(f"Ceiling: 2 cores ÷ the faster p50 ({p50:.2f} ms) = {ceiling:.0f} requests/s")
print()
print("| connections | requests/s | of ceiling | p50 ms | p99 ms | requests | errors | server CPU ms a request | in-process CPU ÷ server CPU |")
print("|---|---|---|---|---|---|---|---|---|")
def ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
for line in open(f"{scratch}/levels.txt"):
    connections, ticks = line.split()
    text = open(f"{scratch}/wrk-{connections}.txt").read()
    def pct(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        return ms(*m.groups()) if m else float("nan")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", text)) else 0
    socket = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", text.split("Socket errors:")[1])) if "Socket errors:" in text else 0
    cpu_ms = int(ticks) * 1000 / hz / total
    print(f"| {connections} | {rps:.0f} | {100 * rps / ceiling:.0f}% | {pct(50):.2f} | {pct(99):.2f} | {total} | {non2xx + socket} | {cpu_ms:.2f} | {100 * inproc_cpu / cpu_ms:.0f}% |")
EOF

# 3. Memory through a soak run.
echo
echo "Soak at 8 connections for $soak_seconds s: VmRSS of the server every 10 s (MB):"
before=$(rss)
wrk -t2 -c8 -d"${soak_seconds}s" --timeout 10s -s "$scratch/rotate.lua" "http://$address" >"$scratch/soak.txt" &
soak=$!
samples=()
while kill -0 "$soak" 2>/dev/null; do
    sleep 10
    samples+=("$(rss)")
done
wait "$soak"
echo "before $before; during ${samples[*]}; after $(rss)"
grep -E "requests in|Non-2xx|Socket errors" "$scratch/soak.txt" || true
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
