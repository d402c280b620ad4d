#!/usr/bin/env bash
# What a request on an existing key costs the daemon in garbage: the bytes its event loop (the one
# thread that reads, applies and answers every request) allocates per request, read from
# `jcmd PID Thread.print -e` before and after a counted run of syncdict bench, with the young
# collections and their pause time over the same run (jstat) and the server's CPU per request.
# incr, set and get over KEYS keys that all exist (preloaded, and the counters incremented about
# twelve times over before measuring), at -c 50 and -c 50 -P 16. One daemon per jar in JARS, measured in turn.
# Needs a build (mvn -B -DskipTests package), jq, and a JDK's jcmd and jstat.
#
#   bench/alloc.sh      JARS="a/syncdictd.jar b/syncdictd.jar" REQUESTS=1000000 KEYS=100000 ROUNDS=1
#   DAEMON_JAVA_OPTS default to the installed daemon's flags (-XX:+UseSerialGC -Xms16m).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
daemon_opts="${DAEMON_JAVA_OPTS:--XX:+UseSerialGC -Xms16m}"

read -r -a jars <<< "${JARS:-daemon/target/syncdictd.jar}"
requests="${REQUESTS:-1000000}"
keys="${KEYS:-100000}"
rounds="${ROUNDS:-1}"
shapes=("-c 50" "-c 50 -P 16")

work="$(mktemp -d "${TMPDIR:-/tmp}/syncdict-alloc.XXXXXX")"
export SYNCDICT_TOKEN="bench-$RANDOM$RANDOM$RANDOM"
daemon_pid=''
stop_daemon() { [ -z "$daemon_pid" ] || { kill "$daemon_pid" 2> /dev/null; wait "$daemon_pid" 2> /dev/null || true; }; daemon_pid=''; }
trap 'stop_daemon; rm -rf "$work"' EXIT
# The daemon on CPU 0, the load generator on CPU 1, as in the other scripts.
start_daemon() {  # start_daemon JAR
  # shellcheck disable=SC2086
  taskset -c 0 java $daemon_opts -jar "$1" --in-memory --port 0 > "$work/d.out" 2> "$work/d.err" &
  daemon_pid=$!
  await 60 "$1 listening" started "$daemon_pid" "$work/d.out" "$work/d.err"
  port=$(ready_port "$work/d.out")
}
bench() {  # bench OPTIONS...: one syncdict bench run against the daemon, its JSON on stdout
  taskset -c 1 java -jar shell/target/syncdict.jar --no-autostart --connect "127.0.0.1:$port" bench --json "$@"
}

echo "commit: $(git rev-parse --short HEAD); $(java -version 2>&1 | head -n 1); load: $(uptime | sed 's/.*load average/load average/')"
echo "syncdictd: $daemon_opts; --keys $keys; -n $requests per test; $rounds rounds"

# loop_allocated PID: the bytes the daemon's event loop has allocated so far (jcmd prints them in
# B, K, M or G; at the sizes read here the unit is at most 1 % of the figure).
loop_allocated() {
  jcmd "$1" Thread.print -e | awk '/^"syncdictd-loop/ {
      for (i = 1; i <= NF; i++) if ($i ~ /^allocated=/) {
        v = substr($i, 11); u = substr(v, length(v)); n = substr(v, 1, length(v) - 1)
        if (u == "B") m = 1; else if (u == "K") m = 1024; else if (u == "M") m = 1048576; else if (u == "G") m = 1073741824; else { m = 1; n = v }
        printf "%.0f\n", n * m } }'
}
# young_gc PID: "collections pause_seconds" of the young generation so far (jstat).
young_gc() {
  jstat -gc "$1" | awk 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i} NR == 2 {print $c["YGC"], $c["YGCT"]}'
}

results="$work/alloc.tsv"  # jar, shape, test, bytes/request, young GCs per million requests, pause ms per million, server µs/op
for round in $(seq "$rounds"); do
  for j in "${!jars[@]}"; do
    start_daemon "${jars[$j]}"
    # Every key exists before measuring: the strings by the preload, the counters by a pass of incr.
    bench -c 50 -P 16 -t get,incr --keys "$keys" -n "$((keys * 12))" > /dev/null
    for shape in "${shapes[@]}"; do
      for test in incr set get; do
        # shellcheck disable=SC2086
        bench $shape -t "$test" --keys "$keys" --no-preload -n "$((requests / 4))" > /dev/null
        before=$(loop_allocated "$daemon_pid") gc_before=$(young_gc "$daemon_pid")
        # shellcheck disable=SC2086
        out=$(bench $shape -t "$test" --keys "$keys" --no-preload -n "$requests")
        after=$(loop_allocated "$daemon_pid") gc_after=$(young_gc "$daemon_pid")
        done_requests=$(jq -r '.tests[0].requests' <<< "$out")
        cpu=$(jq -r '.tests[0].server_cpu_us_per_op' <<< "$out")
        awk -v j="$j" -v s="$shape" -v t="$test" -v a="$((after - before))" -v n="$done_requests" -v cpu="$cpu" \
            -v g0="$gc_before" -v g1="$gc_after" 'BEGIN {
          split(g0, x, " "); split(g1, y, " ");
          printf "%s\t%s\t%s\t%.0f\t%.1f\t%.1f\t%s\n", j, s, t, a / n, (y[1] - x[1]) * 1e6 / n, (y[2] - x[2]) * 1e9 / n, cpu }' >> "$results"
      done
    done
    stop_daemon
    echo "round $round, ${jars[$j]} done; $(uptime | sed 's/.*load average/load average/')"
  done
done

echo
printf '%-40s %-12s %-4s | %10s | %12s %12s | %9s\n' jar shape test "B/request" "young GCs/M" "pause ms/M" "cpu µs/op"
for j in "${!jars[@]}"; do
  for shape in "${shapes[@]}"; do
    for test in incr set get; do
      col() { awk -F'\t' -v j="$j" -v s="$shape" -v t="$test" -v c="$1" '$1 == j && $2 == s && $3 == t {print $c}' "$results" | median; }
      printf '%-40s %-12s %-4s | %10s | %12s %12s | %9s\n' "${jars[$j]}" "$shape" "$test" "$(col 4)" "$(col 5)" "$(col 6)" "$(col 7)"
    done
  done
done
echo "at end: $(uptime | sed 's/.*load average/load average/')"
