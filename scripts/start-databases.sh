#!/usr/bin/env bash
# Starts the local PostgreSQL and MariaDB services when they are not running,
# then waits until both answer. Safe to run when they are already up.
set -u

if ! pg_isready -h 127.0.0.1 -q 2>/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
fi
if ! mariadb-admin -uroot ping >/dev/null 2>&1; then
  echo "starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
fi

for _ in $(seq 1 60); do
  if pg_isready -h 127.0.0.1 -q 2>/dev/null && mariadb-admin -uroot ping >/dev/null 2>&1; then
    exit 0
  fi
  sleep 1
done
pg_isready -h 127.0.0.1 || echo "PostgreSQL is not answering on 127.0.0.1:5432" >&2
mariadb-admin -uroot ping || echo "MariaDB is not answering on 127.0.0.1:3306" >&2
exit 1
