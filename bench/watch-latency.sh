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
writes="${1:-10000}"
rounds="${2:-3}"
port=17460
redis_port=16400

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
taskset -c 0 java -jar daemon/target/syncdictd.jar --port "$port" > "$work/syncdictd.out" 2> "$work/syncdictd.err" &
daemon=$!
taskset -c 0 redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no > "$work/redis.log" &
redis=$!
trap 'kill $daemon $redis 2>/dev/null; wait $daemon $redis 2>/dev/null; rm -rf "$work"' EXIT

for _ in $(seq 150); do
  grep -q listening "$work/syncdictd.out" 2>/dev/null && redis-cli -p "$redis_port" ping > /dev/null 2>&1 && break
  sleep 0.2
done
if ! grep -q listening "$work/syncdictd.out" || ! redis-cli -p "$redis_port" ping > /dev/null 2>&1; then
  echo "the servers did not start within 30 s:" >&2
  cat "$work/syncdictd.err" "$work/redis.log" >&2
  exit 1
fi

echo "load at start: $(uptime)"
timeout 1800 taskset -c 1 java -cp bench/target/syncdict-bench.jar dev.syncdict.bench.WatchLatency \
  "127.0.0.1:$port" "127.0.0.1:$redis_port" "$writes" 2000 "$rounds"
echo "load at end: $(uptime)"
