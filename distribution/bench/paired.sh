#!/usr/bin/env bash
# Two builds compared in pairs, on the same minutes of a host whose speed changes: A and B (each an
# installation folder with bin/aspnet, e.g. an older commit built in a git worktree with
# `mvn -q -DskipTests package` and its distribution/target/aspnet copied aside) restarted in turn on
# their own data: restart-to-first-200 and idle RSS per round; then GET /api/v1/health req/s per
# round (each started, 30 s of wrk to warm up, 10 s measured). Compare the differences, not the
# figures: they say what a change costs when the host swings by more than the change.
# Needs: curl, wrk. Usage: distribution/bench/paired.sh A B [restart-rounds] [health-rounds]
set -euo pipefail
A="$(cd "$1" && pwd)"; B="$(cd "$2" && pwd)"
ROUNDS="${3:-8}"; HEALTH_ROUNDS="${4:-3}"
PORT=18492
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
if curl -s -o /dev/null "http://localhost:$PORT/"; then echo "port $PORT is taken: stop what runs there"; exit 1; fi
command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
export ASPNET_PORT=$PORT ASPNET_ADMIN_PASSWORD="${ASPNET_ADMIN_PASSWORD:-admin-password-123}"
now_ms() { date +%s%3N; }

# start X: starts installation X on its own data; PID in $WORK/pid; prints ms to the first 200
start() {
  local dir=${!1} t0
  t0=$(now_ms)
  ASPNET_DATA_DIR="$WORK/data-$1" "$dir/bin/aspnet" > "$WORK/run-$1.log" 2>&1 &
  echo $! > "$WORK/pid"
  until curl -sf -o /dev/null "http://localhost:$PORT/api/v1/health"; do sleep 0.01; done
  echo $(( $(now_ms) - t0 ))
}
stop() {
  local pid; pid=$(cat "$WORK/pid")
  kill -TERM "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.05; done
}

for X in A B; do start $X > /dev/null; sleep 5; stop; done  # first starts: data and bundle cache made
echo "== restart to first 200 and idle RSS (8 s after), A and B in turn"
for r in $(seq 1 "$ROUNDS"); do
  line="round $r"
  for X in A B; do
    ms=$(start $X); sleep 8
    rss=$(( $(ps -o rss= -p "$(cat "$WORK/pid")" | tr -d ' ') / 1024 ))
    line="$line  $X ${ms} ms ${rss} MB"
    stop
  done
  echo "$line"
done
echo "== GET /api/v1/health, wrk -t2 -c32: 30 s warm-up, 10 s measured"
for r in $(seq 1 "$HEALTH_ROUNDS"); do
  line="round $r"
  for X in A B; do
    start $X > /dev/null; sleep 3
    wrk -t2 -c32 -d30s "http://localhost:$PORT/api/v1/health" > /dev/null
    rps=$(wrk -t2 -c32 -d10s "http://localhost:$PORT/api/v1/health" | awk '/Requests\/sec/ {print $2}')
    line="$line  $X ${rps} req/s"
    stop
  done
  echo "$line"
done
