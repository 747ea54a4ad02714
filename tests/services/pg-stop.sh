#!/bin/bash
# Stops the PostgreSQL server pg-start.sh started for DIR, and nothing else:
# the postmaster PID its data folder records, only when that process is a
# server of that folder (SIGINT: fast shutdown; SIGKILL after 10 s), then
# removes the data folder.
# usage: pg-stop.sh DIR
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR=$(realpath -m "$1")
[ -f "$DIR/pg.env" ] || { echo "stopped (nothing recorded in $DIR)"; exit 0; }
# shellcheck disable=SC1091
. "$DIR/pg.env"
n=0
pidfile="$PG_DATA/db/postmaster.pid"
if [ -f "$pidfile" ]; then
  pid=$(head -n 1 "$pidfile")
  if kill -0 "$pid" 2>/dev/null && grep -q -- "$PG_DATA/db" "/proc/$pid/cmdline" 2>/dev/null; then
    kill -INT "$pid"; n=1
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
fi
case "$PG_DATA" in /tmp/gallery-pg.*) rm -rf "$PG_DATA" ;; esac
rm -f "$DIR/pg.env"
echo "stopped ($n server)"
