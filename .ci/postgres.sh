#!/usr/bin/env bash
# A throwaway PostgreSQL server for the database tests and the load benchmark: a fresh cluster in a temporary
# folder, listening on a free port of 127.0.0.1 only, removed afterwards. Nothing outside that folder is touched
# (the system cluster of the Debian package is neither started nor modified).
#
# Sourced (what .ci/run does):
#   source .ci/postgres.sh
#   pg_install          # apt-get install -y postgresql, only when no initdb is found
#   pg_start            # initdb + start; exports PG_URL=postgres://postgres:PASSWORD@127.0.0.1:PORT/postgres
#   trap pg_stop EXIT   # stop the server and delete its folder
#
# Executed (what the tests and bench/load.ts do when PG_URL is not set):
#   .ci/postgres.sh install
#   .ci/postgres.sh start       # prints PG_URL=… and PG_TEST_DIR=… lines; the server keeps running
#   .ci/postgres.sh stop DIR    # stops the server started in DIR and deletes DIR
#
# As root (CI), initdb and the server run as the `postgres` user the Debian package creates (runuser/su).

pg__bindir() {
  local d
  if [ -n "${PG_BINDIR:-}" ] && [ -x "$PG_BINDIR/initdb" ]; then echo "$PG_BINDIR"; return 0; fi
  # Debian keeps the server binaries out of PATH, one folder per major version: take the newest.
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  if command -v initdb >/dev/null 2>&1; then dirname "$(command -v initdb)"; return 0; fi
  return 1
}

pg_install() {
  if pg__bindir >/dev/null; then return 0; fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "postgres.sh: PostgreSQL is not installed and installing it needs root (apt-get install -y postgresql)" >&2
    return 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || return 1
  # policy-rc.d 101: the package must not start its own system cluster (not needed; maybe no init system).
  local policy=/usr/sbin/policy-rc.d created=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && created=1; fi
  local rc=0
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2 || rc=$?
  if [ "$created" = 1 ]; then rm -f "$policy"; fi
  return $rc
}

# Run a command as the user that owns the cluster: ourselves, or `postgres` when we are root.
pg__as_owner() {
  if [ "$(id -u)" -ne 0 ]; then "$@"; return; fi
  if command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"; return; fi
  su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
}

pg__port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_start() {
  local bindir dir password port attempt
  bindir=$(pg__bindir) || { echo "postgres.sh: no initdb found (install the postgresql package, or set PG_BINDIR)" >&2; return 1; }
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "postgres.sh: running as root but there is no 'postgres' user to own the cluster" >&2
    return 1
  fi
  dir=$(mktemp -d "${TMPDIR:-/tmp}/yanbao-pg.XXXXXX") || return 1
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$password" >"$dir/pwfile"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$dir/pwfile"
  if ! pg__as_owner "$bindir/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" -E UTF8 --no-locale \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -N >"$dir/initdb.log" 2>&1; then
    echo "postgres.sh: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    return 1
  fi
  rm -f "$dir/pwfile"
  for attempt in 1 2 3 4 5 6 7 8; do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    pg__port_free "$port" || continue
    if pg__as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c max_connections=100" \
      start >/dev/null 2>&1; then
      PG_URL="postgres://postgres:$password@127.0.0.1:$port/postgres"
      PG_TEST_DIR="$dir"
      export PG_URL PG_TEST_DIR
      echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (folder $dir)" >&2
      return 0
    fi
  done
  echo "postgres.sh: the server did not start:" >&2
  cat "$dir/server.log" >&2 2>/dev/null
  rm -rf "$dir"
  return 1
}

# Stop the server started in DIR (default: $PG_TEST_DIR) and delete DIR. Safe to call twice.
pg_stop() {
  local dir="${1:-${PG_TEST_DIR:-}}" bindir
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  case "$(basename "$dir")" in yanbao-pg.*) ;; *) echo "postgres.sh: refusing to remove $dir" >&2; return 1 ;; esac
  bindir=$(pg__bindir) || true
  if [ -n "$bindir" ] && [ -f "$dir/data/postmaster.pid" ]; then
    pg__as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  if [ "${PG_TEST_DIR:-}" = "$dir" ]; then unset PG_URL PG_TEST_DIR; fi
  return 0
}

# Executed rather than sourced: a small command line over the functions above.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  case "${1:-}" in
    install) pg_install ;;
    start) pg_start && printf 'PG_URL=%s\nPG_TEST_DIR=%s\n' "$PG_URL" "$PG_TEST_DIR" ;;
    stop) pg_stop "${2:?usage: postgres.sh stop DIR}" ;;
    *) echo "usage: .ci/postgres.sh install | start | stop DIR   (or: source .ci/postgres.sh; pg_install; pg_start; trap pg_stop EXIT)" >&2; exit 2 ;;
  esac
fi
