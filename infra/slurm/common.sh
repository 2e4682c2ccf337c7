# shellcheck shell=bash disable=SC2034
# Shared settings and helpers for infra/slurm/*.sh (sourced, not run).

SLURM_CONF=/etc/slurm/slurm.conf
CGROUP_CONF=/etc/slurm/cgroup.conf
SLURMCTLD_PID=/run/slurmctld.pid
SLURMD_PID=/run/slurmd.pid
SLURMDBD_CONF=/etc/slurm/slurmdbd.conf
SLURMDBD_PID=/run/slurmdbd.pid
MARIADB_CNF=/etc/mysql/mariadb.conf.d/90-nightshift-slurmdbd.cnf
MUNGED_PID=/run/munge/munged.pid
SLURM_LOG_DIR=/var/log/slurm
JOBCOMP_LOG=$SLURM_LOG_DIR/jobcomp.log

log() { printf '[slurm] %s\n' "$*" >&2; }
die() { printf '[slurm] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (installs packages and starts munged, slurmctld, slurmd)"

# Prints the PID recorded in pid file $1 if that process is running and named $2.
running_pid() {
  local pidfile="$1" name="$2" pid
  [ -f "$pidfile" ] || return 1
  pid="$(head -n 1 "$pidfile" 2>/dev/null | tr -dc '0-9')"
  [ -n "$pid" ] || return 1
  [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = "$name" ] || return 1
  echo "$pid"
}

# Is a daemon named $2 running? By its pid file $1, else by exact process name
# (covers a daemon started by hand with another pid file).
daemon_running() {
  running_pid "$1" "$2" >/dev/null || pgrep -x "$2" >/dev/null 2>&1
}

mariadb_works() {
  mariadb-admin --connect-timeout=2 ping >/dev/null 2>&1
}

# slurmdbd answers (sacctmgr talks to it directly).
slurmdbd_works() {
  timeout 10 sacctmgr -n -P list cluster format=cluster >/dev/null 2>&1
}

munge_works() {
  munge -n 2>/dev/null | unmunge >/dev/null 2>&1
}

# Sends SIGTERM to the daemon in pid file $1 (named $2) and waits up to $3 s for it to exit.
stop_daemon() {
  local pidfile="$1" name="$2" timeout="${3:-30}" pid i
  if ! pid="$(running_pid "$pidfile" "$name")"; then
    pid="$(pgrep -x "$name" | head -n 1 || true)"
    if [ -z "$pid" ]; then
      log "$name is not running"
      rm -f "$pidfile"
      return 0
    fi
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      log "$name stopped"
      return 0
    fi
    sleep 0.1
  done
  log "$name (pid $pid) did not exit within ${timeout}s: sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$pidfile"
}
