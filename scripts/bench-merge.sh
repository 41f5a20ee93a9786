#!/usr/bin/env bash
# The merge driver's benchmark (issue 13): `reso followups merge` as git runs it (a process,
# three files read, one written) on two 1,000-record files with 100 changes each.
# RUNS=21 by default; prints the median, the fastest and the slowest run.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin reso --example followups_versions
dir=target/bench-merge
target/release/examples/followups_versions "$dir" "${RECORDS:-1000}" "${CHANGES:-100}"
ls -l "$dir"/base.json "$dir"/ours.json "$dir"/theirs.json
runs=${RUNS:-21}
times=()
for _ in $(seq "$runs"); do
  cp "$dir/ours.json" "$dir/work.json"
  start=$(date +%s%N)
  target/release/reso followups merge "$dir/base.json" "$dir/work.json" "$dir/theirs.json"
  end=$(date +%s%N)
  times+=($(((end - start) / 1000)))
done
target/release/reso followups check "$dir/work.json"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 }
  END { printf "merge: median %.1f ms, fastest %.1f ms, slowest %.1f ms (%d runs)\n",
        t[int((NR + 1) / 2)] / 1000, t[1] / 1000, t[NR] / 1000, NR }'
