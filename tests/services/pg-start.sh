#!/bin/bash
# Starts a throw-away PostgreSQL 15 server for the tests, on loopback: a new
# cluster (initdb) in a temporary folder, owned by an unprivileged user when
# run as root, listening on 127.0.0.1 only, with one superuser `gallery`
# trusted from loopback. Crash safety of the server itself is not under test,
# so it runs without fsync.
#
# usage: pg-start.sh DIR
# env:   PG_PORT (default: a free port found here), PG_START_TIMEOUT (s, 60)
# Prints PG_URL (the server's "postgres" database) and PG_DATA (also in
# DIR/pg.env). Exit status 77 when PostgreSQL 15 is not installed
# (apt-get install postgresql-15), 1 on any other failure (after stopping
# what it started). Idempotent: when the server recorded in DIR answers, it
# only prints its details. Stop it with pg-stop.sh DIR, which stops exactly
# that server, by its PID.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR=$(realpath -m "$1")
BIN=/usr/lib/postgresql/15/bin
HERE=$(cd "$(dirname "$0")" && pwd)
DEADLINE=$((SECONDS + ${PG_START_TIMEOUT:-60}))
log() { echo "[pg-start +$((SECONDS))s] $*" >&2; }

for b in initdb pg_ctl postgres pg_isready; do
  [ -x "$BIN/$b" ] || { log "PostgreSQL 15 is not installed ($BIN/$b missing): apt-get install postgresql-15"; exit 77; }
done
mkdir -p "$DIR"

if [ -f "$DIR/pg.env" ]; then
  # shellcheck disable=SC1091
  . "$DIR/pg.env"
  if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT"; then cat "$DIR/pg.env"; exit 0; fi
  "$HERE/pg-stop.sh" "$DIR" >&2 || true
fi

free_port() {
  for _ in $(seq 1 200); do
    local p=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return 0; }
  done
  return 1
}
PORT=${PG_PORT:-$(free_port)}

# The server refuses to run as root: then it runs as the package's
# `postgres` user (or nobody), in a folder that user owns.
RUN=()
OWNER=$(id -un)
if [ "$(id -u)" = 0 ]; then
  OWNER=$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)
  RUN=(runuser -u "$OWNER" --)
fi
DATA=$(mktemp -d /tmp/gallery-pg.XXXXXX)
chown "$OWNER" "$DATA"
chmod 700 "$DATA"
LOCALE=C
locale -a 2>/dev/null | grep -qix 'c.utf-\?8' && LOCALE=C.UTF-8

die() {
  log "ERROR: $*"
  [ -f "$DATA/server.log" ] && tail -n 20 "$DATA/server.log" >&2 || true
  "$HERE/pg-stop.sh" "$DIR" >&2 || true
  exit 1
}

cat > "$DIR/pg.env" <<ENV
PG_URL=postgresql://gallery@127.0.0.1:$PORT/postgres
PG_PORT=$PORT
PG_DATA=$DATA
ENV

log "initdb in $DATA (as $OWNER, locale $LOCALE)"
"${RUN[@]}" "$BIN/initdb" -D "$DATA/db" -U gallery --auth=trust --encoding=UTF8 --locale="$LOCALE" \
  >"$DATA/initdb.log" 2>&1 || { cat "$DATA/initdb.log" >&2; die "initdb failed"; }
"${RUN[@]}" "$BIN/pg_ctl" -D "$DATA/db" -l "$DATA/server.log" -w -t "$((DEADLINE - SECONDS))" start \
  -o "-p $PORT -k $DATA -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off \
      -c synchronous_commit=off -c max_connections=400 -c shared_buffers=128MB" >/dev/null \
  || die "the server did not start"
until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; do
  [ $SECONDS -lt $DEADLINE ] || die "not ready within ${PG_START_TIMEOUT:-60} s"
  sleep 0.2
done
log "ready on 127.0.0.1:$PORT"
cat "$DIR/pg.env"
