-- What is waiting: messages per instance (with the oldest), and activity tasks not yet finished (leased or not;
-- for a leased task visible_at is the end of its lease).
-- psql "$NIGHTSHIFT_DB" -v hub=default -f infra/sql/postgres/backlog.sql
SET search_path TO nightshift;
SELECT 'message' AS kind, instance_id, event_type AS what, count(*) AS n, min(visible_at) AT TIME ZONE 'UTC' AS oldest
FROM new_events WHERE hub = :'hub' GROUP BY instance_id, event_type
UNION ALL
SELECT 'task', instance_id, name || CASE WHEN locked_by IS NULL THEN '' ELSE ' (leased by ' || locked_by || ' until ' || max(visible_at) AT TIME ZONE 'UTC' || ')' END,
       count(*), min(created_at) AT TIME ZONE 'UTC'
FROM new_tasks WHERE hub = :'hub' GROUP BY instance_id, name, locked_by
ORDER BY oldest;
