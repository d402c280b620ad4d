#!/usr/bin/env bash
# Builds syncdict and installs the `syncdict` shell and the `syncdictd` daemon for this user.
#
#   ./install.sh                       install into ~/.local (bin/, lib/syncdict/, share/)
#   ./install.sh --prefix DIR          install into DIR instead
#   ./install.sh --prerequisites-only  only make sure a JDK 17+ and Maven are present
#
# Running it again replaces the previous installation. Nothing is started: the shell starts a
# daemon by itself the first time it finds none.
set -euo pipefail

prefix="$HOME/.local"
prerequisites_only=false
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install.sh: --prefix needs a directory" >&2; exit 2; }; prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --prerequisites-only) prerequisites_only=true; shift ;;
    -h|--help) sed -n '2,10s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option '$1' (see: ./install.sh --help)" >&2; exit 2 ;;
  esac
done

java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

# A JDK 17+ and Maven, from the system's packages when they are missing and we may install them.
ensure_prerequisites() {
  local missing=()
  if ! command -v javac >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ]; then missing+=(openjdk-17-jdk-headless); fi
  if ! command -v mvn >/dev/null 2>&1; then missing+=(maven); fi
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "install.sh: syncdict needs ${missing[*]} (a JDK 17 or newer, and Maven); install them and run again" >&2
    exit 1
  fi
}

ensure_prerequisites
$prerequisites_only && exit 0

cd "$(dirname "$0")"
echo "install.sh: building (mvn clean package, tests skipped)"
mvn -B -q -DskipTests clean package

lib="$prefix/lib/syncdict"
bin="$prefix/bin"
man="$prefix/share/man"
java_bin="$(readlink -f "$(command -v java)")"

# Build the new tree beside the old one, then swap, so a failed copy leaves the old install working.
rm -rf "$lib.new"
mkdir -p "$lib.new/lib" "$bin"
cp shell/target/syncdict.jar daemon/target/syncdictd.jar "$lib.new/"
# The two share some libraries (same versions, managed by the parent pom).
cp shell/target/lib/*.jar "$lib.new/lib/"
cp -f daemon/target/lib/*.jar "$lib.new/lib/"
rm -rf "$lib.old"
if [ -d "$lib" ]; then mv "$lib" "$lib.old"; fi
mv "$lib.new" "$lib"
rm -rf "$lib.old"

# The shell runs short commands: C1 only and the serial collector start it fastest (docs/BENCHMARKS.md).
cat > "$bin/syncdict" <<LAUNCHER
#!/bin/sh
exec "\${SYNCDICT_JAVA:-$java_bin}" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$lib/syncdict.jar" "\$@"
LAUNCHER
cat > "$bin/syncdictd" <<LAUNCHER
#!/bin/sh
exec "\${SYNCDICT_JAVA:-$java_bin}" -jar "$lib/syncdictd.jar" "\$@"
LAUNCHER
chmod 755 "$bin/syncdict" "$bin/syncdictd"
echo "install.sh: installed $bin/syncdict and $bin/syncdictd (libraries in $lib)"

if ls man/*.[0-9] >/dev/null 2>&1; then
  for page in man/*.[0-9]; do
    section="${page##*.}"
    mkdir -p "$man/man$section"
    cp "$page" "$man/man$section/"
  done
  echo "install.sh: installed man pages in $man (try: man syncdict)"
fi

completions="$prefix/share/bash-completion/completions"
mkdir -p "$completions"
cp completion/syncdict.bash "$completions/syncdict"
fish_completions="$prefix/share/fish/vendor_completions.d"
mkdir -p "$fish_completions"
cp completion/syncdict.fish "$fish_completions/syncdict.fish"
zsh_completions="$prefix/share/zsh/site-functions"
mkdir -p "$zsh_completions"
cp completion/_syncdict "$zsh_completions/_syncdict"
echo "install.sh: installed bash, zsh and fish completion in $completions, $zsh_completions and $fish_completions"

case ":$PATH:" in
  *":$bin:"*) ;;
  *) echo "install.sh: $bin is not on your PATH; add it with: export PATH=\"$bin:\$PATH\"" ;;
esac
