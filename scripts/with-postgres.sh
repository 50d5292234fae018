#!/bin/sh
# Run a command against a throwaway PostgreSQL cluster in a temporary directory:
# initdb, start on a free loopback port, export DATABASE_URL, run, stop, delete.
set -eu

initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$initdb" ] || initdb=$(command -v initdb || true)
[ -n "$initdb" ] || { echo "PostgreSQL's initdb not found; run scripts/ensure-system-packages.sh" >&2; exit 1; }
bindir=$(dirname "$initdb")

workdir=$(mktemp -d /tmp/masthead-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# PostgreSQL refuses to run as root: run the server as the postgres user then.
as_owner() {
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
if [ "$(id -u)" = "0" ]; then chown postgres "$workdir"; fi

stop() {
    as_owner "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$workdir"
}
trap stop EXIT INT TERM

as_owner "$initdb" -D "$workdir/data" -A trust -U postgres -E UTF8 >/dev/null
as_owner "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
    -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null

echo "PostgreSQL on 127.0.0.1:$port (throwaway cluster in $workdir)"
DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" "$@"
