-- Night status of the main production: which nights are done, which are photometric, which failed and where.
-- Change the name (and versions) for a test production.
SELECT night, status, photometric, round(extinction_rms, 4) AS rms, failed_plan, error
FROM v_production_nights
WHERE name = 'main'
ORDER BY night;
