#!/usr/bin/env bash
# Builds the examples and runs each, checking what it prints; any surprise
# stops the script with the output and a non-zero status. The dev profile
# is enough: the dependencies are optimised in it (see Cargo.toml).
#
# eval and rank_lab are built but not run: they read the whole news corpus and are a
# measurement (QUALITY.md), not a check.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
    echo "examples/run.sh: FAILED: $*" >&2
    exit 1
}

# check LABEL OUTPUT EXPECTED...: each EXPECTED string must occur in OUTPUT.
check() {
    local label=$1 output=$2
    shift 2
    for expected in "$@"; do
        if ! grep -qF -- "$expected" <<<"$output"; then
            printf '%s\n' "--- output of $label:" "$output" "---" >&2
            fail "$label: expected «$expected» in its output"
        fi
    done
    echo "ok  $label"
}

# --workspace, as `cargo test --workspace` builds them: `-p poisk-examples` alone
# unifies features differently and rebuilt tantivy (over 3 minutes of CI).
cargo build -q --workspace --examples
target=$(cargo metadata -q --format-version 1 --no-deps | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
bin="$target/debug/examples"
scratch=$(mktemp -d)
server=""
cleanup() {
    [ -n "$server" ] && kill "$server" 2>/dev/null
    rm -rf "$scratch"
}
trap cleanup EXIT

# embed: two articles of its own; "новых судов" finds "Новые … суда".
out=$("$bin/embed") || fail "embed exited with $?"
check embed "$out" "port  Порт Владивостока расширят" "«[Новые] причалы примут [суда] к весне»" \
    "Олег Кожемяко said «Новые причалы примут суда к весне»" "1 of 1 matches"

# quotes: the seed article, then files of our own (JSONL with a bad line, and a seed-format file).
out=$("$bin/quotes" "России") || fail "quotes exited with $?"
check "quotes (seed)" "$out" "Ким Чен Ын:" "братским долгом" "2025-09-03 Путин и Ким Чен Ын проводят переговоры в Пекине" \
    "1 of 1 quotes about «России»"
mkdir "$scratch/news"
cat >"$scratch/news/briefing.jsonl" <<'EOF'
{"id": "z1", "date": "2025-01-10", "title": "Брифинг МИД", "body": "«Санкции не сработали», — заявила официальный представитель МИД Мария Захарова."}
[1, 2]
{"id": "p1", "date": "2025-01-11", "title": "Рынок", "body": "Министр Антон Силуанов сказал: «Санкции ударили по импорту»."}
EOF
printf ' date 2025-01-12 Заседание\n\n«О санкциях пока говорить рано», — сказал Дмитрий Песков.\n' >"$scratch/news/peskov.txt"
out=$("$bin/quotes" "санкции" "$scratch/news" 2>&1) || fail "quotes PATH exited with $?"
check "quotes PATH" "$out" "briefing.jsonl:2: expected a JSON object, found an array" "indexed 3 articles (1 skipped)" \
    "Мария Захарова:" "Антон Силуанов:" "Дмитрий Песков:" "3 of 3 quotes about «санкции»"

# custom_schema: poisk's analyzer in a plain tantivy index.
out=$("$bin/custom_schema") || fail "custom_schema exited with $?"
check custom_schema "$out" "курскую область: A-1, B-2" '"курская область": A-1' "зеленое: B-2" \
    "stems of «Зелёные яблоки»: зелен яблок"

# serve: a free port, three requests, then it must exit by itself with status 0.
"$bin/serve" --port 0 --max-requests 3 >"$scratch/serve.out" 2>&1 &
server=$!
for _ in $(seq 100); do
    grep -q '^listening on ' "$scratch/serve.out" && break
    kill -0 "$server" 2>/dev/null || fail "serve exited early: $(cat "$scratch/serve.out")"
    sleep 0.1
done
address=$(sed -n 's|^listening on http://||p' "$scratch/serve.out")
[ -n "$address" ] || fail "serve did not say where it listens: $(cat "$scratch/serve.out")"
host=${address%:*} port=${address##*:}
[ "$host" = 127.0.0.1 ] || fail "serve listens on $host, not 127.0.0.1"

# get PATH: the status line and body of GET PATH, over bash's /dev/tcp.
get() {
    local response
    exec 3<>"/dev/tcp/$host/$port"
    printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$1" "$address" >&3
    response=$(timeout 10 cat <&3) || true
    exec 3<&-
    printf '%s\n' "$response" | tr -d '\r' | sed -n '1p;/^$/,$p'
}
# q=Курской области, percent-encoded.
out=$(get '/search?q=%D0%9A%D1%83%D1%80%D1%81%D0%BA%D0%BE%D0%B9+%D0%BE%D0%B1%D0%BB%D0%B0%D1%81%D1%82%D0%B8&limit=1')
check "serve GET /search" "$out" "HTTP/1.1 200" '{"query":"Курской области","total":1,' \
    '"title":"Путин и Ким Чен Ын проводят переговоры в Пекине"' '"speaker":"Владимир Путин"'
# q=путин (ким: the parenthesis is never closed.
out=$(get '/search?q=%D0%BF%D1%83%D1%82%D0%B8%D0%BD+%28%D0%BA%D0%B8%D0%BC')
check "serve bad query" "$out" "HTTP/1.1 400" '"error":"query error at position 6: '"'('"' is never closed"' '"position":6'
out=$(get '/search?q=x&limit=many')
check "serve bad limit" "$out" "HTTP/1.1 400" '"error":"limit must be a number from 1 to 100, not \"many\""'
for _ in $(seq 100); do
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
done
kill -0 "$server" 2>/dev/null && fail "serve still runs after --max-requests 3"
status=0
wait "$server" || status=$?
server=""
[ "$status" -eq 0 ] || fail "serve exited with $status: $(cat "$scratch/serve.out")"
echo "ok  serve exits after --max-requests"

echo "examples: all passed"
