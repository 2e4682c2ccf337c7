-- What is waiting: messages per instance (with the oldest), and activity tasks not yet finished (leased or not).
SELECT 'message' AS kind, instance_id, event_type AS what, count(*) AS n, min(visible_at) AS oldest
FROM new_events GROUP BY instance_id, event_type
UNION ALL
SELECT 'task', instance_id, name || CASE WHEN locked_by IS NULL THEN '' ELSE ' (leased by ' || locked_by || ')' END, count(*), min(created_at)
FROM new_tasks GROUP BY instance_id, name, locked_by
ORDER BY oldest;
