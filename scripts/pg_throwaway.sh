#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, a free port on
# 127.0.0.1, run as an unprivileged user when called as root (PostgreSQL refuses root).
#   scripts/pg_throwaway.sh start DIR   → prints the admin DSN (postgresql://deskbill@127.0.0.1:PORT/postgres)
#   scripts/pg_throwaway.sh stop DIR    → stops it and removes DIR
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?a folder}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg_throwaway: PostgreSQL is not installed (scripts/setup.sh installs it)" >&2; exit 1; }
as_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u nobody -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown nobody "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    as_user "$bin/initdb" -D "$dir/data" --username=deskbill --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=200 -c fsync=on" \
      start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
    echo "postgresql://deskbill@127.0.0.1:$port/postgres"
    ;;
  stop)
    if [ -d "$dir/data" ]; then as_user "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
