-- psql "$NIGHTSHIFT_DB" -v hub=default -f infra/sql/postgres/production-outputs.sql
SET search_path TO nightshift;
-- Registered outputs of the main production per plan: files and bytes (compare with 'nightshift production check main').
SELECT unit_kind, plan, COUNT(*) AS files, SUM(bytes) AS bytes, COUNT(DISTINCT unit) AS units
FROM v_production_outputs
WHERE hub = :'hub' AND name = 'main'
GROUP BY unit_kind, plan
ORDER BY unit_kind, plan;
