#!/usr/bin/env bash
# Write throughput with the write-ahead log: syncdictd --fsync always|everysec|no against
# redis-server with appendonly yes and appendfsync always|everysec|no, same machine, same run,
# rounds interleaved, medians reported; then the recovery time of a log of one million writes.
# Each client waits for every reply (pipeline 1): that is where group commit matters. Servers on
# CPU 0, load generators on CPU 1; both keep their files in the same folder (same disk).
# syncdict bench drives syncdictd, redis-benchmark drives Redis.
# Needs: mvn -DskipTests package, redis-server, redis-benchmark, taskset, bc.
#
#   bench/durability.sh [ROUNDS]        (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
. bench/lib.sh
port=''  # the daemon's, named in its ready line: it binds a free one (port 0)
redis_port=$(free_port)
work="$(mktemp -d "${TMPDIR:-/tmp}/syncdict-durability.XXXXXX")"
export SYNCDICT_TOKEN="bench-$RANDOM$RANDOM"
daemon='' redis=''
cleanup() { kill $daemon $redis 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

# incr of one counter (counter:0), every client waiting for each reply unless -P says otherwise.
syncdict_bench() { taskset -c 1 java -jar shell/target/syncdict.jar --connect "127.0.0.1:$port" --no-autostart bench -t incr --keys 1 "$@"; }

start_daemon() {  # start_daemon FSYNC [extra options]
  local fsync=$1; shift
  rm -f "$work/syncdictd.out"
  taskset -c 0 java -jar daemon/target/syncdictd.jar --port 0 --data-dir "$work/syncdict" --fsync "$fsync" "$@" \
    > "$work/syncdictd.out" 2>> "$work/syncdictd.err" &
  daemon=$!
  # Bounded: recovering a million writes takes seconds, not minutes.
  await 300 "syncdictd --fsync $fsync listening" started "$daemon" "$work/syncdictd.out" "$work/syncdictd.err"
  port=$(ready_port "$work/syncdictd.out")
}

stop_daemon() { kill "$daemon"; wait "$daemon" 2>/dev/null || true; daemon=''; }

start_redis() {  # start_redis APPENDFSYNC
  rm -rf "$work/redis"; mkdir -p "$work/redis"
  taskset -c 0 redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly yes --appendfsync "$1" --dir "$work/redis" \
    --daemonize no > "$work/redis.log" &
  redis=$!
  await 60 "redis-server appendfsync $1 on port $redis_port" redis_answers "$redis_port"
}

stop_redis() { kill "$redis"; wait "$redis" 2>/dev/null || true; redis=''; }

# Requests per redis-benchmark run: about as long as a syncdict round (3 s) on this machine.
requests() {  # requests POLICY CLIENTS
  case "$1" in
    always) echo $(( $2 == 1 ? 1500 : 30000 )) ;;
    *) echo $(( $2 == 1 ? 30000 : 150000 )) ;;
  esac
}

echo "fsync     clients  syncdictd writes/s  redis writes/s  syncdictd/redis"
for policy in always everysec no; do
  for clients in 1 50; do
    : > "$work/s"; : > "$work/r"
    for _ in $(seq "$rounds"); do
      rm -rf "$work/syncdict"
      start_daemon "$policy"
      # Warm the JVM a little first, as a long-running daemon would be.
      syncdict_bench -c "$clients" --duration 1s > /dev/null
      syncdict_bench -c "$clients" --duration 3s --json | grep -o '"ops_per_sec":[0-9.]*' | cut -d: -f2 >> "$work/s"
      stop_daemon
      start_redis "$policy"
      taskset -c 1 redis-benchmark -p "$redis_port" -t incr -c "$clients" -P 1 -n "$(requests "$policy" "$clients")" -q \
        | tr '\r' '\n' | awk '/INCR:/ {print $2}' | tail -n 1 >> "$work/r"
      stop_redis
    done
    s=$(median < "$work/s"); r=$(median < "$work/r")
    printf '%-9s %7s  %18.0f  %14.0f  %15.2f\n' "$policy" "$clients" "$s" "$r" "$(echo "$s / $r" | bc -l)"
  done
done

# Recovery: a log of one million writes (no compaction), then the time from start to listening.
rm -rf "$work/syncdict"
start_daemon no --compact-at 1000000000000
syncdict_bench -c 4 -P 250 -n 1000000 > /dev/null
writes=$(java -jar shell/target/syncdict.jar --connect "127.0.0.1:$port" --no-autostart get counter:0)
stop_daemon
log_bytes=$(du -cb "$work"/syncdict/wal-*.log | tail -n 1 | cut -f1)
for _ in $(seq "$rounds"); do
  t0=$(date +%s%N); start_daemon no --compact-at 1000000000000; t1=$(date +%s%N)
  java -jar shell/target/syncdict.jar --connect "127.0.0.1:$port" --no-autostart info \
    | grep -o '"recovery_ms":[0-9]*' | cut -d: -f2 >> "$work/recovery_ms"
  echo $(( (t1 - t0) / 1000000 )) >> "$work/start_ms"
  stop_daemon
done
printf 'recovery of %s writes (%s bytes of log): median %s ms in recovery, %s ms from start to listening\n' \
  "$writes" "$log_bytes" "$(median < "$work/recovery_ms")" "$(median < "$work/start_ms")"
