#!/usr/bin/env bash
# Starts a single-node SLURM cluster on this machine for Nightshift's tests.
#
#  - installs Debian's `slurm-wlm` and `munge` (Slurm 22.05 on Debian 12), and for
#    accounting `slurmdbd` and `mariadb-server`, when missing
#  - creates /etc/munge/munge.key if missing and starts munged
#  - accounting (default NIGHTSHIFT_SLURM_ACCOUNTING=slurmdbd): starts MariaDB
#    (mysqld_safe, bound to 127.0.0.1) and slurmdbd, so plain `sacct` works as on
#    a real cluster (state, exit code, times, array ids, MaxRSS) for any past job.
#    With NIGHTSHIFT_SLURM_ACCOUNTING=none there is no slurmdbd/MariaDB and plain
#    `sacct` says "Slurm accounting storage is disabled"; then only `sacct -c`
#    (reads the jobcomp file below) and `squeue -t all` (for MinJobAge=300 s after
#    a job ends) report finished jobs.
#    In both modes JobCompType=jobcomp/filetxt also writes one line per finished
#    job to /var/log/slurm/jobcomp.log.
#  - writes /etc/slurm/slurm.conf (and cgroup.conf, slurmdbd.conf) for this host:
#    one node named `hostname -s` with this machine's CPUs and a bit less than its
#    memory, one partition `debug` (Default, MaxTime=INFINITE), select/cons_tres
#    with CR_Core_Memory so every job has a memory limit (DefMemPerCPU=1024 MB
#    when it asks for none)
#  - memory enforcement: when the cgroup v1 memory/freezer hierarchies are
#    writable (true on this machine), proctrack/cgroup + task/cgroup with
#    ConstrainRAMSpace let the kernel enforce --mem, and a job that exceeds it
#    ends OUT_OF_MEMORY; otherwise proctrack/linuxproc + OverMemoryKill (polled).
#    Force a choice with NIGHTSHIFT_SLURM_CGROUP=1 or 0.
#  - starts slurmctld and slurmd as daemons (no systemd), waits until the node is
#    up (idle, or mixed/allocated when jobs are running) and resumes it if it is
#    down or drained.
#
# Idempotent: a second run finds everything running and only checks it (< 1 s).
# When the generated configuration differs from the one in place (other host
# name or memory, other mode, edited script) the daemons are restarted with it.
# See README.md beside this script for what was verified on this machine.
# Usage (as root):  bash infra/slurm/start.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$HERE/common.sh"

t0=$SECONDS
ACCOUNTING="${NIGHTSHIFT_SLURM_ACCOUNTING:-slurmdbd}"
case "$ACCOUNTING" in
  slurmdbd|none) ;;
  *) die "NIGHTSHIFT_SLURM_ACCOUNTING must be 'slurmdbd' or 'none', not '$ACCOUNTING'" ;;
esac

# 1. Packages.
need=()
for cmd in slurmctld slurmd sbatch munged; do command -v "$cmd" >/dev/null || need+=("$cmd"); done
if [ "$ACCOUNTING" = slurmdbd ]; then
  for cmd in slurmdbd mariadbd mysqld_safe mariadb-admin; do
    command -v "$cmd" >/dev/null || [ -x "/usr/sbin/$cmd" ] || need+=("$cmd")
  done
fi
if [ "${#need[@]}" -eq 0 ]; then
  log "packages are installed ($(slurmctld -V))"
else
  pkgs=(slurm-wlm munge)
  [ "$ACCOUNTING" = slurmdbd ] && pkgs+=(slurmdbd mariadb-server)
  log "missing ${need[*]}: installing ${pkgs[*]} from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q "${pkgs[@]}" >&2; then
    log "install failed; running apt-get update and retrying"
    apt-get update -q >&2
    apt-get install -y -q "${pkgs[@]}" >&2
  fi
  log "installed $(slurmctld -V)"
fi

# 2. munge.
install -d -o munge -g munge -m 0700 /etc/munge /var/log/munge
install -d -o munge -g munge -m 0711 /var/lib/munge
install -d -o munge -g munge -m 0755 /run/munge
if [ ! -s /etc/munge/munge.key ]; then
  log "creating /etc/munge/munge.key"
  if command -v mungekey >/dev/null; then
    mungekey --create --keyfile=/etc/munge/munge.key --force
  else
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
  fi
fi
chown munge:munge /etc/munge/munge.key
chmod 0400 /etc/munge/munge.key
if munge_works; then
  log "munged is running"
