#!/bin/bash
# Starts a throw-away S3-compatible object store for the tests, on loopback:
# a single-node storage cluster (one monitor, one OSD keeping objects in RAM,
# no authentication between them) and its S3 gateway, with one S3 user.
#
# usage: s3-start.sh DIR
# env:   S3_PORT, CEPH_MON_PORT, CEPH_OSD_PORT_MIN (default: free ports found here)
#        S3_ACCESS_KEY / S3_SECRET_KEY (fixed test defaults below)
#        S3_MEM_BYTES (the OSD's capacity, default 2 GiB; RAM is used lazily)
#        S3_START_TIMEOUT (seconds, default 90): the start gives up after it
# Prints S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY, S3_SECRET_KEY (also in DIR/s3.env).
# Exit status 77 when the packages are not installed (apt-get install
# --no-install-recommends ceph-mon ceph-osd radosgw), 1 on any other failure
# (after stopping whatever it started). Idempotent: when the gateway in DIR
# already answers, it only prints its details. Every fresh start is an
# empty store (DIR is wiped and the cluster rebuilt). Stop it with
# s3-stop.sh DIR, which stops exactly the processes started here, by PID.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR=$(realpath -m "$1")
DEADLINE=$((SECONDS + ${S3_START_TIMEOUT:-90}))
HERE=$(cd "$(dirname "$0")" && pwd)

# A loopback port nothing answers on, and the next `span` ones free too.
free_port() {
  local span=${1:-1} p i busy
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 30000)); busy=0
    for i in $(seq 0 $((span - 1))); do
      (exec 3<>"/dev/tcp/127.0.0.1/$((p + i))") 2>/dev/null && { busy=1; break; }
    done
    [ $busy = 0 ] && { echo "$p"; return 0; }
  done
  return 1
}
ACCESS=${S3_ACCESS_KEY:-GALLERYTESTACCESS001}
SECRET=${S3_SECRET_KEY:-galleryTestSecretKey0123456789abcdefghijk}
MEM_BYTES=${S3_MEM_BYTES:-2147483648}
CONF="$DIR/ceph.conf"

