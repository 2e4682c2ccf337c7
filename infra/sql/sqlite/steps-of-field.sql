-- The steps ledger of one facet field (what checkfactor shows): each direction's operations, their state, the instance
-- that did them and when. Set the scope ('facet:' + the working directory) on the first line.
-- sqlite3 -header -column nightshift.db < infra/sql/sqlite/steps-of-field.sql
WITH params AS (SELECT 'facet:/data/field1/work' AS scope)
SELECT substr(step_key, 1, instr(step_key, '/') - 1)           AS direction,
       substr(step_key, instr(step_key, '/') + 1)              AS step,
       status,
       instance_id,
       started_at,
       completed_at,
       round((julianday(completed_at) - julianday(started_at)) * 86400, 1) AS seconds,
       coalesce(error, json_extract(result, '$.verification.reason'), '') AS note
FROM v_steps, params
WHERE v_steps.scope = params.scope AND step_key NOT LIKE '%/cycle%'
ORDER BY started_at;
