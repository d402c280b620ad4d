# Shared by compare-redis.sh and scaling.sh (sourced, not run): installs Redis when it is missing,
# starts syncdictd --in-memory and redis-server (persistence off) on loopback, pinned to a CPU
# apart from the load generator's where the machine has two or more, runs syncdict bench against
# either, and stops everything it started when the calling script exits.
#
# The caller may set DAEMON_JAVA_OPTS (the daemon's JVM flags, e.g. -Xmx12g), DAEMON_OPTIONS
# (more syncdictd options) and REDIS_PORT (default 16390).

. bench/lib.sh

require_tools() {
  local missing=()
  command -v redis-server > /dev/null || missing+=(redis-server)
  command -v redis-cli > /dev/null && command -v redis-benchmark > /dev/null || missing+=(redis-tools)
  command -v jq > /dev/null || missing+=(jq)
  command -v taskset > /dev/null || missing+=(util-linux)
  if (( ${#missing[@]} )); then
    if [ "$(id -u)" -ne 0 ]; then
      echo "missing: ${missing[*]}; as root: apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
    # A fresh machine may have no package lists yet.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null; }
  fi
  for jar in daemon/target/syncdictd.jar shell/target/syncdict.jar; do
    [ -f "$jar" ] || { echo "no $jar: build first with mvn -B -DskipTests package" >&2; exit 1; }
  done
}

work="$(mktemp -d "${TMPDIR:-/tmp}/syncdict-bench.XXXXXX")"
export SYNCDICT_TOKEN="bench-$RANDOM$RANDOM$RANDOM"
redis_port="${REDIS_PORT:-16390}"
daemon_pid='' redis_pid='' port=''
DAEMON_OPTIONS="${DAEMON_OPTIONS:-}"  # more syncdictd options, e.g. --max-memory
stop_servers() {
  [ -z "$daemon_pid" ] || kill "$daemon_pid" 2> /dev/null || true
  [ -z "$redis_pid" ] || kill "$redis_pid" 2> /dev/null || true
  [ -z "$daemon_pid" ] || wait "$daemon_pid" 2> /dev/null || true
  [ -z "$redis_pid" ] || wait "$redis_pid" 2> /dev/null || true
  daemon_pid='' redis_pid=''
}
trap 'stop_servers; rm -rf "$work"' EXIT

# Servers on CPU 0, the load generator on CPU 1: on two cores neither takes the other's. The
# prefixes are arrays, not a function, so that a server started in the background is itself $!
# (taskset execs it) and the trap stops the server, not a subshell around it.
if [ "$(nproc)" -ge 2 ]; then
  server_pin=(taskset -c 0) client_pin=(taskset -c 1)
  pinning="servers pinned to CPU 0, load generator to CPU 1 (taskset)"
else
  server_pin=() client_pin=()
  pinning="one CPU: nothing pinned"
fi

# Redis cannot bind port 0 and name the port it got, so try ports upward from REDIS_PORT until one binds.
start_redis() {
  for _ in $(seq 20); do
    "${server_pin[@]}" redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no --daemonize no \
      >> "$work/redis.log" 2>&1 &
    redis_pid=$!
    for _ in $(seq 200); do
      redis-cli -p "$redis_port" ping > /dev/null 2>&1 || ! kill -0 "$redis_pid" 2> /dev/null && break
      sleep 0.05
    done
    # Another server may answer on a port that was taken: only our own process counts.
    if kill -0 "$redis_pid" 2> /dev/null \
        && [ "$(redis-cli -p "$redis_port" info server | tr -d '\r' | sed -n 's/^process_id://p')" = "$redis_pid" ]; then
      return
    fi
    wait "$redis_pid" 2> /dev/null || true
    redis_port=$((redis_port + 1))
  done
  echo "redis-server could bind none of 20 ports from ${REDIS_PORT:-16390}:" >&2
  cat "$work/redis.log" >&2
  exit 1
}

start_servers() {
  rm -f "$work/syncdictd.out"
  # Port 0: the daemon binds a free port and names it in its ready line.
  # shellcheck disable=SC2086
  "${server_pin[@]}" java ${DAEMON_JAVA_OPTS:-} -jar daemon/target/syncdictd.jar --in-memory --port 0 $DAEMON_OPTIONS \
    > "$work/syncdictd.out" 2>> "$work/syncdictd.err" &
  daemon_pid=$!
  start_redis
  for _ in $(seq 300); do
    grep -q listening "$work/syncdictd.out" 2> /dev/null && redis-cli -p "$redis_port" ping > /dev/null 2>&1 && break
    kill -0 "$daemon_pid" 2> /dev/null && kill -0 "$redis_pid" 2> /dev/null || break
    sleep 0.1
  done
  if ! grep -q listening "$work/syncdictd.out" 2> /dev/null || ! redis-cli -p "$redis_port" ping > /dev/null 2>&1; then
    echo "the servers did not start:" >&2
    cat "$work/syncdictd.err" "$work/redis.log" >&2
    exit 1
  fi
  port=$(ready_port "$work/syncdictd.out")
}
bench() {  # bench syncdict|redis OPTIONS...: one syncdict bench run against that server, its JSON on stdout
  local server=$1; shift
  local target=(--no-autostart --connect "127.0.0.1:$port" bench)
  [ "$server" = syncdict ] || target=(bench --redis "127.0.0.1:$redis_port")
  "${client_pin[@]}" java -jar shell/target/syncdict.jar "${target[@]}" --json "$@"
}

describe_machine() {
  echo "commit: $(git rev-parse --short HEAD 2> /dev/null || echo unknown); $(java -version 2>&1 | head -n 1); $(redis-server --version | cut -d' ' -f1-3)"
  echo "machine: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); $pinning"
  echo "load: $(uptime | sed 's/.*load average/load average/')"
}
