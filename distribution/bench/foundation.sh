#!/usr/bin/env bash
# Foundation benchmark (issue 2): first-ever start, restart-to-first-200 (median of 5), idle RSS,
# and req/s of GET /api/v1/health next to a bare embedded Jetty 12 serving the same bytes.
# Needs: the assembled installation (mvn -DskipTests package), curl, wrk (apt-get install wrk).
# Usage: distribution/bench/foundation.sh [seconds-per-wrk-run]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
DURATION="${1:-10}"
PORT=18480
BARE_PORT=18481
WORK="$(mktemp -d)"
export ASPNET_PORT=$PORT ASPNET_DATA_DIR="$WORK/data"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
if curl -s -o /dev/null "http://localhost:$PORT/"; then echo "port $PORT is taken: stop what runs there"; exit 1; fi
require_tools

now_ms() { date +%s%3N; }

# Starts the platform, prints ms from launch to the first 200 on /api/v1/health; PID in $WORK/pid.
start_and_time() {
  local t0; t0=$(now_ms)
  "$INSTALL/bin/aspnet" > "$WORK/run.log" 2>&1 &
  echo $! > "$WORK/pid"
  until curl -sf -o /dev/null "http://localhost:$PORT/api/v1/health"; do sleep 0.01; done
  echo $(( $(now_ms) - t0 ))
}
stop_platform() {
  local pid; pid=$(cat "$WORK/pid")
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== first-ever start (empty data dir: bundle cache made, the database copied from lib/empty-database), 3 runs"
firsts=()
for i in 1 2 3; do
  rm -rf "$ASPNET_DATA_DIR"
  firsts+=("$(start_and_time)"); stop_platform
done
printf '%s\n' "${firsts[@]}" | tr '\n' ' '; echo
FIRST=$(printf '%s\n' "${firsts[@]}" | median)

echo "== restart (cache and database kept), 5 runs"
restarts=()
for i in 1 2 3 4 5; do
  restarts+=("$(start_and_time)"); stop_platform
done
printf '%s\n' "${restarts[@]}" | tr '\n' ' '; echo
RESTART=$(printf '%s\n' "${restarts[@]}" | median)

echo "== idle RSS (10 s after start)"
start_and_time > /dev/null
sleep 10
RSS_KB=$(awk '/VmRSS/ {print $2}' "/proc/$(cat "$WORK/pid")/status")

echo "== throughput: GET /api/v1/health, wrk -t2 -c32 -d${DURATION}s (after a warm-up run)"
BODY=$(curl -s "http://localhost:$PORT/api/v1/health")
response_headers "http://localhost:$PORT/api/v1/health" "$WORK/headers"
warm_up "http://localhost:$PORT/api/v1/health"
PLATFORM_RPS=$(wrk -t2 -c32 -d"${DURATION}s" "http://localhost:$PORT/api/v1/health" | rps)
stop_platform

start_bare_jetty $BARE_PORT "$BODY" "$WORK/bare.pid" "$WORK/headers"
warm_up "http://localhost:$BARE_PORT/"
BARE_RPS=$(wrk -t2 -c32 -d"${DURATION}s" "http://localhost:$BARE_PORT/" | rps)
kill "$(cat "$WORK/bare.pid")"

echo
echo "== results (targets on a 2-core machine in brackets)"
echo "first-ever start to first 200: ${FIRST} ms median (<= 2000)"
echo "restart to first 200:          ${RESTART} ms median (<= 1000)"
echo "idle RSS:                      $((RSS_KB / 1024)) MB (<= 150)"
echo "health req/s:                  ${PLATFORM_RPS}"
echo "bare Jetty ${JETTY_VERSION} req/s:      ${BARE_RPS}"
echo "ratio:                         $(awk -v a="$PLATFORM_RPS" -v b="$BARE_RPS" 'BEGIN {printf "%.2f", a/b}') (>= 0.85)"
