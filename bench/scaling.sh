#!/usr/bin/env bash
# Does a single-key operation cost more as the dictionary grows? get and incr throughput and p99 at
# 1 thousand, 100 thousand, 1 million and 10 million keys, syncdictd and redis-server measured by
# syncdict bench in the same run (rounds interleaved, medians); and the memory both take to hold
# each size of small keys (key:N = "xxx"), read from /proc and Redis's INFO memory.
# Fresh servers for each size. The keys are preloaded by syncdict bench itself (SET of each key,
# 64 in flight per connection); get then reads them, incr adds to counter:N keys beside them (mostly
# creating them), and incr-existing adds to counters that exist (after incrs that create them).
# Needs a build (mvn -B -DskipTests package); installs redis-server, redis-tools and jq when missing.
#
#   bench/scaling.sh      SIZES="1000 100000 1000000 10000000" ROUNDS=2 DURATION=3s WARMUP=1s SHAPE="-c 50"
#   The daemon's heap: DAEMON_JAVA_OPTS (default -Xmx14g, enough for 10 million keys and as many counters).
set -euo pipefail
cd "$(dirname "$0")/.."
export DAEMON_JAVA_OPTS="${DAEMON_JAVA_OPTS:--Xmx14g}"
. bench/servers.sh

sizes="${SIZES:-1000 100000 1000000 10000000}"
rounds="${ROUNDS:-2}"
duration="${DURATION:-3s}"
warmup="${WARMUP:-1s}"
shape="${SHAPE:--c 50}"

require_tools
describe_machine
echo "syncdictd: ${DAEMON_JAVA_OPTS} ${DAEMON_OPTIONS}; shape $shape; each test --duration $duration after --warmup $warmup; $rounds rounds"
echo

results="$work/results.tsv"  # size, server, test, ops/s, p99 µs, server CPU µs per op
memory="$work/memory.tsv"    # size, daemon VmRSS, VmHWM, live heap, redis used_memory, used_memory_rss, VmRSS (bytes)
kib() { awk -v k="$1" 'BEGIN {print k * 1024}'; }
status_bytes() { kib "$(awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status")"; }
# measure SIZE TESTS [LABEL]: rounds of TESTS against both servers, interleaved (who goes first
# alternating), each test's ops/s, p99 and server CPU per op into the results, under LABEL if given.
measure() {
  local size=$1 tests=$2 label=${3:-}
  for round in $(seq "$rounds"); do
    order=(syncdict redis)
    (( round % 2 )) || order=(redis syncdict)
    for server in "${order[@]}"; do
      server_pid=$daemon_pid
      [ "$server" = syncdict ] || server_pid=$redis_pid
      # shellcheck disable=SC2086
      bench "$server" $shape -t "$tests" --keys "$size" --no-preload --duration "$duration" --warmup "$warmup" --server-pid "$server_pid" \
        | jq -r --arg size "$size" --arg server "$server" --arg name "$label" \
            '.tests[] | [$size, $server, (if $name == "" then .test else $name end), .ops_per_sec, .latency_us.p99, .server_cpu_us_per_op] | @tsv' \
        >> "$results"
    done
  done
}
for size in $sizes; do
  start_servers
  for server in syncdict redis; do
    # shellcheck disable=SC2086
    bench "$server" $shape -t get --keys "$size" -n 1 > /dev/null
  done
  # The daemon's live heap after a full collection: what the dictionary holds, apart from the
  # garbage and the headroom that a large -Xmx lets the resident figure carry.
  jcmd "$daemon_pid" GC.run > /dev/null
  # Pinned to one CPU the JVM picks the serial collector (young and tenured generation), else G1
  # (one heap): add up the "used" of each.
  live=$(kib "$(jcmd "$daemon_pid" GC.heap_info \
    | awk '/generation|garbage-first heap/ {for (i = 1; i < NF; i++) if ($i == "used") {sub(/K.*/, "", $(i + 1)); sum += $(i + 1)}}
           END {print sum + 0}')")
  redis_memory=$(redis-cli -p "$redis_port" info memory | tr -d '\r')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$(status_bytes "$daemon_pid" VmRSS)" "$(status_bytes "$daemon_pid" VmHWM)" \
    "$live" "$(sed -n 's/^used_memory://p' <<< "$redis_memory")" "$(sed -n 's/^used_memory_rss://p' <<< "$redis_memory")" \
    "$(status_bytes "$redis_pid" VmRSS)" >> "$memory"
  measure "$size" get,incr
  # The daemon's resident set after the rounds: what the heap grew to under the load, not only after loading.
  printf '%s\t%s\n' "$size" "$(status_bytes "$daemon_pid" VmRSS)" >> "$work/after.tsv"
  # The incrs above mostly create their counter:N key (all but the first few thousand at 10 million
  # keys): that measures insertion. To measure an update of a key that exists, first incr five times
  # as many random counters as there are keys (all but e^-5, 0.7 %, then exist), then measure again.
  for server in syncdict redis; do
    # shellcheck disable=SC2086
    bench "$server" -c 50 -P 16 -t incr --keys "$size" -n $((size * 5)) > /dev/null
  done
  measure "$size" incr incr-existing
  stop_servers
  echo "$size keys done; $(uptime | sed 's/.*load average/load average/')"
done

field() {  # field SIZE SERVER TEST COLUMN: the median over the rounds
  awk -F'\t' -v z="$1" -v s="$2" -v t="$3" -v c="$4" '$1 == z && $2 == s && $3 == t {print $c}' "$results" | median
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "-"}'; }
mib() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1048576}'; }

