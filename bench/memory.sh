#!/usr/bin/env bash
# Where syncdictd's memory goes when it holds N small keys, next to redis-server holding the same:
# both loaded by syncdict bench (key:N = "xxx", as bench/scaling.sh loads them), then, after a full
# collection, the daemon's resident set, its store's own count of its heap (info's dictionary_bytes,
# what --max-memory is checked against), live heap, the classes that fill it (GC.class_histogram)
# and the JVM's own memory outside the heap (Native Memory Tracking), and Redis's INFO memory.
# Needs a build (mvn -B -DskipTests package); installs redis-server, redis-tools and jq when missing.
#
#   bench/memory.sh      SIZE=1000000 DAEMON_JAVA_OPTS="-XX:+UseSerialGC" CLASSES=12 NATIVE=summary
#   NATIVE=off leaves Native Memory Tracking out (it costs a few MiB of its own).
set -euo pipefail
cd "$(dirname "$0")/.."
native="${NATIVE:-summary}"
export DAEMON_JAVA_OPTS="${DAEMON_JAVA_OPTS:-} -XX:NativeMemoryTracking=$native"
. bench/servers.sh

size="${SIZE:-1000000}"
classes="${CLASSES:-12}"
require_tools
describe_machine
echo "syncdictd: ${DAEMON_JAVA_OPTS} ${DAEMON_OPTIONS}; $size keys"
start_servers
for server in syncdict redis; do
  bench "$server" -c 50 -t get --keys "$size" -n 1 > /dev/null
done
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
status_kib() { awk -v f="$2:" '$1 == f {print $2}' "/proc/$1/status"; }
loaded=$(status_kib "$daemon_pid" VmRSS)
# G1 gives memory back after a full collection on a thread of its own, a moment later: the figures
# after the collection are a lower bound for it, the one before is what it kept while loading.
jcmd "$daemon_pid" GC.run > /dev/null
echo
echo "syncdictd resident $(mib "$loaded") MiB after loading, $(mib "$(status_kib "$daemon_pid" VmRSS)") MiB after a full collection" \
  "(peak $(mib "$(status_kib "$daemon_pid" VmHWM)"));" \
  "redis-server resident $(mib "$(status_kib "$redis_pid" VmRSS)") MiB (peak $(mib "$(status_kib "$redis_pid" VmHWM)")), used_memory" \
  "$(redis-cli -p "$redis_port" info memory | tr -d '\r' | sed -n 's/^used_memory_human://p')"
# The store's own count of its heap (what --max-memory is checked against), beside the histogram's classes.
echo "syncdictd's dictionary_bytes (the store's count): $(java -jar shell/target/syncdict.jar --no-autostart --json \
  --connect "127.0.0.1:$port" info | jq -r '.memory.dictionary_bytes // .dictionary_bytes // empty' | awk '{printf "%.1f MB", $1 / 1e6}')"
echo
jcmd "$daemon_pid" GC.heap_info | sed 1d
echo
histogram=$(jcmd "$daemon_pid" GC.class_histogram)
sed -n "2,$((classes + 3))p" <<< "$histogram"
tail -n 1 <<< "$histogram"
echo
# The native memory summary, one line per category: reserved and committed KiB.
[ "$native" = off ] || jcmd "$daemon_pid" VM.native_memory summary | sed -n 's/^\(-\? *[A-Za-z][A-Za-z ]*\)(reserved=\([0-9]*\)KB, committed=\([0-9]*\)KB)/\1 committed \3 KiB/p'
# The resident set split into the heap and other anonymous memory, and mapped files (the JVM's code, the class archive).
grep -E '^(Rss|Anonymous|Shared_Clean|Private_Clean):' "/proc/$daemon_pid/smaps_rollup" | tr -s ' ' | paste -sd ' '
echo "load: $(uptime | sed 's/.*load average/load average/')"
