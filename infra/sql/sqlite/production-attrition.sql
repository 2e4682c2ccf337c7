-- Attrition of the main production: for each night and target chain, its status and its jobs by state, and the
-- stderr tail of a failed job (SNfactory's job_attrition over the jobs table).
SELECT 'night' AS kind, n.night AS unit, n.status, n.failed_plan,
       (SELECT COUNT(*) FROM jobs j WHERE j.instance_id = n.instance_id AND j.state = 'completed') AS completed_jobs,
       (SELECT COUNT(*) FROM jobs j WHERE j.instance_id = n.instance_id AND j.state NOT IN ('completed', 'pending', 'submitting', 'queued', 'running', 'held')) AS failed_jobs,
       (SELECT j.stderr_tail FROM jobs j WHERE j.instance_id = n.instance_id AND j.state = 'failed' ORDER BY j.ended_at DESC LIMIT 1) AS stderr_tail
FROM production_nights n WHERE n.name = 'main' AND n.status <> 'done'
UNION ALL
SELECT 'target', t.target, t.status, t.failed_plan,
       (SELECT COUNT(*) FROM jobs j WHERE j.instance_id = t.instance_id AND j.state = 'completed'),
       (SELECT COUNT(*) FROM jobs j WHERE j.instance_id = t.instance_id AND j.state NOT IN ('completed', 'pending', 'submitting', 'queued', 'running', 'held')),
       coalesce((SELECT j.stderr_tail FROM jobs j WHERE j.instance_id = t.instance_id AND j.state = 'failed' ORDER BY j.ended_at DESC LIMIT 1), t.error)
FROM production_targets t WHERE t.name = 'main' AND t.status <> 'done'
ORDER BY 1, 2;
