-- Who holds what right now: instances locked by an episode and tasks leased by a worker, per worker, with the
-- time their claim expires (a dead worker's claims run out then and other workers take the work over).
-- psql "$NIGHTSHIFT_DB" -v hub=default -f infra/sql/postgres/workers.sql
SET search_path TO nightshift;
SELECT locked_by AS worker, 'instances locked' AS what, count(*) AS n, max(locked_until) AT TIME ZONE 'UTC' AS until
FROM instances WHERE hub = :'hub' AND locked_by IS NOT NULL AND locked_until > now() GROUP BY locked_by
UNION ALL
SELECT locked_by, 'tasks leased', count(*), max(visible_at) AT TIME ZONE 'UTC'
FROM new_tasks WHERE hub = :'hub' AND locked_by IS NOT NULL AND visible_at > now() GROUP BY locked_by
ORDER BY worker, what;