info() {
  echo "S3_ENDPOINT=$ENDPOINT"
  echo "S3_REGION=us-east-1"
  echo "S3_ACCESS_KEY=$ACCESS"
  echo "S3_SECRET_KEY=$SECRET"
  echo "S3_DIR=$DIR"
}
log() { echo "[s3-start +$((SECONDS))s] $*" >&2; }
die() {
  log "ERROR: $*"
  [ -d "$DIR/log" ] && tail -n 20 "$DIR"/log/*.log >&2 || true
  "$HERE/s3-stop.sh" "$DIR" >&2 || true
  exit 1
}
left() { local l=$((DEADLINE - SECONDS)); [ $l -gt 0 ] || die "not ready within ${S3_START_TIMEOUT:-90} s"; echo $l; }

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

for b in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph uuidgen curl timeout; do
  if ! command -v "$b" >/dev/null; then
    echo "s3-start: $b missing: apt-get install --no-install-recommends ceph-mon ceph-osd radosgw" >&2
    exit 77
  fi
done

# Already running? (all three daemons alive and its gateway answers)
if [ -f "$DIR/s3.env" ] && alive "$DIR/run/mon.a.pid" && alive "$DIR/run/osd.0.pid" \
   && alive "$DIR/run/client.rgw.pid" \
   && curl -s -o /dev/null --max-time 2 "$(sed -n 's/^S3_ENDPOINT=//p' "$DIR/s3.env")/"; then
  log "already running"
  cat "$DIR/s3.env"
  exit 0
fi

# Anything half-alive from an earlier run in DIR is stopped first; the
# cluster is always rebuilt from scratch.
"$HERE/s3-stop.sh" "$DIR" >/dev/null 2>&1 || true
S3_PORT=${S3_PORT:-$(free_port)} || die "no free port for the gateway"
MON_PORT=${CEPH_MON_PORT:-$(free_port)} || die "no free port for the monitor"
OSD_PMIN=${CEPH_OSD_PORT_MIN:-$(free_port 21)} || die "no free ports for the OSD"
OSD_PMAX=$((OSD_PMIN + 20))
ENDPOINT="http://127.0.0.1:${S3_PORT}"
for port in "$S3_PORT" "$MON_PORT"; do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "127.0.0.1:$port is already in use (set S3_PORT / CEPH_MON_PORT)"
done
# only ever wipe a directory that is empty or was made by this script
if [ -d "$DIR" ] && [ -n "$(ls -A "$DIR")" ] && [ ! -f "$DIR/ceph.conf" ]; then
  die "$DIR is not empty and holds no ceph.conf: refusing to wipe it"
fi
rm -rf "$DIR"
mkdir -p "$DIR"/{run,log,crash,mon.a,osd.0,rgw}

# Objects live in the OSD's RAM (about 2 bytes of RAM per stored byte).
OSD_STORE_CONF="osd_objectstore = memstore
memstore_device_bytes = $MEM_BYTES
memstore_page_set = false"

FSID=$(uuidgen)
cat > "$CONF" <<EOF
[global]
fsid = $FSID
mon_host = [v2:127.0.0.1:$MON_PORT]
mon_initial_members = a
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
ms_bind_msgr1 = false
ms_bind_msgr2 = true
ms_bind_port_min = $OSD_PMIN
ms_bind_port_max = $OSD_PMAX
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
run_dir = $DIR/run
crash_dir = $DIR/crash
pid_file = $DIR/run/\$name.pid
admin_socket = $DIR/run/\$name.asok
log_file = $DIR/log/\$name.log
mon_cluster_log_file = $DIR/log/cluster.log
log_to_stderr = false
err_to_stderr = true
osd_pool_default_size = 1
osd_pool_default_min_size = 1
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_pool_default_pg_autoscale_mode = off
mon_max_pg_per_osd = 1000
osd_crush_chooseleaf_type = 0
mon_data_avail_warn = 2
mon_data_avail_crit = 1
mon_osd_full_ratio = .99
mon_osd_backfillfull_ratio = .99
mon_osd_nearfull_ratio = .99
osd_failsafe_full_ratio = .995

[mon]
mon_data = $DIR/mon.\$id
mon_allow_pool_delete = true
# single mon: commit map changes at once instead of batching for 1 s each
# (the gateway's first start makes ~10 pool/map changes: 10 s -> ~2 s)
paxos_propose_interval = 0.01
paxos_min_wait = 0.001

[osd]
osd_data = $DIR/osd.\$id
$OSD_STORE_CONF
osd_op_num_shards = 2
osd_op_num_threads_per_shard = 1
osd_scrub_begin_hour = 0
osd_scrub_end_hour = 0

[client]
keyring = /dev/null
admin_socket = $DIR/run/\$name.\$pid.asok
log_file = $DIR/log/\$name.log

[client.rgw]
# the gateway defaults to ms_mon_client_mode=secure and authentication; neither works with auth none
ms_mon_client_mode = crc
auth_client_required = none
rgw_init_timeout = 90
rgw_frontends = beast endpoint=127.0.0.1:$S3_PORT
rgw_data = $DIR/rgw
rgw_thread_pool_size = 16
rgw_enable_lc_threads = false
rgw_enable_usage_log = false
rgw_dns_name = 127.0.0.1
# deleted objects' tail chunks sit in the OSD's RAM until GC: run it often
rgw_gc_obj_min_wait = 30
rgw_gc_processor_period = 30
EOF

log "mon"
T() { local l=$((DEADLINE - SECONDS)); [ $l -gt 0 ] || die "not ready within ${S3_START_TIMEOUT:-90} s"; timeout "$l" "$@"; }
T monmaptool --create --fsid "$FSID" --addv a "[v2:127.0.0.1:$MON_PORT]" "$DIR/monmap" >/dev/null || die "monmap"
T ceph-mon -c "$CONF" -i a --mkfs --monmap "$DIR/monmap" >/dev/null || die "mon mkfs"
T ceph-mon -c "$CONF" -i a || die "mon start"

CEPH=(ceph -c "$CONF" --connect-timeout 20)
OSD_UUID=$(uuidgen)
log "osd"
OSD_ID=$(T "${CEPH[@]}" osd new "$OSD_UUID") || die "osd new"
[ "$OSD_ID" = 0 ] || die "unexpected osd id $OSD_ID"
T ceph-osd -c "$CONF" -i 0 --mkfs --osd-uuid "$OSD_UUID" >/dev/null 2>&1 || die "osd mkfs"
T ceph-osd -c "$CONF" -i 0 2>>"$DIR/log/osd.stderr" || die "osd start"

log "gateway"
# The gateway's parent blocks until its start is done, so it runs in the
# foreground (-f) as a background job; -f writes no pid file itself.
setsid radosgw -f -c "$CONF" -n client.rgw </dev/null >>"$DIR/log/radosgw.stdout" 2>&1 &
echo $! > "$DIR/run/client.rgw.pid"

# The user can be made only once the gateway has made its zone and pools.
until curl -s -o /dev/null --max-time 2 "$ENDPOINT/"; do
  kill -0 $! 2>/dev/null || die "the gateway exited"
  [ $SECONDS -lt $DEADLINE ] || die "the gateway does not answer within ${S3_START_TIMEOUT:-90} s"
  sleep 0.25
done
log "user"
T radosgw-admin -c "$CONF" -n client.rgw user create --uid=gallery --display-name=gallery \
  --access-key="$ACCESS" --secret="$SECRET" >/dev/null || die "user create"
info > "$DIR/s3.env"
log "ready"
cat "$DIR/s3.env"