else
  if daemon_running "$MUNGED_PID" munged; then
    log "munged runs but does not answer: restarting it"
    stop_daemon "$MUNGED_PID" munged 10
  fi
  log "starting munged"
  rm -f "$MUNGED_PID"
  runuser -u munge -- /usr/sbin/munged --pid-file="$MUNGED_PID"
  for ((i = 0; i < 100; i++)); do munge_works && break; sleep 0.1; done
  munge_works || die "munged does not answer (see /var/log/munge/munged.log)"
  log "munged is running"
fi

# 3. Configuration for this host.
NODE="$(hostname -s)"
# `slurmd -C` prints the hardware line slurmd checks the configuration against.
HW="$(slurmd -C | head -n 1)"
hw() { sed -nE "s/.*[[:space:]]$1=([0-9]+).*/\1/p" <<<"$HW"; }
CPUS="$(hw CPUs)"; BOARDS="$(hw Boards)"; SOCKETS="$(hw SocketsPerBoard)"
CORES="$(hw CoresPerSocket)"; THREADS="$(hw ThreadsPerCore)"; MEM_TOTAL="$(hw RealMemory)"
if [ -z "$CPUS" ] || [ -z "$MEM_TOTAL" ]; then die "cannot parse 'slurmd -C': $HW"; fi
# Leave 5% (at least 512 MB) to the OS, so slurmd never finds less than configured.
MEM_RESERVE=$(( MEM_TOTAL / 20 > 512 ? MEM_TOTAL / 20 : 512 ))
REAL_MEMORY=$(( MEM_TOTAL - MEM_RESERVE ))

cgroup_v1_usable() {
  [ "$(stat -f -c %T /sys/fs/cgroup 2>/dev/null)" = "tmpfs" ] || return 1
  local c d
  for c in memory freezer; do
    [ "$(stat -f -c %T "/sys/fs/cgroup/$c" 2>/dev/null)" = "cgroupfs" ] || return 1
  done
  [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ] || return 1
  d="/sys/fs/cgroup/memory/nightshift-probe-$$"
  mkdir "$d" 2>/dev/null || return 1
  rmdir "$d"
}
case "${NIGHTSHIFT_SLURM_CGROUP:-auto}" in
  1|yes|true) USE_CGROUP=1 ;;
  0|no|false) USE_CGROUP=0 ;;
  *) if cgroup_v1_usable; then USE_CGROUP=1; else USE_CGROUP=0; fi ;;
esac
if [ "$USE_CGROUP" -eq 1 ]; then
  log "memory limits: cgroup v1 (proctrack/cgroup + task/cgroup, enforced by the kernel)"
  PLUGINS="ProctrackType=proctrack/cgroup
TaskPlugin=task/cgroup,task/affinity
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=task=5"
else
  log "memory limits: no usable cgroups, proctrack/linuxproc + OverMemoryKill (polled every 2 s)"
  PLUGINS="ProctrackType=proctrack/linuxproc
TaskPlugin=task/affinity
JobAcctGatherType=jobacct_gather/linux
JobAcctGatherFrequency=task=2
JobAcctGatherParams=OverMemoryKill"
fi
if [ "$ACCOUNTING" = slurmdbd ]; then
  log "accounting: slurmdbd + MariaDB (plain sacct works)"
  ACCT="# Accounting through slurmdbd (MariaDB on this machine): plain sacct works.
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=localhost
AccountingStoragePort=6819"
else
  log "accounting: none (plain sacct is disabled; use squeue -t all, or sacct -c)"
  ACCT="# No accounting storage: plain sacct is disabled; 'sacct -c' reads the jobcomp file.
AccountingStorageType=accounting_storage/none"
fi

desired_conf="# Written by nightshift infra/slurm/start.sh for host ${NODE}; rewritten when it changes.
ClusterName=nightshift
SlurmctldHost=${NODE}(127.0.0.1)
SlurmUser=slurm
AuthType=auth/munge
CryptoType=crypto/munge
MpiDefault=none
MailProg=/bin/true
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=${SLURMCTLD_PID}
SlurmdPidFile=${SLURMD_PID}
SlurmctldLogFile=${SLURM_LOG_DIR}/slurmctld.log
SlurmdLogFile=${SLURM_LOG_DIR}/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info

${PLUGINS}

SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
# Memory a job gets per CPU when it asks for none (else it would take the whole node).
DefMemPerCPU=1024

