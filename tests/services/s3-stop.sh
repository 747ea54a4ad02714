#!/bin/bash
# Stops the object store s3-start.sh started in DIR, and nothing else: only
# the PIDs recorded in DIR/run/*.pid whose command line names DIR's
# configuration, one at a time (the gateway first: it hangs for minutes in
# its shutdown once the monitor and OSD are gone, then the OSD, then the
# monitor): SIGTERM, up to 5 s of grace, then SIGKILL.
# usage: s3-stop.sh DIR
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR=$(realpath -m "$1")
n=0
for name in client.rgw osd.0 mon.a; do
  f="$DIR/run/$name.pid"
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  # only a live process of ours: its command line names this DIR's ceph.conf
  if kill -0 "$pid" 2>/dev/null && grep -q -- "$DIR/ceph.conf" "/proc/$pid/cmdline" 2>/dev/null; then
    kill -TERM "$pid"; n=$((n+1))
    for i in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$f"
done
echo "stopped ($n processes)"
