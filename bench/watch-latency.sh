#!/usr/bin/env bash
# Write-to-event latency: syncdictd's watch against Redis keyspace notifications, same machine,
# same run (bench/src/main/java/dev/syncdict/bench/WatchLatency.java measures and interleaves).
# Both servers run on CPU 0 and the benchmark JVM on CPU 1 (taskset), as in compare-redis.sh, so the
# watchers' threads do not take cycles from the servers. Every step is bounded in time.
# Needs: mvn -DskipTests package (or install), taskset; installs redis-server when it is missing.
#
#   bench/watch-latency.sh [WRITES [ROUNDS]]        (default 10000 writes, 3 rounds)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
writes="${1:-10000}"
rounds="${2:-3}"
redis_port=$(free_port)

if ! command -v redis-server > /dev/null || ! command -v redis-cli > /dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "redis-server is missing; as root: apt-get install -y redis-server" >&2
    exit 1
  fi
  # A fresh machine may have no package lists yet.
  apt-get install -y redis-server > /dev/null || { apt-get update > /dev/null && apt-get install -y redis-server > /dev/null; }
fi

work="$(mktemp -d)"
export SYNCDICT_TOKEN="bench-$RANDOM$RANDOM"
taskset -c 0 java -jar daemon/target/syncdictd.jar --port 0 > "$work/syncdictd.out" 2> "$work/syncdictd.err" &
daemon=$!
taskset -c 0 redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no > "$work/redis.log" &
redis=$!
trap 'kill $daemon $redis 2>/dev/null; wait $daemon $redis 2>/dev/null; rm -rf "$work"' EXIT

await 30 "syncdictd listening" started "$daemon" "$work/syncdictd.out" "$work/syncdictd.err"
port=$(ready_port "$work/syncdictd.out")
await 30 "redis-server on port $redis_port" redis_answers "$redis_port"

echo "load at start: $(uptime)"
timeout 1800 taskset -c 1 java -cp bench/target/syncdict-bench.jar dev.syncdict.bench.WatchLatency \
  "127.0.0.1:$port" "127.0.0.1:$redis_port" "$writes" 2000 "$rounds"
echo "load at end: $(uptime)"
