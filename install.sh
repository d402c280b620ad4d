#!/usr/bin/env bash
# Builds syncdict and installs the `syncdict` shell and the `syncdictd` daemon for this user.
#
#   ./install.sh                       install into ~/.local (bin/, lib/syncdict/, share/)
#   ./install.sh --prefix DIR          install into DIR instead
#   ./install.sh --uninstall           remove what install.sh put there (with --prefix: from DIR)
#   ./install.sh --prerequisites-only  only make sure a JDK 17+ and Maven are present
#
# Running it again replaces the previous installation. --uninstall removes exactly the files and
# folders an installation created (listed in lib/syncdict/installed) and keeps your dictionary,
# token and log. Nothing is started: the shell starts a daemon by itself when it finds none.
set -euo pipefail

prefix="$HOME/.local"
action=install
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --uninstall) action=uninstall; shift ;;
    --prerequisites-only) action=prerequisites; shift ;;
    -h|--help) sed -n '2,11s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option '$1' (see: ./install.sh --help)" >&2; exit 2 ;;
  esac
done
case "$prefix" in
  /*) ;;
  *) prefix="$(pwd)/$prefix" ;;
esac
case "$prefix" in
  *"'"*) echo "install.sh: the prefix must not contain a single quote: $prefix" >&2; exit 2 ;;
esac
prefix="${prefix%/}"
bin="$prefix/bin"
lib="$prefix/lib/syncdict"
manifest="$lib/installed"

# The JVM flags, in one place for the launchers and the archives' training (which must match them).
# The shell runs short commands: C1 only starts it fastest; G1 (the default) beats the serial collector
# once the archive is there, since only G1 maps the archive's heap objects on JDK 17 (docs/BENCHMARKS.md).
shell_flags="-XX:TieredStopAtLevel=1"
# The daemon holds the dictionary for hours: the serial collector (what every figure in
# docs/BENCHMARKS.md ran on) and a small initial heap. Unpinned on two CPUs the JVM would pick G1,
# which kept 1.2 GiB resident after loading 1 million small keys against serial's 351 MiB; the
# default initial heap (1/64 of the machine's memory) is never given back.
daemon_flags="-XX:+UseSerialGC -Xms16m"

java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

# A JDK 17+ and Maven, from the system's packages when they are missing and we may install them.
ensure_prerequisites() {
  local missing=() why=()
  if ! command -v javac >/dev/null 2>&1; then
    missing+=(openjdk-17-jdk-headless); why+=("a JDK (no javac on PATH)")
  elif [ "$(java_major)" -lt 17 ]; then
    missing+=(openjdk-17-jdk-headless); why+=("a JDK 17 or newer (java on PATH is version $(java_major))")
  fi
  if ! command -v mvn >/dev/null 2>&1; then missing+=(maven); why+=("Maven (no mvn on PATH)"); fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    local IFS=';'
    echo "install.sh: syncdict needs ${why[*]}. On Debian or Ubuntu: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

# What this installation created, so that --uninstall removes that and nothing else:
# "f PATH" for a file or link, "d PATH" for a folder that did not exist before.
declare -A created=()
declare -a order=()
remember() {
  if [ -z "${created[$1]+x}" ]; then created[$1]=1; order+=("$1"); fi
}
# A previous installation's folders stay ours; its files are ours only if installed again.
declare -A previous_files=()
if [ -f "$manifest" ]; then
  while read -r kind path; do
    if [ "$kind" = d ]; then remember "d $path"; else previous_files[$path]=1; fi
  done < "$manifest"
fi

# mkdir -p that remembers each folder it creates, outermost first.
make_dir() {
  local dir="$1" missing=()
  while [ ! -d "$dir" ]; do missing=("$dir" "${missing[@]}"); dir="$(dirname "$dir")"; done
  for dir in "${missing[@]}"; do mkdir "$dir"; remember "d $dir"; done
}

# put SOURCE TARGET MODE: installs one file.
put() {
  make_dir "$(dirname "$2")"
  install -m "$3" "$1" "$2"
  remember "f $2"
}

# fill TEMPLATE TARGET MODE: installs a packaging/ template with this installation's paths filled in.
fill() {
  local text
  text="$(cat "$1")"
  text="${text//@LIB@/"$lib"}"
  text="${text//@BIN@/"$bin"}"
  text="${text//@JAVA@/"$java_bin"}"
  text="${text//@SHELL_FLAGS@/"$shell_flags"}"
  text="${text//@DAEMON_FLAGS@/"$daemon_flags"}"
  text="${text//@NAME@/"$name"}"
  text="${text//@FLAGS@/"$flags"}"
  text="${text//@USER_FLAGS@/"${user_flags:-}"}"
  make_dir "$(dirname "$2")"
  printf '%s\n' "$text" > "$2"
  chmod "$3" "$2"
  remember "f $2"
}

# A daemon still running from the files about to go would fail on its next class load: stop it first.
stop_daemon_running_from_lib() {
  local pid_file="${XDG_STATE_HOME:-$HOME/.local/state}/syncdict/syncdictd.pid" pid
  [ -r "$pid_file" ] || return 0
  pid="$(tr -dc 0-9 < "$pid_file")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 0
  if tr '\0' '\n' < "/proc/$pid/cmdline" | grep -qxF "$lib/syncdictd.jar"; then
    echo "install.sh: stopping syncdictd (pid $pid), which runs from $lib"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
    echo "install.sh: syncdictd (pid $pid) did not stop within 10 s" >&2
  fi
}

uninstall() {
  if [ ! -f "$manifest" ]; then
    echo "install.sh: nothing to uninstall in $prefix (no $manifest)"
    return 0
  fi
  stop_daemon_running_from_lib
  local kind path dirs=()
  while read -r kind path; do
    case "$kind" in
      f) rm -f "$path" ;;
      d) dirs=("$path" "${dirs[@]}") ;;
    esac
  done < "$manifest"
  # Everything under lib/syncdict is ours, the archives built since included.
  rm -rf "$lib"
  # Innermost first; a folder that now holds something else stays.
  for path in "${dirs[@]}"; do
    if [ -d "$path" ]; then rmdir "$path" 2>/dev/null || echo "install.sh: kept $path (not empty)"; fi
  done
  echo "install.sh: uninstalled syncdict from $prefix (your dictionary, token and log stay under the XDG folders)"
}

case "$action" in
  uninstall) uninstall; exit 0 ;;
  prerequisites) ensure_prerequisites; exit 0 ;;
esac

ensure_prerequisites
cd "$(dirname "$0")"
echo "install.sh: building (mvn clean package, tests skipped)"
mvn -B -q -DskipTests clean package
java_bin="$(readlink -f "$(command -v java)")"

# Build the new tree beside the old one, then swap, so a failed copy leaves the old install working.
make_dir "$(dirname "$lib")"
rm -rf "$lib.new"
mkdir -p "$lib.new/lib"
cp shell/target/syncdict.jar daemon/target/syncdictd.jar "$lib.new/"
# The two share some libraries (same versions, managed by the parent pom).
cp shell/target/lib/*.jar "$lib.new/lib/"
cp -f daemon/target/lib/*.jar "$lib.new/lib/"
if [ -d "$lib" ]; then
  stop_daemon_running_from_lib
  rm -rf "$lib.old"
  mv "$lib" "$lib.old"
else
  remember "d $lib"
fi
mv "$lib.new" "$lib"
rm -rf "$lib.old"

# The launchers live beside the jars (so the shell can start the daemon's launcher) and are linked into bin/.
name=syncdict flags="$shell_flags" fill packaging/launcher.in "$lib/syncdict" 755
# The daemon's launcher also takes flags from $SYNCDICTD_JAVA_OPTS at run time, after every flag of its
# own, the archive's included, so they win (the last wins; a second collector the JVM refuses).
name=syncdictd flags="$daemon_flags" user_flags="\${SYNCDICTD_JAVA_OPTS:-}" fill packaging/launcher.in "$lib/syncdictd" 755
name="" flags="" fill packaging/build-archives.in "$lib/build-archives" 755
make_dir "$bin"
for command in syncdict syncdictd; do
  ln -sfn "$lib/$command" "$bin/$command"
  remember "f $bin/$command"
done
echo "install.sh: installed $bin/syncdict and $bin/syncdictd (libraries in $lib)"

echo "install.sh: training the start-up archives for $java_bin (some seconds; longer on a busy machine)"
if ! "$lib/build-archives" "$java_bin" > "$lib/build-archives.log" 2>&1; then
  echo "install.sh: could not build the start-up archives; syncdict works, only starts slower. See $lib/build-archives.log" >&2
fi

for page in man/*.[0-9]; do
  put "$page" "$prefix/share/man/man${page##*.}/$(basename "$page")" 644
done
echo "install.sh: installed man pages in $prefix/share/man (try: man syncdict)"

put completion/syncdict.bash "$prefix/share/bash-completion/completions/syncdict" 644
put completion/_syncdict "$prefix/share/zsh/site-functions/_syncdict" 644
put completion/syncdict.fish "$prefix/share/fish/vendor_completions.d/syncdict.fish" 644
echo "install.sh: installed bash, zsh and fish completion under $prefix/share"

name="" flags="" fill packaging/syncdictd.service.in "$prefix/share/systemd/user/syncdictd.service" 644
echo "install.sh: installed the systemd user unit $prefix/share/systemd/user/syncdictd.service"

# Files the previous installation had and this one does not are removed, so the manifest stays exact.
for path in "${!previous_files[@]}"; do
  if [ -z "${created[f $path]+x}" ]; then rm -f "$path"; fi
done
printf '%s\n' "${order[@]}" > "$manifest"

case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "install.sh: $bin is not on your PATH; add it with: export PATH=\"$bin:\$PATH\" (man then finds the pages too)" ;;
esac
