#!/usr/bin/env bash
# TLS's cost against plain TCP (issue 10), same run, with Redis's own TLS beside it as the
# reference. Not a test: prints Markdown tables for docs/BENCHMARKS.md.
#
# Installs syncdict the way a user does (a clone of this checkout's HEAD, ./install.sh into a
# temporary prefix, start-up archives included; install.sh cleans the tree it builds in, hence the
# clone), makes a CA and a certificate for localhost with openssl (as the shell's TlsTest does),
# and starts two in-memory daemons from the installation: one plain, one with --tls-cert/--tls-key
# (RSA 2048); and one redis-server serving both a plain port and a TLS port with the same
# certificate. Then, interleaved so that the machine's load hits every contender alike:
#   1. one-shot `get x`: `syncdict get x` plain against `syncdict --tls --cacert CA get x`, and
#      redis-cli plain against `redis-cli --tls --cacert CA`;
#   2. 20,000 `incr n` read from standard input by one process: `syncdict --keep-going` (sent ahead
#      of their replies) and `syncdict` (one at a time), each plain and over TLS; redis-cli plain
#      and over TLS.
# Every contender's requests are checked: each daemon's counter must hold every incr sent to it.
#
#   bench/tls-cost.sh [ROUNDS]                 (default 21 one-shot rounds; ROUNDS/4, at least 3, of 20,000 incr)
#   SYNCDICT_PREFIX=DIR bench/tls-cost.sh      (use the installation in DIR instead of installing)
#   INCRS=2000 bench/tls-cost.sh 3             (a quick trial)
#
# Needs git, openssl, redis-server and redis-cli (built with TLS, as Debian's are).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
rounds=${1:-21}
long_rounds=$(( rounds / 4 > 3 ? rounds / 4 : 3 ))
incrs=${INCRS:-20000}

