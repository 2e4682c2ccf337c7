-- Steps that are running now or failed, across every scope (pipeline field or production), newest first; a failed
-- step runs again on the next run of its configuration, a running one is the current step of its instance.
-- psql "$NIGHTSHIFT_DB" -v hub=default -f infra/sql/postgres/steps-running-and-failed.sql
SET search_path TO nightshift;
SELECT scope, step_key, status, instance_id, started_at, completed_at, error
FROM v_steps
WHERE hub = :'hub' AND status IN ('running', 'failed')
ORDER BY started_at DESC;
