#!/usr/bin/env bash
# Hostile connections held at once against a well-behaved client's latency (issue 10), with
# redis-server beside it as the reference, same run. Not a test: prints a Markdown table for
# docs/BENCHMARKS.md.
#
# Starts `syncdictd --in-memory` (daemon/target/syncdictd.jar, default JVM flags) and
# `redis-server` (no persistence, requirepass) on loopback, with their connection limits raised
# past the ladder's top so that what is measured is what the servers can carry, not their limits.
# Nothing is pinned: a JVM that sees one CPU picks the serial collector and one event loop, which
# is not how the daemon runs. For each N of the ladder, for each server in turn, bench/hostile.py
# holds N hostile connections (a quarter each: unauthenticated dribblers, half lines, garbage
# once a second, pipeliners that never read, but at most 500 of those; see its header) at nice 19, so that it yields the
# CPU to the servers and the probe; once they are held (and the first dribblers were cut and came
# back) a well-behaved client times SAMPLES requests one at a time (incr and get, alternately).
# Then a full GC (jcmd) gives the heap the held connections keep alive. Every round walks the
# whole ladder; figures are medians over the rounds. Afterwards: both servers hold exactly the
# well-behaved writes, and the daemon's resident memory once every hostile connection has gone.
#
#   bench/hostile.sh [ROUNDS [SAMPLES]]      (default 3 rounds of 2000 samples)
#   LADDER="0 100 1000" bench/hostile.sh     (default 0 100 250 500 1000 2000 4000 8000 16000)
#   DAEMON_JAVA_OPTS=-Xmx512m bench/hostile.sh   (JVM flags for the daemon; default none)
#
# Needs: mvn -B -DskipTests package, python3, ss, jcmd, redis-server and redis-cli
# (as root it installs redis-server when missing); the hard limit on open files at least the
# ladder's top plus a few hundred (raised when allowed). Hostile connections come from 127.0.0.1 to
# 127.0.0.4, which Linux routes to loopback, so that more than one address's ephemeral ports serve.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
rounds=${1:-3}
samples=${2:-2000}
ladder=${LADDER:-0 100 250 500 1000 2000 4000 8000 16000}
top=$(echo "$ladder" | tr ' ' '\n' | sort -n | tail -1)
redis_port=$(free_port)
jar=daemon/target/syncdictd.jar
driver="python3 bench/hostile.py"

[ -f "$jar" ] || { echo "hostile.sh: $jar is missing: mvn -B -DskipTests package" >&2; exit 1; }
if ! command -v redis-server > /dev/null || ! command -v redis-cli > /dev/null; then
  [ "$(id -u)" -eq 0 ] || { echo "hostile.sh: needs redis-server: sudo apt-get install redis-server" >&2; exit 1; }
  apt-get install -y -qq redis-server > /dev/null || { apt-get update -qq && apt-get install -y -qq redis-server > /dev/null; }
fi
# Root with CAP_SYS_RESOURCE may raise the hard limit too; anyone may raise the soft one to it.
ulimit -n $((top + 1000)) 2> /dev/null || ulimit -n "$(ulimit -Hn)"
if [ "$(ulimit -n)" -lt $((top + 500)) ]; then
  echo "hostile.sh: open files are limited to $(ulimit -n); the ladder's top ($top) needs $((top + 500))" >&2
  exit 1
fi

work=$(mktemp -d)
token="hostile-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
limit=$((top * 2 + 1000))
SYNCDICT_TOKEN=$token java ${DAEMON_JAVA_OPTS:-} -jar "$jar" --in-memory --port 0 \
  --max-connections "$limit" --max-connections-per-address "$limit" > "$work/syncdictd.out" 2> "$work/syncdictd.err" &
daemon=$!
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --requirepass "$token" \
  --maxclients "$limit" > "$work/redis.log" 2>&1 &
redis=$!
holder=
cleanup() {
  [ -n "$holder" ] && kill "$holder" 2> /dev/null
  kill "$daemon" "$redis" 2> /dev/null
  wait 2> /dev/null
  rm -rf "$work"
}
trap cleanup EXIT
await 60 "syncdictd listening" started "$daemon" "$work/syncdictd.out" "$work/syncdictd.err"
# It asks for a password, so it answers NOAUTH: enough to show it listens (redis-cli fails only without a connection).
await 30 "redis-server listening on $redis_port" redis-cli -p "$redis_port" ping
port=$(ready_port "$work/syncdictd.out")  # port 0: the daemon bound a free one

port_of() { if [ "$1" = syncdict ]; then echo "$port"; else echo "$redis_port"; fi; }
pid_of() { if [ "$1" = syncdict ]; then echo "$daemon"; else echo "$redis"; fi; }
# The heap in use (G1 prints one line, the serial collector one per generation).
heap_used_mib() {
  jcmd "$daemon" GC.heap_info | awk '/total [0-9]+K, used/ && !/Metaspace|class space/ {
    sub(/.*used /, ""); sub(/K.*/, ""); kib += $0 } END {printf "%d", kib / 1024}'
}
rss_mib() { awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }
# Connections the server holds (its side of each, counted by the kernel).
held_by() { ss -tnH state established "( sport = :$(port_of "$1") )" | wc -l; }
field() { echo "$1" | sed "s/.*\"$2\": \([0-9.]*\).*/\1/"; }
declare -A incrs=([syncdict]=0 [redis]=0)
probe() {  # SERVER: runs one probe into $work/probe and counts its incrs
  $driver probe "$1" "$(port_of "$1")" "$token" "$samples" > "$work/probe"
  incrs[$1]=$(( ${incrs[$1]} + $(field "$(cat "$work/probe")" incrs) ))
}

