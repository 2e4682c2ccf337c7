-- psql "$NIGHTSHIFT_DB" -v hub=default -f infra/sql/postgres/productions.sql
SET search_path TO nightshift;
-- Every registered production (name, code version, output version) with its latest run and its counts.

SELECT name, code_version, output_version, mode, status, nights_done, nights_failed,
       targets_done, targets_failed, targets_blocked, instance_id, started_at, ended_at, output_dir
FROM v_productions
WHERE hub = :'hub'
ORDER BY started_at DESC;
