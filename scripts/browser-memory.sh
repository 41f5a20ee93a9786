#!/usr/bin/env bash
# Peak resident memory of the browser on a corpus: start it in tmux at 200x50, wait for the
# first frame, type `/rail`, wait, Esc, q; GNU time records the whole session's peak.
#
#   scripts/browser-memory.sh target/corpus/c100000.json      # prints "PEAK_KIB FILE_BYTES RATIO"
#   RESO=/path/to/reso scripts/browser-memory.sh target/corpus/c1000000
#   SETTLE=3 scripts/browser-memory.sh FILE   # type only after 3 s, once the index is built
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$(realpath "$1")
reso=$(realpath "${RESO:-target/release/reso}")
[ -x "$reso" ] || cargo build --release
work=$(mktemp -d)
socket="reso-memory-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
t() { tmux -L "$socket" -f /dev/null "$@"; }
export HOME="$work" XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
t new-session -d -x 200 -y 50 \
  "/usr/bin/time -f %M -o $work/peak $reso --fresh --followups $work/f.json $corpus"
wait_for() { # text, tenths of a second
  for _ in $(seq "$2"); do t capture-pane -p -t 0 | grep -q -- "$1" && return; sleep 0.1; done
  echo "timed out waiting for $1" >&2; exit 1
}
wait_for 'commitments\|? help' 600
sleep ${SETTLE:-0}; t send-keys -t 0 / r a i l
wait_for 'of [0-9]* commitments' 600
sleep 1
t send-keys -t 0 Escape
sleep 0.5
t send-keys -t 0 q
for _ in $(seq 100); do [ -s "$work/peak" ] && break; sleep 0.1; done
bytes=$(du -sb "$corpus" | cut -f1)
peak=$(cat "$work/peak")
echo "$peak KiB peak, $bytes bytes of corpus, $(echo "scale=2; $peak * 1024 / $bytes" | bc)x"
