# shellcheck shell=bash
# Finds a JDK >= 21 and exports JAVA_HOME for it; sourced by the start, test and launcher scripts.
# Order: $JAVA_HOME, the java on PATH, then the usual JVM folders (newest first).

dyad_java_major() {
  # Prints the feature version of the given java binary (17, 21, 25, ...), or nothing. A JDK's release file names
  # it; reading that costs nothing, where asking the JVM starts one (0.1 s or more, on every start of the gateway).
  local release line
  release="$(dirname "$(dirname "$1")")/release"
  if [ -r "$release" ]; then
    while IFS= read -r line; do
      case $line in
        JAVA_VERSION=\"[0-9]*)
          line=${line#JAVA_VERSION=\"}
          echo "${line%%[!0-9]*}"
          return 0
          ;;
      esac
    done <"$release"
  fi
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

dyad_find_java() {
  local required=21 candidate major
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(readlink -f "$(command -v java)")")
  fi
  for dir in $(ls -d /usr/lib/jvm/*/ /usr/local/lib/jvm/*/ /opt/java/*/ /opt/jdk*/ 2>/dev/null | sort -rV); do
    candidates+=("${dir%/}/bin/java")
  done
  for candidate in "${candidates[@]}"; do
    [ -x "$candidate" ] || continue
    major=$(dyad_java_major "$candidate")
    major=${major%%.*}
    if [ -n "$major" ] && [ "$major" -ge "$required" ] 2>/dev/null; then
      JAVA_HOME=$(dirname "$(dirname "$candidate")")
      export JAVA_HOME
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "dyad-gateway: no JDK ${required} or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm)." >&2
  echo "dyad-gateway: install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) or set JAVA_HOME." >&2
  return 1
}
