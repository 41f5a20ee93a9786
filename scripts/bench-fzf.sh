#!/usr/bin/env bash
# Compares `reso search` with `fzf --filter` on the same corpus and queries, one after the
# other in one run, and prints the time of each and the ratio (fzf time / reso time).
#
#   scripts/bench-fzf.sh [CORPUS.json|DIR]...   (default: target/corpus/c100000.json)
#
# reso reads the resolution JSON (load, index, search, print best first); fzf reads the same
# items as `REFERENCE<TAB>TEXT` lines written beforehand by `reso search ''` (not timed).
# Each command runs 3 times; the best time counts. Needs fzf (Debian package `fzf`) and a
# release build (`cargo build --release`).
set -euo pipefail

reso=${RESO:-target/release/reso}
command -v fzf >/dev/null || { echo "fzf is not installed (apt-get install fzf)" >&2; exit 2; }
[ -x "$reso" ] || { echo "$reso missing: run cargo build --release" >&2; exit 2; }
corpora=("$@")
[ ${#corpora[@]} -gt 0 ] || corpora=(target/corpus/c100000.json)
queries=(
  "nato" "rail baltica" "energy security" "hydrogen strategy" "defnce industry"
  "cyber !centre" "parnu" "military mobility" "enviroment protecton" "suwalki"
)
lines=$(mktemp)
trap 'rm -f "$lines"' EXIT

best_ms() { # runs "$@" 3 times, prints the best wall time in ms
  local best=""
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null || true
    t1=$(date +%s%N)
    local ms=$(((t1 - t0) / 1000000))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

for corpus in "${corpora[@]}"; do
  "$reso" search '' "$corpus" >"$lines"
  echo "corpus $corpus: $(wc -l <"$lines") items"
  printf '| %-22s | %9s | %9s | %9s | %9s | %7s |\n' query "reso hits" "fzf hits" "reso ms" "fzf ms" "fzf/reso"
  printf '| %-22s | %9s | %9s | %9s | %9s | %7s |\n' --- ---: ---: ---: ---: ---:
  for q in "${queries[@]}"; do
    rh=$({ "$reso" search "$q" "$corpus" || true; } | wc -l)
    fh=$({ fzf --filter "$q" <"$lines" || true; } | wc -l)
    rt=$(best_ms "$reso" search "$q" "$corpus")
    ft=$(best_ms sh -c 'fzf --filter "$1" < "$2"' sh "$q" "$lines")
    ratio=$(awk -v f="$ft" -v r="$rt" 'BEGIN { printf "%.1f", (r > 0 ? f / r : f) }')
    printf '| %-22s | %9s | %9s | %9s | %9s | %7s |\n' "$q" "$rh" "$fh" "$rt" "$ft" "$ratio"
  done
done
