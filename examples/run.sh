#!/usr/bin/env bash
# Builds the examples and runs each, checking what it prints; any surprise
# stops the script with the output and a non-zero status. The dev profile
# is enough: the dependencies are optimised in it (see Cargo.toml).
#
# eval, eval_cluster and rank_lab are built but not run: they read the whole news corpus and are a
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
trap 'rm -rf "$scratch"' EXIT

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

echo "examples: all passed"
