# Shared by the bench scripts (sourced from the repository's root, not run): medians, free ports,
# and waits that end. A wait that cannot end hangs a benchmark for ever when a server fails to start.

# median: the median of the numbers on standard input, one a line; nothing for none.
median() { sort -g | awk '{v[NR]=$1} END {if (NR) print v[int((NR+1)/2)]}'; }

# free_port: a loopback port nothing listens on now, for a server that cannot bind port 0 and say
# which port it got (redis-server). Another process may take it first: the server then fails to
# start, and the await on it says so.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# await SECONDS WHAT COMMAND...: runs COMMAND (its standard output dropped) every 0.05 s until it
# succeeds; past SECONDS, says that WHAT did not happen and exits the script (whose EXIT trap stops
# what it started).
await() {
  local seconds=$1 what=$2 deadline
  shift 2
  deadline=$((SECONDS + seconds))
  until "$@" > /dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$what: not within ${seconds} s" >&2
      exit 1
    fi
    sleep 0.05
  done
}

# ready_port FILE: the port in the ready line syncdictd wrote to FILE ("... listening on HOST:PORT ..."),
# for a daemon started with --port 0; nothing while there is no such line.
ready_port() { sed -n 's/.*listening on [^ ]*:\([0-9][0-9]*\).*/\1/p' "$1" 2> /dev/null | head -n 1; }

# started PID FILE [LOG...]: whether the syncdictd PID wrote its ready line to FILE; a daemon that
# died fails the script at once, showing FILE and its LOGs (its standard error).
started() {
  kill -0 "$1" 2> /dev/null || { echo "syncdictd (pid $1) exited:" >&2; cat "${@:2}" >&2 2> /dev/null; exit 1; }
  [ -n "$(ready_port "$2")" ]
}

# redis_answers PORT: whether a redis-server answers on PORT.
redis_answers() { [ "$(redis-cli -p "$1" ping 2> /dev/null)" = PONG ]; }
