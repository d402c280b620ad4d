#!/usr/bin/env bash
# Interleaved comparison of a few commands (not a test): each round runs every command once, in
# turn, so that the machine's load hits them alike; prints each one's median wall time and median
# CPU time (task-clock of all its threads and children, from perf stat). On a loaded machine the
# wall time is mostly waiting for a core and swings with the load; the CPU time is what the
# command itself costs and moves little, so a JVM flag or a change is judged on both. Both include
# the bash that perf starts the command with (`true` measures it: about 2 ms of CPU, and 5 to
# 35 ms of wall time with perf's own start, more the busier the machine), the same for every command.
#
#   bench/ab.sh ROUNDS 'LABEL::COMMAND' ...      (one warm-up round, not counted)
#
# e.g. bench/ab.sh 21 "hello::java -XX:TieredStopAtLevel=1 -cp /tmp/hello Hello" "sd::syncdict get x"
# Needs perf (Debian's linux-perf).
set -euo pipefail
rounds=$1
shift
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.sh"  # median
labels=()
declare -A commands
for spec in "$@"; do
  labels+=("${spec%%::*}")
  commands[${spec%%::*}]=${spec#*::}
done
echo "start: $(uptime)"
for round in $(seq $((rounds + 1))); do
  for label in "${labels[@]}"; do
    start=$(date +%s%N)
    perf stat -x, -e task-clock -o "$work/perf" bash -c "exec ${commands[$label]}" >/dev/null 2>&1 </dev/null || true
    end=$(date +%s%N)
    if [ "$round" -gt 1 ]; then
      echo "$label $(( (end - start) / 100000 )) $(grep task-clock "$work/perf" | cut -d, -f1)" >> "$work/runs"
    fi
  done
done
for label in "${labels[@]}"; do
  wall=$(awk -v l="$label" '$1==l {print $2 / 10}' "$work/runs" | median)
  cpu=$(awk -v l="$label" '$1==l {print $3}' "$work/runs" | median)
  printf '%-20s wall %8.1f ms   cpu %8.1f ms\n' "$label" "$wall" "$cpu"
done
echo "end: $(uptime)"
