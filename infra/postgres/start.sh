#!/usr/bin/env bash
# Starts a local PostgreSQL for Nightshift's tests and development.
#
#  - installs Debian's `postgresql` package when the server is missing
#  - creates (if missing) and starts the Debian cluster 15/main with
#    pg_createcluster / pg_ctlcluster (no systemd needed)
#  - listens on 127.0.0.1:5432, password (scram-sha-256) auth from 127.0.0.1,
#    max_connections = 200; durability settings (fsync, synchronous_commit,
#    full_page_writes) stay on so crash/restart tests mean something
#  - creates role `nightshift` (password `nightshift`, LOGIN CREATEDB) and
#    database `nightshift` owned by it, when missing
#  - waits until the server accepts connections, then prints the Npgsql
#    connection string as the last (only) line of stdout; progress goes to stderr:
#      Host=127.0.0.1;Port=5432;Username=nightshift;Password=nightshift;Database=nightshift
#
# Idempotent: a second run only checks and prints the connection string.
# Usage (from anywhere, as root):  bash infra/postgres/start.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$HERE/common.sh"

t0=$SECONDS

# 1. Server package.
pick_version
if server_installed; then
  log "PostgreSQL ${PG_VERSION} server is installed"
else
  log "installing PostgreSQL from Debian's packages (apt-get install postgresql)"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q postgresql >&2; then
    log "install failed; running apt-get update and retrying"
    apt-get update -q >&2
    apt-get install -y -q postgresql >&2
  fi
  unset PG_VERSION
  pick_version
  server_installed || die "postgresql installed but /usr/lib/postgresql/${PG_VERSION}/bin/postgres is missing"
fi

# 2. Cluster.
ensure_run_dir
if cluster_exists; then
  log "cluster ${PG_VERSION}/${PG_CLUSTER} exists"
else
  log "creating cluster ${PG_VERSION}/${PG_CLUSTER} on port ${PG_PORT}"
  pg_createcluster --port "$PG_PORT" "$PG_VERSION" "$PG_CLUSTER" >&2
fi
CONF_DIR="/etc/postgresql/${PG_VERSION}/${PG_CLUSTER}"
[ -d "$CONF_DIR" ] || die "configuration directory $CONF_DIR is missing"

# 3. Configuration: a conf.d drop-in (postgresql.conf has include_dir = 'conf.d').
need_restart=0
need_reload=0
install -d -o postgres -g postgres "$CONF_DIR/conf.d"
DROPIN="$CONF_DIR/conf.d/90-nightshift.conf"
desired_conf="# Written by nightshift infra/postgres/start.sh; rewritten on every run.
listen_addresses = '${PG_HOST}'
port = ${PG_PORT}
max_connections = 200
# Durability stays on: tests kill and restart the server and must see real behaviour.
fsync = on
synchronous_commit = on
full_page_writes = on
"
if [ "$(cat "$DROPIN" 2>/dev/null || true)" != "$(printf '%s' "$desired_conf")" ]; then
  log "writing $DROPIN (listen ${PG_HOST}:${PG_PORT}, max_connections 200, fsync on)"
  printf '%s' "$desired_conf" > "$DROPIN"
  chown postgres:postgres "$DROPIN"
  need_restart=1
fi
# postgresql.conf sets `port` itself; keep it consistent with ours so pg_lsclusters reports it.
if ! grep -Eq "^[[:space:]]*port[[:space:]]*=[[:space:]]*${PG_PORT}([^0-9]|$)" "$CONF_DIR/postgresql.conf"; then
  log "setting port = ${PG_PORT} in $CONF_DIR/postgresql.conf"
  sed -i -E "s/^[[:space:]]*#?[[:space:]]*port[[:space:]]*=.*/port = ${PG_PORT}/" "$CONF_DIR/postgresql.conf"
  need_restart=1
fi

# pg_hba.conf: password auth for TCP connections from 127.0.0.1 (first matching line wins).
HBA="$CONF_DIR/pg_hba.conf"
HBA_LINE="host    all             all             ${PG_HOST}/32            scram-sha-256   # nightshift"
if ! grep -Fqx "$HBA_LINE" "$HBA"; then
  log "allowing password (scram-sha-256) auth from ${PG_HOST} in $HBA"
  tmp="$(mktemp)"
  { printf '%s\n' "$HBA_LINE"; grep -v '# nightshift$' "$HBA"; } > "$tmp"
  cat "$tmp" > "$HBA"
  rm -f "$tmp"
  need_reload=1
fi

# 4. Server process.
if cluster_online; then
  if [ "$need_restart" -eq 1 ]; then
    log "configuration changed: restarting cluster ${PG_VERSION}/${PG_CLUSTER}"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart >&2
  elif [ "$need_reload" -eq 1 ]; then
    log "pg_hba.conf changed: reloading cluster ${PG_VERSION}/${PG_CLUSTER}"
    pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" reload >&2
  else
    log "cluster ${PG_VERSION}/${PG_CLUSTER} is already running"
  fi
else
  log "starting cluster ${PG_VERSION}/${PG_CLUSTER}"
  remove_stale_pid
  pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start >&2
fi
wait_ready 60

# 5. Role and database.
if [ "$(psql_admin -Atc "SELECT 1 FROM pg_roles WHERE rolname = '${NS_USER}'")" = "1" ]; then
  log "role ${NS_USER} exists"
else
  log "creating role ${NS_USER}"
  psql_admin -c "CREATE ROLE ${NS_USER} LOGIN CREATEDB PASSWORD '${NS_PASSWORD}'"
fi
# Cheap and keeps the documented password true even if someone changed it.
psql_admin -c "ALTER ROLE ${NS_USER} LOGIN CREATEDB PASSWORD '${NS_PASSWORD}'"
if [ "$(psql_admin -Atc "SELECT 1 FROM pg_database WHERE datname = '${NS_DB}'")" = "1" ]; then
  log "database ${NS_DB} exists"
else
  log "creating database ${NS_DB} owned by ${NS_USER}"
  psql_admin -c "CREATE DATABASE ${NS_DB} OWNER ${NS_USER}"
fi

# 6. Check the way the tests connect: TCP, password.
if ! out="$(PGPASSWORD="$NS_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -w -h "$PG_HOST" -p "$PG_PORT" -U "$NS_USER" -d "$NS_DB" -Atc 'SELECT current_user' 2>&1)" \
   || [ "$out" != "$NS_USER" ]; then
  die "cannot log in as ${NS_USER} over TCP with a password: $out"
fi
log "login as ${NS_USER}@${PG_HOST}:${PG_PORT}/${NS_DB} with password works (ready in $((SECONDS - t0))s)"

echo "$CONN_STRING"
