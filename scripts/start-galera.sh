#!/usr/bin/env bash
# A three-node MariaDB Galera cluster on 127.0.0.1, for the cluster tests:
#   scripts/start-galera.sh [start]   start it (idempotent), print the ports
#   scripts/start-galera.sh stop      stop it by PID and remove its data
# Each node has its own data directory, socket and --defaults-file under
# $GALERA_DIR (default /tmp/athanor-galera), so the machine's own MariaDB on
# 3306 is never touched. Node N listens on 3316+N for clients and 4577+N for
# Galera replication; the first node bootstraps the cluster and the others
# join one at a time, each copying its state from the first by rsync.
set -euo pipefail

DIR="${GALERA_DIR:-/tmp/athanor-galera}"
NODES=3
PROVIDER=/usr/lib/galera/libgalera_smm.so

client_port() { echo $((3316 + $1)); }
galera_port() { echo $((4577 + $1)); }
ist_port() { echo $((4587 + $1)); }
sst_port() { echo $((4597 + $1)); }

cluster_address() {
  local list=""
  for n in $(seq 1 "$NODES"); do list="${list:+$list,}127.0.0.1:$(galera_port "$n")"; done
  echo "gcomm://$list"
}

write_config() {
  local n=$1 home="$DIR/node$1"
  mkdir -p "$home/data"
  cat >"$home/my.cnf" <<EOF
[mariadbd]
user=mysql
datadir=$home/data
socket=$home/mariadb.sock
pid-file=$home/mariadb.pid
log-error=$home/error.log
port=$(client_port "$n")
bind-address=127.0.0.1
skip-name-resolve
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
innodb_buffer_pool_size=32M
innodb_log_file_size=16M
performance_schema=OFF
wsrep_on=ON
wsrep_provider=$PROVIDER
wsrep_cluster_name=athanor_test
wsrep_cluster_address=$(cluster_address)
wsrep_node_name=node$n
wsrep_node_address=127.0.0.1:$(galera_port "$n")
wsrep_node_incoming_address=127.0.0.1:$(client_port "$n")
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:$(galera_port "$n");ist.recv_addr=127.0.0.1:$(ist_port "$n");gcache.size=32M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:$(sst_port "$n")
EOF
}

ping_node() {
  mariadb-admin --no-defaults -uroot --socket="$DIR/node$1/mariadb.sock" ping >/dev/null 2>&1
}

cluster_size() {
  mariadb --no-defaults -uroot --socket="$DIR/node1/mariadb.sock" -N -e "SHOW STATUS LIKE 'wsrep_cluster_size'" 2>/dev/null | awk '{print $2}'
}

wait_for() {
  local what=$1 check=$2
  for _ in $(seq 1 120); do
    if eval "$check"; then return 0; fi
    sleep 0.5
  done
  echo "galera: $what did not happen within 60 s; see $DIR/node*/error.log" >&2
  return 1
}

start_node() {
  local n=$1 home="$DIR/node$1"
  shift
  if [ ! -d "$home/data/mysql" ]; then
    mariadb-install-db --no-defaults --user=mysql --datadir="$home/data" --auth-root-authentication-method=normal >"$home/install.log" 2>&1
  fi
  # The node drops to the mysql user, and so does the rsync daemon that
  # receives a joiner's state: both must own the node's folder.
  chown -R mysql:mysql "$home"
  # The node daemonizes itself through the shell's background job; its
  # PID file is what stop uses.
  /usr/sbin/mariadbd --defaults-file="$home/my.cnf" "$@" >/dev/null 2>&1 &
  wait_for "node $n answering" "ping_node $n"
}

start() {
  if [ -f "$DIR/node1/mariadb.pid" ] && ping_node 1 && [ "$(cluster_size)" = "$NODES" ]; then
    echo "galera: already running on ports $(client_port 1)-$(client_port "$NODES")"
    return 0
  fi
  stop >/dev/null 2>&1 || true
  command -v rsync >/dev/null || { echo "galera: rsync is needed (apt-get install rsync)" >&2; exit 1; }
  [ -f "$PROVIDER" ] || { echo "galera: $PROVIDER is missing (apt-get install galera-4)" >&2; exit 1; }
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  for n in $(seq 1 "$NODES"); do write_config "$n"; done
  start_node 1 --wsrep-new-cluster
  for n in $(seq 2 "$NODES"); do
    start_node "$n"
    wait_for "node $n joining" "[ \"\$(cluster_size)\" = \"$n\" ]"
  done
  mariadb --no-defaults -uroot --socket="$DIR/node1/mariadb.sock" -e "CREATE DATABASE IF NOT EXISTS test"
  echo "galera: $NODES nodes on 127.0.0.1 ports $(client_port 1)-$(client_port "$NODES") (user root, no password)"
}

stop() {
  for n in $(seq "$NODES" -1 1); do
    local pidfile="$DIR/node$n/mariadb.pid"
    if [ -f "$pidfile" ]; then
      local pid
      pid=$(cat "$pidfile")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  rm -rf "$DIR"
  echo "galera: stopped"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 [start|stop]" >&2; exit 2 ;;
esac