echo
printf '%-9s %-13s | %12s %12s %6s | %9s %9s %6s | %9s %9s %6s\n' keys test "syncdict/s" "redis/s" ratio "sd p99 ms" "rd p99 ms" ratio \
  "sd cpu µs" "rd cpu µs" ratio
for size in $sizes; do
  for test in get incr incr-existing; do
    s_ops=$(field "$size" syncdict "$test" 4) r_ops=$(field "$size" redis "$test" 4)
    s_p99=$(field "$size" syncdict "$test" 5) r_p99=$(field "$size" redis "$test" 5)
    s_cpu=$(field "$size" syncdict "$test" 6) r_cpu=$(field "$size" redis "$test" 6)
    printf '%-9s %-13s | %12.0f %12.0f %6s | %9.3f %9.3f %6s | %9.2f %9.2f %6s\n' "$size" "$test" "$s_ops" "$r_ops" "$(ratio "$s_ops" "$r_ops")" \
      "$(awk -v v="$s_p99" 'BEGIN {print v / 1000}')" "$(awk -v v="$r_p99" 'BEGIN {print v / 1000}')" "$(ratio "$s_p99" "$r_p99")" \
      "$s_cpu" "$r_cpu" "$(ratio "$s_cpu" "$r_cpu")"
  done
done
echo
echo "memory holding the keys (MiB): syncdictd resident after loading, its peak, its live heap after a full GC, its resident after the"
echo "rounds of get and incr; Redis used_memory, used_memory_rss, resident after loading"
printf '%-9s | %9s %9s %9s %9s | %9s %9s %9s | %s\n' keys "sd RSS" "sd HWM" "sd live" "sd after" "rd used" "rd rss" "rd RSS" "RSS ratio"
while IFS=$'\t' read -r size rss hwm live used used_rss redis_rss; do
  after=$(awk -F'\t' -v z="$size" '$1 == z {print $2}' "$work/after.tsv")
  printf '%-9s | %9s %9s %9s %9s | %9s %9s %9s | %s\n' "$size" "$(mib "$rss")" "$(mib "$hwm")" "$(mib "$live")" "$(mib "$after")" \
    "$(mib "$used")" "$(mib "$used_rss")" "$(mib "$redis_rss")" "$(ratio "$rss" "$redis_rss")"
done < "$memory"
echo "at end: $(uptime | sed 's/.*load average/load average/')"
