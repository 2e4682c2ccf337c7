-- How many instances of each pipeline are in each status.
-- sqlite3 nightshift.db < infra/sql/sqlite/instances-by-status.sql
SELECT name, status, count(*) AS instances, min(created_at) AS first, max(updated_at) AS last
FROM v_instances
GROUP BY name, status
ORDER BY name, status;
