#!/usr/bin/env bash
# incr against syncdictd and redis-server with one light driver (IncrDriver: one thread, non-blocking
# sockets), rounds interleaved, reporting ops/s, p99 and each server's CPU per op from /proc/PID/stat.
# Servers on CPU 0, the driver on CPU 1 (taskset). Needs the jars (mvn -B -o -q -DskipTests package)
# and redis-server.
#
#   bench/core.sh [ROUNDS] [SECONDS] [SHAPES...]     (default 5 rounds of 5 s; shapes "50 1" "50 16")
#   JARS="old/syncdictd.jar new/syncdictd.jar" compares several builds of the daemon, each its own
#   server, in the same rounds (default: this tree's daemon/target/syncdictd.jar).
#   FLAGS="|-Xmn64m" gives each of them JVM flags, separated by "|" in the order of JARS (the same
#   jar may be listed twice to compare flags); results name a build by its jar and its flags.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"; seconds="${2:-5}"; shift $(( $# > 2 ? 2 : $# ))
shapes=("$@"); [ ${#shapes[@]} -gt 0 ] || shapes=("50 1" "50 16")
. bench/lib.sh
read -r -a jars <<< "${JARS:-daemon/target/syncdictd.jar}"
IFS='|' read -r -a flags <<< "${FLAGS:-}"
redis_port=$(free_port)
work="$(mktemp -d)"
export SYNCDICT_TOKEN="bench-$RANDOM$RANDOM"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
taskset -c 0 redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize no > "$work/redis.log" &
redis=$!; pids+=("$redis")
# Each daemon binds a free port (port 0) and names it in its ready line.
ports=()
for i in "${!jars[@]}"; do
  taskset -c 0 java ${flags[$i]:-} -jar "${jars[$i]}" --in-memory --port 0 > "$work/d$i.out" 2> "$work/d$i.err" &
  pids+=("$!")
  await 60 "${jars[$i]} listening" started "$!" "$work/d$i.out" "$work/d$i.err"
  ports+=("$(ready_port "$work/d$i.out")")
done
await 30 "redis-server on port $redis_port" redis_answers "$redis_port"
drive() { taskset -c 1 java -cp bench/target/syncdict-bench.jar dev.syncdict.bench.IncrDriver "$@"; }
# Warm each JVM (JIT) before measuring, as a long-running daemon would be.
for i in "${!jars[@]}"; do
  drive syncdict "127.0.0.1:${ports[$i]}" "${pids[$((i + 1))]}" 50 16 8 > /dev/null
  drive syncdict "127.0.0.1:${ports[$i]}" "${pids[$((i + 1))]}" 50 1 4 > /dev/null
done
uptime
for shape in "${shapes[@]}"; do
  set -- $shape
  for _ in $(seq "$rounds"); do
    for i in "${!jars[@]}"; do
      drive syncdict "127.0.0.1:${ports[$i]}" "${pids[$((i + 1))]}" "$1" "$2" "$seconds" | sed "s|^syncdict|${jars[$i]}${flags[$i]:+[${flags[$i]// /,}]}|"
    done
    drive redis "127.0.0.1:$redis_port" "$redis" "$1" "$2" "$seconds"
  done
done | tee "$work/rounds"
uptime
echo "medians:"
awk '{k=$1" "$2" "$3; ops[k]=ops[k]" "$5; p99[k]=p99[k]" "$9; cpu[k]=cpu[k]" "$11}
  function med(s,  a,n,i,j,t){n=split(s,a," "); for(i=1;i<=n;i++)for(j=i+1;j<=n;j++)if(a[j]+0<a[i]+0){t=a[i];a[i]=a[j];a[j]=t}; return a[int((n+1)/2)]}
  END {for (k in ops) printf "%-40s ops/s %9.0f  p99_us %7.0f  cpu_us/op %6.2f\n", k, med(ops[k]), med(p99[k]), med(cpu[k])}' "$work/rounds" | sort
