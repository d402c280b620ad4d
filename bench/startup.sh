#!/usr/bin/env bash
# Start-up and script-rate benchmark (not a test): installs syncdict into a temporary prefix the
# way a user would (start-up archives included), then measures, in one run and interleaved so that
# the machine's load hits every contender alike:
#   1. one-shot `get x`: syncdict, syncdict without its archive, a hello-world class on the same JVM
#      flags (the floor), redis-cli, and a Python redis one-liner;
#   2. 20,000 `incr` read from standard input: syncdict, syncdict --keep-going, redis-cli;
#   3. 200 one-shot calls in a bash loop against the same 200 through one co-process;
#   4. daemon start, auto-start and daemon stop.
# Prints medians (and ratios) as Markdown for docs/BENCHMARKS.md.
#
#   bench/startup.sh [ROUNDS]     (default 21 rounds for one-shots, ROUNDS/4 for the longer runs)
#
# With SYNCDICT_BEFORE=DIR (an older installation's prefix, e.g. main's installed with
# ./install.sh --prefix DIR), its one-shot, scripts and daemon start and stop join the comparison as
# "before".
#
# Needs redis-server, redis-tools and python3-redis from Debian's packages; as root it installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-21}
long_rounds=$(( rounds / 4 > 3 ? rounds / 4 : 3 ))
python=/usr/bin/python3

if ! command -v redis-server >/dev/null || ! command -v redis-cli >/dev/null || ! "$python" -c 'import redis' 2>/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "startup.sh: needs redis-server, redis-tools and python3-redis: sudo apt-get install redis-server redis-tools python3-redis" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server redis-tools python3-redis >/dev/null
fi

work=$(mktemp -d)
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run"
unset SYNCDICT_TOKEN SYNCDICT_DAEMON SYNCDICT_JAVA
mkdir -p "$HOME"
free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
redis_port=$(free_port)
export SYNCDICT_ADDR="127.0.0.1:$port"
redis_pid=
cleanup() {
  "$work/prefix/bin/syncdict" --no-autostart daemon stop >/dev/null 2>&1 || true
  if [ -n "$redis_pid" ]; then kill "$redis_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "startup.sh: installing into $work/prefix" >&2
./install.sh --prefix "$work/prefix" >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; exit 1; }
sd="$work/prefix/bin/syncdict"
lib="$work/prefix/lib/syncdict"
java=$(sed -n "s/^installed_java='\(.*\)'$/\1/p" "$lib/syncdict")
shell_flags=$(sed -n "s/^shell_flags='\(.*\)'$/\1/p" "$lib/build-archives")
mkdir -p "$work/hello"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"

redis-server --port "$redis_port" --save '' --appendonly no >/dev/null 2>&1 &
redis_pid=$!
until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.05; done
"$sd" daemon start >/dev/null
"$sd" set x 42
redis-cli -p "$redis_port" set x 42 >/dev/null

