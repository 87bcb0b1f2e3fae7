#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: `start DIR` creates and starts one on a Unix socket in DIR and
# prints its SQLAlchemy URL; `stop DIR` stops it and removes DIR. Uses the server programs that
# `pg_config --bindir` names (Debian's postgresql package), installing that package only where it is missing.
# As root, the cluster runs as the unprivileged `postgres` user, since PostgreSQL refuses to run as root.
set -euo pipefail
action=${1:?usage: postgres.sh start|stop DIR}
dir=${2:?usage: postgres.sh start|stop DIR}

bindir() {
    local found
    found=$(pg_config --bindir 2>/dev/null || true)
    if [[ -z "$found" || ! -x "$found/initdb" ]]; then
        found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
    fi
    echo "$found"
}

as_owner() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
start)
    bin=$(bindir)
    if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
        echo "PostgreSQL server programs not found; installing Debian's postgresql package" >&2
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        bin=$(bindir)
    fi
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then chown postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --no-locale --no-sync >/dev/null
    # One role must give a password, so the tests can check what a wrong one looks like.
    as_owner sed -i '1i local all te_password_check scram-sha-256' "$dir/data/pg_hba.conf"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s \
        -o "-k $dir -c listen_addresses='' -c fsync=off -c full_page_writes=off -c max_connections=60" start >&2
    echo "postgresql+psycopg://postgres@/postgres?host=$dir"
    ;;
stop)
    bin=$(bindir)
    if [[ -d "$dir/data" ]]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -s stop >&2 || true; fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: postgres.sh start|stop DIR" >&2; exit 2 ;;
esac
