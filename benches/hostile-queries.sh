#!/usr/bin/env bash
# Hostile queries against an index, each run under /usr/bin/time: exit
# status, wall-clock seconds and peak memory, one Markdown table row per
# case (RELIABILITY.md, "Hostile queries").
#
#   cargo build --release
#   target/release/poisk index --index /tmp/news-idx ../shared/corpus/news.jsonl.gz
#   bash benches/hostile-queries.sh target/release/poisk /tmp/news-idx
#
# Each run is stopped after 120 s (exit 124). A panic or an abort shows in
# the last column.
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 POISK INDEX" >&2; exit 2; }
poisk=$1 index=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# WORD repeated N times, joined by SEP.
repeat() {
    local out="$1" i
    for ((i = 1; i < $2; i++)); do out+="$3$1"; done
    printf '%s' "$out"
}

# run NAME [poisk arguments...]: stdin from $scratch/stdin when it exists.
run() {
    local name=$1 input=/dev/null
    shift
    [ -f "$scratch/stdin" ] && input=$scratch/stdin
    local status=0
    /usr/bin/time -f '%e %M' -o "$scratch/time" timeout 120 "$poisk" "$@" --index "$index" \
        <"$input" >/dev/null 2>"$scratch/err" || status=$?
    read -r seconds kb < <(tail -n 1 "$scratch/time")
    local note
    note=$(grep -m 1 -o -E 'panicked|memory allocation of [0-9]+ bytes failed|query error[^:]*: [^;]*|reaches past[^,]*|could not be answered|did not contain valid UTF-8' "$scratch/err" || true)
    printf '| %s | %s | %s | %d | %s |\n' "$name" "$status" "$seconds" $((kb / 1024)) "$note"
    rm -f "$scratch/stdin"
}

letters=(а б в г д е ж з и к л м н о п р с т у ф)
different=""
for ((i = 0; i < 2000; i++)); do
    different+="${different:+ }${letters[i % 20]}${letters[i / 20 % 20]}${letters[i / 400]}~2"
done

echo "| case | exit | s | peak MB | |"
echo "|---|---|---|---|---|"
run '`п* OR …` ×1000 (7 kB)' search "$(repeat 'п*' 1000 ' OR ')"
run '`путин~2` ×2000' search "$(repeat 'путин~2' 2000 ' ')"
run '2,000 different `абв~2`' search "$different"
run '`путин~2~2…` (10,000 `~2`)' search "путин$(repeat '~2' 10000 '')"
run '`"путин россия …"~1000` (16 words)' search "\"$(repeat 'путин россия' 8 ' ')\"~1000"
run '`"в в …"~50` (16 words)' search "\"$(repeat 'в' 16 ' ')\"~50"
run '`"путин россия …"~99999` (1,999 words)' search "\"$(repeat 'путин россия' 999 ' ') путин\"~99999"
run '`--explain -n 1000 "п* OR с* OR в*"`' search --explain -n 1000 'п* OR с* OR в*'
run '`--limit 18446744073709551615`' search --limit 18446744073709551615 путин
run '`--snippets 18446744073709551615`' search --snippets 18446744073709551615 путин
run '`--offset 1000000000000`' search --offset 1000000000000 путин
run '`--sort date --limit 1000000000`' search --sort date --limit 1000000000 путин
printf 'путин\n\377\376\nким\n' >"$scratch/stdin"
run '`search -`: a line of invalid UTF-8 between two queries' search -n 1 -
{ echo путин; head -c 209715200 /dev/zero | tr '\0' a; printf '\nким\n'; } >"$scratch/stdin"
run '`search -`: a line of 200 MB between two queries' search -n 1 -
