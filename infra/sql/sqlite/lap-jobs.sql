-- LAP with --executor slurm: the batch jobs of each run by kernel and state, with their wall time (jobs).
SELECT instance_id AS lap_id, json_extract(spec, '$.kernel') AS kernel, state, COUNT(*) AS jobs,
       COUNT(DISTINCT batch_name) AS arrays,
       round(avg((julianday(ended_at) - julianday(started_at)) * 86400), 2) AS avg_seconds,
       SUM(attempt > 1) AS retries
FROM v_jobs
WHERE json_extract(spec, '$.kernel') LIKE 'lap-%'
GROUP BY instance_id, kernel, state
ORDER BY instance_id, kernel, state;
