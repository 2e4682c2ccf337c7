#!/usr/bin/env bash
# Runs every test of the solution against real servers: installs and starts PostgreSQL and a one-node
# SLURM cluster when they are missing (Debian packages), builds once, runs each MSTest project, and ends
# with one line "tests: N passed, N failed". Exits non-zero when any test fails or cannot run.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

configuration="${CONFIGURATION:-Release}"
log_dir="${NIGHTSHIFT_TEST_LOGS:-$root/out/test-logs}"
mkdir -p "$log_dir"

echo "== servers"
if ! pg="$(bash infra/postgres/start.sh)"; then
  echo "infra/postgres/start.sh failed; tests that need PostgreSQL will fail" >&2
fi
export NIGHTSHIFT_TEST_PG="${NIGHTSHIFT_TEST_PG:-$(printf '%s\n' "${pg:-}" | tail -n 1)}"
if ! bash infra/slurm/start.sh >&2; then
  echo "infra/slurm/start.sh failed; tests that need SLURM will fail" >&2
fi
# slurmctld keeps its queue across restarts; jobs left by an earlier run on this machine would hold the
# two CPUs of the test cluster and time the SLURM tests out. CI starts from an empty queue.
if [ "${CI:-}" = "true" ] && command -v scancel >/dev/null 2>&1; then
  scancel -u "$(id -un)" 2>/dev/null || true
fi

echo "== build ($configuration)"
dotnet build Workflows.sln -c "$configuration" -nologo >"$log_dir/build.log" 2>&1
build=$?
grep -E ' error |Warn|Error' "$log_dir/build.log" | sort -u | tail -n 30
if [ "$build" -ne 0 ]; then
  echo "tests: 0 passed, 1 failed (the build failed; see $log_dir/build.log)"
  exit 1
fi

passed=0
failed=0
status=0
# Only *.Tests projects are test executables; a helper such as the PostgreSQL tests' worker process is not.
for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  exe="$(dirname "$project")/bin/$configuration/net10.0/$name"
  [ -x "$exe" ] || exe="${NS_BUILD_ROOT:-}/bin/$name/$configuration/net10.0/$name"
  echo "== $name"
  if [ ! -x "$exe" ]; then
    echo "   no test executable at $exe"
    failed=$((failed + 1)); status=1
    continue
  fi
  out="$log_dir/$name.log"
  # Each project runs in its own process; a crash is a failure, never a silent pass.
  "$exe" --progress off --no-ansi --output detailed >"$out" 2>&1
  code=$?
  grep -E '^(failed|passed|skipped) ' "$out" | grep -v '^passed ' | head -n 50
  total=$(grep -E '^\s*total: [0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+')
  ok=$(grep -E '^\s*succeeded: [0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+')
  bad=$(grep -E '^\s*failed: [0-9]+' "$out" | tail -n 1 | grep -oE '[0-9]+')
  total=${total:-0}; ok=${ok:-0}; bad=${bad:-0}
  echo "   $ok passed, $bad failed of $total (exit $code, log $out)"
  passed=$((passed + ok))
  failed=$((failed + bad))
  # Exit code 8 is "no tests ran": a project with no tests is not a failure; any other non-zero is.
  if [ "$code" -ne 0 ] && [ "$code" -ne 8 ]; then
    status=1
    if [ "$bad" -eq 0 ]; then failed=$((failed + 1)); tail -n 20 "$out"; fi
  fi
done

echo "tests: $passed passed, $failed failed"
exit $status
