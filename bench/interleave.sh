# Shared by startup.sh and tls-cost.sh (sourced, not run): interleaved rounds and their medians.
# The sourcing script defines $work (a scratch folder) and ms COMMAND... (prints how many
# milliseconds the command took), and a function run_LABEL for each label it measures.

. bench/lib.sh  # median

# interleave ROUNDS WARM-UPS LABEL...: runs each run_LABEL once per round, in turn, after the
# warm-up rounds, so that the machine's load hits every contender alike; prints "LABEL median" lines.
interleave() {
  local n=$1 warm=$2 label r t
  shift 2
  : > "$work/times"
  for r in $(seq $((n + warm))); do
    for label in "$@"; do
      t=$(ms "run_$label")
      if [ "$r" -gt "$warm" ]; then echo "$label $t" >> "$work/times"; fi
    done
  done
  for label in "$@"; do
    echo "$label $(awk -v l="$label" '$1==l {print $2}' "$work/times" | median)"
  done
  rm -f "$work/times"
}
