-- Every registered production (name, code version, output version) with its latest run and its counts.
-- sqlite3 -header -column nightshift.db < infra/sql/sqlite/productions.sql
SELECT name, code_version, output_version, mode, status, nights_done, nights_failed,
       targets_done, targets_failed, targets_blocked, instance_id, started_at, ended_at, output_dir
FROM v_productions
ORDER BY started_at DESC;
