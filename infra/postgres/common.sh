# shellcheck shell=bash disable=SC2034
# Shared settings and helpers for infra/postgres/*.sh (sourced, not run).
#
# Overridable through the environment:
#   PG_VERSION  major version of the Debian cluster (default: 15, Debian 12's,
#               or the newest one installed when 15 is not)
#   PG_CLUSTER  cluster name (default: main)
#   PG_PORT     TCP port on 127.0.0.1 (default: 5432)

PG_CLUSTER="${PG_CLUSTER:-main}"
PG_PORT="${PG_PORT:-5432}"
PG_HOST=127.0.0.1
NS_USER=nightshift
NS_PASSWORD=nightshift
NS_DB=nightshift
CONN_STRING="Host=${PG_HOST};Port=${PG_PORT};Username=${NS_USER};Password=${NS_PASSWORD};Database=${NS_DB}"

log() { printf '[postgres] %s\n' "$*" >&2; }
die() { printf '[postgres] ERROR: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (installs packages and manages the cluster as user postgres)"

# Picks PG_VERSION when not given: 15 if its server is installed, else the newest installed.
pick_version() {
  if [ -n "${PG_VERSION:-}" ]; then return; fi
  if [ -x /usr/lib/postgresql/15/bin/postgres ]; then PG_VERSION=15; return; fi
  PG_VERSION="$( (find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null || true) | sort -n | tail -1)"
  PG_VERSION="${PG_VERSION:-15}"
}

server_installed() {
  command -v pg_ctlcluster >/dev/null 2>&1 && [ -x "/usr/lib/postgresql/${PG_VERSION:-15}/bin/postgres" ]
}

cluster_exists() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {f=1} END {exit !f}'
}

cluster_online() {
  pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c && $4 ~ /^online/ {f=1} END {exit !f}'
}

# The socket directory lives on a tmpfs on most machines; recreate it after a reboot.
ensure_run_dir() {
  install -d -o postgres -g postgres -m 2775 /var/run/postgresql
}

# After a reboot or a killed container, postmaster.pid may name a PID that is now
# some other process, and the server would refuse to start: remove such a stale file.
remove_stale_pid() {
  local data pidfile pid
  data="$(pg_lsclusters -h 2>/dev/null | awk -v v="$PG_VERSION" -v c="$PG_CLUSTER" '$1==v && $2==c {print $6}')"
  pidfile="${data:-/nonexistent}/postmaster.pid"
  [ -f "$pidfile" ] || return 0
  pid="$(head -n 1 "$pidfile" 2>/dev/null || true)"
  if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = "postgres" ]; then return 0; fi
  log "removing stale $pidfile (PID ${pid:-?} is not a running postgres)"
  rm -f "$pidfile"
}

# Waits until the server accepts TCP connections on 127.0.0.1 (default 60 s).
wait_ready() {
  local timeout="${1:-60}" i
  for ((i = 0; i < timeout * 4; i++)); do
    if pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 1; then
      log "accepting connections on ${PG_HOST}:${PG_PORT}"
      return 0
    fi
    sleep 0.25
  done
  log "last lines of the server log:"
  tail -n 20 "/var/log/postgresql/postgresql-${PG_VERSION}-${PG_CLUSTER}.log" >&2 || true
  die "server did not accept connections on ${PG_HOST}:${PG_PORT} within ${timeout}s"
}

# Runs psql as the postgres superuser over the local socket.
psql_admin() {
  (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" "$@")
}
