#!/usr/bin/env bash
# Stops the local PostgreSQL cluster started by infra/postgres/start.sh (fast
# shutdown: open sessions are disconnected, no data is lost). Harmless when it
# is already stopped or was never created.
# Usage (as root):  bash infra/postgres/stop.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$HERE/common.sh"

pick_version
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! cluster_exists; then
  log "no cluster ${PG_VERSION}/${PG_CLUSTER}: nothing to stop"
  exit 0
fi
if cluster_online; then
  log "stopping cluster ${PG_VERSION}/${PG_CLUSTER}"
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" stop -m fast >&2
  log "stopped"
else
  log "cluster ${PG_VERSION}/${PG_CLUSTER} is not running"
fi
