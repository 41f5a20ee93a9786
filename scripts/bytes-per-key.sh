#!/usr/bin/env bash
# Bytes reso writes to the terminal for one `j`, and for a burst of 20 `j` arriving at once,
# at 80x24 with the detail pane following the selection: what a slow SSH link must carry.
# tmux's pipe-pane records everything the program writes to its pane.
#
#   scripts/bytes-per-key.sh                 # the debug build (bytes do not depend on it)
#   RESO=target/release/reso scripts/bytes-per-key.sh
set -euo pipefail
cd "$(dirname "$0")/.."
reso=$(realpath "${RESO:-target/debug/reso}")
[ -x "$reso" ] || cargo build
work=$(mktemp -d)
socket="reso-bytes-$$"
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
t() { tmux -L "$socket" -f /dev/null "$@"; }
export HOME="$work" XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data"
t new-session -d -x 80 -y 24 "LANG=C.UTF-8 $reso --fresh --followups $work/f.json"
# Wait for the first frame, and for it to settle.
for _ in $(seq 100); do
  t capture-pane -p -t 0 | grep -q 'ba-43-2024:1.1' && break
  sleep 0.1
done
sleep 0.5

measure() { # name keys...
  local name=$1
  shift
  t pipe-pane -t 0 -o "cat > $work/$name"
  t send-keys -t 0 "$@"
  sleep 1
  t pipe-pane -t 0
  sleep 0.2
  printf '%-22s %6d bytes\n' "$name" "$(wc -c <"$work/$name")"
}
measure one-j j
# One write of 20 characters: the keys arrive together, as a held key over a slow link.
measure burst-of-20-j -l jjjjjjjjjjjjjjjjjjjj
