-- How many instances of each pipeline are in each status.
-- psql "$NIGHTSHIFT_DB" -v hub=default -f infra/sql/postgres/instances-by-status.sql
SET search_path TO nightshift;
SELECT name, status, count(*) AS instances, min(created_at) AS first, max(updated_at) AS last
FROM v_instances
WHERE hub = :'hub'
GROUP BY name, status
ORDER BY name, status;
