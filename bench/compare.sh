#!/usr/bin/env bash
# Pipelined and concurrent incr throughput: syncdictd against redis-server, same machine, same run.
# Rounds are interleaved (syncdict, redis, syncdict, ...) so background load hits both alike;
# medians are reported. Both servers run on CPU 0 and both load generators on CPU 1 (taskset), so
# the Java load generator's appetite does not take cycles from the daemon.
# Needs: mvn -DskipTests install (or package), redis-server, redis-benchmark, taskset.
#
#   bench/compare.sh [ROUNDS]        (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
port=17450
redis_port=16390
work="$(mktemp -d)"
export SYNCDICT_TOKEN="bench-$RANDOM$RANDOM"
taskset -c 0 java -jar daemon/target/syncdictd.jar --in-memory --port "$port" > "$work/syncdictd.out" 2> "$work/syncdictd.err" &
daemon=$!
taskset -c 0 redis-server --port "$redis_port" --save '' --appendonly no --daemonize no > "$work/redis.log" &
redis=$!
trap 'kill $daemon $redis 2>/dev/null; rm -rf "$work"' EXIT
until grep -q listening "$work/syncdictd.out" 2>/dev/null && redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.2; done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# Warm the JVM before measuring, as a long-running daemon would be.
taskset -c 1 java -jar bench/target/syncdict-bench.jar "127.0.0.1:$port" 4 16 3 1 > /dev/null

for shape in "1 16" "16 1" "16 16"; do
  set -- $shape
  clients=$1 pipeline=$2
  : > "$work/s" ; : > "$work/r"
  for _ in $(seq "$rounds"); do
    taskset -c 1 java -jar bench/target/syncdict-bench.jar "127.0.0.1:$port" "$clients" "$pipeline" 3 1 | awk '/median/ {print $2}' >> "$work/s"
    taskset -c 1 redis-benchmark -p "$redis_port" -t incr -c "$clients" -P "$pipeline" -n $((clients * pipeline * 20000 > 400000 ? 400000 : clients * pipeline * 20000)) -q \
      | tr '\r' '\n' | awk '/INCR:/ {print $2}' | tail -n 1 >> "$work/r"
  done
  s=$(median < "$work/s"); r=$(median < "$work/r")
  printf 'clients=%-3s pipeline=%-3s syncdictd %9.0f incr/s   redis %9.0f incr/s   ratio %.2f\n' "$clients" "$pipeline" "$s" "$r" "$(echo "$s / $r" | bc -l)"
done
