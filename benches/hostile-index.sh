#!/usr/bin/env bash
# Hostile input to `poisk index`, each run under /usr/bin/time: exit status,
# wall-clock seconds, peak memory and the end of what poisk said, one
# Markdown table row per case (RELIABILITY.md, "Size and shape").
#
#   cargo build --release
#   bash benches/hostile-index.sh target/release/poisk
#
# Each run is stopped after 300 s (exit 137). Inputs are made in a
# scratch directory (about 3.1 GB of disk for the largest); with
# ../shared/corpus beside the checkout, the news corpus is indexed too and
# searched with dates outside the range an index holds.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 POISK" >&2; exit 2; }
poisk=$(realpath "$1")
corpus=$(realpath -m "$(dirname "$0")/../../shared/corpus/news.jsonl.gz")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"

# run NAME [poisk arguments...]: a row with the last line poisk printed.
run() {
    local name=$1 status=0
    shift
    /usr/bin/time -f '%e %M' -o time timeout -s KILL 300 "$poisk" "$@" >out 2>err || status=$?
    read -r seconds kb < <(tail -n 1 time)
    local said
    said=$({ grep -v 'was already read from' err || true; } | tail -n 1 | cut -c 1-160 | sed 's/|/\\|/g')
    [ "$(grep -c panicked err)" -eq 0 ] || said="PANIC: $said"
    local mb=$((kb / 1024))
    if [ "$status" -eq 137 ]; then
        # time measured timeout, not the poisk it killed.
        mb='?'
        said="killed, after $(wc -l <err) lines of stderr"
    fi
    printf '| %s | %s | %s | %s | %s |\n' "$name" "$status" "$seconds" "$mb" "$said"
}

python3 - <<'PY'
import json
with open("nul.jsonl", "wb") as f:
    for i in range(1, 1001):
        body = "Санкции против\0России." if i == 100 else "Санкции против России."
        line = json.dumps({"id": f"n{i}", "title": "Т", "body": body}).replace("\\u0000", "\0")
        f.write(line.encode() + b"\n")
with open("dates.jsonl", "w") as f:
    for date in ["2500-01-01", "9999-12-31"]:
        f.write(json.dumps({"id": date, "date": date, "title": "Т", "body": "Санкции."}) + "\n")
with open("long-id.jsonl", "w") as f:
    f.write(json.dumps({"id": "x" * 70000, "title": "Т", "body": "Санкции против России."}) + "\n")
unit = "«Да», — сказал Путин. "
with open("quotes.jsonl", "w") as f:
    f.write(json.dumps({"id": "q", "title": "Т", "body": unit * (9_400_000 // len(unit.encode()))}, ensure_ascii=False) + "\n")
with open("tiny.jsonl", "w") as f:
    for i in range(1_000_000):
        f.write(json.dumps({"id": f"n{i}", "body": f"Текст {i}."}, ensure_ascii=False) + "\n")
PY
line='{"id":"same","title":"Заголовок","body":"Путин сказал: «Мы готовы к переговорам». Это короткая заметка."}'
{ yes "$line" || true; } | head -c 3000000000 | gzip -1 >same.jsonl.gz
for name in x.txt y.jsonl z.jsonl.gz; do ln -s /dev/zero "$name"; done

echo "| case | exit | s | peak MB | last line of stderr |"
echo "|---|---|---|---|---|"
run 'NUL byte in line 100 of 1,000 JSONL lines' index --index nul nul.jsonl
run 'dates `2500-01-01`, `9999-12-31`' index --index dates dates.jsonl
run 'an id of 70,000 bytes' index --index long long-id.jsonl
run 'the same, again' index --index long long-id.jsonl
echo "| articles in the index after both | | | | $("$poisk" stats --index long | grep -m 1 ^articles) |"
run 'one 9.4 MB article of `«Да», — сказал Путин. `' index --index quotes quotes.jsonl
run '1,000,000 tiny JSONL lines, new index' index --index tiny tiny.jsonl
run 'the same lines again' index --index tiny tiny.jsonl
run 'one line 18 million times (3 GB in a 25 MB gzip)' index --index same same.jsonl.gz
run '`/dev/zero` as `x.txt`, `y.jsonl`, `z.jsonl.gz`' index --index zero x.txt y.jsonl z.jsonl.gz
if [ -f "$corpus" ]; then
    run 'news corpus, new index' index --index news "$corpus"
    for query in '--until 9999-12-31 путин' 'date:[1000-01-01 TO 3000-01-01] путин'; do
        if [[ $query == --* ]]; then read -ra args <<<"$query"; else args=("$query"); fi
        total=$("$poisk" search --index news --format json -n 1 --snippets 0 "${args[@]}" | grep -o '"total":[0-9]*' || true)
        echo "| \`$query\` | | | | $total |"
    done
fi