echo "hostile.sh: load at start: $(uptime)" >&2
for server in syncdict redis; do  # warm-up: the daemon's JIT, both servers' first connections
  for _ in 1 2 3 4 5; do probe "$server"; done
done
base_rss=$(rss_mib "$daemon")
echo "hostile.sh: syncdictd resident after warm-up: $base_rss MiB" >&2

results="$work/results"
for round in $(seq "$rounds"); do
  for n in $ladder; do
    order="syncdict redis"
    [ $(( round % 2 )) -eq 0 ] && order="redis syncdict"
    for server in $order; do
      status="$work/status"
      : > "$status"
      if [ "$n" -gt 0 ]; then
        nice -n 19 $driver hold "$server" "$(port_of "$server")" "$token" "$n" "$status" &
        holder=$!
        for _ in $(seq 4000); do grep -q ready "$status" && break; sleep 0.1; done
        grep -q ready "$status" || { echo "hostile.sh: $n connections were not held within 400 s" >&2; exit 1; }
      fi
      server_held=$(held_by "$server")
      probe "$server"
      result=$(cat "$work/probe")
      rss=$(rss_mib "$(pid_of "$server")")
      live=-
      if [ "$server" = syncdict ]; then  # what the held connections keep alive: the heap after a full GC
        jcmd "$daemon" GC.run > /dev/null
        live=$(heap_used_mib)
      fi
      if [ "$n" -gt 0 ]; then
        kill -TERM "$holder"; wait "$holder" || true; holder=
        # The fewest hostile connections open while the probe ran, from the holder's own count.
        held=$(grep '^{' "$status" | head -n -1 | sed 's/.*"open": \([0-9]*\).*/\1/' | sort -n | head -1)
        # How many garbage lines a second the server answered while held.
        rate=$(grep '^{' "$status" | python3 -c 'import json, sys
lines = [json.loads(l) for l in sys.stdin]
print(round((sum(lines[-1]["answers"].values()) - sum(lines[0]["answers"].values())) / (lines[-1]["t"] - lines[0]["t"])))')
        for _ in $(seq 600); do [ "$(held_by "$server")" -le 2 ] && break; sleep 0.2; done
      else
        held=0 rate=0
      fi
      echo "$round $n $server $(field "$result" median_us) $(field "$result" p99_us) ${held:-0} $server_held $rss $live $rate" | tee -a "$results" >&2
    done
  done
done

sleep 10
after_rss=$(rss_mib "$daemon")
jcmd "$daemon" GC.run > /dev/null
sleep 10
after_gc_rss=$(rss_mib "$daemon")
after_gc_heap=$(heap_used_mib)
echo "hostile.sh: load at end: $(uptime)" >&2

echo
echo "Run on $(date -u +%F) with $(java -version 2>&1 | head -1) ${DAEMON_JAVA_OPTS:-(default flags)}, $rounds rounds of $samples requests; load at start and end in the log."
echo
echo "| hostile connections | held (fewest while measuring) | garbage lines answered /s | syncdictd median µs | p99 µs | median / idle | redis median µs | p99 µs | median / idle | syncdictd RSS MiB | syncdictd live heap MiB |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
col() { local m; m=$(awk -v n="$1" -v s="$2" -v c="$3" '$2==n && $3==s {print $c}' "$results" | median); echo "${m:--}"; }
sd_idle=$(col 0 syncdict 4)
redis_idle=$(col 0 redis 4)
largest=0
within=1
for n in $ladder; do
  sd=$(col "$n" syncdict 4)
  rd=$(col "$n" redis 4)
  sd_ratio=$(awk -v a="$sd" -v b="$sd_idle" 'BEGIN {printf "%.2f", a / b}')
  rd_ratio=$(awk -v a="$rd" -v b="$redis_idle" 'BEGIN {printf "%.2f", a / b}')
  echo "| $n | $(col "$n" syncdict 6) | $(col "$n" syncdict 10) | $sd | $(col "$n" syncdict 5) | $sd_ratio | $rd | $(col "$n" redis 5) | $rd_ratio | $(col "$n" syncdict 8) | $(col "$n" syncdict 9) |"
  awk -v r="$sd_ratio" 'BEGIN {exit !(r <= 2)}' || within=0
  if [ "$within" = 1 ]; then largest=$n; fi
done
echo
echo "Largest N held with syncdictd's median within 2x of idle (every smaller N too): $largest"
echo "syncdictd resident: $base_rss MiB after warm-up; $after_rss MiB 10 s after the last hostile connection closed; $after_gc_rss MiB 10 s after a full GC (jcmd GC.run), which left $after_gc_heap MiB of heap in use"
$driver check syncdict "$port" "$token" "${incrs[syncdict]}"
$driver check redis "$redis_port" "$token" "${incrs[redis]}"
grep -c 'no handshake in time' "$work/syncdictd.err" | sed 's/^/syncdictd log: handshakes cut at 10 s: /'
if ! kill -0 "$daemon" 2> /dev/null; then echo "syncdictd DIED"; exit 1; fi
