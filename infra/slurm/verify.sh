#!/usr/bin/env bash
# End-to-end check of the single-node SLURM cluster started by start.sh: submits
# a plain job, a 10-task array, a failing job, a job that exceeds --mem, a job
# that exceeds --time=1 and a job that is cancelled, waits for all of them and
# checks the terminal states squeue -t all (and sacct, when accounting is on)
# report. Prints the raw squeue/sacct lines so the formats can be seen.
# Takes about 90 s because of the time-limit check; --quick skips that job (~10 s).
# Usage (as root):  bash infra/slurm/verify.sh [--quick]
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source-path=SCRIPTDIR source=common.sh
. "$HERE/common.sh"

quick=0
[ "${1:-}" = "--quick" ] && quick=1
scontrol ping 2>/dev/null | grep -q 'is UP' || die "slurmctld is not up: run infra/slurm/start.sh first"

WORK="$(mktemp -d /tmp/nightshift-slurm-verify.XXXXXX)"
chmod 0755 "$WORK"
cd "$WORK"
log "submitting test jobs (output in $WORK)"
declare -A expect
sub() { # sub EXPECTED_STATE sbatch-args...
  local want="$1" id; shift
  id="$(sbatch --parsable -o "$WORK/%x-%A_%a.out" "$@")"
  expect[$id]="$want"
  log "  job $id ($*) -> expect $want"
}
sub COMPLETED -J ns-echo --wrap 'echo hi'
# shellcheck disable=SC2016 # expanded by the job's shell
sub COMPLETED -J ns-array --array=0-9 --wrap 'echo $SLURM_ARRAY_TASK_ID'
sub FAILED -J ns-fail --wrap 'echo failing; exit 3'
sub OUT_OF_MEMORY -J ns-oom --mem=50M --wrap 'python3 -c "x = bytearray(500 * 1024 * 1024); import time; time.sleep(10)"'
sub CANCELLED -J ns-cancel --wrap 'sleep 300'
cancel_id=""
for id in "${!expect[@]}"; do [ "${expect[$id]}" = CANCELLED ] && cancel_id="$id"; done
[ "$quick" -eq 1 ] || sub TIMEOUT -J ns-timeout --time=1 --wrap 'sleep 120'

ids="$(IFS=,; echo "${!expect[*]}")"
FMT='%i|%A|%F|%K|%j|%T|%r|%N|%S|%e'
# Cancel once the job runs.
for ((i = 0; i < 120; i++)); do
  [ "$(squeue -h -j "$cancel_id" -o '%T' 2>/dev/null)" = RUNNING ] && break
  sleep 0.5
done
scancel "$cancel_id"

deadline=$((SECONDS + (quick ? 60 : 180)))
while :; do
  active="$(squeue -h -t PENDING,RUNNING,COMPLETING,CONFIGURING,SUSPENDED -j "$ids" -o '%i' 2>/dev/null | wc -l)"
  [ "$active" -eq 0 ] && break
  [ "$SECONDS" -lt "$deadline" ] || die "jobs still active after the deadline: $(squeue -h -j "$ids" -o '%i:%T' | tr '\n' ' ')"
  sleep 2
done

echo "== squeue -t all -h -j $ids -o '$FMT'"
squeue -t all -h -j "$ids" -o "$FMT" | sort -t'|' -k2 -n
if sacct -n -X -j 1 >/dev/null 2>&1; then
  sleep 2 # slurmctld sends the final records to slurmdbd asynchronously
  echo "== sacct -X -P -n -j $ids -o JobID,JobIDRaw,JobName,State,ExitCode,DerivedExitCode,Reason,Start,End,Elapsed,NodeList"
  sacct -X -P -n -j "$ids" -o JobID,JobIDRaw,JobName,State,ExitCode,DerivedExitCode,Reason,Start,End,Elapsed,NodeList
fi
echo "== sacct -c -P -n -j $ids -o JobID,JobName,State,ExitCode (jobcomp file; stderr dropped)"
sacct -c -P -n -j "$ids" -o JobID,JobName,State,ExitCode 2>/dev/null || true

fail=0
for id in "${!expect[@]}"; do
  states="$(squeue -t all -h -j "$id" -o '%T' | sort -u | tr '\n' ' ' | sed 's/ $//')"
  if [ "$states" = "${expect[$id]}" ]; then
    log "OK   job $id: $states"
  else
    log "FAIL job $id: expected ${expect[$id]}, got '$states'"
    fail=1
  fi
done
[ "$fail" -eq 0 ] || die "some jobs did not end as expected"
log "all jobs ended as expected"
rm -rf "$WORK"
