#!/usr/bin/env bash
# Generates the benchmark corpora (deterministic) and runs the per-keystroke benchmark, the
# start-up/peak-memory measurements and the fzf comparison. Results go to standard output;
# BENCHMARKS.md records one run.
#
#   scripts/bench.sh            # all sizes: bundled, 1k, 10k, 100k, 1M
#   SIZES="1000 10000" scripts/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"1000 10000 100000 1000000"}
mkdir -p target/corpus
cargo build --release --example corpus
cargo build --release
for n in $sizes; do
  if [ "$n" -le 100000 ]; then out=target/corpus/c$n.json; else out=target/corpus/c$n; fi
  [ -e "$out" ] || target/release/examples/corpus --commitments "$n" -o "$out"
  target/release/reso validate "$out" | tail -1
done

echo "## per keystroke"
RESO_BENCH_SIZES="0,$(echo "$sizes" | tr ' ' ',')" cargo bench --bench filter

echo "## start to first result and peak memory: reso search nato PATH --limit 1"
for n in bundled $sizes; do
  if [ "$n" = bundled ]; then path=""; size=$(wc -c <resolutions/ba-43-2024.json)
  elif [ "$n" -le 100000 ]; then path=target/corpus/c$n.json; size=$(wc -c <"$path")
  else path=target/corpus/c$n; size=$(du -sb "$path" | cut -f1); fi
  # shellcheck disable=SC2086
  /usr/bin/time -f "$n: wall %e s, cpu %U+%S s, peak %M KiB, corpus $size bytes" \
    target/release/reso search nato $path --limit 1 >/dev/null
done

echo "## reso search vs fzf --filter"
for n in $sizes; do
  [ "$n" -le 100000 ] && scripts/bench-fzf.sh "target/corpus/c$n.json"
done
