#!/usr/bin/env bash
# The interactive shell's figures, each with its floor from the same run:
#  1. Tab on a key path below an object of 100,000 keys, in a warm REPL (the shell's own engine);
#  2. the same Tab as bash, zsh and fish run it: one `syncdict __complete` process per press,
#     beside `syncdict --version` (the same JVM start, no completion);
#  3. time from starting `syncdict` in a terminal (tmux) to its first prompt on the screen.
# Needs: mvn -B -DskipTests package, tmux.
#
#   bench/shell.sh [PRESSES]        (default 500)
set -euo pipefail
cd "$(dirname "$0")/.."
presses="${1:-500}"
. bench/lib.sh
work="$(mktemp -d)"
env=(SYNCDICT_TOKEN="bench-$RANDOM$RANDOM" XDG_STATE_HOME="$work/state"
     XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" NO_COLOR=1)
export "${env[@]}"
java -jar daemon/target/syncdictd.jar --port 0 > "$work/syncdictd.out" 2>&1 &
daemon=$!
trap 'kill $daemon 2>/dev/null; tmux kill-session -t syncdict-bench 2>/dev/null; rm -rf "$work"' EXIT
await 60 "syncdictd listening" started "$daemon" "$work/syncdictd.out"
env+=(SYNCDICT_ADDR="127.0.0.1:$(ready_port "$work/syncdictd.out")")
export "${env[@]}"
millis() { echo $(( $(date +%s%N) / 1000000 )); }
syncdict() { java -jar shell/target/syncdict.jar "$@"; }

awk 'BEGIN { printf "{"; for (i = 0; i < 100000; i++) printf "%s\"k%06d\":0", (i ? "," : ""), i; print "}" }' > "$work/big.json"
syncdict load "$work/big.json" --at big

echo "1. warm REPL:"
java -cp "bench/target/syncdict-bench.jar:bench/target/lib/*" dev.syncdict.bench.CompletionLatency big "$presses"

echo "2. one process per Tab (30 runs each, interleaved), median ms:"
: > "$work/complete"; : > "$work/version"
for i in $(seq 30); do
  start=$(millis); syncdict __complete get "big.k0$((i % 10))" > /dev/null; echo $(( $(millis) - start )) >> "$work/complete"
  start=$(millis); syncdict --version > /dev/null; echo $(( $(millis) - start )) >> "$work/version"
done
echo "   syncdict __complete get big.k0N: $(median < "$work/complete")   syncdict --version: $(median < "$work/version")"

echo "3. first prompt in tmux (10 runs), median ms:"
: > "$work/prompt"
for i in $(seq 10); do
  start=$(millis)
  tmux new-session -d -s syncdict-bench -x 100 -y 10 env "${env[@]}" java -jar "$PWD/shell/target/syncdict.jar"
  # Polled every 5 ms, finer than await, since this wait is what is measured; bounded all the same.
  until tmux capture-pane -p -t syncdict-bench | grep -q '> *$'; do
    [ $(( $(millis) - start )) -lt 60000 ] || { echo "no prompt within 60 s" >&2; exit 1; }
    sleep 0.005
  done
  echo $(( $(millis) - start )) >> "$work/prompt"
  tmux kill-session -t syncdict-bench
done
echo "   time to first prompt: $(median < "$work/prompt")"
