#!/usr/bin/env bash
# Export and import benchmark (issue 7) on embedded Derby, platform started with -Xmx256m:
#   CSV export of all N schools (target: 1,000,000 in <= 8 s), XLSX export (<= 30 s),
#   import of 100,000 new schools from CSV (<= 20 s; dry run and real run timed apart).
# Needs: mvn -DskipTests package, curl, python3 (to read JSON). Public tools only.
# Usage: distribution/bench/export.sh [schools] [import rows]
#   ASPNET_BENCH_DATA=/some/dir keeps the generated database there and reuses it next time
#   (loading 1,000,000 schools takes about ten minutes).
#   ASPNET_BENCH_EXPORTS=false skips the two exports, ASPNET_BENCH_IMPORT=false the import.
#   ASPNET_BENCH_POSTGRES=<JDBC URL with user and password> runs on that PostgreSQL database instead
#   of embedded Derby (its driver from the local Maven repository; the schools are generated when
#   its directory is empty).
#   ASPNET_BENCH_EXTRA_OPTS adds JVM options, e.g. a profiler's -agentpath (with ASPNET_CDS=false).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
INSTALL="$HERE/../target/aspnet"
N="${1:-1000000}"
IMPORT_ROWS="${2:-100000}"
PORT="${ASPNET_BENCH_PORT:-18492}"
WORK="$(mktemp -d)"
DATA="${ASPNET_BENCH_DATA:-$WORK/data}"
PASSWORD="bench-admin-password"
JAVA_OPTS="-Xms64m -Xmx256m -XX:+UseSerialGC -Xss512k ${ASPNET_BENCH_EXTRA_OPTS:-}"
PID=""
cleanup() { [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
[ -x "$INSTALL/bin/aspnet" ] || { echo "build first: mvn -DskipTests package"; exit 1; }
# A private copy: rebuilding the repo while this runs must not change the running jars.
cp -r "$INSTALL" "$WORK/aspnet"
# Derby's page cache: by default the persistence bundle sizes it from the heap (a fifth of it, in
# 32 KB pages: 1,638 pages at -Xmx256m). ASPNET_BENCH_PAGE_CACHE=<pages> sets it instead.
PAGES="${ASPNET_BENCH_PAGE_CACHE:-0}"
sed -i "s/^derbyPageCacheSize=.*/derbyPageCacheSize=$PAGES/" "$WORK/aspnet/config/org.unesco.aspnet.persistence.cfg"
PG_URL="${ASPNET_BENCH_POSTGRES:-}"
if [ -n "$PG_URL" ]; then
  DRIVER=$(ls "${M2_REPO:-$HOME/.m2/repository}"/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
  cp "$DRIVER" "$WORK/aspnet/plugins/postgresql.jar"
  sed -i "s|^url=.*|url=${PG_URL//&/\\&}\ndriver.target=(osgi.jdbc.driver.class=org.postgresql.Driver)\ndriver.cardinality.minimum=1|" \
    "$WORK/aspnet/config/org.unesco.aspnet.persistence.cfg"
fi
BASE="http://localhost:$PORT"

start() { # extra environment as arguments
  env ASPNET_PORT=$PORT ASPNET_DATA_DIR="$DATA" ASPNET_ADMIN_PASSWORD=$PASSWORD ASPNET_JAVA_OPTS="$JAVA_OPTS" "$@" \
    "$WORK/aspnet/bin/aspnet" > "$WORK/run.log" 2>&1 &
  PID=$!
  until curl -sf -o /dev/null "$BASE/api/v1/health"; do sleep 0.5; done
}
stop() { kill -TERM "$PID"; wait "$PID" || true; PID=""; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {}, {'d': d}))" "$1"; }

if [ -n "$PG_URL" ] || [ ! -d "$DATA/derby" ]; then
  echo "== loading $N schools (ASPNET_GENERATE_SCHOOLS)"
  start ASPNET_GENERATE_SCHOOLS=$N
  until grep -q "Generated .* schools\|Generating schools failed\|directory is not empty" "$WORK/run.log"; do sleep 2; done
  grep -o "Generated .*\|directory is not empty" "$WORK/run.log"
  stop
fi

echo "== platform with $JAVA_OPTS, ${PG_URL:+PostgreSQL, }Derby page cache $PAGES pages (0: sized from the heap)"
start
TOKEN=$(curl -s -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@aspnet.local\",\"password\":\"$PASSWORD\"}" | json 'd["token"]')
AUTH="Authorization: Bearer $TOKEN"

CSV="0 0"; CSV_ROWS=0; XLSX="0 0"
if [ "${ASPNET_BENCH_EXPORTS:-true}" = "true" ]; then
echo "== CSV export of every school"
curl -s -o /dev/null -H "$AUTH" "$BASE/api/v1/exports/schools.csv?country=FR"   # warm-up
CSV=$(curl -s -H "$AUTH" -o "$WORK/schools.csv" -w '%{time_total} %{size_download}' "$BASE/api/v1/exports/schools.csv")
CSV_ROWS=$(($(wc -l < "$WORK/schools.csv") - 1))
echo "$CSV_ROWS rows, $CSV (s, bytes)"
rm -f "$WORK/schools.csv"

echo "== XLSX export of every school"
XLSX=$(curl -s -H "$AUTH" -o /dev/null -w '%{time_total} %{size_download}' "$BASE/api/v1/exports/schools.xlsx")
echo "$XLSX (s, bytes)"
fi

echo "== import of $IMPORT_ROWS new schools from CSV"
awk -v n="$IMPORT_ROWS" -v run="$(date +%s)" 'BEGIN {
  print "name,country,city,address,latitude,longitude,levels,themes,languages,students,teachers,email,website,nationalId"
  # countries without a national profile in plugins/ (France and Germany require their own fields)
  split("ES IT KE BR JP IN EG MX CA NG", c, " ")
  for (i = 1; i <= n; i++) {
    printf "Bench import school %s-%d,%s,Bench City %d,%d Import Street,%.4f,%.4f,SECONDARY,ESD;PEACE_GCED,en,%d,%d,office@bench%d.example.org,https://bench%d.example.org,BENCH-%s-%d\n", run,
      i, c[(i % 10) + 1], i % 997, i, -40 + (i % 80), -120 + (i % 240), 100 + i % 900, 5 + i % 60, i, i, run, i
  }
}' > "$WORK/import.csv"
import_run() { # dryRun -> seconds until the job is done; prints the job's last state
  local t0 t1 body loc state
  t0=$(date +%s.%N)
  body=$(curl -s -D "$WORK/headers" -X POST -H "$AUTH" -H 'Content-Type: text/csv' --data-binary @"$WORK/import.csv" \
    "$BASE/api/v1/imports?dryRun=$1")
  loc=$(grep -i '^location:' "$WORK/headers" | tr -d '\r' | awk '{print $2}')
  state=$(echo "$body" | json 'd["state"]')
  while [ "$state" = "RUNNING" ] || [ "$state" = "QUEUED" ]; do
    sleep 0.2
    body=$(curl -s -H "$AUTH" "$BASE$loc")
    state=$(echo "$body" | json 'd["state"]')
  done
  t1=$(date +%s.%N)
  echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", b - a}') s, $(echo "$body" | json '(d["state"], d["report"]["valid"], d["report"]["invalid"], d["report"]["duplicates"], d["report"]["written"])')"
}
DRY="skipped"; REAL="skipped"
if [ "${ASPNET_BENCH_IMPORT:-true}" = "true" ]; then
DRY=$(import_run true)
echo "dry run: $DRY"
REAL=$(import_run false)
echo "real run: $REAL"
fi
RSS=$(ps -o rss= -p "$PID" | awk '{printf "%d", $1/1024}')
stop

echo
echo "== results (targets in brackets), -Xmx256m, $N schools"
echo "CSV export:    $CSV_ROWS rows in $(echo "$CSV" | awk '{printf "%.1f s, %d MB", $1, $2/1048576}') (<= 8 s at 1,000,000)"
echo "XLSX export:   $(echo "$XLSX" | awk '{printf "%.1f s, %d MB", $1, $2/1048576}') (<= 30 s)"
echo "import dry run of $IMPORT_ROWS rows: $DRY"
echo "import of $IMPORT_ROWS rows:         $REAL (<= 20 s)"
echo "RSS after the runs: $RSS MB"
