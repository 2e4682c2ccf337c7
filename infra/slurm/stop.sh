#!/usr/bin/env bash
# Stops the single-node SLURM cluster started by infra/slurm/start.sh:
# slurmd, slurmctld, slurmdbd, MariaDB and munged, in that order (SIGTERM through
# their pid files; MariaDB with mariadb-admin shutdown). Jobs still running are
# left to their slurmstepd and recovered by the next start (slurmctld saves its
# state in /var/spool/slurmctld). Harmless when nothing is running.
# Usage (as root):  bash infra/slurm/stop.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$HERE/common.sh"

stop_daemon "$SLURMD_PID" slurmd 30
stop_daemon "$SLURMCTLD_PID" slurmctld 30
stop_daemon "$SLURMDBD_PID" slurmdbd 30
if command -v mariadb-admin >/dev/null && mariadb_works; then
  log "stopping MariaDB"
  mariadb-admin shutdown
  for ((i = 0; i < 300; i++)); do pgrep -x mariadbd >/dev/null || break; sleep 0.1; done
  log "MariaDB stopped"
else
  log "MariaDB is not running"
fi
stop_daemon "$MUNGED_PID" munged 10
