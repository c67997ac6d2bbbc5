#!/usr/bin/env bash
# Makes the distribution's AOT cache (cache/app-KEY.aot next to lib/, see bin/dyad-gateway): a short training run
# of the assembled gateway on a scratch data folder (start, a few requests, stop; the JVM writes the cache as it
# exits), then a second start that must map it. Run by the dist module's package phase.
# Usage: make-aot-cache.sh DIST_HOME JAVA_HOME [SKIP]   (SKIP=true: make none; the dist module empties the folder
# before each build, so no earlier build's cache is left either)
#
# The cache only makes starts faster: a distribution without one works, and makes its class archive in
# DATA_DIR/cache at its first exit instead. So when the cache cannot be made (a JDK before 25, no loopback port, a
# run that fails) this says why as a build warning, leaves no cache behind, and the build goes on; the dist
# module's tests check that a JDK 25 build ships a cache that is used.
set -uo pipefail

HOME_DIR=$1
export JAVA_HOME=$2
LOG_PREFIX="[dist] AOT cache:"

if [ "${3:-false}" = true ]; then
  echo "$LOG_PREFIX none: skipped (dist.aotCache.skip)."
  exit 0
fi
# shellcheck source=../../../scripts/find-java.sh
source "$HOME_DIR/bin/find-java.sh"
major=$(dyad_java_major "$JAVA_HOME/bin/java")
if [ "${major%%.*}" -lt 25 ] 2>/dev/null || [ -z "$major" ]; then
  echo "$LOG_PREFIX none: JDK ${major:-?} has no AOT cache (25 or newer has); the gateway makes a class archive at its first exit instead."
  exit 0
fi

WORK=$(mktemp -d)
GATEWAY_PID=
cleanup() {
  [ -n "$GATEWAY_PID" ] && kill -KILL "$GATEWAY_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

give_up() {
  echo "[WARNING] $LOG_PREFIX none in this build: $1. The gateway makes a class archive at its first exit instead."
  [ -f "$WORK/console.log" ] && tail -n 20 "$WORK/console.log" | cut -c1-300 | sed 's/^/[WARNING]   | /'
  rm -rf "$HOME_DIR/cache"
  exit 0
}

# Starts the gateway on a scratch data folder and an ephemeral port, in a clean environment: no settings of the
# build's (a MONGODB_URL, JAVA_OPTS, an agent) and no .env file. Sets PORT and ADMIN_KEY once it serves. The
# time limits only guard against a hang: a first start without a cache on a busy build machine takes long.
start_gateway() {
  RUN=$1
  shift
  local extra=("$@") waited=0
  rm -rf "$WORK/data" "$WORK/plugins" && mkdir -p "$WORK/plugins" && cp "$HOME_DIR"/plugins/*.jar "$WORK/plugins/"
  (cd "$WORK" && exec env -i PATH="$PATH" HOME="$WORK" JAVA_HOME="$JAVA_HOME" \
    DATA_DIR="$WORK/data" PLUGINS_DIR="$WORK/plugins" HOST=127.0.0.1 PORT=0 LOG_LEVEL=info \
    "${extra[@]}" "$HOME_DIR/bin/dyad-gateway" serve >"$WORK/console.log" 2>&1) &
  GATEWAY_PID=$!
  until PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\).*|\1|p' "$WORK/console.log" 2>/dev/null) \
    && [ -n "$PORT" ]; do
    kill -0 "$GATEWAY_PID" 2>/dev/null || give_up "the gateway's $RUN ended before it served"
    [ $((waited += 1)) -le 3600 ] || give_up "the gateway's $RUN did not serve within 180 s"
    sleep 0.05
  done
  ADMIN_KEY=$(grep -o 'sk-dyad-[A-Za-z0-9_-]*' "$WORK/console.log" | head -n 1)
}

# One HTTP/1.1 request over bash's /dev/tcp (no curl needed); prints the status code.
request() {
  local method=$1 path=$2 body=${3:-} status
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$method" "$path" "$ADMIN_KEY" "${#body}" "$body" >&3
  status=$(head -n 1 <&3 | cut -d' ' -f2)
  cat <&3 >/dev/null
  exec 3<&-
  echo "$status"
}

stop_gateway() {
  local waited=0
  kill -TERM "$GATEWAY_PID" 2>/dev/null
  while kill -0 "$GATEWAY_PID" 2>/dev/null; do
    [ $((waited += 1)) -le 6000 ] || give_up "the gateway's $RUN did not stop within 300 s"
    sleep 0.05
  done
  wait "$GATEWAY_PID"
  local status=$?
  GATEWAY_PID=
  return $status
}

# Training: the start itself, then the paths a first request takes (auth, JSON, the router, the admin API).
start_gateway "training run" DYAD_AOT_TRAINING=1
train() {
  local status
  status=$(request "$@")
  [ "$status" = 200 ] || give_up "the training request '$1 $2' answered ${status:-nothing}"
}
train GET /health
train GET /v1/models
train POST /v1/chat/completions '{"model":"echo","messages":[{"role":"user","content":"hello"}]}'
train POST /v1/chat/completions '{"model":"echo","stream":true,"messages":[{"role":"user","content":"hello"}]}'
train GET /admin/providers
train GET /health/detailed
stop_gateway || give_up "the gateway's training run exited with status $?"
cache=$(ls "$HOME_DIR"/cache/app-*.aot 2>/dev/null)
[ -n "$cache" ] || give_up "the training run wrote no cache"

# The check: a start that maps the cache (the JVM logs where each class came from) and serves.
start_gateway "check run" "JDK_JAVA_OPTIONS=-Xlog:class+load=info:file=$WORK/classes.log"
status=$(request GET /health)
stop_gateway || true
grep -q 'ai.dyad.gateway.host.Gateway source: shared objects file' "$WORK/classes.log" 2>/dev/null \
  || give_up "a start with it did not map it (see -Xlog:aot)"
[ "$status" = 200 ] || give_up "a start with it did not serve"
echo "$LOG_PREFIX $(basename "$cache") ($(($(wc -c <"$cache") / 1048576)) MB), made with $($JAVA_HOME/bin/java -version 2>&1 | head -n 1)"
