# Shared by the benchmark scripts: the installation, a bare Jetty to compare with, percentiles.
INSTALL="$HERE/../target/aspnet"
M2="${M2_REPO:-$HOME/.m2/repository}"

require_tools() {
  [ -x "$INSTALL/bin/aspnet" ] || { echo "build first: mvn -DskipTests package"; exit 1; }
  command -v wrk >/dev/null || { echo "wrk missing: apt-get install -y wrk"; exit 1; }
}

# Starts a bare embedded Jetty (the version inside Felix HTTP) answering BODY on PORT, with the
# response headers listed in HEADERS (a file of "Name: value" lines, optional); its PID in PIDFILE.
start_bare_jetty() {
  local port=$1 body=$2 pidfile=$3 headers=${4:-}
  local version
  version=$(unzip -p "$INSTALL"/bundle/org.apache.felix.http.jetty12-*.jar META-INF/MANIFEST.MF | tr -d '\r\n ' \
    | grep -o 'org.eclipse.jetty.server;version="[0-9.]*"' | head -1 | grep -o '[0-9][0-9.]*')
  JETTY_VERSION=${version:-12.0.23}
  local cp=""
  for a in jetty-server jetty-http jetty-io jetty-util; do
    local jar="$M2/org/eclipse/jetty/$a/$JETTY_VERSION/$a-$JETTY_VERSION.jar"
    [ -f "$jar" ] || mvn -q dependency:get -Dartifact=org.eclipse.jetty:$a:$JETTY_VERSION -Dtransitive=false
    cp="$cp$jar:"
  done
  cp="$cp$(ls "$INSTALL"/bundle/slf4j-api-*.jar)"
  java -Xms64m -Xmx512m -XX:+UseSerialGC -Xss512k -cp "$cp" "$HERE/BareJetty.java" "$port" "$body" $headers > /dev/null 2>&1 &
  echo $! > "$pidfile"
  until curl -sf -o /dev/null "http://localhost:$port/"; do sleep 0.05; done
}

# Load before each measured wrk run, until the throughput is steady: 10 s wrk runs until two in a
# row differ by less than 3 %, for at least WARMUP seconds (30) and at most WARMUP_MAX (180). The
# platform has far more code for the JIT compilers than the bare Jetty it is compared with: its req/s
# still climbs after 30 s of load (8k -> 20k -> 29k req/s over 40 s on /api/v1/health, and 29k -> 35k
# after another 10 s). Both sides get the same rule. Arguments: wrk's, after -d (script, URL).
WARMUP="${WARMUP:-30}"
WARMUP_MAX="${WARMUP_MAX:-180}"
warm_up() {
  local previous=0 now elapsed=0 trail=""
  while :; do
    now=$(wrk -t2 -c32 -d10s "$@" | rps)
    elapsed=$((elapsed + 10))
    trail="$trail ${now%.*}"
    if [ "$elapsed" -ge "$WARMUP" ] && awk -v a="$previous" -v b="$now" 'BEGIN { if (a <= 0) exit 1; d = (b - a) / a; exit !(d < 0.03 && d > -0.03) }'; then
      break
    fi
    [ "$elapsed" -ge "$WARMUP_MAX" ] && break
    previous=$now
  done
  echo "   warm-up, req/s of each 10 s:$trail" >&2
}

# CPU time (user + system, in clock ticks) that process PID has used so far. Over a wrk run,
# divided by its requests, it is what one request costs the platform: steadier than req/s and
# p99 on a shared host, where those move by 20 % between identical runs.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# Microseconds of CPU per request, from the ticks before and after a wrk run (its report on stdin).
cpu_per_request() { awk -v t=$(($2 - $1)) -v hz="$(getconf CLK_TCK)" '/requests in/ {n = $1} END {printf "%.0f", t * 1e6 / hz / n}'; }

# Requests/sec from a wrk report on stdin.
rps() { awk '/Requests\/sec/ {print $2}'; }
# The 99th percentile from a wrk --latency report on stdin.
p99() { awk '$1 == "99%" {print $2}'; }
# A wrk latency ("850.00us", "21.3ms", "1.02s") in milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'; }

# The response headers of URL that the bare Jetty should send too, into FILE: all but the status
# line and what Jetty writes itself (Date, Content-Length, Content-Type), so that both answer
# with the same bytes.
response_headers() {
  curl -s -D - -o /dev/null "$1" | tr -d '\r' | grep -v -i -E '^(HTTP/|date:|content-length:|content-type:|$)' > "$2"
}
