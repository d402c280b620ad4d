#!/usr/bin/env bash
# syncdictd against redis-server on this machine, measured by one load generator (syncdict bench)
# in the same run: incr, set and get at -c 1, -c 50 and -c 50 -P 16. Rounds are interleaved
# (each round runs every shape against both servers, who goes first alternating) so background
# load falls on both alike; medians are reported with the ratio syncdict/redis. redis-benchmark's
# figures for Redis are printed too, as a reference for the load generator itself.
# Needs a build (mvn -B -DskipTests package); installs redis-server, redis-tools and jq when missing.
#
#   bench/compare-redis.sh            ROUNDS=3 DURATION=3s WARMUP=1s KEYS=100000 by default
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/servers.sh

rounds="${ROUNDS:-3}"
duration="${DURATION:-3s}"
warmup="${WARMUP:-1s}"
keys="${KEYS:-100000}"
tests=incr,set,get
shapes=("-c 1" "-c 50" "-c 50 -P 16")
# redis-benchmark runs a count, not a time: about as long as a test of syncdict bench at each shape.
reference_requests=(30000 200000 2000000)

require_tools
start_servers
describe_machine
echo "syncdictd pid $daemon_pid on 127.0.0.1:$port (${DAEMON_JAVA_OPTS:-default JVM flags}); redis-server pid $redis_pid on 127.0.0.1:$redis_port"
echo "each test: --duration $duration after --warmup $warmup, --keys $keys; $rounds rounds"
echo

results="$work/results.tsv"    # server, shape, test, ops/s, p99 µs, server µs/op, bench µs/op
reference="$work/reference.tsv" # shape, test, ops/s, p99 ms
for round in $(seq "$rounds"); do
  order=(syncdict redis)
  (( round % 2 )) || order=(redis syncdict)
  for i in "${!shapes[@]}"; do
    shape=${shapes[$i]}
    for server in "${order[@]}"; do
      # shellcheck disable=SC2086
      bench "$server" $shape -t "$tests" --keys "$keys" --duration "$duration" --warmup "$warmup" \
        | jq -r --arg server "$server" --arg shape "$shape" \
            '.tests[] | [$server, $shape, .test, .ops_per_sec, .latency_us.p99, .server_cpu_us_per_op, .bench_cpu_us_per_op] | @tsv' \
        >> "$results"
    done
    # shellcheck disable=SC2086
    "${client_pin[@]}" redis-benchmark -p "$redis_port" -t "$tests" $shape -r "$keys" -n "${reference_requests[$i]}" --csv \
      | awk -F'","' -v shape="$shape" 'NR > 1 {test = $1; gsub(/"/, "", test); print shape "\t" tolower(test) "\t" $2 "\t" $7}' \
      >> "$reference"
  done
  echo "round $round of $rounds done; $(uptime | sed 's/.*load average/load average/')"
done

field() {  # field SERVER SHAPE TEST COLUMN: the median of that column over the rounds
  awk -F'\t' -v s="$1" -v sh="$2" -v t="$3" -v c="$4" '$1 == s && $2 == sh && $3 == t {print $c}' "$results" | median
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }

echo
printf '%-12s %-4s | %12s %12s %6s | %9s %9s %6s | %9s %9s %6s | %12s %9s | %s\n' shape test "syncdict/s" "redis/s" ratio \
  "sd p99 ms" "rd p99 ms" ratio "sd µs/op" "rd µs/op" ratio "redis-bm/s" "rb p99 ms" "load generator µs/op sd/rd"
for shape in "${shapes[@]}"; do
  for test in ${tests//,/ }; do
    s_ops=$(field syncdict "$shape" "$test" 4) r_ops=$(field redis "$shape" "$test" 4)
    s_p99=$(field syncdict "$shape" "$test" 5) r_p99=$(field redis "$shape" "$test" 5)
    s_cpu=$(field syncdict "$shape" "$test" 6) r_cpu=$(field redis "$shape" "$test" 6)
    rb_ops=$(awk -F'\t' -v sh="$shape" -v t="$test" '$1 == sh && $2 == t {print $3}' "$reference" | median)
    rb_p99=$(awk -F'\t' -v sh="$shape" -v t="$test" '$1 == sh && $2 == t {print $4}' "$reference" | median)
    printf '%-12s %-4s | %12.0f %12.0f %6s | %9.3f %9.3f %6s | %9.2f %9.2f %6s | %12.0f %9.3f | %.2f/%.2f\n' "$shape" "$test" \
      "$s_ops" "$r_ops" "$(ratio "$s_ops" "$r_ops")" "$(awk -v v="$s_p99" 'BEGIN {print v / 1000}')" \
      "$(awk -v v="$r_p99" 'BEGIN {print v / 1000}')" "$(ratio "$s_p99" "$r_p99")" \
      "$s_cpu" "$r_cpu" "$(ratio "$s_cpu" "$r_cpu")" "$rb_ops" "$rb_p99" \
      "$(field syncdict "$shape" "$test" 7)" "$(field redis "$shape" "$test" 7)"
  done
done
echo
echo "at end: $(uptime | sed 's/.*load average/load average/')"
