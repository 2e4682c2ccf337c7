-- psql "$NIGHTSHIFT_DB" -v hub=default -f infra/sql/postgres/production-nights.sql
SET search_path TO nightshift;
-- Night status of the main production: which nights are done, which are photometric, which failed and where.
-- Change the name (and versions) for a test production.
SELECT night, status, photometric, round(extinction_rms::numeric, 4) AS rms, failed_plan, error
FROM v_production_nights
WHERE hub = :'hub' AND name = 'main'
ORDER BY night;
