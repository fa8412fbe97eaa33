#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for CI and the load test: a new cluster in a temporary
# folder, a free port, fsync off, its unix socket in the same folder; removed when stopped.
#
#   scripts/pg-throwaway.sh CMD ARGS…    run CMD with DATABASE_URL pointing at a new cluster, then remove it
#   source scripts/pg-throwaway.sh       then: pg_throwaway_start; trap pg_throwaway_stop EXIT
#
# pg_throwaway_start exports DATABASE_URL=postgres://budget:budget@127.0.0.1:PORT/budget; the role
# "budget" owns that database and may create others (pytest-django creates test_budget). As root it
# installs Debian's postgresql with apt-get where missing and runs the server as the postgres user
# (PostgreSQL refuses to run as root); otherwise it runs the server as the current user.

pg_throwaway_bin() {
    # Debian keeps the server programs out of PATH, one folder per major version: take the newest.
    local bin
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$bin" ] && command -v initdb >/dev/null; then
        bin=$(dirname "$(command -v initdb)")
    fi
    echo "$bin"
}

pg_throwaway_install() {
    if [ -n "$(pg_throwaway_bin)" ]; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "Installing Debian's postgresql …" >&2
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
        echo "PostgreSQL's server programs are missing: apt-get install postgresql" >&2
        return 1
    fi
}

pg_throwaway_free_port() {
    # A loopback port that is free now (the kernel picks one; a race with another program is unlikely here).
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_throwaway_as_owner() {
    # Run a command as the cluster's owner: postgres when we are root, ourselves otherwise.
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

pg_throwaway_start() {
    pg_throwaway_install || return 1
    local bin port
    bin=$(pg_throwaway_bin)
    PG_THROWAWAY_DIR=$(mktemp -d /tmp/pg-throwaway.XXXXXX)
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$PG_THROWAWAY_DIR"
    fi
    port=$(pg_throwaway_free_port)
    # C.UTF-8: sorting by code point, as SQLite does, the same on every machine.
    pg_throwaway_as_owner "$bin/initdb" --pgdata="$PG_THROWAWAY_DIR/data" --username=postgres --encoding=UTF8 \
        --locale=C.UTF-8 --auth-local=trust --auth-host=scram-sha-256 --no-sync >"$PG_THROWAWAY_DIR/initdb.log" \
        || { cat "$PG_THROWAWAY_DIR/initdb.log" >&2; return 1; }
    # -F: fsync off. Durability does not matter for a database that is thrown away.
    pg_throwaway_as_owner "$bin/pg_ctl" --pgdata="$PG_THROWAWAY_DIR/data" --log="$PG_THROWAWAY_DIR/server.log" \
        --wait --silent start \
        --options="-F -p $port -k $PG_THROWAWAY_DIR -c listen_addresses=127.0.0.1 -c synchronous_commit=off -c full_page_writes=off" \
        || { cat "$PG_THROWAWAY_DIR/server.log" >&2; return 1; }
    PG_THROWAWAY_BIN=$bin
    PG_THROWAWAY_PORT=$port
    pg_throwaway_as_owner "$bin/psql" --quiet --no-psqlrc -h "$PG_THROWAWAY_DIR" -p "$port" -U postgres \
        -v ON_ERROR_STOP=1 -c "CREATE ROLE budget LOGIN CREATEDB PASSWORD 'budget'" -c "CREATE DATABASE budget OWNER budget" \
        >/dev/null || return 1
    export DATABASE_URL="postgres://budget:budget@127.0.0.1:$port/budget"
    echo "Throwaway PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($PG_THROWAWAY_DIR)" >&2
}

pg_throwaway_stop() {
    if [ -n "${PG_THROWAWAY_DIR:-}" ] && [ -d "$PG_THROWAWAY_DIR" ]; then
        pg_throwaway_as_owner "$PG_THROWAWAY_BIN/pg_ctl" --pgdata="$PG_THROWAWAY_DIR/data" --mode=immediate \
            --wait --silent stop >/dev/null 2>&1 || true
        rm -rf "$PG_THROWAWAY_DIR"
        unset PG_THROWAWAY_DIR
    fi
}

# Run as a program: start, run the command, stop (whatever happens), and pass on the command's status.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    trap pg_throwaway_stop EXIT
    trap 'exit 130' INT TERM
    pg_throwaway_start
    "$@"
fi
