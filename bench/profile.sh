#!/usr/bin/env bash
# Instruction counts per call of scenarios (a), (b), (c) in the native core, under callgrind
# (exact and independent of machine load, unlike times), and the functions that cost the most
# (inclusive). Needs valgrind. Used for bench/PROFILE.md.
#
#   bench/profile.sh [a b c]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --bench scenarios --no-run 2>/dev/null
BIN=$(ls -t target/release/deps/scenarios-* | grep -v '\.d$' | head -1)
OUT=target/bench/callgrind
mkdir -p "$OUT"
for s in "${@:-a b c}"; do
  for n in 1 6; do
    valgrind --tool=callgrind --callgrind-out-file="$OUT/$s-$n.out" "$BIN" --calls "$s" "$n" 2>&1 | grep -o 'refs: *[0-9,]*' | tr -d ',' | awk '{print $2}' > "$OUT/$s-$n.refs"
  done
  one=$(cat "$OUT/$s-1.refs"); six=$(cat "$OUT/$s-6.refs")
  echo "($s) $(( (six - one) / 5 )) instructions per call"
  callgrind_annotate --inclusive=yes "$OUT/$s-6.out" 2>/dev/null \
    | grep -E '^ *[0-9,]+ \( *[0-9.]+%\) .*bss_storefront::' | grep -v "'2 \[" | head -"${TOP:-25}" \
    | sed -E 's/ \[[^]]*\]$//; s#/[^ ]*/src/#src/#' || true # `head` closes the pipe early: not an error
  echo
done
