#!/usr/bin/env bash
# Membership benchmark (issue 3) on embedded Derby: bulk load of N generated schools (default
# 1,000,000); then, on the platform restarted on that data, directory search (country filter +
# free text) p99 at 32 connections, median of three runs, and GET one school by id next to a bare
# embedded Jetty serving the same bytes.
# Needs: mvn -DskipTests package, wrk, curl. Usage: distribution/bench/membership.sh [schools] [seconds]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"
N="${1:-1000000}"
DURATION="${2:-20}"
PORT=18490
BARE_PORT=18491
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
require_tools

echo "== bulk load of $N schools (ASPNET_GENERATE_SCHOOLS)"
ASPNET_PORT=$PORT ASPNET_DATA_DIR="$WORK/data" ASPNET_GENERATE_SCHOOLS=$N \
  "$INSTALL/bin/aspnet" > "$WORK/run.log" 2>&1 &
PID=$!
until grep -q "Generated .* schools\|Generating schools failed" "$WORK/run.log"; do sleep 1; done
LOAD_LINE=$(grep -o "Generated .*" "$WORK/run.log")
echo "$LOAD_LINE"
# The generator is a one-off set-up step: the directory is measured as an installation serves it,
# on a platform started afresh on the generated data, not inside the process that just loaded a
# million rows (its JIT has compiled Derby for bulk writes; docs/performance.md, session 11).
kill -TERM $PID; wait $PID || true
START=$(date +%s%N)
ASPNET_PORT=$PORT ASPNET_DATA_DIR="$WORK/data" "$INSTALL/bin/aspnet" > "$WORK/run2.log" 2>&1 &
PID=$!
until curl -sf -o /dev/null "http://localhost:$PORT/api/v1/health"; do
  kill -0 $PID 2>/dev/null || { echo "the platform did not restart:"; tail -50 "$WORK/run2.log"; exit 1; }
  sleep 0.05
done
RESTART_MS=$(( ($(date +%s%N) - START) / 1000000 ))
echo "== restarted on $N schools: first 200 on /api/v1/health after $RESTART_MS ms"

cat > "$WORK/search.lua" <<'LUA'
local countries = {"FR","DE","KE","BR","JP","IN","EG","MX","CA","NG","ES","IT"}
local words = {"curie","mandela","freire","tagore","hugo","mistral","bolivar","kahlo","humboldt","malala","avicenna","comenius"}
math.randomseed(42)
request = function()
  local c = countries[math.random(#countries)]
  local w = words[math.random(#words)]
  return wrk.format("GET", "/api/v1/schools?country=" .. c .. "&q=" .. w .. "&limit=20")
end
LUA
cat > "$WORK/byid.lua" <<LUA
math.randomseed(7)
request = function()
  return wrk.format("GET", "/api/v1/schools/" .. math.random($N))
end
LUA

echo "== directory search: country + free text, wrk -t2 -c32 -d${DURATION}s --latency, three runs"
warm_up -s "$WORK/search.lua" "http://localhost:$PORT"
# Three measured runs, the median p99 reported: on a shared host one run moves by 20 %.
SEARCH_RUNS=""
for run in 1 2 3; do
  CPU_BEFORE=$(cpu_ticks $PID)
  wrk -t2 -c32 -d"${DURATION}s" --latency -s "$WORK/search.lua" "http://localhost:$PORT" > "$WORK/search.txt"
  CPU=$(cpu_per_request "$CPU_BEFORE" "$(cpu_ticks $PID)" < "$WORK/search.txt")
  P99=$(p99 < "$WORK/search.txt"); RPS=$(rps < "$WORK/search.txt")
  echo "   run $run: p99 $P99 at $RPS req/s, $CPU us of JVM CPU per search"
  SEARCH_RUNS="$SEARCH_RUNS$(to_ms "$P99") $RPS $CPU"$'\n'
done
read -r SEARCH_P99 SEARCH_RPS SEARCH_CPU <<< "$(printf '%s' "$SEARCH_RUNS" | sort -n | sed -n 2p)"
SEARCH_P99="${SEARCH_P99}ms"

echo "== GET /api/v1/schools/{id}, random ids"
warm_up -s "$WORK/byid.lua" "http://localhost:$PORT"
CPU_BEFORE=$(cpu_ticks $PID)
wrk -t2 -c32 -d"${DURATION}s" --latency -s "$WORK/byid.lua" "http://localhost:$PORT" > "$WORK/byid.txt"
BYID_CPU=$(cpu_per_request "$CPU_BEFORE" "$(cpu_ticks $PID)" < "$WORK/byid.txt")
BYID_RPS=$(rps < "$WORK/byid.txt"); BYID_P99=$(p99 < "$WORK/byid.txt")
BODY=$(curl -s "http://localhost:$PORT/api/v1/schools/1")
response_headers "http://localhost:$PORT/api/v1/schools/1" "$WORK/headers"
kill -TERM $PID; wait $PID || true

start_bare_jetty $BARE_PORT "$BODY" "$WORK/bare.pid" "$WORK/headers"
# The same wrk script (random paths; the bare Jetty ignores them): the client costs the same.
warm_up -s "$WORK/byid.lua" "http://localhost:$BARE_PORT"
BARE_RPS=$(wrk -t2 -c32 -d"${DURATION}s" -s "$WORK/byid.lua" "http://localhost:$BARE_PORT" | rps)
kill "$(cat "$WORK/bare.pid")"

echo
echo "== results (targets in brackets)"
echo "bulk load:                 $LOAD_LINE (>= 20000 schools/s)"
echo "restart on the data:       $RESTART_MS ms to the first 200"
echo "search p99, median of 3:   $SEARCH_P99 at $SEARCH_RPS req/s (<= 20 ms), $SEARCH_CPU us of JVM CPU per search"
echo "GET by id:                 $BYID_RPS req/s, p99 $BYID_P99, $BYID_CPU us of JVM CPU per request"
echo "bare Jetty, same bytes:    $BARE_RPS req/s"
echo "ratio:                     $(awk -v a="$BYID_RPS" -v b="$BARE_RPS" 'BEGIN {printf "%.2f", a/b}') (>= 0.70)"