# Scheduling: start jobs within a second or two of submission.
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2,bf_interval=5,batch_sched_delay=0
MaxArraySize=1001
MaxJobCount=20000
# Finished jobs stay visible to squeue/scontrol for 300 s.
MinJobAge=300
# Time limits: no grace, SIGTERM then SIGKILL 5 s later. slurmctld checks limits
# about every 30 s, so a --time=1 job ends TIMEOUT 60-90 s after it started.
OverTimeLimit=0
KillWait=5
InactiveLimit=0
SlurmctldTimeout=120
SlurmdTimeout=300
MessageTimeout=10
ReturnToService=2

${ACCT}
JobCompType=jobcomp/filetxt
JobCompLoc=${JOBCOMP_LOG}

NodeName=${NODE} NodeAddr=127.0.0.1 CPUs=${CPUS} Boards=${BOARDS:-1} SocketsPerBoard=${SOCKETS:-1} CoresPerSocket=${CORES:-$CPUS} ThreadsPerCore=${THREADS:-1} RealMemory=${REAL_MEMORY} State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
"
desired_cgroup_conf="# Written by nightshift infra/slurm/start.sh.
CgroupPlugin=cgroup/v1
CgroupMountpoint=/sys/fs/cgroup
ConstrainCores=no
ConstrainDevices=no
ConstrainRAMSpace=yes
ConstrainSwapSpace=no
"
desired_dbd_conf="# Written by nightshift infra/slurm/start.sh.
AuthType=auth/munge
DbdHost=localhost
DbdAddr=127.0.0.1
DbdPort=6819
SlurmUser=slurm
PidFile=${SLURMDBD_PID}
LogFile=${SLURM_LOG_DIR}/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageUser=slurm
StoragePass=slurmdbd
StorageLoc=slurm_acct_db
"
desired_mariadb_cnf="# Written by nightshift infra/slurm/start.sh (values slurmdbd recommends).
[mysqld]
bind-address = 127.0.0.1
innodb_buffer_pool_size = 256M
innodb_lock_wait_timeout = 900
"

# write_if_changed FILE CONTENT OWNER MODE: prints 1 when it wrote the file.
write_if_changed() {
  if [ "$(cat "$1" 2>/dev/null || true)" != "$(printf '%s' "$2")" ]; then
    log "writing $1"
    printf '%s' "$2" > "$1"
    chown "$3" "$1"; chmod "$4" "$1"
    echo 1
  else
    chown "$3" "$1"; chmod "$4" "$1"
    echo 0
  fi
}
install -d -m 0755 /etc/slurm
slurm_changed="$(write_if_changed "$SLURM_CONF" "$desired_conf" root:root 0644)"
cgroup_changed="$(write_if_changed "$CGROUP_CONF" "$desired_cgroup_conf" root:root 0644)"
[ "$slurm_changed$cgroup_changed" = 00 ] && log "$SLURM_CONF is up to date"
log "node ${NODE}: ${CPUS} CPUs, RealMemory=${REAL_MEMORY} MB of ${MEM_TOTAL} MB"
config_changed=0
[ "$slurm_changed$cgroup_changed" != 00 ] && config_changed=1

install -d -o slurm -g slurm -m 0755 /var/spool/slurmctld "$SLURM_LOG_DIR"
install -d -o root -g root -m 0755 /var/spool/slurmd
touch "$JOBCOMP_LOG"
chown slurm:slurm "$JOBCOMP_LOG"

# 4. Daemons.
if [ "$config_changed" -eq 1 ]; then
  if daemon_running "$SLURMD_PID" slurmd || daemon_running "$SLURMCTLD_PID" slurmctld; then
    log "configuration changed: restarting slurmctld and slurmd"
    stop_daemon "$SLURMD_PID" slurmd 30
    stop_daemon "$SLURMCTLD_PID" slurmctld 30
  fi
fi

