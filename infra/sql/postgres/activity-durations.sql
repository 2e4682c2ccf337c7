-- Activity run time per activity name: from the episode that scheduled a task to the one that saw it complete.
-- psql "$NIGHTSHIFT_DB" -v hub=default -f infra/sql/postgres/activity-durations.sql   (tables in schema nightshift)
SET search_path TO nightshift;
SELECT s.name,
       count(*) AS calls,
       round(avg(EXTRACT(EPOCH FROM c.timestamp - s.timestamp)), 3) AS avg_seconds,
       round(max(EXTRACT(EPOCH FROM c.timestamp - s.timestamp)), 3) AS max_seconds
FROM v_history s
JOIN v_history c ON c.hub = s.hub AND c.instance_id = s.instance_id AND c.execution_id = s.execution_id
                AND c.task_id = s.task_id AND c.event_type IN ('TaskCompleted', 'TaskFailed')
WHERE s.hub = :'hub' AND s.event_type = 'TaskScheduled'
GROUP BY s.name
ORDER BY avg_seconds DESC;
