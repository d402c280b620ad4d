#!/usr/bin/env bash
# incr against syncdictd and redis-server with one light driver (IncrDriver: one thread, non-blocking
# sockets), rounds interleaved, reporting ops/s, p99 and each server's CPU per op from /proc/PID/stat.
# Servers on CPU 0, the driver on CPU 1 (taskset). Needs the jars (mvn -B -o -q -DskipTests package)
# and redis-server.
#
#   bench/core.sh [ROUNDS] [SECONDS] [SHAPES...]     (default 5 rounds of 5 s; shapes "50 1" "50 16")
#   JAR=path/to/syncdictd.jar overrides the daemon under test.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"; seconds="${2:-5}"; shift $(( $# > 2 ? 2 : $# ))
shapes=("$@"); [ ${#shapes[@]} -gt 0 ] || shapes=("50 1" "50 16")
jar="${JAR:-daemon/target/syncdictd.jar}"
port=17460; redis_port=16400
work="$(mktemp -d)"
export SYNCDICT_TOKEN="bench-$RANDOM$RANDOM"
taskset -c 0 java ${DAEMON_JAVA_OPTS:-} -jar "$jar" --in-memory --port "$port" > "$work/syncdictd.out" 2> "$work/syncdictd.err" &
daemon=$!
taskset -c 0 redis-server --port "$redis_port" --save '' --appendonly no --daemonize no > "$work/redis.log" &
redis=$!
trap 'kill $daemon $redis 2>/dev/null; wait $daemon 2>/dev/null; rm -rf "$work"' EXIT
until grep -q listening "$work/syncdictd.out" 2>/dev/null && redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.2; done
drive() { taskset -c 1 java -cp bench/target/syncdict-bench.jar dev.syncdict.bench.IncrDriver "$@"; }
# Warm the JVM (JIT) before measuring, as a long-running daemon would be.
drive syncdict "127.0.0.1:$port" "$daemon" 50 16 5 > /dev/null
drive syncdict "127.0.0.1:$port" "$daemon" 50 1 3 > /dev/null
uptime
for shape in "${shapes[@]}"; do
  set -- $shape
  for _ in $(seq "$rounds"); do
    drive syncdict "127.0.0.1:$port" "$daemon" "$1" "$2" "$seconds"
    drive redis "127.0.0.1:$redis_port" "$redis" "$1" "$2" "$seconds"
  done
done | tee "$work/rounds"
echo "medians:"
awk '{k=$1" "$2" "$3; ops[k]=ops[k]" "$5; p99[k]=p99[k]" "$9; cpu[k]=cpu[k]" "$11}
  function med(s,  a,n,i,j,t){n=split(s,a," "); for(i=1;i<=n;i++)for(j=i+1;j<=n;j++)if(a[j]+0<a[i]+0){t=a[i];a[i]=a[j];a[j]=t}; return a[int((n+1)/2)]}
  END {for (k in ops) printf "%-22s ops/s %9.0f  p99_us %7.0f  cpu_us/op %6.2f\n", k, med(ops[k]), med(p99[k]), med(cpu[k])}' "$work/rounds" | sort