if [ "$ACCOUNTING" = slurmdbd ]; then
  # 4a. MariaDB for slurmdbd.
  install -d -m 0755 "$(dirname "$MARIADB_CNF")"
  cnf_changed="$(write_if_changed "$MARIADB_CNF" "$desired_mariadb_cnf" root:root 0644)"
  if mariadb_works && [ "$cnf_changed" = 1 ]; then
    log "MariaDB configuration changed: restarting MariaDB"
    daemon_running "$SLURMDBD_PID" slurmdbd && stop_daemon "$SLURMDBD_PID" slurmdbd 30
    mariadb-admin shutdown
    for ((i = 0; i < 300; i++)); do pgrep -x mariadbd >/dev/null || break; sleep 0.1; done
  fi
  if mariadb_works; then
    log "MariaDB is running"
  else
    log "starting MariaDB (mysqld_safe)"
    install -d -o mysql -g mysql -m 0755 /run/mysqld
    if [ ! -d /var/lib/mysql/mysql ]; then
      log "initialising the MariaDB data directory /var/lib/mysql"
      install -d -o mysql -g mysql -m 0755 /var/lib/mysql
      mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
    fi
    setsid mysqld_safe --skip-syslog </dev/null >/dev/null 2>&1 &
    for ((i = 0; i < 600; i++)); do mariadb_works && break; sleep 0.1; done
    mariadb_works || { tail -n 20 /var/lib/mysql/*.err >&2 || true; die "MariaDB did not start"; }
    log "MariaDB is running"
  fi
  mariadb -e "CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED BY 'slurmdbd';
              ALTER USER 'slurm'@'localhost' IDENTIFIED BY 'slurmdbd';
              GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';"

  # 4b. slurmdbd.
  dbd_changed="$(write_if_changed "$SLURMDBD_CONF" "$desired_dbd_conf" slurm:slurm 0600)"
  if [ "$dbd_changed" = 1 ] && daemon_running "$SLURMDBD_PID" slurmdbd; then
    log "slurmdbd.conf changed: restarting slurmdbd"
    stop_daemon "$SLURMDBD_PID" slurmdbd 30
  fi
  if daemon_running "$SLURMDBD_PID" slurmdbd; then
    log "slurmdbd is running"
  else
    log "starting slurmdbd"
    rm -f "$SLURMDBD_PID"
    slurmdbd
  fi
  for ((i = 0; i < 60; i++)); do slurmdbd_works && break; sleep 0.5; done
  slurmdbd_works || { tail -n 20 "$SLURM_LOG_DIR/slurmdbd.log" >&2 || true; die "slurmdbd does not answer"; }
else
  # Accounting off: slurmdbd would only be in the way.
  daemon_running "$SLURMDBD_PID" slurmdbd && stop_daemon "$SLURMDBD_PID" slurmdbd 30
fi

# 4c. slurmctld and slurmd.
if daemon_running "$SLURMCTLD_PID" slurmctld; then
  log "slurmctld is running"
else
  log "starting slurmctld"
  rm -f "$SLURMCTLD_PID"
  slurmctld
fi
for ((i = 0; i < 300; i++)); do
  scontrol ping 2>/dev/null | grep -q 'is UP' && break
  sleep 0.1
done
scontrol ping 2>/dev/null | grep -q 'is UP' || {
  tail -n 20 "$SLURM_LOG_DIR/slurmctld.log" >&2 || true
  die "slurmctld does not answer (see $SLURM_LOG_DIR/slurmctld.log)"
}
if daemon_running "$SLURMD_PID" slurmd; then
  log "slurmd is running"
else
  log "starting slurmd"
  rm -f "$SLURMD_PID"
  slurmd
fi

# 5. Wait for the node.
node_state() { sinfo -h -N -n "$NODE" -o '%T' 2>/dev/null | head -n 1; }
resumed=0
state=""
for ((i = 0; i < 600; i++)); do
  state="$(node_state)"
  case "$state" in
    idle|mixed|allocated|completing) break ;;
    down*|drain*|fail*)
      if [ "$resumed" -eq 0 ]; then
        reason="$(sinfo -h -N -n "$NODE" -o '%E' 2>/dev/null | head -n 1)"
        log "node ${NODE} is ${state} (${reason:-no reason}): resuming it"
        scontrol update nodename="$NODE" state=resume 2>&1 | sed 's/^/[slurm]   /' >&2 || true
        resumed=1
      fi ;;
  esac
  sleep 0.1
done
case "$state" in
  idle|mixed|allocated|completing) ;;
  *) tail -n 20 "$SLURM_LOG_DIR/slurmd.log" >&2 || true
     die "node ${NODE} is '${state}', not up after 60 s (see $SLURM_LOG_DIR/slurmd.log and slurmctld.log)" ;;
esac
if [ "$ACCOUNTING" = slurmdbd ]; then
  # slurmctld registers the cluster with slurmdbd by itself when it starts.
  for ((i = 0; i < 50; i++)); do
    sacctmgr -n -P list cluster format=cluster 2>/dev/null | grep -qx nightshift && break
    sleep 0.2
  done
  sacctmgr -n -P list cluster format=cluster 2>/dev/null | grep -qx nightshift \
    || die "cluster 'nightshift' is not registered in slurmdbd (see $SLURM_LOG_DIR/slurmctld.log)"
fi
log "node ${NODE} is ${state}; partition debug is up; accounting: ${ACCOUNTING} (ready in $((SECONDS - t0))s)"
sinfo >&2
