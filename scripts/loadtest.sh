#!/usr/bin/env bash
# Load test (docs/performance.md): one machine as production runs it, all on loopback.
#
#   scripts/loadtest.sh            (as root on Debian: installs wrk, postgresql and redis-server if missing)
#
# A throwaway PostgreSQL (scripts/pg-throwaway.sh) and Redis; the demo plus 1,000 synthetic departments
# with a budget published for each of 2024–2026 (scripts/loadtest_data.py); gunicorn with 2 workers,
# DEBUG off, as behind nginx (X-Forwarded-Proto: https); then wrk, 50 connections for 60 s on each of:
# home, year overview, a department page, its PDF, and a static file the size of that page.
# Prints requests/s, p50/p95/p99 and errors as a Markdown table; everything is removed at the end.
# Takes about 10 minutes (publishing 3,000 budgets, then 5 × 60 s of load).
#
# LOADTEST_DEPARTMENTS, LOADTEST_DURATION (e.g. 60s), LOADTEST_CONNECTIONS change the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=$ROOT/.venv/bin/python
DURATION=${LOADTEST_DURATION:-60s}
CONNECTIONS=${LOADTEST_CONNECTIONS:-50}
WORKERS=2

if [ ! -x "$PYTHON" ]; then
    make install
fi
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v redis-server >/dev/null || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
        echo "Please install: ${missing[*]}" >&2
        exit 1
    fi
fi

WORK=$(mktemp -d /tmp/loadtest.XXXXXX)
DATA_PID=
GUNICORN_PID=
REDIS_PID=
source scripts/pg-throwaway.sh
cleanup() {
    for pid in $DATA_PID $GUNICORN_PID $REDIS_PID; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    pg_throwaway_stop
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

pg_throwaway_start
REDIS_PORT=$(pg_throwaway_free_port)
redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no --logfile "$WORK/redis.log" &
REDIS_PID=$!
PORT=$(pg_throwaway_free_port)

# Production settings, as behind nginx: DEBUG off, HTTPS known from X-Forwarded-Proto.
export DJANGO_SETTINGS_MODULE=config.settings
export SECRET_KEY=$(python3 -c 'import secrets; print(secrets.token_urlsafe(50))')
export ALLOWED_HOSTS=127.0.0.1
export SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
export MEDIA_ROOT=$WORK/media STATIC_ROOT=$WORK/static
unset DEBUG AWS_STORAGE_BUCKET_NAME

echo "== Loading data ($(date -u +%H:%M:%S) UTC)"
SECONDS=0
# In the background, waited for: bash runs a trap only once its foreground command ends, so a SIGTERM to this
# script would have waited for all 3,000 publications. cleanup passes it on, and the data script stops: the
# publication under way rolls back, or completes first if its PDF is being rendered (publication.run_until_done).
"$PYTHON" scripts/loadtest_data.py &
DATA_PID=$!
wait "$DATA_PID"
DATA_PID=
echo "   loaded in $SECONDS s"

echo "== Starting gunicorn with $WORKERS workers on 127.0.0.1:$PORT"
GUNICORN_WORKERS=$WORKERS GUNICORN_BIND=127.0.0.1:$PORT GUNICORN_ACCESS_LOG=$WORK/access.log \
    "$ROOT/.venv/bin/gunicorn" -c config/gunicorn.conf.py --error-logfile "$WORK/error.log" &
GUNICORN_PID=$!
BASE=http://127.0.0.1:$PORT
for _ in $(seq 60); do
    curl -fsS "$BASE/healthz" -H "Host: 127.0.0.1" >/dev/null 2>&1 && break
    sleep 1
done
curl -fsS "$BASE/healthz" -H "Host: 127.0.0.1" >/dev/null

# wrk reports p50/p75/p90/p99 with --latency; this prints p95 too, and the errors, on one line.
cat >"$WORK/report.lua" <<'LUA'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT %.1f %.1f %.1f %.1f %.1f %d %d %d %d %d %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests, e.status, e.connect, e.read, e.write, e.timeout))
end
LUA

MACHINE="$(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores, $(awk '/^MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo) GiB"
TABLE="| what | URL | bytes | requests/s | p50 ms | p95 ms | p99 ms | max ms | requests | errors |
|---|---|---:|---:|---:|---:|---:|---:|---:|---|"
measure() {
    local label=$1 path=$2 status bytes
    status=$(curl -s -o "$WORK/body" -w '%{http_code}' "$BASE$path" -H "Host: 127.0.0.1" -H "X-Forwarded-Proto: https")
    bytes=$(stat -c %s "$WORK/body")
    if [ "$status" != 200 ]; then
        echo "-- $label ($path): HTTP $status, skipped"
        TABLE+=$'\n'"| $label | \`$path\` | | skipped: HTTP $status | | | | | | |"
        return
    fi
    echo "-- $label ($path, $bytes bytes): $CONNECTIONS connections for $DURATION"
    # One wrk thread: wrk shares the 2 cores with gunicorn, and one thread drives 50 connections easily.
    wrk --threads 1 --connections "$CONNECTIONS" --duration "$DURATION" --timeout 10s --latency \
        --header "Host: 127.0.0.1" --header "X-Forwarded-Proto: https" \
        --script "$WORK/report.lua" "$BASE$path" | tee "$WORK/wrk.out"
    read -r _ rps p50 p95 p99 max total non_2xx connect read write timeout < <(grep '^RESULT' "$WORK/wrk.out")
    local errors="none"
    if [ $((non_2xx + connect + read + write + timeout)) -gt 0 ]; then
        errors="non-2xx/3xx $non_2xx, connect $connect, read $read, write $write, timeout $timeout"
    fi
    TABLE+=$'\n'"| $label | \`$path\` | $bytes | $rps | $p50 | $p95 | $p99 | $max | $total | $errors |"
}

echo "== Measuring ($(date -u +%H:%M:%S) UTC)"
measure "home" /
measure "year overview" /budgets/2024/
measure "department page (demo 224)" /budgets/2024/224/
measure "its PDF" /budgets/2024/224/pdf/
measure "static file, same size as the page" /static/loadtest/department-page.html

echo
echo "Load test $(date -u +%Y-%m-%d): $MACHINE; gunicorn $WORKERS sync workers, DEBUG off, PostgreSQL" \
     "$("$PG_THROWAWAY_BIN/postgres" --version | awk '{print $3}'), Redis cache; wrk (1 thread) on the same machine," \
     "$CONNECTIONS connections, $DURATION each; $(grep -c '" 5[0-9][0-9] ' "$WORK/access.log" || true) responses 5xx in the access log."
echo
echo "$TABLE"
if grep -q "WORKER TIMEOUT" "$WORK/error.log"; then
    echo; echo "gunicorn restarted workers that timed out:"; grep "WORKER TIMEOUT" "$WORK/error.log"
fi
