-- LAP with --executor slurm on a PostgreSQL store: the batch jobs of each run by kernel and state, with their wall time.
-- The LAP ledger itself (lap_runs, lap_exposures) is in the same schema: infra/sql/postgres/lap-runs.sql, lap-exposures.sql.
-- psql "$NIGHTSHIFT_DB" -v hub=default -f infra/sql/postgres/lap-jobs.sql
SET search_path TO nightshift;
SELECT instance_id AS lap_id, spec->>'kernel' AS kernel, state, count(*) AS jobs,
       count(DISTINCT batch_name) AS arrays,
       round(avg(extract(epoch FROM ended_at - started_at))::numeric, 2) AS avg_seconds,
       count(*) FILTER (WHERE attempt > 1) AS retries
FROM v_jobs
WHERE hub = :'hub' AND spec->>'kernel' LIKE 'lap-%'
GROUP BY instance_id, spec->>'kernel', state
ORDER BY instance_id, kernel, state;