# ms run_LABEL: wall-clock milliseconds of one run, output discarded. Its CPU time (user and system,
# all threads and child processes) goes to $work/cpu-LABEL: on a loaded machine the wall time is
# mostly waiting for a core, the CPU time is what the command itself costs.
ms() {
  local s e TIMEFORMAT='%3U %3S'
  s=$(date +%s%N)
  { time "$@" >/dev/null 2>&1 </dev/null || true; } 2>>"$work/cpu-${1#run_}"
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
# cpu LABEL WARM-UPS: the median CPU milliseconds of LABEL's runs after its warm-up rounds.
cpu() { tail -n +$(( $2 + 1 )) "$work/cpu-$1" | awk '{print int(($1 + $2) * 1000)}' | median; }
. bench/interleave.sh

before=${SYNCDICT_BEFORE:+$SYNCDICT_BEFORE/bin/syncdict}
run_syncdict() { "$sd" get x; }
run_before() { "$before" get x; }
run_no_archive() { "$java" $shell_flags -jar "$lib/syncdict.jar" get x; }
run_hello() { "$java" $shell_flags -cp "$work/hello" Hello; }
run_redis_cli() { redis-cli -p "$redis_port" get x; }
run_python_redis() { "$python" -c "import redis; print(redis.Redis(port=$redis_port).get('x'))"; }

echo "startup.sh: one-shot get x, $rounds interleaved rounds" >&2
interleave "$rounds" 3 syncdict ${before:+before} no_archive hello redis_cli python_redis > "$work/oneshot"
hello=$(awk '$1=="hello" {print $2}' "$work/oneshot")

seq 20000 | sed 's/.*/incr n/' > "$work/incr"
run_script_syncdict() { "$sd" < "$work/incr"; }
run_script_keep_going() { "$sd" --keep-going < "$work/incr"; }
run_script_redis_cli() { redis-cli -p "$redis_port" < "$work/incr"; }
run_script_before() { "$before" < "$work/incr"; }
run_script_before_keep_going() { "$before" --keep-going < "$work/incr"; }
echo "startup.sh: 20,000 incr from standard input, $long_rounds interleaved rounds" >&2
interleave "$long_rounds" 1 script_syncdict script_keep_going script_redis_cli ${before:+script_before script_before_keep_going} > "$work/script"
redis_script=$(awk '$1=="script_redis_cli" {print $2}' "$work/script")

run_loop_200() { for _ in $(seq 200); do "$sd" incr loop; done; }
run_coproc_200() {
  coproc SD { "$sd"; }
  for _ in $(seq 200); do echo "incr loop" >&"${SD[1]}"; read -r _ <&"${SD[0]}"; done
  exec {SD[1]}>&-
  wait "$SD_PID"
}
echo "startup.sh: 200 incr as one-shots and through a co-process, $long_rounds rounds" >&2
interleave "$long_rounds" 0 loop_200 coproc_200 > "$work/loop"

start_port=$(free_port)
run_daemon_start() { "$sd" --connect "127.0.0.1:$start_port" daemon start; }
run_daemon_stop() { "$sd" --connect "127.0.0.1:$start_port" daemon stop; }
run_autostart() { "$sd" --connect "127.0.0.1:$start_port" ping; }
run_stop_again() { "$sd" --connect "127.0.0.1:$start_port" daemon stop; }
run_before_start() { "$before" --connect "127.0.0.1:$start_port" daemon start; }
run_before_stop() { "$before" --connect "127.0.0.1:$start_port" daemon stop; }
echo "startup.sh: daemon start, stop and auto-start, $long_rounds rounds" >&2
interleave "$long_rounds" 1 daemon_start daemon_stop autostart stop_again ${before:+before_start before_stop} > "$work/daemon"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
row() { # FILE LABEL TEXT [REFERENCE]: a table row with the median and its ratio to REFERENCE
  local value; value=$(awk -v l="$2" '$1==l {print $2}' "$1")
  if [ -n "${4:-}" ]; then
    echo "| $3 | $value ms | $(ratio "$value" "$4") |"
  else
    echo "| $3 | $value ms | |"
  fi
}
hello_cpu=$(cpu hello 3)
cpu_row() { # LABEL TEXT: a one-shot row with the median wall time and CPU time, each against the floor's
  local value used; value=$(awk -v l="$1" '$1==l {print $2}' "$work/oneshot"); used=$(cpu "$1" 3)
  echo "| $2 | $value ms | $(ratio "$value" "$hello") | $used ms | $(ratio "$used" "$hello_cpu") |"
}
cat <<EOF
Run on $(date -u +%Y-%m-%d) with $("$java" -version 2>&1 | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg); medians.

| one-shot \`get x\` ($rounds rounds) | median | / hello floor | CPU (user + system) | / hello's CPU |
|---|---|---|---|---|
$(cpu_row syncdict "\`syncdict get x\` (installed launcher, with its archive)")
${before:+$(cpu_row before "before: \`syncdict get x\` as main installs it")}
$(cpu_row no_archive "\`java $shell_flags -jar syncdict.jar get x\` (no archive)")
$(cpu_row hello "hello world, \`java $shell_flags\` (the floor)")
$(cpu_row redis_cli "\`redis-cli get x\`")
$(cpu_row python_redis "Python: \`redis.Redis().get('x')\`")

| 20,000 \`incr\` read from standard input ($long_rounds rounds) | median | / redis-cli |
|---|---|---|
$(row "$work/script" script_syncdict "\`syncdict < incr.txt\`" "$redis_script")
$(row "$work/script" script_keep_going "\`syncdict --keep-going < incr.txt\` (pipelined)" "$redis_script")
$(row "$work/script" script_redis_cli "\`redis-cli < incr.txt\`" "$redis_script")
${before:+$(row "$work/script" script_before "before: \`syncdict < incr.txt\`" "$redis_script")}
${before:+$(row "$work/script" script_before_keep_going "before: \`syncdict --keep-going < incr.txt\`" "$redis_script")}

| 200 \`incr\` from a bash script ($long_rounds rounds) | median | |
|---|---|---|
$(row "$work/loop" loop_200 "200 one-shot \`syncdict incr loop\` in a loop")
$(row "$work/loop" coproc_200 "the same 200 through one \`coproc syncdict\`")

| daemon lifecycle ($long_rounds rounds) | median | |
|---|---|---|
$(row "$work/daemon" daemon_start "\`syncdict daemon start\`")
$(row "$work/daemon" daemon_stop "\`syncdict daemon stop\`")
$(row "$work/daemon" autostart "\`syncdict ping\` with no daemon running (auto-start)")
${before:+$(row "$work/daemon" before_start "before: \`syncdict daemon start\` (main)")}
${before:+$(row "$work/daemon" before_stop "before: \`syncdict daemon stop\` (main)")}
EOF