work=$(mktemp -d)
export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" XDG_DATA_HOME="$work/data" XDG_RUNTIME_DIR="$work/run"
unset SYNCDICT_ADDR SYNCDICT_DAEMON SYNCDICT_JAVA
export SYNCDICT_TOKEN="tls-cost-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
plain_port=$(free_port) tls_port=$(free_port) redis_port=$(free_port) redis_tls_port=$(free_port)
pids=()
cleanup() {
  if [ ${#pids[@]} -gt 0 ]; then kill "${pids[@]}" 2> /dev/null; wait "${pids[@]}" 2> /dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

prefix=${SYNCDICT_PREFIX:-}
if [ -z "$prefix" ]; then
  echo "tls-cost.sh: installing $(git rev-parse --short HEAD) into $work/prefix" >&2
  git clone -q . "$work/src"
  (cd "$work/src" && ./install.sh --prefix "$work/prefix") > "$work/install.log" 2>&1 || { cat "$work/install.log" >&2; exit 1; }
  prefix="$work/prefix"
fi
sd="$prefix/bin/syncdict"

mkdir "$work/tls"
(
  cd "$work/tls"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=bench-ca
  openssl req -newkey rsa:2048 -nodes -keyout localhost.key -out localhost.csr -subj /CN=localhost
  echo "subjectAltName=DNS:localhost" > localhost.ext
  openssl x509 -req -in localhost.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out localhost.pem -days 2 -extfile localhost.ext
) > "$work/openssl.log" 2>&1 || { cat "$work/openssl.log" >&2; exit 1; }
ca="$work/tls/ca.pem"

"$prefix/bin/syncdictd" --in-memory --port "$plain_port" > "$work/plain.out" 2>&1 &
pids+=($!)
"$prefix/bin/syncdictd" --in-memory --port "$tls_port" --tls-cert "$work/tls/localhost.pem" --tls-key "$work/tls/localhost.key" \
  > "$work/tls.out" 2>&1 &
pids+=($!)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --tls-port "$redis_tls_port" \
  --tls-cert-file "$work/tls/localhost.pem" --tls-key-file "$work/tls/localhost.key" --tls-ca-cert-file "$ca" \
  --tls-auth-clients no > "$work/redis.log" 2>&1 &
pids+=($!)

# The four ways in, each a command that takes the rest of its arguments.
sd_plain() { "$sd" --no-autostart --connect "127.0.0.1:$plain_port" "$@"; }
sd_tls() { "$sd" --no-autostart --tls --cacert "$ca" --connect "localhost:$tls_port" "$@"; }
redis_plain() { redis-cli -p "$redis_port" "$@"; }
redis_tls() { redis-cli --tls --cacert "$ca" -h localhost -p "$redis_tls_port" "$@"; }
for _ in $(seq 150); do
  sd_plain ping > /dev/null 2>&1 && sd_tls ping > /dev/null 2>&1 && redis_plain ping > /dev/null 2>&1 \
    && redis_tls ping > /dev/null 2>&1 && break
  sleep 0.2
done
for way in sd_plain sd_tls redis_plain redis_tls; do
  [ "$("$way" set x 42)" = OK ] || "$way" get x > /dev/null \
    || { echo "tls-cost.sh: $way does not answer:" >&2; cat "$work"/*.out "$work/redis.log" >&2; exit 1; }
done

# ms COMMAND...: wall-clock milliseconds of one run, output discarded; a failure stops the benchmark.
ms() {
  local s e
  s=$(date +%s%N)
  "$@" > /dev/null 2> "$work/err" < /dev/null || { echo "tls-cost.sh: $* failed:" >&2; cat "$work/err" >&2; exit 1; }
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
. bench/interleave.sh

run_get_plain() { sd_plain get x; }
run_get_tls() { sd_tls get x; }
run_redis_get_plain() { redis_plain get x; }
run_redis_get_tls() { redis_tls get x; }

seq "$incrs" | sed 's/.*/incr n/' > "$work/incr"
run_keep_going_plain() { sd_plain --keep-going < "$work/incr"; }
run_keep_going_tls() { sd_tls --keep-going < "$work/incr"; }
run_one_at_a_time_plain() { sd_plain < "$work/incr"; }
run_one_at_a_time_tls() { sd_tls < "$work/incr"; }
run_redis_script_plain() { redis_plain < "$work/incr"; }
run_redis_script_tls() { redis_tls < "$work/incr"; }

echo "tls-cost.sh: load at start: $(uptime)" >&2
echo "tls-cost.sh: one-shot get x, $rounds interleaved rounds" >&2
interleave "$rounds" 3 get_plain get_tls redis_get_plain redis_get_tls > "$work/oneshot"
echo "tls-cost.sh: $incrs incr from standard input, $long_rounds interleaved rounds" >&2
interleave "$long_rounds" 1 keep_going_plain keep_going_tls one_at_a_time_plain one_at_a_time_tls \
  redis_script_plain redis_script_tls > "$work/script"
echo "tls-cost.sh: load at end: $(uptime)" >&2

# Every incr arrived: each daemon ran 2 scripts per round (warm-up included); Redis's one counter
# got both of its scripts per round.
want=$(( 2 * (long_rounds + 1) * incrs ))
for way in sd_plain sd_tls redis_plain; do
  got=$("$way" get n)
  [ "$got" = "$want" ] || { echo "tls-cost.sh: $way's counter is $got, expected $want" >&2; exit 1; }
done

get() { awk -v l="$2" '$1==l {print $2}' "$work/$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
row() {  # FILE WHAT PLAIN_LABEL TLS_LABEL
  local p t
  p=$(get "$1" "$3") t=$(get "$1" "$4")
  echo "| $2 | $p ms | $t ms | $(ratio "$t" "$p") |"
}
echo
echo "Run on $(date -u +%F) with $(java -version 2>&1 | head -1), $("$prefix/bin/syncdictd" --version | head -1), $(redis-server --version | cut -d' ' -f1-3); medians."
echo
echo "| one-shot \`get x\` ($rounds rounds) | plain | TLS | TLS / plain |"
echo "|---|---|---|---|"
row oneshot "\`syncdict get x\`" get_plain get_tls
row oneshot "\`redis-cli get x\`" redis_get_plain redis_get_tls
echo
echo "| $incrs \`incr\` from standard input ($long_rounds rounds) | plain | TLS | TLS / plain |"
echo "|---|---|---|---|"
row script "\`syncdict --keep-going\` (pipelined)" keep_going_plain keep_going_tls
row script "\`syncdict\` (one at a time)" one_at_a_time_plain one_at_a_time_tls
row script "\`redis-cli\`" redis_script_plain redis_script_tls
echo
echo "Every incr was applied: each counter holds $want."
