#!/usr/bin/env bash
# A PostgreSQL primary and a streaming standby on 127.0.0.1, for the
# replication tests:
#   scripts/start-pg-replica.sh [start]   start both (idempotent), print the ports
#   scripts/start-pg-replica.sh stop      stop both and remove their data
# The primary listens on 5442 and the standby, made by pg_basebackup, on
# 5443; both trust local connections for the users postgres and root. Data
# lives under $PG_REPLICA_DIR (default /tmp/athanor-pg-replica), apart from
# the machine's own cluster on 5432, which is never touched.
set -euo pipefail

DIR="${PG_REPLICA_DIR:-/tmp/athanor-pg-replica}"
PRIMARY_PORT=5442
STANDBY_PORT=5443
BIN="/usr/lib/postgresql/$(ls /etc/postgresql | sort -V | tail -n 1)/bin"

# PostgreSQL refuses to run as root: every server command runs as postgres.
as_postgres() { runuser -u postgres -- "$@"; }

ready() { "$BIN/pg_isready" -h 127.0.0.1 -p "$1" -q; }

wait_ready() {
  for _ in $(seq 1 60); do
    if ready "$1"; then return 0; fi
    sleep 0.5
  done
  echo "pg-replica: the server on port $1 did not answer within 30 s; see $DIR/*.log" >&2
  return 1
}

in_recovery() {
  psql -h 127.0.0.1 -p "$STANDBY_PORT" -U postgres -d postgres -Atc 'SELECT pg_is_in_recovery()' 2>/dev/null
}

start() {
  if ready "$PRIMARY_PORT" && ready "$STANDBY_PORT" && [ "$(in_recovery)" = "t" ]; then
    echo "pg-replica: already running: primary on $PRIMARY_PORT, standby on $STANDBY_PORT"
    return 0
  fi
  stop >/dev/null 2>&1 || true
  mkdir -p "$DIR"
  chown postgres:postgres "$DIR"
  as_postgres "$BIN/initdb" -D "$DIR/primary" -U postgres --auth=trust --no-sync >"$DIR/initdb.log" 2>&1
  cat >>"$DIR/primary/postgresql.conf" <<EOF
port = $PRIMARY_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
wal_level = replica
max_wal_senders = 4
hot_standby = on
fsync = off
shared_buffers = 32MB
EOF
  echo "host replication postgres 127.0.0.1/32 trust" >>"$DIR/primary/pg_hba.conf"
  as_postgres "$BIN/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null
  wait_ready "$PRIMARY_PORT"
  psql -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -d postgres -qc 'CREATE ROLE root SUPERUSER LOGIN' \
    -c 'CREATE DATABASE test' -c 'CREATE DATABASE root' >/dev/null
  # -R writes standby.signal and the connection back to the primary.
  as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$DIR/standby" -R -X stream -c fast --no-sync >/dev/null
  sed -i "s/^port = $PRIMARY_PORT$/port = $STANDBY_PORT/" "$DIR/standby/postgresql.conf"
  as_postgres "$BIN/pg_ctl" -D "$DIR/standby" -l "$DIR/standby.log" -w start >/dev/null
  wait_ready "$STANDBY_PORT"
  echo "pg-replica: primary on 127.0.0.1:$PRIMARY_PORT, standby on 127.0.0.1:$STANDBY_PORT (trust, users postgres and root)"
}

stop() {
  for node in standby primary; do
    if [ -f "$DIR/$node/postmaster.pid" ]; then
      as_postgres "$BIN/pg_ctl" -D "$DIR/$node" -m immediate -w stop >/dev/null 2>&1 || \
        kill -9 "$(head -n 1 "$DIR/$node/postmaster.pid")" 2>/dev/null || true
    fi
  done
  rm -rf "$DIR"
  echo "pg-replica: stopped"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
