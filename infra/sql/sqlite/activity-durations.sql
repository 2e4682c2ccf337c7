-- Activity run time per activity name: from the episode that scheduled a task to the one that saw it complete.
SELECT s.name,
       count(*) AS calls,
       round(avg((julianday(c.timestamp) - julianday(s.timestamp)) * 86400.0), 3) AS avg_seconds,
       round(max((julianday(c.timestamp) - julianday(s.timestamp)) * 86400.0), 3) AS max_seconds
FROM v_history s
JOIN v_history c ON c.instance_id = s.instance_id AND c.execution_id = s.execution_id
                AND c.task_id = s.task_id AND c.event_type IN ('TaskCompleted', 'TaskFailed')
WHERE s.event_type = 'TaskScheduled'
GROUP BY s.name
ORDER BY avg_seconds DESC;
