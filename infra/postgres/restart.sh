#!/usr/bin/env bash
# Restarts the local PostgreSQL cluster (pg_ctlcluster 15 main restart; fast
# shutdown, so open connections are cut as in a real server restart) and waits
# until it accepts connections on 127.0.0.1:5432 again. Used by tests that
# restart PostgreSQL in the middle of a run. Starts it if it was stopped.
# Prints the connection string as the last line of stdout.
# Usage (as root):  bash infra/postgres/restart.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$HERE/common.sh"

pick_version
if ! server_installed || ! cluster_exists; then
  die "no cluster ${PG_VERSION}/${PG_CLUSTER}: run infra/postgres/start.sh first"
fi
ensure_run_dir
t0=$SECONDS
if cluster_online; then
  log "restarting cluster ${PG_VERSION}/${PG_CLUSTER}"
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart -m fast >&2
else
  log "cluster ${PG_VERSION}/${PG_CLUSTER} was not running: starting it"
  remove_stale_pid
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start >&2
fi
wait_ready 60
log "restarted in $((SECONDS - t0))s"
echo "$CONN_STRING"
